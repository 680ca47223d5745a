"""One metric across documents: a metric's name -> its concept key (a SKOS concept).

Releases name the same quantity differently ("telecommunications business revenue", "telecom
revenue", "revenue of the telecom industry"). Each name is read into a concept key by rules
that only ever merge names meaning the same count, using the words in
``kg/extract/data/metric_words.tsv``:

1. lower case, punctuation other than ``&`` and ``-`` dropped;
2. leading words that do not change the quantity go ("the", "total": "total revenue" =
   "revenue");
3. ``HEAD of (the) X`` is read ``X HEAD`` when X is short (at most four words) and has no
   preposition of its own ("revenue of the telecom industry" -> "telecom industry revenue");
4. "number of X" / "X number" counts X: the word goes;
5. known abbreviations become their words ("telecom" -> "telecommunications", "GDP" ->
   "gross domestic product"; capital-only ones such as "IT" only when written in capitals);
6. a sector word between a modifier and the head goes ("telecom industry revenue" ->
   "telecom revenue"), but not when it is the only modifier ("industry revenue" stays);
7. every word in the singular ("sales of new energy vehicles" = "NEV sales").

A concept is *broader* than another when its key is the other's with its first modifier
dropped (English compounds put the head last: "telecommunications revenue" is a part of
"revenue"); an abbreviation's words stay together ("gross domestic product" has no broader),
and a name with a preposition left in it has none ("GDP per capita" is no kind of "capita").

A concept is not yet a series. The rules only merge names, and conservatively; whether two
observations of one concept are the same quantity (and so may be compared by the number checks)
is decided by ``kg.comparable``: a generic concept (one word once vague modifiers such as
"annual" or "new" are dropped: "revenue", "people", "annual funding") is never compared across
documents, and two observations compare only with the same scope (places, "rural", "of which"),
unit, kind, period written in their sentences, sub-period (months, quarters, fiscal years), no
running total ("to date", "since") and exact values, beyond the rounding of each as written.

The corrections file (``kg-corrections.tsv``, the file of the entity corrections too) merges or
splits by hand: a line ``merge-metric<TAB>name<TAB>other name`` puts a name in the other's
concept, ``split-metric<TAB>name`` keeps a name in a concept of its own (its words as written,
lower case).
It is read from ``$KG_CORRECTIONS``, else ``./kg-corrections.tsv``; build with ``--force``
after editing it, since stored documents keep the concepts they were built with.

>>> concept_key("revenue of the telecom industry") == concept_key("telecom revenue")
True
>>> concept_key("Telecommunications business revenue")
'telecommunications revenue'
>>> concept_key("total retail sales of consumer goods")
'consumer good retail sale'
>>> concept_key("number of new users"), concept_key("industry revenue")
('new user', 'industry revenue')
>>> broader_keys("new 5g base stations")
['5g base station', 'base station', 'station']
>>> broader_keys("GDP"), broader_keys("gross domestic product")
([], [])
>>> concept_key("sales of new energy vehicles") == concept_key("NEV sales")
True
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import InputError
from .extract.vocabulary import column, singular, words

__all__ = [
    "Corrections",
    "broader_keys",
    "concept_key",
    "concept_units",
    "corrections",
    "read_corrections",
]

CORRECTIONS_ENV = "KG_CORRECTIONS"
CORRECTIONS_FILE = "kg-corrections.tsv"
WORD = re.compile(r"[\w&][\w&.\-']*")
METRIC_ACTIONS = {"merge-metric": 2, "split-metric": 1}  # action -> how many names it takes
PREPOSITIONS = words("common_words", uses="metric-preposition")
MAX_OF_PHRASE = 4  # words after "of" that are still one modifier ("of the telecom industry")


@dataclass(frozen=True)
class Corrections:
    """Hand corrections of metric concepts: names merged into another's concept, names split off."""

    merged: dict[str, str]  # a name (lower case) -> the name whose concept it joins
    split: frozenset[str]  # names (lower case) kept as written


def read_corrections(path: str | Path) -> Corrections:
    """The metric lines of a corrections file (tab-separated, ``#`` starts a comment)::

        merge-metric    <name>    <name>    the first joins the second's concept
        split-metric    <name>              the name keeps a concept of its own

    Lines of other actions (the entity corrections of ``merge``, ``split``, ``rename``,
    ``reject``) are left to their reader.
    """
    merged, split = {}, set()
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: cannot read the corrections file ({e})") from e
    for number, line in enumerate(lines, 1):
        fields = [field.strip() for field in line.split("\t") if field.strip()]
        if not fields or fields[0].lower() not in METRIC_ACTIONS:
            continue
        action = fields[0].lower()
        if len(fields) - 1 != METRIC_ACTIONS[action]:
            raise InputError(
                f"{path}:{number}: {action} takes {METRIC_ACTIONS[action]} name(s) separated by "
                f"tabs, got {line.strip()!r}"
            )
        name = " ".join(fields[1].lower().split())
        if action == "merge-metric":
            merged[name] = fields[2]
        else:
            split.add(name)
    return Corrections(merged, frozenset(split))


@cache
def corrections() -> Corrections:
    """The corrections in force: ``$KG_CORRECTIONS``, else ``./kg-corrections.tsv``, else none."""
    path = Path(os.environ.get(CORRECTIONS_ENV) or CORRECTIONS_FILE)
    return read_corrections(path) if path.is_file() else Corrections({}, frozenset())


def concept_key(name: str, fixes: Corrections | None = None) -> str:
    """The key of the concept a metric's name belongs to (see the module docstring)."""
    fixes = fixes if fixes is not None else corrections()
    written = " ".join(name.lower().split())
    if written in fixes.split:
        return written
    if written in fixes.merged:
        return concept_key(fixes.merged[written], Corrections({}, fixes.split))
    return " ".join(concept_units(name))


def broader_keys(name: str) -> list[str]:
    """Keys of the broader concepts, nearest first: the key less one leading modifier at a time
    (none for a name the corrections file placed by hand)."""
    units = concept_units(name)
    if concept_key(name) != " ".join(units) or PREPOSITIONS & set(units):
        return []  # placed by hand, or a phrase whose head is not last ("GDP per capita")
    return [" ".join(units[start:]) for start in range(1, len(units))]


@cache
def concept_units(name: str) -> tuple[str, ...]:
    """The concept key's units: words, and an abbreviation's expansion as one unit."""
    tokens = WORD.findall(name)
    tokens = drop_leading(tokens)
    tokens = of_phrase_first(tokens)
    tokens = [t for t in tokens if t.lower() not in words("metric_words", role="count")] or tokens
    units = group_expansions(" ".join(expand(token) for token in tokens).split())
    units = [singular_phrase(unit) for unit in drop_fillers(units)]
    return tuple(units) if units else (name.lower().strip(),)


def group_expansions(words_: list[str]) -> list[str]:
    """Words with each abbreviation's expansion as one unit, written out or not ("gross domestic
    product" is one unit whether the text said "GDP" or the words)."""
    phrases = sorted(
        {
            tuple(e.split())
            for e in column("metric_words", "expansion", role="abbreviation").values()
        },
        key=len,
        reverse=True,
    )
    units, at = [], 0
    while at < len(words_):
        phrase = next((p for p in phrases if tuple(words_[at : at + len(p)]) == p), (words_[at],))
        units.append(" ".join(phrase))
        at += len(phrase)
    return units


def drop_leading(tokens: list[str]) -> list[str]:
    droppable = words("metric_words", role="drop")
    start = 0
    while start < len(tokens) - 1 and tokens[start].lower() in droppable:
        start += 1
    return tokens[start:]


def of_phrase_first(tokens: list[str]) -> list[str]:
    """``HEAD of (the) X`` -> ``X HEAD`` when X is a short phrase without a preposition."""
    lowered = [t.lower() for t in tokens]
    if "of" not in lowered:
        return tokens
    at = lowered.index("of")
    head, tail = tokens[:at], drop_leading(tokens[at + 1 :])
    if not head or not tail or len(tail) > MAX_OF_PHRASE:
        return tokens
    if PREPOSITIONS & {t.lower() for t in tail} or PREPOSITIONS & {t.lower() for t in head}:
        return tokens
    return tail + head


def expand(token: str) -> str:
    """An abbreviation's words, else the word in lower case."""
    lowered = token.lower()
    anywhere = column("metric_words", "expansion", role="abbreviation", written="any")
    in_capitals = column("metric_words", "expansion", role="abbreviation", written="capitals")
    if lowered in anywhere:
        return anywhere[lowered]
    if token.isupper() or (token[:-1].isupper() and token.endswith("s")):  # "GDP", "NEVs"
        return in_capitals.get(lowered) or in_capitals.get(lowered[:-1]) or lowered
    return lowered


def drop_fillers(units: list[str]) -> list[str]:
    """Sector words between a modifier and the head ("telecom industry revenue" = "telecom
    revenue")."""
    fillers = words("metric_words", role="filler")
    kept = [
        unit
        for at, unit in enumerate(units)
        if not (unit in fillers and 0 < at < len(units) - 1 and units[at - 1] not in fillers)
    ]
    return kept


def singular_phrase(unit: str) -> str:
    """A word in the singular ("sales of vehicles" = "vehicle sales"); an abbreviation's
    expansion (several words) as it is."""
    expansions = column("metric_words", "expansion", role="abbreviation").values()
    return unit if unit in expansions else singular(unit)
