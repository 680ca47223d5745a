"""``kg serve`` for browsers and other processes: CORS, the YASGUI query page (in a real
Chromium), format names and prefixes, and a store shared with writers and readers."""

from __future__ import annotations

import json
import subprocess
import urllib.parse

import pyoxigraph as ox
import pytest
from rdflib import Graph

import kg
from kg.queries import library

from .conftest import EXAMPLES, free_port, kg_command, stop, wait_until_listening
from .test_serve import http
from .test_viz import chromium, needs_browser

pytestmark = pytest.mark.server
EXAMPLE_FILES = sorted(EXAMPLES.glob("*.txt"))
CONSTRUCT = "CONSTRUCT WHERE { ?plan a kgo:Plan ; rdfs:label ?name }"


def start_server(store, *options):
    port = free_port()
    process = subprocess.Popen(
        [kg_command(), "serve", "--store", str(store), "--port", str(port), "--quiet", *options],
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_listening(port, process)
    return process, f"http://127.0.0.1:{port}"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "kg"
    kg.build(EXAMPLE_FILES[:-1], store=path).close()  # the last example is added while serving
    return path


@pytest.fixture(scope="module")
def served(store):
    process, url = start_server(store, "--max-rows", "200")
    yield url
    stop(process)


def headers_of(url: str, method: str = "GET", headers: dict | None = None):
    import urllib.request

    request = urllib.request.Request(url, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers)


def sparql_url(url: str, query: str, **params: str) -> str:
    return f"{url}/sparql?" + urllib.parse.urlencode({"query": query, **params})


# -- CORS ------------------------------------------------------------------------------------------
def test_every_answer_carries_cors_headers_and_preflights_are_answered(served):
    ok = headers_of(sparql_url(served, "ASK { ?s ?p ?o }"), headers={"Origin": "https://a.example"})
    error = headers_of(
        sparql_url(served, "SELECT * WHERE {"), headers={"Origin": "https://a.example"}
    )
    page = headers_of(served + "/")
    assert ok[0] == 200 and error[0] == 400 and page[0] == 200
    assert all(h["Access-Control-Allow-Origin"] == "*" for _, h in (ok, error, page))
    status, preflight = headers_of(
        served + "/sparql",
        "OPTIONS",
        {
            "Origin": "https://a.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert status == 204 and preflight["Access-Control-Allow-Origin"] == "*"
    assert preflight["Access-Control-Allow-Methods"] == "GET, POST, OPTIONS"
    assert "content-type" in preflight["Access-Control-Allow-Headers"]


def test_cors_can_be_restricted_to_one_origin(store):
    process, url = start_server(store, "--cors", "https://a.example")
    try:
        allowed = headers_of(sparql_url(url, "ASK {}"), headers={"Origin": "https://a.example"})[1]
        other = headers_of(sparql_url(url, "ASK {}"), headers={"Origin": "https://b.example"})[1]
    finally:
        stop(process)
    assert allowed["Access-Control-Allow-Origin"] == "https://a.example"
    assert "Access-Control-Allow-Origin" not in other


# -- answers ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["json-ld", "jsonld", "rdfxml", "xml", "ttl", "nt"])
def test_format_names_for_graphs(served, name):
    status, body = http(sparql_url(served, CONSTRUCT, format=name))
    rdflib_format = {
        "json-ld": "json-ld",
        "jsonld": "json-ld",
        "rdfxml": "xml",
        "xml": "xml",
        "ttl": "turtle",
        "nt": "nt",
    }[name]
    assert status == 200
    assert len(Graph().parse(data=body, format=rdflib_format)) > 0


@pytest.mark.parametrize("name, first_line", [("csv", "name"), ("tsv", "?name")])
def test_format_names_for_rows(served, name, first_line):
    status, body = http(
        sparql_url(served, "SELECT ?name WHERE { ?p a kgo:Plan ; rdfs:label ?name }", format=name)
    )
    assert status == 200 and body.splitlines()[0] == first_line and len(body.splitlines()) > 1


def test_turtle_and_json_ld_use_the_project_prefixes(served):
    _, turtle = http(sparql_url(served, CONSTRUCT, format="ttl"))
    _, jsonld = http(sparql_url(served, CONSTRUCT, format="jsonld"))
    assert "@prefix kgo: <https://w3id.org/policy-kg/ontology#>" in turtle and " kgo:Plan" in turtle
    document = json.loads(jsonld)
    assert document["@context"]["kgo"] == "https://w3id.org/policy-kg/ontology#"
    assert any("kgo:Plan" in node.get("@type", []) for node in document["@graph"])
    same = set(ox.parse(jsonld.encode(), format=ox.RdfFormat.JSON_LD))
    assert same == {ox.Quad(*t) for t in ox.parse(turtle.encode(), format=ox.RdfFormat.TURTLE)}


def test_an_update_sent_as_a_query_is_refused_as_read_only(served):
    status, text = http(
        served + "/sparql",
        urllib.parse.urlencode(
            {"query": "PREFIX x: <http://x/> # comment\nDELETE WHERE { ?s ?p ?o }"}
        ).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and "read-only" in text
    assert http(sparql_url(served, "ASK { ?s a kgo:Plan }"))[1].count("true") == 1


def test_library_queries_come_with_their_parameters_bound(served):
    status, text = http(served + "/queries/agency-responsibilities.rq?agency=Ministry+of+Power")
    assert status == 200 and text.startswith("# title:") and '"Ministry of Power"' in text
    status, text = http(served + "/queries/agency-responsibilities.rq?nope=1")
    assert status == 400 and "no parameter 'nope'" in text
    assert http(served + "/queries/no-such-query.rq")[0] == 400


def test_the_query_page_is_yasgui_from_this_server(served):
    status, page = http(served + "/")
    assert status == 200 and 'src="static/yasgui/yasgui.min.js"' in page
    for query in library():
        assert f'"name": "{query}"' in page
    assert http(served + "/static/yasgui/yasgui.min.js")[0] == 200
    assert http(served + "/static/../serve.py")[0] == 404


# -- a store shared between processes --------------------------------------------------------------
def count_documents(url: str) -> int:
    query = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    return json.loads(http(sparql_url(url, query, format="json"))[1])["results"]["bindings"][0][
        "n"
    ]["value"]


def test_a_build_while_serving_is_written_and_then_served(tmp_path, run_kg):
    store = tmp_path / "kg"
    kg.build(EXAMPLE_FILES[:1], store=store).close()
    process, url = start_server(store)
    try:
        before = int(count_documents(url))
        build = run_kg("build", EXAMPLE_FILES[1], "--store", store)
        after = int(count_documents(url))
    finally:
        stop(process)
    assert build.returncode == 0, build.stderr
    assert (before, after) == (1, 2)


def test_readers_work_while_another_process_writes_and_a_second_writer_is_told(store, run_kg):
    with kg.open(store) as writer:  # this process holds the writer's lock
        assert writer.stats()["Document"] == len(EXAMPLE_FILES) - 1
        read = run_kg("query", "counts-by-class", "-f", "json", "--store", store)
        stats = run_kg("stats", "--store", store)
        second = run_kg("build", EXAMPLE_FILES[-1], "--store", store)
    assert read.returncode == 0 and {
        "class": "Document",
        "count": len(EXAMPLE_FILES) - 1,
    } in json.loads(read.stdout)
    assert stats.returncode == 0
    assert second.returncode == 1 and len(second.stderr.strip().splitlines()) == 1
    assert "another process is writing to this store" in second.stderr


def test_a_read_only_graph_refuses_writes_in_one_line(store):
    with kg.open(store, read_only=True) as graph:
        assert graph.stats()["Document"] >= 1
        with pytest.raises(kg.KGError, match="opened read-only"):
            graph.remove(graph.store.documents()[0])


# -- the query page in a real browser --------------------------------------------------------------
def run_in_tab(driver, query: str) -> None:
    driver.execute_script(
        "const tab = kgYasgui.addTab(true, {name: 't', yasqe: {value: arguments[0]}});"
        "tab.show(); tab.query().catch(() => {});",
        query,
    )


def wait_for(driver, script: str, seconds: float = 30):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, seconds).until(lambda d: d.execute_script(script))


@pytest.mark.browser
@needs_browser
def test_yasgui_shows_a_table_a_construct_and_an_error_from_the_server(served):
    driver = chromium()
    try:
        driver.get(served + "/")
        # A first visit runs counts-by-class in a table.
        rows = wait_for(
            driver, "return document.querySelectorAll('.yasr table.dataTable tbody tr').length"
        )
        first_cell = driver.execute_script(
            "return document.querySelector('.yasr tbody td:not(:first-child)').textContent"
        )
        run_in_tab(driver, CONSTRUCT)
        triples = wait_for(
            driver,
            "const r = kgYasgui.getTab().getYasr().results;"
            "return r && r.getStatements && r.getStatements() && r.getStatements().length",
        )
        run_in_tab(driver, "SELECT * WHERE { ?s ?p }")
        error = wait_for(
            driver,
            "const e = document.querySelector('.yasr .errorResult');return e && e.textContent",
        )
        resources = driver.execute_script(
            "return performance.getEntriesByType('resource').map(e => e.name)"
        )
        severe = [
            e
            for e in driver.get_log("browser")
            if e["level"] == "SEVERE" and "400 (Bad Request)" not in e["message"]
        ]
    finally:
        driver.quit()
    assert rows >= 5 and first_cell
    assert triples >= 2
    assert "400" in error or "invalid" in error.lower()
    assert all(name.startswith(served) for name in resources), resources  # nothing from elsewhere
    assert severe == []


def test_view_neighbours_come_from_the_whole_graph(served):
    status, page = http(served + "/view")
    assert status == 200 and '"expandUrl": "view/neighbours"' in page
    data = json.loads(page.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    agency = next(n for n in data["nodes"] if n["kind"] == "Agency")
    status, body = http(
        served + "/view/neighbours?" + urllib.parse.urlencode({"node": agency["id"]})
    )
    found = json.loads(body)
    ids = {n["id"] for n in found["nodes"]}
    assert status == 200 and agency["id"] in ids and len(ids) > 1
    assert all(
        agency["id"] in (e["from"], e["to"]) or {e["from"], e["to"]} <= ids for e in found["edges"]
    )
    assert http(served + "/view/neighbours?node=https://example.org/none")[0] == 404


def test_view_details_come_from_the_store_when_a_node_is_shown(served):
    """/view carries the graph; a node's sentences and values come from /view/details."""
    _, page = http(served + "/view")
    data = json.loads(page.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    assert data["detailsUrl"] == "view/details"
    assert not any("evidence" in n or "observations" in n for n in data["nodes"])
    metric = next(n for n in data["nodes"] if n["kind"] == "Metric")
    status, body = http(served + "/view/details?" + urllib.parse.urlencode({"node": metric["id"]}))
    details = json.loads(body)
    assert status == 200 and details["observations"]
    assert all(o["sentence"] and o["value"] for o in details["observations"])
    agency = next(n for n in data["nodes"] if n["kind"] == "Agency")
    _, body = http(served + "/view/details?" + urllib.parse.urlencode({"node": agency["id"]}))
    assert json.loads(body)["evidence"]
    assert http(served + "/view/details?node=https://example.org/none")[0] == 404


@pytest.mark.browser
@needs_browser
def test_clicking_a_node_in_the_served_view_lists_its_values_from_the_store(served):
    driver = chromium()
    try:
        driver.get(served + "/view")
        metric = driver.execute_script(
            "return data.nodes.find(n => n.kind === 'Metric' && nodes.get(n.id)).id"
        )
        driver.execute_script("show(arguments[0])", metric)
        panel = wait_for(
            driver, "const t = document.getElementById('details').textContent; return t || null"
        )
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    finally:
        driver.quit()
    assert "Values by period" in panel
    assert errors == []


@pytest.mark.parametrize("name", sorted(library()))
def test_every_library_query_as_the_page_opens_it_is_answered(served, name):
    """Header comments ("... matches, with value ...") are no update."""
    _, text = http(f"{served}/queries/{name}.rq")
    status, body = http(
        served + "/sparql",
        urllib.parse.urlencode({"query": text}).encode(),
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, text/turtle",
        },
    )
    assert status in (200, 422), body  # 422: more rows than this server's --max-rows
