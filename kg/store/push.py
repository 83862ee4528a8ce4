"""Copy one graph into another store, incrementally, with the writer's own statements.

    report = push(embedded, neo4j)        # PushReport(new=12, replaced=1, unchanged=300, ...)

Articles are the unit: an article is pushed when the target has no article with its id and
content hash (new, or changed since the last push, which then replaces its evidence there
exactly as a re-ingest does). Its rows (article, sentences, mentions, entities, and the
evidence it gives each relationship) are read back from the source into a GraphBatch and
written by GraphWriter, so the target receives the very statements `kg ingest` sends, batched
with UNWIND, one transaction per batch. Pushing twice writes nothing the second time.

Not pushed: deletions. An article that left the source (it only leaves by a wipe) stays in
the target until the target is cleared.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass
from typing import Any

from kg.ontology import Ontology, load_ontology
from kg.resolution.keys import entity_keys
from kg.store.export import id_key, Paged
from kg.store.rows import EVIDENCE_LISTS, GraphBatch
from kg.store.writer import GraphWriter, Store, WriteCounts

ARTICLES_PER_BATCH = 64  # articles read back and written per transaction (~10-20 assertions each)
_PAGE = 1000  # source articles compared with the target per round trip

_ARTICLES = Paged(match="MATCH (a:Article)", keys=(id_key("a"),),
                   returns="a.content_hash AS content_hash")

ARTICLE_ROWS = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.title AS title, a.url AS url, a.published AS published, a.source AS source,
       a.path AS path,
       a.content_hash AS content_hash, a.sentences AS sentences, a.ingested AS ingested
"""

SENTENCE_ROWS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:HAS_SENTENCE]->(s:Sentence)
RETURN s.id AS id, s.article AS article, s.text AS text, s.index AS index, s.start AS start,
       s.end AS end
ORDER BY s.article, s.index
"""

MENTION_ROWS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:HAS_SENTENCE]->(s:Sentence)-[m:MENTIONS]->(e:Entity)
RETURN s.id AS sentence, m.text AS text, e.id AS id, labels(e) AS labels, e.name AS name,
       e.aliases AS aliases, e.keys AS keys, e.iso3 AS iso3, e.wikidata AS wikidata,
       e.geonames AS geonames, e.country AS country, e.sector AS sector
"""

# Every relationship an article gives evidence to starts at an entity its sentences mention.
RELATION_ROWS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[:HAS_SENTENCE]->(:Sentence)-[:MENTIONS]->(e:Entity)
WITH DISTINCT id, e
MATCH (e)-[r]->(o:Entity)
WHERE id IN r.article_ids
RETURN id AS article, type(r) AS type, e.id AS subject, o.id AS object,
       r.sentence_ids AS sentence_ids, r.ev_article AS ev_article,
       r.ev_confidence AS ev_confidence, r.ev_date AS ev_date, r.ev_modality AS ev_modality,
       r.ev_role AS ev_role, r.evidence AS evidence
"""

_ENTITY_FIELDS = ("iso3", "wikidata", "geonames", "country", "sector")


@dataclass
class PushReport:
    checked: int = 0  # articles in the source
    new: int = 0
    replaced: int = 0
    unchanged: int = 0  # already in the target with the same content hash
    sentences: int = 0
    assertions: int = 0  # evidence items written
    new_entities: int = 0
    new_relationships: int = 0
    removed_relationships: int = 0

    def to_dict(self) -> dict[str, int]:
        return asdict(self)

    def _add(self, counts: WriteCounts) -> None:
        for name in ("sentences", "assertions", "new_entities", "new_relationships",
                     "removed_relationships"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


def push(source: Store, target: Store, *, dry_run: bool = False,
         ontology: Ontology | None = None,
         on_batch: Callable[[PushReport], None] | None = None) -> PushReport:
    """Write into `target` every article of `source` it lacks or holds an older version of."""
    onto = ontology or load_ontology()
    writer = GraphWriter(target, onto)
    report = PushReport()
    if not dry_run:
        target.ensure_schema()
    for todo, stored in _changed(source, writer, report):
        report.new += len(todo) - len(stored)
        report.replaced += len(stored)
        if dry_run:
            continue
        for at in range(0, len(todo), ARTICLES_PER_BATCH):
            ids = todo[at:at + ARTICLES_PER_BATCH]
            batch = read_batch(source, ids, replaced=[i for i in ids if i in stored], ontology=onto)
            report._add(writer.write(batch))
            if on_batch is not None:
                on_batch(report)
    return report


def _changed(source: Store, writer: GraphWriter,
             report: PushReport) -> Iterator[tuple[list[str], set[str]]]:
    """Per page of source articles: the ids to push, and which of them the target holds."""
    for rows in _ARTICLES.pages(source, _PAGE):
        report.checked += len(rows)
        known = writer.known_hashes(row["k0"] for row in rows)
        todo = [row["k0"] for row in rows if known.get(row["k0"]) != row["content_hash"]]
        report.unchanged += len(rows) - len(todo)
        if todo:
            yield todo, {article for article in todo if article in known}


def read_batch(source: Store, article_ids: list[str], *, replaced: list[str] = (),
               ontology: Ontology | None = None) -> GraphBatch:
    """The rows `kg ingest` wrote for these articles, read back from `source`."""
    onto = ontology or load_ontology()
    params = {"ids": list(article_ids)}
    batch = GraphBatch(replaced=list(replaced))
    batch.articles = source.query(ARTICLE_ROWS, params).records()
    batch.sentences = source.query(SENTENCE_ROWS, params).records()
    entities: dict[str, dict[str, Any]] = {}
    for row in source.query(MENTION_ROWS, params).records():
        batch.mentions.append({"sentence": row["sentence"], "entity": row["id"], "text": row["text"]})
        if row["id"] not in entities:
            entities[row["id"]] = row
            label = _class_label(row["labels"], onto)
            batch.entities.setdefault(label, []).append(_entity_row(row, label))
    relations: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in source.query(RELATION_ROWS, params).records():
        keep = [i for i, article in enumerate(row["ev_article"]) if article == row["article"]]
        key = (row["type"], row["subject"], row["object"])
        out = relations.get(key)
        if out is None:
            out = relations[key] = {"subject": row["subject"], "object": row["object"],
                                    **{name: [] for name in EVIDENCE_LISTS}}
            batch.relations.setdefault(row["type"], []).append(out)
        for name in EVIDENCE_LISTS:
            out[name].extend(row[name][i] for i in keep)
        batch.assertions += len(keep)
    return batch


def _class_label(labels: list[str], onto: Ontology) -> str:
    """The entity's ontology class: its one concrete label besides Entity."""
    concrete = sorted(label for label in labels if label in onto.classes
                      and not onto.classes[label].abstract)
    if not concrete:
        from kg.errors import KgError

        raise KgError(f"an entity with labels {labels} has no ontology class")
    return concrete[0]


def _entity_row(row: dict[str, Any], label: str) -> dict[str, Any]:
    names = sorted({row["name"], *(row["aliases"] or ())} - {None})
    keys = row["keys"] if row["keys"] is not None else entity_keys(label, names)  # an older graph
    return {"id": row["id"], "name": row["name"], "names": names, "keys": keys,
            **{name: row[name] for name in _ENTITY_FIELDS}}
