"""Text -> facts: spaCy components that find entities, observations and relations.

Where things are:

- ``components``: the spaCy wiring (factories, the line-break component, adding them to a
  pipeline, long texts in chunks); ``doc_to_facts``: a processed Doc -> ``facts``' records.
- ``entities``, ``quantities``, ``tables``, ``observations``, ``relations``: the rules, one
  kind of finding each; ``issuer``: the agency a document speaks for and the agency that
  reported a sentence's numbers (read by ``relations``); ``lexicon``: head-noun classes, the
  agency lexicon, canonical keys;
  ``text``: whole-Doc values computed once.
- ``vocabulary`` and ``data/*.tsv``: every word the rules read, one table per kind of word.
"""

from .facts import DocumentFacts, EntityFact, Evidence, ObservationFact, RelationFact

__all__ = ["DocumentFacts", "EntityFact", "Evidence", "ObservationFact", "RelationFact"]
