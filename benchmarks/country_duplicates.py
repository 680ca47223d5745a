"""The scorer's cross-document duplicate measure, with entities of different countries kept apart.

The shared scorer (``eval/score.py --merged``) clusters the gold entities of all documents by
name, whatever their country: China's and India's "Ministry of Finance" are one cluster there,
so kg's two nodes for them count as a duplicate. kg keeps them apart on purpose (issue 19:
"ambiguous names resolved by the document's country"). This measure runs the scorer's own
``score_merged`` once per country: the gold entities of that country's documents, and the graph
nodes those documents mention. A document's country is what kg reads from its text
(``kg.extract.gazetteer.document_country``), never its file name.

    # the graph of all texts in one store, as the scorer builds it with --merged
    kg build ../shared/corpus/dev/*.txt -o /tmp/merged.ttl
    python benchmarks/country_duplicates.py ../shared /tmp/merged.ttl

It prints the scorer's figures (all countries together) and the per-country ones.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from rdflib.namespace import DCTERMS

from kg.extract.gazetteer import document_country
from kg.rdf.namespace import KGO
from kg.sources import split_source_line


def text_countries(texts: Path) -> dict[str, tuple[str, str]]:
    """Each text's source line -> (its gold's document name, the country kg reads in it)."""
    found = {}
    for path in sorted(texts.glob("*.txt")):
        source, body = split_source_line(path.read_text(encoding="utf-8"))
        if source is not None:
            found[source] = (path.stem, document_country(body) or "unknown")
    return found


def node_countries(graph, by_source: dict[str, tuple[str, str]]) -> dict:
    """Each graph node -> the countries of the documents that mention it."""
    doc_country = {
        doc: by_source[str(source)][1]
        for doc, source in graph.subject_objects(DCTERMS.source)
        if str(source) in by_source
    }
    countries = defaultdict(set)
    for node, doc in graph.subject_objects(KGO.mentionedIn):
        if doc in doc_country:
            countries[node].add(doc_country[doc])
    return countries


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("shared", type=Path, help="the shared folder (eval/, corpus/dev/)")
    parser.add_argument("merged", type=Path, help="one graph of all dev texts (Turtle)")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.shared / "eval"))
    import score  # the shared scorer: its reading of graphs and its measure, unchanged

    ontology = [str(p) for p in Path(__file__).parents[1].glob("ontology/*.ttl")]
    graph = score.read_graph(str(args.merged), ontology)
    predicted = score.predictions(graph)
    by_source = text_countries(args.shared / "corpus/dev")
    golds = {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((args.shared / "eval/gold/dev").glob("*.json"))
    }
    print("all countries together:", score.score_merged(list(golds.values()), predicted))
    countries = node_countries(graph, by_source)
    doc_country = dict(by_source.values())
    found = nodes = 0
    for country in sorted(set(doc_country.values())):
        of_country = [golds[doc] for doc, c in doc_country.items() if c == country and doc in golds]
        entities = [e for e in predicted["entities"] if country in countries.get(e["node"], ())]
        figures = score.score_merged(of_country, {**predicted, "entities": entities})
        found, nodes = found + figures["found"], nodes + figures["nodes"]
        print(f"{country}: {figures}")
    rate = (nodes - found) / nodes if nodes else 0.0
    print(f"COUNTRY_MERGED found={found} nodes={nodes} duplicate_rate={rate:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
