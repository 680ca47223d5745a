"""Names the rules rely on: the class a head noun names, the agency lexicon, canonical keys.

The programme lexicon is data (``data/programs.tsv``) so that curators can extend it without
touching code; government bodies are in ``data/government_bodies.tsv`` (``kg.extract.gazetteer``),
head nouns in ``data/heads.tsv`` (``kg.extract.vocabulary``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .vocabulary import heads, plural, singular

__all__ = [
    "head_type",
    "compound_head_type",
    "head_key",
    "strip_quotes",
    "LexiconEntry",
    "lexicon",
    "canonical_key",
]


@lru_cache(maxsize=65536)
def head_type(word: str) -> str | None:
    """The class a head noun names: ``head_type("Programmes") == "Program"``."""
    return heads(rules="name").get(singular(word.strip("“”\"‘’'")))


@lru_cache(maxsize=65536)
def compound_head_type(previous: str, word: str) -> str | None:
    """The class a head of two words names: ``compound_head_type("Task", "Forces") == "Agency"``
    (neither "Task" nor "Force" is a head alone)."""
    quotes = "“”\"‘’'"
    return heads(rules="name").get(head_key(previous.strip(quotes), word.strip(quotes)))


def head_key(*words: str) -> str:
    """The form heads are listed and looked up in: lower case, the last word in the singular.

    >>> head_key("Task", "Forces"), head_key("Ministries")
    ('task force', 'ministry')
    """
    *first, last = words
    return " ".join([*(w.lower() for w in first), singular(last)])


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    aliases: tuple[str, ...]
    jurisdiction: str
    type: str  # Program


LEXICON_FILES = {"Program": "data/programs.tsv"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, LexiconEntry]:
    """Canonical key of every name and alias of a known programme -> its entry."""
    index: dict[str, LexiconEntry] = {}
    for type_, file in LEXICON_FILES.items():
        text = resources.files("kg.extract").joinpath(file).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, aliases, jurisdiction = (line.split("\t") + ["", ""])[:3]
            entry = LexiconEntry(
                name, tuple(a for a in aliases.split("|") if a), jurisdiction, type_
            )
            for form in (name, *entry.aliases):
                index.setdefault(canonical_key(form), entry)
                for many in plural_forms(form):
                    index.setdefault(canonical_key(many), entry)
    return index


def plural_forms(name: str) -> tuple[str, ...]:
    """How a programme named after the thing it hands out is written in the plural ("Kisan
    Credit Cards" for "Kisan Credit Card"). Not a name ending in a class head noun ("...
    Schemes" speaks of several schemes) nor an acronym.

    >>> plural_forms("Kisan Credit Card"), plural_forms("Soil Health Card Scheme")
    (('Kisan Credit Cards',), ())
    """
    first, _, last = name.rpartition(" ")
    if not first or not last.isalpha() or not last.islower() and not last.istitle():
        return ()
    if head_type(last) or singular(last) != last.lower():
        return ()
    return (f"{first} {plural(last) if last.islower() else plural(last.lower()).title()}",)


_QUOTES = re.compile(r"[\"“”‘`]|['’](?!s\b)")
QUOTE_MARKS = ('"', "“", "”", "‘", "`", "'", "’")  # the characters ``_QUOTES`` may remove


def strip_quotes(name: str) -> str:
    """Names keep the words of inner quotes but not the quote marks (People's and People’s
    stay, and are one name).

    >>> strip_quotes("‘Biden’s’ “Plan”")
    'Biden’s Plan'
    """
    return re.sub(r"\s+", " ", _QUOTES.sub("", name)).strip()


@lru_cache(maxsize=65536)  # pure, and asked of the same names by every rule
def canonical_key(name: str) -> str:
    """Case-, quote- and spelling-insensitive form of a name, used for identity.

    >>> canonical_key("the “14th Five-Year Plan”")
    '14th five year plan'
    >>> canonical_key("Govt. of Odisha") == canonical_key("Government of Odisha")
    True
    >>> canonical_key("Amendment to the Seeds Act") == canonical_key("amendment to Seeds Act")
    True
    >>> canonical_key("U.S. Congress") == canonical_key("US Congress")
    True
    >>> canonical_key("U.S Congress")  # (its final stop missing)
    'us congress'
    >>> canonical_key("People’s Bank of China") == canonical_key("People's Bank of China")
    True
    >>> canonical_key("Her Majesty’s Treasury") == canonical_key("HM Treasury")
    True
    >>> canonical_key("United Kingdom Statistics Authority")
    'uk statistics authority'
    """
    # each rewrite only where its letters are (a name is keyed once per build, most of a
    # fresh build's names: the rewrites cost 1% of spaCy's time)
    s = _QUOTES.sub("", name) if any(mark in name for mark in QUOTE_MARKS) else name
    s = s.lower().replace("&", " and ").replace("programme", "program")
    if "govt" in s:
        s = _GOVT.sub("government", s)
    if "majesty" in s:
        s = _MAJESTY.sub("hm", s)  # "Her Majesty's Treasury" is "HM Treasury"
    if "u.s" in s:
        s = _US.sub("us", s)  # "U.S. Congress" is "US Congress"
    if "united " in s:
        s = _UNITED.sub(r"u\1\2", s)  # "United Kingdom" is "UK"
    s = _NOT_WORD.sub(" ", s).strip()  # words apart by one space: no run of spaces is left
    if "the" in s or s.startswith("a"):
        s = _ARTICLE.sub("", s)  # "Amendment to (the) Act": one entity
    return s


_GOVT = re.compile(r"\bgovt\b\.?")
_MAJESTY = re.compile(r"\b(?:her|his) majesty\W?s\b")
_US = re.compile(r"\bu\.s\b\.?(?:a\.)?")  # the final stop may be missing: "U.S Congress"
_UNITED = re.compile(r"\bunited (?:(k)ingdom|(s)tates)\b")
_NOT_WORD = re.compile(r"[^\w+]+")
_ARTICLE = re.compile(r"^(?:the|a|an)\s+|(?<=\s)the\s+")
