"""Smoke tests of the write and query benchmarks, and of the graph generator they share.

The benchmarks run as users run them, `python -m bench NAME --scale smoke` from the repository
root (bench is not installed); no assertion here depends on how fast anything is.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after site-packages: bench from here, kg from the installation

from benchtools import run_bench  # noqa: E402

from bench.graphgen import SyntheticNews, aggregate, build_graph, create_statements  # noqa: E402
from bench.query import cases  # noqa: E402
from kg.named_queries import load_named_queries, run_named_query  # noqa: E402
from kg.store.engine import Engine  # noqa: E402
from kg.store.falkor import FalkorStore  # noqa: E402
from kg.store.rows import GraphBatch  # noqa: E402
from kg.store.writer import GraphWriter  # noqa: E402

pytestmark = pytest.mark.bench


def bench(tmp_path: Path, name: str) -> tuple[dict, str]:
    out = tmp_path / f"{name}.json"
    done = run_bench(name, "--scale", "smoke", "--json", out, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(out.read_text()), done.stdout


@pytest.fixture
def second_store(engine_home, store):
    """Another empty graph in the session's engine."""
    other = FalkorStore(Engine(engine_home).ensure(), graph=f"{store.graph_name}-second")
    other.clear()
    yield other
    other.clear()
    other.close()


def dump(store) -> tuple[list, list]:
    """Every node and relationship with its labels, type and properties (not `ingested`)."""
    nodes = store.query("MATCH (n) RETURN labels(n), properties(n) ORDER BY n.id").rows
    for node in nodes:
        node[0] = sorted(node[0])
        node[1].pop("ingested", None)
        for name in ("aliases", "keys"):  # their order is the order articles were written in
            if name in node[1]:
                node[1][name] = sorted(node[1][name])
    rels = store.query("""MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)
                          ORDER BY a.id, type(r), b.id""").rows
    for rel in rels:
        if "roles" in rel[3]:  # a set: the order its claims came in
            rel[3]["roles"] = sorted(rel[3]["roles"])
    return nodes, rels


def renamed(document, assertions, doc_id):
    """An article's facts under another article id (its new version)."""
    document = dataclasses.replace(document, id=doc_id)
    return document, [dataclasses.replace(a, doc=doc_id) for a in assertions]


# -- the generator ------------------------------------------------------------------------------


def test_the_feed_is_deterministic_and_follows_the_ontology():
    first = list(itertools.islice(SyntheticNews(articles_hint=50, seed=5), 30))
    again = list(itertools.islice(SyntheticNews(articles_hint=50, seed=5), 30))
    assert [(d.id, d.text, len(a)) for d, a in first] == [(d.id, d.text, len(a)) for d, a in again]
    news = SyntheticNews(articles_hint=50, seed=5)
    assertions = [a for _, found in first for a in found]
    assert len({a.predicate for a in assertions}) > 5
    for document, found in first:
        for a in found:
            assert news.ontology.admits(a.predicate, a.subject.entity.type, a.object.entity.type)
            assert a.subject.entity.id != a.object.entity.id
            for arg in (a.subject, a.object):  # mentions point into the document text
                assert document.text[arg.mention.start : arg.mention.end] == arg.mention.text
            assert document.text[a.sentence.start : a.sentence.end] == a.sentence.text


def test_the_fast_loader_builds_what_the_writer_writes(store, second_store):
    """Same facts: GraphWriter in batches (then an article replaced) against one bulk CREATE of
    rows whose summaries, entity counters and Count nodes are computed in Python from all the
    claims at once: the increments and the replacement's take-back are exact."""
    facts = list(itertools.islice(SyntheticNews(articles_hint=120, seed=3), 120))
    writer = GraphWriter(store)
    for at in range(0, len(facts), 25):
        batch = GraphBatch()
        for document, found in facts[at : at + 25]:
            batch.add(document, found)
        writer.write(batch)
    # a new version (another article's facts) of the article sharing most relationships with others
    seen = Counter(a.key() for _, found in facts for a in found)
    old = max(range(len(facts) - 1), key=lambda i: sum(seen[a.key()] > 1 for a in facts[i][1]))
    assert sum(seen[a.key()] > 1 for a in facts[old][1]) >= 2
    new = renamed(*facts[-1], facts[old][0].id)
    batch = GraphBatch()
    batch.add(*new, replaces=True)
    writer.write(batch)
    expected = [f for i, f in enumerate(facts) if i != old] + [new]
    for statement in create_statements(aggregate(expected)):
        second_store.execute([statement])
    written, loaded = dump(store), dump(second_store)
    assert len(written[1]) > 300 and any(
        r[3].get("mentions", 0) > 2 and r[3].get("articles", 0) > 1 for r in written[1]
    )
    counts = {n[1]["id"]: n[1] for n in written[0] if n[0] == ["Count"]}
    assert counts["model"]["version"] == 3 and counts["Claim"]["count"] > 300
    assert written == loaded


def test_a_generated_graph_answers_the_named_queries(store):
    graph = build_graph(store, 3000, seed=7)
    assert graph.relationships >= 3000
    assert store.query("MATCH ()-[r]->() RETURN count(r)").value() == graph.relationships
    found = cases(graph)
    assert {c.query for c in found} == set(load_named_queries())
    for case in found:
        rows = run_named_query(store, case.query, case.params).rows
        if case.label in (
            "global",
            "popular country",
            "relationship with most evidence",
            "that pair, every relation",
            "popular country to rare person",
        ):
            assert rows, f"{case.query} ({case.label}) found nothing"


# -- the benchmarks -----------------------------------------------------------------------------


def test_write_benchmark_smoke(tmp_path):
    result, out = bench(tmp_path, "write")
    assert out.startswith("## Writing")
    assert result["name"] == "write" and result["scale"] == "smoke"
    names = [f["figure"] for f in result["figures"]]
    assert any(n.startswith("kg GraphWriter") for n in names)
    assert any(n.startswith("re-ingest") for n in names)
    for f in result["figures"]:
        assert f["measured"] > 0 and f["baseline"] > 0
        assert f["ratio"] == pytest.approx(f["measured"] / f["baseline"], rel=0.02)
        if f["target"] is not None:
            assert f["met"] == (f["ratio"] >= f["target"])
    for size in result["sizes"]:
        assert size["assertions"] > 0 and size["distinct_triples"] <= size["assertions"]
        assert {"kg", "bare", "single"} <= set(size["per_s"])
    assert set(result["breakdown"]["kinds"]) >= {"article", "sentence", "entity", "mention", "relation"}
    again = result["reingest"]
    assert again["unchanged"] == again["articles"] and again["written_again"] == 0
    assert again["assertions"] > 0
    for series in result["series"]:
        assert [p[0] for p in series["points"]] == [s["articles"] for s in result["sizes"]]


def test_query_benchmark_smoke(tmp_path):
    result, out = bench(tmp_path, "query")
    assert out.startswith("## Querying")
    assert result["name"] == "query"
    queried = {r["query"] for r in result["rows"]}
    assert queried == set(load_named_queries())
    assert {f["figure"].split(" (")[0] for f in result["figures"]} == queried
    for f in result["figures"]:
        assert f["met"] == (f["measured"] <= result["target_p95_ms"] * 1000)
    for r in result["rows"]:
        assert 0 < r["p50_ms"] <= r["p95_ms"] and r["runs"] >= 2
    graph = result["graphs"][0]
    assert graph["relationships"] >= result["sizes"][0]
    assert graph["popular"]["mentions"] > 0
    assert all(series["points"] for series in result["series"])
