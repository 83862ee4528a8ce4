"""Schema DDL (kg/store/schema.py): the only statements that differ between the engines."""

from __future__ import annotations

import re
from pathlib import Path

from kg.core.ontology import load_ontology
from kg.store.schema import falkordb_schema, neo4j_schema

ROOT = Path(__file__).resolve().parent.parent


def test_neo4j_unique_constraints_on_the_three_ids():
    ddl = neo4j_schema(load_ontology())
    for label in ("Entity", "Article", "Sentence"):
        assert (
            f"CREATE CONSTRAINT {label.lower()}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE"
        ) in ddl


def test_neo4j_name_indexes_and_full_text_index():
    onto = load_ontology()
    ddl = neo4j_schema(onto)
    assert "CREATE INDEX entity_name IF NOT EXISTS FOR (n:Entity) ON (n.name)" in ddl
    assert "CREATE INDEX country_name IF NOT EXISTS FOR (n:Country) ON (n.name)" in ddl
    named = [s for s in ddl if s.startswith("CREATE INDEX") and s.endswith("ON (n.name)")]
    assert len(named) == 1 + len(onto.concrete_classes)
    assert ddl[-1] == (
        "CREATE FULLTEXT INDEX entity_names IF NOT EXISTS FOR (n:Entity) ON EACH [n.name, n.aliases]"
    )


def test_every_neo4j_statement_is_idempotent_named_and_uses_ontology_labels():
    onto = load_ontology()
    ddl = neo4j_schema(onto)
    names = [re.match(r"CREATE (?:CONSTRAINT|INDEX|FULLTEXT INDEX) (\w+) IF NOT EXISTS ", s) for s in ddl]
    assert all(names), ddl
    assert len({m.group(1) for m in names}) == len(ddl)  # one name each
    for statement in ddl:
        for label in re.findall(r"\(n:(\w+)\)", statement):
            assert label in onto.labels, statement


def test_falkordb_indexes_and_constraints_exist_on_the_engine(store):
    store.ensure_schema()
    indexed = {
        (row[0], tuple(row[1]))
        for row in store.query("CALL db.indexes() YIELD label, properties RETURN label, properties").rows
    }
    schema = falkordb_schema(load_ontology())
    assert {i.label for i in schema if i.relationship} == {*load_ontology().relations, "CO_MENTIONED"}
    for index in schema:
        label, prop = re.search(r"[(\[][nr]:(\w+)[)\]].* ON \([nr]\.(\w+)\)", index.statement).groups()
        assert any(found == label and prop in props for found, props in indexed), (label, prop, indexed)


def test_ddl_lives_in_the_schema_module_only():
    """Elsewhere kg sends one Cypher text to both engines; DDL would be engine-specific."""
    offenders = []
    for path in [*ROOT.joinpath("kg").rglob("*.py"), *ROOT.joinpath("queries").glob("*.cypher")]:
        if path.name == "schema.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"CREATE\s+(UNIQUE\s+|FULLTEXT\s+)?(INDEX|CONSTRAINT)", text):
            offenders.append(path.relative_to(ROOT))
    assert offenders == []


def test_ensure_schema_returns_only_once_the_unique_constraints_are_built(engine_home):
    # a graph that already holds many sentences when kg first sets up its schema: FalkorDB builds
    # a new unique constraint in the background, and writes must not race that build
    from kg.store.engine import Engine
    from kg.store.falkor import FalkorStore

    store = FalkorStore(Engine(engine_home).ensure(), graph=f"constraints-{id(engine_home)}")
    store.clear()
    try:
        store._graph.query("UNWIND range(1, 300000) AS i CREATE (:Sentence {id: 's' + toString(i)})")
        store._schema_ready = False
        store.ensure_schema()
        states = [row[-1] for row in store._graph.ro_query("CALL db.constraints()").result_set]
        assert states and all(state == "OPERATIONAL" for state in states), states
    finally:
        store.clear()
        store.close()
