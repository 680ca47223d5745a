"""A learned span classifier: candidate spans -> Agency, Plan, Regulation, Program or none.

The rules of ``entities.py`` know names by their head nouns and by lists; names without a
class head noun ("Strategic Petroleum Reserve", "the pupil premium", "One You campaign",
"pilot free trade zones") need a model that weighs many weak signals together. This one is a
multinomial logistic regression over hashed features of a span: its words, head noun and
lemma, capitalisation pattern, the verb that governs it ("issued", "launched",
"implement"), the preposition pattern inside it, the words around it, spaCy's entity label
and whether the gazetteer knows it. It is small (weights in ``models/span_classifier.npz``),
CPU-only and deterministic (features are hashed with CRC-32, not Python's salted ``hash``).

Training: ``scripts/train_span_classifier.py`` (see its docstring for the data recipe).

>>> from kg.settings import load_nlp
>>> doc = load_nlp()("The Ministry of Power launched the Green Energy Corridor scheme in 2021.")
>>> (doc[1].i, doc[4].i) in candidate_spans(doc)
True
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from io import BytesIO
from itertools import chain

import numpy
from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LIKE_NUM,
    LOWER,
    ORTH,
    POS,
    TAG,
)
from spacy.tokens import Doc

from . import vocabulary
from .gazetteer import find_body, is_body_form
from .lexicon import canonical_key, head_type, lexicon
from .text import StringCache, doc_text, noun_chunk_bounds, token_indices

__all__ = [
    "CLASSES",
    "SpanClassifier",
    "SpanPrediction",
    "candidate_spans",
    "span_features",
    "DocTokens",
    "feature_index",
    "load_span_classifier",
    "MODEL_FILE",
    "NOT_NAME_LABELS",
]

CLASSES = ("none", "Agency", "Plan", "Regulation", "Program")
MODEL_FILE = "models/span_classifier.npz"
HASH_BITS = 20
MAX_SPAN_TOKENS = 16
TAIL_PREPOSITIONS = vocabulary.words("common_words", uses="tail-prep")
NAME_CONNECTORS = vocabulary.words("common_words", uses="span-connector")
LEADING_DROPS = {"DET", "PRON", "PUNCT", "CCONJ"}
POSSESSIVE_TAGS = {"POS", "PRP$"}  # "Biden's", "its"
MAX_DESCRIBED_WORDS = 6
# spaCy's entity labels of spans that name no agency or policy ("President Donald J. Trump")
NOT_NAME_LABELS = {
    "PERSON",
    "GPE",
    "DATE",
    "MONEY",
    "PERCENT",
    "CARDINAL",
    "QUANTITY",
    "TIME",
    "ORDINAL",
    "NORP",
}
# the verbs a policy instrument hangs from, by the role ``data/verbs.tsv`` gives them
VERB_ROLES = ("launch", "responsibility", "funding", "report")


@dataclass(frozen=True)
class SpanPrediction:
    start: int  # token index
    end: int
    type: str
    probability: float


# -- candidates ---------------------------------------------------------------------------------
def candidate_spans(doc: Doc, tokens: DocTokens | None = None) -> list[tuple[int, int]]:
    """Token bounds of the spans worth classifying, each once, in text order: noun chunks
    (without a leading determiner or possessive), noun chunks with one prepositional tail
    ("rectification actions for the Internet industry"), title-case runs joined by
    connectors ("Department of the Treasury") and quoted names. ``tokens``: ``DocTokens.of(doc)``,
    made here if not given."""
    tokens = tokens or DocTokens.of(doc)
    spans: set[tuple[int, int]] = set()
    for start, end in noun_chunk_bounds(doc):
        start = trimmed_start(tokens, start, end)
        if start < end:
            spans.add((start, end))
            tail = prepositional_tail(doc, end, tokens)
            if tail:
                spans.add((start, tail))
    spans.update(title_case_runs(tokens))
    spans.update(quoted_spans(doc))
    return sorted(s for s in spans if 0 < s[1] - s[0] <= MAX_SPAN_TOKENS and is_wordy(tokens, *s))


def trimmed_start(tokens: DocTokens, start: int, end: int) -> int:
    while start < end and (
        tokens.pos[start] in LEADING_DROPS
        or tokens.tag[start] == "POS"
        or tokens.lower[start] in {"'s", "’s"}
    ):
        start += 1
    # "Biden's plan", "President Biden's prescription drug law", "funding for its Flood
    # Mitigation Assistance": the name, not its possessor
    tags = tokens.tag[start : end - 1]
    if not POSSESSIVE_TAGS.intersection(tags):
        return start  # most chunks (a set test in C, not a Python look per token)
    possessives = [i for i in range(start, end - 1) if tokens.tag[i] in POSSESSIVE_TAGS]
    return possessives[-1] + 1 if possessives else start


def prepositional_tail(doc: Doc, end: int, tokens: DocTokens) -> int | None:
    """The end of "<chunk> of/for/on <noun phrase>" when the preposition follows the chunk
    (read from ``tokens``: a spaCy Token made per look was most of the candidates' cost)."""
    if end >= len(tokens.lower) or tokens.lower[end] not in TAIL_PREPOSITIONS:
        return None
    right = doc[end].right_edge.i + 1
    if any(tokens.tag[i] in POSSESSIVE_TAGS for i in range(end, right)):
        return None  # "funding for its Flood Mitigation Assistance": the name is after "its"
    text = tokens.text
    stop = next(
        (i for i in range(end, right) if text[i] in {",", "(", ";", ":"} or "\n" in text[i]),
        right,
    )
    return stop if stop > end + 1 else None


def title_case_runs(tokens: DocTokens):
    """Runs of capitalised words, connectors allowed inside ("Ministry of Human Resources and
    Social Security"), never across a line break (a token of its own, neither)."""
    start = None
    for i in range(len(tokens.text) + 1):
        last = i == len(tokens.text)
        capital = (
            not last
            and tokens.capital[i]
            and not (start is None and tokens.pos[i] in LEADING_DROPS)
        )  # "The Home Office": from "Home"
        connector = not last and start is not None and tokens.lower[i] in NAME_CONNECTORS
        if capital or connector:
            if start is None:
                start = i
            continue
        if start is not None:
            end = i
            while end > start and tokens.lower[end - 1] in NAME_CONNECTORS:
                end -= 1
            if end > start:
                yield start, end
            start = None


QUOTED = re.compile(r"[“\"‘](?P<inner>[^“”\"‘’\n]{2,120}?)[”\"’]")


def quoted_spans(doc: Doc):
    for match in QUOTED.finditer(doc_text(doc)):
        span = doc.char_span(match.start("inner"), match.end("inner"), alignment_mode="expand")
        if span is not None and len(span):
            yield span.start, span.end


def is_wordy(tokens: DocTokens, start: int, end: int) -> bool:
    if tokens.alpha[start] and len(tokens.text[start]) > 1:
        return True  # most spans: their first word
    return any(tokens.alpha[i] and len(tokens.text[i]) > 1 for i in range(start + 1, end))


# -- features ------------------------------------------------------------------------------------
def shape_of(text: str) -> str:
    if text.isupper() and len(text) > 1:
        return "A"
    if text[:1].isupper():
        return "X"
    if text[:1].isdigit():
        return "d"
    return "x" if text[:1].isalpha() else "p"


@dataclass(frozen=True)
class DocTokens:
    """The token attributes the features read, as plain lists made in one pass per document:
    reading them from spaCy tokens span by span made a Token object per look (about a tenth of
    spaCy's own time on release text)."""

    text: list[str]
    lower: list[str]
    lemma: list[str]
    tag: list[str]
    pos: list[str]
    dep: list[str]
    ent: list[str]
    shape: list[str]
    capital: list[bool]  # the first character is a capital letter
    alpha: list[bool]
    year: list[bool]  # a four-digit number starting 19 or 20
    leaf: list[bool]  # punctuation or space without dependents
    head: list[int]  # the index of the token's syntactic head (its own for a sentence's root)
    depth: list[int]  # steps from the token up to its sentence's root
    idx: list[int]  # the token's first character in the text (``Token.idx`` without a Token)
    # document context: where the headline (the first line) ends, where each lower-case word
    # stands (how often a span's words recur), and the names the document writes with a class head
    # noun somewhere ("Pension Wise service" -> "pension wise": Program), which tell what the
    # same words name where they stand bare
    headline_end: int = 0
    at: dict[str, list[int]] = field(default_factory=dict)  # lower-case word -> its positions
    described: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> DocTokens:
        """One array of the Doc's attribute ids, each distinct id read as a string once."""
        if not len(doc):
            return cls(*[[] for _ in range(15)])
        tokens = cls.token_columns(doc)
        return replace(
            tokens,
            headline_end=next((i for i, t in enumerate(tokens.text) if "\n" in t), len(doc)),
            at=word_positions(tokens.lower),
            described=described_names(tokens, head_noun_positions(doc)),
        )

    @classmethod
    def token_columns(cls, doc: Doc) -> DocTokens:
        table = doc.to_array(TABLE_ATTRIBUTES)
        written, where = distinct_strings(doc, table[:, : len(STRING_ATTRIBUTES)])
        text, lower, _, tag, pos, dep, ent = read_columns(written, where)  # lemma: lower case below
        # what a word's letters tell, asked once per distinct word, not per token
        words = where[:, 0]
        capital = numpy.array([w[:1].isupper() for w in written], dtype=bool)[words]
        year_form = numpy.array([len(w) == 4 and w[:2] in {"19", "20"} for w in written])[words]
        alpha, like_num, punct, space = (table[:, k].astype(bool) for k in range(7, 11))
        positions = numpy.arange(len(doc))
        head_array = positions + table[:, 11].view("int64")
        dependents = numpy.zeros(len(doc), dtype=bool)
        dependents[head_array[head_array != positions]] = True
        heads = head_array.tolist()
        return cls(
            text,
            lower,
            *read_columns([w.lower() for w in written], where[:, 2:3]),
            tag,
            pos,
            dep,
            ent,
            *read_columns(list(map(shape_of, written)), where[:, 0:1]),
            capital.tolist(),
            alpha.tolist(),
            (like_num & year_form).tolist(),
            ((punct | space) & ~dependents).tolist(),
            heads,
            depths(head_array),
            table[:, 12].tolist(),
        )

    def root(self, start: int, end: int) -> int:
        """The span's root as spaCy's ``Span.root`` finds it: a sentence root in it, else of the
        tokens whose head is outside the span the first nearest to the sentence's root (a
        punctuation or space leaf counting as far), else the first token. One pass over the
        span: it is asked for every candidate span."""
        head, far = self.head, len(self.head) - 1
        best, nearest = start, far + 1
        for i in range(start, end):
            if head[i] == i:
                return i
            if not start <= head[i] < end:
                rank = far if self.leaf[i] else self.depth[i]
                if rank < nearest:  # the first of the nearest
                    best, nearest = i, rank
        return best


def head_noun_positions(doc: Doc) -> list[int]:
    """Where the words (letters only) naming a class stand, in order: each distinct word asked
    once (a look per token was most of the cost of ``described_names``)."""
    # (spaCy's ``is_alpha`` is ``str.isalpha``: numbers and punctuation are not asked)
    return token_indices(doc, ORTH, lambda word: word.isalpha() and bool(head_type(word)))


STRING_ATTRIBUTES = (ORTH, LOWER, LEMMA, TAG, POS, DEP, ENT_TYPE)
TABLE_ATTRIBUTES = [*STRING_ATTRIBUTES, IS_ALPHA, LIKE_NUM, IS_PUNCT, IS_SPACE, HEAD, IDX]


def distinct_strings(doc: Doc, ids: numpy.ndarray) -> tuple[list[str], numpy.ndarray]:
    """The distinct strings of a table of string ids (all its columns at once: a word, its lower
    case and its lemma are often one string), and where each cell's string is in that list."""
    distinct, where = numpy.unique(ids, return_inverse=True)
    strings = doc.vocab.strings
    return [strings[i] if i else "" for i in distinct.tolist()], where.reshape(ids.shape)


def read_columns(values: list[str], where: numpy.ndarray) -> list[list[str]]:
    """Each column of ``where`` as the list of the ``values`` it points to."""
    cells = numpy.array(values, dtype=object)[where]
    return [cells[:, k].tolist() for k in range(where.shape[1])]


def word_positions(words: list[str]) -> dict[str, list[int]]:
    positions: dict[str, list[int]] = {}
    for i, word in enumerate(words):
        positions.setdefault(word, []).append(i)
    return positions


def occurrences(tokens: DocTokens, start: int, end: int) -> int:
    """How often the document writes the span's words (in lower case), the span included."""
    words = tokens.lower[start:end]
    return sum(tokens.lower[i : i + len(words)] == words for i in tokens.at[words[0]])


def described_names(tokens: DocTokens, head_nouns: list[int]) -> dict[str, str]:
    """The words before each class head noun the document writes ("the Pension Wise service",
    "Kisan Credit Card scheme"), in lower case, with the class the head names: up to
    ``MAX_DESCRIBED_WORDS`` capitalised words or connectors, on one line. ``head_nouns``: where
    the words naming a class stand (``head_type``), in order."""
    out: dict[str, str] = {}
    for i in head_nouns:
        type_ = head_type(tokens.text[i])
        start = i
        while start > max(0, i - MAX_DESCRIBED_WORDS) and (
            tokens.text[start - 1][:1].isupper() or tokens.lower[start - 1] in NAME_CONNECTORS
        ):
            start -= 1
        while start < i and tokens.lower[start] in NAME_CONNECTORS:
            start += 1
        if start < i:
            out.setdefault(" ".join(tokens.lower[start:i]), type_)
    return out


def depths(heads: numpy.ndarray) -> list[int]:
    """Steps from each token up to the root of its sentence (a root is its own head), by
    pointer jumping: each pass adds the depth already known of the token's ancestor and
    doubles the step, so a tree of any depth takes a few array operations, not a Python
    step per token and level.

    >>> depths(numpy.array([1, 1, 1, 2]))
    [1, 0, 1, 2]
    """
    parent = heads.copy()
    depth = (parent != numpy.arange(len(parent))).astype(numpy.int64)
    for _ in range(64):  # 2**64 levels: every tree; a malformed cycle stops here too
        grandparent = parent[parent]
        if (grandparent == parent).all():
            break
        depth += depth[parent]
        parent = grandparent
    return depth.tolist()


def span_features(
    doc: Doc, start: int, end: int, country: str | None = None, tokens: DocTokens | None = None
) -> list[str]:
    """What the classifier sees of a span, as feature strings (``tokens``: ``DocTokens.of(doc)``,
    made here if not given; pass it when scoring many spans of one document)."""
    tokens = tokens or DocTokens.of(doc)
    lower, texts = tokens.lower, tokens.text
    words = lower[start:end]
    head = tokens.root(start, end)
    last_text, last_lower = texts[end - 1], lower[end - 1]
    inside = range(start, end)
    shapes = "".join([tokens.shape[i] for i in inside if lower[i] not in NAME_CONNECTORS])
    shape = collapsed_shape(shapes)
    second = lower[start + 1] if end > start + 1 else "$"
    features = [
        "bias",
        f"last={last_lower}",
        f"last_lemma={tokens.lemma[end - 1]}",
        f"head={tokens.lemma[head]}",
        f"first={lower[start]}",
        f"shape={shape}",
        f"len={min(end - start, 8)}",
        f"last_type={head_type(last_text) or '-'}",
        f"last_type_shape={head_type(last_text) or '-'}|{shape}",
        f"first_type={head_type(texts[start]) or '-'}|{second}",
        f"head_dep={tokens.dep[head]}",
        f"ner={tokens.ent[head] or '-'}",
        f"suffix={last_lower[-3:]}",
        f"prev={lower[start - 1] if start else '^'}",
        f"next={lower[end] if end < len(lower) else '$'}",
        f"prev2={lower[start - 2] if start > 1 else '^'}",
    ]
    features += [f"word={w}" for w in words if w not in NAME_CONNECTORS]
    features += [f"prep={w}" for w in words[1:-1] if w in TAIL_PREPOSITIONS]
    # sorted: a set's order follows the process's hash seed, and the order of a span's weights
    # may change the last bits of their sum
    features += [f"type_word={t}" for t in sorted({head_type(w) or "" for w in words}) if t]
    features += shape_features(tokens, start, end)
    features += governing_verb_features(tokens, head)
    text = doc_text(doc)[tokens.idx[start] : tokens.idx[end - 1] + len(last_text)]
    features += knowledge_features(text, country)
    if start and texts[start - 1] in {"“", '"', "‘"}:
        features.append("quoted")
    if end + 1 < len(texts) and texts[end] == "(" and texts[end + 1].isupper():
        features.append("acronym_follows")
        features.append(f"acronym_uses={min(acronym_uses(tokens, end + 1), 3)}")
    if True in tokens.year[start:end]:
        features.append("has_year")
    return features + context_features(tokens, start, end)


def context_features(tokens: DocTokens, start: int, end: int) -> list[str]:
    """Word-free signs of a name from around the span and the rest of the document: the
    preposition or determiner before it ("under X", "through X", "the X"), whether it stands in
    the headline, how often the document repeats it, and which class the document gives the
    same words where it writes them with a head noun."""
    before = start - 1
    features = []
    if before >= 0 and tokens.tag[before] in {"IN", "TO"}:
        features.append(f"prep_before={tokens.lower[before]}")
    if before >= 0 and tokens.pos[before] == "DET":
        features.append(f"det_before|{tokens.shape[start]}")
    if end <= tokens.headline_end:
        features.append("headline")
    features.append(f"owner={owner_kind(tokens, start)}")
    words = " ".join(tokens.lower[start:end])
    repeats = occurrences(tokens, start, end)
    features.append(f"repeats={min(repeats, 3)}|{collapsed_shape(tokens.shape[start])}")
    described = tokens.described.get(words)
    if described:
        features.append(f"described={described}")
    return features


def owner_kind(tokens: DocTokens, start: int) -> str:
    """Who owns the span by a possessive before it, word-free: "its" ("USAID via its Media
    Viability Accelerator"), spaCy's entity label of the possessor ("Treasury’s Do Not Pay
    Service": ORG, an agency's programme; "President Biden’s ...": PERSON), or "-" (none)."""
    before = start - 1
    if before < 0:
        return "-"
    if tokens.tag[before] == "PRP$":
        return "its"
    if tokens.tag[before] == "POS" and before > 0:
        return tokens.ent[before - 1] or "noun"
    return "-"


def acronym_uses(tokens: DocTokens, at: int) -> int:
    """How often the document writes the acronym at ``at`` besides its definition: a name the
    text goes on calling by its acronym is a name ("Disability Information and Access Line
    (DIAL)" ... "DIAL")."""
    return len(tokens.at.get(tokens.lower[at], ())) - 1


@lru_cache(maxsize=4096)
def collapsed_shape(shapes: str) -> str:
    """ "XXxX" -> "X+xX": a run of one shape counts once."""
    return re.sub(r"(.)\1+", r"\1+", shapes)


def shape_features(tokens: DocTokens, start: int, end: int) -> list[str]:
    """Word-free views of a span that carry over to names never seen: how much of it is
    capitalised, whether its head is lowercase, a plural, an acronym."""
    alpha, lower, capital = tokens.alpha, tokens.lower, tokens.capital
    content = [i for i in range(start, end) if alpha[i] and lower[i] not in NAME_CONNECTORS]
    capitals = [capital[i] for i in content].count(True)
    plural = "plural" if tokens.tag[end - 1] in {"NNS", "NNPS"} else "single"
    return [
        f"capital_share={round(4 * capitals / len(content)) if content else -1}",
        f"last_case={tokens.shape[end - 1]}|{plural}",
        # an acronym: a word in capitals of two characters or more, shape "A"
        f"has_acronym={'A' in tokens.shape[start:end]}",
        f"first_capital={capital[start]}|last_capital={capital[end - 1]}",
    ]


def governing_verb_features(tokens: DocTokens, head: int) -> list[str]:
    """ "issued the Notice", "launched a campaign": the verb the span's head hangs from (through
    prepositions and conjunctions; a verb that is its sentence's root governs itself)."""
    governor = tokens.head[head]
    while tokens.dep[governor] in {"prep", "conj", "pobj"}:
        governor = tokens.head[governor]
    if tokens.pos[governor] in {"VERB", "AUX"}:
        verb = tokens.lemma[governor]
        return [
            f"verb={verb}",
            f"verb_dep={verb}|{tokens.dep[head]}",
            *(f"verb_role={role}|{tokens.dep[head]}" for role in verb_roles(verb)),
        ]
    return ["verb=-"]


@lru_cache(maxsize=4096)
def verb_roles(lemma: str) -> tuple[str, ...]:
    return tuple(role for role in VERB_ROLES if lemma in vocabulary.words("verbs", uses=role))


@lru_cache(maxsize=65536)
def knowledge_features(text: str, country: str | None) -> tuple[str, ...]:
    """What the gazetteer and the lexicon know of the span's words (cached: the same words
    recur within and across documents)."""
    out = []
    if find_body(text, country=country) is not None:
        out.append("gazetteer=body")
    if is_body_form(text):
        out.append("gazetteer=form")
    entry = lexicon().get(canonical_key(text))
    if entry is not None:
        out.append(f"lexicon={entry.type}")
    return tuple(out)


def feature_hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & ((1 << HASH_BITS) - 1)


# a span's thirty features are mostly strings seen before (24,000 distinct of 277,000 in 100
# releases): each hashed once, then looked up
feature_index = StringCache(feature_hash, maxsize=1 << 18)


# -- the model -------------------------------------------------------------------------------------
class SpanClassifier:
    """Weights of a multinomial logistic regression over hashed features; only the features
    seen in training are stored (sorted hash indices with a weight row each)."""

    def __init__(
        self,
        indices: numpy.ndarray,
        weights: numpy.ndarray,
        bias: numpy.ndarray,
        classes: tuple[str, ...] = CLASSES,
    ):
        self.indices, self.weights, self.bias, self.classes = indices, weights, bias, classes
        # the weight row of every hash index (-1: a feature never seen in training), read by
        # array indexing: a binary search in ``indices`` per feature cost as much as the rest
        # of the scoring (4 MB)
        self.row_of = numpy.full(1 << HASH_BITS, -1, dtype=numpy.int32)
        self.row_of[indices] = numpy.arange(len(indices), dtype=numpy.int32)

    def probabilities(self, features: list[list[str]]) -> numpy.ndarray:
        """One row of class probabilities per span (``features`` from ``span_features``); all
        spans' features looked up at once."""
        scores = numpy.tile(self.bias, (len(features), 1))
        hashed = numpy.fromiter(
            map(feature_index.__getitem__, chain.from_iterable(features)), numpy.int64
        )
        rows = numpy.repeat(numpy.arange(len(features)), [len(names) for names in features])
        at = self.row_of[hashed]
        known = at >= 0
        rows, weights = rows[known], self.weights[at[known]]
        for k in range(scores.shape[1]):
            scores[:, k] += numpy.bincount(rows, weights=weights[:, k], minlength=len(features))
        scores -= scores.max(axis=1, keepdims=True)
        exp = numpy.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)

    def predict(
        self,
        doc: Doc,
        spans: list[tuple[int, int]],
        country: str | None = None,
        threshold: float = 0.5,
        tokens: DocTokens | None = None,
    ) -> list[SpanPrediction]:
        """Spans whose most probable class other than ``none`` has at least ``threshold``."""
        if not spans:
            return []
        tokens = tokens or DocTokens.of(doc)
        probabilities = self.probabilities(
            [span_features(doc, s, e, country, tokens) for s, e in spans]
        )
        best = probabilities[:, 1:].argmax(axis=1) + 1
        return [
            SpanPrediction(s, e, self.classes[k], float(probabilities[i, k]))
            for i, ((s, e), k) in enumerate(zip(spans, best, strict=True))
            if k and probabilities[i, k] >= threshold
        ]

    def save(self, path) -> None:
        numpy.savez_compressed(
            path,
            indices=self.indices,
            weights=self.weights.astype(numpy.float32),
            bias=self.bias,
            classes=numpy.array(self.classes),
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> SpanClassifier:
        arrays = numpy.load(BytesIO(data))
        return cls(
            arrays["indices"],
            arrays["weights"].astype(numpy.float64),
            arrays["bias"],
            tuple(str(c) for c in arrays["classes"]),
        )


@lru_cache(maxsize=1)
def load_span_classifier() -> SpanClassifier:
    """The classifier shipped in the package."""
    return SpanClassifier.from_bytes(
        resources.files("kg.extract").joinpath(MODEL_FILE).read_bytes()
    )


def decode(predictions: list[SpanPrediction]) -> list[SpanPrediction]:
    """Non-overlapping predictions, the most probable first."""
    kept: list[SpanPrediction] = []
    for p in sorted(predictions, key=lambda p: (-p.probability, p.start, p.end)):
        if all(p.end <= k.start or k.end <= p.start for k in kept):
            kept.append(p)
    return sorted(kept, key=lambda p: p.start)
