"""Deterministic IRIs: the same entity named in two documents gets the same IRI.

>>> str(entity_iri("Agency:ministry of power"))
'https://w3id.org/policy-kg/id/agency/ministry-of-power'
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from .namespace import BASE, DOC, ID

__all__ = [
    "entity_iri",
    "metric_iri",
    "document_iri",
    "evidence_iri",
    "observation_iri",
    "extractor_iri",
    "slug",
    "statement_iri",
    "membership_iri",
    "role_iri",
]

MAX_SLUG = 80


def slug(text: str) -> str:
    """Readable, IRI-safe and bounded: long names end in a hash of the whole name, and names
    with no ASCII letter or digit are that hash alone (so two of them never share an IRI).

    >>> slug("Ministry of Power"), slug("मंत्रालय") != slug("योजना")
    ('ministry-of-power', True)
    """
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.ASCII).strip("-")
    if not s:
        return "x-" + hashlib.sha1(text.lower().encode()).hexdigest()[:10]
    if len(s) > MAX_SLUG:
        s = s[: MAX_SLUG - 11].rstrip("-") + "-" + hashlib.sha1(text.encode()).hexdigest()[:10]
    return s


def entity_iri(key: str) -> URIRef:
    """``"Plan:14th five year plan"`` -> ``id/plan/14th-five-year-plan``."""
    type_, _, name = key.partition(":")
    return ID[f"{type_.lower()}/{slug(name)}"]


def metric_iri(metric: str) -> URIRef:
    return ID[f"metric/{slug(metric)}"]


def document_iri(document_key: str) -> URIRef:
    return DOC[document_key]


def evidence_iri(document_key: str, start: int, end: int) -> URIRef:
    return DOC[f"{document_key}/evidence/{start}-{end}"]


def observation_iri(document_key: str, start: int) -> URIRef:
    return DOC[f"{document_key}/observation/{start}"]


def statement_iri(document_key: str, subject: URIRef, predicate: URIRef, obj: URIRef) -> URIRef:
    """One statement per relation and document (the triple's hash keeps it short)."""
    digest = hashlib.sha1(f"{subject} {predicate} {obj}".encode()).hexdigest()[:16]
    return DOC[f"{document_key}/relation/{digest}"]


def acronym_use_iri(document_key: str, acronym: str) -> URIRef:
    return DOC[f"{document_key}/acronym/{slug(acronym)}"]


def membership_iri(document: str, person_key: str) -> URIRef:
    """A person's membership as one document states it."""
    return URIRef(f"{document}/membership/{slug(person_key.partition(':')[2])}")


def role_iri(role: str) -> URIRef:
    return ID[f"role/{slug(role)}"]


def extractor_iri(version: str) -> URIRef:
    return URIRef(f"{BASE}extractor/{version}")
