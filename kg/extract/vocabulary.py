"""The words the extraction rules read, from the tables in ``kg/extract/data/``.

Rules are code; the words they look for are data, one table per kind of word, each word once
with a column for its role (``heads.tsv``: a head noun and the class it names; ``units.tsv``: a
unit's written form and its code; ...). A table is tab-separated, with a header line; lines
starting with ``#`` say what the table holds and where its words come from. Tables are read once
per process. To extend one, add lines; to add a kind of word, add a table and read it here.

>>> heads()["ministry"], singular("Policies"), month_number("Sept")
('Agency', 'policy', 9)
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType

__all__ = ["column", "heads", "month_number", "plural", "rows", "singular", "words"]

DATA = "data"
LIST_SEPARATOR = ","  # between the uses or rules a column lists for one word


@cache
def rows(table: str) -> tuple[dict[str, str], ...]:
    """The rows of ``data/<table>.tsv`` as dicts keyed by its header (empty cells are "")."""
    text = resources.files("kg.extract").joinpath(f"{DATA}/{table}.tsv").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return tuple(
        dict(zip(header, (line.split("\t") + [""] * len(header))[: len(header)], strict=True))
        for line in lines[1:]
    )


def matches(row: dict[str, str], conditions: dict[str, str]) -> bool:
    """Each condition's value is the cell, or one of the values the cell lists."""
    return all(value in row[name].split(LIST_SEPARATOR) for name, value in conditions.items())


@cache
def words(table: str, **conditions: str) -> frozenset[str]:
    """The first column of the rows meeting ``conditions``: ``words("verbs", uses="launch")``."""
    return frozenset(column(table, next(iter(rows(table)[0])), **conditions))


@cache
def column(table: str, name: str, **conditions: str) -> Mapping[str, str]:
    """First column -> column ``name`` of the rows meeting ``conditions``, in the table's
    order: ``column("units", "code")``. Read-only: every caller shares it."""
    selected = (row for row in rows(table) if matches(row, conditions))
    return MappingProxyType({next(iter(row.values())): row[name] for row in selected})


def heads(**conditions: str) -> Mapping[str, str]:
    """Head noun -> the class it names (``heads(rules="name")``: those of title-case names)."""
    return column("heads", "class", **conditions)


@lru_cache(maxsize=4096)
def singular(word: str) -> str:
    """The singular of an English plural noun, lower case: a listed irregular plural (or a plural
    kept as it is), else -ies -> -y, else the word without a final -s (not of -ss, -us, -is words:
    "class", "status", "basis"). Rules, not a lexicon: the query server calls it too, and
    lemminflect's tables would cost every worker 34 MB.

    >>> [singular(w) for w in ("Ministries", "plans", "news", "status", "strategies", "act")]
    ['ministry', 'plan', 'news', 'status', 'strategy', 'act']
    """
    word = word.lower()
    irregular = column("plurals", "singular")
    if word in irregular:
        return irregular[word]
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(word: str) -> str:
    """The plural of a singular noun: ``plural("strategy") == "strategies"``."""
    irregular = {one: many for many, one in column("plurals", "singular").items()}
    if word in irregular:
        return irregular[word]
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return word[:-1] + "ies"
    return word + "s"


def month_number(word: str) -> int | None:
    """1-12 for a month's name or abbreviation (any case, "Sept." too), else None."""
    number = column("months", "month").get(word.lower().rstrip("."))
    return int(number) if number else None
