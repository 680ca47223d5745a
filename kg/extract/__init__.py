"""Text -> facts: spaCy components that find entities, observations and relations."""

from .facts import DocumentFacts, EntityFact, Evidence, ObservationFact, RelationFact

__all__ = ["DocumentFacts", "EntityFact", "Evidence", "ObservationFact", "RelationFact"]
