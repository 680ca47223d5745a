"""Audit of relations on text nobody tuned on: list what kg links, tally judgements.

    # every relation of a seeded sample, one row each (doc, policy, predicate, object, sentence)
    python benchmarks/audits/relations.py list ../shared/corpus/bulk --seed 61 > r61.tsv
    # policy and agency pairs of one sentence that kg left unlinked (to find what it missed)
    python benchmarks/audits/relations.py unlinked ../shared/corpus/bulk --seed 61 > u61.tsv
    # precision, error kinds and recall given entities, from a person's judgements
    cd benchmarks/audits && python relations.py tally r61.tsv judgements/rel_seed61.tsv \
        --missed judgements/rel_missed61.tsv

The sample is stratified by source, as the White House releases outnumber the Indian PIB ones
13 to 1: ``--indian`` files drawn with ``random.Random(seed)`` from the 143 PIB releases (all of
which sort among the first 300 files the other audits skip, so they are allowed here
explicitly) and ``--us`` from the White House releases after the first 300 files. Judgements
are keyed by (doc, policy, predicate, object), so a listing made by other code reuses them and
``tally`` names the rows still to judge. The object is the agency of ``responsibleAgency``, the
parent policy of ``partOf`` and ``implements``.

Labels: C correct (the text says this agency is responsible for, issued, launched, administers
or reported this policy; for a hierarchy, the policy is part of or implements the other); W
wrong agency (or parent); D the direction or the predicate is wrong; N an end is not a real
entity (an entity error, counted apart, not in precision); B borderline (left out).
Precision = C / (C + W + D). Relations a reader finds that kg missed although both ends were
extracted are judged per release in a second file (one row each, same key columns); recall
given entities = C / (C + missed), a missed row counting as found once a listing has it. Files
are read as kg reads them (``kg.sources``: no "# source:" line, no invisible marks).
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from samples import (
    add_tally_command,
    document_text,
    one_line,
    read_tsv,
    sample_by_source,
    write_rows,
)

SOURCES = {"indian": ("in-", 5), "us": ("us-", 10)}
COLUMNS = ("doc", "type", "policy", "predicate", "object", "sentence")
KEY = ("doc", "policy", "predicate", "object")
WRONG = ("W", "D")
POLICY_TYPES = ("Program", "Plan", "Regulation")


def relation_rows(path: Path, nlp) -> list[dict[str, str]]:
    """One row per relation kg extracts from one file, with its evidence sentence."""
    from kg.extract.doc_to_facts import facts_from_doc

    facts = facts_from_doc(nlp(document_text(path)))
    entities = {e.key: e for e in facts.entities}
    return [
        {
            "doc": path.name,
            "type": entities[r.subject_key].type,
            "policy": one_line(entities[r.subject_key].name),
            "predicate": r.predicate,
            "object": one_line(entities[r.object_key].name),
            "sentence": one_line(r.evidence.text),
        }
        for r in facts.relations
    ]


def unlinked_pairs(path: Path, nlp) -> list[dict[str, str]]:
    """Every policy and agency named in one sentence that no relation of kg links: the rows a
    reader goes through to find the relations kg missed although it has both ends."""
    from kg.extract.doc_to_facts import facts_from_doc

    doc = nlp(document_text(path))
    facts = facts_from_doc(doc)
    names = {e.key: one_line(e.name) for e in facts.entities}
    linked = {(r.subject_key, r.object_key) for r in facts.relations}
    rows = []
    for sent in doc.sents:
        inside = [m for m in doc._.kg_mentions if sent.start_char <= m.start < sent.end_char]
        policies = {m.ident: m.type for m in inside if m.type in POLICY_TYPES}
        agencies = {m.ident for m in inside if m.type == "Agency"}
        for policy, kind in policies.items():
            for agency in sorted(agencies - {a for p, a in linked if p == policy}):
                if policy in names and agency in names:
                    rows.append(
                        {
                            "doc": path.name,
                            "type": kind,
                            "policy": names[policy],
                            "predicate": "responsibleAgency",
                            "object": names[agency],
                            "sentence": one_line(sent.text),
                        }
                    )
    return rows


def sample(corpus: Path, seed: int, indian: int, us: int) -> list[Path]:
    return sample_by_source(corpus, seed, {SOURCES["indian"][0]: indian, SOURCES["us"][0]: us})


def tally(listing: Path, judgements: Path, missed: Path | None) -> None:
    """Markdown: precision (N and B left out), error counts by label and kind, recall."""
    judged = {tuple(r[k] for k in KEY): r for r in read_tsv(judgements)}
    labels: Counter = Counter()
    kinds: Counter = Counter()
    rows = read_tsv(listing)
    for row in rows:
        verdict = judged.get(tuple(row[k] for k in KEY))
        if verdict is None:
            print("unjudged\t" + "\t".join(row[c] for c in COLUMNS), file=sys.stderr)
            continue
        labels[verdict["judgement"]] += 1
        if verdict["judgement"] not in ("C", "B"):
            kinds[f"{verdict['judgement']} {verdict['kind']}".strip()] += 1
    right = labels["C"]
    counted = right + sum(labels[label] for label in WRONG)
    precision = right / counted if counted else 0.0
    print("| relations | C | W | D | N | B | precision |\n|---|---|---|---|---|---|---|")
    print(
        f"| {len(rows)} | {right} | {labels['W']} | {labels['D']} | {labels['N']} "
        f"| {labels['B']} | {precision:.3f} |"
    )
    if missed is not None:
        listed = {tuple(r[k] for k in KEY) for r in rows}
        misses = [r for r in read_tsv(missed) if tuple(r[k] for k in KEY) not in listed]
        recall = right / (right + len(misses)) if right + len(misses) else 0.0
        print(f"\ncorrect: {right}; missed with both ends: {len(misses)}; recall: {recall:.3f}")
    print("\n| error (label kind) | count |\n|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} |")


def add_listing_command(commands, name: str, **options) -> None:
    command = commands.add_parser(name, **options)
    command.add_argument("corpus", type=Path)
    command.add_argument("--seed", type=int, required=True)
    for source, (_, size) in SOURCES.items():
        command.add_argument(f"--{source}", type=int, default=size, help="files drawn")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_listing_command(commands, "list")
    add_listing_command(commands, "unlinked", help="policy-agency pairs kg left unlinked")
    add_tally_command(
        commands, missed={"type": Path, "help": "one row per relation kg missed (both ends found)"}
    )
    args = parser.parse_args()
    if args.command == "tally":
        tally(args.listing, args.judgements, args.missed)
        return
    rows_of = relation_rows if args.command == "list" else unlinked_pairs
    write_rows(sample(args.corpus, args.seed, args.indian, args.us), COLUMNS, rows_of)


if __name__ == "__main__":
    main()
