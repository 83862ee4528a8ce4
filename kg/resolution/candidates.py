"""What an entity may resolve to, and the indexes that find it by key.

    graph = GraphIndex(store)                       # nodes of the graph, by their `keys`
    batch = MemoryIndex([Candidate(...), ...])      # entities of the batch, by the same keys
    graph.lookup(["csto", "^csto"])                 # {"csto": [Candidate(id="organization:csto", ...)]}

Both answer the same question, so a resolver never knows whether a candidate is stored: the
graph's answer is one indexed query per batch of keys (FalkorDB indexes each element of the
`keys` list: `key IN e.keys` is a Node By Index Scan), cached for the rest of the batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from kg.core.cypher import part
from kg.core.keys import entity_keys

GRAPH, BATCH, CATALOGUE = "graph", "batch", "catalogue"

# Keys sent per look-up query: a batch of 2,000 assertions has ~1,000 entities of ~5 keys.
LOOKUP_CHUNK = 2000

_RETURN = f"""RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases,
       e.country AS country, {part("entity-class", entity="e")} AS type"""

# `keys`: the keys asked for that found the node (not all of its keys: the reply is what the
# client parses, and a popular surname's key finds dozens of nodes of a few keys each)
NODES_BY_KEY = (
    """
UNWIND $keys AS key
MATCH (e:Entity)
WHERE key IN e.keys
WITH e, collect(key) AS keys
"""
    + _RETURN
    + ", keys"
)

NODES_BY_ID = (
    """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH DISTINCT e
"""
    + _RETURN
)


@dataclass(frozen=True)
class Candidate:
    """A node of the graph, an entity of the batch, or an organisation of the catalogue."""

    id: str
    type: str  # ontology class
    name: str
    names: frozenset[str]  # its name and aliases
    country: str | None = None  # ISO3, where the class carries one
    origin: str = BATCH  # GRAPH | BATCH | CATALOGUE

    @property
    def stored(self) -> bool:
        return self.origin == GRAPH

    def keys(self) -> list[str]:
        return entity_keys(self.type, self.names)


class Index(Protocol):
    def lookup(self, keys: Iterable[str]) -> dict[str, list[Candidate]]: ...


class MemoryIndex:
    """Candidates held in memory (the batch's entities), found by the same keys as nodes."""

    def __init__(self, candidates: Iterable[Candidate] = ()) -> None:
        self._by_key: dict[str, list[Candidate]] = defaultdict(list)
        for candidate in candidates:
            self.add(candidate)

    def add(self, candidate: Candidate) -> None:
        for key in candidate.keys():
            self._by_key[key].append(candidate)

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        return {key: list(self._by_key[key]) for key in keys if key in self._by_key}


class GraphIndex:
    """Nodes of a store (anything with `query(cypher, params)`), by key and by id."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self._by_key: dict[str, list[Candidate]] = {}
        self._by_id: dict[str, Candidate | None] = {}

    def lookup(self, keys: Iterable[str]) -> dict[str, list[Candidate]]:
        wanted = sorted({k for k in keys if k not in self._by_key})
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            found: dict[str, list[Candidate]] = {key: [] for key in chunk}
            for row in self.store.query(NODES_BY_KEY, {"keys": chunk}).records():
                candidate = _candidate(row)
                self._by_id[candidate.id] = candidate
                for key in set(row["keys"]) & found.keys():
                    found[key].append(candidate)
            self._by_key.update(found)
        return {key: self._by_key[key] for key in keys if self._by_key.get(key)}

    def by_id(self, ids: Iterable[str]) -> dict[str, Candidate]:
        wanted = sorted({i for i in ids if i not in self._by_id})
        for start in range(0, len(wanted), LOOKUP_CHUNK):
            chunk = wanted[start : start + LOOKUP_CHUNK]
            rows = {row["id"]: row for row in self.store.query(NODES_BY_ID, {"ids": chunk}).records()}
            for node_id in chunk:
                self._by_id[node_id] = _candidate(rows[node_id]) if node_id in rows else None
        found = ((i, self._by_id.get(i)) for i in ids)
        return {i: candidate for i, candidate in found if candidate is not None}


def _candidate(row: dict[str, Any]) -> Candidate:
    return Candidate(
        id=row["id"],
        type=row["type"] or "Entity",
        name=row["name"] or row["id"],
        names=frozenset([row["name"] or row["id"], *row["aliases"]]),
        country=row["country"],
        origin=GRAPH,
    )
