"""`push`: copying a graph into another store with the writer's statements, incrementally.

The target here is a second graph of the embedded engine; `kg push neo4j` runs the same code
with a Neo4j store as the target (tests/test_neo4j.py, where NEO4J_URI is set)."""

from __future__ import annotations

from graphtools import entity, fact, snapshot, write

from kg.core.model import Document
from kg.store.push import push
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter

NORDLAND = entity("country:NOR", "Nordland", "Country", iso3="NOR")
OSTMARK = entity("country:OST", "Ostmark", "Country", "the Ostmarkers", iso3="OST")
VALE = entity("person:ada-vale", "Ada Vale", "Person", "Vale")
LEAGUE = entity("organization:river-league", "River League", "Organization")

A1 = Document(
    id="a1",
    text="Nordland sent troops to Ostmark. Ada Vale leads Ostmark. Ada Vale invited the River League.",
    title="Border",
    published="2031-04-02",
)
A2 = Document(
    id="a2",
    text="Nordland sent troops to Ostmark again, an officer said. The River League condemned Nordland.",
    title="Again \"quoted\", 'twice'",
    url="https://example.org/a2",
    published="2031-04-05",
)


def facts_a1():
    return [
        fact(
            A1, 0, "Nordland sent troops to Ostmark.", NORDLAND, "SENT_TROOPS_TO", OSTMARK, date="2031-04-01"
        ),
        fact(A1, 1, "Ada Vale leads Ostmark.", VALE, "LEADER_OF", OSTMARK, role="president"),
        fact(A1, 2, "Ada Vale invited the River League.", VALE, "INVITED", LEAGUE),
    ]


def facts_a2():
    return [
        fact(
            A2,
            0,
            "Nordland sent troops to Ostmark again, an officer said.",
            NORDLAND,
            "SENT_TROOPS_TO",
            OSTMARK,
            confidence=0.7,
            modality="reported",
            date="2031-04-04",
        ),
        fact(A2, 1, "The River League condemned Nordland.", LEAGUE, "CONDEMNED", NORDLAND),
    ]


def test_push_copies_every_node_and_relationship(store, target_store):
    write(store, (A1, facts_a1()), (A2, facts_a2()))
    report = push(store, target_store)
    assert (report.checked, report.new, report.replaced, report.unchanged) == (2, 2, 0, 0)
    assert report.assertions == 5 and report.new_relationships == 4 and report.new_entities == 4
    assert snapshot(target_store) == snapshot(store)
    evidence = target_store.query(
        "MATCH (:Country {id: 'country:NOR'})-[r:SENT_TROOPS_TO]->(:Country {id: 'country:OST'}) "
        "RETURN r.mentions, r.articles, r.first_date, r.last_date, r.modality"
    ).rows
    assert evidence == [[2, 2, "2031-04-01", "2031-04-04", "asserted"]]
    claims = target_store.query(
        "MATCH (c:Claim {relation: 'SENT_TROOPS_TO'}) RETURN c.article ORDER BY c.article"
    )
    assert claims.rows == [["a1"], ["a2"]]


def test_second_push_writes_nothing(store, target_store):
    write(store, (A1, facts_a1()), (A2, facts_a2()))
    push(store, target_store)
    before = snapshot(target_store)
    again = push(store, target_store)
    assert (again.checked, again.new, again.replaced, again.unchanged) == (2, 0, 0, 2)
    assert again.assertions == 0 and again.new_relationships == 0
    assert snapshot(target_store) == before


def test_push_sends_only_new_articles(store, target_store):
    write(store, (A1, facts_a1()))
    push(store, target_store)
    write(store, (A2, facts_a2()))
    report = push(store, target_store)
    assert (report.new, report.unchanged, report.assertions) == (1, 1, 2)
    assert snapshot(target_store) == snapshot(store)


def test_changed_article_replaces_its_evidence_in_the_target(store, target_store):
    write(store, (A1, facts_a1()), (A2, facts_a2()))
    push(store, target_store)
    # a2 is re-ingested with new text: the condemnation is gone, so is its relationship
    a2_new = Document(
        id="a2",
        text="Nordland sent troops to Ostmark again, an officer said. Nothing else happened.",
        title=A2.title,
        url=A2.url,
        published=A2.published,
    )
    batch = GraphBatch()
    batch.add(
        a2_new,
        [
            fact(
                a2_new,
                0,
                "Nordland sent troops to Ostmark again, an officer said.",
                NORDLAND,
                "SENT_TROOPS_TO",
                OSTMARK,
                confidence=0.7,
                modality="reported",
                date="2031-04-04",
            )
        ],
        replaces=True,
    )
    GraphWriter(store).write(batch)
    report = push(store, target_store)
    assert (report.new, report.replaced, report.unchanged) == (0, 1, 1)
    assert report.removed_relationships == 1
    assert snapshot(target_store) == snapshot(store)
    assert target_store.query("MATCH ()-[r:CONDEMNED]->() RETURN count(r)").value() == 0


def test_dry_run_counts_without_writing(store, target_store):
    write(store, (A1, facts_a1()), (A2, facts_a2()))
    report = push(store, target_store, dry_run=True)
    assert (report.checked, report.new, report.assertions) == (2, 2, 0)
    assert target_store.query("MATCH (n) RETURN count(n)").value() == 0


def test_push_of_an_empty_graph(store, target_store):
    report = push(store, target_store)
    assert (report.checked, report.new) == (0, 0)
