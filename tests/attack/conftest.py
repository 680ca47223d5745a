"""The standing attack corpus (issue 21): writers of hostile inputs, a real ``kg serve`` that
can be started with any options, and a listener that records whether anything called out.

Every server here listens on 127.0.0.1 only, runs under a data-segment limit (so that an
attack that still works today cannot take the machine's memory), and is stopped by the test
that started it.
"""

from __future__ import annotations

import os
import resource
import socket
import subprocess
import threading
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from ..conftest import EXAMPLES, free_port, kg_command, stop, wait_until_listening

# A ceiling on everything a test starts: high enough for any honest answer, low enough that a
# memory attack that still works is stopped by the kernel instead of taking the machine.
SAFETY_MEMORY_BYTES = 1_500_000_000


def limit_memory(limit: int = SAFETY_MEMORY_BYTES):
    """A ``preexec_fn`` putting the child (and the workers it spawns) under ``limit`` bytes of data."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))

    return apply


def one_line(text: str) -> bool:
    return len(text.strip().splitlines()) == 1 and "Traceback" not in text


# -- documents -------------------------------------------------------------------------------------
def good_documents(folder: Path, count: int = 16) -> list[Path]:
    """``count`` distinct short releases (the examples, numbered), named to sort first."""
    folder.mkdir(parents=True, exist_ok=True)
    examples = sorted(EXAMPLES.glob("*.txt"))
    paths = []
    for number in range(count):
        text = examples[number % len(examples)].read_text(encoding="utf-8")
        path = folder / f"a-good-{number:02}.txt"
        path.write_text(f"Release {number}.\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


CHINESE_SCALES = {  # file stem -> a sentence whose scale words once stopped a whole build (KeyError)
    "wan-yi": "The fund reached 1.47万亿元 in 2023, the Ministry of Finance said.",
    "wan-wan": "Retail sales reached 3万万 yuan in 2023, the Ministry of Commerce said.",
    "lakh-wan": "The Ministry of Power sanctioned 5 lakh万 rupees for the National Grid Plan.",
}
SENTENCE = "The Ministry of Power issued the National Grid Modernisation Plan on Tuesday."


def utf16_with_bom_odd_length() -> bytes:
    return b"\xff\xfe" + SENTENCE.encode("utf-16-le") + b"A"  # one stray byte at the end


def utf16_without_bom() -> bytes:
    return SENTENCE.encode("utf-16-le")


def pdf_document(objects: dict[int, bytes]) -> bytes:
    """A PDF file from numbered object bodies (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (max(objects) + 1)
    for number in range(1, max(objects) + 1):
        out += b"%010d 00000 n \n" % offsets[number]
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        max(objects) + 1,
        xref,
    )
    return bytes(out)


def pdf_stream(data: bytes, entries: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), entries) + data + b"\nendstream"


def one_page_pdf(contents: bytes, resources: bytes, extra: dict[int, bytes] | None = None) -> bytes:
    return pdf_document(
        {
            1: b"<< /Type /Catalog /Pages 2 0 R >>",
            2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources "
            + resources
            + b" >>",
            4: contents,
            5: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
            **(extra or {}),
        }
    )


def pdf_decompression_bomb(megabytes: int = 100) -> bytes:
    """A page whose content stream inflates from ~100 KB to ``megabytes`` MB."""
    deflate = zlib.compressobj(9)
    chunk = b"0" * 1_000_000
    parts = [deflate.compress(b"BT /F1 12 Tf 72 712 Td (")]
    parts += [deflate.compress(chunk) for _ in range(megabytes)]
    parts += [deflate.compress(b") Tj ET"), deflate.flush()]
    return one_page_pdf(
        pdf_stream(b"".join(parts), b"/Filter /FlateDecode"), b"<< /Font << /F1 5 0 R >> >>"
    )


def pdf_self_referencing_resources() -> bytes:
    """The page's resources are an indirect object that refers to itself."""
    text = b"BT /F1 12 Tf 72 712 Td (" + SENTENCE.encode() + b") Tj ET"
    return one_page_pdf(pdf_stream(text), b"6 0 R", {6: b"6 0 R"})


# -- file-system shapes ---------------------------------------------------------------------------------
def without_root_override(command: list[str]) -> list[str]:
    """``command`` run without the capabilities that let root read any file (tests run as root
    in CI), so that a folder with mode 000 is unreadable to it as it is to anyone else."""
    if os.geteuid() != 0:
        return command
    return ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", "--", *command]


def unreadable_folder(folder: Path) -> Path:
    locked = folder / "locked"
    locked.mkdir()
    (locked / "inside.txt").write_text(SENTENCE, encoding="utf-8")
    locked.chmod(0)
    return locked


def symlink_loop(folder: Path) -> Path:
    loop = folder / "loop.txt"
    loop.symlink_to(loop.name)
    return loop


def invalid_utf8_name(folder: Path) -> Path:
    raw = os.fsencode(folder) + b"/caf\xe9-release.txt"
    with open(raw, "w", encoding="utf-8") as file:
        file.write(SENTENCE)
    return Path(os.fsdecode(raw))


def run_kg(
    *args,
    cwd: Path,
    timeout: float = 180,
    wrap=lambda command: command,
    memory: int = SAFETY_MEMORY_BYTES,
) -> subprocess.CompletedProcess:
    command = wrap([kg_command(), *map(str, args)])
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        preexec_fn=limit_memory(memory),
        errors="replace",
    )


# -- stores and servers ----------------------------------------------------------------------------------
def synthetic_store(path: Path, triples: int, documents: int = 20) -> Path:
    """A store folder laid out as kg lays one out (one named graph per document, their union in
    the default graph), filled without spaCy: the endpoint attacks need rows, not extraction."""
    import pyoxigraph as ox

    store = ox.Store(str(path))
    quads = []
    for i in range(triples):
        triple = (
            ox.NamedNode(f"https://example.org/id/s{i}"),
            ox.NamedNode(f"https://example.org/p{i % 7}"),
            ox.Literal(f"value number {i}"),
        )
        quads += [
            ox.Quad(*triple, ox.NamedNode(f"https://example.org/doc/{i % documents}")),
            ox.Quad(*triple, ox.DefaultGraph()),
        ]
    store.extend(quads)
    store.flush()
    del store
    return path


@dataclass
class Server:
    url: str
    port: int
    process: subprocess.Popen
    log_path: Path
    store: Path
    options: tuple = ()

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def start_server(store: Path, log_path: Path, *options: str) -> Server:
    port = free_port()
    log = open(log_path, "w", encoding="utf-8")
    process = subprocess.Popen(
        [kg_command(), "serve", "--store", str(store), "--port", str(port), *options],
        stdout=log,
        stderr=log,
        preexec_fn=limit_memory(),
    )
    log.close()
    try:
        wait_until_listening(port, process)
    except RuntimeError:
        stop(process)
        raise
    return Server(f"http://127.0.0.1:{port}", port, process, log_path, store, options)


ATTACK_TRIPLES = 1_500  # small to write, but a cartesian product of them holds 2.25M rows


@pytest.fixture(scope="module")
def attack_stores(tmp_path_factory):
    """A new store folder on each call: a served store is held by its server alone."""
    return lambda: synthetic_store(tmp_path_factory.mktemp("attack") / "kg", ATTACK_TRIPLES)


@pytest.fixture(scope="module")
def servers(attack_stores, tmp_path_factory):
    """``servers(*options)`` starts ``kg serve`` with those options on a store of its own; every
    server started is stopped when the module's tests are done."""
    started = []

    def start(*options: str) -> Server:
        log = tmp_path_factory.mktemp("serve") / "serve.log"
        started.append(start_server(attack_stores(), log, *options))
        return started[-1]

    yield start
    for served in started:
        stop(served.process)


@pytest.fixture(scope="module")
def server(servers):
    """``kg serve`` as a user would start it, with a short timeout; shared by a module's tests."""
    return servers("--timeout", "10", "--workers", "2")


# -- raw HTTP ----------------------------------------------------------------------------------------------
def raw_request(port: int, request: bytes, timeout: float = 30) -> bytes:
    """Send ``request`` as it is and return everything the server answers until it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as connection:
        connection.sendall(request)
        chunks = []
        while chunk := connection.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_of(response: bytes) -> int:
    return int(response.split(b" ", 2)[1]) if response.startswith(b"HTTP/") else 0


def body_of(response: bytes) -> str:
    return response.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")


@dataclass
class Listener:
    """A TCP listener on 127.0.0.1 that counts the connections made to it (the far end of a
    federated query): it must stay at zero."""

    port: int
    connections: list = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sparql"


@pytest.fixture
def listener():
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    heard = Listener(sock.getsockname()[1])

    def accept() -> None:
        while True:
            try:
                connection, _ = sock.accept()
            except OSError:
                return
            heard.connections.append(connection.recv(200))
            connection.close()

    threading.Thread(target=accept, daemon=True).start()
    yield heard
    sock.close()
