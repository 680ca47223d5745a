"""A processed spaCy Doc -> ``DocumentFacts``: what the components found, as plain records.

The components (``kg.extract.components``) leave their findings on Doc extensions
(``doc._.kg_mentions``, ``kg_observations``, ``kg_relations``, ``kg_people``); this module reads
them into the frozen records of ``kg.extract.facts`` that RDF building takes.
"""

from __future__ import annotations

import re
from collections import defaultdict

from spacy.attrs import ORTH
from spacy.tokens import Doc

from .entities import Mention
from .facts import (
    ACRONYM,
    MAX_EVIDENCE_PER_ENTITY,
    AcronymUse,
    DocumentFacts,
    EntityFact,
    EquivalentFact,
    Evidence,
    ObservationFact,
    RelationFact,
)
from .gazetteer import bodies_by_key, body_with_key
from .identity import listed_policies
from .lexicon import canonical_key, strip_quotes
from .observations import ObservedNumber
from .text import doc_text, token_indices

__all__ = ["facts_from_doc", "preferred_name"]

# "Biden's Inflation Reduction Act" is no person: a possessive names what someone has
POSSESSIVE = re.compile(r"\w['’](?:s\b|\s|$)")
MAX_ACRONYM_USES = 50  # per document: a table of codes would otherwise add hundreds


def evidence_for(doc: Doc, start: int, end: int) -> Evidence:
    """The sentence around a character span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = span.sent if span is not None and len(span) else doc[:0].sent if len(doc) else None
    if sent is None:
        return Evidence(doc_text(doc)[start:end], start, end)
    # cut from the text: ``Span.text`` joins the sentence's tokens on each call
    return Evidence(
        doc_text(doc)[sent.start_char : sent.end_char].strip(), sent.start_char, sent.end_char
    )


def facts_from_doc(doc: Doc) -> DocumentFacts:
    """Everything the components found, as plain records for RDF building."""
    entities = entity_facts(doc, doc._.kg_mentions) + person_facts(doc)
    known = {e.key for e in entities}
    relations = tuple(
        RelationFact(r.subject_key, r.predicate, r.object_key, sentence_evidence(doc, r.sentence))
        for r in doc._.kg_relations
        if r.subject_key in known and r.object_key in known
    )
    observations = tuple(observation_fact(doc, o, known) for o in doc._.kg_observations)
    issuer = doc._.kg_issuer if doc._.kg_issuer in known else None
    uses = acronym_uses(doc, doc._.kg_mentions, {n for e in entities for n in (e.name, *e.aliases)})
    return DocumentFacts(tuple(entities), observations, relations, issuer, uses)


def acronym_uses(doc: Doc, mentions: list[Mention], named: set[str]) -> tuple[AcronymUse, ...]:
    """The first sentence of each acronym the document uses outside its entity names and
    never names what it stands for; all-capitals lines (headings) are not read. A body the
    gazetteer knows by the acronym is left to the gazetteer, which resolves it by the
    document's country: another document's "DBT" may be another country's body."""
    gazetteer = bodies_by_key()
    inside = {i for m in mentions for i in range(m.start, m.end)}
    uses: dict[str, AcronymUse] = {}
    # only the tokens written as an acronym, each distinct word tested once (not a Token per word)
    for i in token_indices(doc, ORTH, lambda text: ACRONYM.fullmatch(text) is not None):
        token = doc[i]
        acronym = token.text
        if (
            acronym not in uses
            and acronym not in named
            and canonical_key(acronym) not in gazetteer
            and token.idx not in inside
            and not in_capitals_run(token)
        ):
            uses[acronym] = AcronymUse(
                acronym, evidence_for(doc, token.idx, token.idx + len(token))
            )
            if len(uses) == MAX_ACRONYM_USES:
                break
    return tuple(uses.values())


def in_capitals_run(token) -> bool:
    """A word next to another word in capitals: a heading or a name in capitals, not an
    acronym among ordinary words."""
    doc = token.doc
    neighbours = (doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc))
    return any(n.is_alpha and n.is_upper and len(n) > 1 for n in neighbours)


def sentence_evidence(doc: Doc, sentence: tuple[int, int]) -> Evidence:
    start, end = sentence
    return Evidence(doc_text(doc)[start:end].strip(), start, end)


def entity_facts(doc: Doc, mentions: list[Mention]) -> list[EntityFact]:
    groups: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    for m in mentions:
        groups[(m.type, m.key)].append(m)
    facts = []
    for (type_, key), group in groups.items():
        name = preferred_name(type_, key, group)
        # every way the text writes it but the label's own (the gazetteer's "U.S. Fire
        # Administration" is written "US Fire Administration"), whatever its case
        aliases = sorted(
            {m.name for m in group if m.name.lower() != name.lower() and m.rule != "reference"}
        )
        evidence = tuple(
            dict.fromkeys(evidence_for(doc, m.start, m.end) for m in group if m.end > m.start)
        )
        facts.append(
            EntityFact(
                type_, name, group[0].ident, tuple(aliases), evidence[:MAX_EVIDENCE_PER_ENTITY]
            )
        )
    return facts


def preferred_name(type_: str, key: str, group: list[Mention]) -> str:
    """The gazetteer's or lexicon's name for known bodies and programmes, else the fullest form,
    in ordinary case when the text has one ("Hyde Amendment", not its heading's "HYDE
    AMENDMENT"), without a leading "the" (which the key ignores too)."""
    entry = listed_policies().get((type_, key))
    if entry:
        return entry.name
    body = body_with_key(key) if type_ == "Agency" else None
    if body is not None:
        return body.name
    written = [m.name for m in group if m.rule not in {"acronym", "reference"}] or [
        m.name for m in group
    ]
    fullest = max(written, key=lambda name: (not (" " in name and name.isupper()), len(name)))
    return re.sub(r"^the\s+(?=\S)", "", strip_quotes(fullest))


def person_facts(doc: Doc) -> list[EntityFact]:
    people: dict[str, EntityFact] = {}
    for p in doc._.kg_people:
        key = f"Person:{canonical_key(p.name)}"
        if key not in people and not POSSESSIVE.search(p.name):
            people[key] = EntityFact(
                "Person",
                p.name,
                key,
                (),
                (sentence_evidence(doc, p.sentence),),
                role=p.role,
                agency_key=p.agency_key,
            )
    return list(people.values())


def observation_fact(doc: Doc, o: ObservedNumber, known: set[str]) -> ObservationFact:
    reporter = doc._.kg_reporters.get(o.sentence[0])
    return ObservationFact(
        metric=o.metric,
        value=o.quantity.value,
        unit=o.quantity.unit,
        label=o.label,
        evidence=sentence_evidence(doc, o.sentence),
        surface=o.quantity.surface,
        start=o.quantity.start,
        period=o.period,
        kind=o.kind,
        change=o.change,
        reported_by=reporter if reporter in known else None,
        lower=o.quantity.lower,
        upper=o.quantity.upper,
        qualifier=o.quantity.qualifier,
        equivalent=equivalent_fact(o.quantity.equivalent),
        part=o.part,
    )


def equivalent_fact(equivalent) -> EquivalentFact | None:
    return EquivalentFact(equivalent.value, equivalent.unit) if equivalent else None
