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
from functools import partial

import numpy
from spacy.attrs import DEP, HEAD, LOWER, ORTH, POS
from spacy.lang.en.syntax_iterators import noun_chunks as english_noun_chunks
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc, Span

__all__ = [
    "BULLETS",
    "HAS_WORD",
    "StringCache",
    "doc_text",
    "first_characters",
    "literal_alternation",
    "noun_chunk_bounds",
    "span_text",
    "spans_overlapping",
    "starting_with",
    "token_indices",
]

HAS_WORD = re.compile(r"[^\W\d_]{2}")  # two letters in a row: a word, not "%", "$1", "±" or "a"

BULLETS = {"-", "•", "*", "–", "—"}  # characters that start a list item


class StringCache(dict):
    """Answers per string, each computed once (``compute``) and kept until ``maxsize`` are held,
    then all forgotten. Read as a dict (``cache[key]``, ``map(cache.__getitem__, keys)``) a
    kept answer costs a dict lookup: half what an ``lru_cache`` call costs, whose order
    bookkeeping is the price of a bound. Called, and emptied by ``cache_clear``, as an
    ``lru_cache`` is (the benchmark empties both before each pass).

    >>> lengths = StringCache(len, maxsize=2)
    >>> lengths["plan"], lengths("act"), len(lengths)
    (4, 3, 2)
    >>> lengths["scheme"], len(lengths)  # full: emptied, then kept
    (6, 1)
    """

    def __init__(self, compute: Callable[[str], object], maxsize: int):
        super().__init__()
        self.compute, self.maxsize = compute, maxsize

    def __missing__(self, key: str):
        if len(self) >= self.maxsize:
            self.clear()
        value = self[key] = self.compute(key)
        return value

    def __call__(self, key: str):
        return self[key]

    def cache_clear(self) -> None:
        self.clear()

    def cache_parameters(self) -> dict:
        return {"maxsize": self.maxsize, "typed": False}


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
    return cached_on(doc, "kg_noun_chunks", chunk_bounds)


def chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """Bounds of ``doc.noun_chunks``; an English Doc's from arrays (``english_chunk_bounds``)."""
    if doc.noun_chunks_iterator is not english_noun_chunks or not doc.has_annotation("DEP"):
        return [(c.start, c.end) for c in doc.noun_chunks]  # (spaCy's error when unparsed)
    return english_chunk_bounds(doc)


NP_LABELS = ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr")


def english_chunk_bounds(doc: Doc) -> list[tuple[int, int]]:
    """spaCy's English noun chunks (``spacy.lang.en.syntax_iterators``), step for step, read
    from arrays: spaCy's loop makes a Token for every word and two for every noun (50 ms per
    100 releases, 21 ms here). Only nouns are looked at, and only their left edge is read from
    a Token (the parser's own, which a non-projective tree may leave short of its subtree)."""
    strings = doc.vocab.strings
    np_deps = {strings.add(label) for label in (*NP_LABELS, "ROOT")}
    conj = strings.add("conj")
    table = doc.to_array([POS, DEP, HEAD])
    deps = table[:, 1].tolist()
    heads = (numpy.arange(len(doc)) + table[:, 2].view("int64")).tolist()
    bounds, prev_end = [], -1
    for i in numpy.flatnonzero(numpy.isin(table[:, 0], NOUN_POS)).tolist():
        left = doc[i].left_edge.i
        if left <= prev_end:
            continue  # nested in the last chunk
        head = i
        if deps[i] == conj:  # coordinated to a noun phrase: the first conjunct's role
            head = heads[i]
            while deps[head] == conj and heads[head] < head:
                head = heads[head]
        if deps[head] in np_deps:
            prev_end = i
            bounds.append((left, i + 1))
    return bounds


NOUN_POS = numpy.array([NOUN, PROPN, PRON], dtype="uint64")


def token_indices(doc: Doc, attribute: int, accept: Callable[[str], bool]) -> list[int]:
    """Indices of the tokens whose ``attribute`` (``spacy.attrs.LEMMA``, ``ORTH``, ...) is a
    string ``accept`` takes. ``accept`` is asked once per distinct string, and no Token is
    made: a Python loop over every token cost a component more than its rules did.

    >>> import spacy; from spacy.attrs import LOWER
    >>> doc = spacy.blank("en")("A plan, then Plans")
    >>> token_indices(doc, LOWER, lambda s: s.startswith("plan"))
    [1, 4]
    """
    if attribute in LEXICAL_ATTRIBUTES:  # read by several components: made once per Doc
        distinct, where = cached_on(
            doc, f"kg_distinct_{attribute}", partial(distinct_values, attribute=attribute)
        )
    else:
        distinct, where = distinct_values(doc, attribute)
    wanted = [k for k, value in enumerate(distinct) if accept(value)]
    return numpy.flatnonzero(numpy.isin(where, wanted)).tolist()


# attributes of the word alone, fixed once the text is tokenised (a lemma or tag is not: it is
# set later in the pipeline)
LEXICAL_ATTRIBUTES = (ORTH, LOWER)


def distinct_values(doc: Doc, attribute: int) -> tuple[list[str], numpy.ndarray]:
    """The distinct strings of ``attribute`` in the Doc, and for each token which one it has."""
    ids, where = numpy.unique(doc.to_array(attribute), return_inverse=True)
    strings = doc.vocab.strings
    # read as Python ints: a numpy scalar per value cost most of the time
    return [strings[value] for value in ids.tolist()], where.reshape(-1)


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


def starting_with(characters: str) -> str:
    """A lookahead for the characters a match can start with (a regex character set's body), to
    put before a pattern that is tried over whole texts: ``re`` enters a pattern at every
    position, and one that opens with a lookbehind, an optional part or an alternation fails
    late at each; the lookahead turns most positions away at once (half the time of the name
    runs' and references' scans). The matches stay the same: ``tests/extract/test_patterns.py``
    holds them equal to the pattern's without it on every dev and bulk text.

    >>> re.compile(starting_with("A-Z") + "[A-Z][a-z]+").findall("the Ministry of Power")
    ['Ministry', 'Power']
    """
    return f"(?=[{characters}])"


def first_characters(words: Iterable[str]) -> str:
    """The first characters of ``words`` as a character set's body, for ``starting_with``."""
    return "".join(sorted({re.escape(word[0]) for word in words if word}))


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
