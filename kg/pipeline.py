"""The whole flow in one place: sources -> spaCy -> facts -> RDF -> store.

    text --read_document--> SourceDocument
         --nlp.pipe-------> spaCy Doc (kg_entities, kg_observations, kg_relations)
         --facts_from_doc-> DocumentFacts
         --document_graph-> rdflib Graph (one per document)
         --store----------> Oxigraph named graph (replaced atomically)
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .extract.pipeline import facts_from_doc
from .rdf.build import document_graph
from .rdf.iris import document_iri
from .settings import load_nlp
from .sources import SourceDocument, document_from_text, iter_documents
from .store import Store

__all__ = ["BuildSummary", "build_graph"]


@dataclass
class BuildSummary:
    """What a build did: documents stored, inputs refused (with the reason), time taken."""

    built: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def build_graph(sources: Iterable[str | Path | SourceDocument], *, store: Store, model: str | None = None,
                batch_size: int = 8, on_document: Callable[[SourceDocument], None] | None = None) -> BuildSummary:
    """Extract every source into ``store``, one named graph per document.

    A source that cannot be read is recorded in the summary and the others go on;
    what the store already holds is never lost because of a bad input.
    """
    summary = BuildSummary()
    started = time.perf_counter()
    nlp = load_nlp(model)
    documents = iter_sources(sources, summary)
    for doc, document in nlp.pipe(((d.text, d) for d in documents), as_tuples=True, batch_size=batch_size):
        store.replace_document(str(document_iri(document.key)), document_graph(document, facts_from_doc(doc)))
        summary.built.append(document.path or document.identity)
        if on_document:
            on_document(document)
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def iter_sources(sources, summary: BuildSummary):
    """Documents from paths, folders, ``SourceDocument``s or raw strings of text."""
    paths = []
    for source in sources:
        if isinstance(source, SourceDocument):
            yield source
        elif isinstance(source, str) and ("\n" in source or " " in source and not Path(source).exists()):
            yield document_from_text(source)
        else:
            paths.append(source)
    yield from iter_documents(paths, on_error=lambda path, error: record_failure(summary, path, error))


def record_failure(summary: BuildSummary, path, error: InputError) -> None:
    summary.failed.append((str(path), str(error)))
