"""Every reported number as an observation: ``doc._.kg_observations``.

For each amount the quantity reader (``kg.extract.amounts.read_quantities``) finds in a sentence:
- a change that belongs to a stated number ("1.47 trillion yuan, an increase of 8%") is that
  observation's change; a change stated without its level ("exports fell 5.5%") is an
  observation of its own, signed, of the metric "change in ..."; a range keeps both bounds, an
  approximation its qualifier, a conversion in brackets its equivalent value;
- the metric is the noun phrase the number measures, read from the dependency parse
  ("The number of new 5G base stations ... reached 654,000" -> "new 5G base stations"); a
  number with no phrase that has a word, other than a pronoun, is no observation;
- a number in a table (``kg.extract.tables``) measures its column heading for its row's name;
- a currency sign several countries use ("¥", "$", "dollars", "Rs") is the currency of the
  document's country (``kg.extract.gazetteer.document_country``) when that country writes its
  own so;
- the period is the nearest year in the sentence, else the document's main year;
- the kind is ``target`` for planned numbers ("will", "by 2025", "target"),
  ``forecast`` for expected ones, else ``actual``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cache

from lemminflect import getInflection
from spacy.tokens import Doc, Span, Token

from . import vocabulary
from .amounts import Amount, read_quantities
from .amounts.incidental import not_prose_spans
from .amounts.reader import INDEFINITE_ARTICLES, TIME_UNITS, is_money
from .amounts.vocabulary import unit_words, words
from .entities import find_acronym_definitions, mentions_between
from .facts import ChangeFact
from .gazetteer import doc_country
from .lexicon import head_type
from .tables import Row, TableCell, numeric_cells, table_rows
from .text import (
    HAS_WORD,
    doc_text,
    literal_alternation,
    noun_chunk_bounds,
    span_text,
    spans_overlapping,
    starting_with,
)

__all__ = ["ObservedNumber", "ObservationExtractor", "document_year"]

YEAR = re.compile(
    starting_with("F12")
    + r"(?<![\w-])(?:FY\s?)?(?P<year>(?:19|20)\d\d)(?:\s*[-–/]\s*(?P<to>(?:19|20)?\d\d))?(?![\w-])"
)


def kind_cue(kind: str) -> re.Pattern:
    """Any of the words that make a number of ``kind`` ("target": "aims to", "by the year")."""
    return re.compile(rf"\b{literal_alternation(vocabulary.words('kind_cues', kind=kind))}\b", re.I)


TARGET_WORDS = kind_cue("target")
FORECAST_WORDS = kind_cue("forecast")
WRAPPERS = re.compile(
    r"^(?:(?:the|a|an|this|its|their|our)\s+)?(?:total\s+)?"
    rf"{literal_alternation(vocabulary.words('common_words', uses='wrapper'))}\s+of\s+(?:the\s+)?",
    re.IGNORECASE,
)
COPULAS = vocabulary.words("verbs", uses="copula")


@dataclass(frozen=True)
class ObservedNumber:
    """What the component finds; ``doc_to_facts`` turns it into an ``ObservationFact``."""

    quantity: Amount
    metric: str
    label: str
    sentence: tuple[int, int]
    period: str | None
    kind: str
    change: ChangeFact | None
    unscoped: str | None = None  # the metric without the clause's fronted scope ("at X level")
    part: int = 0  # which of the metrics one number measures ("30% of A, B and C": 0, 1, 2)


class ObservationExtractor:
    """spaCy component: sets ``doc._.kg_observations``."""

    def __init__(self, nlp, name: str = "kg_observations", max_change_distance: int = 90):
        self.name = name
        self.max_change_distance = max_change_distance
        if not Doc.has_extension("kg_observations"):
            Doc.set_extension("kg_observations", default=[])
        getInflection("be", tag="VBN")  # lemminflect loads its tables now, not on a document

    def __call__(self, doc: Doc) -> Doc:
        main_year = document_year(doc_text(doc))
        country = doc_country(doc)  # "¥" is CNY in a Chinese document
        mentions = getattr(doc._, "kg_mentions", [])
        not_prose = None  # found once the document has a number
        tables = table_rows(doc_text(doc))
        observed = list(table_observations(doc_text(doc), tables, main_year))
        table_spans = [
            (rows[0].start, rows[-1].end) for rows in tables
        ]  # read by cell, not as sentences
        for sent in doc.sents:
            quantities = read_quantities(span_text(sent), country)
            if not quantities:
                continue
            # a telephone number split over two "sentences" ("020" | "7944 3021") is still one
            not_prose = not_prose_spans(doc_text(doc)) if not_prose is None else not_prose
            named = [
                (m.start, m.end) for m in mentions_between(mentions, sent.start_char, sent.end_char)
            ]
            named += spans_overlapping(not_prose, sent.start_char, sent.end_char)
            named += spans_overlapping(table_spans, sent.start_char, sent.end_char)
            quantities = [q for q in quantities if not inside_name(q, sent, named)]
            told = observed[-1] if observed and follows(doc, observed[-1], sent) else None
            found = list(self.sentence_observations(doc, sent, quantities, main_year, told))
            found, changed = with_changes_folded(doc, found, told)
            if changed is not None:
                observed[-1] = changed  # "A total of 57,950 homes ... This is a decrease of 4%"
            observed += found
        observed.sort(key=lambda o: o.quantity.start)
        observed = with_acronyms_spelled_out(observed, doc_text(doc))
        doc._.kg_observations = drop_restatements(observed, doc_text(doc))
        return doc

    def sentence_observations(
        self,
        doc: Doc,
        sent: Span,
        quantities: list[Amount],
        main_year,
        told: ObservedNumber | None = None,
    ):
        """``told``: the last observation of the sentence before, if any ("it" may name it)."""
        sentence = span_text(sent)
        periods = respective_periods(sentence, quantities)
        previous: tuple[Amount, str] | None = None  # the last amount read, and its metric
        earlier: list[tuple[Amount, str]] = []  # every amount read so far, and its metric
        respectively = "respectively" in sentence
        for i, q in enumerate(quantities):
            local = q.shifted(sent.start_char)
            span = doc.char_span(local.start, local.end, alignment_mode="expand")
            if (
                span is None
                or not is_measurement(span, q)
                or is_class_bound(span, q)
                or is_time_frame(span, q, quantities)
                or is_someones_age(span, q)
                or is_personal_detail(span, q)
            ):
                continue
            card = stat_card_metric(doc_text(doc), sent, q)
            if card is not None:
                local = card_amount(local)
            described = card or describe_metric(span, sent, q.unit)
            if described is None:  # a bare number compared or listed with a stated one
                compared = compared_metric(sentence, q, span, None, previous)
                if compared is None:
                    continue
                described = compared, clause_label(quantity_root(span), span, sent)
            metric, label = described
            if q.unit is None and is_list_counter(metric, sentence):
                continue  # "5 action plans, including A, B ..." ("$559 million to advance
                # initiatives, including ..." is money)
            if told is not None and told.unscoped and stands_for_told(span, q.is_change):
                metric = told.unscoped  # "GER is 94.32 %. At Secondary level, it is 81.32 %"
            unscoped = metric
            scope = fronted_scope(span)
            metric = f"{metric} {scope}" if scope and scope not in metric else metric
            metric = compared_metric(sentence, q, span, metric, previous)
            metric = list_item_metric_by_place(sentence, q, metric, previous)
            if respectively:
                metric = respective_baseline(sentence, q, quantities, earlier) or metric
            previous = q, metric
            earlier.append(previous)
            period = periods.get(i) or find_period(sentence, q, main_year)
            kind = find_kind(span, sent, main_year)
            for part, each in enumerate(each_whole(metric, span, q)):
                yield ObservedNumber(
                    local,
                    f"change in {each}" if q.is_change else each,
                    label,
                    (sent.start_char, sent.end_char),
                    period,
                    kind,
                    change_fact(q),
                    unscoped,
                    part,
                )


def with_changes_folded(
    doc: Doc, found: list[ObservedNumber], told: ObservedNumber | None
) -> tuple[list[ObservedNumber], ObservedNumber | None]:
    """A change stated apart from its level is that level's change, not an observation: "A
    total of 3,073 trains passed through Manzhouli ..., marking a yearly increase of 30.3
    percent" (a participle of the level's clause), "57,950 homes were supplied. This is a
    decrease of 4% on ..." (a pronoun standing for the sentence before). Returns the sentence's
    observations and ``told`` with its change, if it took one."""
    kept: list[ObservedNumber] = []
    changed = None
    for obs in found:
        span = doc.char_span(obs.quantity.start, obs.quantity.end, alignment_mode="expand")
        if not obs.quantity.is_change or span is None:
            kept.append(obs)
            continue
        change = ChangeFact(obs.quantity.value, obs.quantity.unit, None)
        verb = participle_head(span)
        levels = [i for i, o in enumerate(kept) if takes_change(o) and governs(doc, verb, o)]
        if levels:
            kept[levels[-1]] = replace(kept[levels[-1]], change=change)
        elif (
            told is not None
            and changed is None
            and takes_change(told)
            and stands_for_told(span, change=True)
        ):
            changed = replace(told, change=change)
        else:
            kept.append(obs)
    return kept, changed


def takes_change(obs: ObservedNumber) -> bool:
    return not obs.quantity.is_change and obs.change is None


MARKING_ROLES = {"advcl", "acl", "xcomp"}


def participle_head(span: Span) -> Token | None:
    """The verb whose clause a change's participle hangs on ("passed", for "marking an increase
    of 30.3 percent")."""
    for ancestor in quantity_root(span).ancestors:
        if ancestor.tag_ == "VBG" and ancestor.dep_ in MARKING_ROLES:
            return ancestor.head
        if ancestor.pos_ in {"VERB", "AUX"}:
            return None  # the change has a verb of its own ("exports fell 5%")
    return None


def governs(doc: Doc, verb: Token | None, obs: ObservedNumber) -> bool:
    span = doc.char_span(obs.quantity.start, obs.quantity.end, alignment_mode="expand")
    if verb is None or span is None:
        return False
    clause = verb.head if verb.dep_ in {"acl", "relcl"} else verb  # "A total of N trains passed"
    return clause in quantity_root(span).ancestors


def each_whole(metric: str, span: Span, q: Amount) -> list[str]:
    """ "account for around 30 percent of the global population, global GDP and global trade":
    a share of each of several coordinated wholes is one reading per whole. (Not for amounts:
    "$2 billion of loans and grants" is one sum.)"""
    if q.unit != "percent":
        return [metric]
    whole = measured_noun(first_conjunct(quantity_root(span), span), span)
    if whole is None or whole.dep_ != "pobj" or whole.head.lower_ != "of":
        return [metric]
    whole_text = clean_metric(phrase(whole, exclude=span).text)
    others = [
        c
        for c in whole.conjuncts
        if c.i > whole.i
        and c.pos_ in {"NOUN", "PROPN"}
        and not any(t.like_num for t in c.children)  # "20% of men and 30% of women"
    ]
    if whole_text in metric and others and shares_a_head(whole, others):
        joined = span.doc[whole.i : others[-1].i + 1].text  # "AA and NHPI students"
        return [metric.replace(whole_text, joined, 1)]
    if whole_text not in metric or not others or any(c.dep_ == "prep" for c in whole.children):
        return [metric]  # "benefits from federal climate and clean energy investments": one whole
    wholes = [clean_metric(phrase(c, exclude=span).text) for c in others]
    return [metric, *(metric.replace(whole_text, other, 1) for other in wholes)]


def shares_a_head(whole: Token, others: list[Token]) -> bool:
    """ "30% of AA and NHPI students": a bare name coordinated with a modifier of the last
    noun shares that noun (AA students and NHPI students are one whole)."""
    bare = not any(c.dep_ in {"amod", "compound", "det", "poss", "nmod"} for c in whole.children)
    return (
        bare
        and whole.pos_ == "PROPN"
        and any(c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN" for c in others[-1].children)
    )


LEADING_PREPOSITION = re.compile(r"^(?:in|for|as of|as at|at|by|during|since)\b", re.I)
CARD_TAIL = re.compile(r",?\s+(?:in|as of|for)\s+(?:the\s+)?(?:financial\s+year|FY|\d{4}).*$")


def stat_card_metric(text: str, sent: Span, q: Amount) -> tuple[str, str] | None:
    """ "£6bn" / "Total Departmental Expenditure Limit (DEL) in financial year 2015 to 2016":
    a number alone on its line is labelled by the line after it, or, where that line only says
    when ("in financial year 2013 to 2014"), by the line before it."""
    if (
        not q.explicit
        or sent.end_char - sent.start_char > len(q.surface) + MAX_CARD_PADDING
        or span_text(sent).strip().strip(" .") != q.surface
    ):
        return None  # "1.1" / "What DWP is doing": a section number
    before = [line.strip() for line in text[: sent.start_char].splitlines() if line.strip()]
    after = [line.strip() for line in text[sent.end_char :].splitlines() if line.strip()]
    for line, is_next in ((after[0] if after else "", True), (before[-1] if before else "", False)):
        if (
            not names_something(clean_metric(CARD_TAIL.sub("", line)))
            or re.search(r"\d", CARD_TAIL.sub("", line))  # "3,515": another figure
            or len(line.split()) > MAX_CARD_WORDS
            or (is_next and is_when(line))
        ):
            continue
        label = f"{q.surface} {line}" if is_next else f"{line} {q.surface}"
        return clean_metric(CARD_TAIL.sub("", line)), label
    return None


MAX_CARD_WORDS = 16
MAX_CARD_PADDING = 4  # characters around a card's figure on its line (spaces, a full stop)
GLUED_MILLION = re.compile(r"\d[\d.,]*m")


def card_amount(q: Amount) -> Amount:
    """ "13.9m" over "eligible employees in a pension scheme": a figure a card states alone is
    a count in millions, not a length (the reader takes a bare "50m" for metres)."""
    if q.unit == "m" and GLUED_MILLION.fullmatch(q.surface):
        return replace(q, value=q.value * 1e6, unit=None)
    return q


def is_when(line: str) -> bool:
    return LEADING_PREPOSITION.match(line) is not None and YEAR.search(line) is not None


def follows(doc: Doc, told: ObservedNumber, sent: Span) -> bool:
    """``told`` was read in the sentence right before ``sent``, or that sentence is the line
    that labels ``told``, a figure alone on the line above it ("13.9m" / "eligible employees
    ..." / "This represents a 2.5 million improvement")."""
    if sent.start == 0:
        return False
    before = doc[sent.start - 1].sent
    card_line = 0 <= before.start_char - told.sentence[1] <= MAX_CARD_PADDING and (
        told.label.endswith(span_text(before).strip())
    )
    return before.start_char == told.sentence[0] or card_line


STANDING_PRONOUNS = vocabulary.words("common_words", uses="standing-pronoun")
STATED_ROLES = {"attr", "dobj"}
MARKING_VERBS = vocabulary.words("verbs", uses="marking")


def stands_for_told(span: Span, change: bool = False) -> bool:
    """ "it is 81.32 %", "This is a decrease of 4% on ...": the number is what a pronoun subject
    is (or its change), so the pronoun stands for what the sentence before measured; so does
    one a ``change`` marks ("This represents a 2.5 million improvement from 11.4 million")."""
    root = quantity_root(span)
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.dep_ in STATED_ROLES:
        root = root.head.head  # "a decrease of 4%"
    elif change and root.dep_ in {"nummod", "compound"} and root.head.pos_ == "NOUN":
        root = root.head  # "a 2.5 million improvement"
    verb = root.head
    marks = change and root.dep_ == "dobj" and verb.lemma_.lower() in MARKING_VERBS
    if not marks and (root.dep_ not in {"attr", "acomp"} or verb.lemma_ != "be"):
        return False
    subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
    return len(subjects) == 1 and subjects[0].lower_ in STANDING_PRONOUNS


def fronted_scope(span: Span) -> str | None:
    """ "At elementary level, GER is 94.32 %", "In Odisha, 5 lakh households were connected": a
    phrase put before its clause's subject narrows everything the clause measures; not one
    that says when ("In 2021"), holds a number or says little ("In addition")."""
    verb = quantity_root(span)
    while verb.head != verb and verb.pos_ not in {"VERB", "AUX"}:
        verb = verb.head
    subjects = [c.left_edge.i for c in verb.children if c.dep_ in SUBJECTS]
    for preposition in verb.children:
        if (
            preposition.dep_ == "prep"
            and preposition.i < min([*subjects, verb.i])
            and preposition.lower_ in QUALIFYING_PREPOSITIONS
            and names_a_scope(preposition)
        ):
            rest = span.doc[preposition.i + 1 : preposition.right_edge.i + 1]
            return f"{preposition.lower_} {rest.text}"
    return None


def names_a_scope(preposition: Token) -> bool:
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    if not objects or any(t.like_num or is_time_word(t) for t in preposition.subtree):
        return False
    noun = objects[0]
    return noun.pos_ == "PROPN" or any(
        c.dep_ in {"amod", "compound", "nmod"} for c in noun.children
    )


PLACE_AFTER = re.compile(r"\s+(in|from|for)\s+((?:[A-Z][\w.'’-]*)(?:\s+[A-Z][\w.'’-]*){0,3})")
NOT_PLACES = vocabulary.words("months") | vocabulary.words("weekdays")
PLACE_AFTER_NOUN = re.compile(rf"(?:\s+[a-z][\w-]*){{0,4}}{PLACE_AFTER.pattern}")
LIST_GAP = re.compile(r"[^.;:]{0,60}?(?:,|\band\b|\bor\b)\s*(?:and\s+)?")
NAME_BEFORE_BRACKET = re.compile(r"\b((?:[A-Z][\w.'’-]*\s+){0,3}[A-Z][\w.'’-]*)\s*\(\s*$")
PLACE_TAIL = re.compile(r"\s+(?:in|from|for)\s+[A-Z][\w\s.'’-]*$")


COUNTED_IN_BRACKET = re.compile(r"\s*([A-Za-z][\w -]{0,30}?)\s*\)")
WHERE_CLAUSE = re.compile(
    r"\b(?:(?P<prep>from|to|in)\s+)?where\s+(?:\w+\s+){1,3}?(?P<verb>\w+ed)\s+(?:are|were|is|was)\b"
)


def list_item_metric_by_place(
    sentence: str, q: Amount, metric: str, previous: tuple[Amount, str] | None
) -> str:
    """ "618,590 small business owners in Florida, 450,010 in California": each item of a list
    of places measures the list's metric, for its place ("small business owners in California"),
    not the place itself; so does a count in brackets after a name: "Bihar (294 Trains)"."""
    bracketed = NAME_BEFORE_BRACKET.search(sentence, 0, q.start)
    if (
        bracketed is not None
        and bracketed[1] not in metric
        and bracketed[1].split()[0].lower() not in NOT_PLACES
    ):
        counted = COUNTED_IN_BRACKET.match(sentence, q.end)
        metric = counted[1] if counted else metric  # "(1026 Trains)" says what is counted
        where = WHERE_CLAUSE.search(sentence, 0, bracketed.start())
        if where is not None:  # "States from where maximum trains originated are Gujarat(1026
            # Trains), ...": trains originated from Gujarat
            return f"{metric} {where['verb']} {where['prep'] or 'in'} {bracketed[1]}"
        return f"{metric} for {bracketed[1]}"  # "Uttar Pradesh (294 Trains)": its trains
    place = PLACE_AFTER.match(sentence, q.end)
    if place is None or place[2].split()[0].lower().rstrip(".") in NOT_PLACES:
        return metric  # "in October", "on Monday": when, not where
    where = f"{place[1]} {place[2].rstrip('.')}"
    if previous is not None and previous[0].unit == q.unit:
        after_previous = PLACE_AFTER_NOUN.match(sentence, previous[0].end)
        if after_previous and LIST_GAP.fullmatch(sentence[after_previous.end() : q.start]):
            return f"{PLACE_TAIL.sub('', previous[1])} {where}"
    return metric if place[2].rstrip(".") in metric else f"{metric} {where}"


BASELINE = re.compile(
    rf"\b{literal_alternation(vocabulary.words('common_words', uses='baseline'))}"
    r"\s+(?:(?:the|a|an|current|existing|previous|just|only|about|around|nearly)\s+)*$",
    re.IGNORECASE,
)


def baseline_metric(
    sentence: str, q: Amount, span: Span, metric: str | None, previous: tuple[Amount, str] | None
) -> str | None:
    """ "75.8% of young people ... were in employment compared to 69.0% in 2010", "was 1.2%, an
    improvement from 1.7%": a bare number a stated one is compared with measures the same
    thing, so it takes that number's metric, not a word near it ("employment", "improvement")."""
    if (
        previous is None
        or previous[0].unit != q.unit
        or has_own_noun(span)  # "88% of total supply"
        or BASELINE.search(sentence, 0, q.start) is None
    ):
        return metric
    return previous[1]


LISTED_LEVEL_GAP = re.compile(
    r"\s*(?:in|for|by|during|of)\s+[^,;%\d]{0,20}[\d/-]{2,9}\s*(?:,\s*(?:and\s+)?|and\s+)$"
)


def compared_metric(
    sentence: str, q: Amount, span: Span, metric: str | None, previous: tuple[Amount, str] | None
) -> str | None:
    """The metric of the number before, for a number compared with it or listed after it."""
    return listed_level_metric(
        sentence, q, span, baseline_metric(sentence, q, span, metric, previous), previous
    )


def listed_level_metric(
    sentence: str, q: Amount, span: Span, metric: str | None, previous: tuple[Amount, str] | None
) -> str | None:
    """ "from 8% to 14% in 2018-19, 17% in 2019-20 and 20% in 2020-21": a bare number listed
    after another of the same unit and its year measures the same thing in another year."""
    if (
        previous is None
        or previous[0].unit != q.unit
        or has_own_noun(span)
        or LISTED_LEVEL_GAP.fullmatch(sentence, previous[0].end, q.start) is None
    ):
        return metric
    return previous[1]


BASELINE_CUE = re.compile(
    rf"\b{literal_alternation(vocabulary.words('common_words', uses='baseline'))}\b", re.I
)
RESPECTIVE_TAIL = re.compile(r"\s*,?\s*((?:for|in|among|under|at)\s[^,;.()]{2,60})")


def respective_baseline(
    sentence: str, q: Amount, quantities: list[Amount], earlier: list[tuple[Amount, str]]
) -> str | None:
    """ "55% are women and 21% are from a BME background, compared to 30.9% and 9.3%
    respectively for regular recruitment schemes": the numbers compared "respectively" measure,
    in order, what the numbers before the comparison did, for what follows "respectively"."""
    after = sentence.find("respectively", q.end)
    cues = list(BASELINE_CUE.finditer(sentence, 0, q.start))
    if after < 0 or not cues:
        return None
    cue = cues[-1]
    listed = [x for x in quantities if cue.end() <= x.start and x.end <= after]
    stated = [m for a, m in earlier if a.end <= cue.start() and a.unit == q.unit]
    if q not in listed or len(listed) < 2 or len(stated) < len(listed):
        return None
    metric = stated[-len(listed) :][listed.index(q)]
    tail = RESPECTIVE_TAIL.match(sentence, after + len("respectively"))
    if tail is None:
        return metric
    share, _, _ = metric.partition(" share of ")  # the whole is now what follows
    return f"{share}{' share' if share != metric else ''} {tail[1].strip()}"


def has_own_noun(span: Span) -> bool:
    """The number measures a noun of its own, not a time ("950 last year")."""
    noun = measured_noun(quantity_root(span), span)
    return noun is not None and noun.ent_type_ not in WHEN_ENTITIES


def respective_periods(sentence: str, quantities: list[Amount]) -> dict[int, str]:
    """ "In 2022 and 2023, capacity utilization fell to 77.3% and 75.3%, respectively": as many
    years as numbers before "respectively" pair up in order."""
    if "respectively" not in sentence:
        return {}
    years = [
        y
        for y in YEAR.finditer(sentence)
        if not any(q.start <= y.start() < q.end for q in quantities)
    ]
    listed = [i for i, q in enumerate(quantities) if q.end <= sentence.index("respectively")]
    if len(years) < 2 or len(years) != len(listed):
        return {}
    return {i: period_text(year) for i, year in zip(listed, years, strict=True)}


def change_fact(q: Amount) -> ChangeFact | None:
    """The change the reader attached to the amount ("up 8% year-on-year")."""
    return ChangeFact(q.change.value, q.change.unit, q.change.basis) if q.change else None


def table_observations(
    text: str, tables: list[list[Row]], main_year: str | None
) -> Iterator[ObservedNumber]:
    """A number in a table measures its column's heading for its row's name ("Medicare
    enrollees for Alabama"); the row is its evidence. The kind is read from the heading, the
    period from the heading, else the caption, else the document."""
    for rows in tables:
        for cell in numeric_cells(text, rows):
            metric = table_metric(clean_metric(cell.heading), cell.row_name)
            yield ObservedNumber(
                cell.quantity,
                metric,
                f"{metric}: {cell.quantity.surface}",
                (cell.row.start, cell.row.end),
                table_period(cell, main_year),
                kind_by_words(cell.heading),
                None,
            )


TOTAL_ROWS = vocabulary.words("common_words", uses="total-row")


def table_metric(heading: str, row_name: str | None) -> str:
    if row_name is None:
        return heading
    if row_name.lower().rstrip(":") in TOTAL_ROWS:
        return heading if "total" in heading.lower() else f"total {heading}"
    return f"{heading} for {row_name}"


def table_period(cell: TableCell, main_year: str | None) -> str | None:
    for context in (cell.heading, cell.caption or ""):
        year = YEAR.search(context)
        if year:
            return period_text(year)
    return main_year


ACRONYM = re.compile(r"\b[A-Z][A-Za-z]*[A-Z]s?\b")
LEADING_SMALL_WORDS = re.compile(r"^(?:(?:[a-z]+|The)\s+)+")


def with_acronyms_spelled_out(observed: list[ObservedNumber], text: str) -> list[ObservedNumber]:
    """ "KGBV operational" -> "Kasturba Gandhi Balika Vidyalayas (KGBV) operational": an acronym
    the document defines ("Full Name (ACR)", found as the entity rules find them) is spelled
    out in the metric, which then reads, and is found, by its words."""
    if not any(ACRONYM.search(o.metric) for o in observed):
        return observed
    names = {
        acronym.removesuffix("s"): LEADING_SMALL_WORDS.sub("", name)
        for acronym, name in find_acronym_definitions(text).items()
    }
    for o in observed:
        for acronym in ACRONYM.findall(o.metric):
            key = acronym.removesuffix("s")
            if key not in names and (name := spelled_by_initials(key, text, o.quantity.start)):
                names[key] = name

    def spelled_out(metric: str) -> str:
        def one(found: re.Match) -> str:
            name = names.get(found.group().removesuffix("s"))
            usable = name and name.lower() not in metric.lower()
            return f"{name} ({found.group()})" if usable else found.group()

        return ACRONYM.sub(one, metric)

    return [replace(o, metric=spelled_out(o.metric)) for o in observed]


MIN_INITIALS, MAX_INITIALS = 3, 6
INITIALS_WINDOW = 1000  # characters: the paragraph or so before the acronym's use


def spelled_by_initials(acronym: str, text: str, before: int) -> str | None:
    """ "the Gross Enrolment Ratio of girls ... At elementary level, GER is 94.32 %": an acronym
    used without a definition stands for capitalised words written before it whose initials
    spell it."""
    if not acronym.isupper() or not MIN_INITIALS <= len(acronym) <= MAX_INITIALS:
        return None  # "DC" would be any two capitalised words
    words = r"\s+".join(rf"{letter}[a-z]+" for letter in acronym)
    found = re.findall(rf"\b({words})\b", text[max(0, before - INITIALS_WINDOW) : before])
    return " ".join(found[-1].split()) if found else None


def drop_restatements(observed: list[ObservedNumber], text: str) -> list[ObservedNumber]:
    """A number the headline states and the text repeats ("limits for 16 drugs" ... "limits for
    16 different drugs") is one observation: same value, unit and period, and one
    metric's words within the other's, stated on a heading line or with the same words. The
    first statement in the body is kept, with its sentence as evidence, rather than the
    headline's. Two equal numbers of one sentence ("Uttar Pradesh (294 Trains) and Bihar (294
    Trains)") or of two body sentences about different things are two observations; "the 48
    drugs", "those 48 drugs" name again what was counted before."""
    kept: list[ObservedNumber] = []
    same_number: dict[tuple, list[tuple[int, set[str]]]] = defaultdict(
        list
    )  # -> (place in kept, words)
    for obs in observed:
        words = metric_words(obs.metric)
        candidates = same_number[(obs.quantity.value, obs.quantity.unit)]
        place = next(
            (i for i, other in candidates if is_restatement(text, kept[i], obs, other, words)), None
        )
        if place is None:
            candidates.append((len(kept), words))
            kept.append(obs)
        elif on_heading_line(text, kept[place]) and not on_heading_line(text, obs):
            kept[place] = with_fuller_metric(obs, kept[place])
    return kept


def with_fuller_metric(body: ObservedNumber, headline: ObservedNumber) -> ObservedNumber:
    """The body's statement, named as fully as the headline names it where the body says less
    ("a total of 10 thousand teachers will be trained" after "Jiangxi will train 10,000 rural
    elementary school teachers of music, PE and fine art")."""
    if metric_words(body.metric) < metric_words(headline.metric):
        return replace(body, metric=headline.metric)
    return body


def is_restatement(
    text: str, first: ObservedNumber, then: ObservedNumber, first_words, words
) -> bool:
    if first.sentence == then.sentence:
        return False
    named_again = ANAPHORA.search(text, max(0, then.quantity.start - 12), then.quantity.start)
    if first.period != then.period:
        # "the 10 drugs" names again what was counted before, whatever year the sentence is about
        return bool(named_again) and same_counted_thing(first, then)
    # (not the kind: "will provide KCC to 1.5 crore dairy farmers" ... "The special drive to
    # provide KCC to 1.5 crore dairy farmers" is one number, planned in one sentence)
    if same_counted_thing(first, then):
        return True
    if not (words and first_words and (words <= first_words or first_words <= words)):
        return False
    return (
        words == first_words
        or on_heading_line(text, first)
        or on_heading_line(text, then)
        or bool(named_again)
    )


MIN_RESTATED_COUNT = 10  # "2 schemes" twice may be two things; "48 drugs" twice is one count


def same_counted_thing(first: ObservedNumber, then: ObservedNumber) -> bool:
    """ "48 Medicare Part B drugs" ... "who take 48 prescription drugs": the same count of the
    same kind of thing (the metrics' head nouns agree), stated again."""
    if first.quantity.unit is not None or first.quantity.value < MIN_RESTATED_COUNT:
        return False
    # the head noun ends the metric's core ("prescription drugs" of "prescription drugs taken")
    first_head, then_head = (
        vocabulary.singular(metric_core(o.metric).split()[-1].lower()) for o in (first, then)
    )
    return first_head == then_head


MODIFIER_START = re.compile(
    r"\s(?:[a-z]+(?:ing|ed)|by|through|of|to|in|for|on|at|from|with|under)(?:\s|$)"
)


def metric_core(metric: str) -> str:
    """ "institutions participating in the Survey" -> "institutions": the metric before the
    phrase or participle that follows its head noun."""
    return MODIFIER_START.split(metric, maxsplit=1)[0]


ANAPHORA = re.compile(r"\b(?:the|those|these)\s+$", re.IGNORECASE)  # "those 48 drugs": named before


def on_heading_line(text: str, obs: ObservedNumber) -> bool:
    """A title or heading line: no closing punctuation."""
    return (
        not text[obs.sentence[0] : obs.sentence[1]]
        .rstrip()
        .endswith((".", "!", "?", ";", ":", ")"))
    )


def metric_words(metric: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", metric.lower()) if w not in METRIC_STOP_WORDS}


METRIC_STOP_WORDS = vocabulary.words("common_words", uses="metric-stop")


def inside_name(q: Amount, sent: Span, named: list[tuple[int, int]]) -> bool:
    start, end = q.start + sent.start_char, q.end + sent.start_char
    return any(s <= start and end <= e for s, e in named)


def is_measurement(span: Span, q: Amount) -> bool:
    """Drop a bare "0" and a lone "one". (Dates, times and ordinals are the reader's to tell
    apart: spaCy's DATE also covers "within 20 working days" and "2636 charging stations".)"""
    if q.explicit:
        return True
    if q.value == 0 and q.surface == "0":
        return False  # "not set at 0": a bare zero counts nothing ("zero cases" does)
    if q.value == 1 and span.text.lower() in {"one", "1"}:
        return counted_beside_another(span.root)  # "one state-level lab and 32 district labs"
    return True


BOUNDS = vocabulary.words("common_words", uses="class-bound")
BOUND_PREPOSITIONS = vocabulary.words("common_words", uses="bound-prep")


def is_class_bound(span: Span, q: Amount) -> bool:
    """ "business with fewer than 10 employees", "loans under $150,000", "disasters exceeding $1
    billion": a bound inside a noun's modifier says which things are meant, it reports no
    number of its own ("funding of more than $2 billion" does)."""
    if q.qualifier not in BOUNDS:
        return False
    root = quantity_root(span)
    held = root.head if root.dep_ in {"nummod", "quantmod"} and root.head.pos_ == "NOUN" else root
    holder = held.head
    if held.dep_ == "pobj" and holder.lower_ in BOUND_PREPOSITIONS and holder.i > 0:
        # the parser hangs "with" on the noun or on the verb: the word before it tells
        return is_kind_of_thing(holder.doc[holder.i - 1])
    return (
        held.dep_ == "dobj" and holder.tag_ == "VBG" and holder.dep_ == "acl"
    )  # "disasters exceeding $1 billion"


def is_someones_age(span: Span, q: Amount) -> bool:
    """ "Amy ... is 21 and an electrical maintenance technician": a bare number a person is,
    is the person's age."""
    root = quantity_root(span)
    if q.explicit or root.dep_ not in {"attr", "acomp"} or root.head.lemma_ != "be":
        return False
    subjects = [c for c in root.head.children if c.dep_ in SUBJECTS]
    topic = None if subjects else copula_topic(root, span)  # "Amy, ..., is 21"
    return any(s.ent_type_ == "PERSON" for s in [*subjects, *(topic or [])])


KIN = vocabulary.words("common_words", uses="kin")
WORKING_LIFE = vocabulary.words("common_words", uses="working-life")
PERSONAL_PRONOUNS = vocabulary.words("common_words", uses="personal-pronoun")
OWNING_PRONOUNS = vocabulary.words("common_words", uses="owning-pronoun")


def is_personal_detail(span: Span, q: Amount) -> bool:
    """A biography's numbers: a person's family ("their two children", "He and Melanie have
    three daughters") or working life ("an 11-year career", "20 years of experience", "his wife
    of over 30 years", "Wyss served as director for 10 years"); not a policy's reading."""
    root = quantity_root(span)
    noun = measured_noun(root, span) or root
    if q.unit is None:
        if noun.lemma_.lower() not in KIN:
            return False
        first = noun
        while first.dep_ == "conj":  # "three daughters and one son"
            first = first.head
        return owned(noun) or acted_by_person(first.head)
    if q.unit not in TIME_UNITS or q.is_change:
        return False
    near = (noun, root.head, root.head.head)
    if any(t.lower_ in WORKING_LIFE or t.lower_ in KIN for t in near):
        return True
    return root.dep_ == "pobj" and acted_by_person(root.head.head)


def owned(noun: Token) -> bool:
    return any(c.dep_ == "poss" and c.lower_ in OWNING_PRONOUNS for c in noun.children)


def acted_by_person(verb: Token) -> bool:
    """The verb's subject is one person: "he", "she" or a person's name (also the subject of
    the verb it completes: "he has been appointed to serve ... for over 18 years")."""
    while verb.dep_ in {"xcomp", "conj"} and not any(c.dep_ in SUBJECTS for c in verb.children):
        verb = verb.head
    return verb.pos_ in {"VERB", "AUX"} and any(
        c.dep_ in {"nsubj", "nsubjpass"}
        and (c.lower_ in PERSONAL_PRONOUNS or c.ent_type_ == "PERSON")
        for c in verb.children
    )


CORE_ROLES = {"nsubj", "nsubjpass", "dobj", "attr", "acomp", "ROOT"}


def is_time_frame(span: Span, q: Amount, quantities: list[Amount]) -> bool:
    """ "200 million views in just two days", "increase enrolment from 14% to 20% over a period
    of 2-4 years", "9% cases: 0-20 Years": a duration beside a number of something else is the
    time frame or the class of that number, not a reading of its own; a duration that is what
    the clause states ("will run for six months", "decided within 20 working days") is one."""
    if q.unit not in TIME_UNITS or q.is_change:
        return False
    measured = measured_noun(quantity_root(span), span) or quantity_root(span)
    if measured.dep_ in CORE_ROLES and not is_time_word(measured) or is_time_limit(measured):
        return False  # "the programme will last five years" has its own subject
    if is_service_time(quantity_root(span)):
        return False
    return (
        any(other.unit not in TIME_UNITS and other.start != q.start for other in quantities)
        or tells_a_story(measured)
        or describes_someone(measured)
        or measured.dep_ == "pobj"
        and measured.head.lower_ == "within"
        and is_dated(measured)
    )  # ("frozen for 4 years from April 2016" is how long a policy lasts)


def is_service_time(time: Token) -> bool:
    """ "conducted 145,000 hours of one-on-one counseling": time done as the object of a verb,
    of a service it names, is an amount of that service, not when something happened."""
    return (
        time.dep_ == "dobj"
        and time.head.pos_ == "VERB"
        and time.head.lemma_.lower() not in LIGHT_VERBS
        and any(c.dep_ == "prep" and c.lower_ == "of" for c in time.children)
    )


FRAME_PREPOSITIONS = vocabulary.words("common_words", uses="story-frame")
NARRATORS = vocabulary.words("common_words", uses="narrator")


def tells_a_story(measured: Token) -> bool:
    """ "what has been achieved in three and a half years", "I worked in the industry for 25
    years": a duration of what has been done, or of what the speaker did, dates a story."""
    preposition, verb = measured.head, measured.head.head
    if measured.dep_ != "pobj" or preposition.lower_ not in FRAME_PREPOSITIONS:
        return False
    perfect = verb.tag_ == "VBN" and any(
        c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children
    )
    told = verb.tag_ == "VBD" and any(
        c.dep_ == "nsubj" and c.lower_ in NARRATORS for c in verb.children
    )
    return perfect or told


def describes_someone(measured: Token) -> bool:
    """ "those unemployed for over 2 years": a duration hung on an adjective says which people
    are meant."""
    preposition = measured.head
    return measured.dep_ == "pobj" and preposition.dep_ == "prep" and preposition.head.pos_ == "ADJ"


def is_time_limit(measured: Token) -> bool:
    """ "sanctioned 2636 stations within 20 working days": "within" after the act it limits
    states a service time; fronted ("Within 30 years, Pudong has become ...") or dated ("within
    one year from 15.08.2014 to 15.08.2015") it sets the scene of what is told."""
    preposition = measured.head
    if measured.dep_ != "pobj" or preposition.lower_ != "within":
        return False
    fronted = preposition.i < preposition.head.i
    return not fronted and not is_dated(measured)


def is_dated(measured: Token) -> bool:
    """ "within one year from 15.08.2014 to 15.08.2015": dates right after a duration."""
    after = measured.doc[measured.i + 1 : min(measured.i + 6, measured.sent.end)]
    return any(t.ent_type_ == "DATE" or any(c.isdigit() for c in t.text) for t in after)


def is_kind_of_thing(noun: Token) -> bool:
    """A common noun not pinned to one thing: "loans", "business"; not "the city", "India"."""
    return noun.pos_ == "NOUN" and not any(
        c.dep_ in {"det", "poss"} and c.lower_ not in INDEFINITE_ARTICLES for c in noun.children
    )


def counted_beside_another(number: Token) -> bool:
    """ "one" counts when the noun it modifies is coordinated with another counted noun."""
    noun = number.head
    if number.dep_ != "nummod" or noun.pos_ not in {"NOUN", "PROPN"}:
        return False
    partners = [*noun.conjuncts]
    return any(
        c.dep_ == "nummod" and c.like_num and c.lower_ not in {"one", "1"}
        for p in partners
        for c in p.children
    )


LIST_CUE = re.compile(
    rf"\b{literal_alternation(vocabulary.words('common_words', uses='list-cue'))}\b"
)  # "including", "namely", "as follows"


def is_list_counter(metric: str, sentence: str) -> bool:
    """ "5 three-year action plans were launched, including A, B ...": the count of a list."""
    words = metric_core(metric).lower().split()  # "schools helped by the Fund": schools
    return (
        any(head_type(word) is not None for word in words[-2:])  # "action plans launched"
        and LIST_CUE.search(sentence) is not None
    )


# ---------------------------------------------------------------- metric phrases


def describe_metric(span: Span, sent: Span, unit: str | None = None) -> tuple[str, str] | None:
    """(metric noun phrase, clause label) for the quantity in ``span``, whose unit is ``unit``;
    None when no phrase with a word names what it measures (a bare table cell, "10%, 70%")."""
    root = quantity_root(span)
    money = is_money(unit)
    described = list_item_metric(span, sent) or (
        money_use_metric(root, span) or money_in_metric(root, span) or money_purpose(root, span)
        if money
        else None
    )
    if described is None and unit == "percent":
        described = (
            share_metric(first_conjunct(root, span), span)
            or share_acting(root, span)
            or share_acted_on(root, span)
        )
    if described is not None:
        return described, clause_label(root, span, sent)
    candidates = (
        with_qualifiers(measured, span)
        for measured in measured_phrases(first_conjunct(root, span), span, sent)
    )
    for measured in amount_free_first(candidates):
        metric = clean_metric(span_text(measured))
        if names_something(metric):
            done = (
                None
                if money
                else predicated_state(root)
                if unit in RATIO_UNITS
                else what_was_done(measured, root)
            )
            metric = sentence_case(metric, measured)
            metric = f"{metric} {done}" if done and done not in metric else metric
            given = None if done or unit is not None else given_to(measured, span)
            metric = f"{given} {metric}" if given else metric
            seen = seen_in(measured)
            return (f"{metric} in {seen}" if seen else metric), clause_label(root, span, sent)
    return None


AMOUNT_ENTITIES = {"PERCENT", "MONEY", "QUANTITY"}


def amount_free_first(phrases: Iterator[Span]) -> Iterator[Span]:
    """``sorted(phrases, key=holds_amount)`` read as it is made: the phrases holding no other
    amount in order, then those holding one (a phrase holding another amount is the metric only
    when there is no other). A phrase is made only when those before it were rejected: the
    likeliest is taken most often, and the later ones (the nearest noun phrase) cost most."""
    holding = []
    for measured in phrases:
        if holds_amount(measured):
            holding.append(measured)
        else:
            yield measured
    yield from holding


def holds_amount(measured: Span) -> bool:
    """ "the current 8% to 14%": a phrase holding another amount is no metric."""
    return any(
        t.like_num and t.ent_type_ in AMOUNT_ENTITIES and any(c.isdigit() for c in t.text)
        for t in measured
    )  # not "billion-dollar disasters"


PRONOUNS = vocabulary.words("common_words", uses="pronoun")
SHARE_VERBS = vocabulary.words("verbs", uses="share")


def share_metric(root: Token, span: Span) -> str | None:
    """ "women account for 20% of the company's apprentices" -> "women share of company's
    apprentices"; "of those starting in July, 55% are women" -> "women share": a percentage a
    part is of a whole names the part, and the whole when the number's "of" phrase says it."""
    part = share_part(root, span)
    if part is None or not names_something(clean_metric(part.text)):
        return None
    whole = measured_noun(root, span) or fronted_whole(root)
    whole_text = clean_metric(phrase(whole, exclude=span).text) if whole is not None else ""
    if whole is not None and whole.pos_ == "PRON" and names_something(whole_text):
        whole_text = f"{whole.lower_} {whole_text}"  # "those who are expected to ..."
    share = f"{clean_metric(part.text)} share"
    return f"{share} of {whole_text}" if names_something(whole_text) else share


def share_acted_on(root: Token, span: Span) -> str | None:
    """ "to spend 2% of national income on defence" -> "share of national income spent on
    defence": a percentage of a whole that a verb acts on is the share of the whole so used."""
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB" or verb.lemma_.lower() in LIGHT_VERBS:
        return None
    whole = measured_noun(root, span)
    forms = getInflection(verb.lemma_.lower(), tag="VBN")
    if whole is None or whole.dep_ != "pobj" or not forms:
        return None
    words = phrase(whole, exclude=span)
    core = clean_metric(span.doc[words.start : whole.i + 1].text)
    tail = span.doc[whole.i + 1 : words.end].text
    return clean_metric(f"share of {core} {forms[0]} {tail}")


MAX_PURPOSE_TOKENS = 14


def money_purpose(root: Token, span: Span) -> str | None:
    """ "$20 million to accelerate the adoption of plug-in electric vehicles" -> "funding to
    accelerate adoption of plug-in electric vehicles": money given to do something."""
    purposes = [
        c
        for c in root.children
        if c.dep_ in {"relcl", "acl", "advcl"}
        and c.pos_ == "VERB"
        and c.i >= span.end
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ] or given_to_do(root, span)
    if not purposes:
        return None
    verb = purposes[0]
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    end = phrase(objects[0], exclude=span).end if objects else verb.i + 1
    comma = next((t.i for t in span.doc[verb.i : end] if t.text in {",", ";"}), end)
    end = min(end, comma)  # "to support development of a workforce, safe workplaces, and"
    if end - verb.i > MAX_PURPOSE_TOKENS:
        return None
    return clean_metric(f"funding to {span.doc[verb.i : end].text}")


def given_to_do(root: Token, span: Span) -> list[Token]:
    """ "USDA will dedicate $100 million to support development of ...", "is receiving $3
    million to deliver ...": a purpose right after the money, hung on the verb that gives or
    gets it (else the metric would be the giver, "USDA")."""
    verb = root.head
    if root.dep_ != "dobj" or verb.pos_ != "VERB" or span.end >= len(span.doc):
        return []
    marker = span.doc[span.end]
    purpose = marker.head
    if marker.lower_ != "to" or marker.dep_ != "aux" or purpose.head != verb:
        return []
    return [purpose] if purpose.dep_ in {"advcl", "xcomp"} and purpose.pos_ == "VERB" else []


RECIPIENT_PREPOSITIONS = vocabulary.words("common_words", uses="recipient")
MAX_GIVEN_TOKENS = 6


def given_to(counted: Span, number: Span) -> str | None:
    """ "AI skilling opportunities for 840,000 people", "provided support to 6,000 small
    businesses", "improving access to electricity for some 52,000 consumers": people counted
    as the ones something is for are counted by it ("AI skilling opportunities for people");
    "people" alone says not what they get. The thing is the noun the preposition hangs on, or
    the object right before it of the verb it hangs on."""
    preposition = counted.root.head
    if counted.root.dep_ != "pobj" or preposition.lower_ not in RECIPIENT_PREPOSITIONS:
        return None
    if any(c.dep_ == "det" for c in counted.root.children):
        return None  # "for the 10 drugs selected": things named before
    if not any(t.head == counted.root for t in number):
        return None  # "the strongest showing for new business applications—12.6 million"
    head = preposition.head
    if head.pos_ == "VERB":
        objects = [
            c
            for c in head.children
            if c.dep_ == "dobj"
            and c.i < preposition.i
            and not any(d.dep_ == "det" and d.lower_ == "the" for d in c.children)
        ]  # not "setting the stage for", "level the playing field for"
        head = objects[0] if objects else None
    if head is None or head.pos_ != "NOUN" or is_time_word(head):
        return None
    given = counted.doc[head.left_edge.i : preposition.i]
    if head.right_edge.i >= preposition.i and given.end != preposition.i:
        return None
    if len(given) > MAX_GIVEN_TOKENS or any(
        t.like_num or t.is_punct and t.text != "-" for t in given
    ):
        return None
    text = clean_metric(given.text)
    return f"{text} {preposition.lower_}" if names_something(text) else None


def fronted_whole(root: Token) -> Token | None:
    """ "Of those who are expected to start their training in July, 55% are women": the whole
    of a share may open its clause."""
    verb = root.head
    wholes = [
        o
        for p in verb.children
        if p.dep_ == "prep" and p.lower_ == "of" and p.i < root.i
        for o in p.children
        if o.dep_ == "pobj"
    ]
    return wholes[0] if wholes else None


def share_acting(root: Token, span: Span) -> str | None:
    """ "75% of transactions supported underserved businesses" -> "share of transactions
    supporting underserved businesses": a percentage of a whole that does something is the
    share of the whole doing it; "... and 78% supported business with fewer than 10
    employees" is a share of the same whole."""
    verb = root.head
    if not acts(root) or verb.pos_ != "VERB" or verb.lemma_.lower() in LIGHT_VERBS:
        return None
    whole = measured_noun(root, span)
    earlier = [c for c in verb.head.children if c.dep_ == "nsubj"] if verb.dep_ == "conj" else []
    if whole is None and earlier and earlier[0].i < root.i:
        whole = measured_noun(earlier[0], span)  # "75% of transactions ... and 78% supported"
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    acting = getInflection(verb.lemma_.lower(), tag="VBG")
    if whole is None or not objects or not acting:
        return None
    doing = clean_metric(with_description(phrase(objects[0], exclude=span), verb).text)
    return f"share of {clean_metric(phrase(whole, exclude=span).text)} {acting[0]} {doing}"


def with_description(thing: Span, verb: Token, max_tokens: int = 6) -> Span:
    """ "supported business with fewer than 10 employees": a short "with" phrase right after a
    kind of thing the verb acts on says which of them (the parser hangs it on the verb or on
    the noun; the word before it tells, as in ``is_class_bound``)."""
    for preposition in verb.rights:
        if (
            preposition.dep_ == "prep"
            and preposition.lower_ == "with"
            and preposition.i == thing.end
            and is_kind_of_thing(thing.doc[preposition.i - 1])
            and preposition.right_edge.i - preposition.i < max_tokens
        ):
            return thing.doc[thing.start : preposition.right_edge.i + 1]
    return thing


def acts(number: Token) -> bool:
    """The number is its verb's subject (also where the parser took a subject before a verb
    without one for an adverbial: "and 78% supported ...")."""
    verb = number.head
    return number.dep_ == "nsubj" or (
        number.dep_ == "npadvmod"
        and number.i < verb.i
        and not any(c.dep_ in SUBJECTS for c in verb.children)
    )


def share_part(root: Token, span: Span) -> Span | None:
    """The part of a share: the subject of "account for", "make up", "represent" the number,
    or what the number "is" ("55% are women")."""
    verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "prep" else root.head
    if root.dep_ in {"pobj", "dobj"} and verb.lemma_.lower() in SHARE_VERBS:
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        return phrase(subjects[0], exclude=span) if subjects else None
    if root.dep_ == "nsubj" and verb.lemma_.lower() == "be":
        states = [c for c in verb.rights if c.dep_ in {"attr", "acomp"} and c.pos_ != "NUM"]
        return phrase(states[0], exclude=span) if states else None
    return None


def names_something(metric: str) -> bool:
    """A metric needs a word, and one that is not a pronoun ("This includes $700 million")."""
    return HAS_WORD.search(metric) is not None and metric.lower() not in PRONOUNS


def measured_phrases(root: Token, span: Span, sent: Span) -> Iterator[Span]:
    """The phrases that may say what the number measures, the likeliest first."""
    noun = measured_noun(root, span)
    if noun is not None and noun.lower_ in PLURAL_PRONOUNS:
        noun = antecedent(sent)  # "Now there are only 8 of them"
    if noun is not None and not is_time_word(noun):  # "52.2 percent year on year"
        yield shared_head(noun, span) or phrase(noun, exclude=span)
    for found in (gapped_subject, moved_object, subject_metric, copula_topic):
        measured = found(root, span)
        if measured is not None:
            yield measured
    yield nearest_noun_phrase(span, sent)


PLURAL_PRONOUNS = vocabulary.words("common_words", uses="plural-pronoun")
OWN_DETERMINERS = {"det", "nummod", "poss"}


def shared_head(noun: Token, span: Span) -> Span | None:
    """ "167 existing meat and poultry processing facilities", "289 state, tribal, and local
    governments": where the parser made the first modifier the counted noun, a singular noun
    coordinated with a plural one that has no determiner of its own shares its head, and the
    count is of the plural."""
    if noun.tag_ != "NN" or any(c.dep_ in {"det", "poss"} for c in noun.children):
        return None  # not "a $2,000 yearly cap ..., and free vaccines": a thing of its own
    plurals = [
        c
        for c in noun.conjuncts
        if c.i > noun.i
        and c.tag_ == "NNS"
        and not any(d.dep_ in OWN_DETERMINERS for d in c.children)
    ]
    if not plurals:
        return None
    shared = noun.doc[phrase(noun, exclude=span).start : plurals[-1].i + 1]
    return None if holds_amount(shared) else shared


def antecedent(sent: Span) -> Token | None:
    """What "them" stands for in "8 of them": the last plural noun of the sentence before
    ("... the first cohort of Direct Entry superintendents.")."""
    if sent.start == 0:
        return None
    before = sent.doc[sent.start - 1].sent
    plural = [t for t in before if t.tag_ in {"NNS", "NNPS"} and not is_time_word(t)]
    return plural[-1] if plural else None


def seen_in(measured: Span) -> str | None:
    """ "the new Lingang area saw industrial investments surge by 52.2 percent", "China saw its
    exports rise 5%": the subject of "saw" is where the measured thing moved, so the metric
    names it ("industrial investments in new Lingang area")."""
    verb = measured.root.head
    if measured.root.dep_ not in SUBJECTS or verb.dep_ != "ccomp" or verb.head.lemma_ != "see":
        return None
    places = [c for c in verb.head.children if c.dep_ == "nsubj" and c.pos_ in {"NOUN", "PROPN"}]
    return clean_metric(phrase(places[0], exclude=measured).text) if places else None


QUALIFYING_PREPOSITIONS = vocabulary.words("common_words", uses="qualifier")
WHEN_ENTITIES = {"DATE", "TIME"}


def with_qualifiers(measured: Span, span: Span, max_tokens: int = 10) -> Span:
    """ "3.8 million people on a key out of work benefit", "75.8% of young people not in full time
    education": prepositional phrases right after the measured phrase narrow what is counted, even
    where the parser hung them on the number or an existential verb; not one that says when ("in
    2010") or holds another number."""
    end, doc = measured.end, measured.doc
    while end < measured.sent.end:
        start = end + 1 if doc[end].dep_ == "neg" else end  # "not in full time education"
        preposition = doc[start] if start < measured.sent.end else None
        if (
            preposition is None
            or preposition.dep_ != "prep"
            or preposition.lower_ not in QUALIFYING_PREPOSITIONS
            or span.start <= preposition.i < span.end
            or not narrows(preposition, measured, span)
        ):
            break
        tail = list(preposition.subtree)
        cut = next((t.i for t in tail if t.text in {",", ";", "("}), tail[-1].i + 1)
        if (
            tail[0].i not in {preposition.i, end}
            or cut - measured.start > max_tokens
            or any(t.ent_type_ in WHEN_ENTITIES or t.like_num for t in doc[preposition.i : cut])
        ):
            break
        end = cut
    return doc[measured.start : end]


def narrows(preposition: Token, measured: Span, span: Span) -> bool:
    """A phrase hung on the number or the measured words narrows them; one hung on a verb is the
    verb's ("provided 9.54 crore farmers with seeds"), except in "there were N X ...", where the
    verb says only that X exist."""
    head = preposition.head
    return (
        measured.start <= head.i < measured.end
        or span.start <= head.i < span.end
        or any(c.dep_ == "expl" for c in head.children)
    )


RATIO_UNITS = {"percent", "pp", "times"}
LIGHT_VERBS = COPULAS | vocabulary.words("verbs", uses="light")


def what_was_done(measured: Span, root: Token) -> str | None:
    """ "to host ten local enrollment events" -> "hosted", "5.5 million votes were cast" -> "cast":
    counted things are the things a verb acted on, so the count names the act ("votes cast",
    "medical cargo transported"), unless the verb says little ("have", "include", "reach").
    Not for money or ratios: money has its own reading (``money_use_metric``)."""
    for thing in (measured.root, root):
        while thing.dep_ == "pobj" and thing.head.lower_ == "of" and is_wrapper(thing.head.head):
            thing = thing.head.head  # "covering a total number of 8.12 crore farmers"
        while thing.dep_ == "conj" and thing.head.pos_ in {"NOUN", "PROPN"}:
            thing = thing.head  # "include 134 Interstates and 125 US highways": both included
        verb = thing.head
        state = predicated_state(thing) or relative_object(thing, verb, measured)
        if state:
            return state
        if thing.dep_ == "dobj" and verb.lemma_.lower() in CONTAINING_VERBS:
            holder = acting_subject(verb, measured)
            return f"in {holder}" if holder else None  # "134 Interstates in the designations"
        if (
            thing.dep_ in {"dobj", "nsubjpass"}
            and verb.pos_ == "VERB"
            and verb.is_alpha
            and verb.lemma_.lower() not in LIGHT_VERBS
            and not measured.start <= verb.i < measured.end
            and not moved_to(verb, root)
        ):
            forms = getInflection(verb.lemma_.lower(), tag="VBN")
            particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]  # "set up"
            agent = acting_subject(verb, measured) if thing.dep_ == "dobj" else None
            words = [forms[0], *particles, *given_with(verb, thing)] if forms else []
            return " ".join([*words, f"by {agent}"] if agent and words else words) or None
        if acting_count(thing, verb, root):
            forms = getInflection(verb.lemma_.lower(), tag="VBG")
            particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]  # "rolling out"
            words = [forms[0], *particles, *acted_on(verb, measured)] if forms else []
            return " ".join(words) or None  # "enrollees saving", "children losing access to"
    return None


MAX_ACTED_ON_TOKENS = 6


def acted_on(verb: Token, measured: Span) -> list[str]:
    """ "200,000 children lose access to Head Start slots": what the counted subjects act on
    says what they do ("children losing" alone says not what they lose); not an amount
    ("enrollees saving $400"), nor a long phrase."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return []
    thing = phrase(objects[0], exclude=measured)
    if (
        objects[0].pos_ == "PRON"
        or objects[0].ent_type_ in AMOUNT_ENTITIES  # "control 85 percent of the market"
        or len(thing) > MAX_ACTED_ON_TOKENS
        or holds_amount(thing)
        or any(t.like_num for t in thing)
    ):
        return []
    return [clean_metric(thing.text)]


def acting_count(thing: Token, verb: Token, number: Token) -> bool:
    """The number counts the subject of a verb that says what they do (not a set named as a
    whole: "The state's 40 districts reported 300 cases")."""
    return (
        thing.dep_ == "nsubj"
        and not any(c.dep_ in {"det", "poss"} for c in thing.children)
        and number.head == thing
        and verb.pos_ == "VERB"
        and verb.is_alpha
        and verb.lemma_.lower() not in LIGHT_VERBS
    )


CONTAINING_VERBS = vocabulary.words("verbs", uses="containing")
MAX_AGENT_TOKENS = 6


def acting_subject(verb: Token, measured: Span) -> str | None:
    """Who did what the verb says, in a few words: its subject, or, for a participle or an
    infinitive without one ("These awards enable growth, supporting one million jobs"), the
    subject of the clause it hangs on; not a pronoun ("we", "it") nor a long phrase."""
    for acting in (verb, verb.head) if verb.dep_ in {"advcl", "xcomp", "acl"} else (verb,):
        subjects = [c for c in acting.children if c.dep_ == "nsubj"]
        if subjects:
            subject = subjects[0]
            if subject.pos_ not in {"NOUN", "PROPN"} or measured.start <= subject.i < measured.end:
                return None
            words = phrase(subject, exclude=measured)
            text = clean_metric(words.text)
            plain = not any(t.like_num or t.ent_type_ in WHEN_ENTITIES for t in words)
            return (
                text if len(words) <= MAX_AGENT_TOKENS and plain and names_something(text) else None
            )
        if acting.dep_ == "relcl":
            return None  # "the 10 drugs that over 750,000 seniors take": told by the label
    return None


MOVE_PREPOSITIONS = vocabulary.words("common_words", uses="move-target")


def moved_to(verb: Token, number: Token) -> bool:
    """ "raise the number of 5G base stations to 4.5 million": the number is the level the verb
    moves the thing to (or by), not a count of things it acted on."""
    return any(
        child.dep_ in {"prep", "dative"}
        and child.lower_ in MOVE_PREPOSITIONS
        and child.left_edge.i <= number.i <= child.right_edge.i
        for child in verb.children
    )


RELATIVE_PRONOUNS = vocabulary.words("common_words", uses="relative-object")


def relative_object(thing: Token, verb: Token, measured: Span) -> str | None:
    """ "prescription drugs that over 750,000 seniors take" -> "seniors taking prescription
    drugs": counted subjects of a relative clause do what it says to the noun the relative
    pronoun stands for (the noun right before the pronoun, wherever the parser hung the
    clause), also with a verb that says little alone ("take", "use")."""
    if thing.dep_ != "nsubj" or verb.dep_ != "relcl" or verb.pos_ != "VERB":
        return None
    pronouns = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ in RELATIVE_PRONOUNS]
    noun = thing.doc[pronouns[0].i - 1] if pronouns and pronouns[0].i > 0 else None
    forms = getInflection(verb.lemma_.lower(), tag="VBG")
    if noun is None or noun.pos_ not in {"NOUN", "PROPN"} or not forms:
        return None
    return f"{forms[0]} {clean_metric(phrase(noun, exclude=measured).text)}"


def predicated_state(thing: Token, max_tokens: int = 5) -> str | None:
    """ "4881 KGBV were operational", "88% of affordable homes were in receipt of funding
    through the Agency": things said to be in a state are counted (or shared) in it ("KGBV
    operational", "affordable homes in receipt of funding"), when the state is said in a few
    words."""
    verb = thing.head
    if thing.dep_ != "nsubj" or verb.lemma_.lower() != "be":
        return None
    for state in verb.rights:
        if state.dep_ == "acomp" and state.pos_ == "ADJ":
            tokens = list(state.subtree)
            end = next((t.i for t in tokens if t.dep_ in {"cc", "conj"}), tokens[-1].i + 1)
            words = [t.text for t in tokens if not t.is_punct and t.i < end]
            return " ".join(words) if len(words) <= max_tokens else state.text
        if state.dep_ == "prep" and state.lower_ in QUALIFYING_PREPOSITIONS:
            return stated_place(state)
    return None


MAX_STATE_TOKENS = 6


def stated_place(preposition: Token) -> str | None:
    """ "in receipt of funding through the Agency (excluding ...)" -> "in receipt of funding":
    the phrase up to a bracket or comma, cut before nested phrases until it is short; none
    that says when or holds a number ("were in 2020")."""
    tokens = list(preposition.subtree)
    numbers = [t.i for t in tokens if t.like_num]
    end = next(
        (
            t.i
            for t in tokens
            if t.text in {",", ";", "(", "–"} or t.dep_ == "cc" and any(n > t.i for n in numbers)
        ),
        tokens[-1].i + 1,
    )  # "behind on rent and just over 10 million homeowners are ...": not the next count's
    while end - 1 > preposition.i and preposition.doc[end - 1].dep_ in {"cc", "punct"}:
        end -= 1  # "on rent and": the parser hung the clause's "and" on the preposition
    nested = [t.i for t in tokens if t.dep_ == "prep" and preposition.i < t.i < end]
    while end - preposition.i > MAX_STATE_TOKENS and nested:
        end = nested.pop()
    before = preposition.doc[preposition.i - 1]
    start = before.i if before.dep_ == "advmod" and before.head == preposition.head else end
    words = preposition.doc[min(start, preposition.i) : end]  # "behind on rent"
    if len(words) > MAX_STATE_TOKENS or any(
        t.ent_type_ in WHEN_ENTITIES or t.like_num for t in words
    ):
        return None
    return words.text


WRAPPER_WORDS = vocabulary.words("common_words", uses="wrapper")


def is_wrapper(noun: Token) -> bool:
    return noun.lemma_.lower() in WRAPPER_WORDS or noun.lower_ in WRAPPER_WORDS


def given_with(verb: Token, thing: Token, max_tokens: int = 6) -> list[str]:
    """ "provided 9.54 crore farmers with seeds": the thing counted received something, and the
    count names what ("farmers provided with seeds"), when that is said in a few words."""
    for preposition in verb.rights:
        if preposition.dep_ == "prep" and preposition.lower_ == "with" and preposition.i > thing.i:
            words = [t.text for t in preposition.subtree]
            return words if len(words) <= max_tokens else []
    return []


def first_conjunct(root: Token, span: Span) -> Token:
    """ "fell to 77.3% and 75.3%": a bare number coordinated with an earlier one measures the
    same thing, so its metric is read where the first one stands. ("25% of X and 40% of Y":
    the second has words of its own, and keeps them.)"""
    while (
        root.dep_ == "conj"
        and root.head.i < root.i
        and is_quantity_token(root.head)
        and all(
            c.dep_ in BARE_NUMBER_PARTS for c in root.children if not span.start <= c.i < span.end
        )
    ):
        root = root.head
    return root


BARE_NUMBER_PARTS = {"cc", "punct", "advmod", "quantmod", "preconj"}


def is_quantity_token(token: Token) -> bool:
    return (
        token.like_num
        or token.pos_ == "NUM"
        or (token.text in {"%", "percent"} and token.i > 0 and token.nbor(-1).like_num)
    )


FUNDING_VERBS = vocabulary.words("verbs", uses="funding")
AMOUNT_NOUNS = vocabulary.words("common_words", uses="amount")
USE_PREPOSITIONS = vocabulary.words("common_words", uses="money-use")
MONEY_ROLES = {"dobj", "nsubjpass", "npadvmod"}


def money_use_metric(root: Token, span: Span) -> str | None:
    """What money was given for: "Govt of India approved Rs 812 crore for the Mission" ->
    "funds approved for implementation of the Mission"; "Rs 19,515 crore has been disbursed
    during the lockdown" -> "amount disbursed during the lockdown". (Not the agency that gave
    it.)"""
    amount = root.head.head if root.dep_ == "pobj" and root.head.lower_ == "of" else None
    own = [
        t for t in span if not span.start <= t.head.i < span.end
    ]  # "Rs." and the number may hang apart
    holders = (
        [(amount, amount.lower_)]
        if amount is not None and amount.lemma_.lower() in AMOUNT_NOUNS
        else []
    )
    holders += [(t, "amount" if t.dep_ == "nsubjpass" else "funds") for t in own]
    for holder, noun in holders:
        verb = holder.head
        if (
            holder.dep_ in MONEY_ROLES
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in FUNDING_VERBS
        ):
            uses = money_uses(verb, span)
            if verb.tag_ in {"VBN", "VBD"}:
                if not uses and given_to_do(root, span):
                    return None  # "dedicated $100 million to support ...": the purpose says more
                return clean_metric(" ".join([noun, verb.lower_, *uses]))
            if uses and (not uses[0].startswith("in ") or verb.lemma_.lower() in INVESTING_VERBS):
                return clean_metric(" ".join([noun, participle(verb), *uses]))
    return None  # "provides $10 billion in funding to ...": "in" says what the money is


INVESTING_VERBS = vocabulary.words("verbs", uses="investing")


def participle(verb: Token) -> str:
    """ "will invest", "is investing" -> "invested": how the metric names the money's verb."""
    forms = getInflection(verb.lemma_.lower(), tag="VBN")
    return forms[0] if forms else verb.lower_


def money_in_metric(root: Token, span: Span) -> str | None:
    """ "$1.9 billion in mandatory funding", "imported $274 million in shellfish": money in
    something is an amount of that thing."""
    given_in = (
        [root.head] if root.dep_ == "dobj" and root.head.pos_ == "VERB" else []
    )  # "received $3.4 million in grant and low-interest loans": "in" hung on the verb
    objects = [
        o
        for p in [*root.rights, *(h for v in given_in for h in v.rights)]
        if p.dep_ == "prep"
        and p.lower_ == "in"
        and p.i >= span.end
        and (p.head == root or p.i == span.end)
        for o in p.children
        if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"} and not is_time_word(o)
    ]  # not "collected 7.36 trillion yuan in the period"
    metric = clean_metric(phrase(objects[0], exclude=span).text) if objects else None
    return metric if metric and names_something(metric) else None


def money_uses(verb: Token, span: Span, max_tokens: int = 10) -> list[str]:
    """Up to two "for ...", "under ...", "to ..." phrases after the money and before a comma,
    each cut before a nested phrase that would pass ``max_tokens`` in all."""
    heads = (verb, *span)
    comma = next(
        (t.i for t in span.doc[span.end : span.sent.end] if t.text in {",", ";"}), span.sent.end
    )
    uses = sorted(
        {
            c
            for t in heads
            for c in t.rights
            if c.dep_ in {"prep", "dative"}
            and c.lower_ in USE_PREPOSITIONS
            and span.end <= c.i < comma
        },
        key=lambda t: t.i,
    )
    texts, room = [], max_tokens
    for use in uses[:2]:
        end = next((t.i for t in use.subtree if t.text in {",", ";", "("}), use.right_edge.i + 1)
        nested = [t.i for t in use.subtree if t.dep_ == "prep" and use.i < t.i < end]
        while end - use.i > room and nested:
            end = nested.pop()
        if end - use.i > room:
            break
        texts.append(verb.doc[use.i : end].text)
        room -= end - use.i
    return texts


BULLET = re.compile(r"^\s*[-•*–]\s")
BULLET_ITEM = re.compile(r"^\s*[-•*–]\s+(?P<item>[^,:;]{2,80}?)\s*[,:]\s*$")
MAX_HEADING_WORDS = 5
MAX_LEAD_WORDS = 8


def list_item_metric(span: Span, sent: Span) -> str | None:
    """ "Therefore the limits ... are:" / "Illicit drugs" / "- ketamine, 20 µg/L": a bulleted
    "item, number" line measures what the list's lead-in names, for the item, in its group:
    "limits for ketamine (illicit drugs)"."""
    item = BULLET_ITEM.match(doc_text(span.doc)[sent.start_char : span.start_char])
    if item is None or is_adverbial(span.doc, sent.start_char + item.start("item")):
        return None
    lead, group = list_context(doc_text(span.doc)[: sent.start_char])
    if lead is None or len(lead.split()) > MAX_LEAD_WORDS or re.search(r"\d", lead):
        return None  # a long or numeric lead-in is a sentence of its own, not a column heading
    metric = f"{lead} for {item['item']}"
    return f"{metric} ({group[0].lower() + group[1:]})" if group else metric


def is_adverbial(doc: Doc, start: int) -> bool:
    """ "- In 2011-12, 88% of affordable homes ...": a bullet opening with a preposition opens
    its sentence with when or where, it names no item."""
    first = doc.char_span(start, start + 1, alignment_mode="expand")
    return first is not None and first[0].pos_ == "ADP"


def list_context(before: str) -> tuple[str | None, str | None]:
    """The subject of the nearest line ending in ":" above the item, and a short heading line
    between them, if any (the group the item belongs to)."""
    group = None
    for line in reversed([line.strip() for line in before.splitlines() if line.strip()]):
        if line.endswith(":"):
            lead = re.sub(r"^(?:therefore|so|thus|in addition),?\s+", "", line[:-1], flags=re.I)
            lead = re.split(r"\s+(?:are|is|were|include|includes|will be)\b", lead)[0]
            lead = clean_metric(re.split(r"\s+(?:to be|that|which|of the)\s+", lead)[0])
            return lead, group
        if not BULLET.match(line) and group is None:
            if len(line.split()) > MAX_HEADING_WORDS or line[-1] in ".!?":
                return None, None
            group = line
    return None, None


def quantity_root(span: Span) -> Token:
    """The token of the quantity whose head lies outside it."""
    for token in span:
        head = token.head.i  # (each ``Token.head`` read makes a Token)
        if head < span.start or head >= span.end or head == token.i:
            return token
    return span.root


def measured_noun(root: Token, span: Span) -> Token | None:
    """ "654,000 new base stations", "2% of national income", "an outlay of Rs 3.6 lakh crore"."""
    after = span.doc[span.end] if span.end < span.sent.end else None
    if (
        after is not None
        and after.lower_ == "of"
        and span.start <= after.head.i < span.end
        and not any(t.lower_ in SHARE_OR_RATE_WORDS for t in span)
    ):
        # "Rs. 20 Crore of investment and Rs. 100 Crore of turnover": whatever the parser made
        # of the scale words, what follows the amount's "of" is what it measures (not "$85 per
        # tonne of CO2", whose "of" says what the tonne is)
        objects = [c for c in after.children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    head = root.head
    outside = head.i < span.start or head.i >= span.end
    if (
        root.dep_ in {"nummod", "quantmod", "compound", "amod", "nmod"}
        and head.pos_ in {"NOUN", "PROPN"}
        and outside
    ):
        # "6 crore farmers' families": the count is of the possessed thing, not of its owners
        return head.head if head.dep_ == "poss" and head.head.pos_ == "NOUN" else head
    of_children = [c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"]
    if of_children and root.tag_ in {"NN", "NNS", "CD"}:
        objects = [c for c in of_children[0].children if c.dep_ == "pobj"]
        if objects:
            return objects[0]
    if root.dep_ == "pobj" and head.lower_ in {"of"} and head.head.pos_ in {"NOUN", "PROPN"}:
        return head.head
    return None


SHARE_OR_RATE_WORDS = vocabulary.words("common_words", uses="share-or-rate")
MOVE_LEVELS = vocabulary.words("common_words", uses="move-level")
SUBJECTS = {"nsubj", "nsubjpass"}  # where a verb moves its object to, by how much, from where


def moved_object(root: Token, span: Span) -> Span | None:
    """ "raise the number of 5G base stations to 4.5 million", "cut emissions by 40 million
    tonnes": the number says where the verb's object goes, so the object is what it measures
    (also when the parser took the object's last word for a second verb: "reduced their use of
    stop and search by 20%")."""
    preposition, verb = root.head, root.head.head
    while verb.dep_ == "pobj" and verb.head.dep_ == "prep":
        verb = verb.head.head  # "increase female enrolment in B. Tech. Programmes of IITs from"
    if root.dep_ != "pobj" or preposition.lower_ not in MOVE_LEVELS or verb.pos_ != "VERB":
        return None
    split = verb.dep_ == "conj" and not any(c.dep_ in SUBJECTS for c in verb.children)
    for acting in (verb, verb.head) if split else (verb,):
        objects = [
            c for c in acting.children if c.dep_ == "dobj" and not span.start <= c.i < span.end
        ]
        if objects:
            return through_move(phrase(objects[0], exclude=span), preposition)
    return None


MAX_MOVED_TOKENS = 12


def through_move(moved: Span, preposition: Token) -> Span:
    """The moved thing with the phrases between it and "from"/"to" ("female enrolment in B.
    Tech. Programmes of IITs" from 8% to 14%): they say which of it moves."""
    between = moved.doc[moved.end : preposition.i]
    if (
        preposition.i <= moved.end
        or preposition.i - moved.start > MAX_MOVED_TOKENS
        or between[0].dep_ != "prep"
        or any(t.is_punct or t.like_num for t in between)
    ):
        return moved
    return moved.doc[moved.start : preposition.i]


def gapped_subject(root: Token, span: Span) -> Span | None:
    """ "stabbings have fallen by a third and shootings by forty per cent": in a clause whose
    verb is left out, the noun right before "by" (or "to") is what the number measures."""
    preposition = root.head
    if root.dep_ != "pobj" or preposition.lower_ not in MOVE_PREPOSITIONS or preposition.i == 0:
        return None
    noun = preposition.doc[preposition.i - 1]
    if noun.dep_ == "conj" and noun.pos_ in {"NOUN", "PROPN"} and noun.head.i < noun.i:
        return phrase(noun, exclude=span)
    return None


def is_time_word(token: Token) -> bool:
    """ "year", "financial year", "the first three quarters": when, not what is measured."""
    return (
        token.ent_type_ in WHEN_ENTITIES
        or unit_words().get(token.lower_) in TIME_UNITS
        or token.lemma_.lower() in TIME_NOUNS
    )


TIME_NOUNS = vocabulary.words("common_words", uses="time-noun")


RELATIVE_SUBJECTS = vocabulary.words("common_words", uses="relative-subject")


def subject_metric(root: Token, span: Span) -> Span | None:
    """ "The number of new 5G base stations in the year reached 654,000" -> its subject."""
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "prep":
        verb = verb.head
    while (
        verb.dep_ in {"xcomp", "advcl", "conj", "dep"}  # "dep": "saw its lowest rate－to reach N"
        and verb.pos_ in {"VERB", "AUX"}
        and verb.lemma_ not in COPULAS
    ):
        verb = verb.head
    subjects = [
        c
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in range(span.start, span.end)
    ]
    if not subjects and verb.dep_ in {"advcl", "xcomp", "conj"} and verb.pos_ == "VERB":
        verb = (
            verb.head
        )  # "reserves increased by 7,100 tons, reaching 108,500 tons": the main clause's subject
        subjects = [
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in range(span.start, span.end)
        ]
    if subjects and subjects[0].lower_ in RELATIVE_SUBJECTS and verb.dep_ == "relcl":
        return phrase(verb.head, exclude=span)  # "the Budget Request, which includes $126 million"
    if subjects:
        return phrase(subjects[0], exclude=span)
    if root.dep_ in {"nsubj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"}:
        tokens = [t for t in verb.subtree if t.i >= span.end and not t.is_punct][:12]
        return span.doc[tokens[0].i : tokens[-1].i + 1] if tokens else None
    return None


def copula_topic(root: Token, span: Span) -> Span | None:
    """ "In 2014/15 the estimated level of net overpayments arising from fraud and error, after
    debt recovered has been offset, was 1.2%": where the parser left "was" without a subject,
    the first noun phrase of the sentence outside a subordinate clause is what it is."""
    verb = root.head
    if root.dep_ not in {"attr", "acomp"} or verb.lemma_ != "be":
        return None
    if any(c.dep_ in SUBJECTS or c.dep_ == "expl" for c in verb.children):
        return None
    before = span.doc[verb.i - 1] if verb.i > span.sent.start else None
    if before is not None and before.pos_ in {"NOUN", "PROPN"} and not is_time_word(before):
        return phrase(before, exclude=span)  # "... and revenue was 100 billion yuan"
    for token in span.doc[span.sent.start : verb.i]:
        if (
            token.pos_ in {"NOUN", "PROPN"}
            and token.dep_ not in {"compound", "amod", "nmod", "poss", "appos"}
            and not is_time_word(token)
            and not any(a.dep_ == "advcl" for a in token.ancestors)
        ):
            return phrase(token, exclude=span)
    return None


def nearest_noun_phrase(span: Span, sent: Span) -> Span:
    every = noun_chunk_bounds(span.doc)  # in order: the sentence's chunks found by halving
    in_sentence = every[bisect_left(every, (sent.start,)) : bisect_left(every, (sent.end,))]
    before = [(s, e) for s, e in in_sentence if e <= span.start]
    after = [(s, e) for s, e in in_sentence if s >= span.end and e <= sent.end]
    # the last worded chunk before the number, else the first after it: chunks read from the
    # number outwards, each made into a Span only when reached
    for s, e in [*reversed(before), *after]:
        chunk = span.doc[s:e]
        if names_something(span_text(chunk)) and not is_time_word(chunk.root):
            return chunk  # not "10%" in "10%, 70% and 15%", nor "It", nor "financial year"
    return span


CLAUSES = {"relcl", "acl", "appos", "conj", "advcl"}


def phrase(noun: Token, exclude: Span, max_tokens: int = 12) -> Span:
    """A noun with its modifiers and one prepositional tail, without the quantity itself."""
    dropped = {
        t.i
        for child in noun.children
        if child.dep_ in CLAUSES
        and not is_participle_modifier(child)
        and not (child.dep_ == "relcl" and noun.pos_ == "PRON")  # "those who are expected to"
        for t in child.subtree
    }  # "that will help"; kept: "overpayments arising from fraud and error"
    dropped |= {
        child.i
        for child in noun.children
        if child.dep_ in {"cc", "det", "nummod"}
        or child.dep_ == "punct"
        and child.text not in JOINING_MARKS
    }  # kept: "US highways/State roads"
    keep = [
        t for t in noun.subtree if t.i not in dropped and not exclude.start <= t.i < exclude.end
    ]
    keep = contiguous_around(keep, noun)[:max_tokens]
    return noun.doc[keep[0].i : keep[-1].i + 1] if keep else noun.doc[noun.i : noun.i + 1]


JOINING_MARKS = {"/", "-"}


def is_participle_modifier(clause: Token) -> bool:
    """ "jobs supported by the awards", "overpayments arising from fraud": a participle with no
    subject of its own narrows the noun it follows, as an adjective would."""
    words = list(clause.subtree)
    return (
        clause.dep_ == "acl"
        and clause.tag_ in {"VBG", "VBN"}
        and clause.i > clause.head.i
        and not any(c.dep_ in SUBJECTS for c in clause.children)
        and len(words) <= MAX_PARTICIPLE_TOKENS
        and not any(t.is_punct or t.ent_type_ in WHEN_ENTITIES for t in words)
    )  # not "nations observing — or training side-by-side", "covered on 15 May 2020"


MAX_PARTICIPLE_TOKENS = 8


def contiguous_around(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of consecutive tokens containing ``anchor`` (drops detached pieces)."""
    indices = {t.i for t in tokens}
    start = end = anchor.i
    while start - 1 in indices:
        start -= 1
    while end + 1 in indices:
        end += 1
    return [t for t in tokens if start <= t.i <= end]


# compiled once: asked of every candidate phrase of every number
SPACE_BEFORE_MARK = re.compile(r"\s+([,.;:!?)’”])")
METRIC_OPENING_WORDS = re.compile(
    r"^(?:the|a|an|this|these|those|its|their|our|about|over|nearly|more than)\s+", re.IGNORECASE
)
METRIC_CLOSING_WORDS = re.compile(r"(?:\s+(?:of|for|to|in|on|at|by|from|with|and|or|the|a|an))+$")


def clean_metric(text: str) -> str:
    text = SPACE_BEFORE_MARK.sub(r"\1", " ".join(text.split())).strip(
        " ,.;:-“”\"'*"
    )  # "*" marks footnotes, bold
    if text.count("(") > text.count(")"):
        text = text[: text.rfind("(")].rstrip()  # "vehicles (PEVs": a bracket cut off
    for _ in range(2):
        text = WRAPPERS.sub("", text)
    text = METRIC_OPENING_WORDS.sub("", text)
    text = METRIC_CLOSING_WORDS.sub("", text)  # "allocation of"
    text = METRIC_CLOSING_WORDS.sub("", leading_qualifier_pattern().sub("", text))
    return text or "value"


ADDED_QUALIFIERS = vocabulary.words("common_words", uses="added-qualifier")


@cache
def leading_qualifier_pattern() -> re.Pattern:
    """ "tax credit of up [to $7,500]", "relief of more than [$285 million]", "a total of over":
    the number's qualifier, or the words of it left when its last word was dropped as a closing
    word, after "of" at the end of a metric belong to the number."""
    forms = set(ADDED_QUALIFIERS)
    for qualifier in words("qualifier"):
        parts = qualifier.split()
        forms |= {" ".join(parts[:n]) for n in range(1, len(parts) + 1)}
    alternation = "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True))
    return re.compile(rf"\s+of\s+(?:{alternation})$", re.IGNORECASE)


def sentence_case(metric: str, measured: Span) -> str:
    """Lower a capital that only starts the sentence ("Bus journeys"), keep names ("England").

    ``metric`` is ``measured``'s text after ``clean_metric``; its first word is a token of it.
    """
    offset = measured.text.find(metric)
    first = measured.char_span(offset, offset + 1, alignment_mode="expand") if offset >= 0 else None
    if first and first[0].is_sent_start and first[0].pos_ != "PROPN" and not first[0].is_upper:
        return metric[0].lower() + metric[1:]
    return metric


def clause_label(root: Token, span: Span, sent: Span, max_tokens: int = 28) -> str:
    """The clause stating the number: subject, verb and object around it; a clause of purpose or
    an open complement ("is joining with partners to host ten events") is read with the clause
    it completes, whose subject says who acts; so is a participle after a preposition ("from
    existing 14% to 20%")."""
    verb = clause_verb(root, span)
    while verb.head != verb and (
        verb.dep_ in {"xcomp", "pcomp"}
        or verb.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    ):
        verb = clause_verb(verb.head, span)
    # the clause's words: the verb's subtree and the number, without the verb's own adverbial,
    # coordinated or complement clauses unless the number is in them (their heads alone are
    # left out; read as indices, not as a sorted set of Tokens)
    other_clauses = {
        child.i
        for child in verb.children
        if child.dep_ in {"advcl", "conj", "ccomp"}
        and not (child.i <= span.start <= child.right_edge.i)
    }
    words = ({t.i for t in verb.subtree} | set(range(span.start, span.end))) - other_clauses
    first, last = min(words), max(words)
    if last - first > max_tokens:
        # a window of max_tokens around the number, moved inside the clause where the number
        # stands near its start or end ("only 4 of the 22 police authorities inspected by ...
        # were judged to have performed well": the words after it say what it counts)
        first = min(max(first, span.start - max_tokens // 2), last - max_tokens)
        last = first + max_tokens
    antecedent = relative_antecedent(verb)
    if antecedent is not None and first - antecedent.left_edge.i <= MAX_ANTECEDENT_TOKENS:
        first = min(first, antecedent.left_edge.i)
    text = span_text(span.doc[first : last + 1])
    return re.sub(r"\s+", " ", text).strip(" ,;")


def clause_verb(token: Token, span: Span) -> Token:
    """The verb ``token`` hangs on (itself if it is one), not one inside the quantity ("Rs. 5
    Crore of turnover": a scale word the parser took for a verb is the number's)."""
    while token.head != token and (
        token.pos_ not in {"VERB", "AUX"} or span.start <= token.i < span.end
    ):
        token = token.head
    return token


MAX_ANTECEDENT_TOKENS = 10


def relative_antecedent(verb: Token) -> Token | None:
    """ "the first elections in 2012, when 5.5 million votes were cast", "community solar which
    can save families 10%": a relative clause is read with the noun it describes (also where
    the parser hung it on a year after that noun)."""
    if verb.dep_ != "relcl":
        return None
    noun = verb.head
    if (is_time_word(noun) or noun.like_num) and noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        noun = noun.head.head  # "elections in 2012, when ...": the elections
    return noun


# ---------------------------------------------------------------- period and kind


def document_year(text: str) -> str | None:
    """The year the document talks about most (its reporting year)."""
    years = Counter(m["year"] for m in YEAR.finditer(text) if not m["to"])
    return years.most_common(1)[0][0] if years else None


def find_period(sentence: str, q: Amount, main_year: str | None) -> str | None:
    candidates = [
        m for m in YEAR.finditer(sentence) if not (m.start() >= q.start and m.end() <= q.end)
    ]
    if not candidates:
        return main_year
    return period_text(
        min(candidates, key=lambda m: min(abs(m.start() - q.end), abs(q.start - m.end())))
    )


def period_text(year: re.Match) -> str:
    """ "2021" -> "2021"; "2021-22" -> "2021-22"; "2021-2025" -> "2021/2025"."""
    to = year["to"]
    if to:
        return f"{year['year']}-{to[-2:]}" if len(to) == 2 else f"{year['year']}/{to}"
    return year["year"]


FUTURE_AUXILIARIES = vocabulary.words("common_words", uses="future-auxiliary")


def find_kind(span: Span, sent: Span, main_year: str | None) -> str:
    clause = span_text(sent.doc[max(sent.start, span.start - 12) : min(sent.end, span.end + 8)])
    head = span.root.head
    verb = next((a for a in span.root.ancestors if a.pos_ in {"VERB", "AUX"}), head)
    # "a total of 10 thousand teachers will be trained": the clause's verb says when
    auxiliaries = {  # an auxiliary stands before its verb
        c.lower_ for t in {head, head.head, verb} for c in t.lefts if c.dep_ == "aux"
    }
    kind = kind_by_words(clause)
    if kind == "actual" and (auxiliaries & FUTURE_AUXILIARIES or future_by_year(clause, main_year)):
        return "target"
    return kind


def kind_by_words(text: str) -> str:
    """ "forecast" for expected numbers, "target" for planned ones, by their words; else
    "actual"."""
    if FORECAST_WORDS.search(text):
        return "forecast"
    return "target" if TARGET_WORDS.search(text) else "actual"


def future_by_year(clause: str, main_year: str | None) -> bool:
    match = re.search(r"\bby (?:the (?:end of )?(?:year )?)?(?P<year>(?:19|20)\d\d)\b", clause)
    return bool(match) and (main_year is None or match["year"] >= main_year)
