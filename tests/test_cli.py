"""The real ``kg`` command: building, formats, the store, and errors users see."""

import json

import pytest
from rdflib import Dataset, Graph

from .conftest import EXAMPLES

EXAMPLE = EXAMPLES / "01-energy-ministry-briefing.txt"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_build_writes_each_format_readable_by_rdflib(run_kg, tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    result = run_kg("build", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    if suffix in {".trig", ".nq"}:
        dataset = Dataset().parse(out)
        assert len([g for g in dataset.graphs() if len(g)]) == 1  # one named graph per document
        assert sum(1 for _ in dataset.quads()) > 50
    else:
        assert len(Graph().parse(out)) > 50


def test_build_into_store_is_idempotent_and_remove_drops_one_document(run_kg, tmp_path):
    store = tmp_path / "store"
    assert run_kg("build", EXAMPLES, "--store", store).returncode == 0
    first = run_kg("export", "-o", tmp_path / "a.nq", "--store", store)
    assert run_kg("build", EXAMPLES, "--store", store).returncode == 0
    run_kg("export", "-o", tmp_path / "b.nq", "--store", store)
    assert first.returncode == 0
    a, b = (sorted((tmp_path / n).read_text().splitlines()) for n in ("a.nq", "b.nq"))
    assert a == b and len(a) > 100
    assert run_kg("remove", EXAMPLE, "--store", store).returncode == 0
    run_kg("export", "-o", tmp_path / "c.nq", "--store", store)
    c = (tmp_path / "c.nq").read_text().splitlines()
    assert 0 < len(c) < len(a)
    assert not any('Ministry of Power"' in line and "Grid" in line for line in c)


def test_query_list_and_named_query_with_parameter(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLES, "--store", store, check=True)
    listing = run_kg("query", "--list", "--store", store)
    assert "agency-responsibilities" in listing.stdout
    rows = json.loads(
        run_kg(
            "query",
            "agency-responsibilities",
            "-p",
            "agency=transport",
            "-f",
            "json",
            "--store",
            store,
        ).stdout
    )
    assert rows and all("transport" in r["agencyName"].lower() for r in rows)


def test_sparql_command(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLE, "--store", store, check=True)
    result = run_kg(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?o a kgo:Observation }",
        "-f",
        "csv",
        "--store",
        store,
    )
    assert result.returncode == 0 and int(result.stdout.splitlines()[1]) >= 3


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["build", "missing.txt", "-o", "out.ttl"], "missing.txt: no such file"),
        ("", ["build", "empty.txt", "-o", "out.ttl"], "empty.txt: empty file"),
        (b"\x00\x01binary", ["build", "bin.txt", "-o", "out.ttl"], "bin.txt: binary file"),
        (
            bytes(range(128, 256)) * 4,
            ["build", "noise.txt", "-o", "out.ttl"],
            "noise.txt: not UTF-8",
        ),
        (None, ["build", "x.txt", "-o", "out.docx"], "unknown output format"),
        (None, ["query", "no-such-query", "--store", "store"], "no library query named"),
        (None, ["query", "counts-by-class", "--store", "nowhere"], "no store here"),
        (None, ["sparql", "SELECT WHERE {", "--store", "store"], "invalid SPARQL"),
        (None, ["sparql", "ASK {}", "--store", "."], "holds no kg store"),
    ],
)
def test_bad_input_gets_one_line_error_without_traceback(run_kg, tmp_path, setup, args, message):
    from kg.stores import OxigraphStore

    OxigraphStore(tmp_path / "store").close()  # an empty store, for the commands that read one
    if setup is not None:
        name = args[1]
        data = setup.encode() if isinstance(setup, str) else setup
        (tmp_path / name).write_bytes(data)
    result = run_kg(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_file_does_not_stop_the_others_nor_touch_the_store(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLE, "--store", store, check=True)
    before = run_kg(
        "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv", "--store", store
    ).stdout
    (tmp_path / "empty.txt").write_text("")
    other = EXAMPLES / "02-transport-department-release.txt"
    result = run_kg("build", "empty.txt", other, "--store", store)
    assert (
        result.returncode == 1
        and "empty.txt: empty file" in result.stderr
        and "built 1 document" in result.stderr
    )
    after = run_kg(
        "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv", "--store", store
    ).stdout
    assert int(after.splitlines()[1]) > int(before.splitlines()[1])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_utf8_bom_and_utf16_inputs_are_read(run_kg, tmp_path, encoding):
    (tmp_path / "in.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding=encoding)
    result = run_kg("build", "in.txt", "-o", "out.ttl")
    assert result.returncode == 0, result.stderr
    assert "Ministry of Power" in (tmp_path / "out.ttl").read_text(encoding="utf-8")
