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
from itertools import islice
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .extract.pipeline import facts_from_doc, parse_long_text
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
    for doc, document in parse_documents(nlp, iter_sources(sources, summary), batch_size):
        store.replace_document(str(document_iri(document.key)), document_graph(document, facts_from_doc(doc)))
        summary.built.append(document.path or document.identity)
        if on_document:
            on_document(document)
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


def parse_documents(nlp, documents, batch_size: int):
    """(spaCy Doc, document) pairs in input order, through ``nlp.pipe`` in batches; a text
    longer than ``nlp.max_length`` is parsed in paragraph chunks instead of being refused."""
    documents = iter(documents)
    while batch := list(islice(documents, batch_size)):
        short = [d for d in batch if len(d.text) <= nlp.max_length]
        parsed = dict(zip(map(id, short), nlp.pipe((d.text for d in short), batch_size=batch_size)))
        for document in batch:
            doc = parsed[id(document)] if id(document) in parsed else parse_long_text(nlp, document.text)
            yield doc, document


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
