"""Audit of policy names on text nobody tuned on: list what kg extracts, tally judgements.

    # every Program, Plan and Regulation of a seeded sample, one row each (doc, type, name, ...)
    python benchmarks/audits/policy_mentions.py list ../shared/corpus/bulk --seed 13 > s13.tsv
    # precision per class and error kinds, from a person's judgements of those rows
    cd benchmarks/audits && python policy_mentions.py tally s13.tsv judgements/seed13.tsv

The sample skips the first 300 files in sorted order (read by earlier sessions) and is drawn
with ``random.Random(seed).sample``, so a seed names one sample for good. Judgements are keyed
by (doc, type, name), so a listing made by other code reuses them and ``tally`` names the rows
still to judge. Labels: C correct; S too short; L too long; K wrong class; N not a policy;
G a duplicate or bare short form of a name the document also gives (another node for one
thing); B borderline (private initiatives, military operations), left out of precision.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from samples import (
    add_sample_command,
    add_tally_command,
    one_line,
    read_tsv,
    write_sample_rows,
)

SAMPLE_SIZE = 40
POLICY_TYPES = ("Program", "Plan", "Regulation")
COLUMNS = ("doc", "type", "name", "aliases", "sentence")


def policy_rows(path: Path, nlp) -> list[dict[str, str]]:
    """One row per policy entity kg extracts from one file, with its first evidence sentence."""
    from kg.extract.doc_to_facts import facts_from_doc

    facts = facts_from_doc(nlp(path.read_text(encoding="utf-8")))
    return [
        {
            "doc": path.name,
            "type": entity.type,
            "name": one_line(entity.name),
            "aliases": " | ".join(one_line(a) for a in entity.aliases),
            "sentence": one_line(entity.evidence[0].text) if entity.evidence else "",
        }
        for entity in facts.entities
        if entity.type in POLICY_TYPES
    ]


def list_sample(corpus: Path, seed: int, size: int) -> None:
    write_sample_rows(corpus, seed, size, COLUMNS, policy_rows)


def tally(listing: Path, judgements: Path) -> None:
    """Markdown: precision per class (B left out) and error counts by label and kind."""
    judged = {(r["doc"], r["type"], r["name"]): r for r in read_tsv(judgements)}
    labels: dict[str, Counter] = {t: Counter() for t in POLICY_TYPES}
    kinds: Counter = Counter()
    for row in read_tsv(listing):
        verdict = judged.get((row["doc"], row["type"], row["name"]))
        if verdict is None:
            print("unjudged\t" + "\t".join(row[c] for c in COLUMNS), file=sys.stderr)
            continue
        labels[row["type"]][verdict["judgement"]] += 1
        if verdict["judgement"] not in ("C", "B"):
            kinds[f"{verdict['judgement']} {verdict['kind']}".strip()] += 1
    print("| class | extracted | correct | borderline | wrong | precision |")
    print("|---|---|---|---|---|---|")
    for name, counts in [*labels.items(), ("all", sum(labels.values(), Counter()))]:
        total, right, unsure = sum(counts.values()), counts["C"], counts["B"]
        judged_count = total - unsure
        precision = right / judged_count if judged_count else 0.0
        wrong = judged_count - right
        print(f"| {name} | {total} | {right} | {unsure} | {wrong} | {precision:.3f} |")
    print("\n| error (label kind) | count |\n|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_sample_command(commands, "list", SAMPLE_SIZE)
    add_tally_command(commands)
    args = parser.parse_args()
    if args.command == "list":
        list_sample(args.corpus, args.seed, args.size)
    else:
        tally(args.listing, args.judgements)


if __name__ == "__main__":
    main()
