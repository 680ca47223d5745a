"""Proof that a speed change left extraction alone: every document's triples, before and after.

    python benchmarks/identical_output.py save /tmp/reference.json.gz    # before the change
    python benchmarks/identical_output.py check /tmp/reference.json.gz   # after it

By default the documents are the dev texts and the first 300 bulk releases (``--corpus`` and
``--limit`` change that). Each document goes through the build's own extraction
(``nlp.pipe``, long texts in chunks, ``facts_from_doc``, ``document_graph``) with a fixed
extractor description, since the real one holds a digest of the code being changed; its
N-Triples are sorted and kept whole, so that ``check`` prints the lines that differ.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import sys
from pathlib import Path

from kg.builder import documents_facts
from kg.rdf.build import document_graph
from kg.settings import load_nlp
from kg.sources import iter_documents

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"  # ../shared beside the checkout
DEFAULT_CORPORA = (SHARED / "corpus" / "dev", SHARED / "corpus" / "bulk")
FIXED_EXTRACTOR = "kg (reference)"
BATCH = 16  # as `kg build` parses


def main() -> None:
    args = parse_args()
    triples = extracted_triples(args.corpus or DEFAULT_CORPORA, args.limit)
    if args.action == "save":
        with gzip.open(args.reference, "wt", encoding="utf-8") as out:
            json.dump(triples, out)
        print(f"saved the triples of {len(triples)} documents to {args.reference}")
        return
    with gzip.open(args.reference, "rt", encoding="utf-8") as saved:
        reference = json.load(saved)
    differing = [
        label
        for label in reference.keys() | triples.keys()
        if reference.get(label) != triples.get(label)
    ]
    for label in sorted(differing)[:5]:
        diff = difflib.unified_diff(reference.get(label, []), triples.get(label, []), lineterm="")
        print(f"--- {label}", *list(diff)[2:40], sep="\n")
    lines = sum(len(t) for t in triples.values())
    print(f"{len(triples)} documents, {lines:,} triples: {len(differing)} documents differ")
    sys.exit(1 if differing else 0)


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("action", choices=("save", "check"))
    parser.add_argument("reference", type=Path, help="the saved triples (.json.gz)")
    parser.add_argument("--corpus", type=Path, action="append", help="folder (repeatable)")
    parser.add_argument("--limit", type=int, default=300, help="documents from each folder")
    return parser.parse_args()


def extracted_triples(folders, limit: int) -> dict[str, list[str]]:
    """Each document's sorted N-Triples lines, by its path."""
    nlp = load_nlp()
    documents = [
        document
        for folder in folders
        for _, document in zip(range(limit), iter_documents([folder]), strict=False)
    ]
    batches = [documents[i : i + BATCH] for i in range(0, len(documents), BATCH)]
    return {
        document.path: sorted(graph_lines(document, facts))
        for batch in batches
        for facts, document in documents_facts(nlp, batch, BATCH)
    }


def graph_lines(document, facts) -> list[str]:
    return document_graph(document, facts, FIXED_EXTRACTOR).ntriples().splitlines()


if __name__ == "__main__":
    main()
