"""The embedded store: an Oxigraph database on disk (a folder) or in memory.

New documents are written in groups, each group in one atomic write: a single document by a
transactional load, several by Oxigraph's bulk loader, which builds the index files aside and
adds them all at once (2.4x the rate of one load per document; a write killed at any moment
leaves all of the group or none of it). A document stored already is replaced by one SPARQL
update (old version out, new one in, see ``kg.stores.layout``), so a failed or killed
replacement keeps the old version.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox

from ..errors import InputError, QueryError, StoreError
from ..limits import check_nesting
from ..queries import inline_bindings, internal_query
from .base import EXPORT_FORMATS, Bindings, GraphStore, one_line, write_errors
from .layout import PREFIXES, latest_versions, removal_update, replacement_update

__all__ = ["OxigraphStore"]


def in_graph(ntriples: str, graph: ox.NamedNode) -> str:
    """N-Triples lines as N-Quads lines in ``graph``. Split on "\\n" only: N-Triples escapes no
    other line break, and literals may hold U+001E or U+2028, which ``str.splitlines`` splits on."""
    suffix = f" {graph} .\n"
    return "".join(line[:-1].rstrip() + suffix for line in ntriples.split("\n") if line.strip())


READ_ONLY_TRIES = 20  # see open_read_only
# RDF/XML is written (exports) but never parsed from input: XML brings entity expansion.
READ_FORMATS = {
    suffix: fmt for suffix, fmt in EXPORT_FORMATS.items() if fmt != ox.RdfFormat.RDF_XML
}


def open_read_only(path: Path) -> ox.Store:
    """The store at ``path`` without the writer's lock: it shows every document written whole
    by then. While a writer works, the files listed when opening may be merged away before
    they are read (Oxigraph says "No such file"); opening again then finds the new ones (7 of
    93 openings during a build of 300 releases needed a second try)."""
    for attempt in range(READ_ONLY_TRIES):
        try:
            return ox.Store.read_only(str(path))
        except (OSError, RuntimeError) as e:
            if "No such file" not in str(e) or attempt == READ_ONLY_TRIES - 1:
                raise
            time.sleep(0.05)
    raise AssertionError("unreachable")


def cannot_open(path: Path, error: Exception, read_only: bool) -> str:
    """One line saying why a store folder could not be opened, and what to do."""
    if not read_only and "lock" in str(error).lower():
        return (
            f"{path}: another process is writing to this store; wait until it has finished "
            "(commands that only read, such as query, stats, export and serve, work meanwhile)"
        )
    return f"{path}: cannot open the store ({one_line(error)})"


class OxigraphStore(GraphStore):
    """An Oxigraph store on disk (``path``) or in memory (``path=None``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        try:
            if self.path is None:
                self._db = ox.Store()
            elif read_only:
                self._db = open_read_only(self.path)
            else:
                self.path.mkdir(parents=True, exist_ok=True)
                self._db = ox.Store(str(self.path))
                self.materialize_union()
        except (OSError, RuntimeError) as e:
            raise StoreError(cannot_open(self.path, e, read_only)) from e

    @classmethod
    def from_file(cls, path: Path) -> OxigraphStore:
        """An in-memory store holding an RDF file (.ttl .trig .nq .nt .jsonld); nothing is fetched
        from the network while parsing (JSON-LD remote contexts are refused)."""
        fmt = READ_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise InputError(
                f"{path}: not an RDF file kg reads ({', '.join(sorted(READ_FORMATS))})"
            )
        if fmt == ox.RdfFormat.JSON_LD:  # its parser recurses per level: 5,000 killed the process
            check_nesting(path.read_text(encoding="utf-8", errors="replace"), str(path))
        store = cls(None)
        try:
            store._db.bulk_load(path=str(path), format=fmt)
        except (SyntaxError, ValueError, OSError) as e:
            raise InputError(f"{path}: cannot read it as {fmt.name}: {one_line(e)}") from e
        except MemoryError as e:  # a literal past the parser's buffer, or past the memory there is
            raise InputError(f"{path}: too large to read into memory ({one_line(e)})") from e
        store.materialize_union()
        return store

    # -- writing ----------------------------------------------------------------------------
    def replace_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """The new documents are written in one atomic write; each stored one is replaced by
        its own atomic update."""
        self.check_writable()
        new = {}
        for graph, ntriples in latest_versions(documents).items():
            if not self._db.contains_named_graph(graph):
                new[graph] = ntriples
                continue
            with write_errors(f"writing {graph.value} failed, its stored version is unchanged"):
                self._db.update(replacement_update(graph, ntriples))
        if new:
            nquads = "".join(
                in_graph(ntriples, graph) + ntriples for graph, ntriples in new.items()
            )
            # the bulk loader pays off from two documents
            write = self._db.load if len(new) == 1 else self._db.bulk_load
            names = ", ".join(graph.value for graph in new)
            with write_errors(f"writing {names[:200]} failed, none of them was stored"):
                write(nquads.encode(), format=ox.RdfFormat.N_QUADS)

    def update(self, sparql: str) -> None:
        with write_errors("updating the store failed, it is unchanged"):
            self._db.update(sparql)

    def remove_document(self, document: str) -> bool:
        self.check_writable()
        graph = ox.NamedNode(document)
        if not self._db.contains_named_graph(graph):
            return False
        with write_errors(f"removing {document} failed, the store is unchanged"):
            self._db.update(removal_update(graph))
        return True

    def materialize_union(self) -> None:
        """Fill the default graph from the document graphs when it is empty (a store written
        by an earlier version of kg, or a TriG/N-Quads file)."""
        union = self._db.quads_for_pattern(None, None, None, ox.DefaultGraph())
        if next(union, None) is None and next(self._db.named_graphs(), None) is not None:
            self._db.update(internal_query("materialize-union").sparql)

    def check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.path}: opened read-only; open it without read_only to write")

    def flush(self) -> None:
        if self.path is not None and not self.read_only:
            self._db.flush()

    def close(self) -> None:
        self.flush()
        self._db = ox.Store()  # the folder's lock goes with the last reference to the old one

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[str]:
        return sorted(g.value for g in self._db.named_graphs() if isinstance(g, ox.NamedNode))

    def __len__(self) -> int:
        return int(self.select(internal_query("count-document-quads").sparql)[0]["n"])

    def query(
        self,
        sparql: str,
        bindings: Bindings | None = None,
        *,
        default_graphs: list[ox.NamedNode] | None = None,
        named_graphs: list[ox.NamedNode] | None = None,
    ):
        """Run SPARQL over the union of document graphs (or the ``default_graphs`` given);
        values only through ``bindings``, written into the query as VALUES blocks: Oxigraph
        plans joins around them, where a substitution (bound only once the plan runs) left
        ``observations`` 10x slower (1.7 s against 0.16 s at 1.5M quads)."""
        try:
            return self._db.query(
                inline_bindings(sparql, bindings or {}),
                prefixes=PREFIXES,
                default_graph=default_graphs or None,
                named_graphs=named_graphs or None,
            )
        except (SyntaxError, RuntimeError) as e:
            raise QueryError(f"invalid SPARQL: {e}") from e
        except OSError as e:
            raise StoreError(f"query failed: {e}") from e

    def quads(self) -> Iterator[ox.Quad]:
        """Quads of the document graphs; a store with none (read from a Turtle file) gives its
        triples."""
        if next(self._db.named_graphs(), None) is None:
            return iter(self._db)
        return (q for q in self._db if not isinstance(q.graph_name, ox.DefaultGraph))

    def union_triples(self) -> Iterator[ox.Triple]:
        return (q.triple for q in self._db.quads_for_pattern(None, None, None, ox.DefaultGraph()))
