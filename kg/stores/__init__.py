"""Where the graph is kept: one interface, a backend per kind of location.

    base.py      -- GraphStore, the abstract interface every caller uses; export, select
    layout.py    -- the layout both backends keep (a named graph per document + their union)
                    and the updates that keep it; the prefixes queries may leave undeclared
    oxigraph.py  -- OxigraphStore: embedded Oxigraph on disk or in memory
    remote.py    -- RemoteStore: any SPARQL 1.1 server (SPARQL Protocol and Update over HTTP)
    registry.py  -- open_store(location) picks the backend by scheme; register() adds one

The SPARQL the stores run is in ``queries/internal/*.rq``.
"""

from .base import EXPORT_FORMATS, GraphStore, solution_rows
from .layout import PREFIXES
from .oxigraph import OxigraphStore
from .registry import DEFAULT_STORE, local_path, open_store, register, scheme_of

__all__ = [
    "DEFAULT_STORE",
    "EXPORT_FORMATS",
    "PREFIXES",
    "GraphStore",
    "OxigraphStore",
    "local_path",
    "open_store",
    "register",
    "scheme_of",
    "solution_rows",
]
