"""`kg ingest --assertions` (issue 23): the JSONL `kg extract` writes, written without
extracting again, gives the graph that ingesting the articles gives; unchanged articles are
skipped on a second run; a bad line is one line naming its file and line, the rest is stored.

Real FalkorDB, the real spaCy pipeline, articles written for the tests."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest
from clitools import kg

from kg.core.model import Assertion
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

ARTICLES = Path(__file__).parent / "data" / "browse_articles.jsonl"
_graphs = itertools.count()

RELATIONSHIPS = (
    "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.mentions > 0 "
    "RETURN a.id, type(r), b.id, r.mentions, r.articles ORDER BY a.id, type(r), b.id"
)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("extracted") / "found.jsonl"
    result = kg("extract", ARTICLES, "-o", out)
    assert result.exit_code == 0, result.stderr
    return out


def _graph(engine_home: Path) -> tuple[dict[str, str], FalkorStore]:
    name = f"assertions-{os.getpid()}-{next(_graphs)}"
    return {"KG_HOME": str(engine_home), "KG_GRAPH": name}, FalkorStore(
        Engine(engine_home).ensure(), graph=name
    )


def test_assertions_give_the_graph_the_articles_give(engine_home, extracted):
    env_a, store_a = _graph(engine_home)
    env_b, store_b = _graph(engine_home)
    try:
        done = kg("ingest", "--assertions", extracted, env=env_a)
        assert done.exit_code == 0, done.stderr
        assert kg("ingest", ARTICLES, env=env_b).exit_code == 0
        rows = store_a.query(RELATIONSHIPS).rows
        assert rows and rows == store_b.query(RELATIONSHIPS).rows
        count = "MATCH (n) RETURN labels(n)[0], count(n) ORDER BY labels(n)[0]"
        assert store_a.query(count).rows == store_b.query(count).rows
        # the same file again: every article unchanged, nothing written
        again = kg("ingest", "--assertions", extracted, "--json", env=env_a)
        report = json.loads(again.stdout)
        assert again.exit_code == 0 and report["unchanged"] == 4 and report["articles"] == 0
    finally:
        for store in (store_a, store_b):
            store.clear()
            store.close()


def test_a_bad_line_is_reported_and_the_rest_is_stored(engine_home, extracted, tmp_path):
    lines = extracted.read_text(encoding="utf-8").splitlines()
    broken = tmp_path / "broken.jsonl"
    broken.write_text("\n".join([lines[0], '{"doc": "x", "predicate": 3}', "not json", *lines[1:]]) + "\n")
    env, store = _graph(engine_home)
    try:
        done = kg("ingest", "--assertions", broken, env=env)
        assert done.exit_code == 1
        errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
        assert [e.split(":")[1].strip() for e in errors] == [str(broken)] * 2
        assert f"{broken}:2" in errors[0] and f"{broken}:3" in errors[1]
        stored = store.query("MATCH (a:Article) RETURN count(a)").rows[0][0]
        assert stored == len({json.loads(line)["doc"] for line in lines})
    finally:
        store.clear()
        store.close()


def test_an_assertion_reads_back_as_it_was_written(extracted):
    for line in extracted.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        assert Assertion.from_dict(data).to_dict() == data
    with pytest.raises(ValueError, match="subject"):
        Assertion.from_dict({**json.loads(line), "subject": {"name": "x"}})
