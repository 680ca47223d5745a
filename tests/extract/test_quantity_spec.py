"""The project's quantity specification: each row of ``quantity_spec.jsonl`` is one sentence,
one number in it (``mention``) and how a careful analyst reads that number under
``../shared/eval/GUIDELINES.md``: value in base units, unit code, lower and upper bound of a
range, qualifier, the change that belongs to it, the equivalent in brackets, whether it is a
change stated without its level (signed), whether it is absorbed into the amount before it
(a bracketed conversion, a change) or skipped as incidental.

How it was built: for each construction of issue 18, the sentences of the bulk corpus
(``../shared/corpus/bulk/``, US and Indian releases) and of the dev texts (China, UK, US,
India) were searched with a regular expression for that construction (for example
``\\b(rose|fell|...)\\b (by )?[\\d.]+ ?(%|percent)`` for changes, ``between \\S+ and \\S+`` for
ranges, ``(PDF|\\d+ pages)`` for file notes); the first hits per source were read and kept when
they showed the construction, shortened only where a sentence ran over several clauses.
Constructions no real text here shows (compact forms such as "AUD1.5m", other currencies'
symbols, Chinese script, street numbers, phone numbers) were written for the test. Every
expectation was written by reading the sentence, never from the gold files or from kg's output.
"""

import json
from pathlib import Path

import pytest

from kg.extract.amounts import read_quantities

SPEC = [
    json.loads(line)
    for line in (Path(__file__).parent / "quantity_spec.jsonl").read_text("utf-8").splitlines()
]


def reading_of(row):
    """The amount read at the row's mention, or None; and whether the mention lies inside
    another amount's change or equivalent."""
    start = row["text"].index(row["mention"])
    end = start + len(row["mention"])
    readings = read_quantities(row["text"])
    own = [a for a in readings if a.start < end and start < a.end]
    inside = [
        a
        for a in readings
        for part in (a.change, a.equivalent)
        if part is not None and part.start < end and start < part.end
    ]
    return (own[0] if own else None), bool(inside)


def row_id(row):
    return f"{row['construction']}:{row['mention']}:{row['text'][:40]}"


@pytest.mark.parametrize("row", SPEC, ids=row_id)
def test_quantity_spec(row):
    amount, absorbed = reading_of(row)
    if row["skip"]:
        assert amount is None and not absorbed, (
            f"{row['mention']!r} is incidental ({row['comment']})"
        )
        return
    if row["absorbed"]:
        assert amount is None and absorbed, f"{row['mention']!r} belongs to the amount before it"
        return
    assert amount is not None, f"{row['mention']!r} not read"
    assert (amount.value, amount.unit) == (pytest.approx(row["value"]), row["unit"])
    assert (amount.lower, amount.upper) == (
        approx_or_none(row["lower"]),
        approx_or_none(row["upper"]),
    )
    assert amount.qualifier == row["qualifier"]
    assert amount.is_change == row["is_change"]
    assert part(amount.change) == part_expected(row["change"])
    assert part(amount.equivalent) == part_expected(row["equivalent"])


def approx_or_none(value):
    return None if value is None else pytest.approx(value)


def part(found):
    return None if found is None else (found.value, found.unit)


def part_expected(expected):
    return None if expected is None else (pytest.approx(expected["value"]), expected["unit"])


def test_the_specification_covers_every_source_and_is_large_enough():
    real = [r for r in SPEC if r["source"] != "written"]
    prefixes = {
        r["source"][:2] if r["source"][2] == "-" else r["source"].split("_")[1][:2] for r in real
    }
    assert len(real) >= 300 and {"us", "in", "uk", "cn"} <= prefixes
