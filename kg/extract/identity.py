"""What makes two names one entity: canonical keys for names of agencies and policies.

The rule, in order (the first that applies decides the key):

1. A name the gazetteer knows (name, alias, acronym or former name) is that body, resolved by
   the document's country when several countries use the name: "Commerce Department",
   "U.S. Department of Commerce" and "DOC" in a US release are one node; so is a body listed
   with its country first written without it ("Agency for International Development"), and a
   listed body of the document's country written with another link after its head ("Office of
   Civil Rights" for the "Office for Civil Rights").
2. An agency's name is read without what does not change the body: a possessive ("EPA's"),
   a country or "Union" before it ("U.S.", "Union Home Ministry"), the ordinal of a term
   ("19th CPC Central Committee" is the CPC Central Committee); then rule 1 again.
3. "X Department" / "X Ministry" is "Department of X" / "Ministry of X", and "X Government" is
   the "Government of X" when X is a place (CLDR's countries and territories, the gazetteer's
   states and provinces); not after a level of government ("State Department").
4. A policy's name is read without lowercase words that say how it stands ("the new Work and
   Health programme", "newly launched Integrated Scheme": ``descriptor`` in
   ``data/common_words.tsv``).
5. Otherwise the canonical key of the name (case, quotes, "the", "&", "programme",
   "Govt." are not identity), an unlisted body's with "of" after its head ("Office on Violence
   Against Women" is the "Office of Violence Against Women").

What stays apart: different words after this (the CPC Central Committee and its Political
Bureau; the Ministry of Finance of China and of India, by country); a body and its part
("Department of Agriculture" and "Farm Service Agency"). Acronyms that only one document
defines are merged across documents by the store (``kg.identity``), and users correct what
the rules get wrong in a corrections file (see ``kg.identity``).

>>> def same(a, b, country=None):
...     return entity_key("Agency", a, country) == entity_key("Agency", b, country)
>>> same("Commerce Department", "Department of Commerce", "US")
True
>>> same("19th CPC Central Committee", "CPC Central Committee")
True
>>> same("Political Bureau of the CPC Central Committee", "CPC Central Committee")
False
>>> same("Union Home Ministry", "Ministry of Home Affairs", "IN")
True
>>> same("Health Department", "Department of Health")
True
>>> same("Ministry of Commerce of China", "MOFCOM")
True
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import vocabulary
from .gazetteer import (
    GENERIC_WORDS,
    country_names,
    find_body,
    government_bodies,
    place_names,
    subnational_units,
)
from .lexicon import LexiconEntry, canonical_key, head_type, lexicon
from .roles import ROLE
from .vocabulary import singular

__all__ = [
    "DATED_HEADS",
    "DESCRIPTORS",
    "GENERIC_WORDS",
    "POLICY_CLASSES",
    "entity_key",
    "policy_key",
    "agency_core_name",
    "local_body_keys",
    "acronym_form_keys",
    "described_name_keys",
    "listed_policies",
]

POSSESSIVE = re.compile(r"['’]s?$")
ORDINAL = re.compile(
    r"^(?:the\s+)?(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|"
    r"ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|"
    r"eighteenth|nineteenth|twentieth)\s+(?=\S+\s+\S)",
    re.IGNORECASE,
)
QUALIFIER = re.compile(
    r"^(?:the\s+)?(?:U\.S\.|US|USA|United States|UK|U\.K\.|Union|Indian|India['’]s|Chinese|"
    r"China['’]s|British|EU|European Union)\s+(?=\S+\s+\S)"
)
HEAD_LAST = re.compile(
    r"^(?P<field>(?:[A-Z][\w&-]*\s+){0,3}[A-Z][\w&-]*)\s+"
    r"(?P<head>Department|Ministry|(?i:government))$"
)


def entity_key(type_: str, name: str, country: str | None = None) -> str:
    """The canonical key of an entity of ``type_`` named ``name`` in a document of ``country``."""
    body = find_body(name, country=country) if type_ == "Agency" else None
    if body is not None:
        return body.key
    name = without_bracketed_acronym(POSSESSIVE.sub("", name.strip()))
    if type_ != "Agency":
        return policy_key(name, type_, country)
    core = agency_core_name(name)
    body = (
        find_body(core, country=country)
        or body_with_spelled_field(core, country)
        or body_of_named_country(core)
        or own_body_with_other_link(core, country)
    )
    return body.key if body is not None else with_head_link_of(canonical_key(core))


HEAD_LINKS = vocabulary.words("common_words", uses="head-link")  # "of", "for", "on"
HEAD_LINK = re.compile(rf"(?P<head>\S+) (?P<link>{'|'.join(sorted(HEAD_LINKS))}) (?=\S)")


def head_link(key: str) -> re.Match | None:
    """The first link in a name that follows a body's head noun ("central office | for |
    recovery")."""
    match = HEAD_LINK.search(key)
    return match if match is not None and head_type(match["head"]) == "Agency" else None


def own_body_with_other_link(core: str, country: str | None):
    """ "Office of Civil Rights" for the "Office for Civil Rights": a body of the document's
    country that the name gives with another link after its head."""
    match = head_link(core.lower())
    if match is None or country is None:
        return None
    for link in sorted(HEAD_LINKS - {match["link"]}):
        other = f"{core[: match.start('link')]}{link}{core[match.end('link') :]}"
        body = find_body(other, country=country)
        if body is not None and body.country == country:
            return body
    return None


def with_head_link_of(key: str) -> str:
    """A body no list knows, keyed with "of" after its head: writers give "Office on Violence
    Against Women" and "Office of Violence Against Women", "Central Office for Recovery" and
    "Central Office of Recovery" for one body.

    >>> with_head_link_of("central office for recovery")
    'central office of recovery'
    """
    match = head_link(key)
    if match is None:
        return key
    return f"{key[: match.start('link')]}of{key[match.end('link') :]}"


DESCRIPTORS = vocabulary.words("common_words", uses="descriptor")
DATED_HEADS = vocabulary.words("heads", rules="dated")
ENACTED_IN = re.compile(r"^(?P<name>.*?\S),?\s+(?:19|20)\d\d$")


CITED_NUMBER = re.compile(r"^(?P<name>.*?\s(?:No\.\s*)?\d{3,}),\s")


def without_title(name: str) -> str:
    """A numbered instrument is its number, whether or not it is cited with its title.

    >>> without_title("Executive Order 14030, Climate-Related Financial Risk")
    'Executive Order 14030'
    """
    numbered = CITED_NUMBER.match(name)
    return numbered["name"] if numbered else name


def without_enactment_year(name: str) -> str:
    """An enactment without its year, which the document may leave out the next time it names
    it: "MSMED Act, 2006" and "MSMED Act" are one act.

    >>> without_enactment_year("MSMED Act, 2006"), without_enactment_year("Budget 2015")
    ('MSMED Act', 'Budget 2015')
    """
    dated = ENACTED_IN.match(name)
    if dated and singular(dated["name"].split()[-1]) in DATED_HEADS:
        return dated["name"]
    return name


ACRONYM_IN_BRACKETS = re.compile(r"\s+\((?=[^)]*[A-Z][^)]*[A-Z])[A-Za-z&.-]{2,12}\)(?=\s|$)")
LOWERCASE_LEAD = re.compile(r"^(?:[a-z]+\s+)+(?=[A-Z][\w’'&-]*\s+\S)")
CONNECTORS = vocabulary.words("common_words", uses="connector")


def without_bracketed_acronym(name: str) -> str:
    """A name's acronym in brackets is another name of it, not part of it: "Public Service Loan
    Forgiveness (PSLF) program" is the "Public Service Loan Forgiveness program".

    >>> without_bracketed_acronym("Make America Beautiful Again (MABA) Commission")
    'Make America Beautiful Again Commission'
    """
    return ACRONYM_IN_BRACKETS.sub("", name) if "(" in name else name


def without_lowercase_lead(name: str) -> str:
    """ "broken Public Service Loan Forgiveness program": a word that qualifies a capitalised name,
    not a class noun or a connector that makes another instrument of it ("amendment to the
    Essential Commodities Act" is the amendment)."""
    lead = LOWERCASE_LEAD.match(name)
    if lead is None or any(w in CONNECTORS or head_type(w) for w in lead.group().split()):
        return name
    return name[lead.end() :]


def policy_key(name: str, type_: str | None = None, country: str | None = None) -> str:
    """The key of a plan, regulation or programme: its name without the lowercase words before
    a capitalised name ("broken", "overall": how it stands, not which it is), without whose it
    is (a leader's possessive, an agency's acronym, a country before three words or more), with
    every word in the singular ("Community Navigators Program" is the "Community Navigator
    Program"); without the year of an enactment or the title a numbered instrument is cited
    with; its class noun last ("Agreement on Government Procurement"); a programme without the
    word "program" (kept in its label), which a name carries or leaves out ("Public Service Loan
    Forgiveness (PSLF) program").

    >>> policy_key("overall Gateway Hudson River Tunnel project")
    'gateway hudson river tunnel project'
    >>> policy_key("State Revolving Funds") == policy_key("State Revolving Fund")
    True
    >>> policy_key("The President’s Emergency Plan for AIDS Relief") == policy_key(
    ...     "Emergency Plan for AIDS Relief")
    True
    >>> policy_key("EDA Build Back Better Regional Challenge", "Program", "US")
    'build back better regional challenge'
    >>> policy_key("Public Service Loan Forgiveness program", "Program")
    'public service loan forgiveness'
    >>> policy_key("Agreement on Government Procurement")
    'government procurement agreement'
    """
    name = without_enactment_year(without_title(name))
    name = without_owner(without_lowercase_lead(without_descriptors(name)), country)
    words = [singular_word(word) for word in canonical_key(name).split(" ")]
    words = without_own_country(words, country)
    if type_ == "Program":  # before and after the class noun goes last: "... Program on ..."
        return " ".join(without_program_word(with_head_last(without_program_word(words))))
    return " ".join(with_head_last(words))


def without_program_word(words: list[str]) -> list[str]:
    return words[:-1] if len(words) > 2 and words[-1] == "program" else words


# a person's title (kg.extract.roles) with its possessive: "the Prime Minister's ..."
LEADER_POSSESSIVE = re.compile(rf"^(?:the\s+)?{ROLE.pattern}['’]s\s+(?=\S+\s+\S)", re.IGNORECASE)
QUALIFYING_COUNTRIES = vocabulary.column("country_qualifiers", "country")  # key -> country


SUBJECT_LINKS = vocabulary.words("common_words", uses="subject-link")
POLICY_CLASSES = ("Plan", "Regulation", "Program")


def with_head_last(words: list[str]) -> list[str]:
    """A policy named by its class noun and then its subject is the policy named by the
    subject and then the class noun: "Agreement on Government Procurement" is the "Government
    Procurement Agreement", "Executive Order on AI" the "AI Executive Order". Not where the
    subject holds a class noun or another link ("Plan for the Implementation of the Act")."""
    link = next((i for i, w in enumerate(words[:4]) if w in SUBJECT_LINKS), None)
    if link is None or link == 0 or link == len(words) - 1:
        return words
    head, subject = words[:link], words[link + 1 :]
    if head_type(head[-1]) not in POLICY_CLASSES or any(
        head_type(w) in POLICY_CLASSES or w in SUBJECT_LINKS or w == "of" for w in subject
    ):
        return words
    return subject + head


def singular_word(word: str) -> str:
    """A word of a name in the singular: "Community Navigators Program" is the "Community
    Navigator Program". Not a word in -as, which in the names of Indian schemes is no plural
    ("Pradhan Mantri Kaushal Vikas Yojana", "Awas")."""
    return word if word.endswith("as") else singular(word)


def without_own_country(words: list[str], country: str | None) -> list[str]:
    """A policy's key words without the document's own country before three words or more
    ("U.S. Global Health Security Strategy" in a US release; but "Indian Home Loan Guarantee
    Program" there is a programme for Native Americans)."""
    for n in (2, 1):
        if (
            len(words) > n + 2
            and country
            and QUALIFYING_COUNTRIES.get(" ".join(words[:n])) == country
        ):
            return words[n:]
    return words


def without_owner(name: str, country: str | None) -> str:
    """A policy's name without whose it is: a leader's possessive ("the President’s Emergency
    Plan for AIDS Relief") or a body's acronym before two words or more ("USDA Community
    Eligibility Provision", "EDA Build Back Better Regional Challenge"; three words or more
    stay, so that "HHS Action Plan" is not any "Action Plan")."""
    name = LEADER_POSSESSIVE.sub("", name)
    first, _, rest = name.partition(" ")
    if first.isupper() and rest.count(" ") >= 2 and find_body(first, country=country):
        return rest
    return name


def without_descriptors(name: str) -> str:
    """A policy's name without the lowercase words before it that say how it stands, not which
    it is (a capitalised "New" is part of the name: "New Enterprise Allowance").

    >>> without_descriptors("the newly launched Integrated Scheme")
    'Integrated Scheme'
    """
    words = re.sub(r"^the\s+", "", name).split(" ")
    first = next((i for i, w in enumerate(words) if w not in DESCRIPTORS), len(words))
    return " ".join(words[first:]) if first < len(words) - 1 else name


def agency_core_name(name: str) -> str:
    """An agency's name without qualifiers, with its head first.

    >>> agency_core_name("the 19th CPC Central Committee")
    'CPC Central Committee'
    >>> agency_core_name("U.S. Commerce Department")
    'Department of Commerce'
    >>> agency_core_name("Puerto Rico government"), agency_core_name("Central Government")
    ('Government of Puerto Rico', 'Central Government')
    """
    core = ORDINAL.sub("", name)
    core = QUALIFIER.sub("", core)
    core = re.sub(r"^the\s+", "", core, flags=re.IGNORECASE)
    head_last = HEAD_LAST.match(core)
    if head_last and names_field(head_last["head"], head_last["field"]):
        core = f"{head_last['head'].capitalize()} of {head_last['field']}"
    return core


def names_field(head: str, field: str) -> bool:
    """ "Commerce Department", "Malawi Government": the words before the head are what it is
    "of"; not a level of government ("State Department", "Central Government"), and for a
    government only a place ("Georgian Government" is not the "Government of Georgian")."""
    if head.lower() == "government":
        return field in place_names()
    return field.split()[0].lower() not in GENERIC_WORDS


def body_of_named_country(core: str):
    """ "Ministry of Commerce of China" is China's Ministry of Commerce: a listed body's name
    followed by "of" and its country's name ("Government of India" stays: no body is named
    "Government")."""
    for of in re.finditer(r"\s+of\s+(?:the\s+)?", core):
        country = country_names().get(core[of.end() :])
        if country:
            return find_body(core[: of.start()], country=country)
    return None


FILLERS = vocabulary.words("common_words", uses="abbreviation-filler")  # "HRD"
ABBREVIATED_FIELD = re.compile(r"^(?P<head>[A-Z][a-z]+) of (?P<letters>[A-Z]{2,6})$")


def body_with_spelled_field(core: str, country: str | None):
    """ "Ministry of HRD" is the Ministry of Human Resource Development: the letters spell the
    initials of the field of exactly one body of that head in the document's country."""
    match = ABBREVIATED_FIELD.match(core)
    if match is None:
        return None
    bodies = [
        body
        for body in spelled_fields().get((match["head"].lower(), match["letters"]), ())
        if country is None or body.country == country
    ]
    return bodies[0] if len(bodies) == 1 else None


@lru_cache(maxsize=1)
def spelled_fields() -> dict[tuple[str, str], tuple]:
    """(head word, initials of the field) -> the bodies named "<Head> of <Field>"."""
    index: dict[tuple[str, str], list] = {}
    for body in government_bodies():
        for form in body.forms:
            match = re.match(r"^(\w+) of (?:the )?(.+)$", form)
            if match:
                letters = "".join(
                    w[0] for w in re.findall(r"[A-Za-z]+", match[2]) if w.lower() not in FILLERS
                ).upper()
                bodies = index.setdefault((match[1].lower(), letters), [])
                if body not in bodies:
                    bodies.append(body)
    return {key: tuple(bodies) for key, bodies in index.items()}


def local_body_keys(agency_keys: set[str]) -> dict[str, str]:
    """Within one document, the key of a body named without its province or state -> the key
    of the one body named with it: a Yunnan release that names the "Department of Human
    Resources and Social Security of Yunnan" once and then "the Department of Human Resources
    and Social Security" means one department. A name two local bodies could complete merges
    nothing.

    >>> local_body_keys({"department of finance", "department of finance of yunnan province"})
    {'department of finance': 'department of finance of yunnan province'}
    >>> local_body_keys({"hm inspectorate", "hm inspectorate of constabulary", "hm treasury"})
    {'hm inspectorate': 'hm inspectorate of constabulary'}
    >>> local_body_keys({"office of fair housing", "hud office of fair housing"})
    {'office of fair housing': 'hud office of fair housing'}
    """
    completions: dict[str, set[str]] = {key: set() for key in agency_keys}
    for key in agency_keys:
        for short in completions:
            if short != key and short_form_of(short, key):
                completions[short].add(key)
    return {short: next(iter(longer)) for short, longer in completions.items() if len(longer) == 1}


def descriptor_lead_keys(keys: set[str]) -> dict[str, str]:
    """Within one document, the key of a name that starts with a descriptor -> the key of the
    same name without it, where the document also writes that: a headline capitalises "new"
    ("New Neighborhood Homes Tax Credit" over the body's "a new Neighborhood Homes Tax Credit"),
    which a capitalised "New" elsewhere keeps ("New Enterprise Allowance").

    >>> descriptor_lead_keys({"new neighborhood home tax credit", "neighborhood home tax credit"})
    {'new neighborhood home tax credit': 'neighborhood home tax credit'}
    """
    leads = {key: key.partition(" ") for key in keys}
    return {
        key: rest
        for key, (first, _, rest) in leads.items()
        if first in DESCRIPTORS and rest in keys
    }


def short_form_of(short: str, key: str) -> bool:
    """``key`` is ``short`` with a subnational unit after "of" or before it, or with the listed
    body it is part of before it ("HUD Office of Fair Housing"), or ``short`` is a
    qualified head that ``key`` completes with its field ("Her Majesty's Inspectorate" for
    "Her Majesty's Inspectorate of Constabulary"; a bare head is a back-reference instead)."""
    words = short.split()
    if (
        len(words) > 1
        and head_type(words[-1]) == "Agency"
        and key.startswith((short + " of ", short + " for "))
    ):
        return True
    if key.startswith(short + " of "):
        place = key[len(short) + 4 :]
    elif key.endswith(" " + short):
        place = key[: -len(short) - 1]
        if head_link(short) is not None and short.startswith(head_link(short)["head"]):
            if find_body(place) is not None:
                return True  # "HUD Office of Fair Housing ...", then "the Office of Fair ..."
    else:
        return False
    return re.sub(r"\s+(?:province|state|municipality|city)$", "", place) in unit_keys()


@lru_cache(maxsize=1)
def unit_keys() -> frozenset[str]:
    return frozenset(canonical_key(unit) for unit in subnational_units())


@lru_cache(maxsize=1)
def listed_policies() -> dict[tuple[str, str], LexiconEntry]:
    """(class, key) -> the lexicon's entry of a listed programme."""
    return {(e.type, entity_key(e.type, e.name)): e for e in lexicon().values()}


def described_name_keys(names: dict[str, set[str]]) -> dict[str, str]:
    """Within one document and class, the key of a name followed by one common noun (written
    in lower case at least once) -> the key of the name alone, when the document names it alone
    too: “Shramik Special” trains are the Shramik Special. A name followed by its acronym in
    brackets and a class noun is the name ("Flood Mitigation Assistance (FMA) grant program").
    ``names``: key -> the names written with it. A word only ever capitalised makes another
    entity ("Medicare Part D"), and so does a head noun ("the “14th Five-Year Plan” ...
    Development Plan" is a plan of its own).

    >>> described_name_keys({"shramik special": {"Shramik Special"},
    ...                      "shramik special trains": {"Shramik Special trains"}})
    {'shramik special trains': 'shramik special'}
    >>> described_name_keys({"flood mitigation assistance": {"Flood Mitigation Assistance"},
    ...     "flood mitigation assistance fma grant program": {
    ...         "Flood Mitigation Assistance (FMA) grant program"}})
    {'flood mitigation assistance fma grant program': 'flood mitigation assistance'}

    A defined acronym followed by a lowercase word names the acronym's entity:

    >>> described_name_keys({"corporate average fuel economy": {"CAFE"},
    ...                      "cafe standard": {"CAFE standards"}})
    {'cafe standard': 'corporate average fuel economy'}
    """
    found = {}
    written_keys = {canonical_key(name): key for key, written in names.items() for name in written}
    for key, written in names.items():
        short, _, last = key.rpartition(" ")
        if short in names and any(w.split()[-1].islower() for w in written) and not head_type(last):
            found[key] = short
        for name in written:
            bracketed = BRACKETED_ACRONYM.match(name)
            if bracketed and bracketed["acronym"][0] == bracketed["name"][0]:
                name_key = canonical_key(bracketed["name"])
                found[key] = written_keys.get(name_key) or policy_key(bracketed["name"])
            acronym, _, noun = name.partition(" ")
            named = written_keys.get(canonical_key(acronym)) if acronym.isupper() else None
            if named and named != key and noun.isalpha() and noun.islower():
                # "CAFE standards" are the CAFE the document defines (not the "ACP promotion
                # campaign", a campaign of its own)
                found[key] = named
    return found


def acronym_form_keys(names: dict[str, set[str]]) -> dict[str, str]:
    """Within one document and class, the key of a name whose modifier is an acronym of the
    other name's modifiers -> the key of the spelled name: an acronym spells an acronym it
    holds whole and the other words by their initials ("MSMED Act" is the "MSME Development
    Act"). ``names``: key -> the names written with it.

    >>> acronym_form_keys({"msmed act": {"MSMED Act, 2006"},
    ...                    "msme development act": {"MSME Development Act"}})
    {'msmed act': 'msme development act'}
    >>> acronym_form_keys({"dpa act": {"DPA Act"}, "data act": {"Data Act"}})
    {}
    """
    named = [
        (key, without_enactment_year(name).split())
        for key, written in names.items()
        for name in written
    ]
    spelled: dict[tuple[str, str], str] = {}
    for key, words in named:
        if len(words) > 2:  # modifiers an acronym may spell, and the head
            spelled.setdefault((compressed(words[:-1]), words[-1].lower()), key)
    found = {}
    for key, words in named:
        target = spelled.get((words[0], words[-1].lower())) if len(words) == 2 else None
        if words[0].isupper() and target and target != key:
            found[key] = target
    return found


def compressed(words: list[str]) -> str:
    """ "MSME Development" -> "MSMED": acronyms whole, other words by their initial."""
    return "".join(w if w.isupper() else w[0].upper() for w in words if w.lower() not in CONNECTORS)


# "Building Resilient Infrastructure and Communities (BRIC) program": the name, its acronym in
# brackets and a lowercase class noun
BRACKETED_ACRONYM = re.compile(
    r"^(?P<name>.+?)\s*\((?P<acronym>[A-Z][A-Za-z&]*[A-Z])\)(?:\s+[a-z-]+){0,2}$"
)
