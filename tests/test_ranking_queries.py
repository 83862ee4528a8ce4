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
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from bench.graphgen import SyntheticNews  # noqa: E402
from kg.named_queries import get_named_query, run_named_query  # noqa: E402
from kg.store.rows import GraphBatch  # noqa: E402
from kg.store.writer import GraphWriter  # noqa: E402

LIMITS = (1, 2, 3, 5, 8, 13, 20, 50, 1000)

CO_MENTIONED_REFERENCE = """
MATCH (a:Entity)-[p:CO_MENTIONED]-(b:Entity)
WHERE CASE WHEN $entity IS NULL THEN a.id < b.id ELSE a.id = $entity END
WITH a, b, p.sentences AS sentences, p.articles AS articles
ORDER BY sentences DESC, articles DESC, a.name, b.name
LIMIT $limit
RETURN a.name AS entity, a.id AS entity_id, b.name AS other, b.id AS other_id, sentences, articles
ORDER BY sentences DESC, articles DESC, entity, other
"""

# query -> (entity parameter, relation type, the two ends' names)
EVIDENCE_QUERIES = {"troop-deployments": ("country", "SENT_TROOPS_TO", "sender", "destination"),
                    "invitations": ("actor", "INVITED", "inviter", "invitee")}


def reference(name: str) -> str:
    """The shipped query with its ranking replaced by a sort of every relationship (the rest,
    which reads the supporting sentences of the rows kept, is the shipped text)."""
    param, relation, start, end = EVIDENCE_QUERIES[name]
    cypher = get_named_query(name).cypher
    tail = cypher[cypher.index(f"WITH startNode(r) AS {start}"):]
    return f"""
MATCH (x:Entity)
WHERE ${param} IS NULL OR x.id = ${param}
MATCH (x)-[r:{relation}]-(:Entity)
WITH DISTINCT r
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

    store = FalkorStore(Engine(engine_home).ensure(), graph="ranking-queries")
    store.clear()
    facts = list(itertools.islice(SyntheticNews(articles_hint=300, seed=11), 340))
    writer = GraphWriter(store)
    for at in range(0, 300, 60):
        batch = GraphBatch()
        for document, found in facts[at:at + 60]:
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
    param, relation, _, _ = EVIDENCE_QUERIES[name]
    mentions = [r[0] for r in store.query(f"MATCH ()-[r:{relation}]->() RETURN r.mentions").rows]
    assert len(mentions) > 20 and max(mentions) >= 2  # thresholds 1 and 2 at least
    for entity, limit, sentences in itertools.product(entities(store), LIMITS, (0, 3)):
        params = {param: entity, "limit": limit, "sentences": sentences}
        got = run_named_query(store, name, params).rows
        assert got == store.query(reference(name), params).rows, params


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
    for name, count in (("co-mentioned", "[p:CO_MENTIONED]"), ("troop-deployments", "[r:SENT_TROOPS_TO]"),
                        ("invitations", "[r:INVITED]")):
        query = get_named_query(name)
        plan = str(ranked_graph._graph.explain(query.cypher, query.bind({})))
        assert f"Edge By Index Scan | {count}" in plan, (name, plan)
