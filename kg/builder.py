"""The whole flow in one place: sources -> spaCy -> facts -> RDF -> store.

    paths/texts --iter_sources------> SourceDocument, read lazily one at a time
                --needing_extraction> those not stored already from the same text by the same
                                      kg and pipeline (unless ``force``)
                --iter_batches------> lists of ``batch_size`` documents
                --extract_batch-----> in this process, in worker processes (``jobs``), or on a
                                      Dask cluster (``scheduler``); the model loads once per
                                      process:
                                      nlp.pipe -> facts_from_doc -> document_graph -> N-Triples
                                      (a long text: parsed in chunks, its facts read section
                                      by section and merged)
                --stored_in_commits-> documents gathered until they hold ``commit_triples``,
                                      then their named graphs replaced in one atomic write,
                                      in the order batches finish, by a writer thread while
                                      the next batches are extracted

At most a few batches per worker are in flight, one commit is being written and one is
gathering, so memory stays flat however large the corpus.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path

from .errors import InputError, KGError
from .extract.components import paragraph_chunks, parse_long_text
from .extract.doc_to_facts import facts_from_doc
from .extract.facts import DocumentFacts, merged_facts, shifted_facts
from .identity import consolidate, default_corrections, read_corrections
from .rdf.build import document_graph
from .rdf.iris import document_iri
from .settings import extraction_description, load_nlp
from .sources import SourceDocument, document_from_text, iter_documents
from .stores import GraphStore

__all__ = ["BuildSummary", "ExtractedDocument", "build_graph", "extract_batch"]

BATCHES_IN_FLIGHT_PER_WORKER = 3
# Triples gathered into one store write: bulk writes of 10k-50k triples load 3x faster than
# one write per document (benchmarks/run.py), and a commit still lands every few seconds.
COMMIT_TRIPLES = 20_000
# Observations kept from one document. A release reports tens to a few thousand; a table of a
# million numbers is not a million observations of one metric (1 MB of numbers once became
# 1.37M quads and 3.2 GB): past the bound the first ones are kept and the build says so.
MAX_OBSERVATIONS_PER_DOCUMENT = 10_000
# Texts longer than this are parsed in paragraph chunks of ``CHUNK_CHARS``, one at a time:
# spaCy's memory grows with the text it parses at once (100 KB of table peaked at 0.47 GB in
# 50 KB chunks, 0.24 GB in 10 KB chunks without the tensors the kg components never read). No
# release in the dev or bulk corpus is longer (the longest: 45 KB), so their extraction is
# unchanged.
LONG_TEXT_CHARS = 50_000
CHUNK_CHARS = 10_000
# A text longer than this is extracted section by section, each section's Doc dropped before
# the next is parsed, so memory follows the section, not the document; names and acronyms link
# within a section and across sections through the store's alias registry.
SECTION_CHARS = 200_000
CAN_BLOCK_SIGNALS = hasattr(signal, "pthread_sigmask")  # not on Windows


@dataclass
class BuildSummary:
    """What a build did: documents stored, inputs refused (with the reason), time taken."""

    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(
        default_factory=list
    )  # stored already, from the same text and extractor
    failed: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # stored, with something the user should know
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def documents_per_second(self) -> float:
        return len(self.built) / self.seconds if self.seconds else 0.0


@dataclass(frozen=True)
class ExtractedDocument:
    """One document's graph as N-Triples (small to send between processes), or why it failed."""

    label: str  # the path, or the identity of a text
    iri: str
    ntriples: str = ""
    error: str = ""
    unchanged: bool = False  # not extracted: the store holds it from the same text and extractor
    note: str = ""  # stored, but not all of it (see MAX_OBSERVATIONS_PER_DOCUMENT)


def build_graph(
    sources: Iterable[str | Path | SourceDocument],
    *,
    store: GraphStore,
    model: str | None = None,
    batch_size: int = 16,
    jobs: int = 1,
    scheduler: str | None = None,
    commit_triples: int = COMMIT_TRIPLES,
    force: bool = False,
    max_observations: int = MAX_OBSERVATIONS_PER_DOCUMENT,
    on_document: Callable[[ExtractedDocument], None] | None = None,
    corrections: str | Path | None = None,
) -> BuildSummary:
    """Extract every source into ``store``, one named graph per document.

    A document the store holds already, from the same text by the same kg and pipeline, is
    left as it is unless ``force``. A source that cannot be read or parsed is recorded in
    the summary and the others go on; what the store already holds is never lost because of
    a bad input. ``on_document`` is called with each document once it is stored (or has
    failed, or was unchanged). One document keeps at most ``max_observations`` observations.
    Then the store's nodes are merged by the alias registry and ``corrections`` (a file; by
    default ``kg-corrections.tsv`` beside the store) applied, see ``kg.identity``.
    """
    summary = BuildSummary()
    started = time.perf_counter()
    extractor = extraction_description(model)  # fails here, once, if no pipeline is installed

    def report(document: ExtractedDocument) -> None:
        if document.error:
            summary.failed.append((document.label, document.error))
        else:
            (summary.unchanged if document.unchanged else summary.built).append(document.label)
        if document.note:
            summary.notes.append(document.note)
        if on_document:
            on_document(document)

    documents = iter_sources(sources, summary)
    if not force:
        documents = needing_extraction(documents, store, extractor, on_unchanged=report)
    batches = iter_batches(documents, batch_size)
    with extraction_executor(jobs, scheduler, model) as (executor, workers):
        results = chain.from_iterable(
            run_batches(batches, model, executor, workers, max_observations)
        )
        for document in stored_in_commits(results, store, commit_triples):
            report(document)
    consolidate(store, read_corrections(corrections) if corrections else default_corrections(store))
    store.flush()
    summary.seconds = time.perf_counter() - started
    return summary


# -- reading ---------------------------------------------------------------------------------------
def iter_sources(sources, summary: BuildSummary) -> Iterator[SourceDocument]:
    """Documents from paths, folders, ``SourceDocument``s or raw strings of text."""
    paths = []
    for source in sources:
        if isinstance(source, SourceDocument):
            yield source
        elif isinstance(source, str) and (
            "\n" in source or " " in source and not Path(source).exists()
        ):
            yield document_from_text(source)
        else:
            paths.append(source)
    yield from iter_documents(
        paths, on_error=lambda path, error: record_failure(summary, path, error)
    )


def record_failure(summary: BuildSummary, path, error: InputError) -> None:
    summary.failed.append((str(path), str(error)))


def needing_extraction(
    documents: Iterator[SourceDocument],
    store: GraphStore,
    extractor: str,
    *,
    on_unchanged: Callable[[ExtractedDocument], None],
) -> Iterator[SourceDocument]:
    """The documents the store does not hold already from the same text and ``extractor``."""
    for document in documents:
        iri = str(document_iri(document.key))
        if store.stored_version(iri) == (document.content_hash, extractor):
            on_unchanged(ExtractedDocument(document.path or document.identity, iri, unchanged=True))
        else:
            yield document


def iter_batches(documents: Iterator[SourceDocument], size: int) -> Iterator[list[SourceDocument]]:
    while batch := list(islice(documents, size)):
        yield batch


# -- extracting (runs wherever the executor puts it) -----------------------------------------------
def extract_batch(
    documents: list[SourceDocument],
    model: str | None = None,
    max_observations: int = MAX_OBSERVATIONS_PER_DOCUMENT,
) -> list[ExtractedDocument]:
    """Documents to N-Triples; a document spaCy or the extractor fails on is reported, not
    raised, whatever the size of its batch."""
    nlp, extractor = load_nlp(model), extraction_description(model)
    try:
        return [
            extracted(facts, document, extractor, max_observations)
            for facts, document in documents_facts(nlp, documents, len(documents))
        ]
    except KGError:
        raise
    except Exception as e:  # noqa: BLE001 - find the document at fault, keep the others
        if len(documents) == 1:
            return [failed_extraction(documents[0], e)]
        return [extract_one(nlp, document, extractor, max_observations) for document in documents]


def extract_one(
    nlp, document: SourceDocument, extractor: str, max_observations: int
) -> ExtractedDocument:
    try:
        ((facts, _),) = documents_facts(nlp, [document], 1)
        return extracted(facts, document, extractor, max_observations)
    except KGError:
        raise
    except Exception as e:  # noqa: BLE001 - one bad document must not stop a corpus
        return failed_extraction(document, e)


def failed_extraction(document: SourceDocument, error: Exception) -> ExtractedDocument:
    label = document.path or document.identity
    reason = " ".join(f"{type(error).__name__}: {error}".split())[:300]
    return ExtractedDocument(
        label, str(document_iri(document.key)), error=f"{label}: extraction failed ({reason})"
    )


def extracted(
    facts: DocumentFacts, document: SourceDocument, extractor: str, max_observations: int
) -> ExtractedDocument:
    facts, note = bounded_facts(facts, document, max_observations)
    graph = document_graph(document, facts, extractor)
    label = document.path or document.identity
    return ExtractedDocument(label, str(document_iri(document.key)), graph.ntriples(), note=note)


def bounded_facts(
    facts: DocumentFacts, document: SourceDocument, max_observations: int
) -> tuple[DocumentFacts, str]:
    """``facts`` with at most ``max_observations`` observations (the first ones), and a note
    saying so when some were left out."""
    found = len(facts.observations)
    if found <= max_observations:
        return facts, ""
    note = (
        f"{document.path or document.identity}: kept the first {max_observations:,} of {found:,} "
        "observations; raise --max-observations-per-document to keep more"
    )
    return replace(facts, observations=facts.observations[:max_observations]), note


def documents_facts(nlp, documents, batch_size: int) -> Iterator[tuple[DocumentFacts, object]]:
    """(facts, document) pairs in input order, through ``nlp.pipe``; a text longer than
    ``LONG_TEXT_CHARS`` (or ``nlp.max_length``) is parsed in chunks, section by section."""
    longest = min(LONG_TEXT_CHARS, nlp.max_length)
    short = [d for d in documents if len(d.text) <= longest]
    parsed = dict(
        zip(map(id, short), nlp.pipe((d.text for d in short), batch_size=batch_size), strict=True)
    )
    for document in documents:
        if id(document) in parsed:
            yield facts_from_doc(parsed[id(document)]), document
        else:
            yield facts_of_long_text(nlp, document.text, min(CHUNK_CHARS, longest)), document


def facts_of_long_text(nlp, text: str, chunk_chars: int) -> DocumentFacts:
    """The facts of each ``SECTION_CHARS`` section, its offsets made the document's, merged."""
    parts, offset = [], 0
    for section in paragraph_chunks(text, SECTION_CHARS):
        doc = parse_long_text(nlp, section, chunk_chars=chunk_chars)
        parts.append(shifted_facts(facts_from_doc(doc), offset))
        offset += len(section)
        del doc  # before the next section is parsed
    return merged_facts(parts)


# -- storing ---------------------------------------------------------------------------------------
def stored_in_commits(
    results: Iterable[ExtractedDocument], store: GraphStore, commit_triples: int
) -> Iterator[ExtractedDocument]:
    """Each result once it is in ``store``: extracted documents wait until they hold
    ``commit_triples`` triples and are then written in one atomic write; failures pass on.
    A write runs in a thread of its own while the next documents are extracted: Oxigraph
    writes without holding the GIL, and the writes were 2-3% of a build's time."""
    with ThreadPoolExecutor(1, thread_name_prefix="kg-store-writer") as writer:

        def write(documents: list[ExtractedDocument]) -> tuple[Future, list[ExtractedDocument]]:
            return writer.submit(
                store.replace_documents, [(d.iri, d.ntriples) for d in documents]
            ), documents

        writing = None  # the write in progress and its documents
        waiting, triples = [], 0
        for document in results:
            if document.error:
                yield document
                continue
            waiting.append(document)
            triples += document.ntriples.count("\n")
            if triples >= commit_triples:
                yield from written(writing)
                writing, waiting, triples = write(waiting), [], 0
        yield from written(writing)
        yield from written(write(waiting))


def written(writing: tuple[Future, list[ExtractedDocument]] | None) -> Iterator[ExtractedDocument]:
    """The documents of a write once it has finished; its error, if it failed."""
    if writing is not None:
        future, documents = writing
        future.result()
        yield from documents


# -- where extraction runs -------------------------------------------------------------------------
@contextmanager
def extraction_executor(jobs: int, scheduler: str | None, model: str | None):
    """(executor, number of workers): None in this process, worker processes, or a Dask cluster."""
    if scheduler:
        from distributed import Client

        with Client(scheduler) as client:
            workers = max(1, sum(client.nthreads().values()))
            yield client.get_executor(pure=False), workers
    elif jobs > 1:
        with worker_pool(jobs, model) as pool:
            yield pool, jobs
    else:
        yield None, 1


class WorkerPool(ProcessPoolExecutor):
    """Extraction processes that Ctrl-C ends at once, the interrupt kept out of the executor.

    A KeyboardInterrupt raised at an arbitrary bytecode of concurrent.futures can leave one of
    its locks taken for good (seen: the mutex of the executor's work-id queue, taken in
    ``Condition.__enter__`` just before the interrupt, so the ``with`` that releases it never
    began). Its manager thread then waits for that lock forever, and so does Python's exit, which
    joins that thread: ``kg build`` said "interrupted" and never ended. So while the pool runs,
    SIGINT only calls ``interrupt``: the workers are terminated (which takes no executor lock),
    their futures fail with BrokenProcessPool, and KeyboardInterrupt is raised by ``submit`` or by
    ``worker_pool``, both kg's own code.
    """

    interrupted = False

    def submit(self, fn, /, *args, **kwargs):
        if self.interrupted:
            raise KeyboardInterrupt
        with sigint_blocked():  # a worker started here cannot die of Ctrl-C while it imports
            future = super().submit(fn, *args, **kwargs)
        if self.interrupted:  # Ctrl-C came while a worker was starting: end that one too
            self.end_workers()
        return future

    def interrupt(self, signum=None, frame=None) -> None:
        """The SIGINT handler: record the interrupt and end the workers; raise nothing."""
        self.interrupted = True
        self.end_workers()

    def end_workers(self) -> None:
        """Terminate the workers now, not after their batches (which took seconds after Ctrl-C):
        what they were extracting was not written, so nothing stored is lost. ProcessPoolExecutor
        has no public way to do it before Python 3.14 (``terminate_workers``)."""
        for process in list((self._processes or {}).values()):  # one step: the dict may change
            process.terminate()

    def stop(self) -> None:
        """End the workers, cancel what is queued and wait for the executor's thread to finish:
        left running, it raced Python's exit, which wrote to a pipe the thread was closing
        ("Bad file descriptor", 3 in 48 Ctrl-Cs)."""
        self.end_workers()
        self.shutdown(wait=True, cancel_futures=True)


@contextmanager
def worker_pool(jobs: int, model: str | None) -> Iterator[WorkerPool]:
    """``jobs`` worker processes, each loading the model once; Ctrl-C in the block ends them and
    raises KeyboardInterrupt here (see ``WorkerPool``)."""
    import multiprocessing

    # spawn: a fresh interpreter per worker (forking a process with threads can deadlock).
    # One BLAS thread per worker: each worker's spare OpenBLAS threads took CPU from the
    # other worker (--jobs 2 on 500 releases: 32 s against 36-38 s). The variable must be in
    # the environment the workers start with, before they load numpy.
    # Workers start when work is submitted: the variable stays set for the whole block.
    with inherited_environment(OPENBLAS_NUM_THREADS="1"):
        pool = WorkerPool(
            jobs,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=start_worker,
            initargs=(model,),
        )
        with sigint_handled_by(pool.interrupt):
            try:
                yield pool
            except BaseException:
                pool.stop()
                if pool.interrupted:  # the BrokenProcessPool of the ended workers, or ours
                    raise KeyboardInterrupt from None
                raise
            pool.shutdown(wait=True)
            if pool.interrupted:  # after the last batch: its documents are stored, then stop
                raise KeyboardInterrupt


def start_worker(model: str | None) -> None:
    """A worker process ignores Ctrl-C: the main process ends it (``WorkerPool.interrupt``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if CAN_BLOCK_SIGNALS:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked by sigint_blocked
    load_nlp(model)


@contextmanager
def sigint_handled_by(handler: Callable) -> Iterator[None]:
    """``handler`` for SIGINT in the block, the previous handler restored afterwards. Only the
    main thread sets handlers (in another thread Ctrl-C never reaches the block), and a process
    that ignores SIGINT (started in the background) goes on ignoring it."""
    current = signal.getsignal(signal.SIGINT)
    if threading.current_thread() is not threading.main_thread() or current in (
        signal.SIG_IGN,
        None,
    ):
        yield
        return
    signal.signal(signal.SIGINT, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, current)


@contextmanager
def sigint_blocked() -> Iterator[None]:
    """SIGINT blocked in this thread for the block. A process started here inherits the mask,
    so Ctrl-C does not kill it (with a traceback) before it can ignore the signal; multiprocessing
    starts its resource tracker the same way. This process still hears it: the signal waits, or
    goes to another thread, and Python runs the handler in the main thread as usual."""
    if not CAN_BLOCK_SIGNALS:
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@contextmanager
def inherited_environment(**values: str):
    """Environment variables for the processes started in the block, where the user has not
    set them already; removed again afterwards."""
    added = {name: value for name, value in values.items() if name not in os.environ}
    os.environ.update(added)
    try:
        yield
    finally:
        for name in added:
            os.environ.pop(name, None)


def run_batches(
    batches: Iterator[list[SourceDocument]],
    model: str | None,
    executor: Executor | None,
    workers: int,
    max_observations: int = MAX_OBSERVATIONS_PER_DOCUMENT,
) -> Iterator[list[ExtractedDocument]]:
    """Results batch by batch; with an executor, a bounded number of batches in flight."""
    if executor is None:
        yield from (extract_batch(batch, model, max_observations) for batch in batches)
        return
    window = workers * BATCHES_IN_FLIGHT_PER_WORKER
    pending = set()
    for batch in batches:
        pending.add(executor.submit(extract_batch, batch, model, max_observations))
        if len(pending) >= window:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            yield from (future.result() for future in done)
    while pending:
        done, pending = wait(pending, return_when=FIRST_COMPLETED)
        yield from (future.result() for future in done)
