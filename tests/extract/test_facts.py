"""A long text is read section by section (kg.builder.facts_of_long_text): the sections' facts,
shifted to document offsets and merged, are one document's facts."""

from __future__ import annotations

import pytest

from kg import builder
from kg.extract.facts import (
    AcronymUse,
    DocumentFacts,
    EntityFact,
    Evidence,
    ObservationFact,
    RelationFact,
    merged_facts,
    shifted_facts,
)

PARAGRAPH = (
    "The Ministry of Power (MoP) issued the National Grid Plan. "
    "Investment in the grid reached Rs {} crore in 2023.\n\n"
)


def entity(name: str, start: int, aliases: tuple[str, ...] = ()) -> EntityFact:
    return EntityFact("Agency", name, "Agency:mop", aliases, (Evidence(name, start, start + 3),))


def test_shifted_facts_move_every_offset_by_the_sections_start():
    evidence = Evidence("Revenue rose.", 5, 18)
    facts = DocumentFacts(
        (entity("MoP", 5),),
        (ObservationFact("revenue", 1.0, None, "1", evidence, "1", start=8),),
        (RelationFact("a", "partOf", "b", evidence),),
        "Agency:mop",
    )
    moved = shifted_facts(facts, 100)
    assert moved.entities[0].evidence[0].start == 105
    assert (moved.observations[0].start, moved.observations[0].evidence.end) == (108, 118)
    assert moved.relations[0].evidence.start == 105 and moved.issuer == "Agency:mop"


def test_an_entity_in_two_sections_is_one_entity_with_both_names():
    first = DocumentFacts((entity("Ministry of Power", 0),), issuer=None)
    second = DocumentFacts((entity("MoP", 500, aliases=("Power Ministry",)),), issuer="Agency:mop")
    (merged,) = merged_facts([first, second]).entities
    assert merged.name == "Ministry of Power"
    assert merged.aliases == ("MoP", "Power Ministry")
    assert [e.start for e in merged.evidence] == [0, 500]
    assert merged_facts([first, second]).issuer == "Agency:mop"


def test_an_acronym_one_section_uses_and_another_defines_is_no_acronym_use():
    use = AcronymUse("MOP", Evidence("The MOP met.", 0, 12))
    other = AcronymUse("ORBE", Evidence("ORBE too.", 20, 29))
    first = DocumentFacts(acronym_uses=(use, other))
    second = DocumentFacts((entity("Ministry of Power", 900, aliases=("MOP",)),))
    merged = merged_facts([first, second])
    assert merged.acronym_uses == (other,)
    assert shifted_facts(merged, 10).acronym_uses[0].evidence.start == 30


@pytest.fixture
def small_sections(monkeypatch):
    monkeypatch.setattr(builder, "SECTION_CHARS", 1_500)  # the real bound is 200,000 characters


def test_a_text_read_in_sections_keeps_document_offsets_and_one_node_per_name(nlp, small_sections):
    text = "".join(PARAGRAPH.format(5 + number) for number in range(30))  # 30 distinct numbers
    facts = builder.facts_of_long_text(nlp, text, chunk_chars=800)
    assert len(facts.observations) == 30
    for observation in facts.observations:
        assert text[observation.evidence.start : observation.evidence.end].strip() == (
            observation.evidence.text
        )
        assert text[observation.start :].startswith(observation.surface)
    agencies = [e for e in facts.entities if e.type == "Agency"]
    assert [e.name for e in agencies] == ["Ministry of Power"]
    assert len({e.key for e in facts.entities}) == len(facts.entities)
