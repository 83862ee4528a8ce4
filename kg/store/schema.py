"""Schema DDL: the only statements that differ between the two engines.

Everything else kg sends (kg/store/statements.py, queries/*.cypher, the export and push reads)
is one text for both. Indexes and constraints are not: FalkorDB has `CREATE INDEX` without
names or `IF NOT EXISTS` and a `GRAPH.CONSTRAINT` command instead of `CREATE CONSTRAINT`;
Neo4j 5 has named, idempotent DDL and full-text indexes.

    falkordb_schema(ontology)      # [FalkorIndex(...), ...]: index, then unique constraint
    neo4j_schema(ontology)         # ["CREATE CONSTRAINT entity_id IF NOT EXISTS ...", ...]
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.core.ontology import Ontology

# Label -> property that identifies its nodes (the MERGE key of the write statements).
ID_KEYS = (("Entity", "id"), ("Article", "id"), ("Sentence", "id"), ("Count", "id"))

# Range indexes on the counts the ranking queries sort by (queries/co-mentioned.cypher,
# troop-deployments, invitations): relationship type -> property. Every ontology relation's
# `mentions` is indexed too (RELATION_COUNT). A query reads only the relationships above a
# threshold it finds with a few bounded index probes, so it never ranks the whole type.
RELATION_COUNT = "mentions"
PAIR_COUNT = ("CO_MENTIONED", "sentences")

# The full-text index over entity names and aliases (Neo4j only; the Browser favourites and
# README's examples call it by this name).
FULLTEXT_INDEX = "entity_names"


@dataclass(frozen=True)
class FalkorIndex:
    """One FalkorDB range index on `label.key` (a node label, or with `relationship` a
    relationship type), and a unique constraint on it if `unique`. `constraint` holds the
    arguments of `GRAPH.CONSTRAINT CREATE <graph> ...`."""

    label: str
    key: str
    unique: bool = False
    relationship: bool = False

    @property
    def statement(self) -> str:
        if self.relationship:
            return f"CREATE INDEX FOR ()-[r:{self.label}]-() ON (r.{self.key})"
        return f"CREATE INDEX FOR (n:{self.label}) ON (n.{self.key})"

    @property
    def constraint(self) -> tuple[str | int, ...] | None:
        return ("UNIQUE", "NODE", self.label, "PROPERTIES", 1, self.key) if self.unique else None


def falkordb_schema(ontology: Ontology) -> list[FalkorIndex]:
    """Indexes on the merge keys (each with a unique constraint), on entity names, on
    entity keys (the normalised names entity resolution looks nodes up by), and on the
    counts of the relationships the ranking queries sort (RELATION_COUNT, PAIR_COUNT).

    Callers compare with what `CALL db.indexes()` and `CALL db.constraints()` list and create
    only what is missing, so a command that only reads never writes."""
    out = [FalkorIndex(label, key, unique=True) for label, key in ID_KEYS]
    out.append(FalkorIndex("Entity", "name"))
    # each element of the list: `key IN e.keys` is an index scan (entity resolution's look-up)
    out.append(FalkorIndex("Entity", "keys"))
    out += [FalkorIndex(name, RELATION_COUNT, relationship=True) for name in sorted(ontology.relations)]
    out.append(FalkorIndex(*PAIR_COUNT, relationship=True))
    return out


def neo4j_schema(ontology: Ontology) -> list[str]:
    """Neo4j 5 DDL, idempotent (`IF NOT EXISTS`), in the order `kg neo4j init` runs it:
    unique constraints on the ids (which bring their own index), range indexes on `name` for
    Entity and every concrete class (Browser users write `MATCH (c:Country {name: ...})`), on
    Article titles and on the relationship counts the ranking queries read, and a full-text
    index on entity names and aliases."""
    out = [
        f"CREATE CONSTRAINT {label.lower()}_{key} IF NOT EXISTS FOR (n:{label}) REQUIRE n.{key} IS UNIQUE"
        for label, key in ID_KEYS
    ]
    for label in ("Entity", *sorted(ontology.concrete_classes)):
        out.append(f"CREATE INDEX {_snake(label)}_name IF NOT EXISTS FOR (n:{label}) ON (n.name)")
    out.append("CREATE INDEX article_title IF NOT EXISTS FOR (n:Article) ON (n.title)")
    for name in sorted(ontology.relations):
        out.append(
            f"CREATE INDEX {name.lower()}_{RELATION_COUNT} IF NOT EXISTS "
            f"FOR ()-[r:{name}]-() ON (r.{RELATION_COUNT})"
        )
    pair, count = PAIR_COUNT
    out.append(f"CREATE INDEX {pair.lower()}_{count} IF NOT EXISTS FOR ()-[r:{pair}]-() ON (r.{count})")
    out.append(
        f"CREATE FULLTEXT INDEX {FULLTEXT_INDEX} IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]"
    )
    return out


def _snake(name: str) -> str:
    """ "ArmedGroup" -> "armed_group" (index names)."""
    return "".join(f"_{c.lower()}" if c.isupper() and i else c.lower() for i, c in enumerate(name))
