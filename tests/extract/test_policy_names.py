"""Policy names as bulk releases write them (issue 19's audit, benchmarks/audits/): the kinds of
error the audit counted on a random sample, each on the release's own sentence and on one written
for the test."""

import pytest


def policies(nlp, text):
    doc = nlp(text)
    return {
        (m.type, m.name) for m in doc._.kg_mentions if m.type in ("Plan", "Regulation", "Program")
    }


def listed(nlp, text):
    return {m.name for m in nlp(text)._.kg_mentions if m.rule == "list"}


@pytest.mark.parametrize(
    "text",
    [
        (  # bulk us-01529: acronyms, fields and a nested list, not "TB program"
            "- Better integrate and leverage global health programs – including PEPFAR, TB, PMI, "
            "and health system strengthening efforts including regulatory systems and MCM "
            "manufacture, procurement and delivery;"
        ),
        (  # bulk us-01529: fields a list of programmes works in
            "- Better integrate and leverage development programs, including humanitarian and "
            "disaster response; food security; water sanitation and hygiene; and community "
            "leadership;"
        ),
        (  # bulk us-00893: each item described with an article and a clause
            "NIH announced funding for four community violence programs – including a "
            "place-based strategy involving repurposing vacant lots in Detroit, an evaluation of "
            "READI Chicago, and a hospital-based violence intervention program focused on youth."
        ),
        (  # bulk us-01320: the list belongs to the infinitive's clause, not to "laws"
            "EPA will leverage its authorities under our bedrock health and environmental laws to "
            "accelerate progress to prevent cancer, including phase-outs of carcinogens, "
            "regulatory actions to protect children, and enforcement actions."
        ),
        (  # bulk us-01059: a long clause ends the list before "investment" and "economic growth"
            "- Programs and initiatives, such as Prosper Africa, to increase the participation of "
            "members of the African Diaspora in the United States with regard to trade, "
            "investment, economic growth, and development programs relating to Africa;"
        ),
        "The fund backs local programmes, such as tutoring, mentoring and sport.",  # written
    ],
)
def test_a_list_of_descriptions_or_fields_names_no_policy_per_item(nlp, text):
    assert not any(
        name.startswith(("PEPFAR", "TB", "humanitarian", "a ", "an ", "phase-outs", "investment"))
        or name.endswith(("tutoring programme", "sport programme", "economic growth program"))
        for name in listed(nlp, text)
    )


def test_a_counted_list_of_lowercase_plans_still_names_each(nlp):
    text = "Two plans were issued, including rural roads and clean heating."  # written
    assert {"rural roads plan", "clean heating plan"} <= listed(nlp, text)


@pytest.mark.parametrize(
    "text, name",
    [
        (  # bulk us-00644: a capitalised verb inside the sentence begins the name
            "Together, the President’s Bipartisan Infrastructure Law and Build Back Better Act "
            "will provide agencies with the funding necessary.",
            "Build Back Better Act",
        ),
        (  # bulk us-00729
            "The Make PPE in America Act, included in the Bipartisan Infrastructure Law, is "
            "catalyzing domestic investments.",
            "Make PPE in America Act",
        ),
        (  # bulk us-00768
            "This is a pillar of the work in the DOL and DOT’s Driving Good Jobs Initiative.",
            "Driving Good Jobs Initiative",
        ),
        (  # bulk us-01059: a plural possessor is the people the programme serves
            "- African Women’s Entrepreneurship Program (AWEP): The Vice President announced "
            "plans to provide $1 million for AWEP.",
            "African Women’s Entrepreneurship Program",
        ),
        (  # bulk us-01477
            "The Budget allows states to extend rebates to the Children’s Health Insurance "
            "Program.",
            "Children’s Health Insurance Program",
        ),
        (  # bulk us-00637: a slash joins the capitalised parts of one word
            "HHS announced $2.21 billion in Ryan White HIV/AIDS Program funding.",
            "Ryan White HIV/AIDS Program",
        ),
        (  # bulk us-01566: a bracketed acronym inside the name
            "- The Peace Corps, through its Advancing Health Professionals (AHP) Program, has "
            "deployed U.S. health professionals.",
            "Advancing Health Professionals (AHP) Program",
        ),
        (  # bulk us-01568: digits with a capital begin the name
            "DOE released information provided by recipients of 48C Advanced Energy Projects "
            "credits.",
            "48C Advanced Energy Projects",
        ),
        (  # written
            "Funding comes through the Veterans’ Housing Program and the Protect Our Rivers Act.",
            "Protect Our Rivers Act",
        ),
        (  # written
            "The Ministry expanded the Rural Women’s Enterprise Fund last year.",
            "Rural Women’s Enterprise Fund",
        ),
    ],
)
def test_a_name_keeps_its_verb_possessor_slash_bracket_and_numbered_word(nlp, text, name):
    assert name in {n for _, n in policies(nlp, text)}


@pytest.mark.parametrize(
    "text, name",
    [
        (  # bulk us-00423: a list item's verb is the sentence's
            "- Support the Global Health Security Agenda, as steering group members.",
            "Global Health Security Agenda",
        ),
        ("We will work to Build Back Better Plans for the region.", "Back Better Plans"),
    ],
)
def test_a_verb_that_begins_a_list_item_or_follows_to_is_not_in_the_name(nlp, text, name):
    found = {n for _, n in policies(nlp, text)}
    assert not any(n.startswith(("Support", "Build")) for n in found)


@pytest.mark.parametrize(
    "text",
    [
        # bulk us-00431: an office for a field
        "- The Assistant to the President for Domestic Policy and Director of the Domestic "
        "Policy Council, Susan Rice",
        # bulk us-01048: a post named by a programme
        "Piyashat Sinpimonboon, International Program Director of the Makhampom Theatre Group",
        # bulk us-01690: a post that ends in a title
        "The system now trains every newly hired Code Compliance Inspector (CCI) in overdose "
        "response.",
        "Jane Roe, the Housing Policy Adviser, spoke on Monday.",  # written
    ],
)
def test_a_policy_noun_in_a_persons_post_names_no_policy(nlp, text):
    assert not policies(nlp, text)


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # bulk us-00423
            "The United States and Japan will launch a Global Digital Connectivity Partnership "
            "to promote secure connectivity.",
            ("Program", "Global Digital Connectivity Partnership"),
        ),
        (  # bulk us-00644
            "As outlined in its October 2021 Strategic Framework for Addressing Climate Change, "
            "DHS is incorporating equity.",
            ("Plan", "Strategic Framework for Addressing Climate Change"),
        ),
        (  # bulk us-00644: the body at the end is in the order's title, not its name
            "Agencies will act consistent with the President’s Executive Order on Advancing "
            "Racial Equity and Support for Underserved Communities Through the Federal "
            "Government, which helps ensure fairness.",
            (
                "Regulation",
                "Executive Order on Advancing Racial Equity and Support for Underserved "
                "Communities Through the Federal Government",
            ),
        ),
        (  # written
            "The state joined the Clean Rivers Partnership under the National Water Framework.",
            ("Plan", "National Water Framework"),
        ),
    ],
)
def test_partnerships_frameworks_and_titled_orders_are_named(nlp, text, expected):
    assert expected in policies(nlp, text)


def test_a_relationship_between_countries_is_no_partnership_programme(nlp):
    text = "The two countries upgraded their ties to a Comprehensive Strategic Partnership."
    assert not policies(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        # bulk us-00192
        "This Proclamation builds on previous actions taken by the Trump Administration to "
        "ensure U.S. trade and industrial policies serve the national interest.",
        # written
        "The ministry will build upon earlier campaigns launched in rural districts last year.",
    ],
)
def test_what_a_release_builds_on_is_not_launched(nlp, text):
    assert not [m for m in nlp(text)._.kg_mentions if m.rule == "descriptive"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (  # bulk (an Obama-era official's biography): an act's programme is a programme
            "He led the Department’s Recovery Act program and the resourcing of the Ebola "
            "response in 2014.",
            ("Program", "Recovery Act program"),
        ),
        (  # bulk: past a bracketed acronym the programme is named by the act's words alone
            "This support includes EPA’s State Revolving Funds (SRFs), Water Infrastructure "
            "Finance and Innovation Act (WIFIA) program, and other grants.",
            ("Program", "Water Infrastructure Finance and Innovation Act"),
        ),
        (  # written
            "The ministries signed the Blue Ocean Partnership agreement in May.",
            ("Regulation", "Blue Ocean Partnership agreement"),
        ),
    ],
)
def test_a_lowercase_class_noun_after_a_name_says_what_it_names(nlp, text, expected):
    assert expected in policies(nlp, text)


@pytest.mark.parametrize(
    "text, name",
    [
        (  # dev 68's headline: every word capitalised, the acronym ends a name
            "Fact Sheet: President Donald J. Trump Announces the Reset of Corporate Average Fuel "
            "Economy (CAFE) Standards\n\nThe rule was issued.",
            "Reset of Corporate Average Fuel Economy (CAFE) Standards",
        ),
        (  # written
            "Ministry Unveils Clean Rivers Agency (CRA) Action Plan\n\nThe plan was issued.",
            "Clean Rivers Agency (CRA) Action Plan",
        ),
    ],
)
def test_in_a_headline_a_bracketed_acronym_ends_the_name_before_it(nlp, text, name):
    assert name not in {n for _, n in policies(nlp, text)}
