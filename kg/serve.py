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

import html
import ipaddress
import json
import multiprocessing
import os
import queue
import re
import signal
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError, KGError, StoreError
from .http_limits import (
    ClientLimits,
    RequestRefused,
    accepted_hosts,
    host_allowed,
    printable,
    refuse_busy,
    request_body,
)
from .jsonld import compacted_jsonld
from .limits import check_query, limit_memory
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
    max_memory: int = 1024  # MB of data one worker may hold; past it the query is stopped (503)
    max_bytes: int = 50_000_000  # bytes one answer may hold
    client_timeout: float = 10.0  # seconds a client has to send its whole request
    max_clients: int = 64  # connections served at once; more are turned away (503)
    allow_service: tuple[str, ...] = ()  # hosts SERVICE may call ("*": any); none by default
    allow_host: tuple[str, ...] = ()  # Host header names accepted besides the bound ones ("*": any)


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


# -- the worker side: run one query against a read-only store --------------------------------------
def answer_within_limits(
    store: OxigraphStore, request: SparqlRequest, settings: ServeSettings
) -> Response:
    """``answer_query`` with the endpoint's limits: no federation, no nesting past the engine's
    stack, an engine error while the results are read a one-line 400, the answer's bytes capped."""
    try:
        check_query(request.query, allow_service=settings.allow_service)
        response = answer_query(store, request, settings.max_rows)
    except KGError as e:
        return Response.text(HTTPStatus.BAD_REQUEST, str(e))
    except (
        RuntimeError,
        OSError,
        ValueError,
        SyntaxError,
    ) as e:  # raised while the results are read
        return Response.text(
            HTTPStatus.BAD_REQUEST, f"the query failed: {' '.join(str(e).split())[:300]}"
        )
    except MemoryError:
        return out_of_memory(settings)
    if len(response.body) > settings.max_bytes:
        return Response.text(
            HTTPStatus.BAD_REQUEST,
            f"the answer has more than {settings.max_bytes:,} bytes, "
            "this endpoint's cap; add LIMIT and OFFSET to page through it",
        )
    return response


def out_of_memory(settings: ServeSettings) -> Response:
    return Response.text(
        HTTPStatus.SERVICE_UNAVAILABLE,
        f"the query needed more than this endpoint's "
        f"{settings.max_memory:,} MB of memory and was stopped; narrow it or add LIMIT",
    )


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


def worker_main(settings: ServeSettings, connection) -> None:
    """A worker process: answer one request after another until the pipe closes, never holding
    more than ``settings.max_memory`` MB (past it Oxigraph aborts the process, and the pool
    replaces it). The store is opened again after a writer changed it (``LatestStore``)."""
    limit_memory(settings.max_memory)
    latest = LatestStore(Path(settings.store))
    latest.current()
    connection.send("ready")
    while True:
        try:
            request = connection.recv()
        except EOFError:
            return
        connection.send(answer_within_limits(latest.current(), request, settings))


class LatestStore:
    """A store folder opened read-only (no lock: a writer may work on it meanwhile), and
    opened again once a writer has changed its files, so that readers see what was written."""

    def __init__(self, path: Path):
        self.path = path
        self._opened: tuple[OxigraphStore, tuple] | None = None  # (store, files mark)

    def current(self) -> OxigraphStore:
        return self.marked()[0]

    def marked(self) -> tuple[OxigraphStore, tuple]:
        """The store and the files mark it was opened at (one attribute: threads of the server
        never see a store with another store's mark)."""
        mark = files_mark(self.path)
        opened = self._opened
        if opened is None or mark != opened[1]:
            opened = self._opened = (OxigraphStore(self.path, read_only=True), mark)
        return opened


def files_mark(folder: Path) -> tuple:
    """What changes when a writer writes: the folder's files with their sizes and times."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return ()
    return tuple(
        sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in entries if e.is_file())
    )


# -- the server side -------------------------------------------------------------------------------
@dataclass
class Job:
    """One query waiting for a worker: answered in the order the queries arrived."""

    request: SparqlRequest
    queued: float = field(default_factory=time.monotonic)
    done: threading.Event = field(default_factory=threading.Event)
    response: Response | None = None

    def finish(self, response: Response) -> None:
        self.response = response
        self.done.set()


class QueryPool:
    """Worker processes answering queries first come, first served, each stopped and replaced
    if it passes the timeout. One dispatcher thread per worker takes the queries from one
    queue in arrival order: when request threads took a free worker themselves, a newly
    arrived one could take it before those waiting, and under 50 clients a few waited for
    many turns (p99 four times the median)."""

    def __init__(self, settings: ServeSettings):
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")  # no fork from a threaded server
        self._jobs: queue.Queue[Job | None] = queue.Queue()
        self._workers = [self._start() for _ in range(settings.workers)]
        for index in range(settings.workers):
            threading.Thread(target=self._dispatch, args=(index,), daemon=True).start()

    def _start(self):
        ours, theirs = self._context.Pipe()
        process = self._context.Process(
            target=worker_main, args=(self.settings, theirs), daemon=True
        )
        process.start()
        theirs.close()
        if not ours.poll(WORKER_START_SECONDS) or ours.recv() != "ready":
            process.kill()
            raise StoreError(f"{self.settings.store}: a query worker could not open the store")
        return process, ours

    def answer(self, request: SparqlRequest) -> Response:
        job = Job(request)
        self._jobs.put(job)
        job.done.wait()  # a dispatcher always finishes the job: an answer, a timeout, busy
        return job.response

    def _dispatch(self, index: int) -> None:
        while (job := self._jobs.get()) is not None:
            timeout = self.settings.timeout
            if time.monotonic() - job.queued > timeout:
                job.finish(
                    Response.text(
                        HTTPStatus.SERVICE_UNAVAILABLE,
                        f"all {self.settings.workers} workers stayed busy for "
                        f"{timeout:g} s; try again later",
                    )
                )
                continue
            try:
                job.finish(self._run(index, job.request))
            except Exception as e:  # noqa: BLE001 - the waiting request must get an answer
                job.finish(
                    Response.text(
                        HTTPStatus.INTERNAL_SERVER_ERROR,
                        f"the query worker failed ({type(e).__name__})",
                    )
                )

    def _run(self, index: int, request: SparqlRequest) -> Response:
        process, connection = self._workers[index]
        timeout = self.settings.timeout
        try:
            connection.send(request)
            if connection.poll(timeout):
                return connection.recv()
            self._workers[index] = self._replace(process, connection)
            return Response.text(
                HTTPStatus.SERVICE_UNAVAILABLE,
                f"the query ran longer than this endpoint's {timeout:g} s timeout and was stopped",
            )
        except (EOFError, OSError, BrokenPipeError):
            process.join(timeout=5)
            exit_status = process.exitcode
            self._workers[index] = self._replace(process, connection)
            return worker_failure(exit_status, self.settings)

    def _replace(self, process, connection):
        process.kill()
        process.join()
        connection.close()
        return self._start()

    def close(self) -> None:
        for _ in self._workers:
            self._jobs.put(None)
        for process, connection in self._workers:
            connection.close()
            process.join(timeout=2)
            if process.is_alive():
                process.kill()


def worker_failure(exit_status: int | None, settings: ServeSettings) -> Response:
    """Why a worker died: an allocation past its memory limit aborts it (SIGABRT)."""
    if exit_status == -signal.SIGABRT:
        return out_of_memory(settings)
    return Response.text(
        HTTPStatus.INTERNAL_SERVER_ERROR, "the query worker failed; it has been restarted"
    )


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: ``/sparql`` (the protocol), ``/`` (the query page), ``/view`` (the
    browser view of the served graph)."""

    daemon_threads = True
    # Connections waiting to be accepted. socketserver's default of 5 made the 6th of 50
    # clients arriving together wait for a SYN retry (1 s): p99 1,041 ms against 18 ms alone.
    request_queue_size = 128

    def __init__(self, settings: ServeSettings, log=lambda line: None):
        self.settings = settings
        self.log = log  # one line per request
        self.latest = LatestStore(settings.store)  # read-only: writers may add documents
        self.latest.current()  # a folder that is no store fails here, before listening
        self.pool = QueryPool(settings)
        self.clients = ClientLimits(settings.max_clients, settings.client_timeout)
        self.accepted_hosts = accepted_hosts(settings.host, settings.allow_host)
        self._made: dict[str, tuple] = {}  # name -> (files mark, what was made)
        self._making: dict[str, threading.Lock] = {}  # one lock per name
        super().__init__((settings.host, settings.port), SparqlHandler)

    @property
    def store(self) -> OxigraphStore:
        return self.latest.current()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}"

    def made(self, name: str, make):
        """``make(store)``, made again only after a writer changed the store's files, and by one
        request while the others that need it wait (8 clients asking for ``/view`` at once get
        the one page rendered once)."""
        store, mark = self.latest.marked()
        made = self._made.get(name)
        if made is not None and made[0] == mark:
            return made[1]
        with self._making.setdefault(name, threading.Lock()):  # setdefault is atomic
            store, mark = self.latest.marked()
            made = self._made.get(name)
            if made is None or made[0] != mark:
                made = self._made[name] = (mark, make(store))
                self.log(f"rendered {name}")
            return made[1]

    def facts(self):
        """The store's figures for the query page, counted again only after a write (counting
        the quads of a large store takes a second)."""
        from .querypage import QueryPageFacts

        settings = self.settings
        return self.made(
            "facts",
            lambda store: QueryPageFacts(
                str(settings.store),
                len(store.documents()),
                len(store),
                settings.timeout,
                settings.max_rows,
            ),
        )

    def view(self) -> tuple[object, bytes]:
        """The whole view graph and the page of ``/view``, made again after a write."""

        def make(store):
            from .viz import view_graph, view_page

            whole = view_graph(store)
            try:
                page, _ = view_page(
                    store, whole, expand_url="view/neighbours", details_url="view/details"
                )
            except InputError as e:  # a store with no entity yet: a page that says so
                page = NOTHING_TO_DRAW.format(message=html.escape(str(e)))
            return whole, page.encode()

        return self.made("/view", make)

    def process_request(self, request, client_address) -> None:
        """A thread for the connection, unless ``max_clients`` are open already."""
        if not self.clients.admit(request):
            refuse_busy(request, self.settings.max_clients)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request, client_address) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.clients.release(request)

    def server_close(self) -> None:
        super().server_close()
        self.pool.close()


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    server_version = "policy-kg"

    def setup(self) -> None:
        self.timeout = self.server.settings.client_timeout  # each read from the client
        super().setup()

    def do_GET(self) -> None:
        self.reply(self.guarded(self.get))

    def do_HEAD(self) -> None:
        self.reply(self.guarded(self.get))  # ``reply`` leaves the body out

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
        """The route's response; a refused request or an unexpected failure is a one-line
        answer, never a dropped connection."""
        try:
            if not host_allowed(self.headers.get("Host"), self.server.accepted_hosts):
                return Response.text(
                    HTTPStatus.MISDIRECTED_REQUEST,
                    f"Host {printable(self.headers['Host'])[:100]!r} "
                    "is not this server's name; start kg serve with --allow-host NAME to accept it",
                )
            return route()
        except RequestRefused as e:
            self.close_connection = True  # an unread body must not be taken for the next request
            return Response.text(e.status, e.message)
        except Exception as e:  # noqa: BLE001 - the server must keep serving
            self.server.log(f"error on {self.path}: {type(e).__name__}: {e}")
            return Response.text(
                HTTPStatus.INTERNAL_SERVER_ERROR, f"internal error: {type(e).__name__}"
            )

    def get(self) -> Response:
        self.server.clients.request_read(self.connection)
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
        if path in VIEW_PARTS:
            return view_part_response(self.server, VIEW_PARTS[path], params)
        return Response.text(HTTPStatus.NOT_FOUND, f"{path}: not here; the endpoint is /sparql")

    def post(self) -> Response:
        path, _, query_string = self.path.partition("?")
        if path != "/sparql":
            return Response.text(HTTPStatus.NOT_FOUND, f"{path}: not here; the endpoint is /sparql")
        body = request_body(
            self.headers.get("Content-Length"), self.rfile, MAX_REQUEST_BYTES
        ).decode("utf-8", "replace")
        self.server.clients.request_read(self.connection)
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
        self.server.log(printable(f"{self.address_string()} {format % args}"))


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


# -- pages -----------------------------------------------------------------------------------------
def html_response(page: str | bytes) -> Response:
    body = page.encode() if isinstance(page, str) else page
    return Response(HTTPStatus.OK, "text/html; charset=utf-8", body)


def query_page(server: SparqlServer) -> str:
    """The YASGUI page on this endpoint, with the store's figures."""
    from .querypage import render_query_page

    return render_query_page(server.facts(), PREFIXES)


NOTHING_TO_DRAW = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>policy-kg view</title></head>
<body><p>{message}.</p><p><a href="/">Query page</a></p></body></html>
"""


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


# What /view asks for about one node: its neighbours in the whole graph, to add them, and
# what its panel lists (kg.viz names the functions).
VIEW_PARTS = {"/view/neighbours": "neighbours", "/view/details": "node_details"}


def view_part_response(
    server: SparqlServer, function: str, params: dict[str, list[str]]
) -> Response:
    """One node's part of the whole view graph, as JSON for ``/view``."""
    from . import viz

    whole, _ = server.view()
    try:
        found = getattr(viz, function)(server.store, whole, params.get("node", [""])[-1])
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
            f"warning: listening on {settings.host}: "
            "anyone who can reach this machine can read the store"
        )
    announce(f"serving {settings.store} at {server.url}/sparql (Ctrl-C to stop)")
    try:
        server.serve_forever()
    finally:
        server.server_close()
