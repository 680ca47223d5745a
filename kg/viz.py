"""The browser view: one self-contained HTML page (vis-network inlined, no CDN).

    store --view_graph / construct_graph----> networkx graph: entities and their relations,
                                              metrics (sized by their observations) linked to
                                              what they are reported for, documents
          --narrow (focus, classes)---------> the part asked for
          --most_important (PageRank)-------> at most max_nodes nodes, and their documents
          --layout (large graphs only)------> fixed positions, no physics in the browser
          --render_page---------------------> HTML

On the page, links through documents are a toggle (off: the relations alone; on: a document
joins everything it names, so one press release is one connected picture), nodes without a
link are hidden until asked for (the page says how many), and a search highlights, counts
and frames every hit. Served by ``kg serve`` at ``/view``, a node's neighbours can be added
from the whole graph (``neighbours``).

pyvis builds the network (nodes, edges, options) and ships vis-network; the page is
rendered from our own template because pyvis 0.3.2's template loads CSS from CDNs and
switches every tooltip to ``innerHTML`` once any title contains "href" (stored XSS
from a press release). Here all text reaches the page as JSON data and is shown with
``textContent`` only: nothing from a document is ever parsed as HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import InputError, OutputError, did_you_mean
from .pages import script_json, template
from .queries import internal_query

__all__ = [
    "write_view",
    "view_graph",
    "view_page",
    "neighbours",
    "node_details",
    "View",
    "CLASS_COLOURS",
]

# The classes the view draws (``--classes`` accepts these only).
CLASS_COLOURS = {
    "Agency": "#1f77b4",
    "Plan": "#2ca02c",
    "Regulation": "#d62728",
    "Program": "#ff7f0e",
    "Person": "#9467bd",
    "Metric": "#8c564b",
    "Document": "#bcbd22",
}
MOST_VALUES = 25  # observations a metric's panel lists (the page says how many more)
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
        return (
            f'<iframe srcdoc="{page}" '
            'style="width:100%;height:640px;border:1px solid #ddd"></iframe>'
        )


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
    """Write the browser view of ``store`` (or of a CONSTRUCT result drawn from it) to ``path``;
    a view that would have no node is refused (``InputError``)."""
    page, view = view_page(
        store,
        view_graph(store, construct),
        max_nodes=max_nodes,
        focus=focus,
        depth=depth,
        classes=classes,
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(page, encoding="utf-8")
    except OSError as e:
        raise OutputError(f"{path}: cannot write the view ({e.strerror or e})") from e
    view.path = path
    return view


def view_page(
    store,
    whole: nx.MultiDiGraph,
    *,
    max_nodes: int = 1500,
    focus: str | None = None,
    depth: int = 1,
    classes: list[str] | None = None,
    expand_url: str | None = None,
    details_url: str | None = None,
) -> tuple[str, View]:
    """The page's HTML for the part of ``whole`` asked for, and what it shows. With
    ``details_url`` (``kg serve``'s ``/view``), a node's sentences, documents and values are
    fetched from there when it is shown rather than carried in the page: on a corpus they were
    most of the page, and reading them most of the server's work."""
    things = without_documents(whole)
    asked = narrow(things, focus=focus, depth=depth, classes=classes)
    graph = with_documents(whole, most_important(asked, max_nodes), classes)
    shown = graph.number_of_nodes() - count_kind(graph, "Document")
    if shown == 0:
        raise InputError(nothing_to_draw(things.number_of_nodes(), classes))
    if details_url is None:
        add_details(store, graph)
    notice = hidden_notice(things.number_of_nodes(), asked.number_of_nodes(), shown, focus, classes)
    page = render_page(
        pyvis_network(graph),
        notice=notice,
        positions=layout(graph),
        expand_url=expand_url,
        details_url=details_url,
    )
    return page, View(Path(), shown, things.number_of_nodes() - shown, notice)


def nothing_to_draw(total: int, classes: list[str] | None) -> str:
    if total == 0:
        return (
            "nothing to draw: the graph has no agencies, plans, regulations, programmes, "
            "people or metrics"
        )
    return (
        f"nothing to draw: no node of {', '.join(classes or [])} among the graph's {total:,} nodes"
    )


# -- which graph ----------------------------------------------------------------------------------


def view_graph(store, construct: list[ox.Triple] | None = None) -> nx.MultiDiGraph:
    """The entities and their relations, the metrics and the documents (or the resources and
    links of a CONSTRUCT result). Each node has a ``weight`` (documents naming an entity,
    observations of a metric) and each edge says what it goes ``via``: a relation, a sentence
    (a metric and what it is reported for) or a document."""
    from .analysis import to_networkx

    if construct is not None:
        return construct_graph(construct)
    graph = to_networkx(store)
    for _, data in graph.nodes(data=True):
        data["weight"] = data.get("documents", 1)
    add_metrics(store, graph)
    add_documents(store, graph)
    return graph


def add_metrics(store, graph: nx.MultiDiGraph) -> None:
    """Metrics, each linked to what it is reported for: the agencies, programmes, plans and
    regulations named in one of its sentences, else the agency or programme its document names
    most (a press release's numbers are its agency's)."""
    for row in store.select(internal_query("view-metrics").sparql):
        graph.add_node(
            row["node"], label=row["name"], kind="Metric", weight=int(row["observations"])
        )
    linked = set()
    for row in store.select(internal_query("view-metric-sentences").sparql):
        if row["entity"] in graph:
            graph.add_edge(
                row["metric"],
                row["entity"],
                key="reportedFor",
                predicate="reported for",
                via="sentence",
            )
            linked.add(row["metric"])
    main = main_entities(store)
    for row in store.select(internal_query("view-metric-documents").sparql):
        entity = main.get(row["document"])
        if row["metric"] not in linked and entity in graph:
            graph.add_edge(
                row["metric"], entity, key="reportedFor", predicate="reported for", via="sentence"
            )


def main_entities(store) -> dict[str, str]:
    """Each document's agency or programme named in the most sentences (ties: the first IRI)."""
    best: dict[str, tuple[int, str]] = {}
    for row in store.select(internal_query("view-document-agencies").sparql):
        count, entity = int(row["sentences"]), row["entity"]
        held = best.get(row["document"])
        if held is None or (-count, entity) < (-held[0], held[1]):
            best[row["document"]] = (count, entity)
    return {document: entity for document, (_, entity) in best.items()}


def add_documents(store, graph: nx.MultiDiGraph) -> None:
    """Documents, linked to the entities they name and the metrics they report."""

    def link(document: str, title: str, node: str) -> None:
        if node in graph:
            graph.add_node(document, label=title, kind="Document", weight=1)
            graph.add_edge(node, document, key="mentionedIn", predicate="in", via="document")

    titles = {}
    for row in store.select(internal_query("view-documents").sparql):
        titles[row["document"]] = row["title"]
        link(row["document"], row["title"], row["node"])
    for row in store.select(internal_query("view-metric-documents").sparql):
        if row["document"] in titles:
            link(row["document"], titles[row["document"]], row["metric"])


def without_documents(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    return graph.subgraph([n for n, kind in graph.nodes(data="kind") if kind != "Document"]).copy()


def with_documents(
    whole: nx.MultiDiGraph, kept: nx.MultiDiGraph, classes: list[str] | None
) -> nx.MultiDiGraph:
    """``kept`` and the documents that name at least two of its nodes (unless ``classes`` leaves
    documents out): the links the page can show through documents."""
    if classes and "Document" not in classes:
        return kept
    documents = [
        n
        for n, kind in whole.nodes(data="kind")
        if kind == "Document" and sum(1 for node in whole.predecessors(n) if node in kept) >= 2
    ]
    return whole.subgraph([*kept.nodes, *documents]).copy()


def count_kind(graph: nx.MultiDiGraph, kind: str) -> int:
    return sum(1 for _, k in graph.nodes(data="kind") if k == kind)


def neighbours(store, whole: nx.MultiDiGraph, node: str) -> dict:
    """A node's neighbours in ``whole`` and the links between them, as the page adds them."""
    if node not in whole:
        raise InputError(f"{node}: not a node of this graph")
    part = whole.subgraph([node, *whole.predecessors(node), *whole.successors(node)]).copy()
    add_details(store, part)
    network = pyvis_network(part)
    return {"nodes": network.nodes, "edges": network.edges}


def node_details(store, whole: nx.MultiDiGraph, node: str) -> dict:
    """What a node's panel lists: its evidence sentences, documents and values by period."""
    if node not in whole:
        raise InputError(f"{node}: not a node of this graph")
    part = whole.subgraph([node]).copy()
    add_details(store, part)
    data = part.nodes[node]
    return {
        key: data[key] for key in ("evidence", "documents", "observations", "more") if key in data
    }


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
                f"--classes: the view draws no class {', '.join(unknown)}; it draws "
                + ", ".join(CLASS_COLOURS)
                + did_you_mean(unknown[0], CLASS_COLOURS)
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
    important, as do important plans), its random jumps weighted by each node's weight (an
    agency many documents name, a metric many observations report), ties broken by degree and
    name."""
    if graph.number_of_nodes() <= max_nodes:
        return graph
    weights = {n: float(w) for n, w in graph.nodes(data="weight", default=1)}
    rank = (
        nx.pagerank(nx.DiGraph(graph), personalization=weights)
        if graph.number_of_edges()
        else weights
    )
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
    add_metric_values(store, graph)


def add_metric_values(store, graph: nx.MultiDiGraph) -> None:
    """Each metric's observations by period with their sentences (at most ``MOST_VALUES``)."""

    metrics = [
        {"node": ox.NamedNode(n)} for n, kind in graph.nodes(data="kind") if kind == "Metric"
    ]
    if not metrics:
        return
    for row in store.select(internal_query("view-metric-values").sparql, metrics):
        data = graph.nodes[row["node"]]
        values = data.setdefault("observations", [])
        if len(values) == MOST_VALUES:
            data["more"] = data.get("more", 0) + 1
            continue
        values.append(
            {
                key: row.get(key)
                for key in (
                    "period",
                    "value",
                    "unit",
                    "kind",
                    "change",
                    "changeUnit",
                    "basis",
                    "sentence",
                    "document",
                )
            }
        )


def iri_term(node: str) -> ox.NamedNode | None:
    try:
        return ox.NamedNode(node)
    except ValueError:  # a blank node of a CONSTRUCT result
        return None


def split_concat(value: str | None) -> list[str]:
    return [v for v in (value or "").split("\u001f") if v][:5]


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]] | None:
    """Fixed positions for graphs too large for in-browser physics (None: let the browser lay
    out). The entities are laid out by networkx; each document, drawn only when links through
    documents are asked for, sits amid what it names (a corpus has more documents than
    entities: laying them out too took most of the time, for nodes not drawn at first)."""
    if graph.number_of_nodes() <= PHYSICS_LIMIT:
        return None
    documents = [n for n, kind in graph.nodes(data="kind") if kind == "Document"]
    things = nx.Graph(graph.subgraph(set(graph) - set(documents)))
    positions = nx.spring_layout(
        things, seed=7, iterations=60, scale=60.0 * max(1, things.number_of_nodes()) ** 0.5
    )
    for document in documents:
        named = [positions[n] for n in nx.all_neighbors(graph, document) if n in positions]
        positions[document] = sum(named) / len(named) if named else (0.0, 0.0)
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
            weight=data.get("weight", 1),
            evidence=data.get("evidence", []),
            documents=data.get("documents", []),
            observations=data.get("observations", []),
            more=data.get("more", 0),
        )
    for source, target, data in graph.edges(data=True):
        network.add_edge(
            source,
            target,
            label=data.get("predicate", ""),
            arrows="to",
            via=data.get("via", "relation"),
        )
    return network


def compact(network) -> tuple[list[dict], list[list]]:
    """The page's nodes without their empty fields, and its edges as ``[from, to, label, via]``
    with each end given by its place in the node list: on a corpus the edges are most of the
    page, and an IRI for each end made them 5 of its 11.6 MB."""
    place = {node["id"]: i for i, node in enumerate(network.nodes)}
    nodes = [
        # Every node is drawn as a dot; a value of 0 ("more") or an empty list says nothing.
        {key: value for key, value in node.items() if (value or key == "label") and key != "shape"}
        for node in network.nodes
    ]
    for node in nodes:
        if "observations" in node:
            node["observations"] = [
                {key: value for key, value in o.items() if value is not None}
                for o in node["observations"]
            ]
    edges = [[place[e["from"]], place[e["to"]], e["label"], e["via"]] for e in network.edges]
    return nodes, edges


def render_page(
    network,
    *,
    notice: str,
    positions: dict | None,
    expand_url: str | None = None,
    details_url: str | None = None,
) -> str:
    """The page: data as JSON in a <script type=application/json>, vis-network inlined."""
    lib = resources.files("pyvis").joinpath("lib/vis-9.1.2")
    kinds = sorted({n["kind"] for n in network.nodes})
    nodes, edges = compact(network)
    data = {
        "nodes": nodes,
        "edges": edges,
        "notice": notice,
        "positions": positions,
        "colours": {k: CLASS_COLOURS.get(k, "#7f7f7f") for k in kinds},
        "expandUrl": expand_url,
        "detailsUrl": details_url,
    }
    return (
        template("view.html")
        .replace("/*VIS_CSS*/", lib.joinpath("vis-network.css").read_text(encoding="utf-8"))
        .replace("/*VIS_JS*/", lib.joinpath("vis-network.min.js").read_text(encoding="utf-8"))
        .replace("/*GRAPH_DATA*/", script_json(data))
    )
