"""Every error the product raises on purpose, in one tree.

    KGError                  -- base: the CLI prints its message on one line, exit 1
    ├── ModelNotFoundError   -- no spaCy pipeline could be loaded
    ├── InputError           -- a document could not be read (names the file and why)
    ├── StoreError           -- the store could not be opened or written
    ├── QueryError           -- unknown library query, bad parameter, or bad SPARQL
    └── OutputError          -- the output path or format is not usable

Messages say what was wrong and what to do; the cause is chained with ``raise ... from``.
"""

__all__ = ["KGError", "ModelNotFoundError", "InputError", "StoreError", "QueryError", "OutputError"]


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
