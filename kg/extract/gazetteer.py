"""National government bodies and the name forms of subnational ones, as data.

``data/government_bodies.tsv`` lists the bodies of China, the US, the UK, India and the EU
from their public registers (each row names its source); ``data/subnational_units.tsv`` and
``data/body_forms.tsv`` give the provinces, states and nations and the forms their bodies'
names take ("Department of Natural Resources of Yunnan Province", "Ohio Department of
Health"). A name that several countries use for different bodies ("Ministry of Finance",
"Department of Justice", "Treasury") is resolved by the document's country.

>>> body = find_body("Commerce Department", country="US")
>>> body.name, body.country
('Department of Commerce', 'US')
>>> find_body("Ministry of Finance", country="IN").country
'IN'
>>> find_body("Ministry of Finance") is None  # two countries' ministries: the country decides
True
>>> bool(body_form_pattern().fullmatch("Department of Natural Resources of Yunnan Province"))
True
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache

from spacy.tokens import Doc

from .lexicon import canonical_key
from .text import cached_on, doc_text, first_characters, literal_alternation, starting_with
from .vocabulary import rows, singular, words

GENERIC_WORDS = words("common_words", uses="generic")  # say nothing specific

__all__ = [
    "GovernmentBody",
    "government_bodies",
    "bodies_by_key",
    "find_body",
    "body_key",
    "body_with_key",
    "body_form_pattern",
    "body_forms_in",
    "is_body_form",
    "subnational_units",
    "doc_country",
    "document_country",
    "COUNTRIES",
]

COUNTRIES = ("CN", "US", "GB", "IN", "EU")  # ISO 3166 codes, EU for the European Union


@dataclass(frozen=True)
class GovernmentBody:
    """One row of ``government_bodies.tsv``."""

    name: str
    type: str
    kind: str
    country: str
    acronyms: tuple[str, ...]
    aliases: tuple[str, ...]
    former_names: tuple[str, ...]
    source: str

    @property
    def forms(self) -> tuple[str, ...]:
        """Every name the body is known by: its name, acronyms, aliases and former names."""
        return (self.name, *self.acronyms, *self.aliases, *self.former_names)

    @property
    def key(self) -> str:
        """Its identity: the canonical name, qualified by country when another country's body
        has the same name ("ministry of finance@in")."""
        return body_key(self)


def split_bar(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@lru_cache(maxsize=1)
def government_bodies() -> tuple[GovernmentBody, ...]:
    listed = [
        GovernmentBody(
            row["name"],
            row["type"],
            row["kind"],
            row["country"],
            split_bar(row["acronyms"]),
            split_bar(row["aliases"]),
            split_bar(row["former_names"]),
            row["source"],
        )
        for row in rows("government_bodies")
    ]
    acronyms = {body.name: body.acronyms for body in listed if body.acronyms}
    return tuple(with_acronyms_inside(body, acronyms) for body in listed)


def with_acronyms_inside(body: GovernmentBody, acronyms: dict[str, tuple[str, ...]]):
    """ "Communist Party of China (CPC) Central Committee": a name that begins with another
    listed body's name is also written with that body's acronym in brackets after it."""
    inside = []
    for form in (body.name, *body.aliases):
        words = form.split()
        for cut in range(1, len(words)):
            first, rest = " ".join(words[:cut]), " ".join(words[cut:])
            if not rest.startswith("("):
                inside += [f"{first} ({acronym}) {rest}" for acronym in acronyms.get(first, ())]
    return replace(body, aliases=(*body.aliases, *inside)) if inside else body


@lru_cache(maxsize=1)
def bodies_by_key() -> dict[str, tuple[GovernmentBody, ...]]:
    """Canonical key of every name, alias and acronym -> the bodies known by it."""
    return grouped(
        (canonical_key(form), body) for body in government_bodies() for form in body.forms
    )


@lru_cache(maxsize=1)
def bodies_by_singular_key() -> dict[str, tuple[GovernmentBody, ...]]:
    """ "Ministry of Earth Science", "Airport Authority of India": a name written with a word
    in the singular (or plural) that the register writes otherwise is still that body."""
    return grouped(
        (singular_key(key), body) for key, bodies in bodies_by_key().items() for body in bodies
    )


@lru_cache(maxsize=1)
def bodies_by_unqualified_key() -> dict[str, tuple[GovernmentBody, ...]]:
    """ "Agency for International Development": a name the register gives only with its
    country before it ("U.S. Agency for International Development"), written without it; not
    where the rest is generic ("Indian Government" is no "Government" of another country)."""
    unqualified = {key: country_prefix().sub("", key) for key in bodies_by_key()}
    return grouped(
        (unqualified[key], body)
        for key, bodies in bodies_by_key().items()
        if unqualified[key] != key and set(unqualified[key].split()) - GENERIC_WORDS
        for body in bodies
    )


def grouped(
    pairs: Iterable[tuple[str, GovernmentBody]],
) -> dict[str, tuple[GovernmentBody, ...]]:
    """key -> the bodies paired with it, each once, in the order of the pairs."""
    index: dict[str, list[GovernmentBody]] = defaultdict(list)
    for key, body in pairs:
        if body not in index[key]:
            index[key].append(body)
    return {key: tuple(bodies) for key, bodies in index.items()}


@lru_cache(maxsize=1)
def last_words_of_bodies() -> frozenset[str]:
    """The last word of every name ``find_body`` knows, in the singular (a country prefix never
    is one: its name goes on after it)."""
    return frozenset(key.rpartition(" ")[2] for key in bodies_by_singular_key())


def singular_key(key: str) -> str:
    return " ".join(map(singular, key.split()))


@lru_cache(maxsize=1)
def shared_names() -> frozenset[str]:
    """Canonical names that two bodies of different countries share."""
    counts = Counter(canonical_key(body.name) for body in government_bodies())
    return frozenset(name for name, n in counts.items() if n > 1)


def body_key(body: GovernmentBody) -> str:
    name = canonical_key(body.name)
    return f"{name}@{body.country.lower()}" if name in shared_names() else name


@lru_cache(maxsize=1)
def country_prefix() -> re.Pattern:
    """ "U.S. Department of Agriculture", "India's Ministry of Finance": a country first."""
    return re.compile(rf"^(?:{literal_alternation(words('country_qualifiers'))})\s+")


def find_body(name: str, *, country: str | None = None) -> GovernmentBody | None:
    """The body ``name`` names in a document of ``country``: that country's body when several
    countries use the name; another country's only if the name has its country in it ("U.S.
    Department of State", "China's Ministry of Commerce") or the body is the EU's or the
    document's country unknown: "Ministry of Commerce" in an Indian release is India's ministry,
    not China's, and "DBT" there is the Direct Benefit Transfer, not the UK's Department for
    Business and Trade (short acronyms are reused from country to country)."""
    key = canonical_key(name)
    if singular(key.rpartition(" ")[2]) not in last_words_of_bodies():
        return None  # most names asked of: no body's name ends in their last word
    unqualified = country_prefix().sub("", key)
    candidates = (
        bodies_by_key().get(key)
        or bodies_by_key().get(unqualified)
        or bodies_by_singular_key().get(singular_key(unqualified))
        or bodies_by_unqualified_key().get(key, ())
    )
    own = [body for body in candidates if body.country == country]
    if own or len(candidates) != 1:
        return own[0] if len(own) == 1 else None
    body = candidates[0]
    foreign_ok = country is None or body.country == "EU" or is_distinctive(key)
    return body if foreign_ok else None


def is_distinctive(key: str) -> bool:
    return bool(country_prefix().match(key)) or any(word in country_words() for word in key.split())


@lru_cache(maxsize=1)
def country_words() -> frozenset[str]:
    return frozenset(canonical_key(n) for n in country_names() if " " not in n)


@lru_cache(maxsize=1)
def bodies_with_keys() -> dict[str, GovernmentBody]:
    return {body.key: body for body in government_bodies()}


def body_with_key(key: str) -> GovernmentBody | None:
    """The body whose identity (``GovernmentBody.key``) is ``key``."""
    return bodies_with_keys().get(key)


@lru_cache(maxsize=1)
def subnational_units() -> dict[str, tuple[str, str]]:
    """Every province, state, territory or nation name and alias -> (its name, its country)."""
    units = {}
    for row in rows("subnational_units"):
        for form in (row["name"], *split_bar(row["aliases"])):
            units[form] = (row["name"], row["country"])
    return units


# a capitalised field of work: "Human Resources and Social Security"
FIELD = r"(?:[A-Z][\w'’-]*,?\s+(?:(?:and|of|for|the|&)\s+)*)*[A-Z][\w'’-]*"
PLACE = r"(?:[A-Z][a-z’'-]+\s+){0,2}[A-Z][a-z’'-]+"


@lru_cache(maxsize=1)
def body_form_alternatives() -> tuple[tuple[str, str], ...]:
    """(fixed word, regex) of every form of ``body_forms.tsv``, its slots filled in, the longest
    regex first. The fixed word is the form's longest ("Provincial", "Municipal",
    "Legislature"): no text without it holds the form."""
    units = literal_alternation(subnational_units())
    slots = {"{unit}": f"(?:{units})", "{place}": PLACE, "{field}": FIELD}
    alternatives = []
    for row in rows("body_forms"):
        parts = re.split(r"(\{unit\}|\{place\}|\{field\})", row["pattern"])
        fixed = re.sub(r"\{(?:unit|place|field)\}", " ", row["pattern"]).split()
        regex = "".join(slots.get(p, re.escape(p)) for p in parts)
        alternatives.append((max(fixed, key=len, default=""), regex))  # "": slots alone, anywhere
    alternatives.sort(key=lambda alternative: len(alternative[1]), reverse=True)
    return tuple(alternatives)


@lru_cache(maxsize=1)
def body_form_pattern() -> re.Pattern:
    """One regex for every form of ``body_forms.tsv``."""
    return re.compile("|".join(f"(?:{regex})" for _, regex in body_form_alternatives()))


@cache  # one pattern per fixed word: a few dozen
def body_form_pattern_with(word: str) -> re.Pattern:
    """The forms whose fixed word is ``word``, in the order of ``body_form_pattern``."""
    return re.compile(
        "|".join(f"(?:{regex})" for fixed, regex in body_form_alternatives() if fixed == word)
    )


@lru_cache(maxsize=1)
def body_form_words() -> tuple[str, ...]:
    return tuple(sorted({fixed for fixed, _ in body_form_alternatives()}))


@lru_cache(maxsize=1)
def body_form_word_pattern() -> re.Pattern:
    return re.compile(literal_alternation(body_form_words()))


def body_form_pattern_for(text: str) -> re.Pattern | None:
    """The part of ``body_form_pattern`` that may match in ``text``, None when none can: most
    title-case runs hold no form's fixed word, and most others one, which only its own forms
    can match (the whole pattern tried on every run was 3% of spaCy's time)."""
    if body_form_word_pattern().search(text) is None:
        return None
    present = [word for word in body_form_words() if word in text]
    return body_form_pattern_with(present[0]) if len(present) == 1 else body_form_pattern()


def body_forms_in(text: str) -> Iterator[re.Match]:
    """``body_form_pattern().finditer(text)``, cheaper."""
    pattern = body_form_pattern_for(text)
    return pattern.finditer(text) if pattern is not None else iter(())


def is_body_form(text: str) -> bool:
    """``body_form_pattern().fullmatch(text)``, cheaper."""
    pattern = body_form_pattern_for(text)
    return pattern is not None and pattern.fullmatch(text) is not None


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Words that place a document in a country: subnational units and the country's own names."""
    names = {form: country for form, (_, country) in subnational_units().items() if len(form) > 3}
    for row in rows("country_names"):
        names[row["name"]] = row["country"]
    return names


@lru_cache(maxsize=1)
def place_names() -> frozenset[str]:
    """Places a government may be "of": the subnational units and country names above, and every
    country and territory CLDR names in English (through babel: "Malawi", "Puerto Rico")."""
    from babel import Locale

    territories = {name for code, name in Locale("en").territories.items() if code.isalpha()}
    return frozenset(country_names()) | territories


@lru_cache(maxsize=1)
def country_name_pattern() -> re.Pattern:
    names = country_names()
    return re.compile(
        starting_with(first_characters(names))
        + rf"(?<![\w-])(?:{literal_alternation(names)})(?![\w-])"
    )


def doc_country(doc: Doc) -> str | None:
    """``document_country`` of a Doc's text, once per Doc: the entity and observation components
    both ask it (a build runs them one Doc after the other, the benchmark one component over
    every Doc)."""
    return cached_on(doc, "kg_country", lambda d: document_country(doc_text(d)))


@lru_cache(maxsize=4)  # asked by each component of the same document: one scan per text
def document_country(text: str) -> str | None:
    """The country a document is mostly about, by the places, currencies and bodies it names;
    None when no country stands out (twice as often named as the next)."""
    counts: Counter[str] = Counter(
        country_names()[m.group()] for m in country_name_pattern().finditer(text)
    )
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
