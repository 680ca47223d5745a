"""The spaCy wiring (``kg.extract.components``): the factories declare what they read and set,
and are entry points any English pipeline can add by name."""

import subprocess
import sys
from importlib.metadata import entry_points

import pytest

from kg.extract.components import COMPONENTS
from kg.settings import resolve_model_name

FACTORIES = ("kg_line_breaks", *COMPONENTS)
ENTRY_POINTS = (*FACTORIES, "kg_attribute_table")  # (the table takes the ruler's pipe name)


def set_by_attribute_ruler(nlp) -> set[str]:
    """What the base pipeline's attribute_ruler sets without declaring it (its patterns map
    the tagger's tags to ``token.pos``), so that ``analyze_pipes`` cannot see it."""
    if "attribute_ruler" not in nlp.pipe_names:
        return set()
    patterns = nlp.get_pipe("attribute_ruler").patterns
    return {f"token.{attribute.lower()}" for pattern in patterns for attribute in pattern["attrs"]}


def test_the_pipeline_order_meets_every_declared_requirement(nlp):
    analysis = nlp.analyze_pipes()
    unmet = {
        name: set(problems) - set_by_attribute_ruler(nlp)
        for name, problems in analysis["problems"].items()
    }
    assert unmet == {name: set() for name in nlp.pipe_names}
    declared = {name: analysis["summary"][name] for name in FACTORIES}
    assert "doc._.kg_mentions" in declared["kg_observations"]["requires"]
    assert "doc._.kg_mentions" in declared["kg_relations"]["requires"]
    assert declared["kg_entities"]["assigns"] == ["doc._.kg_mentions"]


@pytest.mark.parametrize("name", ENTRY_POINTS)
def test_each_factory_is_a_spacy_entry_point(name):
    found = {point.name: point for point in entry_points(group="spacy_factories")}
    assert name in found
    assert callable(found[name].load())


def test_a_pipeline_adds_the_components_by_name_without_importing_kg():
    """A fresh process that never imports kg: spaCy finds the factories through the entry points."""
    script = (
        "import spacy\n"
        f"nlp = spacy.load({resolve_model_name()!r})\n"
        "nlp.add_pipe('kg_line_breaks', before='parser')\n"
        "for name in ('kg_entities', 'kg_observations', 'kg_relations'):\n"
        "    nlp.add_pipe(name)\n"
        "doc = nlp('The Ministry of Power issued the National Grid Plan. '\n"
        "          'Exports reached 5,000 tonnes in 2024.')\n"
        "print(sorted(m.name for m in doc._.kg_mentions), len(doc._.kg_observations))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['Ministry of Power', 'National Grid Plan'] 1"
