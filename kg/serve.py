"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store folder.

    HTTP request --sparql_request--> SparqlRequest (query, dataset, accepted types)
                 --QueryPool.answer--> worker process: store opened read-only, query run,
                                       results capped and serialised (JSON/XML/CSV/TSV, RDF)
                 --> response

The store is opened read-only, without the writer's lock: ``kg build`` can add documents
while it is served, and each process opens the store again once a writer has changed its
files (``LatestStore``), so an answer holds every document written whole before it. Queries
run in worker processes so that a query past the timeout can be stopped for real: its worker
is killed and replaced.

Besides ``/sparql``: ``/`` is the query page (YASGUI, ``kg.querypage``), ``/static/`` its
vendored files, ``/queries/NAME.rq`` a library query with parameters bound, ``/view`` the
browser view and ``/view/neighbours`` a node's neighbours for it. Every response carries CORS
headers (any origin by default, ``--cors ORIGIN`` for one) and OPTIONS answers preflights.
"""

from __future__ import annotations

import ipaddress
import json
import multiprocessing
import os
import queue
import re
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError, StoreError
from .jsonld import compacted_jsonld
from .stores import PREFIXES, OxigraphStore
from .stores.base import EXPORT_PREFIXES

__all__ = ["ServeSettings", "SparqlServer", "serve"]

MAX_REQUEST_BYTES = 1_000_000
WORKER_START_SECONDS = 120
RESULT_TYPES = {  # media type -> format, in order of preference when the client accepts anything
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
}
# The non-standard ?format= / ?output= parameter some clients (SPARQLWrapper) send.
FORMAT_NAMES = {
    "json": ("application/sparql-results+json", "application/ld+json"),
    "xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "csv": ("text/csv",),
    "tsv": ("text/tab-separated-values",),
    "turtle": ("text/turtle",),
    "n3": ("text/turtle",),
    "nt": ("application/n-triples",),
    "ntriples": ("application/n-triples",),
    "n-triples": ("application/n-triples",),
    "ttl": ("text/turtle",),
    "json-ld": ("application/ld+json",),
    "jsonld": ("application/ld+json",),
    "rdf+xml": ("application/rdf+xml",),
    "rdfxml": ("application/rdf+xml",),
    "rdf": ("application/rdf+xml",),
    "trig": ("application/trig",),
    "nq": ("application/n-quads",),
}
# Only these methods are allowed across origins: the endpoint is read-only.
CORS_METHODS = "GET, POST, OPTIONS"
# A SPARQL update, after its prologue (comments, BASE, PREFIX): refused as read-only.
UPDATE_START = re.compile(
    r"^(?:\s+|#[^\n]*(?:\n|$)|BASE\s*<[^>]*>|PREFIX\s+[^:\s]*:\s*<[^>]*>)*"
    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ServeSettings:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0  # seconds a query may run before its worker is stopped
    max_rows: int = 10_000  # solutions (or triples) one answer may hold
    workers: int = 2
    cors: str = "*"  # the origin browsers may read answers from ("*": any)


@dataclass(frozen=True)
class SparqlRequest:
    query: str
    accept: tuple[str, ...] = ()  # media types the client takes, best first
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()


@dataclass(frozen=True)
class Response:
    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)

    @classmethod
    def text(cls, status: int, message: str) -> Response:
        return cls(status, "text/plain; charset=utf-8", (message + "\n").encode())


# -- the worker side: run one query against a read-only store ---------------------------------------
def answer_query(store: OxigraphStore, request: SparqlRequest, max_rows: int) -> Response:
    """Evaluate ``request`` and serialise the answer in the first accepted format."""
    try:
        result = store.query(
            request.query,
            default_graphs=[ox.NamedNode(g) for g in request.default_graphs],
            named_graphs=[ox.NamedNode(g) for g in request.named_graphs],
        )
    except (KGError, ValueError) as e:
        return Response.text(HTTPStatus.BAD_REQUEST, str(e))
    if isinstance(result, ox.QueryBoolean):
        return results_response(request, lambda fmt: result.serialize(format=fmt))
    if isinstance(result, ox.QuerySolutions):
        variables = list(result.variables)
        rows = take(result, max_rows)
        if rows is None:
            return too_many(max_rows, "solutions")
        return results_response(request, lambda fmt: serialize_solutions(variables, rows, fmt))
    triples = take(result, max_rows)
    if triples is None:
        return too_many(max_rows, "triples")
    return graph_response(request, triples)


def take(results, limit: int) -> list | None:
    """At most ``limit`` items, or None when there are more."""
    items = []
    for item in results:
        if len(items) == limit:
            return None
        items.append(item)
    return items


def too_many(limit: int, what: str) -> Response:
    """Not 400: clients report a 400 as a badly formed query, and this one is well formed."""
    return Response.text(
        HTTPStatus.UNPROCESSABLE_ENTITY,
        f"the answer has more than {limit:,} {what}, more than this endpoint gives at once "
        f"(kg serve --max-rows {limit}); add LIMIT and OFFSET to the query to page through it",
    )


def results_response(request: SparqlRequest, serialize) -> Response:
    media_type = negotiate(request.accept, RESULT_TYPES)
    if media_type is None:
        return not_acceptable(RESULT_TYPES)
    return Response(
        HTTPStatus.OK, media_type + "; charset=utf-8", serialize(RESULT_TYPES[media_type])
    )


def graph_response(request: SparqlRequest, triples: list[ox.Triple]) -> Response:
    media_type = negotiate(request.accept, GRAPH_TYPES)
    if media_type is None:
        return not_acceptable(GRAPH_TYPES)
    return Response(
        HTTPStatus.OK, media_type + "; charset=utf-8", rdf_bytes(triples, GRAPH_TYPES[media_type])
    )


def rdf_bytes(triples: list[ox.Triple], fmt: ox.RdfFormat) -> bytes:
    """Triples written with the project's prefixes: compact IRIs in Turtle, RDF/XML and TriG,
    a ``@context`` in JSON-LD."""
    if fmt == ox.RdfFormat.JSON_LD:
        return compacted_jsonld(triples, PREFIXES)
    if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML):
        return ox.serialize(triples, format=fmt, prefixes=EXPORT_PREFIXES)
    return ox.serialize(triples, format=fmt)


def not_acceptable(offered: dict) -> Response:
    return Response.text(
        HTTPStatus.NOT_ACCEPTABLE,
        "none of the accepted types can carry this answer; "
        "this endpoint offers " + ", ".join(offered),
    )


def negotiate(accepted: tuple[str, ...], offered: dict) -> str | None:
    """The first accepted media type on offer (``*/*`` or nothing: the first offered)."""
    for media_type in accepted or ("*/*",):
        if media_type in offered:
            return media_type
        if media_type in ("*/*", "application/*", "text/*"):
            return next(t for t in offered if media_type == "*/*" or t.startswith(media_type[:-1]))
    return None


def serialize_solutions(variables: list[ox.Variable], rows: list[ox.QuerySolution], fmt) -> bytes:
    """SELECT solutions in ``fmt``: written as SPARQL JSON, which Oxigraph re-serialises."""
    names = [v.value for v in variables]
    document = {
        "head": {"vars": names},
        "results": {
            "bindings": [
                {n: term_json(row[n]) for n in names if row[n] is not None} for row in rows
            ]
        },
    }
    encoded = json.dumps(document, ensure_ascii=False).encode()
    if fmt == ox.QueryResultsFormat.JSON:
        return encoded
    return ox.parse_query_results(encoded, ox.QueryResultsFormat.JSON).serialize(format=fmt)


def term_json(term) -> dict:
    """One RDF term in the SPARQL 1.1 JSON results format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Triple):
        return {
            "type": "triple",
            "value": {k: term_json(getattr(term, k)) for k in ("subject", "predicate", "object")},
        }
    literal = {"type": "literal", "value": term.value}
    if term.language:
        literal["xml:lang"] = term.language
    elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
        literal["datatype"] = term.datatype.value
    return literal


def worker_main(store_path: str, max_rows: int, connection) -> None:
    """A worker process: answer one request after another until the pipe closes."""
    latest = LatestStore(Path(store_path))
    latest.current()
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        connection.send(answer_query(latest.current(), request, max_rows))


class LatestStore:
    """A store folder opened read-only (no lock: a writer may work on it meanwhile), and
    opened again once a writer has changed its files, so that readers see what was written."""

    def __init__(self, path: Path):
        self.path = path
        self._store: OxigraphStore | None = None
        self._mark: tuple = ()

    def current(self) -> OxigraphStore:
        mark = files_mark(self.path)
        if self._store is None or mark != self._mark:
            self._store, self._mark = OxigraphStore(self.path, read_only=True), mark
        return self._store


def files_mark(folder: Path) -> tuple:
    """What changes when a writer writes: the folder's files with their sizes and times."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    return tuple(
        sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())
    )


# -- the server side -----------------------------------------------------------------------------------
class QueryPool:
    """Worker processes answering queries, each stopped and replaced if it passes the timeout."""

    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")  # no fork from a threaded server
        self._idle: queue.Queue = queue.Queue()
        for _ in range(settings.workers):
            self._idle.put(self._start())

    def _start(self):
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=worker_main,
            args=(str(self.settings.store), self.settings.max_rows, theirs),
            daemon=True,
        )
        process.start()
        theirs.close()
        if not ours.poll(WORKER_START_SECONDS) or ours.recv() != "ready":
            process.kill()
            raise StoreError(f"{self.settings.store}: a query worker could not open the store")
        return process, ours

    def answer(self, request: SparqlRequest) -> Response:
        timeout = self.settings.timeout
        try:
            worker = self._idle.get(timeout=timeout)
        except queue.Empty:
            return Response.text(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"all {self.settings.workers} workers stayed busy "
                f"for {timeout:g} s; try again later",
            )
        process, connection = worker
        try:
            connection.send(request)
            if connection.poll(timeout):
                return connection.recv()
            worker = self._replace(worker)
            return Response.text(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran longer than this endpoint's {timeout:g} s timeout and was stopped",
            )
        except (EOFError, OSError, BrokenPipeError):
            worker = self._replace(worker)
            return Response.text(
                HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker failed; it has been restarted"
            )
        finally:
            self._idle.put(worker)

    def _replace(self, worker):
        process, connection = worker
        process.kill()
        process.join()
        connection.close()
        return self._start()

    def close(self) -> None:
        while not self._idle.empty():
            process, connection = self._idle.get_nowait()
            connection.close()
            process.join(timeout=2)
            if process.is_alive():
                process.kill()


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: ``/sparql`` (the protocol), ``/`` (the query page), ``/view`` (the
    browser view of the served graph)."""

    daemon_threads = True

    def __init__(self, settings: ServeSettings, log=lambda line: None):
        self.settings = settings
        self.log = log  # one line per request
        self.latest = LatestStore(settings.store)  # read-only: writers may add documents
        self.latest.current()  # a folder that is no store fails here, before listening
        self.pool = QueryPool(settings)
        self._view: tuple[tuple, object, bytes] | None = None  # (files mark, graph, page)
        self._facts: tuple | None = None  # (files mark, QueryPageFacts)
        super().__init__((settings.host, settings.port), SparqlHandler)

    @property
    def store(self) -> OxigraphStore:
        return self.latest.current()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def facts(self):
        """The store's figures for the query page, counted again only after a write (counting
        the quads of a large store takes a second)."""
        from .querypage import QueryPageFacts

        store, settings = self.store, self.settings
        if self._facts is None or self._facts[0] != self.latest._mark:
            facts = QueryPageFacts(
                str(settings.store),
                len(store.documents()),
                len(store),
                settings.timeout,
                settings.max_rows,
            )
            self._facts = (self.latest._mark, facts)
        return self._facts[1]

    def view(self) -> tuple[object, bytes]:
        """The whole view graph and the page of ``/view``, made again after a write."""
        store = self.store
        if self._view is None or self._view[0] != self.latest._mark:
            from .viz import view_graph, view_page

            whole = view_graph(store)
            page, _ = view_page(store, whole, expand_url="view/neighbours")
            self._view = (self.latest._mark, whole, page.encode())
        return self._view[1], self._view[2]

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "policy-kg"

    def do_GET(self) -> None:
        self.reply(self.guarded(self.get))

    def do_POST(self) -> None:
        self.reply(self.guarded(self.post))

    def do_OPTIONS(self) -> None:
        """A CORS preflight: which methods and headers a page of another origin may send."""
        wanted = self.headers.get("Access-Control-Request-Headers", "Content-Type, Accept")
        self.reply(
            Response(
                HTTPStatus.NO_CONTENT,
                "text/plain",
                b"",
                {
                    "Access-Control-Allow-Methods": CORS_METHODS,
                    "Access-Control-Allow-Headers": wanted,
                    "Access-Control-Max-Age": "86400",
                },
            )
        )

    def guarded(self, route) -> Response:
        """The route's response; an unexpected failure is a one-line 500, never a dropped connection."""
        try:
            return route()
        except Exception as e:  # noqa: BLE001 - the server must keep serving
            self.server.log(f"error on {self.path}: {type(e).__name__}: {e}")
            return Response.text(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(e).__name__}"
            )

    def get(self) -> Response:
        path, _, query_string = self.path.partition("?")
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        if path == "/sparql":
            return self.sparql(params)
        if path == "/":
            return html_response(query_page(self.server))
        if path.startswith("/static/"):
            return static_response(path.removeprefix("/static/"))
        if path.startswith("/queries/") and path.endswith(".rq"):
            return library_query_response(
                path.removeprefix("/queries/").removesuffix(".rq"), params
            )
        if path == "/view":
            return html_response(self.server.view()[1])
        if path == "/view/neighbours":
            return neighbours_response(self.server, params)
        return Response.text(HTTPStatus.NOT_FOUND, f"{path}: not here; the endpoint is /sparql")

    def post(self) -> Response:
        path, _, query_string = self.path.partition("?")
        if path != "/sparql":
            return Response.text(HTTPStatus.NOT_FOUND, f"{path}: not here; the endpoint is /sparql")
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_REQUEST_BYTES:
            self.close_connection = True  # the unread body must not be taken for the next request
            return Response.text(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"requests are limited to {MAX_REQUEST_BYTES:,} bytes",
            )
        body = self.rfile.read(length).decode("utf-8", "replace")
        params = urllib.parse.parse_qs(query_string, keep_blank_values=True)
        content_type = self.headers.get_content_type()
        if content_type == "application/sparql-query":
            params["query"] = [body]
        elif content_type == "application/sparql-update":
            params["update"] = [body]
        elif content_type == "application/x-www-form-urlencoded":
            for key, values in urllib.parse.parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            return Response.text(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                f"{content_type}: send application/sparql-query or a form with query=",
            )
        return self.sparql(params)

    def sparql(self, params: dict[str, list[str]]) -> Response:
        queries = params.get("query", [])
        if "update" in params or any(UPDATE_START.match(q) for q in queries):
            return Response.text(
                HTTPStatus.FORBIDDEN,
                "this endpoint is read-only: SPARQL updates are refused; "
                "change the store with kg build and kg remove",
            )
        if len(queries) != 1 or not queries[0].strip():
            return Response.text(HTTPStatus.BAD_REQUEST, "give exactly one query= parameter")
        return self.server.pool.answer(
            SparqlRequest(
                query=queries[0],
                accept=self.accepted_types(params),
                default_graphs=tuple(params.get("default-graph-uri", [])),
                named_graphs=tuple(params.get("named-graph-uri", [])),
            )
        )

    def accepted_types(self, params: dict[str, list[str]]) -> tuple[str, ...]:
        """Media types from ``?format=`` when given, else from the Accept header by quality."""
        for name in params.get("format", []) + params.get("output", []):
            if name.lower() in FORMAT_NAMES:
                return FORMAT_NAMES[name.lower()]
            if "/" in name:
                return (name,)
        return parse_accept(self.headers.get("Accept", ""))

    def reply(self, response: Response) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in cors_headers(
            self.server.settings.cors, self.headers.get("Origin")
        ).items():
            self.send_header(name, value)
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    def log_message(self, format: str, *args) -> None:
        self.server.log(f"{self.address_string()} {format % args}")


def parse_accept(header: str) -> tuple[str, ...]:
    """Media types of an Accept header, highest quality first (parameters other than q dropped).

    >>> parse_accept("text/csv;q=0.5, application/sparql-results+json")
    ('application/sparql-results+json', 'text/csv')
    """
    weighted = []
    for position, part in enumerate(header.split(",")):
        media_type, *parameters = [p.strip() for p in part.split(";")]
        quality = 1.0
        for parameter in parameters:
            name, _, value = parameter.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type and quality > 0:
            weighted.append((-quality, position, media_type.lower()))
    return tuple(media_type for _, _, media_type in sorted(weighted))


def cors_headers(allowed: str, origin: str | None) -> dict[str, str]:
    """CORS headers for a response: any origin may read it (``*``), or only ``allowed``.

    >>> cors_headers("*", "https://example.org")["Access-Control-Allow-Origin"]
    '*'
    >>> cors_headers("https://a.example", "https://b.example")
    {'Vary': 'Origin'}
    """
    if allowed == "*":
        return {"Access-Control-Allow-Origin": "*"}
    if origin == allowed:
        return {"Access-Control-Allow-Origin": allowed, "Vary": "Origin"}
    return {"Vary": "Origin"}


# -- pages -------------------------------------------------------------------------------------------
def html_response(page: str | bytes) -> Response:
    body = page.encode() if isinstance(page, str) else page
    return Response(HTTPStatus.OK, "text/html; charset=utf-8", body)


def query_page(server: SparqlServer) -> str:
    """The YASGUI page on this endpoint, with the store's figures."""
    from .querypage import render_query_page

    return render_query_page(server.facts(), PREFIXES)


def static_response(path: str) -> Response:
    from .querypage import static_asset

    asset = static_asset(path)
    if asset is None:
        return Response.text(HTTPStatus.NOT_FOUND, f"/static/{path}: no such file")
    body, media_type = asset
    return Response(HTTPStatus.OK, media_type, body, {"Cache-Control": "max-age=3600"})


def library_query_response(name: str, params: dict[str, list[str]]) -> Response:
    """A library query's text with the parameters given bound, as the query page opens it."""
    from .querypage import bound_query_text

    try:
        text = bound_query_text(name, {key: values[-1] for key, values in params.items()})
    except KGError as e:
        return Response.text(HTTPStatus.BAD_REQUEST, str(e))
    return Response(HTTPStatus.OK, "application/sparql-query; charset=utf-8", text.encode())


def neighbours_response(server: SparqlServer, params: dict[str, list[str]]) -> Response:
    """A node's neighbours in the whole view graph, for ``/view`` to add."""
    from .viz import neighbours

    whole, _ = server.view()
    try:
        found = neighbours(server.store, whole, params.get("node", [""])[-1])
    except KGError as e:
        return Response.text(HTTPStatus.NOT_FOUND, str(e))
    return Response(HTTPStatus.OK, "application/json", json.dumps(found).encode())


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(settings: ServeSettings, announce=print, log=lambda line: None) -> None:
    """Serve until interrupted."""
    server = SparqlServer(settings, log)
    if not is_loopback(settings.host):
        announce(
            f"warning: listening on {settings.host}: anyone who can reach this machine can read the store"
        )
    announce(f"serving {settings.store} at {server.url}/sparql (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
