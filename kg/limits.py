"""Limits that keep one query or one file from reaching outside or taking the machine down.

    SPARQL text --check_query--> refused in one line (``QueryError``) when it calls a SERVICE
                                 that was not allowed, or nests deeper than the engine's stack
                                 holds; else passed to Oxigraph unchanged
    RDF text ---check_nesting--> refused in one line (``InputError``) when brackets nest
                                 deeper than the parser's stack holds
    a process --limit_memory---> its data segment capped: an allocation past it fails there

Oxigraph evaluates ``SERVICE <url>`` by sending the query to ``url``, from whatever machine
runs it, so federation is off unless a host is named. Its parser and evaluator recurse once
per nesting level and per operator of a chain, so 5,000 parentheses or a chain of 8,000 ``+``
overflow the 8 MB stack of a thread and kill the process (a segfault, not an exception): the
text is measured first, by a tokenizer that skips strings, IRIs and comments, so that a
"SERVICE" or a "(" inside them counts for nothing.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterable, Iterator

from .errors import InputError, QueryError

__all__ = [
    "MAX_NESTING",
    "MAX_OPERATORS",
    "check_query",
    "service_calls",
    "check_nesting",
    "limit_memory",
    "ALLOW_ANY_SERVICE",
]

# Measured on pyoxigraph 0.5 (main thread, 8 MB stack): 4,000 nested parentheses or a chain
# of 4,000 "+" ran, 8,000 crashed. The limits keep a wide margin below and far above any query
# a person writes (the library's deepest nests 6 levels and has 40 operators).
MAX_NESTING = 100
MAX_OPERATORS = 1_000
ALLOW_ANY_SERVICE = "*"

SPARQL_TOKEN = re.compile(
    r"""
      (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                 |'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*")
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<comment>\#[^\n\r]*)
    | (?P<variable>[?$]\w+)
    | (?P<prefixed>(?:[^\W\d][\w.-]*)?:(?:[\w.:%-]|\\.)*)  # "ex:a\#b": an escape, not a comment
    | (?P<word>[^\W\d]\w*)
    | (?P<open>[({\[])
    | (?P<close>[)}\]])
    | (?P<datatype>\^\^)
    | (?P<operator>\|\||&&|!=|<=|>=|[-+*/!=<>|^])
    | (?P<other>\s+|.)
""",
    re.VERBOSE | re.DOTALL,
)
# Words that join two patterns into a larger one, as an operator joins two expressions.
JOINING_WORDS = {"UNION", "OPTIONAL", "MINUS"}


def sparql_tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) of each token that means something: strings, IRIs and comments kept whole,
    white space and punctuation dropped."""
    for match in SPARQL_TOKEN.finditer(text):
        if match.lastgroup not in ("other", "comment"):
            yield match.lastgroup, match.group()


def check_query(text: str, *, allow_service: Iterable[str] = ()) -> None:
    """Raise ``QueryError`` (one line) when ``text`` calls a SERVICE not in ``allow_service``
    (host names, ``host:port``, or ``"*"`` for any) or nests too deep for the engine."""
    allowed = {host.lower() for host in allow_service}
    depth = deepest = operators = 0
    tokens = list(sparql_tokens(text))
    for kind, value in tokens:
        if kind == "open":
            depth += 1
            deepest = max(deepest, depth)
        elif kind == "close":
            depth -= 1
        elif kind == "operator" or kind == "word" and value.upper() in JOINING_WORDS:
            operators += 1
    if deepest > MAX_NESTING:
        raise QueryError(
            f"the query nests brackets {deepest} levels deep; "
            f"this engine takes at most {MAX_NESTING}"
        )
    if operators > MAX_OPERATORS:
        raise QueryError(
            f"the query has {operators:,} operators; this engine takes at most {MAX_OPERATORS:,} "
            "in one query (use VALUES or IN for long lists)"
        )
    for target in service_calls(tokens):
        if ALLOW_ANY_SERVICE not in allowed and not service_allowed(target, allowed):
            raise QueryError(
                f"SERVICE {target}: federated queries are off, so that a query never makes this "
                "machine send requests; allow a host with --allow-service HOST"
            )


def service_calls(tokens: list[tuple[str, str]]) -> Iterator[str]:
    """The target of each ``SERVICE [SILENT] target`` in the tokens: an IRI, a variable or a
    prefixed name, as written."""
    for position, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "SERVICE":
            following = tokens[position + 1 : position + 3]
            if following and following[0][0] == "word" and following[0][1].upper() == "SILENT":
                following = following[1:]
            yield following[0][1] if following else "(nothing)"


def service_allowed(target: str, allowed: set[str]) -> bool:
    """Only a full IRI can be checked; a variable or prefixed name could be anything."""
    if not (target.startswith("<") and target.endswith(">")):
        return False
    parts = urllib.parse.urlsplit(target[1:-1])
    return bool(parts.hostname) and (
        parts.hostname.lower() in allowed or parts.netloc.lower() in allowed
    )


# -- RDF files -------------------------------------------------------------------------------------
RDF_BRACKETS = re.compile(
    r"""
      (?P<string>"(?:[^"\\]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<open>[{\[(])
    | (?P<close>[}\])])
""",
    re.VERBOSE | re.DOTALL,
)


def check_nesting(text: str, source: str, *, limit: int = MAX_NESTING) -> None:
    """Raise ``InputError`` naming ``source`` when brackets in an RDF text (JSON-LD objects and
    arrays, Turtle blank nodes and collections) nest deeper than ``limit``."""
    depth = 0
    for match in RDF_BRACKETS.finditer(text):
        if match.lastgroup == "open":
            depth += 1
            if depth > limit:
                raise InputError(
                    f"{source}: nested more than {limit} levels deep; kg reads RDF files "
                    "nested at most that far"
                )
        elif match.lastgroup == "close":
            depth -= 1


# -- memory ----------------------------------------------------------------------------------------
def limit_memory(megabytes: int) -> None:
    """Cap this process's data segment (heap and anonymous maps, where Oxigraph and Python
    allocate; not the mapped store files) at ``megabytes``: past it an allocation fails in this
    process (Rust aborts it, Python raises ``MemoryError``) instead of taking the machine's."""
    import resource

    limit = megabytes * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_DATA, (limit, limit))
