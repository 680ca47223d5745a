"""The unit table the quantity reader uses (``kg/extract/data/amount_units.tsv``) agrees with
pint, and the currency tables with CLDR (babel)."""

import pytest

from kg.extract import vocabulary
from kg.extract.amounts.vocabulary import (
    currency_codes,
    currency_names,
    currency_symbols,
    pint_unit_code,
)

ROWS = [
    (r["form"], r["pint"], r["code"]) for r in vocabulary.rows("amount_units") if r["pint"] != "-"
]


@pytest.fixture(scope="module")
def registry():
    pint = pytest.importorskip("pint")
    return pint.UnitRegistry()


@pytest.mark.parametrize("surface, expression, code", ROWS, ids=[r[0] for r in ROWS])
def test_unit_codes_are_pints(registry, surface, expression, code):
    assert pint_unit_code(surface if expression == "=" else expression, registry) == code


@pytest.mark.parametrize(
    "symbol, code",
    [
        ("$", "USD"),
        ("us$", "USD"),
        ("£", "GBP"),
        ("€", "EUR"),
        ("₹", "INR"),
        ("rs.", "INR"),
        ("a$", "AUD"),
        ("hk$", "HKD"),
        ("ca$", "CAD"),
        ("c$", "CAD"),
        ("s$", "SGD"),
        ("rm", "MYR"),
        ("¥", "JPY"),
        ("cn¥", "CNY"),
        ("rmb", "CNY"),
        ("₩", "KRW"),
        ("nz$", "NZD"),
    ],
)
def test_currency_symbols_come_from_cldr_and_the_few_forms_it_lacks(symbol, code):
    assert currency_symbols()[symbol] == code


def test_currency_names_and_codes_cover_every_iso_4217_currency():
    names = currency_names()
    assert (
        names["hong kong dollars"] == "HKD"
        and names["us dollars"] == "USD"
        and names["yuan"] == "CNY"
    )
    assert names["dollars"] == "USD" and "won" not in names  # an English word is no currency name
    assert {
        "USD",
        "JPY",
        "AUD",
        "MYR",
        "ZAR",
        "BRL",
    } <= currency_codes() and "ALL" not in currency_codes()
