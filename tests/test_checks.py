"""Checking the numbers: timelines with restatements, targets, and the arithmetic checks, on
three small documents written with known inconsistencies (examples-numbers/)."""

from __future__ import annotations

import json
import os
import urllib.parse
import urllib.request
from datetime import date

import pytest

import kg
from kg.checks import number_checks
from kg.errors import QueryError
from kg.resources import resource_dir

from .conftest import free_port, kg_command, stop, wait_until_listening

NUMBERS = resource_dir("examples-numbers")
# check -> (a phrase of its sentence, a phrase of the other sentence): each planted once.
PLANTED = {
    "year-on-year-change": ("up 20% year-on-year", "1.41 trillion yuan in 2021"),
    "parts-exceed-total": ("hardware revenue was 40 billion", "hardware revenue was 40 billion"),
    "percent-for-points": ("was 25%, up 5 percent", "was 20% in 2020"),
    "scale-slip": ("456 billion yuan", "45.6 million yuan"),
    "restatement": ("1.47 trillion yuan", "1.41 trillion yuan in 2021"),
}


@pytest.fixture(scope="module")
def numbers_graph(tmp_path_factory):
    with kg.build([NUMBERS], store=tmp_path_factory.mktemp("numbers") / "kg") as graph:
        yield graph


def test_every_check_is_a_documented_query_file():
    checks = number_checks()
    assert {check.name for check in checks} == set(PLANTED)
    assert all(check.title and check.description and check.form == "SELECT" for check in checks)


@pytest.mark.parametrize("check", sorted(PLANTED))
def test_each_planted_inconsistency_is_found_with_both_sentences(numbers_graph, check):
    findings = numbers_graph.check(check)
    sentence, other = PLANTED[check]
    assert any(sentence in f.sentence and other in f.other_sentence for f in findings)
    assert all(f.document_title and f.other_title and f.metric for f in findings)


def test_consistent_figures_give_no_finding(numbers_graph):
    findings = numbers_graph.check()
    metrics = {f.metric for f in findings}
    assert metrics == {
        "telecommunications revenue",
        "revenue",
        "share of renewable energy in power generation",
        "new energy vehicle sale",
    }
    # 5G base stations and the forest coverage rate are consistent throughout.
    assert not [f for f in findings if "base station" in f.sentence + f.other_sentence]


def test_a_year_on_year_change_agreeing_with_some_stored_value_is_no_finding(numbers_graph):
    # 1.58 trillion against 1.47 (the first report) is +7.5%, against 1.41 (the restated) +12.1%:
    # the stated 20% agrees with neither, so both pairs are reported, each naming its 2021 figure.
    details = sorted(f.detail for f in numbers_graph.check("year-on-year-change"))
    assert len(details) == 2 and "is 12.1%" in details[0] and "is 7.5%" in details[1]


def test_a_restatement_is_flagged_in_the_metric_timeline(numbers_graph):
    rows = numbers_graph.query("metric-timeline", metric="telecom revenue")
    by_period = {row["period"]: row for row in rows}
    restated = by_period["2021"]
    assert restated["firstValue"] == 1470000000000 and restated["latestValue"] == 1410000000000
    assert (restated["firstIssued"], restated["latestIssued"]) == ("2022-01-20", "2023-01-18")
    assert restated["documents"] == 2 and restated["restated"] is True
    assert "1.41 trillion yuan in 2021" in restated["latestSentence"]
    assert by_period["2020"]["restated"] == by_period["2022"]["restated"] is False
    # Three names, one concept: the 2023 release's "revenue of the telecom industry" is there.
    assert set(by_period) == {"2020", "2021", "2022"}


@pytest.mark.parametrize(
    "metric, status, later",
    [
        ("5G base stations", "on track", "no longer mentioned"),  # 0.8M a year, 0.43M needed
        ("forest coverage rate", "off track", "no later release"),  # 0.13 a year, 1.3 needed
        ("public charging piles", "met", "no later release"),
    ],
)
def test_target_status(numbers_graph, metric, status, later):
    (row,) = numbers_graph.query("target-status", metric=metric)
    assert (row["status"], row["later"]) == (status, later)


PLAN = (
    "Ministry of Transport: the plan for 2025\n\nBeijing, 10 January 2023\n\n"
    "Revenue will reach 100 billion yuan by 2025. In 2022, revenue was 80 billion yuan.\n\n"
    "The number of charging stations will reach 2 million by 2025. The number of charging "
    "stations was 1.2 million in 2022. The number of charging stations is now 1.5 million.\n"
)


def test_targets_are_followed_only_for_a_series_with_written_years(tmp_path):
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    rows = {row["metric"]: row for row in kg.build([tmp_path / "plan.txt"]).query("target-status")}
    # "revenue", one word, is no series: its other figures are too often of other things.
    assert (rows["revenue"]["status"], rows["revenue"]["later"]) == (
        "no actuals",
        "not followed (one-word metric)",
    )
    # "is now 1.5 million" writes no year: the latest actual is the one of 2022.
    stations = rows["charging stations"]
    assert (stations["latestValue"], stations["latestPeriod"]) == (1200000, "2022")


def test_the_forest_target_has_its_baseline_deadline_and_rates(numbers_graph):
    (row,) = numbers_graph.query("target-status", metric="forest coverage")
    assert (row["baselineValue"], row["baselinePeriod"], row["deadline"]) == (23, "2020", "2025")
    assert (row["latestValue"], row["latestPeriod"]) == (23.4, "2023")
    assert float(row["neededRate"]) == pytest.approx(1.3)
    assert float(row["observedRate"]) == pytest.approx(0.4 / 3)


def test_release_dates_say_where_they_were_read(numbers_graph):
    rows = numbers_graph.sparql(
        "SELECT ?issued ?from WHERE { ?d a kgo:Document ; dcterms:issued ?issued ;"
        " kgo:issuedFrom ?from } ORDER BY ?issued"
    )
    assert [(r["issued"], r["from"]) for r in rows] == [
        (date(2022, 1, 20), "text"),
        (date(2023, 1, 18), "text"),
        (date(2024, 3, 2), "html metadata"),
    ]


def test_a_file_without_a_date_is_dated_by_its_modification_time(tmp_path):
    path = tmp_path / "undated.txt"
    path.write_text("Exports reached 5 billion dollars in 2021.", encoding="utf-8")
    os.utime(path, (1_600_000_000, 1_600_000_000))  # 2020-09-13
    graph = kg.build([path])
    (row,) = graph.sparql("SELECT ?i ?f WHERE { ?d dcterms:issued ?i ; kgo:issuedFrom ?f }")
    assert (row["i"], row["f"]) == (date(2020, 9, 13), "file modified")


def test_an_unknown_check_is_one_line(numbers_graph):
    with pytest.raises(QueryError, match="no number check named 'sums'"):
        numbers_graph.check("sums")


def test_kg_check_reports_both_sentences(run_kg, tmp_path):
    store = tmp_path / "kg"
    assert run_kg("build", NUMBERS, "--store", store).returncode == 0
    result = run_kg("check", "--store", store)
    assert result.returncode == 0, result.stderr
    assert "[scale-slip] new energy vehicle sale" in result.stdout
    assert '"NEV sales were 45.6 million yuan in 2021."' in result.stdout
    assert result.stderr.strip() == "6 finding(s)"
    rows = json.loads(run_kg("check", "percent-for-points", "-f", "json", "--store", store).stdout)
    assert [row["check"] for row in rows] == ["percent-for-points"]
    unknown = run_kg("check", "sums", "--store", store)
    assert unknown.returncode == 1 and unknown.stderr.startswith("kg: error: no number check")


@pytest.mark.server
def test_the_endpoint_runs_a_check_file_as_it_is(tmp_path):
    store = tmp_path / "kg"
    kg.build([NUMBERS], store=store).close()
    port = free_port()
    import subprocess

    process = subprocess.Popen(
        [kg_command(), "serve", "--store", str(store), "--port", str(port), "--quiet"],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        wait_until_listening(port, process)
        check = next(c for c in number_checks() if c.name == "scale-slip")
        body = urllib.parse.urlencode({"query": check.sparql}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/sparql",
            data=body,
            headers={"Accept": "application/sparql-results+json"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            bindings = json.load(response)["results"]["bindings"]
    finally:
        stop(process)
    sentences = {(b["sentence"]["value"], b["otherSentence"]["value"]) for b in bindings}
    assert any("456 billion" in s and "45.6 million" in o for s, o in sentences)


def test_a_split_in_the_corrections_file_keeps_a_name_apart(run_kg, tmp_path):
    # run_kg runs in tmp_path, where kg-corrections.tsv is read from.
    (tmp_path / "kg-corrections.tsv").write_text(
        "split-metric\ttelecom revenue\n", encoding="utf-8"
    )
    store = tmp_path / "kg"
    assert run_kg("build", NUMBERS, "--store", store).returncode == 0
    result = run_kg("query", "metric-timeline", "-p", "metric=telecom", "-f", "json", "-s", store)
    names = {(row["metric"], row["period"]) for row in json.loads(result.stdout)}
    assert ("telecom revenue", "2022") in names  # on its own
    assert ("telecommunications business revenue", "2021") in names  # the others still merged
