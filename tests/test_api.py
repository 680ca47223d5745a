"""The Python API: build, query, analyse, export, validate, visualise."""

import pytest

import kg
from kg.analysis import central_agencies, counts_by_class

from .conftest import EXAMPLES


def test_build_from_text_in_memory():
    graph = kg.build(["The Department of Energy launched the Home Heat Pump Program, which reached 40,000 homes in 2023."])
    names = {row["programName"] for row in graph.query("programs-by-agency")}
    assert "Home Heat Pump Program" in names


def test_same_agency_in_two_documents_is_one_node(example_graph):
    rows = example_graph.query("documents-mentioning", name="Ministry of Industry")
    assert [r for r in rows if r["entityName"] == "Ministry of Industry and Information Technology"]
    agencies = example_graph.sparql(
        "SELECT DISTINCT ?a WHERE { ?a a kgo:Agency ; rdfs:label ?l FILTER(CONTAINS(?l, 'Department for Transport')) }")
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
