"""Building a corpus again extracts only what changed: new or edited documents, or all of them
when kg or the spaCy pipeline is not the one that built the store."""

from __future__ import annotations

import shutil

import pytest

import kg
from kg import settings
from kg.settings import extraction_description

from .conftest import EXAMPLES


def corpus_copy(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, folder)
    return folder, sorted(folder.glob("*.txt"))


def test_a_second_build_extracts_only_new_and_edited_documents(tmp_path):
    folder, files = corpus_copy(tmp_path)
    graph = kg.build([folder], store=tmp_path / "store")
    assert len(graph.last_build.built) == len(files) and not graph.last_build.unchanged

    files[0].write_text(
        files[0].read_text(encoding="utf-8") + "\nExports rose 7% in 2024.\n", encoding="utf-8"
    )
    (folder / "new.txt").write_text(
        "The Ministry of Testing issued the Testing Plan on Monday.", encoding="utf-8"
    )
    summary = graph.add(folder)
    assert sorted(summary.built) == sorted([str(files[0]), str(folder / "new.txt")])
    assert sorted(summary.unchanged) == sorted(map(str, files[1:]))

    fresh = kg.build([folder])
    assert set(graph.store.quads()) == set(
        fresh.store.quads()
    )  # the same graph as building from scratch


def test_force_rebuilds_everything(tmp_path):
    folder, files = corpus_copy(tmp_path)
    graph = kg.build([folder], store=tmp_path / "store")
    summary = graph.add(folder, force=True)
    assert len(summary.built) == len(files) and not summary.unchanged


def test_a_document_built_by_another_extractor_is_extracted_again(tmp_path):
    folder, files = corpus_copy(tmp_path)
    graph = kg.build([folder], store=tmp_path / "store")
    graph.store._db.update(  # as if an older kg (or another pipeline) had built this one
        "PREFIX kgo: <https://w3id.org/policy-kg/ontology#> "
        'DELETE { GRAPH ?g { ?d kgo:extractedWith ?w } } INSERT { GRAPH ?g { ?d kgo:extractedWith "kg 0.0.1" } } '
        f"WHERE {{ GRAPH ?g {{ ?d kgo:extractedWith ?w }} FILTER(?g = <{graph.store.documents()[0]}>) }}"
    )
    summary = graph.add(folder)
    assert len(summary.built) == 1 and len(summary.unchanged) == len(files) - 1
    described = graph.sparql("SELECT DISTINCT ?w WHERE { GRAPH ?g { ?d kgo:extractedWith ?w } }")
    assert [row["w"] for row in described] == [extraction_description()]


def test_the_cli_reports_unchanged_documents(run_kg, tmp_path):
    store = tmp_path / "store"
    assert run_kg("build", EXAMPLES, "--store", store).returncode == 0
    again = run_kg("build", EXAMPLES, "--store", store)
    count = len(list(EXAMPLES.glob("*.txt")))
    assert (
        again.returncode == 0
        and f"built 0 document(s), {count} unchanged, 0 skipped" in again.stderr
    )
    assert "documents/s" not in again.stderr  # no rate when nothing was extracted
    forced = run_kg("build", EXAMPLES, "--store", store, "--force")
    assert f"built {count} document(s), 0 unchanged" in forced.stderr


# -- the extractor digest ------------------------------------------------------------------------
PACKAGE = settings.PACKAGE_ROOT
EXTRACTION_FILES = [
    path.relative_to(PACKAGE).as_posix() for path in settings.extraction_files(PACKAGE)
]
TEXT = "The Ministry of Testing issued the Testing Plan. Exports rose 7% in 2024."


@pytest.fixture(scope="module")
def package_copy(tmp_path_factory):
    """A copy of the kg package, whose files the tests edit (the installed one stays as it is)."""
    copy = tmp_path_factory.mktemp("package") / "kg"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.fixture(scope="module")
def stored_graph(tmp_path_factory):
    return kg.build([TEXT], store=tmp_path_factory.mktemp("store") / "kg")


def test_the_digest_reads_every_module_that_changes_the_triples():
    for expected in (
        "names.py",
        "sources.py",
        "formats.py",
        "extract/vocabulary.py",
        "extract/components.py",
        "extract/data/heads.tsv",
        "extract/data/government_bodies.tsv",
        "rdf/build.py",
    ):
        assert expected in EXTRACTION_FILES
    assert not {"cli.py", "store.py", "graph.py", "viz.py"} & set(EXTRACTION_FILES)


@pytest.mark.parametrize("relative", EXTRACTION_FILES)
def test_an_edit_to_any_extraction_file_forces_extraction_again(
    relative, package_copy, stored_graph, monkeypatch
):
    # a faithful copy first: the same files give the same digest
    assert settings.extractor_digest(package_copy) == settings.extractor_digest(PACKAGE)
    edited = package_copy / relative
    original = edited.read_bytes()
    try:
        edited.write_bytes(original + b"\n")
        settings.extractor_digest.cache_clear()
        assert settings.extractor_digest(package_copy) != settings.extractor_digest(PACKAGE)

        # as if kg were installed from the copy: the build reads the edited files' digest
        monkeypatch.setattr(settings, "PACKAGE_ROOT", package_copy)
        settings.extraction_description.cache_clear()
        summary = stored_graph.add(TEXT)
        assert len(summary.built) == 1 and not summary.unchanged
    finally:
        edited.write_bytes(original)
        settings.extractor_digest.cache_clear()
        settings.extraction_description.cache_clear()
