"""The store interface: what callers use is declared; the registry picks a backend by scheme."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.errors import StoreError
from kg.stores import GraphStore, OxigraphStore, local_path, open_store, register, scheme_of
from kg.stores.registry import FACTORIES
from kg.stores.remote import RemoteStore

ROOT = Path(__file__).resolve().parents[2]
# Methods a backend adds for its own callers (kg serve opens a folder with OxigraphStore itself).
BACKEND_ONLY = {"from_file", "materialize_union"}


def code_of(path: Path) -> str:
    """A module's source, or a notebook's code cells."""
    if path.suffix == ".ipynb":
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return path.read_text(encoding="utf-8")


def store_attributes(source: str) -> set[str]:
    """Attributes used on anything named ``store`` (``graph.store.x``, ``self.store.x``, ...)."""
    used = set()
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute):
            continue
        target = node.value
        name = target.id if isinstance(target, ast.Name) else getattr(target, "attr", None)
        if name == "store":
            used.add(node.attr)
    return used


# Everything that uses a store, the backends themselves left out.
CALLERS = sorted(
    [
        *(p for p in (ROOT / "kg").rglob("*.py") if "stores" not in p.parts),
        *(ROOT / "benchmarks").glob("*.py"),
        *(ROOT / "notebooks").glob("*.ipynb"),
    ]
)


def test_the_callers_are_found_and_use_stores():
    used = set().union(*(store_attributes(code_of(path)) for path in CALLERS))
    assert {"documents", "flush", "remove_document", "query"} <= used


@pytest.mark.parametrize("path", CALLERS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_store_method_a_caller_uses_is_declared_by_the_base_class(path):
    undeclared = store_attributes(code_of(path)) - set(dir(GraphStore)) - BACKEND_ONLY
    assert not undeclared, (
        f"{path.name} uses {sorted(undeclared)}, which GraphStore does not declare"
    )


@pytest.mark.parametrize(
    "method",
    ["query", "quads", "documents", "__len__", "replace_documents", "remove_document", "flush"],
)
def test_the_base_class_declares_what_callers_use_as_abstract(method):
    assert method in GraphStore.__abstractmethods__


@pytest.mark.parametrize("backend", [OxigraphStore, RemoteStore])
def test_every_backend_implements_the_whole_interface(backend):
    assert not backend.__abstractmethods__
    with pytest.raises(TypeError, match="abstract"):
        GraphStore()


@pytest.mark.parametrize(
    "location, scheme",
    [
        (None, "memory"),
        ("memory:", "memory"),
        (".kg-store", "oxigraph"),
        (Path("a:b"), "oxigraph"),
        ("oxigraph:/data/kg", "oxigraph"),
        ("data/my:store", "oxigraph"),
        ("C:\\kg", "oxigraph"),
        ("http://127.0.0.1:7878", "http"),
        ("HTTPS://host/sparql", "https"),
        ("ftp://host/kg", "ftp"),
    ],
)
def test_the_scheme_names_the_backend(location, scheme):
    assert scheme_of(location) == scheme


def test_the_registry_opens_each_kind_of_location(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert open_store(Path("w:x")).path == Path("w:x")  # a Path is a path, colon or not
    assert open_store(None).path is None and open_store("memory:").path is None
    assert open_store(tmp_path / "a").path == tmp_path / "a"
    assert open_store(f"oxigraph:{tmp_path / 'b'}").path == tmp_path / "b"
    remote = open_store("http://127.0.0.1:9/ds/query")  # nothing is sent until it is asked
    assert isinstance(remote, RemoteStore) and remote.update_url == "http://127.0.0.1:9/ds/update"
    assert local_path(f"oxigraph:{tmp_path}") == tmp_path and local_path("http://h/sparql") is None


def test_an_rdf_file_opens_in_memory(tmp_path):
    path = kg.build([]).export(tmp_path / "empty.nq")
    path.write_text('<urn:a> <urn:b> "c" <urn:doc:a> .\n', encoding="utf-8")
    store = open_store(path)
    assert store.path is None and store.documents() == ["urn:doc:a"] and len(store) == 1


@pytest.mark.parametrize("location", ["ftp://host/kg", "oxigraph:"])
def test_an_unusable_location_is_one_clear_error(location):
    with pytest.raises(StoreError, match=location.split(":")[0]) as error:
        open_store(location)
    assert "\n" not in str(error.value)


def test_a_registered_scheme_opens_with_its_factory():
    opened = []

    def factory(location: str, *, read_only: bool = False) -> GraphStore:
        opened.append((location, read_only))
        return OxigraphStore()

    register("test-memory", factory)
    try:
        graph = kg.open("test-memory:shared")
        graph.store.replace_document("urn:doc:a", "<urn:a> <urn:b> <urn:c> .\n")
        assert opened == [("test-memory:shared", False)] and len(graph.store) == 1
    finally:
        FACTORIES.pop("test-memory")


def test_a_store_written_through_the_interface_reads_back_the_same(tmp_path):
    store = open_store(tmp_path / "s")
    store.replace_documents([("urn:doc:a", '<urn:a> <urn:b> "x" .\n')])
    store.flush()
    assert [str(q) for q in store.quads()] == ['<urn:a> <urn:b> "x" <urn:doc:a>']
    assert store.select("SELECT ?o WHERE { ?s ?p ?o }") == [{"o": "x"}]
    assert store.stored_version("urn:doc:a") is None  # no kgo:contentHash written
    assert isinstance(next(iter(store.union_triples())), ox.Triple)
