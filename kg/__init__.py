"""kg: turn government policy text into a queryable RDF knowledge graph.

import kg
graph = kg.build(["press-release.txt"])          # in memory
graph = kg.open(".kg-store")                       # an existing store
graph.query("agency-responsibilities", agency="Ministry")
"""

from .errors import KGError
from .graph import KnowledgeGraph, QueryResult, build, queries
from .graph import open_graph as open  # noqa: A001 - kg.open(store) reads naturally
from .version import __version__

__all__ = ["build", "open", "queries", "KnowledgeGraph", "QueryResult", "KGError", "__version__"]
