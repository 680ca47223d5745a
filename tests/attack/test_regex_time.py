"""Text shaped to make a regular expression backtrack (issue 21): reading and building it must
cost about what spaCy costs on the same bytes, never minutes.

A child process loads the pipelines once, then for each text reports, in order: spaCy's
tokenizer time, kg's reading time (``document_from_text``: markup and tables), spaCy's parse
time, and kg's build time. Reading is measured against tokenizing and building against parsing,
the spaCy step of the same weight. The parent gives each kg step ``BUDGET`` times its spaCy
step and kills the child past it. No absolute seconds: the budget scales with the machine."""

from __future__ import annotations

import json
import queue
import subprocess
import sys
import textwrap
import threading

import pytest

from ..conftest import EXAMPLES
from .conftest import limit_memory

pytestmark = pytest.mark.slow

BUDGET = 4.0  # a kg step may take this many times the spaCy step it is measured against
SHAPES = {  # the four patterns that went quadratic or worse, and text that made them
    "e-mail pattern on @@@": "@" * 6_000,
    "e-mail pattern on a long word before @": "a" * 60_000 + "@",
    "possessive pattern in a long name run": "A" * 80_000,
    "ordinal pattern on a long digit run": "1" * 64_000,
    "embedded <table> pattern": "<table " * 3_000,
    # each number scanned the whole sentence for telephone numbers: 20 KB took 31 s, not 3 s
    "a sentence of 3,000 numbers": " ".join(str(n * 7919 % 100_000) for n in range(3_000)),
}
STEPS = (("tokenize", "read"), ("parse", "build"))  # (spaCy step, kg step measured against it)
CHILD = """
    import json, sys, time
    import spacy
    import kg
    from kg.settings import load_nlp, resolve_model_name
    from kg.sources import document_from_text

    bare = spacy.load(resolve_model_name())
    load_nlp()  # both pipelines loaded, and kg's first build done, before anything is timed
    kg.build(["The Ministry of Power issued the National Grid Plan on Monday."])
    steps = {
        "tokenize": bare.make_doc,
        "read": document_from_text,
        "parse": bare,
        "build": lambda t: kg.build([t]),
    }
    for line in sys.stdin:
        text = json.loads(line)
        for name, step in steps.items():
            started = time.perf_counter()
            step(text)
            print(json.dumps([name, time.perf_counter() - started]), flush=True)
"""


def prose() -> str:
    texts = [
        path.read_text(encoding="utf-8").split("\n", 2)[2]
        for path in sorted(EXAMPLES.glob("*.txt"))
    ]
    return "\n\n".join(texts * 3)


def read_step(lines: queue.Queue, seconds: float | None) -> float | None:
    """The time the child reports for its next step, or None when none came within ``seconds``."""
    try:
        line = lines.get(timeout=seconds)
    except queue.Empty:
        return None
    return json.loads(line)[1] if line else None


def start_child() -> tuple[subprocess.Popen, queue.Queue]:
    """The measuring process and a queue of its output lines ("" once it has ended), filled by a
    thread: a line read ahead into a pipe's buffer would hide from ``select``."""
    process = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(CHILD)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        preexec_fn=limit_memory(),
    )
    lines: queue.Queue = queue.Queue()

    def forward() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put("")

    threading.Thread(target=forward, daemon=True).start()
    return process, lines


def measure(process: subprocess.Popen, lines: queue.Queue, text: str) -> float:
    """The largest ratio of a kg step to its spaCy step; inf when a kg step passed its budget."""
    process.stdin.write(json.dumps(text) + "\n")
    process.stdin.flush()
    worst = 0.0
    for _ in STEPS:  # (spaCy step, kg step) pairs, reported in that order
        reference = read_step(lines, None)  # model loading and spaCy itself: not what is measured
        assert reference is not None, "the measuring process died"
        taken = read_step(lines, BUDGET * reference)
        if taken is None:
            return float("inf")
        worst = max(worst, taken / reference)
    return worst


@pytest.fixture(scope="module")
def ratios() -> dict[str, float]:
    """Each shape (glued to ordinary prose) and the prose alone -> its worst ratio."""
    texts = {"prose": prose(), **{name: shape + "\n\n" + prose() for name, shape in SHAPES.items()}}
    found, (process, lines) = {}, start_child()
    try:
        for name, text in texts.items():
            found[name] = measure(process, lines, text)
            if found[name] == float(
                "inf"
            ):  # the child is stuck in that text: a new one for the rest
                process.kill()
                process.wait()
                process, lines = start_child()
    finally:
        process.kill()
        process.wait()
    return found


def test_ordinary_prose_reads_and_builds_within_the_budget(ratios):
    assert ratios["prose"] < BUDGET


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_no_text_makes_a_pattern_backtrack_past_the_budget(ratios, shape):
    assert ratios[shape] < BUDGET, f"{shape}: a kg step took more than {BUDGET:g}x its spaCy step"
