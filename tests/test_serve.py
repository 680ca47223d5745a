"""``kg serve`` as a real HTTP server on 127.0.0.1, asked by SPARQLWrapper (a standard client)."""

from __future__ import annotations

import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from decimal import Decimal

import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

import kg
from kg.queries import get_query

from .conftest import EXAMPLES, free_port, kg_command, stop, wait_until_listening

pytestmark = pytest.mark.server
TIMEOUT = 2
MAX_ROWS = 200
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The examples in a store folder, served by ``kg serve``; yields (url, store, expected
    facts)."""
    store = tmp_path_factory.mktemp("served") / "kg"
    with kg.build([EXAMPLES], store=store) as graph:
        expected = {
            "quads": len(graph.store),
            "counts": graph.query("counts-by-class").texts,
            "plans": len(graph.sparql("SELECT ?p WHERE { ?p a kgo:Plan }")),
        }
    port = free_port()
    process = subprocess.Popen(
        [
            kg_command(),
            "serve",
            "--store",
            str(store),
            "--port",
            str(port),
            "--timeout",
            str(TIMEOUT),
            "--max-rows",
            str(MAX_ROWS),
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_listening(port, process)
    yield f"http://127.0.0.1:{port}", store, expected
    stop(process)


def client(url: str, query: str, fmt=JSON, method=None) -> SPARQLWrapper:
    sparql = SPARQLWrapper(url + "/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    if method:
        sparql.setMethod(method)
    return sparql


def http(url: str, data: bytes | None = None, headers: dict | None = None) -> tuple[int, str]:
    request = urllib.request.Request(url, data=data, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def count_quads(url: str) -> int:
    query = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    return int(client(url, query).queryAndConvert()["results"]["bindings"][0]["n"]["value"])


def test_select_json_over_get_matches_the_library_query_run_in_process(served):
    url, _, expected = served
    result = client(url, get_query("counts-by-class").sparql).queryAndConvert()
    rows = [
        {k: v["value"] for k, v in binding.items()} for binding in result["results"]["bindings"]
    ]
    assert rows == list(expected["counts"])
    assert result["head"]["vars"] == ["class", "count"]


def test_post_and_every_results_format(served):
    url, _, expected = served
    query = "SELECT ?plan WHERE { ?plan a kgo:Plan }"
    as_json = client(url, query, JSON, POST).queryAndConvert()
    assert len(as_json["results"]["bindings"]) == expected["plans"]
    as_xml = client(url, query, XML, POST).queryAndConvert()
    assert len(as_xml.getElementsByTagName("result")) == expected["plans"]
    as_csv = client(url, query, CSV).queryAndConvert().decode().splitlines()
    assert as_csv[0] == "plan" and len(as_csv) == expected["plans"] + 1
    as_tsv = client(url, query, TSV).queryAndConvert().decode().splitlines()
    assert as_tsv[0] == "?plan" and all(line.startswith("<https://") for line in as_tsv[1:])


def test_construct_gives_turtle_and_ask_a_boolean(served):
    url, _, expected = served
    turtle = client(url, "CONSTRUCT WHERE { ?p a kgo:Plan }", TURTLE).queryAndConvert()
    graph = Graph().parse(data=turtle, format="turtle")
    assert len(graph) == expected["plans"] > 0
    assert client(url, "ASK { ?p a kgo:Plan }").queryAndConvert()["boolean"] is True
    assert client(url, "ASK { ?p a kgo:NoSuchClass }").queryAndConvert()["boolean"] is False


def test_updates_are_refused_and_change_nothing(served):
    url, _, expected = served
    update = client(url, "DELETE WHERE { GRAPH ?g { ?s ?p ?o } }", method=POST)
    with pytest.raises(urllib.error.HTTPError) as refused:
        update.query()
    assert refused.value.code == 403
    status, text = http(url + "/sparql", b"DROP ALL", {"Content-Type": "application/sparql-update"})
    assert status == 403 and "read-only" in text
    assert count_quads(url) == expected["quads"]


def test_a_query_past_the_timeout_is_stopped_and_the_server_goes_on(served):
    url, _, expected = served
    started = time.monotonic()
    status, text = http(url + "/sparql?" + urllib.parse.urlencode({"query": CARTESIAN}))
    assert status == 503 and "timeout" in text
    assert time.monotonic() - started < TIMEOUT + 5
    assert count_quads(url) == expected["quads"]


def test_answers_over_the_cap_are_refused_with_the_way_out(served):
    url, _, expected = served
    assert expected["quads"] > MAX_ROWS
    status, text = http(
        url + "/sparql?" + urllib.parse.urlencode({"query": "SELECT * WHERE { ?s ?p ?o }"})
    )
    assert status == 422 and f"more than {MAX_ROWS} solutions" in text and "LIMIT" in text
    paged = client(url, f"SELECT * WHERE {{ ?s ?p ?o }} LIMIT {MAX_ROWS}").queryAndConvert()
    assert len(paged["results"]["bindings"]) == MAX_ROWS


def test_a_malformed_query_is_a_400_naming_the_problem(served):
    url, _, _ = served
    with pytest.raises(QueryBadFormed):
        client(url, "SELECT * WHERE { ?s ?p").query()
    status, text = http(url + "/sparql")
    assert status == 400 and "query=" in text


def test_content_negotiation_and_unknown_paths(served):
    url, _, _ = served
    query = urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a kgo:Agency } LIMIT 1"})
    status, text = http(
        f"{url}/sparql?{query}",
        headers={"Accept": "text/csv;q=0.9, application/sparql-results+xml"},
    )
    assert status == 200 and text.lstrip().startswith("<?xml")
    status, _ = http(f"{url}/sparql?{query}", headers={"Accept": "image/png"})
    assert status == 406
    status, _ = http(url + "/update", b"x", {"Content-Type": "application/sparql-update"})
    assert status == 404


def test_parse_accept_orders_by_quality():
    from kg.serve import parse_accept

    assert parse_accept("a/b;q=0.2, c/d, e/f;q=0") == ("c/d", "a/b")
    assert parse_accept("") == ()


def test_serving_a_missing_store_is_one_line(run_kg, tmp_path):
    result = run_kg("serve", "--store", tmp_path / "nothing", "--port", "0")
    assert result.returncode == 1 and "no store here" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_results_read_by_rdflib_are_the_same_terms(served):
    """The JSON results carry datatypes, so a client sees 11 as a number, not a string."""
    url, _, _ = served
    result = client(url, "SELECT ?v WHERE { ?o kgo:value ?v } LIMIT 1").queryAndConvert()
    value = result["results"]["bindings"][0]["v"]
    assert value["type"] == "literal" and value["datatype"].endswith("#decimal")
    assert Decimal(value["value"]).is_finite()
