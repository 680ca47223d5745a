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
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .lexicon import canonical_key
from .text import literal_alternation

__all__ = ["GovernmentBody", "government_bodies", "bodies_by_key", "find_body", "body_key",
           "body_form_pattern", "subnational_units", "document_country", "COUNTRIES"]

COUNTRIES = ("CN", "US", "UK", "IN", "EU")


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


def read_table(file: str) -> list[dict[str, str]]:
    """Rows of a tab-separated data file with a header line; ``#`` lines are comments."""
    text = resources.files("kg.extract").joinpath(f"data/{file}").read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t") + [""] * len(header))) for line in lines[1:]]


def split_bar(value: str) -> tuple[str, ...]:
    return tuple(v.strip() for v in value.split("|") if v.strip())


@lru_cache(maxsize=1)
def government_bodies() -> tuple[GovernmentBody, ...]:
    return tuple(
        GovernmentBody(row["name"], row["type"], row["kind"], row["country"], split_bar(row["acronyms"]),
                       split_bar(row["aliases"]), split_bar(row["former_names"]), row["source"])
        for row in read_table("government_bodies.tsv"))


@lru_cache(maxsize=1)
def bodies_by_key() -> dict[str, tuple[GovernmentBody, ...]]:
    """Canonical key of every name, alias and acronym -> the bodies known by it."""
    index: dict[str, list[GovernmentBody]] = defaultdict(list)
    for body in government_bodies():
        for form in body.forms:
            key = canonical_key(form)
            if body not in index[key]:
                index[key].append(body)
    return {key: tuple(bodies) for key, bodies in index.items()}


@lru_cache(maxsize=1)
def shared_names() -> frozenset[str]:
    """Canonical names that two bodies of different countries share."""
    counts = Counter(canonical_key(body.name) for body in government_bodies())
    return frozenset(name for name, n in counts.items() if n > 1)


def body_key(body: GovernmentBody) -> str:
    name = canonical_key(body.name)
    return f"{name}@{body.country.lower()}" if name in shared_names() else name


# "U.S. Department of Agriculture", "India's Ministry of Finance": a country before the name
COUNTRY_PREFIX = re.compile(r"^(?:us|united states|american|uk|united kingdom|british|indian|india s|india|"
                            r"chinese|china s|china|eu|european union)\s+")


def find_body(name: str, *, country: str | None = None) -> GovernmentBody | None:
    """The body ``name`` names, in a document of ``country`` when several countries use it."""
    key = canonical_key(name)
    candidates = bodies_by_key().get(key) or bodies_by_key().get(COUNTRY_PREFIX.sub("", key), ())
    if len(candidates) == 1:
        return candidates[0]
    return next((body for body in candidates if body.country == country), None)


@lru_cache(maxsize=1)
def subnational_units() -> dict[str, tuple[str, str]]:
    """Every province, state, territory or nation name and alias -> (its name, its country)."""
    units = {}
    for row in read_table("subnational_units.tsv"):
        for form in (row["name"], *split_bar(row["aliases"])):
            units[form] = (row["name"], row["country"])
    return units


FIELD = r"(?:[A-Z][\w'’-]*,?\s+(?:(?:and|of|for|the|&)\s+)*)*[A-Z][\w'’-]*"  # "Human Resources and Social Security"
PLACE = r"(?:[A-Z][a-z’'-]+\s+){0,2}[A-Z][a-z’'-]+"


@lru_cache(maxsize=1)
def body_form_pattern() -> re.Pattern:
    """One regex for every form of ``body_forms.tsv``, its slots filled in."""
    units = literal_alternation(subnational_units())
    alternatives = []
    for row in read_table("body_forms.tsv"):
        parts = re.split(r"(\{unit\}|\{place\}|\{field\})", row["pattern"])
        slots = {"{unit}": f"(?:{units})", "{place}": PLACE, "{field}": FIELD}
        alternatives.append("".join(slots.get(p, re.escape(p)) for p in parts))
    alternatives.sort(key=len, reverse=True)
    return re.compile("|".join(f"(?:{a})" for a in alternatives))


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """Words that place a document in a country: subnational units and the country's own names."""
    names = {form: country for form, (_, country) in subnational_units().items() if len(form) > 3}
    for row in read_table("country_names.tsv"):
        names[row["name"]] = row["country"]
    return names


@lru_cache(maxsize=1)
def country_name_pattern() -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{literal_alternation(country_names())})(?![\w-])")


def document_country(text: str) -> str | None:
    """The country a document is mostly about, by the places, currencies and bodies it names;
    None when no country stands out (twice as often named as the next)."""
    counts: Counter[str] = Counter(country_names()[m.group()] for m in country_name_pattern().finditer(text))
    ranked = counts.most_common(2)
    if not ranked:
        return None
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
