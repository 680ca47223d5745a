"""The real ``kg`` command: building, formats, the store, and errors users see."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

import kg

from .conftest import EXAMPLES, SHARED, kg_command, needs_shared

EXAMPLE = EXAMPLES / "01-energy-ministry-briefing.txt"


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".trig", ".nq"])
def test_build_writes_each_format_readable_by_rdflib(run_kg, tmp_path, suffix):
    out = tmp_path / f"graph{suffix}"
    result = run_kg("build", EXAMPLE, "-o", out)
    assert result.returncode == 0, result.stderr
    if suffix in {".trig", ".nq", ".jsonld"}:  # JSON-LD keeps named graphs too
        dataset = Dataset().parse(out)
        assert len([g for g in dataset.graphs() if len(g)]) == 1  # one named graph per document
        assert sum(1 for _ in dataset.quads()) > 50
    else:
        assert len(Graph().parse(out)) > 50


def test_build_into_store_is_idempotent_and_remove_drops_one_document(run_kg, tmp_path):
    store = tmp_path / "store"
    assert run_kg("build", EXAMPLES, "--store", store).returncode == 0
    first = run_kg("export", "-o", tmp_path / "a.nq", "--store", store)
    assert run_kg("build", EXAMPLES, "--store", store).returncode == 0
    run_kg("export", "-o", tmp_path / "b.nq", "--store", store)
    assert first.returncode == 0
    a, b = (sorted((tmp_path / n).read_text().splitlines()) for n in ("a.nq", "b.nq"))
    assert a == b and len(a) > 100
    assert run_kg("remove", EXAMPLE, "--store", store).returncode == 0
    run_kg("export", "-o", tmp_path / "c.nq", "--store", store)
    c = (tmp_path / "c.nq").read_text().splitlines()
    assert 0 < len(c) < len(a)
    assert not any('Ministry of Power"' in line and "Grid" in line for line in c)


def test_query_list_and_named_query_with_parameter(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLES, "--store", store, check=True)
    listing = run_kg("query", "--list", "--store", store)
    assert "agency-responsibilities" in listing.stdout
    rows = json.loads(
        run_kg(
            "query",
            "agency-responsibilities",
            "-p",
            "agency=transport",
            "-f",
            "json",
            "--store",
            store,
        ).stdout
    )
    assert rows and all("transport" in r["agencyName"].lower() for r in rows)


def test_sparql_command(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLE, "--store", store, check=True)
    result = run_kg(
        "sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { ?o a kgo:Observation }",
        "-f",
        "csv",
        "--store",
        store,
    )
    assert result.returncode == 0 and int(result.stdout.splitlines()[1]) >= 3


@pytest.mark.parametrize(
    "setup, args, message",
    [
        (None, ["build", "missing.txt", "-o", "out.ttl"], "missing.txt: no such file"),
        ("", ["build", "empty.txt", "-o", "out.ttl"], "empty.txt: empty file"),
        (b"\x00\x01binary", ["build", "bin.txt", "-o", "out.ttl"], "bin.txt: binary file"),
        (
            bytes(range(128, 256)) * 4,
            ["build", "noise.txt", "-o", "out.ttl"],
            "noise.txt: not UTF-8",
        ),
        (None, ["build", "x.txt", "-o", "out.docx"], "unknown output format"),
        (None, ["query", "no-such-query", "--store", "store"], "no library query named"),
        (None, ["query", "counts-by-class", "--store", "nowhere"], "no store here"),
        (None, ["sparql", "SELECT WHERE {", "--store", "store"], "invalid SPARQL"),
        (None, ["sparql", "ASK {}", "--store", "."], "holds no kg store"),
    ],
)
def test_bad_input_gets_one_line_error_without_traceback(run_kg, tmp_path, setup, args, message):
    from kg.stores import OxigraphStore

    OxigraphStore(tmp_path / "store").close()  # an empty store, for the commands that read one
    if setup is not None:
        name = args[1]
        data = setup.encode() if isinstance(setup, str) else setup
        (tmp_path / name).write_bytes(data)
    result = run_kg(*args)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_bad_file_does_not_stop_the_others_nor_touch_the_store(run_kg, tmp_path):
    store = tmp_path / "store"
    run_kg("build", EXAMPLE, "--store", store, check=True)
    before = run_kg(
        "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv", "--store", store
    ).stdout
    (tmp_path / "empty.txt").write_text("")
    other = EXAMPLES / "02-transport-department-release.txt"
    result = run_kg("build", "empty.txt", other, "--store", store)
    assert (
        result.returncode == 1
        and "empty.txt: empty file" in result.stderr
        and "built 1 document" in result.stderr
    )
    after = run_kg(
        "sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "csv", "--store", store
    ).stdout
    assert int(after.splitlines()[1]) > int(before.splitlines()[1])


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_utf8_bom_and_utf16_inputs_are_read(run_kg, tmp_path, encoding):
    (tmp_path / "in.txt").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding=encoding)
    result = run_kg("build", "in.txt", "-o", "out.ttl")
    assert result.returncode == 0, result.stderr
    assert "Ministry of Power" in (tmp_path / "out.ttl").read_text(encoding="utf-8")


# -- what a person sees: whole values, progress, suggestions ---------------------------------------
ANSI = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The examples built by the real command into a store; (store, the build's stderr)."""
    store = tmp_path_factory.mktemp("cli") / "store"
    build = subprocess.run(
        [kg_command(), "build", EXAMPLES, "--store", store],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert build.returncode == 0, build.stderr
    return store, build.stderr


def test_a_piped_build_says_how_far_it_is(built):
    _, stderr = built
    files = len(list(EXAMPLES.glob("*.txt")))
    assert re.search(rf"^building: 1 of {files} files$", stderr, re.MULTILINE), stderr


def test_piped_query_list_keeps_every_name_whole(run_kg):
    from kg.queries import library

    listing = run_kg("query", "--list").stdout
    assert "…" not in listing
    for name in library():
        assert re.search(rf"│ {re.escape(name)} +│", listing), name
    assert run_kg("query", "--list").stdout.count("\n") == len(library()) + 4  # one line a query


def test_piped_table_rows_hold_whole_values(run_kg, built):
    store, _ = built
    rows = json.loads(run_kg("query", "observations", "-f", "json", "--store", store).stdout)
    table = run_kg("query", "observations", "--store", store).stdout
    assert rows and "…" not in table
    for row in rows:
        assert row["evidence"] in table and row["document"] in table


def test_a_terminal_table_wraps_long_values_instead_of_cutting_them(run_kg, built):
    """In a terminal (a pseudo-terminal 100 columns wide) every character of every value is on
    the screen, wrapped within the width."""
    store, _ = built
    rows = json.loads(run_kg("query", "observations", "-f", "json", "--store", store).stdout)
    shown = subprocess.run(
        ["script", "-qec", f"{kg_command()} query observations --store {store}", "/dev/null"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "COLUMNS": "100"},
    )
    screen = ANSI.sub("", shown.stdout)
    assert shown.returncode == 0 and "…" not in screen
    assert max(len(line) for line in screen.splitlines()) <= 100
    on_screen = Counter(ch for ch in screen if ch.isalnum())
    in_values = Counter(
        ch for row in rows for value in row.values() if value for ch in str(value) if ch.isalnum()
    )
    assert not in_values - on_screen


def test_a_mistyped_query_name_gets_the_closest_names(run_kg, built):
    store, _ = built
    result = run_kg("query", "agency-responsibilites", "--store", store)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("did you mean agency-responsibilities?")
    assert len(result.stderr.strip().splitlines()) == 1


def test_building_an_empty_folder_says_so_and_creates_no_store(run_kg, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_kg("build", "empty")
    assert result.returncode == 1
    assert result.stderr.strip() == "kg: error: empty: empty folder, no files to build"
    assert not (tmp_path / ".kg-store").exists()


def test_an_empty_folder_beside_files_is_reported_and_the_files_are_built(run_kg, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run_kg("build", "empty", EXAMPLE, "-o", "out.ttl")
    assert result.returncode == 1
    assert "kg: skipped empty: empty folder, no files to build" in result.stderr
    assert "built 1 document" in result.stderr and (tmp_path / "out.ttl").stat().st_size > 0


def test_invalid_sparql_is_one_line(run_kg, built):
    store, _ = built
    result = run_kg("sparql", "SELECT WHERE {", "--store", store)
    assert result.returncode == 1 and result.stderr.startswith("kg: error: invalid SPARQL")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize(
    "fmt, parse_as", [("ttl", "turtle"), ("jsonld", "json-ld"), ("rdfxml", "xml"), ("nt", "nt")]
)
def test_sparql_construct_honours_format(run_kg, built, fmt, parse_as):
    store, _ = built
    query = "CONSTRUCT WHERE { ?plan a kgo:Plan ; rdfs:label ?name }"
    result = run_kg("sparql", query, "--format", fmt, "--store", store)
    assert result.returncode == 0, result.stderr
    assert len(Graph().parse(data=result.stdout, format=parse_as)) >= 2


def test_json_rows_have_numbers_and_csv_keeps_text(run_kg, built):
    store, _ = built
    rows = json.loads(run_kg("query", "observations", "-f", "json", "--store", store).stdout)
    assert all(isinstance(row["value"], (int, float)) for row in rows)
    csv_text = run_kg("query", "observations", "-f", "csv", "--store", store).stdout
    header = csv_text.splitlines()[0].split(",")
    assert header[0] == "metric"  # the metric, not an echo of the parameter
    metrics = {row["metric"] for row in csv.DictReader(io.StringIO(csv_text))}
    assert metrics == {row["metric"] for row in rows} and "" not in metrics


@pytest.mark.parametrize(
    "args",
    [
        ["query", "observations", "-f", "json"],
        ["query", "observations", "-f", "csv"],
        ["query", "observations"],
        ["query", "--list"],
        ["sparql", "SELECT * WHERE { ?s ?p ?o }", "-f", "json"],
        ["sparql", "CONSTRUCT WHERE { ?s ?p ?o }", "-f", "ttl"],
        ["export", "-o", "-"],
        ["export", "-o", "-", "-f", "csv"],
        ["stats"],
    ],
)
def test_a_reader_that_has_gone_ends_the_output_quietly(built, args):
    """A real pipe whose reader closes it before reading (as `kg validate` does in the README's
    pipeline, or `head` after its lines): the command ends with status 0 and says nothing."""
    store, _ = built
    store_args = [] if args == ["query", "--list"] else ["--store", store]
    writer = subprocess.Popen(
        [kg_command(), *args, *store_args], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    writer.stdout.close()
    stderr = writer.stderr.read().decode()
    assert writer.wait(timeout=600) == 0 and stderr == ""


def test_head_reads_the_first_line_of_an_export_to_stdout(built):
    store, _ = built
    line = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {kg_command()} export -o - --store {store} | head -1"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert line.returncode == 0 and line.stderr == ""
    assert len(Dataset().parse(data=line.stdout, format="nquads")) == 1


INTERRUPTED = "kg: interrupted; documents already written are kept whole"
# The Python API with a store write every few documents: Ctrl-C comes while batches are being
# extracted and a write is in flight.
BUILD_WITH_SMALL_WRITES = """
import sys
from kg.builder import build_graph
from kg.stores import open_store

store = open_store(sys.argv[2])
try:
    build_graph([sys.argv[1]], store=store, jobs=2, commit_triples=500,
                on_document=lambda document: print("stored", file=sys.stderr, flush=True))
except KeyboardInterrupt:
    print("KeyboardInterrupt", file=sys.stderr)
    sys.exit(130)
finally:
    store.close()
"""


def bulk_corpus(folder: Path, count: int) -> Path:
    folder.mkdir()
    for path in sorted((SHARED / "corpus" / "bulk").glob("*.txt"))[:count]:
        (folder / path.name).write_bytes(path.read_bytes())
    return folder


def group_processes(group: int, command_part: str = "") -> list[int]:
    """The live (not zombie) processes of a process group, from /proc; those whose command
    line holds ``command_part``."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            command = stat.with_name("cmdline").read_bytes().decode(errors="replace")
        except (OSError, IndexError):  # the process ended meanwhile
            continue
        if int(fields[2]) == group and fields[0] != "Z" and command_part in command:
            found.append(int(stat.parent.name))
    return found


def until(condition, what: str, seconds: float = 600):
    """Poll ``condition`` until it holds (no timed assertion: the bound only ends a hang)."""
    import time

    deadline = time.monotonic() + seconds
    while not (result := condition()):
        if time.monotonic() > deadline:
            pytest.fail(f"{what} never happened")
        time.sleep(0.05)
    return result


def ctrl_c(command: list, moment) -> tuple[subprocess.Popen, str]:
    """Run ``command`` as a terminal's foreground job, send Ctrl-C (SIGINT to the whole process
    group, as a terminal does) once ``moment(process)`` returns, and return the process ended
    and its stderr."""
    import signal

    process = subprocess.Popen(
        command,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As a terminal's foreground job: a suite run in the background has SIGINT ignored.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    said = moment(process)
    os.killpg(process.pid, signal.SIGINT)
    try:
        _, rest = process.communicate(timeout=120)
    except subprocess.TimeoutExpired:  # a hang fails the test instead of stalling the suite
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        pytest.fail(f"{command[:2]} did not stop within 120 s of Ctrl-C")
    until(lambda: not group_processes(process.pid), "every process of the build ending")
    return process, said + rest


def workers_starting(process: subprocess.Popen) -> str:
    """Once a worker's Python catches SIGINT: it is importing, and cannot ignore Ctrl-C yet."""
    until(
        lambda: any(map(catches_sigint, group_processes(process.pid, "spawn_main"))),
        "a worker process starting",
    )
    return ""


def catches_sigint(pid: int) -> bool:
    import signal

    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = re.search(r"^SigCgt:\s*([0-9a-f]+)", status, re.MULTILINE)
    return bool(caught and int(caught[1], 16) >> (signal.SIGINT - 1) & 1)


def first_documents_stored(process: subprocess.Popen) -> str:
    return process.stderr.readline()  # said once the first documents are stored


def tenth_document_stored(process: subprocess.Popen) -> str:
    return "".join(process.stderr.readline() for _ in range(10))


def assert_store_whole(store: Path, corpus: Path) -> None:
    """The store opens and validates, and building again keeps every stored document as it is
    (stored whole, from the same text) and builds the others."""
    with kg.open(store, read_only=True) as graph:
        kept = len(graph.store.documents())
    validate = subprocess.run(
        [kg_command(), "validate", "--store", store], capture_output=True, text=True, timeout=600
    )
    assert validate.returncode == 0, validate.stdout + validate.stderr
    again = subprocess.run(
        [kg_command(), "build", corpus, "--jobs", "2", "--store", store],
        capture_output=True,
        text=True,
        timeout=1200,
    )
    total = len(list(corpus.iterdir()))
    assert again.returncode == 0, again.stderr
    assert f"built {total - kept} document(s), {kept} unchanged" in again.stderr, again.stderr


@pytest.mark.slow
@needs_shared()
@pytest.mark.parametrize("moment", [workers_starting, first_documents_stored])
def test_ctrl_c_during_a_parallel_build_stops_and_keeps_what_was_written(tmp_path, moment):
    """Ctrl-C during ``--jobs 2``, while the workers start (they import for seconds before they
    can ignore it) or once the first documents are stored (the last write in flight): the build
    stops with one line, leaves no process behind, and every stored document is whole."""
    corpus = bulk_corpus(tmp_path / "corpus", 60)
    store = tmp_path / "store"
    build, stderr = ctrl_c([kg_command(), "build", corpus, "--jobs", "2", "--store", store], moment)
    lines = stderr.strip().splitlines()
    assert build.returncode == 130 and lines[-1] == INTERRUPTED, stderr
    assert all(line.startswith("building: ") for line in lines[:-1]), stderr  # no traceback
    assert_store_whole(store, corpus)


@pytest.mark.slow
@needs_shared()
def test_ctrl_c_while_batches_are_extracted_and_written_raises_keyboard_interrupt(tmp_path):
    """The Python API, Ctrl-C after ten documents, with a store write every few documents:
    build_graph raises KeyboardInterrupt (the workers are ended, the write in flight ends) and
    every stored document is whole."""
    corpus = bulk_corpus(tmp_path / "corpus", 40)
    store = tmp_path / "store"
    build, stderr = ctrl_c(
        [sys.executable, "-c", BUILD_WITH_SMALL_WRITES, corpus, store], tenth_document_stored
    )
    assert build.returncode == 130 and stderr.strip().splitlines()[-1] == "KeyboardInterrupt"
    assert "Traceback" not in stderr, stderr
    assert_store_whole(store, corpus)
