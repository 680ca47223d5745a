"""The word tables (``kg/extract/data``): each loads, each word is in one place with one role,
and ``singular`` reads them."""

import re
from collections import defaultdict
from importlib import resources

import pytest

from kg.extract import vocabulary
from kg.extract.entities import LIST_HEADS
from kg.extract.lexicon import head_type

TABLES = sorted(
    path.name.removesuffix(".tsv")
    for path in resources.files("kg.extract").joinpath("data").iterdir()
    if path.name.endswith(".tsv")
)
# Tables read as lists of names (canonical name, aliases, jurisdiction) rather than words by role;
# the gazetteer's names are listed once per country (tests/extract/test_gazetteer.py)
NAME_LISTS = {"programs", "government_bodies", "body_forms", "subnational_units"}
WORD_TABLES = [table for table in TABLES if table not in NAME_LISTS]
# What a word says about the thing a name names: a class, a person's title, no entity at all.
# One word saying two of these would disagree with itself.
NAMING_ROLES = [("heads", "class"), ("titles", "role"), ("organisations", "kind")]


@pytest.mark.parametrize("table", WORD_TABLES)
def test_every_table_loads_with_a_header_and_rows(table):
    rows = vocabulary.rows(table)
    assert rows and all(all(isinstance(v, str) for v in row.values()) for row in rows)
    first = next(iter(rows[0]))
    assert all(row[first] for row in rows)  # every row names its word


# The quantity reader's words are keyed by word and role ("in" is a preposition of time before a
# year and a word that may stand between a number and its change): one row per word and role;
# a currency sign is listed once per country that writes its own currency with it ("$").
BY_ROLE = {"amount_words": "role", "local_currencies": "country"}


@pytest.mark.parametrize("table", WORD_TABLES)
def test_a_word_is_listed_once_per_table(table):
    role = BY_ROLE.get(table)
    first = [
        (next(iter(row.values())), row[role] if role else "") for row in vocabulary.rows(table)
    ]
    assert len(first) == len(set(first)), {w for w in first if first.count(w) > 1}


def test_no_word_names_two_kinds_of_thing():
    roles = defaultdict(set)
    for table, column in NAMING_ROLES:
        for row in vocabulary.rows(table):
            if row[column] != "qualifier":  # "state" in "state minister" names nothing by itself
                roles[next(iter(row.values()))].add((table, row[column]))
    assert {word: found for word, found in roles.items() if len(found) > 1} == {}


def test_a_unit_form_has_one_code_whether_money_or_not():
    from kg.extract.amounts.vocabulary import currency_names, unit_words

    assert set(unit_words()) & set(currency_names()) == set()


def test_every_head_noun_has_one_class_every_rule_reads():
    assert vocabulary.heads()["policy"] == vocabulary.heads(rules="descriptive")["policy"]
    assert head_type("Policies") == vocabulary.heads()["policy"]


@pytest.mark.parametrize(
    "plural, singular",
    [
        ("Ministries", "ministry"),
        ("agencies", "agency"),
        ("plans", "plan"),
        ("Programmes", "programme"),
        ("objectives", "objectives"),
        ("class", "class"),
        ("status", "status"),
        ("basis", "basis"),
        ("act", "act"),
        ("news", "news"),
        ("strategies", "strategy"),
        ("buses", "bus"),
        ("indices", "index"),
        ("headquarters", "headquarters"),
    ],
)
def test_singular(plural, singular):
    assert vocabulary.singular(plural) == singular


@pytest.mark.parametrize(
    "word, plural",
    [
        ("plan", "plans"),
        ("strategy", "strategies"),
        ("policy", "policies"),
        ("agency", "agencies"),
        ("day", "days"),
    ],
)
def test_plural(word, plural):
    assert vocabulary.plural(word) == plural


@pytest.mark.parametrize("word", sorted(vocabulary.heads(rules="list")))
def test_a_coordinated_list_is_headed_by_the_plural_of_a_list_head(word):
    assert re.fullmatch(LIST_HEADS, vocabulary.plural(word).capitalize(), re.IGNORECASE)


def test_months_have_numbers_by_name_and_abbreviation():
    written = ("January", "Sept.", "sep", "May", "Dec")
    assert [vocabulary.month_number(w) for w in written] == [1, 9, 9, 5, 12]
    assert vocabulary.month_number("Monday") is None


def test_tables_say_where_their_words_come_from():
    for table in TABLES:
        path = resources.files("kg.extract").joinpath(f"data/{table}.tsv")
        text = path.read_text(encoding="utf-8")
        assert text.startswith("#"), f"{table}.tsv has no comment saying what it holds"
