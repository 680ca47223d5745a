"""A sentence's amounts as a statistician reads them: the changes and conversions that belong
to a stated number are recorded on it, and a change stated without its level is an amount
of its own, signed.

- A number right after a movement word ("up 8%", "an increase of 8%", "fell by 2.4 percent",
  "增长8%") or before one ("a 12.6 percent increase") is a change. Movement words are matched
  as whole words ("comprising" is no "rising"), and "up" after "making", "set", "take" is no
  movement ("making up 16%" is a share).
- The change belongs to the nearest stated number before it when only small words stand
  between them ("1.47 trillion yuan, an increase of 8%"), else to the number it moves to
  ("rose 5% to 200 tonnes", "fell 9% from 28.3% to 19.3%"); else it is itself the amount
  ("exports fell 5.5%": -5.5 percent, ``is_change``).
- An amount in brackets right after another in a different currency or unit ("1,071.74
  billion yuan (about $161 billion)") is the same amount converted: an ``Equivalent`` of
  the first, never an amount of its own.

>>> [(a.value, a.unit, a.change and a.change.value, a.equivalent and a.equivalent.unit)
...  for a in read_quantities("revenue was 1.07 trillion yuan (about $161 billion), up 12.6%")]
[(1070000000000.0, 'CNY', 12.6, 'USD')]
>>> [(a.value, a.is_change) for a in read_quantities("Exports fell 5.5% while imports were flat.")]
[(-5.5, True)]
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .numbers import to_ascii_digits
from .reader import Amount, Change, Equivalent, cjk_words, find_amounts, first_ending, is_money
from .vocabulary import common_words, months, unit_words, words

__all__ = ["read_quantities", "change_cue"]

MAX_CHANGE_DISTANCE = 90  # characters between a number and the change that belongs to it
PREPOSITIONS = common_words("movement-prep")
BRACKET_OPEN = re.compile(r"\s*[(\[]\s*(?:(?:[a-z]+|i\.e\.,?|US)\s+){0,3}$")
BRACKET_CLOSE = re.compile(r"\s*[)\]]")
MOVES_TO = re.compile(
    r"^[\s,]*(?:(?:this|that|the|last|same|year|month|quarter|period|in|during|\d{4})[\s,]+){0,4}"
    r"(?:(?:to reach|reaching|to hit|hitting|to|at|reached)\s+)(?:[a-z]+\s+){0,2}$"
)


def read_quantities(sentence: str, country: str | None = None) -> list[Amount]:
    """The amounts of one sentence, with their changes, bounds, qualifiers and equivalents;
    ``country`` is the document's (see ``find_amounts``)."""
    return list(sentence_quantities(sentence, country))


# Read once per distinct sentence in a process: releases of one source repeat their datelines,
# contact lines and boilerplate (a quarter of the sentences of 100 bulk releases are repeats).
# An Amount is frozen, so one tuple serves every document that writes the sentence.
@lru_cache(maxsize=16384)
def sentence_quantities(sentence: str, country: str | None) -> tuple[Amount, ...]:
    text = to_ascii_digits(sentence)
    amounts = with_equivalents(text, find_amounts(text, country))
    return tuple(with_changes(text, amounts))


# ---------------------------------------------------------------- conversions in brackets


def with_equivalents(text: str, amounts: list[Amount]) -> list[Amount]:
    kept: list[Amount] = []
    for amount in amounts:
        last = kept[-1] if kept else None
        if last is not None and last.equivalent is None and is_conversion(text, last, amount):
            kept[-1] = replace(
                last, equivalent=Equivalent(amount.value, amount.unit, amount.start, amount.end)
            )
        else:
            kept.append(amount)
    return kept


def is_conversion(text: str, first: Amount, second: Amount) -> bool:
    if not BRACKET_OPEN.fullmatch(text[first.end : second.start]) or not BRACKET_CLOSE.match(
        text, second.end
    ):
        return False
    if first.unit is None or second.unit is None or first.unit == second.unit:
        return False
    money = is_money(first.unit), is_money(second.unit)
    return all(money) or not any(money) and {first.unit, second.unit} <= set(unit_words().values())


# ---------------------------------------------------------------- changes


def with_changes(text: str, amounts: list[Amount]) -> list[Amount]:
    cues = [change_cue(text, a) for a in amounts]
    levels = [i for i, cue in enumerate(cues) if cue is None]
    owner: dict[int, int] = {}  # change index -> level index
    for i, cue in enumerate(cues):
        if cue is not None:
            level = level_before(text, amounts, levels, owner, i, cue[0])
            level = level if level is not None else level_after(text, amounts, levels, owner, i)
            if level is not None:
                owner[i] = level
    changes = {level: i for i, level in owner.items()}
    result = []
    for i, amount in enumerate(amounts):
        cue = cues[i]
        if cue is None:
            change = (
                change_of(text, amounts[changes[i]], cues[changes[i]]) if i in changes else None
            )
            result.append(replace(amount, change=change))
        elif i not in owner:
            result.append(standalone_change(amount, cue))
    return result


def change_cue(text: str, amount: Amount) -> tuple[int, int] | None:
    """(start of the movement word, its sign) when ``amount`` is a change, else None: "up 8%",
    "an increase of 8%", "declined by up to 5%", "cut costs by $11,000", "增长8%", "a 5% rise"."""
    before = text[max(0, amount.start - 80) : amount.start]
    offset = amount.start - len(before)
    cjk = first_ending(before.rstrip("了"), (*cjk_words("rise"), *cjk_words("fall")))
    if cjk is not None:
        return offset + before.rstrip("了").rfind(cjk), sign_of(cjk)
    noun = MOVEMENT_NOUN_IN.search(before)
    if noun is not None:  # "a fall in crime of over a quarter", "an increase in exports of 5%"
        return offset + noun.start(), sign_of(noun[1].lower())
    tokens = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", before))
    if not tokens or not re.fullmatch(r"[\s(]*", before[tokens[-1].end() :]):
        return cue_after(text, amount)
    if amount.qualifier and tokens and tokens[-1].group().lower() in words("level_direction"):
        return None  # "soaring above 40 degrees": where it went, not by how much
    tokens = strip_qualifier(tokens) if amount.qualifier else tokens
    preposition = (
        tokens[-1].group().lower()
        if tokens and tokens[-1].group().lower() in PREPOSITIONS
        else None
    )
    tokens = tokens[:-1] if preposition else tokens
    for size in (2, 1):
        if len(tokens) >= size and is_movement(tokens, size):
            return offset + tokens[-size].start(), sign_of(phrase_of(tokens[-size:]))
    verb = moved_object_verb(tokens, before) if preposition == "by" and tokens else None
    return (
        (offset + verb.start(), sign_of(verb.group().lower())) if verb else cue_after(text, amount)
    )


MOVEMENT_NOUN_IN = re.compile(
    r"\b(rise|fall|increase|decrease|decline|drop|growth|reduction|cut|jump)\s+in\s+"
    r"(?:[\w'’-]+\s+){1,4}?of\s+"
    r"(?:(?:over|more than|nearly|almost|about|around|some|just)\s+)?(?:an?\s+)?$",
    re.IGNORECASE,
)


def phrase_of(tokens: list[re.Match]) -> str:
    return " ".join(t.group().lower() for t in tokens)


def is_movement(tokens: list[re.Match], size: int) -> bool:
    phrase = phrase_of(tokens[-size:])
    return (phrase in words("rise") or phrase in words("fall")) and not phrasal(tokens, size)


MAX_OBJECT_WORDS = 8
CLAUSE_STARTS = common_words("clause-start")
OBJECTLESS_MOVEMENTS = common_words("objectless-movement")  # "up", "higher"


def moved_object_verb(tokens: list[re.Match], before: str) -> re.Match | None:
    """ "reduced regulatory costs by $11,000", "reduced their overall use of stop and search by
    20%": a verb of movement, its object, then "by" and the number, all in one clause."""
    for token in reversed(tokens[-MAX_OBJECT_WORDS - 1 :]):
        word = token.group().lower()
        if word in words("rise") or word in words("fall") or word in words("rise_by"):
            between = before[token.end() : tokens[-1].end()]
            return (
                token
                if word not in OBJECTLESS_MOVEMENTS and not re.search(r"[,;:()\d]", between)
                else None
            )
        if word in CLAUSE_STARTS:
            return None
    return None


def strip_qualifier(tokens: list[re.Match]) -> list[re.Match]:
    for size in (4, 3, 2, 1):
        if len(tokens) >= size and phrase_of(tokens[-size:]) in words("qualifier"):
            return tokens[:-size]
    return tokens


PHRASAL_PARTICLES = common_words("phrasal-particle")


def phrasal(tokens: list[re.Match], size: int) -> bool:
    """ "making up", "set up", "broken down": "up" and "down" after these are no movement."""
    word = tokens[-size].group().lower()
    return (
        word in PHRASAL_PARTICLES
        and len(tokens) > size
        and tokens[-size - 1].group().lower() in words("not_movement")
    )


def cue_after(text: str, amount: Amount) -> tuple[int, int] | None:
    """ "a 12.6 percent increase", "8% year-on-year growth", "22% lower": the movement named
    right after the number, or after one word of basis ("annual", "year-on-year")."""
    found = re.compile(r"\s+([a-z-]+)(?:\s+([a-z]+))?\b").match(text, amount.end)
    if found is None:
        return None
    first, second = found[1], found[2]
    for word in (
        first,
        second if first in words("basis") or first in ADJECTIVES_BEFORE_MOVEMENT else None,
    ):
        if word in words("rise_after"):
            return amount.start, 1
        if word in words("fall_after"):
            return amount.start, -1
    return None


ADJECTIVES_BEFORE_MOVEMENT = common_words("movement-adjective")


def sign_of(word: str) -> int:
    return -1 if word in words("fall") else 1  # rise, rise_by


def level_before(
    text: str, amounts: list[Amount], levels: list[int], owner: dict, i: int, cue_start: int
) -> int | None:
    """The stated number a change after it belongs to: the nearest unclaimed one, with only
    small words, years and punctuation between them ("1.47 trillion yuan in 2021, up 8%"), or
    any words when the change is set off by a comma and no clause of its own begins between
    ("19,490 homes were provided through ..., down by 10% on 2010-11")."""
    earlier = [j for j in levels if j < i and j not in owner.values()]
    if not earlier:
        return None
    j = earlier[-1]
    end = amounts[j].equivalent.end if amounts[j].equivalent else amounts[j].end
    gap = text[end:cue_start]
    if ";" in gap or cue_start - end > MAX_DETACHED_DISTANCE:
        return None
    gap_words = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", gap.replace(")", " "))]
    fillers = {*words("change_filler"), *months(), *" ".join(words("basis")).split()}
    if all(w in fillers for w in gap_words):
        return j if cue_start - end <= MAX_CHANGE_DISTANCE else None
    tail = [w.lower() for w in re.findall(r"[A-Za-z][A-Za-z'-]*", gap[gap.rfind(",") + 1 :])]
    detached = (
        "," in gap
        and all(w in fillers for w in tail)
        and not any(w in CLAUSE_WORDS for w in gap_words)
    )
    return j if detached else None


MAX_DETACHED_DISTANCE = 160
CLAUSE_WORDS = common_words("clause-word")


def level_after(
    text: str, amounts: list[Amount], levels: list[int], owner: dict, i: int
) -> int | None:
    """ "rose 5% to 200 tonnes": the number the change moves to; "fell 9% from 28.3% in 2003/04
    to 19.3%": the second of a "from ... to" pair."""
    later = [j for j in levels if j > i and j not in owner.values()]
    if not later:
        return None
    j = later[0]
    gap = strip_basis(text[amounts[i].end : amounts[j].start])
    if MOVES_TO.match(gap):
        return j
    if re.fullmatch(r"[\s,]*from\s+(?:[a-z]+\s+){0,2}", gap) and len(later) > 1:
        second = later[1]
        between = text[amounts[j].end : amounts[second].start]
        if re.fullmatch(r"[^.;]{0,40}\bto\s+(?:[a-z]+\s+){0,2}", between):
            return second
    return None


def strip_basis(gap: str) -> str:
    for phrase in sorted(words("basis"), key=len, reverse=True):
        if gap.strip(" ,").lower().startswith(phrase):
            start = gap.lower().index(phrase)
            return gap[start + len(phrase) :]
    return gap


def change_of(text: str, change: Amount, cue: tuple[int, int]) -> Change:
    return Change(
        cue[1] * change.value,
        change.unit or "count",
        basis_after(text, change),
        min(cue[0], change.start),
        change.end,
    )


def basis_after(text: str, amount: Amount) -> str | None:
    after = text[amount.end : amount.end + 60].lstrip(" ,").lower()
    before = text[max(0, amount.start - 12) : amount.start]
    for phrase, basis in sorted(words("basis").items(), key=lambda item: -len(item[0])):
        if after.startswith(phrase) or not phrase.isascii() and phrase in before:
            return basis
    found = re.match(
        r"(compared (?:with|to)|over|from|than) (?:the )?"
        r"(?:same period|previous|last|a year)[\w ]{0,25}",
        after,
    )
    return found.group().strip() if found else None


def standalone_change(amount: Amount, cue: tuple[int, int]) -> Amount:
    """ "exports fell 5.5%": the change is the amount, signed."""
    value = cue[1] * amount.value
    bounds = {}
    if amount.upper is not None:
        ends = sorted([cue[1] * amount.lower, cue[1] * amount.upper])
        bounds = {"lower": ends[0], "upper": ends[1]}
        value = ends[0]
    return replace(amount, value=value, is_change=True, **bounds)
