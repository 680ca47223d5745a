"""Crashes and arbitrary text: a killed build leaves only whole documents; any text gives a
valid graph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.builder import build_graph
from kg.errors import InputError
from kg.sources import document_from_text, without_invisible_marks
from kg.stores import OxigraphStore

from .conftest import EXAMPLES

BUILDER = textwrap.dedent("""
    import sys
    from kg.builder import build_graph
    from kg.stores import OxigraphStore
    # commits of two or three documents each: the bulk loader's group writes are what is killed
    build_graph(sys.argv[2:], store=OxigraphStore(sys.argv[1]), batch_size=1, commit_triples=300,
                on_document=lambda document: print(document.iri, flush=True))
""")


@pytest.fixture
def corpus(tmp_path):
    """Forty distinct releases (the examples, each numbered)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    examples = sorted(EXAMPLES.glob("*.txt"))
    for number in range(40):
        text = examples[number % len(examples)].read_text(encoding="utf-8")
        (folder / f"release-{number:02}.txt").write_text(
            f"Release {number}.\n\n{text}", encoding="utf-8"
        )
    return sorted(folder.iterdir())


@pytest.mark.slow
def test_a_build_killed_with_sigkill_leaves_only_whole_documents(tmp_path, corpus):
    store_path = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-c", BUILDER, str(store_path), *map(str, corpus)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for _ in range(5):  # let five documents land, then kill it in the middle of the corpus
        assert process.stdout.readline(), "the build ended before it could be killed"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()

    store = OxigraphStore(store_path)  # opens and answers
    stored = store.documents()
    assert 5 <= len(stored) < len(corpus)
    reference = {}
    for path in corpus:
        graph = kg.build([path]).store
        (document,) = graph.documents()
        reference[document] = set(graph.quads())
    for document in stored:
        mine = {q for q in store.quads() if q.graph_name.value == document}
        assert mine == reference[document], (
            f"{document} is not whole: extra {sorted(map(str, mine - reference[document]))[:3]}, "
            f"missing {sorted(map(str, reference[document] - mine))[:3]}"
        )
    union = {q.triple for q in store.quads()}
    assert set(store.union_triples()) == union  # the union graph matches the documents
    assert int(store.select("SELECT (COUNT(*) AS ?n) WHERE { ?d a kgo:Document }")[0]["n"]) == len(
        stored
    )


FRAGMENTS = st.sampled_from(
    [
        "The Ministry of Industry and Information Technology (MIIT) issued the ",
        "14th Five-Year Plan",
        " Regulations on Data Security",
        " reached 1.47 trillion yuan",
        ", up 8% year-on-year",
        " by 2025",
        "654,000 new 5G base stations",
        "Rs 1.2 lakh crore",
        " fell 2.2 percentage points",
        "\n\n",
        ". ",
        " “Digital China” Initiative",
        "<script>alert(1)</script>",
        "}",
        '"',
        "\\",
        "\u200b",
        "\ufeff",
        "\x00",
        "国家发展和改革委员会",
        "第十四个五年规划",
        " €3.5bn",
        " 12 per cent",
        "Article 3",
        "(1)",
        "2023-24",
    ]
)
POLICY_LIKE_TEXT = st.lists(
    st.one_of(FRAGMENTS, st.text(max_size=40)), min_size=1, max_size=25
).map("".join)


@pytest.mark.slow
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=POLICY_LIKE_TEXT)
def test_any_text_gives_a_graph_that_conforms_to_the_shapes_or_a_clear_refusal(nlp, text):
    try:
        document = document_from_text(text)
    except InputError as refused:
        assert not without_invisible_marks(text).strip("\ufeff").strip()
        assert "empty" in str(refused)
        return
    store = OxigraphStore()
    summary = build_graph([document], store=store)
    assert summary.ok and len(store.documents()) == 1
    report = kg.KnowledgeGraph(store).validate()
    assert report.conforms, report.text


def test_invisible_marks_split_no_name(nlp):
    # bulk: a quarter of the White House releases write "Biden-\u2060Harris Administration"
    document = document_from_text("The Biden-\u2060Harris Administration announced funding.")
    assert document.text.startswith("The Biden-Harris Administration")
    agencies = {m.name for m in nlp(document.text)._.kg_mentions if m.type == "Agency"}
    assert agencies == {"Biden-Harris Administration"}


def test_reading_rdf_never_reaches_the_network_nor_expands_xml_entities(tmp_path):
    remote_context = tmp_path / "remote.jsonld"
    remote_context.write_text(
        '{"@context": "http://127.0.0.1:9/context.jsonld", "@id": "http://a", "name": "x"}'
    )
    with pytest.raises(InputError, match="remote contexts"):
        kg.open(remote_context)
    billion_laughs = tmp_path / "laughs.rdf"
    billion_laughs.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><r>&b;</r>'
    )
    with pytest.raises(InputError, match="not an RDF file kg reads"):
        kg.open(billion_laughs)  # RDF/XML is never parsed from input
