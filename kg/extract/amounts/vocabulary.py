"""The words the quantity reader knows, loaded once, on first use.

- ``words(role)``: the reader's word lists (``data/amount_words.tsv``, one column for the role);
- ``common_words(use)``: the function words it reads (``data/common_words.tsv``);
- ``unit_words()``: unit surfaces -> unit codes (``data/amount_units.tsv``; codes are pint's,
  recomputed by the tests, so reading text never builds pint's slow registry);
- ``currency_symbols()``, ``currency_codes()``, ``currency_names()``: every ISO 4217 currency
  by symbol, code and English name, from CLDR through babel, with the few forms English
  policy text uses that CLDR does not give (``Rs.``, ``RMB``, ``S$``);
- ``local_currency_forms(country)``: how a country's own currency is written there ("¥" is
  CNY in a Chinese document, "$" and "dollars" AUD in an Australian one), from CLDR.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache, lru_cache

from .. import vocabulary

__all__ = [
    "words",
    "common_words",
    "months",
    "unit_words",
    "pint_unit_code",
    "currency_symbols",
    "currency_codes",
    "currency_names",
    "local_currency_forms",
    "lookup_key",
    "MAX_UNIT_WORDS",
]

MAX_UNIT_WORDS = 5  # "São Tomé & Príncipe dobras"
EXACT_SURFACE_LENGTH = 3  # "GB", "MW", "m": short symbols match as written


@cache
def words(role: str) -> Mapping[str, str]:
    """The words of one role of ``data/amount_words.tsv`` -> their value ("" when none)."""
    return vocabulary.column("amount_words", "value", role=role)


def common_words(use: str) -> frozenset[str]:
    """The common English words of one use (``data/common_words.tsv``, shared with the other
    rules): "clause-start", "not-plural", ..."""
    return vocabulary.words("common_words", uses=use)


def months() -> Mapping[str, str]:
    """Month names and abbreviations (``data/months.tsv``, shared with entity rules)."""
    return vocabulary.column("months", "month")


def lookup_key(surface: str) -> str:
    """How a surface is looked up: short symbols as written ("GB" is not "Gb"), words in
    lower case, "U.S." as "US", runs of spaces as one."""
    surface = " ".join(surface.split()).replace("U.S.", "US")
    return surface if len(surface) <= EXACT_SURFACE_LENGTH else surface.lower()


@lru_cache(maxsize=1)
def unit_words() -> dict[str, str]:
    """Unit surface (its lookup key) -> unit code: "kilometres" -> "km", "%" -> "percent"."""
    table: dict[str, str] = {}
    for row in vocabulary.rows("amount_units"):
        surface, code = row["form"], row["code"]
        table[lookup_key(surface)] = code
        if re.search(r"[A-Z/]", code):
            table.setdefault(lookup_key(code), code)  # a code is written too: "kWh", "µg/L"
        if len(surface) <= EXACT_SURFACE_LENGTH and surface.isalpha():
            table.setdefault(surface.upper(), code)  # "gw" row: "GW" as written
    return table


def pint_unit_code(expression: str, registry) -> str:
    """The code ``amount_units.tsv`` gives a unit pint parses: pint's compact symbol
    ("km/h", "µg/l", "km**2"), powers written as digits, and symbols renamed to the names
    GUIDELINES.md uses ("t" -> "tonne", "l" -> "L"; "h" -> "hour" only when alone)."""
    symbol = format(registry.parse_units(expression), "~C").replace("**", "")
    if symbol in words("unit_name_alone"):
        return words("unit_name_alone")[symbol]
    parts = re.split(r"([/*])", symbol)
    return "".join(rename_atom(part) for part in parts)


def rename_atom(atom: str) -> str:
    power = re.search(r"\d+$", atom)
    base = atom[: power.start()] if power else atom
    return words("unit_name").get(base, base) + (power.group() if power else "")


@lru_cache(maxsize=1)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes babel knows, without the few that are English words ("ALL", "TOP")."""
    from babel.numbers import list_currencies

    return frozenset(list_currencies()) - {w.upper() for w in words("not_currency")}


@lru_cache(maxsize=1)
def currency_symbols() -> dict[str, str]:
    """Symbol (lower case) -> ISO code. English CLDR's own symbols win ("$" is USD, "£" GBP);
    a symbol another English locale gives one currency only is added ("RM" -> MYR from
    en_MY); then the forms CLDR lacks (``currency_symbol`` rows)."""
    from babel import Locale, localedata

    symbols = {
        s.lower(): code for code, s in Locale.parse("en").currency_symbols.items() if s != code
    }
    claims: dict[str, set[str]] = {}
    for identifier in localedata.locale_identifiers():
        if identifier.startswith("en_"):
            for code, s in Locale.parse(identifier).currency_symbols.items():
                claims.setdefault(s.lower(), set()).add(code)
    for symbol, codes in claims.items():
        if (
            len(codes) == 1
            and symbol.upper() not in codes
            and not (symbol.isalpha() and len(symbol) == 1)
        ):
            symbols.setdefault(symbol, next(iter(codes)))
    symbols.update({s.lower(): code for s, code in words("currency_symbol").items()})
    return symbols


@lru_cache(maxsize=1)
def currency_names() -> dict[str, str]:
    """English currency name (lower case, singular and plural, "US" for "U.S.") -> ISO code:
    "hong kong dollars" -> HKD, from babel; bare names ("dollars", "yuan") from
    ``currency_word`` rows; names that are English words ("won", "rand") left out."""
    from babel.numbers import get_currency_name

    names: dict[str, str] = {}
    excluded = set(words("not_currency"))
    for code in sorted(currency_codes()):
        for count in (1, 2):
            name = lookup_key(get_currency_name(code, count=count, locale="en"))
            if "(" not in name and name not in excluded:
                names.setdefault(name, code)
    names.update({lookup_key(w): code for w, code in words("currency_word").items()})
    return names


def local_currency_forms(country: str) -> Mapping[str, str]:
    """How ``country`` (ISO 3166 alpha-2) writes its own currency -> its ISO code:
    ``data/local_currencies.tsv``, made from CLDR by ``cldr_local_currency_forms`` (the tests
    recompute it, so reading text never loads babel's locale data)."""
    return vocabulary.column("local_currencies", "code", country=country)


def cldr_local_currency_forms(country: str) -> dict[str, str]:
    """From CLDR (babel): the symbols of the country's currency in its locales ("CN¥", "￥",
    "¥" for CN), the bare sign a prefixed one ends with ("$" of "A$"), and the last word of the
    currency's English name ("dollars" of "Australian dollars"). An ambiguous sign ("¥", "$",
    "Rs", "dollars") means this currency in a document about the country; a sign the country
    does not use ("$" in a Chinese text) keeps its English reading."""
    from babel import Locale, localedata
    from babel.numbers import get_currency_name, get_territory_currencies

    forms: dict[str, str] = {}
    locales = [i for i in localedata.locale_identifiers() if i.endswith(f"_{country}")]
    for code in get_territory_currencies(country):
        for identifier in sorted(locales):
            symbol = Locale.parse(identifier).currency_symbols.get(code, "").lower()
            sign = re.sub(r"^[a-z]+", "", symbol)
            for form in sorted({symbol, sign} - {"", code.lower()}):
                forms.setdefault(form, code)
        for count in (1, 2):
            name = get_currency_name(code, count=count, locale="en")
            forms.setdefault(name.split()[-1].lower(), code)
    return forms
