"""Build small graphs for tests from hand-written facts, through the real writer."""
from __future__ import annotations

from kg.model import Argument, Assertion, Document, Entity, Mention, Qualifiers, SentenceRef
from kg.store.properties import FIRST_SENTENCES
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter


def entity(entity_id: str, name: str, type_: str, *aliases: str, iso3: str | None = None) -> Entity:
    return Entity(id=entity_id, name=name, type=type_, aliases=tuple(aliases), iso3=iso3)


def fact(doc: Document, index: int, sentence: str, subject: Entity, predicate: str, obj: Entity,
         *, confidence: float = 0.9, **qualifiers) -> Assertion:
    """An assertion whose mentions are the entities' names as found in `sentence`."""
    start = doc.text.find(sentence)
    assert start >= 0, f"{sentence!r} is not in document {doc.id}"

    def arg(e: Entity) -> Argument:
        at = sentence.find(e.name)
        text = e.name if at >= 0 else sentence[:1]
        at = max(at, 0)
        return Argument(e, Mention(text, start + at, start + at + len(text)))

    return Assertion(doc=doc.id, predicate=predicate, subject=arg(subject), object=arg(obj),
                     sentence=SentenceRef(index, sentence, start, start + len(sentence)),
                     rule=f"test.{predicate.lower()}", confidence=confidence,
                     qualifiers=Qualifiers(**qualifiers), title=doc.title, url=doc.url,
                     published=doc.published)


def write(store, *articles: tuple[Document, list[Assertion]]):
    """Write articles (each with its assertions) as one batch; returns the WriteCounts."""
    batch = GraphBatch()
    for document, assertions in articles:
        batch.add(document, assertions)
    return GraphWriter(store).write(batch)


def snapshot(store, *, timeless: bool = False) -> dict:
    """Every node and relationship with all its properties, in an order-free form, so two
    graphs can be compared (claims by their properties, relationships by their summaries)."""
    nodes = {}
    for labels, props in store.query("MATCH (n) RETURN labels(n), properties(n)").rows:
        props = dict(props)
        if timeless:  # when each article was ingested (graphs written at different times)
            props.pop("ingested", None)
        for name in ("aliases", "keys"):  # their order is the order articles were written in
            if name in props:
                props[name] = sorted(props[name])
        nodes[props["id"]] = (tuple(sorted(labels)), _frozen(props))
    relationships = {}
    rows = store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").rows
    for start, type_, end, props in rows:
        props = dict(props)
        if "roles" in props:  # a set: the order its claims came in
            props["roles"] = sorted(props["roles"])
        relationships[(start, type_, end)] = _frozen(props)
    return {"nodes": nodes, "relationships": relationships}


def _frozen(props: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


def audit(store) -> list[str]:
    """Every summary, counter and Count the writer keeps by increment, recomputed from the
    claims by scanning the graph; the differences (none when the writer is exact)."""
    problems = []
    relations = store.query("""
        MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) <> 'CO_MENTIONED'
        OPTIONAL MATCH (s)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o) WHERE c.relation = type(r)
        OPTIONAL MATCH (a:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(c)
        RETURN s.id, type(r), o.id, r.mentions, r.articles, r.confidence, r.first_date, r.last_date,
               r.first_published, r.last_published, r.modality, r.modalities, r.first_sentences, count(c),
               count(DISTINCT c.article), max(c.confidence), min(c.date), max(c.date), min(a.published),
               max(a.published), collect(DISTINCT c.modality), collect(sentence.id)""").rows
    from kg.ontology import load_ontology
    modalities = list(load_ontology().modalities)
    for row in relations:
        key, kept, found = row[:3], row[3:13], row[13:20]
        found = [*found, next((m for m in modalities if m in row[20]), None),
                 [m for m in modalities if m in row[20]], sorted(row[21])[:FIRST_SENTENCES]]
        if kept != found:
            problems.append(f"relationship {key}: kept {kept}, claims give {found}")
    orphans = store.query("MATCH (c:Claim) WHERE NOT (c)<-[:HAS_CLAIM]-(:Sentence) "
                          "OR NOT (c)-[:SUBJECT]->(:Entity) OR NOT (c)-[:OBJECT]->(:Entity) RETURN c.id").rows
    problems += [f"claim {row[0]} lacks a link" for row in orphans]
    unsupported = store.query("""MATCH (s:Entity)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity)
        WITH s, o, c.relation AS type, count(c) AS claims
        OPTIONAL MATCH (s)-[r]->(o) WHERE type(r) = type
        WITH s, o, type, claims, count(r) AS relationships WHERE relationships <> 1
        RETURN s.id, type, o.id""").rows
    problems += [f"claims {row} have no relationship" for row in unsupported]
    entities = store.query("""
        MATCH (e:Entity)
        OPTIONAL MATCH (e)<-[link:SUBJECT|OBJECT]-(c:Claim)
        RETURN e.id, e.mentions, e.event_mentions, count(link),
               count(CASE WHEN type(link) = 'SUBJECT' AND c.relation IN $events THEN 1 END)""",
                           {"events": [n for n, r in load_ontology().relations.items()
                                       if r.kind == "event"]}).rows
    for row in entities:
        if row[1:3] != row[3:5] or row[3] == 0:
            problems.append(f"entity {row[0]}: kept {row[1:3]}, claims give {row[3:5]}")
    mentions = store.query("""
        MATCH (a:Article)-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(:Claim)-[:SUBJECT|OBJECT]->(e:Entity)
        WITH a, e, collect(DISTINCT s.index) AS found
        OPTIONAL MATCH (a)-[m:MENTIONS]->(e)
        RETURN a.id, e.id, found, m.sentences""").rows
    for row in mentions:
        if row[3] is None or sorted(row[2]) != sorted(row[3]):
            problems.append(f"MENTIONS {row[:2]}: kept {row[3]}, claims give {row[2]}")
    extra = store.query("MATCH (a:Article)-[m:MENTIONS]->(e:Entity) WHERE NOT (a)-[:HAS_SENTENCE]->()"
                        "-[:HAS_CLAIM]->()-->(e) RETURN a.id, e.id").rows
    problems += [f"MENTIONS {row} without a claim" for row in extra]
    pairs = store.query("""
        MATCH (x:Entity)<-[m1:MENTIONS]-(:Article)-[m2:MENTIONS]->(y:Entity) WHERE x.id < y.id
        WITH x, y, size([i IN m1.sentences WHERE i IN m2.sentences]) AS shared WHERE shared > 0
        WITH x, y, toInteger(sum(shared)) AS sentences, count(*) AS articles
        OPTIONAL MATCH (x)-[p:CO_MENTIONED]->(y)
        RETURN x.id, y.id, sentences, articles, p.sentences, p.articles""").rows
    for row in pairs:
        if row[2:4] != row[4:6]:
            problems.append(f"CO_MENTIONED {row[:2]}: kept {row[4:6]}, mentions give {row[2:4]}")
    if store.query("MATCH ()-[p:CO_MENTIONED]->() RETURN count(p)").value(0) != len(pairs):
        problems.append("CO_MENTIONED without a shared sentence")
    counts = {row[0]: row[1:] for row in store.query(
        "MATCH (k:Count) WHERE k.kind <> 'model' RETURN k.id, k.count, k.mentions").rows}
    for label, nodes in store.query("MATCH (n) WHERE NOT n:Count UNWIND labels(n) AS label "
                                    "RETURN label, count(*)").rows:
        if counts.get(label, [0])[0] != nodes:
            problems.append(f"Count {label}: kept {counts.get(label)}, graph has {nodes}")
    for type_, n, claims in store.query("MATCH ()-[r]->() RETURN type(r), count(r), "
                                        "toInteger(sum(coalesce(r.mentions, 0)))").rows:
        if counts.get(type_) != [n, claims]:
            problems.append(f"Count {type_}: kept {counts.get(type_)}, graph has {[n, claims]}")
    return problems
