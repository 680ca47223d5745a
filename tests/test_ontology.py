"""The ontology parses, reasons, declares every term the code uses, and its shapes work."""

from pathlib import Path

import pytest
from rdflib import OWL, RDF, Graph

from kg.rdf.namespace import KGO
from kg.resources import ontology_files, shapes_file
from kg.validate import validate_graph

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "shapes"
CORE_CLASSES = [
    "Agency",
    "Plan",
    "Regulation",
    "Program",
    "Metric",
    "Observation",
    "Person",
    "Document",
]


@pytest.fixture(scope="module")
def ontology():
    graph = Graph()
    for path in ontology_files():
        graph.parse(path)
    return graph


@pytest.mark.parametrize("name", CORE_CLASSES)
def test_core_classes_are_owl_classes(ontology, name):
    assert (KGO[name], RDF.type, OWL.Class) in ontology


def test_every_namespace_term_is_declared(ontology):
    declared = {s for s in ontology.subjects() if str(s).startswith(str(KGO._NS))}
    used = {KGO[name] for name in KGO.__annotations__}
    assert used - declared == set()


def test_classes_reuse_w3c_vocabularies(ontology):
    from rdflib import RDFS, URIRef

    parents = {
        name: {str(o) for o in ontology.objects(KGO[name], RDFS.subClassOf)}
        for name in CORE_CLASSES
    }
    assert "http://www.w3.org/ns/org#FormalOrganization" in parents["Agency"]
    assert "http://data.europa.eu/eli/ontology#LegalResource" in parents["Regulation"]
    assert "http://www.w3.org/ns/prov#Plan" in parents["Plan"]
    assert "http://purl.org/linked-data/cube#Observation" in parents["Observation"]
    assert isinstance(KGO.Agency, URIRef)


def test_owl_rl_closure_runs_and_infers_superclasses(ontology):
    import owlrl

    data = Graph().parse(FIXTURES / "valid.ttl")
    closed = data + ontology
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics).expand(closed)
    agency = next(data.subjects(RDF.type, KGO.Agency))
    assert (agency, RDF.type, KGO.Entity) in closed
    assert len(closed) > len(data) + len(ontology)


def test_shapes_accept_the_valid_fixture():
    report = validate_graph(Graph().parse(FIXTURES / "valid.ttl"))
    assert report.conforms, report.text


@pytest.mark.parametrize("fixture", sorted(p.name for p in FIXTURES.glob("invalid-*.ttl")))
def test_shapes_reject_each_invalid_fixture(fixture):
    report = validate_graph(Graph().parse(FIXTURES / fixture))
    assert not report.conforms
    assert report.violations == 1  # each fixture is the valid one with one defect


def test_shapes_file_parses():
    assert len(Graph().parse(shapes_file())) > 50


def test_agency_states_what_orgs_axioms_imply(ontology):
    # A validator or reasoner that does not load ORG must still know an Agency is an organisation.
    from rdflib import RDFS, URIRef

    parents = set(ontology.objects(KGO.Agency, RDFS.subClassOf))
    for parent in ("http://www.w3.org/ns/org#Organization", "http://xmlns.com/foaf/0.1/Organization",
                   "http://xmlns.com/foaf/0.1/Agent"):
        assert URIRef(parent) in parents


def test_a_person_with_roles_in_two_agencies_validates():
    valid = (FIXTURES / "valid.ttl").read_text()
    other = """
ex:grid a kgo:Agency ; rdfs:label "Grid Authority" ; kgo:evidence ex:ev ; kgo:mentionedIn ex:doc ;
    kgo:nameKey "", "grid", "authority" .
ex:singh kgo:agency ex:grid ; kgo:role "chairman" .
ex:membership2 a org:Membership ; org:member ex:singh ; org:organization ex:grid ; kgo:statedIn ex:doc ;
    kgo:evidence ex:ev .
"""
    report = validate_graph(Graph().parse(data=valid + other, format="turtle"))
    assert report.conforms, report.text
