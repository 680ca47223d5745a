"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over a store folder.

    HTTP request --sparql_request--> SparqlRequest (query, dataset, accepted types)
                 --QueryPool.answer--> worker process: store opened read-only, query run,
                                       results capped and serialised (JSON/XML/CSV/TSV, RDF)
                 --> response

The main process keeps the store open for writing and never writes, so no ``kg build``
can change the data while it is served (it gets a one-line "store is in use" error).
Queries run in worker processes so that a query past the timeout can be stopped for
real: its worker is killed and replaced.
"""

from __future__ import annotations

import html
import ipaddress
import json
import multiprocessing
import queue
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from .errors import KGError, StoreError
from .stores import OxigraphStore

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
    "json-ld": ("application/ld+json",),
    "rdf+xml": ("application/rdf+xml",),
}


@dataclass(frozen=True)
class ServeSettings:
    store: Path
    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = 30.0  # seconds a query may run before its worker is stopped
    max_rows: int = 10_000  # solutions (or triples) one answer may hold
    workers: int = 2


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
    return Response.text(
        HTTPStatus.BAD_REQUEST,
        f"the answer has more than {limit:,} {what}, this endpoint's "
        f"cap; add LIMIT and OFFSET to page through it",
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
        HTTPStatus.OK,
        media_type + "; charset=utf-8",
        ox.serialize(triples, format=GRAPH_TYPES[media_type]),
    )


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
    store = OxigraphStore(store_path, read_only=True)
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        connection.send(answer_query(store, request, max_rows))


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
    """The HTTP server: ``/sparql`` (the protocol), ``/`` (a page of the library queries),
    ``/view`` (the browser view of the served graph)."""

    daemon_threads = True

    def __init__(self, settings: ServeSettings, log=lambda line: None):
        self.settings = settings
        self.log = log  # one line per request
        self.store = OxigraphStore(settings.store)  # held for writing, so that nothing else writes
        self.store.flush()
        self.pool = QueryPool(settings)
        self._view: bytes | None = None
        super().__init__((settings.host, settings.port), SparqlHandler)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def view_html(self) -> bytes:
        if self._view is None:
            self._view = render_view(self.store)
        return self._view

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
        if path == "/sparql":
            return self.sparql(urllib.parse.parse_qs(query_string, keep_blank_values=True))
        if path == "/":
            return Response(
                HTTPStatus.OK, "text/html; charset=utf-8", index_page(self.server).encode()
            )
        if path == "/view":
            return Response(HTTPStatus.OK, "text/html; charset=utf-8", self.server.view_html())
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
        if "update" in params:
            return Response.text(
                HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL updates are refused"
            )
        queries = params.get("query", [])
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


# -- pages -------------------------------------------------------------------------------------------
def index_page(server: SparqlServer) -> str:
    """A page listing the library queries, each a link that runs it here."""
    from .queries import internal_query, library

    items = []
    for query in library().values():
        link = "/sparql?" + urllib.parse.urlencode({"query": query.sparql, "format": "json"})
        params = "".join(
            f"<li><code>{html.escape(p.name)}</code> ({html.escape(p.type)}): {html.escape(p.description)}</li>"
            for p in query.parameters
        )
        items.append(
            f'<li><a href="{html.escape(link)}">{html.escape(query.name)}</a>: {html.escape(query.title)}'
            f"<br><small>{html.escape(query.description)}</small>"
            + (f"<ul>{params}</ul>" if params else "")
            + "</li>"
        )
    store = html.escape(str(server.settings.store))
    return PAGE.format(
        store=store,
        documents=len(server.store.documents()),
        quads=len(server.store),
        url=html.escape(server.url),
        queries="\n".join(items),
        example=html.escape(internal_query("endpoint-example").body),
        timeout=server.settings.timeout,
        max_rows=server.settings.max_rows,
    )


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policy-kg SPARQL endpoint</title>
<style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em}}
textarea{{width:100%;font-family:monospace}}code{{background:#f3f3f3;padding:0 .2em}}</style></head>
<body><h1>policy-kg SPARQL endpoint</h1>
<p>Store <code>{store}</code>: {documents} documents, {quads} quads. SPARQL 1.1 Protocol at
<code>{url}/sparql</code> (GET or POST; JSON, XML, CSV or TSV results; Turtle, N-Triples, RDF/XML or
JSON-LD graphs). Read-only; a query may run {timeout:g} s and return {max_rows:,} rows.</p>
<p><a href="/view">Browser view of the graph</a></p>
<form action="/sparql" method="get"><textarea name="query" rows="6">{example}</textarea>
<select name="format"><option>json</option><option>xml</option><option>csv</option><option>tsv</option></select>
<button>Run</button></form>
<h2>Library queries</h2><p>Parameters are left at their defaults here; bind them with
<code>kg query NAME -p name=value</code> or from Python.</p>
<ul>
{queries}
</ul></body></html>
"""


def render_view(store: OxigraphStore) -> bytes:
    import tempfile

    from .viz import write_view

    with tempfile.TemporaryDirectory() as folder:
        return write_view(store, Path(folder) / "view.html").path.read_bytes()


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
