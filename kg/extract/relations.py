"""Relations between mentions: ``doc._.kg_relations`` and ``doc._.kg_people``.

- responsible agency of a plan, regulation or program: the agency is the subject (or the
  "by" agent) of a verb of issuing, launching, implementing, ... whose object is the
  policy ("MIIT issued the Plan", "the Regulations were issued by the State Council"),
  or the possessor ("EPA's PFAS Strategic Roadmap");
- part-of between plans ("action plans under the 14th Five-Year Plan") and
  implements between a program and a plan;
- amends / repeals between regulations;
- officials: a named person with a role ("spokesperson of the Ministry of ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from . import vocabulary
from .entities import mentions_between
from .facts import POLICY_TYPES
from .text import doc_text, literal_alternation

__all__ = ["RelationMention", "PersonMention", "RelationExtractor", "RESPONSIBILITY_VERBS"]

RESPONSIBILITY_VERBS = vocabulary.words("verbs", uses="responsibility")


def role_pattern() -> re.Pattern:
    """A person's title: an office, after a qualifier where the office takes one ("deputy
    minister", "vice-chairman"); a hyphenated office matches with a space too."""
    offices = vocabulary.column("titles", "qualified", role="office")

    def alternation(words) -> str:
        return literal_alternation(words).replace(r"\-", "[- ]")

    qualified = alternation(word for word, takes in offices.items() if takes == "yes")
    unqualified = alternation(word for word, takes in offices.items() if takes != "yes")
    qualifiers = alternation(vocabulary.words("titles", role="qualifier"))
    return re.compile(
        rf"\b(?P<role>{unqualified}|(?:{qualifiers}[- ])?{qualified})\b", re.IGNORECASE
    )


ROLE = role_pattern()


@dataclass(frozen=True)
class RelationMention:
    subject_key: str
    predicate: str
    object_key: str
    sentence: tuple[int, int]


@dataclass(frozen=True)
class PersonMention:
    start: int
    end: int
    name: str
    role: str
    agency_key: str | None
    sentence: tuple[int, int]


class RelationExtractor:
    """spaCy component: sets ``doc._.kg_relations`` and ``doc._.kg_people``."""

    def __init__(self, nlp, name: str = "kg_relations", role_window: int = 60):
        self.name = name
        self.role_window = role_window
        for ext in ("kg_relations", "kg_people"):
            if not Doc.has_extension(ext):
                Doc.set_extension(ext, default=[])

    def __call__(self, doc: Doc) -> Doc:
        mentions = getattr(doc._, "kg_mentions", [])
        relations = []
        for sent in doc.sents:
            inside = mentions_between(mentions, sent.start_char, sent.end_char)
            relations += responsible_agencies(doc, sent, inside)
            relations += policy_hierarchy(doc, sent, inside)
        doc._.kg_relations = list(dict.fromkeys(relations))
        doc._.kg_people = self.officials(doc, mentions)
        return doc

    def officials(self, doc: Doc, mentions) -> list[PersonMention]:
        """Named people with a role next to their name, and the nearest agency in the sentence."""
        found = []
        for ent in doc.ents:
            if ent.label_ != "PERSON" or len(ent) < 2:
                continue
            sent = ent.sent
            agencies = [
                m
                for m in mentions_between(mentions, sent.start_char, sent.end_char)
                if m.type == "Agency"
            ]
            after = doc_text(doc)[ent.end_char : ent.end_char + self.role_window]
            before = doc_text(doc)[
                max(sent.start_char, ent.start_char - self.role_window // 2) : ent.start_char
            ]
            role = ROLE.search(after) if after.lstrip().startswith(",") else None
            role = role or ROLE.search(before)
            if role is None:
                continue
            near = [a for a in agencies if abs(a.start - ent.end_char) <= 2 * self.role_window]
            agency = min(near, key=lambda a: abs(a.start - ent.end_char)).ident if near else None
            found.append(
                PersonMention(
                    ent.start_char,
                    ent.end_char,
                    ent.text,
                    role["role"].lower(),
                    agency,
                    (sent.start_char, sent.end_char),
                )
            )
        return found


def mention_root(doc: Doc, mention) -> Token | None:
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def responsible_agencies(doc: Doc, sent: Span, mentions) -> list[RelationMention]:
    agencies = [m for m in mentions if m.type == "Agency"]
    policies = [m for m in mentions if m.type in POLICY_TYPES]
    found = []
    for policy in policies:
        for agency in agencies:
            if agency.key != policy.key and is_responsible(doc, agency, policy):
                found.append(
                    RelationMention(
                        policy.ident,
                        "responsibleAgency",
                        agency.ident,
                        (sent.start_char, sent.end_char),
                    )
                )
    return found


def is_responsible(doc: Doc, agency, policy) -> bool:
    if agency.start == policy.start and agency.end < policy.end:
        return True  # "USDA Community Eligibility Provision": named after the agency running it
    if re.fullmatch(r"\s*['’]s\s+(?:new\s+|\w+\s+)?", doc_text(doc)[agency.end : policy.start]):
        return True  # "EPA's PFAS Strategic Roadmap"
    a, p = mention_root(doc, agency), mention_root(doc, policy)
    if a is None or p is None:
        return False
    if is_subject_of_controlling_verb(a, p):
        return True
    verb = lowest_common_verb(a, p)
    if verb is None or verb.lemma_.lower() not in RESPONSIBILITY_VERBS:
        return False
    agency_role, policy_role = role_in(a, verb), role_in(p, verb)
    # "MIIT issued the Plan", "the Plan was issued by MIIT", "the Plan, launched by MIIT"
    return (agency_role in {"subject", "agent"} and policy_role in {"object", "passive"}) or (
        agency_role == "agent" and policy_role == "subject"
    )


def is_subject_of_controlling_verb(agency: Token, policy: Token, max_steps: int = 3) -> bool:
    """ "EPA is working to release the Standard", "To implement the Mission, the PHE Department
    will play a key role": the verb of responsibility has no subject of its own, and the
    agency is the subject of the clause it serves."""
    verb = policy.head
    while (
        verb.pos_ not in {"VERB", "AUX"}
        and verb.head != verb
        and verb.dep_ in {"prep", "pobj", "compound", "conj", "appos"}
    ):
        verb = verb.head
    if (
        verb.lemma_.lower() not in RESPONSIBILITY_VERBS
        or role_in(policy, verb) != "object"
        or any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)
    ):
        return False
    for _ in range(max_steps):
        if verb.dep_ not in {"xcomp", "advcl", "conj"} or verb.head == verb:
            return False
        verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if subjects:
            return any(agency in s.subtree for s in subjects)
    return False


def lowest_common_verb(a: Token, b: Token) -> Token | None:
    ancestors_a = [a, *a.ancestors]
    ancestors_b = {t.i for t in (b, *b.ancestors)}
    for token in ancestors_a:
        if token.i in ancestors_b and token.pos_ in {"VERB", "AUX"}:
            return token
    return None


def role_in(token: Token, verb: Token) -> str | None:
    """How ``token`` hangs from ``verb``: subject, agent ("by X"), object, passive subject."""
    child = token
    while child.head != verb and child.head != child:
        child = child.head
    if child.head != verb:
        return None
    dep = child.dep_
    if dep == "nsubj":
        return "subject"
    if dep == "nsubjpass":
        return "passive"
    if dep == "agent" or dep == "prep" and child.lower_ == "by":
        return "agent"
    if dep in {"dobj", "obj", "attr", "oprd", "xcomp", "ccomp", "prep", "npadvmod", "dative"}:
        return "object"
    return None


HIERARCHY = {("Plan", "Plan"): "partOf", ("Program", "Plan"): "implements"}
UNDER = re.compile(
    rf"\b{literal_alternation(vocabulary.words('common_words', uses='under'))}\s+(?:the\s+)?$"
)


def policy_hierarchy(doc: Doc, sent: Span, mentions) -> list[RelationMention]:
    """ "A ... under (the) B": A is part of plan B, or a program implementing it."""
    policies = sorted((m for m in mentions if m.type in POLICY_TYPES), key=lambda m: m.start)
    found = []
    for child, parent in zip(policies, policies[1:]):
        predicate = HIERARCHY.get((child.type, parent.type))
        before = doc_text(doc)[max(sent.start_char, parent.start - 20) : parent.start]
        if predicate and child.key != parent.key and UNDER.search(before):
            found.append(
                RelationMention(
                    child.ident, predicate, parent.ident, (sent.start_char, sent.end_char)
                )
            )
    return found
