"""Whole-document values read from arrays give what spaCy's own Python loops give."""

import pytest
from spacy.attrs import LEMMA, LOWER, ORTH

from kg.extract.text import noun_chunk_bounds, token_indices

from ..conftest import EXAMPLES

EXAMPLE_TEXTS = sorted(EXAMPLES.glob("*.txt"))


@pytest.mark.parametrize("path", EXAMPLE_TEXTS, ids=[p.stem for p in EXAMPLE_TEXTS])
def test_noun_chunk_bounds_are_spacys_noun_chunks(nlp, path):
    doc = nlp(path.read_text(encoding="utf-8"))
    bounds = noun_chunk_bounds(doc)
    assert bounds and bounds == [(chunk.start, chunk.end) for chunk in doc.noun_chunks]


def test_token_indices_answer_each_question_as_a_loop_over_the_tokens_does(nlp):
    """The distinct words of a Doc are read once and kept for the next question; a Doc whose
    tokens were merged since is read again."""
    doc = nlp("The Ministry of Power launched PM-KUSUM. The MNRE pays Rs. 5 crore to the States.")
    questions = [
        (ORTH, str.isupper, lambda t: t.text.isupper()),
        (LOWER, lambda word: word == "the", lambda t: t.lower_ == "the"),
        (ORTH, lambda word: word.endswith("."), lambda t: t.text.endswith(".")),
        (LEMMA, lambda lemma: lemma == "pay", lambda t: t.lemma_ == "pay"),
    ]
    for attribute, accept, loop in questions:
        assert token_indices(doc, attribute, accept) == [t.i for t in doc if loop(t)]
    with doc.retokenize() as retokenizer:
        retokenizer.merge(doc[0:4])
    assert token_indices(doc, ORTH, lambda word: word.startswith("The ")) == [0]
    assert token_indices(doc, LOWER, lambda word: word == "the") == [
        t.i for t in doc if t.lower_ == "the"
    ]
