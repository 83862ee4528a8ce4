"""`kg export --format cypher`: a cypher-shell script that rebuilds the graph.

Without cypher-shell here, the test replays the script the way cypher-shell does: each
`:param name => expr` is evaluated as `RETURN expr`, and each statement runs with the
parameters set so far, on a second graph of the embedded engine (the Neo4j schema DDL is the
one part skipped: FalkorDB has its own, kg/store/schema.py)."""

from __future__ import annotations

import io

import pytest
from graphtools import entity, fact, snapshot, write
from test_push import A1, A2, facts_a1, facts_a2

from kg.core.model import Document
from kg.core.ontology import load_ontology
from kg.exporters.cypher_shell import cypher_literal, write_cypher_script
from kg.store.schema import neo4j_schema


def replay(script: str, target) -> int:
    """Run a cypher-shell script on `target`; returns the number of statements run."""
    params: dict = {}
    statement: list[str] = []
    ran = 0
    ddl = set(neo4j_schema(load_ontology()))
    for line in script.splitlines():
        if not statement and (not line.strip() or line.startswith("//")):
            continue
        if not statement and line.startswith(":param "):
            name, _, expr = line[len(":param ") :].partition(" => ")
            params[name] = target.query(f"RETURN {expr}").value()
            continue
        statement.append(line)
        if line.endswith(";"):
            text = "\n".join(statement)[:-1]
            statement = []
            if text in ddl:
                continue
            target.execute([(text, dict(params))])
            ran += 1
    assert not statement, "the script ends inside a statement"
    return ran


def test_script_rebuilds_the_graph(store, target_store):
    write(store, (A1, facts_a1()), (A2, facts_a2()))
    out = io.StringIO()
    counts = write_cypher_script(store, out)
    assert (counts.articles, counts.assertions) == (2, 5)
    script = out.getvalue()
    for ddl in neo4j_schema(load_ontology()):
        assert ddl + ";\n" in script
    assert replay(script, target_store) > 0
    assert snapshot(target_store) == snapshot(store)
    # replaying it again adds nothing: the statements MERGE, evidence is keyed by sentence
    replay(script, target_store)
    assert snapshot(target_store) == snapshot(store)


def test_script_of_many_batches_and_awkward_text(store, target_store):
    league = entity("organization:river-league", "River League", "Organization")
    tricky = entity("person:o-neil", "Dana O'Neil", "Person", "D. \\ O'Neil")
    articles = []
    for i in range(70):  # more than one batch of articles
        sentence = f'Dana O\'Neil met the River League on day {i}; "talks"\tcontinued\nlate.'
        doc = Document(id=f"doc-{i:03d}", text=sentence, title=f"Talks {i} — «Ünïcode»")
        articles.append((doc, [fact(doc, 0, sentence, tricky, "MET_WITH", league)]))
    write(store, *articles)
    out = io.StringIO()
    counts = write_cypher_script(store, out)
    assert (counts.articles, counts.assertions) == (70, 70)
    replay(out.getvalue(), target_store)
    assert snapshot(target_store) == snapshot(store)


@pytest.mark.parametrize(
    "value, literal",
    [
        (None, "null"),
        (True, "true"),
        (3, "3"),
        (0.25, "0.25"),
        ("it's", "'it\\'s'"),
        ("a\\b\nc", "'a\\\\b\\nc'"),
        ("\x01", "'\x01'"),
        ([1, "x"], "[1, 'x']"),
        ({"id": "a", "odd key": [], "n": {"x": None}}, "{id: 'a', `odd key`: [], n: {x: null}}"),
    ],
)
def test_cypher_literal(value, literal):
    assert cypher_literal(value) == literal


@pytest.mark.parametrize(
    "value", ['O\'Neil \\ "x"\n\t\x1f«»', [1.5, -2, None, "a;b"], {"k": [{"deep": "‘quotes’"}]}]
)
def test_cypher_literal_reads_back_as_the_same_value(store, value):
    assert store.query(f"RETURN {cypher_literal(value)}").value() == value
