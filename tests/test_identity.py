"""One node per real entity across documents: keys, the alias registry, corrections."""

from __future__ import annotations

import pytest
import rdflib

import kg
from kg.errors import InputError
from kg.extract.identity import entity_key
from kg.identity import consolidate, read_corrections
from kg.stores import open_store

KGO = "https://w3id.org/policy-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
ALT = "http://www.w3.org/2004/02/skos/core#altLabel"

NODES_NAMED = """
SELECT DISTINCT ?node WHERE {
  ?node a ?class ; rdfs:label|skos:altLabel ?name .
  FILTER(?class IN (kgo:Agency, kgo:Plan, kgo:Regulation, kgo:Program))
  FILTER(lcase(str(?name)) = ?wanted)
}"""


def nodes_named(graph: kg.KnowledgeGraph, name: str) -> set[str]:
    import pyoxigraph as ox

    rows = graph.store.select(NODES_NAMED, {"wanted": ox.Literal(name.lower())})
    return {row["node"] for row in rows}


@pytest.mark.parametrize(
    "first, second, country",
    [
        ("Commerce Department", "Department of Commerce", "US"),
        ("Department of Treasury", "Department of the Treasury", "US"),
        ("Home Ministry", "Ministry of Home Affairs", "IN"),
        ("Union Home Ministry", "Ministry of Home Affairs", "IN"),
        ("19th CPC Central Committee", "CPC Central Committee", "CN"),
        ("CPC", "Communist Party of China", "CN"),
        ("Transport Department", "Department of Transport", None),
    ],
)
def test_names_of_one_body_share_a_key(first, second, country):
    assert entity_key("Agency", first, country) == entity_key("Agency", second, country)


@pytest.mark.parametrize(
    "first, second, country",
    [
        ("CPC Central Committee", "Political Bureau of the CPC Central Committee", "CN"),
        ("Department of Agriculture", "Farm Service Agency", "US"),
        ("Ministry of Finance", "Ministry of Finance", ("CN", "IN")),
    ],
)
def test_different_bodies_keep_apart(first, second, country):
    first_country, second_country = country if isinstance(country, tuple) else (country, country)
    assert entity_key("Agency", first, first_country) != entity_key(
        "Agency", second, second_country
    )


DEFINES = (
    "The Ministry of Commerce of China (MOFCOM) and the Regional Water Quality Board (RWQB) met."
)
USES = (
    "Officials of the Commerce Ministry said the Regional Water Quality Board will report in May."
)


@pytest.mark.parametrize("order", [(DEFINES, USES), (USES, DEFINES)])
def test_one_build_gives_one_node_per_body_in_either_order(order):
    graph = kg.build(list(order))
    assert len(nodes_named(graph, "Regional Water Quality Board")) == 1
    assert nodes_named(graph, "RWQB") == nodes_named(graph, "Regional Water Quality Board")


def test_one_programme_named_in_other_words_by_two_releases_is_one_node():
    graph = kg.build(
        [
            "The Small Business Administration expanded the Community Navigators program to "
            "reach more owners in rural areas.",
            "The SBA Community Navigator Program has helped 10,000 businesses in its first year.",
        ]
    )
    navigator = {*nodes_named(graph, "Community Navigators program")}
    assert navigator and navigator == {*nodes_named(graph, "SBA Community Navigator Program")}


def add_document(store, document: str, nodes: list[tuple[str, str, list[str]]]) -> None:
    """A document graph as kg writes it: typed nodes with a label and altLabels."""
    lines = []
    for node, class_, (label, *aliases) in nodes:
        lines.append(f"<{node}> <{RDF_TYPE}> <{KGO}{class_}> .")
        lines.append(f'<{node}> <{LABEL}> "{label}" .')
        lines += [f'<{node}> <{ALT}> "{alias}" .' for alias in aliases]
    store.replace_document(document, "\n".join(lines) + "\n")


FULL = (
    "https://w3id.org/policy-kg/id/agency/regional-water-quality-board",
    "Agency",
    ["Regional Water Quality Board", "RWQB"],
)
BARE = ("https://w3id.org/policy-kg/id/agency/rwqb", "Agency", ["RWQB"])


@pytest.mark.parametrize("order", [(FULL, BARE), (BARE, FULL)])
def test_the_registry_resolves_an_acronym_defined_in_another_document(order):
    store = open_store(None)
    for i, node in enumerate(order):
        add_document(store, f"https://w3id.org/policy-kg/doc/{i}", [node])
    assert consolidate(store) == {BARE[0]: FULL[0]}
    graph = kg.KnowledgeGraph(store)
    assert nodes_named(graph, "RWQB") == {FULL[0]}
    labels = {row["l"] for row in store.select(f"SELECT ?l WHERE {{ <{FULL[0]}> rdfs:label ?l }}")}
    assert labels == {"Regional Water Quality Board"}  # the merged node's label is an altLabel


def test_a_name_two_nodes_share_merges_nothing():
    store = open_store(None)
    add_document(store, "https://w3id.org/policy-kg/doc/a", [FULL])
    add_document(
        store,
        "https://w3id.org/policy-kg/doc/b",
        [
            (
                "https://w3id.org/policy-kg/id/agency/rural-water-quality-bureau",
                "Agency",
                ["Rural Water Quality Bureau", "RWQB"],
            )
        ],
    )
    add_document(store, "https://w3id.org/policy-kg/doc/c", [BARE])
    assert consolidate(store) == {}


def test_incremental_builds_merge_with_what_the_store_holds(tmp_path):
    folder = tmp_path / "store"
    later = tmp_path / "later.txt"
    later.write_text(DEFINES, encoding="utf-8")
    with kg.build([USES], store=folder) as graph:
        before = nodes_named(graph, "Regional Water Quality Board")
    with kg.open(folder) as graph:
        graph.add(later)
        after = nodes_named(graph, "Regional Water Quality Board")
    assert len(before) == 1 and after == before


DEFINES_ACRONYM = "The Office of Rural Broadband Expansion (ORBE) announced new grants on Monday."
USES_ACRONYM = "Local leaders welcomed funding from ORBE this week, officials said."
SHARES_ACRONYM = "The Ohio River Basin Estuary Board (ORBE) opened a new office."

MENTIONS = """
SELECT ?doc ?text WHERE {
  ?entity rdfs:label ?name ; kgo:mentionedIn ?doc ; kgo:evidence ?evidence .
  ?evidence kgo:document ?doc ; kgo:text ?text .
  FILTER(str(?name) = ?wanted)
}"""


def sentences_naming(graph: kg.KnowledgeGraph, name: str) -> set[str]:
    import pyoxigraph as ox

    return {row["text"] for row in graph.store.select(MENTIONS, {"wanted": ox.Literal(name)})}


@pytest.mark.parametrize(
    "order", [(DEFINES_ACRONYM, USES_ACRONYM), (USES_ACRONYM, DEFINES_ACRONYM)]
)
def test_an_acronym_used_alone_is_a_mention_of_what_another_document_defines(order):
    graph = kg.build(list(order))
    assert sentences_naming(graph, "Office of Rural Broadband Expansion") == {
        DEFINES_ACRONYM,
        USES_ACRONYM,
    }
    assert graph.validate().conforms


def test_an_acronym_use_links_in_incremental_builds_and_unlinks_when_its_definer_goes(tmp_path):
    defines = tmp_path / "defines.txt"
    defines.write_text(DEFINES_ACRONYM, encoding="utf-8")
    with kg.build([USES_ACRONYM], store=tmp_path / "store") as graph:
        assert sentences_naming(graph, "Office of Rural Broadband Expansion") == set()
        graph.add(defines)
        assert USES_ACRONYM in sentences_naming(graph, "Office of Rural Broadband Expansion")
        assert graph.remove(defines)
        assert graph.store.select("SELECT ?use WHERE { ?use kgo:refersTo ?entity }") == []
        assert graph.store.select("SELECT ?p WHERE { ?entity kgo:mentionedIn ?doc }") == []
        assert graph.validate().conforms


def test_an_acronym_two_entities_share_links_to_neither():
    graph = kg.build([DEFINES_ACRONYM, SHARES_ACRONYM, USES_ACRONYM])
    assert USES_ACRONYM not in sentences_naming(graph, "Office of Rural Broadband Expansion")
    assert graph.store.select("SELECT ?use WHERE { ?use kgo:refersTo ?entity }") == []


@pytest.mark.parametrize(
    "text",
    [
        "ORBE ANNOUNCES GRANTS\n\nLocal leaders welcomed the news.",  # a heading in capitals
        "Local leaders welcomed funding from the EPA this week.",  # the gazetteer's to resolve
    ],
)
def test_no_acronym_use_is_recorded_for_headings_or_bodies_the_gazetteer_knows(text):
    graph = kg.build([text])
    assert graph.store.select("SELECT ?use WHERE { ?use a kgo:AcronymUse }") == []


def test_corrections_merge_rename_and_reject(tmp_path):
    corrections = tmp_path / "kg-corrections.tsv"
    corrections.write_text(
        "# action\tname\tname\n"
        "merge\tRegional Water Quality Board\tMinistry of Commerce\n"
        "rename\tMinistry of Commerce\tMOFCOM (China)\n"
        "reject\tCommerce Ministry\n",
        encoding="utf-8",
    )
    graph = kg.build([DEFINES], store=tmp_path / "store")  # the file beside the store applies
    assert nodes_named(graph, "Regional Water Quality Board") == nodes_named(
        graph, "MOFCOM (China)"
    )
    assert len(nodes_named(graph, "MOFCOM (China)")) == 1
    graph.close()


def test_split_keeps_the_registry_from_merging(tmp_path):
    store = open_store(None)
    add_document(store, "https://w3id.org/policy-kg/doc/a", [FULL])
    add_document(store, "https://w3id.org/policy-kg/doc/b", [BARE])
    corrections = tmp_path / "fix.tsv"
    corrections.write_text("split\tRWQB\tRegional Water Quality Board\n", encoding="utf-8")
    assert consolidate(store, read_corrections(corrections)) == {}


@pytest.mark.parametrize("line", ["merge\tonly one", "explode\ta\tb", "reject\ta\tb"])
def test_a_bad_corrections_line_is_one_error_naming_the_file_and_line(tmp_path, line):
    corrections = tmp_path / "fix.tsv"
    corrections.write_text(f"# comment\n{line}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"fix\.tsv:2: expected"):
        read_corrections(corrections)


def test_corrections_option_of_the_cli(run_kg, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text(DEFINES, encoding="utf-8")
    corrections = tmp_path / "fix.tsv"
    corrections.write_text("reject\tRegional Water Quality Board\n", encoding="utf-8")
    result = run_kg("build", text, "-o", tmp_path / "a.ttl", "--corrections", corrections)
    assert result.returncode == 0, result.stderr
    graph = rdflib.Graph().parse(tmp_path / "a.ttl")
    names = {str(o) for s, o in graph.subject_objects(rdflib.RDFS.label)}
    assert "Ministry of Commerce" in names and "Regional Water Quality Board" not in names


def test_a_possessive_is_never_a_person(nlp):
    from kg.extract.doc_to_facts import facts_from_doc

    text = (
        "The Administration has worked closely with Congress to provide key adaptation investments "
        "supported by President Biden’s Inflation Reduction Act and Bipartisan Infrastructure Law, "
        "said Secretary Jennifer Granholm."
    )
    people = [e.name for e in facts_from_doc(nlp(text)).entities if e.type == "Person"]
    assert not [name for name in people if "’s" in name or "'s" in name]
