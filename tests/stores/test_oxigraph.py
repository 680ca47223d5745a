"""The store's layout: document graphs plus their union, kept in step by every write."""

import pyoxigraph as ox
import pytest

from kg.errors import StoreError
from kg.stores import OxigraphStore

SHARED = '<urn:agency> <http://www.w3.org/2000/01/rdf-schema#label> "Ministry" .\n'
ONLY_A = "<urn:plan-a> <urn:by> <urn:agency> .\n"
ONLY_B = "<urn:plan-b> <urn:by> <urn:agency> .\n"


def union(store) -> set[str]:
    return {str(t) for t in store.union_triples()}


def test_the_union_loses_a_triple_only_with_the_last_document_holding_it():
    store = OxigraphStore()
    store.replace_document("urn:doc:a", SHARED + ONLY_A)
    store.replace_document("urn:doc:b", SHARED + ONLY_B)
    assert len(union(store)) == 3 and len(store) == 4
    assert store.remove_document("urn:doc:a") is True
    assert union(store) == {t.rstrip(" .\n") for t in (SHARED, ONLY_B)}
    store.replace_document("urn:doc:b", ONLY_B)  # a new version without the shared triple
    assert union(store) == {ONLY_B.rstrip(" .\n")}
    assert store.remove_document("urn:doc:a") is False


def test_a_store_with_document_graphs_only_gets_its_union_on_open(tmp_path):
    raw = ox.Store(str(tmp_path / "old"))
    raw.load(SHARED + ONLY_A, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("urn:doc:a"))
    raw.flush()
    del raw
    store = OxigraphStore(tmp_path / "old")
    assert len(union(store)) == 2
    assert store.select(
        "SELECT ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
    ) == [{"l": "Ministry"}]


def graphs(store) -> dict[str, set[str]]:
    found = {}
    for quad in store.quads():
        found.setdefault(quad.graph_name.value, set()).add(str(quad.triple))
    return found


def test_documents_written_together_replace_old_versions_and_keep_the_union(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    store.replace_document("urn:doc:a", SHARED + ONLY_A)
    store.replace_documents(
        [
            ("urn:doc:a", ONLY_A),
            ("urn:doc:b", SHARED + ONLY_B),
            ("urn:doc:c", ONLY_B),
            ("urn:doc:c", SHARED),
        ]
    )  # the later version of c wins
    assert graphs(store) == {
        "urn:doc:a": {ONLY_A.rstrip(" .\n")},
        "urn:doc:b": {SHARED.rstrip(" .\n"), ONLY_B.rstrip(" .\n")},
        "urn:doc:c": {SHARED.rstrip(" .\n")},
    }
    assert union(store) == {t.rstrip(" .\n") for t in (SHARED, ONLY_A, ONLY_B)}
    store.remove_document("urn:doc:b")
    assert union(store) == {t.rstrip(" .\n") for t in (SHARED, ONLY_A)}  # c still holds the label


def test_a_group_with_one_bad_document_writes_none_of_them(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    store.replace_document("urn:doc:a", SHARED)
    with pytest.raises(StoreError, match="urn:doc:b"):
        store.replace_documents(
            [("urn:doc:b", ONLY_B), ("urn:doc:c", "<urn:x> <urn:p> broken .\n")]
        )
    assert graphs(store) == {"urn:doc:a": {SHARED.rstrip(" .\n")}}
    assert union(store) == {SHARED.rstrip(" .\n")}


def test_a_failed_replacement_keeps_the_stored_version(tmp_path):
    store = OxigraphStore(tmp_path / "store")
    store.replace_documents([("urn:doc:a", SHARED + ONLY_A), ("urn:doc:b", ONLY_B)])
    with pytest.raises(StoreError, match="urn:doc:a failed, its stored version is unchanged"):
        store.replace_document("urn:doc:a", "<urn:x> <urn:p> broken .\n")
    assert graphs(store)["urn:doc:a"] == {SHARED.rstrip(" .\n"), ONLY_A.rstrip(" .\n")}
    assert union(store) == {t.rstrip(" .\n") for t in (SHARED, ONLY_A, ONLY_B)}
