"""Relation rules (``kg.extract.relations``) on small texts written for the tests, run through the
real pipeline: responsible agencies, the policy hierarchy, officials and their roles."""

import pytest


def relations(nlp, text, predicate=None):
    return {
        (r.subject_key, r.object_key)
        for r in nlp(text)._.kg_relations
        if predicate is None or r.predicate == predicate
    }


@pytest.mark.parametrize(
    "text, policy, agency",
    [
        (
            "The Coastal Agency (CA) has amended the Harbour Dues Regulations.",
            "Regulation:harbour dues regulations",
            "Agency:coastal agency",
        ),
        (
            "The Seeds Board (SB) met on Monday. Board members agreed. Board approved the Seed Quality Standard.",
            "Regulation:seed quality standard",
            "Agency:seeds board",
        ),
        (
            "The helpline is provided by the Home Office and the Department of Health under the Talk Safe Programme.",
            None,
            None,
        ),
        (
            "The Environmental Protection Agency is working to release the National Drinking Water Standard.",
            "Regulation:national drinking water standard",
            "Agency:environmental protection agency",
        ),
    ],
)
def test_responsible_agency_from_verbs_of_issuing(nlp, text, policy, agency):
    found = relations(nlp, text, "responsibleAgency")
    if policy is None:
        assert not found  # the agencies provide the helpline, not the programme it sits under
    else:
        assert (policy, agency) in found


def test_the_agency_that_implements_is_responsible_not_the_one_that_speaks(nlp):
    for text in (
        "The Ministry of Power said the Department of Transport will implement the Grid Plan.",
        "The Ministry of Power wants the Department of Transport to implement the Grid Plan.",
    ):
        assert relations(nlp, text) == {("Plan:grid plan", "Agency:department of transport")}


@pytest.mark.parametrize(
    "text, predicate, child, parent",
    [
        (
            "The Ministry of Power issued the Grid Action Plan under the National Energy Plan.",
            "partOf",
            "Plan:grid action plan",
            "Plan:national energy plan",
        ),
        (
            "The Ministry of Power runs the Solar Village Programme as part of the National Energy Plan.",
            "implements",
            "Program:solar village program",
            "Plan:national energy plan",
        ),
    ],
)
def test_a_policy_under_a_plan_is_part_of_it_or_implements_it(nlp, text, predicate, child, parent):
    assert (child, parent) in relations(nlp, text, predicate)


@pytest.mark.parametrize(
    "text, role",
    [
        (
            "John Smith, Deputy Minister of the Ministry of Power, opened the plant.",
            "deputy minister",
        ),
        ("Li Wei, spokesperson of the Ministry of Commerce, said exports rose.", "spokesperson"),
        ("Jane Doe, Director-General of the Department of Transport, spoke.", "director-general"),
    ],
)
def test_an_official_has_the_role_written_beside_the_name(nlp, text, role):
    people = nlp(text)._.kg_people
    assert [person.role for person in people] == [role]
    assert people[0].agency_key is not None and people[0].agency_key.startswith("Agency:")
