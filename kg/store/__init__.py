"""Graph stores, chosen by name: one interface (kg/store/base.py: GraphStore), two engines.

    from kg.store import open_store
    with open_store() as store:                                  # "embedded": FalkorDB in KG_HOME
        store.query("MATCH (n:Country) RETURN n.name")
    with open_store("neo4j", uri="bolt://localhost:7687") as store: ...

Each engine's module is imported only when it is asked for.
"""
from __future__ import annotations

import importlib
from typing import Any

from kg.core.graph import GraphStore, QueryError, ReadOnlyError, Result, StoreUnavailable

# name -> (module, factory). The factories take keyword settings:
#   embedded: home (KG_HOME), graph (KG_GRAPH); neo4j: uri, database (else NEO4J_* variables).
STORES: dict[str, tuple[str, str]] = {
    "embedded": ("kg.store.falkor", "open_embedded"),
    "neo4j": ("kg.store.neo4j", "open_neo4j"),
}


def open_store(name: str = "embedded", *, check_model: bool = True, **settings: Any) -> GraphStore:
    """The store called `name`, opened (the embedded engine is started if needed). A graph of
    an older graph model is refused (kg/store/model.py) unless `check_model` is false."""
    try:
        module, factory = STORES[name]
    except KeyError:
        raise ValueError(f"unknown store {name!r}; expected one of: {', '.join(STORES)}") from None
    store: GraphStore = getattr(importlib.import_module(module), factory)(**settings)
    if check_model:
        from kg.store.version import require_current_model

        try:
            require_current_model(store)
        except BaseException:
            store.close()
            raise
    return store


__all__ = ["STORES", "GraphStore", "QueryError", "ReadOnlyError", "Result", "StoreUnavailable",
           "open_store"]
