"""The attribute table gives every token exactly the annotations spaCy's attribute ruler gives.

Each Doc is parsed once up to the ruler; one copy goes through spaCy's ``AttributeRuler``, the
other through kg's ``AttributeTable`` with the same patterns, and every token is compared.
"""

from __future__ import annotations

import pytest
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc, Token

from kg.extract.attribute_table import AttributeTable, replace_attribute_ruler

from ..conftest import EXAMPLES, SHARED

BULK_RELEASES = 40


def texts() -> list[str]:
    paths = sorted(EXAMPLES.glob("*.txt")) + sorted((SHARED / "corpus" / "dev").glob("*.txt"))
    paths += sorted((SHARED / "corpus" / "bulk").glob("*.txt"))[:BULK_RELEASES]
    return [p.read_text(encoding="utf-8") for p in paths]


def annotations(doc: Doc) -> list[tuple]:
    return [(t.i, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc]


def ruler_and_table(nlp, patterns: list[dict]) -> tuple[AttributeRuler, AttributeTable]:
    ruler = AttributeRuler(nlp.vocab)
    ruler.add_patterns(patterns)
    table = AttributeTable(nlp.vocab)
    table.add_patterns(patterns)
    return ruler, table


def parsed_before_ruler(nlp, text: str) -> Doc:
    """``text`` through the pipeline up to the attribute ruler (tagged and parsed)."""
    names = nlp.pipe_names
    with nlp.select_pipes(enable=names[: names.index("attribute_ruler")]):
        return nlp(text)


def assert_same_annotations(nlp, ruler, table, text: str) -> None:
    doc = parsed_before_ruler(nlp, text)
    by_ruler, by_table = ruler(doc.copy()), table(doc.copy())
    assert annotations(by_table) == annotations(by_ruler), text[:80]


def test_the_pipeline_reads_its_ruler_as_a_table(nlp):
    table = nlp.get_pipe("attribute_ruler")
    assert type(table) is AttributeTable
    assert nlp.pipe_names.index("attribute_ruler") == nlp.pipe_names.index("parser") + 1
    assert len(table.patterns) > 100  # the model's tag map and morph rules, all kept


def test_every_token_of_real_texts_is_annotated_as_by_the_ruler(nlp):
    ruler, table = ruler_and_table(nlp, nlp.get_pipe("attribute_ruler").patterns)
    corpus = texts()
    assert len(corpus) >= 3
    for text in corpus:
        assert_same_annotations(nlp, ruler, table, text)


WRITTEN_PATTERNS = [
    {"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "NOUN", "MORPH": "Number=Sing"}},
    {"patterns": [[{"TAG": "NN", "LOWER": "growth"}]], "attrs": {"LEMMA": "grow-th"}},
    {"patterns": [[{"LOWER": {"IN": ["rose", "fell"]}}]], "attrs": {"POS": "VERB"}},
    {"patterns": [[{"TAG": {"NOT_IN": ["NN", "NNS"]}, "DEP": "nsubj"}]], "attrs": {"POS": "X"}},
    {"patterns": [[{"LOWER": {"REGEX": "^per"}}]], "attrs": {"LEMMA": "per-"}},
    # several tokens, the index naming the last (negative) and the first
    {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"LEMMA": "%"}, "index": -1},
    {"patterns": [[{"LOWER": "per"}, {"LOWER": "cent"}]], "attrs": {"POS": "SYM"}, "index": 0},
    # an operator: left to the Matcher
    {"patterns": [[{"LOWER": "up"}, {"IS_PUNCT": True, "OP": "?"}, {"LIKE_NUM": True}]],
     "attrs": {"POS": "ADP"}},
    # a later pattern overrides an earlier one on the same token
    {"patterns": [[{"LOWER": "rose"}]], "attrs": {"POS": "AUX"}},
]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Revenue rose 8 per cent and growth fell, up 12 percent.",
        "Per capita income grew. Growth fell to 5 per cent; exports rose up 7.",
        "",
        "\n\n   \n",
    ],
)
def test_written_patterns_are_applied_as_by_the_ruler(nlp, text):
    ruler, table = ruler_and_table(nlp, WRITTEN_PATTERNS)
    assert_same_annotations(nlp, ruler, table, text)


def test_patterns_added_after_use_are_read(nlp):
    ruler, table = ruler_and_table(nlp, WRITTEN_PATTERNS[:1])
    text = "Revenue rose 8 per cent."
    assert_same_annotations(nlp, ruler, table, text)
    extra = [{"patterns": [[{"LOWER": "cent"}]], "attrs": {"LEMMA": "hundredth"}}]
    ruler.add_patterns(extra)
    table.add_patterns(extra)
    assert_same_annotations(nlp, ruler, table, text)
    assert parsed_before_ruler(nlp, text) and table(parsed_before_ruler(nlp, text))[4].lemma_ == (
        "hundredth"
    )


def test_patterns_replaced_after_use_are_read(nlp):
    ruler, table = ruler_and_table(nlp, WRITTEN_PATTERNS[:1])
    text = "Revenue rose 8 per cent."
    assert_same_annotations(nlp, ruler, table, text)
    other = [{"patterns": [[{"TAG": "NN"}]], "attrs": {"POS": "PROPN"}}]  # as many patterns
    for component in (ruler, table):
        component.clear()
        component.add_patterns(other)
    assert_same_annotations(nlp, ruler, table, text)


def test_extension_attributes_are_set_token_by_token(nlp):
    Token.set_extension("kg_test_unit", default=None, force=True)
    patterns = [{"patterns": [[{"LOWER": "cent"}]], "attrs": {"_": {"kg_test_unit": "%"}}}]
    ruler, table = ruler_and_table(nlp, patterns)
    doc = parsed_before_ruler(nlp, "Up 8 per cent.")
    assert [t._.kg_test_unit for t in table(doc)] == [None, None, None, "%", None]


def test_replacing_keeps_name_position_and_patterns_and_is_idempotent():
    import spacy

    from kg.settings import resolve_model_name

    plain = spacy.load(resolve_model_name(None))
    names, patterns = plain.pipe_names, plain.get_pipe("attribute_ruler").patterns
    replace_attribute_ruler(plain)
    table = plain.get_pipe("attribute_ruler")
    assert plain.pipe_names == names and type(table) is AttributeTable
    assert table.patterns == patterns
    replace_attribute_ruler(plain)
    assert plain.get_pipe("attribute_ruler") is table


def test_the_table_serialises_as_the_ruler(nlp):
    table = nlp.get_pipe("attribute_ruler")
    copy = AttributeTable(nlp.vocab).from_bytes(table.to_bytes())
    assert copy.patterns == table.patterns
