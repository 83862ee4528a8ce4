"""Reading the graph back out (kg/store/readback.py, kg/exporters/): assertions, RDF and GraphML, against a
real FalkorDB graph written by the real writer from invented articles."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal

import pytest
from graphtools import entity, fact, write
from rdflib import Graph, Literal
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from kg.core.errors import KgError
from kg.core.model import Document, Entity
from kg.core.ontology import KG, load_ontology
from kg.exporters.graphml import write_graphml
from kg.exporters.rdf import export_rdf, write_rdf
from kg.exporters.rdf_assertions import assertion_iri, document_iri, entity_iri, sentence_iri, validate
from kg.store.readback import graph_assertions

GML = "{http://graphml.graphdrawing.org/xmlns}"

KARVENIA = entity("country:KRV", "Karvenia", "Country", "Republic of Karvenia", iso3="KRV")
LUMERIA = entity("country:LUM", "Lumeria", "Country", iso3="LUM")
MARTEN = entity("person:ilsa-marten", "Ilsa Marten", "Person")
ZOE = entity("person:zoë-ångström", "Zoë Ångström", "Person")  # sorts after ASCII ids
POLICE = Entity("group:LUM:police", "Lumerian police", "Group", country="LUM", sector="police")
PROTESTERS = Entity("group:LUM:civilians", "protesters", "Group", country="LUM", sector="civilians")

A_SENTENCES = [
    "Karvenia sent 300 soldiers to Lumeria on Tuesday.",
    "Lumerian police detained 12 protesters, opposition figures alleged.",
    "Former Karvenian president Ilsa Marten condemned the deployment and met with Zoë Ångström.",
    "Karvenia did not invade Lumeria, its ministry insisted.",
]
DOC_A = Document(
    "wire-a",
    "Karvenia moves troops\n\n" + " ".join(A_SENTENCES),
    title="Karvenia moves troops",
    url="https://news.example/wire?id=a&lang=en",
    published="2032-03-09",
)
B_SENTENCES = ["Lumeria said Karvenia sent troops across the border at dawn."]
# An id in capitals: FalkorDB's index orders it unlike ORDER BY, which paging must survive.
DOC_B = Document(
    "Wire-B",
    " ".join(B_SENTENCES),
    title="Border <update> & reactions",
    url="https://news.example/wire?id=b",
    published="2032-03-10",
)


def a_facts():
    s = A_SENTENCES
    return [
        fact(DOC_A, 0, s[0], KARVENIA, "SENT_TROOPS_TO", LUMERIA, count=300, date="2032-03-07"),
        fact(DOC_A, 1, s[1], POLICE, "ARRESTED", PROTESTERS, confidence=0.75, modality="alleged", count=12),
        fact(DOC_A, 2, s[2], MARTEN, "LEADER_OF", KARVENIA, confidence=0.8, role="president", former=True),
        fact(DOC_A, 2, s[2], MARTEN, "MET_WITH", ZOE, confidence=0.7),
        fact(DOC_A, 3, s[3], KARVENIA, "INVADED", LUMERIA, confidence=0.85, modality="negated"),
    ]


def b_facts():
    return [
        fact(
            DOC_B,
            0,
            B_SENTENCES[0],
            KARVENIA,
            "SENT_TROOPS_TO",
            LUMERIA,
            confidence=0.6,
            modality="reported",
            attributed_to="country:LUM",
        )
    ]


@pytest.fixture
def facts(store):
    """The two articles written to the test's graph; returns every assertion written."""
    written_a, written_b = a_facts(), b_facts()
    write(store, (DOC_A, written_a), (DOC_B, written_b))
    return written_a + written_b


class Recording:
    """The real store, remembering how many rows each reply held."""

    def __init__(self, store):
        self.store = store
        self.replies: list[int] = []

    def query(self, cypher, params=None, *, write=False):
        result = self.store.query(cypher, params, write=write)
        self.replies.append(len(result.rows))
        return result


def count(store, cypher: str) -> int:
    return store.query(cypher).value()


def parse(text: str, fmt: str) -> Graph:
    return Graph().parse(data=text, format={"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}[fmt])


# -- assertions ------------------------------------------------------------------------------


def test_graph_assertions_round_trip_every_written_assertion(store, facts):
    read = list(graph_assertions(store))
    assert Counter(read) == Counter(facts)


def test_graph_assertions_keep_the_evidence_fields(store, facts):
    by_key = {(a.doc, a.predicate): a for a in graph_assertions(store)}
    troops = by_key[("wire-a", "SENT_TROOPS_TO")]
    start = DOC_A.text.index(A_SENTENCES[0])
    assert troops.rule == "test.sent_troops_to"
    assert troops.subject.mention.text == "Karvenia"
    assert (troops.subject.mention.start, troops.subject.mention.end) == (start, start + 8)
    lumeria = DOC_A.text.index("Lumeria", start)
    assert (troops.object.mention.start, troops.object.mention.end) == (lumeria, lumeria + 7)
    assert (troops.qualifiers.date, troops.qualifiers.count) == ("2032-03-07", 300)
    assert troops.sentence.text == A_SENTENCES[0]
    assert (troops.sentence.index, troops.sentence.start) == (0, start)
    assert (troops.title, troops.url, troops.published) == (
        "Karvenia moves troops",
        "https://news.example/wire?id=a&lang=en",
        "2032-03-09",
    )
    assert troops.subject.entity == KARVENIA  # type, iso3 and the alias came back too

    leader = by_key[("wire-a", "LEADER_OF")]
    assert (leader.qualifiers.role, leader.qualifiers.former, leader.confidence) == ("president", True, 0.8)
    assert by_key[("wire-a", "ARRESTED")].object.entity == PROTESTERS  # country and sector
    reported = by_key[("Wire-B", "SENT_TROOPS_TO")]
    assert (reported.qualifiers.modality, reported.qualifiers.attributed_to) == ("reported", "country:LUM")


def test_two_articles_supporting_one_relation_give_two_assertions(store, facts):
    relations = store.query(
        "MATCH (:Entity {id: $s})-[r:SENT_TROOPS_TO]->(:Entity {id: $o}) RETURN r.mentions, r.article_ids",
        {"s": "country:KRV", "o": "country:LUM"},
    ).rows
    assert len(relations) == 1 and relations[0][0] == 2  # one relationship, two evidence items
    troops = [a for a in graph_assertions(store) if a.predicate == "SENT_TROOPS_TO"]
    assert sorted((a.doc, a.sentence.text) for a in troops) == [
        ("Wire-B", B_SENTENCES[0]),
        ("wire-a", A_SENTENCES[0]),
    ]

    g = parse(export_rdf(store, "ttl"), "ttl")
    reified = set(g.subjects(ns.RDF.predicate, KG.sentTroopsTo))
    assert reified == {assertion_iri(a) for a in troops}
    assert len(list(g.triples((None, KG.sentTroopsTo, None)))) == 1  # one plain triple


def test_small_pages_read_the_same_and_no_reply_is_larger_than_a_page(store, facts):
    everything = list(graph_assertions(store))
    for page_size in (1, 2, 3):
        recording = Recording(store)
        assert list(graph_assertions(recording, page_size=page_size)) == everything
        assert max(recording.replies) <= page_size
        assert len(recording.replies) > len(everything) / page_size  # it really paged

    whole = io.StringIO()
    counts = write_graphml(store, whole)
    for page_size in (1, 2, 3):
        recording = Recording(store)
        out = io.StringIO()
        assert write_graphml(recording, out, page_size=page_size) == counts
        assert max(recording.replies) <= page_size
        assert out.getvalue() == whole.getvalue()


def test_a_claim_that_is_not_kgs_is_an_error(store, facts):
    store.query(
        "MATCH (s:Entity {id: $s}), (o:Entity {id: $o}), (st:Sentence) WITH s, o, st LIMIT 1 "
        "CREATE (st)-[:HAS_CLAIM]->(c:Claim {id: 'odd', relation: 'SUPPORTED', article: 'x'}), "
        "(c)-[:SUBJECT]->(s), (c)-[:OBJECT]->(o)",
        {"s": "country:LUM", "o": "country:KRV"},
        write=True,
    )
    with pytest.raises(KgError, match=r"claim 'odd' \(country:LUM\)-\[:SUPPORTED\]->\(country:KRV\)"):
        list(graph_assertions(store))


# -- RDF -------------------------------------------------------------------------------------


def test_turtle_export_conforms_to_the_shapes(store, facts):
    out = io.StringIO()
    assert write_rdf(store, "ttl", out) == len(facts)
    conforms, report = validate(parse(out.getvalue(), "ttl"))
    assert conforms, report


def test_every_rdf_format_parses_back_to_the_same_graph(store, facts):
    graphs = {fmt: parse(export_rdf(store, fmt), fmt) for fmt in ("ttl", "nt", "jsonld")}
    assert len(set(graphs["ttl"].subjects(ns.RDF.type, KG.Assertion))) == len(facts)
    assert isomorphic(graphs["ttl"], graphs["nt"])
    assert isomorphic(graphs["ttl"], graphs["jsonld"])


def test_reified_assertion_has_its_sentence_document_and_confidence(store, facts):
    g = parse(export_rdf(store, "ttl"), "ttl")
    troops = facts[0]
    node = assertion_iri(troops)
    assert g.value(node, ns.RDF.subject) == entity_iri("country:KRV")
    assert g.value(node, ns.RDF.predicate) == KG.sentTroopsTo
    assert g.value(node, ns.RDF.object) == entity_iri("country:LUM")
    assert g.value(node, KG.confidence) == Literal(Decimal("0.900"))
    assert g.value(node, KG.date) == Literal("2032-03-07", datatype=ns.XSD.date)
    assert g.value(node, KG["count"]) == Literal(300)
    sentence = g.value(node, ns.PROV.wasDerivedFrom)
    assert sentence == sentence_iri("wire-a", 0)
    assert g.value(sentence, KG.text) == Literal(A_SENTENCES[0])
    assert g.value(sentence, ns.PROV.wasDerivedFrom) == document_iri("wire-a")
    assert g.value(document_iri("wire-a"), ns.DCTERMS.title) == Literal("Karvenia moves troops")
    assert g.value(document_iri("Wire-B"), ns.DCTERMS.title) == Literal("Border <update> & reactions")
    assert g.value(document_iri("wire-a"), ns.DCTERMS.issued) == Literal("2032-03-09", datatype=ns.XSD.date)
    assert g.value(entity_iri("country:KRV"), KG.alias) == Literal("Republic of Karvenia")
    assert g.value(entity_iri("group:LUM:police"), KG.sector) == Literal("police")


def test_only_factual_relations_become_plain_triples(store, facts):
    g = parse(export_rdf(store, "nt"), "nt")
    krv, lum = entity_iri("country:KRV"), entity_iri("country:LUM")
    assert (krv, KG.sentTroopsTo, lum) in g
    assert (entity_iri("person:ilsa-marten"), KG.leaderOf, krv) in g
    # negated and alleged: reified only
    assert (krv, KG.invaded, lum) not in g
    assert (entity_iri("group:LUM:police"), KG.arrested, entity_iri("group:LUM:civilians")) not in g
    assert g.value(assertion_iri(facts[4]), KG.modality) == Literal("negated")
    assert g.value(assertion_iri(facts[1]), KG.modality) == Literal("alleged")


def test_ntriples_written_in_pages_repeat_nothing(store, facts):
    paged = export_rdf(store, "nt", page_size=1)
    lines = paged.splitlines()
    assert len(lines) == len(set(lines))
    assert isomorphic(parse(paged, "nt"), parse(export_rdf(store, "ttl"), "ttl"))


def test_unknown_rdf_format_is_rejected(store):
    with pytest.raises(KgError, match="unknown RDF format 'xml'"):
        export_rdf(store, "xml")


# -- GraphML ---------------------------------------------------------------------------------


def graphml(store, evidence: bool = True) -> ET.Element:
    out = io.StringIO()
    write_graphml(store, out, evidence=evidence)
    return ET.fromstring(out.getvalue())


def data(element: ET.Element, keys: dict[str, dict]) -> dict[str, str]:
    return {keys[d.get("key", "")]["attr.name"]: d.text or "" for d in element.findall(f"{GML}data")}


def test_graphml_of_the_domain_graph_has_entities_and_the_ontologys_relationships(store, facts):
    root = graphml(store, evidence=False)
    nodes = root.findall(f"{GML}graph/{GML}node")
    edges = root.findall(f"{GML}graph/{GML}edge")
    entities = {row[0] for row in store.query("MATCH (n:Entity) RETURN n.id").rows}
    assert {n.get("id") for n in nodes} == entities
    assert all((n.get("labels") or "").startswith(":Entity") for n in nodes)
    relations = count(store, "MATCH (:Entity)-[r]->(:Entity) WHERE type(r) <> 'CO_MENTIONED' RETURN count(r)")
    assert len(edges) == relations > 0
    assert "CO_MENTIONED" not in {e.get("label") for e in edges}
    keys = {k.get("id"): k.attrib for k in root.findall(f"{GML}key")}
    event = next(e for e in edges if e.get("label") == "SENT_TROOPS_TO")
    assert {"quad_class", "goldstein", "mentions", "first_date"} <= set(data(event, keys))


def test_graphml_has_every_node_and_edge(store, facts):
    root = graphml(store)
    nodes = root.findall(f"{GML}graph/{GML}node")
    edges = root.findall(f"{GML}graph/{GML}edge")
    # every node but kg's bookkeeping (the Count nodes the writer keeps its totals in)
    assert count(store, "MATCH (n:Count) RETURN count(n)") > 0
    assert (
        len(nodes)
        == count(store, "MATCH (n) WHERE NOT n:Count RETURN count(n)")
        == 13 + count(store, "MATCH (n) WHERE n:Claim RETURN count(n)")
    )
    assert not [n for n in nodes if "Count" in (n.get("labels") or "").split(":")]
    assert len(edges) == count(store, "MATCH ()-[r]->() RETURN count(r)")
    ids = [n.get("id") for n in nodes]
    assert len(ids) == len(set(ids))
    expected_ids = {row[0] for row in store.query("MATCH (n) WHERE NOT n:Count RETURN n.id").rows}
    assert set(ids) == expected_ids
    assert all(e.get("source") in expected_ids and e.get("target") in expected_ids for e in edges)
    by_type = Counter(e.get("label") for e in edges)
    for rel_type in (
        "HAS_SENTENCE",
        "HAS_CLAIM",
        "SUBJECT",
        "OBJECT",
        "MENTIONS",
        "CO_MENTIONED",
        "SENT_TROOPS_TO",
        "INVADED",
    ):
        assert by_type[rel_type] == count(store, f"MATCH ()-[r:{rel_type}]->() RETURN count(r)") > 0


def test_graphml_keys_match_the_data_and_types(store, facts):
    root = graphml(store)
    keys = {k.get("id"): k.attrib for k in root.findall(f"{GML}key")}
    assert all(k["attr.type"] in {"boolean", "int", "long", "double", "string"} for k in keys.values())
    names = [(k["for"], k["attr.name"]) for k in keys.values()]
    assert len(names) == len(set(names))
    used = set()
    for kind in ("node", "edge"):
        for element in root.iter(f"{GML}{kind}"):
            for d in element.findall(f"{GML}data"):
                assert keys[d.get("key")]["for"] == kind
                used.add(d.get("key"))
    assert used == set(keys)
    types = {(k["for"], k["attr.name"]): k["attr.type"] for k in keys.values()}
    assert types[("node", "index")] == "int"
    assert types[("node", "aliases")] == "string"
    assert types[("edge", "confidence")] == "double"
    assert types[("edge", "label")] == "string"


def test_graphml_nodes_and_edges_carry_labels_and_properties(store, facts):
    root = graphml(store)
    keys = {k.get("id"): k.attrib for k in root.findall(f"{GML}key")}
    nodes = {n.get("id"): n for n in root.iter(f"{GML}node")}

    karvenia = nodes["country:KRV"]
    assert karvenia.get("labels") == ":Entity:Country"
    props = data(karvenia, keys)
    assert props["labels"] == ":Entity:Country"
    assert (props["name"], props["iso3"]) == ("Karvenia", "KRV")
    assert json.loads(props["aliases"]) == ["Republic of Karvenia"]
    assert nodes["person:zoë-ångström"].get("labels") == ":Entity:Person"

    article = data(nodes["Wire-B"], keys)
    assert nodes["Wire-B"].get("labels") == ":Article"
    assert article["title"] == "Border <update> & reactions"
    sentence = data(nodes["wire-a#0"], keys)
    assert (sentence["text"], int(sentence["index"])) == (A_SENTENCES[0], 0)

    troops = [e for e in root.iter(f"{GML}edge") if e.get("label") == "SENT_TROOPS_TO"]
    assert [(e.get("source"), e.get("target")) for e in troops] == [("country:KRV", "country:LUM")]
    props = data(troops[0], keys)
    assert props["label"] == "SENT_TROOPS_TO"
    assert int(props["mentions"]) == 2 and float(props["confidence"]) == 0.9
    assert int(props["articles"]) == 2
    scale = load_ontology().relation("SENT_TROOPS_TO")  # an event: its place on the scale
    assert (props["quad_class"], float(props["goldstein"])) == (scale.quad_class, scale.goldstein)
    assert not any(
        "quad_class" in data(e, keys) for e in root.iter(f"{GML}edge") if e.get("label") == "MENTIONS"
    )
    claims = {n.get("id"): data(n, keys) for n in root.iter(f"{GML}node") if n.get("labels") == ":Claim"}
    behind = sorted((c["article"], cid) for cid, c in claims.items() if c["relation"] == "SENT_TROOPS_TO")
    assert [a for a, _ in behind] == ["Wire-B", "wire-a"]
    assert {cid for _, cid in behind} == {"wire-a#0:0", "Wire-B#0:0"}

    mentions = [
        e
        for e in root.iter(f"{GML}edge")
        if e.get("label") == "MENTIONS" and e.get("source") == "wire-a" and e.get("target") == "country:KRV"
    ]
    assert json.loads(data(mentions[0], keys)["sentences"]) == [0, 2, 3]
    found = [
        c
        for c in claims.values()
        if c["article"] == "wire-a"
        and c["subject_text"] == "Karvenia"
        or c["article"] == "wire-a"
        and c["object_text"] == "Karvenia"
    ]
    assert found  # as found inside "Karvenian"
    assert any(
        e.get("label") == "HAS_SENTENCE" and e.get("source") == "Wire-B" and e.get("target") == "Wire-B#0"
        for e in root.iter(f"{GML}edge")
    )


def test_graphml_escapes_what_xml_cannot_hold(store):
    sentence = 'Karvenia "warned" Lumeria\x0b again & again\r\nat <dawn>.'
    doc = Document('odd&id"1', sentence, title="Tabs\there")
    write(store, (doc, [fact(doc, 0, sentence, KARVENIA, "THREATENED", LUMERIA)]))
    root = graphml(store)
    keys = {k.get("id"): k.attrib for k in root.findall(f"{GML}key")}
    nodes = {n.get("id"): n for n in root.iter(f"{GML}node")}
    assert data(nodes['odd&id"1#0'], keys)["text"] == sentence.replace("\x0b", "\ufffd")
    assert data(nodes['odd&id"1'], keys)["title"] == "Tabs\there"


def test_graphml_ids_shared_across_labels_stay_unique(store):
    sentence = "Karvenia threatened Lumeria."
    doc = Document("country:KRV", sentence)  # an article named like an entity
    write(store, (doc, [fact(doc, 0, sentence, KARVENIA, "THREATENED", LUMERIA)]))
    root = graphml(store)
    ids = [n.get("id") for n in root.iter(f"{GML}node") if n.get("labels") != ":Count"]
    assert sorted(ids) == [
        "Article:country:KRV",
        "country:KRV",
        "country:KRV#0",
        "country:KRV#0:0",
        "country:LUM",
    ]
    edges = {(e.get("source"), e.get("label"), e.get("target")) for e in root.iter(f"{GML}edge")}
    assert ("Article:country:KRV", "HAS_SENTENCE", "country:KRV#0") in edges
    assert ("country:KRV#0", "HAS_CLAIM", "country:KRV#0:0") in edges
    assert ("country:KRV#0:0", "SUBJECT", "country:KRV") in edges
    assert ("Article:country:KRV", "MENTIONS", "country:KRV") in edges
    assert ("country:KRV", "THREATENED", "country:LUM") in edges


# -- an empty graph --------------------------------------------------------------------------


def test_an_empty_graph_exports_without_error(store):
    assert list(graph_assertions(store)) == []
    for fmt in ("ttl", "nt", "jsonld"):
        g = parse(export_rdf(store, fmt), fmt)
        assert len(g) == 0
    assert validate(parse(export_rdf(store, "ttl"), "ttl"))[0]
    out = io.StringIO()
    counts = write_graphml(store, out)
    assert (counts.nodes, counts.edges) == (0, 0)
    root = ET.fromstring(out.getvalue())
    assert root.findall(f"{GML}graph/{GML}node") == root.findall(f"{GML}key") == []


def test_events_csv_has_a_row_per_event_sentence_with_its_scale(store, facts):
    from kg.exporters.events_csv import COLUMNS, write_events_csv

    out = io.StringIO()
    rows_written = write_events_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    onto = load_ontology()
    events = [a for a in facts if onto.relation(a.predicate).kind == "event"]
    assert tuple(rows[0]) == COLUMNS and len(rows) == rows_written == len(events) > 0
    assert not any(onto.relation(r["relation"]).kind == "state" for r in rows)
    for row in rows:
        relation = onto.relation(row["relation"])
        assert (row["quad_class"], float(row["goldstein"])) == (relation.quad_class, relation.goldstein)
        assert row["sentence"] and row["article"] and row["date"]
    written = {(a.subject.entity.id, a.predicate, a.object.entity.id, a.sentence.text) for a in events}
    assert {(r["subject_id"], r["relation"], r["object_id"], r["sentence"]) for r in rows} == written
