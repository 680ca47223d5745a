"""Whole-document values of a spaCy Doc, computed once per Doc.

``Doc.text`` joins every token on each access, and ``Span.noun_chunks`` walks the whole
document for every sentence: read per name, sentence or number, both made extraction
quadratic in the length of a document. The components read them here instead. Values are
cached in ``doc.user_data`` as plain data (a Doc stays serialisable), checked against the
Doc's length because ``Doc.from_docs`` merges its chunks' user data.
"""

from collections.abc import Callable

from spacy.tokens import Doc

__all__ = ["doc_text", "noun_chunk_bounds"]


def cached_on(doc: Doc, key: str, compute: Callable[[Doc], object]):
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data[key] = (len(doc), compute(doc))
    return cached[1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, once."""
    return cached_on(doc, "kg_text", lambda d: d.text)


def noun_chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the Doc's noun chunks, once."""
    return cached_on(doc, "kg_noun_chunks", lambda d: [(c.start, c.end) for c in d.noun_chunks])
