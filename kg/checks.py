"""Arithmetic checks of the numbers a graph holds: ``queries/checks/numbers/*.rq``.

Each check is one SPARQL query with the library's comment header (title, description) that
returns one row per finding, naming both sentences it rests on::

    ?metricName ?detail ?sentence ?documentTitle ?otherSentence ?otherTitle ?document
    ?otherDocument ?metric_

(both sentences are the same when a finding sits in one sentence, as parts and their total
do). They are kept apart from ``queries/checks/*-violation.rq``, which check that the graph is
well formed and must return nothing; these check what the documents say, and a finding is a
question for a reader, not a defect of kg. Any SPARQL client can run the files as they are.

>>> [check.name for check in number_checks()]  # doctest: +NORMALIZE_WHITESPACE
['parts-exceed-total', 'percent-for-points', 'scale-slip', 'year-on-year-change']
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .errors import QueryError
from .queries import LibraryQuery, parse_query_file
from .resources import resource_dir
from .stores import GraphStore, solution_rows

__all__ = ["Finding", "number_checks", "run_checks"]

CHECKS_FOLDER = ("checks", "numbers")


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
    """The findings of the named checks (all by default), each finding once, in check order."""
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
        for row in rows:
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
