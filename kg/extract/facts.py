"""What extraction hands to RDF building: small frozen records, no spaCy objects."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

__all__ = [
    "ACRONYM",
    "AcronymUse",
    "EquivalentFact",
    "Evidence",
    "EntityFact",
    "ChangeFact",
    "ObservationFact",
    "RelationFact",
    "DocumentFacts",
    "merged_facts",
    "shifted_facts",
    "ENTITY_TYPES",
    "POLICY_TYPES",
]

# an acronym as a word of its own: two to eight capitals ("EPA"; "R&D" names no body)
ACRONYM = re.compile(r"[A-Z]{2,8}")
ENTITY_TYPES = ("Agency", "Plan", "Regulation", "Program", "Person")
MAX_EVIDENCE_PER_ENTITY = 10
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
class AcronymUse:
    """An acronym the document uses without defining it or naming what it stands for: the
    store links it to the entity another document defined it for (``kg.identity``)."""

    acronym: str
    evidence: Evidence


@dataclass(frozen=True)
class DocumentFacts:
    entities: tuple[EntityFact, ...] = ()
    observations: tuple[ObservationFact, ...] = ()
    relations: tuple[RelationFact, ...] = ()
    issuer: str | None = None  # the key of the agency the document speaks for
    acronym_uses: tuple[AcronymUse, ...] = ()


# -- the facts of a text read in sections ----------------------------------------------------------
def shifted_facts(facts: DocumentFacts, offset: int) -> DocumentFacts:
    """``facts`` read from a section that starts ``offset`` characters into the document, with
    every character offset made the document's."""
    if offset == 0:
        return facts

    def shift(evidence: Evidence) -> Evidence:
        return replace(evidence, start=evidence.start + offset, end=evidence.end + offset)

    return DocumentFacts(
        tuple(replace(e, evidence=tuple(map(shift, e.evidence))) for e in facts.entities),
        tuple(
            replace(o, evidence=shift(o.evidence), start=o.start + offset)
            for o in facts.observations
        ),
        tuple(replace(r, evidence=shift(r.evidence)) for r in facts.relations),
        facts.issuer,
        tuple(replace(u, evidence=shift(u.evidence)) for u in facts.acronym_uses),
    )


def merged_facts(parts: list[DocumentFacts]) -> DocumentFacts:
    """The facts of a document's sections as one document's: an entity found in several
    sections once (the first section's name, every alias, the first evidence), every
    observation, each relation once, the first section's issuer, each acronym's first use
    (unless another section names what it stands for)."""
    entities: dict[tuple[str, str], EntityFact] = {}
    for entity in (e for part in parts for e in part.entities):
        seen = entities.get((entity.type, entity.key))
        entities[(entity.type, entity.key)] = (
            entity if seen is None else merged_entity(seen, entity)
        )
    return DocumentFacts(
        tuple(entities.values()),
        tuple(o for part in parts for o in part.observations),
        tuple(dict.fromkeys(r for part in parts for r in part.relations)),
        next((part.issuer for part in parts if part.issuer), None),
        first_uses_unnamed(parts, entities.values()),
    )


def first_uses_unnamed(
    parts: list[DocumentFacts], entities: Iterable[EntityFact]
) -> tuple[AcronymUse, ...]:
    named = {name for e in entities for name in (e.name, *e.aliases)}
    uses: dict[str, AcronymUse] = {}
    for use in (u for part in parts for u in part.acronym_uses):
        if use.acronym not in named:
            uses.setdefault(use.acronym, use)
    return tuple(uses.values())


def merged_entity(first: EntityFact, later: EntityFact) -> EntityFact:
    names = {*first.aliases, *later.aliases, later.name}
    aliases = {name for name in names if name.lower() != first.name.lower()}
    evidence = tuple(dict.fromkeys(first.evidence + later.evidence))[:MAX_EVIDENCE_PER_ENTITY]
    return replace(first, aliases=tuple(sorted(aliases)), evidence=evidence)
