"""A remote store: any SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB, Virtuoso, ...).

    documents --SPARQL 1.1 Update, one request per document--> named graph + union
    questions --SPARQL 1.1 Protocol, POST query=...----------> results parsed by Oxigraph

The layout is the embedded store's (see ``kg.stores.layout``): one named graph per document and
their union materialised in the default graph, so the server needs no special set-up and
answers as fast as its default graph allows. Replacing a document is a single update
request (remove the old triples no other document holds, drop its graph, insert the new),
which SPARQL servers apply as one transaction: a document is stored whole or not at all.

Query parameters are written, as for the embedded store, into the query as a ``VALUES``
block at the start of its WHERE clause: the values are serialised as RDF terms (quoted and
escaped by Oxigraph), never pasted in as text.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator

import pyoxigraph as ox

from ..errors import QueryError, StoreError
from ..queries import inline_bindings, internal_query
from .base import Bindings, GraphStore, write_errors
from .layout import PREFIXES, latest_versions, removal_update, replacement_update

__all__ = ["RemoteStore"]

RESULT_TYPES = "application/sparql-results+json, application/n-triples;q=0.9"
TIMEOUT_SECONDS = 300
PROLOGUE = "".join(f"PREFIX {name}: <{iri}>\n" for name, iri in PREFIXES.items())


class RemoteStore(GraphStore):
    """A SPARQL server: ``url`` is its base (Oxigraph: ``http://host:7878``, giving ``/query`` and
    ``/update``) or its query endpoint; pass ``update_url`` for servers laid out otherwise
    (Fuseki: ``http://host:3030/ds/query`` and ``/ds/update``)."""

    def __init__(self, url: str, *, update_url: str | None = None):
        trimmed = url.rstrip("/")
        is_query_endpoint = trimmed.endswith(("/query", "/sparql"))
        base = trimmed.rsplit("/", 1)[0] if is_query_endpoint else trimmed
        self.url = url
        self.query_url = trimmed if is_query_endpoint else base + "/query"
        self.update_url = update_url or base + "/update"

    def __repr__(self) -> str:
        return f"RemoteStore({self.query_url!r})"

    # -- writing ----------------------------------------------------------------------------
    def replace_documents(self, documents: Iterable[tuple[str, str]]) -> None:
        """One update request for them all: each old version out, the new one into its graph
        and the union (a later pair for the same IRI wins)."""
        latest = latest_versions(documents)
        if not latest:
            return
        names = ", ".join(graph.value for graph in latest)
        failure = f"writing {names[:200]} failed, the store is unchanged"
        with write_errors(failure):
            update = " ;\n".join(replacement_update(graph, nt) for graph, nt in latest.items())
        self._update(update, failure=failure)

    def remove_document(self, document: str) -> bool:
        graph = ox.NamedNode(document)
        if not self.query(internal_query("has-document").sparql, {"graph": graph}):
            return False
        self._update(removal_update(graph), failure=f"removing {document} failed")
        return True

    def flush(self) -> None:
        """Each request is already durable on the server."""

    def update(self, sparql: str) -> None:
        self._update(sparql, failure="updating the store failed")

    def _update(self, update: str, *, failure: str) -> None:
        body = urllib.parse.urlencode({"update": update}).encode()
        self._request(
            "POST",
            self.update_url,
            body,
            {"Content-Type": "application/x-www-form-urlencoded"},
            failure=failure,
        )

    # -- reading -------------------------------------------------------------------------------
    def documents(self) -> list[str]:
        rows = self.select(internal_query("document-graphs").sparql)
        return sorted(row["g"] for row in rows)

    def __len__(self) -> int:
        return int(self.select(internal_query("count-document-quads").sparql)[0]["n"])

    def query(self, sparql: str, bindings: Bindings | None = None):
        """Run SPARQL on the server; solutions, a boolean or a list of triples, as Oxigraph gives
        them."""
        text = PROLOGUE + inline_bindings(sparql, bindings or {})
        body = urllib.parse.urlencode({"query": text}).encode()
        headers = {"Content-Type": "application/x-www-form-urlencoded", "Accept": RESULT_TYPES}
        content, media_type = self._request(
            "POST", self.query_url, body, headers, failure="query failed"
        )
        results_format = ox.QueryResultsFormat.from_media_type(media_type)
        if results_format is not None:
            return ox.parse_query_results(content, results_format)
        rdf_format = ox.RdfFormat.from_media_type(media_type)
        if rdf_format is None:
            raise StoreError(
                f"{self.query_url}: answered with unexpected content type {media_type!r}"
            )
        return [quad.triple for quad in ox.parse(content, rdf_format)]

    def quads(self) -> Iterator[ox.Quad]:
        for row in self.query(internal_query("document-quads").sparql):
            yield ox.Quad(row["s"], row["p"], row["o"], row["g"])

    # -- HTTP ------------------------------------------------------------------------------------
    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None = None,
        headers: dict | None = None,
        *,
        failure: str,
    ) -> tuple[bytes, str]:
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
