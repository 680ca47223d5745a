"""Audit of observations on text nobody tuned on: list what kg extracts, tally judgements.

    # every observation of a seeded sample, one row each (doc, value, unit, metric, ...)
    python benchmarks/audits/observations.py list ../shared/corpus/bulk --seed 51 > s51.tsv
    # precision and error kinds, from a person's judgements of those rows
    cd benchmarks/audits && python observations.py tally s51.tsv judgements/obs_seed51.tsv \
        --missed judgements/obs_missed51.tsv

The sample skips the first 300 files in sorted order (read by earlier sessions) and is drawn
with ``random.Random(seed).sample``, so a seed names one sample for good. Judgements are keyed
by (doc, sentence, value), so a listing made by other code reuses them and ``tally`` names the
rows still to judge; each judgement also records the metric it judged, and a row whose metric
other code words differently is judged again (a row of its own). Labels: C correct; V wrong
value, scale or unit; M wrong or empty metric; X not an observation (an incidental number: a
date, an address, a name's digits, a counter); D a duplicate of another row; B borderline, left
out of precision. Missed numbers (recall) are judged per release in a second file, one row per
reported statistic kg did not list (label R), read from ``unlisted`` (every number no
observation covers); recall counts a number as found when its row is C, V or M (the number was
read, whatever its metric).
"""

from __future__ import annotations

import argparse
import re
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

SAMPLE_SIZE = 15
COLUMNS = ("doc", "value", "unit", "metric", "period", "change", "qualifier", "sentence")
KEY = ("doc", "sentence", "value")
WRONG = ("V", "M", "X", "D")


def number(value: float | None) -> str:
    """A value as the listing writes it: ``%g`` with enough digits to tell amounts apart."""
    return "" if value is None else f"{value:.10g}"


def change_text(observation) -> str:
    change = observation.change
    if change is None:
        return ""
    return f"{number(change.value)} {change.unit}" + (f" ({change.basis})" if change.basis else "")


def bounded_qualifier(observation) -> str:
    """The qualifier, and a range's bounds when it has them ("5-10")."""
    bounds = (
        f"{number(observation.lower)}..{number(observation.upper)}"
        if observation.lower is not None or observation.upper is not None
        else ""
    )
    return " ".join(part for part in (observation.qualifier or "", bounds) if part)


def observation_rows(path: Path, nlp) -> list[dict[str, str]]:
    """One row per observation kg extracts from one file, with its evidence sentence."""
    from kg.extract.doc_to_facts import facts_from_doc

    facts = facts_from_doc(nlp(path.read_text(encoding="utf-8")))
    return [
        {
            "doc": path.name,
            "value": number(o.value),
            "unit": o.unit or "",
            "metric": one_line(o.metric),
            "period": o.period or "",
            "change": change_text(o),
            "qualifier": bounded_qualifier(o),
            "sentence": one_line(o.evidence.text),
        }
        for o in sorted(facts.observations, key=lambda o: o.start)
    ]


def list_sample(corpus: Path, seed: int, size: int) -> None:
    write_sample_rows(corpus, seed, size, COLUMNS, observation_rows)


NUMBER = re.compile(
    r"[$£€]?\d[\d,.]*\s*(?:%|percent|million|billion|trillion|thousand)?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty"
    r"|hundred|thousand|million|billion|half|third|quarter|double[ds]?|triple[ds]?)\b",
    re.IGNORECASE,
)


def unlisted_numbers(path: Path, nlp) -> list[dict[str, str]]:
    """Numbers in one file that no observation covers, with their sentence: the rows a reader
    goes through to judge what kg missed (most are dates and names, not statistics)."""
    from kg.extract.doc_to_facts import facts_from_doc

    doc = nlp(path.read_text(encoding="utf-8"))
    covered = [(o.start, o.start + len(o.surface)) for o in facts_from_doc(doc).observations]
    rows = []
    for sent in doc.sents:
        for match in NUMBER.finditer(sent.text):
            start = sent.start_char + match.start()
            if any(a <= start < b for a, b in covered):
                continue
            rows.append(
                {"doc": path.name, "number": match.group().strip(), "sentence": one_line(sent.text)}
            )
    return rows


def list_unlisted(corpus: Path, seed: int, size: int) -> None:
    write_sample_rows(corpus, seed, size, ("doc", "number", "sentence"), unlisted_numbers)


def tally(listing: Path, judgements: Path, missed: Path | None) -> None:
    """Markdown: precision (B left out), error counts by label and kind, and recall."""
    judged: dict[tuple, dict[str, dict[str, str]]] = {}
    for r in read_tsv(judgements):
        judged.setdefault(tuple(r[k] for k in KEY), {})[r["metric"]] = r
    labels: Counter = Counter()
    kinds: Counter = Counter()
    for row in read_tsv(listing):
        verdict = judged.get(tuple(row[k] for k in KEY), {}).get(row["metric"])
        if verdict is None:
            print("unjudged\t" + "\t".join(row[c] for c in COLUMNS), file=sys.stderr)
            continue
        labels[verdict["judgement"]] += 1
        if verdict["judgement"] in WRONG:
            kinds[f"{verdict['judgement']} {verdict['kind']}".strip()] += 1
    total, right, unsure = sum(labels.values()), labels["C"], labels["B"]
    judged_count = total - unsure
    precision = right / judged_count if judged_count else 0.0
    print("| extracted | correct | borderline | " + " | ".join(WRONG) + " | precision |")
    print("|---|---|---|" + "---|" * len(WRONG) + "---|")
    wrong = " | ".join(str(labels[label]) for label in WRONG)
    print(f"| {total} | {right} | {unsure} | {wrong} | {precision:.3f} |")
    if missed is not None:
        misses = len(still_missed(read_tsv(missed), read_tsv(listing)))
        found = right + sum(labels[label] for label in ("V", "M"))  # a reported number, read
        recall = found / (found + misses) if found + misses else 0.0
        print(f"\nreported numbers found: {found}; missed: {misses}; recall: {recall:.3f}")
    print("\n| error (label kind) | count |\n|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} |")


def still_missed(missed: list[dict[str, str]], listing: list[dict[str, str]]) -> list[dict]:
    """The missed numbers the listing still lacks: one listed since, in its sentence and with
    its value, is found (whatever its metric, judged in the listing's own rows)."""
    from kg.extract.amounts import read_quantities

    listed = {(r["doc"], r["sentence"], r["value"]) for r in listing}
    still = []
    for row in missed:
        values = {number(q.value) for q in read_quantities(row["number"])}
        if not any((row["doc"], row["sentence"], v) in listed for v in values):
            still.append(row)
    return still


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    add_sample_command(commands, "list", SAMPLE_SIZE)
    add_sample_command(
        commands, "unlisted", SAMPLE_SIZE, help="numbers no observation covers (recall)"
    )
    add_tally_command(
        commands, missed={"type": Path, "help": "one row per reported number kg missed"}
    )
    args = parser.parse_args()
    if args.command == "list":
        list_sample(args.corpus, args.seed, args.size)
    elif args.command == "unlisted":
        list_unlisted(args.corpus, args.seed, args.size)
    else:
        tally(args.listing, args.judgements, args.missed)


if __name__ == "__main__":
    main()
