"""When two numbers are the same quantity (kg.comparable): each rule on readings written for the
test, then near misses that must not be flagged, in documents written for the test and in real
bulk releases that the first version of the checks flagged wrongly."""

from __future__ import annotations

from dataclasses import replace

import pytest

import kg
from kg.checks import number_checks, run_checks
from kg.comparable import Reading, change_bounds, not_comparable, rounding
from kg.stores import solution_rows

from .conftest import SHARED

BASE = Reading(
    observation="o1",
    metric="electronic good export value",
    value=2.40e12,
    unit="CNY",
    period="2022",
    kind="actual",
    surface="2.40 trillion yuan",
    sentence="In 2022, the export value of electronic goods was 2.40 trillion yuan.",
    document="d1",
)
LATER = replace(
    BASE,
    observation="o2",
    value=2.52e12,
    surface="2.52 trillion yuan",
    sentence="The export value of electronic goods was 2.52 trillion yuan in 2022.",
    document="d2",
)


def test_the_same_quantity_in_two_releases_is_comparable():
    assert not_comparable(BASE, LATER) is None


@pytest.mark.parametrize(
    "change, reason",
    [
        ({"metric": "revenue"}, "a generic metric"),  # one word: whose revenue?
        ({"metric": "annual funding"}, "a generic metric"),  # a vague modifier adds nothing
        ({"metric": "funding for this purpose"}, "points outside its sentence"),
        ({"metric": "13 who child under the age"}, "not a metric's name"),
        ({"unit": "USD"}, "another unit or kind"),
        ({"kind": "target"}, "another unit or kind"),
        ({"period": "2023"}, "another period"),
        ({"sentence": BASE.sentence}, "two numbers of one sentence"),
        ({"values_in_document": 3}, "a breakdown"),
    ],
)
def test_a_near_miss_is_not_the_same_quantity(change, reason):
    first = replace(BASE, metric=change["metric"]) if "metric" in change else BASE
    assert reason in not_comparable(first, replace(LATER, **change))


@pytest.mark.parametrize(
    "sentence, reason",
    [
        ("Electronic goods exports were 2.52 trillion yuan.", "not written"),
        ("In 2022 and 2023, electronic goods exports were 2.52 trillion.", "other years (2023)"),
        ("In the first half of 2022, exports were 2.52 trillion yuan.", "part of the year"),
        ("In January-November 2022, exports were 2.52 trillion yuan.", "part of the year"),
        ("So far in 2022, exports have reached 2.52 trillion yuan.", "a running total"),
        ("In 2022, Guangdong's exports were 2.52 trillion yuan.", "another scope (Guangdong)"),
        ("In 2022, rural exports were 2.52 trillion yuan.", "another scope (rural)"),
        ("In 2022, exports were about 2.52 trillion yuan.", "not an exact value"),
        ("In 2022, exports exceeded 2.52 trillion yuan.", "not an exact value"),
    ],
)
def test_a_sentence_near_miss_is_not_the_same_quantity(sentence, reason):
    assert reason in not_comparable(BASE, replace(LATER, sentence=sentence))


def test_one_sentence_gives_a_series_of_two_years_but_no_two_values_of_one():
    sentence = "Exports were 2.40 trillion yuan in 2022 and 2.52 trillion yuan in 2023."
    first = replace(BASE, sentence=sentence)
    second = replace(LATER, sentence=sentence, period="2023", document=BASE.document)
    assert not_comparable(first, second, years_apart=1) is None
    assert "one sentence" in not_comparable(first, replace(second, period="2022"))


def test_a_generic_metric_compares_within_one_document():
    first = replace(BASE, metric="revenue", sentence="In 2022, revenue was 2.40 trillion yuan.")
    second = replace(first, observation="o2", value=2.52e12, surface="2.52 trillion yuan",
                     sentence="Revenue reached 2.52 trillion yuan in 2022.")  # fmt: skip
    assert not_comparable(first, second) is None
    assert "generic" in not_comparable(first, replace(second, document="d2"))


@pytest.mark.parametrize(
    "surface, value, half",
    [
        ("1.47 trillion yuan", 1.47e12, 0.005e12),
        ("290,000", 290_000, 5_000),  # trailing zeros of a long whole number are rounding
        ("20%", 20, 0.5),  # a short one is as written
        ("$3.1 billion", 3.1e9, 0.05e9),
    ],
)
def test_rounding_is_half_the_last_written_digit(surface, value, half):
    assert rounding(replace(BASE, surface=surface, value=value)) == pytest.approx(half)


def test_a_change_is_bounded_by_the_rounding_of_both_values():
    previous = replace(BASE, value=1.47e12, surface="1.47 trillion yuan")
    current = replace(BASE, value=1.58e12, surface="1.58 trillion yuan", period="2023")
    low, high = change_bounds(previous, current)
    assert low == pytest.approx(100 * (1.575 - 1.475) / 1.475)
    assert high == pytest.approx(100 * (1.585 - 1.465) / 1.465)


# -- documents written for the test: one true restatement among near misses ---------------------

FIRST_RELEASE = """Ministry of Commerce: foreign trade in 2022

Beijing, 10 January 2023

In 2022, the export value of electronic goods was 2.40 trillion yuan.

In 2022, revenue was 80 billion yuan.

In 2022, Guangdong's retail sales of consumer goods were 4.5 trillion yuan.

So far in 2022, the number of registered charging stations has reached 520,000.

In January-November 2022, crude steel output was 920 million tonnes.

In 2022, grain output exceeded 680 million tonnes.
"""

SECOND_RELEASE = """Ministry of Commerce: foreign trade in 2023

Beijing, 12 January 2024

In 2022, the export value of electronic goods was 2.52 trillion yuan.

In 2022, revenue was 95 billion yuan.

In 2022, retail sales of consumer goods were 4.4 trillion yuan.

The number of registered charging stations was 560,000 in 2022.

In 2022, crude steel output was 1,013 million tonnes.

In 2022, grain output exceeded 686 million tonnes.
"""


THIRD_RELEASE = """Ministry of Commerce: foreign trade in 2024

Beijing, 15 January 2025

In 2023, revenue was 100 billion yuan, up 40% year-on-year.

The number of registered charging stations was 700,000 in 2023, up 50% year-on-year.

In 2023, retail sales of consumer goods were 4.6 trillion yuan, up 20% year-on-year.

In 2023, grain output was 695 million tonnes, up 5% year-on-year.
"""


@pytest.fixture(scope="module")
def near_miss_graph(tmp_path_factory):
    folder = tmp_path_factory.mktemp("near-misses")
    (folder / "2023-trade.txt").write_text(FIRST_RELEASE, encoding="utf-8")
    (folder / "2024-trade.txt").write_text(SECOND_RELEASE, encoding="utf-8")
    (folder / "2025-trade.txt").write_text(THIRD_RELEASE, encoding="utf-8")
    with kg.build([folder], store=folder / "kg") as graph:
        yield graph


def candidates(graph, check: str) -> list[dict[str, str]]:
    query = next(c for c in number_checks() if c.name == check)
    return solution_rows(graph.store.query(query.sparql))[0]


def test_only_the_true_restatement_is_reported(near_miss_graph):
    (finding,) = near_miss_graph.check("restatement")
    assert "2.40 trillion" in finding.sentence and "2.52 trillion" in finding.other_sentence


def test_only_the_stated_changes_against_a_comparable_base_are_reported(near_miss_graph):
    findings = near_miss_graph.check("year-on-year-change")
    pairs = sorted((f.metric, f.other_sentence) for f in findings)
    # Against 560,000, not the running total "so far ... 520,000"; no generic "revenue" across
    # releases; none on grain: the 2022 figures "exceeded" 680 and 686 million tonnes (bounds).
    assert pairs == [
        (
            "consumer good retail sale",
            "In 2022, retail sales of consumer goods were 4.4 trillion yuan.",
        ),
        (
            "registered charging station",
            "The number of registered charging stations was 560,000 in 2022.",
        ),
    ]


def test_the_near_misses_were_candidates_that_the_rules_refused(near_miss_graph):
    # The query alone (what an endpoint client gets) still lists some of them, so the test can
    # fail if the rules stop applying.
    assert len(candidates(near_miss_graph, "restatement")) > 1
    assert len(candidates(near_miss_graph, "year-on-year-change")) > 2


# -- real bulk releases the first checks flagged wrongly ------------------------------------------

WRONGLY_RESTATED = {
    # "In 2022 and 2023, capacity utilization fell to 77.3% and 75.3%, respectively." (both)
    "respectively": ("us-00035.txt", "us-00156.txt"),
    # "In 2024, our trade deficit in goods exceeded $1 trillion" / "exceeded $1.2 trillion"
    "bounds": ("us-00038.txt", "us-00090.txt"),
    # "Since September 30, 2025, President Trump has announced 14 / 16 / 17 deals ..."
    "running total": ("us-00265.txt", "us-00281.txt", "us-00312.txt"),
    # "... an additional $9 million / $8 million in USAID funding for this purpose"
    "anaphora": ("us-01159.txt", "us-01168.txt"),
}


@pytest.fixture(scope="module")
def bulk_graph(tmp_path_factory):
    paths = [
        SHARED / "corpus" / "bulk" / name for pair in WRONGLY_RESTATED.values() for name in pair
    ]
    if not all(path.is_file() for path in paths):
        pytest.skip("../shared corpus not present")
    with kg.build(paths, store=tmp_path_factory.mktemp("bulk") / "kg") as graph:
        yield graph


def test_real_releases_that_were_wrongly_flagged_give_no_restatement(bulk_graph):
    # The current extraction still pairs some of them (so the test can fail).
    assert candidates(bulk_graph, "restatement")
    assert run_checks(bulk_graph.store, names=["restatement"]) == []
