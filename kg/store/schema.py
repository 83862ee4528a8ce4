"""Schema DDL: the only statements that differ between the two engines.

Everything else kg sends (kg/store/statements.py, queries/*.cypher, the export and push reads)
is one text for both. Indexes and constraints are not: FalkorDB has `CREATE INDEX` without
names or `IF NOT EXISTS` and a `GRAPH.CONSTRAINT` command instead of `CREATE CONSTRAINT`;
Neo4j 5 has named, idempotent DDL and full-text indexes.

    falkordb_schema()              # [FalkorIndex(...), ...]: index, then unique constraint
    neo4j_schema(ontology)         # ["CREATE CONSTRAINT entity_id IF NOT EXISTS ...", ...]
"""
from __future__ import annotations

from dataclasses import dataclass

from kg.ontology import Ontology

# Label -> property that identifies its nodes (the MERGE key of the write statements).
ID_KEYS = (("Entity", "id"), ("Article", "id"), ("Sentence", "id"), ("Count", "id"))

# The full-text index over entity names and aliases (Neo4j only; the Browser favourites and
# README's examples call it by this name).
FULLTEXT_INDEX = "entity_names"


@dataclass(frozen=True)
class FalkorIndex:
    """One FalkorDB exact-match index on `label.key`, and a unique constraint on it if
    `unique`. `constraint` holds the arguments of `GRAPH.CONSTRAINT CREATE <graph> ...`."""

    label: str
    key: str
    unique: bool = False

    @property
    def statement(self) -> str:
        return f"CREATE INDEX FOR (n:{self.label}) ON (n.{self.key})"

    @property
    def constraint(self) -> tuple[str | int, ...] | None:
        return ("UNIQUE", "NODE", self.label, "PROPERTIES", 1, self.key) if self.unique else None


def falkordb_schema() -> list[FalkorIndex]:
    """Indexes on the merge keys (each with a unique constraint), on entity names and on
    entity keys (the normalised names entity resolution looks nodes up by).

    Callers compare with what `CALL db.indexes()` and `CALL db.constraints()` list and create
    only what is missing, so a command that only reads never writes."""
    out = [FalkorIndex(label, key, unique=True) for label, key in ID_KEYS]
    out.append(FalkorIndex("Entity", "name"))
    # each element of the list: `key IN e.keys` is an index scan (entity resolution's look-up)
    out.append(FalkorIndex("Entity", "keys"))
    return out


def neo4j_schema(ontology: Ontology) -> list[str]:
    """Neo4j 5 DDL, idempotent (`IF NOT EXISTS`), in the order `kg neo4j init` runs it:
    unique constraints on the ids (which bring their own index), range indexes on `name` for
    Entity and every concrete class (Browser users write `MATCH (c:Country {name: ...})`), on
    Article titles, and a full-text index on entity names and aliases."""
    out = [f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS "
           f"FOR (n:{label}) REQUIRE n.{key} IS UNIQUE" for label, key in ID_KEYS]
    for label in ("Entity", *sorted(ontology.concrete_classes)):
        out.append(f"CREATE INDEX {_snake(label)}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    out.append("CREATE INDEX article_title IF NOT EXISTS FOR (n:Article) ON (n.title)")
    out.append(f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS "
               "FOR (n:Entity) ON EACH [n.name, n.aliases]")
    return out


def _snake(name: str) -> str:
    """"ArmedGroup" -> "armed_group" (index names)."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
