"""Whole-document values of a spaCy Doc, computed once per Doc.

``Doc.text`` joins every token on each access, and ``Span.noun_chunks`` walks the whole
document for every sentence: read per name, sentence or number, both made extraction
quadratic in the length of a document. The components read them here instead. Values are
cached in ``doc.user_data`` as plain data (a Doc stays serialisable), checked against the
Doc's length because ``Doc.from_docs`` merges its chunks' user data.
"""

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Sequence

import numpy
from spacy.tokens import Doc, Span

__all__ = [
    "BULLETS",
    "HAS_WORD",
    "doc_text",
    "literal_alternation",
    "noun_chunk_bounds",
    "span_text",
    "spans_overlapping",
    "token_indices",
]

HAS_WORD = re.compile(r"[^\W\d_]{2}")  # two letters in a row: a word, not "%", "$1", "±" or "a"

BULLETS = {"-", "•", "*", "–", "—"}  # characters that start a list item


def cached_on(doc: Doc, key: str, compute: Callable[[Doc], object]):
    cached = doc.user_data.get(key)
    if cached is None or cached[0] != len(doc):
        cached = doc.user_data[key] = (len(doc), compute(doc))
    return cached[1]


def doc_text(doc: Doc) -> str:
    """``doc.text``, once."""
    return cached_on(doc, "kg_text", lambda d: d.text)


def span_text(span: Span) -> str:
    """``span.text``, cut from the Doc's text (``Span.text`` joins its tokens on each access)."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def noun_chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token indices of the Doc's noun chunks, once."""
    return cached_on(doc, "kg_noun_chunks", lambda d: [(c.start, c.end) for c in d.noun_chunks])


def token_indices(doc: Doc, attribute: int, accept: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose ``attribute`` (``spacy.attrs.LEMMA``, ``ORTH``, ...) is a
    string ``accept`` takes. ``accept`` is asked once per distinct string, and no Token is
    made: a Python loop over every token cost a component more than its rules did.

    >>> import spacy; from spacy.attrs import LOWER
    >>> doc = spacy.blank("en")("A plan, then Plans")
    >>> token_indices(doc, LOWER, lambda s: s.startswith("plan"))
    [1, 4]
    """
    values = doc.to_array(attribute)
    strings = doc.vocab.strings
    distinct = numpy.unique(values)
    # read as Python ints (a numpy scalar per value cost most of the time); the wanted ids stay
    # an array of their own type (uint64 hashes mixed with int64 would compare as floats)
    wanted = distinct[[accept(strings[value]) for value in distinct.tolist()]]
    return numpy.flatnonzero(numpy.isin(values, wanted)).tolist()


def literal_alternation(words: Iterable[str]) -> str:
    """A regex matching any of ``words``, as a trie of their common prefixes: a plain
    alternation of 400 names tried every name at every position (the lexicon search cost
    7x as much). A longer word is tried before its prefix, as in longest-first alternation.

    >>> literal_alternation(["Plan", "Planning", "Act"])
    '(?:Act|Plan(?:ning)?)'
    >>> re.fullmatch(literal_alternation(["a.b", "a"]), "a.b") is not None
    True
    """
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict) -> str:
    branches = [
        re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def spans_overlapping(
    spans: Sequence[tuple[int, int]], start: int, end: int
) -> Sequence[tuple[int, int]]:
    """The spans reaching into [start, end); ``spans`` sorted and not overlapping (regex matches),
    so searched by halving rather than read whole for each sentence.

    >>> spans_overlapping([(0, 5), (8, 12), (20, 25)], 4, 20)
    [(0, 5), (8, 12)]
    """
    return spans[
        bisect_right(spans, start, key=lambda span: span[1]) : bisect_left(
            spans, end, key=lambda span: span[0]
        )
    ]
