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
            "Regulation:harbour due regulation",
            "Agency:coastal agency",
        ),
        (
            "The Seeds Board (SB) met on Monday. Board members agreed. Board approved the Seed "
            "Quality Standard.",
            "Regulation:seed quality standard",
            "Agency:seeds board",
        ),
        (
            "The helpline is provided by the Home Office and the Department of Health under the "
            "Talk Safe Programme.",
            None,
            None,
        ),
        (
            "The Environmental Protection Agency is working to release the National Drinking Water "
            "Standard.",
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
            "The Ministry of Power runs the Solar Village Programme as part of the National Energy "
            "Plan.",
            "implements",
            "Program:solar village",
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


# Patterns read from real sentences (dev and bulk releases) and written ones, one pattern each;
# expectations come from reading the sentence, not from the extractor's output. Also the agency a
# document speaks for (its issuer) and the agency that reported each number.


def names_of(doc, ident):
    return {m.name for m in doc._.kg_mentions if m.ident == ident}


def named_relations(nlp, text, predicate="responsibleAgency"):
    """(subject names, object names) of each relation with ``predicate``."""
    doc = nlp(text)
    return [
        (names_of(doc, r.subject_key), names_of(doc, r.object_key))
        for r in doc._.kg_relations
        if r.predicate == predicate
    ]


def related(nlp, text, subject, obj, predicate="responsibleAgency"):
    """Whether a relation links a mention whose name contains ``subject`` to one containing
    ``obj``."""
    return any(
        any(subject in s for s in subjects) and any(obj in o for o in objects)
        for subjects, objects in named_relations(nlp, text, predicate)
    )


RESPONSIBLE = [
    # "X issued / adopted / launched / implements / administers / enforces Y"
    pytest.param(
        "The General Office of the State Council has released a guideline on preventing non-grain "
        "use of arable land and stabilizing grain production to ensure food security.",
        "guideline on preventing non-grain use",
        "General Office of the State Council",
        id="released",
    ),
    pytest.param(
        "The Federal Aviation Administration (FAA) has implemented a policy to eliminate the "
        "discharge "
        "of firefighting foam containing PFAS for testing purposes.",
        "policy to eliminate the discharge",
        "Federal Aviation Administration",
        id="implemented",
    ),
    pytest.param(
        "The Ministry of Power administers the Deendayal Upadhyaya Gram Jyoti Yojana.",
        "Deendayal Upadhyaya Gram Jyoti Yojana",
        "Ministry of Power",
        id="administers",
    ),
    pytest.param(
        "The Environmental Protection Agency enforces the Clean Air Act.",
        "Clean Air Act",
        "Environmental Protection Agency",
        id="enforces",
    ),
    pytest.param(
        "The State Council adopted the Regulations on Optimizing the Business Environment in 2019.",
        "Regulations on Optimizing the Business Environment",
        "State Council",
        id="adopted",
    ),
    # passive: "Y issued by X", also in brackets
    pytest.param(
        "New campaign reminding young people to talk to FRANK for factual and trustworthy drugs "
        "advice "
        "was launched by the Home Office today.",
        "New campaign",
        "Home Office",
        id="passive",
    ),
    pytest.param(
        "The Clean Air Act, enforced by the Environmental Protection Agency, limits emissions.",
        "Clean Air Act",
        "Environmental Protection Agency",
        id="passive-participle",
    ),
    pytest.param(
        "This share will gradually reduce as Universal Credit (administered by DWP) replaces tax "
        "credits.",
        "Universal Credit",
        "DWP",
        id="passive-in-brackets",
    ),
    # possessives: "X's Y", with the acronym between, and "its" for the clause's agency
    pytest.param(
        "EPA's PFAS Strategic Roadmap sets out the agency's actions.",
        "PFAS Strategic Roadmap",
        "EPA",
        id="possessive",
    ),
    pytest.param(
        "The Environmental Protection Agency's (EPA) Mercury and Air Toxics Standards cut "
        "emissions of "
        "mercury from power plants.",
        "Mercury and Air Toxics Standards",
        "Environmental Protection Agency",
        id="possessive-acronym",
    ),
    pytest.param(
        "Through its Superfund Research Program, NIEHS is funding research on the health effects "
        "of PFAS.",
        "Superfund Research Program",
        "NIEHS",
        id="its-before-subject",
    ),
    pytest.param(
        "The U.S. Department of Agriculture (USDA) has awarded more than $4.6 million through its "
        "Community Connect Program to provide high speed broadband.",
        "Community Connect Program",
        "Department of Agriculture",
        id="its-after-subject",
    ),
    # "Y of X"
    pytest.param(
        "Ministry of HRD is continuously working to provide secure and conducive environment for "
        "girls’ "
        "education under Beti Bachao Beti Padhao movement of Government of India.",
        "Beti Bachao Beti Padhao",
        "Government of India",
        id="of-agency",
    ),
    # money "sanctioned / approved under" a scheme by the agency that runs it
    pytest.param(
        "The Ministry of Rural Development has sanctioned Rs 1,200 crore under the Pradhan Mantri "
        "Gram "
        "Sadak Yojana for rural roads in Assam.",
        "Pradhan Mantri Gram Sadak Yojana",
        "Ministry of Rural Development",
        id="sanctioned-under",
    ),
    # headlines in title case: "X Launches Y"
    pytest.param(
        "Environmental Protection Agency Issues Final Rule to Reduce Emissions of "
        "Hydrofluorocarbons by "
        "85% over 15 Years",
        "Final Rule",
        "Environmental Protection Agency",
        id="headline",
    ),
    pytest.param(
        "Department of Energy Launches Community Solar Subscription Platform",
        "Community Solar Subscription Platform",
        "Department of Energy",
        id="headline-launches",
    ),
    # "it" as the subject of a verb of responsibility: the agency named last before it (dev 68)
    pytest.param(
        "The Biden standards broke the law by going far beyond the requirements that were "
        "mandated by Congress when it created the CAFE program.",
        "CAFE program",
        "Congress",
        id="pronoun-subject",
    ),
    pytest.param(
        "The Scottish Government welcomed the report, and the Home Office said they would extend "
        "the Safer Streets Fund.",
        "Safer Streets Fund",
        "Home Office",
        id="pronoun-subject-last-agency",
    ),
    # relative clauses of responsibility, on the policy or on the agency
    pytest.param(
        "The Swachh Bharat Mission, which is run by the Ministry of Jal Shakti, built toilets.",
        "Swachh Bharat Mission",
        "Ministry of Jal Shakti",
        id="relative-clause-passive",
    ),
    pytest.param(
        "The Clean Air Plan that the Ministry of Environment issued last year cut emissions.",
        "Clean Air Plan",
        "Ministry of Environment",
        id="relative-clause-object",
    ),
    pytest.param(
        "The Ministry of Jal Shakti, which runs the Swachh Bharat Mission, built toilets.",
        "Swachh Bharat Mission",
        "Ministry of Jal Shakti",
        id="relative-clause-on-the-agency",
    ),
    # a name of foreign words the parser splits still hangs from the verb by its last word
    pytest.param(
        "The Pradhan Mantri Awas Yojana is being implemented by the Ministry of Housing and Urban "
        "Affairs.",
        "Pradhan Mantri Awas Yojana",
        "Ministry of Housing and Urban Affairs",
        id="implemented-by-split-name",
    ),
    # a purpose that opens the sentence serves the coordinated clause's subject (dev 35)
    pytest.param(
        "Through the Jal Jeevan Mission, every rural household will get a tap connection. To "
        "implement the mission, institutional arrangements at various levels have been made and "
        "State's PHE Department is to play a critical role.",
        "Jal Jeevan Mission",
        "PHE Department",
        id="purpose-before-coordinated-clauses",
    ),
    # an act noun with its doer: possessor or "by"
    pytest.param(
        "The Department of Energy's launch of the Solar Workforce Program drew praise.",
        "Solar Workforce Program",
        "Department of Energy",
        id="act-noun-possessor",
    ),
    pytest.param(
        "The Ministry of Finance said that the implementation of the Jal Jeevan Mission by the "
        "Ministry of Jal Shakti was on track.",
        "Jal Jeevan Mission",
        "Ministry of Jal Shakti",
        id="act-noun-by",
    ),
    # "the Ministry" as the doer, in a text naming several ministries: the last one named (dev 70)
    pytest.param(
        "The Ministry of Health said cases rose. The Home Ministry informed that the Centre has "
        "released to states the first installment of Rs.11,092 crore under State Disaster Risk "
        "Management Fund. The Ministry has issued an addendum to the guidelines issued earlier, "
        "regarding the Nationwide lockdown, in order to exempt shops of agricultural machinery.",
        "addendum to the guidelines",
        "Home Ministry",
        id="the-ministry-last-named",
    ),
    # a second doer joined to the subject
    pytest.param(
        "The Department of Energy, together with the Department of Labor, launched the Battery "
        "Workforce Initiative.",
        "Battery Workforce Initiative",
        "Department of Labor",
        id="together-with",
    ),
    # "asked the Department to implement": the object does it
    pytest.param(
        "The Ministry of Finance asked the Department of Water to implement the Jal Jeevan "
        "Mission.",
        "Jal Jeevan Mission",
        "Department of Water",
        id="asked-an-agency-to-implement",
    ),
    # "our city will start to implement": the issuer's doing, here the source of the news (dev 19)
    pytest.param(
        "It was learned from the Municipal Commission of Education yesterday that our city will "
        "start to implement the Modern Apprenticeship Programme in 60 secondary vocational "
        "schools from this year.",
        "Modern Apprenticeship Programme",
        "Municipal Commission of Education",
        id="our-city-implements",
    ),
]


@pytest.mark.parametrize("text, policy, agency", RESPONSIBLE)
def test_responsible_agency_patterns(nlp, text, policy, agency):
    assert related(nlp, text, policy, agency), named_relations(nlp, text)


@pytest.mark.parametrize(
    "text, policy, agency",
    [
        # an agency in the same sentence that did not issue the policy
        pytest.param(
            "This share will gradually reduce as Universal Credit (administered by DWP) replaces "
            "tax credits "
            "(administered by HM Revenue and Customs).",
            "Universal Credit",
            "HM Revenue",
            id="other-bracket",
        ),
        pytest.param(
            "The Department of Energy said the Clean Air Act, which Congress passed in 1970, still "
            "applies.",
            "Clean Air Act",
            "Department of Energy",
            id="speaker-is-not-issuer",
        ),
        pytest.param(
            "Officials of the Home Office met officials of the Department of Health about the "
            "FRANK "
            "helpline programme.",
            "FRANK",
            "Home Office",
            id="mere-co-occurrence",
        ),
        # a policy inside a phrase that only describes something else (dev 64)
        pytest.param(
            "HUD announced that HUD regional offices will convene stakeholders in their regions "
            "over the "
            "next 90 days to highlight federal funding sources, including funding streams from the "
            "Bipartisan Infrastructure Law.",
            "Bipartisan Infrastructure Law",
            "HUD",
            id="funding-from-a-law",
        ),
        # relative clauses that say nothing of responsibility
        pytest.param(
            "The Ministry of Power, which welcomed the National Grid Plan, met on Monday.",
            "National Grid Plan",
            "Ministry of Power",
            id="relative-clause-of-no-responsibility",
        ),
        pytest.param(
            "The Ministry of Environment, which runs schools in districts covered by the Clean Air "
            "Plan, met on Monday.",
            "Clean Air Plan",
            "Ministry of Environment",
            id="relative-clause-policy-in-a-description",
        ),
        # the object (or the "to" recipient) of "urge", "award" does what the clause after it says
        pytest.param(
            "The Ministry of Finance urged state governments to implement the Jal Jeevan Mission.",
            "Jal Jeevan Mission",
            "Ministry of Finance",
            id="urged-others-to-implement",
        ),
        pytest.param(  # bulk us-01420
            "- The Environmental Protection Agency awarded $1 million to the Lehigh Valley "
            "Planning Commission to help create a climate action plan focused on industrial "
            "decarbonization.",
            "climate action plan",
            "Environmental Protection Agency",
            id="awarded-to-a-recipient-to-create",
        ),
        # an agency in a phrase that only describes the subject does not act (bulk us-00113)
        pytest.param(
            "- The Council on Environmental Quality (CEQ), in consultation with the National "
            "Energy Dominance Council (NEDC) and relevant permitting agencies, will issue a "
            "Permitting Technology Action Plan to guide agencies.",
            "Permitting Technology Action Plan",
            "National Energy Dominance Council",
            id="in-consultation-with",
        ),
        # "the Ministry" is not the one named last if that is of another kind
        pytest.param(
            "The Ministry of Power met. The Home Office said cases rose. The National Grid Plan "
            "was issued by the Department.",
            "National Grid Plan",
            "Ministry of Power",
            id="the-department-is-no-ministry",
        ),
        pytest.param(
            "The Home Office welcomed the figures because it expects the Safer Streets Fund to "
            "grow.",
            "Safer Streets Fund",
            "Home Office",
            id="pronoun-subject-of-no-responsibility",
        ),
        pytest.param(
            "The Department of Energy (DOE) is announcing a platform designed to connect solar "
            "savings to "
            "households participating in the Low-Income Home Energy Assistance Program.",
            "Low-Income Home Energy Assistance Program",
            "Department of Energy",
            id="households-in-a-program",
        ),
    ],
)
def test_agencies_merely_named_beside_a_policy_are_not_responsible(nlp, text, policy, agency):
    assert not related(nlp, text, policy, agency), named_relations(nlp, text)


SEED = (
    'The "14th Five-Year Plan" Information and Communication Industry Development Plan was issued, '
    "and 5 "
    'three-year action plans were launched, including "Dual Gigabit" network coordinated '
    "development, 5G "
    'application "sail", industrial Internet innovation and development, new data center '
    "development, and "
    "IPv6 traffic improvement. , together constitute a policy system for the development of the "
    "information "
    "and communication industry."
)


def test_action_plans_that_together_constitute_a_plan_are_part_of_it(nlp):
    text = (
        "The National Water Plan, the Rural Roads Plan and the Clean Air Plan together constitute "
        "the 14th "
        "Five-Year Plan system for infrastructure."
    )
    parts = named_relations(nlp, text, "partOf")
    assert {name for subjects, objects in parts for name in subjects} >= {
        "National Water Plan",
        "Rural Roads Plan",
        "Clean Air Plan",
    }, parts
    assert all(any("14th Five-Year Plan" in o for o in objects) for _, objects in parts)


def test_plans_under_a_plan_are_part_of_it(nlp):
    assert related(
        nlp,
        "Five action plans were launched under the 14th Five-Year Plan.",
        "action plan",
        "14th Five-Year Plan",
        "partOf",
    ) or related(
        nlp,
        "The Rural Roads Action Plan under the 14th Five-Year Plan was issued.",
        "Rural Roads Action Plan",
        "14th Five-Year Plan",
        "partOf",
    )


def test_a_program_launched_to_implement_a_plan_implements_it(nlp):
    text = (
        "The Department of Education launched the Rural Schools Program to implement the "
        "National Education Plan."
    )
    assert related(nlp, text, "Rural Schools Program", "National Education Plan", "implements")
    assert related(nlp, text, "Rural Schools Program", "Department of Education")


PIB = """Ministry of Jal Shakti
Rs 812 Crore approved for Odisha under “Jal Jeevan Mission (Har Ghar Jal)
Posted On: 01 JUN 2020 5:53PM by PIB Delhi
The State is planning 100% household tap connections by the year 2024. A total of \
16.21 lakh household connections will be provided in 2020-21."""


def issuer_names(nlp, text):
    doc = nlp(text)
    return names_of(doc, doc._.kg_issuer) if doc._.kg_issuer else set()


@pytest.mark.parametrize(
    "text, agency",
    [
        pytest.param(PIB, "Ministry of Jal Shakti", id="indian-header-line"),
        pytest.param(
            "Zhongxin Finance, January 20. On the 20th, the State Council Information Office held "
            "a press "
            "conference. Zhao Zhiguo, spokesperson of the Ministry of Industry and Information "
            "Technology, said "
            "that the revenue reached 1.47 trillion yuan.",
            "Ministry of Industry and Information Technology",
            id="speakers-agency",
        ),
        pytest.param(
            "New FRANK adverts mark tenth anniversary\n\nNew campaign reminding young people to "
            "talk to FRANK "
            "was launched by the Home Office today.",
            "Home Office",
            id="first-sentence-agent",
        ),
        pytest.param(
            "Today, the Federal Emergency Management Agency (FEMA) is announcing the availability "
            "of nearly "
            "$5 billion.",
            "Federal Emergency Management Agency",
            id="first-sentence-subject",
        ),
    ],
)
def test_the_issuing_agency_of_a_document(nlp, text, agency):
    assert any(agency in name for name in issuer_names(nlp, text)), issuer_names(nlp, text)


def test_a_text_that_names_no_agency_has_no_issuer(nlp):
    assert issuer_names(nlp, "Shoppers spent more this year. Sales rose 8% in November.") == set()


def test_a_policy_issued_without_an_agent_is_the_issuers(nlp):
    assert related(nlp, PIB, "Jal Jeevan Mission", "Ministry of Jal Shakti")


def test_seed_plans_issued_without_an_agent_are_the_speakers_ministrys(nlp):
    text = (
        "Zhao Zhiguo, spokesperson of the Ministry of Industry and Information Technology, said "
        "that revenue "
        "grew.\n\n" + SEED
    )
    assert related(nlp, text, "Development Plan", "Ministry of Industry and Information Technology")


def test_policies_only_mentioned_are_not_given_to_the_issuer(nlp):
    text = PIB + (
        "\nPriority is being given to villages covered by the Sansad Adarsh Gram Yojna and to "
        "dovetailing "
        "funds from MGNREGS."
    )
    assert not related(nlp, text, "Sansad Adarsh Gram Yojna", "Ministry of Jal Shakti")


def test_an_act_without_a_doer_is_the_issuers_unless_the_clause_serves_it(nlp):
    text = PIB + (
        "\nThe launch of the Jal Shakti Abhiyan campaign was celebrated in villages.\n"
        "A roadmap is prepared for the effective implementation of Village Action Plan (VAP) "
        "with the active participation of the rural community."
    )  # dev 35: the villages make and carry out their plan
    assert related(nlp, text, "Jal Shakti Abhiyan", "Ministry of Jal Shakti")
    assert not related(nlp, text, "Village Action Plan", "Ministry of Jal Shakti")


def test_a_participle_in_a_plans_list_item_has_the_items_doer(nlp):
    text = (  # dev 58
        "DWP single departmental plan: 2015 to 2020\n\n"
        "To give everybody the confidence that they will receive a decent state pension, "
        "we are:\n\n"
        "- putting the State Pension system on a fair and sustainable basis, giving people greater "
        "understanding and confidence through the introduction of the new State Pension\n"
    )
    assert related(nlp, text, "new State Pension", "DWP")


XINHUA = (  # dev 76 and 46: Xinhua reports quoting a leader
    "SHANGHAI, Nov. 12 (Xinhua) -- Chinese President Xi Jinping on Thursday called for new roles "
    "and new missions for Shanghai's Pudong. Xi, also general secretary of the Communist Party of "
    "China (CPC) Central Committee and chairman of the Central Military Commission, delivered an "
    "important speech at a grand gathering in Shanghai. An explanatory speech made by Xi Jinping, "
    "general secretary of the CPC Central Committee, on the proposals was also released. China "
    "(Shanghai) Pilot Free Trade Zone (FTZ), the first pilot FTZ in the country, was established "
    "in Pudong in 2013."
)


def test_a_release_of_an_official_of_no_agency_has_no_issuer(nlp):
    text = (  # bulk us-00014: a White House fact sheet; Congress acts only after the President
        "Fact Sheet: President Donald J. Trump Enforces Overwhelmingly Popular Demand to Stop "
        "Taxpayer Funding of Abortion\n\nENFORCING THE HYDE AMENDMENT: On Friday, President "
        "Donald J. Trump signed an Executive Order to end the use of Federal taxpayer dollars to "
        "fund or promote elective abortion.\n\n- The Order recognizes that, for nearly five "
        "decades, Congress has enacted the Hyde Amendment and a series of additional laws.\n\n"
        "- Issued a rule preventing Title X taxpayer funding from subsiding the abortion "
        "industry.\n"
    )
    assert issuer_names(nlp, text) == set()
    assert not related(nlp, text, "rule preventing Title X", "Congress")


def test_an_official_acting_first_acts_for_the_agency_of_their_role(nlp):
    text = (
        "Today, EPA Administrator Michael Regan announced new funding for ports. The Department of "
        "Transportation welcomed the announcement."
    )
    assert "EPA" in issuer_names(nlp, text)


def test_a_leader_quoted_in_a_news_report_does_not_publish_it(nlp):
    assert not any("Central Committee" in name for name in issuer_names(nlp, XINHUA))
    assert not related(nlp, XINHUA, "Pilot Free Trade Zone", "Central Committee")


def test_observations_are_reported_by_the_issuer(nlp):
    from kg.extract.doc_to_facts import facts_from_doc

    doc = nlp(PIB)
    observations = facts_from_doc(doc).observations
    assert observations and {o.reported_by for o in observations} == {doc._.kg_issuer}


def test_observations_are_reported_by_the_agency_that_says_them(nlp):
    from kg.extract.doc_to_facts import facts_from_doc

    doc = nlp(
        PIB + "\nThe Ministry of Rural Development said that 3.2 lakh houses were built in 2020-21."
    )
    reporters = {o.surface: names_of(doc, o.reported_by) for o in facts_from_doc(doc).observations}
    assert any(
        "Ministry of Rural Development" in names
        for surface, names in reporters.items()
        if "3.2" in surface
    )


@pytest.mark.parametrize(
    "text",
    [
        "President Biden's Inflation Reduction Act cracks down on price gouging, Biden's spokesman "
        "said.",
        "He said that she, the minister, would speak. They met the Secretary.",
    ],
)
def test_possessives_and_pronouns_are_never_people(nlp, text):
    doc = nlp(text)
    assert not [
        p
        for p in doc._.kg_people
        if "'" in p.name or "’" in p.name or p.name.lower() in {"he", "she", "they"}
    ]


@pytest.mark.parametrize(
    "text, name",
    [  # bulk: White House fact-sheet headlines
        (
            "Fact Sheet: President Donald J. Trump Promotes Efficiency in Federal Hiring\n\n"
            "The order was signed today.",
            "Donald J. Trump",
        ),
        ("President Donald J. Trump Addresses the Nation on Tuesday.", "Donald J. Trump"),
        ("Secretary Ed Burns said the plan would work.", "Ed Burns"),  # a surname, not a verb
    ],
)
def test_a_headline_verb_ends_a_persons_name(nlp, text, name):
    assert [p.name for p in nlp(text)._.kg_people] == [name]


def test_a_spokesperson_is_a_member_of_the_ministry_he_speaks_for(nlp):
    doc = nlp(
        "Zhao Zhiguo, spokesperson of the Ministry of Industry and Information Technology and "
        "director of "
        "the Information and Communication Administration, said that revenue reached 1.47 trillion "
        "yuan."
    )
    (person,) = doc._.kg_people
    assert person.name == "Zhao Zhiguo" and person.role == "spokesperson"
    assert names_of(doc, person.agency_key) >= {"Ministry of Industry and Information Technology"}


def test_the_subject_of_what_is_done_under_a_policy_carries_it_out(nlp):
    text = (
        "Ministry of HRD constructed gender segregated toilets in elementary and secondary "
        "schools within one year under Swachh Vidyalaya initiative."
    )
    found = relations(nlp, text, "responsibleAgency")
    assert ("Program:swachh vidyalaya initiative", "Agency:ministry of education@in") in found


def test_a_plans_list_item_opening_with_a_gerund_is_the_issuers_doing(nlp):
    text = (
        "DWP single departmental plan: 2015 to 2020\n\n"
        "The Department for Work and Pensions will deliver the following.\n"
        "- introducing a new Work and Health programme from 2017, which we will work with local "
        "partners to deliver, which will provide specialist support for claimants\n"
    )
    found = relations(nlp, text, "responsibleAgency")
    assert ("Program:work and health", "Agency:department for work and pensions") in found


def test_a_headline_verb_of_running_links_the_agency(nlp):
    # dev 74's headline and two body sentences without a verb of running (the headline alone
    # left the classifier just under its threshold for the programme: 0.47, main's model 0.51)
    text = (
        "Indian Railways operationalizes 4197 “Shramik Special” trains till 3rd June, 2020.\n"
        "As on 3rd June 2020, a total of 4197 “Shramik Special” trains have been operationalized "
        "from various states across the country. Till now, more than 58 lacs migrants have been "
        "transported through Shramik Special Trains in 34 days."
    )
    found = relations(nlp, text, "responsibleAgency")
    assert any(agency == "Agency:indian railways" for _, agency in found)


@pytest.mark.parametrize(
    "text, program, agencies",
    [
        (
            "The Department of Energy (DOE) leads the effort. DOE established $9.5 billion in "
            "Clean Hydrogen Initiatives to help decarbonize industry.",
            "Program:clean hydrogen initiative",
            {"Agency:department of energy"},
        ),
        (
            "EPA announced $106 million over a five-year period going to the Long Island Sound "
            "Study Program.",
            "Program:long island sound study",
            {"Agency:environmental protection agency"},
        ),
        (
            "USDOT and the Department of Energy announced nearly $5 billion that will be made "
            "available over the next 5 years under the new Electric Vehicle Formula Program.",
            "Program:electric vehicle formula",
            {"Agency:department of transportation", "Agency:department of energy"},
        ),
    ],
)
def test_the_agency_that_gives_money_to_a_program_runs_it(nlp, text, program, agencies):
    found = relations(nlp, text, "responsibleAgency")
    assert {agency for policy, agency in found if policy == program} == agencies


def test_money_a_clause_of_its_own_gives_is_not_the_speakers(nlp):
    text = (
        "The Department of Energy announced that states will add $5 million to the Clean Cities "
        "Program."
    )
    assert not relations(nlp, text, "responsibleAgency")


@pytest.mark.parametrize(
    "text, programs",
    [
        (
            "Efforts underway include the Department of Energy's Transmission Reliability Program "
            "and Energy Storage Program.",
            {"Program:transmission reliability", "Program:energy storage"},
        ),
        (
            "EPA has released guidance for EPA's Drinking Water SRF, Clean Water SRF, and Water "
            "Reuse.",
            {
                "Program:drinking water state revolving fund",
                "Program:clean water state revolving fund",
            },
        ),
    ],
)
def test_an_agencys_possessive_covers_the_list_it_opens(nlp, text, programs):
    found = relations(nlp, text, "responsibleAgency")
    assert programs <= {policy for policy, _ in found}


def test_a_list_item_with_an_owner_of_its_own_keeps_it(nlp):
    text = (
        "The Department of Energy's Transmission Reliability Program, the Energy Program of EPA "
        "and the Clean Water Program are new."
    )
    owners = {
        a for p, a in relations(nlp, text, "responsibleAgency") if p == "Program:energy program"
    }
    assert owners == {"Agency:environmental protection agency"}


def test_a_plans_name_cut_before_its_complement_is_not_a_part_of_it(nlp):
    text = (
        "The U.S.-Mexico Bicentennial Framework for Security, Public Health, and Safe Communities "
        "was agreed in 2021. The Bicentennial Framework guides the work of both governments."
    )
    doc = nlp(text)
    assert {m.name for m in doc._.kg_mentions if m.type == "Plan"} >= {"Bicentennial Framework"}
    assert not relations(nlp, text, "partOf")


def test_a_white_house_office_is_an_agency_not_a_policy(nlp):
    doc = nlp("In July, the White House Office of National AIDS Policy hosted a summit on HIV.")
    assert [(m.type, m.name) for m in doc._.kg_mentions] == [
        ("Agency", "White House Office of National AIDS Policy")
    ]
    assert not doc._.kg_relations


@pytest.mark.parametrize(
    "text, policy, agency",
    [
        (
            "The Federal Election Commission took a major step to increase transparency by "
            "finalizing the Digital Disclaimer Rule.",
            "Regulation:digital disclaimer rule",
            "Agency:federal election commission",
        ),
        (
            "The Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) increased its ability "
            "to stop traffickers through Operation Southbound, ATF's enforcement strategy.",
            "Program:operation southbound",
            "Agency:bureau of alcohol tobacco firearms and explosives",
        ),
        (
            "The Bureau of Alcohol, Tobacco, Firearms and Explosives (ATF) leads the work.\n"
            "- ATF significantly increased its ability to interdict firearms and stop firearms "
            "traffickers through Operation Southbound, ATF’s whole-of-government enforcement "
            "strategy that incorporates information sharing.",
            "Program:operation southbound",
            "Agency:bureau of alcohol tobacco firearms and explosives",
        ),
        (
            "The Department of Energy released a Request for Information on the implementation of "
            "the Civil Nuclear Credit Program.",
            "Program:civil nuclear credit",
            "Agency:department of energy",
        ),
        (
            "The National Telecommunications and Information Administration published a request "
            "for comment seeking input on the design and implementation of the Digital Equity "
            "Planning Grant Program.",
            "Program:digital equity planning grant",
            "Agency:national telecommunications and information administration",
        ),
    ],
)
def test_the_agency_acting_on_a_policy_in_a_phrase_of_its_own_clause(nlp, text, policy, agency):
    assert (policy, agency) in relations(nlp, text, "responsibleAgency")


def test_an_act_with_a_doer_of_its_own_is_not_the_publishers(nlp):
    text = (
        "The Department of Energy released a report on the implementation of the Clean Cities "
        "Program by the Environmental Protection Agency."
    )
    found = relations(nlp, text, "responsibleAgency")
    assert ("Program:clean city", "Agency:department of energy") not in found
