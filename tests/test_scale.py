"""Parallel and distributed builds give the same graph as a serial one, and builds stream."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

import kg
from kg.builder import BATCHES_IN_FLIGHT_PER_WORKER, build_graph
from kg.errors import StoreError
from kg.stores import OxigraphStore

from .conftest import EXAMPLES

pytestmark = pytest.mark.slow


def quads(graph) -> set[ox.Quad]:
    return set(graph.store.quads())


@pytest.fixture(scope="module")
def serial():
    return kg.build([EXAMPLES])


def test_jobs_2_builds_exactly_the_serial_graph(serial):
    parallel = kg.build([EXAMPLES], jobs=2)
    assert parallel.last_build.ok and sorted(parallel.last_build.built) == sorted(
        serial.last_build.built
    )
    assert quads(parallel) == quads(serial)


def test_a_dask_local_cluster_builds_exactly_the_serial_graph(serial):
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=1, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        distributed = kg.build([EXAMPLES], scheduler=cluster.scheduler_address)
    assert distributed.last_build.ok and quads(distributed) == quads(serial)


@pytest.mark.parametrize("jobs", [1, 2])
def test_documents_stream_into_the_store(jobs):
    """The first document is stored long before the corpus has been read."""
    pulled = []

    def corpus():
        for number in range(200):
            pulled.append(number)
            yield f"The Ministry of Testing issued the Plan Number {number} on Monday. Sales rose 3% in 2023."

    pulled_at_first_store, stored_at_first_store = [], []
    store = OxigraphStore()
    batch_size, commit_documents = 4, 3

    def on_document(document):
        pulled_at_first_store.append(len(pulled))
        stored_at_first_store.append(len(store.documents()))

    summary = build_graph(
        corpus(),
        store=store,
        batch_size=batch_size,
        jobs=jobs,
        commit_triples=commit_documents * triples_per_document(),
        on_document=on_document,
    )
    assert summary.ok and len(summary.built) == 200
    in_flight = batch_size * (1 if jobs == 1 else jobs * BATCHES_IN_FLIGHT_PER_WORKER + 1)
    # a commit is reported once written, when the next one has gathered: two commits at most
    assert pulled_at_first_store[0] <= in_flight + 2 * commit_documents < 200
    assert 0 < stored_at_first_store[0] <= commit_documents  # reported once stored, not before


class SecondWriteFails(OxigraphStore):
    """A real store whose second group write fails, as a full disk would make it."""

    writes = 0

    def replace_documents(self, documents) -> None:
        self.writes += 1
        if self.writes == 2:
            raise StoreError("writing failed: no space left on device (injected)")
        super().replace_documents(documents)


def test_a_write_that_fails_in_the_writer_thread_stops_the_build_with_its_error(tmp_path):
    """Writes run in a thread while extraction goes on: a failed one still ends the build with
    the store's error, and what is stored is exactly the documents reported as stored."""
    store, reported, per_document = SecondWriteFails(tmp_path / "store"), [], triples_per_document()
    texts = [
        f"The Ministry of Testing issued the Plan Number {n} on Monday. Sales rose 3% in 2023."
        for n in range(30)
    ]
    with pytest.raises(StoreError, match="no space left"):
        build_graph(
            texts,
            store=store,
            batch_size=2,
            commit_triples=3 * per_document,
            on_document=reported.append,
        )
    assert reported and sorted(d.iri for d in reported) == store.documents()
    assert len(store) == len(reported) * per_document  # each document whole


def triples_per_document() -> int:
    return len(
        kg.build(
            ["The Ministry of Testing issued the Plan Number 1 on Monday. Sales rose 3% in 2023."]
        ).store
    )


def test_cli_build_with_jobs(run_kg, tmp_path):
    result = run_kg("build", EXAMPLES, "--jobs", "2", "--store", tmp_path / "s")
    assert result.returncode == 0, result.stderr
    assert "documents/s" in result.stderr


@pytest.mark.parametrize("set_by_user", [None, "4"])
def test_workers_start_with_one_blas_thread_unless_the_user_chose(monkeypatch, set_by_user):
    import os

    from kg.builder import extraction_executor

    if set_by_user:
        monkeypatch.setenv("OPENBLAS_NUM_THREADS", set_by_user)
    else:
        monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    with extraction_executor(2, None, None) as (executor, workers):
        seen = {executor.submit(os.getenv, "OPENBLAS_NUM_THREADS").result() for _ in range(workers)}
    assert seen == {set_by_user or "1"}
    assert os.environ.get("OPENBLAS_NUM_THREADS") == set_by_user  # the build's own setting is gone


def test_the_model_is_loaded_once_however_it_is_named(nlp):
    """load_nlp() before a build (as notebooks and the benchmark do) is the pipeline the build uses."""
    from kg.settings import load_nlp, resolve_model_name

    assert load_nlp(None) is nlp and load_nlp(resolve_model_name()) is nlp
