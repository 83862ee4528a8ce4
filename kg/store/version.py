"""Which graph model a graph holds, and the refusal of one kg no longer writes.

    graph_model(store)            # 2, 1 (relationships with evidence lists), or None (empty)
    require_current_model(store)  # KgError, one line saying what to run, unless 2 or empty

Graph model 2 (kg/store/statements.py) marks itself with a Count node {id: 'model'} written
in every write transaction; a graph without it that holds what only graph model 1 wrote
(sentence MENTIONS, evidence lists) was written by an older kg. `kg migrate`
(kg/store/migrate.py) upgrades one in place.
"""

from __future__ import annotations

from typing import Any

from kg.core.errors import KgError
from kg.store.statements import MODEL_VERSION, MODEL_VERSION_READ

# What only graph model 1 wrote: sentences linked to the entities they name, relationships
# with evidence lists. Asked only of a graph without the model's Count node.
_MODEL1 = (
    "MATCH (:Sentence)-[m:MENTIONS]->(:Entity) RETURN 1 LIMIT 1",
    "MATCH (:Entity)-[r]->(:Entity) WHERE r.evidence IS NOT NULL RETURN 1 LIMIT 1",
)

MIGRATE_HINT = "run `kg migrate` to upgrade it in place (no re-extraction)"
_MODELS = {
    1: "evidence lists on relationships",
    2: "one node for each kind of unnamed group across all articles",
}


class OldGraphModel(KgError):
    """The graph was written by an older kg, or its upgrade did not finish."""


def graph_model(store: Any) -> int | None:
    """The graph's model version: None for an empty graph (or one kg did not write)."""
    row = store.query(MODEL_VERSION_READ).records()[0]
    if row["version"] is not None and row["migrating"] is None:
        return int(row["version"])
    if row["migrating"] is not None:
        return 1
    if any(store.query(statement).rows for statement in _MODEL1):
        return 1
    return None


def require_current_model(store: Any) -> None:
    """KgError unless the graph is of the current model (or empty)."""
    exists = getattr(store, "graph_exists", None)
    if exists is not None and not exists():
        return  # a graph not written yet: the first write creates it, of the current model
    row = store.query(MODEL_VERSION_READ).records()[0]
    if row["migrating"] is not None:
        raise OldGraphModel(
            f"the upgrade of {store.where} to graph model {MODEL_VERSION} did not "
            f"finish; run `kg migrate` to finish it"
        )
    version = row["version"] if row["version"] is not None else graph_model(store)
    if version is not None and version != MODEL_VERSION:
        raise OldGraphModel(
            f"{store.where} holds graph model {version} ({_MODELS.get(version, 'an older kg')}), "
            f"which this kg does not read or write; {MIGRATE_HINT}"
        )
