"""The agency a document speaks for (its issuer), and the agency that reported a sentence's numbers.

A release names its issuer in one of a few places, tried in this order:

- a header line that is nothing but an agency's name (Indian PIB releases put "Ministry of
  Power" on its own line above the headline);
- the agency of a spokesperson quoted near the top ("Zhao Zhiguo, spokesperson of the Ministry of
  Industry and Information Technology, said ..."): a press conference held by one office but
  given by a ministry's spokesperson reports that ministry's work (a president or minister
  quoted in a news report speaks for themselves, not as the agency's publisher);
- an agency that begins the title ("DWP single departmental plan: 2015 to 2020");
- the agency that is the subject, or the "by" agent, of a sentence near the top ("... was
  launched by the Home Office today", "Today, FEMA is announcing ..."), not one named as where a
  person holds a role ("Xi, general secretary of the CPC Central Committee, delivered ...").

A number's reporter is the agency (or the official's agency) that is the subject of a verb of
saying or reporting in its sentence, else the issuer.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import islice

from spacy.tokens import Doc, Span, Token

from . import vocabulary
from .entities import Mention, mentions_between
from .roles import holds_role, speaks_for_agency
from .text import doc_text

__all__ = ["document_issuer", "reporting_agency", "HEADER_LINES", "OPENING_SENTENCES"]

HEADER_LINES = 3  # PIB: ministry, headline, "Posted On" line
OPENING_SENTENCES = 4  # headline, standfirst and the first sentences of the body
MIN_SENTENCE_WORDS = 5  # fewer: a dateline or a figure's caption ("(Xinhua) --", "£6bn")
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
MAX_PHRASE_STEPS = 4  # "by the person-in-charge of the Department of ...": the agent phrase's depth


def document_issuer(doc: Doc, mentions: Sequence[Mention], people: Sequence) -> str | None:
    """The identity (``Mention.ident``) of the agency ``doc`` speaks for, or None."""
    agencies = [m for m in mentions if m.type == "Agency"]
    if not agencies:
        return None
    opening = opening_sentences(doc)
    return (
        header_agency(doc, agencies)
        or speaker_agency(people, opening)
        or title_agency(doc, agencies)
        or acting_agency(doc, agencies, opening, people)
    )


def header_agency(doc: Doc, agencies: Sequence[Mention]) -> str | None:
    """An agency whose name is a whole line among the first lines."""
    by_span = {(m.start, m.end): m.ident for m in agencies}
    for start, end in first_lines(doc_text(doc), HEADER_LINES):
        if (start, end) in by_span:
            return by_span[(start, end)]
    return None


def title_agency(doc: Doc, agencies: Sequence[Mention]) -> str | None:
    """An agency that begins the title line ("DWP single departmental plan: 2015 to 2020",
    "Department of Energy Launches ...")."""
    lines = first_lines(doc_text(doc), 1)
    return next((m.ident for m in agencies if lines and m.start == lines[0][0]), None)


def first_lines(text: str, count: int) -> list[tuple[int, int]]:
    """Character spans of the first ``count`` non-blank lines, without surrounding spaces.

    >>> first_lines("\\n Ministry of Power \\nHeadline\\n", 2)
    [(2, 19), (21, 29)]
    """
    spans, offset = [], 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = offset + line.index(stripped)
            spans.append((start, start + len(stripped)))
            if len(spans) == count:
                break
        offset += len(line)
    return spans


def opening_sentences(doc: Doc) -> list[Span]:
    """The first sentences of some words (a dateline or a figure is no sentence)."""
    sentences = (sent for sent in doc.sents if sum(t.is_alpha for t in sent) >= MIN_SENTENCE_WORDS)
    return list(islice(sentences, OPENING_SENTENCES))


def speaker_agency(people: Sequence, opening: Sequence[Span]) -> str | None:
    """The agency of the first spokesperson named in the opening sentences."""
    if not opening:
        return None
    end = opening[-1].end_char
    speakers = sorted(
        (p for p in people if p.agency_key and p.start < end and speaks_for_agency(p.role)),
        key=lambda p: p.start,
    )
    return speakers[0].agency_key if speakers else None


def acting_agency(
    doc: Doc, agencies: Sequence[Mention], opening: Sequence[Span], people: Sequence = ()
) -> str | None:
    """The first actor of the opening sentences, a subject or a "by" agent: an agency, or an
    official, who acts for the agency of their role. A sentence whose only actor is an official of
    none ("President Donald J. Trump signed an Executive Order") leaves the document no issuing
    agency, whatever agency acts in later sentences ("... Congress has enacted the Hyde
    Amendment"); an agency acting in the same sentence does ("Vice President Kamala Harris
    announced that OMB is issuing ...")."""
    text = doc_text(doc)
    for sent in opening:
        actors = [
            (mention.start, mention.ident)
            for mention in mentions_between(agencies, sent.start_char, sent.end_char)
            if is_actor(mention_root(doc, mention)) and not holds_role(text, mention.start)
        ] + [
            (person.start, person.agency_key)
            for person in people
            if sent.start_char <= person.start < sent.end_char
            and is_actor(mention_root(doc, person))
        ]
        if actors:
            acting_for = sorted((start, agency) for start, agency in actors if agency)
            return acting_for[0][1] if acting_for else None
    return None


def is_actor(token: Token | None) -> bool:
    """Subject of a verb, in the "by" phrase of a passive ("launched by the Home Office", "as
    introduced by the person in charge of the Department"), or the source of what the text says
    ("learned from the Commission", "according to the Ministry"); not an agent of any verb
    ("as forecast by the Office for Budget Responsibility")."""
    if token is None:
        return False
    if token.dep_ in SUBJECT_DEPS:
        return True
    sources = vocabulary.words("verbs", uses="source")
    acts = vocabulary.words("verbs", uses="responsibility") | vocabulary.words(
        "verbs", uses="report"
    )
    for _ in range(MAX_PHRASE_STEPS):
        if token.dep_ not in {"pobj", "prep", "compound", "agent"} or token.head == token:
            return False
        token = token.head
        if (
            token.dep_ == "agent"
            and token.head.lemma_.lower() in acts
            or token.dep_ == "prep"
            and token.head.lemma_.lower() in sources
        ):
            return True
    return False


def mention_root(doc: Doc, mention: Mention) -> Token | None:
    """The token a mention hangs from the sentence by. A name of foreign words the parser splits
    ("Pradhan Mantri Awas Yojana is being implemented by ...": "Awas" parsed as the sentence's
    root, "Yojana" as the passive subject) hangs by its last word that has a head outside it."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    if span.root.head != span.root:
        return span.root
    attached = [t for t in span if t.head != t and not span.start <= t.head.i < span.end]
    return attached[-1] if attached else span.root


def reporting_agency(
    doc: Doc, sent: Span, mentions: Sequence[Mention], people: Sequence, issuer: str | None
) -> str | None:
    """Who reported the numbers of ``sent``: an agency or official that is the subject of a verb
    of saying in it ("the Ministry said", "NBS data showed"), else the document's issuer."""
    reporting = vocabulary.words("verbs", uses="report")
    for mention in mentions_between(mentions, sent.start_char, sent.end_char):
        root = mention_root(doc, mention)
        if mention.type == "Agency" and root is not None and subject_of(root, reporting):
            return mention.ident
    for person in people:
        if sent.start_char <= person.start < sent.end_char and person.agency_key:
            root = mention_root(doc, person)
            if root is not None and subject_of(root, reporting):
                return person.agency_key
    return issuer


def subject_of(token: Token, lemmas: frozenset[str]) -> bool:
    """``token`` heads the subject of a verb whose lemma is in ``lemmas`` (through "data of")."""
    while token.dep_ in {"compound", "poss", "pobj", "prep"} and token.head != token:
        token = token.head
    return token.dep_ == "nsubj" and token.head.lemma_.lower() in lemmas
