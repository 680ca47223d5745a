"""The query page's content: the library, prefixes and vendored YASGUI, nothing from elsewhere."""

from __future__ import annotations

import json
import re

import pytest

from kg.checks import number_checks
from kg.queries import library
from kg.querypage import (
    QueryPageFacts,
    bound_query_text,
    ontology_terms,
    render_query_page,
    static_asset,
)
from kg.stores import PREFIXES

FACTS = QueryPageFacts(store=".kg-store", documents=3, quads=1234, timeout=30.0, max_rows=10_000)


def page_data(page: str) -> dict:
    data = re.search(
        r'<script id="page-data" type="application/json">(.*?)</script>', page, re.DOTALL
    )
    return json.loads(data[1])


def test_the_page_carries_every_library_query_with_its_parameters_and_example():
    data = page_data(render_query_page(FACTS, PREFIXES))
    by_name = {query["name"]: query for query in data["queries"]}
    assert list(by_name)[: len(library())] == list(library())
    for name, query in library().items():
        entry = by_name[name]
        assert entry["title"] == query.title and entry["form"] == query.form
        assert [p["name"] for p in entry["parameters"]] == [p.name for p in query.parameters]
        assert entry["example"] == query.example
        assert entry["text"].startswith("# title: ")  # the file's header comments stay
    assert data["prefixes"] == PREFIXES and data["store"]["quads"] == 1234


def test_the_page_lists_the_number_checks_after_the_library_queries():
    data = page_data(render_query_page(FACTS, PREFIXES))
    checks = data["queries"][len(library()) :]
    assert [entry["name"] for entry in checks] == [
        f"checks/numbers/{check.name}" for check in number_checks()
    ]
    for entry, check in zip(checks, number_checks(), strict=True):
        assert entry["title"] == check.title and entry["parameters"] == []
        assert entry["text"] == check.sparql  # opened as it is: no parameters to bind


def test_the_page_loads_scripts_and_styles_from_its_own_server_only():
    page = render_query_page(FACTS, PREFIXES)
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(not re.match(r"[a-z]+://|//", source) for source in sources), sources
    assert all(static_asset(s.removeprefix("static/")) for s in sources if s.startswith("static/"))
    csp = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)[1]
    assert "connect-src 'self'" in csp and "script-src 'self';" in csp


def test_document_text_in_the_page_data_is_never_markup():
    hostile = QueryPageFacts(
        store="</script><script>alert(1)</script>", documents=0, quads=0, timeout=1, max_rows=1
    )
    page = render_query_page(hostile, PREFIXES)
    assert "<script>alert" not in page and page_data(page)["store"]["store"] == hostile.store


@pytest.mark.parametrize("name", sorted(library()))
def test_a_bound_query_text_answers_as_the_library_call_does(example_graph, name):
    query = library()[name]
    values = dict(query.example)
    text = bound_query_text(name, values)
    expected = example_graph.query(name, **values)
    answer = example_graph.sparql(text)
    if query.form == "CONSTRUCT":
        assert sorted(map(str, answer)) == sorted(map(str, expected))
    else:
        assert list(answer) == list(expected)


def test_a_bad_parameter_is_refused_by_name():
    from kg.errors import QueryError

    with pytest.raises(QueryError, match="no parameter 'nope'"):
        bound_query_text("observations", {"nope": "x"})


def test_ontology_terms_for_completion_are_the_ontology_s():
    terms = ontology_terms()
    kgo = PREFIXES["kgo"]
    assert kgo + "Agency" in terms["class"] and kgo + "Observation" in terms["class"]
    assert kgo + "responsibleAgency" in terms["property"] and kgo + "value" in terms["property"]


@pytest.mark.parametrize(
    "path",
    [
        "../cli.py",
        "yasgui/../../cli.py",
        "",
        "/etc/passwd",
        ".hidden",
        "yasgui",
        "templates/query.html",
        "yasgui/nothing.js",
    ],
)
def test_static_files_are_only_the_vendored_ones(path):
    assert static_asset(path) is None


def test_vendored_yasgui_and_chartjs_are_there_with_their_licences():
    body, media_type = static_asset("yasgui/yasgui.min.js")
    assert media_type.startswith("text/javascript") and b"Yasgui" in body and len(body) > 500_000
    assert static_asset("yasgui/yasgui.min.css")[1].startswith("text/css")
    assert b"Chart" in static_asset("chartjs/chart.umd.min.js")[0]
    assert b"MIT" in static_asset("yasgui/LICENSE.txt")[0]
    assert b"MIT" in static_asset("chartjs/LICENSE.md")[0]
    assert b"sourceMappingURL" not in body  # no request for a map the package does not ship
