"""Training and cross-validating the span classifier (``span_classifier.py``).

Data recipe:

1. **Gold spans** (weight 1): every candidate span of a dev document (``candidate_spans``) is
   labelled with the class of the gold entity whose name or alias it matches (token Jaccard
   >= ``POSITIVE_OVERLAP``, the words compared as the scorer compares them), ``none`` when it
   shares no more than ``NEGATIVE_OVERLAP`` with any gold name, and left out in between
   (a part of a name is neither a name nor a non-name). Person entities are not classes.
2. **Weak spans** (weight ``WEAK_WEIGHT``) from unlabelled releases: a span the gazetteer
   knows whole, or that a body form fits ("Ohio Department of Health"), is an Agency; a
   title-case span of at least two words ending in a class head noun ("... Act", "...
   Scheme") is of that class; a span spaCy tags whole as a person, place, date or amount
   is ``none``; a capitalised span that some release of the sample writes with a class head
   noun after it ("Pension Wise" where a release says "the Pension Wise service" or "Pension
   Wise scheme") is of that class where it stands bare, so the model learns the contexts of
   bare names (the verb, the preposition before them) rather than only their head nouns;
   a span without a capital letter ending in a class head noun ("spending plans", "deep sea
   mining regulations") that its release writes once and whose words no release of the bulk
   corpus writes capitalised outside a headline (``capitalised_phrases``) is ``none``: on
   unseen releases four in five of the classifier's policy names named nothing, most of them
   such phrases (bulk audit, seed 41), and the gold documents alone, where such phrases are
   sometimes names, did not teach it otherwise.
   Other spans are not used.

Evaluation (``evaluate``, ``cross_validate``) measures the classifier where it works: the
recogniser's rules 1-4 name what they can, the classifier scores the spans no rule names
(``PolicyEntityRecognizer.learned_mentions``), and the entities are matched to the gold as the
scorer matches them; ``evaluate(None, ...)`` gives the rules alone, so that what the learned
component adds is measured, in-sample and on held-back documents. Training on the spans rules
leave only (5,336 gold spans instead of 11,140) measured no better by cross-validation
(F1 0.729 against 0.738), so the classifier learns from every candidate span.

The model is a multinomial logistic regression (L2, L-BFGS from scipy) over the hashed
features of ``span_features``; scipy is needed to train only. Everything is deterministic:
documents in sorted order, no random initialisation.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy
from spacy.tokens import Doc, Span

from . import vocabulary
from .entities import PolicyEntityRecognizer
from .gazetteer import body_form_pattern, document_country, find_body
from .lexicon import head_type
from .span_classifier import (
    CLASSES,
    NAME_CONNECTORS,
    NOT_NAME_LABELS,
    DocTokens,
    SpanClassifier,
    candidate_spans,
    feature_index,
    span_features,
)
from .text import doc_text

__all__ = [
    "LabelledSpan",
    "gold_spans",
    "weak_spans",
    "described_in_sample",
    "capitalised_phrases",
    "fit",
    "evaluate",
    "cross_validate",
    "read_gold",
]

POSITIVE_OVERLAP = 0.75
NEGATIVE_OVERLAP = 0.34
WEAK_WEIGHT = 0.3
MATCH_OVERLAP = 0.6  # the scorer's threshold for a predicted name to match a gold one
STOP = vocabulary.words("common_words", uses="scorer-stop")  # compared as the scorer does


@dataclass(frozen=True)
class LabelledSpan:
    document: str
    features: tuple[str, ...]
    label: int
    weight: float


def words(name: str) -> set[str]:
    """The words of a name as the scorer compares them (no stop words, plural -s dropped)."""
    text = re.sub(r"[\"'‘’“”`]", "", name.lower())
    text = re.sub(r"[^\w+ ]", " ", re.sub(r"[-_/]", " ", text))
    return {
        w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
        for w in text.split()
        if w not in STOP
    }


def overlap(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def read_gold(path: Path) -> list[dict]:
    """The gold entities of one document that the classifier learns (Person is not a class)."""
    return [
        e for e in json.loads(path.read_text(encoding="utf-8"))["entities"] if e["type"] in CLASSES
    ]


def gold_label(text: str, gold: list[dict]) -> int | None:
    """The class a span's text names, 0 (``none``) or None (a part of a name: not used)."""
    span_words = words(text)
    best, best_type = 0.0, "none"
    for entity in gold:
        for name in (entity["name"], *entity.get("aliases", [])):
            score = overlap(span_words, words(name))
            if score > best:
                best, best_type = score, entity["type"]
    if best >= POSITIVE_OVERLAP:
        return CLASSES.index(best_type)
    return 0 if best <= NEGATIVE_OVERLAP else None


def gold_spans(name: str, doc: Doc, gold: list[dict]) -> list[LabelledSpan]:
    country = document_country(doc_text(doc))
    tokens = DocTokens.of(doc)
    out = []
    for start, end in candidate_spans(doc, tokens):
        label = gold_label(doc[start:end].text, gold)
        if label is not None:
            features = span_features(doc, start, end, country, tokens)
            out.append(LabelledSpan(name, tuple(features), label, 1.0))
    return out


LABEL_CONNECTORS = vocabulary.words("common_words", uses="label-connector")


def weak_label(
    doc: Doc,
    start: int,
    end: int,
    country: str | None,
    described: dict[str, str],
    capitalised: frozenset[str] | None = None,
) -> int | None:
    span = doc[start:end]
    text = span.text
    if find_body(text, country=country) is not None or body_form_pattern().fullmatch(text):
        return CLASSES.index("Agency")
    tokens = [t for t in span if t.is_alpha]
    if len(tokens) >= 2 and all(
        t.text[:1].isupper() or t.lower_ in LABEL_CONNECTORS for t in tokens
    ):
        type_ = head_type(tokens[-1].text)
        if type_:
            return CLASSES.index(type_)
    if any(e.start == start and e.end == end and e.label_ in NOT_NAME_LABELS for e in doc.ents):
        return 0
    bare = " ".join(t.lower_ for t in span)
    if tokens and tokens[0].text[:1].isupper() and bare in described:
        return CLASSES.index(described[bare])
    if capitalised is not None and is_plain_noun_phrase(span, capitalised):
        return 0
    return None


def is_plain_noun_phrase(span: Span, capitalised: frozenset[str]) -> bool:
    """A description, not a name: a span of two words or more without a capital letter,
    ending in a class head noun ("spending plans", "phased funding agreement"), that its
    release writes once (a phrase a release repeats is a term it uses, sometimes a name:
    "rural public welfare positions") and whose words the bulk corpus never writes
    capitalised. (Spans with a capital ending in a noun of no class, "Metro-North service", as
    negatives too: cross-validated F1 0.822 -> 0.817.)"""
    last = span[-1]
    return (
        len(span) >= 2
        and last.pos_ == "NOUN"
        and bool(head_type(last.text))
        and not any(c.isupper() for c in span.text)
        and " ".join(phrase_words(span.text)) not in capitalised
        and span.doc.text.lower().count(span.text.lower()) == 1
    )


PHRASE_WORD = re.compile(r"[^\W\d_][\w’'&.-]*")
MAX_PHRASE_WORDS = 12
HEADLINE_CAPITALS = 0.6  # a line this share of whose words is capitalised is a headline


def phrase_words(text: str) -> list[str]:
    return [w.lower() for w in written_words(text)]


def written_words(text: str) -> list[str]:
    """The words of a text as written, a sentence's full stop left out ("U.S." kept whole)."""
    return [w if "." in w[:-1] else w.rstrip(".") for w in PHRASE_WORD.findall(text)]


def capitalised_phrases(texts: Iterable[str]) -> frozenset[str]:
    """Every run of up to ``MAX_PHRASE_WORDS`` words (lower case) that the texts write with
    its words capitalised, connectors ("of", "and") allowed inside, outside headlines (a
    title-case headline capitalises any phrase)."""
    out: set[str] = set()
    for text in texts:
        for line in text.splitlines():
            found = written_words(line)
            if found and sum(w[0].isupper() for w in found) <= HEADLINE_CAPITALS * len(found):
                out.update(capitalised_runs(found))
    return frozenset(out)


def capitalised_runs(found: list[str]) -> Iterable[str]:
    """The sub-runs of each run of capitalised words in one line's words."""
    run: list[str] = []
    for word in [*found, ""]:
        if word[:1].isupper() or (run and word.lower() in NAME_CONNECTORS):
            run.append(word.lower())
            continue
        for i in range(len(run)):
            for j in range(i + 1, min(len(run), i + MAX_PHRASE_WORDS) + 1):
                yield " ".join(run[i:j])
        run = []


def described_in_sample(docs: Iterable[Doc]) -> dict[str, str]:
    """The names the releases write with a class head noun after them (lower case -> class),
    from ``DocTokens.described``; a name two classes describe is left out."""
    seen: dict[str, set[str]] = defaultdict(set)
    for doc in docs:
        for name, type_ in DocTokens.of(doc).described.items():
            seen[name].add(type_)
    return {name: next(iter(types)) for name, types in seen.items() if len(types) == 1}


def weak_spans(
    name: str,
    doc: Doc,
    described: dict[str, str],
    capitalised: frozenset[str] | None = None,
) -> list[LabelledSpan]:
    """The weakly labelled spans of one unlabelled release (``described``:
    ``described_in_sample`` of the whole sample; ``capitalised``: ``capitalised_phrases`` of
    the bulk corpus, or None for no plain noun phrases as negatives)."""
    country = document_country(doc_text(doc))
    tokens = DocTokens.of(doc)
    out = []
    for start, end in candidate_spans(doc, tokens):
        label = weak_label(doc, start, end, country, described, capitalised)
        if label is not None:
            features = span_features(doc, start, end, country, tokens)
            out.append(LabelledSpan(name, tuple(features), label, WEAK_WEIGHT))
    return out


LEXICAL = (
    "word=",
    "last=",
    "last_lemma=",
    "head=",
    "first=",
    "prev=",
    "next=",
    "prev2=",
    "suffix=",
    "verb_dep=",
)


def fit(
    spans: list[LabelledSpan],
    l2: float = 5.0,
    min_documents: int = 3,
    lexical_penalty: float = 20.0,
    max_iterations: int = 300,
) -> SpanClassifier:
    """Multinomial logistic regression with an L2 penalty, by L-BFGS, over the features seen
    in at least ``min_documents`` documents: a feature of one document's names (its words)
    would be learnt by heart and say nothing of other documents. Features naming words are
    penalised ``lexical_penalty`` times more than word-free ones (shapes, head classes,
    gazetteer hits), which carry over to names never seen."""
    from scipy.optimize import minimize
    from scipy.sparse import csr_matrix

    hashed = [[feature_index(f) for f in s.features] for s in spans]
    kept = common_features(spans, hashed, min_documents)
    hashed = [[i for i in row if i in kept] for row in hashed]
    used = numpy.array(sorted(kept), dtype=numpy.int64)
    lexical = {feature_index(f) for s in spans for f in s.features if f.startswith(LEXICAL)}
    penalty = l2 * numpy.array([lexical_penalty if i in lexical else 1.0 for i in used])[:, None]
    column = {int(i): k for k, i in enumerate(used)}
    rows = numpy.repeat(numpy.arange(len(spans)), [len(h) for h in hashed])
    columns = numpy.array([column[i] for row in hashed for i in row])
    x = csr_matrix((numpy.ones(len(columns)), (rows, columns)), shape=(len(spans), len(used)))
    y = numpy.zeros((len(spans), len(CLASSES)))
    y[numpy.arange(len(spans)), [s.label for s in spans]] = 1.0
    weight = numpy.array([s.weight for s in spans])
    n_features, n_classes = len(used), len(CLASSES)

    def loss(flat: numpy.ndarray):
        w = flat[:-n_classes].reshape(n_features, n_classes)
        b = flat[-n_classes:]
        scores = x @ w + b
        scores -= scores.max(axis=1, keepdims=True)
        log_p = scores - numpy.log(numpy.exp(scores).sum(axis=1, keepdims=True))
        value = -(weight * (y * log_p).sum(axis=1)).sum() + 0.5 * (penalty * w * w).sum()
        residual = (numpy.exp(log_p) - y) * weight[:, None]
        gradient_w = x.T @ residual + penalty * w
        return value, numpy.concatenate([numpy.asarray(gradient_w).ravel(), residual.sum(axis=0)])

    start = numpy.zeros(n_features * n_classes + n_classes)
    result = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": max_iterations})
    w = result.x[:-n_classes].reshape(n_features, n_classes)
    return SpanClassifier(used, w, result.x[-n_classes:], CLASSES)


def common_features(
    spans: list[LabelledSpan], hashed: list[list[int]], min_documents: int
) -> set[int]:
    documents: dict[int, set[str]] = defaultdict(set)
    for span, row in zip(spans, hashed, strict=True):
        for i in row:
            documents[i].add(span.document)
    return {i for i, names in documents.items() if len(names) >= min_documents}


def predicted_entities(
    classifier: SpanClassifier, doc: Doc, threshold: float
) -> list[tuple[str, tuple[str, ...]]]:
    """(class, names) of each entity the recogniser's rules and the classifier find in a
    document, grouped by identity as a graph would hold them (the classifier scores the spans
    no rule names, as at run time; ``classifier=None``: the rules alone)."""
    recogniser = PolicyEntityRecognizer(None, learned_threshold=threshold)
    found = recogniser.rule_mentions(doc)
    if classifier is not None:
        country = document_country(doc_text(doc))
        found += recogniser.learned_mentions(doc, found, country, classifier)
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for m in found:
        groups[(m.type, m.key)].add(m.name)
    return sorted((type_, tuple(sorted(names))) for (type_, _), names in groups.items())


def evaluate(
    classifier: SpanClassifier | None,
    documents: Iterable[tuple[Doc, list[dict]]],
    threshold: float = 0.5,
) -> dict[str, dict[str, float]]:
    """Entity P/R/F1 per class and overall, matched one-to-one as the scorer matches (same class
    or an alt type, word overlap >= 0.6); optional gold is neither rewarded nor missed."""
    counts = {c: [0, 0, 0] for c in (*CLASSES[1:], "ALL")}  # tp, fp, fn
    for doc, gold in documents:
        predicted = predicted_entities(classifier, doc, threshold)
        matched_gold, matched_pred = match(predicted, gold)
        for i, (type_, _) in enumerate(predicted):
            if i not in matched_pred:
                counts[type_][1] += 1
                counts["ALL"][1] += 1
            elif not gold[matched_pred[i]].get("optional"):
                counts[type_][0] += 1
                counts["ALL"][0] += 1
        for j, entity in enumerate(gold):
            if j not in matched_gold and not entity.get("optional"):
                counts[entity["type"]][2] += 1
                counts["ALL"][2] += 1
    return {c: prf(*v) for c, v in counts.items()}


def match(
    predicted: list[tuple[str, tuple[str, ...]]], gold: list[dict]
) -> tuple[dict[int, int], dict[int, int]]:
    candidates = []
    for i, (type_, names) in enumerate(predicted):
        for j, entity in enumerate(gold):
            if type_ in {entity["type"], *entity.get("alt_types", [])}:
                score = max(
                    overlap(words(name), words(n))
                    for name in names
                    for n in (entity["name"], *entity.get("aliases", []))
                )
                if score >= MATCH_OVERLAP:
                    candidates.append((-score, bool(entity.get("optional")), i, j))
    gold_to_pred, pred_to_gold = {}, {}
    for _, _, i, j in sorted(candidates):
        if i not in pred_to_gold and j not in gold_to_pred:
            pred_to_gold[i], gold_to_pred[j] = j, i
    return gold_to_pred, pred_to_gold


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {
        "p": p,
        "r": r,
        "f1": 2 * p * r / (p + r) if p + r else 0.0,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def folds(names: list[str], k: int) -> list[list[str]]:
    """Documents dealt round-robin into ``k`` folds, in sorted order (deterministic, and each
    fold gets documents of every country since names start with their country)."""
    ordered = sorted(names)
    return [ordered[i::k] for i in range(k)]


def cross_validate(
    gold_docs: dict[str, tuple[Doc, list[dict]]],
    gold_training: dict[str, list[LabelledSpan]],
    weak: list[LabelledSpan],
    k: int = 5,
    threshold: float = 0.5,
    **fit_options,
) -> tuple[dict[str, dict[str, float]], list[dict[str, dict]]]:
    """Per fold: train on the other folds' gold spans plus the weak spans, score the held-back
    documents. Returns the per-class figures summed over all held-back documents, and per fold
    the ALL figures on its held-back documents (``held_out``), of the rules alone on them
    (``rules``) and of its model on the documents it was trained on (``in_sample``)."""
    counts = {c: [0, 0, 0] for c in (*CLASSES[1:], "ALL")}
    per_fold = []
    for fold in folds(list(gold_docs), k):
        training = [
            s for name, spans in gold_training.items() if name not in fold for s in spans
        ] + weak
        classifier = fit(training, **fit_options)
        held_back = [gold_docs[name] for name in fold]
        figures = evaluate(classifier, held_back, threshold)
        for c, f in figures.items():
            counts[c] = [counts[c][0] + f["tp"], counts[c][1] + f["fp"], counts[c][2] + f["fn"]]
        trained_on = [gold_docs[name] for name in gold_docs if name not in fold]
        per_fold.append(
            {
                "held_out": figures["ALL"],
                "rules": evaluate(None, held_back)["ALL"],
                "in_sample": evaluate(classifier, trained_on, threshold)["ALL"],
            }
        )
    return {c: prf(*v) for c, v in counts.items()}, per_fold
