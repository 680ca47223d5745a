"""The graph as networkx, and analytics on it: small ``f(G, *, ...)`` functions."""

from __future__ import annotations

import networkx as nx

from .queries import internal_query

__all__ = [
    "to_networkx",
    "counts_by_class",
    "central_agencies",
    "components",
    "communities",
    "summary",
]


def to_networkx(store) -> nx.MultiDiGraph:
    """Agencies, plans, regulations, programs and people; edges are their relations."""
    graph = nx.MultiDiGraph()
    for row in store.select(internal_query("entity-nodes").sparql):
        graph.add_node(
            row["node"], label=row["name"], kind=row["kind"], documents=int(row["documents"])
        )
    for row in store.select(internal_query("entity-edges").sparql):
        for node, label, kind in (
            (row["s"], row["sLabel"], row["sClass"]),
            (row["o"], row["oLabel"], row["oClass"]),
        ):
            graph.add_node(node, label=graph.nodes.get(node, {}).get("label", label), kind=kind)
        graph.add_edge(row["s"], row["o"], key=row["p"], predicate=row["p"].rsplit("#", 1)[-1])
    return graph


def counts_by_class(G: nx.Graph) -> dict[str, int]:
    """How many nodes of each kind.

    >>> G = nx.MultiDiGraph(); G.add_node("a", kind="Agency"); G.add_node("p", kind="Plan")
    >>> counts_by_class(G)
    {'Agency': 1, 'Plan': 1}
    """
    counts: dict[str, int] = {}
    for _, kind in G.nodes(data="kind"):
        counts[kind] = counts.get(kind, 0) + 1
    return dict(sorted(counts.items()))


def central_agencies(G: nx.Graph, *, top: int = 10) -> list[tuple[str, float]]:
    """Agencies by degree centrality in the undirected entity graph, most central first.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("m", kind="Agency", label="Ministry"); G.add_node("p", kind="Plan", label="Plan A")
    >>> G.add_edge("p", "m")
    0
    >>> central_agencies(G)
    [('Ministry', 1.0)]
    """
    if G.number_of_nodes() < 2:
        return []
    centrality = nx.degree_centrality(nx.Graph(G))
    agencies = [
        (G.nodes[n].get("label", n), c)
        for n, c in centrality.items()
        if G.nodes[n].get("kind") == "Agency"
    ]
    return sorted(agencies, key=lambda item: (-item[1], item[0]))[:top]


def components(G: nx.Graph) -> list[set[str]]:
    """Connected components (links followed either way), largest first.

    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "d"), ("d", "e")])
    >>> [len(c) for c in components(G)]
    [3, 2]
    """
    return sorted(nx.connected_components(nx.Graph(G)), key=lambda c: (-len(c), min(c)))


def communities(G: nx.Graph, *, seed: int = 1) -> list[set[str]]:
    """Louvain communities of the undirected graph, largest first (seeded: the same every run).

    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> sorted(sorted(c) for c in communities(G))
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    if G.number_of_nodes() == 0:
        return []
    found = nx.community.louvain_communities(nx.Graph(G), seed=seed)
    return sorted(found, key=lambda c: (-len(c), min(c)))


def summary(G: nx.Graph, *, top: int = 5) -> dict:
    """The figures ``kg stats`` prints: size, components, communities, central agencies."""
    parts = components(G)
    groups = communities(G)
    label = lambda n: G.nodes[n].get("label", n)  # noqa: E731
    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "components": len(parts),
        "largest component": len(parts[0]) if parts else 0,
        "communities": len(groups),
        "largest communities": [sorted(map(label, group))[:4] for group in groups[:top]],
        "central agencies": central_agencies(G, top=top),
    }
