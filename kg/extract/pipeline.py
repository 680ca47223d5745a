"""The extraction components as spaCy factories, and a processed Doc -> ``DocumentFacts``.

Component order: the base pipeline (tagger, parser, ner) -> ``kg_entities`` ->
``kg_observations`` -> ``kg_relations``.
"""

from __future__ import annotations

import re

from collections import defaultdict

from spacy.language import Language
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.tokens import Doc

from .entities import Mention, PolicyEntityRecognizer
from .facts import DocumentFacts, EntityFact, Evidence, ObservationFact, RelationFact
from .lexicon import canonical_key, lexicon, strip_quotes
from .observations import ObservationExtractor
from .quantities import SCALES
from .relations import RelationExtractor
from .text import doc_text, token_indices

__all__ = ["add_policy_components", "facts_from_doc", "parse_long_text", "paragraph_chunks", "COMPONENTS"]

COMPONENTS = ("kg_entities", "kg_observations", "kg_relations")
MAX_EVIDENCE_PER_ENTITY = 10


ABBREVIATIONS = {"rs", "no", "nos", "govt", "dept", "mr", "mrs", "ms", "dr", "shri", "smt", "st", "art", "sec",
                 "approx", "vs", "viz", "hon'ble", "honble", "sr", "jr", "prof"}
BULLETS = {"-", "•", "*", "–", "—"}
TOKEN_ABBREVIATIONS = ("Rs.", "rs.", "Govt.", "govt.", "Dept.", "Shri.", "Smt.", "Hon'ble")


@Language.component("kg_line_breaks")
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headers, datelines and list items are not run together
    with the next line ("Posted On ... by PIB Delhi" + "The Ministry issued ...").
    spaCy keeps line breaks as whitespace tokens, so the token after one starts a sentence."""
    starts = doc.to_array(SENT_START).view("int64")  # 1: starts a sentence, -1: does not, 0: parser's choice
    for i in sentence_edge_candidates(doc):
        previous = doc[i - 1]
        if "\n" in previous.text:
            starts[i] = 1
        elif ends_abbreviation(doc, i - 1) or previous.like_num and doc[i].lower_ in SCALES \
                or previous.text in BULLETS and (i == 1 or "\n" in doc[i - 2].text):
            starts[i] = -1  # "Rs. 2,258 Crore", "No. 5", "- item": none starts a sentence
    # One write: each Token.is_sent_start assignment scans the whole Doc for a parse first.
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc


def sentence_edge_candidates(doc: Doc) -> list[int]:
    """The tokens the rules above may apply to, in order: those after a line break, a word
    ending in "." or a bullet, and scale words ("crore")."""
    after = token_indices(doc, ORTH, lambda text: "\n" in text or text.endswith(".") or text in BULLETS)
    scales = token_indices(doc, LOWER, lambda lower: lower in SCALES)
    return sorted({i + 1 for i in after if i + 1 < len(doc)} | {i for i in scales if i > 0})


def ends_abbreviation(doc: Doc, i: int) -> bool:
    """Token ``i`` is "Rs." or the "." of "Rs" + "."."""
    token = doc[i]
    if token.text == "." and i > 0 and not doc[i - 1].whitespace_:
        token = doc[i - 1]
    elif not token.text.endswith("."):
        return False
    return token.lower_.rstrip(".") in ABBREVIATIONS


@Language.factory("kg_entities", assigns=["doc._.kg_mentions"], requires=["token.pos", "token.dep"],
                  default_config={"min_name_words": 2})
def make_entity_recognizer(nlp: Language, name: str, min_name_words: int) -> PolicyEntityRecognizer:
    return PolicyEntityRecognizer(nlp, name, min_name_words=min_name_words)


@Language.factory("kg_observations", assigns=["doc._.kg_observations"],
                  requires=["token.dep", "doc.sents", "doc.ents"], default_config={"max_change_distance": 90})
def make_observation_extractor(nlp: Language, name: str, max_change_distance: int) -> ObservationExtractor:
    return ObservationExtractor(nlp, name, max_change_distance=max_change_distance)


@Language.factory("kg_relations", assigns=["doc._.kg_relations", "doc._.kg_people"],
                  requires=["doc._.kg_mentions", "token.dep"], default_config={"role_window": 60})
def make_relation_extractor(nlp: Language, name: str, role_window: int) -> RelationExtractor:
    return RelationExtractor(nlp, name, role_window=role_window)


def add_policy_components(nlp: Language) -> Language:
    """Add the ``kg`` components to a loaded English pipeline (idempotent)."""
    for abbreviation in TOKEN_ABBREVIATIONS:  # "Rs." split into "Rs" + "." misleads the parser
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    if "kg_line_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp


def parse_long_text(nlp: Language, text: str) -> Doc:
    """A text longer than ``nlp.max_length``: the base pipeline runs on paragraph chunks, the
    chunks are joined into one Doc (the same text, so every offset is the document's), and
    the ``kg`` components run on the whole, so that names and acronyms link across chunks."""
    with nlp.select_pipes(disable=[c for c in COMPONENTS if c in nlp.pipe_names]):
        chunks = list(nlp.pipe(paragraph_chunks(text, nlp.max_length)))
    doc = Doc.from_docs(chunks, ensure_whitespace=False)
    for name in COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def paragraph_chunks(text: str, limit: int) -> list[str]:
    """Consecutive slices of ``text``, each at most ``limit`` characters, cut after a blank
    line where possible, else after a line break, a sentence end, or at the limit.

    >>> paragraph_chunks("one.\\n\\ntwo.\\n\\nthree.", 12)
    ['one.\\n\\ntwo.\\n\\n', 'three.']
    """
    chunks, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ") if window.rfind(sep) > 0), limit)
        chunks.append(text[start:start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks


def evidence_for(doc: Doc, start: int, end: int) -> Evidence:
    """The sentence around a character span."""
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = span.sent if span is not None and len(span) else doc[:0].sent if len(doc) else None
    if sent is None:
        return Evidence(doc_text(doc)[start:end], start, end)
    return Evidence(sent.text.strip(), sent.start_char, sent.end_char)


def facts_from_doc(doc: Doc) -> DocumentFacts:
    """Everything the components found, as plain records for RDF building."""
    entities = entity_facts(doc, doc._.kg_mentions) + person_facts(doc)
    known = {e.key for e in entities}
    relations = tuple(
        RelationFact(r.subject_key, r.predicate, r.object_key, sentence_evidence(doc, r.sentence))
        for r in doc._.kg_relations if r.subject_key in known and r.object_key in known
    )
    observations = tuple(observation_fact(doc, o) for o in doc._.kg_observations)
    return DocumentFacts(tuple(entities), observations, relations)


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
        aliases = sorted({m.name for m in group if canonical_key(m.name) != canonical_key(name)
                          and m.rule != "reference"})
        evidence = tuple(dict.fromkeys(evidence_for(doc, m.start, m.end) for m in group if m.end > m.start))
        facts.append(EntityFact(type_, name, group[0].ident, tuple(aliases), evidence[:MAX_EVIDENCE_PER_ENTITY]))
    return facts


def preferred_name(type_: str, key: str, group: list[Mention]) -> str:
    """The lexicon's name for known agencies and programmes, else the fullest written form,
    in ordinary case when the text has one ("Hyde Amendment", not its heading's "HYDE
    AMENDMENT"), without a leading "the" (which the key ignores too)."""
    entry = lexicon().get(key)
    if entry and entry.type == type_:
        return entry.name
    written = [m.name for m in group if m.rule not in {"acronym", "reference"}] or [m.name for m in group]
    fullest = max(written, key=lambda name: (not (" " in name and name.isupper()), len(name)))
    return re.sub(r"^the\s+(?=\S)", "", strip_quotes(fullest))


def person_facts(doc: Doc) -> list[EntityFact]:
    people: dict[str, EntityFact] = {}
    for p in doc._.kg_people:
        key = f"Person:{canonical_key(p.name)}"
        if key not in people:
            people[key] = EntityFact("Person", p.name, key, (), (sentence_evidence(doc, p.sentence),),
                                     role=p.role, agency_key=p.agency_key)
    return list(people.values())


def observation_fact(doc: Doc, o) -> ObservationFact:
    return ObservationFact(
        metric=o.metric, value=o.quantity.value, unit=o.quantity.unit, label=o.label,
        evidence=sentence_evidence(doc, o.sentence), surface=o.quantity.surface, start=o.quantity.start,
        period=o.period, kind=o.kind, change=o.change,
    )
