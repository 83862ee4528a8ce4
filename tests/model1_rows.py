"""Graph model 1 (kept to build old graphs in tests of `kg migrate`), as kg wrote it before claims.
Resolved assertions -> the parameter rows of the write statements (kg/store/statements.py).

batch = GraphBatch()
batch.add(document, assertions)     # any number of articles
batch.entities["Country"]           # [{"id": "country:KAZ", "name": ..., "keys": [...]}, ...]
batch.relations["SENT_TROOPS_TO"]   # one row per (subject, object), evidence as lists
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from kg.core.keys import entity_keys
from kg.core.model import Argument, Assertion, Document, id_problem

# json.dumps(record, ensure_ascii=False, sort_keys=True), without building an encoder per call
_evidence_json = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


# The parallel evidence lists of a relation row, one item per supporting sentence.
EVIDENCE_LISTS = (
    "sentence_ids",
    "ev_article",
    "ev_confidence",
    "ev_date",
    "ev_modality",
    "ev_role",
    "evidence",
)


def content_hash(document: Document) -> str:
    """What decides whether an article changed: its text and the metadata the graph shows."""
    parts = (document.text, document.title or "", document.url or "", document.published or "")
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def sentence_id(doc_id: str, index: int) -> str:
    return f"{doc_id}#{index}"


@dataclass
class GraphBatch:
    """The rows of one write transaction, grouped as the statements take them."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> rows
    relations: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # type -> rows
    replaced: list[str] = field(default_factory=list)  # article ids whose old evidence goes first
    assertions: int = 0
    # (type, subject, object) -> its row in `relations`; entity id -> its row in `entities`
    _relation_rows: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict, repr=False)
    _entity_rows: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)
    _entity_types: dict[str, str] = field(default_factory=dict, repr=False)

    def __len__(self) -> int:
        return len(self.articles)

    def problems(self) -> dict[str, str]:
        """Article id -> why it cannot be stored (an id of its own, or of an entity it names,
        that the engine cannot index: see `id_problem`)."""
        out: dict[str, str] = {}
        for row in self.articles:
            problem = id_problem(row["id"])
            if problem:
                out[row["id"]] = f"its id {problem}"
        bad_entities = {
            row["id"]: id_problem(row["id"])
            for rows in self.entities.values()
            for row in rows
            if id_problem(row["id"])
        }
        if bad_entities:
            sentence_article = {row["id"]: row["article"] for row in self.sentences}
            for row in self.mentions:
                problem = bad_entities.get(row["entity"])
                if problem:
                    article = sentence_article[row["sentence"]]
                    out.setdefault(article, f"the id of entity {row['entity'][:60]!r} {problem}")
        return out

    def split(self) -> list[GraphBatch]:
        """One batch per article, each with the rows that article needs (its sentences,
        mentions, the entities they name, and its own evidence items)."""
        by_article: dict[str, GraphBatch] = {}
        for row in self.articles:
            part = by_article[row["id"]] = GraphBatch(articles=[row])
            if row["id"] in self.replaced:
                part.replaced.append(row["id"])
        sentence_article = {row["id"]: row["article"] for row in self.sentences}
        for row in self.sentences:
            by_article[row["article"]].sentences.append(row)
        entity_rows = {row["id"]: (label, row) for label, rows in self.entities.items() for row in rows}
        for row in self.mentions:
            part = by_article[sentence_article[row["sentence"]]]
            part.mentions.append(row)
            label, entity = entity_rows[row["entity"]]
            if row["entity"] not in part._entity_rows:
                part._entity_rows[row["entity"]] = entity
                part.entities.setdefault(label, []).append(entity)
        for relation, rows in self.relations.items():
            for row in rows:
                for i, article in enumerate(row["ev_article"]):
                    part = by_article[article]
                    key = (relation, row["subject"], row["object"])
                    out = part._relation_rows.get(key)
                    if out is None:
                        out = part._relation_rows[key] = {
                            "subject": row["subject"],
                            "object": row["object"],
                            **{name: [] for name in EVIDENCE_LISTS},
                        }
                        part.relations.setdefault(relation, []).append(out)
                    for name in EVIDENCE_LISTS:
                        out[name].append(row[name][i])
                    part.assertions += 1
        return list(by_article.values())

    def add(self, document: Document, assertions: list[Assertion], *, replaces: bool = False) -> None:
        if replaces:
            self.replaced.append(document.id)
        sentences: dict[int, Assertion] = {}
        mentions: dict[tuple[str, str], str] = {}
        for a in assertions:
            sentences.setdefault(a.sentence.index, a)
            sid = sentence_id(document.id, a.sentence.index)
            for arg in (a.subject, a.object):
                self._entity(arg)
                mentions.setdefault((sid, arg.entity.id), arg.mention.text)
            self._relation(a, sid)
        self.assertions += len(assertions)
        self.articles.append(
            {
                "id": document.id,
                "title": document.title,
                "url": document.url,
                "published": document.published,
                "source": document.source,
                "path": document.path,
                "content_hash": content_hash(document),
                "sentences": len(sentences),
                "ingested": datetime.now(UTC).isoformat(timespec="seconds"),
            }
        )
        for index, a in sorted(sentences.items()):
            s = a.sentence
            self.sentences.append(
                {
                    "id": sentence_id(document.id, index),
                    "article": document.id,
                    "text": s.text,
                    "index": index,
                    "start": s.start,
                    "end": s.end,
                }
            )
        self.mentions.extend(
            {"sentence": sid, "entity": eid, "text": text} for (sid, eid), text in mentions.items()
        )

    def rename(self, entity_id: str, name: str) -> None:
        """Give the stored node `entity_id` the name `name`, its old name becoming an alias
        (entity resolution found a fuller name for it: kg/resolution/stage.py)."""
        row = self._entity_rows[entity_id]
        row["rename"] = name
        row["names"] = sorted({*row["names"], name})
        row["keys"] = entity_keys(self._entity_types[entity_id], row["names"])

    def _entity(self, arg: Argument) -> None:
        """One row per entity id in the batch; later mentions only add names."""
        e = arg.entity
        row = self._entity_rows.get(e.id)
        if row is not None:
            names = {*row["names"], e.name, *e.aliases}
            if len(names) > len(row["names"]):
                row["names"] = sorted(names)
                row["keys"] = entity_keys(e.type, row["names"])
            return
        sorted_names = sorted({e.name, *e.aliases})
        row = {
            "id": e.id,
            "name": e.name,
            "names": sorted_names,
            "keys": entity_keys(e.type, sorted_names),
            "iso3": e.iso3,
            "wikidata": e.wikidata,
            "geonames": e.geonames,
            "country": e.country,
            "sector": e.sector,
        }
        self._entity_types[e.id] = e.type
        self._entity_rows[e.id] = row
        self.entities.setdefault(e.type, []).append(row)

    def _relation(self, a: Assertion, sid: str) -> None:
        q = a.qualifiers
        rows = self.relations.setdefault(a.predicate, [])
        key = (a.subject.entity.id, a.object.entity.id)
        row = self._relation_rows.get((a.predicate, *key))
        if row is None:
            row = {"subject": key[0], "object": key[1], **{name: [] for name in EVIDENCE_LISTS}}
            self._relation_rows[(a.predicate, *key)] = row
            rows.append(row)
        row["sentence_ids"].append(sid)
        row["ev_article"].append(a.doc)
        row["ev_confidence"].append(round(float(a.confidence), 3))
        row["ev_date"].append(q.date or "")
        row["ev_modality"].append(q.modality)
        row["ev_role"].append(q.role or "")
        row["evidence"].append(_evidence_json(evidence_record(a)))


def evidence_record(a: Assertion) -> dict[str, Any]:
    """Everything the graph keeps of one assertion beyond its triple, for exports and audits."""
    q = a.qualifiers
    record: dict[str, Any] = {
        "article": a.doc,
        "sentence": a.sentence.index,
        "rule": a.rule,
        "confidence": round(float(a.confidence), 3),
        "modality": q.modality,
        "subject_text": a.subject.mention.text,
        "subject_start": a.subject.mention.start,
        "subject_end": a.subject.mention.end,
        "object_text": a.object.mention.text,
        "object_start": a.object.mention.start,
        "object_end": a.object.mention.end,
    }
    for name in ("attributed_to", "date", "count", "role", "location"):
        value = getattr(q, name)
        if value is not None:
            record[name] = value
    if q.former:
        record["former"] = True
    return record


def write_model1(store, *articles) -> None:
    """Write articles (Document, [Assertion]) with graph model 1's statements, as kg did."""
    import model1_statements as st

    from kg.core.ontology import load_ontology

    onto = load_ontology()
    batch = GraphBatch()
    for document, assertions in articles:
        batch.add(document, assertions)
    modalities = list(onto.modalities)
    steps = [
        (st.ARTICLE_UPSERT, {"rows": batch.articles, "token": "t"}),
        (st.SENTENCE_UPSERT, {"rows": batch.sentences}),
    ]
    steps += [
        (st.entity_upsert(onto, label), {"rows": rows}) for label, rows in sorted(batch.entities.items())
    ]
    steps.append((st.MENTION_UPSERT, {"rows": batch.mentions}))
    steps += [
        (st.relation_upsert(onto, relation), {"rows": rows, "modalities": modalities})
        for relation, rows in sorted(batch.relations.items())
    ]
    steps.append(
        (
            st.ARTICLE_COMMIT,
            {
                "rows": [{"id": r["id"], "content_hash": r["content_hash"]} for r in batch.articles],
                "token": "t",
            },
        )
    )
    store.execute(steps)
