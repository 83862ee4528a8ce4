"""`kg ingest`, `kg query`, `kg ask` and `kg server` end to end: CliRunner, real spaCy, real FalkorDB."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

from click.testing import CliRunner
from filetools import write
from graphtools import audit

from kg.cli import main
from kg.store.engine import Engine

TROOPS = (
    "Russia sends troops to Kazakhstan\n"
    "\n"
    "Russia sent troops to Kazakhstan on Thursday, officials in Moscow said.\n"
    "\n"
    "France condemned the deployment.\n"
)
TROOPS_SENTENCE = "Russia sent troops to Kazakhstan on Thursday, officials in Moscow said."
TALKS = (
    "Chad and Niger hold talks\n"
    "\n"
    "Chadian President Idriss Kaboré met with Nigerien Prime Minister Amadou Sani in "
    "N'Djamena, Chad, on Tuesday.\n"
)


def run(*args: str, input: str | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], input=input)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def counts() -> tuple[int, int]:
    result = run("query", "MATCH (n) RETURN count(n)", "--format", "json")
    nodes = json.loads(result.stdout)[0]["count(n)"]
    result = run("query", "MATCH ()-[r]->() RETURN count(r) AS n", "--format", "json")
    return nodes, json.loads(result.stdout)[0]["n"]


def test_ingest_then_ask_troop_deployments_then_ingest_again(kg_home, tmp_path):
    article = write(tmp_path / "troops.txt", TROOPS)
    first = run("ingest", article, "--json")
    assert first.exit_code == 0, first.stderr
    summary = json.loads(first.stdout)
    assert summary["new_articles"] == 1 and summary["assertions"] >= 1 and summary["new_entities"] >= 2
    assert "1 article(s) written" in first.stderr

    asked = run("ask", "troop-deployments", "--format", "json")
    assert asked.exit_code == 0, asked.stderr
    rows = json.loads(asked.stdout)
    row = next(r for r in rows if "Russia" in json.dumps(r) and "Kazakhstan" in json.dumps(r))
    assert TROOPS_SENTENCE in json.dumps(row, ensure_ascii=False)

    before = counts()
    again = run("ingest", article, "--json")
    assert again.exit_code == 0
    assert json.loads(again.stdout)["unchanged"] == 1 and json.loads(again.stdout)["articles"] == 0
    assert counts() == before


def test_changed_article_replaces_its_evidence(kg_home, tmp_path):
    article = write(tmp_path / "story.txt", TROOPS)
    run("ingest", article)
    write(article, TROOPS.replace("France condemned the deployment.", "France welcomed the talks."))
    result = run("ingest", article, "--json")
    assert json.loads(result.stdout)["replaced"] == 1
    rows = json.loads(
        run("query", "MATCH (a:Entity)-[r]->(b:Entity) RETURN type(r) AS t", "--format", "json").stdout
    )
    types = {r["t"] for r in rows}
    assert "SENT_TROOPS_TO" in types and "CONDEMNED" not in types
    sentences = json.loads(
        run("query", "MATCH (s:Sentence) RETURN s.text AS text", "--format", "json").stdout
    )
    assert all("condemned" not in s["text"] for s in sentences)


def test_bad_input_is_one_line_and_the_rest_is_stored(kg_home, tmp_path):
    write(tmp_path / "in" / "good.txt", TROOPS)
    write(
        tmp_path / "in" / "feed.jsonl",
        '{"id": "ok", "text": "' + TALKS.replace("\n", " ") + '"}\n{"text": 1}\n',
    )
    result = run("ingest", tmp_path / "in")
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "feed.jsonl:2" in errors[0]
    stored = json.loads(
        run("query", "MATCH (a:Article) RETURN a.id AS id ORDER BY id", "--format", "json").stdout
    )
    assert [r["id"] for r in stored] == ["good", "ok"]


def test_query_is_read_only_unless_write(kg_home):
    refused = run("query", "CREATE (:Entity {id: 'x'})")
    assert refused.exit_code == 2
    assert refused.stderr.strip().count("\n") == 0 and "--write" in refused.stderr
    assert counts() == (0, 0)
    allowed = run("query", "CREATE (:Entity {id: $id})", "-p", "id=x", "--write")
    assert allowed.exit_code == 0 and "nodes created: 1" in allowed.stderr
    assert counts() == (1, 0)


def test_query_syntax_error_is_one_clear_line(kg_home):
    result = run("query", "MATCH (n RETURN n")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "line: 1" in lines[0]


def test_query_parameters_and_formats(kg_home):
    run("query", "CREATE (:Entity:Country {id: 'country:TCD', name: 'Chad', iso3: 'TCD'})", "--write")
    table = run(
        "query",
        "MATCH (c:Country) WHERE c.iso3 = $code RETURN c.name AS name, $n AS n",
        "-p",
        "code=TCD",
        "-p",
        "n=3",
    )
    assert table.stdout.splitlines()[0].split() == ["name", "n"]
    assert table.stdout.splitlines()[2].split() == ["Chad", "3"]
    csv_out = run("query", "MATCH (c:Country) RETURN c.name AS name, c.iso3 AS iso3", "--format", "csv")
    assert csv_out.stdout == "name,iso3\nChad,TCD\n"
    as_json = run("query", "MATCH (c:Country) RETURN c", "--format", "json")
    node = json.loads(as_json.stdout)[0]["c"]
    assert sorted(node["labels"]) == ["Country", "Entity"] and node["properties"]["name"] == "Chad"
    bad = run("query", "RETURN 1", "-p", "novalue")
    assert bad.exit_code == 2 and "name=value" in bad.stderr


def test_unknown_named_query_suggests(kg_home):
    result = run("ask", "troop-deployment")
    assert result.exit_code == 2 and "troop-deployments" in result.stderr


def test_server_commands(tmp_path, monkeypatch):
    home = tmp_path / "h"
    monkeypatch.setenv("KG_HOME", str(home))
    try:
        assert "stopped" in run("server", "status").stdout
        started = run("server", "start")
        assert started.exit_code == 0 and "running" in started.stdout
        status = json.loads(run("server", "status", "--json").stdout)
        assert status["running"] and status["port"] is None and status["socket"].startswith(str(home))
        assert run("server", "start").stdout.split(",")[1] == started.stdout.split(",")[1]  # same pid
        assert run("server", "stop").stdout.strip() == "stopped"
        assert run("server", "stop").stdout.strip() == "not running"
    finally:
        Engine(home).stop()


def test_killing_the_server_between_commands_loses_nothing(tmp_path, monkeypatch):
    home = tmp_path / "h"
    monkeypatch.setenv("KG_HOME", str(home))
    try:
        run("ingest", write(tmp_path / "troops.txt", TROOPS))
        before = counts()
        assert before[1] > 0
        os.kill(Engine(home).status().pid, signal.SIGKILL)
        deadline = time.monotonic() + 5
        while Engine(home).status().running and time.monotonic() < deadline:
            time.sleep(0.05)
        assert counts() == before  # the next command restarts the engine from its append-only file
    finally:
        Engine(home).stop()


def test_two_ingests_at_once_leave_no_duplicates(tmp_path):
    """Two processes on a fresh KG_HOME: they race to start the engine and to write."""
    home = tmp_path / "h"
    articles = tmp_path / "articles"
    write(articles / "troops.txt", TROOPS)
    write(articles / "talks.txt", TALKS)
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("KG_GRAPH", None)
    try:
        procs = [
            subprocess.Popen(
                [sys.executable, "-P", "-m", "kg.cli", "ingest", str(articles)],
                env=env,
                cwd=tmp_path,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for _ in range(2)
        ]
        for p in procs:
            _, err = p.communicate(timeout=300)
            assert p.returncode == 0, err.decode()
        from kg.store.falkor import FalkorStore

        store = FalkorStore(Engine(home).ensure())
        nodes = store.query("MATCH (n) RETURN count(n), count(DISTINCT n.id)").rows[0]
        assert nodes[0] == nodes[1] and nodes[0] > 0
        rels = store.query("""MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(r) AS n
                              RETURN max(n), count(*)""").rows[0]
        assert rels[0] == 1 and rels[1] > 0
        evidence = store.query("""MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) <> 'CO_MENTIONED'
                                  OPTIONAL MATCH (s)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o)
                                  WHERE c.relation = type(r)
                                  OPTIONAL MATCH (st:Sentence)-[:HAS_CLAIM]->(c)
                                  WITH r, collect(st.id) AS ids
                                  RETURN ids, r.mentions""").rows
        assert evidence and all(len(ids) == len(set(ids)) == n for ids, n in evidence)
        assert audit(store) == []
        store.close()
    finally:
        Engine(home).stop()


def test_export_after_ingest(kg_home, tmp_path):
    from rdflib import Graph

    from kg.exporters.rdf_assertions import validate

    run("ingest", write(tmp_path / "troops.txt", TROOPS))
    ttl = run("export", "--format", "ttl")
    assert ttl.exit_code == 0
    graph = Graph().parse(data=ttl.stdout, format="turtle")
    conforms, report = validate(graph)
    assert conforms, report
    assert any("Russia sent troops" in str(o) for o in graph.objects())
    out = tmp_path / "g.graphml"
    assert run("export", "--format", "graphml", "-o", out).exit_code == 0
    import xml.etree.ElementTree as ET

    root = ET.parse(out).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert root.findall(".//g:node", ns) and root.findall(".//g:edge", ns)


def test_queries_lists_every_query_file():
    from kg.named_queries import query_files

    # every file of queries/ but those only for Neo4j Browser (`// for: browser`)
    names = sorted(name[: -len(".cypher")] for name, _, targets in query_files() if "kg" in targets)
    assert len(names) >= 14 and len(names) < len(query_files())
    listed = json.loads(run("queries", "--format", "json").stdout)
    assert sorted(q["name"] for q in listed) == names
    troops = next(q for q in listed if q["name"] == "troop-deployments")
    assert {p["name"] for p in troops["params"]} >= {"country", "limit"}
    text = run("queries").stdout
    assert all(f"{name}:" in text for name in names)
