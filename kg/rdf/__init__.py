"""Facts -> RDF: ontology terms, deterministic IRIs and provenance."""
