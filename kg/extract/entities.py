"""Finding agencies, plans, regulations and programs: ``doc._.kg_mentions``.

Rules, in order of trust:
1. the gazetteer of government bodies (``data/government_bodies.tsv``, resolved by the
   document's country; ``kg.extract.gazetteer``), the lexicon of national programmes
   (``data/programs.tsv``) and acronyms defined in the text
   ("Ministry of Industry and Information Technology (MIIT)");
2. title-case names whose head noun names a class, last ("Affordable Connectivity
   Program") or first ("Regulations on the Management of ...", "Ministry of Power");
3. quoted names (“Jal Jeevan Mission”, "14th Five-Year Plan");
4. coordinated lists ("5 action plans, including A, B and C" gives five plans);
5. back-references ("the Ministry", "the Mission") resolved to the one fuller name;
6. the learned span classifier (``kg.extract.span_classifier``) for names no rule reads
   ("Strategic Petroleum Reserve", "the pupil premium"), where no rule found a name.
Companies, media, universities and generic mentions are rejected. Every mention's key is its
entity's identity (``kg.extract.identity``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache, partial
from itertools import chain

from spacy.attrs import LEMMA
from spacy.tokens import Doc, Span, Token

from . import vocabulary
from .facts import ACRONYM
from .gazetteer import (
    body_forms_in,
    body_with_key,
    country_prefix,
    doc_country,
    find_body,
    government_bodies,
    place_names,
)
from .identity import (
    DATED_HEADS,
    DESCRIPTORS,
    GENERIC_WORDS,
    POLICY_CLASSES,
    acronym_form_keys,
    described_name_keys,
    descriptor_lead_keys,
    entity_key,
    local_body_keys,
    policy_key,
)
from .lexicon import (
    canonical_key,
    compound_head_type,
    head_key,
    head_type,
    lexicon,
    plural_forms,
    strip_quotes,
)
from .span_classifier import (
    NOT_NAME_LABELS,
    DocTokens,
    SpanClassifier,
    SpanPrediction,
    candidate_spans,
    decode,
    load_span_classifier,
)
from .text import doc_text, first_characters, literal_alternation, starting_with, token_indices
from .vocabulary import heads, plural, singular

__all__ = ["Mention", "PolicyEntityRecognizer", "mentions_between", "residual_spans"]

CONNECTORS = vocabulary.words("common_words", uses="connector")
NAME_ABBREVIATIONS = [
    form for form in vocabulary.column("abbreviations", "name_form").values() if form
]  # "Govt."
_WORD = (
    r"(?:[“\"‘']?(?:"
    # "U.S Department of Energy": the final stop may be missing
    + "|".join(re.escape(form.removesuffix(".")) + r"\.?" for form in NAME_ABBREVIATIONS)
    # (?<!\d): an ordinal starts where its digits start; tried inside a run of 64,000 digits
    # from every one of them, it took 29 s
    # "HIV/AIDS", "R&D": capitalised parts joined by a slash or an ampersand are one word
    # not from inside a number's unit ("500-kV": no "V ..."); after lowercase letters it may
    # start ("theAtmanirbhar Bharat Abhiyaan": a missing space)
    + r"|(?<![\d\-])(?<!-[a-z])[A-Z][\w'’\-]*(?:[/&][A-Z][\w'’\-]*)*"
    + r"|(?<!\d)\d+(?:st|nd|rd|th)|[A-Z]\w*\+\w+)[”\"’']?)"
)
# "48C Advanced Energy Projects", "5G Application Plan": digits with capitals after them begin a
# name ("2030" and "30-year" do not; nor an amount, "$236M"); inside a run or before "of" they
# number a part ("Section 44A of the ...")
_NUMBERED_WORD = r"(?<![\w\-$])\d+-?[A-Z][\w'’\-]*(?![ \t]+of\b)"
_JOIN = rf"[ \t]+(?:{literal_alternation(CONNECTORS)}[ \t]+)*"
# "Departmentalization of Union Accounts (Transfer of Personnel) Act": a title-case phrase of two
# words or more in brackets stands inside a name (a bracketed acronym, "(MIIT)", does not)
# "(Duties, Powers and Conditions of Service)": commas may join its words
_BRACKETED = rf"\((?:[A-Z][\w'’\-]*),?{_JOIN}[A-Z][\w'’\-]*(?:,?{_JOIN}[A-Z][\w'’\-]*)*\)"
# "Advancing Health Professionals (AHP) Program": a bracketed acronym with the name going on after
# it stands inside the name ("(MIIT) said" ends one; after a possessive it is the owner's:
# "Department of Commerce’s (DOC) Census Bureau")
_BRACKETED_ACRONYM = r"(?<!['’]s[ \t])\([A-Z][A-Za-z&]*[A-Z]\)(?=[ \t]+[A-Z])"
NAME_RUN = re.compile(  # a quote, a capital or a digit starts a word of a name
    starting_with("“\"‘'A-Z\\d")
    + rf"(?:{_WORD}|{_NUMBERED_WORD})(?:{_JOIN}(?:{_WORD}|{_BRACKETED}|{_BRACKETED_ACRONYM}))*"
)
NAME_POS = {"PROPN", "NOUN", "ADJ", "NUM"}


@lru_cache(maxsize=4)
def name_runs(text: str) -> tuple[tuple[int, int], ...]:
    """Where ``NAME_RUN`` matches in ``text``: two rules read the same runs, and the long pattern
    scanned every document twice."""
    return tuple(
        chain.from_iterable(headline_pieces(text, *run.span()) for run in NAME_RUN.finditer(text))
    )


INNER_ACRONYM = re.compile(r"[ \t]+\([A-Z][A-Za-z&]*[A-Z]\)[ \t]+")
LOWERCASE_WORD = re.compile(r"(?<![\w'’-])[a-z]{4,}\b")


def headline_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run split at a bracketed acronym inside it when it stands in a title-case line (a
    headline capitalises every word, so the acronym's name and what follows need not be one
    name: "Announces the Reset of Corporate Average Fuel Economy (CAFE) Standards")."""
    inner = INNER_ACRONYM.search(text, start, end)
    if inner is None:
        return [(start, end)]
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    if LOWERCASE_WORD.search(line):
        return [(start, end)]
    return [(start, inner.start()), (inner.end(), end)]


# A title-case name stops at a person's title or a verb of speech ("... Secretary", "... Said")
PERSON_TITLES = vocabulary.words("titles", ends_name="yes") | vocabulary.words(
    "verbs", uses="speech"
)
COMPANY_WORDS = vocabulary.words("organisations", kind="organisation")
MEETING_WORDS = vocabulary.words("organisations", kind="meeting")
HEAD_LINKS = vocabulary.words("common_words", uses="head-link")  # "Ministry of", "Regulations on"
QUOTED = re.compile(
    r"[“\"‘](?P<inner>[^“”\"‘’\n]{2,160}?)[”\"’]"
    r"|(?<![\w'])'(?P<single>[A-Z][^'\n]{2,160}?)'(?!\w)"
)  # 'Name', not don't
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)")  # "14th": a name may start with one
YEAR_SUFFIX = re.compile(r",?\s+(?:19|20)\d\d$")  # "... Ordinance, 2020"
ACRONYM_AFTER = re.compile(r"\(\s*(?P<acr>[A-Z][A-Za-z&]*[A-Z][A-Za-z&()]*?|[A-Z]{2,})\s*\)")
LIST_HEADS = literal_alternation(map(plural, heads(rules="list")))
LIST_MODIFIERS = vocabulary.words("heads", rules="list-modifier")  # "action plans"
LIST_CUES = vocabulary.words("common_words", uses="list-cue")  # "including", "namely"
LIST_CUE = re.compile(rf"\b{literal_alternation(LIST_CUES)}\s", re.IGNORECASE)  # in every list
COORDINATED = re.compile(
    # (possessive: a word and its spaces are never given back, which only cost time)
    rf"\b(?P<head>(?:[\w-]++\s++)?{LIST_HEADS})\b[^.;:\n]{{0,60}}?"
    rf"\b{literal_alternation(LIST_CUES)}\s+(?P<items>[^.;\n]+)",
    re.IGNORECASE,
)
# "the Ministry", or a bare "Cabinet approved ..." that no other capitalised word precedes
BACK_REFERENCE = re.compile(
    starting_with("A-Zt")  # "the" or the capital of the name
    + r"(?:\b[Tt]he\s+|(?<![A-Za-z,’'&-] )(?<![A-Za-z’'&-]))"
    r"(?P<head>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\b"
    rf"(?!\s+{literal_alternation(HEAD_LINKS)}\b)(?!\s+[A-Z])"
)


@dataclass(frozen=True)
class Mention:
    """One place in the text that names an entity; ``key`` is the entity's identity."""

    start: int
    end: int
    type: str
    name: str
    key: str
    rule: str

    @property
    def ident(self) -> str:
        """The entity's identity across the pipeline: class and canonical key."""
        return f"{self.type}:{self.key}"


class PolicyEntityRecognizer:
    """spaCy component: sets ``doc._.kg_mentions`` (sorted, non-overlapping per type)."""

    def __init__(
        self,
        nlp,
        name: str = "kg_entities",
        min_name_words: int = 2,
        learned_threshold: float = 0.5,
    ):
        self.name = name
        self.min_name_words = min_name_words
        self.learned_threshold = learned_threshold
        if not Doc.has_extension("kg_mentions"):
            Doc.set_extension("kg_mentions", default=[])

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        country = doc_country(doc)
        acronyms = find_acronym_definitions(text)
        found = self.rule_mentions(doc)
        found += self.learned_mentions(doc, found, country)
        found = drop_overlaps(found + list(acronym_mentions(text, acronyms, found, country)))
        found = without_posts(found, text)  # also the names acronyms stand for
        found = with_acronym_variants(with_named_tails(found, text), text)
        found = with_document_keys(with_short_forms(found, text))
        found = without_defined_owners(found, text, country)
        # references resolve among the names that survived the overlaps only
        doc._.kg_mentions = drop_overlaps(found + list(back_reference_mentions(text, found)))
        return doc

    def rule_mentions(self, doc: Doc) -> list[Mention]:
        """The names rules 1-4 find, with their identities: what the span classifier does not
        see (``classified_mentions``), in training as at run time."""
        text = doc_text(doc)
        country = doc_country(doc)
        found = [
            *self._lexicon_mentions(text, country),
            *body_form_mentions(text, country),
            *self._name_run_mentions(doc),
            *self._quoted_mentions(text),
            *self._list_mentions(doc),
            *descriptive_mentions(doc),
        ]
        found = split_plural_heads(reread_at_bodies(found, text), country)
        found = resolve_identities(found, country)
        return with_office_places(without_owners(without_posts(found, text), doc), text)

    def learned_mentions(
        self,
        doc: Doc,
        found: list[Mention],
        country: str | None,
        classifier: SpanClassifier | None = None,
    ) -> list[Mention]:
        """Rule 6: the names the span classifier (the shipped one unless ``classifier`` is given)
        finds where no rule found one, as acceptable as rule names."""
        text = doc_text(doc)

        def acceptable(m: Mention) -> bool:
            return (
                self._acceptable(m.name, m.type)
                and not is_post_or_clause(text[m.start : m.end])
                and not names_a_post(text, m)
                and not is_clause_piece(doc, m)
            )

        return classified_mentions(
            doc, found, country, self.learned_threshold, classifier, acceptable
        )

    # -- rule 1: lexicon ------------------------------------------------------------
    def _lexicon_mentions(self, text: str, country: str | None):
        for match in lexicon_pattern().finditer(text):
            if inside_longer_name(
                match.group(),
                text[max(0, match.start() - 30) : match.start()],
                text[match.end() : match.end() + 30],
            ):
                continue
            entry = lexicon().get(canonical_key(match.group()))
            if entry is not None:
                type_, key = entry.type, canonical_key(entry.name)
            elif (body := find_body(match.group(), country=country)) is not None:
                type_, key = body.type, body.key
            else:
                continue  # a name two countries use, in a document of neither
            yield Mention(match.start(), match.end(), type_, match.group(), key, "lexicon")

    # -- rule 2: title-case names classified by head noun -----------------------------
    def _name_run_mentions(self, doc: Doc):
        text = doc_text(doc)
        for run_start, run_end in name_runs(text):
            named = list(classify_name_run(doc, run_start, run_end))
            named = named or list(lowercase_head_after(doc, run_start, run_end))
            named = map(partial(with_class_noun_after, text), named)
            for start, end, type_ in map(partial(with_clean_edges, doc), named):
                if self._acceptable(text[start:end], type_):
                    for item_start, item_end, item in numbered_items(text, start, end):
                        name = strip_quotes(item)
                        yield Mention(
                            item_start, item_end, type_, name, canonical_key(item), "head"
                        )

    def _acceptable(self, name: str, type_: str) -> bool:
        words = [w.lower().strip("“”\"‘’'.") for w in name.split()]
        # a company's word names a company in an agency's name ("... Group", but not "Working
        # Group") or as a policy's head ("Ford School of Public Policy"); else it is what the
        # policy is for ("School Breakfast Program")
        in_head = head_word_flags(words)
        candidates = set(words if type_ == "Agency" else company_heads(words))
        if COMPANY_WORDS & {
            w for w, head in zip(words, in_head, strict=True) if not head and w in candidates
        }:
            return False
        if type_ != "Agency" and MEETING_WORDS & set(company_heads(words)):
            return False  # "Project Approval Meeting": a meeting, not the project
        content = [w for w in words if w not in CONNECTORS]
        heads_at = head_word_flags(content)
        if type_ == "Agency":
            if MEETING_WORDS & set(words) or ORDINAL.fullmatch(words[0]) and "congress" in words:
                # "Sixth Plenary Session of ...", "20th National Congress": meetings, not bodies
                return False
            if (
                words[-1].endswith("s")
                and head_type(words[-1])
                and singular(words[-1]) != words[-1]
                and not is_field_of_body(name)
            ):
                return False  # "State Governments", "relevant departments"
            if all(w in GENERIC_WORDS or head for w, head in zip(content, heads_at, strict=True)):
                return False  # "the Department", "Task Force": heads and generic words only
        elif names_several(name) or is_plural_singular_head(words[-1]):
            return False
        non_head = [
            w
            for w, head in zip(content, heads_at, strict=True)
            if not head and w not in GENERIC_WORDS
        ]
        return len(content) >= self.min_name_words and bool(non_head)

    # -- rule 3: quoted names ------------------------------------------------------------
    def _quoted_mentions(self, text: str):
        for match in QUOTED.finditer(text):
            group = "inner" if match["inner"] else "single"
            inner = re.sub(r"^(?:The|A|An)\s+", "", match[group].strip())
            words = YEAR_SUFFIX.sub("", inner).split()
            type_ = head_type(words[-1]) if words else None
            if not type_ and len(words) >= 3 and words[1].lower() in HEAD_LINKS:
                type_ = head_type(words[0])
            if (
                type_
                and len(words) >= 2
                and (words[0][:1].isupper() or ORDINAL.fullmatch(words[0]))
                and self._acceptable(inner, type_)
            ):
                start = match.start(group) + match[group].index(inner)
                yield Mention(
                    start,
                    start + len(inner),
                    type_,
                    strip_quotes(inner),
                    canonical_key(inner),
                    "quote",
                )

    # -- rule 4: coordinated lists ---------------------------------------------------------
    def _list_mentions(self, doc: Doc):
        text = doc_text(doc)
        if LIST_CUE.search(text) is None:
            return  # no list (three documents in five): the long pattern is not tried at every word
        for match in COORDINATED.finditer(text):
            head_words = (
                match["head"].lower().split()
            )  # a list head, after a word that may modify it
            head = " ".join(singular(w) for w in head_words if head_type(w) or w in LIST_MODIFIERS)
            type_ = head_type(head.split()[-1]) if head else None
            if not type_:
                continue
            for start, item in list_names(doc, match):
                name = f"{item} {head}" if not head_type(item.split()[-1]) else item
                yield Mention(start, start + len(item), type_, name, canonical_key(name), "list")


def company_heads(words: list[str]) -> list[str]:
    """The words of a name that may be its head: the last, and any before a head link
    ("University of Wisconsin School of Law")."""
    return words[-1:] + [w for w, link in zip(words, words[1:], strict=False) if link in HEAD_LINKS]


def is_field_of_body(name: str) -> bool:
    """ "Office of Special Education Programs", "Office of Federal Contract Compliance Programs":
    a plural policy noun ends the field a body is named by, when no listed body comes first
    ("Department of Energy Loan Programs" are the Department's programmes)."""
    words = name.split()
    if head_type(words[-1]) == "Agency" or len(words) < 3 or words[1].lower() not in HEAD_LINKS:
        return False
    return not any(find_body(" ".join(words[:end])) for end in range(3, len(words)))


def names_several(name: str) -> bool:
    """ "Bipartisan Infrastructure Law programs", "BRIC and FMA programs", "Major B&R projects":
    a name's owner and a lowercase plural programme noun speak of several programmes, not of
    one, and so does a plural programme noun with its complement ("Programmes of IITs").
    ("TSCA test orders" are one instrument, used many times.)"""
    words = name.split()
    last = words[-1].strip("“”\"‘’'.")
    bare = [w.strip("“”\"‘’'.").lower() for w in words]
    return len(words) >= 2 and (
        last.islower()
        and singular(last) != last
        and head_type(last) == "Program"
        and any(w[:1].isupper() for w in words[:-1])
        or any(
            singular(word) != word and head_type(word) == "Program" and link in HEAD_LINKS
            for word, link in zip(bare, bare[1:], strict=False)
        )
    )  # "B.Tech Programmes of IITs", "Schemes for Farmers": a body's or a group's programmes


DAY_NAMES = [
    word.capitalize()
    for word in vocabulary.words("weekdays") | vocabulary.words("months", form="name")
]
TIME_TAIL = re.compile(
    rf"\s+(?:on|in|at|from|since|by|until|of)\s+(?:the\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?)?"
    rf"(?:{literal_alternation(DAY_NAMES)}|\d{{4}})\b.*$"
)  # "... Plan on Tuesday", "... Ministry on 1st May"


# -- rule 6: descriptive lowercase names, through the dependency parse -------------------------
LOWER_HEADS = heads(rules="descriptive")
# a lowercase instrument a verb launches, or a numbered kind of instrument without its number
DESCRIBED_HEADS = LOWER_HEADS | heads(rules="numbered")
LAUNCH_VERBS = vocabulary.words("verbs", uses="launch")
DESCRIPTIVE_TAIL = vocabulary.words("common_words", uses="descriptive-tail")
DESCRIPTIVE_OPENERS = vocabulary.words("common_words", uses="descriptive-opener")


def descriptive_mentions(doc: Doc):
    """ "carry out special rectification actions for the Internet industry", "a national APP
    testing platform has been built": lowercase instruments that a verb launches or builds."""
    for i in token_indices(doc, LEMMA, lambda lemma: lemma.lower() in DESCRIBED_HEADS):
        token = doc[i]
        type_ = DESCRIBED_HEADS[token.lemma_.lower()]
        if is_in_order_to(token) or type_ == "Plan" and states_intention(token):
            continue
        if is_unnumbered_instrument(token):
            span = descriptive_span(token, INSTRUMENT_CLAUSE_TOKENS, purpose_is_name=True)
            tail = [t for t in span if t.i > token.i and not (t.is_stop or t.is_punct)]
            if len(tail) < 2 or starts_title(token) or is_titled(token):
                continue  # "the Executive Order" alone, "Resolution of the CPC ...": a title
        elif token.is_lower and token.pos_ == "NOUN" and is_launched(token):
            span = descriptive_span(token)
            if judges(span[0]):
                continue  # "set clear professional standards": a description, not a name
            if has_proper_modifier(span, token):  # "the PRAGATI scholarship scheme | for ..."
                span = span.doc[span.start : token.i + 1]
        else:
            continue
        content = [t for t in span if not t.is_stop and not t.is_punct]
        first = span[0]
        if (
            len(content) >= 3
            and first.pos_ not in {"PRON", "NUM", "CCONJ", "DET"}
            and not first.like_num
            and first.lower_ not in GENERIC_WORDS - DESCRIPTIVE_OPENERS
            and not names_several(span.text)
            and not ends_at_possessor(span)
        ):
            name = span.text
            yield Mention(
                span.start_char, span.end_char, type_, name, canonical_key(name), "descriptive"
            )


def ends_at_possessor(span: Span) -> bool:
    """ "an Executive Order establishing the President| ’s ... Commission": the description
    stops inside a noun phrase, before what the possessor owns."""
    return span.end < len(span.doc) and span.doc[span.end].tag_ == "POS"


def states_intention(token: Token) -> bool:
    """ "set out plans to improve support for ...", "announced plans to award $68 million": a
    plural plan noun before an infinitive says what someone means to do, not which plan."""
    doc = token.doc
    return (
        token.tag_ == "NNS"
        and token.i + 2 < len(doc)
        and doc[token.i + 1].lower_ == "to"
        and doc[token.i + 2].tag_ == "VB"
    )


EVALUATIVE = vocabulary.words("common_words", uses="evaluative")


def judges(first: Token) -> bool:
    """Whether a phrase begins by judging what it describes: an evaluative adjective or an
    adverb of degree before an adjective ("extraordinarily stringent standards"; not "newly
    launched", which says how it stands)."""
    following = first.nbor() if first.i + 1 < len(first.doc) else first
    return first.lower_ in EVALUATIVE or (
        first.pos_ == "ADV" and following.pos_ == "ADJ" and first.lower_ not in DESCRIPTORS
    )


CONTINUING_PREPOSITIONS = vocabulary.words("common_words", uses="continuing")


def is_launched(token: Token) -> bool:
    """Whether a launch verb ("issued", "launched", "signed") governs the noun, through
    conjunctions and prepositions."""
    verb = token.head if token.dep_ in {"dobj", "nsubjpass", "conj", "pobj"} else None
    while verb is not None and verb.dep_ in {"conj", "prep"} and verb.pos_ != "VERB":
        if verb.lower_ in CONTINUING_PREPOSITIONS:
            return False  # "builds on previous actions": what a verb goes on from, not makes
        verb = verb.head
    return verb is not None and verb.lemma_.lower() in LAUNCH_VERBS


def has_proper_modifier(span: Span, head: Token) -> bool:
    """Whether a capitalised word (not the sentence's first) modifies a lowercase head: the
    instrument then has a name, and its defining clause is no part of it."""
    return any(t.text[:1].isupper() and not t.is_sent_start for t in span if t.i < head.i)


# an instrument named by its clause is named by all of it ("... order regarding movement of
# migrant workers, pilgrims, tourists, students and other persons stranded at ...")
INSTRUMENT_CLAUSE_TOKENS = 24


NAMING_VERBS = vocabulary.words("verbs", uses="naming")


def is_titled(head: Token) -> bool:
    """ "an Executive Order titled “Restoring ...”": the title names it, not a clause."""
    return any(c.dep_ == "acl" and c.lemma_.lower() in NAMING_VERBS for c in head.rights)


def starts_title(head: Token) -> bool:
    """ "Resolution of the CPC Central Committee on ...": a capitalised head whose link
    ("of", "on") leads to capitalised words begins a title, which the head rule reads."""
    doc = head.doc
    link = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if not head.text[:1].isupper() or link is None or link.lower_ not in HEAD_LINKS:
        return False
    following = next((t for t in doc[link.i + 1 : link.i + 3] if t.lower_ != "the"), None)
    return following is not None and following.text[:1].isupper()


def has_proper_owner(head: Token) -> bool:
    """ "the Ministry of Home Affairs order", "President Trump’s executive order": a name
    modifies the head directly."""
    return any(
        has_proper_modifier(head.doc[c.left_edge.i : c.right_edge.i + 1], head)
        for c in head.lefts
        if c.dep_ in {"compound", "nmod", "poss"}
    )


def is_unnumbered_instrument(token: Token) -> bool:
    """ "the Executive Order directing the federal government to ...": an instrument that its
    number would name ("Executive Order 14030") is named by its defining clause where it has no
    number, whatever verb governs it; so is a lowercase one that a body's name modifies ("the
    Ministry of Home Affairs order regarding ..."). (Other lowercase ones only where a verb
    launches them: "signed a joint resolution to end ...", not "purchase orders for ...".)"""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return (
        token.lemma_.lower() in NUMBERED_HEADS
        and (token.text[:1].isupper() or has_proper_owner(token))
        and token.pos_ in {"NOUN", "PROPN"}
        and not (following is not None and following.like_num)
    )


def is_descriptive_tail(token: Token) -> bool:
    """ "... for the Internet industry", "... to designate PFOA as hazardous",
    "... containing PFAS"."""
    return (
        token.dep_ == "prep"
        and token.lower_ in DESCRIPTIVE_TAIL
        or token.dep_ == "acl"
        or token.dep_ in {"relcl", "advcl"}
        and is_infinitive(token)
    )


def misattached_prepositions(head: Token) -> list[Token]:
    """ "approved an amendment | to the Act": the parser hung the preposition that follows the
    head on the verb. (Not infinitives: "amended the rules | to compensate farmers" is a
    purpose.)"""
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    if (
        following is not None
        and following.head == head.head
        and following.dep_ == "prep"
        and following.lower_ in DESCRIPTIVE_TAIL
    ):
        return [following]
    return []


def is_time(preposition: Token) -> bool:
    """ "(a final rule) in September": a date, not part of the name."""
    return preposition.dep_ == "prep" and any(
        t.ent_type_ in {"DATE", "TIME"} for t in preposition.subtree
    )


def is_infinitive(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts)


def is_in_order_to(token: Token) -> bool:
    return token.lower_ == "order" and token.i > 0 and token.doc[token.i - 1].lower_ == "in"


def lists_on(comma: Token, head: Token) -> bool:
    """ "movement of migrant workers, pilgrims, tourists and ...": the comma joins the next
    member of a list inside the name, not another clause."""
    following = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    return (
        following is not None and following.dep_ == "conj" and head.i < following.head.i < comma.i
    )


def misattached_infinitive(head: Token) -> list[Token]:
    """ "signed an Executive Order | to end the use of ...": the parser hung the instrument's
    defining infinitive on the verb that governs the instrument."""
    following = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    verb = following.head if following is not None else None
    if (
        following is not None
        and following.dep_ == "aux"
        and following.lower_ == "to"
        and verb.dep_ in {"advcl", "xcomp"}
        and verb.head == head.head
    ):
        return [verb]
    return []


def descriptive_span(head: Token, max_tokens: int = 14, purpose_is_name: bool = False) -> Span:
    """Left modifiers of the head and one prepositional or infinitive tail, cut to
    ``max_tokens`` before a bracket, comma or a second clause ("a proposed rule to designate
    PFOA and PFOS as hazardous substances under ..." keeps "... hazardous substances").
    ``purpose_is_name``: an infinitive after the head is its defining clause wherever the parser
    hung it (an instrument named by its clause)."""
    doc = head.doc
    left = [
        t
        for t in head.lefts
        if t.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod", "case", "nummod"}
    ]
    start = min([t.left_edge.i for t in left], default=head.i)
    # "a significantly expanded parenting programme": no name begins with an adverb
    while start < head.i and (
        doc[start].is_stop or doc[start].is_punct or is_adverb_word(doc[start])
    ):
        start += 1
    end = head.i + 1
    tail = [t for t in head.rights if is_descriptive_tail(t)] or misattached_prepositions(head)
    if not tail and purpose_is_name:
        tail = misattached_infinitive(head)
    if tail and not is_time(tail[0]):
        end = min(tail[0].right_edge.i + 1, start + max_tokens)
        stop = next(
            (
                t.i
                for t in doc[head.i + 1 : end]
                if t.text in {"(", ";", "–", "—"}
                or t.text == ","
                and not lists_on(t, head)
                or t.dep_ == "relcl"
                and not is_infinitive(t)
            ),
            end,
        )
        end = max(head.i + 1, stop)
        while (
            end < tail[0].right_edge.i + 1
            and end > head.i + 1
            and doc[end].pos_ == doc[end - 1].pos_ == "PROPN"
        ):
            end -= 1  # the window ends inside a name: leave the name out whole
    while end > head.i + 1 and (doc[end - 1].is_stop or doc[end - 1].is_punct):
        end -= 1
    return doc[start : with_subject(doc, start, end, max_tokens)]


SUBJECT_WORDS = vocabulary.words("common_words", uses="subject")


def is_adverb_word(token: Token) -> bool:
    """A lowercase adverb standing as a word of its own ("significantly expanded", "nearly all
    ..."), not the first part of a hyphenated modifier ("recently-launched", "best-in-class"):
    no name begins with one."""
    return token.pos_ == "ADV" and token.is_lower and bool(token.whitespace_)


def with_subject(doc: Doc, start: int, end: int, max_tokens: int) -> int:
    """ "an addendum to the guidelines issued earlier, regarding the Nationwide lockdown": what
    an instrument is about, after a comma, is still its name."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in SUBJECT_WORDS:
        about_end = doc[end + 1].right_edge.i + 1
        if about_end - start <= max_tokens and about_end > end + 2:
            return about_end
    return end


def classify_name_run(doc: Doc, start: int, end: int):
    """Split a title-case run into (start, end, class) names by their head nouns."""
    text = doc_text(doc)
    if not may_name_by_head(text[start:end]):
        return  # nine runs in ten ("The", "In 2021", "President Biden"): no class noun in them
    start, end = trim_run(doc, start, end)
    tail = TIME_TAIL.search(text[start:end])  # "... Plan on Tuesday": a date, not the name
    if tail:
        end = start + tail.start()
    if start >= end or is_heading(list(re.finditer(r"\S+", text[start:end]))):
        return
    for piece_start, piece_end in split_at_headline_verbs(doc, start, end):
        for part_start, part_end in split_on_and_the(text, *trim_run(doc, piece_start, piece_end)):
            words = list(re.finditer(r"\S+", text[part_start:part_end]))
            if words and not is_heading(words):
                for name_start, name_end, type_ in name_by_head(part_start, words):
                    name_end = with_topic_list(text, name_start, name_end, type_)
                    yield name_start, with_years_or_number(text, name_start, name_end, type_), type_


_TOPIC = r"[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3}"
ENDS_ON_TOPIC = re.compile(rf"\bon[ \t]+{_TOPIC}$")
TOPIC_LIST_TAIL = re.compile(rf"(?:,[ \t]+{_TOPIC})+,?[ \t]+and[ \t]+{_TOPIC}")


def with_topic_list(text: str, start: int, end: int, type_: str) -> int:
    """ "Subcommittee on Environment, Innovation, and Public Health", "Council on Sports, Fitness,
    and Nutrition": a body named by its subjects takes the whole list of them (a title-case run
    stops at the first comma)."""
    if type_ != "Agency" or not ENDS_ON_TOPIC.search(text, start, end):
        return end
    tail = TOPIC_LIST_TAIL.match(text, end)
    return tail.end() if tail else end


PLAN_YEARS = re.compile(r"[ \t]+(?:19|20)\d\d(?:[-–](?:\d\d){1,2})?\b")  # 2015, 2018-19
INSTRUMENT_NUMBER = re.compile(
    r"[ \t]+(?:No\.[ \t]*)?\d{3,}(?:/\d+)*\b(?![.,]\d)"
)  # 14030, not "Order 2"
NUMBERED_HEADS = vocabulary.words("heads", rules="numbered")
ENACTMENT_YEAR = re.compile(r",?[ \t]+(?:19|20)\d\d\b(?![.,]\d|[ \t]*[-–/])")  # "Act, 2006"
NUMBERED_NAME = re.compile(
    r"(?P<prefix>(?:\S+[ \t]+)*?)(?P<head>[A-Z][a-z]+s)[ \t]+(?P<number>\d{3,})(?P<title>,[ \t].*)?"
)
# after a number (and its title): the next number of the list (", 13837", " and 11989",
# ", and 14008"), with a title up to the next comma ("14030, Climate-Related Financial Risk,");
# not a year (", 2021")
NEXT_NUMBERED_ITEM = re.compile(
    r"(?:,[ \t]*|[ \t]+)(?:(?:and|or)[ \t]+)?(?P<number>(?!(?:19|20)\d\d\b)\d{3,})\b(?![.,]\d)"
    r"(?P<title>,[ \t]+[A-Z][^,.;:\d\n]{0,80}?(?=,))?"
)


def numbered_items(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """ "Executive Orders 11644 and 11989", "Executive Orders 14030, Climate-Related Financial
    Risk, and 14008": a plural numbered head names one instrument per number ("Executive Order
    11644", "Executive Order 11989"), a cited title the one before it. Any other name is one
    item, itself."""
    named = NUMBERED_NAME.fullmatch(text, start, end)
    if named is None or singular(named["head"]) not in NUMBERED_HEADS:
        return [(start, end, text[start:end])]
    head = named["prefix"] + named["head"][: len(singular(named["head"]))]
    items = [(start, end, f"{head} {named['number']}{named['title'] or ''}")]
    while (following := NEXT_NUMBERED_ITEM.match(text, items[-1][1])) is not None:
        title = following["title"] or ""
        items.append(
            (following.start("number"), following.end(), f"{head} {following['number']}{title}")
        )
    return items


CITED_TITLE = re.compile(r",[ \t]+(?:on[ \t]+)?")


def with_cited_title(text: str, end: int) -> int:
    """ "Executive Order 14030, Climate-Related Financial Risk,", "Executive Order 14008, on
    Tackling the Climate Crisis at Home and Abroad.": a numbered instrument cited with its
    title; a title is a title-case run that ends the clause and names no body or person."""
    comma = CITED_TITLE.match(text, end)
    title = NAME_RUN.match(text, comma.end()) if comma else None
    if (
        title is None
        or " " not in title.group()
        or not re.match(r"\s*[,.;)]", text[title.end() : title.end() + 2])
        or title.group().split()[0].lower() in PERSON_TITLES | OFFICE_TITLES
        or find_body(title.group()) is not None
    ):
        return end
    return title.end()


def with_years_or_number(text: str, start: int, end: int, type_: str) -> int:
    """ "Budget 2015", "Union Budget 2018-19", "National Vision 2030": the years a plan covers
    are part of its name; "Executive Order 14030", "Proclamation 10962": so is an instrument's
    number; "MSMED Act, 2006", "Terrorism Act 2000": so is the year of an enactment."""
    head = singular(text[start:end].split()[-1])
    if type_ == "Plan":
        following = PLAN_YEARS.match(text, end)
    elif head in NUMBERED_HEADS:  # "Executive Orders 14030"
        following = INSTRUMENT_NUMBER.match(text, end)
        if following:
            return with_cited_title(text, following.end())
    elif head in DATED_HEADS:
        following = ENACTMENT_YEAR.match(text, end)
    else:
        following = None
    return following.end() if following else end


AFTER_NAME_HEADS = heads(rules="after-name")
LOWERCASE_HEAD = re.compile(
    rf"(?:[ \t]+[a-z][a-z-]*){{0,2}}?[ \t]+(?P<head>{literal_alternation(AFTER_NAME_HEADS)})\b"
)
NOT_OWNERS = {"GPE", "NORP", "PERSON", "DATE"}  # "China program", "Biden plan"


def lowercase_head_after(doc: Doc, start: int, end: int):
    """A capitalised name whose class noun follows in lower case ("the One You campaign", "the
    RCEP agreement", "Flood Mitigation Assistance grant program"), when the capitalised words
    name no class and no body of their own."""
    text = doc_text(doc)
    if not LOWERCASE_HEAD.match(text, end):
        return  # most runs: trimming them (a Span per word) would not bring a class noun nearer
    start, end = trim_run(doc, start, end)
    after = LOWERCASE_HEAD.match(text, end)
    if after is None or start >= end or find_body(text[start:end]) is not None:
        return
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or span.root.ent_type_ in NOT_OWNERS or any(map(names_class, span)):
        return  # "Project NextGen contract agreement": the name has its own class noun
    if is_capitalised_as_first(span):
        return  # "Pension scheme membership" (a table heading): a common noun, capitalised
    between = doc.char_span(end, after.start("head"), alignment_mode="expand")
    if between is not None and any(t.pos_ in {"VERB", "AUX"} for t in between):
        return  # "3M concluded an agreement": a clause, its subject is no name of the head
    yield start, after.end(), AFTER_NAME_HEADS[after["head"]]


# a name's class noun, in lower case right after it (past a bracketed acronym)
CLASS_NOUN_AFTER = re.compile(
    rf"(?P<acronym>[ \t]+\([A-Z][A-Za-z&]*\))?[ \t]+"
    rf"(?P<head>{literal_alternation(AFTER_NAME_HEADS)})\b"
)


def with_class_noun_after(text: str, named: tuple[int, int, str]) -> tuple[int, int, str]:
    """ "Regional Comprehensive Economic Partnership (RCEP) agreement", "Water Infrastructure
    Finance and Innovation Act (WIFIA) program": a lowercase noun of another class right after a
    name says what the name names; the name modifies it (and names it alone before an acronym,
    which the acronym's other uses name too: "the RCEP agreement")."""
    start, end, type_ = named
    after = CLASS_NOUN_AFTER.match(text, end)
    if after is None or type_ in ("Agency", AFTER_NAME_HEADS[after["head"]]):
        return named  # "... Voucher program": the class the name says already
    return start, end if after["acronym"] else after.end(), AFTER_NAME_HEADS[after["head"]]


def names_class(token: Token) -> bool:
    """A class noun that may head a name ("Workforce Partnerships program": the plural of a head
    only the singular heads names a programme's field)."""
    return bool(head_type(token.text)) and not is_plural_singular_head(token.text)


def is_capitalised_as_first(span: Span) -> bool:
    """One word that stands first in its sentence or line and that the document also writes in
    lower case: its capital says where it stands, not that it is a name. (The tagger calls such
    words proper nouns as often as not.)"""
    return len(span) == 1 and span[0].is_sent_start and is_written_lowercase(span[0])


# Verbs a title-case headline puts between names: "Harris Administration Announces the ... Program"
HEADLINE_VERBS = vocabulary.words("verbs", uses="headline")


def split_at_headline_verbs(doc: Doc, start: int, end: int):
    """The pieces of a run between the verbs a headline capitalises ("Announces", "Will",
    "to Sign"): a name does not go on across them."""
    words = list(re.finditer(r"\S+", doc_text(doc)[start:end]))
    piece_start, i = start, 0
    while i < len(words):
        verb_words = headline_verb_words(
            [w.group().lower() for w in words[i : i + 2]], last=i + 1 == len(words)
        )
        if verb_words:
            if i > 0 and start + words[i - 1].end() > piece_start:
                yield piece_start, start + words[i - 1].end()
            following = i + verb_words
            piece_start = start + words[following].start() if following < len(words) else end
        i += verb_words or 1
    if piece_start < end:
        yield piece_start, end


def headline_verb_words(words: list[str], last: bool) -> int:
    """How many of ``words`` (the next two of a run) are a headline's verb: 1 for "Announces",
    2 for "to Sign", 0 for none. A verb has its object after it, so a run's last word is no
    verb ("Advisory Committee on Veterans Issues")."""
    if words[0] in HEADLINE_VERBS and not last:
        return 1
    return 2 if words[0] == "to" and len(words) == 2 and words[1] in HEADLINE_BASE_VERBS else 0


# "Biden to Sign ...", "Harris to Travel to ...": what a headline says someone is to do. Not
# "protect" or "end": "Campaign to Protect Rural England", "Partnership to End Addiction".
HEADLINE_BASE_VERBS = vocabulary.words("verbs", uses="headline-base")


def is_heading(words: list[re.Match]) -> bool:
    """An all-capitals run of several words is a heading, not a name."""
    letters = [w.group() for w in words if re.search(r"[A-Za-z]{2}", w.group())]
    return len(letters) >= 4 and all(w.isupper() for w in letters)


WORD_MARKS = "“”\"‘’'.,"  # quotes and punctuation around a word of a name


def may_name_by_head(run: str) -> bool:
    """Whether a title-case run holds a word ``name_by_head`` may read as its head: a
    capitalised class noun (also as ``trim_run`` leaves a last word: "Ministry’s," is
    "Ministry"), or "Operation". A run without one names nothing by its head."""
    words = run.split()
    return any(map(may_be_head_word, ["", *words], words))


@lru_cache(maxsize=65536)  # the same words open and fill most runs ("The", "In", "President")
def may_be_head_word(previous: str, word: str) -> bool:
    """Whether ``word`` (after ``previous``) may be the head ``may_name_by_head`` looks for."""
    trimmed = word.rstrip(".,’'”\"")
    trimmed = trimmed[:-2] if POSSESSIVE_END.search(trimmed) else trimmed
    return any(
        form == "Operation" or form[:1].isupper() and bool(word_head_type(previous, form))
        for form in (word.strip(WORD_MARKS), trimmed.strip(WORD_MARKS))
    )


POSSESSIVE_END = re.compile(r"\w['’]s$")
SINGULAR_HEADS = heads(rules="singular")


def is_plural_singular_head(word: str) -> bool:
    return singular(word) in SINGULAR_HEADS and is_plural(word)


def word_head_type(previous: str, word: str) -> str | None:
    """The class ``word`` names as a head: alone ("Ministry"), or as the second word of a head of
    two title-case words ("Task Force", after ``previous``); a head only singular heads a name
    ("Lower Electricity Bills" are what households pay)."""
    if is_plural_singular_head(word):
        return None
    if previous[:1].isupper():
        return head_type(word) or compound_head_type(previous.strip(WORD_MARKS), word)
    return head_type(word)


def head_word_flags(words: list[str]) -> list[bool]:
    """Which words of a name (lower case) are its head words: a head noun, or either word of a
    head of two words ("task force")."""
    flags = [head_type(w) is not None for w in words]
    for i in range(1, len(words)):
        if compound_head_type(words[i - 1], words[i]):
            flags[i - 1] = flags[i] = True
    return flags


def name_by_head(base: int, words: list[re.Match]):
    """The name and class of a run, by where its head noun stands:
    first and followed by of/on/for ("Office of Science and Technology Policy": Agency),
    last ("Affordable Connectivity Program"), or inside and followed by of/on/for
    ("Interagency Policy Committee on PFAS"); else the run up to its last head."""
    texts = [w.group().strip(WORD_MARKS) for w in words]
    types = [
        word_head_type(previous, t) if t[:1].isupper() else None
        for previous, t in zip(["", *texts], texts, strict=False)
    ]
    followed = [
        i + 1 < len(texts) and texts[i + 1].lower() in HEAD_LINKS for i in range(len(texts))
    ]
    stop = title_start(texts)
    if (
        texts[0] == "Operation" and stop > 1 and not types[stop - 1]
    ):  # "Operation Green", "Operation Warp Speed"
        yield base + words[0].start(), base + words[stop - 1].end(), "Program"
        return
    if types[0] and followed[0]:
        chosen, end = 0, stop
    elif (policy := policy_head_with_complement(types, followed, stop)) is not None:
        chosen, end = policy, stop
    elif types[-1] and stop == len(texts):
        chosen, end = len(texts) - 1, len(texts)
    else:
        inside = [i for i in range(stop) if types[i] and followed[i]]
        heads = [i for i in range(stop) if types[i]]
        if inside:
            chosen, end = inside[-1], stop
        elif heads:
            chosen, end = heads[-1], heads[-1] + 1
            if types[chosen] != "Agency" and continues_as_name(texts[end:stop]):
                if chosen > 0 or types[chosen] != "Program":
                    return  # "Pensions Advisory | Service": the class noun is no head here
                if not is_proper_name_after(texts[end:stop]) or is_plural(texts[chosen]):
                    return  # "Programs More Cost Effective": a headline's words
                end = stop  # "Project NextGen", "Mission Indradhanush": named like "Operation X"
        else:
            return
    if types[chosen] == "Agency" and not is_topic_head(texts, chosen):
        # "Ministry of Culture in Madhya Pradesh", "Department of ... on COVID-19": only a body
        # named by its subject ("Committee on ...") goes on after "on", "in" or "to"
        end = next((j for j in range(chosen + 1, end) if texts[j].lower() in TAIL_LINKS), end)
    while end > chosen + 1 and texts[end - 1].lower() in CONNECTORS:
        end -= 1
    # "Officials of the Department for Transport": after a connector the name starts at its head
    first = chosen if chosen > 0 and texts[chosen - 1].lower() in CONNECTORS else 0
    first = after_office_title(texts, first, chosen)
    if types[chosen] == "Agency":
        first = max(first, after_headless_lead(texts, types, chosen))
    yield base + words[first].start(), base + words[end - 1].end(), types[chosen]


def policy_head_with_complement(
    types: list[str | None], followed: list[bool], stop: int
) -> int | None:
    """ "Executive Order on Advancing Racial Equity ... Through the Federal Government": a policy
    head before of/on/for heads the whole run; a body named in its complement, last, does not."""
    if stop != len(types) or types[-1] != "Agency":
        return None
    first = next((i for i in range(stop - 1) if types[i]), None)
    return first if first is not None and types[first] != "Agency" and followed[first] else None


TITLE_QUALIFIERS = vocabulary.words("titles", ends_name="before-title")


def title_start(texts: list[str]) -> int:
    """Where a person's title starts in a run of words, after its first word (the run's length if
    none does): "Department of Agriculture Under Secretary Robert Bonnie" names the Department."""
    stop = next((j for j in range(1, len(texts)) if texts[j].lower() in PERSON_TITLES), len(texts))
    while stop < len(texts) and stop > 1 and texts[stop - 1].lower() in TITLE_QUALIFIERS:
        stop -= 1
    return stop


ROMAN_NUMERAL = re.compile(r"[IVXL]+")


def continues_as_name(following: list[str]) -> bool:
    """Whether the words after a policy's class noun go on with the name, so that the class
    noun modifies a later word ("Direct Benefit Transfer", "Pensions Advisory Service") or
    the name follows it ("Project NextGen"): a capitalised word, not a roman numeral
    ("Civil Service Rule XI") and not a quoted name of its own."""
    return bool(following) and (
        following[0][:1].isupper()
        and following[0].lower() not in CONNECTORS
        and not ROMAN_NUMERAL.fullmatch(following[0])
    )


def is_plural(word: str) -> bool:
    return singular(word.lower()) != word.lower()


def is_proper_name_after(following: list[str]) -> bool:
    """ "Project NextGen", "Mission Indradhanush": a short name after a programme noun; not a
    clause or a phrase ("Mission Based Deployments", "Project Approval Meeting of the IDMI")."""
    return len(following) <= 3 and not any(
        w.lower() in CONNECTORS or w.endswith("ed") or w.lower() in MEETING_WORDS for w in following
    )


TOPIC_HEADS = heads(rules="topic")


def is_topic_head(texts: list[str], i: int) -> bool:
    """Whether the head at ``i`` names a body by its subject ("Committee on ...", "Working Group
    on ..."): the word alone, or with the word before it as a head of two words."""
    pair = head_key(texts[i - 1], texts[i]) if i else ""
    return singular(texts[i]) in TOPIC_HEADS or pair in TOPIC_HEADS


TAIL_LINKS = vocabulary.words("common_words", uses="tail-link")
OFFICE_TITLES = vocabulary.words("titles", role="office")


def after_office_title(texts: list[str], first: int, chosen: int) -> int:
    """ "Chair of the Nuclear Regulatory Commission", "Director of the White House Office of
    ...": a post held in a body is no part of its name; the name starts after the post."""
    for i in range(chosen - 1, first - 1, -1):
        if texts[i].lower() in OFFICE_TITLES and texts[i + 1].lower() in CONNECTORS:
            start = i + 1
            while start < chosen and texts[start].lower() in CONNECTORS:
                start += 1
            return start
    return first


def after_headless_lead(texts: list[str], types: list[str | None], chosen: int) -> int:
    """ "Reform of the Nuclear Regulatory Commission", "Monthly Consolidation of the Union
    Government": words before "of the" or "for the" that hold no head noun name no body (an
    act, a post, a part of one); the body's name starts after them. (Without "the" the words
    are one proper name: "Bank of England Monetary Policy Committee".)"""
    for i in range(chosen):
        if types[i]:
            return 0
        if texts[i].lower() in LEAD_LINKS:
            start = i + 2
            return start if texts[i + 1].lower() == "the" and start < chosen else 0
    return 0


LEAD_LINKS = vocabulary.words("common_words", uses="lead-link")
LEADING_NON_NAMES = vocabulary.words("common_words", uses="leading")
NAME_POSSESSORS = vocabulary.words("common_words", uses="name-possessor")


def trim_run(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading words that are not part of a name ("Through", "Thanks to", "Biden's")
    and trailing punctuation."""
    text = doc_text(doc)
    while (
        end > start
        and text[end - 1] in ".,’'”\""
        and not (text[end - 1] in '”"’' and text[start] in '“"‘')
    ):
        end -= 1
    if re.search(r"\w['’]s$", text[start:end]):  # "Department of Agriculture’s (USDA) ..."
        end -= 2
    # (?<!\S): only from a word's start (from inside 80,000 letters it took 73 s); same matches
    possessive = [
        match
        for match in re.finditer(r"(?<!\S)(\S+)['’]s\s+", text[start:end])
        if match[1].lower() not in NAME_POSSESSORS
        and text[start + match.end()] != "("
        and not is_plural_possessor(doc, start + match.start(1))
    ]  # "C & AG’s (Duties, Powers ...) Amendment Act": a bracketed title is the possessor's
    if possessive:  # "Biden's American Jobs Plan": the name starts after the possessor
        start += possessive[-1].end()
    # a noun phrase follows a possessive: a verb there starts a name ("the President’s Make
    # America Healthy Again Commission")
    owned_at = start if AFTER_POSSESSIVE.search(text, max(0, start - 4), start) else -1
    while start < end:
        word = re.match(r"\S+", text[start:end]).group()
        span = doc.char_span(start, start + len(word), alignment_mode="expand")
        lower = word.lower().strip('“"‘')
        # the word's first token that is not an opening quote: “14th is the ordinal, not “
        first = next((t for t in span if not t.is_quote), None) if span is not None else None
        not_name = (
            first is not None
            and first.pos_ not in NAME_POS
            and not head_type(lower)
            and not is_verb_of_name(first)
            and start != owned_at
        )
        if before_name_possessor(text, start + len(word), end):
            break  # "Her Majesty’s Inspectorate of Constabulary"
        if lower in CONNECTORS or lower in LEADING_NON_NAMES or lower in PERSON_TITLES or not_name:
            start += len(word)
            start += len(text[start:end]) - len(text[start:end].lstrip())
            continue
        break
    return start, without_function_word_ending(doc, start, end)


FUNCTION_POS = {"ADP", "CCONJ", "SCONJ", "DET"}


def without_function_word_ending(doc: Doc, start: int, end: int) -> int:
    """The run's end before the prepositions, conjunctions and determiners it ends in: no name
    ends in one, and a title-case run takes one over from the words after a name ("the Executive
    Order on ... Underserved Communities Through the federal government")."""
    while end > start:
        # "expand": a run may end inside a token ("LGBTQI" of "LGBTQI+"), which is no function word
        span = doc.char_span(start, end, alignment_mode="expand")
        last = span[-1] if span is not None and len(span) > 1 else None
        if last is None or (last.pos_ not in FUNCTION_POS and last.lower_ not in CONNECTORS):
            return end
        end = span[-2].idx + len(span[-2].text)
    return end


PLURAL_NOUN_TAGS = {"NNS", "NNPS"}
IRREGULAR_PLURALS = vocabulary.column("plurals", "singular")  # "women", "children"


def is_plural_possessor(doc: Doc, at: int) -> bool:
    """ "African Women’s Entrepreneurship Program", "Children’s Health Insurance Program": the
    people a policy serves, named in the plural, are part of its name, not its owner (an owner
    is one: "Biden’s", "the Ministry’s")."""
    span = doc.char_span(at, at + 1, alignment_mode="expand")
    if span is None:
        return False
    word = span[0].lower_
    return span[0].tag_ in PLURAL_NOUN_TAGS or IRREGULAR_PLURALS.get(word, word) != word


def is_verb_of_name(token: Token) -> bool:
    """ "Build Back Better Act", "the Driving Good Jobs Initiative", "Protecting the Rights to
    Organize Act": a capitalised verb after a word of the sentence begins a name; at a sentence's
    or a list item's start ("- Support the ...") or after "to" ("work to Build Back Better") it is
    the sentence's."""
    if token.pos_ != "VERB" or not token.text[:1].isupper() or token.is_sent_start:
        return False
    before = token.doc[token.i - 1] if token.i else None
    # after a bullet, a line break or "**" the verb begins a list item or a heading
    return before is not None and before.is_alpha and before.lower_ != "to"


AFTER_POSSESSIVE = re.compile(r"\w['’]s\s+$")


def before_name_possessor(text: str, at: int, end: int) -> bool:
    following = re.match(r"\s+(\S+?)['’]s\s", text[at:end] + " ")
    return following is not None and following[1].lower() in NAME_POSSESSORS


def split_on_and_the(text: str, start: int, end: int):
    """Two names joined by "and the", by "and" right after a head noun ("Environmental
    Protection Agency and General Services Administration") or by "and"/"or" before a body's
    head and its link ("Department of Energy and Department of Defense"); "Ministry of Science
    and Technology" stays whole."""
    piece_start = start
    for joiner in re.finditer(r"\s+(?:and|or)\s+(?:the\s+)?", text[start:end]):
        before = text[piece_start : start + joiner.start()].split()
        after = text[start + joiner.end() : end].split()[:2]
        if (
            "the" in joiner.group()
            or before
            and head_type(before[-1])
            and before[-1][:1].isupper()
            or starts_body_name(after)
        ):
            yield piece_start, start + joiner.start()
            piece_start = start + joiner.end()
    yield piece_start, end


def starts_body_name(words: list[str]) -> bool:
    """ "Department of Defense", "Ministry of External Affairs": a head noun and its link."""
    return (
        len(words) == 2
        and words[0][:1].isupper()
        and head_type(words[0]) == "Agency"
        and words[1].lower() in HEAD_LINKS
    )


CLAUSE_TAGS = {"VBD", "VBZ", "VBP", "MD"}  # a finite verb: the words are a clause, not a name
NOT_NAME_START = {"ADP", "ADV", "SCONJ", "PRON", "AUX", "VERB"}


def list_names(doc: Doc, match: re.Match) -> Iterator[tuple[int, str]]:
    """The items of a coordinated list that are names, up to where the sentence goes on as a
    clause ("... and the Hungary-Serbia railway are making headway, Meng said"). A list after
    an infinitive ("laws to accelerate progress, including ...") lists what the clause is
    about, not members of the head."""
    if has_infinitive(doc, match.end("head"), match.start("items")):
        return
    counted = is_counted(doc, match.end("head"))
    for start, item in split_list_items(doc_text(doc), match.start("items"), match["items"]):
        cut = noun_phrase_end(doc, start, start + len(item))
        if cut is None:
            return
        if names_list_member(doc, start, cut, counted):
            yield start, item[: cut - start]
        if cut < start + len(item):
            return


# before a list head, a number says the items are that many named instruments ("5 action
# plans, including ..."); looked for among the few words that modify the head
COUNT_WINDOW = 4
INDEFINITE_ARTICLES = vocabulary.words("common_words", uses="indefinite")
DESCRIBING_DEPS = {"acl", "relcl", "advcl", "xcomp"}  # "a strategy involving ...", "... that align"


def is_counted(doc: Doc, head_end: int) -> bool:
    """ "5 three-year action plans", "two programmes": a number modifies the list head."""
    span = doc.char_span(head_end - 1, head_end, alignment_mode="expand")
    if span is None:
        return False
    before = doc[max(0, span.start - COUNT_WINDOW) : span.start]
    return any(t.like_num for t in before if not t.is_sent_start or t.i == before.start)


def has_infinitive(doc: Doc, start: int, end: int) -> bool:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span is not None and any(t.tag_ == "TO" and t.head.pos_ == "VERB" for t in span)


def names_list_member(doc: Doc, start: int, end: int, counted: bool) -> bool:
    """A list item names one member of the head's class: no description ("a place-based
    strategy involving ...", "regulatory actions to protect children"), no list of its own,
    not a bare acronym, and, unless the head is counted, a capitalised word ("humanitarian and
    disaster response" lists fields; "5 action plans, including clean heating" names plans)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    words = [t for t in span if not t.is_punct]
    if not words or words[0].lower_ in INDEFINITE_ARTICLES:
        return False
    if len(words) == 1 and ACRONYM.fullmatch(words[0].text):
        return False  # "PEPFAR, TB, PMI": a bare acronym is a name of its own, not "TB program"
    if any(
        t.dep_ in DESCRIBING_DEPS and t.pos_ == "VERB" or t.tag_ in ("TO", "WDT") for t in words
    ):
        return False
    if LIST_CUE.search(span.text):
        return False
    return counted or any(t.text[:1].isupper() for t in words)


def noun_phrase_end(doc: Doc, start: int, end: int) -> int | None:
    """Where a list item's name ends: before a finite verb ("the Hungary-Serbia railway | are
    making headway"); None when it is no name: it starts with a preposition, an adverb or a
    verb ("at a press conference Tuesday", "down by 10%", "said Meng Wei")."""
    span = doc.char_span(start, end, alignment_mode="expand")
    words = [t for t in span if not t.is_punct] if span is not None else []
    if not words or words[0].pos_ in NOT_NAME_START:
        return None
    verb = next((t for t in words if t.tag_ in CLAUSE_TAGS), None)
    if verb is None:
        return end
    before = [t for t in words if t.i < verb.i]
    return before[-1].idx + len(before[-1]) if before else None


MAX_LIST_ITEM_WORDS = 10
LIST_ENDS = tuple(vocabulary.words("common_words", uses="list-end"))  # "etc.", "together with"


def split_list_items(text: str, base: int, items: str):
    """ "A, B, and C" -> [(offset, "A"), (offset, "B"), (offset, "C")], quotes dropped.

    Items are split on commas and on the "and" before the last item only, so that
    "industrial Internet innovation and development" stays one item.
    """
    pieces = re.split(r"(,\s*)", items)
    if len(pieces) == 1:
        pieces = re.split(r"(\s+and\s+)", items)
    offset = 0
    for raw in pieces:
        if re.fullmatch(r",\s*|\s+and\s+", raw):
            offset += len(raw)
            continue
        lead = re.match(r"\s*(?:(?:and|or)\s+)?", raw).end()
        clean = raw[lead:].strip().strip("“”\"‘’'").strip()
        n_words = len(clean.split())
        if n_words > MAX_LIST_ITEM_WORDS:
            return  # a clause, not an item: the list has ended
        if n_words and clean[:1].isalnum() and not clean.lower().startswith(LIST_ENDS):
            yield base + offset + raw.index(clean[0], lead), strip_quotes(clean)
        offset += len(raw)


def find_acronym_definitions(text: str) -> dict[str, str]:
    """ "Full Name (ACR)" -> {"ACR": "Full Name"} when the letters fit the name's initials
    (the first definition, where the text defines an acronym twice)."""
    return {acronym: names[0] for acronym, names in acronym_expansions(text).items()}


def acronym_expansions(text: str) -> dict[str, list[str]]:
    """Every name the text defines each acronym with, in text order."""
    found: dict[str, list[str]] = defaultdict(list)
    for match in ACRONYM_AFTER.finditer(text):
        acronym = match["acr"]
        before = text[max(0, match.start() - 160) : match.start()].rstrip()
        runs = list(NAME_RUN.finditer(before))
        if not runs or runs[-1].end() != len(before):
            continue
        if initials_fit(acronym, runs[-1].group()):
            name = trim_to_initials(acronym, runs[-1].group())
        elif (listed := comma_joined_name(before, runs, acronym)) is not None:
            name = listed
        else:
            continue
        if name not in found[acronym]:
            found[acronym].append(name)
    return dict(found)


def with_acronym_variants(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Public Finance Management System (PFMS)" ... "Public Financial Management System
    (PFMS)": names a document defines with one acronym are one entity, the first one's."""
    by_name = {(m.type, canonical_key(m.name)): m.key for m in mentions}
    keys: dict[tuple[str, str], str] = {}
    for names in acronym_expansions(text).values():
        first, *others = [canonical_key(name) for name in names]
        for type_ in POLICY_CLASSES + ("Agency",):
            if (type_, first) in by_name:
                keys |= {(type_, other): by_name[(type_, first)] for other in others}
    return [
        replace(m, key=keys[(m.type, canonical_key(m.name))])
        if (m.type, canonical_key(m.name)) in keys
        else m
        for m in mentions
    ]


SHORT_FORM_AFTER = re.compile(r"[ \t]+\((?P<short>[A-Z][\w'’-]*(?:[ \t]+[\w'’-]+){0,3})\)")


def with_short_forms(mentions: list[Mention], text: str) -> list[Mention]:
    """ "the Joint Office of Energy and Transportation (Joint Office)": a name followed by a
    bracketed short form of its own words defines it, as "(DOE)" defines an acronym; the short
    form's mentions are the name's entity."""
    defined: dict[str, Mention] = {}
    for m in mentions:
        after = SHORT_FORM_AFTER.match(text, m.end)
        if after is None or after["short"].isupper():
            continue  # an acronym: the acronym rules read it
        if set(after["short"].lower().split()) <= set(m.name.lower().split()):
            defined.setdefault(canonical_key(after["short"]), m)
    return [
        replace(m, type=full.type, key=full.key)
        if (full := defined.get(canonical_key(m.name))) is not None and full is not m
        else m
        for m in mentions
    ]


OWNER_NAME_WORDS = 3  # "ARP Child Care Stabilization program": the rest is a name of its own
ENACTING_CLASSES = ("Plan", "Regulation")  # whose money a programme spends


def without_defined_owners(mentions: list[Mention], text: str, country: str | None):
    """ "ARP Child Care Stabilization program", where the document defines "American Rescue Plan
    (ARP)": a policy's name after the acronym the document defines for a plan or a law is the
    policy's name without it (whose money or law it is, not which policy), as a body's acronym
    before a name is (``kg.extract.identity``). After a programme's acronym the name is a part
    of that programme ("SNAP Employment and Training Program") and stays."""
    defined = set(acronym_expansions(text)) & {
        m.name for m in mentions if m.type in ENACTING_CLASSES
    }
    owned = {i: name for i, m in enumerate(mentions) if (name := owned_name(m, defined))}
    return [
        replace(m, key=mention_key(m.type, owned[i], country)) if i in owned else m
        for i, m in enumerate(mentions)
    ]


def owned_name(mention: Mention, defined: set[str]) -> str | None:
    """A policy's name without the defined acronym before it, if one stands there and is not
    the policy's own (its letters do not start the rest: "SNAP Supplemental ...")."""
    owner, _, rest = mention.name.partition(" ")
    if (
        mention.type not in POLICY_CLASSES
        or owner not in defined
        or len(rest.split()) < OWNER_NAME_WORDS
        or initials_fit(owner, rest)
    ):
        return None
    return rest


def comma_joined_name(
    before: str, runs: list[re.Match], acronym: str, max_runs: int = 5
) -> str | None:
    """ "Comprehensive Environmental Response, Compensation, and Liability Act (CERCLA)": a name
    with commas inside, taken back run by run until its initials spell the acronym exactly."""
    letters = acronym_letters(acronym)
    for first in range(len(runs) - 2, max(-1, len(runs) - 1 - max_runs), -1):
        gaps = [
            before[a.end() : b.start()]
            for a, b in zip(runs[first:], runs[first + 1 :], strict=False)
        ]
        if not all(re.fullmatch(r",\s*(?:and\s+)?|\s+and\s+", gap) for gap in gaps):
            return None
        name = before[runs[first].start() :]
        if initials(name) == letters:
            return name
    return None


def initials(name: str) -> str:
    """ "Ministry of Power" -> "MP" (connectors are not spelled)."""
    return "".join(
        w[0] for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w.lower() not in CONNECTORS
    ).upper()


def acronym_letters(acronym: str) -> str:
    return re.sub(r"[^A-Za-z]", "", acronym).upper()


def initials_fit(acronym: str, name: str) -> bool:
    letters, spelled = acronym_letters(acronym), initials(name)
    return bool(letters) and letters[0] == spelled[:1] or letters in spelled


def trim_to_initials(acronym: str, name: str) -> str:
    """Keep only the last words of ``name`` that the acronym spells (drops leading words); a
    name starts at a word the acronym spells ("The White House and the U.S. Interagency Council
    on Homelessness (USICH)" defines the Council, not "and the ... Council"). Where the letters
    spell the words in order, the name is the shortest run they spell, with the body's head
    before it that acronyms leave out: "Harris and Department of Housing and Urban Development
    (HUD)" defines the Department, not Harris and it.

    >>> trim_to_initials("DHS", "Secretary of the Department of Homeland Security")
    'Department of Homeland Security'
    >>> trim_to_initials("HUD", "Harris and Department of Housing and Urban Development")
    'Department of Housing and Urban Development'
    """
    words = name.split()
    letters = acronym_letters(acronym)
    spelled = spelled_start(words, letters)
    if spelled is not None:
        return " ".join(words[with_body_head_before(words, spelled) :]).strip('“”"‘’')
    for i in range(len(words)):
        if words[i].lower() in CONNECTORS:
            continue
        rest = [w for w in words[i:] if w.lower() not in CONNECTORS]
        if (
            "".join(w[0] for w in rest).upper().startswith(letters[:1])
            and len(rest) <= len(letters) + 2
        ):
            return " ".join(words[i:]).strip('“”"‘’')
    return name


def spelled_start(words: list[str], letters: str) -> int | None:
    """The last word from which the initials of the words (connectors left out) start with the
    acronym's first letter and hold all its letters in order, if one does."""
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in CONNECTORS:
            continue
        spelled = initials(" ".join(words[i:]))
        if spelled[:1] == letters[:1] and is_subsequence(letters, spelled):
            return i
    return None


def is_subsequence(letters: str, spelled: str) -> bool:
    remaining = iter(spelled)
    return all(letter in remaining for letter in letters)


def with_body_head_before(words: list[str], start: int) -> int:
    """ "Department of | Housing and Urban Development (HUD)": a body's head and its link before
    the words an acronym spells belong to the name, unless those words name a body of their own
    that the gazetteer does not know the longer name of."""
    at = start - 1
    if at > 0 and words[at].lower() == "the":
        at -= 1
    linked = at > 0 and words[at].lower() in HEAD_LINKS
    head = words[at - 1] if linked else ""
    if not (linked and head[:1].isupper() and head_type(head) == "Agency"):
        return start
    spelled = [word.lower().strip(WORD_MARKS) for word in words[start:]]
    if any(head_word_flags(spelled)) and find_body(" ".join(words[at - 1 :])) is None:
        return start  # "Subcommittee of the | President’s Task Force (PTF)": a body of its own
    return at - 1


# "U.S. Department of Agriculture" is the lexicon's "Department of Agriculture"
# (keys are lower case)
ARTICLES = vocabulary.words("common_words", uses="article")
COUNTRY_QUALIFIER = re.compile(
    rf"^{literal_alternation(vocabulary.words('country_qualifiers'))}\s+"
)


def inside_longer_name(form: str, before: str, after: str = "") -> bool:
    """ "National Congress", "Indian Parliament": a one-word lexicon name (not an acronym) right
    after another capitalised word is part of another name; so is one right before a word in
    capitals ("Lifeline UDAN initiative")."""
    previous = re.search(r"(\S+)\s+$", before)
    return (
        " " not in form
        and not form.isupper()
        and (
            previous is not None
            and re.fullmatch(r"[A-Z][\w’'-]*", previous[1]) is not None
            and previous[1].lower() not in ARTICLES
            or re.match(r"[ \t]+[A-Z]{2,}\b", after) is not None
        )
    )


def lexicon_entry(name: str):
    """The lexicon's entry for ``name``, also when a country qualifies it ("U.S. ...")."""
    key = canonical_key(name)
    return lexicon().get(key) or lexicon().get(COUNTRY_QUALIFIER.sub("", key))


def mention_key(type_: str, name: str, country: str | None) -> str:
    """The identity of an entity of ``type_`` named ``name``: a listed programme's name, else
    the rule of ``kg.extract.identity`` (the gazetteer's body, resolved by ``country``)."""
    entry = lexicon_entry(name) if type_ != "Agency" else None
    if entry and entry.type == type_:
        return entity_key(type_, entry.name)
    return entity_key(type_, name, country)


def resolve_identities(mentions: list[Mention], country: str | None) -> list[Mention]:
    """Every mention takes its entity's key: known bodies and programmes their listed name."""
    return [
        Mention(m.start, m.end, m.type, m.name, mention_key(m.type, m.name, country), m.rule)
        for m in mentions
    ]


def with_document_keys(mentions: list[Mention]) -> list[Mention]:
    """What one document says of identity (``kg.extract.identity``): agencies named without
    their province once the document named it with it take the fuller name's key; a name
    followed by a common noun (“Shramik Special” trains) the name's; an acronym form ("MSMED
    Act") the spelled name's ("MSME Development Act"); a headline's "New X" the document's "X"."""
    names: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in mentions:
        names[(m.type, m.key)].add(m.name)
    keys = {
        ("Agency", k): v for k, v in local_body_keys({k for t, k in names if t == "Agency"}).items()
    }
    for type_ in ("Agency", *POLICY_CLASSES):
        leads = descriptor_lead_keys({k for t, k in names if t == type_})
        keys |= {(type_, k): v for k, v in leads.items() if (type_, k) not in keys}
    for type_ in POLICY_CLASSES:
        of_type = {k: written for (t, k), written in names.items() if t == type_}
        keys |= {(type_, k): v for k, v in described_name_keys(of_type).items()}
        keys |= {(type_, k): v for k, v in acronym_form_keys(of_type).items()}
    return [
        replace(m, key=keys[(m.type, m.key)]) if (m.type, m.key) in keys else m for m in mentions
    ]


def body_form_mentions(text: str, country: str | None) -> Iterator[Mention]:
    """ "Department of Natural Resources of Yunnan Province", "Ohio Department of Health": the
    forms the bodies of provinces, states and local government take (``data/body_forms.tsv``).
    Searched in title-case runs only: over a whole text the long pattern cost a third of spaCy."""
    for run_start, run_end in name_runs(text):
        for match in body_forms_in(text[run_start:run_end]):
            start, end = run_start + match.start(), run_start + match.end()
            key = entity_key("Agency", match.group(), country)
            yield Mention(start, end, "Agency", match.group(), key, "lexicon")


def classified_mentions(
    doc: Doc,
    found: list[Mention],
    country: str | None,
    threshold: float,
    classifier: SpanClassifier | None = None,
    acceptable=lambda mention: True,
) -> list[Mention]:
    """Names the span classifier finds where no rule found one (``kg.extract.span_classifier``):
    of overlapping spans the most probable ``acceptable`` one. (A rejected span is left out
    before decoding: a bare "National Strategy", no name, would hide "National Strategy to
    Advance Privacy-Preserving Data Sharing and Analytics"; it still rules out what lies inside
    it, ``inside_vetoed``.)"""
    text = doc_text(doc)
    tokens = DocTokens.of(doc)
    # "nearly all full-benefit adults", "newly established Japan-U.S. Clean Energy Partnership":
    # no name begins with an adverb (left out before decoding, so that the name inside wins)
    spans = [s for s in residual_spans(doc, found, tokens) if not is_adverb_word(doc[s[0]])]
    described = described_mentions(found)
    classifier = classifier or load_span_classifier()
    predictions = classifier.predict(doc, spans, country, threshold, tokens)
    named = {}
    for p in predictions:
        mention = learned_mention(doc, text, p, described, country)
        if mention is not None and acceptable(mention):
            named[p] = mention
    vetoed = [p for p in predictions if p not in named]
    return [named[p] for p in decode([p for p in named if not inside_vetoed(p, vetoed)])]


def inside_vetoed(p: SpanPrediction, vetoed: list[SpanPrediction]) -> bool:
    """A vetoed span still rules out the spans inside it that it outscores: "20th National
    Congress of the Party" (a meeting) is no "National Congress of the Party" (a body)."""
    return any(
        v.start <= p.start and p.end <= v.end and v.probability >= p.probability for v in vetoed
    )


def learned_mention(
    doc: Doc, text: str, p: SpanPrediction, described: dict[str, Mention], country: str | None
) -> Mention | None:
    """The mention a prediction names, or None for what names nothing: fewer than two words
    once its edges are trimmed, a pronoun, a heading, a person or place, a clause led by a verb
    of judging."""
    first, last = edge_tokens(doc, after_partitive(doc, p.start, p.end), p.end)
    if last - first < 2:
        return None
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1])
    name = strip_quotes(text[start:end])
    if (
        PRONOUN_OR_POSSESSIVE.search(name)
        or is_heading(list(re.finditer(r"\S+", name)))
        or doc[first:last].root.ent_type_ in NOT_NAME_LABELS
        or (doc[first].is_lower and judges(doc[first]))
    ):
        return None
    same = described.get(policy_key(name))
    type_, key = (same.type, same.key) if same else (p.type, None)
    return Mention(start, end, type_, name, key or mention_key(type_, name, country), "learned")


def after_partitive(doc: Doc, start: int, end: int) -> int:
    """ "part of Government Integrated Financial Management System", "concept of Gate Closure":
    a lowercase common noun and "of" before a capitalised name are no part of it; the name
    starts after them."""
    if (
        end - start >= 4
        and doc[start].is_lower
        and doc[start].pos_ == "NOUN"
        and not head_type(doc[start].lower_)
        and doc[start + 1].lower_ == "of"
        and doc[start + 2].text[:1].isupper()
    ):
        return start + 2
    return start


def with_clean_edges(doc: Doc, named: tuple[int, int, str]) -> tuple[int, int, str]:
    """A named (start, end, class) without the words at its edges that name nothing
    (``edge_tokens``)."""
    start, end, type_ = named
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) < 2:
        return named
    first, last = edge_tokens(doc, span.start, span.end)
    if last - first < 2:
        return named
    new_start = start if first == span.start else doc[first].idx
    new_end = end if last == span.end else doc[last - 1].idx + len(doc[last - 1])
    return new_start, new_end, type_


GLUED_DESCRIBER_TAGS = {"VBN", "VBD", "JJ"}  # "-assisted", "-led", "-wide": describes what follows


def edge_tokens(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """A name's first and last token (``last`` excluded) without the words at its edges that a
    title-case run or a candidate span takes in but that name nothing, or leaves out: the first
    piece of a hyphenated word ("Low- | Income Housing Tax Credit"), a describing word
    glued to the name by a hyphen ("Department of Housing and Urban Development | -assisted"),
    and words before "<preposition> the" or "and" that hold no head noun of their own
    ("Billion in the | State Small Business Credit Initiative", "Harris and | Department of
    ...")."""
    if is_hyphen_piece(doc, first):
        first = hyphenated_word_start(doc, first, last)
    if last - first >= 3 and is_hyphen_piece(doc, last - 1) and doc[last - 1].is_lower:
        if doc[last - 1].tag_ in GLUED_DESCRIBER_TAGS:
            last -= 2
    return after_headless_words(doc, first, last), before_short_form(doc, first, last)


def before_short_form(doc: Doc, first: int, last: int) -> int:
    """ "Joint Office of Energy and Transportation (Joint Office)": a bracket at a name's end whose
    words the name already holds gives the short form the text goes on to use; the name ends
    before it. (An acronym in brackets stays: the acronym rules read it.)"""
    if doc[last - 1].text != ")":
        return last
    opening = next((i for i in range(last - 2, first, -1) if doc[i].text == "("), None)
    if opening is None or opening - first < 2:
        return last
    short = [t.lower_ for t in doc[opening + 1 : last - 1]]
    named = {t.lower_ for t in doc[first:opening]}
    is_acronym = len(short) == 1 and doc[opening + 1].is_upper
    return opening if short and not is_acronym and set(short) <= named else last


def is_hyphen_piece(doc: Doc, i: int) -> bool:
    """A token that continues the word before it across a hyphen ("Ever" of "First-Ever")."""
    return (
        i > 1
        and doc[i - 1].text == "-"
        and not doc[i - 1].whitespace_
        and not doc[i - 2].whitespace_
        and not doc[i - 2].is_punct
    )


def starts_body_after(doc: Doc, start: int, end: int, lead: Span) -> bool:
    """After "and", a body's head and its link ("ONC and | Office of the Assistant Secretary
    for Health"), or after a person's name a listed body ("Kamala Harris and | Environmental
    Protection Agency")."""
    if starts_body_name([doc[start].text, doc[start + 1].text]):
        return True
    return all(t.ent_type_ == "PERSON" for t in lead) and (
        find_body(doc[start:end].text, country=doc_country(doc)) is not None
    )


# (a plural the tagger calls a person in a headline is not one: "Launches Women in the ...")
NOTHING_NAMING_ENTITIES = {"GPE", "PERSON", "NORP", "MONEY", "CARDINAL"}


def names_nothing(token: Token, first: bool) -> bool:
    """A word before a name that is no part of it: a verb ("Adding", "Would Decimate"), a number
    ("$10 Billion"), a place or person, a body's acronym ("DOT in the ..."), or a sentence's
    first word, a common noun in the singular that the document also writes in lower case ("Part
    of the ..."); not a word a name may start with ("Friends of the Earth", "Women in the
    Digital Economy Fund")."""
    return (
        token.pos_ in {"VERB", "AUX"}
        or token.text in place_names()
        or token.is_upper
        and len(token) > 1
        and find_body(token.text, country=doc_country(token.doc)) is not None
        or token.tag_ == "VBG"
        or token.like_num
        or token.ent_type_ in NOTHING_NAMING_ENTITIES
        and token.tag_ != "NNPS"
        or first
        and token.is_sent_start
        and token.tag_ == "NN"
        and is_written_lowercase(token)
    )


def is_sentence_adverbial(lead: Span) -> bool:
    """ "Today", "Now": one word, a noun or an adverb, that opens its sentence before a lowercase
    "the <name>" (a heading writes "The": "Building on Progress The Federal ...")."""
    word = lead[0]
    return (
        len(lead) == 1
        and word.is_sent_start
        and word.pos_ in {"NOUN", "ADV"}
        and word.nbor().text == "the"
    )


def is_written_lowercase(token: Token) -> bool:
    """Whether the document also writes the word in lower case."""
    return re.search(rf"\b{re.escape(token.lower_)}\b", doc_text(token.doc)) is not None


def hyphenated_word_start(doc: Doc, first: int, last: int) -> int:
    """Where a name that starts inside a hyphenated word starts: with the whole word where its
    first piece is capitalised ("Low-Income Housing Tax Credit", "Biden-Harris Administration"),
    else after it ("low-Income ..." is a word of a sentence)."""
    start = first
    while is_hyphen_piece(doc, start):
        start -= 2
    if doc[start].text[:1].isupper():
        return start
    while first < last and is_hyphen_piece(doc, first):
        first += 1
    return first


HEADLESS_LEAD_WORDS = 3  # "Part", "Adding Mexico", "Invested a Billion": a few words at most


def after_headless_words(doc: Doc, first: int, last: int) -> int:
    """Where the name starts past a few words without a head noun before "<preposition> the"
    or before "and" and a body's head and link ("Mexico to the | Global Partnership for ...",
    "ONC and | Office of the Assistant Secretary for Health"); ``first`` if there are none."""
    for i in range(first + 1, min(first + HEADLESS_LEAD_WORDS + 1, last - 2)):
        lead = doc[first:i]
        if any(t.is_punct or t.pos_ in FUNCTION_POS or head_type(t.text) for t in lead):
            return first
        if doc[i].lower_ == "and":
            return i + 1 if starts_body_after(doc, i + 1, last, lead) else first
        if doc[i].lower_ == "the" and is_sentence_adverbial(lead):
            return i + 1  # "Today the White House Council on Environmental Quality"
        if doc[i].pos_ == "ADP" and doc[i + 1].lower_ == "the" and last - i - 2 >= 2:
            named_nothing = all(names_nothing(t, t.i == first) for t in lead)
            return i + 2 if named_nothing and doc[i + 2].text[:1].isupper() else first
    return first


def residual_spans(
    doc: Doc, found: list[Mention], tokens: DocTokens | None = None
) -> list[tuple[int, int]]:
    """The candidate spans the span classifier scores: those of two words or more (a name has
    two words at least, ``_acceptable``) that overlap no name a rule found."""
    tokens = tokens or DocTokens.of(doc)
    taken = sorted((m.start, m.end) for m in found if m.end > m.start)
    idx, texts = tokens.idx, tokens.text  # character offsets without a spaCy Token per look
    return [
        (s, e)
        for s, e in candidate_spans(doc, tokens)
        if e - s >= 2 and not overlaps_any(idx[s], idx[e - 1] + len(texts[e - 1]), taken)
    ]


def described_mentions(found: list[Mention]) -> dict[str, Mention]:
    """The found policy names that end in a class head noun, by the key of the words before it:
    a bare "Pension Wise" where the document also writes "the Pension Wise service" names the
    same entity (``DocTokens.described`` gives the classifier the same sign)."""
    out: dict[str, Mention] = {}
    for m in found:
        short, _, last = m.key.rpartition(" ")
        # "Bipartisan Infrastructure Law programs": a plural head speaks of several policies,
        # and a name with a head noun of its own ("... Law") is an entity of its own
        if (
            m.type in POLICY_CLASSES
            and short
            and head_type(last)
            and singular(last) == last
            and not head_type(short.rpartition(" ")[2])
        ):
            out.setdefault(short, m)
    return out


PRONOUN_OR_POSSESSIVE = re.compile(
    r"^(?:it|its|they|their|this|these|that|those|we|our)\b|['’]s?$", re.I
)


def overlaps_any(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    """Whether [start, end) overlaps one of the sorted, possibly overlapping ``taken`` spans."""
    i = bisect_left(taken, (end, end))
    return any(s < end and start < e for s, e in taken[max(0, i - 50) : i])


def acronym_mentions(
    text: str, acronyms: dict[str, str], mentions: list[Mention], country: str | None
):
    """Every use of an acronym defined in the text names the same entity as its expansion."""
    by_name = {canonical_key(m.name): m for m in mentions if m.end > m.start}
    by_key = {m.key: m for m in mentions}
    uses = acronym_uses(text, acronyms)
    for acronym, expansion in acronyms.items():
        target = by_name.get(canonical_key(expansion)) or by_key.get(
            entity_key("Agency", expansion, country)
        )
        if target is None:
            target, written = expansion_mention(text, acronym, expansion, country, uses[acronym])
            if target is None:
                continue
            if written is not None:
                yield written
        for start in uses[acronym]:
            end = start + len(acronym)
            after = LOWERCASE_HEAD.match(text, end)
            if after and AFTER_NAME_HEADS[after["head"]] == target.type:
                end = after.end()  # "the RCEP agreement", "the BRIC program": the acronym's entity
            yield Mention(start, end, target.type, text[start:end], target.key, "acronym")


def expansion_mention(
    text: str, acronym: str, expansion: str, country: str | None, uses: list[int]
) -> tuple[Mention | None, Mention | None]:
    """The entity an acronym's expansion names when no rule found it, by a head noun in the
    expansion, right after the acronym ("Flood Mitigation Assistance (FMA) grant program") or
    after one of its ``uses`` ("Building Resilient Infrastructure and Communities (BRIC)" ...
    "the BRIC program", ``used_with_head``); and the expansion as written, when only its acronym
    let us read it whole ("... Compensation, and Liability Act", "Direct Benefit Transfer (DBT)":
    its class noun is not its last word) or only the words after the acronym give its class."""
    words = expansion.split()
    type_ = head_type(words[-1]) or next((head_type(w) for w in words if head_type(w)), None)
    after = re.search(
        rf"{re.escape(f'{expansion} ({acronym})')}\s+(?P<words>[a-z-]+(?:\s+[a-z-]+){{0,2}})", text
    )
    head_after = (
        next((head_type(w) for w in after["words"].split() if head_type(w)), None)
        if after and not type_
        else None
    )
    head_at_use = None if type_ or head_after else used_with_head(text, acronym, uses)
    type_ = type_ or head_after or head_at_use
    if not type_:
        return None, None
    key = mention_key(type_, expansion, country)
    target = Mention(0, 0, type_, expansion, key, "acronym")
    written = after.start() if head_after else text.find(f"{expansion} ({acronym})")
    # the rules cut a name at its last class noun ("Direct Benefit | Transfer (DBT)"): the
    # acronym spells the whole name
    cut_at_head = not head_type(words[-1])
    if written >= 0 and ("," in expansion or head_after or cut_at_head):
        return target, Mention(written, written + len(expansion), type_, expansion, key, "head")
    return target, None


def used_with_head(text: str, acronym: str, uses: list[int]) -> str | None:
    """The policy class of the first class noun that follows a definite use of the acronym
    ("the BRIC program", "its CSAF strategy"): a name without a class noun of its own
    ("Building Resilient Infrastructure and Communities") is known by what the text calls its
    acronym. Not "an SMR program", "our ambitious AI agenda", "the largest HUD program": a
    programme about the acronym's subject, or one of a body's."""
    for start in uses:
        after = HEAD_RIGHT_AFTER.match(text, start + len(acronym))
        if (
            after
            and AFTER_NAME_HEADS[after["head"]] in POLICY_CLASSES
            and DEFINITE_BEFORE.search(text, max(0, start - 8), start)
        ):
            return AFTER_NAME_HEADS[after["head"]]
    return None


DEFINITE_BEFORE = re.compile(
    rf"(?:\b(?i:{literal_alternation(vocabulary.words('common_words', uses='definite-use'))})"
    r"|['’]s)[ \t]+$"
)
# the singular class noun right after an acronym: "the BRIC program"; not "an HHS grant program"
# or "HUD programs", what a body runs
HEAD_RIGHT_AFTER = re.compile(rf"[ \t]+(?P<head>{literal_alternation(AFTER_NAME_HEADS)})\b")


def acronym_uses(text: str, acronyms) -> dict[str, list[int]]:
    """Where each acronym stands as a word of its own, from one pass over the text (a pass
    per acronym made long documents, which define many, quadratic).

    >>> acronym_uses("The EPA and EPA-funded EPAct work; EPA.", {"EPA": "...", "EPAct": "..."})
    {'EPA': [4, 35], 'EPAct': [23]}
    """
    uses: dict[str, list[int]] = {acronym: [] for acronym in acronyms}
    if uses:
        for match in re.finditer(rf"(?<![\w-]){literal_alternation(uses)}(?![\w-])", text):
            uses[match.group()].append(match.start())
    return uses


def back_reference_mentions(text: str, mentions: list[Mention]):
    """ "the Ministry" names the document's one Ministry, when there is exactly one; without
    "the" only an agency does ("Cabinet approved ..."; a bare "Projects" is no reference)."""
    by_head = defaultdict(set)
    for m in mentions:
        words = m.name.split()
        for word in (words[0], words[-1]):
            if head_type(word) == m.type:
                by_head[singular(word)].add((m.type, m.key, m.name))
        for pair in zip(words, words[1:], strict=False):  # "the Task Force"
            if compound_head_type(*pair) == m.type:
                by_head[head_key(*pair)].add((m.type, m.key, m.name))
    for match in BACK_REFERENCE.finditer(text):
        candidates = by_head.get(head_key(*match["head"].split()), set())
        bare = not match.group().lower().startswith("the")
        if len(candidates) == 1:
            type_, key, _ = next(iter(candidates))
            if bare and type_ != "Agency":
                continue
            yield Mention(
                match.start("head"), match.end("head"), type_, match["head"], key, "reference"
            )
    yield from lowercase_references(text, by_head)


LOWERCASE_REFERENCE = re.compile(
    starting_with("TtIi")
    + r"\b(?:[Tt]he|[Tt]his|[Ii]ts)\s+(?:new\s+|flagship\s+)?(?P<head>(?:grant\s+)?"
    rf"{literal_alternation(heads(rules='reference'))})\b(?!\s+{literal_alternation(HEAD_LINKS)}\b)"
)


def lowercase_references(text: str, by_head: dict) -> Iterator[Mention]:
    """ "this new grant program", "the Mission will ...": a policy instrument referred to by its
    head noun alone, when the document names exactly one of that kind."""
    for match in LOWERCASE_REFERENCE.finditer(text):
        head = singular(match["head"].split()[-1])
        candidates = {c for c in by_head.get(head, set()) if c[0] != "Agency"}
        if len(candidates) == 1:
            type_, key, _ = next(iter(candidates))
            yield Mention(
                match.start("head"), match.end("head"), type_, match["head"], key, "reference"
            )


def mentions_between(mentions: list[Mention], start: int, end: int) -> list[Mention]:
    """The mentions lying within [start, end) of the text; ``mentions`` sorted by start."""
    first = bisect_left(mentions, start, key=lambda m: m.start)
    last = bisect_left(mentions, end, key=lambda m: m.start)
    return [m for m in mentions[first:last] if m.end <= end]


POST_AFTER = re.compile(r"[ \t]+(?P<word>[A-Za-z-]+)")
POST_BEFORE = re.compile(r"\b(?P<word>[A-Za-z-]+)[ \t]+for[ \t]+(?:the[ \t]+)?$")


def names_a_post(text: str, mention: Mention) -> bool:
    """A policy's words in a person's post: "International Program Director", "Code Compliance
    Inspector", "Assistant to the President for Domestic Policy" (an office for a field)."""
    if mention.type not in POLICY_CLASSES:
        return False
    after = POST_AFTER.match(text, mention.end)
    before = POST_BEFORE.search(text, max(0, mention.start - 40), mention.start)
    last = mention.name.split()[-1] if mention.name.split() else ""
    return singular(last) in OFFICE_TITLES or any(
        m is not None and m["word"].lower() in OFFICE_TITLES for m in (after, before)
    )


def without_posts(mentions: list[Mention], text: str) -> list[Mention]:
    return [m for m in mentions if not names_a_post(text, m)]


def without_owners(mentions: list[Mention], doc: Doc) -> list[Mention]:
    """ "the Biden Department of Education": a title-case name that is a listed body of three
    words or more after the name of a person the document names (or of an administration's
    leader: "the Biden Administration") is that body; whose it was is not part of its name."""
    bodies = {
        m.end: m
        for m in mentions
        if m.type == "Agency" and m.rule == "lexicon" and m.name.count(" ") >= 2
    }
    if not bodies:
        return mentions
    people = {t.text for ent in doc.ents if ent.label_ == "PERSON" for t in ent} | {
        word for m in mentions if is_led_body(m.name) for word in m.name.split()[:-1]
    }
    text = doc_text(doc)

    def owned(m: Mention) -> bool:
        body = bodies.get(m.end)
        return (
            m.rule == "head"
            and body is not None
            and m.start < body.start
            and all(word in people for word in text[m.start : body.start].split())
        )

    return [m for m in mentions if not owned(m)]


# "I don't", "Good luck, Syria.": a span with a first-person pronoun, a contraction or closing
# punctuation is a piece of a sentence, not a name
CLAUSE_MARKS = re.compile(r"(?:^|\s)I\s|n[’']t\b|[,;:]$|(?<!\.\w)\.$")  # "U.S." may end a name


PLACE_NOUNS = vocabulary.words("common_words", uses="place-noun")


def is_post_or_clause(written: str) -> bool:
    """What the span classifier may propose that names no policy and no body: a post ("Secretary
    of the Treasury", "US Secretary of Transportation"), a place ("Indo-Pacific region"), a piece
    of a clause, or the words of a heading in capitals ("UNLAWFUL REGULATIONS"; the rules skip
    headings too)."""
    words = without_country(written.lower().split())
    first = words[0].removeprefix("then-") if words else ""
    return (
        first in OFFICE_TITLES
        or bool(words)
        and singular(words[-1]) in PLACE_NOUNS
        or CLAUSE_MARKS.search(written) is not None
        or " " in written.strip()
        and written.isupper()
    )


def without_country(words: list[str]) -> list[str]:
    """The words after a country that qualifies them ("U.S.", "United States", "India's")."""
    for n in (3, 2, 1):
        if len(words) > n and country_prefix().fullmatch(canonical_key(" ".join(words[:n])) + " "):
            return words[n:]
    return words


def is_clause_piece(doc: Doc, mention: Mention) -> bool:
    """ "As the Administration", "If Congress", "Under the Department": a subordinator or a
    preposition before a name; "June and the Administration": two things joined; "Secretary of
    Transportation Pete Buttigieg": a person; "U.S. The Administration": two sentences the parser
    joined. (Read on 300 bulk releases' learned agencies.)"""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and (
        span[0].pos_ in {"ADP", "SCONJ"}
        or " and the " in mention.name
        or span[-1].ent_type_ == "PERSON"
        or any(t.text == "The" for t in span[1:])  # "in the U.S. The Administration will": two
    )


OFFICE_PLACE = re.compile(r"[ \t]+[A-Z][a-z]+[ \t]*(?=\n|$)")


def with_named_tails(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Review of the Phase One Agreement", “Realizing a good start of the 14th Five-Year
    Plan”: words without a head noun before "of", "for", "on" or "to" and a name the document
    also writes on its own speak of that name; the mention is the name. ("Representation of the
    People Act" stays whole: the document never names a "People Act".)"""
    named = {(m.type, canonical_key(m.name)): m for m in mentions}
    out = []
    for m in mentions:
        tail = NAMED_TAIL.match(m.name) if m.rule in {"head", "quote"} else None
        alone = tail and named.get((m.type, canonical_key(tail["name"])))
        if alone and not any(head_type(w) for w in tail["lead"].split()):
            start = m.start + tail.start("name")
            m = replace(m, start=start, name=tail["name"], key=alone.key)
        out.append(m)
    return out


NAMED_TAIL = re.compile(
    r"(?P<lead>(?:\S+\s+){1,4}?)(?:of|for|on|to)\s+(?:(?:the|an?|this|that)\s+)?(?P<name>\S.*)$"
)


PLURAL_HEAD = re.compile(r"^(?P<head>[A-Z][a-z]+)\s+of\s+(?:the\s+)?(?=\S)")
FIELD_JOIN = re.compile(r"(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:of\s+(?:the\s+)?)?")


def split_plural_heads(mentions: list[Mention], country: str | None) -> list[Mention]:
    """ "the Departments of Education and Health and Human Services": one agency head in the
    plural over coordinated fields names one body per field."""
    return [part for m in mentions for part in (body_per_field(m, country) or [m])]


def body_per_field(mention: Mention, country: str | None) -> list[Mention] | None:
    """The bodies a plural head names, each at its field's words, or None when the head is not
    plural or the fields cannot be told apart."""
    match = PLURAL_HEAD.match(mention.name) if mention.type == "Agency" else None
    head = singular(match["head"].lower()) if match else None
    if head is None or head == match["head"].lower() or head_type(head) != "Agency":
        return None
    head = head.capitalize()
    fields = mention.name[match.end() :]
    groups = listed_field_groups(head, fields, country)
    if groups is None:
        return None
    fields_at = mention.start + match.end()  # the first body keeps the head's words
    return [
        replace(
            mention,
            start=mention.start if i == 0 else fields_at + start,
            end=fields_at + end,
            name=f"{head} of {fields[start:end]}",
        )
        for i, (start, end) in enumerate(groups)
    ]


def listed_field_groups(head: str, fields: str, country: str | None):
    """(start, end) of each field in ``fields``: the coordinated pieces, grouped so that each
    group is a listed body ("Health and Human Services" is one field); two pieces that are not
    listed are two fields; otherwise None."""
    pieces, at = [], 0
    for join in FIELD_JOIN.finditer(fields):
        pieces.append((at, join.start()))
        at = join.end()
    pieces.append((at, len(fields)))
    if len(pieces) < 2:
        return None

    def listed(group: tuple[int, int]) -> bool:
        return find_body(f"{head} of {fields[group[0] : group[1]]}", country=country) is not None

    grouped = listed_grouping(pieces, listed)
    return grouped or (pieces if len(pieces) == 2 else None)


def listed_grouping(pieces: list[tuple[int, int]], listed) -> list[tuple[int, int]] | None:
    """The first way to join consecutive pieces into at least two groups that are all listed."""
    for cut in range(1, len(pieces)):
        first = (pieces[0][0], pieces[cut - 1][1])
        if not listed(first):
            continue
        rest = pieces[cut:]
        whole = (rest[0][0], rest[-1][1])
        if listed(whole):
            return [first, whole]
        tail = listed_grouping(rest, listed) if len(rest) > 1 else None
        if tail:
            return [first, *tail]
    return None


def reread_at_bodies(mentions: list[Mention], text: str) -> list[Mention]:
    """Names the head rule misread where known bodies stand: a title-case run that bodies
    joined by "and" fill ("the Department of Homeland Security and White House") names those
    bodies, not one more; a run that ends with a body's name ("White House Office of Science
    and Technology Policy") names the body, not a policy; a body's name followed by a policy's
    ("Department of Energy Science for the Future Act") names the policy; the "Office of the
    CGA" is the body it names, the CGA."""
    known = sorted(
        (m for m in mentions if m.type == "Agency" and m.rule == "lexicon"), key=lambda m: m.start
    )
    body_ends = {m.end for m in known}
    body_starts = {m.start: m.end for m in known}
    out = []
    for m in mentions:
        if m.rule == "head" and (
            is_joined_bodies(m, known, text)
            or m.type != "Agency"
            and m.end in body_ends
            or is_office_of_body(m, body_starts)
        ):
            continue
        if m.rule == "head" and m.type == "Agency" and body_starts.get(m.start, m.end) < m.end:
            m = as_owned_policy(m)
        out.append(m)
    return out


OFFICE_OF = re.compile(r"(?:Office|Secretariat)\s+of\s+(?:the\s+)?")


def is_office_of_body(mention: Mention, body_starts: dict[int, int]) -> bool:
    office = OFFICE_OF.match(mention.name) if mention.type == "Agency" else None
    return office is not None and body_starts.get(mention.start + office.end()) == mention.end


def as_owned_policy(mention: Mention) -> Mention:
    """The mention as the policy its last word names, if it names one."""
    type_ = head_type(mention.name.split()[-1].strip(WORD_MARKS))
    return replace(mention, type=type_) if type_ in POLICY_CLASSES else mention


# "and", "&" or a comma, with or without "the" ("USDA Farm Service Agency" is one body's name)
BODY_JOINER = re.compile(r"(?:,\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+)(?:the\s+)?")


def is_joined_bodies(mention: Mention, known: list[Mention], text: str) -> bool:
    if mention.type != "Agency" or mention.rule != "head":
        return False
    inside = [k for k in known if mention.start <= k.start and k.end <= mention.end]
    if len(inside) < 2 or inside[0].start != mention.start or inside[-1].end != mention.end:
        return False
    gaps = [text[a.end : b.start] for a, b in zip(inside, inside[1:], strict=False)]
    return all(BODY_JOINER.fullmatch(gap) for gap in gaps)


def with_office_places(mentions: list[Mention], text: str) -> list[Mention]:
    """ "Posted On: 01 MAR 2020 by PIB Delhi": a body's acronym and one capitalised word that
    ends the line name its office there; the office's name is a name of the body (same key)."""
    return [
        replace(m, end=office.end(), name=text[m.start : office.end()].rstrip())
        if m.type == "Agency"
        and m.rule in {"lexicon", "acronym"}
        and m.name.isupper()
        and (office := OFFICE_PLACE.match(text, m.end))
        else m
        for m in mentions
    ]


LEADER_HEADS = heads(rules="leader")


def is_led_body(name: str) -> bool:
    """ "Biden Administration", "Modi Government": a leader's name and the body they lead."""
    words = name.split()
    return 1 < len(words) <= 3 and singular(words[-1]) in LEADER_HEADS


def drop_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Per place in the text keep the longest mention (the most trusted on ties), but a name
    rather than a description around it; a quoted name nested in a longer name (“14th Five-Year
    Plan” ... Development Plan) is kept too."""
    trust = {
        "lexicon": 0,
        "acronym": 1,
        "list": 2,
        "head": 3,
        "quote": 4,
        "descriptive": 5,
        "learned": 6,
        "reference": 7,
    }
    named = [m for m in mentions if trust[m.rule] < trust["descriptive"] and m.type != "Agency"]
    mentions = [m for m in mentions if m.rule != "descriptive" or not holds_a_name(m, named)]
    ranked = sorted(mentions, key=lambda m: (-(m.end - m.start), trust[m.rule]))
    kept: list[Mention] = []
    for m in ranked:
        clashes = [k for k in kept if m.start < k.end and k.start < m.end]
        if m.end > m.start and all(
            is_nested_quote(m, k) or is_agency_prefix(m, k) for k in clashes
        ):
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


def holds_a_name(description: Mention, named: list[Mention]) -> bool:
    """ "its plans in Budget 2015 last July": a plural description around a policy's name
    speaks of what the name holds, so the name it is. ("an amendment to the Seeds Act" is an
    instrument of its own; "guidelines of the Ministry" the agency's.)"""
    head = description.name.split()[0].lower()
    return singular(head) != head and any(
        description.start <= m.start and m.end <= description.end for m in named
    )


def is_nested_quote(inner: Mention, outer: Mention) -> bool:
    return (
        inner.rule == "quote"
        and outer.start <= inner.start
        and inner.end <= outer.end
        and inner.key != outer.key
    )


def is_agency_prefix(inner: Mention, outer: Mention) -> bool:
    """ "USDA Community Eligibility Provision", "EPA Clean Water Program": the policy's name
    starts with the agency that runs it, which is mentioned too; not with a word that is only
    another name of a body ("Sansad", Parliament, in the "Sansad Adarsh Gram Yojna")."""
    return (
        inner.type == "Agency"
        and inner.rule in {"lexicon", "acronym"}
        and outer.type != "Agency"
        and inner.start == outer.start
        and inner.end < outer.end
        and not is_alias_word(inner)
    )


def is_alias_word(mention: Mention) -> bool:
    """One ordinary word that the gazetteer lists as an alias of a body, not as its name or
    acronym ("Sansad", "Treasury")."""
    body = body_with_key(mention.key) if " " not in mention.name else None
    return (
        body is not None
        and not mention.name.isupper()
        and mention.name not in (body.name, *body.acronyms)
    )


@lru_cache(maxsize=1)
def lexicon_pattern() -> re.Pattern:
    """One regex for every listed body's and programme's name and safe alias (acronyms of 3+
    letters, several-word names)."""
    forms = set()
    for entry in set(lexicon().values()):
        forms.add(entry.name)
        forms.update(a for a in entry.aliases if is_safe_alias(a))
        forms.update(chain.from_iterable(map(plural_forms, (entry.name, *entry.aliases))))
    for body in government_bodies():
        forms.add(body.name)
        forms.update(
            a
            for a in (*body.acronyms, *body.aliases, *body.former_names)
            if is_safe_alias(a) or is_body_word(a)
        )
    forms |= {written for form in forms for written in typed_forms(form)}
    return re.compile(
        starting_with(first_characters(forms)) + rf"(?<![\w-]){literal_alternation(forms)}(?![\w-])"
    )


def typed_forms(name: str) -> set[str]:
    """How releases also type a listed name: "&" for "and", no space after a comma ("Ministry
    of Micro,Small & Medium Enterprises" in Indian release headers)."""
    ampersand = name.replace(" and ", " & ")
    return {ampersand, name.replace(", ", ","), ampersand.replace(", ", ",")} - {name}


def is_body_word(alias: str) -> bool:
    """One capitalised word of four letters or more that the gazetteer lists as a body's name
    ("Parliament", "Treasury", "Ofsted"): a name where it stands alone (``inside_longer_name``)
    and the document's country has exactly that body (``find_body``)."""
    return len(alias) >= 4 and alias.isalpha() and alias[0].isupper() and not alias.isupper()


def is_safe_alias(alias: str) -> bool:
    """Several words, or an acronym of 3+ letters ("MeitY", "DfT"): a single ordinary word
    ("Treasury") is a name only where a rule reads it as one."""
    capitals = sum(c.isupper() for c in alias)
    return len(alias) >= 3 and (" " in alias or alias.isupper() or capitals >= 2)
