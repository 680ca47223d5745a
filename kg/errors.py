"""Every error the product raises on purpose, in one tree.

    KGError                  -- base: the CLI prints its message on one line, exit 1
    ├── ModelNotFoundError   -- no spaCy pipeline could be loaded
    ├── InputError           -- a document could not be read (names the file and why)
    ├── StoreError           -- the store could not be opened or written
    ├── QueryError           -- unknown library query, bad parameter, or bad SPARQL
    └── OutputError          -- the output path or format is not usable

Messages say what was wrong and what to do; the cause is chained with ``raise ... from``.
"""

import difflib
from collections.abc import Iterable

__all__ = [
    "KGError",
    "ModelNotFoundError",
    "InputError",
    "StoreError",
    "QueryError",
    "OutputError",
    "did_you_mean",
]


class KGError(Exception):
    """Base of every error raised on purpose by ``kg``."""


class ModelNotFoundError(KGError):
    """No usable spaCy pipeline is installed."""


class InputError(KGError):
    """A source document could not be read or decoded."""


class StoreError(KGError):
    """The store could not be opened, read or written."""


class QueryError(KGError):
    """A query is unknown, malformed, or was given a bad parameter."""


class OutputError(KGError):
    """An output path or format cannot be used."""


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean X?"`` naming the choices closest to a mistyped ``word``, or nothing.

    >>> did_you_mean("agency-responsibilites", ["agency-network", "agency-responsibilities"])
    '; did you mean agency-responsibilities?'
    >>> did_you_mean("zzz", ["agency-network"])
    ''
    """
    close = difflib.get_close_matches(word, list(choices), n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(close)}?" if close else ""
