"""The ranking queries that read only what is above a probed threshold (queries/co-mentioned,
troop-deployments, invitations) return exactly the rows of ranking everything.

Graphs are written by the real GraphWriter from synthetic news, then some articles are
replaced by other versions (which takes counts back), so the indexed counts have been
incremented and decremented. Each query is compared, for many limits (ties at the threshold
included), with a straightforward reference that ranks every relationship.
"""

from __future__ import annotations

import dataclasses
import itertools
import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from bench.graphgen import SyntheticNews  # noqa: E402
from kg.core.ontology import load_ontology  # noqa: E402
from kg.named_queries import get_named_query, run_named_query  # noqa: E402
from kg.store.rows import GraphBatch  # noqa: E402
from kg.store.statements import event_relations  # noqa: E402
from kg.store.writer import GraphWriter  # noqa: E402

LIMITS = (1, 2, 3, 5, 8, 13, 20, 50, 1000)
MIN_CONFIDENCE = (0.0, 0.6, 0.8)  # all, the default, and a stricter one

CO_MENTIONED_REFERENCE = """
MATCH (a:Entity)-[p:CO_MENTIONED]-(b:Entity)
WHERE CASE WHEN $entity IS NULL THEN a.id < b.id ELSE a.id = $entity END
WITH a, b, p.sentences AS sentences, p.articles AS articles
ORDER BY sentences DESC, articles DESC, a.name, b.name
LIMIT $limit
RETURN a.name AS entity, a.id AS entity_id, b.name AS other, b.id AS other_id, sentences, articles
ORDER BY sentences DESC, articles DESC, entity, other
"""

# One pattern over every relation type and direction, sorted whole (the shipped query reads one
# type and direction at a time, and only what is at or above its threshold).
ENTITY_RELATIONS_REFERENCE = """
MATCH (entity:Entity)
WHERE entity.id = $entity
MATCH (entity)-[r:{RELATIONS}]-(other:Entity)
WHERE ($relation IS NULL OR type(r) = replace(toUpper(trim($relation)), ' ', '_'))
  AND r.confidence >= $min_confidence
WITH entity, r, other, CASE WHEN startNode(r) = entity THEN 'out' ELSE 'in' END AS direction
ORDER BY r.mentions DESC, direction DESC, type(r), other.name
LIMIT $limit
RETURN entity.name AS entity, entity.id AS entity_id, direction,
       type(r) AS relation, other.name AS other, other.id AS other_id,
       head([label IN labels(other) WHERE label <> 'Entity']) AS other_type,
       r.mentions AS mentions, r.articles AS articles,
       r.first_date AS first_date, r.last_date AS last_date, r.modality AS modality, r.roles AS roles
ORDER BY mentions DESC, direction DESC, relation, other
"""

# The event relationships of the top actors expanded over a union of types.
MOST_ACTIVE_REFERENCE = """
MATCH (actor:Entity)
WHERE actor.event_mentions > 0
  AND ($type IS NULL OR any(label IN labels(actor) WHERE toLower(label) = toLower($type)))
WITH actor
ORDER BY actor.event_mentions DESC, actor.name
LIMIT $limit
MATCH (actor)-[r:{EVENTS}]->(:Entity)
WITH actor, type(r) AS relation, count(r) AS events
ORDER BY relation
WITH actor, toInteger(sum(events)) AS events, collect(relation) AS relations
RETURN actor.name AS actor, actor.id AS actor_id,
       head([label IN labels(actor) WHERE label <> 'Entity']) AS type,
       actor.event_mentions AS mentions, events, relations, actor.article AS local
ORDER BY mentions DESC, events DESC, actor
"""

ONTOLOGY = load_ontology()
ENTITY_RELATIONS_REFERENCE = ENTITY_RELATIONS_REFERENCE.replace(
    "{RELATIONS}", "|".join(sorted(ONTOLOGY.relations))
)
MOST_ACTIVE_REFERENCE = MOST_ACTIVE_REFERENCE.replace("{EVENTS}", "|".join(sorted(event_relations(ONTOLOGY))))

# query -> (entity parameter, relation type, the two ends' names)
EVIDENCE_QUERIES = {"troop-deployments": ("country", "SENT_TROOPS_TO"), "invitations": ("actor", "INVITED")}


def reference(name: str) -> str:
    """The shipped query with its ranking replaced by a sort of every relationship (the rest,
    which reads the supporting sentences of the rows kept, is the shipped text)."""
    param, relation = EVIDENCE_QUERIES[name]
    cypher = get_named_query(name).cypher
    tail = cypher[cypher.index("WITH startNode(r) AS subject") :]
    return f"""
MATCH (x:Entity)
WHERE ${param} IS NULL OR x.id = ${param}
MATCH (x)-[r:{relation}]-(:Entity)
WITH DISTINCT r
WHERE r.confidence >= $min_confidence
{tail}"""


def renamed(document, assertions, doc_id):
    document = dataclasses.replace(document, id=doc_id)
    return document, [dataclasses.replace(a, doc=doc_id) for a in assertions]


@pytest.fixture(scope="module")
def ranked_graph(engine_home):
    """300 synthetic articles written in batches, then 40 of them replaced by the facts of
    other articles (counts taken back and given again)."""
    from kg.store.engine import Engine
    from kg.store.falkor import FalkorStore

    store = FalkorStore(Engine(engine_home).ensure(), graph=f"ranking-queries-{os.getpid()}")
    store.clear()
    facts = list(itertools.islice(SyntheticNews(articles_hint=300, seed=11), 340))
    writer = GraphWriter(store)
    for at in range(0, 300, 60):
        batch = GraphBatch()
        for document, found in facts[at : at + 60]:
            batch.add(document, found)
        writer.write(batch)
    batch = GraphBatch()
    for i in range(40):  # article 7i gets the facts of article 300 + i
        batch.add(*renamed(*facts[300 + i], facts[7 * i][0].id), replaces=True)
    writer.write(batch)
    yield store
    store.clear()
    store.close()


def entities(store) -> list[str | None]:
    """No entity, the most mentioned one, and one mentioned once."""
    ranked = store.query("MATCH (e:Entity) RETURN e.id ORDER BY e.mentions DESC, e.id").rows
    return [None, ranked[0][0], ranked[-1][0]]


def test_co_mentioned_gives_the_rows_of_ranking_every_pair(ranked_graph):
    store = ranked_graph
    counts = store.query("MATCH ()-[p:CO_MENTIONED]->() RETURN p.sentences").rows
    assert len(counts) > 1000 and max(c[0] for c in counts) >= 8  # several thresholds apply
    for entity, limit in itertools.product(entities(store), LIMITS):
        params = {"entity": entity, "limit": limit}
        got = run_named_query(store, "co-mentioned", params).rows
        assert got == store.query(CO_MENTIONED_REFERENCE, params).rows, params
        assert len(got) == min(limit, len(got)) and got


@pytest.mark.parametrize("name", sorted(EVIDENCE_QUERIES))
def test_evidence_queries_give_the_rows_of_ranking_every_relationship(ranked_graph, name):
    store = ranked_graph
    param, relation = EVIDENCE_QUERIES[name]
    mentions = [r[0] for r in store.query(f"MATCH ()-[r:{relation}]->() RETURN r.mentions").rows]
    assert len(mentions) > 20 and max(mentions) >= 2  # thresholds 1 and 2 at least
    sure = [r[0] for r in store.query(f"MATCH ()-[r:{relation}]->() RETURN r.confidence").rows]
    assert min(sure) < 0.6 <= max(sure)  # the default minimum confidence keeps some, not all
    for entity, limit, sentences, least in itertools.product(entities(store), LIMITS, (0, 3), MIN_CONFIDENCE):
        params = {param: entity, "limit": limit, "sentences": sentences, "min_confidence": least}
        got = run_named_query(store, name, params).rows
        assert got == store.query(reference(name), params).rows, params


def test_entity_relations_gives_the_rows_of_sorting_every_relationship(ranked_graph):
    store = ranked_graph
    ranked = store.query("MATCH (e:Entity) RETURN e.id ORDER BY e.mentions DESC, e.id").rows
    for (entity,), limit, relation, least in itertools.product(
        ranked[:3] + ranked[-2:], LIMITS, (None, "met with", "SUPPORTED"), MIN_CONFIDENCE
    ):
        params = {"entity": entity, "relation": relation, "limit": limit, "min_confidence": least}
        got = run_named_query(store, "entity-relations", params).rows
        assert got == store.query(ENTITY_RELATIONS_REFERENCE, params).rows, params
    assert len(run_named_query(store, "entity-relations", {"entity": ranked[0][0]}).rows) > 20


def test_most_active_gives_the_rows_of_the_union_of_types(ranked_graph):
    for kind, limit in itertools.product((None, "Person", "country"), LIMITS):
        params = {"type": kind, "limit": limit, "rollup": False}
        got = run_named_query(ranked_graph, "most-active", params).rows
        assert got == ranked_graph.query(MOST_ACTIVE_REFERENCE, params).rows, params
        assert got


def test_the_threshold_is_exact_when_fewer_relationships_than_the_limit(store):
    """A graph with a handful of pairs: no power of two is reached by `limit` of them, and
    every pair is returned."""
    news = SyntheticNews(articles_hint=10, seed=2)
    batch = GraphBatch()
    for document, found in itertools.islice(news, 4):
        batch.add(document, found)
    GraphWriter(store).write(batch)
    params = {"entity": None, "limit": 1000}
    got = run_named_query(store, "co-mentioned", params).rows
    assert 0 < len(got) < 1000
    assert got == store.query(CO_MENTIONED_REFERENCE, params).rows


def test_the_global_ranking_reads_the_count_index(ranked_graph):
    """FalkorDB answers `r.mentions >= threshold` from the range index (a plan over every
    relationship of the type would not be bounded)."""
    for name, count in (
        ("co-mentioned", "[p:CO_MENTIONED]"),
        ("troop-deployments", "[r:SENT_TROOPS_TO]"),
        ("invitations", "[r:INVITED]"),
    ):
        query = get_named_query(name)
        plan = str(ranked_graph._graph.explain(query.cypher, query.bind({})))
        assert f"Edge By Index Scan | {count}" in plan, (name, plan)
