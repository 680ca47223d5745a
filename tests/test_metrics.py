"""Metric names -> one concept (kg.metrics): the rules merge only names of the same quantity."""

import pytest

from kg.errors import InputError
from kg.metrics import Corrections, broader_keys, concept_key, read_corrections


@pytest.mark.parametrize(
    "names",
    [
        (
            "telecommunications business revenue",
            "telecom revenue",
            "revenue of the telecom industry",
        ),
        ("GDP", "gross domestic product", "the gross domestic product"),
        ("NEV sales", "sales of new energy vehicles", "new energy vehicle sales"),
        ("total retail sales of consumer goods", "retail sales of consumer goods"),
        ("number of 5G base stations", "5G base stations", "5G base station"),
    ],
)
def test_names_of_one_quantity_share_a_concept(names):
    assert len({concept_key(name, Corrections({}, frozenset())) for name in names}) == 1


@pytest.mark.parametrize(
    "one, other",
    [
        ("industry revenue", "revenue"),  # a sector word alone is the modifier, not filler
        ("software revenue", "hardware revenue"),
        (
            "share of renewable energy in power generation",
            "renewable energy share",
        ),  # 2 prepositions
        ("it", "information technology"),  # lower-case "it" is no abbreviation
        ("exports of goods", "exports of services"),
    ],
)
def test_different_quantities_stay_apart(one, other):
    assert concept_key(one) != concept_key(other)


def test_a_part_is_narrower_than_its_head_and_an_abbreviation_is_not_split():
    assert broader_keys("telecom business revenue") == ["revenue"]
    assert broader_keys("GDP per capita") == []  # "per" keeps the phrase as written
    assert broader_keys("GDP growth") == ["growth"]
    assert broader_keys("gross domestic product") == []


def test_the_corrections_file_merges_and_splits_metrics(tmp_path):
    path = tmp_path / "kg-corrections.tsv"
    path.write_text(
        "# hand corrections\n"
        "merge-metric\tpost and telecoms income\ttelecom revenue\n"
        "split-metric\tTelecom Business Revenue\n"
        "merge\tMIIT\tMinistry of Industry and Information Technology\n",
        encoding="utf-8",
    )
    fixes = read_corrections(path)
    assert concept_key("post and telecoms income", fixes) == concept_key("telecom revenue", fixes)
    assert concept_key("telecom business revenue", fixes) == "telecom business revenue"
    assert concept_key("telecom business revenue", Corrections({}, frozenset())) == (
        "telecommunications revenue"
    )
    assert "miit" not in fixes.merged  # entity corrections are for their own reader


def test_a_malformed_metric_correction_is_one_line_naming_the_file(tmp_path):
    path = tmp_path / "kg-corrections.tsv"
    path.write_text("merge-metric\tonly one name\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"kg-corrections.tsv:1: merge-metric takes 2 name"):
        read_corrections(path)
