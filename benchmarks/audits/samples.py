"""What the bulk audits share: a seeded sample of releases nobody tuned on, TSV in and out.

The sample skips the first ``SKIPPED`` files in sorted order (read by earlier sessions) and is
drawn with ``random.Random(seed).sample``, so a seed names one sample for good.
"""

from __future__ import annotations

import csv
import random
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

SKIPPED = 300  # the first files in sorted order, read by earlier sessions


def sample_files(corpus: Path, seed: int, size: int) -> list[Path]:
    """``size`` files drawn with ``seed`` from all but the first ``SKIPPED`` in sorted order."""
    files = sorted(corpus.glob("*.txt"))
    return sorted(random.Random(seed).sample(files[SKIPPED:], size))


def sample_by_source(corpus: Path, seed: int, sizes: dict[str, int]) -> list[Path]:
    """``sizes[prefix]`` files drawn with ``seed`` from the files whose name starts with
    ``prefix`` ("in-": Indian PIB releases, "us-": White House releases), so a source the corpus
    holds few of is read too. A source that lies wholly in the first ``SKIPPED`` files (the 143
    PIB releases) is drawn from all its files; any other skips those files as ``sample_files``
    does."""
    files = sorted(corpus.glob("*.txt"))
    drawn = []
    for prefix, size in sizes.items():
        own = [f for f in files if f.name.startswith(prefix)]
        unread = [f for f in own if f not in files[:SKIPPED]]
        drawn += random.Random(seed).sample(unread or own, size)
    return sorted(drawn)


def document_text(path: Path) -> str:
    """A file's text as kg reads it (``kg.sources``): without its "# source:" line and the
    invisible marks that split names ("Biden-\u2060Harris")."""
    from kg.sources import read_document

    return read_document(path).text


def one_line(text: str) -> str:
    return " ".join(text.split())


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def write_sample_rows(
    corpus: Path, seed: int, size: int, columns: Iterable[str], rows_of: Callable
) -> None:
    """TSV on stdout: ``rows_of(path, nlp)`` for every file of the sample, with kg's pipeline."""
    write_rows(sample_files(corpus, seed, size), columns, rows_of)


def write_rows(files: Iterable[Path], columns: Iterable[str], rows_of: Callable) -> None:
    """TSV on stdout: ``rows_of(path, nlp)`` for every file, with kg's pipeline."""
    from kg.settings import load_nlp

    nlp = load_nlp()
    writer = csv.DictWriter(sys.stdout, tuple(columns), delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for path in files:
        writer.writerows(rows_of(path, nlp))


def add_sample_command(commands, name: str, size: int, **options) -> None:
    """A subcommand that reads a seeded sample: ``corpus``, ``--seed``, ``--size``."""
    command = commands.add_parser(name, **options)
    command.add_argument("corpus", type=Path)
    command.add_argument("--seed", type=int, required=True)
    command.add_argument("--size", type=int, default=size)


def add_tally_command(commands, **extra: dict) -> None:
    """``tally LISTING JUDGEMENTS`` and the options in ``extra`` (name -> add_argument keywords)."""
    tallying = commands.add_parser("tally")
    tallying.add_argument("listing", type=Path)
    tallying.add_argument("judgements", type=Path)
    for option, keywords in extra.items():
        tallying.add_argument(f"--{option}", **keywords)
