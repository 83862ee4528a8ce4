"""Checking a whole graph: what the writer keeps by increment, recomputed; and a fingerprint.

    audit(store)          # [] when every summary, counter and Count equals what the claims give
    snapshot(store)       # every node and relationship with its properties, order-free
    fingerprint(store)    # Fingerprint(digest="sha256:...", counts={...}, problems=[...])

The writer keeps relationship summaries, entity counters, MENTIONS, CO_MENTIONED and the
Count nodes by increment (kg/store/statements.py); `audit` recomputes each from the claims by
scanning the graph, so it costs a full read and is meant for tests and the fault-injection
benchmark (bench/faults.py), not for every command. Two graphs with the same fingerprint hold
the same nodes and relationships with the same properties, whatever order their articles were
written in and whenever (the time each article was ingested is left out).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from kg.core.ontology import load_ontology
from kg.store.properties import FIRST_SENTENCES

RELATIONSHIP_SUMMARIES = """
MATCH (s:Entity)-[r]->(o:Entity) WHERE type(r) <> 'CO_MENTIONED'
OPTIONAL MATCH (s)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o) WHERE c.relation = type(r)
OPTIONAL MATCH (a:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(c)
RETURN s.id, type(r), o.id, r.mentions, r.articles, r.confidence, r.first_date, r.last_date,
       r.first_published, r.last_published, r.modality, r.modalities, r.first_sentences, count(c),
       count(DISTINCT c.article), max(c.confidence), min(c.date), max(c.date), min(a.published),
       max(a.published), collect(DISTINCT c.modality), collect(sentence.id)
"""

CLAIMS_UNLINKED = """
MATCH (c:Claim)
WHERE NOT (c)<-[:HAS_CLAIM]-(:Sentence) OR NOT (c)-[:SUBJECT]->(:Entity) OR NOT (c)-[:OBJECT]->(:Entity)
RETURN c.id
"""

CLAIMS_UNSUPPORTED = """
MATCH (s:Entity)<-[:SUBJECT]-(c:Claim)-[:OBJECT]->(o:Entity)
WITH s, o, c.relation AS type, count(c) AS claims
OPTIONAL MATCH (s)-[r]->(o) WHERE type(r) = type
WITH s, o, type, claims, count(r) AS relationships WHERE relationships <> 1
RETURN s.id, type, o.id
"""

ENTITY_COUNTERS = """
MATCH (e:Entity)
OPTIONAL MATCH (e)<-[link:SUBJECT|OBJECT]-(c:Claim)
RETURN e.id, e.mentions, e.event_mentions, count(link),
       count(CASE WHEN type(link) = 'SUBJECT' AND c.relation IN $events THEN 1 END)
"""

MENTIONS_KEPT = """
MATCH (a:Article)-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(:Claim)-[:SUBJECT|OBJECT]->(e:Entity)
WITH a, e, collect(DISTINCT s.index) AS found
OPTIONAL MATCH (a)-[m:MENTIONS]->(e)
RETURN a.id, e.id, found, m.sentences
"""

MENTIONS_WITHOUT_CLAIM = """
MATCH (a:Article)-[m:MENTIONS]->(e:Entity)
WHERE NOT (a)-[:HAS_SENTENCE]->()-[:HAS_CLAIM]->()-->(e)
RETURN a.id, e.id
"""

PAIRS_KEPT = """
MATCH (x:Entity)<-[m1:MENTIONS]-(:Article)-[m2:MENTIONS]->(y:Entity) WHERE x.id < y.id
WITH x, y, size([i IN m1.sentences WHERE i IN m2.sentences]) AS shared WHERE shared > 0
WITH x, y, toInteger(sum(shared)) AS sentences, count(*) AS articles
OPTIONAL MATCH (x)-[p:CO_MENTIONED]->(y)
RETURN x.id, y.id, sentences, articles, p.sentences, p.articles
"""

PAIRS_COUNT = "MATCH ()-[p:CO_MENTIONED]->() RETURN count(p)"

COUNTS_KEPT = "MATCH (k:Count) WHERE k.kind <> 'model' RETURN k.id, k.count, k.mentions"

LABELS_FOUND = "MATCH (n) WHERE NOT n:Count UNWIND labels(n) AS label RETURN label, count(*)"

TYPES_FOUND = "MATCH ()-[r]->() RETURN type(r), count(r), toInteger(sum(coalesce(r.mentions, 0)))"

ARTICLES_INCOMPLETE = "MATCH (a:Article) WHERE a.content_hash IS NULL RETURN a.id ORDER BY a.id"

ALL_NODES = "MATCH (n) RETURN labels(n), properties(n)"

ALL_RELATIONSHIPS = "MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)"


def audit(store: Any) -> list[str]:
    """Every summary, counter and Count the writer keeps by increment, recomputed from the
    claims by scanning the graph; the differences (none when the writer is exact), and every
    article stored without its content hash (half-written)."""
    ontology = load_ontology()
    modalities = list(ontology.modalities)
    problems = []
    for row in store.query(RELATIONSHIP_SUMMARIES).rows:
        key, kept, found = row[:3], row[3:13], row[13:20]
        found = [
            *found,
            next((m for m in modalities if m in row[20]), None),
            [m for m in modalities if m in row[20]],
            sorted(row[21])[:FIRST_SENTENCES],
        ]
        if kept != found:
            problems.append(f"relationship {key}: kept {kept}, claims give {found}")
    problems += [f"claim {row[0]} lacks a link" for row in store.query(CLAIMS_UNLINKED).rows]
    problems += [f"claims {row} have no relationship" for row in store.query(CLAIMS_UNSUPPORTED).rows]
    events = [name for name, r in ontology.relations.items() if r.kind == "event"]
    for row in store.query(ENTITY_COUNTERS, {"events": events}).rows:
        if row[1:3] != row[3:5] or row[3] == 0:
            problems.append(f"entity {row[0]}: kept {row[1:3]}, claims give {row[3:5]}")
    for row in store.query(MENTIONS_KEPT).rows:
        if row[3] is None or sorted(row[2]) != sorted(row[3]):
            problems.append(f"MENTIONS {row[:2]}: kept {row[3]}, claims give {row[2]}")
    problems += [f"MENTIONS {row} without a claim" for row in store.query(MENTIONS_WITHOUT_CLAIM).rows]
    pairs = store.query(PAIRS_KEPT).rows
    for row in pairs:
        if row[2:4] != row[4:6] or not all(isinstance(v, int) for v in row[4:6]):
            problems.append(f"CO_MENTIONED {row[:2]}: kept {row[4:6]}, mentions give {row[2:4]}")
    if store.query(PAIRS_COUNT).value(0) != len(pairs):
        problems.append("CO_MENTIONED without a shared sentence")
    counts = {row[0]: row[1:] for row in store.query(COUNTS_KEPT).rows}
    for label, nodes in store.query(LABELS_FOUND).rows:
        if counts.get(label, [0])[0] != nodes:
            problems.append(f"Count {label}: kept {counts.get(label)}, graph has {nodes}")
    for type_, n, claims in store.query(TYPES_FOUND).rows:
        if counts.get(type_) != [n, claims]:
            problems.append(f"Count {type_}: kept {counts.get(type_)}, graph has {[n, claims]}")
    problems += [
        f"article {row[0]} is stored without its content hash (half-written)"
        for row in store.query(ARTICLES_INCOMPLETE).rows
    ]
    return problems


def snapshot(store: Any, *, timeless: bool = False, ignore: tuple[str, ...] = ()) -> dict[str, Any]:
    """Every node and relationship with all its properties, in an order-free form, so two
    graphs can be compared (claims by their properties, relationships by their summaries).
    `timeless` leaves out when each article was ingested; `ignore` names node properties
    to leave out too."""
    nodes = {}
    for labels, props in store.query(ALL_NODES).rows:
        props = dict(props)
        for name in (*ignore, *(("ingested",) if timeless else ())):
            props.pop(name, None)
        for name in ("aliases", "keys"):  # their order is the order articles were written in
            if name in props:
                props[name] = sorted(props[name])
        nodes[props["id"]] = (tuple(sorted(labels)), _frozen(props))
    relationships = {}
    for start, type_, end, props in store.query(ALL_RELATIONSHIPS).rows:
        props = dict(props)
        if "roles" in props:  # a set: the order its claims came in
            props["roles"] = sorted(props["roles"])
        relationships[(start, type_, end)] = _frozen(props)
    return {"nodes": nodes, "relationships": relationships}


@dataclass
class Fingerprint:
    digest: str  # sha256 of the timeless snapshot
    counts: dict[str, int] = field(default_factory=dict)  # nodes by label, relationships by type
    problems: list[str] = field(default_factory=list)  # what `audit` finds

    def to_dict(self) -> dict[str, Any]:
        return {"digest": self.digest, "counts": self.counts, "problems": self.problems}


def fingerprint(store: Any, ignore: tuple[str, ...] = ()) -> Fingerprint:
    """The whole graph as one digest (ids, properties, relationships with their summaries,
    claims, counters, articles with their hashes and sentence counts), its counts, and its
    audit problems; node properties named in `ignore` left out."""
    shot = snapshot(store, timeless=True, ignore=ignore)
    text = json.dumps(
        [sorted(shot["nodes"].items()), sorted(shot["relationships"].items())],
        ensure_ascii=False,
        default=str,
    )
    counts: dict[str, int] = {}
    for labels, _ in shot["nodes"].values():
        for label in labels:
            counts[label] = counts.get(label, 0) + 1
    for _, type_, _ in shot["relationships"]:
        counts[type_] = counts.get(type_, 0) + 1
    return Fingerprint(
        "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest(),
        dict(sorted(counts.items())),
        audit(store),
    )


def differences(a: dict[str, Any], b: dict[str, Any], limit: int = 5) -> list[str]:
    """The first few differences of two snapshots, for a message (2 and 2.0 differ, as they
    do in the fingerprint)."""
    out = []
    for part in ("nodes", "relationships"):
        for key in sorted(set(a[part]) | set(b[part]), key=str):
            if _spelt(a[part].get(key)) != _spelt(b[part].get(key)):
                out.append(f"{part[:-1]} {key}: {a[part].get(key)} != {b[part].get(key)}")
                if len(out) >= limit:
                    return out
    return out


def _spelt(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def _frozen(props: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))


__all__ = ["Fingerprint", "audit", "differences", "fingerprint", "snapshot"]
