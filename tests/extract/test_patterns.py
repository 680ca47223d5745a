"""Patterns made faster for whole-text scans find what they found before, on real text.

A pattern behind ``starting_with`` (a lookahead for the characters a match can start with) must
match exactly where the pattern without it does; so must ``COORDINATED`` with its possessive
quantifiers and its plain ones; so must ``NOT_PROSE_WITHOUT_EMAIL`` with ``NOT_PROSE`` on a
text without "@". Checked on the shipped examples, the dev texts and the first
bulk releases.
"""

import re

import pytest

from kg.extract.amounts.incidental import NOT_PROSE, NOT_PROSE_WITHOUT_EMAIL
from kg.extract.amounts.reader import patterns
from kg.extract.entities import (
    BACK_REFERENCE,
    COORDINATED,
    LOWERCASE_REFERENCE,
    NAME_RUN,
    lexicon_pattern,
)
from kg.extract.gazetteer import country_name_pattern
from kg.extract.observations import YEAR
from kg.sources import read_document

from ..conftest import EXAMPLES, SHARED

BULK_RELEASES = 300
LEADING_LOOKAHEAD = re.compile(r"\(\?=\[(?:\\.|[^\]\\])*\]\)")


def texts() -> list[str]:
    paths = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    paths += sorted((SHARED / "corpus" / "bulk").glob("*.txt"))[:BULK_RELEASES]
    return [read_document(path).text for path in paths]  # as a build reads them


TEXTS = texts()
GUARDED = {
    "NAME_RUN": NAME_RUN,
    "BACK_REFERENCE": BACK_REFERENCE,
    "LOWERCASE_REFERENCE": LOWERCASE_REFERENCE,
    "YEAR": YEAR,
    "number": patterns()["number"],
    "country names": country_name_pattern(),
    "lexicon names": lexicon_pattern(),
}


def matches(pattern: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groupdict()) for m in pattern.finditer(text)]


def without_guard(pattern: re.Pattern) -> re.Pattern:
    guard = LEADING_LOOKAHEAD.match(pattern.pattern)
    assert guard is not None, "the pattern no longer starts with its lookahead"
    return re.compile(pattern.pattern[guard.end() :], pattern.flags)


@pytest.mark.parametrize("name", GUARDED)
def test_a_pattern_with_its_first_character_lookahead_matches_as_without_it(name):
    pattern = GUARDED[name]
    plain = without_guard(pattern)
    found = 0
    for text in TEXTS:
        expected = matches(plain, text)
        assert matches(pattern, text) == expected
        found += len(expected)
    assert found > 0  # the texts exercise the pattern


def test_coordinated_lists_match_with_possessive_quantifiers_as_with_greedy_ones():
    greedy = re.compile(COORDINATED.pattern.replace("++", "+"), COORDINATED.flags)
    assert greedy.pattern != COORDINATED.pattern
    found = [matches(greedy, text) for text in TEXTS]
    assert [matches(COORDINATED, text) for text in TEXTS] == found
    assert any(found)


def test_not_prose_without_its_email_branch_matches_as_with_it_where_no_at_sign_is_written():
    without_at = [text for text in TEXTS if "@" not in text]
    found = [matches(NOT_PROSE, text) for text in without_at]
    assert [matches(NOT_PROSE_WITHOUT_EMAIL, text) for text in without_at] == found
    assert any(found)
