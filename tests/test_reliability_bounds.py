"""Regression tests of the second reliability round (issue 18), one or more per case the
hostile-user probe found: bounded look-ups, one line for exhausted resources, LIMIT/SKIP
beyond the engine's range, damaged engine data, arguments checked before work, and
concurrent `server start`. Real FalkorDB engines, real spaCy, inputs written here."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from clitools import error_line, kg
from graphtools import entity, fact, write

from kg.core.model import Document
from kg.explore import find_entity, suggest_entities
from kg.resolution.lookup import MAX_NAME_LENGTH
from kg.store.engine import Engine

pytestmark = pytest.mark.slow

ARTICLE = "Kenya sends troops\n\nKenya sent troops to Somalia on Thursday, officials said.\n"


def kg_process(
    home: Path, *args: str, memory: int | None = None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """`kg ARGS` in a process of its own with KG_HOME=home, its address space capped at
    `memory` bytes when given (as `ulimit -v` does)."""
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("KG_GRAPH", None)

    def cap() -> None:
        if memory is not None:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))

    done = subprocess.run(
        [sys.executable, "-P", "-m", "kg.cli", *map(str, args)],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=cap,
    )
    assert "Traceback" not in done.stderr, done.stderr
    return done


@pytest.fixture
def home(tmp_path_factory):
    """A KG_HOME of its own; its engine is stopped at the end."""
    path = tmp_path_factory.mktemp("bounds")
    yield path
    Engine(path).stop()


def _graph(store) -> None:
    doc = Document(id="d1", text="Kenya sent troops to Somalia.", title=None)
    kenya = entity("country:KEN", "Kenya", "Country", iso3="KEN")
    somalia = entity("country:SOM", "Somalia", "Country", iso3="SOM")
    write(store, (doc, [fact(doc, 0, doc.text, kenya, "SENT_TROOPS_TO", somalia)]))


# -- 1. look-ups bounded in the name's length -------------------------------------------------
def test_a_name_of_100000_characters_is_refused_at_once(store, kg_home):
    _graph(store)
    name = "x" * 100_000
    started = time.perf_counter()
    with pytest.raises(Exception, match=f"at most {MAX_NAME_LENGTH} characters"):
        find_entity(store, name)
    assert time.perf_counter() - started < 1.0  # was 592 s before the limit
    for args in (
        ["entity", name],
        ["path", name, "Kenya"],
        ["path", "Kenya", name],
        ["ask", "articles-about", "-p", f"entity={name}"],
    ):
        result = kg(*args)
        assert result.exit_code == 2
        assert "100,000 characters long" in error_line(result)


def test_suggestions_for_the_longest_name_allowed_stay_cheap(store):
    _graph(store)
    started = time.perf_counter()
    assert suggest_entities(store, "Kenyan " * (MAX_NAME_LENGTH // 7)) == []
    assert suggest_entities(store, "Kenia") == [("Kenya", "country:KEN")]
    assert time.perf_counter() - started < 1.0


# -- 2. one line for every failure -------------------------------------------------------------
def test_json_nested_too_deep_in_a_parameter_is_one_line(kg_home):
    deep = "[" * 900 + "]" * 900
    result = kg("query", "RETURN $x", "-p", f"x={deep}")
    assert result.exit_code == 2
    assert "nested more than 100 levels deep" in error_line(result)
    fine = kg("query", "RETURN size($x) AS n", "-p", "x=" + "[" * 50 + "]" * 50, "--format", "json")
    assert fine.exit_code == 0 and json.loads(fine.stdout) == [{"n": 1}]


def test_a_jsonl_line_nested_too_deep_is_skipped_with_its_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    deep = {"id": "deep", "text": "Mali sent troops to Niger."}
    line = json.dumps(deep)[:-1] + ', "extra": ' + "[" * 2000 + "]" * 2000 + "}"
    feed.write_text(json.dumps({"id": "ok", "text": "Kenya sent troops to Somalia."}) + "\n" + line + "\n")
    result = kg("extract", feed)
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"error: {feed}:2: ") and "nested more than 100 levels" in first
    assert '"doc": "ok"' in result.stdout


@pytest.mark.parametrize("command", [["extract"], ["extract", "--workers", "2"], ["ingest"]])
def test_running_out_of_memory_is_one_line(home, tmp_path, command):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    assert kg_process(home, "server", "start").returncode == 0  # the engine itself is not capped
    done = kg_process(home, *command, article, memory=300 * 2**20)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: out of memory"), lines


# -- 3. LIMIT and SKIP beyond the engine's range -----------------------------------------------
@pytest.mark.parametrize(
    "cypher, params",
    [
        ("MATCH (n:Article) RETURN n.id LIMIT 4294967296", []),
        ("MATCH (n:Article) RETURN n.id SKIP 4294967297", []),
        ("MATCH (n:Article) RETURN n.id LIMIT $l", ["-p", "l=4294967296"]),
        ("MATCH (n:Article) WITH n skip $s RETURN n.id", ["-p", "s=9000000000"]),
    ],
)
def test_paging_beyond_the_engines_range_is_refused_not_wrapped(store, kg_home, cypher, params):
    _graph(store)
    result = kg("query", cypher, *params)
    assert result.exit_code == 2
    assert "at most 4,294,967,295" in error_line(result)


def test_paging_within_the_range_still_answers(store, kg_home):
    _graph(store)
    result = kg("query", "MATCH (n:Article) RETURN n.id AS id LIMIT 4294967295", "--format", "json")
    assert json.loads(result.stdout) == [{"id": "d1"}]
    text = kg("query", "RETURN 'LIMIT 99999999999' AS x", "--format", "json")  # in a string: not paging
    assert text.exit_code == 0


# -- 5. damaged engine data, arguments checked first, concurrent starts -----------------------
def _damage(home: Path, how: str) -> None:
    folder = home / "data" / "appendonlydir"
    if how == "tail":
        increment = next(folder.glob("*.incr.aof"))
        with increment.open("ab") as handle:  # bytes that are no command (a command cut short
            handle.write(b"\x00\x17garbage\r\n")  # at the very end is loaded without it)
    elif how == "manifest":
        (folder / "appendonly.aof.manifest").write_text("not a manifest\n")
    else:
        base = next(folder.glob("*.base.rdb"))
        data = bytearray(base.read_bytes())
        data[40:50] = b"\xff" * 10
        base.write_bytes(bytes(data))


@pytest.mark.parametrize("how", ["tail", "manifest", "snapshot"])
def test_damaged_engine_data_is_reported_at_once_with_kgs_own_remedy(home, tmp_path, how):
    article = tmp_path / "a.txt"
    article.write_text(ARTICLE)
    assert kg_process(home, "ingest", article).returncode == 0
    assert kg_process(home, "server", "stop").returncode == 0
    _damage(home, how)
    done = kg_process(home, "stats", timeout=20)  # the engine used to be waited for 30 s
    assert done.returncode == 2
    line = done.stderr.strip()
    assert "is damaged" in line and "kg server repair" in line and "redis-check-aof" not in line
    asked = kg_process(home, "server", "repair")  # not a terminal: --yes is required
    assert asked.returncode == 2 and "give --yes" in asked.stderr
    repaired = kg_process(home, "server", "repair", "--yes")
    if how == "snapshot":  # cannot be cut: said so, nothing changed
        assert repaired.returncode == 2 and "cannot be cut" in repaired.stderr
        return
    assert repaired.returncode == 0, repaired.stderr
    assert "data-backup-" in repaired.stdout
    assert list(home.glob("data-backup-*/appendonlydir/appendonly.aof.manifest"))
    counted = kg_process(home, "query", "MATCH (a:Article) RETURN count(a) AS n", "--format", "json")
    assert json.loads(counted.stdout) == [{"n": 1}]  # the article written before the damage


def test_a_damaged_increment_is_cut_after_its_last_whole_transaction(home, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(ARTICLE)
    second.write_text("Mali sends troops\n\nMali sent troops to Niger on Friday.\n")
    for article in (first, second):
        assert kg_process(home, "ingest", article).returncode == 0
    assert kg_process(home, "server", "stop").returncode == 0
    increment = next((home / "data" / "appendonlydir").glob("*.incr.aof"))
    data = increment.read_bytes()
    last = data.rindex(b"*1\r\n$5\r\nMULTI\r\n")  # inside the second article's transaction
    increment.write_bytes(data[: last + 40] + b"\x00garbage" + data[last + 48 :])
    plan = kg_process(home, "server", "repair", "--yes")
    assert plan.returncode == 0, plan.stderr
    assert "1 write transaction(s)" in plan.stdout
    ids = kg_process(
        home,
        "query",
        "MATCH (a:Article) RETURN a.id AS id, a.content_hash IS NULL AS half",
        "--format",
        "json",
    )
    assert json.loads(ids.stdout) == [{"id": "a", "half": False}]  # whole, or not there at all
    again = kg_process(home, "ingest", first, second, "--json")
    assert json.loads(again.stdout)["new_articles"] == 1


def test_an_unwritable_output_is_refused_before_any_work(tmp_path):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "a.txt").write_text(ARTICLE)
    result = kg("extract", articles, "-o", tmp_path / "missing" / "out.jsonl")
    assert result.exit_code == 2
    assert "does not exist" in error_line(result)  # the summary line of a finished run is absent
    for args in (
        ["view", "Kenya", "-o", tmp_path / "missing" / "p.html"],
        ["export", "--format", "neo4j-admin", "-o", articles / "a.txt"],
    ):
        assert kg(*args).exit_code == 2


def test_concurrent_starts_on_different_ports_are_each_told_what_they_got(home):
    from clitools import closed_port

    ports = [closed_port() for _ in range(3)]
    with ThreadPoolExecutor(3) as pool:
        results = list(pool.map(lambda p: kg_process(home, "server", "start", "--port", str(p)), ports))
    winners = [r for r in results if r.returncode == 0]
    assert len(winners) == 1
    running = Engine(home).status().port
    assert f"127.0.0.1:{running}" in winners[0].stdout
    for loser in (r for r in results if r.returncode != 0):
        assert loser.returncode == 2
        assert f"already running on port {running}, not" in loser.stderr
