"""The Python API: build, query, analyse, export, validate, visualise."""

from pathlib import Path

import pytest

import kg
from kg.analysis import central_agencies, counts_by_class

from .conftest import EXAMPLES


def test_build_from_text_in_memory():
    graph = kg.build(
        [
            "The Department of Energy launched the Home Heat Pump Program, which reached 40,000 "
            "homes in 2023."
        ]
    )
    names = {row["programName"] for row in graph.query("programs-by-agency")}
    assert "Home Heat Pump Program" in names


def test_same_agency_in_two_documents_is_one_node(example_graph):
    rows = example_graph.query("documents-mentioning", name="Ministry of Industry")
    assert [r for r in rows if r["entityName"] == "Ministry of Industry and Information Technology"]
    agencies = example_graph.sparql(
        "SELECT DISTINCT ?a WHERE { ?a a kgo:Agency ; rdfs:label ?l FILTER(CONTAINS(?l, "
        "'Department for Transport')) }"
    )
    assert len(agencies) == 1


def test_queries_lists_library_names():
    assert "agency-responsibilities" in kg.queries()


def test_networkx_view_and_analytics(example_graph):
    G = example_graph.to_networkx()
    counts = counts_by_class(G)
    assert counts.get("Agency", 0) >= 3 and counts.get("Plan", 0) >= 1
    assert central_agencies(G)[0][1] > 0


@pytest.mark.parametrize("suffix", [".ttl", ".trig", ".nq", ".jsonld", ".csv"])
def test_export(example_graph, tmp_path, suffix):
    path = example_graph.export(tmp_path / f"out{suffix}")
    assert path.stat().st_size > 500


def test_csv_export_has_one_row_per_observation(example_graph, tmp_path):
    import csv

    rows = list(csv.DictReader(example_graph.export(tmp_path / "obs.csv").open()))
    observations = example_graph.sparql("SELECT ?o WHERE { ?o a kgo:Observation }")
    assert len(rows) == len(observations) and all(r["value"] and r["evidence"] for r in rows)


def test_built_graph_conforms_to_the_shapes(example_graph):
    report = example_graph.validate()
    assert report.conforms, report.text


def test_remove_then_add_restores_the_same_quads(tmp_path):
    graph = kg.build([EXAMPLES], store=tmp_path / "s")
    before = len(graph.store)
    doc = EXAMPLES / "02-transport-department-release.txt"
    assert graph.remove(doc)
    assert len(graph.store) < before
    graph.add(doc)
    assert len(graph.store) == before


def test_query_rows_become_a_dataframe(example_graph):
    rows = example_graph.query("observations")
    frame = rows.to_dataframe()
    assert list(frame.columns) == rows.columns and len(frame) == len(rows) > 0
    assert set(frame["unit"]) >= {"GBP", "CNY"}


def test_sparql_gives_rows_triples_or_a_boolean(example_graph):
    rows = example_graph.sparql("SELECT ?name WHERE { ?a a kgo:Agency ; rdfs:label ?name }")
    assert {"Ministry of Power", "Department for Transport"} <= {r["name"] for r in rows}
    triples = example_graph.sparql("CONSTRUCT WHERE { ?a a kgo:Agency }")
    assert len(triples) == len(rows)
    assert example_graph.sparql("ASK { ?a a kgo:Agency }") is True


def test_open_an_existing_store_and_add_to_it(tmp_path):
    with kg.build([EXAMPLES / "01-energy-ministry-briefing.txt"], store=tmp_path / "s") as graph:
        before = graph.stats()["Document"]
    with kg.open(tmp_path / "s") as reopened:
        assert reopened.stats()["Document"] == before == 1
        summary = reopened.add(
            "The Ministry of Finance issued the Budget Transparency Rules on Friday."
        )
        assert summary.ok and reopened.stats()["Document"] == 2
        assert "Budget Transparency Rules" in {
            r["regulationName"] for r in reopened.query("regulations-by-agency")
        }


def test_the_view_draws_itself_inline_in_jupyter(example_graph, tmp_path):
    view = example_graph.visualize(tmp_path / "g.html")
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=") and "vis.Network" in frame and "<script" not in frame
    assert Path(view) == tmp_path / "g.html"


def test_rows_and_dataframes_have_numbers_and_dates(example_graph):
    import datetime

    rows = example_graph.query("observations")
    assert all(isinstance(row["value"], (int, float)) for row in rows)
    assert all(isinstance(text["value"], str) for text in rows.texts)  # as CSV writes them
    frame = rows.to_dataframe()
    assert str(frame["value"].dtype) in {"int64", "float64"}
    assert frame["value"].sum() == sum(row["value"] for row in rows)
    documents = example_graph.sparql("SELECT ?d ?issued WHERE { ?d dcterms:issued ?issued }")
    assert documents and all(isinstance(row["issued"], datetime.date) for row in documents)
    assert str(documents.to_dataframe()["issued"].dtype).startswith("datetime64")
