"""Graph model 2 on the real writer and FalkorDB: claims with their qualifiers and offsets,
summaries and counters exact under re-ingest and replacement, and graphs of graph model 1
refused or upgraded in place (`kg migrate`)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from graphtools import audit, entity, fact, snapshot, write
from model1_rows import write_model1

from kg.cli import main
from kg.core.model import Document
from kg.named_queries import load_named_queries, run_named_query
from kg.store import open_store
from kg.store.migrate import migrate
from kg.store.rows import GraphBatch
from kg.store.statements import MODEL_VERSION
from kg.store.version import OldGraphModel, graph_model, require_current_model
from kg.store.writer import GraphWriter

RUSSIA = entity("country:RUS", "Russia", "Country", iso3="RUS")
KAZAKHSTAN = entity("country:KAZ", "Kazakhstan", "Country", "Kazakstan", iso3="KAZ")
FRANCE = entity("country:FRA", "France", "Country", iso3="FRA")
TOKAYEV = entity("person:tokayev", "Tokayev", "Person")
ALMATY = entity("city:almaty", "Almaty", "City")
CSTO = entity("organization:csto", "CSTO", "Organization")


def doc(doc_id: str, text: str, published: str = "2022-01-07") -> Document:
    return Document(
        id=doc_id,
        text=text,
        title=f"Title {doc_id}",
        published=published,
        url=f"https://news.example/{doc_id}",
    )


def articles(version: str = "") -> list[tuple[Document, list]]:
    """Four articles sharing relationships, with qualifiers of every kind."""
    s1 = "Russian sources say Russia sent 2,000 troops to Kazakhstan in Almaty."
    s2 = "Tokayev, the former president of Kazakhstan, invited the CSTO."
    a1 = doc("a1", f"{s1} {s2}{version}", "2022-01-06")
    s3 = "France condemned Russia."
    s4 = "Russia did not send troops to Kazakhstan."
    a2 = doc("a2", f"{s3} {s4}", "2022-01-09")
    s5 = "Russia sent troops to Kazakhstan, and France condemned Russia."
    a3 = doc("a3", s5, "2022-01-03")
    a4 = doc("a4", "Tokayev, president of Kazakhstan, met the CSTO.", "2022-02-01")
    return [
        (
            a1,
            [
                fact(
                    a1,
                    0,
                    s1,
                    RUSSIA,
                    "SENT_TROOPS_TO",
                    KAZAKHSTAN,
                    confidence=0.8,
                    modality="reported",
                    attributed_to="country:RUS",
                    date="2022-01-06",
                    count=2000,
                    location="city:almaty",
                ),
                fact(a1, 1, s2, TOKAYEV, "LEADER_OF", KAZAKHSTAN, role="president", former=True),
                fact(a1, 1, s2, TOKAYEV, "INVITED", CSTO, date="2022-01-05"),
            ],
        ),
        (
            a2,
            [
                fact(a2, 0, s3, FRANCE, "CONDEMNED", RUSSIA, confidence=0.7),
                fact(a2, 1, s4, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN, modality="negated"),
            ],
        ),
        (
            a3,
            [
                fact(a3, 0, s5, RUSSIA, "SENT_TROOPS_TO", KAZAKHSTAN, date="2022-01-02"),
                fact(a3, 0, s5, FRANCE, "CONDEMNED", RUSSIA),
            ],
        ),
        (a4, [fact(a4, 0, a4.text, TOKAYEV, "LEADER_OF", KAZAKHSTAN, role="president")]),
    ]


def test_the_claims_behind_a_relationship_carry_qualifiers_and_offsets(store):
    write(store, *articles())
    rows = store.query("""
        MATCH (s:Entity {id: 'country:RUS'})-[r:SENT_TROOPS_TO]->(o:Entity {id: 'country:KAZ'})
        MATCH (a:Article)-[:HAS_SENTENCE]->(st:Sentence)-[:HAS_CLAIM]->(c:Claim)-[:SUBJECT]->(s)
        WHERE (c)-[:OBJECT]->(o) AND c.relation = type(r)
        RETURN a.id, st.index, c.modality, c.attributed_to, c.date, c.count, c.location, c.confidence,
               c.rule, c.subject_text, c.subject_start, c.subject_end, c.object_text, c.object_start,
               c.object_end, st.text
        ORDER BY a.id""").rows
    assert [row[:9] for row in rows] == [
        ["a1", 0, "reported", "country:RUS", "2022-01-06", 2000, "city:almaty", 0.8, "test.sent_troops_to"],
        ["a2", 1, "negated", None, None, None, None, 0.9, "test.sent_troops_to"],
        ["a3", 0, "asserted", None, "2022-01-02", None, None, 0.9, "test.sent_troops_to"],
    ]
    texts = {a.id: a.text for a, _ in articles()}
    for article, *_, subject_text, s0, s1, object_text, o0, o1, sentence in rows:
        assert texts[article][s0:s1] == subject_text == "Russia"  # offsets into the article
        assert texts[article][o0:o1] == object_text == "Kazakhstan"
        assert subject_text in sentence
    summary = store.query("""MATCH (:Entity {id: 'country:RUS'})-[r:SENT_TROOPS_TO]->()
        RETURN r.mentions, r.articles, r.confidence, r.first_date, r.last_date, r.first_published,
               r.modality""").rows
    assert summary == [[3, 3, 0.9, "2022-01-02", "2022-01-06", "2022-01-03", "asserted"]]
    leader = store.query("""MATCH (c:Claim {relation: 'LEADER_OF'}) RETURN c.article, c.role, c.former
                            ORDER BY c.article""").rows
    assert leader == [["a1", "president", True], ["a4", "president", None]]  # former: absent
    # provenance a user can query: every negated claim of January's articles, by source
    denied = store.query("""
        MATCH (a:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c:Claim {modality: 'negated'})
        WHERE a.published STARTS WITH '2022-01'
        MATCH (c)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity)
        RETURN a.id, s.name, c.relation, o.name""").rows
    assert denied == [["a2", "Russia", "SENT_TROOPS_TO", "Kazakhstan"]]
    attributed = store.query(
        "MATCH (c:Claim {attributed_to: 'country:RUS'})-[:OBJECT]->(o) RETURN c.relation, o.name"
    ).rows
    assert attributed == [["SENT_TROOPS_TO", "Kazakhstan"]]
    assert audit(store) == []


def test_reingest_and_replacement_keep_claims_and_summaries_exact(store, target_store):
    facts = articles()
    writer = GraphWriter(store)
    for part in (facts[:2], facts[2:]):
        batch = GraphBatch()
        for document, found in part:
            batch.add(document, found)
        writer.write(batch)
    assert audit(store) == []
    # the same articles again: nothing changes
    before = snapshot(store, timeless=True)
    write(store, *facts)
    assert snapshot(store, timeless=True) == before
    # a1 replaced by a version without its deployment, a2 by one without any fact, and a3 twice
    a1, found1 = facts[0]
    new_a1 = doc("a1", a1.text + " Later.", "2022-01-06")
    new_a1_facts = [
        fact(
            new_a1,
            1,
            "Tokayev, the former president of Kazakhstan, invited the CSTO.",
            TOKAYEV,
            "INVITED",
            CSTO,
            date="2022-01-05",
        )
    ]
    empty_a2 = doc("a2", "Nothing happened.", "2022-01-09")
    batch = GraphBatch()
    batch.add(new_a1, new_a1_facts, replaces=True)
    batch.add(empty_a2, [], replaces=True)
    batch.add(*facts[2], replaces=True)
    counts = writer.write(batch)
    assert counts.removed_relationships >= 1 and not counts.failed
    assert audit(store) == []
    assert store.query("MATCH (c:Claim) WHERE c.article = 'a2' RETURN count(c)").value() == 0
    # the graph is the one written from scratch with the final versions alone
    write(target_store, (new_a1, new_a1_facts), (empty_a2, []), facts[2], facts[3])
    assert snapshot(store, timeless=True) == snapshot(target_store, timeless=True)
    summary = store.query("""MATCH (:Entity {id: 'country:RUS'})-[r:SENT_TROOPS_TO]->()
        RETURN r.mentions, r.articles, r.confidence, r.first_date, r.last_date, r.first_published,
               r.modality""").rows
    assert summary == [[1, 1, 0.9, "2022-01-02", "2022-01-02", "2022-01-03", "asserted"]]
    # removing the last article that names an entity removes the entity, its counts with it
    batch = GraphBatch()
    batch.add(doc("a3", "Quiet day.", "2022-01-03"), [], replaces=True)
    batch.add(doc("a4", "Quiet day too.", "2022-02-01"), [], replaces=True)
    writer.write(batch)
    assert audit(store) == []
    assert store.query("MATCH (e:Entity {id: 'country:FRA'}) RETURN count(e)").value() == 0
    labels = dict(store.query("MATCH (k:Count {kind: 'label'}) RETURN k.id, k.count").rows)
    assert (labels["Country"], labels["Person"], labels["Entity"], labels["Claim"]) == (0, 1, 2, 1)


def test_concurrent_versions_written_in_turn_converge(store):
    """Two writers of two versions of one article, in either order: one version, exact."""
    first, second = articles(), articles(" Again.")
    for order in ((first, second), (second, first)):
        for version in order:
            write(store, *version)
        assert audit(store) == []
        assert store.query("MATCH (c:Claim) RETURN count(c)").value() == 8
    assert store.query("MATCH (a:Article {id: 'a1'}) RETURN a.content_hash IS NOT NULL").value()


# -- graph model 1 ---------------------------------------------------------------------------


def test_an_old_graph_is_refused_with_one_line(store, kg_home):
    write_model1(store, *articles())
    assert graph_model(store) == 1
    with pytest.raises(OldGraphModel, match=r"kg migrate"):
        require_current_model(store)
    with pytest.raises(OldGraphModel):
        write(store, *articles())  # the writer never mixes claims into it
    for command in (["ask", "relation-counts"], ["stats"], ["query", "RETURN 1"], ["ingest", "-"]):
        result = CliRunner().invoke(main, command, input="Chad sent troops to Niger.")
        assert result.exit_code == 2, command
        assert result.stderr.count("\n") == 1 and "kg migrate" in result.stderr
    assert store.query("MATCH (c:Claim) RETURN count(c)").value() == 0  # nothing was written


def test_kg_migrate_upgrades_an_old_graph_to_what_the_writer_writes(store, target_store, kg_home):
    facts = articles()
    write_model1(store, *facts)
    result = CliRunner().invoke(main, ["migrate", "--json"])
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["relationships"] == 4 and report["claims"] == 8
    assert graph_model(store) == MODEL_VERSION and audit(store) == []
    assert (
        store.query(
            "MATCH ()-[r]->() WHERE r.evidence IS NOT NULL OR r.sentence_ids IS NOT NULL RETURN count(r)"
        ).value()
        == 0
    )
    assert store.query("MATCH (:Sentence)-[m:MENTIONS]->() RETURN count(m)").value() == 0
    write(target_store, *facts)
    assert _without_claim_ids(snapshot(store, timeless=True)) == _without_claim_ids(
        snapshot(target_store, timeless=True)
    )
    for name, query in load_named_queries().items():
        params = {p.name: "Russia" for p in query.params if p.type == "entity" and p.required}
        if {"subject", "object"} <= params.keys():
            params["object"] = "Kazakhstan"
        if {"source", "target"} <= params.keys():
            params["target"] = "Kazakhstan"
        assert run_named_query(store, name, params).rows == run_named_query(target_store, name, params).rows
    again = CliRunner().invoke(main, ["migrate"])
    assert again.exit_code == 0 and "nothing to do" in again.stderr
    # the upgraded graph is written to as any other
    write(
        store,
        (
            doc("a5", "France condemned Russia."),
            [
                fact(
                    doc("a5", "France condemned Russia."),
                    0,
                    "France condemned Russia.",
                    FRANCE,
                    "CONDEMNED",
                    RUSSIA,
                )
            ],
        ),
    )
    assert audit(store) == []


def test_an_interrupted_migration_is_refused_then_resumed(store, target_store, engine_home):
    facts = articles()
    write_model1(store, *facts)
    stop = RuntimeError("interrupted")

    def interrupt(line: str) -> None:
        if line.startswith("phase 3"):
            raise stop

    with pytest.raises(RuntimeError):
        migrate(store, page=2, on_progress=interrupt)
    with pytest.raises(OldGraphModel, match="did not finish; run `kg migrate`"):
        require_current_model(store)
    with pytest.raises(OldGraphModel):
        open_store("embedded", home=engine_home, graph=store.graph_name).close()
    migrate(store, page=2)
    assert graph_model(store) == MODEL_VERSION and audit(store) == []
    write(target_store, *facts)
    assert _without_claim_ids(snapshot(store, timeless=True)) == _without_claim_ids(
        snapshot(target_store, timeless=True)
    )


def _without_claim_ids(graph: dict) -> dict:
    """Claims are compared by what they hold (the upgrade names them by digest), articles
    without the time they were ingested."""
    nodes = {}
    for node_id, (labels, props) in graph["nodes"].items():
        props = tuple(p for p in props if p[0] not in ("ingested", "id"))
        nodes[node_id if "Claim" not in labels else (labels, props)] = (labels, props)
    rels = {}
    for (start, type_, end), props in graph["relationships"].items():
        if type_ in ("HAS_CLAIM", "SUBJECT", "OBJECT"):
            continue  # keyed by claim id; the claims' content is compared above
        rels[(start, type_, end)] = props
    return {"nodes": sorted(nodes.values()), "relationships": rels}


def test_kg_migrate_makes_a_group_shared_across_articles_local_to_each(store, kg_home):
    """Graph model 2 wrote one `group:rebels` for every article's rebels; the upgrade gives each
    article its own (`group:rebels@<article>`), as the writer now does, and takes the shared one
    away with its counts."""
    rebels = entity("group:rebels", "rebels", "Group")
    chad = entity("country:TCD", "Chad", "Country", iso3="TCD")
    mali = entity("country:MLI", "Mali", "Country", iso3="MLI")
    facts = []
    for doc_id, target in (("chad-1", chad), ("mali-1", mali)):
        doc = Document(id=doc_id, text=f"Rebels attacked {target.name}.", title=None, published="2024-01-02")
        facts.append((doc, [fact(doc, 0, doc.text, rebels, "ATTACKED", target)]))
    write(store, *facts)
    store.query("MATCH (m:Count {id: 'model'}) SET m.version = 2", write=True)
    with pytest.raises(OldGraphModel, match="graph model 2 .one node for each kind of unnamed group"):
        require_current_model(store)
    result = CliRunner().invoke(main, ["migrate", "--json"])
    assert result.exit_code == 0, result.stderr
    assert graph_model(store) == MODEL_VERSION and audit(store) == []
    attacks = store.query(
        "MATCH (g:Group)-[:ATTACKED]->(c:Country) RETURN g.id, g.article, c.id ORDER BY g.id"
    ).rows
    assert attacks == [
        ["group:rebels@chad-1", "chad-1", "country:TCD"],
        ["group:rebels@mali-1", "mali-1", "country:MLI"],
    ]
    assert store.query("MATCH (g:Entity {id: 'group:rebels'}) RETURN count(g)").value() == 0
