"""Shared fixtures: the real spaCy pipeline (loaded once) and a store built from the examples."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"


@pytest.fixture(scope="session")
def nlp():
    from kg.settings import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def example_graph(tmp_path_factory):
    """The shipped examples built into an on-disk store (shared by read-only tests)."""
    import kg

    return kg.build([EXAMPLES], store=tmp_path_factory.mktemp("store") / "kg")


@pytest.fixture
def run_kg(tmp_path):
    """Run the real ``kg`` console script; returns the CompletedProcess."""
    import subprocess

    def run(*args, check=False):
        kg_bin = Path(sys.executable).with_name("kg")
        return subprocess.run(
            [str(kg_bin), *map(str, args)],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            check=check,
            timeout=600,
        )

    return run


def needs_shared():
    return pytest.mark.skipif(
        not (SHARED / "corpus" / "dev").is_dir(), reason="../shared corpus not present"
    )


def kg_command() -> str:
    return str(Path(sys.executable).with_name("kg"))


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_listening(port: int, process, seconds: float = 30) -> None:
    """Block until something accepts connections on 127.0.0.1:port (or fail if the process died)."""
    import socket
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"server exited with {process.returncode}: {process.stderr.read() if process.stderr else ''}"
            )
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing listening on 127.0.0.1:{port} after {seconds} s")


def stop(process) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except Exception:  # noqa: BLE001
        process.kill()
        process.wait()
