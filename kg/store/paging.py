"""Keyset paging: one MATCH read in pages ordered by a stable key, each page starting after
the last key of the one before, so a large graph never comes back in one reply.

    pages = Paged(match="MATCH (a:Article)", keys=(id_key("a"),), returns="a.title AS title")
    for rows in pages.pages(store, 1000): ...     # dicts: k0 (the key) and the returned aliases

Plain Cypher that runs on FalkorDB and on Neo4j 5, sent through `store.query` only.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from kg.core.errors import KgError
from kg.core.graph import GraphStore

DEFAULT_PAGE_SIZE = 5000


# -- keyset paging ---------------------------------------------------------------------------
#
# Ids are compared as `n.id + ''`, never as `n.id`: FalkorDB answers a range comparison on an
# indexed string property (the ids of Entity, Article and Sentence all are) from its index,
# whose order is not the one ORDER BY and `>` use elsewhere: with ids that differ in letter
# case ("Wire-B", "wire-a") or in a non-ASCII letter, `n.id > $after` misses rows or returns
# rows it should not, so pages would skip or repeat (FalkorDB issues #2239, #282, #294 are
# the same family). `n.id + ''` is the same string on both engines but is not a property, so
# no index is consulted.


def id_key(var: str) -> str:
    return f"({var}.id + '')"


def _key_order(keys: Sequence[str]) -> str:
    """The condition `(key0, key1, ...) > ($after_0, $after_1, ...)`, lexicographically."""

    def after(i: int) -> str:
        gt = f"{keys[i]} > $after_{i}"
        if i == len(keys) - 1:
            return gt
        return f"{gt} OR ({keys[i]} = $after_{i} AND ({after(i + 1)}))"

    return after(0)


@dataclass(frozen=True)
class Paged:
    """One MATCH read in pages: `keys` are the ordering expressions (unique together per row),
    `returns` the rest of the RETURN clause."""

    match: str
    keys: tuple[str, ...]
    returns: str

    def statement(self, first: bool) -> str:
        # Rows whose key is null (a node without an id, which kg never writes) are left out:
        # the first page says so, and later pages' comparisons are never true for them.
        if first:
            where = "\nWHERE " + " AND ".join(f"{key} IS NOT NULL" for key in self.keys)
        else:
            where = "\nWHERE " + _key_order(self.keys)
        keys = ", ".join(f"{expr} AS k{i}" for i, expr in enumerate(self.keys))
        order = ", ".join(f"k{i}" for i in range(len(self.keys)))
        return f"{self.match}{where}\nRETURN {keys}, {self.returns}\nORDER BY {order}\nLIMIT $limit"

    def pages(
        self, store: GraphStore, page_size: int, params: dict[str, Any] | None = None
    ) -> Iterator[list[dict[str, Any]]]:
        """Rows as dicts (k0, k1 ... and the returned aliases), `page_size` at most per reply."""
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, not {page_size}")
        first, rest = self.statement(True), self.statement(False)
        after: tuple[Any, ...] | None = None
        while True:
            values = {**(params or {}), "limit": page_size}
            if after is not None:
                values.update({f"after_{i}": v for i, v in enumerate(after)})
            rows = store.query(first if after is None else rest, values).records()
            if not rows:
                return
            yield rows
            if len(rows) < page_size:
                return
            last = tuple(rows[-1][f"k{i}"] for i in range(len(self.keys)))
            if last == after:  # would loop for ever; only an engine ordering bug gets here
                raise KgError(f"export paging made no progress after key {last!r}")
            after = last


# Every node of a label, and every relationship between two labels, in id order.
def node_pages(label: str) -> Paged:
    return Paged(
        match=f"MATCH (n:{label})", keys=(id_key("n"),), returns="labels(n) AS labels, properties(n) AS props"
    )


def edge_pages(source: str, target: str) -> Paged:
    return Paged(
        match=f"MATCH (a:{source})-[r]->(b:{target})",
        keys=(id_key("a"), "type(r)", id_key("b")),
        returns="properties(r) AS props",
    )
