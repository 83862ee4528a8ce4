"""The embedded store: FalkorDB through its Python client, over the engine's Unix socket.

    store = FalkorStore.open()                       # starts the engine under KG_HOME if needed
    store.query("MATCH (n:Country) RETURN n.name")   # read-only unless write=True
    store.execute([(statement, params), ...])        # one MULTI/EXEC transaction
"""
from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.store.engine import Engine, kg_home
from kg.store.result import QueryError, ReadOnlyError, Result, StoreUnavailable
from kg.store.schema import falkordb_schema

DEFAULT_GRAPH = "kg"

_STAT_KEYS = ("nodes_created", "nodes_deleted", "relationships_created", "relationships_deleted",
              "properties_set", "labels_added")


class FalkorStore:
    """One graph (default "kg") in one FalkorDB server."""

    engine_name = "falkordb"

    def __init__(self, socket_path: str | Path, graph: str = DEFAULT_GRAPH) -> None:
        from falkordb import FalkorDB

        self.socket_path = str(socket_path)
        self.graph_name = graph
        self._db = FalkorDB(unix_socket_path=self.socket_path)
        self._graph = self._db.select_graph(graph)
        self._schema_ready = False

    @classmethod
    def open(cls, home: str | Path | None = None, graph: str | None = None) -> FalkorStore:
        """The store of KG_HOME (or `home`); its engine is started first if it is not running."""
        engine = Engine(Path(home) if home is not None else kg_home())
        socket_path = engine.ensure()
        return cls(socket_path, graph or os.environ.get("KG_GRAPH", DEFAULT_GRAPH))

    def close(self) -> None:
        self._db.connection.close()

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing ---------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement. Without `write`, the engine refuses any statement that writes."""
        import redis

        self.ensure_schema()  # also creates the graph: a read of a missing graph is an error
        try:
            if write:
                raw = self._graph.query(cypher, params or None)
            else:
                raw = self._graph.ro_query(cypher, params or None)
        except redis.ResponseError as exc:
            raise _query_error(exc) from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"lost the FalkorDB engine at {self.socket_path}: {exc}") from None
        columns = [str(h[1]) for h in raw.header] if raw.header else []
        rows = [[plain(v) for v in row] for row in raw.result_set]
        return Result(columns, rows, _stats(raw))

    def execute(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, int]]:
        """Run write statements as one transaction (MULTI/EXEC: no other client's query runs in
        between); returns each statement's counters."""
        import redis
        from falkordb.query_result import QueryResult

        if not statements:
            return []
        self.ensure_schema()
        pipe = self._db.connection.pipeline(transaction=True)
        for cypher, params in statements:
            header = self._graph._build_params_header(params) if params else ""
            pipe.execute_command("GRAPH.QUERY", self.graph_name, header + cypher, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise StoreUnavailable(f"lost the FalkorDB engine at {self.socket_path}: {exc}") from None
        stats = []
        for reply in replies:
            if isinstance(reply, Exception):
                raise _query_error(reply)
            stats.append(_stats(QueryResult(self._graph, reply)))
        return stats

    def ensure_schema(self) -> None:
        """Indexes on the merge keys and the names; unique constraints on the ids."""
        import redis

        if self._schema_ready:
            return
        for index in falkordb_schema():
            try:
                self._graph.query(index.statement)
            except redis.ResponseError as exc:
                if "already indexed" not in str(exc):
                    raise _query_error(exc) from None
            if index.constraint is not None:
                try:
                    self._db.connection.execute_command("GRAPH.CONSTRAINT", "CREATE",
                                                        self.graph_name, *index.constraint)
                except redis.ResponseError as exc:
                    if "already exists" not in str(exc).lower():
                        raise _query_error(exc) from None
        self._schema_ready = True

    def clear(self) -> None:
        """Delete the whole graph (tests and `kg reset`)."""
        import redis

        try:
            self._graph.delete()
        except redis.ResponseError:
            pass  # no such graph yet
        self._schema_ready = False


def plain(value: Any) -> Any:
    """FalkorDB values -> plain Python: nodes, relationships and paths become dicts."""
    from falkordb.edge import Edge
    from falkordb.node import Node
    from falkordb.path import Path as GraphPath

    if isinstance(value, Node):
        return {"labels": sorted(value.labels or []), "properties": dict(value.properties)}
    if isinstance(value, Edge):
        return {"type": value.relation, "properties": dict(value.properties)}
    if isinstance(value, GraphPath):
        return {"nodes": [plain(n) for n in value.nodes()],
                "relationships": [plain(e) for e in value.edges()]}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _stats(raw: Any) -> dict[str, int]:
    """The non-zero counters of a falkordb QueryResult."""
    counts = {key: int(getattr(raw, key) or 0) for key in _STAT_KEYS}
    return {key: value for key, value in counts.items() if value}


def _query_error(exc: Exception) -> KgError:
    message = str(exc)
    if "read-only" in message:
        return ReadOnlyError("the statement writes to the graph; run it with --write to allow that")
    # FalkorDB: "errMsg: Invalid input ... line: 1, column: 10, offset: 9 errCtx: ... errCtxOffset: 9"
    message = re.sub(r"\s*errCtx:.*$", "", message, flags=re.S).replace("errMsg: ", "")
    return QueryError(" ".join(message.split()))
