"""What every store returns and raises, whatever the engine."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kg.errors import KgError


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
