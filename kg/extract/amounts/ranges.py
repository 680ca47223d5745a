"""Two numbers read as one: a range ("70 to 80 centimetres", "between 5 and 7 per cent",
"252-287 miles", "ranging from 50% to 83%"), or a bare number that takes the unit of the
one it is joined to ("from 5 to 7 per cent", "30.9 and 9.3 per cent respectively").

A "from X to Y" after a verb of movement ("rose from 14% to 20%") is two amounts, a start
and an end, not a range; so is "rose 5 percent to 25%", a change and the level it reached.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import Decimal

from .reader import Mention
from .vocabulary import common_words, words

__all__ = ["join_ranges"]

UP_TO_JOIN = re.compile(r"\s*to\s+(?:as much as|as many as|as high as|up to)\s*", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:to|till|through|–|—|-|~|～|至)\s*|\s+and\s+", re.IGNORECASE)
COORDINATION = re.compile(r"\s*(?:,|and|or|, and)\s*", re.IGNORECASE)
SHARED_UNITS = {"percent", "pp"}  # "30.9 and 9.3 per cent": only these are shared across "and"
FROM_WINDOW = 3  # words before a range's first number searched for "from"


def join_ranges(text: str, mentions: list[Mention]) -> list[Mention]:
    joined: list[Mention] = []
    i = 0
    while i < len(mentions):
        if date_part(text, mentions[i]):
            joined.append(mentions[i])
            i += 1
            continue
        pair = join_pair(text, mentions[i], mentions[i + 1]) if i + 1 < len(mentions) else None
        if (
            pair is None
            and i + 1 < len(mentions)
            and re.fullmatch(r"\s*to\s*", text[mentions[i].end : mentions[i + 1].start])
        ):
            pair = inherit(
                mentions[i], mentions[i + 1]
            )  # "from 5 to 7 per cent": a start and an end
            joined.append(pair or mentions[i])
            i += 1
            continue
        joined.append(pair or mentions[i])
        i += 2 if pair else 1
    for i in range(len(joined) - 2, -1, -1):  # right to left: "5, 6 and 7 per cent"
        if not date_part(text, joined[i]):
            joined[i] = shared_unit(text, joined[i], joined[i + 1])
    return joined


def join_pair(text: str, a: Mention, b: Mention) -> Mention | None:
    """``a`` and ``b`` as one range, or None when they are two amounts."""
    connector = text[a.end : b.start]
    if b.qualifier:
        if not UP_TO_JOIN.fullmatch(connector):
            return None  # "$1 to as much as $2,786" is a range; "5 to over 7" is not
        connector = " to "
    if a.glued or b.glued or RANGE_JOIN.fullmatch(connector) is None or a.negative:
        return None
    before = text[max(0, a.start - 40) : a.start].lower().split()
    if connector.strip().lower() == "and" and (not before or before[-1] != "between"):
        return None
    if "from" in before[-FROM_WINDOW:] and not from_after_range_verb(before):
        return None
    if not a.bare and b.unit is not None and not b.qualifier and change_then_level(before, a, b):
        return None  # "rose 5 percent to 25%": by how much, then where to
    if (
        a.bare
        and b.bare
        and (looks_like_year(a) or connector.strip() in {"-", "–"} and looks_like_year(b))
    ):
        return None  # "2015-2020", "2020-21", "between 2013 and 2019": periods
    a = inherit(a, b) or a
    b = currency_of(a, b)
    if (
        a.unit is not None
        and a.unit.split("/")[0] != (b.unit or "").split("/")[0]
        or a.value > b.value
    ):
        return None
    return replace(
        a,
        end=b.end,
        unit=b.unit,
        currency=b.currency,
        currency_written=b.currency_written or a.currency_written,
        upper=b.value,
        qualifier=a.qualifier or b.qualifier,
    )


def date_part(text: str, m: Mention) -> bool:
    """The "18" of "2017-18 to 2019-20", the "04" of "2003/04": part of a date, joined to
    nothing."""
    return re.search(r"\d[-–/.]$", text[max(0, m.start - 2) : m.start]) is not None


RANGE_HEDGES = common_words("range-hedge")
LEVEL_BEYOND_CHANGE = 2  # "rose 5 percent to 25%"; "declined 70 percent to 80 percent" is a range


def change_then_level(before: list[str], a: Mention, b: Mention) -> bool:
    """After a verb of movement, "rose by 5 percent to 25%" and "rose 5 percent to 25%" state the
    change with its own unit, then the level reached; "rose 5 to 7 percent" and "declined 70
    percent to 80 percent" (no "by", bounds close together) are a range of the change."""
    words_before = [w for w in before[-3:] if w not in RANGE_HEDGES]
    by = bool(words_before) and words_before[-1] == "by"
    verb = words_before[:-1] if by else words_before
    moved = bool(verb) and (verb[-1] in words("rise") or verb[-1] in words("fall"))
    return moved and (by or b.value > LEVEL_BEYOND_CHANGE * a.value)


def from_after_range_verb(before: list[str]) -> bool:
    index = len(before) - 1 - before[::-1].index("from")
    return index > 0 and before[index - 1] in words("range_verb")


def inherit(a: Mention, b: Mention) -> Mention | None:
    """A bare first number of a pair takes the second's unit, and its scale when that keeps
    the pair in order ("5 to 7 million"; not "500 to 7 million")."""
    if not a.bare or b.bare:
        return None
    scale = b.scale if a.base <= b.base else Decimal(1)
    return replace(
        a, unit=b.unit, currency=b.currency, currency_written=b.currency_written, scale=scale
    )


def currency_of(a: Mention, b: Mention) -> Mention:
    """ "Rs 2 to 3 per unit": the second number of a range takes the first's currency."""
    if not a.currency or b.currency:
        return b
    head, slash, rate = (b.unit or "count").partition("/")
    return (
        replace(
            b,
            unit=a.unit.split("/")[0] + slash + rate,
            currency=True,
            currency_written=a.currency_written,
        )
        if head == "count"
        else b
    )


def shared_unit(text: str, a: Mention, b: Mention) -> Mention:
    if (
        a.bare
        and b.unit in SHARED_UNITS
        and COORDINATION.fullmatch(text[a.end : b.start])
        and not looks_like_year(a)
    ):
        return replace(a, unit=b.unit)
    return a


def looks_like_year(m: Mention) -> bool:
    return (
        m.kind == "digits"
        and 1800 <= m.base <= 2100
        and m.base == m.base.to_integral_value()
        and m.number[1] - m.number[0] == 4
    )
