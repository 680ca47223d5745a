"""SHACL validation of a graph against ``ontology/shapes.ttl`` with pySHACL."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph
from rdflib.namespace import SH

from .resources import ontology_files, shapes_file

__all__ = ["ValidationReport", "validate_graph", "validate_store", "store_as_rdflib"]


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    violations: int
    text: str


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (no inference: the builder types every node with its own class)."""
    from pyshacl import validate

    shapes = Graph().parse(shapes_file())
    ontology = Graph()
    for path in ontology_files():
        ontology.parse(path)
    conforms, report, text = validate(
        data, shacl_graph=shapes, ont_graph=ontology, inference="none"
    )
    violations = sum(1 for _ in report.subjects(SH.resultSeverity, SH.Violation))
    return ValidationReport(bool(conforms), violations, text)


def store_as_rdflib(store) -> Graph:
    """The union of a store's document graphs as one rdflib ``Graph``."""
    ntriples = "".join(f"{triple} .\n" for triple in store.union_triples())
    return Graph().parse(data=ntriples, format="nt")


def validate_store(store) -> ValidationReport:
    return validate_graph(store_as_rdflib(store))
