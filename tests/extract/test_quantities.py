import pytest

from kg.extract.quantities import find_quantities


def values(text):
    return [(q.value, q.unit) for q in find_quantities(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("revenue reached 1.47 trillion yuan", [(1.47e12, "CNY")]),
        ("654,000 new 5G base stations", [(654000, None)]),
        ("518 million connections", [(5.18e8, None)]),
        ("Rs 812 Crore approved", [(8.12e9, "INR")]),
        ("an outlay of Rs 3.60 Lakh Crore", [(3.6e12, "INR")]),
        ("Rs.1.52 Lakh Crore", [(1.52e12, "INR")]),
        ("81 lakh rural households", [(8.1e6, None)]),
        ("a $14.2 billion program", [(1.42e10, "USD")]),
        ("£3.5m of funding", [(3.5e6, "GBP")]),
        ("€200 million", [(2e8, "EUR")]),
        ("up 8% year-on-year", [(8, "percent")]),
        ("67 per cent said", [(67, "percent")]),
        ("up 4.4 percentage points", [(4.4, "pp")]),
        ("175 GW of capacity", [(175, "GW")]),
        ("108,500 tons", [(108500, "tonne")]),
        ("a discount of up to $30 per month", [(30, "USD/month")]),
        ("each 15-minute time block", [(15, "minute")]),
        ("seven departments", [(7, None)]),
        ("a million new homes", [(1e6, None)]),
        ("9.54 crore farmers", [(9.54e7, None)]),
        ("ketamine, 20 µg/L", [(20, "µg/L")]),
        ("the limit is 0.5 mg/L", [(0.5, "mg/L")]),
        ("covering almost 166,000 miles", [(166000, "mile")]),
        ("temperatures above 40 degrees Celsius", [(40, "°C")]),
        ("a term of 5 years", [(5, "year")]),
    ],
)
def test_numbers_scales_and_units(text, expected):
    found = values(text)
    assert [u for _, u in found] == [u for _, u in expected]
    assert [v for v, _ in found] == pytest.approx([v for v, _ in expected])


@pytest.mark.parametrize(
    "text",
    [
        "in 2021 the plan",
        "Posted On: 01 JUN 2020 5:53PM",
        "the 14th Five-Year Plan",
        "5G and IPv6 networks",
        "Article 5 of the Act",
        "COVID-19 relief",
        "January 20, 2022",
        "for 2020-21",
        "three-year action plans",
        "see https://example.gov/uploads/2021/04/map.jpg?resize=768,585 now",
        '<img width="1427" height="1087">',
        "call 0300 330 3000 today",
        "calling (877) 384-2575",
        "a four-party agreement",
        "the “six-stability” work",
        "16 to 24 year olds",
        "apprentices 18 years old",
        "launched ten years ago",
        "Covid–19 cases",
        "6-monoacetylmorphine",
        "write to info2023@agency.gov.uk",
        "Text 82111 for advice",
        "in the past one hundred years",
        "over the next 5 years",
        "the first four rounds",
        "twice a day",
    ],
)
def test_dates_ordinals_references_and_names_are_skipped(text):
    assert values(text) == []


def test_values_are_exact_in_base_units():
    (q,) = find_quantities("9.54 crore")
    assert q.value == 95400000.0


def test_paragraph_chunks_are_consecutive_slices_within_the_limit():
    from kg.extract.components import paragraph_chunks

    text = ("A sentence here. " * 30 + "\n") * 5 + "\n\n" + "x" * 700
    chunks = paragraph_chunks(text, 400)
    assert "".join(chunks) == text
    assert all(0 < len(c) <= 400 for c in chunks)
    assert chunks[0].endswith(("\n", ". "))
