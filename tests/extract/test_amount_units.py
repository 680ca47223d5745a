"""The unit table the quantity reader uses (``kg/extract/data/amount_units.tsv``) agrees with
pint, and the currency tables with CLDR (babel)."""

import pytest

from kg.extract import vocabulary
from kg.extract.amounts import read_quantities
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


@pytest.mark.parametrize(
    "text, country, unit",
    [
        ("Sales reached ¥1.2 trillion.", "CN", "CNY"),
        ("Sales reached ¥1.2 trillion.", None, "JPY"),
        ("Sales reached ¥1.2 trillion.", "JP", "JPY"),
        ("The grant is $5 million.", "AU", "AUD"),
        ("The grant is 5 million dollars.", "AU", "AUD"),
        ("The grant is 5 million U.S. dollars.", "AU", "USD"),  # named: not the local dollar
        ("The grant is $5 million.", "CN", "USD"),  # China does not write its yuan "$"
        ("The grant is Rs 50 crore.", "PK", "PKR"),
        ("The grant is Rs 50 crore.", "IN", "INR"),
        ("The fee is ¥30 per month.", "CN", "CNY/month"),
    ],
)
def test_an_ambiguous_currency_sign_reads_as_the_countrys_own(text, country, unit):
    (amount,) = read_quantities(text, country)
    assert amount.unit == unit


def test_the_local_currency_table_is_cldrs():
    """``data/local_currencies.tsv`` is what CLDR (babel) gives today, country by country."""
    from kg.extract.amounts.vocabulary import cldr_local_currency_forms, local_currency_forms

    countries = {row["country"] for row in vocabulary.rows("local_currencies")}
    assert {"CN", "GB", "IN", "US"} <= countries
    for country in sorted(countries):
        assert dict(local_currency_forms(country)) == cldr_local_currency_forms(country)
