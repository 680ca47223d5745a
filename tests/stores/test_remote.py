"""The remote store against a real Oxigraph server (the ``oxigraph`` package) on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.errors import KGError, StoreError
from kg.stores.remote import RemoteStore

from ..conftest import EXAMPLES, free_port, stop, wait_until_listening

pytestmark = pytest.mark.server
EXAMPLE_COUNT = len(list(EXAMPLES.glob("*.txt")))


def oxigraph_command() -> str:
    beside_python = Path(sys.executable).with_name("oxigraph")
    found = str(beside_python) if beside_python.exists() else shutil.which("oxigraph")
    if not found:
        pytest.fail("the oxigraph server is not installed; pip install -e '.[test]'")
    return found


@pytest.fixture
def server(tmp_path):
    """A fresh Oxigraph server on disk, as it comes (no special configuration)."""
    port = free_port()
    process = subprocess.Popen(
        [
            oxigraph_command(),
            "serve",
            "--location",
            str(tmp_path / "oxigraph"),
            "--bind",
            f"127.0.0.1:{port}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    wait_until_listening(port, process)
    yield f"http://127.0.0.1:{port}"
    stop(process)


@pytest.fixture(scope="module")
def embedded():
    return kg.build([EXAMPLES])


def sorted_rows(rows) -> list:
    """Rows (or CONSTRUCT triples) in a comparable order."""
    return sorted(str(sorted(row.items())) if isinstance(row, dict) else str(row) for row in rows)


def test_every_library_query_answers_the_same_remote_as_embedded(server, embedded):
    remote = kg.build([EXAMPLES], store=server)
    assert isinstance(remote.store, RemoteStore)
    assert len(remote.store) == len(embedded.store)
    for name in kg.queries():
        assert sorted_rows(remote.query(name)) == sorted_rows(embedded.query(name)), name
    metric = next(row["metric"] for row in embedded.query("observations"))
    assert (
        sorted_rows(remote.query("metric-observations", metric=metric))
        == sorted_rows(embedded.query("metric-observations", metric=metric))
        != []
    )


def test_building_twice_is_idempotent_and_remove_keeps_shared_entities(server):
    graph = kg.build([EXAMPLES], store=server)
    quads = len(graph.store)
    graph.add(EXAMPLES)
    assert len(graph.store) == quads
    documents = graph.store.documents()
    assert len(documents) == EXAMPLE_COUNT
    assert graph.remove(documents[0]) is True
    assert graph.remove(documents[0]) is False
    assert graph.store.documents() == documents[1:]
    assert 0 < len(graph.store) < quads


def test_export_from_the_server_keeps_one_graph_per_document(server, tmp_path):
    graph = kg.build([EXAMPLES], store=server)
    path = graph.export(tmp_path / "all.nq")
    dataset = ox.Dataset(ox.parse(path=str(path)))
    assert len(dataset) == len(graph.store)
    assert {q.graph_name.value for q in dataset} == set(graph.store.documents())


def test_hostile_parameters_stay_values(server):
    graph = kg.build([EXAMPLES], store=server)
    quads = len(graph.store)
    for payload in [
        '"} } ; DROP ALL ; #',
        "x' } INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
        "}}}{{{",
        '\\"\n',
    ]:
        assert graph.query("metric-observations", metric=payload) == []
    assert len(graph.store) == quads


def test_an_unreachable_server_is_one_clear_error():
    graph = kg.open(f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="cannot reach"):
        graph.query("counts-by-class")


def test_a_bad_query_on_the_server_is_a_query_error(server):
    with pytest.raises(KGError, match="HTTP 400"):
        kg.open(server).sparql("SELECT * WHERE { ?s ")


def test_the_cli_builds_into_and_queries_a_server(server, run_kg):
    built = run_kg("build", EXAMPLES, "--store", server)
    assert built.returncode == 0, built.stderr
    listed = run_kg("query", "documents", "--store", server, "--format", "csv")
    assert listed.returncode == 0 and len(listed.stdout.strip().splitlines()) == EXAMPLE_COUNT + 1
