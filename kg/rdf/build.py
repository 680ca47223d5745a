"""One document's facts -> one RDF graph (the document's named graph in the store).

Every entity, observation and relation points to the sentence it came from (``kgo:evidence``),
which records the text, character offsets, document and extractor version (PROV-O). A relation
is a direct triple (``plan kgo:responsibleAgency agency``, for queries) and a
``kgo:RelationStatement`` (an ``rdf:Statement`` of that triple) carrying its evidence; a person's
role is an ``org:Membership`` of the document (person, agency, role, evidence), so that one person
holds different roles in different documents.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from types import SimpleNamespace

from rdflib import RDF, RDFS, XSD, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, SKOS, DefinedNamespace

from ..extract.facts import (
    AcronymUse,
    DocumentFacts,
    EntityFact,
    Evidence,
    ObservationFact,
    RelationFact,
)
from ..metrics import broader_keys, concept_key
from ..names import name_keys
from ..sources import SourceDocument
from ..version import __version__
from .iris import (
    acronym_use_iri,
    document_iri,
    entity_iri,
    evidence_iri,
    extractor_iri,
    membership_iri,
    metric_iri,
    observation_iri,
    role_iri,
    statement_iri,
)
from .namespace import KGO

__all__ = ["DocumentTriples", "document_graph", "decimal_literal"]


def read_once(namespace: type[DefinedNamespace]) -> SimpleNamespace:
    """A closed namespace's terms as plain attributes: rdflib checks every attribute read of one
    (1.5 µs for ``RDF.type``), and a document's graph reads one or two per triple."""
    return SimpleNamespace(**{name: namespace[name] for name in namespace.__annotations__})


RDF, RDFS, XSD, DCTERMS, ORG, PROV, SKOS = map(
    read_once, (RDF, RDFS, XSD, DCTERMS, ORG, PROV, SKOS)
)

KINDS = {"actual": KGO.actual, "target": KGO.target, "forecast": KGO.forecast}
RELATION_PREDICATES = {
    "responsibleAgency": KGO.responsibleAgency,
    "partOf": KGO.partOf,
    "implements": KGO.implements,
    "amends": KGO.amends,
    "repeals": KGO.repeals,
}


class DocumentTriples:
    """One document's triples, each once, in the order they were added, for N-Triples. Lighter
    than an rdflib ``Graph``, whose indexes a build never reads (with its serializer, 4% of a
    build)."""

    def __init__(self):
        self._triples: dict[tuple, None] = {}  # a dict: ordered, and each triple once

    def add(self, triple: tuple) -> None:
        self._triples[triple] = None

    def __contains__(self, triple: tuple) -> bool:
        return triple in self._triples

    def __iter__(self):
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def ntriples(self) -> str:
        return "".join(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in self._triples)


def nt_term(term: URIRef | Literal) -> str:
    """A term in N-Triples: IRIs as they are (kg builds them from safe slugs), literals with
    the four characters N-Triples requires escaped."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    text = (
        str(term)
        .replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
    )
    if term.language:
        return f'"{text}"@{term.language}'
    if term.datatype is not None and term.datatype != XSD.string:
        return f'"{text}"^^<{term.datatype}>'
    return f'"{text}"'


def document_graph(
    document: SourceDocument, facts: DocumentFacts, extracted_with: str
) -> DocumentTriples:
    """All triples one document contributes, built deterministically from its facts
    (``extracted_with``: kg's version and the spaCy pipeline, see ``extraction_description``)."""
    graph = DocumentTriples()
    doc = document_iri(document.key)
    add_document(graph, doc, document, extracted_with)
    evidence = EvidenceWriter(graph, doc, document.key)
    for entity in facts.entities:
        add_entity(graph, entity, doc, evidence)
    for observation in facts.observations:
        add_observation(graph, observation, doc, document.key, evidence)
    for relation in facts.relations:
        add_relation(graph, relation, document.key, evidence)
    if facts.issuer:
        graph.add((doc, DCTERMS.publisher, entity_iri(facts.issuer)))
    for use in facts.acronym_uses:
        add_acronym_use(graph, use, doc, document.key, evidence)
    return graph


def add_acronym_use(
    graph: DocumentTriples,
    use: AcronymUse,
    doc: URIRef,
    document_key: str,
    evidence: EvidenceWriter,
) -> None:
    """An acronym the document does not define, for ``kg.identity`` to link to the entity
    another document defines it for."""
    node = acronym_use_iri(document_key, use.acronym)
    graph.add((node, RDF.type, KGO.AcronymUse))
    graph.add((node, KGO.acronym, Literal(use.acronym)))
    graph.add((node, KGO.statedIn, doc))
    graph.add((node, KGO.evidence, evidence(use.evidence)))


def add_relation(
    graph: DocumentTriples, relation: RelationFact, document_key: str, evidence: EvidenceWriter
) -> None:
    """The triple, and the statement of it that says which sentence it was read from."""
    triple = (
        entity_iri(relation.subject_key),
        RELATION_PREDICATES[relation.predicate],
        entity_iri(relation.object_key),
    )
    graph.add(triple)
    statement = statement_iri(document_key, *triple)
    for p, o in zip((RDF.subject, RDF.predicate, RDF.object), triple, strict=True):
        graph.add((statement, p, o))
    graph.add((statement, RDF.type, KGO.RelationStatement))
    graph.add((statement, KGO.evidence, evidence(relation.evidence)))


def add_document(
    graph: DocumentTriples, doc: URIRef, document: SourceDocument, extracted_with: str
) -> None:
    graph.add((doc, RDF.type, KGO.Document))
    graph.add((doc, DCTERMS.title, literal(document.title)))
    graph.add((doc, KGO.contentHash, literal(document.content_hash)))
    graph.add((doc, KGO.extractedWith, literal(extracted_with)))
    if document.source:
        graph.add((doc, DCTERMS.source, literal(document.source)))
    if document.published:
        graph.add((doc, DCTERMS.issued, literal(document.published, datatype=XSD.date)))
    if document.published_from:
        graph.add((doc, KGO.issuedFrom, literal(document.published_from)))
    extractor = extractor_iri(__version__)
    graph.add((extractor, RDF.type, KGO.Extractor))
    graph.add((extractor, RDFS.label, literal(f"kg {__version__}")))


class EvidenceWriter:
    """Adds each evidence sentence once and returns its IRI."""

    def __init__(self, graph: DocumentTriples, doc: URIRef, document_key: str):
        self.graph, self.doc, self.document_key = graph, doc, document_key
        self.extractor = extractor_iri(__version__)

    def __call__(self, evidence: Evidence) -> URIRef:
        node = evidence_iri(self.document_key, evidence.start, evidence.end)
        if (node, RDF.type, KGO.Evidence) not in self.graph:
            for p, o in (
                (RDF.type, KGO.Evidence),
                (KGO.text, Literal(evidence.text)),  # a sentence: once
                (KGO.startChar, literal(evidence.start)),
                (KGO.endChar, literal(evidence.end)),
                (KGO.document, self.doc),
                (PROV.wasAttributedTo, self.extractor),
            ):
                self.graph.add((node, p, o))
        return node


def add_entity(
    graph: DocumentTriples, entity: EntityFact, doc: URIRef, evidence: EvidenceWriter
) -> None:
    node = entity_iri(entity.key)
    graph.add((node, RDF.type, KGO[entity.type]))
    graph.add((node, RDFS.label, literal(entity.name)))
    graph.add((node, KGO.mentionedIn, doc))
    for alias in entity.aliases:
        graph.add((node, SKOS.altLabel, literal(alias)))
    add_name_keys(graph, node, entity.name, *entity.aliases)
    for sentence in entity.evidence:
        graph.add((node, KGO.evidence, evidence(sentence)))
    if entity.role:
        graph.add((node, KGO.role, literal(entity.role)))
    if entity.agency_key:
        add_membership(graph, entity, doc, evidence)


def add_membership(
    graph: DocumentTriples, person: EntityFact, doc: URIRef, evidence: EvidenceWriter
) -> None:
    """The person's role in the agency as this document states it (W3C ORG), and the
    ``kgo:agency`` shortcut (``org:memberOf``) over all documents."""
    node, agency = entity_iri(person.key), entity_iri(person.agency_key)
    membership = membership_iri(str(doc), person.key)
    graph.add((node, KGO.agency, agency))
    for p, o in (
        (RDF.type, ORG.Membership),
        (ORG.member, node),
        (ORG.organization, agency),
        (KGO.statedIn, doc),
        (KGO.evidence, evidence(person.evidence[0])),
    ):
        graph.add((membership, p, o))
    if person.role:
        role = role_iri(person.role)
        graph.add((membership, ORG.role, role))
        graph.add((role, RDF.type, ORG.Role))
        graph.add((role, RDFS.label, literal(person.role)))


def add_name_keys(graph: DocumentTriples, node: URIRef, *names: str) -> None:
    """The name index the library's searches look names up in (see ``kg.names``)."""
    for key in name_key_literals(names):
        graph.add((node, KGO.nameKey, key))


@lru_cache(maxsize=1 << 14)
def name_key_literals(names: tuple[str, ...]) -> tuple[Literal, ...]:
    """The sorted name keys of ``names`` (cached: an agency's or a metric's names recur from
    document to document, and each key is a regex search and a singular per word)."""
    return tuple(literal(key) for key in sorted(set().union(*map(name_keys, names))))


def add_observation(
    graph: DocumentTriples,
    obs: ObservationFact,
    doc: URIRef,
    document_key: str,
    evidence: EvidenceWriter,
) -> None:
    node = observation_iri(document_key, obs.start, obs.part)
    metric = add_metric_concept(graph, obs.metric)
    sentence = evidence(obs.evidence)
    for p, o in (
        (RDF.type, KGO.Observation),
        (RDFS.label, Literal(obs.label)),  # a clause: once
        (KGO.metric, metric),
        (KGO.value, decimal_literal(obs.value)),
        (KGO.unit, literal(obs.unit or "count")),
        (KGO.kind, KINDS[obs.kind]),
        (KGO.surfaceForm, literal(obs.surface)),
        (KGO.evidence, sentence),
    ):
        graph.add((node, p, o))
    if obs.period:
        graph.add((node, KGO.period, literal(obs.period)))
    if obs.reported_by:
        graph.add((node, KGO.reportedBy, entity_iri(obs.reported_by)))
    add_reading(graph, node, obs)
    if obs.change:
        change = URIRef(f"{node}/change")
        graph.add((node, KGO.change, change))
        graph.add((change, RDF.type, KGO.Change))
        graph.add((change, KGO.value, decimal_literal(obs.change.value)))
        graph.add((change, KGO.unit, literal(obs.change.unit)))
        if obs.change.basis:
            graph.add((change, KGO.basis, literal(obs.change.basis)))


# -- metric concepts (kg.metrics): one IRI for every name of the same quantity ------------------


def add_metric_concept(graph: DocumentTriples, name: str) -> URIRef:
    """The metric's SKOS concept: its key as ``skos:prefLabel``, the name as written as a label,
    and the chain of broader concepts (the head with fewer modifiers), each a ``skos:Concept``."""
    key = concept_key(name)
    metric = metric_iri(key)
    graph.add((metric, RDF.type, KGO.Metric))
    graph.add((metric, RDFS.label, literal(name)))
    graph.add((metric, SKOS.prefLabel, literal(key)))
    if name != key:
        graph.add((metric, SKOS.altLabel, literal(name)))
    add_name_keys(graph, metric, name, key)
    narrower = metric
    for broader_key in broader_keys(name):
        broader = metric_iri(broader_key)
        graph.add((narrower, SKOS.broader, broader))
        graph.add((broader, SKOS.narrower, narrower))
        graph.add((broader, RDF.type, SKOS.Concept))
        graph.add((broader, SKOS.prefLabel, literal(broader_key)))
        narrower = broader
    return metric


def add_reading(graph: DocumentTriples, node: URIRef, obs: ObservationFact) -> None:
    """A range's bounds, the qualifier ("about", "up to") and the equivalent in another unit."""
    if obs.lower is not None and obs.upper is not None:
        graph.add((node, KGO.lowerBound, decimal_literal(obs.lower)))
        graph.add((node, KGO.upperBound, decimal_literal(obs.upper)))
    if obs.qualifier:
        graph.add((node, KGO.qualifier, literal(obs.qualifier)))
    if obs.equivalent:
        graph.add((node, KGO.equivalentValue, decimal_literal(obs.equivalent.value)))
        graph.add((node, KGO.equivalentUnit, literal(obs.equivalent.unit)))


@lru_cache(maxsize=1 << 14, typed=True)
def literal(value: str | int, datatype: URIRef | None = None) -> Literal:
    """rdflib's ``Literal``, made once per value and datatype: making one is most of the cost of
    building a graph, and labels, units, name keys and offsets recur from triple to triple
    and from document to document (a Literal never changes, so one serves them all)."""
    return Literal(value, datatype=datatype)


def decimal_literal(value: float) -> Literal:
    """An ``xsd:decimal`` in plain notation (never ``1.47E+12``)."""
    text = format(Decimal(repr(value)), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".") or "0"
    return literal(text, XSD.decimal)
