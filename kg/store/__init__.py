"""Graph stores, chosen by name: one interface (kg/store/base.py: GraphStore), two engines.

    from kg.store import open_store
    with open_store() as store:                                  # "embedded": FalkorDB in KG_HOME
        store.query("MATCH (n:Country) RETURN n.name")
    with open_store("neo4j", uri="bolt://localhost:7687") as store: ...

Each engine's module is imported only when it is asked for.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kg.core.graph import GraphStore, QueryError, ReadOnlyError, Result, StoreUnavailable
from kg.core.registry import Registry

# name -> the function that opens that store. It takes keyword settings:
#   embedded: home (KG_HOME), graph (KG_GRAPH); neo4j: uri, database (else NEO4J_* variables).
STORES: Registry[Callable[..., GraphStore]] = Registry("store")


@STORES.register("embedded")
def _embedded() -> Callable[..., GraphStore]:
    from kg.store.falkor import open_embedded

    return open_embedded


@STORES.register("neo4j")
def _neo4j() -> Callable[..., GraphStore]:
    from kg.store.neo4j import open_neo4j

    return open_neo4j


def open_store(name: str = "embedded", *, check_model: bool = True, **settings: Any) -> GraphStore:
    """The store called `name`, opened (the embedded engine is started if needed). A graph of
    an older graph model is refused (kg/store/model.py) unless `check_model` is false."""
    store: GraphStore = STORES.get(name)(**settings)
    if check_model:
        from kg.store.version import require_current_model

        try:
            require_current_model(store)
        except BaseException:
            store.close()
            raise
    return store


__all__ = ["STORES", "GraphStore", "QueryError", "ReadOnlyError", "Result", "StoreUnavailable", "open_store"]
