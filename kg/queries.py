"""The library of named SPARQL queries in ``queries/*.rq``.

Each file starts with a comment header::

    # title: Agencies and what they are responsible for
    # description: every plan, regulation and program linked to its agency
    # param agency text: part of an agency's name (case-insensitive); default: every agency
    # example: agency=Ministry

A parameter ``agency`` is passed to the query as a binding of the variable ``?agencyParam``,
written as a VALUES block that pyoxigraph serialised (never formatted into the query text).
Queries read it as ``COALESCE(?agencyParam, "")``: left out, it matches every row. The
variable is not the parameter's own name so that result columns can be named after what they
hold (``metric`` in ``observations`` is the metric), never after what was asked for.

A ``name`` parameter is matched like a ``text`` one, but its longest word must be a whole
word of the name: queries look it up in the name index (``kgo:nameKey``, see ``kg.names``)
as ``?<param>Key``, which ``bind_parameters`` binds, before checking the whole text.

``queries/internal/*.rq`` are the queries kg itself runs (the store layout, the browser view,
the entity graph, the endpoint's page), with the same header; ``internal_query`` reads them.
They are not in the library (``kg query --list``, the README catalogue, the endpoint's page):
they answer kg's questions, not a reader's, and some have slots only ``inline_bindings`` fills.

Every value reaches a query one way, ``inline_bindings``: RDF terms serialised by pyoxigraph,
never text formatted into the query.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from pathlib import Path

import pyoxigraph as ox

from .errors import QueryError, did_you_mean
from .names import search_key
from .resources import resource_dir

__all__ = [
    "LibraryQuery",
    "Parameter",
    "bind_parameters",
    "get_query",
    "inline_bindings",
    "internal_query",
    "library",
    "parse_params",
]

# ``triples`` parameters exist in internal updates only (the triples an INSERT DATA writes).
PARAM_LINE = re.compile(
    r"^#\s*param\s+(?P<name>\w+)\s+(?P<type>text|name|iri|number|year|triples)\s*:\s*(?P<doc>.*)$"
)
QUERY_FORM = re.compile(r"^\s*(SELECT|CONSTRUCT|ASK|DESCRIBE)\b", re.MULTILINE | re.IGNORECASE)
HEADER_LINE = re.compile(r"^#\s*(?P<key>title|description|example)\s*:\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str  # text | name | iri | number | year | triples
    description: str


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    sparql: str
    path: Path
    example: dict[str, str] = field(
        default_factory=dict, hash=False
    )  # a typical call: docs, benchmark

    @property
    def body(self) -> str:
        """The query without its comment lines."""
        lines = self.sparql.splitlines()
        return "\n".join(line for line in lines if not line.lstrip().startswith("#")).strip()

    @property
    def form(self) -> str:
        """SELECT, CONSTRUCT, ASK or DESCRIBE."""
        match = QUERY_FORM.search(self.body)
        return match[1].upper() if match else "SELECT"


def parse_query_file(path: Path) -> LibraryQuery:
    text = path.read_text(encoding="utf-8")
    header, params = {}, []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        if match := PARAM_LINE.match(line):
            params.append(Parameter(match["name"], match["type"], match["doc"].strip()))
        elif match := HEADER_LINE.match(line):
            header[match["key"]] = match["value"].strip()
    example = parse_params([header["example"]]) if header.get("example") else {}
    return LibraryQuery(
        path.stem,
        header.get("title", path.stem),
        header.get("description", ""),
        tuple(params),
        text,
        path,
        example,
    )


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    """Every library query by name (file name without ``.rq``); checks are not included."""
    folder = resource_dir("queries")
    return {q.name: q for q in map(parse_query_file, sorted(folder.glob("*.rq")))}


@cache
def internal_query(name: str) -> LibraryQuery:
    """One of the queries kg runs itself, ``queries/internal/<name>.rq``."""
    return parse_query_file(resource_dir("queries") / "internal" / f"{name}.rq")


def get_query(name: str) -> LibraryQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(
            f"no library query named {name!r} (`kg query --list` shows them)"
            + did_you_mean(name, library())
        ) from None


def bind_parameters(
    query: LibraryQuery, values: dict[str, str]
) -> dict[str, ox.NamedNode | ox.Literal]:
    """Typed RDF terms for the given parameter values, as ``?<name>Param``; unknown names are
    refused. A ``name`` parameter also binds ``?<name>Key``, the name-index key to look it up by
    (given or not)."""
    known = {p.name: p for p in query.parameters}
    bindings = {}
    for name, raw in values.items():
        if name not in known:
            allowed = ", ".join(known) or "none"
            raise QueryError(
                f"query {query.name!r} has no parameter {name!r} (parameters: {allowed})"
            )
        bindings[parameter_variable(name)] = to_term(known[name], raw)
    for param in query.parameters:
        if param.type == "name":
            bindings[f"{param.name}Key"] = ox.Literal(search_key(values.get(param.name, "")))
    return bindings


def parameter_variable(name: str) -> str:
    """The variable a library query reads parameter ``name`` from."""
    return f"{name}Param"


def to_term(param: Parameter, raw: str) -> ox.NamedNode | ox.Literal:
    try:
        raw.encode("utf-8")  # a command line's undecodable bytes arrive as lone surrogates
    except UnicodeEncodeError:
        raise QueryError(f"parameter {param.name}: the value is not valid UTF-8 text") from None
    if param.type == "iri":
        try:
            return ox.NamedNode(raw)
        except ValueError as e:
            raise QueryError(f"parameter {param.name}: {raw!r} is not an IRI") from e
    if param.type == "number":
        try:
            Decimal(raw)
        except InvalidOperation as e:
            raise QueryError(f"parameter {param.name}: {raw!r} is not a number") from e
        return ox.Literal(raw, datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#decimal"))
    return ox.Literal(raw)


def parse_params(pairs: list[str]) -> dict[str, str]:
    """``["agency=Ministry of Power"]`` -> ``{"agency": "Ministry of Power"}``."""
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"parameter {pair!r} must look like name=value")
        values[name.strip()] = value
    return values


# -- values into a query: one function, for the embedded store and remote ones alike -------------
# Oxigraph's substitutions bind only projected variables of a SELECT, cannot travel over HTTP,
# and come too late for the query planner to start its joins from them: values are written into
# the text, as RDF terms pyoxigraph serialised. Comments, strings and IRIs are skipped so that a
# brace, a WHERE or a "$" inside them is not taken for the query's own.
TOKENS = re.compile(
    r'#[^\n]*|"""(?:[^\\]|\\.)*?"""|\'\'\'(?:[^\\]|\\.)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|(?P<where>\bWHERE\b)|(?P<brace>\{)|\$(?P<slot>\w+)',
    re.IGNORECASE,
)
Term = ox.NamedNode | ox.Literal
Binding = Term | list[ox.Triple]


def inline_bindings(sparql: str, bindings: dict[str, Binding] | list[dict[str, Term]]) -> str:
    """``sparql`` with values for its variables, as RDF terms serialised by pyoxigraph.

    A variable written ``$name`` is a slot: the value takes its place, where SPARQL wants a
    constant (``DROP GRAPH``, ``INSERT DATA``: a list of triples there) or where Oxigraph plans a
    constant faster (``GRAPH <iri>``). Every other value, or several rows of values, goes in a
    VALUES block opening each WHERE clause (subqueries included, so that the value is seen
    wherever the variable is, as with a substitution).

    >>> inline_bindings('SELECT ?x WHERE { ?x ?p "{" }', {"x": ox.Literal('a"} INSERT')})
    'SELECT ?x WHERE { VALUES (?x) { ("a\\\\"} INSERT") } ?x ?p "{" }'
    >>> inline_bindings('ASK { GRAPH $g { ?s ?p "$g" } }', {"g": ox.NamedNode("urn:a")})
    'ASK { GRAPH <urn:a> { ?s ?p "$g" } }'
    """
    if isinstance(bindings, list) and not bindings:
        raise QueryError("no rows of values to bind: the query would run unconstrained")
    rows = [bindings] if isinstance(bindings, dict) else bindings
    if not rows[0]:
        return sparql
    slots = {token["slot"] for token in TOKENS.finditer(sparql) if token["slot"]}
    if isinstance(bindings, dict) and slots:
        sparql = fill_slots(sparql, {k: v for k, v in bindings.items() if k in slots})
        rows = [{k: v for k, v in bindings.items() if k not in slots}]
    return with_values_block(sparql, rows) if rows[0] else sparql


def fill_slots(sparql: str, values: dict[str, Binding]) -> str:
    """Each ``$name`` outside comments, strings and IRIs replaced by its value."""

    texts = {name: as_sparql(value) for name, value in values.items()}
    return TOKENS.sub(lambda token: texts.get(token["slot"], token[0]), sparql)


def as_sparql(value: Binding) -> str:
    """A term as SPARQL writes it; triples as N-Triples lines."""
    if isinstance(value, list):
        return "".join(f"{triple} .\n" for triple in value)
    return str(value)


def with_values_block(sparql: str, rows: list[dict[str, Term]]) -> str:
    """``rows`` (each with the same variables) as a VALUES block opening each WHERE clause."""
    names = " ".join(f"?{name}" for name in rows[0])
    values = " ".join("(" + " ".join(str(term) for term in row.values()) + ")" for row in rows)
    block = f" VALUES ({names}) {{ {values} }}"
    for position in reversed(where_clause_starts(sparql)):
        sparql = sparql[:position] + block + sparql[position:]
    return sparql


def where_clause_starts(sparql: str) -> list[int]:
    """Offsets just after each ``{`` that opens a WHERE clause (or the first ``{`` if none does)."""
    starts, seen_where, first_brace = [], False, None
    for token in TOKENS.finditer(sparql):
        if token.group("where"):
            seen_where = True
        elif token.group("brace"):
            if seen_where:
                starts.append(token.end())
                seen_where = False
            first_brace = token.end() if first_brace is None else first_brace
    if not starts and first_brace is None:
        raise QueryError("cannot bind parameters: the query has no WHERE clause")
    return starts or [first_brace]


def catalogue_markdown() -> str:
    """The README's query catalogue, generated from the ``.rq`` headers."""
    lines = ["| query | answers | parameters | example |", "|---|---|---|---|"]
    for query in library().values():
        params = ", ".join(f"`{p.name}` ({p.type})" for p in query.parameters) or "—"
        example = " ".join(f"`-p {name}={value}`" for name, value in query.example.items()) or "—"
        lines.append(
            f"| `{query.name}` | {query.title}: {query.description} | {params} | {example} |"
        )
    return "\n".join(lines)
