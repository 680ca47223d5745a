"""What makes two names one entity: canonical keys for names of agencies and policies.

The rule, in order (the first that applies decides the key):

1. A name the gazetteer knows (name, alias, acronym or former name) is that body, resolved by
   the document's country when several countries use the name: "Commerce Department",
   "U.S. Department of Commerce" and "DOC" in a US release are one node.
2. An agency's name is read without what does not change the body: a possessive ("EPA's"),
   a country or "Union" before it ("U.S.", "Union Home Ministry"), the ordinal of a term
   ("19th CPC Central Committee" is the CPC Central Committee); then rule 1 again.
3. "X Department" / "X Ministry" is "Department of X" / "Ministry of X".
4. Otherwise the canonical key of the name (case, quotes, "the", "&", "programme",
   "Govt." are not identity).

What stays apart: different words after this (the CPC Central Committee and its Political
Bureau; the Ministry of Finance of China and of India, by country); a body and its part
("Department of Agriculture" and "Farm Service Agency"). Acronyms that only one document
defines are merged across documents by the store (``kg.identity``), and users correct what
the rules get wrong in a corrections file (see ``kg.identity``).

>>> def same(a, b, country=None):
...     return entity_key("Agency", a, country) == entity_key("Agency", b, country)
>>> same("Commerce Department", "Department of Commerce", "US")
True
>>> same("19th CPC Central Committee", "CPC Central Committee")
True
>>> same("Political Bureau of the CPC Central Committee", "CPC Central Committee")
False
>>> same("Union Home Ministry", "Ministry of Home Affairs", "IN")
True
>>> same("Health Department", "Department of Health")
True
"""

from __future__ import annotations

import re

from .gazetteer import find_body
from .lexicon import canonical_key

__all__ = ["entity_key", "agency_core_name"]

POSSESSIVE = re.compile(r"['’]s?$")
ORDINAL = re.compile(
    r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:U\.S\.|US|USA|United States|UK|U\.K\.|Union|Indian|India['’]s|Chinese|"
    r"China['’]s|British|EU|European Union)\s+(?=\S+\s+\S)"
)
HEAD_LAST = re.compile(
    r"^(?P<field>(?:[A-Z][\w&-]*\s+){0,3}[A-Z][\w&-]*)\s+(?P<head>Department|Ministry)$"
)


def entity_key(type_: str, name: str, country: str | None = None) -> str:
    """The canonical key of an entity of ``type_`` named ``name`` in a document of ``country``."""
    body = find_body(name, country=country) if type_ == "Agency" else None
    if body is not None:
        return body.key
    name = POSSESSIVE.sub("", name.strip())
    if type_ != "Agency":
        return canonical_key(name)
    core = agency_core_name(name)
    body = find_body(core, country=country)
    return body.key if body is not None else canonical_key(core)


def agency_core_name(name: str) -> str:
    """An agency's name without qualifiers, with its head first.

    >>> agency_core_name("the 19th CPC Central Committee")
    'CPC Central Committee'
    >>> agency_core_name("U.S. Commerce Department")
    'Department of Commerce'
    """
    core = ORDINAL.sub("", name)
    core = QUALIFIER.sub("", core)
    core = re.sub(r"^the\s+", "", core, flags=re.IGNORECASE)
    head_last = HEAD_LAST.match(core)
    if head_last and head_last["field"].split()[0] not in {"State", "National", "Federal"}:
        core = f"{head_last['head']} of {head_last['field']}"
    return core
