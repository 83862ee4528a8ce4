"""Extraction by partition (issue 23): `kg extract --out-dir` writes assertion files with a
manifest, here or on a local Ray (`--ray`); a run killed mid-way and run again writes every
article exactly once; `kg ingest --assertions` reads the folder, JSONL or Parquet, and gives
the graph that ingesting the articles gives.

Real spaCy pipeline, real Ray (local, started by kg), real FalkorDB; generated articles
(bench/corpus.py) and the tests' own."""

from __future__ import annotations

import collections
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from clitools import error_line, kg

from bench.corpus import generate
from kg.core.assertion_files import PARQUET_COLUMNS
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

ARTICLES = 12


@pytest.fixture(scope="module")
def feed(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("feed") / "feed.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for record in generate(ARTICLES, 11):
            out.write(json.dumps(record) + "\n")
    return path


@pytest.fixture(scope="module")
def whole(feed, tmp_path_factory) -> list[str]:
    """What `kg extract` writes for the feed in one stream: the reference."""
    out = tmp_path_factory.mktemp("whole") / "all.jsonl"
    done = kg("extract", feed, "-o", out)
    assert done.exit_code == 0, done.stderr
    return sorted(out.read_text(encoding="utf-8").splitlines())


def _written(folder: Path) -> list[str]:
    """Every assertion (JSONL text) in the files of a partitioned run's manifest."""
    from kg.core.assertion_files import assertion_lines
    from kg.partitioned import manifest_files

    return sorted(
        json.dumps(json.loads(text), ensure_ascii=False)
        for path in manifest_files(folder)
        for _, text in assertion_lines(path)
    )


def _manifest(folder: Path) -> list[dict]:
    return [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]


def test_partitions_hold_what_one_stream_holds_and_a_run_again_skips_them(feed, whole, tmp_path):
    out = tmp_path / "found"
    done = kg("extract", feed, "--out-dir", out, "--partition-size", 5)
    assert done.exit_code == 0, done.stderr
    entries = _manifest(out)
    assert [len(e["documents"]) for e in entries] == [5, 5, 2]
    assert sorted(d for e in entries for d in e["documents"]) == sorted(
        r["id"] for r in generate(ARTICLES, 11)
    )
    assert _written(out) == whole
    again = kg("extract", feed, "--out-dir", out, "--partition-size", 5)
    assert again.exit_code == 0 and "0 written" in again.stderr and "3 already done" in again.stderr
    assert len(_manifest(out)) == 3


def test_a_killed_run_run_again_writes_every_article_exactly_once(feed, whole, tmp_path):
    out = tmp_path / "found"
    command = [
        sys.executable,
        "-m",
        "kg.cli",
        "extract",
        str(feed),
        "--out-dir",
        str(out),
        "--partition-size",
        "2",
    ]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        manifest = out / "manifest.jsonl"
        if manifest.exists() and len(manifest.read_text().splitlines()) >= 2:
            break
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    finished = len(_manifest(out))
    assert 2 <= finished < ARTICLES // 2, "the run ended before it could be killed mid-way"
    # a partition whose file was written but not yet listed is written again under its name
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert f"{finished} already done" in done.stderr
    documents = collections.Counter(d for e in _manifest(out) for d in e["documents"])
    assert len(documents) == ARTICLES and set(documents.values()) == {1}
    assert _written(out) == whole
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_bad_input_is_one_line_and_the_rest_is_written(feed, tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x1", "text": "Chad sent troops to Niger."}\nnot json\n', encoding="utf-8")
    done = kg("extract", bad, feed, "--out-dir", tmp_path / "found")
    assert done.exit_code == 1
    errors = [line for line in done.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 1 and f"{bad}:2" in errors[0]
    documents = [d for e in _manifest(tmp_path / "found") for d in e["documents"]]
    assert len(documents) == ARTICLES + 1 and "x1" in documents


@pytest.mark.parametrize(
    "args, message",
    [
        (("--format", "parquet"), "--out-dir"),
        (("--ray",), "--out-dir"),
        (("--out-dir", "{tmp}/o", "-o", "{tmp}/x.jsonl"), "give one"),
        (("--out-dir", "{tmp}/o", "--format", "ttl"), "jsonl or parquet"),
    ],
)
def test_wrong_combinations_are_refused_before_work(feed, tmp_path, args, message):
    done = kg("extract", feed, *(a.format(tmp=tmp_path) for a in args))
    assert done.exit_code == 2 and message in error_line(done)
    assert not (tmp_path / "o").exists()


@pytest.mark.slow
def test_on_ray_parquet_holds_what_one_stream_holds_and_ingests_as_the_articles_do(
    feed, whole, tmp_path, engine_home
):
    pytest.importorskip("ray")
    out = tmp_path / "found"
    done = kg(
        "extract",
        feed,
        "--out-dir",
        out,
        "--ray",
        "--workers",
        2,
        "--partition-size",
        4,
        "--format",
        "parquet",
    )
    assert done.exit_code == 0, done.stderr
    assert [line for line in done.stderr.splitlines() if line.strip()] == [
        done.stderr.strip()
    ]  # Ray is quiet
    assert all(e["file"].endswith(".parquet") for e in _manifest(out)) and len(_manifest(out)) == 3
    assert _written(out) == whole
    import pyarrow.parquet as pq

    table = pq.read_table(out / _manifest(out)[0]["file"])
    assert table.schema.names == [name for name, _, _ in PARQUET_COLUMNS]
    # the folder of Parquet files, ingested, is the graph of the assertions of one stream
    graphs = {}
    for name, args in (
        ("parquet", ("--assertions", out)),
        ("jsonl", ("--assertions", tmp_path / "all.jsonl")),
    ):
        if name == "jsonl":
            (tmp_path / "all.jsonl").write_text("\n".join(whole) + "\n", encoding="utf-8")
        graph = f"partitioned-{name}-{os.getpid()}"
        ingest = kg("ingest", *args, env={"KG_HOME": str(engine_home), "KG_GRAPH": graph})
        assert ingest.exit_code == 0, ingest.stderr
        store = FalkorStore(Engine(engine_home).ensure(), graph=graph)
        try:
            graphs[name] = store.query(
                "MATCH (a:Entity)-[r]->(b:Entity) WHERE r.mentions > 0 "
                "RETURN a.id, type(r), b.id, r.mentions ORDER BY a.id, type(r), b.id"
            ).rows
        finally:
            store.clear()
            store.close()
    assert graphs["parquet"] and graphs["parquet"] == graphs["jsonl"]


def test_neo4j_admin_files_from_assertion_files_are_those_of_the_graph_they_make(feed, tmp_path, engine_home):
    """The bulk path for a new Neo4j database: CSV files straight from a partitioned run's
    folder are those of the graph `kg ingest --assertions` makes of it; the scratch graph
    they are built in is gone afterwards."""
    out = tmp_path / "found"
    assert kg("extract", feed, "--out-dir", out, "--partition-size", 5).exit_code == 0
    graph = f"partitioned-admin-{os.getpid()}"
    env = {"KG_HOME": str(engine_home), "KG_GRAPH": graph}
    store = FalkorStore(Engine(engine_home).ensure(), graph=graph)
    before = set(store.graphs())
    try:
        direct = kg(
            "export", "--format", "neo4j-admin", "--assertions", out, "-o", tmp_path / "direct", env=env
        )
        assert direct.exit_code == 0, direct.stderr
        assert set(store.graphs()) == before  # the scratch graph is dropped
        assert kg("ingest", "--assertions", out, env=env).exit_code == 0
        stored = kg("export", "--format", "neo4j-admin", "-o", tmp_path / "stored", env=env)
        assert stored.exit_code == 0, stored.stderr
    finally:
        store.clear()
        store.close()
    for name in ("entities.csv", "relations.csv", "claims.csv", "claim_entity.csv", "sentences.csv"):
        direct_rows = sorted((tmp_path / "direct" / name).read_text(encoding="utf-8").splitlines())
        stored_rows = sorted((tmp_path / "stored" / name).read_text(encoding="utf-8").splitlines())
        assert len(direct_rows) > 1 and direct_rows == stored_rows, name


@pytest.mark.slow
def test_ingest_on_ray_writes_what_it_found_and_a_run_again_changes_nothing(
    feed, whole, tmp_path, engine_home
):
    pytest.importorskip("ray")
    graph = f"partitioned-ray-ingest-{os.getpid()}"
    env = {"KG_HOME": str(engine_home), "KG_GRAPH": graph}
    out = tmp_path / "found"
    store = FalkorStore(Engine(engine_home).ensure(), graph=graph)
    try:
        done = kg("ingest", feed, "--ray", "--workers", 2, "--out-dir", out, "--json", env=env)
        assert done.exit_code == 0, done.stderr
        report = json.loads(done.stdout)
        assert report["assertions"] == len(whole) and report["new_articles"] == len(
            {json.loads(w)["doc"] for w in whole}
        )
        claims = store.query("MATCH (c:Claim) RETURN count(c)").rows[0][0]
        assert claims > 0
        again = kg("ingest", feed, "--ray", "--workers", 2, "--out-dir", out, "--json", env=env)
        assert again.exit_code == 0, again.stderr
        assert json.loads(again.stdout)["articles"] == 0  # every partition done, every article unchanged
        assert store.query("MATCH (c:Claim) RETURN count(c)").rows[0][0] == claims
    finally:
        store.clear()
        store.close()
