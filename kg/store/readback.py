"""Read the property graph back into kg's records: assertions, and the rows of articles.

    for a in graph_assertions(store):            # one Assertion per evidence item (exports)
        ...
    batch = read_batch(store, ["doc-1", "doc-2"])   # the GraphBatch `kg ingest` wrote for them

Reads are keyset-paged (kg/store/paging.py), plain Cypher that runs on FalkorDB and on
Neo4j 5, sent through `store.query` only, so any kg store works. Pages are separate reads,
not one snapshot: an article re-ingested meanwhile may show its old evidence in one page and
its new evidence in a later one, and evidence whose sentence was removed between two reads
is left out rather than returned without its text.
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from kg.errors import KgError
from kg.model import Argument, Assertion, Entity, Mention, Qualifiers, SentenceRef
from kg.ontology import Ontology, load_ontology
from kg.resolution.keys import entity_keys
from kg.store.base import GraphStore
from kg.store.paging import DEFAULT_PAGE_SIZE, Paged, id_key
from kg.store.rows import EVIDENCE_LISTS, GraphBatch, sentence_id

# The optional properties of an entity node, as the writer sets them (kg/store/rows.py).
_ENTITY_EXTRAS = ("iso3", "wikidata", "geonames", "country", "sector")
_ENTITY_FIELDS = ("name", "aliases", *_ENTITY_EXTRAS)


def _entity_returns(var: str) -> str:
    return ", ".join([f"labels({var}) AS {var}_labels"] +
                     [f"{var}.{name} AS {var}_{name}" for name in _ENTITY_FIELDS])


_RELATIONS = Paged(
    match="MATCH (s:Entity)-[r]->(o:Entity)",
    keys=(id_key("s"), "type(r)", id_key("o")),
    returns=f"{_entity_returns('s')}, {_entity_returns('o')}, r.evidence AS evidence",
)

# Sentences (with their article) by id; the ids come from a page of evidence.
_SENTENCES = """
UNWIND $ids AS sid
MATCH (s:Sentence {id: sid})
OPTIONAL MATCH (a:Article)-[:HAS_SENTENCE]->(s)
RETURN s.id AS sid, s.text AS s_text, s.start AS s_start, s.end AS s_end,
       a.title AS a_title, a.url AS a_url, a.published AS a_published
"""


# -- assertions ------------------------------------------------------------------------------

def graph_assertions(store: GraphStore, page_size: int = DEFAULT_PAGE_SIZE, *,
                     ontology: Ontology | None = None) -> Iterator[Assertion]:
    """Every assertion the graph holds: one per evidence item of every relationship between
    two entities, rebuilt from the item's evidence record (rule, confidence, qualifiers,
    mention texts and offsets), its Sentence node (text, index, offsets) and its Article
    (title, url, published).

    Relationships come `page_size` at a time, ordered by (subject id, type, object id); the
    assertions of one relationship keep the order its evidence was added in. A relationship
    whose evidence is not kg's evidence records raises KgError."""
    for page in assertion_pages(store, page_size, ontology or load_ontology()):
        yield from page


def assertion_pages(store: GraphStore, page_size: int, onto: Ontology) -> Iterator[list[Assertion]]:
    """The assertions of one page of relationships at a time."""
    for rows in _RELATIONS.pages(store, page_size):
        items = []  # (subject, predicate, object, evidence record)
        for row in rows:
            subject, obj = _entity(row, "s", onto), _entity(row, "o", onto)
            for record in _records(row):
                items.append((subject, row["k1"], obj, record))
        sentences = _sentences(store, {sentence_id(rec["article"], rec["sentence"])
                                       for *_, rec in items}, page_size)
        page = []
        for subject, predicate, obj, rec in items:
            sentence = sentences.get(sentence_id(rec["article"], rec["sentence"]))
            if sentence is not None:  # None: removed since the relationship was read
                page.append(_assertion(subject, predicate, obj, rec, sentence))
        yield page


def _entity(row: dict[str, Any], var: str, onto: Ontology) -> Entity:
    entity_id = row["k0" if var == "s" else "k2"]
    labels = [label for label in row[f"{var}_labels"] or () if label != "Entity"]
    concrete = sorted(label for label in labels
                      if label in onto.classes and not onto.classes[label].abstract)
    # The writer gives each entity exactly one class label; anything else is passed on and
    # left for the RDF export to reject by name.
    type_ = (concrete or labels or ["Entity"])[0]

    def value(name: str) -> Any:
        return row.get(f"{var}_{name}")

    return Entity(id=entity_id, name=value("name") or entity_id, type=type_,
                  aliases=tuple(value("aliases") or ()), iso3=value("iso3"),
                  wikidata=value("wikidata"), geonames=value("geonames"),
                  country=value("country"), sector=value("sector"))


_RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "article": str, "sentence": int, "rule": str, "confidence": (int, float),
    "subject_text": str, "subject_start": int, "subject_end": int,
    "object_text": str, "object_start": int, "object_end": int}


def _records(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The relationship's evidence records (kg/store/rows.py: evidence_record), checked."""
    where = f"({row['k0']})-[:{row['k1']}]->({row['k2']})"
    records = []
    for item in row.get("evidence") or ():
        try:
            record = json.loads(item)
        except (TypeError, ValueError):
            raise KgError(f"relationship {where} has evidence that is not JSON: {item!r:.200}") from None
        if not isinstance(record, dict):
            raise KgError(f"relationship {where} has evidence that is not a record: {item!r:.200}")
        for name, kind in _RECORD_FIELDS.items():
            if not isinstance(record.get(name), kind) or isinstance(record.get(name), bool):
                raise KgError(f"relationship {where} has an evidence record without a valid "
                              f"{name!r}: {item!r:.200}")
        records.append(record)
    return records


def _sentences(store: GraphStore, ids: set[str], page_size: int) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    ordered = sorted(ids)
    for at in range(0, len(ordered), page_size):
        for row in store.query(_SENTENCES, {"ids": ordered[at:at + page_size]}).records():
            found[row["sid"]] = row
    return found


def _assertion(subject: Entity, predicate: str, obj: Entity, rec: dict[str, Any],
               sentence: dict[str, Any]) -> Assertion:
    qualifiers = Qualifiers(
        modality=rec.get("modality") or "asserted", attributed_to=rec.get("attributed_to"),
        date=rec.get("date"), count=rec.get("count"), role=rec.get("role"),
        former=bool(rec.get("former", False)), location=rec.get("location"))
    return Assertion(
        doc=rec["article"], predicate=predicate,
        subject=Argument(subject, Mention(rec["subject_text"], rec["subject_start"], rec["subject_end"])),
        object=Argument(obj, Mention(rec["object_text"], rec["object_start"], rec["object_end"])),
        sentence=SentenceRef(rec["sentence"], sentence["s_text"] or "", sentence["s_start"],
                             sentence["s_end"]),
        rule=rec["rule"], confidence=float(rec["confidence"]), qualifiers=qualifiers,
        title=sentence["a_title"], url=sentence["a_url"], published=sentence["a_published"])


# -- the rows of articles (push, the cypher-shell export) -------------------------------

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

def read_batch(source: GraphStore, article_ids: list[str], *, replaced: Sequence[str] = (),
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
            **{name: row[name] for name in _ENTITY_EXTRAS}}
