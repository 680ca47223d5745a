"""The browser view: one self-contained HTML page (vis-network inlined, no CDN).

    store --entity_graph / construct_graph--> networkx graph
          --narrow (focus, classes)---------> the part asked for
          --most_important (PageRank)-------> at most max_nodes nodes
          --layout (large graphs only)------> fixed positions, no physics in the browser
          --render_page---------------------> HTML

pyvis builds the network (nodes, edges, options) and ships vis-network; the page is
rendered from our own template because pyvis 0.3.2's template loads CSS from CDNs and
switches every tooltip to ``innerHTML`` once any title contains "href" (stored XSS
from a press release). Here all text reaches the page as JSON data and is shown with
``textContent`` only: nothing from a document is ever parsed as HTML.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import InputError, OutputError
from .queries import internal_query

__all__ = ["write_view", "view_graph", "View", "CLASS_COLOURS"]

CLASS_COLOURS = {
    "Agency": "#1f77b4",
    "Plan": "#2ca02c",
    "Regulation": "#d62728",
    "Program": "#ff7f0e",
    "Person": "#9467bd",
    "Metric": "#8c564b",
    "Observation": "#17becf",
    "Document": "#bcbd22",
}
# vis-network's physics costs O(n^2) per step: above this many nodes, networkx lays the graph out
# once and the browser only draws it.
PHYSICS_LIMIT = 300
KGO = "https://w3id.org/policy-kg/ontology#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class View:
    """A written view: its ``path``, drawn inline when it is the last value of a Jupyter cell."""

    path: Path
    shown: int  # nodes on the page
    hidden: int  # nodes left out (focus, filters or the size cap)
    notice: str = field(default="", repr=False)

    def __fspath__(self) -> str:
        return str(self.path)

    def read_text(self) -> str:
        return self.path.read_text(encoding="utf-8")

    def as_uri(self) -> str:
        return self.path.resolve().as_uri()

    def _repr_html_(self) -> str:
        page = html.escape(self.read_text(), quote=True)
        return f'<iframe srcdoc="{page}" style="width:100%;height:640px;border:1px solid #ddd"></iframe>'


def write_view(
    store,
    path: Path,
    *,
    max_nodes: int = 1500,
    focus: str | None = None,
    depth: int = 1,
    classes: list[str] | None = None,
    construct: list[ox.Triple] | None = None,
) -> View:
    """Write the browser view of ``store`` (or of a CONSTRUCT result drawn from it) to ``path``."""
    whole = view_graph(store, construct)
    asked = narrow(whole, focus=focus, depth=depth, classes=classes)
    graph = most_important(asked, max_nodes)
    add_details(store, graph)
    notice = hidden_notice(
        whole.number_of_nodes(), asked.number_of_nodes(), graph.number_of_nodes(), focus, classes
    )
    page = render_page(pyvis_network(graph), notice=notice, positions=layout(graph))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise OutputError(f"{path}: cannot write the view ({e.strerror or e})") from e
    return View(
        path, graph.number_of_nodes(), whole.number_of_nodes() - graph.number_of_nodes(), notice
    )


# -- which graph ----------------------------------------------------------------------------------
def view_graph(store, construct: list[ox.Triple] | None = None) -> nx.MultiDiGraph:
    """The entities and their relations, or the resources and links of a CONSTRUCT result."""
    from .analysis import to_networkx

    return to_networkx(store) if construct is None else construct_graph(construct)


def construct_graph(triples: list[ox.Triple]) -> nx.MultiDiGraph:
    """IRIs as nodes, links between them as edges; types and labels become node attributes."""
    graph = nx.MultiDiGraph()
    for triple in triples:
        subject, predicate, obj = triple.subject.value, triple.predicate.value, triple.object
        graph.add_node(subject)
        if predicate == RDF_TYPE and obj.value.startswith(KGO):
            graph.nodes[subject]["kind"] = obj.value[len(KGO) :]
        elif predicate == RDFS_LABEL:
            graph.nodes[subject]["label"] = obj.value
        elif isinstance(obj, ox.NamedNode):
            graph.add_edge(subject, obj.value, key=predicate, predicate=local_name(predicate))
    return graph


def local_name(iri: str) -> str:
    return iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


# -- which part of it -----------------------------------------------------------------------------
def narrow(
    graph: nx.MultiDiGraph, *, focus: str | None, depth: int, classes: list[str] | None
) -> nx.MultiDiGraph:
    """Only the given classes, and only within ``depth`` links of the nodes named ``focus``."""
    if classes:
        unknown = sorted(set(classes) - set(CLASS_COLOURS))
        if unknown:
            raise InputError(
                f"--classes: unknown class {', '.join(unknown)}; use " + ", ".join(CLASS_COLOURS)
            )
        graph = graph.subgraph(
            [n for n, kind in graph.nodes(data="kind") if kind in classes]
        ).copy()
    if focus:
        wanted = focus.casefold()
        centres = [
            n
            for n, label in graph.nodes(data="label")
            if wanted in (label or local_name(n)).casefold()
        ]
        if not centres:
            raise InputError(f"--focus {focus!r}: no node has that in its name")
        undirected = nx.Graph(graph)
        near = set()
        for centre in centres:
            near.update(nx.single_source_shortest_path_length(undirected, centre, cutoff=depth))
        graph = graph.subgraph(near).copy()
    return graph


def most_important(graph: nx.MultiDiGraph, max_nodes: int) -> nx.MultiDiGraph:
    """At most ``max_nodes`` nodes: the highest PageRank (links pointing at an agency make it
    important, as do important plans), ties broken by degree and name."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    rank = nx.pagerank(nx.DiGraph(graph)) if graph.number_of_edges() else {}
    order = sorted(graph.nodes, key=lambda n: (-rank.get(n, 0.0), -graph.degree(n), n))
    return graph.subgraph(order[:max_nodes]).copy()


def hidden_notice(
    total: int, asked: int, shown: int, focus: str | None, classes: list[str] | None
) -> str:
    """What the page leaves out and why, and how to see it."""
    if shown == total:
        return ""
    why = []
    if classes and asked < total:
        why.append("only " + ", ".join(classes))
    if focus and asked < total:
        why.append(f"only nodes near {focus!r}")
    if shown < asked:
        why.append(f"the {asked - shown:,} least important (PageRank) left out")
    return (
        f"Showing {shown:,} of {total:,} nodes: {'; '.join(why)}. "
        "See any part with kg viz --focus NAME, --classes or --max-nodes."
    )


# -- what each node shows ------------------------------------------------------------------------
def add_details(store, graph: nx.MultiDiGraph) -> None:
    """Label, class, documents and evidence sentences of every node on the page."""
    if graph.number_of_nodes() == 0:
        return
    nodes = [{"node": term} for term in map(iri_term, graph.nodes) if term]
    if not nodes:  # only blank nodes of a CONSTRUCT result
        return
    for row in store.select(internal_query("node-details").sparql, nodes):
        data = graph.nodes[row["node"]]
        data.setdefault("label", row.get("name") or local_name(row["node"]))
        if "class" in row:
            data.setdefault("kind", local_name(row["class"]))
        data["evidence"] = split_concat(row.get("evidence"))
        data["documents"] = split_concat(row.get("documents"))


def iri_term(node: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(node)
    except ValueError:  # a blank node of a CONSTRUCT result
        return None


def split_concat(value: str | None) -> list[str]:
    return [v for v in (value or "").split("\u001f") if v][:5]


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]] | None:
    """Fixed positions for graphs too large for in-browser physics (None: let the browser lay out)."""
    if graph.number_of_nodes() <= PHYSICS_LIMIT:
        return None
    positions = nx.spring_layout(
        nx.Graph(graph), seed=7, iterations=60, scale=60.0 * graph.number_of_nodes() ** 0.5
    )
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in positions.items()}


def pyvis_network(graph: nx.MultiDiGraph):
    from pyvis.network import Network

    network = Network(directed=True, cdn_resources="remote")
    for node, data in graph.nodes(data=True):
        kind = data.get("kind", "Entity")
        network.add_node(
            node,
            label=data.get("label") or local_name(node),
            color=CLASS_COLOURS.get(kind, "#7f7f7f"),
            kind=kind,
            evidence=data.get("evidence", []),
            documents=data.get("documents", []),
        )
    for source, target, data in graph.edges(data=True):
        network.add_edge(source, target, label=data.get("predicate", ""), arrows="to")
    return network


def render_page(network, *, notice: str, positions: dict | None) -> str:
    """The page: data as JSON in a <script type=application/json>, vis-network inlined."""
    lib = resources.files("pyvis").joinpath("lib/vis-9.1.2")
    kinds = sorted({n["kind"] for n in network.nodes})
    data = {
        "nodes": network.nodes,
        "edges": network.edges,
        "notice": notice,
        "positions": positions,
        "colours": {k: CLASS_COLOURS.get(k, "#7f7f7f") for k in kinds},
    }
    # No "<", ">" or "&" from a document reaches the page source, even inside the JSON.
    payload = json.dumps(data, ensure_ascii=True)
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        payload = payload.replace(char, escaped)
    template = resources.files("kg").joinpath("templates/view.html").read_text(encoding="utf-8")
    return (
        template.replace("/*VIS_CSS*/", lib.joinpath("vis-network.css").read_text(encoding="utf-8"))
        .replace("/*VIS_JS*/", lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"))
        .replace("/*GRAPH_DATA*/", payload)
    )
