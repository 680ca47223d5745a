"""When two reported numbers are of the same quantity: the rules the number checks rest on.

A metric concept (``kg.metrics``) gathers the names of one quantity, but two of its observations
are not yet comparable: "revenue" in one release is not the revenue of another, a count "to
date" grows with every release, a province is not the nation. A finding that compares unlike
numbers is wrong, so the checks (``kg.checks``) compare two observations only when every rule
holds (``not_comparable`` names the first that fails):

1. **metric**: the same concept, and a name that is a name (no bare number left in it by the
   extraction: "13 who american indian ... age"); a *generic* concept, one word once the vague
   modifiers are dropped ("people", "funding", "annual funding"), only within one document;
2. **unit and kind**: the same unit code and kind (actual, target, forecast);
3. **period**: the same period (or the year before, for a change), written in each sentence (a
   year the extractor took from the release date is a guess), and the same sub-period words:
   quarters, halves, months, fiscal or school years ("in the first half of 2023" is not "2023");
4. **running totals**: neither sentence counts "to date", "so far", "since", "as of", ... (a
   count at the release date grows between releases, and is no flow of its period);
5. **scope**: both sentences name the same places (the country and subnational tables of the
   extraction) and scope words ("rural", "provincial", "industry", "of which", "including");
6. **exact values**: neither number is a bound or an estimate ("more than 600,000", "nearly
   $400 billion", "about 12"), nor written in words ("half a million").

Two values then differ only beyond the rounding of the precision each is written with
(``rounding``): "1.47 trillion" stands for 1.465 to 1.475 trillion, "290,000" for 285,000 to
295,000 (the trailing zeros of a whole number of four digits or more are taken as rounding;
"20%" is 19.5% to 20.5%).

The words are data: ``kg/data/comparison_words.tsv`` (running totals, sub-periods, vague
modifiers, scope words), the qualifiers of ``kg/extract/data/amount_words.tsv`` and the places of
``kg/extract/data/country_names.tsv`` and ``subnational_units.tsv``.

>>> a = Reading("o1", "telecommunications revenue", 1.47e12, "CNY", "2023", "actual",
...             "1.47 trillion yuan", "In 2023, telecom revenue was 1.47 trillion yuan.", "d1")
>>> b = Reading("o2", "telecommunications revenue", 1.52e12, "CNY", "2023", "actual",
...             "1.52 trillion yuan", "Telecom revenue was 1.52 trillion yuan in 2023.", "d2")
>>> print(not_comparable(a, b))
None
>>> from dataclasses import replace
>>> not_comparable(a, replace(b, sentence="Revenue so far in 2023 is 1.52 trillion yuan."))
'a running total ("so far")'
>>> round(rounding(a) / 1e9, 1), beyond_rounding(a, b)
(5.0, True)
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from .extract.vocabulary import column, rows, words

__all__ = [
    "Reading",
    "beyond_rounding",
    "change_bounds",
    "generic_metric",
    "not_comparable",
    "rounding",
]

NUMERAL = re.compile(r"\d[\d,]*(?:\.\d+)?")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
BARE_NUMBER = re.compile(r"^[\d.,]+$")
ROUNDED_DIGITS = 4  # a whole number of this many digits or more is taken as rounded at its zeros


@dataclass(frozen=True)
class Reading:
    """One stored observation as the checks read it (``queries/internal/observation-readings``)."""

    observation: str  # its IRI
    metric: str  # the metric concept's key
    value: float
    unit: str
    period: str  # "" when none
    kind: str  # actual, target, forecast
    surface: str  # the number as written, e.g. "1.47 trillion yuan"
    sentence: str
    document: str  # the document's IRI
    qualifier: str = ""  # about, nearly, more than, ... ("" when exact or not stored)
    values_in_document: int = 1  # different values its document gives the metric, unit, period

    @classmethod
    def from_row(cls, row: dict[str, str]) -> Reading:
        return cls(
            observation=row["observation"],
            metric=row.get("metricKey", ""),
            value=float(row["value"]),
            unit=row.get("unit", ""),
            period=row.get("period", ""),
            kind=row.get("kind", "").rpartition("#")[2],
            surface=row.get("surface", ""),
            sentence=row.get("sentence", ""),
            document=row.get("document", ""),
            qualifier=row.get("qualifier", ""),
            values_in_document=int(row.get("valuesInDocument") or 1),
        )


def not_comparable(a: Reading, b: Reading, *, years_apart: int = 0) -> str | None:
    """Why ``a`` and ``b`` are not the same quantity (None when they are); ``years_apart``: the
    period of ``b`` is that many years after ``a``'s (1 when ``b`` is compared with the year
    before it)."""
    for reason in (
        metric_reason(a, b),
        one_statement_reason(a, b, years_apart),
        None if (a.unit, a.kind) == (b.unit, b.kind) else "another unit or kind",
        period_reason(a, b, years_apart),
        running_total_reason(a) or running_total_reason(b),
        scope_reason(a, b),
        inexact_reason(a) or inexact_reason(b),
    ):
        if reason:
            return reason
    return None


# -- 1. metric -------------------------------------------------------------------------------------


def metric_reason(a: Reading, b: Reading) -> str | None:
    if a.metric != b.metric:
        return "another metric"
    if any(BARE_NUMBER.match(word) for word in a.metric.split()):
        return f"not a metric's name ({a.metric!r})"
    if a.document != b.document and generic_metric(a.metric):
        return f"a generic metric ({a.metric!r}) in two documents"
    if a.document != b.document and set(a.metric.split()) & comparison_words("anaphora"):
        return f"a name that points outside its sentence ({a.metric!r}) in two documents"
    return None


def generic_metric(key: str) -> bool:
    """One word once the vague modifiers are dropped: no series of its own across documents.

    >>> [generic_metric(key) for key in ("people", "annual funding", "gross domestic product")]
    [True, True, False]
    """
    vague = comparison_words("vague_modifier")
    return len([word for word in key.split() if word not in vague]) <= 1


def one_statement_reason(a: Reading, b: Reading, years_apart: int = 0) -> str | None:
    """Numbers of one period in one sentence (or in one sentence repeated in two releases) are
    items of a list (a sentence giving two years' values is a series); a document giving
    several values for the metric and period gives a breakdown (by place, group, company),
    and which of them another document's figure is, is unknown."""
    if a.sentence == b.sentence and not years_apart:
        return "two numbers of one sentence"
    if a.document != b.document and max(a.values_in_document, b.values_in_document) > 1:
        return "a breakdown: the document gives several values for the metric and period"
    return None


# -- 3. period -------------------------------------------------------------------------------------


def period_reason(a: Reading, b: Reading, years_apart: int) -> str | None:
    if not a.period or not b.period:
        return "no period"
    if years_apart == 0 and a.period != b.period:
        return "another period"
    if years_apart and shifted_year(a.period, years_apart) != b.period:
        return "not the year before"
    for reading in (a, b):
        if not re.search(rf"(?<![\w-]){re.escape(reading.period)}(?![\w-])", reading.sentence):
            return f"the period {reading.period} is not written in the sentence"
    allowed = {a.period, b.period} if years_apart else {a.period}
    for reading in (a, b):
        if other_years := set(YEAR.findall(reading.sentence)) - allowed:
            return f"the sentence names other years ({', '.join(sorted(other_years))})"
    if sub_periods(a.sentence) != sub_periods(b.sentence):
        return "another part of the year (quarter, month, fiscal year)"
    return None


def shifted_year(period: str, years: int) -> str:
    return str(int(period) + years) if YEAR.fullmatch(period) else ""


def sub_periods(sentence: str) -> frozenset[str]:
    """The sub-period words of a sentence, and its month names (capitalised, so "may" the verb
    is no month)."""
    months = {word.capitalize() for word in words("months", form="name")}
    named = {word for word in re.findall(r"[A-Z][a-z]+", sentence) if word in months}
    return found_words(sentence, "sub_period") | named


# -- 4. running totals ----------------------------------------------------------------------------


def running_total_reason(reading: Reading) -> str | None:
    found = found_words(reading.sentence, "running_total")
    return f'a running total ("{sorted(found)[0]}")' if found else None


# -- 5. scope --------------------------------------------------------------------------------------


def scope_reason(a: Reading, b: Reading) -> str | None:
    first, second = scope(a.sentence), scope(b.sentence)
    if first != second:
        return f"another scope ({', '.join(sorted(first ^ second))})"
    return None


def scope(sentence: str) -> frozenset[str]:
    """The places (as written in the tables) and scope words a sentence names."""
    found = {place for place in places() if re.search(rf"\b{re.escape(place)}\b", sentence)}
    return frozenset(found) | found_words(sentence, "scope")


@cache
def places() -> frozenset[str]:
    """Country and subnational names and their aliases, from the extraction's tables."""
    names = set(words("country_names"))
    for row in rows("subnational_units"):
        names.add(row["name"])
        names.update(alias for alias in row["aliases"].split("|") if alias)
    return frozenset(names)


# -- 6. exact values and rounding -----------------------------------------------------------------


def inexact_reason(reading: Reading) -> str | None:
    qualifier = reading.qualifier or written_qualifier(reading)
    if qualifier and qualifier != "exactly":
        return f'not an exact value ("{qualifier} {reading.surface}")'
    if not NUMERAL.search(reading.surface):
        return f'a number in words ("{reading.surface}")'
    return None


def written_qualifier(reading: Reading) -> str:
    """The qualifier written just before the number (the canonical one of amount_words.tsv), or
    a verb that makes it a bound ("exceeded")."""
    at = reading.sentence.find(reading.surface)
    before = reading.sentence[: max(at, 0)].lower().rstrip(" $£€¥")
    qualifiers = dict(column("amount_words", "value", role="qualifier"))
    qualifiers.update((verb, verb) for verb in comparison_words("bound_verb"))
    return next((qualifiers[w] for w in qualifiers if re.search(rf"\b{re.escape(w)}$", before)), "")


def rounding(reading: Reading) -> float:
    """Half a unit of the last digit the number is written with, in the value's unit."""
    numeral = NUMERAL.search(reading.surface)
    if not numeral:
        return abs(reading.value)
    text = numeral.group().replace(",", "")
    if "." in text:
        half_unit = 0.5 * 10 ** -len(text.partition(".")[2])
    elif len(text) >= ROUNDED_DIGITS:  # "290,000": trailing zeros are rounding
        half_unit = 0.5 * 10 ** (len(text) - len(text.rstrip("0")))
    else:  # "20%", "250 schools": as written
        half_unit = 0.5
    written = float(text)
    return abs(reading.value) * half_unit / written if written else half_unit


def beyond_rounding(a: Reading, b: Reading) -> bool:
    """The two values differ by more than the rounding of both."""
    return abs(a.value - b.value) > rounding(a) + rounding(b)


def change_bounds(previous: Reading, current: Reading) -> tuple[float, float]:
    """The lowest and highest percent change from ``previous`` to ``current`` that their
    rounding allows."""
    low_previous = previous.value - rounding(previous)
    high_previous = previous.value + rounding(previous)
    low_current, high_current = current.value - rounding(current), current.value + rounding(current)
    if low_previous <= 0:
        return float("-inf"), float("inf")
    return (
        100 * (low_current - high_previous) / high_previous,
        100 * (high_current - low_previous) / low_previous,
    )


# -- words -----------------------------------------------------------------------------------------


@cache
def comparison_words(role: str) -> frozenset[str]:
    """The words of ``kg/data/comparison_words.tsv`` with this role."""
    text = resources.files("kg").joinpath("data/comparison_words.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return frozenset(
        row["word"] for row in csv.DictReader(lines, delimiter="\t") if row["role"] == role
    )


def found_words(sentence: str, role: str) -> frozenset[str]:
    """The words of a role in a sentence, as whole words, case-insensitive."""
    lowered = sentence.lower()
    return frozenset(
        word
        for word in comparison_words(role)
        if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", lowered)
    )
