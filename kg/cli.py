"""The ``kg`` command line: each command parses arguments and calls the Python API.

Errors the product expects (bad input, unknown query, unusable store) are printed as one
line, ``kg: error: ...``, with exit status 1; never a traceback.
"""

from __future__ import annotations

import contextlib
import csv
import functools
import json
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .errors import InputError, KGError, OutputError
from .stores import DEFAULT_STORE, EXPORT_FORMATS

app = typer.Typer(
    help="Turn policy text into a queryable RDF knowledge graph.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


def reader_gone() -> None:
    """End quietly, as Unix tools do, when the reader of stdout has gone (`| head -1`, or
    `kg stats | kg validate`, which reads nothing): Python's recipe for SIGPIPE (the signal
    module's "Note on SIGPIPE") points stdout at /dev/null, so that the flush at exit cannot
    fail again, rather than restoring SIG_DFL, which would also kill the process when a socket
    closes. Status 0, not 1: the command did its work, and ``set -o pipefail`` pipelines
    (the README's own) must not fail because a reader wanted less."""
    discard_stdout()
    raise SystemExit(0)


def discard_stdout() -> None:
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def flush_stdout() -> None:
    """Flush what a command wrote while its exit status is still its own (at exit, Python
    would print a traceback and exit with 120 when the reader has gone)."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        discard_stdout()


class OutputConsole(Console):
    """stdout through rich, which would exit with status 1 when the reader has gone."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        reader_gone()


out = OutputConsole()
err = Console(stderr=True)
PROGRESS_SECONDS = 5.0  # a build logged to a file or pipe says how far it is this often

StoreOption = Annotated[
    str, typer.Option("--store", "-s", help="store folder (Oxigraph), or a SPARQL server's URL")
]
STORE_MARKER = "CURRENT"  # the file RocksDB (under Oxigraph) keeps in every database folder
AllowServiceOption = Annotated[
    list[str],
    typer.Option(
        "--allow-service",
        help="let SERVICE (federated) queries call this host (repeatable; * for any; default none)",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline (default: en_core_web_sm, else its PyPI copy)"),
]


def reports_errors(command):
    """Turn expected errors into one line on stderr and exit status 1."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except BrokenPipeError:
            reader_gone()
        except KGError as e:
            err.print(f"kg: error: {e}", markup=False, highlight=False, soft_wrap=True)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print("kg: interrupted; documents already written are kept whole", markup=False)
            raise typer.Exit(130) from None
        finally:
            flush_stdout()

    return wrapper


@app.command()
@reports_errors
def build(
    paths: Annotated[list[Path], typer.Argument(help="text files or folders of them")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="also write the graph here (.ttl .trig .nq .nt .jsonld .csv)"
        ),
    ] = None,
    store: Annotated[
        str | None,
        typer.Option(
            "--store",
            "-s",
            help=f"store folder or SPARQL server URL (default: {DEFAULT_STORE}; in memory with -o)",
        ),
    ] = None,
    memory: Annotated[
        bool, typer.Option("--memory", help="build in memory only (needs -o to keep anything)")
    ] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="worker processes for extraction")] = 1,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786) to extract on"),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="extract every document again, even those stored already from the same text",
        ),
    ] = False,
    corrections: Annotated[
        Path | None,
        typer.Option(
            "--corrections",
            help="identity corrections (merge/split/rename/reject, tab-separated; default: "
            "kg-corrections.tsv beside the store)",
        ),
    ] = None,
    max_observations: Annotated[
        int,
        typer.Option(
            "--max-observations-per-document",
            help="observations one document may add (the first ones are kept)",
        ),
    ] = 10_000,
    model: ModelOption = None,
) -> None:
    """Extract documents into the store (and/or write them to a file); documents stored already
    from the same text by the same kg and pipeline are left as they are."""
    from .graph import KnowledgeGraph
    from .stores import open_store

    check_output_suffix(output)
    empty = empty_folders(paths)
    paths = [path for path in paths if path not in empty]
    if not paths:  # refused before a store is created for nothing
        raise InputError(
            "; ".join(f"{folder}: empty folder, no files to build" for folder in empty)
        )
    in_memory = memory or (output is not None and store is None)
    graph = KnowledgeGraph(open_store(None if in_memory else (store or str(DEFAULT_STORE))), model)
    with build_progress(paths) as advance:
        summary = graph.add(
            *paths,
            jobs=max(1, jobs),
            scheduler=scheduler,
            force=force,
            max_observations=max(1, max_observations),
            on_document=advance,
            corrections=corrections,
        )
    for folder in empty:
        err.print(
            f"kg: skipped {folder}: empty folder, no files to build",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
    for _, reason in summary.failed:
        err.print(f"kg: skipped {reason}", markup=False, highlight=False, soft_wrap=True)
    for note in summary.notes:
        err.print(f"kg: note: {note}", markup=False, highlight=False, soft_wrap=True)
    if output is not None:
        graph.export(output)
    where = (
        f" -> {output}" if output else ("" if in_memory else f" -> store {store or DEFAULT_STORE}")
    )
    rate = f" ({summary.documents_per_second:.1f} documents/s)" if summary.built else ""
    err.print(
        f"built {len(summary.built)} document(s), {len(summary.unchanged)} unchanged, "
        f"{len(summary.failed)} skipped, {len(graph.store)} quads "
        f"in {summary.seconds:.1f}s{rate}{where}",
        markup=False,
        highlight=False,
        soft_wrap=True,
    )
    if not summary.ok or empty:
        raise typer.Exit(1)


def empty_folders(paths: list[Path]) -> list[Path]:
    """Folders given to build that hold no visible file."""
    from .sources import iter_paths

    return [path for path in paths if path.is_dir() and next(iter_paths([path]), None) is None]


def build_progress(paths: list[Path]):
    """A progress bar on a terminal; elsewhere (a log file, a pipe) a line every few seconds."""
    from .sources import iter_paths

    total = sum(1 for _ in iter_paths(paths))
    return progress_bar(total) if err.is_terminal else progress_lines(total, PROGRESS_SECONDS)


@contextlib.contextmanager
def progress_lines(total: int, every: float):
    """Calls back with each document stored; says how far the build is on the first and then at
    most once per ``every`` seconds, with the rate since the line before."""
    done, said_at, said_done = 0, float("-inf"), 0

    def advance(_document) -> None:
        nonlocal done, said_at, said_done
        done += 1
        now = time.monotonic()
        if now - said_at < every:
            return
        rate = f", {(done - said_done) / (now - said_at):.1f} documents/s" if said_done else ""
        err.print(
            f"building: {done:,} of {total:,} files{rate}",
            markup=False,
            highlight=False,
            soft_wrap=True,
        )
        said_at, said_done = now, done

    yield advance


@contextlib.contextmanager
def progress_bar(total: int):
    """A progress bar with documents/s and the time left."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    columns = (
        TextColumn("building"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]} documents/s"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err) as progress:
        task = progress.add_task("build", total=total, rate="-")

        def advance(_document) -> None:
            progress.advance(task)
            speed = progress.tasks[0].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "-")

        yield advance


def check_output_suffix(output: Path | None) -> None:
    """Refuse an unknown output format before spending time on extraction."""
    if output is not None and output.suffix.lower() not in {*EXPORT_FORMATS, ".csv"}:
        raise OutputError(
            f"{output}: unknown output format {output.suffix!r}; use one of "
            + ", ".join(sorted({*EXPORT_FORMATS, ".csv"}))
        )


@app.command()
@reports_errors
def query(
    name: Annotated[str | None, typer.Argument(help="library query name (see --list)")] = None,
    param: Annotated[list[str], typer.Option("--param", "-p", help="parameter as name=value")] = (),
    fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json")] = "table",
    list_queries: Annotated[bool, typer.Option("--list", help="list the library queries")] = False,
    store: StoreOption = str(DEFAULT_STORE),
) -> None:
    """Run a query from the library, with parameters passed as bindings."""
    from .queries import library, parse_params

    if list_queries or name is None:
        print_library(library())
        return
    check_query_name(name)
    print_result(open_existing(store, read_only=True).query(name, **parse_params(param)), fmt)


def check_query_name(name: str) -> None:
    """Refuse a name that is not in the library (suggesting the closest ones) before the store
    is opened."""
    from .queries import get_query

    get_query(name)


@app.command()
@reports_errors
def sparql(
    query_or_file: Annotated[str, typer.Argument(help="a SPARQL query, or a .rq file")],
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="table, csv or json; for CONSTRUCT: nt, ttl, jsonld or rdfxml",
        ),
    ] = "table",
    store: StoreOption = str(DEFAULT_STORE),
    allow_service: AllowServiceOption = (),
) -> None:
    """Run any SPARQL query over the union of all documents."""
    text = (
        Path(query_or_file).read_text(encoding="utf-8")
        if query_or_file.endswith(".rq") and Path(query_or_file).is_file()
        else query_or_file
    )
    print_result(
        open_existing(store, read_only=True).sparql(text, allow_service=allow_service), fmt
    )


def print_result(result, fmt: str) -> None:
    """Rows as a table, CSV or JSON; triples as N-Triples (or the RDF format asked for); a
    boolean as true/false."""
    if isinstance(result, bool):
        out.print("true" if result else "false")
    elif hasattr(result, "columns"):
        print_rows(result, result.columns, fmt)
    else:
        print_triples(result, fmt)


# --format names for the triples of a CONSTRUCT or DESCRIBE ("table": N-Triples, one a line).
TRIPLE_FORMATS = {
    "table": ".nt",
    "nt": ".nt",
    "ntriples": ".nt",
    "ttl": ".ttl",
    "turtle": ".ttl",
    "jsonld": ".jsonld",
    "json-ld": ".jsonld",
    "json": ".jsonld",
    "rdfxml": ".rdf",
    "xml": ".rdf",
}


def print_triples(triples, fmt: str) -> None:
    from .serve import rdf_bytes
    from .stores import EXPORT_FORMATS

    suffix = TRIPLE_FORMATS.get(fmt.lower())
    if suffix is None:
        raise OutputError(
            f"unknown --format {fmt!r} for triples; use one of " + ", ".join(TRIPLE_FORMATS)
        )
    sys.stdout.buffer.write(rdf_bytes(list(triples), EXPORT_FORMATS[suffix]))
    sys.stdout.flush()


@app.command()
@reports_errors
def stats(store: StoreOption = str(DEFAULT_STORE)) -> None:
    """Counts by class, quads, and the entity network: components, communities, central agencies."""
    graph = open_existing(store, read_only=True)
    table = full_table(["what", "count"])
    for key, value in graph.stats().items():
        table.add_row(key, str(value))
    print_table(table)
    network = graph.analytics()
    say = functools.partial(out.print, markup=False, highlight=False, soft_wrap=True)
    say(
        f"entity network: {network['nodes']} nodes, {network['edges']} links, "
        f"{network['components']} connected components "
        f"(largest {network['largest component']}), {network['communities']} communities"
    )
    for number, members in enumerate(network["largest communities"], 1):
        say(f"  community {number}: " + "; ".join(members))
    if network["central agencies"]:
        say(
            "most central agencies: "
            + "; ".join(f"{name} ({score:.2f})" for name, score in network["central agencies"])
        )


@app.command()
@reports_errors
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help=".ttl .trig .nq .nt .jsonld .rdf or .csv (observations); - for stdout",
        ),
    ],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="with -o -: trig, nq, ttl, nt, jsonld, rdf or csv")
    ] = "nq",
    store: StoreOption = str(DEFAULT_STORE),
) -> None:
    """Write the store to a file, or to stdout."""
    if str(output) == "-":
        export_to_stdout(open_existing(store, read_only=True), fmt)
        return
    check_output_suffix(output)
    open_existing(store, read_only=True).export(output)
    err.print(f"wrote {output}", markup=False, highlight=False)


def export_to_stdout(graph, fmt: str) -> None:
    """The export written to a scratch file, then copied to stdout: the exporters write files
    (Oxigraph's serializer, the CSV table), and stdout is a stream they cannot seek back in."""
    import shutil
    import tempfile

    output = Path(f"export.{fmt.lower().lstrip('.')}")
    if output.suffix not in {*EXPORT_FORMATS, ".csv"}:
        raise OutputError(
            f"unknown --format {fmt!r}; use one of "
            + ", ".join(sorted(s.lstrip(".") for s in {*EXPORT_FORMATS, ".csv"}))
        )
    with tempfile.TemporaryDirectory() as scratch:
        written = graph.export(Path(scratch) / output)
        with written.open("rb") as handle:
            shutil.copyfileobj(handle, sys.stdout.buffer)


@app.command()
@reports_errors
def remove(
    document: Annotated[
        str, typer.Argument(help="the document's path, # source: value, or graph IRI")
    ],
    store: StoreOption = str(DEFAULT_STORE),
) -> None:
    """Remove one document's facts from the store."""
    from .errors import InputError

    if not open_existing(store).remove(document):
        raise InputError(f"{document}: no such document in store {store}")
    err.print(f"removed {document}", markup=False, highlight=False)


@app.command()
@reports_errors
def validate(store: StoreOption = str(DEFAULT_STORE)) -> None:
    """Check the store against the SHACL shapes."""
    report = open_existing(store, read_only=True).validate()
    if report.conforms:
        out.print("conforms: the graph satisfies ontology/shapes.ttl")
        return
    out.print(report.text, markup=False, highlight=False)
    raise typer.Exit(1)


@app.command()
@reports_errors
def check(
    names: Annotated[
        list[str] | None, typer.Argument(help="checks to run (default: all; see --list)")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, csv or json")] = "text",
    list_checks: Annotated[bool, typer.Option("--list", help="list the number checks")] = False,
    store: StoreOption = str(DEFAULT_STORE),
) -> None:
    """Check the numbers: figures restated by later releases, stated changes against stored
    figures, parts against totals, percent for percentage points, 10^4 scale slips; only
    numbers that are the same quantity (kg.comparable), each finding with both sentences."""
    from dataclasses import asdict

    from .checks import number_checks

    if list_checks:
        print_library({c.name: c for c in number_checks()})
        return
    findings = open_existing(store).check(*(names or []))
    if fmt == "text":
        for finding in findings:
            out.print(finding.report() + "\n", markup=False, highlight=False, soft_wrap=True)
        err.print(f"{len(findings)} finding(s)", markup=False, highlight=False)
    else:
        print_records([asdict(finding) for finding in findings], fmt)


@app.command()
@reports_errors
def viz(
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write")] = Path(
        "graph.html"
    ),
    graph_file: Annotated[
        Path | None,
        typer.Option(
            "--graph",
            "-g",
            help="draw an RDF file kg wrote (.ttl .trig .nq .nt .jsonld) instead of a store",
        ),
    ] = None,
    focus: Annotated[
        str | None,
        typer.Option("--focus", help="only nodes near those whose name contains this"),
    ] = None,
    depth: Annotated[int, typer.Option("--depth", help="links from the focus to include")] = 1,
    classes: Annotated[
        str | None, typer.Option("--classes", help="only these classes, e.g. Agency,Plan")
    ] = None,
    query_name: Annotated[
        str | None,
        typer.Option("--query", help="draw a library CONSTRUCT query (or CONSTRUCT text) instead"),
    ] = None,
    param: Annotated[
        list[str], typer.Option("--param", "-p", help="query parameter as name=value")
    ] = (),
    max_nodes: Annotated[
        int,
        typer.Option(
            "--max-nodes", help="show at most this many nodes (the most important by PageRank)"
        ),
    ] = 1500,
    store: StoreOption = str(DEFAULT_STORE),
) -> None:
    """Write the self-contained browser view of the graph (or of part of it)."""
    from .queries import parse_params

    graph = open_existing(str(graph_file) if graph_file else store, read_only=True)
    view = graph.visualize(
        output,
        query=query_name,
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        classes=[c.strip() for c in classes.split(",") if c.strip()] if classes else None,
        **parse_params(param),
    )
    err.print(
        f"wrote {output}: {view.shown} nodes"
        + (f", {view.hidden} not shown" if view.hidden else ""),
        markup=False,
        highlight=False,
        soft_wrap=True,
    )


@app.command()
@reports_errors
def serve(
    store: StoreOption = str(DEFAULT_STORE),
    host: Annotated[
        str,
        typer.Option("--host", help="address to listen on (loopback unless you mean otherwise)"),
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="port (0: any free port)")] = 7878,
    timeout: Annotated[float, typer.Option("--timeout", help="seconds a query may run")] = 30.0,
    max_rows: Annotated[
        int, typer.Option("--max-rows", help="most rows (or triples) in one answer")
    ] = 10_000,
    workers: Annotated[int, typer.Option("--workers", help="queries answered at once")] = 2,
    max_memory: Annotated[
        int, typer.Option("--max-memory", help="MB of memory one query may use")
    ] = 1024,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", help="most bytes in one answer")
    ] = 50_000_000,
    client_timeout: Annotated[
        float, typer.Option("--client-timeout", help="seconds a client has to send its request")
    ] = 10.0,
    max_clients: Annotated[
        int, typer.Option("--max-clients", help="connections served at once")
    ] = 64,
    allow_service: AllowServiceOption = (),
    allow_host: Annotated[
        list[str],
        typer.Option(
            "--allow-host", help="accept this Host header name too (repeatable; * for any)"
        ),
    ] = (),
    quiet: Annotated[bool, typer.Option("--quiet", help="no line per request")] = False,
    cors: Annotated[
        str,
        typer.Option("--cors", help="the one origin whose pages may read answers (default: any)"),
    ] = "*",
) -> None:
    """Serve the store read-only over the SPARQL 1.1 Protocol at /sparql."""
    from .serve import ServeSettings
    from .serve import serve as run_server

    require_store_folder(Path(store), store)
    settings = ServeSettings(
        Path(store),
        host,
        port,
        timeout,
        max_rows,
        max(1, workers),
        max_memory=max_memory,
        max_bytes=max_bytes,
        client_timeout=client_timeout,
        max_clients=max(1, max_clients),
        allow_service=tuple(allow_service),
        allow_host=tuple(allow_host),
        cors=cors,
    )

    def say(line: str) -> None:
        err.print(line, markup=False, highlight=False, soft_wrap=True)

    try:
        run_server(settings, announce=say, log=(lambda line: None) if quiet else say)
    except OSError as e:
        raise KGError(f"cannot listen on {host}:{port}: {e.strerror or e}") from None


@app.command()
@reports_errors
def demo(
    store: StoreOption = str(DEFAULT_STORE),
    output: Annotated[Path, typer.Option("--output", "-o", help="browser view to write")] = Path(
        "graph.html"
    ),
) -> None:
    """Build the shipped example texts, show a few answers and write the browser view."""
    from .graph import KnowledgeGraph
    from .resources import resource_dir
    from .stores import open_store

    graph = KnowledgeGraph(open_store(store))
    summary = graph.add(resource_dir("examples"))
    err.print(
        f"built {len(summary.built)} example document(s) into {store}"
        + (f" ({len(summary.unchanged)} stored already)" if summary.unchanged else ""),
        markup=False,
    )
    for name in ("counts-by-class", "agency-responsibilities", "largest-changes"):
        rows = graph.query(name)
        out.rule(name)
        print_rows(rows, readable_columns(rows), "table", limit=10)
    graph.visualize(output)
    out.print(f"browser view: {output.resolve()}", markup=False, highlight=False)


def readable_columns(rows) -> list[str]:
    """Columns worth showing a person: not IRIs."""
    return [
        c
        for c in rows.columns
        if not all(row.get(c, "").startswith(("http://", "https://")) for row in rows.texts)
    ]


def open_existing(store: str, *, read_only: bool = False):
    """Open a server, an RDF file, or a store folder that must already exist (queries never
    create an empty one); ``read_only`` opens a folder without the writer's lock, so that a
    build, a notebook or ``kg serve`` can use it meanwhile."""
    from .graph import open_graph
    from .stores import local_path

    path = local_path(store)
    if path is not None and not path.is_file():
        require_store_folder(path, store)
    return open_graph(store, read_only=read_only)


def require_store_folder(path: Path, store: str) -> None:
    """Raise ``StoreError`` unless ``path`` is a folder holding a store: opening any other
    folder would write a new, empty database into it."""
    from .errors import StoreError

    if not path.exists():
        raise StoreError(f"{store}: no store here; build one with `kg build PATH --store {store}`")
    if not (path / STORE_MARKER).is_file():
        raise StoreError(
            f"{store}: this folder holds no kg store; give the folder `kg build --store` wrote"
        )


def print_library(queries) -> None:
    table = full_table(["name", "answers", "parameters"], keep_whole=["name"])
    for q in queries.values():
        table.add_row(
            q.name, q.title, ", ".join(f"{p.name} ({p.type})" for p in q.parameters) or "-"
        )
    print_table(table)


def full_table(columns: list[str], keep_whole: list[str] = ()) -> Table:
    """A table whose cells are never cut: long values wrap, and a word longer than its column
    (an IRI) folds onto the next line; ``keep_whole`` columns are not broken at all."""
    table = Table()
    for column in columns:
        table.add_column(column, overflow="fold", no_wrap=column in keep_whole)
    return table


def print_table(table: Table) -> None:
    """On a terminal, wrapped to its width; elsewhere (a pipe, a file) one line a row at full
    width, so that grep, cut and less see every value whole."""
    if out.is_terminal:
        out.print(table)
        return
    for column in table.columns:
        column.no_wrap = True
    width = Console(file=sys.stdout, width=1_000_000).measure(table).maximum
    OutputConsole(file=sys.stdout, width=width, color_system=None).print(table)


def write_json(records: list[dict]) -> None:
    """Records as one JSON array: numbers as numbers, dates as ISO text."""
    from .terms import json_default

    sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1, default=json_default) + "\n")


def print_records(records: list[dict], fmt: str) -> None:
    """Plain records (a check's findings) as JSON or CSV, one object or line each."""
    if fmt == "json":
        write_json(records)
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(records[0]) if records else ["check"])
        writer.writeheader()
        writer.writerows(records)
    else:
        raise OutputError(f"unknown --format {fmt!r}; use text, csv or json")


def print_rows(rows, columns: list[str], fmt: str, *, limit: int | None = None) -> None:
    """A ``QueryResult`` as JSON (numbers as numbers, dates as ISO text), CSV or a table (each
    value as its literal's text)."""
    typed, texts = list(rows)[:limit], rows.texts[:limit]
    if fmt == "json":
        write_json([{c: r.get(c) for c in columns} for r in typed])
    elif fmt == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=columns, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(texts)
    elif fmt == "table":
        table = full_table(columns)
        for row in texts:
            table.add_row(*(row.get(c, "") for c in columns))
        print_table(table)
    else:
        raise OutputError(f"unknown --format {fmt!r}; use table, csv or json")


if __name__ == "__main__":
    app()
