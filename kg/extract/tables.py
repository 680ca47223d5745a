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
from dataclasses import dataclass

from .quantities import Quantity, find_quantities

__all__ = ["Row", "TableCell", "table_rows", "table_cells", "numeric_cells"]

TABLE_LINE = re.compile(r"^[ \t]*\|(?P<cells>[^\n]*)\|[ \t]*$", re.MULTILINE)
SEPARATOR_CELL = re.compile(r"\s*:?-{3,}:?\s*")
HAS_WORD = re.compile(r"[^\W\d_]{2}")


@dataclass(frozen=True)
class Row:
    """One line of a table: its span in the text and its cells' spans (stripped of spaces)."""

    start: int
    end: int
    cells: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class TableCell:
    """A cell's number (its offsets in the text), the heading of its column, the name of its
    row (None in a table without row names), the row's span and the table's caption."""

    quantity: Quantity
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
        current.append(Row(line.start(), line.end(), tuple(cell_spans(text, line.start("cells"), line.end("cells")))))
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
    captions, headings = [], None
    for row in rows:
        cells = [text[s:e] for s, e in row.cells]
        if all(SEPARATOR_CELL.fullmatch(c) for c in cells):
            continue
        if headings is None:
            if len(cells) > 1 and not any(cell_number(c) for c in cells):
                headings = cells
            elif len(cells) == 1:
                captions.append(cells[0])
            continue
        name = None
        for (start, _), cell, heading in zip(row.cells, cells, headings):
            q = cell_number(cell)
            if q is None:
                name = cell if HAS_WORD.search(cell) else name
            elif HAS_WORD.search(heading):
                yield TableCell(Quantity(start + q.start, start + q.end, q.value, q.unit, q.surface, q.explicit),
                                heading, name, row, " ".join(captions) or None)


def cell_number(cell: str) -> Quantity | None:
    """The number a cell states, when it has no other words ("$4 Million", "12%"; not "Phase 1")."""
    found = find_quantities(cell)
    if not found or HAS_WORD.search(cell[:found[0].start] + " " + cell[found[0].end:]):
        return None
    return found[0]
