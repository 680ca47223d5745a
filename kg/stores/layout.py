"""The layout every store keeps, embedded or remote, and the SPARQL updates that keep it.

    named graph <doc/KEY>  -- each document's triples, replaced whole when it is built again
    default graph          -- the union of all document graphs, kept up to date on every write

Queries read the default graph. Oxigraph can also compute the union on the fly
(``use_default_graph_as_union``), but joins over it were 100x slower (141 ms against
1.6 ms for ``entity-evidence`` on 12 documents), and a SPARQL server need not offer it at
all, so the union is materialised: a triple leaves the default graph when the last document
holding it is removed. The updates are ``queries/internal/remove-document.rq`` and
``insert-document.rq``; a replacement is both in one update, which Oxigraph and SPARQL
servers apply atomically (a failed or killed one keeps the old version).
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from ..queries import inline_bindings, internal_query
from ..rdf.namespace import BASE, KGO

__all__ = ["PREFIXES", "latest_versions", "removal_update", "replacement_update"]

# Prefixes every query may use without declaring them (the stores add them).
PREFIXES = {
    "kgo": str(KGO._NS),
    "kg": BASE + "id/",
    "doc": BASE + "doc/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


def latest_versions(documents: Iterable[tuple[str, str]]) -> dict[ox.NamedNode, str]:
    """(IRI, N-Triples) pairs by graph, a later pair for the same IRI winning; refuses non-IRIs."""
    return {ox.NamedNode(iri): ntriples for iri, ntriples in documents}


def removal_update(graph: ox.NamedNode) -> str:
    """The update that removes a document: its graph, and its triples no other document holds."""
    return inline_bindings(internal_query("remove-document").sparql, {"graph": graph})


def replacement_update(graph: ox.NamedNode, ntriples: str) -> str:
    """One update that makes ``ntriples`` the whole content of ``graph`` and keeps the union in
    step. Raises ``SyntaxError`` when ``ntriples`` is not N-Triples."""
    triples = [quad.triple for quad in ox.parse(ntriples, ox.RdfFormat.N_TRIPLES)]
    insert = inline_bindings(
        internal_query("insert-document").sparql, {"graph": graph, "triples": triples}
    )
    return removal_update(graph) + " ;\n" + insert
