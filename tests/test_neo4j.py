"""Neo4j: settings, one-line errors without a server, and (marked `neo4j`) the whole path on a
real Neo4j 5 server where NEO4J_URI is set: init, ingest, push twice, every named query.

The integration tests clear the database they run on, so they skip unless it is empty or holds
only kg's own labels. Point NEO4J_DATABASE at a scratch database to be safe.
"""

from __future__ import annotations

import json
import os
import socket

import pytest
from click.testing import CliRunner
from filetools import write
from graphtools import snapshot

from kg.cli import main
from kg.core.errors import KgError
from kg.store.neo4j import Neo4jSettings, Neo4jStore

PASSWORD = "not-this-Secret-42"
ARTICLE = (
    "Nordland deploys troops\n"
    "\n"
    "Germany sent troops to Lithuania on Monday, officials in Berlin said. "
    "France condemned the deployment.\n"
)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(*args: str, env: dict | None = None):
    result = CliRunner().invoke(main, [str(a) for a in args], env=env)
    assert "Traceback" not in result.output and "Traceback" not in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# -- settings -------------------------------------------------------------------------------
def test_settings_come_from_the_conventional_variables():
    s = Neo4jSettings.resolve(
        environ={
            "NEO4J_URI": "bolt://db:7687",
            "NEO4J_USERNAME": "ana",
            "NEO4J_PASSWORD": PASSWORD,
            "NEO4J_DATABASE": "news",
        }
    )
    assert (s.uri, s.user, s.password, s.database) == ("bolt://db:7687", "ana", PASSWORD, "news")


def test_options_win_over_the_environment():
    s = Neo4jSettings.resolve(
        "neo4j://other:7687", "scratch", environ={"NEO4J_URI": "bolt://db:7687", "NEO4J_DATABASE": "news"}
    )
    assert (s.uri, s.database, s.user, s.password) == ("neo4j://other:7687", "scratch", "neo4j", None)


def test_docker_style_neo4j_auth_fills_in_missing_credentials():
    s = Neo4jSettings.resolve("bolt://db:7687", environ={"NEO4J_AUTH": f"admin/{PASSWORD}"})
    assert (s.user, s.password) == ("admin", PASSWORD)
    s = Neo4jSettings.resolve("bolt://db:7687", environ={"NEO4J_AUTH": "none"})
    assert (s.user, s.password) == ("neo4j", None)


def test_password_is_not_in_repr_or_target():
    s = Neo4jSettings.resolve("bolt://db:7687", environ={"NEO4J_PASSWORD": PASSWORD})
    assert PASSWORD not in repr(s) and PASSWORD not in s.target


def test_missing_uri_is_a_clear_error():
    with pytest.raises(KgError, match="NEO4J_URI"):
        Neo4jSettings.resolve(environ={})


def test_bad_scheme_is_a_clear_error():
    with pytest.raises(KgError, match="bolt://"):
        Neo4jStore(Neo4jSettings("http://localhost:7474"))


# -- without a server ------------------------------------------------------------------------
@pytest.mark.parametrize(
    "command",
    [
        ["push", "neo4j"],
        ["neo4j", "init"],
        ["ask", "troop-deployments", "--on", "neo4j"],
        ["query", "MATCH (n) RETURN count(n)", "--on", "neo4j"],
        ["stats", "--on", "neo4j"],
        ["export", "--format", "graphml", "--on", "neo4j"],
    ],
)
def test_closed_port_is_one_line_and_exit_2(command, tmp_path):
    uri = f"bolt://127.0.0.1:{closed_port()}"
    env = {"KG_HOME": str(tmp_path / "home"), "NEO4J_URI": uri, "NEO4J_PASSWORD": PASSWORD}
    result = run(*command, env=env)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: cannot reach Neo4j at " + uri), lines
    assert PASSWORD not in result.output + result.stderr
    assert not (tmp_path / "home").exists()  # the embedded engine was never started


def test_push_to_a_closed_port_given_as_option(tmp_path):
    result = run(
        "push",
        "neo4j",
        "--neo4j-uri",
        f"bolt://127.0.0.1:{closed_port()}",
        env={"KG_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "Connection refused" in result.stderr


def test_ingest_to_a_closed_port_stores_nothing_anywhere(kg_home, tmp_path):
    article = write(tmp_path / "a.txt", ARTICLE)
    result = run("ingest", article, "--to", "neo4j", "--neo4j-uri", f"bolt://127.0.0.1:{closed_port()}")
    assert result.exit_code == 2 and "cannot reach Neo4j" in result.stderr
    counted = run("query", "MATCH (n) RETURN count(n) AS n", "--format", "json")
    assert json.loads(counted.stdout) == [{"n": 0}]


def test_neo4j_uri_with_on_embedded_is_a_usage_error(kg_home):
    result = run("query", "RETURN 1", "--on", "embedded", "--neo4j-uri", "bolt://localhost:7687")
    assert result.exit_code == 2 and "--on neo4j" in result.stderr


# -- with a server ---------------------------------------------------------------------------
KG_LABELS = {"Entity", "Article", "Sentence"}


@pytest.fixture
def neo4j_store():
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("no Neo4j server: set NEO4J_URI (and NEO4J_PASSWORD) to run the Neo4j tests")
    store = Neo4jStore.open(Neo4jSettings.resolve())
    labels = {
        label
        for row in store.query("MATCH (n) UNWIND labels(n) AS l RETURN DISTINCT l").rows
        for label in row
    }
    from kg.core.ontology import load_ontology

    foreign = labels - KG_LABELS - set(load_ontology().classes)
    if foreign:
        store.close()
        pytest.skip(
            f"the Neo4j database holds data that is not kg's ({sorted(foreign)[:3]}); "
            "point NEO4J_DATABASE at a scratch database"
        )
    store.clear()
    yield store
    store.clear()
    store.close()


@pytest.mark.neo4j
def test_init_is_idempotent_and_creates_the_schema(neo4j_store):
    first = run("neo4j", "init")
    assert first.exit_code == 0, first.stderr
    again = run("neo4j", "init")
    assert again.exit_code == 0, again.stderr
    constraints = neo4j_store.query("SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type").rows
    unique = {(tuple(labels), tuple(p)) for labels, p, t in constraints if "UNIQUE" in t}
    assert {(("Entity",), ("id",)), (("Article",), ("id",)), (("Sentence",), ("id",))} <= unique
    indexes = neo4j_store.query("SHOW INDEXES YIELD name, type").rows
    assert ["entity_names", "FULLTEXT"] in indexes


@pytest.mark.neo4j
def test_ingest_to_neo4j_then_ask(neo4j_store, tmp_path, kg_home):
    article = write(tmp_path / "a.txt", ARTICLE)
    result = run("ingest", article, "--to", "neo4j", "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["assertions"] >= 1
    asked = run("ask", "troop-deployments", "--on", "neo4j", "--format", "json")
    assert asked.exit_code == 0, asked.stderr
    assert "Lithuania" in asked.stdout and "Germany sent troops" in asked.stdout
    again = run("ingest", article, "--to", "neo4j", "--json")
    assert json.loads(again.stdout)["unchanged"] == 1


@pytest.mark.neo4j
def test_push_twice_gives_the_embedded_graph_without_duplicates(neo4j_store, kg_home, store, tmp_path):
    from kg.named_queries import load_named_queries, run_named_query

    article = write(tmp_path / "a.txt", ARTICLE)
    assert run("ingest", article, str(_examples())).exit_code == 0
    first = run("push", "neo4j", "--json")
    assert first.exit_code == 0, first.stderr
    assert json.loads(first.stdout)["new"] >= 2
    second = run("push", "neo4j", "--json")
    pushed = json.loads(second.stdout)
    assert (pushed["new"], pushed["replaced"], pushed["assertions"]) == (0, 0, 0)
    assert snapshot(neo4j_store) == snapshot(store)
    duplicates = neo4j_store.query(
        "MATCH (a)-[r]->(b) WITH a, type(r) AS t, b, count(r) AS n WHERE n > 1 RETURN count(*)"
    ).value()
    assert duplicates == 0
    for query in load_named_queries().values():
        assert query.examples, query.name
        for example in query.examples:
            raw = _example_params(example)
            on_neo4j = run_named_query(neo4j_store, query.name, raw)
            embedded = run_named_query(store, query.name, raw)
            assert on_neo4j.columns == embedded.columns, query.name
            assert sorted(map(repr, on_neo4j.rows)) == sorted(map(repr, embedded.rows)), query.name


def _example_params(example: str) -> dict[str, str]:
    """The -p NAME=VALUE pairs of an example command line."""
    import shlex

    words = shlex.split(example)
    return dict(words[i + 1].split("=", 1) for i, w in enumerate(words) if w in ("-p", "--param"))


def _examples():
    from pathlib import Path

    return Path(__file__).resolve().parent.parent / "examples"


def test_refused_credentials_are_one_line_and_exit_2(tmp_path):
    from boltstub import RefusingBoltServer

    with RefusingBoltServer() as port:
        env = {
            "KG_HOME": str(tmp_path / "home"),
            "NEO4J_URI": f"bolt://127.0.0.1:{port}",
            "NEO4J_USERNAME": "analyst",
            "NEO4J_PASSWORD": PASSWORD,
        }
        for command in (["push", "neo4j"], ["neo4j", "init"], ["ask", "invitations", "--on", "neo4j"]):
            result = run(*command, env=env)
            assert result.exit_code == 2, result.output
            assert result.stderr.count("\n") == 1
            assert "refused the credentials of user 'analyst'" in result.stderr
            assert PASSWORD not in result.output + result.stderr


def test_the_clear_statement_runs_on_the_embedded_engine_too(store):
    from graphtools import entity, fact
    from graphtools import write as write_graph

    from kg.core.model import Document
    from kg.store.neo4j import CLEAR_BATCH

    doc = Document(id="d", text="Nordland met Ostmark.")
    a, b = entity("country:NOR", "Nordland", "Country"), entity("country:OST", "Ostmark", "Country")
    write_graph(store, (doc, [fact(doc, 0, "Nordland met Ostmark.", a, "MET_WITH", b)]))
    from kg.core.ontology import load_ontology
    from kg.store.statements import count_rows

    counts = len(count_rows(load_ontology())) + 1  # the Count nodes and the model's
    # 2 entities, article, sentence, claim
    assert store.query(CLEAR_BATCH, write=True).value() == 5 + counts
    assert store.query(CLEAR_BATCH, write=True).value() == 0


# -- Browser assets and bulk exports from the command line ------------------------------------
def test_style_and_favorites_commands(tmp_path):
    style = run("neo4j", "style")
    assert style.exit_code == 0 and "node.Country {" in style.stdout
    listed = run("neo4j", "favorites")
    assert listed.exit_code == 0 and "clicked-relationship-evidence" in listed.stdout
    written = run("neo4j", "favorites", "-o", tmp_path / "favs")
    assert written.exit_code == 0
    assert (tmp_path / "favs" / "kg-favorites.zip").is_file()
    assert len(list((tmp_path / "favs").glob("*.cypher"))) >= 6


def test_export_cypher_and_neo4j_admin_after_ingest(kg_home, tmp_path):
    assert run("ingest", write(tmp_path / "a.txt", ARTICLE)).exit_code == 0
    script = run("export", "--format", "cypher", "-o", tmp_path / "graph.cypher")
    assert script.exit_code == 0, script.stderr
    text = (tmp_path / "graph.cypher").read_text(encoding="utf-8")
    assert "CREATE CONSTRAINT entity_id IF NOT EXISTS" in text and ":param rows => [" in text
    assert "Lithuania" in text
    admin = run("export", "--format", "neo4j-admin", "-o", tmp_path / "import")
    assert admin.exit_code == 0, admin.stderr
    assert admin.stdout.startswith("neo4j-admin database import full")
    assert "post-import.cypher" in admin.stderr
    assert (tmp_path / "import" / "relations.csv").is_file()
    no_dir = run("export", "--format", "neo4j-admin")
    assert no_dir.exit_code == 2 and "-o DIRECTORY" in no_dir.stderr
