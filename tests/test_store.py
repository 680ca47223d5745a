"""The store's layout: document graphs plus their union, kept in step by every write."""

import pyoxigraph as ox

from kg.store import Store

SHARED = '<urn:agency> <http://www.w3.org/2000/01/rdf-schema#label> "Ministry" .\n'
ONLY_A = '<urn:plan-a> <urn:by> <urn:agency> .\n'
ONLY_B = '<urn:plan-b> <urn:by> <urn:agency> .\n'


def union(store) -> set[str]:
    return {str(t) for t in store.union_triples()}


def test_the_union_loses_a_triple_only_with_the_last_document_holding_it():
    store = Store()
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
    store = Store(tmp_path / "old")
    assert len(union(store)) == 2
    assert store.select("SELECT ?l WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l }") == [{"l": "Ministry"}]
