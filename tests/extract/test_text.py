"""Whole-document values read from arrays give what spaCy's own Python loops give."""

import pytest

from kg.extract.text import noun_chunk_bounds

from ..conftest import EXAMPLES

EXAMPLE_TEXTS = sorted(EXAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLE_TEXTS, ids=[p.stem for p in EXAMPLE_TEXTS])
def test_noun_chunk_bounds_are_spacys_noun_chunks(nlp, path):
    doc = nlp(path.read_text(encoding="utf-8"))
    bounds = noun_chunk_bounds(doc)
    assert bounds and bounds == [(chunk.start, chunk.end) for chunk in doc.noun_chunks]
