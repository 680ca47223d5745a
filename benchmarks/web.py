"""What a person waits for in the browser and at the keyboard: a real ``kg serve`` on
127.0.0.1 and a headless Chromium (/usr/bin/chromium).

    python benchmarks/web.py STORE [--corpus DIR]  # alone, or via benchmarks/run.py --web-store

Rows: time to first byte of the query page ``/`` (median of 20, after one warm-up), the
time ``/view`` takes to be drawn and usable in Chromium once the server has made the page
(navigation start to the first frame after load, median of 5), the server's first making of
that page, and (with ``--corpus``) how long ``kg build --jobs 2`` takes to stop after Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

KG = str(Path(sys.executable).with_name("kg"))
VIEW_RUNS = 5  # page loads measured (a shared machine's load moves single runs by 2x)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("store", type=Path)
    parser.add_argument("--corpus", type=Path, help="text files for the Ctrl-C measurement")
    args = parser.parse_args()
    for row in web_measures(args.store, args.corpus):
        print(" | ".join(row), flush=True)


def web_measures(store: Path, corpus: Path | None = None) -> Iterator[tuple[str, str, str]]:
    """The rows, each as soon as it is measured."""
    with served(store) as url:
        yield first_byte(url)
        yield from view_in_chromium(url)
    if corpus is not None:
        yield ctrl_c_stop(corpus)


class served:
    """``kg serve`` on a free port of 127.0.0.1 for the ``with`` block."""

    def __init__(self, store: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process = subprocess.Popen(
            [KG, "serve", "--store", str(store), "--port", str(self.port), "--quiet"]
        )

    def __enter__(self) -> str:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return f"http://127.0.0.1:{self.port}"
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("kg serve did not start")

    def __exit__(self, *exc) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def first_byte(url: str) -> tuple[str, str, str]:
    def once() -> float:
        started = time.perf_counter()
        with urllib.request.urlopen(url + "/", timeout=60) as response:
            response.read(1)
            return (time.perf_counter() - started) * 1000

    once()
    times = [once() for _ in range(20)]
    return (
        "query page `/`: time to first byte",
        f"{statistics.median(times):.1f} ms (median of 20)",
        "goal < 200 ms",
    )


def view_in_chromium(url: str) -> list[tuple[str, str, str]]:
    started = time.perf_counter()
    with urllib.request.urlopen(
        url + "/view", timeout=600
    ) as response:  # the server makes the page
        size = len(response.read())
    making = time.perf_counter() - started
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.test_viz import chromium

    times, nodes = [], 0
    for _ in range(VIEW_RUNS):
        driver = chromium()
        try:
            driver.get(url + "/view")
            # The first frame after load: vis-network has drawn the fixed layout and takes input.
            times.append(
                driver.execute_async_script(
                    "const done = arguments[0];"
                    "requestAnimationFrame(() => requestAnimationFrame("
                    "() => done(performance.now())));"
                )
            )
            nodes = driver.execute_script("return drawnIds().length")
        finally:
            driver.quit()
    return [
        (
            "`/view` drawn and usable in Chromium",
            f"{statistics.median(times) / 1000:.2f} s (median of {VIEW_RUNS}; "
            f"{min(times) / 1000:.2f}-{max(times) / 1000:.2f})",
            f"{nodes:,} nodes drawn, page {size / 1e6:.1f} MB; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; goal < 2 s",
        ),
        (
            "`/view` made by the server (first request)",
            f"{making:.1f} s",
            "then cached until the store changes",
        ),
    ]


def ctrl_c_stop(corpus: Path) -> tuple[str, str, str]:
    with tempfile.TemporaryDirectory() as scratch:
        build = subprocess.Popen(
            [KG, "build", str(corpus), "--jobs", "2", "--store", f"{scratch}/store"],
            stderr=subprocess.PIPE,
            text=True,
            start_new_session=True,
            preexec_fn=heed_ctrl_c,
        )
        build.stderr.readline()  # the first documents are stored
        time.sleep(3)  # well into the build
        started = time.perf_counter()
        os.killpg(build.pid, signal.SIGINT)
        build.wait(timeout=120)  # the prompt is back
        stopped = time.perf_counter() - started
        time.sleep(1)
        left = processes_in_group(build.pid)
        build.stderr.close()
    return (
        "Ctrl-C during `kg build --jobs 2`: time to stop",
        f"{stopped:.2f} s",
        f"goal < 2 s; {left} of its processes left a second later",
    )


def heed_ctrl_c() -> None:
    """SIGINT as a terminal's foreground job has it: a job a shell starts in the background
    inherits SIGINT ignored, and so would the build (which then rightly ignores Ctrl-C)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def processes_in_group(group: int) -> int:
    """Live processes of the group (an ended worker waiting for init to reap it is not one)."""

    def live_in_group(stat: Path) -> bool:
        try:
            state, _, pgrp = stat.read_text().rsplit(")", 1)[-1].split()[:3]
        except OSError:  # ended meanwhile
            return False
        return pgrp == str(group) and state != "Z"

    return sum(1 for stat in Path("/proc").glob("[0-9]*/stat") if live_in_group(stat))


if __name__ == "__main__":
    if not shutil.which("chromedriver"):
        sys.exit("benchmarks/web.py needs chromium and chromium-driver")
    main()
