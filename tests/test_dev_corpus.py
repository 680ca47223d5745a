"""On the real seed document (skipped where ../shared is not present)."""

import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from kg.rdf.namespace import KGO
from kg.validate import validate_graph

from .conftest import SHARED, needs_shared

SEED = SHARED / "corpus" / "dev" / "00_miit-2021-telecom.txt"


@pytest.fixture(scope="module")
def seed_graph(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed") / "seed.ttl"
    kg_bin = Path(sys.executable).with_name("kg")
    subprocess.run(
        [str(kg_bin), "build", str(SEED), "-o", str(out)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return Graph().parse(out)


@needs_shared()
@pytest.mark.parametrize(
    "cls", ["Agency", "Plan", "Regulation", "Program", "Metric", "Observation"]
)
def test_seed_document_has_every_core_class(seed_graph, cls):
    from rdflib import RDF

    assert any(seed_graph.subjects(RDF.type, KGO[cls]))


@needs_shared()
def test_seed_graph_conforms_to_shapes(seed_graph):
    report = validate_graph(seed_graph)
    assert report.conforms, report.text


@needs_shared()
def test_observations_reach_their_source_sentence(seed_graph):
    from rdflib import RDF

    text = SEED.read_text(encoding="utf-8")
    observations = list(seed_graph.subjects(RDF.type, KGO.Observation))
    reached = 0
    for obs in observations:
        for evidence in seed_graph.objects(obs, KGO.evidence):
            sentence = str(seed_graph.value(evidence, KGO.text))
            if (
                sentence
                and sentence in text
                and seed_graph.value(evidence, KGO.document) is not None
            ):
                reached += 1
    assert observations and reached / len(observations) >= 0.8


@needs_shared()
def test_the_country_aware_duplicate_measure_keeps_two_countries_ministries_apart(tmp_path, capsys):
    """China's and India's Ministry of Finance: one duplicate to the scorer, none by country."""
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    import country_duplicates

    texts = [next((SHARED / "corpus/dev").glob(f"{n}_*.txt")) for n in ("44", "69")]
    merged = tmp_path / "merged.ttl"
    kg_bin = Path(sys.executable).with_name("kg")
    subprocess.run(
        [str(kg_bin), "build", *map(str, texts), "-o", str(merged)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    assert country_duplicates.main([str(SHARED), str(merged)]) == 0
    printed = capsys.readouterr().out
    assert "'duplicated': ['Ministry of Finance']" in printed.splitlines()[0]
    last = dict(field.split("=") for field in printed.splitlines()[-1].split()[1:])
    assert int(last["nodes"]) >= 2 and last["duplicate_rate"] == "0.000"  # both ministries found
