"""The spaCy wiring: kg's components registered as factories, added to a loaded pipeline.

Component order: ``kg_line_breaks`` (before the parser) -> the base pipeline (tagger, parser,
attribute ruler, lemmatizer, ner) -> ``kg_entities`` -> ``kg_observations`` -> ``kg_relations``.
The base pipeline's attribute ruler becomes an ``AttributeTable`` (``attribute_table``): the
same patterns and annotations, read from a table. The factories are
also ``spacy_factories`` entry points (``pyproject.toml``), so that after ``pip install`` any
English pipeline can add them by name::

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("kg_line_breaks", before="parser")
    for name in ("kg_entities", "kg_observations", "kg_relations"):
        nlp.add_pipe(name)

Each factory declares what it ``requires`` and ``assigns`` (``nlp.analyze_pipes()`` checks the
order). A processed Doc becomes plain records in ``kg.extract.doc_to_facts``.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LOWER, ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from . import vocabulary
from .amounts.vocabulary import currency_symbols
from .amounts.vocabulary import words as amount_words
from .attribute_table import replace_attribute_ruler
from .entities import PolicyEntityRecognizer
from .observations import ObservationExtractor
from .relations import RelationExtractor
from .text import BULLETS, token_indices

__all__ = [
    "add_policy_components",
    "parse_long_text",
    "paragraph_chunks",
    "COMPONENTS",
    "make_entity_recognizer",
    "make_observation_extractor",
    "make_relation_extractor",
    "line_breaks_end_sentences",
]

COMPONENTS = ("kg_entities", "kg_observations", "kg_relations")
# Their "." ends no sentence ("Rs. 2,258 crore"); the tokenizer keeps some whole ("Rs." split
# into "Rs" + "." misleads the parser).
ABBREVIATIONS = vocabulary.words("abbreviations", continues_sentence="yes")
TOKEN_ABBREVIATIONS = tuple(
    form
    for forms in vocabulary.column("abbreviations", "token_forms").values()
    for form in forms.split("|")
    if form
)


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks_end_sentences(doc: Doc) -> Doc:
    """A line break ends a sentence: headers, datelines and list items are not run together
    with the next line ("Posted On ... by PIB Delhi" + "The Ministry issued ...").
    spaCy keeps line breaks as whitespace tokens, so the token after one starts a sentence."""
    starts = doc.to_array(SENT_START).view(
        "int64"
    )  # 1: starts a sentence, -1: does not, 0: parser's choice
    for i in sentence_edge_candidates(doc):
        previous = doc[i - 1]
        if "\n" in previous.text:
            starts[i] = 1
        elif (
            ends_abbreviation(doc, i - 1)
            or previous.like_num
            and doc[i].lower_ in amount_words("scale")
            or previous.text in BULLETS
            and (i == 1 or "\n" in doc[i - 2].text)
            or doc[i].text[:1].isdigit()
            and (previous.lower_ in currency_symbols() or is_month_abbreviation(previous))
            or doc[i].text in PERCENT_SIGNS
            and previous.like_num
            and not previous.whitespace_
        ):
            # "Rs. 2,258 Crore", "No. 5", "- item", "Rs 812", "£6bn", "Nov. 17", the "%" of a
            # figure alone on its line ("14%"): none starts one
            starts[i] = -1
    # One write: each Token.is_sent_start assignment scans the whole Doc for a parse first.
    doc.from_array([SENT_START], starts.view("uint64").reshape(-1, 1))
    return doc


def sentence_edge_candidates(doc: Doc) -> list[int]:
    """The tokens the rules above may apply to, in order: those after a line break, a word
    ending in "." or a bullet, or a currency ("Rs", "$"), and scale words ("crore") and
    percent signs."""
    after = token_indices(
        doc, ORTH, lambda text: "\n" in text or text.endswith(".") or text in BULLETS
    )
    scales = token_indices(doc, LOWER, lambda lower: lower in amount_words("scale"))
    money = token_indices(doc, LOWER, lambda lower: lower in currency_symbols())
    percents = token_indices(doc, ORTH, lambda text: text in PERCENT_SIGNS)
    return sorted(
        {i + 1 for i in [*after, *money] if i + 1 < len(doc)}
        | {i for i in [*scales, *percents] if i > 0}
    )


PERCENT_SIGNS = {"%", "％"}


def is_month_abbreviation(token) -> bool:
    """ "Nov." in "between Jan. 1 and Nov. 17": an abbreviated month before its day."""
    return token.text.endswith(".") and token.text[:-1].lower() in MONTH_ABBREVIATIONS


MONTH_ABBREVIATIONS = vocabulary.words("months", form="abbreviation")


def ends_abbreviation(doc: Doc, i: int) -> bool:
    """Token ``i`` is "Rs." or the "." of "Rs" + "."."""
    token = doc[i]
    if token.text == "." and i > 0 and not doc[i - 1].whitespace_:
        token = doc[i - 1]
    elif not token.text.endswith("."):
        return False
    return token.lower_.rstrip(".") in ABBREVIATIONS


@Language.factory(
    "kg_entities",
    assigns=["doc._.kg_mentions"],
    requires=["token.pos", "token.dep", "token.lemma", "token.ent_type"],
    default_config={"min_name_words": 2, "learned_threshold": 0.5},
)
def make_entity_recognizer(
    nlp: Language, name: str, min_name_words: int, learned_threshold: float
) -> PolicyEntityRecognizer:
    return PolicyEntityRecognizer(
        nlp, name, min_name_words=min_name_words, learned_threshold=learned_threshold
    )


@Language.factory(
    "kg_observations",
    assigns=["doc._.kg_observations"],
    requires=[
        "doc._.kg_mentions",
        "token.pos",
        "token.dep",
        "token.lemma",
        "token.ent_type",
        "doc.sents",
        "doc.ents",
    ],
    default_config={"max_change_distance": 90},
)
def make_observation_extractor(
    nlp: Language, name: str, max_change_distance: int
) -> ObservationExtractor:
    return ObservationExtractor(nlp, name, max_change_distance=max_change_distance)


@Language.factory(
    "kg_relations",
    assigns=["doc._.kg_relations", "doc._.kg_people", "doc._.kg_issuer", "doc._.kg_reporters"],
    requires=[
        "doc._.kg_mentions",
        "token.pos",
        "token.dep",
        "token.lemma",
        "doc.sents",
        "doc.ents",
    ],
    default_config={"role_window": 60},
)
def make_relation_extractor(nlp: Language, name: str, role_window: int) -> RelationExtractor:
    return RelationExtractor(nlp, name, role_window=role_window)


def add_policy_components(nlp: Language) -> Language:
    """Add the ``kg`` components to a loaded English pipeline (idempotent), and read its
    attribute ruler's patterns as a table (the same annotations, a seventh less time)."""
    replace_attribute_ruler(nlp)
    for abbreviation in TOKEN_ABBREVIATIONS:
        nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    split_full_width_dashes(nlp)
    if "kg_line_breaks" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("kg_line_breaks", before="parser")
    for component in COMPONENTS:
        if component not in nlp.pipe_names:
            nlp.add_pipe(component, last=True)
    return nlp


FULL_WIDTH_DASH = "－"  # text from Chinese sources: "in a decade－0.8 percent－to reach"


def split_full_width_dashes(nlp: Language) -> None:
    """A full-width dash splits the words around it (spaCy's English infixes leave
    "decade－0.8" one token, and the parse around it falls apart)."""
    infixes = [*(nlp.Defaults.infixes or ()), FULL_WIDTH_DASH]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer


def parse_long_text(nlp: Language, text: str, chunk_chars: int | None = None) -> Doc:
    """A long text: the base pipeline runs on paragraph chunks of at most ``chunk_chars``
    (default ``nlp.max_length``), one at a time so that memory follows the chunk, not the
    text; the chunks are joined into one Doc (the same text, so every offset is the
    document's), and the ``kg`` components run on the whole, so that names and acronyms link
    across chunks."""
    with nlp.select_pipes(disable=[c for c in COMPONENTS if c in nlp.pipe_names]):
        pieces = paragraph_chunks(text, chunk_chars or nlp.max_length)
        chunks = [without_tensor(chunk) for chunk in nlp.pipe(pieces, batch_size=1)]
    doc = Doc.from_docs(chunks, ensure_whitespace=False, exclude=["tensor"])
    del chunks
    for name in COMPONENTS:
        doc = nlp.get_pipe(name)(doc)
    return doc


def without_tensor(doc: Doc) -> Doc:
    """``doc`` without its tok2vec tensor (384 bytes a token in en_core_web_sm), which no kg
    component reads: most of a long text's memory once parsed."""
    doc.tensor = numpy.zeros((0,), dtype="float32")  # a Doc's value when no tensor was set
    return doc


def paragraph_chunks(text: str, limit: int) -> list[str]:
    """Consecutive slices of ``text``, each at most ``limit`` characters, cut after a blank
    line where possible, else after a line break, a sentence end, or at the limit.

    >>> paragraph_chunks("one.\\n\\ntwo.\\n\\nthree.", 12)
    ['one.\\n\\ntwo.\\n\\n', 'three.']
    """
    chunks, start = [], 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = next(
            (window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ") if window.rfind(sep) > 0),
            limit,
        )
        chunks.append(text[start : start + cut])
        start += cut
    chunks.append(text[start:])
    return chunks
