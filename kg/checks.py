"""Arithmetic checks of the numbers a graph holds: ``queries/checks/numbers/*.rq``.

Each check is one SPARQL query with the library's comment header (title, description) that
returns one row per finding, naming both sentences it rests on::

    ?metricName ?detail ?sentence ?documentTitle ?otherSentence ?otherTitle ?document
    ?otherDocument ?metric_ ?observation ?otherObservation [?stated]

(both sentences are the same when a finding sits in one sentence, as parts and their total
do). The queries narrow the candidates with what SPARQL can tell; ``run_checks`` then keeps a
row only when its two observations are the same quantity by every rule of ``kg.comparable``
(same metric, scope, period and sub-period, no running total, exact values) and the arithmetic
still disagrees once the rounding of each number as written is allowed for. Any SPARQL client
can run the files as they are, and gets those candidates.

They are kept apart from ``queries/checks/*-violation.rq``, which check that the graph is
well formed and must return nothing; these check what the documents say, and a finding is a
question for a reader, not a defect of kg.

>>> [check.name for check in number_checks()]  # doctest: +NORMALIZE_WHITESPACE
['parts-exceed-total', 'percent-for-points', 'restatement', 'scale-slip', 'year-on-year-change']
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cache

import pyoxigraph as ox

from .comparable import (
    Reading,
    beyond_rounding,
    change_bounds,
    inexact_reason,
    metric_reason,
    not_comparable,
    rounding,
)
from .errors import QueryError
from .queries import LibraryQuery, internal_query, parse_query_file
from .resources import resource_dir
from .stores import GraphStore, solution_rows

__all__ = ["Finding", "number_checks", "run_checks"]

CHECKS_FOLDER = ("checks", "numbers")
PAIR = ("observation", "otherObservation")  # the columns naming a finding's two observations
READINGS_BATCH = 200  # observations looked up per query (a VALUES block each)


@dataclass(frozen=True)
class Finding:
    """One inconsistency: what the check found, and the two sentences (with their documents)."""

    check: str  # the check's file name, e.g. "year-on-year-change"
    title: str
    metric: str  # the metric concept's key (its skos:prefLabel)
    detail: str
    sentence: str
    document: str  # the document's IRI
    document_title: str
    other_sentence: str
    other_document: str
    other_title: str

    def report(self) -> str:
        """The finding as a few lines of text, both sentences quoted."""
        lines = [f"[{self.check}] {self.metric}: {self.detail}"]
        lines.append(f'  - {self.document_title}: "{self.sentence}"')
        if (self.other_sentence, self.other_document) != (self.sentence, self.document):
            lines.append(f'  - {self.other_title}: "{self.other_sentence}"')
        return "\n".join(lines)


@cache
def number_checks() -> tuple[LibraryQuery, ...]:
    """Every ``queries/checks/numbers/*.rq``, by name."""
    folder = resource_dir("queries").joinpath(*CHECKS_FOLDER)
    return tuple(parse_query_file(path) for path in sorted(folder.glob("*.rq")))


def run_checks(store: GraphStore, *, names: list[str] | None = None) -> list[Finding]:
    """The findings of the named checks (all by default), each finding once, in check order:
    the rows of each check's query that ``confirmed`` keeps."""
    known = {check.name for check in number_checks()}
    if unknown := sorted(set(names or ()) - known):
        raise QueryError(
            f"no number check named {unknown[0]!r}; checks: {', '.join(sorted(known))}"
        )
    findings: dict[tuple, Finding] = {}
    for check in number_checks():
        if names and check.name not in names:
            continue
        rows, _ = solution_rows(store.query(check.sparql))
        readings = observation_readings(store, rows)
        for row in rows:
            if not confirmed(check.name, row, readings):
                continue
            finding = finding_from_row(check, row)
            # A pair found from both of its sides is one finding.
            pair = frozenset(
                {
                    (finding.sentence, finding.document),
                    (finding.other_sentence, finding.other_document),
                }
            )
            findings.setdefault((check.name, finding.metric, pair), finding)
    return list(findings.values())


def observation_readings(store: GraphStore, rows: list[dict[str, str]]) -> dict[str, Reading]:
    """The observations the rows name, as ``kg.comparable`` reads them, by IRI."""
    iris = sorted({row[key] for row in rows for key in PAIR if row.get(key)})
    readings = {}
    query = internal_query("observation-readings").sparql
    for start in range(0, len(iris), READINGS_BATCH):
        batch = [{"observation": ox.NamedNode(iri)} for iri in iris[start : start + READINGS_BATCH]]
        for row in store.select(query, batch):
            readings.setdefault(row["observation"], Reading.from_row(row))
    return readings


def confirmed(check: str, row: dict[str, str], readings: dict[str, Reading]) -> bool:
    """The row is a finding: its observations are the same quantity (``kg.comparable``) and the
    arithmetic disagrees beyond the rounding of the numbers as written."""
    first, second = (readings.get(row.get(key, "")) for key in PAIR)
    if first is None or second is None:
        return False
    if check == "parts-exceed-total":  # one sentence: the total must be an exact figure
        return not (metric_reason(first, first) or inexact_reason(first))
    if check in STATED_CHANGE_CHECKS:  # the stated change's year, and the year before it
        if not_comparable(second, first, years_apart=1):
            return False
        return STATED_CHANGE_CHECKS[check](second, first, Decimal(row["stated"]))
    return not_comparable(first, second) is None and beyond_rounding(first, second)


def change_contradicted(previous: Reading, current: Reading, stated: Decimal) -> bool:
    """No change the rounding of the two values allows is within the rounding of the stated one."""
    low, high = change_bounds(previous, current)
    margin = half_unit(stated)
    return float(stated) + margin < low or float(stated) - margin > high


def points_for_percent(previous: Reading, current: Reading, stated: Decimal) -> bool:
    """The stated change is the difference in points (within rounding) and not the relative
    change."""
    margin = half_unit(stated) + rounding(previous) + rounding(current)
    points_agree = abs(current.value - previous.value - float(stated)) <= margin
    return points_agree and change_contradicted(previous, current, stated)


def half_unit(number: Decimal) -> float:
    """Half a unit of the last digit a number is written with ("5.2" -> 0.05)."""
    return 0.5 * 10.0 ** number.normalize().as_tuple().exponent if number else 0.5


STATED_CHANGE_CHECKS = {
    "year-on-year-change": change_contradicted,
    "percent-for-points": points_for_percent,
}


def finding_from_row(check: LibraryQuery, row: dict[str, str]) -> Finding:
    return Finding(
        check=check.name,
        title=check.title,
        metric=row.get("metricName", ""),
        detail=row.get("detail", ""),
        sentence=row.get("sentence", ""),
        document=row.get("document", ""),
        document_title=row.get("documentTitle", ""),
        other_sentence=row.get("otherSentence", ""),
        other_document=row.get("otherDocument", ""),
        other_title=row.get("otherTitle", ""),
    )
