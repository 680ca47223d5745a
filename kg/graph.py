"""``KnowledgeGraph``: the Python API over a store. The CLI calls only this.

>>> import kg
>>> graph = kg.build([EXAMPLE_TEXT])
>>> graph.query("counts-by-class")[0]["class"] in {"Agency", "Observation", "Metric", "Document"}
True
>>> row = graph.query("metric-observations", metric="investment")[0]
>>> row["value"], row["unit"], row["period"], row["change"]
(1200000000000, 'INR', '2023', 12)
>>> graph.sparql("SELECT ?name WHERE { ?plan a kgo:Plan ; rdfs:label ?name }")
[{'name': 'National Grid Modernisation Plan'}]
>>> graph.sparql("ASK { ?agency a kgo:Agency ; skos:altLabel 'MoP' }")
True
>>> sorted(label for _, label in graph.to_networkx().nodes(data="label"))
['Ministry of Power', 'National Grid Modernisation Plan']
>>> graph.validate().conforms
True
>>> graph.remove(graph.store.documents()[0]), len(graph.store)
(True, 0)
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from .queries import bind_parameters, get_query, library
from .rdf.iris import document_iri
from .sources import SourceDocument, document_key
from .stores import DEFAULT_STORE, GraphStore, open_store
from .terms import python_value

if TYPE_CHECKING:  # spaCy is imported only when something is built
    from .builder import BuildSummary

__all__ = ["KnowledgeGraph", "QueryResult", "build", "open_graph", "queries", "EXAMPLE_TEXT"]

EXAMPLE_TEXT = (
    "The Ministry of Power (MoP) issued the National Grid Modernisation Plan on Monday. "
    "Investment reached Rs 1.2 lakh crore in 2023, an increase of 12% year-on-year."
)


class QueryResult(list):
    """Rows of a SELECT as dicts of Python values: numbers as ``int`` or ``float``, dates as
    ``datetime.date``, the rest as text (see ``kg.terms``); ``texts`` holds each value as the
    literal's own text, as CSV writes it. ``to_dataframe()`` when pandas is installed."""

    def __init__(
        self, rows: list[dict], columns: list[str], texts: list[dict[str, str]] | None = None
    ):
        super().__init__(rows)
        self.columns = columns
        self.texts = texts if texts is not None else rows

    @classmethod
    def from_solutions(cls, solutions: ox.QuerySolutions) -> QueryResult:
        columns = [v.value for v in solutions.variables]
        rows, texts = [], []
        for solution in solutions:
            terms = {c: solution[c] for c in columns if solution[c] is not None}
            rows.append({c: python_value(term) for c, term in terms.items()})
            texts.append({c: term.value for c, term in terms.items()})
        return cls(rows, columns, texts)

    def to_dataframe(self):
        """A pandas DataFrame: numeric columns as numbers, date columns as datetime64."""
        import datetime

        import pandas as pd  # optional dependency

        frame = pd.DataFrame(list(self), columns=self.columns)
        for column in frame.columns:
            values = frame[column].dropna()
            if len(values) and all(isinstance(v, datetime.date) for v in values):
                frame[column] = pd.to_datetime(frame[column])
        return frame


@dataclass
class KnowledgeGraph:
    """A knowledge graph held in a store: on disk, in memory, or on a SPARQL server."""

    store: GraphStore
    model: str | None = None
    last_build: BuildSummary | None = field(default=None, repr=False)  # what the last add() did

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Release the store folder so that another process (``kg serve``, ``kg build``) can
        open it."""
        self.store.close()

    # -- building -----------------------------------------------------------------------------
    def add(
        self,
        *sources: str | Path | SourceDocument,
        jobs: int = 1,
        scheduler: str | None = None,
        force: bool = False,
        max_observations: int | None = None,
        on_document=None,
        corrections: str | Path | None = None,
    ) -> BuildSummary:
        """Extract files, folders or raw texts into the graph (an edited document replaces its
        old version; one stored already from the same text, kg and pipeline is skipped unless
        ``force``).

        ``jobs=N`` extracts in N worker processes; ``scheduler="tcp://host:8786"`` on a Dask
        cluster. ``on_document`` is called with each ``ExtractedDocument`` as it is stored.
        ``max_observations`` bounds what one document keeps (default: the builder's bound).
        """
        from .builder import MAX_OBSERVATIONS_PER_DOCUMENT, build_graph

        self.last_build = build_graph(
            sources,
            store=self.store,
            model=self.model,
            jobs=jobs,
            scheduler=scheduler,
            force=force,
            max_observations=max_observations or MAX_OBSERVATIONS_PER_DOCUMENT,
            on_document=on_document,
            corrections=corrections,
        )
        return self.last_build

    def remove(self, document: str | Path) -> bool:
        """Remove one document's facts, by its IRI, its path, or its ``# source:`` value; other
        documents' acronym uses of an entity it alone named are unlinked."""
        from .identity import link_acronym_uses

        removed = self.store.remove_document(resolve_document(self.store, document))
        if removed:
            link_acronym_uses(self.store)
        return removed

    # -- asking -----------------------------------------------------------------------------------
    def query(self, query_name: str, /, **params: str) -> QueryResult | list:
        """Run a library query by name; keyword arguments are its parameters.
        Rows for a SELECT; for a CONSTRUCT, the triples (``pyoxigraph.Triple``)."""
        library_query = get_query(query_name)
        bindings = bind_parameters(library_query, {k: str(v) for k, v in params.items()})
        result = self.store.query(library_query.sparql, bindings)
        return (
            list(result)
            if library_query.form == "CONSTRUCT"
            else QueryResult.from_solutions(result)
        )

    def sparql(self, query: str, *, allow_service: Iterable[str] = ()) -> QueryResult | list | bool:
        """Run any SPARQL query: rows for SELECT, triples for CONSTRUCT, a bool for ASK.

        ``SERVICE`` (federation) is refused unless its host is in ``allow_service`` (``"*"``:
        any), and so is a query nested too deep for the engine (see ``kg.limits``)."""
        from .limits import check_query

        check_query(query, allow_service=allow_service)
        result = self.store.query(query)
        if isinstance(result, (bool, ox.QueryBoolean)):
            return bool(result)
        if isinstance(result, ox.QuerySolutions):
            return QueryResult.from_solutions(result)
        return list(result)

    def stats(self) -> dict[str, int]:
        counts = {row["class"]: row["count"] for row in self.query("counts-by-class")}
        counts["quads"] = len(self.store)
        return counts

    def check(self, *names: str) -> list:
        """Arithmetic findings of the number checks (``queries/checks/numbers/*.rq``; all unless
        named): ``kg.checks.Finding`` records, each naming both sentences it rests on."""
        from .checks import run_checks

        return run_checks(self.store, names=list(names) or None)

    # -- output ------------------------------------------------------------------------------------
    def export(self, path: str | Path) -> Path:
        """Write the graph; the format follows the extension (.ttl .trig .nq .nt .jsonld .csv)."""
        from .export import export_graph

        return export_graph(self, Path(path))

    def validate(self):
        """The SHACL validation report of the whole graph (``report.conforms``, ``report.text``)."""
        from .validate import validate_store

        return validate_store(self.store)

    def to_networkx(self):
        """Entities as nodes and their relations as edges, in a ``networkx.MultiDiGraph``."""
        from .analysis import to_networkx

        return to_networkx(self.store)

    def analytics(self, *, top: int = 5) -> dict:
        """Network figures of the entity graph: components, communities, most central agencies."""
        from .analysis import summary

        return summary(self.to_networkx(), top=top)

    def visualize(
        self,
        path: str | Path = "graph.html",
        *,
        query: str | None = None,
        max_nodes: int = 1500,
        focus: str | None = None,
        depth: int = 1,
        classes: list[str] | None = None,
        **params: str,
    ):
        """Write the self-contained browser view and return it (a ``View``: in Jupyter it is
        drawn inline).

        ``focus`` keeps the nodes within ``depth`` links of those whose name contains it;
        ``classes`` keeps only those classes; ``query`` draws a library CONSTRUCT query
        (``params`` are its parameters) instead of the whole graph.
        """
        from .viz import write_view

        construct = self.construct(query, **params) if query else None
        return write_view(
            self.store,
            Path(path),
            max_nodes=max_nodes,
            focus=focus,
            depth=depth,
            classes=classes,
            construct=construct,
        )

    def construct(self, query: str, **params: str) -> list:
        """The triples of a library CONSTRUCT query (by name) or of CONSTRUCT text."""
        from .errors import QueryError
        from .queries import library

        if query not in library() and not any(c in query for c in " {\n"):
            get_query(query)  # a mistyped name, not SPARQL: refused with the closest names
        result = self.query(query, **params) if query in library() else self.sparql(query)
        if not isinstance(result, list) or isinstance(result, QueryResult):
            raise QueryError(
                f"{query[:60]!r}: not a CONSTRUCT query; the view draws the triples of one"
            )
        return result


def resolve_document(store: GraphStore, document: str | Path) -> str:
    """A document's graph IRI from its IRI, its path or its ``# source:`` value
    (the identity ``sources.document_from_text`` gives it)."""
    text = str(document)
    if text in store.documents():
        return text
    identity = str(Path(text).resolve()) if Path(text).is_file() else text
    return str(document_iri(document_key(identity)))


def build(
    sources: Iterable[str | Path | SourceDocument],
    *,
    store: str | Path | None = None,
    model: str | None = None,
    jobs: int = 1,
    scheduler: str | None = None,
    force: bool = False,
) -> KnowledgeGraph:
    """Build a graph from files, folders or texts: in memory (``store=None``), into a store
    folder, or onto a SPARQL server (``store="http://host:7878"``, see ``kg.stores``)."""
    graph = KnowledgeGraph(open_store(store), model)
    graph.add(*sources, jobs=jobs, scheduler=scheduler, force=force)
    return graph


def open_graph(
    store: str | Path = DEFAULT_STORE, *, model: str | None = None, read_only: bool = False
) -> KnowledgeGraph:
    """Open a store folder or the URL of a SPARQL server. ``read_only=True`` opens a folder
    without the writer's lock, so that other processes (``kg build``, ``kg serve``) can use it
    meanwhile; it shows the store as it was when opened (open it again to see later writes)."""
    return KnowledgeGraph(open_store(store, read_only=read_only), model)


def queries() -> list[str]:
    """Names of the library queries."""
    return sorted(library())
