"""What every store offers: the interface kg's callers use, declared in one abstract class.

    GraphStore (abstract)      -- query, quads, documents, len(), writes; export and the rest
    ├── OxigraphStore          -- kg.stores.oxigraph: embedded, on disk or in memory
    └── RemoteStore            -- kg.stores.remote: any SPARQL 1.1 server

A backend implements the abstract methods; ``select``, ``stored_version``, ``export``,
``union_triples`` and ``replace_document`` follow from them (a backend may do them faster).
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox

from ..errors import OutputError, StoreError
from ..jsonld import compacted_jsonld
from ..queries import internal_query
from .layout import PREFIXES

__all__ = ["EXPORT_FORMATS", "GraphStore", "one_line", "solution_rows", "write_errors"]

# RDF files kg writes (export) and reads (a store in memory), by extension.
EXPORT_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
}
# Formats that keep one named graph per document (JSON-LD as "@graph" objects).
DATASET_FORMATS = (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS, ox.RdfFormat.JSON_LD)
# Instance IRIs contain "/" which Turtle would escape in prefixed names: written in full.
EXPORT_PREFIXES = {k: v for k, v in PREFIXES.items() if k not in {"kg", "doc"}}
Bindings = dict[str, ox.NamedNode | ox.Literal] | list[dict[str, ox.NamedNode | ox.Literal]]


def solution_rows(results: ox.QuerySolutions) -> tuple[list[dict[str, str]], list[str]]:
    """SELECT solutions as (rows of plain strings, column names); unbound values left out."""
    columns = [v.value for v in results.variables]
    return [{c: row[c].value for c in columns if row[c] is not None} for row in results], columns


def one_line(error: Exception) -> str:
    return " ".join(str(error).split())[:300]


@contextmanager
def write_errors(failure: str):
    """A write's errors (Oxigraph's, or N-Triples that do not parse) as one ``StoreError`` line
    beginning with ``failure``."""
    try:
        yield
    except (OSError, SyntaxError, ValueError) as e:
        raise StoreError(f"{failure}: {one_line(e)}") from e


class GraphStore(abc.ABC):
    """A store of document graphs and their union (see ``kg.stores.layout``)."""

    path: Path | None = None  # the folder, for a store on disk

    # -- what a backend implements ---------------------------------------------------------------
    @abc.abstractmethod
    def query(self, sparql: str, bindings: Bindings | None = None):
        """Run SPARQL over the union; values only through ``bindings`` (see
        ``kg.queries.inline_bindings``). Solutions, a boolean, or triples, as pyoxigraph gives
        them."""

    @abc.abstractmethod
    def quads(self) -> Iterator[ox.Quad]:
        """Quads of the document graphs."""

    @abc.abstractmethod
    def documents(self) -> list[str]:
        """The IRIs of the stored documents' graphs, sorted."""

    @abc.abstractmethod
    def __len__(self) -> int:
        """Quads in document graphs (the union's copies are not counted)."""

    @abc.abstractmethod
    def replace_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """Each (IRI, N-Triples) pair the whole content of its named graph, with its triples in
        the union (a later pair for the same IRI wins); no document is ever left half-written."""

    @abc.abstractmethod
    def remove_document(self, document: str) -> bool:
        """Drop a document's graph, and from the union the triples no other document holds
        (shared entities stay while another document still mentions them); False if not stored."""

    @abc.abstractmethod
    def flush(self) -> None:
        """Make every write so far durable."""

    def close(self) -> None:  # noqa: B027 - most backends hold nothing to release
        """Release the store (a folder can then be opened by another process)."""

    @abc.abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update (``kg.identity`` merges nodes with it); values written by
        pyoxigraph, never raw user text."""

    # -- what follows from it ----------------------------------------------------------------------
    def replace_document(self, document: str, ntriples: str) -> None:
        """Make ``ntriples`` (N-Triples text) the whole content of the named graph ``document``."""
        self.replace_documents([(document, ntriples)])

    def select(self, sparql: str, bindings: Bindings | None = None) -> list[dict[str, str]]:
        """SELECT results as plain dicts of strings (unbound variables left out)."""
        return solution_rows(self.query(sparql, bindings))[0]

    def stored_version(self, document: str) -> tuple[str, str] | None:
        """(content hash, what it was extracted with) of the stored graph; None when not stored."""
        rows = self.select(
            internal_query("stored-version").sparql, {"graph": ox.NamedNode(document)}
        )
        return (rows[0]["hash"], rows[0].get("extractedWith", "")) if rows else None

    def export(self, path: str | Path) -> Path:
        """Write the store to ``path``; the format follows the extension.

        Dataset formats (.trig, .nq, .jsonld) keep one named graph per document; graph formats
        (.ttl, .nt, .rdf) write the union of all documents, each triple once. Turtle, TriG and
        RDF/XML use the project's prefixes; JSON-LD is compacted with them as its ``@context``.
        """
        path = Path(path)
        fmt = EXPORT_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise OutputError(
                f"{path}: unknown output format {path.suffix!r}; use one of "
                + ", ".join(sorted(EXPORT_FORMATS))
            )
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if fmt == ox.RdfFormat.JSON_LD:
                path.write_bytes(compacted_jsonld(self.export_statements(fmt), PREFIXES))
            else:
                ox.serialize(self.export_statements(fmt), str(path), fmt, prefixes=EXPORT_PREFIXES)
        except OSError as e:
            raise OutputError(f"{path}: cannot write ({e.strerror or e})") from e
        return path

    def export_statements(self, fmt: ox.RdfFormat) -> Iterable[ox.Quad | ox.Triple]:
        """Quads for a dataset format; else the union, sorted so that each subject's triples
        are written together."""
        if fmt in DATASET_FORMATS:
            return self.quads()
        return sorted(self.union_triples(), key=lambda t: (str(t.subject), str(t.predicate)))

    def union_triples(self) -> Iterator[ox.Triple]:
        """The union's triples, each once."""
        seen = set()
        for quad in self.quads():
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple
