"""The ontology's terms for Python code: ``KGO.Agency``, ``KGO.responsibleAgency``, ...

Only the terms kg writes or reads are listed; the ontology declares more for other users
(``kgo:issuedBy``, ``kgo:PolicyInstrument``, ...). A typo raises ``AttributeError``
(``_fail = True``), and a test checks that every term listed here is declared in
``ontology/kg.ttl``.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

__all__ = ["KGO", "ID", "DOC", "BASE"]

BASE = "https://w3id.org/policy-kg/"
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")


class KGO(DefinedNamespace):
    """The policy knowledge graph ontology (``ontology/kg.ttl``)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Entity: URIRef
    Agency: URIRef
    Plan: URIRef
    Regulation: URIRef
    Program: URIRef
    Person: URIRef
    Metric: URIRef
    Observation: URIRef
    Change: URIRef
    Document: URIRef
    Evidence: URIRef
    Extractor: URIRef
    RelationStatement: URIRef
    AcronymUse: URIRef
    # individuals
    actual: URIRef
    target: URIRef
    forecast: URIRef
    # properties
    responsibleAgency: URIRef
    partOf: URIRef
    implements: URIRef
    amends: URIRef
    repeals: URIRef
    role: URIRef
    agency: URIRef
    metric: URIRef
    value: URIRef
    unit: URIRef
    period: URIRef
    kind: URIRef
    change: URIRef
    basis: URIRef
    reportedBy: URIRef
    lowerBound: URIRef
    upperBound: URIRef
    qualifier: URIRef
    equivalentValue: URIRef
    equivalentUnit: URIRef
    surfaceForm: URIRef
    evidence: URIRef
    text: URIRef
    startChar: URIRef
    endChar: URIRef
    document: URIRef
    mentionedIn: URIRef
    statedIn: URIRef
    acronym: URIRef
    refersTo: URIRef
    contentHash: URIRef
    extractedWith: URIRef
    nameKey: URIRef
    issuedFrom: URIRef


# Each term as a plain class attribute: a DefinedNamespace makes a new URIRef on every access
# (0.5 µs, which a build does a few hundred times a document). Other names still raise.
for _term in KGO.__annotations__:
    type.__setattr__(KGO, _term, KGO._NS[_term])
