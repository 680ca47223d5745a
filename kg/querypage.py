"""The query page ``kg serve`` shows at ``/``: YASGUI pointed at the server's own ``/sparql``.

    library queries (queries/*.rq) and number checks (queries/checks/numbers/*.rq), read at
    render time, + prefixes + ontology terms
        --page_data--> JSON in the page --templates/query.html--> YASGUI with example tabs

YASGUI (@zazuko/yasgui) and Chart.js are vendored under ``kg/static/`` by
``scripts/vendor_yasgui.sh`` and served from there: the page loads nothing from another
host (its Content-Security-Policy allows requests to its own origin only), so it works with
the network off. YASGUI's completions that would ask the Linked Open Vocabularies service are
replaced by the ontology's own classes and properties; its prefix completion uses its bundled
list and the project's prefixes, never prefix.cc.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from importlib import resources

import pyoxigraph as ox

from .checks import CHECKS_FOLDER, number_checks
from .pages import script_json, template
from .queries import (
    LibraryQuery,
    bind_parameters,
    get_query,
    inline_bindings,
    library,
    parse_query_file,
)
from .resources import ontology_files

__all__ = ["QueryPageFacts", "render_query_page", "bound_query_text", "static_asset"]

# Files under kg/static/ that the page loads, with their media types; nothing else is served.
STATIC_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
}
OWL = "http://www.w3.org/2002/07/owl#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
TERM_KINDS = {
    "class": (OWL + "Class",),
    "property": (OWL + "ObjectProperty", OWL + "DatatypeProperty"),
}
FIRST_QUERY = "counts-by-class"  # the example a new visitor's first tab runs


@dataclass(frozen=True)
class QueryPageFacts:
    """What the page says about the served store."""

    store: str
    documents: int
    quads: int
    timeout: float
    max_rows: int


def render_query_page(facts: QueryPageFacts, prefixes: dict[str, str]) -> str:
    """The page, with its data as JSON that the browser reads with ``JSON.parse`` (document
    text never becomes markup)."""
    return template("query.html").replace("/*PAGE_DATA*/", script_json(page_data(facts, prefixes)))


def page_data(facts: QueryPageFacts, prefixes: dict[str, str]) -> dict:
    """Everything the page shows: the store's figures, prefixes, ontology terms, the library."""
    return {
        "store": asdict(facts),
        "prefixes": prefixes,
        "firstQuery": FIRST_QUERY,
        "terms": ontology_terms(),
        "queries": [query_entry(query) for query in fresh_library()]
        + [check_entry(check) for check in fresh_checks()],
    }


def fresh_library() -> list[LibraryQuery]:
    """The library queries as their files say now (a query edited while serving shows at once)."""
    return [parse_query_file(query.path) for query in library().values()]


def fresh_checks() -> list[LibraryQuery]:
    """The number checks (``queries/checks/numbers/*.rq``) as their files say now."""
    return [parse_query_file(check.path) for check in number_checks()]


def check_entry(check: LibraryQuery) -> dict:
    """A number check as the page lists it: named by its file under ``queries/`` (it has no
    parameters, so the page opens its text as it is; ``kg check`` applies the rules of
    ``kg.comparable`` to what it returns)."""
    return query_entry(check) | {"name": "/".join((*CHECKS_FOLDER, check.name))}


def query_entry(query: LibraryQuery) -> dict:
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "form": query.form,
        "parameters": [
            {"name": p.name, "type": p.type, "description": p.description} for p in query.parameters
        ],
        "example": query.example,
        "text": bound_text(query, query.example),
    }


def bound_query_text(name: str, values: dict[str, str]) -> str:
    """A library query's text, header comments included, with ``values`` bound to its
    parameters as VALUES blocks: ready to run in any SPARQL editor."""
    return bound_text(parse_query_file(get_query(name).path), values)


def bound_text(query: LibraryQuery, values: dict[str, str]) -> str:
    return inline_bindings(query.sparql, bind_parameters(query, values))


@lru_cache(maxsize=1)
def ontology_terms() -> dict[str, list[str]]:
    """IRIs of the ontology's classes and properties, for the editor's completions."""
    typed = [
        (quad.object.value, quad.subject.value)
        for path in ontology_files()
        for quad in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)
        if quad.predicate == RDF_TYPE and isinstance(quad.subject, ox.NamedNode)
    ]
    return {
        kind: sorted({subject for type_iri, subject in typed if type_iri in types})
        for kind, types in TERM_KINDS.items()
    }


def static_asset(path: str) -> tuple[bytes, str] | None:
    """``(body, media type)`` of a file under ``kg/static/`` (``path`` relative to it); None for
    anything else, including paths that try to leave the folder."""
    parts = path.split("/")
    if not parts or any(part in ("", ".", "..") or part.startswith(".") for part in parts):
        return None
    media_type = STATIC_TYPES.get("." + parts[-1].rsplit(".", 1)[-1]) if "." in parts[-1] else None
    asset = resources.files("kg").joinpath("static", *parts)
    if media_type is None or not asset.is_file():
        return None
    return asset.read_bytes(), media_type
