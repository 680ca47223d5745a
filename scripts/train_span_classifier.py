"""Train the span classifier shipped in kg/extract/models/span_classifier.npz.

    .venv/bin/python scripts/train_span_classifier.py \
        --gold ../shared/eval/gold/dev --texts ../shared/corpus/dev \
        --bulk ../shared/corpus/bulk --bulk-docs 200 --folds 5

trains on every gold document plus weak labels from the first ``--bulk-docs`` unlabelled
releases (sorted by name, taken evenly from each country prefix), reports entity F1 of the
rules alone, of the rules with the classifier in-sample, and ``--folds``-fold cross-validated
by document (train on the other folds, score the held-back documents), and writes the model.
The data recipe is in ``kg/extract/span_training.py``.
Needs scipy (a dependency of kg already).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import defaultdict
from pathlib import Path

from spacy.tokens import Doc, DocBin

from kg.extract.components import COMPONENTS
from kg.extract.span_classifier import MODEL_FILE
from kg.extract.span_training import (
    capitalised_phrases,
    cross_validate,
    described_in_sample,
    evaluate,
    fit,
    gold_spans,
    read_gold,
    weak_spans,
)
from kg.settings import load_nlp
from kg.sources import read_document

MODEL_PATH = Path(__file__).resolve().parents[1] / "kg" / "extract" / MODEL_FILE


def parsed(paths: list[Path], cache: Path | None) -> dict[str, Doc]:
    """Each text parsed by the base pipeline (no kg components), cached in ``cache`` if given."""
    nlp = load_nlp()
    key = hashlib.sha1("\n".join(map(str, paths)).encode()).hexdigest()[:12]
    cached = cache / f"parsed-{key}.spacy" if cache else None
    if cached and cached.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
    else:
        texts = [read_document(p).text for p in paths]
        with nlp.select_pipes(disable=[c for c in COMPONENTS if c in nlp.pipe_names]):
            docs = list(nlp.pipe(texts, batch_size=8))
        if cached:
            cached.parent.mkdir(parents=True, exist_ok=True)
            DocBin(store_user_data=False, docs=docs).to_disk(cached)
    return {p.stem: d for p, d in zip(paths, docs, strict=True)}


def bulk_sample(folder: Path, n: int) -> list[Path]:
    """``n`` releases, the same share from each country prefix ("in-", "us-"), first by name."""
    by_prefix = defaultdict(list)
    for path in sorted(folder.glob("*.txt")):
        by_prefix[path.name.split("-")[0]].append(path)
    share = max(1, n // max(1, len(by_prefix)))
    return [p for paths in by_prefix.values() for p in paths[:share]]


def table(title: str, figures: dict) -> str:
    lines = [title, f"{'class':12s} {'P':>5s} {'R':>5s} {'F1':>5s}   tp   fp   fn"]
    for c, f in figures.items():
        lines.append(
            f"{c:12s} {f['p']:5.2f} {f['r']:5.2f} {f['f1']:5.2f} "
            f"{f['tp']:4d} {f['fp']:4d} {f['fn']:4d}"
        )
    return "\n".join(lines)


def fold_table(per_fold: list[dict]) -> str:
    """Entity F1 (all classes) per fold: rules alone and held-back documents (the fold's
    documents), in-sample (the documents its model was trained on); and their means."""
    lines = ["fold  rules  held-out  in-sample"]
    for i, fold in enumerate(per_fold, 1):
        lines.append(
            f"{i:4d}  {fold['rules']['f1']:5.3f}  {fold['held_out']['f1']:8.3f}  "
            f"{fold['in_sample']['f1']:9.3f}"
        )
    means = [sum(f[k]["f1"] for f in per_fold) / len(per_fold) for k in FOLD_COLUMNS]
    lines.append("mean  {:5.3f}  {:8.3f}  {:9.3f}".format(*means))
    return "\n".join(lines)


FOLD_COLUMNS = ("rules", "held_out", "in_sample")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files")
    parser.add_argument(
        "--texts", type=Path, required=True, help="folder of the gold documents' texts"
    )
    parser.add_argument("--bulk", type=Path, help="folder of unlabelled releases for weak labels")
    parser.add_argument("--bulk-docs", type=int, default=200)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument("--l2", type=float, default=5.0)
    parser.add_argument("--lexical-penalty", type=float, default=20.0)
    parser.add_argument("--min-documents", type=int, default=3)
    parser.add_argument("--cache", type=Path, help="folder for parsed documents (speeds up reruns)")
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--no-save", action="store_true", help="report only")
    args = parser.parse_args(argv)

    gold_paths = sorted(args.gold.glob("*.json"))
    golds = {p.stem: read_gold(p) for p in gold_paths}
    docs = parsed([args.texts / f"{name}.txt" for name in golds], args.cache)
    gold_docs = {name: (docs[name], golds[name]) for name in golds}
    gold_training = {name: gold_spans(name, doc, gold) for name, (doc, gold) in gold_docs.items()}
    weak = []
    if args.bulk:
        bulk = parsed(bulk_sample(args.bulk, args.bulk_docs), args.cache)
        described = described_in_sample(bulk.values())
        capitalised = capitalised_phrases(
            p.read_text(encoding="utf-8") for p in sorted(args.bulk.glob("*.txt"))
        )
        for name, doc in bulk.items():
            weak += weak_spans(name, doc, described, capitalised)
    print(
        f"training spans: {sum(map(len, gold_training.values()))} gold, {len(weak)} weak",
        file=sys.stderr,
    )

    options = dict(
        l2=args.l2, lexical_penalty=args.lexical_penalty, min_documents=args.min_documents
    )
    classifier = fit([s for spans in gold_training.values() for s in spans] + weak, **options)
    print(table("rules alone (no classifier)", evaluate(None, gold_docs.values())))
    print(
        table(
            "in-sample (trained on all dev documents)",
            evaluate(classifier, gold_docs.values(), args.threshold),
        )
    )
    if args.folds > 1:
        figures, per_fold = cross_validate(
            gold_docs, gold_training, weak, args.folds, args.threshold, **options
        )
        print(
            table(f"{args.folds}-fold cross-validation by document (held-back documents)", figures)
        )
        print(fold_table(per_fold))
    if not args.no_save:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        classifier.save(args.out)
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
