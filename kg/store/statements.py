"""The Cypher that writes the graph (graph model 2): the same text runs on FalkorDB and on Neo4j 5.

Every value is a parameter. Labels and relationship types cannot be parameters in Cypher, so
the few statements that need one are templates filled by `entity_upsert` and
`relation_upsert`, which accept only names the ontology defines. The structural labels and
types (Entity, Article, Sentence, Claim, Count; HAS_SENTENCE, HAS_CLAIM, SUBJECT, OBJECT,
MENTIONS, CO_MENTIONED) are declared in ontology/kg.ttl too; the properties of each are
kg/store/properties.py's.

A claim (one supported assertion in one sentence) is a node written once. What is derived
from claims is kept by increment, in the statement that writes the claims it counts: the
relationship's summaries (mentions, articles, confidence, first/last date, first/last
published, modality, modalities, roles), the article's MENTIONS and the CO_MENTIONED pairs,
and the Count nodes (nodes per label, relationships and claims per type). A statement the
engine refuses is undone whole, so a counter never counts what is not there. The entities'
counters (mentions, event_mentions) are the exception: the entity statement adds the batch's
claims to them (every entity of the batch is set there anyway, and each SET of an indexed
node costs FalkorDB a re-index), so a write that fails counts them again from the stored
claims (ENTITY_RECOUNT). Removing an article's claims takes back exactly what they added:
counts are decremented, and the summaries that cannot be (a maximum, a first date) are
recomputed from the relationship's remaining claims.

FalkorDB folds the rows of one statement that MERGE the same new relationship into one, so
the rows of `relation_upsert` and of the co-mentions are one per relationship (kg/store/rows.py).
FalkorDB's sum() is a float, so counters are incremented with count().
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from kg.core.model import ENTITY_EXTRAS
from kg.core.ontology import Ontology, load_ontology
from kg.store.properties import ARTICLE, CLAIM, FIRST_SENTENCES, SENTENCE
from kg.store.rows import GraphBatch, by_article

# graph model 3: claims as nodes (README "Graph model"), and an unnamed group without a
# country local to its article (2 had one `group:<sector>` node across all articles)
MODEL_VERSION = 3

# The relationship types a claim is written with, one of each per claim (its sentence's
# HAS_CLAIM, its SUBJECT and OBJECT): the graph's topology says which (ontology/kg.ttl).
CLAIM_TYPES = tuple(link.type for link in load_ontology().structure if "Claim" in (link.source, link.target))


def _bump(ids: tuple[str, ...] | list[str], amount: str, sign: str = "+", field: str = "count") -> str:
    """Add (or take) `amount` to the Count nodes `ids` (labels and types are literals)."""
    listed = ", ".join(f"'{i}'" for i in ids)
    return f"MATCH (k:Count) WHERE k.id IN [{listed}]\nSET k.{field} = k.{field} {sign} {amount}"


# The Count nodes a batch may change, created when missing, and the model's version.
COUNTS_INIT = """
UNWIND $counts AS row
MERGE (k:Count {id: row.id})
ON CREATE SET k.kind = row.kind, k.count = 0, k.mentions = 0
WITH count(*) AS done
MERGE (m:Count {id: 'model'})
ON CREATE SET m.kind = 'model', m.version = $version
"""

MODEL_VERSION_READ = """
OPTIONAL MATCH (m:Count {id: 'model'})
RETURN m.version AS version, m.migrating AS migrating
"""

ARTICLE_HASHES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.content_hash AS content_hash, a.path AS path
"""

# A stored content hash means "every statement of this version is in": the batch writes
# each article with its hash cleared and a write token, and COMMIT, the transaction's last
# statement, sets the hash only where the token is the writer's own and the article holds
# every sentence, claim and mention the batch wrote for it. In one transaction the two are
# stored together or not at all (FalkorDB: one MULTI/EXEC, one block of the append-only
# file, which a restart loads whole or drops), so no article is ever seen half-written;
# a statement that fails inside the transaction leaves its articles without a hash, and the
# writer takes them out again (kg/store/writer.py). The article is written first: on Neo4j
# that locks it until the transaction ends, so a concurrent writer of another version waits.
ARTICLE_UPSERT = f"""
UNWIND $rows AS row
MERGE (a:Article {{id: row.id}})
WITH a, row, a.ingested IS NULL AS created
SET {ARTICLE.set_list("a", skip=("id", "content_hash"))}, a.content_hash = null, a.write_token = $token
WITH count(CASE WHEN created THEN 1 END) AS n
{_bump(("Article",), "n")}
"""

ARTICLE_COMMIT = """
UNWIND $rows AS row
MATCH (a:Article {id: row.id})
WHERE a.write_token = $token
OPTIONAL MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
WITH a, row, count(s) AS sentences
OPTIONAL MATCH (a)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c:Claim)
WITH a, row, sentences, count(c) AS claims
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, row, sentences, claims, count(e) AS mentions
WHERE sentences = row.sentences AND claims = row.claims AND mentions = row.mentions
SET a.content_hash = row.content_hash, a.write_token = null
"""

# An article whose batch failed: whatever of it was written goes (its claims first, with
# FAILED_ARTICLE_REMOVAL), then the node itself, unless another writer has since committed it.
ARTICLE_DELETE = f"""
UNWIND $articles AS article
MATCH (a:Article {{id: article}})
WHERE a.content_hash IS NULL
DETACH DELETE a
WITH count(*) AS n
{_bump(("Article",), "n", "-")}
"""

# Created, not merged: the removal that runs first took the article's old sentences.
SENTENCE_UPSERT = f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.article}})
CREATE (a)-[:HAS_SENTENCE]->(s:Sentence)
SET {SENTENCE.set_list("s")}
WITH count(s) AS n
{_bump(("Sentence", "HAS_SENTENCE"), "n")}
"""

# The counters grow by what the batch's claims add (GraphBatch.entity_rows): the entity
# statement touches every entity of the batch anyway, so the relation statements do not.
# `keys` (normalised names, kg/resolution/keys.py) only grow, like the aliases, and are indexed
# element by element. A row with `rename` (entity resolution found a fuller name for a stored
# node) renames the node; its old name joins the aliases.
# an entity's optional properties (kg/core/model.py ENTITY_EXTRAS): the first value wins
_EXTRAS_SET = ", ".join(f"e.{name} = coalesce(e.{name}, row.{name})" for name in ENTITY_EXTRAS)
_ENTITY_UPSERT = """
UNWIND $rows AS row
MERGE (e:Entity {{id: row.id}})
WITH e, row, e.name IS NULL AS created
FOREACH (_ IN CASE WHEN created THEN [1] ELSE [] END |
    SET e:{label}, e.name = row.name, e.aliases = [], e.keys = [], e.mentions = 0, e.event_mentions = 0)
WITH e, row, created, e.name AS old_name, coalesce(row.rename, e.name) AS name
SET e.name = name,
    e.aliases = reduce(acc = [x IN e.aliases WHERE x <> name], x IN row.names + [old_name] |
        CASE WHEN x = name OR x IN acc THEN acc ELSE acc + x END),
    e.keys = reduce(acc = coalesce(e.keys, []), x IN row.keys | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    {extras},
    e.mentions = e.mentions + row.mentions, e.event_mentions = e.event_mentions + row.event_mentions
WITH count(CASE WHEN created THEN 1 END) AS n
{bump}
"""

# The FIRST_SENTENCES smallest of the distinct strings `ids`, in order (Cypher has no list
# sort: each one's place is how many are smaller; `ids` holds at most twice FIRST_SENTENCES).
_SMALLEST = (
    "[i IN range(0, size({ids}) - 1) WHERE i < "
    + str(FIRST_SENTENCES)
    + " | head([x IN {ids} WHERE size([y IN {ids} WHERE y < x]) = i])]"
)

# Claims and sentences are created, then SET: a CREATE with a property map that FalkorDB
# refuses half-way (a value that is not a property type) corrupts the graph's property names
# (FalkorDB 4.x: later claims came back with keys such as '' and '\x01'); a refused SET does not.
# One row per (subject, object): the relationship is merged and its summaries grow by the
# row's aggregates; then each claim is created with its links. Every SET item reads only
# the old value of the property it sets (engines differ on whether an item sees the items
# before it).
_RELATION_UPSERT = f"""
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
MERGE (s)-[r:{{type}}]->(o)
ON CREATE SET r.mentions = 0, r.articles = 0, r.roles = [], r.modalities = [], r.first_sentences = []
WITH s, o, r, row, r.mentions = 0 AS created, coalesce(r.first_sentences, []) AS kept
WITH s, o, r, row, created, kept + [x IN row.first_sentences WHERE NOT x IN kept] AS ids
SET r.mentions = r.mentions + row.mentions,
    r.articles = r.articles + row.articles,
    r.confidence = CASE WHEN r.confidence >= row.confidence THEN r.confidence ELSE row.confidence END,
    r.first_date = CASE WHEN row.first_date IS NULL OR r.first_date <= row.first_date
                        THEN r.first_date ELSE row.first_date END,
    r.last_date = CASE WHEN row.last_date IS NULL OR r.last_date >= row.last_date
                       THEN r.last_date ELSE row.last_date END,
    r.first_published = CASE WHEN row.first_published IS NULL OR r.first_published <= row.first_published
                             THEN r.first_published ELSE row.first_published END,
    r.last_published = CASE WHEN row.last_published IS NULL OR r.last_published >= row.last_published
                            THEN r.last_published ELSE row.last_published END,
    r.modality = head([m IN $modalities WHERE m = r.modality OR m = row.modality]),
    r.modalities = [m IN $modalities WHERE m IN r.modalities OR m IN row.modalities],
    r.roles = reduce(acc = r.roles, x IN row.roles | CASE WHEN x IN acc THEN acc ELSE acc + x END),
    r.first_sentences = {_SMALLEST.format(ids="ids")}
WITH s, o, row.claims AS claims, created
UNWIND range(0, size(claims) - 1) AS i
WITH s, o, claims[i] AS claim, CASE WHEN created AND i = 0 THEN 1 END AS new
MATCH (sentence:Sentence {{id: claim.sentence}})
CREATE (sentence)-[:HAS_CLAIM]->(c:Claim)
SET {CLAIM.set_list("c", "claim", skip=("relation",))}, c.relation = '{{type}}'
CREATE (c)-[:SUBJECT]->(s)
CREATE (c)-[:OBJECT]->(o)
WITH count(new) AS relationships, count(c) AS claims
{_bump(("Claim", *CLAIM_TYPES), "claims")}
WITH DISTINCT relationships, claims
MATCH (k:Count {{id: '{{type}}'}})
SET k.count = k.count + relationships, k.mentions = k.mentions + claims
"""

# The article's MENTIONS (one per entity its claims name, with the sentences' indexes; a row
# per article, so each article is looked up once), then the co-mention pairs (one row per
# pair: what the batch adds).
MENTION_UPSERT = f"""
UNWIND $articles AS row
MATCH (a:Article {{id: row.id}})
WITH a, row
UNWIND row.mentions AS mention
MATCH (e:Entity {{id: mention.entity}})
CREATE (a)-[m:MENTIONS]->(e)
SET m.sentences = mention.sentences
WITH count(m) AS n
{_bump(("MENTIONS",), "n")}
WITH count(*) AS done
UNWIND $pairs AS row
MATCH (x:Entity {{id: row.a}})
MATCH (y:Entity {{id: row.b}})
MERGE (x)-[p:CO_MENTIONED]->(y)
ON CREATE SET p.sentences = 0, p.articles = 0
WITH p, row, p.sentences = 0 AS created
SET p.sentences = p.sentences + row.sentences, p.articles = p.articles + row.articles
WITH count(CASE WHEN created THEN 1 END) AS n
{_bump(("CO_MENTIONED",), "n")}
"""

# -- removal ----------------------------------------------------------------------------------
# Before any article of a batch is written, whatever an earlier version of it left goes: this
# runs for every article of the batch, stored or not, in the same transaction as the writes,
# so concurrent writers of two versions converge on one. The claims are what is removed last:
# until then they say which relationships, entities and counters the article added to.

# Each starts at the article (an index look-up): the WITH keeps FalkorDB's planner from
# starting at a label scan of the entities instead.
_ARTICLES = """
UNWIND $articles AS article
MATCH (a:Article {id: article})
WITH a"""

_CLAIMS_OF = (
    _ARTICLES
    + """
MATCH (a)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(c:Claim)
WITH c"""
)

# The relationships the claims support: counts go down, the other summaries are recomputed
# from the claims that stay.
_RELATIONS_TAKE_BACK = (
    _CLAIMS_OF
    + """
MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
WITH s, o, c.relation AS type, count(c) AS claims, count(DISTINCT c.article) AS articles
MATCH (s)-[r]->(o)
WHERE type(r) = type
CALL {
  WITH s, o, type
  OPTIONAL MATCH (s)<-[:SUBJECT]-(k:Claim)-[:OBJECT]->(o)
  WHERE k.relation = type AND NOT k.article IN $articles
  OPTIONAL MATCH (source:Article)-[:HAS_SENTENCE]->(:Sentence)-[:HAS_CLAIM]->(k)
  RETURN max(k.confidence) AS confidence, min(k.date) AS first_date, max(k.date) AS last_date,
         min(source.published) AS first_published, max(source.published) AS last_published,
         collect(DISTINCT k.modality) AS modalities,
         collect(DISTINCT k.role) AS roles
}
CALL {
  WITH s, o, type
  OPTIONAL MATCH (s)<-[:SUBJECT]-(k:Claim)-[:OBJECT]->(o)
  WHERE k.relation = type AND NOT k.article IN $articles
  OPTIONAL MATCH (sentence:Sentence)-[:HAS_CLAIM]->(k)
  WITH sentence.id AS id ORDER BY id LIMIT """
    + str(FIRST_SENTENCES)
    + """
  RETURN collect(id) AS first_sentences
}
SET r.mentions = r.mentions - claims, r.articles = r.articles - articles,
    r.confidence = confidence, r.first_date = first_date, r.last_date = last_date,
    r.first_published = first_published, r.last_published = last_published,
    r.modality = head([m IN $modalities WHERE m IN modalities]),
    r.modalities = [m IN $modalities WHERE m IN modalities], r.roles = roles,
    r.first_sentences = first_sentences
"""
)

# A separate statement: FalkorDB skipped the summary SET above when a DELETE followed it.
_EMPTY_RELATIONS_REMOVE = (
    _CLAIMS_OF
    + """
MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
WITH DISTINCT s, o, c.relation AS type
MATCH (s)-[r]->(o)
WHERE type(r) = type AND r.mentions = 0
DELETE r
WITH type, count(*) AS n
MATCH (k:Count {id: type})
SET k.count = k.count - n
"""
)

_ENTITIES_TAKE_BACK = (
    _CLAIMS_OF
    + """
MATCH (c)-[link:SUBJECT|OBJECT]->(e:Entity)
WITH e, count(link) AS claims,
     count(CASE WHEN type(link) = 'SUBJECT' AND c.relation IN $events THEN 1 END) AS events
SET e.mentions = e.mentions - claims, e.event_mentions = e.event_mentions - events
"""
)

# Co-mentions, from the article's MENTIONS (what MENTION_UPSERT added them from).
_ARTICLE_PAIRS = (
    _ARTICLES
    + """
MATCH (a)-[m1:MENTIONS]->(x:Entity)
MATCH (a)-[m2:MENTIONS]->(y:Entity)
WHERE x.id < y.id"""
)

_PAIRS_TAKE_BACK = (
    _ARTICLE_PAIRS
    + """
WITH x, y, size([i IN m1.sentences WHERE i IN m2.sentences]) AS shared
WHERE shared > 0
WITH x, y, toInteger(sum(shared)) AS sentences, count(*) AS articles
MATCH (x)-[p:CO_MENTIONED]->(y)
SET p.sentences = p.sentences - sentences, p.articles = p.articles - articles
"""
)

_EMPTY_PAIRS_REMOVE = (
    _ARTICLE_PAIRS
    + """
WITH DISTINCT x, y
MATCH (x)-[p:CO_MENTIONED]->(y)
WHERE p.sentences = 0
DELETE p
WITH count(*) AS n
"""
    + _bump(("CO_MENTIONED",), "n", "-")
)

_MENTIONS_REMOVE = (
    _ARTICLES
    + """
MATCH (a)-[m:MENTIONS]->(:Entity)
DELETE m
WITH count(*) AS n
"""
    + _bump(("MENTIONS",), "n", "-")
)

# Entities no claim names any more go, with their class label counted down.
_ORPHAN_TAIL = """
WHERE e.mentions = 0
WITH DISTINCT e
WITH e, labels(e) AS labels
DETACH DELETE e
WITH labels
UNWIND labels AS label
WITH label, count(*) AS n
MATCH (k:Count {id: label})
SET k.count = k.count - n
"""

_ORPHANS_REMOVE = (
    _CLAIMS_OF
    + """
MATCH (c)-[:SUBJECT|OBJECT]->(e:Entity)
WITH e"""
    + _ORPHAN_TAIL
)

# The entities' counters counted from the claims there are: after a write that failed half-way
# (the entity statement may have counted claims that were never written: it runs apart from
# the relation statements), and by `kg migrate` (kg/store/migrate.py).
ENTITY_RECOUNT = """
UNWIND $entities AS id
MATCH (e:Entity {id: id})
OPTIONAL MATCH (e)<-[link:SUBJECT|OBJECT]-(c:Claim)
WITH e, count(link) AS claims,
     count(CASE WHEN type(link) = 'SUBJECT' AND c.relation IN $events THEN 1 END) AS events
SET e.mentions = claims, e.event_mentions = events
"""

# When a write failed half-way its entities may have no claim at all: they are given by id.
_ORPHANS_BY_ID = (
    """
UNWIND $entities AS id
MATCH (e:Entity {id: id})
WITH e"""
    + _ORPHAN_TAIL
)

_CLAIMS_REMOVE = (
    _CLAIMS_OF
    + """
WITH c, c.relation AS type
DETACH DELETE c
WITH type, count(*) AS n
MATCH (k:Count {id: type})
SET k.mentions = k.mentions - n
WITH count(*) AS types, sum(n) AS n
"""
    + _bump(("Claim", *CLAIM_TYPES), "toInteger(coalesce(n, 0))", "-")
)

ARTICLE_SENTENCES_REMOVE = (
    _ARTICLES
    + """
MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
DETACH DELETE s
WITH count(*) AS n
"""
    + _bump(("Sentence", "HAS_SENTENCE"), "n", "-")
)

# (kind, statement): parameters $articles, $modalities, $events (and $entities for the last
# of FAILED_ARTICLE_REMOVAL).
ARTICLE_REMOVAL = (
    ("relation-summaries", _RELATIONS_TAKE_BACK),
    ("relation-removal", _EMPTY_RELATIONS_REMOVE),
    ("entity-counters", _ENTITIES_TAKE_BACK),
    ("pair-counters", _PAIRS_TAKE_BACK),
    ("pair-removal", _EMPTY_PAIRS_REMOVE),
    ("mention-removal", _MENTIONS_REMOVE),
    ("orphan-removal", _ORPHANS_REMOVE),
    ("claim-removal", _CLAIMS_REMOVE),
    ("sentence-removal", ARTICLE_SENTENCES_REMOVE),
)
FAILED_ARTICLE_REMOVAL = (
    *ARTICLE_REMOVAL,
    ("entity-recount", ENTITY_RECOUNT),
    ("orphan-removal", _ORPHANS_BY_ID),
)


def count_rows(ontology: Ontology) -> list[dict[str, str]]:
    """The Count nodes the writer keeps: one per node label and per relationship type."""
    labels = ["Entity", *ontology.concrete_classes, *sorted(ontology.graph_labels - {"Entity", "Count"})]
    types = [*ontology.relations, *(link.type for link in ontology.structure)]
    return [{"id": label, "kind": "label"} for label in labels] + [
        {"id": t, "kind": "relationship"} for t in types
    ]


def entity_upsert(ontology: Ontology, label: str) -> str:
    """MERGE entities of one concrete ontology class (rows: id, name, names, keys, iso3, ...)."""
    cls = ontology.classes.get(label)
    if cls is None or cls.abstract:
        raise ValueError(f"{label!r} is not a concrete class of the ontology")
    return _ENTITY_UPSERT.format(label=cls.name, bump=_bump(("Entity", cls.name), "n"), extras=_EXTRAS_SET)


def relation_upsert(ontology: Ontology, relation: str) -> str:
    """MERGE relationships of one ontology relation type, grow their summaries and create
    their claims (rows: kg/store/rows.py GraphBatch.relation_rows)."""
    rel = ontology.relation(relation)
    return _RELATION_UPSERT.replace("{type}", rel.name)


def event_relations(ontology: Ontology) -> list[str]:
    return [name for name, rel in ontology.relations.items() if rel.kind == "event"]


# -- one batch's transaction -------------------------------------------------------------
# What a claim row carries to the engine: its properties but the relation (the statement's
# type) and its sentence; nulls left out. The engine parses every parameter's text, so a
# smaller row is a faster write.
_CLAIM_KEYS = tuple(name for name in CLAIM.written_names if name != "relation") + ("sentence",)


def _sent(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if k != "claims"}
    out["claims"] = [{k: c[k] for k in _CLAIM_KEYS if c.get(k) is not None} for c in row["claims"]]
    return out


Step = tuple[str, str, dict[str, Any]]  # (kind, statement, parameters)


def batch_statements(batch: GraphBatch, token: str, ontology: Ontology) -> list[Step]:
    """A batch's transaction as (kind, statement, parameters), in the order they must run:
    what kg/store/writer.py sends, and what `kg export --format cypher` writes out."""
    modalities = list(ontology.modalities)
    articles = [row["id"] for row in batch.articles]
    removal = {"articles": articles, "modalities": modalities, "events": event_relations(ontology)}
    out: list[Step] = [
        ("counts", COUNTS_INIT, {"counts": count_rows(ontology), "version": MODEL_VERSION}),
        ("article", ARTICLE_UPSERT, {"rows": batch.articles, "token": token}),
    ]
    out += [(kind, statement, removal) for kind, statement in ARTICLE_REMOVAL]
    if batch.sentences:
        out.append(("sentence", SENTENCE_UPSERT, {"rows": batch.sentences}))
    for label, rows in sorted(batch.entity_rows(set(removal["events"])).items()):
        out.append(("entity", entity_upsert(ontology, label), {"rows": rows}))
    for relation, rows in sorted(batch.relation_rows(modalities).items()):
        out.append(
            (
                "relation",
                relation_upsert(ontology, relation),
                {"rows": [_sent(row) for row in rows], "modalities": modalities},
            )
        )
    mentions = batch.mention_rows()
    if mentions:
        articles = [
            {"id": article, "mentions": [{"entity": r["entity"], "sentences": r["sentences"]} for r in rows]}
            for article, rows in by_article(mentions).items()
        ]
        out.append(("mention", MENTION_UPSERT, {"articles": articles, "pairs": batch.pair_rows(mentions)}))
    out.append(("commit", ARTICLE_COMMIT, {"rows": _commit_rows(batch, mentions), "token": token}))
    return out


def _commit_rows(batch: GraphBatch, mentions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per article: its hash, and how many sentences, claims and mentioned entities the
    batch writes for it (what COMMIT finds in the graph before it sets the hash)."""
    claims = Counter(claim["article"] for claim in batch.claims)
    mentioned = Counter(row["article"] for row in mentions)
    sentences = Counter(row["article"] for row in batch.sentences)
    return [
        {
            "id": row["id"],
            "content_hash": row["content_hash"],
            "sentences": sentences[row["id"]],
            "claims": claims[row["id"]],
            "mentions": mentioned[row["id"]],
        }
        for row in batch.articles
    ]
