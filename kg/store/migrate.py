"""`kg migrate`: a graph of graph model 1 upgraded in place to graph model 2, no re-extraction.

    report = migrate(store)       # MigrationReport(relationships=..., claims=..., ...)

Graph model 1 kept each relationship's provenance on the relationship, as parallel lists
(sentence_ids, ev_article, ev_confidence, ev_date, ev_modality, ev_role, and `evidence`,
one JSON record per supporting sentence) and linked every sentence to the entities it named
(Sentence -[:MENTIONS {text}]-> Entity). The upgrade, in phases of small transactions:

  1. relationships that still carry `evidence` (a page at a time): a Claim per evidence record,
     linked to its sentence and entities, the summaries of graph model 2 set and the lists
     removed, all in one statement per relation type (so a relationship is converted whole
     or not at all);
  2. the sentences' MENTIONS go;
  3. each article's MENTIONS (article -> entity, with sentence indexes) from its claims;
  4. CO_MENTIONED pairs, and 5. the entities' counters, from those;
  6. the Count nodes, counted; then the model's version is set to 2.

The Count node {id: 'model'} says a migration is under way (`migrating`: the phase), so
every other command refuses the graph until it is done; each phase can be run again, so an
interrupted `kg migrate` is resumed by running it again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from kg.core.errors import KgError
from kg.core.graph import GraphStore
from kg.core.ontology import Ontology, load_ontology
from kg.store.paging import Paged, id_key
from kg.store.properties import CLAIM
from kg.store.readback import ARTICLES_PER_BATCH, read_batch
from kg.store.rows import GraphBatch, relation_summaries, sentence_id
from kg.store.statements import (
    ENTITY_RECOUNT,
    MODEL_VERSION,
    MODEL_VERSION_READ,
    count_rows,
    event_relations,
)
from kg.store.version import graph_model
from kg.store.writer import GraphWriter

PAGE = 500  # relationships, articles or entities per transaction

# The write statements of graph model 1's relationships, kept here to build old graphs in
# tests and to know the lists the upgrade removes.
MODEL1_LISTS = (
    "sentence_ids",
    "ev_article",
    "ev_confidence",
    "ev_date",
    "ev_modality",
    "ev_role",
    "evidence",
    "article_ids",
)

_OLD_RELATIONSHIPS = f"""
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.evidence IS NOT NULL
RETURN s.id AS subject, type(r) AS type, o.id AS object, {", ".join(f"r.{n} AS {n}" for n in MODEL1_LISTS)}
LIMIT $limit
"""

_PUBLISHED = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.published AS published
"""

# The relationship is written anew, with the summaries and without the lists (removing the
# lists from it in place made FalkorDB drop other properties), its claims with it.
_CONVERT = f"""
UNWIND $rows AS row
MATCH (s:Entity {{{{id: row.subject}}}})-[old:{{type}}]->(o:Entity {{{{id: row.object}}}})
WHERE old.evidence IS NOT NULL
CREATE (s)-[r:{{type}}]->(o)
SET r.mentions = row.mentions, r.articles = row.articles, r.confidence = row.confidence,
    r.first_date = row.first_date, r.last_date = row.last_date,
    r.first_published = row.first_published, r.last_published = row.last_published,
    r.modality = row.modality, r.modalities = row.modalities, r.roles = row.roles,
    r.first_sentences = row.first_sentences
WITH s, old, o, row
UNWIND row.claims AS claim
MATCH (sentence:Sentence {{{{id: claim.sentence}}}})
CREATE (sentence)-[:HAS_CLAIM]->(c:Claim)
SET {CLAIM.set_list("c", "claim")}
CREATE (c)-[:SUBJECT]->(s)
CREATE (c)-[:OBJECT]->(o)
WITH DISTINCT old
DELETE old
"""

_SENTENCE_MENTIONS = """
MATCH (:Sentence)-[m:MENTIONS]->(:Entity)
WITH m LIMIT $limit
DELETE m
RETURN count(*) AS n
"""

_ARTICLES = Paged(match="MATCH (a:Article)", keys=(id_key("a"),), returns="1 AS one")
_ENTITIES = Paged(match="MATCH (e:Entity)", keys=(id_key("e"),), returns="1 AS one")

_ARTICLE_MENTIONS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})-[:HAS_SENTENCE]->(s:Sentence)-[:HAS_CLAIM]->(:Claim)-[:SUBJECT|OBJECT]->(e:Entity)
WITH DISTINCT a, e, s.index AS sentence
ORDER BY sentence
WITH a, e, collect(sentence) AS sentences
MERGE (a)-[m:MENTIONS]->(e)
SET m.sentences = sentences
"""

_PAIRS = """
UNWIND $ids AS id
MATCH (x:Entity {id: id})<-[m1:MENTIONS]-(:Article)-[m2:MENTIONS]->(y:Entity)
WHERE x.id < y.id
WITH x, y, size([i IN m1.sentences WHERE i IN m2.sentences]) AS shared
WHERE shared > 0
WITH x, y, sum(shared) AS sentences, count(*) AS articles
MERGE (x)-[p:CO_MENTIONED]->(y)
SET p.sentences = toInteger(sentences), p.articles = articles
"""

_COUNT_SET = """
MERGE (k:Count {id: $id})
SET k.kind = $kind, k.count = $count, k.mentions = $mentions
"""

_PHASE = """
MERGE (m:Count {id: 'model'})
SET m.kind = 'model', m.migrating = $phase, m.version = null
"""

_DONE = """
MATCH (m:Count {id: 'model'})
SET m.version = $version, m.migrating = null
"""


# The phase that makes graph model 2 into 3, and its reads: the groups written as one node
# across articles (no country, no article), and the articles that name them.
LOCAL_GROUPS = 7
_SHARED_GROUPS = """
MATCH (g:Group)
WHERE g.country IS NULL AND g.article IS NULL
RETURN g.id AS id
"""
_ARTICLES_NAMING = """
UNWIND $ids AS id
MATCH (a:Article)-[:MENTIONS]->(:Entity {id: id})
RETURN DISTINCT a.id AS id
ORDER BY id
"""


@dataclass
class MigrationReport:
    relationships: int = 0  # converted from evidence lists
    claims: int = 0
    sentence_mentions_removed: int = 0
    articles: int = 0
    entities: int = 0
    already_current: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def migrate(
    store: GraphStore,
    *,
    ontology: Ontology | None = None,
    page: int = PAGE,
    on_progress: Callable[[str], None] | None = None,
) -> MigrationReport:
    """Upgrade the graph to the current graph model (resuming an upgrade that was interrupted):
    from model 1, claims from the evidence lists (phases 1 to 6); from model 2, an unnamed
    group without a country made local to each article that names it (phase 7)."""
    onto = ontology or load_ontology()
    report = MigrationReport()
    state = store.query(MODEL_VERSION_READ).records()[0]
    version = graph_model(store)
    if state["migrating"] is None and version in (None, MODEL_VERSION):
        report.already_current = True
        return report
    say = on_progress or (lambda _: None)
    store.ensure_schema()
    phase = int(state["migrating"] or (LOCAL_GROUPS if version == 2 else 1))
    steps = [
        (1, "claims from evidence lists", _claims),
        (2, "sentence mentions", _sentence_mentions),
        (3, "article mentions", _article_mentions),
        (4, "co-mentions", _pairs),
        (5, "entity counters", _entity_counters),
        (6, "counts", _counts),
        (LOCAL_GROUPS, "unnamed groups local to their articles", _local_groups),
    ]
    for number, what, step in steps:
        if number < phase:
            continue
        store.query(_PHASE, {"phase": number}, write=True)
        say(f"phase {number} of {len(steps)}: {what}")
        step(store, onto, page, report)
    store.query(_DONE, {"version": MODEL_VERSION}, write=True)
    return report


def _claims(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    modalities = list(onto.modalities)
    rank = {m: i for i, m in enumerate(modalities)}
    while True:
        rows = store.query(_OLD_RELATIONSHIPS, {"limit": page}).records()
        if not rows:
            return
        articles = sorted({a for row in rows for a in row["ev_article"] or ()})
        published = {r["id"]: r["published"] for r in store.query(_PUBLISHED, {"ids": articles}).records()}
        by_type: dict[str, list[dict[str, Any]]] = {}
        for row in rows:
            claims = _row_claims(row)
            by_type.setdefault(row["type"], []).append(
                {
                    "subject": row["subject"],
                    "object": row["object"],
                    "claims": claims,
                    **relation_summaries(claims, published, rank),
                }
            )
            report.claims += len(claims)
        statements = []
        for type_, type_rows in sorted(by_type.items()):
            name = onto.relation(type_).name  # only ontology relations carried evidence
            statements.append((_CONVERT.format(type=name), {"rows": type_rows}))
        store.execute(statements)
        report.relationships += len(rows)


def _row_claims(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The Claim rows of one old relationship, from its evidence records."""
    where = f"({row['subject']})-[:{row['type']}]->({row['object']})"
    claims = []
    seen: set[str] = set()
    for item in row["evidence"] or ():
        try:
            record = json.loads(item)
            sid = sentence_id(record["article"], int(record["sentence"]))
        except (TypeError, ValueError, KeyError):
            raise KgError(f"relationship {where} has evidence kg cannot read: {item!r:.200}") from None
        if sid in seen:
            continue
        seen.add(sid)
        digest = hashlib.blake2b(
            f"{row['type']}\x1f{row['subject']}\x1f{row['object']}".encode(), digest_size=6
        ).hexdigest()
        claims.append(
            {
                "id": f"{sid}:{digest}",
                "relation": row["type"],
                "article": record["article"],
                "sentence": sid,
                "subject": row["subject"],
                "object": row["object"],
                "modality": record.get("modality") or "asserted",
                "attributed_to": record.get("attributed_to"),
                "date": record.get("date"),
                "count": record.get("count"),
                "role": record.get("role"),
                "former": True if record.get("former") else None,
                "location": record.get("location"),
                "confidence": float(record.get("confidence", 0.0)),
                "rule": record.get("rule"),
                **{
                    f"{side}_{part}": record.get(f"{side}_{part}")
                    for side in ("subject", "object")
                    for part in ("text", "start", "end")
                },
            }
        )
    return claims


def _sentence_mentions(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    while True:
        done = store.query(_SENTENCE_MENTIONS, {"limit": page * 10}, write=True).value(0) or 0
        report.sentence_mentions_removed += done
        if not done:
            return


def _article_mentions(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    for rows in _ARTICLES.pages(store, page):
        store.query(_ARTICLE_MENTIONS, {"ids": [r["k0"] for r in rows]}, write=True)
        report.articles += len(rows)


def _pairs(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    for rows in _ENTITIES.pages(store, page):
        store.query(_PAIRS, {"ids": [r["k0"] for r in rows]}, write=True)


def _entity_counters(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    events = event_relations(onto)
    for rows in _ENTITIES.pages(store, page):
        store.query(ENTITY_RECOUNT, {"entities": [r["k0"] for r in rows], "events": events}, write=True)
        report.entities += len(rows)


def _counts(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    for row in count_rows(onto):
        if row["kind"] == "label":
            count = store.query(f"MATCH (n:{row['id']}) RETURN count(n)").value(0)
            mentions = 0
        else:
            found = store.query(
                f"MATCH ()-[r:{row['id']}]->() RETURN count(r), toInteger(sum(coalesce(r.mentions, 0)))"
            ).rows[0]
            count, mentions = found[0], found[1] if row["id"] in onto.relations else 0
        store.query(_COUNT_SET, {**row, "count": int(count or 0), "mentions": int(mentions or 0)}, write=True)


def _local_groups(store: GraphStore, onto: Ontology, page: int, report: MigrationReport) -> None:
    """Each article that names a group written as one node across articles is written again
    with its own node for that group (`group:<sector>@<article>`, as kg/resolution/document.py
    names a group it finds no country for): the writer takes back what the article added to
    the shared node, which goes once no claim names it."""
    shared = {row["id"] for row in store.query(_SHARED_GROUPS).records()}
    if not shared:
        return
    articles = [row["id"] for row in store.query(_ARTICLES_NAMING, {"ids": sorted(shared)}).records()]
    writer = GraphWriter(store, onto)
    writer.checked_model = True  # the graph is mid-upgrade: its model marker says so
    for at in range(0, len(articles), ARTICLES_PER_BATCH):
        ids = articles[at : at + ARTICLES_PER_BATCH]
        writer.write(_localised(read_batch(store, ids, replaced=ids, ontology=onto), shared))
        report.articles += len(ids)


def _localised(batch: GraphBatch, shared: set[str]) -> GraphBatch:
    """`batch` with each claim's shared group replaced by its article's own."""
    rows = {row["id"]: row for row in batch.entities.get("Group", [])}
    local: dict[str, dict[str, Any]] = {}
    for claim in batch.claims:
        for side in ("subject", "object"):
            if claim[side] in shared:
                own = f"{claim[side]}@{claim['article']}"
                local.setdefault(own, {**rows[claim[side]], "id": own, "article": claim["article"]})
                claim[side] = own
    batch.entities["Group"] = [row for row in rows.values() if row["id"] not in shared] + list(local.values())
    return batch
