"""What extraction hands to RDF building: small frozen records, no spaCy objects."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "EquivalentFact",
    "Evidence",
    "EntityFact",
    "ChangeFact",
    "ObservationFact",
    "RelationFact",
    "DocumentFacts",
    "ENTITY_TYPES",
    "POLICY_TYPES",
]

ENTITY_TYPES = ("Agency", "Plan", "Regulation", "Program", "Person")
POLICY_TYPES = ("Plan", "Regulation", "Program")


@dataclass(frozen=True)
class Evidence:
    """The sentence a fact was read from, with character offsets into the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class EntityFact:
    """A named thing of one of ``ENTITY_TYPES``; ``key`` is its canonical identity."""

    type: str
    name: str
    key: str
    aliases: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    role: str | None = None  # Person only: their role as this document states it
    agency_key: str | None = None  # Person only: the agency they hold that role in


@dataclass(frozen=True)
class ChangeFact:
    value: float
    unit: str
    basis: str | None = None  # "year-on-year", "compared with 2002", ...


@dataclass(frozen=True)
class EquivalentFact:
    """The same amount in another unit: "1.07 trillion yuan (about $161 billion)"."""

    value: float
    unit: str


@dataclass(frozen=True)
class ObservationFact:
    """One reported number: value in base units, unit code, what it measures, when."""

    metric: str
    value: float
    unit: str | None
    label: str
    evidence: Evidence
    surface: str  # the number as written, e.g. "1.47 trillion yuan"
    start: int  # character offset of the number in the document text
    period: str | None = None
    kind: str = "actual"  # actual | target | forecast
    change: ChangeFact | None = None
    reported_by: str | None = None  # the key of the agency that reported it
    lower: float | None = None  # a range's bounds ("70 to 80 centimetres"); value is the lower
    upper: float | None = None
    qualifier: str | None = None  # about, nearly, more than, at least, up to, less than, exactly
    equivalent: EquivalentFact | None = None  # the amount converted, in brackets after it


@dataclass(frozen=True)
class RelationFact:
    subject_key: str
    predicate: str  # responsibleAgency, partOf, implements, amends, repeals
    object_key: str
    evidence: Evidence


@dataclass(frozen=True)
class DocumentFacts:
    entities: tuple[EntityFact, ...] = ()
    observations: tuple[ObservationFact, ...] = ()
    relations: tuple[RelationFact, ...] = ()
    issuer: str | None = None  # the key of the agency the document speaks for
