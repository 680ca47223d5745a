"""A remote store: any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, ...).

    documents --Graph Store Protocol PUT/DELETE ?graph=IRI--> one named graph each
    questions --SPARQL 1.1 Protocol POST query=...--------> results parsed by Oxigraph

The server must use the union of its named graphs as the default graph, as the
embedded store does (Oxigraph: ``--union-default-graph``; Fuseki: ``unionDefaultGraph``;
GraphDB and Virtuoso do so by default). A PUT replaces a graph in one request, so a
document is stored whole or not at all.

Query parameters cannot travel as Oxigraph substitutions over HTTP, so they are written
into the query as a ``VALUES`` block at the start of its WHERE clause: the values are
serialised as RDF terms (quoted and escaped by Oxigraph), never pasted in as text.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator

import pyoxigraph as ox
from rdflib import Graph

from .errors import QueryError, StoreError
from .queries import inline_bindings
from .store import PREFIXES, GraphStore

__all__ = ["RemoteStore"]

RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"
TIMEOUT_SECONDS = 300
ALL_QUADS = "SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


class RemoteStore(GraphStore):
    """A SPARQL server reached at ``query_url`` (Oxigraph layout by default: ``BASE/query``,
    ``BASE/store``); pass ``graph_store_url`` for servers laid out otherwise (Fuseki: ``/ds/data``)."""

    def __init__(self, url: str, *, query_url: str | None = None, graph_store_url: str | None = None):
        base = re.sub(r"/(query|sparql)?$", "", url.rstrip("/") + "/")
        self.url = url
        self.query_url = query_url or (url if url.rstrip("/").endswith(("/query", "/sparql")) else base + "/query")
        self.graph_store_url = graph_store_url or base + "/store"

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- writing ----------------------------------------------------------------------------
    def replace_document(self, document: str, graph: Graph) -> None:
        """PUT the document's graph: the server replaces the named graph in one request."""
        body = graph.serialize(format="nt", encoding="utf-8")
        self._request("PUT", self._graph_url(document), body, {"Content-Type": "application/n-triples"},
                      failure=f"writing {document} failed, the store is unchanged")

    def remove_document(self, document: str) -> bool:
        try:
            self._request("DELETE", self._graph_url(document), failure=f"removing {document} failed")
        except StoreError as e:
            if "HTTP 404" in str(e):
                return False
            raise
        return True

    def flush(self) -> None:
        """Each request is already durable on the server."""

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[str]:
        rows = self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"] for row in rows)

    def __len__(self) -> int:
        return int(self.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])

    def query(self, sparql: str, bindings: dict[str, ox.NamedNode | ox.Literal] | None = None):
        """Run SPARQL on the server; solutions, a boolean or a list of triples, as Oxigraph gives them."""
        text = PROLOGUE + inline_bindings(sparql, bindings or {})
        body = urllib.parse.urlencode({"query": text}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULT_TYPES}
        content, media_type = self._request("POST", self.query_url, body, headers, failure="query failed")
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return ox.parse_query_results(content, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(f"{self.query_url}: answered with unexpected content type {media_type!r}")
        return [quad.triple for quad in ox.parse(content, rdf_format)]

    def quads(self) -> Iterator[ox.Quad]:
        for row in self.query(ALL_QUADS):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    # -- HTTP ------------------------------------------------------------------------------------
    def _graph_url(self, document: str) -> str:
        return self.graph_store_url + "?" + urllib.parse.urlencode({"graph": document})

    def _request(self, method: str, url: str, body: bytes | None = None, headers: dict | None = None, *,
                 failure: str) -> tuple[bytes, str]:
        request = urllib.request.Request(url, data=body, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
                media_type = response.headers.get_content_type()
                return response.read(), media_type
        except urllib.error.HTTPError as e:
            detail = " ".join(e.read().decode("utf-8", "replace").split())[:300]
            error = QueryError if e.code == 400 and method == "POST" else StoreError
            raise error(f"{failure}: {url} answered HTTP {e.code}: {detail}") from None
        except (urllib.error.URLError, OSError) as e:
            reason = getattr(e, "reason", e)
            raise StoreError(f"{failure}: cannot reach {url} ({reason})") from None
