"""Tables in a text: runs of ``| cell | cell |`` lines (Markdown's form; ``kg.formats`` writes
HTML tables that way), read as numbers under column headings, for row names.

>>> text = "| State | Enrollees |\\n| --- | --- |\\n| Iowa | 668,579 |\\n| Total | 9,000 |"
>>> [(c.heading, c.row_name, c.quantity.surface) for c in table_cells(text)]
[('Enrollees', 'Iowa', '668,579'), ('Enrollees', 'Total', '9,000')]
>>> [c.row_name for c in table_cells("| State | Funds | State | Funds |\\n| FL | $5 | OH | $7 |")]
['FL', 'OH']
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal

from . import vocabulary
from .amounts import Amount, find_amounts
from .amounts.reader import is_money
from .amounts.vocabulary import currency_names, currency_symbols, lookup_key, unit_words
from .amounts.vocabulary import words as amount_words
from .text import HAS_WORD

__all__ = ["Row", "TableCell", "table_rows", "table_cells", "numeric_cells", "heading_unit"]

TABLE_LINE = re.compile(r"^[ \t]*\|(?P<cells>[^\n]*)\|[ \t]*$", re.MULTILINE)
SEPARATOR_CELL = re.compile(r"\s*:?-{3,}:?\s*")


@dataclass(frozen=True)
class Row:
    """One line of a table: its span in the text and its cells' spans (stripped of spaces)."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class TableCell:
    """A cell's number (its offsets in the text; in its heading's unit), the heading of its
    column without that unit, the name of its row (None in a table without row names), the
    row's span and the table's caption."""

    quantity: Amount
    heading: str
    row_name: str | None
    row: Row
    caption: str | None


def table_rows(text: str) -> list[list[Row]]:
    """The text's tables, each a list of rows; a table is two or more lines in a row."""
    if "|" not in text:
        return []
    tables: list[list[Row]] = []
    current: list[Row] = []
    for line in TABLE_LINE.finditer(text):
        if current and text.count("\n", current[-1].end, line.start()) != 1:
            tables.append(current)
            current = []
        current.append(
            Row(
                line.start(),
                line.end(),
                tuple(cell_spans(text, line.start("cells"), line.end("cells"))),
            )
        )
    tables.append(current)
    return [table for table in tables if len(table) > 1]


def cell_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Each cell between pipes, empty ones included (so cells stay under their headings)."""
    for piece in text[start:end].split("|"):
        first = start + len(piece) - len(piece.lstrip())
        yield first, max(first, start + len(piece.rstrip()))
        start += len(piece) + 1


def table_cells(text: str) -> Iterator[TableCell]:
    """Every numeric cell under a heading, in every table of ``text``."""
    for rows in table_rows(text):
        yield from numeric_cells(text, rows)


def numeric_cells(text: str, rows: list[Row]) -> Iterator[TableCell]:
    """The heading row is the first of two or more cells, none of them a number; a one-cell
    line above it is the caption. Below it, a number's row name is the nearest cell with words
    on its left ("| FL | 618,590 | OH | 51,520 |" has two)."""
    captions, columns = [], None  # columns: (heading without its unit, the unit) each
    for row in rows:
        cells = [text[s:e] for s, e in row.cells]
        if all(SEPARATOR_CELL.fullmatch(c) for c in cells):
            continue
        if columns is None:
            if len(cells) > 1 and not any(cell_number(c) for c in cells):
                columns = [(without_unit_note(c), heading_unit(c)) for c in cells]
            elif len(cells) == 1:
                captions.append(cells[0])
            continue
        name = None
        for (start, _), cell, (heading, unit) in zip(row.cells, cells, columns):
            q = cell_number(cell)
            if q is None:
                name = cell if HAS_WORD.search(cell) else name
            elif HAS_WORD.search(heading):
                q = in_unit(q, unit)
                yield TableCell(q.shifted(start), heading, name, row, " ".join(captions) or None)


def in_unit(q: Amount, unit: tuple[float, str | None] | None) -> Amount:
    """A cell's number in the (scale, unit) its heading states ("Funding ($ millions)" | "5.2"),
    unless the cell states its own."""
    if unit is None:
        return q
    scale, code = unit
    has_scale = any(w.lower() in amount_words("scale") for w in re.findall(r"[^\W\d_]+", q.surface))
    value = q.value if has_scale else float(Decimal(str(q.value)) * Decimal(str(scale)))
    return replace(q, value=value, unit=q.unit or code, explicit=True)


NOTE = re.compile(r"\(([^()]{1,40})\)")  # "Funding ($ millions)", "Amount (Rs. crore)", "Share (%)"
IN_NOTE = re.compile(
    r"\bin\s+(\S{0,4}\s*(?:thousands?|millions?|billions?|lakhs?|crores?)\b.*)$", re.IGNORECASE
)
UNIT_TOKEN = re.compile(r"us\$|[$£€₹¥%]|[^\W\d_]+\.?")
MAX_UNIT_HEADING_WORDS = 4


def heading_unit(heading: str) -> tuple[float, str | None] | None:
    """(scale, unit code) a column heading gives its numbers, from a note in brackets, an
    "in millions" tail, or a heading that is only a unit; None when it gives none.

    >>> heading_unit("Funding ($ millions)"), heading_unit("Millions of Dollars"), heading_unit("Share (%)")
    ((1000000.0, 'USD'), (1000000.0, 'USD'), (1, 'percent'))
    >>> heading_unit("Amount in Rs crore"), heading_unit("Households (thousands)"), heading_unit("State")
    ((10000000.0, 'INR'), (1000.0, None), None)
    """
    notes = NOTE.findall(heading)
    tail = IN_NOTE.search(heading)
    notes += [tail.group(1)] if tail else []
    notes += [heading] if len(heading.split()) <= MAX_UNIT_HEADING_WORDS else []
    for note in notes:
        found = note_unit(note)
        if found is not None:
            return found
    return None


def without_unit_note(heading: str) -> str:
    """ "Funding ($ millions)" -> "Funding": the unit is in the numbers now. A heading that is
    only a unit ("Millions of Dollars") stays as it is."""
    bare = NOTE.sub(lambda m: "" if note_unit(m.group(1)) else m.group(), heading)
    tail = IN_NOTE.search(bare)
    bare = bare[: tail.start()] if tail and note_unit(tail.group(1)) else bare
    bare = " ".join(bare.split()).rstrip(" ,:")
    return bare if HAS_WORD.search(bare) else heading


def note_unit(note: str) -> tuple[float, str | None] | None:
    """(scale, unit code) of a note made only of unit words ("$ millions", "Rs. crore", "%")."""
    tokens = [t.lower() for t in UNIT_TOKEN.findall(note)]
    if not tokens or not all(map(is_unit_token, tokens)):
        return None  # other words ("Million Hearts grants") state no unit
    code = next((unit_of(t) for t in tokens if unit_of(t)), None)
    # "m" and "k" are scales only beside money ("£m"): "(m)" may be metres
    scales = [token_scale(t) for t in tokens if len(t) > 1 or is_money(code)]
    scale = next((s for s in scales if s), None)
    if scale is None and code is None:
        return None
    return scale or 1, code


UNIT_NOTE_WORDS = vocabulary.words("common_words", uses="unit-note")


def unit_of(token: str) -> str | None:
    """The unit a heading's token names: "$" -> USD, "%" -> percent, "rs." -> INR."""
    return (
        currency_symbols().get(token)
        or currency_names().get(token)
        or unit_words().get(lookup_key(token))
    )


def is_unit_token(token: str) -> bool:
    return unit_of(token) is not None or token in UNIT_NOTE_WORDS or token_scale(token) is not None


def token_scale(token: str) -> float | None:
    scales = amount_words("scale")
    scale = scales.get(token) or scales.get(token.removesuffix("s"))
    return float(scale) if scale else None


def cell_number(cell: str) -> Amount | None:
    """The number a cell states, when it has no other words ("$4 Million", "12%"; not "Phase 1")."""
    found = find_amounts(cell)
    if not found or HAS_WORD.search(cell[: found[0].start] + " " + cell[found[0].end :]):
        return None
    return found[0]
