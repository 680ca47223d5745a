"""A document's triples written as N-Triples read back, term for term, in Oxigraph and rdflib."""

import pyoxigraph as ox
import pytest
import rdflib
from rdflib import Graph, Literal, URIRef

from kg.rdf.build import DocumentTriples

SUBJECT, PREDICATE = (
    URIRef("https://w3id.org/policy-kg/id/agency/x"),
    URIRef("http://www.w3.org/2000/01/rdf-schema#label"),
)
LITERALS = [
    Literal('the "Digital China" Initiative'),
    Literal("C:\\path\\n is not a newline"),
    Literal("two\nlines\r\nand CR"),
    Literal("国家发展和改革委员会 \u2028 \u001e \u200b \ufeff"),
    Literal("}\t{ <script>"),
    Literal(""),
    Literal("1.47", datatype=rdflib.XSD.decimal),
    Literal(12),
    Literal("2024-01-05", datatype=rdflib.XSD.date),
    Literal("policy", lang="en"),
]


@pytest.mark.parametrize("literal", LITERALS, ids=range(len(LITERALS)))
def test_literals_round_trip_through_n_triples(literal):
    triples = DocumentTriples()
    triples.add((SUBJECT, PREDICATE, literal))
    text = triples.ntriples()
    assert (
        text.count("\n") == 1
    )  # one line per triple: the line break inside the literal is escaped
    (read,) = Graph().parse(data=text, format="nt")
    assert read == (SUBJECT, PREDICATE, literal)
    (quad,) = ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    assert quad.object.value == str(literal)


def test_each_triple_is_written_once_in_the_order_added():
    triples = DocumentTriples()
    first, second = (SUBJECT, PREDICATE, Literal("b")), (SUBJECT, PREDICATE, Literal("a"))
    for triple in (first, second, first):
        triples.add(triple)
    assert list(triples) == [first, second] and len(triples) == 2 and second in triples
    assert triples.ntriples().splitlines() == [
        f'<{SUBJECT}> <{PREDICATE}> "b" .',
        f'<{SUBJECT}> <{PREDICATE}> "a" .',
    ]


def test_entities_and_metrics_are_indexed_by_the_words_of_every_name():
    from kg.extract.facts import DocumentFacts, EntityFact, Evidence, ObservationFact
    from kg.rdf.build import document_graph
    from kg.metrics import concept_key
    from kg.rdf.iris import entity_iri, metric_iri
    from kg.rdf.namespace import KGO
    from kg.sources import SourceDocument

    sentence = Evidence(
        "The Ministry of Industry and Information Technology (MIIT) said revenues rose.", 0, 78
    )
    agency = EntityFact(
        "Agency",
        "Ministry of Industry and Information Technology",
        "agency/miit",
        ("MIIT",),
        (sentence,),
    )
    revenue = ObservationFact(
        "software revenues", 1.0, "CNY", "revenue 1 yuan", sentence, "1 yuan", 60
    )
    graph = document_graph(
        SourceDocument("t.txt", sentence.text, "T"), DocumentFacts((agency,), (revenue,)), "test"
    )

    def keys(node):
        return {str(o) for s, p, o in graph if s == node and p == KGO.nameKey}

    assert keys(entity_iri("agency/miit")) == {
        "",
        "ministry",
        "industry",
        "information",
        "technology",
        "miit",
    }
    # A metric's IRI is its concept's (kg.metrics), indexed by its name's words and its key's.
    assert keys(metric_iri(concept_key("software revenues"))) == {"", "software", "revenue"}


def test_a_range_a_qualifier_and_a_conversion_are_on_one_observation_each(tmp_path):
    import kg

    path = tmp_path / "spending.txt"
    path.write_text(
        "Fiscal spending was about 1,071.74 billion yuan (about $161 billion), up 12.6 percent. "
        "The plant will need between 1.5 and 2 GW.\n",
        encoding="utf-8",
    )
    graph = kg.build([path])
    rows = {row["unit"]: row for row in graph.query("observations")}
    assert set(rows) == {"CNY", "GW"}  # the conversion is no observation of its own
    spending, plant = rows["CNY"], rows["GW"]
    assert (float(spending["value"]), spending["qualifier"]) == (1.07174e12, "about")
    assert (float(spending["equivalentValue"]), spending["equivalentUnit"]) == (1.61e11, "USD")
    assert float(spending["change"]) == 12.6
    assert float(plant["value"]) == float(plant["lowerBound"]) == 1.5
    assert float(plant["upperBound"]) == 2
    from kg.validate import validate_store

    assert validate_store(graph.store).conforms
