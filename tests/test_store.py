"""The embedded engine and the writer, on real FalkorDB servers."""

from __future__ import annotations

import os
import signal
import time

import pytest
from graphtools import audit, entity, fact, snapshot, write

from kg.core.graph import QueryError, ReadOnlyError
from kg.core.model import Document
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

RUSSIA = entity("country:RUS", "Russia", "Country", iso3="RUS")
KAZAKHSTAN = entity("country:KAZ", "Kazakhstan", "Country", "Kazakstan", iso3="KAZ")
FRANCE = entity("country:FRA", "France", "Country", iso3="FRA")


@pytest.fixture
def engine(tmp_path_factory):
    """An engine of its own (not the session's), stopped at the end."""
    e = Engine(tmp_path_factory.mktemp("own"))
    yield e
    e.stop()


def _doc(doc_id: str, text: str, **meta) -> Document:
    return Document(
        id=doc_id,
        text=text,
        title=meta.get("title", "A title"),
        published=meta.get("published", "2026-03-04"),
        source=f"{doc_id}.txt",
    )


# -- engine lifecycle -----------------------------------------------------------------------
def test_engine_starts_on_a_unix_socket_only_and_is_reused(engine):
    assert not engine.status().running
    endpoint = engine.ensure()
    status = engine.status()
    assert status.running and status.pid and status.port is None
    assert endpoint.socket.is_socket() and endpoint.socket.parent == engine.home
    assert engine.ensure() == endpoint and engine.status().pid == status.pid  # reused
    # nothing listens on a TCP port: the server's own config says port 0
    client = endpoint.client()
    assert client.config_get("port")["port"] == "0"
    assert client.config_get("appendonly")["appendonly"] == "yes"
    client.close()


def test_engine_stop_then_status(engine):
    engine.ensure()
    assert engine.stop() is True
    assert not engine.status().running
    assert not engine.socket.exists() and not engine.pidfile.exists()
    assert engine.stop() is False


def test_stale_pid_file_and_socket_are_cleaned_up(engine):
    engine.home.mkdir(parents=True, exist_ok=True)
    engine.pidfile.write_text("999999\n")  # no such process
    engine.socket.write_text("")  # a leftover file where the socket goes
    assert not engine.status().running
    engine.ensure()
    assert engine.status().running
    assert int(engine.pidfile.read_text()) == engine.status().pid


def test_killed_engine_restarts_with_its_data(engine):
    store = FalkorStore(engine.ensure())
    doc = _doc("d1", "Russia sent troops to Kazakhstan.")
    write(store, (doc, [fact(doc, 0, doc.text, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN)]))
    store.close()
    pid = engine.status().pid
    os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while engine.status().running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not engine.status().running
    store = FalkorStore(engine.ensure())
    assert engine.status().pid != pid
    rows = store.query(
        "MATCH (a:Entity)-[r:SENT_TROOPS_TO]->(b:Entity) RETURN a.name, b.name, r.mentions"
    ).rows
    assert rows == [["Russia", "Kazakhstan", 1]]
    store.close()


def test_port_is_opened_only_when_asked(engine):
    import socket as sockets

    with sockets.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    engine.ensure(port=port)
    assert engine.status().port == port
    import redis

    with pytest.raises(redis.AuthenticationError):  # no password, no access (writes included)
        redis.Redis(host="127.0.0.1", port=port, protocol=2).execute_command(
            "GRAPH.QUERY", "intruder", "CREATE (:X)"
        )
    secret = engine.secretfile
    assert secret.stat().st_mode & 0o777 == 0o600  # readable by its owner only
    assert secret.read_text().strip() not in engine.conffile.read_text().split("\n")[0]
    assert engine.conffile.stat().st_mode & 0o777 == 0o600
    password = secret.read_text().strip()
    assert password not in " ".join(_cmdline(engine.status().pid))  # not visible to `ps`
    assert redis.Redis(host="127.0.0.1", port=port, password=password).ping()


def _cmdline(pid: int) -> list[str]:
    with open(f"/proc/{pid}/cmdline", "rb") as handle:
        return handle.read().decode().split("\0")


def test_too_long_home_is_a_clear_error(tmp_path):
    from kg.core.errors import KgError

    deep = tmp_path / ("x" * 120)
    with pytest.raises(KgError, match="too long for a Unix socket"):
        Engine(deep).ensure()


# -- queries --------------------------------------------------------------------------------
def test_read_only_query_refuses_a_write(store):
    with pytest.raises(ReadOnlyError):
        store.query("CREATE (:Entity {id: 'x'})")
    assert store.query("MATCH (n) RETURN count(n)").value() == 0
    store.query("CREATE (:Entity {id: $id})", {"id": "x"}, write=True)
    assert store.query("MATCH (n:Entity) RETURN n.id").rows == [["x"]]


def test_syntax_error_is_one_line(store):
    with pytest.raises(QueryError) as info:
        store.query("MATCH (n RETURN n")
    message = str(info.value)
    assert "\n" not in message and "line: 1" in message and "errCtx" not in message


# -- the writer -----------------------------------------------------------------------------
def test_graph_model_nodes_sentences_and_evidence(store):
    doc = _doc("d1", "Russia sent troops to Kazakhstan. France condemned Russia.", title="Troops")
    s0, s1 = "Russia sent troops to Kazakhstan.", "France condemned Russia."
    counts = write(
        store,
        (
            doc,
            [
                fact(doc, 0, s0, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN, confidence=0.8, date="2026-03-03"),
                fact(doc, 1, s1, FRANCE, "CONDEMNED", RUSSIA),
            ],
        ),
    )
    assert (counts.articles, counts.sentences, counts.assertions) == (1, 2, 2)
    assert counts.new_entities == 3 and counts.new_relationships == 2
    labels = store.query(
        "MATCH (n:Entity {id: 'country:KAZ'}) RETURN labels(n), n.name, n.aliases, n.iso3"
    ).rows
    assert sorted(labels[0][0]) == ["Country", "Entity"]
    assert labels[0][1:] == ["Kazakhstan", ["Kazakstan"], "KAZ"]
    article = store.query(
        "MATCH (a:Article {id: 'd1'}) RETURN a.title, a.published, a.source, a.content_hash"
    ).rows[0]
    assert article[:3] == ["Troops", "2026-03-04", "d1.txt"] and article[3].startswith("sha256:")
    # one query from the relationship to its claims, sentences and article
    rows = store.query("""
        MATCH (s:Entity {id: 'country:RUS'})-[r:SENT_TROOPS_TO]->(o:Entity {id: 'country:KAZ'})
        MATCH (a:Article)-[:HAS_SENTENCE]->(st:Sentence)-[:HAS_CLAIM]->(c:Claim)-[:SUBJECT]->(s)
        WHERE c.relation = type(r) AND (c)-[:OBJECT]->(o)
        RETURN st.text, st.index, a.id, r.mentions, r.confidence, r.first_date, r.last_date,
               r.modality""").rows
    assert rows == [[s0, 0, "d1", 1, 0.8, "2026-03-03", "2026-03-03", "asserted"]]
    mentioned = store.query(
        "MATCH (:Sentence {id: 'd1#1'})-[:HAS_CLAIM]->(:Claim)-[:SUBJECT|OBJECT]->(e) "
        "RETURN e.name ORDER BY e.name"
    ).rows
    assert mentioned == [["France"], ["Russia"]]
    assert store.query(
        "MATCH (:Article {id: 'd1'})-[m:MENTIONS]->(e:Entity) RETURN e.name, m.sentences ORDER BY e.name"
    ).rows == [["France", [1]], ["Kazakhstan", [0]], ["Russia", [0, 1]]]
    assert audit(store) == []


def test_same_triple_from_two_articles_is_one_relationship(store):
    d1 = _doc("d1", "Russia sent troops to Kazakhstan.")
    d2 = _doc("d2", "Earlier, Russia sent troops to Kazakhstan again.", published="2026-03-09")
    write(
        store,
        (d1, [fact(d1, 0, d1.text, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN, date="2026-03-04", confidence=0.7)]),
    )
    counts = write(
        store,
        (
            d2,
            [
                fact(
                    d2,
                    0,
                    d2.text,
                    RUSSIA,
                    "SENT_TROOPS_TO",
                    KAZAKHSTAN,
                    date="2026-03-01",
                    confidence=0.9,
                    modality="reported",
                )
            ],
        ),
    )
    assert counts.new_relationships == 0 and counts.new_entities == 0
    rows = store.query("""MATCH ()-[r:SENT_TROOPS_TO]->() RETURN count(r), collect(r.mentions),
        collect(r.articles), collect(r.confidence), collect(r.first_date), collect(r.last_date),
        collect(r.modality), collect(r.first_published)""").rows
    assert rows == [[1, [2], [2], [0.9], ["2026-03-01"], ["2026-03-04"], ["asserted"], ["2026-03-04"]]]
    claims = store.query(
        "MATCH (c:Claim) RETURN c.article, c.confidence, c.modality, c.date ORDER BY c.id"
    ).rows
    assert claims == [["d1", 0.7, "asserted", "2026-03-04"], ["d2", 0.9, "reported", "2026-03-01"]]
    assert audit(store) == []


def test_writing_the_same_batch_twice_changes_nothing(store):
    doc = _doc("d1", "Russia sent troops to Kazakhstan.")
    facts = [fact(doc, 0, doc.text, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN)]
    write(store, (doc, facts))
    before, whole = _shape(store), snapshot(store, timeless=True)
    counts = write(store, (doc, facts))
    assert counts.articles == 1 and not counts.failed
    assert _shape(store) == before
    assert snapshot(store, timeless=True) == whole
    assert store.query("MATCH ()-[r:SENT_TROOPS_TO]->() RETURN r.mentions, r.articles").rows == [[1, 1]]
    assert store.query("MATCH (c:Claim) RETURN c.id").rows == [["d1#0:0"]]  # no second claim
    assert audit(store) == []


def test_replacing_an_article_drops_its_old_evidence_only(store):
    d1 = _doc("d1", "Russia sent troops to Kazakhstan. France condemned Russia.")
    d2 = _doc("d2", "Russia sent troops to Kazakhstan.")
    write(
        store,
        (
            d1,
            [
                fact(d1, 0, "Russia sent troops to Kazakhstan.", RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN),
                fact(d1, 1, "France condemned Russia.", FRANCE, "CONDEMNED", RUSSIA),
            ],
        ),
        (d2, [fact(d2, 0, d2.text, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN)]),
    )
    from kg.store.rows import GraphBatch
    from kg.store.writer import GraphWriter

    new = _doc("d1", "France welcomed the talks.")
    batch = GraphBatch()
    batch.add(new, [], replaces=True)
    counts = GraphWriter(store).write(batch)
    assert counts.removed_relationships == 1  # CONDEMNED had no other evidence
    rows = store.query(
        "MATCH (a:Entity)-[r]->(b:Entity) WHERE type(r) <> 'CO_MENTIONED' "
        "RETURN a.name, type(r), b.name, r.mentions, r.articles"
    ).rows
    assert rows == [["Russia", "SENT_TROOPS_TO", "Kazakhstan", 1, 1]]
    assert store.query("MATCH (c:Claim) RETURN c.id, c.article").rows == [["d2#0:0", "d2"]]  # no orphan
    # France is left with no relationship: gone; d1's old sentences are gone too
    assert store.query("MATCH (e:Entity {id: 'country:FRA'}) RETURN count(e)").value() == 0
    assert store.query("MATCH (s:Sentence) RETURN s.id").rows == [["d2#0"]]
    assert store.query("MATCH (a:Article {id: 'd1'}) RETURN a.sentences").value() == 0
    assert audit(store) == []


def _shape(store) -> tuple:
    nodes = store.query("MATCH (n) RETURN labels(n), n.id ORDER BY n.id").rows
    rels = store.query("""MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, r.mentions, r.articles
                          ORDER BY a.id, type(r), b.id""").rows
    return [(sorted(labels), i) for labels, i in nodes], rels


def test_write_statements_use_only_ontology_labels_and_types():
    import re

    from kg.core.ontology import load_ontology
    from kg.store import statements as st

    onto = load_ontology()
    assert onto.graph_labels == {"Entity", "Article", "Sentence", "Claim", "Count"}
    assert onto.graph_relation_types == {
        "HAS_SENTENCE",
        "HAS_CLAIM",
        "SUBJECT",
        "OBJECT",
        "MENTIONS",
        "CO_MENTIONED",
    }
    texts = [v for k, v in vars(st).items() if k.isupper() and isinstance(v, str)]
    texts += [text for _, text in st.FAILED_ARTICLE_REMOVAL]
    texts += [st.entity_upsert(onto, c) for c in onto.concrete_classes]
    texts += [st.relation_upsert(onto, r) for r in onto.relations]
    for text in texts:
        for label in re.findall(r"\(\w*((?::\w+)+)", text):
            assert set(label.strip(":").split(":")) <= onto.labels, text
        for rel_type in re.findall(r"\[\w*:(\w+)", text):
            assert rel_type in onto.relationship_types, text
        for label in re.findall(r"SET \w+:(\w+)", text):
            assert label in onto.labels
    with pytest.raises(ValueError):
        st.entity_upsert(onto, "Actor")  # abstract
    from kg.core.errors import KgError

    with pytest.raises(KgError):
        st.relation_upsert(onto, "LIKES")
