"""The store: an embedded Oxigraph database, one named graph per source document.

    named graph <doc/KEY>  -- each document's triples, replaced whole when it is built again
    default graph          -- the union of all document graphs, kept up to date on every write

Queries read the default graph. Oxigraph can also compute the union on the fly
(``use_default_graph_as_union``), but joins over it were 100x slower (141 ms against
1.6 ms for ``entity-evidence`` on 12 documents), so the union is materialised: a triple
leaves the default graph when the last document holding it is removed.

New documents are written in groups, each group in one atomic write: a single document by a
transactional load, several by Oxigraph's bulk loader, which builds the index files aside and
adds them all at once (2.4x the rate of one load per document; a write killed at any moment
leaves all of the group or none of it). A document stored already is replaced by one SPARQL
update (old version out, new one in), so a failed or killed replacement keeps the old version.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, OutputError, QueryError, StoreError
from .queries import inline_bindings
from .rdf.namespace import BASE, KGO

__all__ = ["GraphStore", "Store", "open_store", "is_endpoint", "DEFAULT_STORE", "EXPORT_FORMATS", "PREFIXES",
           "solution_rows"]

DEFAULT_STORE = Path(".kg-store")
EXPORT_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".trig": ox.RdfFormat.TRIG, ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES, ".jsonld": ox.RdfFormat.JSON_LD, ".json": ox.RdfFormat.JSON_LD,
}
PREFIXES = {
    "kgo": str(KGO._NS), "kg": BASE + "id/", "doc": BASE + "doc/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "dcterms": "http://purl.org/dc/terms/",
}

DATASET_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS)
# Instance IRIs contain "/" which Turtle would escape in prefixed names: written in full.
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"kg", "doc"}}


def solution_rows(results: ox.QuerySolutions) -> tuple[list[dict[str, str]], list[str]]:
    """SELECT solutions as (rows of plain strings, column names); unbound values left out."""
    columns = [v.value for v in results.variables]
    return [{c: row[c].value for c in columns if row[c] is not None} for row in results], columns


COUNT_DOCUMENT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
# In these, for_graph puts the document's IRI in place of $graph. As a VALUES binding of a
# graph variable instead, Oxigraph read every graph (10 ms a document at 1,907 documents).
STORED_VERSION = """SELECT ?hash ?extractedWith WHERE {
  GRAPH $graph { $graph kgo:contentHash ?hash . OPTIONAL { $graph kgo:extractedWith ?extractedWith } } }"""
REMOVE_DOCUMENT = """
DELETE { ?s ?p ?o } WHERE {
  GRAPH $graph { ?s ?p ?o }
  FILTER NOT EXISTS { GRAPH ?other { ?s ?p ?o } FILTER(?other != $graph) }
} ;
DROP GRAPH $graph"""


def for_graph(template: str, graph: ox.NamedNode) -> str:
    """``template`` with ``$graph`` replaced by the IRI, which pyoxigraph has validated and serialised."""
    return template.replace("$graph", str(graph))


def replacement_update(graph: ox.NamedNode, ntriples: str) -> str:
    """One SPARQL update that makes ``ntriples`` the whole content of ``graph`` and keeps the
    union in step (a server or Oxigraph applies it atomically)."""
    return (for_graph(REMOVE_DOCUMENT.replace("DROP GRAPH", "DROP SILENT GRAPH"), graph)
            + f" ;\nINSERT DATA {{ GRAPH {graph} {{\n{ntriples}\n}}\n{ntriples}\n}}")


@contextmanager
def write_errors(failure: str):
    """Oxigraph's write errors as one ``StoreError`` line beginning with ``failure``."""
    try:
        yield
    except (OSError, SyntaxError, ValueError) as e:
        raise StoreError(f"{failure}: {one_line(e)}") from e


def latest_versions(documents: Iterable[tuple[str, str]]) -> dict[ox.NamedNode, str]:
    """(IRI, N-Triples) pairs by graph, a later pair for the same IRI winning; refuses non-IRIs."""
    return {ox.NamedNode(iri): ntriples for iri, ntriples in documents}


def in_graph(ntriples: str, graph: ox.NamedNode) -> str:
    """N-Triples lines as N-Quads lines in ``graph``. Split on "\\n" only: N-Triples escapes no
    other line break, and literals may hold U+001E or U+2028, which ``str.splitlines`` splits on."""
    suffix = f" {graph} .\n"
    return "".join(line[:-1].rstrip() + suffix for line in ntriples.split("\n") if line.strip())


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300]


def is_endpoint(location) -> bool:
    return isinstance(location, str) and location.startswith(("http://", "https://"))


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> GraphStore:
    """A store folder, ``None`` for memory, an RDF file the product wrote (read into memory),
    or the URL of a remote SPARQL store."""
    if is_endpoint(location):
        from .remote import RemoteStore

        return RemoteStore(location)
    if location is not None and Path(location).is_file():
        return Store.from_file(Path(location))
    return Store(location, read_only=read_only)


class GraphStore:
    """What every store offers on top of ``query``, ``quads`` and the document operations."""

    path: Path | None = None

    def query(self, sparql: str, bindings=None):  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def quads(self) -> Iterator[ox.Quad]:  # pragma: no cover - defined by subclasses
        raise NotImplementedError

    def close(self) -> None:
        """Release the store (a folder can then be opened by another process)."""

    def replace_document(self, document: str, ntriples: str) -> None:
        """Make ``ntriples`` (N-Triples text) the whole content of the named graph ``document``."""
        self.replace_documents([(document, ntriples)])

    def replace_documents(self, documents: Iterable[tuple[str, str]]) -> None:  # pragma: no cover - by subclasses
        """Each (IRI, N-Triples) pair the whole content of its named graph; no document is ever
        left half-written."""
        raise NotImplementedError

    def select(self, sparql: str, bindings=None) -> list[dict[str, str]]:
        """SELECT results as plain dicts of strings (unbound variables left out)."""
        return solution_rows(self.query(sparql, bindings))[0]

    def stored_version(self, document: str) -> tuple[str, str] | None:
        """(content hash, what it was extracted with) of the stored graph; None when not stored."""
        rows = self.select(for_graph(STORED_VERSION, ox.NamedNode(document)))
        return (rows[0]["hash"], rows[0].get("extractedWith", "")) if rows else None

    def export(self, path: str | Path) -> Path:
        """Write the store to ``path``; the format follows the extension.

        Dataset formats (.trig, .nq) keep one named graph per document; graph formats
        (.ttl, .nt, .jsonld) write the union of all documents, each triple once.
        """
        path = Path(path)
        fmt = EXPORT_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise OutputError(f"{path}: unknown output format {path.suffix!r}; use one of "
                              + ", ".join(sorted(EXPORT_FORMATS)))
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if fmt in DATASET_FORMATS:
                ox.serialize(self.quads(), str(path), fmt, prefixes=EXPORT_PREFIXES)
            else:  # sorted so that each subject's triples are written together
                triples = sorted(self.union_triples(), key=lambda t: (str(t.subject), str(t.predicate)))
                ox.serialize(triples, str(path), fmt, prefixes=EXPORT_PREFIXES)
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({e.strerror or e})") from e
        return path

    def union_triples(self) -> Iterator[ox.Triple]:
        seen = set()
        for quad in self.quads():
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple


class Store(GraphStore):
    """An Oxigraph store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        try:
            if self.path is None:
                self._db = ox.Store()
            elif read_only:
                self._db = ox.Store.read_only(str(self.path))
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
                self.materialize_union()
        except OSError as e:
            raise StoreError(f"{self.path}: cannot open the store ({one_line(e)}); is another kg process using it?") from e

    @classmethod
    def from_file(cls, path: Path) -> "Store":
        """An in-memory store holding an RDF file (.ttl .trig .nq .nt .jsonld); nothing is fetched
        from the network while parsing (JSON-LD remote contexts are refused)."""
        fmt = EXPORT_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(f"{path}: not an RDF file kg reads ({', '.join(sorted(EXPORT_FORMATS))})")
        store = cls(None)
        try:
            store._db.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as e:
            raise InputError(f"{path}: cannot read it as {fmt.name}: {one_line(e)}") from e
        store.materialize_union()
        return store

    # -- writing ----------------------------------------------------------------------------
    def replace_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """Make each (IRI, N-Triples) pair the whole content of its named graph, with its
        triples in the union (a later pair for the same IRI wins). The new documents are
        written in one atomic write; each stored one is replaced by its own atomic update."""
        new = {}
        for graph, ntriples in latest_versions(documents).items():
            if not self._db.contains_named_graph(graph):
                new[graph] = ntriples
                continue
            with write_errors(f"writing {graph.value} failed, its stored version is unchanged"):
                self._db.update(replacement_update(graph, ntriples))
        if new:
            nquads = "".join(in_graph(ntriples, graph) + ntriples for graph, ntriples in new.items())
            write = self._db.load if len(new) == 1 else self._db.bulk_load  # the bulk loader pays off from two
            names = ", ".join(graph.value for graph in new)
            with write_errors(f"writing {names[:200]} failed, none of them was stored"):
                write(nquads.encode(), format=ox.RdfFormat.N_QUADS)

    def remove_document(self, document: str) -> bool:
        """Drop a document's graph, and from the union the triples no other document holds
        (shared entities stay while another document still mentions them)."""
        graph = ox.NamedNode(document)
        if not self._db.contains_named_graph(graph):
            return False
        with write_errors(f"removing {document} failed, the store is unchanged"):
            self._db.update(for_graph(REMOVE_DOCUMENT, graph))
        return True

    def materialize_union(self) -> None:
        """Fill the default graph from the document graphs when it is empty (a store written
        by an earlier version of kg, or a TriG/N-Quads file)."""
        has_union = next(self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()), None) is not None
        if not has_union and next(self._db.named_graphs(), None) is not None:
            self._db.update("INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")

    def flush(self) -> None:
        if self.path is not None:
            self._db.flush()

    def close(self) -> None:
        if self.path is not None:
            self._db.flush()
        self._db = ox.Store()  # the folder's lock goes with the last reference to the old one

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[str]:
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        """Quads in document graphs (the union's copies are not counted)."""
        return int(self.select(COUNT_DOCUMENT_QUADS)[0]["n"])

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None, *,
              default_graphs: list[ox.NamedNode] | None = None, named_graphs: list[ox.NamedNode] | None = None):
        """Run SPARQL over the union of document graphs (or the ``default_graphs`` given);
        values only through ``bindings``, written into the query as VALUES blocks: Oxigraph
        plans joins around them, where a substitution (bound only once the plan runs) left
        ``observations`` 10x slower (1.7 s against 0.16 s at 1.5M quads)."""
        try:
            return self._db.query(inline_bindings(sparql, bindings or {}), prefixes=PREFIXES,
                                  default_graph=default_graphs or None, named_graphs=named_graphs or None)
        except (SyntaxError, RuntimeError) as e:
            raise QueryError(f"invalid SPARQL: {e}") from e
        except OSError as e:
            raise StoreError(f"query failed: {e}") from e

    def quads(self) -> Iterator[ox.Quad]:
        """Quads of the document graphs; a store with none (read from a Turtle file) gives its triples."""
        if next(self._db.named_graphs(), None) is None:
            return iter(self._db)
        return (q for q in self._db if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> Iterator[ox.Triple]:
        return (q.triple for q in self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
