"""A person's title ("spokesperson", "deputy minister") and the agency it is held in.

Read by ``kg.extract.relations`` (officials named beside their role) and ``kg.extract.issuer``
(whose release a document is: a spokesperson speaks for the agency, a leader quoted in a news
report does not; an agency named as where a role is held is not the one acting).
"""

from __future__ import annotations

import re

from . import vocabulary
from .text import literal_alternation

__all__ = ["ROLE", "holds_role", "role_agency", "speaks_for_agency"]


def role_pattern() -> re.Pattern:
    """A person's title: an office, after a qualifier where the office takes one ("deputy
    minister", "vice-chairman"); a hyphenated office matches with a space too."""
    offices = vocabulary.column("titles", "qualified", role="office")

    def alternation(words) -> str:
        return literal_alternation(words).replace(r"\-", "[- ]")

    qualified = alternation(word for word, takes in offices.items() if takes == "yes")
    unqualified = alternation(word for word, takes in offices.items() if takes != "yes")
    qualifiers = alternation(vocabulary.words("titles", role="qualifier"))
    return re.compile(
        rf"\b(?P<role>{unqualified}|(?:{qualifiers}[- ])?{qualified})\b", re.IGNORECASE
    )


ROLE = role_pattern()
OWNER_WORDS = literal_alternation(vocabulary.words("common_words", uses="owner"))
ROLE_BEFORE_AGENCY = re.compile(rf"\s+(?:{OWNER_WORDS})\s+(?:the\s+)?")
AGENCY_BEFORE_ROLE = re.compile(r"\s*(?:['’]s\s+)?")
ROLE_OF = re.compile(rf"{ROLE.pattern}\s+(?:{OWNER_WORDS})\s+(?:the\s+)?$", re.IGNORECASE)
ROLE_REACH = 40  # characters before a name that may hold "general secretary of the"


def role_agency(text: str, role: re.Match, agencies) -> str | None:
    """The agency a role is held in: named right after it ("spokesperson of the Ministry of ...")
    or right before it ("Federal Communications Commission Chairwoman", "EPA's Administrator")."""
    for agency in agencies:
        if (
            agency.start >= role.end()
            and ROLE_BEFORE_AGENCY.fullmatch(text, role.end(), agency.start)
            or agency.end <= role.start()
            and AGENCY_BEFORE_ROLE.fullmatch(text, agency.end, role.start())
        ):
            return agency.ident
    return None


def holds_role(text: str, start: int) -> bool:
    """The name at ``start`` follows a title of which it is the owner ("Xi, general secretary of
    the CPC Central Committee"): it says where a person serves, not what an agency does.

    >>> holds_role("Xi, also general secretary of the CPC Central Committee", 34)
    True
    >>> holds_role("The Ministry of Power said", 4)
    False
    """
    return ROLE_OF.search(text[max(0, start - ROLE_REACH) : start]) is not None


def speaks_for_agency(role: str) -> bool:
    """A spokesperson's words are the agency's; a minister's or a president's are their own."""
    speaking = vocabulary.words("titles", speaks_for="yes")
    return role.lower().split()[-1] in speaking
