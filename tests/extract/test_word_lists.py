"""The extractor's words live in its tables (``kg/extract/data``), none in code (issue 19).

A guard reads the extraction modules with ``ast`` and fails on a set, tuple or list literal
holding two or more English words ("the", "more than"); the names of schemes that are not
English text (spaCy's labels, unit codes, the tables' roles, the extractor's own rule names) are
allowed, each list checked against its scheme where one exists. A second test reads every table
use the code asks for and fails when the table has no word of it.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest
from spacy.glossary import GLOSSARY

from kg.extract import vocabulary
from kg.extract.amounts import vocabulary as amount_vocabulary

KG = Path(__file__).resolve().parents[2] / "kg"
# The modules whose words decide what is extracted: the extractor, and the metric and name keys
# the graph is built with
MODULES = sorted([*(KG / "extract").rglob("*.py"), KG / "metrics.py", KG / "names.py"])
WORD = re.compile(r"[a-z][a-z' -]*")  # a lowercase word or phrase of English

# Names of schemes, not English words to find in text: a literal may hold these when all of its
# words come from one of them.
ALLOWED = {
    # spaCy's dependency labels (the English models' ClearNLP scheme; "obj" is Universal
    # Dependencies')
    "spacy dependency labels": set(
        "ROOT acl acomp advcl advmod agent amod appos attr aux auxpass case cc ccomp compound conj "
        "csubj csubjpass dative dep det dobj expl intj mark meta neg nmod npadvmod nsubj nsubjpass "
        "nummod obj oprd parataxis pcomp pobj poss preconj predet prep prt punct quantmod relcl "
        "xcomp".split()
    ),
    # the quantity reader's unit codes (data/amount_units.tsv, column "code")
    "unit codes": set("percent pp times point minute hour day week month year decade".split()),
    # roles and uses of the tables, read one after another (verbs.tsv uses, amount_words roles)
    "table roles": set("launch responsibility funding report rise fall".split()),
    # the extractor's own names for how a mention was found and what role a relation's words
    # play: compared with no text
    "rule names": set(
        "head quote lexicon acronym reference descriptive subject agent object passive".split()
    ),
}


def word_strings(node: ast.expr) -> list[str]:
    return [
        e.value
        for e in getattr(node, "elts", [])
        if isinstance(e, ast.Constant) and isinstance(e.value, str) and WORD.fullmatch(e.value)
    ]


def is_suffix_argument(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    """``w.endswith(("ss", "us", "is"))``: endings of a spelling, not words."""
    call = parents.get(node)
    return (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Attribute)
        and call.func.attr == "endswith"
    )


def is_export_list(node: ast.AST, parents: dict[ast.AST, ast.AST]) -> bool:
    assign = parents.get(node)
    return isinstance(assign, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "__all__" for t in assign.targets
    )


def word_lists(source: str) -> Iterator[tuple[int, list[str]]]:
    """(line, words) of every literal collection holding two or more English words that are
    not all the names of one allowed scheme."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    for node in ast.walk(tree):
        if not isinstance(node, (ast.Set, ast.Tuple, ast.List)):
            continue
        words = word_strings(node)
        if len(words) < 2 or is_suffix_argument(node, parents) or is_export_list(node, parents):
            continue
        if not any(set(words) <= names for names in ALLOWED.values()):
            yield node.lineno, words


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(KG)))
def test_no_extraction_module_spells_a_word_list(path):
    found = list(word_lists(path.read_text(encoding="utf-8")))
    assert found == [], f"{path.name}: move these words to kg/extract/data: {found}"


@pytest.mark.parametrize(
    "source, found",
    [
        ('STOP = {"the", "of"}', [(1, ["the", "of"])]),
        ('def f(w):\n    return w in ("of", "for")', [(2, ["of", "for"])]),
        ('BOUNDS = frozenset(["more than", "less than"])', [(1, ["more than", "less than"])]),
        ('ROLES = {"nsubj", "dobj", "the"}', [(1, ["nsubj", "dobj", "the"])]),  # mixed
        ('ROLES = {"nsubj", "dobj"}', []),
        ('LABELS = {"PERSON", "GPE"}', []),
        ('__all__ = ["words", "column"]', []),
        ('ok = w.endswith(("ss", "us"))', []),
        ('NAME = "of"', []),  # one word alone is no list
    ],
)
def test_the_guard_finds_english_word_lists_and_only_those(source, found):
    assert list(word_lists(source)) == found


def test_allowed_dependency_labels_are_spacy_labels(nlp):
    labels = set(nlp.get_pipe("parser").labels) | set(GLOSSARY)
    assert ALLOWED["spacy dependency labels"] - labels == set()


def test_allowed_unit_codes_are_codes_of_the_unit_table():
    codes = set(vocabulary.column("amount_units", "code").values())
    assert ALLOWED["unit codes"] - codes == set()


def test_allowed_table_roles_are_roles_of_the_tables():
    uses = {use for row in vocabulary.rows("verbs") for use in row["uses"].split(",")}
    roles = {row["role"] for row in vocabulary.rows("amount_words")}
    assert ALLOWED["table roles"] - (uses | roles) == set()


# -- the uses the code reads ------------------------------------------------------------------


def constant(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def amount_word_readers(tree: ast.Module, path: Path) -> set[str]:
    """The names a module reads the quantity reader's roles by: ``words`` inside its package,
    ``words`` or ``amount_words`` imported from it elsewhere."""
    if "amounts" in path.parts:
        return {"words"}
    return {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module == "amounts.vocabulary"
        for alias in node.names
        if alias.name == "words"
    }


def table_reads(path: Path) -> Iterator[tuple[str, object]]:
    """(description, the words read) of every read with constant arguments in one module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    role_readers = amount_word_readers(tree, path)
    for call in ast.walk(tree):
        if not isinstance(call, ast.Call):
            continue
        name, args = called_name(call), [constant(a) for a in call.args]
        conditions = {k.arg: constant(k.value) for k in call.keywords}
        if None in args or None in conditions.values():
            continue  # read with a variable: checked where the variable is
        if name == "heads" and not args and conditions:
            yield f"heads({conditions})", vocabulary.heads(**conditions)
        elif name == "common_words" and len(args) == 1:
            yield f'common_words("{args[0]}")', amount_vocabulary.common_words(args[0])
        elif name in role_readers and isinstance(call.func, ast.Name) and len(args) == 1:
            yield f'amount words("{args[0]}")', amount_vocabulary.words(args[0])
        elif name == "words" and len(args) == 1:
            yield f"words({args[0]}, {conditions})", vocabulary.words(args[0], **conditions)
        elif name == "column" and len(args) == 2:
            yield f"column({args}, {conditions})", vocabulary.column(*args, **conditions)


READS = [(path, *read) for path in MODULES for read in table_reads(path)]


def test_the_code_reads_tables_with_constant_uses():
    assert len(READS) > 100  # the search below finds the reads (one per use, table or role)


@pytest.mark.parametrize("path, read, words", READS, ids=[f"{p.name}:{r}" for p, r, _ in READS])
def test_every_use_the_code_reads_has_words_in_its_table(path, read, words):
    assert words, f"{path.name} reads {read}: the table has no such words"


@pytest.mark.parametrize("table, column", [("common_words", "uses"), ("verbs", "uses")])
def test_every_use_in_a_table_is_said_in_its_header(table, column):
    text = resources.files("kg.extract").joinpath(f"data/{table}.tsv").read_text("utf-8")
    header = " ".join(line[1:].strip() for line in text.splitlines() if line.startswith("#"))
    uses = {use for row in vocabulary.rows(table) for use in row[column].split(",") if use}
    assert {use for use in uses if not re.search(rf"\b{re.escape(use)} \(", header)} == set()
