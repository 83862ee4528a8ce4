"""The one interface every graph store implements (the embedded FalkorDB, Neo4j 5), what it
returns and what it raises.

    with open_store("embedded") as store:               # kg.store: stores chosen by name
        store.ensure_schema()                           # indexes (and constraints) kg needs
        result = store.query("MATCH (n:Country) RETURN n.name AS name")   # read-only
        result.records()                                # [{"name": "Chad"}, ...]
        store.query("CREATE (:Note {id: $id})", {"id": "n1"}, write=True)
        store.execute([(statement, params), ...])      # one transaction; counters per statement
        store.clear()                                   # the whole graph goes

Returned values have one shape whatever the engine (Result, below): column names,
rows of plain Python values — None, bool, int, float, str, lists and dicts of them — where a
node is {"labels": [sorted labels], "properties": {...}}, a relationship {"type": T,
"properties": {...}} and a path {"nodes": [...], "relationships": [...]}; and the engine's
counters (nodes_created, relationships_deleted, properties_set ...), zero ones left out.
Errors are these: QueryError (the engine refused the statement; ReadOnlyError
when a read-only statement writes), StoreUnavailable (the engine cannot be reached or
refuses all writes).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from kg.core.errors import KgError


class QueryError(KgError):
    """The engine rejected a statement (syntax, unknown function, type error ...)."""


class ReadOnlyError(QueryError):
    """A statement that writes was sent as read-only."""


class StoreUnavailable(KgError):
    """The engine cannot be reached."""


@dataclass
class Result:
    """Column names, rows of plain Python values (nodes, relationships and paths as dicts),
    and the engine's counters (nodes_created, relationships_deleted ...)."""

    columns: list[str]
    rows: list[list[Any]]
    stats: dict[str, int] = field(default_factory=dict)

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row)) for row in self.rows]

    def value(self, default: Any = None) -> Any:
        """The first column of the first row."""
        return self.rows[0][0] if self.rows and self.rows[0] else default


@runtime_checkable
class GraphStore(Protocol):
    engine_name: str  # "falkordb", "neo4j"

    @property
    def where(self) -> str:
        """Where this graph is, for messages (never a password)."""
        ...

    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement; without `write`, the engine refuses a statement that writes."""
        ...

    def execute(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, int]]:
        """Run write statements as one transaction; the counters of each."""
        ...

    def ensure_schema(self) -> None:
        """Create the indexes and constraints kg relies on, if missing (reads only otherwise)."""
        ...

    def clear(self) -> None:
        """Delete the whole graph."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> GraphStore: ...

    def __exit__(self, *exc: object) -> None: ...
