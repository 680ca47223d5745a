"""Hostile queries and files on the reading side (issue 21): ``kg sparql``, ``graph.sparql()``,
``kg viz --graph``, ``kg.open`` and ``kg query`` on a folder that is not a store.

Anything that crashed the interpreter (a segfault) runs in a subprocess, so that the attack,
not the test run, is what dies."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from .conftest import one_line, run_kg, synthetic_store

DEEP_PARENTHESES = "SELECT * WHERE { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"
LONG_OPERATOR_CHAIN = "SELECT * WHERE { FILTER(" + " || ".join(["true"] * 20000) + ") }"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return synthetic_store(tmp_path_factory.mktemp("reading") / "kg", 50)


def in_python(code: str, *args, timeout: float = 120) -> subprocess.CompletedProcess:
    from .conftest import limit_memory

    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit_memory(),
    )


SPARQL_FROM_PYTHON = """
    import sys
    import kg
    from kg.errors import QueryError
    try:
        kg.open(sys.argv[1]).sparql(sys.argv[2])
    except QueryError as e:
        print("refused:", e)
"""


def test_kg_sparql_and_graph_sparql_refuse_service_and_call_nobody(store, tmp_path, listener):
    query = f"SELECT * WHERE {{ SERVICE SILENT <{listener.url}> {{ ?s ?p ?o }} }}"
    result = run_kg("sparql", query, "--store", store, cwd=tmp_path)
    assert result.returncode == 1 and one_line(result.stderr) and "SERVICE" in result.stderr
    python = in_python(SPARQL_FROM_PYTHON, store, query)
    assert (
        python.returncode == 0
        and python.stdout.startswith("refused:")
        and "SERVICE" in python.stdout
    )
    assert listener.connections == []


@pytest.mark.parametrize(
    "query", [DEEP_PARENTHESES, LONG_OPERATOR_CHAIN], ids=["parentheses", "operator-chain"]
)
def test_queries_too_deep_for_the_engine_are_refused_in_one_line(store, tmp_path, query):
    query_file = tmp_path / "deep.rq"  # longer than one command-line argument may be
    query_file.write_text(query, encoding="utf-8")
    result = run_kg("sparql", query_file, "--store", store, cwd=tmp_path)
    assert (
        result.returncode == 1
        and one_line(result.stderr)
        and result.stderr.startswith("kg: error:")
    )
    python = in_python(
        SPARQL_FROM_PYTHON.replace("sys.argv[2]", "open(sys.argv[2]).read()"), store, query_file
    )
    assert python.returncode == 0 and python.stdout.startswith("refused:")


def test_library_and_ordinary_queries_pass_the_guard(store, tmp_path):
    result = run_kg(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(((?o != 'x') && true)) }",
        "--store",
        store,
        "--format",
        "csv",
        cwd=tmp_path,
    )
    assert result.returncode == 0 and result.stdout.split() == ["n", "50"]


@pytest.mark.parametrize(
    "command",
    [("query", "counts-by-class"), ("sparql", "ASK {}"), ("stats",), ("serve", "--port", "0")],
)
def test_a_read_command_never_creates_a_store_in_an_existing_folder(tmp_path, command):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "notes.txt").write_text("my notes", encoding="utf-8")
    result = run_kg(*command, "--store", folder, cwd=tmp_path, timeout=20)  # serve: refused at once
    assert result.returncode == 1 and one_line(result.stderr) and "store" in result.stderr
    assert sorted(p.name for p in folder.iterdir()) == ["notes.txt"]


def deep_json_ld(depth: int) -> str:
    return '{"@id": "http://a", "http://p": ' * depth + '"x"' + "}" * depth


def huge_turtle_literal(megabytes: int) -> bytes:
    return b'<http://a> <http://p> "' + b"x" * (megabytes * 1_000_000) + b'" .\n'


def test_deeply_nested_json_ld_is_refused_in_one_line(tmp_path):
    graph = tmp_path / "deep.jsonld"
    graph.write_text(deep_json_ld(5000), encoding="utf-8")
    result = run_kg("viz", "--graph", graph, "--output", tmp_path / "view.html", cwd=tmp_path)
    assert result.returncode == 1 and one_line(result.stderr) and "deep.jsonld" in result.stderr
    python = in_python(
        "import sys, kg\ntry:\n    kg.open(sys.argv[1])\nexcept kg.KGError as e:\n    print(e)",
        graph,
    )
    assert python.returncode == 0 and "deep.jsonld" in python.stdout


def test_a_huge_literal_is_refused_in_one_line_under_a_memory_limit(tmp_path):
    graph = tmp_path / "huge.ttl"
    graph.write_bytes(huge_turtle_literal(100))
    result = run_kg(
        "viz",
        "--graph",
        graph,
        "--output",
        tmp_path / "view.html",
        cwd=tmp_path,
        memory=600_000_000,
    )
    assert result.returncode == 1 and one_line(result.stderr) and "huge.ttl" in result.stderr
