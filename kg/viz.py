"""The browser view: one self-contained HTML page (vis-network inlined, no CDN).

pyvis builds the network (nodes, edges, options) and ships vis-network; the page is
rendered from our own template because pyvis 0.3.2's template loads CSS from CDNs and
switches every tooltip to ``innerHTML`` once any title contains "href" (stored XSS
from a press release). Here all text reaches the page as JSON data and is shown with
``textContent`` only: nothing from a document is ever parsed as HTML.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from .errors import OutputError

__all__ = ["write_view", "CLASS_COLOURS"]

CLASS_COLOURS = {"Agency": "#1f77b4", "Plan": "#2ca02c", "Regulation": "#d62728", "Program": "#ff7f0e",
                 "Person": "#9467bd", "Metric": "#8c564b"}
NODES = """
PREFIX kgo: <https://w3id.org/policy-kg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?node (SAMPLE(?label) AS ?name) (SAMPLE(?class) AS ?kind)
       (GROUP_CONCAT(DISTINCT ?sentence; separator="\\u001f") AS ?evidence)
       (GROUP_CONCAT(DISTINCT ?title; separator="\\u001f") AS ?documents) WHERE {
  ?node a ?type ; rdfs:label ?label .
  VALUES (?type ?class) { (kgo:Agency "Agency") (kgo:Plan "Plan") (kgo:Regulation "Regulation")
                          (kgo:Program "Program") (kgo:Person "Person") }
  OPTIONAL { ?node kgo:evidence ?e . ?e kgo:text ?sentence ; kgo:document/dcterms:title ?title }
} GROUP BY ?node"""


def write_view(store, path: Path, *, max_nodes: int = 1500) -> Path:
    """Write the browser view of ``store`` to ``path`` and return the path."""
    from .analysis import to_networkx

    graph = to_networkx(store)
    details = {row["node"]: row for row in store.select(NODES)}
    for node, row in details.items():
        graph.add_node(node, label=row["name"], kind=row["kind"])
    network = pyvis_network(graph, details, max_nodes)
    html = render_page(network, hidden=max(0, graph.number_of_nodes() - max_nodes))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    except OSError as e:
        raise OutputError(f"{path}: cannot write the view ({e.strerror or e})") from e
    return path


def pyvis_network(graph, details: dict, max_nodes: int):
    from pyvis.network import Network

    network = Network(directed=True, cdn_resources="remote")
    keep = sorted(graph.nodes, key=lambda n: -graph.degree(n))[:max_nodes]
    for node in keep:
        data = graph.nodes[node]
        row = details.get(node, {})
        network.add_node(node, label=data.get("label", node),
                         color=CLASS_COLOURS.get(data.get("kind"), "#7f7f7f"),
                         kind=data.get("kind", "Entity"),
                         evidence=split_concat(row.get("evidence")), documents=split_concat(row.get("documents")))
    kept = set(keep)
    for source, target, data in graph.edges(data=True):
        if source in kept and target in kept:
            network.add_edge(source, target, label=data.get("predicate", ""), arrows="to")
    return network


def split_concat(value: str | None) -> list[str]:
    return [v for v in (value or "").split("\u001f") if v][:5]


def render_page(network, *, hidden: int) -> str:
    """The page: data as JSON in a <script type=application/json>, vis-network inlined."""
    lib = resources.files("pyvis").joinpath("lib/vis-9.1.2")
    data = {"nodes": network.nodes, "edges": network.edges, "colours": CLASS_COLOURS, "hidden": hidden}
    # No "<", ">" or "&" from a document reaches the page source, even inside the JSON.
    payload = json.dumps(data, ensure_ascii=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(char, escaped)
    template = resources.files("kg").joinpath("templates/view.html").read_text(encoding="utf-8")
    return (template.replace("/*VIS_CSS*/", lib.joinpath("vis-network.css").read_text(encoding="utf-8"))
            .replace("/*VIS_JS*/", lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"))
            .replace("/*GRAPH_DATA*/", payload))
