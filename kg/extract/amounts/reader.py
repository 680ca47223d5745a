"""Each number in a text read as an amount: value in base units, unit, bounds, qualifier.

A number is found first (digits, number words, Chinese numerals); then what is written around
it is read outwards: scale ("1.47 trillion", "Rs.2,258cr", "1.47万亿"), unit ("256GB",
"per cent", "U.S. dollars", "元"), the denominator of a rate ("$30 per month"), a currency
before it ("A$", "Rs.", "USD"), a sign ("-1.3%", "minus 5") and a qualifier ("more than",
"up to", "约"). Two numbers joined as a range ("70 to 80 centimetres", "between 5 and 7 per
cent", "252-287 miles") become one amount with both bounds. Incidental numbers (dates,
references, names, addresses, file sizes ...) are left out by ``incidental``.

>>> [(a.value, a.unit) for a in find_amounts("revenue of 1.47万亿元, up 8%, and AUD1.5m")]
[(1470000000000.0, 'CNY'), (8.0, 'percent'), (1500000.0, 'AUD')]
>>> a, = find_amounts("between 5 and 7 per cent")
>>> a.lower, a.upper, a.unit
(5.0, 7.0, 'percent')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, lru_cache
from itertools import islice

from ..text import starting_with
from .numbers import chinese_scale, chinese_value, parse_digits, to_ascii_digits, word_value
from .vocabulary import (
    MAX_UNIT_WORDS,
    common_words,
    currency_codes,
    currency_names,
    currency_symbols,
    local_currency_forms,
    lookup_key,
    unit_words,
    words,
)

__all__ = [
    "Amount",
    "Change",
    "Equivalent",
    "Mention",
    "find_amounts",
    "read_mentions",
    "cjk_words",
    "first_ending",
    "MONEY_UNITS",
]


@dataclass(frozen=True)
class Change:
    """A change that belongs to an amount ("up 8% year-on-year"): signed value and unit."""

    value: float
    unit: str
    basis: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Equivalent:
    """The same amount in another unit, in brackets after it ("(about $161 billion)")."""

    value: float
    unit: str
    start: int
    end: int


@dataclass(frozen=True)
class Amount:
    """A number read from text. ``value`` is in base units (a range's lower bound; a change
    stated without its level is signed and has ``is_change``); ``unit`` is None for a count."""

    start: int
    end: int
    value: float
    unit: str | None
    surface: str
    explicit: bool  # has a currency, scale or unit: more than a bare number
    lower: float | None = None
    upper: float | None = None
    qualifier: str | None = None
    change: Change | None = None
    equivalent: Equivalent | None = None
    is_change: bool = False

    def shifted(self, offset: int) -> Amount:
        """The same amount with offsets into a larger text (a sentence's or a cell's start)."""
        change = self.change and replace(
            self.change, start=self.change.start + offset, end=self.change.end + offset
        )
        equivalent = self.equivalent and replace(
            self.equivalent, start=self.equivalent.start + offset, end=self.equivalent.end + offset
        )
        return replace(
            self,
            start=self.start + offset,
            end=self.end + offset,
            change=change,
            equivalent=equivalent,
        )


@dataclass(frozen=True)
class Mention:
    """A number with what is written around it, before deciding whether it is incidental.
    ``number`` is the span of the digits or words themselves."""

    start: int
    end: int
    number: tuple[int, int]
    base: Decimal
    scale: Decimal = Decimal(1)
    unit: str | None = None
    currency: bool = False
    qualifier: str | None = None
    negative: bool = False
    upper: Decimal | None = None  # a range's upper bound, in base units
    kind: str = "digits"  # digits | word | cjk
    glued: str = ""  # letters glued to the number that are neither scale nor unit ("5G", "14th")
    currency_written: str = ""  # the currency as written ("¥", "Rs.", "dollars"), see ``to_amount``
    rate_base: bool = False  # the "100,000" of "per 100,000 people"

    @property
    def value(self) -> Decimal:
        return -self.base * self.scale if self.negative else self.base * self.scale

    @property
    def bare(self) -> bool:
        return not (self.currency or self.unit or self.scale != 1)


MONEY_UNITS = "money"  # the kind every currency code has, see ``is_money``
SYMBOLS = "$£€¥₹₩₱₦₪₫"
INDEFINITE_ARTICLES = common_words("indefinite")  # count only before a scale: "a million"


@lru_cache(maxsize=1)
def patterns() -> dict[str, re.Pattern]:
    """The reader's expressions, built once from its word lists."""
    tens = [
        w
        for w, v in words("word_number").items()
        if int(v) >= 20 and int(v) % 10 == 0 and w != "dozen"
    ]
    units = [w for w, v in words("word_number").items() if int(v) < 10]
    number_words = alternation(words("word_number"))
    cjk = "".join(words("cjk_digit")) + "".join(words("cjk_scale"))
    return {
        "number": re.compile(
            starting_with(rf"\d.{cjk}")
            + rf"(?P<digits>\d{{1,3}}(?:,\d{{2,3}})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
            rf"|\.(?<![A-Za-z0-9]\.)\d+)|(?P<cjk>[{cjk}]+)"
        ),
        "number_word": re.compile(
            rf"\b(?P<word>(?:{alternation(tens)})[-\s](?:{alternation(units)})|{number_words}|an?)\b",
            re.IGNORECASE,
        ),
        "scale": re.compile(
            rf"[\s-]+(?:(?P<scale>{alternation(words('scale'))})(?![A-Za-z])"
            rf"|(?P<lost>crore|lakh|million|billion|trillion)(?=[a-z]{{3}}))",
            re.IGNORECASE,
        ),
        "cjk_scale": re.compile(rf"(?P<more>[多余])?(?P<scale>[{''.join(words('cjk_scale'))}]+)"),
        "currency_before": re.compile(
            rf"(?:^|(?<=[^A-Za-z]))"
            rf"(?P<cur>(?:[A-Z][A-Za-z.]{{0,3}}|US )?[{SYMBOLS}]|[A-Za-z]{{2,4}}\.?"
            rf"|{alternation(w for w in words('currency_word') if not w.isascii())})\s?$"
        ),
        "token": re.compile(
            r"[^\s\d,;:()\[\]\"“”‘’!?。，、；：（）][^\s,;:()\[\]\"“”‘’!?。，、；：（）]*"
        ),
        "qualifier_after": re.compile(
            rf"[\s-]*(?P<q>{alternation(words('qualifier_after'))})(?![A-Za-z])", re.IGNORECASE
        ),
        "fraction": re.compile(
            rf"\b(?:{alternation(words('fraction'))})\b(?=\s+of\b)"
            rf"|(?<=\bby )(?:{alternation(words('fraction'))})\b"
            rf"|(?<=\bof over )(?:{alternation(words('fraction'))})\b",
            re.IGNORECASE,
        ),
        "share": re.compile(
            r"\s+(?:out of|in)\s+(?P<whole>\d{1,3}|[A-Za-z]+)\b"
            r"(?!\s*(?:%|per\b|million|billion|lakh|crore))",
            re.IGNORECASE,
        ),
        "per": re.compile(
            r"\s*(?:(?:per|a|an|each)\s+|/\s*)(?:(?P<n>\d[\d,]*)\s+)?", re.IGNORECASE
        ),
    }


def alternation(items) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))


def find_amounts(text: str, country: str | None = None) -> list[Amount]:
    """Every amount in ``text`` worth an observation, in order; incidental numbers left out.
    A currency sign several countries use ("¥", "$", "dollars", "Rs") is read as the currency
    of ``country`` (the document's, ISO 3166 alpha-2) when that country writes its own so."""
    from .incidental import is_incidental  # the rules read Mention: a module of their own

    text = to_ascii_digits(text)
    if not HAS_NUMBER.search(text) and not set(WORD.findall(text.lower())) & (
        number_word_set() | fraction_starts()
    ):
        return []  # most sentences: no digit, no number word
    mentions = read_mentions(text)
    return [to_amount(text, m, country) for m in mentions if not is_incidental(text, m, mentions)]


WORD = re.compile(r"[a-z]+")
HAS_NUMBER = re.compile(r"[\d零〇一二两三四五六七八九十百千万亿]")


def read_mentions(text: str) -> list[Mention]:
    """Every number in ``text`` with its scale, unit, currency, sign, qualifier; ranges joined."""
    lowered = set(WORD.findall(text.lower()))
    shares = list(read_shares(text, lowered))
    mentions: list[Mention] = []
    for match in number_matches(text, lowered):
        if (
            mentions
            and match.start() < mentions[-1].end
            or any(s.start <= match.start() < s.end for s in shares)
        ):
            continue  # inside the last one ("万" of "1.47万亿元", "80" of a range) or in a share
        mention = read_number(text, match)
        if mention is not None:
            mentions.append(mention)
    if shares:
        mentions = sorted(
            mentions + [qualifier_before(text, s) for s in shares], key=lambda m: m.start
        )
    from .ranges import join_ranges

    return join_ranges(text, mentions) if len(mentions) > 1 else mentions


def number_matches(text: str, lowered: set[str]) -> list[re.Match]:
    """Digits and Chinese numerals, and number words when the text has any (most sentences
    have none: the word pattern is the slow one)."""
    found = list(patterns()["number"].finditer(text))
    if lowered & number_word_set() or lowered & INDEFINITE_ARTICLES and lowered & scale_word_set():
        found = sorted(
            found + list(patterns()["number_word"].finditer(text)), key=lambda m: m.start()
        )
    return found


@lru_cache(maxsize=1)
def number_word_set() -> frozenset[str]:
    return frozenset(re.split(r"[-\s]", phrase)[0] for phrase in words("word_number"))


@lru_cache(maxsize=1)
def scale_word_set() -> frozenset[str]:
    return frozenset(words("scale"))


SHARE_DIGITS = 1  # "a third" is 33.3 percent (GUIDELINES.md)


def read_shares(text: str, lowered: set[str]):
    """Shares written in words, as percentages: "a third of", "two-thirds of", "half of",
    "3 out of 4", "one in five" (not "the first half of 2021")."""
    if lowered & fraction_starts():
        for found in patterns()["fraction"].finditer(text):
            if not re.search(
                r"(?:first|second|latter|former|other)\s+$",
                text[max(0, found.start() - 10) : found.start()],
                re.I,
            ):
                written = found.group().lower()
                value = Decimal(
                    words("fraction").get(written) or words("fraction")[written.replace("-", " ")]
                )
                yield Mention(
                    found.start(), found.end(), found.span(), value, unit="percent", kind="share"
                )
    if "out" in lowered or "in" in lowered and lowered & number_word_set():
        yield from numbers_out_of(text)


SHARE_PART = re.compile(r"\b(\d{1,3}|[A-Za-z]+)$")


def numbers_out_of(text: str):
    """ "3 out of 4", "one in five": a share, as a percentage."""
    for found in patterns()["share"].finditer(text):
        part_match = SHARE_PART.search(text, 0, found.start())
        part = share_number(part_match[1]) if part_match else None
        whole = share_number(found["whole"])
        if part is not None and whole and part < whole:
            value = (part / whole * 100).quantize(Decimal(10) ** -SHARE_DIGITS)
            yield Mention(
                part_match.start(),
                found.end(),
                (part_match.start(), found.end()),
                value,
                unit="percent",
                kind="share",
            )


@lru_cache(maxsize=1)
def fraction_starts() -> frozenset[str]:
    return frozenset(phrase.split()[0].split("-")[0] for phrase in words("fraction"))


def share_number(text: str) -> Decimal | None:
    return (
        parse_digits(text)
        if text[0].isdigit()
        else word_value(text)
        if text.lower() in words("word_number")
        else None
    )


def read_number(text: str, match: re.Match) -> Mention | None:
    groups = match.groupdict()
    kind = "digits" if groups.get("digits") else "word" if groups.get("word") else "cjk"
    if kind == "digits" and not digits_stand_alone(text, match.start()):
        return None
    base = number_value(match, kind)
    mention = Mention(match.start(), match.end(), match.span(), base, kind=kind)
    mention = read_right(text, mention)
    if kind == "word" and match["word"].lower() in INDEFINITE_ARTICLES and mention.scale == 1:
        return None  # "a" and "an" count only before a scale: "a million"
    if kind == "cjk" and mention.unit is None and not cjk_counted(text, mention.end):
        return None  # "统一": a Chinese numeral is a number only before a unit or measure word
    return read_left(text, mention)


def digits_stand_alone(text: str, start: int) -> bool:
    """Not glued to a word before it ("G20", "iPhone11", "COVID-19"); a dot before digits
    is a footnote or a version, unless it ends a currency ("Rs.2,258")."""
    before = text[max(0, start - 6) : start]
    if not before:
        return True
    if HYPHENATED_TO_WORD.search(before):
        return False
    if GLUED_TO_WORD.search(before):
        return currency_before(text, start) is not None  # "Rs16,615", "RM500", "AUD1.5m"
    if before.endswith("."):
        return ABBREVIATION_DOT.search(before) is not None
    return True


# compiled once: these are asked of every number (a pattern written in the call is looked up in
# ``re``'s cache on each)
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060"  # soft hyphen, zero-width spaces, word joiner
HYPHENATED_TO_WORD = re.compile(rf"[A-Za-z_][-–][{INVISIBLE}]?$")  # "COVID-\u206019" as written
GLUED_TO_WORD = re.compile(rf"[A-Za-z_][{INVISIBLE}]?$")
ABBREVIATION_DOT = re.compile(r"(?:^|[^A-Za-z])(?:Rs|Re|rs|No|no)\.$")
LETTERS = re.compile(r"[A-Za-z]+")


def number_value(match: re.Match, kind: str) -> Decimal:
    if kind == "digits":
        return parse_digits(match["digits"])
    if kind == "word":
        return (
            Decimal(1)
            if match["word"].lower() in INDEFINITE_ARTICLES
            else word_value(match["word"])
        )
    return chinese_value(match["cjk"])


# ---------------------------------------------------------------- after the number


def read_right(text: str, m: Mention) -> Mention:
    """Scale, unit, rate and trailing qualifier written after the number."""
    for step in (
        cjk_scale_after,
        glued_after,
        scales_after,
        unit_after,
        sub_unit_after,
        rate_after,
        qualifier_after,
    ):
        m = step(text, m)
        if m.glued:
            break
    return m


def cjk_scale_after(text: str, m: Mention) -> Mention:
    """ "1.47万亿", "100多万"; in "1200万千瓦" the 千 belongs to the unit 千瓦 (kW)."""
    found = patterns()["cjk_scale"].match(text, m.end)
    if found is None:
        return m
    run = found["scale"]
    while len(run) > 1 and cjk_unit_at(text, found.start("scale") + len(run) - 1) is not None:
        run = run[:-1]
    qualifier = words("qualifier_after").get(found["more"]) if found["more"] else m.qualifier
    return replace(
        m,
        end=found.start("scale") + len(run),
        scale=m.scale * chinese_scale(run),
        qualifier=qualifier,
    )


def glued_after(text: str, m: Mention) -> Mention:
    """Letters glued to the number: a scale ("2bn", "$4.2b"), a unit ("50mph", "256GB", "24pc"),
    an ordinal or a name ("14th", "5G", "1990s")."""
    found = LETTERS.match(text, m.end)
    if found is None or m.kind != "digits":
        return m
    token = found.group()
    scale_word = GLUED_SCALE_WORD.match(token.lower())
    if scale_word and token.lower() not in words("scale"):
        token = token[: scale_word.end()]  # "9.54 crorefarmer families": a space lost in scraping
        found = re.compile(re.escape(token)).match(text, m.end)
    if token.lower() in words("scale"):
        return replace(m, end=found.end(), scale=m.scale * Decimal(words("scale")[token.lower()]))
    if token.lower() in words("glued_scale") and glued_scale_holds(text, m, found.end()):
        return replace(
            m, end=found.end(), scale=m.scale * Decimal(words("glued_scale")[token.lower()])
        )
    unit = unit_at(text, m.end)
    if unit is not None:
        return replace(m, end=unit[0], unit=unit[1])
    if token.lower() in words("sub_unit"):
        return sub_unit(m, found.end(), token.lower())
    if (
        token.lower() in words("ordinal")
        and re.match(r"\s+(\w+)", text[found.end() :])
        and re.match(r"\s+(\w+)", text[found.end() :])[1].lower() in words("rank_word")
    ):
        return replace(m, end=found.end())  # "18th place": a rank is a number
    return replace(m, glued=token)


AND_A_HALF = re.compile(r"\s+and a half\b", re.IGNORECASE)
GLUED_SCALE_WORD = re.compile(r"(?:crore|lakh|million|billion|trillion)(?=[a-z]{3,})")


def glued_scale_holds(text: str, m: Mention, end: int) -> bool:
    """ "£6m", "$4.2b", "5m people", "2.4m tonnes": a glued k, m or b is a scale beside money,
    before a unit or before a counted noun; a bare "50m" is fifty metres."""
    if currency_before(text, m.start) is not None:
        return True
    before = re.findall(r"[A-Za-z]+", text[max(0, m.start - 12) : m.start])
    if before and before[-1].lower() in words("reference"):
        return False  # "Phase 2b trials"
    following = re.compile(r"\s+([A-Za-z]+)(?:\s+([a-z]+))?").match(text, end)
    return following is not None and (
        unit_at(text, end + 1) is not None
        or any(w and (w.endswith("s") or w.lower() == "people") for w in following.groups())
    )


def scales_after(text: str, m: Mention) -> Mention:
    """ "5 million", "3.60 Lakh Crore", "2,258 cr": spaced scale words multiply; "three and a
    half" adds a half."""
    half = AND_A_HALF.match(text, m.end)
    if half is not None and m.scale == 1:
        m = replace(m, end=half.end(), base=m.base + Decimal("0.5"))
    while (found := patterns()["scale"].match(text, m.end)) is not None:
        word = (
            found["scale"] or found["lost"]
        ).lower()  # "lost": "crorefarmer", a space lost in scraping
        m = replace(m, end=found.end(), scale=m.scale * Decimal(words("scale")[word]))
    return m


def unit_after(text: str, m: Mention) -> Mention:
    if m.unit is not None:
        return m
    gap = UNIT_GAP.match(text, m.end)
    found = unit_at(text, gap.end(), spaced=gap.end() > m.end)
    if found is None:
        return m
    end, unit = found
    if text[m.end : gap.end()].strip() == "-" and unit in {"point", "times", "pp", "percent"}:
        return m  # "a 10-point plan": an adjective
    word = text[gap.end() : end].lower()
    if word in words("before_of") and re.match(r"\s+of\b", text[end : end + 4]):
        unit = words("before_of")[word]  # "21,000 pounds of fentanyl": a weight
    written = text[gap.end() : end] if is_money(unit) else m.currency_written
    return replace(
        m, end=end, unit=unit, currency=m.currency or is_money(unit), currency_written=written
    )


UNIT_GAP = re.compile(r" ?-(?=[A-Za-z])|\s?")  # "5 km", "5km", "a 10-point plan"


def unit_at(text: str, start: int, spaced: bool = False) -> tuple[int, str] | None:
    """(end, unit code) of the longest unit or currency name starting at ``start``."""
    if start < len(text) and "\u4e00" <= text[start] <= "\u9fff":
        return cjk_unit_at(text, start)
    for end in reversed(unit_word_ends(text, start)):
        surface = text[start:end]
        for candidate in (surface, surface.rstrip(".")):
            code = unit_code(candidate, spaced)
            if code is not None:
                return start + len(candidate), code
    return None


def unit_word_ends(text: str, start: int) -> list[int]:
    """Where each run of up to ``MAX_UNIT_WORDS`` words from ``start`` ends, the words apart by
    one space or line break: the surfaces a unit name may have."""
    tokens = patterns()["token"].finditer(text, start, min(len(text), start + 60))
    ends: list[int] = []
    previous = None
    for token in islice(tokens, MAX_UNIT_WORDS):
        joined = token.start() == start if previous is None else gap_is_space(text, previous, token)
        if not joined:
            break
        ends.append(token.end())
        previous = token
    return ends


def gap_is_space(text: str, left: re.Match, right: re.Match) -> bool:
    return text[left.end() : right.start()] in {" ", "\n"}


@lru_cache(maxsize=65536)  # the same words follow numbers again and again ("per", "crore")
def unit_code(surface: str, spaced: bool) -> str | None:
    key = lookup_key(surface)
    if spaced and key == "x":
        return None  # "2x" is twice; "5 x 10" is a product
    return (
        unit_words().get(key)
        or currency_names().get(key.lower())
        or (key if key in currency_codes() else None)
    )


def cjk_unit_at(text: str, start: int) -> tuple[int, str] | None:
    for length in range(4, 0, -1):
        surface = text[start : start + length]
        code = unit_words().get(surface) or currency_names().get(surface)
        if code is not None:
            return start + length, code
    return None


def cjk_counted(text: str, end: int) -> bool:
    return text[end : end + 1] in words("cjk_counter") or text[end : end + 1] in words(
        "qualifier_after"
    )


def sub_unit_after(text: str, m: Mention) -> Mention:
    """ "50 cents", "75 paise": a fraction of a currency."""
    if m.unit is not None:
        return m
    found = SUB_UNIT_WORD.match(text, m.end)
    if found is None or found[1].lower() not in words("sub_unit") or len(found[1]) == 1:
        return m
    return sub_unit(m, found.end(), found[1].lower())


SUB_UNIT_WORD = re.compile(r"\s?([A-Za-z]+)\b")  # "50 cents", "75 paise"


def sub_unit(m: Mention, end: int, word: str) -> Mention:
    fraction, code = words("sub_unit")[word].split()
    return replace(m, end=end, scale=m.scale * Decimal(fraction), unit=code, currency=True)


def rate_after(text: str, m: Mention) -> Mention:
    """ "$30 per month", "55 litres per capita per day", "27 per 100,000 residents": the
    denominator joins the unit ("USD/month", "L/person/day", "count/100000 person"); in
    "2 GB of data per day" it does too, though the amount ends before "of data"."""
    measured = re.compile(r"\s+of\s+[a-z]+(?=\s+per\s)").match(text, m.end) if m.unit else None
    if measured is not None:
        rated = rate_after(text, replace(m, end=measured.end()))
        return replace(m, unit=rated.unit)
    while (found := patterns()["per"].match(text, m.end)) is not None and found.end() > m.end:
        if found.group().strip().lower() in INDEFINITE_ARTICLES and found["n"]:
            break
        denominator = denominator_at(text, found.end())
        if denominator is None:
            break
        end, code = denominator
        base = f"{parse_digits(found['n'])} " if found["n"] else ""
        if m.unit in {"percent", "pp"} and code in TIME_UNITS and not base:
            return replace(m, end=end)  # "10% per year": an annual rate is a percentage
        head = "count" if m.unit in {None, "times"} else m.unit  # "6 times a year": how often
        m = replace(m, end=end, unit=f"{head}/{base}{code}")
    return m


def denominator_at(text: str, start: int) -> tuple[int, str] | None:
    found = re.compile(r"[A-Za-z]+(?: [a-z]+)?").match(text, start)
    if found is None:
        return None
    for surface in (found.group(), found.group().split()[0]):
        code = words("denominator").get(surface.lower())
        if code is None and surface.lower() not in INDEFINITE_ARTICLES:
            unit = unit_words().get(lookup_key(surface))
            code = unit if unit and not is_money(unit) else None
        if code is not None:
            return start + len(surface), code
    return None


def qualifier_after(text: str, m: Mention) -> Mention:
    found = patterns()["qualifier_after"].match(text, m.end)
    if found is None or (found["q"] == "+" and found.start("q") != m.end):
        return m
    return replace(m, end=found.end(), qualifier=words("qualifier_after")[found["q"].lower()])


# ---------------------------------------------------------------- before the number


def read_left(text: str, m: Mention) -> Mention:
    """Currency, sign and qualifier written before the number."""
    start = m.start
    currency = currency_before(text, start)
    if currency is not None:
        start, code = currency
        m = replace(
            m,
            start=start,
            unit=with_currency(m.unit, code),
            currency=True,
            currency_written=text[start : m.start].strip(),
        )
    sign = MINUS_BEFORE.search(text[max(0, start - 8) : start])
    if sign is not None and not RANGE_DASH_BEFORE.search(text[max(0, start - 4) : start]):
        m = replace(m, start=start - len(sign.group()), negative=True)
    return qualifier_before(text, m)


MINUS_BEFORE = re.compile(r"(?:^|(?<=[\s(\[]))(?:[-−]|minus\s+)$", re.IGNORECASE)
RANGE_DASH_BEFORE = re.compile(r"\d\s*[-−]$")  # "5-7": the dash of a range, no minus


def with_currency(unit: str | None, code: str) -> str | None:
    """The unit of a number with a currency before it: "$30 per month" is USD/month; a written
    currency name after it ("US$ 5 dollars") says the same."""
    head, slash, rate = (unit or "count").partition("/")
    return code + slash + rate if head == "count" or is_money(head) else unit


def currency_before(text: str, start: int) -> tuple[int, str] | None:
    """(start, ISO code) of a currency symbol or code right before ``start``: "A$", "Rs.",
    "USD ", "RMB", "美元"."""
    found = patterns()["currency_before"].search(text[max(0, start - 12) : start])
    if found is None:
        return None
    symbol = found["cur"]
    code = currency_symbols().get(symbol.lower().replace(" ", "")) or (
        symbol if symbol in currency_codes() else None
    )
    return (start - len(found.group()), code) if code else None


QUALIFIER_WORDS = re.compile(r"((?:[A-Za-z.]+ ){1,4})$")


def qualifier_before(text: str, m: Mention) -> Mention:
    before = text[max(0, m.start - 40) : m.start]
    cjk = first_ending(before, cjk_words("qualifier"))
    if cjk is not None:
        return replace(m, start=m.start - len(cjk), qualifier=words("qualifier")[cjk])
    found = QUALIFIER_WORDS.search(before)
    if found is None:
        return m
    tokens = found.group(1).split()
    if tokens and tokens[-1].lower() in INDEFINITE_ARTICLES and m.kind == "word":
        tokens = tokens[:-1]  # "nearly a quarter-million"
    for size in range(len(tokens), 0, -1):
        phrase = " ".join(tokens[-size:]).lower()
        if phrase in words("qualifier"):
            if (
                phrase == "over"
                and size < len(tokens)
                and is_over_preposition(tokens[-size - 1].lower())
            ):
                return m  # "spread over 25 acres", "an increase over 45 years"
            return replace(m, qualifier=words("qualifier")[phrase])
    return m


@cache
def cjk_words(role: str) -> tuple[str, ...]:
    """The Chinese words of a role, longest first."""
    return tuple(sorted((w for w in words(role) if not w.isascii()), key=len, reverse=True))


def first_ending(text: str, endings: tuple[str, ...]) -> str | None:
    """The first of ``endings`` that ``text`` ends with, if any: one test in C for the many
    texts that end in none (``str.endswith`` takes a tuple), then the one that it is."""
    if not text.endswith(endings):
        return None
    return next(ending for ending in endings if text.endswith(ending))


def is_over_preposition(word: str) -> bool:
    return any(
        word in words(role) for role in ("over_verb", "rise", "fall", "rise_after", "fall_after")
    )


TIME_UNITS = {"minute", "hour", "day", "week", "month", "year", "decade"}


def is_money(unit: str | None) -> bool:
    return unit is not None and unit.split("/")[0] in currency_codes()


# ---------------------------------------------------------------- to an Amount


def to_amount(text: str, m: Mention, country: str | None = None) -> Amount:
    value = float(m.value)
    upper = float(m.upper) if m.upper is not None else None
    return Amount(
        m.start,
        m.end,
        value,
        local_currency(m.unit, m.currency_written, country),
        text[m.start : m.end],
        not m.bare or m.upper is not None,
        lower=value if upper is not None else None,
        upper=upper,
        qualifier=m.qualifier,
    )


def local_currency(unit: str | None, written: str, country: str | None) -> str | None:
    """ "¥" is JPY in English, CNY in a Chinese document: the document's country decides a
    sign it writes its own currency with (``local_currency_forms``).

    >>> local_currency("JPY", "¥", "CN"), local_currency("USD", "$", "CN")
    ('CNY', 'USD')
    """
    if country is None or not written or not is_money(unit):
        return unit
    code = local_currency_forms(country).get(written.lower().rstrip("."))
    head, slash, rate = unit.partition("/")
    return code + slash + rate if code else unit
