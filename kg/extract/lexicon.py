"""Words and names the rules rely on: head nouns per class, and the agency lexicon.

The agency lexicon is data (``data/agencies.tsv``) so that curators can extend it
without touching code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

__all__ = ["HEADS", "head_type", "strip_quotes", "singular", "LexiconEntry", "lexicon", "canonical_key", "COMPANY_WORDS",
           "GENERIC_HEADS"]

# Head noun (lower case, singular) -> class. The head is the last word of a name
# ("Affordable Connectivity Program") or the first one before "of/on/for"
# ("Regulations on the Management of ...", "Ministry of Power").
HEADS = {
    **dict.fromkeys(
        "ministry department commission bureau administration office council agency authority "
        "committee cabinet parliament congress senate government govt secretariat directorate "
        "board inspectorate assembly legislature treasury aayog".split(), "Agency"),
    **dict.fromkeys(
        "plan strategy roadmap outline blueprint agenda objectives policy vision".split(), "Plan"),
    **dict.fromkeys(
        "regulation law act rule measure order guideline standard notice circular ordinance "
        "provision code directive decree amendment bill opinion advisory proclamation resolution levy".split(),
        "Regulation"),
    **dict.fromkeys(
        "program programme campaign initiative mission scheme project pilot fund yojana yojna "
        "abhiyan abhiyaan platform grant benefit".split(), "Program"),
}
# A name that is nothing but its head ("the Ministry") refers back to a fuller name.
GENERIC_HEADS = set(HEADS)
COMPANY_WORDS = {
    "ltd", "limited", "inc", "corporation", "corp", "company", "co", "group", "holdings", "llc",
    "plc", "university", "college", "school", "hospital", "news", "daily", "times", "post",
    "xinhua", "reuters", "television", "tv", "radio", "association", "federation", "foundation",
    "society", "club", "press", "conference", "institute", "academy", "museum", "airlines",
}
IRREGULAR_SINGULAR = {"measures": "measure", "rules": "rule", "regulations": "regulation",
                      "objectives": "objectives", "opinions": "opinion", "provisions": "provision",
                      "guidelines": "guideline", "standards": "standard", "ministries": "ministry",
                      "agencies": "agency", "policies": "policy", "committees": "committee"}


def singular(word: str) -> str:
    word = word.lower()
    if word in IRREGULAR_SINGULAR:
        return IRREGULAR_SINGULAR[word]
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def head_type(word: str) -> str | None:
    """The class a head noun names: ``head_type("Programmes") == "Program"``."""
    return HEADS.get(singular(word.strip("“”\"‘’'")))


@dataclass(frozen=True)
class LexiconEntry:
    name: str
    aliases: tuple[str, ...]
    jurisdiction: str
    type: str  # Agency or Program


LEXICON_FILES = {"Agency": "data/agencies.tsv", "Program": "data/programs.tsv"}


@lru_cache(maxsize=1)
def lexicon() -> dict[str, LexiconEntry]:
    """Canonical key of every name and alias of a known agency or programme -> its entry."""
    index: dict[str, LexiconEntry] = {}
    for type_, file in LEXICON_FILES.items():
        text = resources.files("kg.extract").joinpath(file).read_text(encoding="utf-8")
        for line in text.splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, aliases, jurisdiction = (line.split("\t") + ["", ""])[:3]
            entry = LexiconEntry(name, tuple(a for a in aliases.split("|") if a), jurisdiction, type_)
            for form in (name, *entry.aliases):
                index.setdefault(canonical_key(form), entry)
    return index


_QUOTES = re.compile(r"[\"“”‘’`]|'(?!s\b)")


def strip_quotes(name: str) -> str:
    """Names keep the words of inner quotes but not the quote marks (People's stays)."""
    return re.sub(r"\s+", " ", _QUOTES.sub("", name)).strip()


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
    """
    s = _QUOTES.sub("", name).lower()
    s = s.replace("&", " and ").replace("programme", "program")
    s = re.sub(r"\bgovt\b\.?", "government", s)
    s = re.sub(r"\bu\.s\.(?:a\.)?", "us", s)  # "U.S. Congress" is "US Congress"
    s = re.sub(r"[^\w+]+", " ", s).strip()
    s = re.sub(r"^(?:the|a|an)\s+|(?<=\s)the\s+", "", s)  # "Amendment to (the) Act": one entity
    return re.sub(r"\s+", " ", s)
