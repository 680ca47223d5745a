"""Every library query runs with its defaults; checks return no rows; values stay values."""

from pathlib import Path

import pytest

import kg
from kg.queries import library

CHECKS = sorted((Path(__file__).resolve().parent.parent / "queries" / "checks").glob("*-violation.rq"))


def test_library_has_at_least_twelve_documented_queries():
    queries = library()
    assert len(queries) >= 12
    assert all(q.title and q.description for q in queries.values())


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_runs_with_defaults(example_graph, name):
    rows = example_graph.query(name)
    assert isinstance(rows, list)


@pytest.mark.parametrize("name, expected_column, expected_value", [
    ("agency-responsibilities", "instrumentName", "National Grid Modernisation Plan"),
    ("counts-by-class", "class", "Agency"),
    ("observations-by-currency", "unit", "GBP"),
    ("largest-changes", "metricName", "bus passenger journeys in England"),
    ("documents", "documentTitle", "Department for Transport"),
    ("metric-observations", "unit", "GW"),
    ("entity-evidence", "entityName", "Driver and Vehicle Licensing Agency"),
    ("plan-hierarchy", "parentName", "Digital Infrastructure Action Plan"),
])
def test_library_queries_find_what_the_examples_state(example_graph, name, expected_column, expected_value):
    values = {row.get(expected_column) for row in example_graph.query(name)}
    assert expected_value in values


@pytest.mark.parametrize("check", CHECKS, ids=lambda p: p.stem)
def test_violation_checks_return_no_rows_on_a_built_graph(example_graph, check):
    assert example_graph.sparql(check.read_text()) == []


@pytest.mark.parametrize("payload", ['"} INSERT DATA { <a> <b> <c> } #', "x')) } DROP ALL #", "}}}", "' OR 1=1"])
def test_parameter_values_cannot_inject_sparql(example_graph, payload):
    size = len(example_graph.store)
    assert example_graph.query("agency-responsibilities", agency=payload) == []
    assert len(example_graph.store) == size


def test_unknown_parameter_is_refused(example_graph):
    with pytest.raises(kg.KGError, match="has no parameter"):
        example_graph.query("agency-responsibilities", nonsense="1")
