"""Which backend a store location names, by its scheme, as rdflib's plugin registry picks a
store by name.

    http://HOST/..., https://...  -> RemoteStore (a SPARQL 1.1 server)
    memory:  or None              -> OxigraphStore in memory
    oxigraph:PATH, or a bare PATH -> OxigraphStore in the folder PATH (an RDF file kg wrote is
                                     read into memory)

A scheme is the letters before the first ``:`` (two at least, so a Windows drive is a path).
``register("myscheme", factory)`` adds a backend: ``factory(location, read_only=...)`` gets the
whole location (a ``Path`` stays one) and returns a ``GraphStore``. A folder whose name starts
with ``word:`` is written ``./word:...``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from ..errors import StoreError
from .base import GraphStore
from .oxigraph import OxigraphStore

__all__ = ["DEFAULT_STORE", "local_path", "open_store", "register", "scheme_of"]

DEFAULT_STORE = Path(".kg-store")
PATH_SCHEME = "oxigraph"  # what a location without a scheme is
SCHEME = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]+):")
StoreFactory = Callable[..., GraphStore]
FACTORIES: dict[str, StoreFactory] = {}


def register(scheme: str, factory: StoreFactory) -> None:
    """Open locations ``scheme:...`` with ``factory(location, read_only=...)``."""
    FACTORIES[scheme.lower()] = factory


def scheme_of(location: str | Path | None) -> str:
    """``"http"`` for ``http://host/sparql``, ``"memory"`` for None, ``"oxigraph"`` for a path."""
    if location is None:
        return "memory"
    match = SCHEME.match(location) if isinstance(location, str) else None
    return match["scheme"].lower() if match else PATH_SCHEME


def open_store(location: str | Path | None = None, *, read_only: bool = False) -> GraphStore:
    """The store at ``location``: a folder, ``None`` for memory, an RDF file the product wrote
    (read into memory), or the URL of a SPARQL server."""
    scheme = scheme_of(location)
    factory = FACTORIES.get(scheme)
    if factory is None:
        known = ", ".join(f"{name}:" for name in sorted(FACTORIES))
        raise StoreError(
            f"{location}: no store backend for {scheme}: (known: {known}); "
            f"a folder whose name has a colon is written ./{location}"
        )
    return factory("memory:" if location is None else location, read_only=read_only)


def local_path(location: str | Path | None) -> Path | None:
    """The folder or file an embedded store location names (None: memory or a server)."""
    if scheme_of(location) != PATH_SCHEME:
        return None
    match = SCHEME.match(location) if isinstance(location, str) else None
    return Path(location[match.end() :]) if match else Path(location)


def open_oxigraph(location: str | Path, *, read_only: bool = False) -> GraphStore:
    path = local_path(location)
    if str(location).lower() == f"{PATH_SCHEME}:":
        raise StoreError(f"{location}: give the store's folder, as {PATH_SCHEME}:PATH")
    if path.is_file():
        return OxigraphStore.from_file(path)
    return OxigraphStore(path, read_only=read_only)


def open_memory(location: str | Path, *, read_only: bool = False) -> GraphStore:
    return OxigraphStore(None)


def open_remote(location: str, *, read_only: bool = False) -> GraphStore:
    from .remote import RemoteStore  # urllib is loaded only for a server

    return RemoteStore(location)


register(PATH_SCHEME, open_oxigraph)
register("memory", open_memory)
register("http", open_remote)
register("https", open_remote)
