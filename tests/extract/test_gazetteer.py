"""The gazetteer data files and the lookups over them."""

from collections import Counter

import pytest

from kg.extract.gazetteer import (
    COUNTRIES,
    bodies_by_key,
    body_form_pattern,
    document_country,
    find_body,
    government_bodies,
)
from kg.extract.lexicon import canonical_key
from kg.extract.vocabulary import rows


def test_every_body_row_is_complete_and_names_its_source():
    table = rows("government_bodies")
    assert len(table) >= 500
    for row in table:
        assert row["name"] and row["type"] == "Agency" and row["kind"], row
        assert row["country"] in COUNTRIES and row["source"], row


def test_no_body_is_listed_twice_in_one_country():
    counts = Counter((canonical_key(b.name), b.country) for b in government_bodies())
    assert [k for k, n in counts.items() if n > 1] == []


def test_shared_with_column_marks_exactly_the_names_other_countries_use():
    for row in rows("government_bodies"):
        forms = [
            row["name"],
            *(
                f
                for column in ("acronyms", "aliases", "former_names")
                for f in row[column].split("|")
                if f
            ),
        ]
        others = {b.country for f in forms for b in bodies_by_key()[canonical_key(f)]} - {
            row["country"]
        }
        assert set(filter(None, row["shared_with"].split("|"))) == others, row["name"]


@pytest.mark.parametrize(
    "name, country, expected",
    [
        ("Commerce Department", "US", "Department of Commerce"),
        ("Department of Treasury", "US", "Department of the Treasury"),
        ("Treasury", "US", "Department of the Treasury"),
        ("Treasury", "GB", "HM Treasury"),
        ("Home Ministry", "IN", "Ministry of Home Affairs"),
        ("Union Home Ministry", None, "Ministry of Home Affairs"),
        ("Ministry of Finance", "IN", "Ministry of Finance"),
        ("U.S. Department of Agriculture", None, "Department of Agriculture"),
        ("Communist Party of China", None, "Communist Party of China"),
        ("CPC", None, "Communist Party of China"),
        ("Central Committee of the Party", "CN", "CPC Central Committee"),
        ("Comptroller and Auditor General", "IN", "Comptroller and Auditor General of India"),
        ("C&AG", "IN", "Comptroller and Auditor General of India"),
        (
            "Ministry of Environmental Protection",
            "CN",
            "Ministry of Ecology and Environment",
        ),  # former name
        # a word in the singular that the register writes in the plural (bulk releases)
        ("Ministry of Earth Science", "IN", "Ministry of Earth Sciences"),
        ("Airport Authority of India", "IN", "Airports Authority of India"),
        ("Department of Veteran Affairs", "US", "Department of Veterans Affairs"),
        # the organisations of India's Ministry of Home Affairs (bulk: PIB releases)
        ("NDRF", "IN", "National Disaster Response Force"),
        ("National Security Guard", "IN", "National Security Guard"),
        # UK public bodies whose names end in no class noun
        ("Money and Pensions Service", "GB", "Money and Pensions Service"),
        ("BTP", "GB", "British Transport Police"),
        # a listed body's acronym in brackets inside a name that begins with that body's name
        ("Communist Party of China (CPC) Central Committee", "CN", "CPC Central Committee"),
        (
            "National People's Congress (NPC) Standing Committee",
            "CN",
            "Standing Committee of the National People's Congress",
        ),
    ],
)
def test_names_resolve_to_one_body(name, country, expected):
    body = find_body(name, country=country)
    assert body is not None and body.name == expected


def test_shared_names_resolve_by_the_documents_country_only():
    assert find_body("Ministry of Finance", country="CN").country == "CN"
    assert find_body("Ministry of Finance", country="IN").country == "IN"
    assert find_body("Ministry of Finance") is None
    assert (
        find_body("Ministry of Finance", country="CN").key
        != find_body("Ministry of Finance", country="IN").key
    )


def test_party_organs_stay_apart():
    committee = find_body("CPC Central Committee")
    bureau = find_body("Political Bureau of the CPC Central Committee")
    assert committee.key != bureau.key


@pytest.mark.parametrize(
    "name",
    [
        "Department of Natural Resources of Yunnan Province",
        "Sichuan Provincial Department of Human Resources and Social Security",
        "Chongqing Municipal Commission of Commerce",
        "Ohio Department of Health",
        "California Public Utilities Commission",
        "Government of Odisha",
        "Kent County Council",
    ],
)
def test_subnational_body_forms_match(name):
    assert body_form_pattern().fullmatch(name)


@pytest.mark.parametrize("name", ["Department of Health", "Provincial Department", "Ohio Health"])
def test_body_forms_need_their_place(name):
    assert not body_form_pattern().fullmatch(name)


@pytest.mark.parametrize(
    "text, country",
    [
        ("The Ministry said on Monday that Yunnan and Sichuan spent 3 billion yuan.", "CN"),
        ("Shri Modi said Rs 500 crore will reach farmers in Odisha.", "IN"),
        ("The U.S. Department said American families in Ohio and Texas will save.", "US"),
        ("Britain's ministers said the UK will spend £3 billion.", "GB"),
        ("Nothing here names a place.", None),
    ],
)
def test_document_country(text, country):
    assert document_country(text) == country
