"""Neo4j 5 through the official driver: the same interface as the embedded store.

    settings = Neo4jSettings.resolve(uri="bolt://localhost:7687")   # or NEO4J_URI etc.
    with Neo4jStore.open(settings) as store:                         # checks the connection
        store.ensure_schema()                                        # kg/store/schema.py DDL
        store.query("MATCH (n:Country) RETURN n.name")               # read-only unless write=True
        store.execute([(statement, params), ...])                    # one managed transaction

Only what must be Neo4j-specific lives here: connecting, translating the driver's values and
errors, and running the schema DDL. The statements are kg/store/statements.py's, and the named
queries are queries/*.cypher, as on the embedded engine. Transactions are managed
(`execute_query`, `execute_write`), so the driver retries transient failures.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.core.errors import KgError, redact
from kg.core.graph import QueryError, ReadOnlyError, Result, StoreUnavailable
from kg.core.ontology import Ontology, load_ontology
from kg.store.schema import neo4j_schema

# The driver logs each retry as a warning; without a handler Python prints those on stderr,
# which would break the one-line error rule. Errors still reach the user as exceptions.
logging.getLogger("neo4j").addHandler(logging.NullHandler())
logging.getLogger("neo4j").propagate = False

_STAT_KEYS = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "indexes_added",
    "constraints_added",
)

# Deletes up to 10,000 nodes and returns how many; `clear` repeats it until none are left.
CLEAR_BATCH = "MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS deleted"

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_HINT = "set NEO4J_URI or pass --neo4j-uri, e.g. bolt://localhost:7687"


@dataclass(frozen=True)
class Neo4jSettings:
    """Where and as whom to connect. The password is never part of repr() or any message."""

    uri: str
    user: str = "neo4j"
    password: str | None = field(default=None, repr=False)
    database: str | None = None  # None: the server's default database

    @classmethod
    def resolve(
        cls, uri: str | None = None, database: str | None = None, environ: Mapping[str, str] | None = None
    ) -> Neo4jSettings:
        """Options first, then NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE;
        NEO4J_AUTH ("user/password", or "none", as the Docker image takes it) fills in a
        missing user or password."""
        env = os.environ if environ is None else environ
        uri = uri or env.get("NEO4J_URI")
        if not uri:
            raise KgError(f"no Neo4j server given: {_HINT}")
        user, password = env.get("NEO4J_USERNAME"), env.get("NEO4J_PASSWORD")
        auth = env.get("NEO4J_AUTH", "")
        if auth and auth.lower() != "none" and "/" in auth:
            auth_user, _, auth_password = auth.partition("/")
            user, password = user or auth_user, password if password is not None else auth_password
        return cls(
            uri=uri,
            user=user or "neo4j",
            password=password,
            database=database or env.get("NEO4J_DATABASE") or None,
        )

    @property
    def target(self) -> str:
        """How messages name the server: the URI and database, never the credentials (not even
        a password written into the URI)."""
        return redact(self.uri) + (f" (database {self.database})" if self.database else "")

    def __repr__(self) -> str:
        return f"Neo4jSettings(uri={redact(self.uri)!r}, user={self.user!r}, database={self.database!r})"


class Neo4jStore:
    """One database of one Neo4j 5 server (or cluster) through the official driver."""

    engine_name = "neo4j"

    def __init__(self, settings: Neo4jSettings) -> None:
        import neo4j

        scheme = settings.uri.partition("://")[0].lower()
        if scheme not in _SCHEMES:
            raise KgError(
                f"bad Neo4j URI {redact(settings.uri)!r}: it must start with "
                f"{', '.join(s + '://' for s in _SCHEMES)}"
            )
        self.settings = settings
        auth = (settings.user, settings.password) if settings.password is not None else None
        try:
            self._driver = neo4j.GraphDatabase.driver(
                settings.uri, auth=auth, user_agent="kg", connection_timeout=10
            )
        except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
            raise KgError(f"bad Neo4j URI {redact(settings.uri)!r}: {_one_line(exc)}") from None
        self._schema_ready = False

    @classmethod
    def open(cls, settings: Neo4jSettings) -> Neo4jStore:
        """Connect and check at once that the server answers and accepts the credentials."""
        store = cls(settings)
        try:
            store._driver.verify_connectivity()
            if settings.database:  # a missing database is reported now, not at the first write
                store._driver.execute_query("RETURN 1", database_=settings.database)
        except Exception as exc:
            store.close()
            raise store._error(exc) from None
        return store

    @property
    def where(self) -> str:
        return self.settings.target

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> Neo4jStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading and writing ---------------------------------------------------------------
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result:
        """Run one statement in a managed transaction; read-only (READ access mode, which
        Neo4j enforces) unless `write`."""
        import neo4j

        routing = neo4j.RoutingControl.WRITE if write else neo4j.RoutingControl.READ
        try:
            eager = self._driver.execute_query(
                cypher, params or {}, routing_=routing, database_=self.settings.database
            )
        except Exception as exc:
            raise self._error(exc) from None
        rows = [[plain(value) for value in record.values()] for record in eager.records]
        return Result(list(eager.keys), rows, _stats(eager.summary.counters))

    def execute(self, statements: Sequence[tuple[str, dict[str, Any]]]) -> list[dict[str, int]]:
        """Run write statements as one transaction (retried whole on transient errors);
        returns each statement's counters."""
        if not statements:
            return []
        self.ensure_schema()

        def work(tx) -> list[dict[str, int]]:
            return [_stats(tx.run(cypher, params).consume().counters) for cypher, params in statements]

        try:
            with self._driver.session(database=self.settings.database) as session:
                return session.execute_write(work)
        except Exception as exc:
            raise self._error(exc) from None

    def ensure_schema(self) -> None:
        """Run the idempotent DDL of kg/store/schema.py (`schema_statements`)."""
        if self._schema_ready:
            return
        for statement in self.schema_statements():
            try:
                self._driver.execute_query(statement, database_=self.settings.database)
            except Exception as exc:
                raise self._error(exc) from None
        self._schema_ready = True

    @staticmethod
    def schema_statements(ontology: Ontology | None = None) -> list[str]:
        return neo4j_schema(ontology or load_ontology())

    def clear(self) -> None:
        """Delete every node and relationship, 10,000 nodes a transaction (tests); the schema
        stays."""
        while self.query(CLEAR_BATCH, write=True).value(0):
            pass

    def _error(self, exc: Exception) -> KgError:
        """Driver exceptions -> one line that names the server, never the password."""
        import neo4j.exceptions as ne

        where = self.settings.target
        if isinstance(exc, KgError):
            return exc
        if isinstance(exc, ne.AuthError):
            return StoreUnavailable(
                f"Neo4j at {where} refused the credentials of user "
                f"{self.settings.user!r}: check NEO4J_USERNAME and NEO4J_PASSWORD"
            )
        if isinstance(exc, (ne.ServiceUnavailable, ne.SessionExpired, OSError)):
            return StoreUnavailable(
                f"cannot reach Neo4j at {where}: {_reason(exc)} "
                "(is the server running, and is that its Bolt address?)"
            )
        if isinstance(exc, ne.Neo4jError):
            code = exc.code or ""
            if code.endswith("Statement.AccessMode") or isinstance(exc, ne.ForbiddenOnReadOnlyDatabase):
                return ReadOnlyError("the statement writes to the graph; run it with --write to allow that")
            if code.endswith("Database.DatabaseNotFound"):
                return StoreUnavailable(
                    f"Neo4j at {redact(self.settings.uri)} has no database {self.settings.database!r}"
                )
            return QueryError(_one_line(exc.message or exc))
        if isinstance(exc, (ne.DriverError, ValueError, TypeError)):
            return QueryError(_one_line(exc))
        raise exc


def open_neo4j(uri: str | None = None, database: str | None = None) -> Neo4jStore:
    """The registry's factory (kg.store.open_store("neo4j", uri=..., database=...)): settings
    from the arguments, else NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE."""
    return Neo4jStore.open(Neo4jSettings.resolve(uri, database))


def plain(value: Any) -> Any:
    """Driver values -> plain Python, shaped like the embedded store's (kg/store/falkor.py)."""
    from neo4j.graph import Node, Path, Relationship

    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "properties": dict(value.items())}
    if isinstance(value, Relationship):
        return {"type": value.type, "properties": dict(value.items())}
    if isinstance(value, Path):
        return {
            "nodes": [plain(n) for n in value.nodes],
            "relationships": [plain(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date, DateTime, Duration ...
        return value.iso_format()
    return value


def _stats(counters: Any) -> dict[str, int]:
    counts = {key: int(getattr(counters, key, 0) or 0) for key in _STAT_KEYS}
    return {key: value for key, value in counts.items() if value}


def _one_line(exc: Any) -> str:
    """The driver's message on one line, any password in a URI it quotes redacted."""
    return redact(" ".join(str(exc).split()))


def _reason(exc: Exception) -> str:
    """The useful part of the driver's connection error ("[Errno 111] Connection refused")."""
    text = _one_line(exc)
    found = re.search(r"\(reason (.+?)\)+$", text)
    return found.group(1) if found else text
