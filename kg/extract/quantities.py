"""Finding reported numbers in text and reading them into base units.

``find_quantities(text)`` returns every number worth an observation with its value in
base units and a unit code: ISO 4217 for money (CNY, USD, GBP, INR, EUR), ``percent``,
``pp`` (percentage points), a physical unit (``tonne``, ``km``, ``GW``, ...) or ``None``
for a plain count. Dates, years, times, ordinals, article numbers and list counters
are skipped here; the parse-aware rules live in ``observations``.

>>> [(q.value, q.unit) for q in find_quantities("revenue reached 1.47 trillion yuan, up 8%")]
[(1470000000000.0, 'CNY'), (8.0, 'percent')]
>>> [(q.value, q.unit) for q in find_quantities("Rs 3.60 Lakh Crore and 81 lakh households")]
[(3600000000000.0, 'INR'), (8100000.0, None)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from . import vocabulary

__all__ = [
    "Quantity",
    "find_quantities",
    "not_prose_spans",
    "parse_number",
    "SCALES",
    "MONTH_WORDS",
    "CURRENCIES",
]

SCALES = {word: float(factor) for word, factor in vocabulary.column("scales", "factor").items()}
WORD_NUMBERS = {word: int(value) for word, value in vocabulary.column("numbers", "value").items()}
CURRENCY_SYMBOLS = dict(vocabulary.column("currencies", "code", position="before"))  # "$5", "Rs 10"
CURRENCIES = set(
    vocabulary.column("currencies", "code").values()
)  # ISO 4217 codes of the money units
UNIT_WORDS = {  # after a number: "5 yuan", "3 tonnes"
    **vocabulary.column("currencies", "code", position="after"),
    **{form: code for form, code in vocabulary.column("units", "code").items() if code},
}
PER_UNITS = vocabulary.words("units", per="yes")  # "per day", "/tonne"
MONTH_WORDS = vocabulary.words("months")
# A number right after one of these is a reference, not a measurement ("Article 5").
REFERENCE_WORDS = vocabulary.words("references")


def _alternation(words) -> str:
    """Longest first, so that a word is tried before its prefix ("crores" before "crore")."""
    return "|".join(re.escape(w) for w in sorted(words, key=lambda word: (-len(word), word)))


_NUM = r"\d{1,3}(?:,\d{2,3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORD_NUM = _alternation(w for w in WORD_NUMBERS if w != "a")
_SCALE = f"(?:{_alternation(vocabulary.words('scales', spaced='yes'))})"
_SHORT_SCALE = f"(?:{_alternation(vocabulary.words('scales', glued='yes'))})"  # "£3.5m", "$2bn"
_UNIT = _alternation(UNIT_WORDS)
_CURRENCY = _alternation(CURRENCY_SYMBOLS)

QUANTITY = re.compile(
    rf"""
    (?<![\w.,$£€₹¥/–-])
    (?:(?P<cur>{_CURRENCY})\s?)?
    (?:(?P<num>{_NUM})|(?P<word>\b(?:{_WORD_NUM}|a)\b))
    (?:(?P<short>{_SHORT_SCALE})(?![A-Za-z])|(?P<scale>(?:[\s-]*{_SCALE}(?=[^A-Za-z]|$|farmer|crore|lakh))+))?
    (?:[\s-]?(?P<unit>(?:{_UNIT}))(?![A-Za-z]))?
    (?:\s?(?:per|a|/)\s?(?P<per>{_alternation(PER_UNITS)})s?\b)?
    (?P<ordinal>(?:st|nd|rd|th)\b)?
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number found in text: ``value`` in base units and its ``unit`` code (None = count)."""

    start: int
    end: int
    value: float
    unit: str | None
    surface: str
    explicit: bool  # has a currency, scale word or unit: more than a bare number

    def shifted(self, offset: int) -> Quantity:
        """The same number with offsets into a larger text (a sentence's or a cell's start)."""
        return replace(self, start=self.start + offset, end=self.end + offset)


def parse_number(digits: str) -> Decimal:
    """``"1,52,000.5"`` -> Decimal("152000.5") (Western and Indian digit grouping); exact."""
    return Decimal(digits.replace(",", ""))


# Numbers inside these are addresses and identifiers, never measurements: web addresses and
# markup left in scraped text, e-mail addresses, telephone numbers.
NOT_PROSE = re.compile(
    r"(?:https?://|www\.)\S+|<[^<>\n]{1,2000}>|\S+@\S+\.\w+"
    r"|\(?\b\d{3}\)?[ .-]\d{3}[ .-]\d{4}\b|\b0\d{2,4}(?:[ -]\d{3,4}){1,3}\b"
)
# "16 to 24 year olds", "18 years old", "ten years ago": ages and time ago, not amounts.
AGE_OR_AGO = re.compile(
    r"(?:\s*(?:to|-|–|and)\s*\d+)?\s*-?\s*(?:years?[- ]?olds?\b|(?:years?|months?|weeks?|days?)\s+ago\b)",
    re.IGNORECASE,
)


# A part every match of NOT_PROSE holds: most sentences hold none, and this rules them out
# in 40% of the time NOT_PROSE takes.
NOT_PROSE_HINT = re.compile(r"https?://|www\.|[<@]|\d{3}\)?[ .-]\d{3}|0\d{2,4}[ -]\d{3}")


def not_prose_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds web addresses, markup, e-mail addresses and telephone numbers."""
    if NOT_PROSE_HINT.search(text) is None:
        return []
    return [m.span() for m in NOT_PROSE.finditer(text)]


def find_quantities(text: str) -> list[Quantity]:
    """All measurement-like numbers in ``text``, in order of appearance."""
    masked = None  # found at the first number only: most sentences have none
    found = []
    for match in QUANTITY.finditer(text):
        masked = not_prose_spans(text) if masked is None else masked
        if any(start <= match.start() < end for start, end in masked):
            continue
        quantity = _quantity_from_match(text, match)
        if quantity is not None:
            found.append(quantity)
    return found


def _quantity_from_match(text: str, match: re.Match) -> Quantity | None:
    if (
        match["ordinal"]
        or _is_reference(text, match)
        or _is_glued(text, match)
        or _is_label(text, match)
    ):
        return None
    scale = _scale_factor(match)
    if match["word"] and (match["word"].lower() == "a") != bool(scale > 1 or match["unit"]):
        if match["word"].lower() == "a" or match["cur"]:
            return None
    base = (
        Decimal(WORD_NUMBERS[match["word"].lower()])
        if match["word"]
        else parse_number(match["num"])
    )
    unit = _unit_code(match)
    explicit = bool(match["cur"] or scale != 1 or match["unit"])
    if not explicit and (_looks_like_year(match, base) or _is_date_or_time(text, match)):
        return None
    end = match.end("unit") if match["unit"] else match.end()
    surface = text[match.start() : end].strip()
    value = float(base * scale)
    return Quantity(match.start(), match.start() + len(surface), value, unit, surface, explicit)


def _is_glued(text: str, match: re.Match) -> bool:
    """ "5G", "3D", "three-year plan", "four-party agreement", "6-monoacetylmorphine": a number
    fused into a word or an adjective names no amount."""
    nxt = text[match.end() : match.end() + 2]
    if nxt[:1].isalnum() and not match["scale"]:
        return True
    if not match["unit"] and not match["scale"] and re.match(r"[-–][A-Za-z]", nxt):
        return True
    hyphen_unit = match["unit"] and "-" in match.group(0)[: match.start("unit") - match.start()]
    return bool(match["word"] and hyphen_unit)


def _is_label(text: str, match: re.Match) -> bool:
    """A code or age rather than an amount: "020", a number word in quotes (“six-stability”),
    "18 years old", "16 to 24 year olds"."""
    if match["num"] and re.fullmatch(r"0\d+", match["num"]):
        return True
    if match["word"] and text[max(0, match.start() - 1) : match.start()] in {"“", '"', "‘", "'"}:
        return True
    after = text[match.end("num") if match["num"] else match.end("word") :]
    return bool(AGE_OR_AGO.match(after)) or is_selection(text, match) or is_frequency(match)


# "the past ten years" selects a period; "twice a day", "every 30 minutes in an hour" count nothing
CALENDAR_UNITS = vocabulary.words("units", dimension="calendar")
CLOCK_UNITS = vocabulary.words("units", dimension="clock")
SMALL_NUMBER_WORDS = _alternation(
    word for word, value in WORD_NUMBERS.items() if word != "a" and value <= 10
)
SELECTING_WORDS = _alternation(vocabulary.words("common_words", uses="selection"))


def is_selection(text: str, match: re.Match) -> bool:
    """ "in the past one hundred years", "the first four rounds", "one out of three users":
    which ones or when, not how many."""
    before = text[max(0, match.start() - 20) : match.start()]
    if re.search(rf"(?:\d|\b(?:{SMALL_NUMBER_WORDS}))\s+out of\s+$", before, re.I):
        return True  # "one out of three" (but "out of 81 lakh households, ..." is a total)
    in_time = bool(match["unit"]) and match["unit"].lower() in CALENDAR_UNITS
    if not in_time and (match["cur"] or match["scale"] or match["unit"]):
        return False
    return bool(re.search(rf"\b(?:{SELECTING_WORDS})\s+$", before, re.I))


def is_frequency(match: re.Match) -> bool:
    """ "twice a day", "every 30 minutes in a day": "a day" is no amount of days."""
    return (
        bool(match["word"])
        and match["word"].lower() == "a"
        and bool(match["unit"])
        and match["unit"].lower() in CALENDAR_UNITS | CLOCK_UNITS
    )


def _scale_factor(match: re.Match) -> Decimal:
    words = re.findall(r"[A-Za-z万亿]+", match["scale"] or "")
    if match["short"]:
        words.append(match["short"])
    factor = Decimal(1)
    for word in words:
        factor *= Decimal(str(SCALES[word.lower()]))
    return factor


def _unit_code(match: re.Match) -> str | None:
    unit = None
    if match["cur"]:
        unit = CURRENCY_SYMBOLS[match["cur"].lower()]
    if match["unit"]:
        named = UNIT_WORDS[match["unit"].lower()]
        unit = unit if unit and named in CURRENCIES else named
    if match["per"] and unit:
        unit = f"{unit}/{match['per'].lower()}"
    return unit


def _looks_like_year(match: re.Match, value: float) -> bool:
    digits = match["num"] or ""
    return bool(re.fullmatch(r"(1[89]|20)\d\d", digits)) and 1800 <= value <= 2100


def _is_date_or_time(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 12) : match.start()]
    after = text[match.end() : match.end() + 12]
    if re.match(r"\s*[:/]\s*\d", after) or re.search(r"\d\s*[:/]\s*$", before):
        return True  # 5:53, 01/06
    if re.search(r"\d-$", before) or re.match(r"-\d", after):
        return True  # the "21" of "2020-21"
    prev_word = re.findall(r"[A-Za-z]+\.?", before)[-1:] or [""]
    next_word = re.findall(r"[A-Za-z]+", after)[:1] or [""]
    return prev_word[0].lower().rstrip(".") in MONTH_WORDS or next_word[0].lower() in MONTH_WORDS


def _is_reference(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 16) : match.start()]
    words = re.findall(r"[A-Za-z]+[.-]?", before)
    if words and words[-1].lower() in REFERENCE_WORDS and re.search(r"[A-Za-z][.-]?\s?$", before):
        return True
    line_start = text.rfind("\n", 0, match.start()) + 1
    at_line_start = not text[line_start : match.start()].strip(" \t(")
    return at_line_start and bool(re.match(r"\s*[.)]", text[match.end() :]))
