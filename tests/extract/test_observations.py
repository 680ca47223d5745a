"""Observations on small texts written for the tests, through the real pipeline."""

import pytest


def observations(nlp, text):
    return nlp(text)._.kg_observations


def test_change_is_attached_to_the_number_it_qualifies(nlp):
    (obs,) = observations(nlp, "In 2021, software revenue reached 2.1 trillion yuan, an increase of 9% year-on-year.")
    assert obs.quantity.value == 2.1e12 and obs.quantity.unit == "CNY"
    assert obs.change.value == 9 and obs.change.unit == "percent" and obs.change.basis == "year-on-year"


def test_a_fall_is_a_negative_change(nlp):
    (obs,) = observations(nlp, "Coal output was 310 million tonnes in 2020, down 3.5% from the previous year.")
    assert obs.change.value == -3.5


def test_change_stated_before_the_number(nlp):
    (obs,) = observations(nlp, "Fish reserves increased by 7,100 tons this year, reaching 108,500 tons.")
    assert obs.quantity.value == 108500 and obs.change.value == 7100


@pytest.mark.parametrize("text, metric", [
    ("The number of new charging points in the year reached 65,000.", "new charging points"),
    ("The network covered 300 million households.", "households"),
    ("The country will spend 2% of national income on defence.", "national income"),
    ("The estimated outlay of the mission is Rs 3.60 Lakh Crore.", "estimated outlay of the mission"),
    ("The ministry aims to raise the number of electric buses to 2 million by 2030.", "electric buses"),
    ("The plan will cut emissions by 40 million tonnes.", "emissions"),
])
def test_metric_is_the_noun_phrase_measured(nlp, text, metric):
    (obs,) = observations(nlp, text)
    assert metric in obs.metric


@pytest.mark.parametrize("text, kind", [
    ("Installed capacity reached 190 GW in 2023.", "actual"),
    ("The state will build 500,000 chargers by 2030.", "target"),
    ("The target is 175 GW of renewable capacity by 2022.", "target"),
    ("Demand is expected to reach 300 GW in 2030.", "forecast"),
])
def test_kind(nlp, text, kind):
    (obs,) = observations(nlp, text)
    assert obs.kind == kind


def test_period_is_the_nearest_year_or_range(nlp):
    first, second = observations(nlp, "Odisha plans 16.21 lakh connections in 2020-21 after 9 lakh in 2019.")
    assert first.period == "2020-21" and second.period == "2019"


def test_list_counters_and_dates_are_not_observations(nlp):
    found = observations(nlp, "On 20 January 2022, 5 action plans were launched, including A, B and C.")
    assert found == []
