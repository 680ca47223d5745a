"""What the HTML pages kg writes share: their templates, and data put in them safely.

A page carries its data as JSON inside ``<script type="application/json">`` and its script
reads it with ``JSON.parse`` and shows text with ``textContent``: nothing from a document is
ever parsed as HTML.
"""

from __future__ import annotations

import json
from importlib import resources

__all__ = ["script_json", "template"]


def script_json(data: object) -> str:
    """``data`` as JSON that cannot end its ``<script>`` element: no "<", ">" or "&" from a
    document reaches the page source, even inside the JSON.

    >>> script_json({"title": "</script><b>"})
    '{"title": "\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    payload = json.dumps(data, ensure_ascii=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(char, escaped)
    return payload


def template(name: str) -> str:
    """The text of ``kg/templates/<name>``."""
    return resources.files("kg").joinpath("templates", name).read_text(encoding="utf-8")
