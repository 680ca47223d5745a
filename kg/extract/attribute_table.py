"""spaCy's attribute ruler, applied as a table: the same annotations at a fraction of the cost.

The attribute ruler of spaCy's English pipelines (the tag map and morph rules: 179 patterns in
``en_core_web_sm``) runs a Matcher over every token and sets each match through a Span; on
policy releases it takes about a seventh of the whole pipeline's time, more than any kg
component. Its patterns test a token's tag, lowercase form, dependency label or whitespace
flag, so whether a token passes a pattern's step depends only on those four values.
``AttributeTable`` works out the steps a combination passes once, keeps the answer, and finds
the matches from it: a one-token pattern at every token that passes it, a pattern of several
tokens where consecutive tokens pass its steps in order. Patterns it cannot read this way (an
operator such as ``"OP": "?"``, another attribute) stay in a Matcher of their own. Every match
is applied in the ruler's order (a later pattern wins), so a Doc gets exactly the ruler's
annotations: ``tests/extract/test_attribute_table.py`` compares every token of the dev texts.

``replace_attribute_ruler(nlp)`` swaps a loaded pipeline's ruler for a table with its
patterns; a pipeline without one is left as it is.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.tokens._retokenize import set_token_attrs

__all__ = ["AttributeTable", "make_attribute_table", "replace_attribute_ruler"]

# The token attributes a pattern step may test and still be read from the table: the table's
# key is a token's values of these, in this order.
KEY_ATTRIBUTES = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}
KEY_ORDER = tuple(KEY_ATTRIBUTES.values())
UNNAMED = -1  # the table's lowercase form for words no pattern names (never a hash)
MAX_KEYS = 200_000  # distinct (tag, lower, dep, space) combinations kept; emptied when full

Step = tuple[int, int]  # (pattern read into the table, position of the step in it)
INDEX_PREFERENCE = (LOWER, DEP, TAG, IS_SPACE)  # most selective first
ARRAY_ATTRIBUTES = {POS, TAG, MORPH, LEMMA, DEP}


class KeySteps(NamedTuple):
    """What the table knows of one (tag, lower, dep, space) combination."""

    singles: tuple[int, ...]  # ids of the one-token patterns it matches, in the ruler's order
    starts: tuple[int, ...]  # patterns of several tokens whose first step it passes
    passed: frozenset[Step]  # every step it passes


class AttributeTable(AttributeRuler):
    """An attribute ruler that finds its matches from a table of the steps each (tag, lower,
    dep, space) combination passes; it annotates a Doc exactly as ``AttributeRuler`` does, and
    keeps its patterns, scoring and serialisation."""

    stale = True  # the patterns changed since the table was built

    def add(self, *args, **kwargs) -> None:
        super().add(*args, **kwargs)
        self.stale = True

    def clear(self) -> None:
        super().clear()
        self.stale = True

    def __call__(self, doc: Doc) -> Doc:
        try:
            self.set_annotations_from_table(doc)
            return doc
        except Exception as e:  # as the ruler does: the pipeline's error handler decides
            return self.get_error_handler()(self.name, self, [doc], e)

    def set_annotations_from_table(self, doc: Doc) -> None:
        if self.stale:
            self.compile()
        matches = self.matches_by_token(doc)
        if not matches:
            return
        if not self.columns:  # an attribute only a Token can take: set token by token
            for i, pattern_ids in sorted(matches.items()):
                for pattern_id in pattern_ids:
                    set_token_attrs(doc[i], self.attrs[pattern_id])
            return
        rows = doc.to_array(self.columns).reshape(len(doc), len(self.columns)).tolist()
        for i, pattern_ids in matches.items():
            row = rows[i]
            for column, value in self.merged_values(pattern_ids):
                row[column] = value
        doc.from_array(self.columns, numpy.array(rows, dtype=numpy.uint64))

    def merged_values(self, pattern_ids: tuple[int, ...]) -> tuple[tuple[int, int], ...]:
        """(column, value) pairs the patterns leave, a later pattern overriding an earlier."""
        merged = self.merged_by_ids.get(pattern_ids)
        if merged is None:
            values = {}
            for pattern_id in pattern_ids:
                values.update(self.attrs[pattern_id])
            merged = tuple((self.columns.index(a), v) for a, v in values.items())
            self.merged_by_ids[pattern_ids] = merged
        return merged

    def compile(self) -> None:
        """Steps of the patterns the table can read, indexed by a value they require; a
        Matcher for the rest."""
        self.pattern_ids: list[int] = []  # per pattern read into the table: its id ...
        self.lengths: list[int] = []  # ... and its number of steps
        self.steps_by_value: dict[tuple[int, int], list[tuple[Step, list[Condition]]]] = {}
        self.unindexed_steps: list[tuple[Step, list[Condition]]] = []
        self.named_lowers: set[int] = set()  # every word a LOWER condition names ...
        self.lower_regexes: list[re.Pattern] = []  # ... or tests with a regular expression
        self.rest = Matcher(self.vocab)
        for pattern_id in range(len(self.attrs)):
            for pattern in self.matcher.get(str(pattern_id))[1]:
                self.add_to_table(pattern_id, pattern)
        self.steps_by_key: dict[tuple[int, ...], KeySteps] = {}
        self.lower_classes: dict[int, int] = {}
        self.columns = array_columns(self.attrs)
        self.merged_by_ids: dict[tuple[int, ...], tuple[tuple[int, int], ...]] = {}
        self.stale = False

    def add_to_table(self, pattern_id: int, pattern: list[dict]) -> None:
        steps = [step_conditions(step, self.vocab) for step in pattern]
        one_token_elsewhere = len(pattern) == 1 and self.indices[pattern_id] not in (0, -1)
        if not steps or one_token_elsewhere or any(c is None for c in steps):
            self.rest.add(str(pattern_id), [pattern])  # (the ruler's error for a bad index)
            return
        entry = len(self.pattern_ids)
        self.pattern_ids.append(pattern_id)
        self.lengths.append(len(pattern))
        for position, conditions in enumerate(steps):
            self.index_step((entry, position), conditions)
            self.note_lowers(conditions)

    def note_lowers(self, conditions: list[Condition]) -> None:
        for condition in conditions:
            if condition.attribute != LOWER:
                continue
            if condition.kind == "regex":
                self.lower_regexes.append(condition.argument)
            else:
                self.named_lowers |= condition.argument

    def index_step(self, step: Step, conditions: list[Condition]) -> None:
        """Filed under each value its most selective IN condition accepts, so that a token is
        tested only against the steps it could pass."""
        required = [c for c in conditions if c.kind == "in"]
        if not required:
            self.unindexed_steps.append((step, conditions))
            return
        anchor = min(required, key=lambda c: INDEX_PREFERENCE.index(c.attribute))
        for value in anchor.argument:
            self.steps_by_value.setdefault((anchor.attribute, value), []).append((step, conditions))

    def table_key(self, tag: int, lower: int, dep: int, space: int) -> tuple[int, ...]:
        return tag, self.lower_class(lower), dep, space

    def lower_class(self, lower: int) -> int:
        """``lower`` itself when a condition names the word or its regex matches it, else
        UNNAMED: all other words pass and fail the same steps, and share their table rows."""
        known = self.lower_classes.get(lower)
        if known is None:
            if len(self.lower_classes) >= MAX_KEYS:
                self.lower_classes.clear()
            word = self.vocab.strings[lower]
            named = lower in self.named_lowers or any(r.search(word) for r in self.lower_regexes)
            known = self.lower_classes[lower] = lower if named else UNNAMED
        return known

    def key_steps(self, key: tuple[int, ...]) -> KeySteps:
        known = self.steps_by_key.get(key)
        if known is None:
            if len(self.steps_by_key) >= MAX_KEYS:
                self.steps_by_key.clear()
            known = self.steps_by_key[key] = self.work_out(key)
        return known

    def work_out(self, key: tuple[int, ...]) -> KeySteps:
        values = dict(zip(KEY_ORDER, key, strict=True))
        candidates = [*self.unindexed_steps]
        for attribute, value in values.items():
            candidates += self.steps_by_value.get((attribute, value), ())
        strings = self.vocab.strings
        passed = frozenset(
            step
            for step, conditions in candidates
            if all(c.holds(values, strings) for c in conditions)
        )
        firsts = sorted(entry for entry, position in passed if position == 0)
        singles = sorted({self.pattern_ids[e] for e in firsts if self.lengths[e] == 1})
        starts = tuple(e for e in firsts if self.lengths[e] > 1)
        return KeySteps(tuple(singles), starts, passed)

    def matches_by_token(self, doc: Doc) -> dict[int, tuple[int, ...]]:
        """The ids of the patterns that set each token, in the ruler's order."""
        table = [self.key_steps(self.table_key(*key)) for key in token_keys(doc)]
        matches = {i: steps.singles for i, steps in enumerate(table) if steps.singles}
        longer: dict[int, set[int]] = {}
        for start, steps in enumerate(table):
            for entry in steps.starts:
                end = start + self.lengths[entry]
                if self.passes_from(table, entry, start, end):
                    self.add_match(longer, doc, self.pattern_ids[entry], start, end)
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True):
                self.add_match(longer, doc, int(self.vocab.strings[match_id]), start, end)
        for i, pattern_ids in longer.items():
            matches[i] = tuple(sorted(pattern_ids.union(matches.get(i, ()))))
        return matches

    @staticmethod
    def passes_from(table: list[KeySteps], entry: int, start: int, end: int) -> bool:
        """Tokens ``start`` to ``end`` pass the pattern's steps in order."""
        return end <= len(table) and all(
            (entry, k) in table[start + k].passed for k in range(1, end - start)
        )

    def add_match(self, by_token, doc: Doc, pattern_id: int, start: int, end: int) -> None:
        """The match sets the token its pattern's index names (negative from the end)."""
        target = doc[start:end][self.indices[pattern_id]].i
        by_token.setdefault(target, set()).add(pattern_id)


def array_columns(attrs: list[dict]) -> list[int]:
    """The attributes the patterns set, when every one is a plain token field that
    ``Doc.from_array`` writes as ``set_token_attrs`` does; else none."""
    columns = sorted({name for a in attrs for name in a})
    return columns if set(columns) <= ARRAY_ATTRIBUTES else []


def token_keys(doc: Doc) -> list[list[int]]:
    if not len(doc):
        return []
    return doc.to_array(KEY_ORDER).reshape(len(doc), len(KEY_ORDER)).tolist()


@Language.factory("kg_attribute_table", default_config={"validate": False})
def make_attribute_table(nlp: Language, name: str, validate: bool) -> AttributeTable:
    return AttributeTable(nlp.vocab, name, validate=validate)


def replace_attribute_ruler(nlp: Language) -> Language:
    """Swap each AttributeRuler of ``nlp`` for an AttributeTable with its patterns, in place
    (same name, same position)."""
    for name, component in list(nlp.pipeline):
        if type(component) is AttributeRuler:
            nlp.replace_pipe(name, "kg_attribute_table")
            nlp.get_pipe(name).add_patterns(component.patterns)
    return nlp


# ---------------------------------------------------------------- one step's conditions


class Condition(NamedTuple):
    """The Matcher's comparison of one token attribute with a pattern value, on hashes:
    ``in`` (a value or IN), ``not_in`` (NOT_IN) or ``regex`` (REGEX, on the string)."""

    attribute: int
    kind: str
    argument: frozenset | re.Pattern

    def holds(self, values: dict[int, int], strings) -> bool:
        value = values[self.attribute]
        if value == UNNAMED:  # a word no condition names and no regex matches
            return self.kind == "not_in"
        if self.kind == "in":
            return value in self.argument
        if self.kind == "not_in":
            return value not in self.argument
        return self.argument.search(strings[value]) is not None


def step_conditions(step: dict, vocab) -> list[Condition] | None:
    """A pattern step as one condition per attribute, or None when the table cannot read it
    (an operator, another attribute, a predicate other than IN, NOT_IN and REGEX)."""
    if "OP" in step:
        return None
    conditions = []
    for name, value in step.items():
        attribute = KEY_ATTRIBUTES.get(name.upper())
        condition = None if attribute is None else value_condition(attribute, value, vocab)
        if condition is None:
            return None
        conditions.append(condition)
    return conditions


def value_condition(attribute: int, value, vocab) -> Condition | None:
    if not isinstance(value, dict):
        return Condition(attribute, "in", frozenset({matcher_value(value, vocab)}))
    if len(value) != 1:
        return None
    (predicate, argument), *_ = value.items()
    if predicate in ("IN", "NOT_IN"):
        hashes = frozenset(matcher_value(v, vocab) for v in argument)
        return Condition(attribute, predicate.lower(), hashes)
    if predicate == "REGEX" and attribute != IS_SPACE:
        return Condition(attribute, "regex", re.compile(argument))
    return None


def matcher_value(value, vocab) -> int:
    if isinstance(value, bool):
        return int(value)
    return vocab.strings.add(value) if isinstance(value, str) else value
