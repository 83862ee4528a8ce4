"""The embedded store: FalkorDB through its Python client, over the engine's Unix socket.

    store = FalkorStore.open()                       # starts the engine under KG_HOME if needed
    store.query("MATCH (n:Country) RETURN n.name")   # read-only unless write=True
    store.execute([(statement, params), ...])        # one MULTI/EXEC transaction

Reads run with a timeout (KG_QUERY_TIMEOUT seconds, default 5), which the engine enforces:
a runaway read is stopped there, not only abandoned by its client. Parameter values are
checked before they are sent (FalkorDB takes them as text in a `CYPHER name=value` header,
where a NUL, a lone surrogate, a NaN or an integer beyond 64 bits would be misread).
"""

from __future__ import annotations

import math
import os
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.core.cypher import paging
from kg.core.errors import KgError
from kg.core.graph import QueryError, ReadOnlyError, Result, StoreUnavailable
from kg.store.engine import Endpoint, Engine, kg_home
from kg.store.params import params_header
from kg.store.schema import falkordb_schema

DEFAULT_GRAPH = "kg"
DEFAULT_TIMEOUT = 5.0  # seconds a read may run (KG_QUERY_TIMEOUT)
# Seconds kg waits for any reply. Reads end in the engine after KG_QUERY_TIMEOUT and write
# batches take seconds, so no reply within this means a stuck engine (FalkorDB has had lock
# bugs that hang its main thread): one line saying so, rather than waiting for ever.
ANSWER_TIMEOUT = 300.0

_STAT_KEYS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
)


class FalkorStore:
    """One graph (default "kg") in one FalkorDB server."""

    engine_name = "falkordb"

    def __init__(self, endpoint: Endpoint, graph: str = DEFAULT_GRAPH, timeout: float | None = None) -> None:
        from falkordb import FalkorDB

        if not graph or not graph.strip():
            raise KgError("the graph name is empty; set KG_GRAPH to a name such as 'kg', or unset it")
        self.endpoint = endpoint
        self.socket_path = str(endpoint.socket)
        self.graph_name = graph
        self.timeout = read_timeout() if timeout is None else timeout
        self._db = FalkorDB(
            unix_socket_path=self.socket_path, password=endpoint.password, socket_timeout=ANSWER_TIMEOUT
        )
        self._graph = self._db.select_graph(graph)
        self._schema_ready = False

    @classmethod
    def open(cls, home: str | Path | None = None, graph: str | None = None) -> FalkorStore:
        """The store of KG_HOME (or `home`); its engine is started first if it is not running."""
        engine = Engine(Path(home) if home is not None else kg_home())
        endpoint = engine.ensure()
        name = graph if graph is not None else os.environ.get("KG_GRAPH", DEFAULT_GRAPH)
        return cls(endpoint, name)

    @property
    def where(self) -> str:
        return f"graph {self.graph_name!r} of the engine at {self.socket_path}"

    def close(self) -> None:
        self._db.connection.close()

    def __enter__(self) -> FalkorStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing ---------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement. Without `write`, the engine refuses any statement that writes,
        and stops it after `timeout` seconds."""
        import redis

        header = params_header(params)
        check_paging(cypher, params)
        if write or self.graph_name == DEFAULT_GRAPH:
            self.ensure_schema()  # also creates the graph: a read of a missing graph is an error
        elif not self._exists():
            raise QueryError(
                f"there is no graph {self.graph_name!r} in this KG_HOME "
                f"(graphs: {', '.join(self.graphs()) or 'none'}); check KG_GRAPH"
            )
        try:
            if write:
                raw = self._graph.query(header + cypher)
            else:
                raw = self._graph.ro_query(
                    header + cypher, timeout=int(self.timeout * 1000) if self.timeout else None
                )
        except redis.ResponseError as exc:
            raise _query_error(exc, self.timeout) from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise _unavailable(exc, self.socket_path) from None
        except UnicodeDecodeError:
            raise StoreUnavailable(
                f"the FalkorDB engine at {self.socket_path} answered with text that "
                "is not UTF-8 (a damaged value in the graph); the query cannot be "
                "answered"
            ) from None
        columns = [str(h[1]) for h in raw.header] if raw.header else []
        rows = [[plain(v) for v in row] for row in raw.result_set]
        return Result(columns, rows, _stats(raw))

    def execute(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, int]]:
        """Run write statements in one MULTI/EXEC (no other client's query runs in between)
        and return each statement's counters. A statement that fails raises QueryError after
        the others ran: FalkorDB undoes the failed statement, not its neighbours, so callers
        that need all-or-nothing write statements that can be redone (kg/store/writer.py)."""
        import redis
        from falkordb.query_result import QueryResult

        if not statements:
            return []
        texts = [params_header(params) + cypher for cypher, params in statements]
        self.ensure_schema()
        pipe = self._db.connection.pipeline(transaction=True)
        for text in texts:
            pipe.execute_command("GRAPH.QUERY", self.graph_name, text, "--compact")
        try:
            replies = pipe.execute(raise_on_error=False)
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise _unavailable(exc, self.socket_path) from None
        except redis.ResponseError as exc:  # the whole transaction was refused (EXECABORT)
            raise StoreUnavailable(f"the FalkorDB engine refused the write: {_refusal(exc)}") from None
        stats = []
        for reply in replies:
            if isinstance(reply, Exception):
                raise _query_error(reply, None)
            stats.append(_stats(QueryResult(self._graph, reply)))
        return stats

    def ensure_schema(self) -> None:
        """Indexes on the merge keys, the names and the ranked counts; unique constraints on
        the ids. Only what is missing is created, so on an existing graph this only reads."""
        import redis

        from kg.core.ontology import load_ontology

        if self._schema_ready:
            return
        try:
            indexes, constraints = self._schema() if self._exists() else (set(), set())
            for index in falkordb_schema(load_ontology()):
                if (index.label, index.key) not in indexes:
                    try:
                        self._graph.query(index.statement)
                    except redis.ResponseError as exc:
                        if "already indexed" not in str(exc):
                            raise
                if index.constraint is not None and (index.label, index.key) not in constraints:
                    try:
                        self._db.connection.execute_command(
                            "GRAPH.CONSTRAINT", "CREATE", self.graph_name, *index.constraint
                        )
                    except redis.ResponseError as exc:
                        if "already exists" not in str(exc).lower():
                            raise
            self._await_constraints()
        except redis.ResponseError as exc:
            raise _query_error(exc, None) from None
        except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
            raise _unavailable(exc, self.socket_path) from None
        self._schema_ready = True

    def graphs(self) -> list[str]:
        """The names of the graphs in this engine."""
        return sorted(self._db.list_graphs())

    def clear(self) -> None:
        """Delete the whole graph (tests and `kg reset`)."""
        import redis

        try:
            self._graph.delete()
        except redis.ResponseError:
            pass  # no such graph yet
        self._schema_ready = False

    def graph_exists(self) -> bool:
        """Whether the graph is there yet (writing creates it)."""
        return self._exists()

    def _exists(self) -> bool:
        return bool(self._db.connection.exists(self.graph_name))

    def _await_constraints(self, limit: float = 120.0) -> None:
        """Write only once every unique constraint is operational: FalkorDB builds a new one in
        the background, and writes racing that build (another kg process starting on a fresh
        graph) have left malformed strings in the graph."""
        deadline = time.monotonic() + limit
        while any(
            row[-1] == "UNDER CONSTRUCTION"
            for row in self._graph.ro_query("CALL db.constraints()").result_set
        ):
            if time.monotonic() > deadline:
                raise StoreUnavailable(
                    f"the unique constraints of graph {self.graph_name!r} were not built within {limit:.0f} s"
                )
            time.sleep(0.05)

    def _schema(self) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
        """(label, property) pairs that are indexed, and those with a unique constraint."""
        indexes = {
            (row[0], key) for row in self._graph.ro_query("CALL db.indexes()").result_set for key in row[1]
        }
        constraints = {
            (row[1], key)
            for row in self._graph.ro_query("CALL db.constraints()").result_set
            if row[0] == "UNIQUE" and row[-1] != "FAILED"
            for key in row[2]
        }
        return indexes, constraints


# FalkorDB keeps a LIMIT or SKIP as an unsigned 32-bit number: 4294967296 becomes 0, so a
# larger value would answer with silently wrong rows (engine 4.x; checked in
# tests/test_reliability.py).
PAGING_MAX = 2**32 - 1


def check_paging(cypher: str, params: dict[str, Any] | None) -> None:
    """QueryError for a LIMIT or SKIP, given as a literal or a parameter, beyond PAGING_MAX."""
    for keyword, given in paging(cypher):
        value: Any = given
        shown = str(given)
        if isinstance(given, str):
            value = (params or {}).get(given[1:])
            shown = f"{given} = {value}"
        if isinstance(value, int) and not isinstance(value, bool) and value > PAGING_MAX:
            raise QueryError(
                f"{keyword} {shown} is beyond what the embedded engine counts "
                f"(at most {PAGING_MAX:,}); give a smaller number"
            )


def open_embedded(home: str | Path | None = None, graph: str | None = None) -> FalkorStore:
    """The registry's factory (kg.store.open_store("embedded", home=..., graph=...))."""
    return FalkorStore.open(home, graph)


def read_timeout() -> float:
    """KG_QUERY_TIMEOUT: seconds a read may run (0: no limit)."""
    raw = os.environ.get("KG_QUERY_TIMEOUT", "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not math.isfinite(value) or value < 0:
        raise KgError(f"KG_QUERY_TIMEOUT={raw!r} is not a number of seconds (0 for no limit)")
    return value


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
        return {
            "nodes": [plain(n) for n in value.nodes()],
            "relationships": [plain(e) for e in value.edges()],
        }
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    return value


def _stats(raw: Any) -> dict[str, int]:
    """The non-zero counters of a falkordb QueryResult."""
    counts = {key: int(getattr(raw, key) or 0) for key in _STAT_KEYS}
    return {key: value for key, value in counts.items() if value}


def _unavailable(exc: Exception, socket_path: str) -> StoreUnavailable:
    import redis

    if isinstance(exc, redis.TimeoutError):
        return StoreUnavailable(
            f"the FalkorDB engine at {socket_path} gave no answer within "
            f"{ANSWER_TIMEOUT:.0f}s and may be stuck; `kg server stop` stops it "
            "(its data is kept)"
        )
    return StoreUnavailable(f"lost the FalkorDB engine at {socket_path}: {exc}")


def _refusal(exc: Exception) -> str:
    """Why Redis refused a whole transaction, e.g. "MISCONF Errors writing to the AOF file: No
    space left on device" when the disk is full."""
    message = " ".join(str(exc).split())
    return message.replace("Transaction discarded because of previous errors.", "").strip() or message


def _query_error(exc: Exception, timeout: float | None) -> KgError:
    message = str(exc)
    if "timed out" in message.lower() and timeout:
        return QueryError(
            f"the query ran longer than {timeout:g}s and was stopped; make it more "
            "selective (LIMIT, a start node), or raise KG_QUERY_TIMEOUT"
        )
    if "read-only" in message:
        return ReadOnlyError("the statement writes to the graph; run it with --write to allow that")
    # FalkorDB: "errMsg: Invalid input ... line: 1, column: 10, offset: 9 errCtx: ... errCtxOffset: 9"
    message = re.sub(r"\s*errCtx:.*$", "", message, flags=re.S).replace("errMsg: ", "")
    return QueryError(" ".join(message.split()))
