"""Graph stores: one writer, two engines (the embedded FalkorDB, and Neo4j).

    from kg.store import open_store
    with open_store() as store:
        store.query("MATCH (n:Country) RETURN n.name")
"""
from __future__ import annotations

from pathlib import Path

from kg.store.result import QueryError, ReadOnlyError, Result, StoreUnavailable


def open_store(home: str | Path | None = None):
    """The embedded store of KG_HOME (started if needed)."""
    from kg.store.falkor import FalkorStore

    return FalkorStore.open(home)


__all__ = ["QueryError", "ReadOnlyError", "Result", "StoreUnavailable", "open_store"]
