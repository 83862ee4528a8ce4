"""Regression tests of the reliability issue: the graph is never lost, split or half-written,
and one bad input never stops a batch. Real FalkorDB engines (each test that stops, kills or
restarts one has a KG_HOME of its own), real spaCy, inputs written here."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from filetools import write
from graphtools import audit, entity, fact

from kg.cli import main
from kg.core.model import Document
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter

pytestmark = pytest.mark.slow


def kg(
    home: Path, *args: str, input: str | None = None, env: dict | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """`kg ARGS` in a process of its own (as a user runs it), with KG_HOME=home."""
    environ = {**os.environ, "KG_HOME": str(home), **(env or {})}
    environ.pop("KG_GRAPH", None) if "KG_GRAPH" not in (env or {}) else None
    done = subprocess.run(
        [sys.executable, "-P", "-m", "kg.cli", *map(str, args)],
        input=input,
        capture_output=True,
        text=True,
        env=environ,
        cwd=home.parent,
        timeout=timeout,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


def engines_on(home: Path) -> list[int]:
    """Pids of every redis-server whose working directory is home's data directory."""
    data = (home / "data").resolve()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (
                "redis-server" in (entry / "cmdline").read_bytes().decode(errors="replace")
                and Path(os.readlink(entry / "cwd")) == data
            ):
                found.append(int(entry.name))
        except OSError:
            continue
    return found


@pytest.fixture
def home(tmp_path_factory):
    """A KG_HOME of its own; its engine is stopped at the end."""
    path = tmp_path_factory.mktemp("rel")
    yield path
    Engine(path).stop()
    for pid in engines_on(path):  # a test that failed may have left a second engine
        os.kill(pid, signal.SIGKILL)


def articles_jsonl(path: Path, count: int, *, version: str = "") -> Path:
    """`count` short wire stories of my own, one JSONL line each."""
    countries = ["Chad", "Niger", "Mali", "Ghana", "Togo", "Benin", "Gabon", "Kenya", "Peru", "Chile"]
    lines = []
    for i in range(count):
        a, b = countries[i % 10], countries[(i * 3 + 1) % 10]
        if a == b:
            b = countries[(i + 5) % 10]
        text = (
            f"{a} sent troops to {b} on Monday{version}. "
            f"The government of {b} condemned {a}. {a} and {b} held talks in Geneva."
        )
        lines.append(json.dumps({"id": f"story-{i:03d}", "title": f"Story {i}{version}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def article_count(home: Path) -> int:
    done = kg(
        home,
        "query",
        "MATCH (a:Article) WHERE a.content_hash IS NOT NULL RETURN count(a) AS n",
        "--format",
        "json",
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)[0]["n"]


# -- 1. the engine restarts after a normal ingest --------------------------------------------
def test_two_hundred_articles_survive_stops_restarts_and_a_kill(home, tmp_path):
    feed = articles_jsonl(tmp_path / "feed.jsonl", 200)
    done = kg(home, "ingest", feed)
    assert done.returncode == 0, done.stderr
    assert article_count(home) == 200
    for _ in range(2):  # stopped and started twice: all 200 back
        assert kg(home, "server", "stop").stdout.strip() == "stopped"
        assert article_count(home) == 200
    # Killed (no compaction on the way out): the append-only file's transactions are
    # replayed; nothing is sent to the engine while it loads, so it does not crash.
    kg(home, "ingest", articles_jsonl(tmp_path / "more.jsonl", 60, version=" again"))
    os.kill(Engine(home).status().pid, signal.SIGKILL)
    assert article_count(home) == 200
    assert "ASSERTION FAILED" not in (home / "falkordb.log").read_text(errors="replace")


# -- 2. one bad article never half-writes the others ------------------------------------------
def _docs() -> list[tuple[Document, list]]:
    russia = entity("country:RUS", "Russia", "Country", iso3="RUS")
    chad = entity("country:TCD", "Chad", "Country", iso3="TCD")
    out = []
    for i in range(3):
        doc = Document(
            id=f"d{i}", text=f"Russia sent troops to Chad in week {i}.", title=None, source=f"d{i}.txt"
        )
        out.append((doc, [fact(doc, 0, doc.text, russia, "SENT_TROOPS_TO", chad)]))
    return out


def _whole(store, article: str) -> bool:
    rows = store.query(
        """MATCH (a:Article {id: $id})
                          OPTIONAL MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(:Claim)-->(e:Entity)
                          OPTIONAL MATCH (a)-[:MENTIONS]->(m:Entity)
                          RETURN a.content_hash IS NOT NULL, count(DISTINCT s), count(DISTINCT e),
                                 count(DISTINCT m)""",
        {"id": article},
    ).rows
    return bool(rows) and rows[0] == [True, 1, 2, 2]


def test_a_statement_failing_in_the_engine_leaves_the_other_articles_whole(store):
    batch = GraphBatch()
    for document, assertions in _docs():
        batch.add(document, assertions)
    # A value the engine refuses only when it runs the statement (a map as a property):
    # FalkorDB commits the other statements of the MULTI/EXEC around it.
    bad = next(row for row in batch.claims if row["sentence"] == "d1#0")
    bad["subject_text"] = {"not": "a text"}
    counts = GraphWriter(store).write(batch)
    assert [article for article, _ in counts.failed] == ["d1"]
    assert _whole(store, "d0") and _whole(store, "d2")
    assert store.query("MATCH (a:Article {id: 'd1'}) RETURN count(a)").value() == 0
    assert store.query("MATCH (s:Sentence) WHERE s.article = 'd1' RETURN count(s)").value() == 0
    ids = store.query(
        "MATCH (s:Sentence)-[:HAS_CLAIM]->(:Claim {relation: 'SENT_TROOPS_TO'}) RETURN s.id ORDER BY s.id"
    ).rows
    assert ids == [["d0#0"], ["d2#0"]]  # no claim of the failed article, none without its sentence
    assert store.query("MATCH ()-[r:SENT_TROOPS_TO]->() RETURN r.mentions, r.articles").rows == [[2, 2]]
    assert audit(store) == []  # the increments of the refused statement were undone with it
    assert GraphWriter(store).known_hashes(["d0", "d1", "d2"]).keys() == {"d0", "d2"}


def test_a_lone_article_refused_in_the_engine_leaves_no_trace_in_the_counters(store):
    """The entity statement counts an article's claims before the relation statement writes
    them: when the engine refuses the claims, the counters go back with the rest."""
    (first, facts_1), (second, facts_2), _ = _docs()
    GraphWriter(store).write(_batch(first, facts_1))
    batch = _batch(second, facts_2)
    batch.claims[0]["subject_text"] = {"not": "a text"}  # refused only when the statement runs
    counts = GraphWriter(store).write(batch)
    assert [article for article, _ in counts.failed] == ["d1"]
    assert store.query("MATCH (e:Entity) RETURN e.id, e.mentions ORDER BY e.id").rows == [
        ["country:RUS", 1],
        ["country:TCD", 1],
    ]
    assert audit(store) == []


def _batch(document, assertions) -> GraphBatch:
    batch = GraphBatch()
    batch.add(document, assertions)
    return batch


def test_a_nul_in_one_article_leaves_the_others_whole_and_unchanged_on_reingest(kg_home, tmp_path):
    lines = [
        {"id": "clean-1", "text": "Kenya sent troops to Niger on Monday."},
        {"id": "dirty", "title": "Bad\u0000title", "text": "Mali sent troops to Togo."},
        {"id": "clean-2", "text": "Ghana sent troops to Benin on Friday."},
    ]
    feed = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(line) for line in lines) + "\n")
    result = CliRunner().invoke(main, ["ingest", str(feed), "--json"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and f"{feed}:2" in errors[0] and "NUL" in errors[0]
    summary = json.loads(result.stdout)
    assert summary["new_articles"] == 2
    store_rows = CliRunner().invoke(
        main,
        [
            "query",
            "MATCH (a:Article)-[:HAS_SENTENCE]->(s) RETURN a.id, count(s), a.content_hash IS NULL "
            "ORDER BY a.id",
            "--format",
            "json",
        ],
    )
    assert [list(r.values()) for r in json.loads(store_rows.stdout)] == [
        ["clean-1", 1, False],
        ["clean-2", 1, False],
    ]
    again = CliRunner().invoke(main, ["ingest", str(feed), "--json"])
    assert json.loads(again.stdout)["unchanged"] == 2


# -- 3. two engines on one data directory ------------------------------------------------------
def test_removing_the_socket_never_yields_a_second_engine(home):
    assert kg(home, "query", "CREATE (:Article {id: 'kept'})", "--write").returncode == 0
    first = Engine(home).status().pid
    (home / "falkordb.sock").unlink()
    done = kg(home, "query", "MATCH (a:Article) RETURN a.id", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [{"a.id": "kept"}]  # the data is there
    assert engines_on(home) == [Engine(home).status().pid]  # one engine, the restarted one
    assert first not in engines_on(home)


def test_a_busy_engine_is_not_taken_for_dead(home):
    endpoint = Engine(home).ensure()
    pid = Engine(home).status().pid
    store = FalkorStore(endpoint, "busy", timeout=0)
    store.query("CREATE (:Article {id: 'x'})", write=True)
    slow = threading.Thread(
        target=lambda: store.query("UNWIND range(1, 30000000) AS i WITH i WHERE i % 7 = 1 RETURN count(i)")
    )
    slow.start()
    time.sleep(0.3)
    try:
        started = time.monotonic()
        status = json.loads(kg(home, "server", "status", "--json").stdout)
        assert status["running"] and status["pid"] == pid
        assert Engine(home).ensure() == endpoint  # answers at once, without asking the engine
        assert time.monotonic() - started < 20
        assert engines_on(home) == [pid]
    finally:
        slow.join()
        store.close()


# -- 4. stop signals only its own engine --------------------------------------------------------
def test_a_stale_pid_file_naming_a_live_process_survives_server_stop(home):
    stranger = subprocess.Popen(["sleep", "60"])
    try:
        home.mkdir(parents=True, exist_ok=True)
        (home / "falkordb.pid").write_text(f"{stranger.pid}\n")
        done = kg(home, "server", "stop")
        assert done.returncode == 0 and done.stdout.strip() == "not running"
        assert stranger.poll() is None  # still alive
        # with the engine running, the pid file it writes is its own and stop stops it
        kg(home, "server", "start")
        engine = Engine(home).status().pid
        assert engine != stranger.pid and kg(home, "server", "stop").stdout.strip() == "stopped"
        assert stranger.poll() is None and engines_on(home) == []
    finally:
        stranger.kill()
        stranger.wait()


# -- 5, 6. inputs that used to crash the engine or abort the run --------------------------------
def test_bad_inputs_are_one_line_each_and_the_good_ones_are_stored(kg_home, tmp_path):
    good = "Chad sent troops to Niger on Monday. Mali condemned Chad."
    lines = [
        json.dumps({"id": "x" * 8000, "text": good}),  # used to segfault the engine
        '{"id": "surrogate", "text": "Chad sent troops \\ud800 to Niger."}',
        json.dumps({"id": "nul\u0000id", "text": good}),
        json.dumps({"id": "fine", "text": good}),
    ]
    feed = write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    result = CliRunner().invoke(main, ["ingest", str(feed), "--json"])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert [e.split(": ", 2)[1] for e in errors] == [f"{feed}:1", f"{feed}:2", f"{feed}:3"]
    assert "8000 bytes" in errors[0] and "surrogate" in errors[1] and "NUL" in errors[2]
    assert json.loads(result.stdout)["new_articles"] == 1
    listed = CliRunner().invoke(main, ["query", "MATCH (a:Article) RETURN a.id", "--format", "json"])
    assert json.loads(listed.stdout) == [{"a.id": "fine"}]


def test_an_article_over_spacys_limit_is_extracted_with_exact_offsets(tmp_path):
    paragraph = (
        "Chad sent troops to Niger on Monday. Officials in Mali said the talks would go on. "
        "The weather was mild and markets were calm across the region that week.\n\n"
    )
    long_text = paragraph * (1_050_000 // len(paragraph))  # over spaCy's limit of 1,000,000
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        json.dumps({"id": "long", "text": long_text})
        + "\n"
        + json.dumps({"id": "short", "text": "Ghana sent troops to Benin."})
        + "\n"
    )
    result = CliRunner().invoke(main, ["extract", str(feed)])
    assert result.exit_code == 0, result.stderr
    assertions = [json.loads(line) for line in result.stdout.splitlines()]
    long_ones = [a for a in assertions if a["doc"] == "long"]
    paragraphs = len(long_text) // len(paragraph)
    assert len(long_ones) >= 0.9 * paragraphs  # a deployment in (nearly) every paragraph
    for a in long_ones[:50] + long_ones[-50:]:
        m = a["subject"]["mention"]
        assert (
            a["sentence"]["text"][m["start"] - a["sentence"]["start"] : m["end"] - a["sentence"]["start"]]
            == m["text"]
        )
    last = max(long_ones, key=lambda a: a["sentence"]["start"])
    assert last["sentence"]["start"] > len(long_text) - 2 * len(paragraph)  # offsets of the whole
    assert last["sentence"]["index"] > 3 * paragraphs - 10  # sentences numbered through the parts
    assert any(a["doc"] == "short" for a in assertions)


# -- 8. concurrent ingests of two versions converge ---------------------------------------------
def test_concurrent_ingests_of_two_versions_converge_on_one(home, tmp_path):
    v1 = articles_jsonl(tmp_path / "v1.jsonl", 30)
    v2 = articles_jsonl(tmp_path / "v2.jsonl", 30, version=" and Tuesday")
    kg(home, "server", "start")
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("KG_GRAPH", None)
    procs = [
        subprocess.Popen(
            [sys.executable, "-P", "-m", "kg.cli", "ingest", str(path), "--batch-size", "7"],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for path in (v1, v2, v1, v2)
    ]
    for p in procs:
        _, err = p.communicate(timeout=600)
        assert p.returncode == 0, err.decode()
    rows = json.loads(
        kg(
            home,
            "query",
            """
        MATCH (a:Article) OPTIONAL MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
        RETURN a.id AS id, a.title AS title, a.content_hash AS hash, collect(s.text) AS sentences""",
            "--format",
            "json",
        ).stdout
    )
    assert len(rows) == 30
    for row in rows:
        version = " and Tuesday" if row["title"].endswith(" and Tuesday") else ""
        assert row["hash"] is not None
        assert all(("Tuesday" in s) == bool(version) for s in row["sentences"] if "troops" in s), row
    # whichever version won, its content hash is the one stored: ingesting it again would
    # find it unchanged, and ingesting the other version would replace it
    from kg.loaders.readers import read_documents
    from kg.store.rows import content_hash

    hashes = {(d.id, d.title): content_hash(d) for d in read_documents([str(v1), str(v2)])}
    assert all(row["hash"] == hashes[(row["id"], row["title"])] for row in rows)


# -- 9. reads time out --------------------------------------------------------------------------
def test_a_runaway_read_is_stopped_by_the_engine(kg_home):
    slow = (
        "UNWIND range(1, 100000) AS i UNWIND range(1, 100000) AS j "
        "WITH i, j WHERE (i * j) % 7 = 1 RETURN count(*)"
    )
    started = time.monotonic()
    result = CliRunner(env={"KG_QUERY_TIMEOUT": "0.5"}).invoke(main, ["query", slow])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "KG_QUERY_TIMEOUT" in result.stderr
    assert time.monotonic() - started < 15
    # the engine is free again at once
    started = time.monotonic()
    assert CliRunner().invoke(main, ["query", "RETURN 1"]).exit_code == 0
    assert time.monotonic() - started < 2


def test_a_bad_timeout_setting_is_one_line(kg_home):
    result = CliRunner(env={"KG_QUERY_TIMEOUT": "soon"}).invoke(main, ["query", "RETURN 1"])
    assert result.exit_code == 2 and "KG_QUERY_TIMEOUT" in result.stderr


# -- 12. environment errors are one line --------------------------------------------------------
def test_kg_home_that_is_a_file_or_read_only_is_one_line(tmp_path):
    a_file = write(tmp_path / "home-file", "not a directory")
    done = kg(a_file, "stats")
    assert done.returncode == 2 and "not a directory" in done.stderr
    assert done.stderr.count("\n") == 1


def test_reads_work_while_the_engine_refuses_writes(home, tmp_path):
    """As on a full disk: the engine refuses writes; reads must not send any."""
    kg(home, "ingest", write(tmp_path / "a.txt", "Chad sends troops\n\nChad sent troops to Niger."))
    client = Engine(home).ensure().client()
    client.config_set("min-replicas-to-write", 1)  # every write is now refused (no replica)
    try:
        stats = kg(home, "stats", "--json")
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)
        refused = kg(home, "ingest", write(tmp_path / "b.txt", "Mali talks\n\nMali held talks with Togo."))
        assert refused.returncode == 2 and refused.stderr.strip().count("\n") == 0
        assert "refused" in refused.stderr or "NOREPLICAS" in refused.stderr
    finally:
        client.config_set("min-replicas-to-write", 0)
        client.close()


def test_graph_names_empty_or_mistyped(kg_home):
    empty = CliRunner(env={"KG_GRAPH": ""}).invoke(main, ["stats"])
    assert empty.exit_code == 2 and "KG_GRAPH" in empty.stderr
    mistyped = CliRunner(env={"KG_GRAPH": "no-such-graph"}).invoke(main, ["stats"])
    assert mistyped.exit_code == 2 and "no-such-graph" in mistyped.stderr and "KG_GRAPH" in mistyped.stderr
    store = Engine(kg_home).ensure()
    assert "no-such-graph" not in FalkorStore(store, os.environ["KG_GRAPH"]).graphs()  # not created


# -- 13. silent wrong answers ---------------------------------------------------------------------
def test_same_file_name_in_two_folders_never_replaces_the_first(kg_home, tmp_path):
    first = write(tmp_path / "a" / "report.txt", "Chad talks\n\nChad held talks with Niger.")
    second = write(tmp_path / "b" / "report.txt", "Mali talks\n\nMali held talks with Togo.")
    assert CliRunner().invoke(main, ["ingest", str(first)]).exit_code == 0
    result = CliRunner().invoke(main, ["ingest", str(second)])
    assert result.exit_code == 1 and str(second) in result.stderr and str(first) in result.stderr
    titles = CliRunner().invoke(main, ["query", "MATCH (a:Article) RETURN a.title", "--format", "json"])
    assert json.loads(titles.stdout) == [{"a.title": "Chad talks"}]
    # the same file, edited, still replaces its own earlier version
    write(first, "Chad talks resume\n\nChad held talks with Ghana.")
    assert CliRunner().invoke(main, ["ingest", str(first)]).exit_code == 0


def test_a_missing_aof_manifest_is_refused_not_started_empty(home, tmp_path):
    kg(home, "ingest", write(tmp_path / "a.txt", "Chad sends troops\n\nChad sent troops to Niger."))
    kg(home, "server", "stop")
    manifests = list((home / "data").rglob("appendonly.aof.manifest"))
    assert manifests
    for manifest in manifests:
        manifest.unlink()
    done = kg(home, "stats")
    assert done.returncode == 2 and "manifest" in done.stderr and "empty graph" in done.stderr
    assert engines_on(home) == []


def test_an_unreadable_directory_is_reported(tmp_path):
    folder = tmp_path / "feeds"
    write(folder / "ok.txt", "Chad talks\n\nChad held talks with Niger.")
    locked = folder / "locked"
    locked.mkdir()
    write(locked / "hidden.txt", "Mali talks\n\nMali held talks with Togo.")
    locked.chmod(0)
    try:
        command = [sys.executable, "-P", "-m", "kg.cli", "extract", str(folder), "--format", "table"]
        if os.geteuid() == 0:  # root reads any directory, unless it gives up that capability
            command = ["setpriv", "--bounding-set", "-dac_override,-dac_read_search", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=tmp_path, timeout=300)
        assert done.returncode == 1, done.stderr
        assert str(locked) in done.stderr and "Traceback" not in done.stderr
        assert "Chad" in done.stdout
    finally:
        locked.chmod(0o755)
