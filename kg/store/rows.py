"""Resolved assertions -> the parameter rows of the write statements (kg/store/statements.py).

    batch = GraphBatch()
    batch.add(document, assertions)     # any number of articles
    batch.entities["Country"]           # [{"id": "country:KAZ", "name": ..., "keys": [...]}, ...]
    batch.claims                        # one row per supported assertion per sentence
    batch.relation_rows()["SENT_TROOPS_TO"]   # the claims of one type, as its statement takes them
    batch.mention_rows(), batch.pair_rows()   # article -> entity, and co-mentions per article

Every row is a whole fact about one article, so a batch splits by article (`split`), and what a
statement adds for an article (a claim, an increment) is what its removal takes back.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from typing import Any

from kg.core.keys import entity_keys
from kg.core.model import ENTITY_EXTRAS, Argument, Assertion, Document, id_problem, mention_row, qualifier_row
from kg.store.properties import FIRST_SENTENCES


def content_hash(document: Document) -> str:
    """What decides whether an article changed: its text and the metadata the graph shows."""
    parts = (document.text, document.title or "", document.url or "", document.published or "")
    return "sha256:" + hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def sentence_id(doc_id: str, index: int) -> str:
    return f"{doc_id}#{index}"


def claim_id(sid: str, number: int) -> str:
    """The `number`th claim (from 0) of sentence `sid`: "a1#3:0"."""
    return f"{sid}:{number}"


@dataclass
class GraphBatch:
    """The rows of one write transaction."""

    articles: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)  # CLAIM rows (kg/store/properties.py)
    entities: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # label -> rows
    replaced: list[str] = field(default_factory=list)  # article ids whose old claims go first
    assertions: int = 0
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
            for claim in self.claims:
                for entity in (claim["subject"], claim["object"]):
                    problem = bad_entities.get(entity)
                    if problem:
                        out.setdefault(claim["article"], f"the id of entity {entity[:60]!r} {problem}")
        return out

    def split(self) -> list[GraphBatch]:
        """One batch per article, each with the rows that article needs (its sentences, claims
        and the entities they name)."""
        parts: dict[str, GraphBatch] = {}
        for row in self.articles:
            part = parts[row["id"]] = GraphBatch(articles=[row])
            if row["id"] in self.replaced:
                part.replaced.append(row["id"])
        for row in self.sentences:
            parts[row["article"]].sentences.append(row)
        entity_rows = {row["id"]: (label, row) for label, rows in self.entities.items() for row in rows}
        for claim in self.claims:
            part = parts[claim["article"]]
            part.claims.append(claim)
            part.assertions += 1
            for entity in (claim["subject"], claim["object"]):
                if entity not in part._entity_rows:
                    label, row = entity_rows[entity]
                    part._entity_rows[entity] = row
                    part.entities.setdefault(label, []).append(row)
        return list(parts.values())

    def add(self, document: Document, assertions: list[Assertion], *, replaces: bool = False) -> None:
        if replaces:
            self.replaced.append(document.id)
        sentences: dict[int, Assertion] = {}
        seen: set[tuple[str, str, str, str]] = set()  # one claim per assertion per sentence
        numbers: dict[str, int] = {}
        for a in assertions:
            sentences.setdefault(a.sentence.index, a)
            sid = sentence_id(document.id, a.sentence.index)
            key = (sid, a.predicate, a.subject.entity.id, a.object.entity.id)
            if key in seen:
                continue
            seen.add(key)
            for arg in (a.subject, a.object):
                self._entity(arg)
            number = numbers.get(sid, 0)
            numbers[sid] = number + 1
            self.claims.append(claim_row(a, claim_id(sid, number), sid))
            self.assertions += 1
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

    def rename(self, entity_id: str, name: str) -> None:
        """Give the stored node `entity_id` the name `name`, its old name becoming an alias
        (entity resolution found a fuller name for it: kg/resolution/stage.py)."""
        row = self._entity_rows[entity_id]
        row["rename"] = name
        row["names"] = sorted({*row["names"], name})
        row["keys"] = entity_keys(self._entity_types[entity_id], row["names"])

    # -- the rows of the statements that take claims ---------------------------------------
    def relation_rows(self, modalities: tuple[str, ...] | list[str]) -> dict[str, list[dict[str, Any]]]:
        """Relation type -> one row per (subject, object): its claims, and what the
        relationship's summaries grow by (`mentions`, `articles`) or are compared with
        (`confidence`, dates, `modality`, `roles`, `first_sentences`). One row per relationship because
        FalkorDB's MERGE folds rows that would create the same relationship into one."""
        published = {row["id"]: row["published"] for row in self.articles}
        rank = {m: i for i, m in enumerate(modalities)}
        grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
        for claim in self.claims:
            grouped.setdefault((claim["relation"], claim["subject"], claim["object"]), []).append(claim)
        out: dict[str, list[dict[str, Any]]] = {}
        for (relation, subject, obj), claims in grouped.items():
            out.setdefault(relation, []).append(
                {
                    "subject": subject,
                    "object": obj,
                    "claims": claims,
                    **relation_summaries(claims, published, rank),
                }
            )
        return out

    def entity_ids(self) -> list[str]:
        """The ids of the batch's entities, sorted."""
        return sorted({row["id"] for rows in self.entities.values() for row in rows})

    def entity_rows(self, events: set[str] | frozenset[str]) -> dict[str, list[dict[str, Any]]]:
        """Label -> the entity rows, each with what its counters grow by: `mentions` (claims
        naming it, as subject or object) and `event_mentions` (claims of a relation in
        `events` with it as subject)."""
        mentions: Counter[str] = Counter()
        event_mentions: Counter[str] = Counter()
        for claim in self.claims:
            mentions[claim["subject"]] += 1
            mentions[claim["object"]] += 1
            if claim["relation"] in events:
                event_mentions[claim["subject"]] += 1
        return {
            label: [
                {**row, "mentions": mentions[row["id"]], "event_mentions": event_mentions[row["id"]]}
                for row in rows
            ]
            for label, rows in self.entities.items()
        }

    def mention_rows(self) -> list[dict[str, Any]]:
        """(article, entity, sentence indexes) for every entity an article's claims name."""
        found: dict[tuple[str, str], set[int]] = {}
        index = {row["id"]: row["index"] for row in self.sentences}
        for claim in self.claims:
            for entity in (claim["subject"], claim["object"]):
                found.setdefault((claim["article"], entity), set()).add(index[claim["sentence"]])
        return [
            {"article": article, "entity": entity, "sentences": sorted(indexes)}
            for (article, entity), indexes in found.items()
        ]

    def pair_rows(self, mentions: list[dict[str, Any]] | None = None) -> list[dict[str, Any]]:
        """Every two entities named in one sentence (a < b by id): in how many sentences and
        articles of the batch, what their CO_MENTIONED grows by."""
        pairs: dict[tuple[str, str], dict[str, Any]] = {}
        for rows in by_article(self.mention_rows() if mentions is None else mentions).values():
            rows.sort(key=lambda r: r["entity"])
            for x, y in combinations(rows, 2):
                shared = len(set(x["sentences"]) & set(y["sentences"]))
                if shared:
                    pair = pairs.setdefault(
                        (x["entity"], y["entity"]),
                        {"a": x["entity"], "b": y["entity"], "sentences": 0, "articles": 0},
                    )
                    pair["sentences"] += shared
                    pair["articles"] += 1
        return list(pairs.values())

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
            **{n: getattr(e, n) for n in ENTITY_EXTRAS},
        }
        self._entity_types[e.id] = e.type
        self._entity_rows[e.id] = row
        self.entities.setdefault(e.type, []).append(row)


def claim_row(a: Assertion, cid: str, sid: str) -> dict[str, Any]:
    """Everything the graph keeps of one assertion in one sentence: a Claim node's properties
    (kg/store/properties.py CLAIM) and its links (`sentence`, `subject`, `object`)."""
    return {
        "id": cid,
        "relation": a.predicate,
        "subject": a.subject.entity.id,
        "object": a.object.entity.id,
        "article": a.doc,
        "sentence": sid,
        **qualifier_row(a.qualifiers),
        "confidence": round(float(a.confidence), 3),
        "rule": a.rule,
        **mention_row("subject", a.subject.mention),
        **mention_row("object", a.object.mention),
    }


def by_article(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Rows that carry an `article`, grouped by it (in their order)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        out.setdefault(row["article"], []).append(row)
    return out


def relation_summaries(
    claims: list[dict[str, Any]], published: dict[str, str | None], rank: dict[str, int]
) -> dict[str, Any]:
    """What a relationship's summaries (kg/store/properties.py RELATION) are for these claim
    rows: `published` gives each article's date, `rank` each modality's place (most factual
    first)."""
    dates = [c["date"] for c in claims if c["date"]]
    days = [day for c in claims if (day := published.get(c["article"]))]
    modalities = sorted({c["modality"] for c in claims}, key=lambda m: rank.get(m, len(rank)))
    return {
        "mentions": len(claims),
        "articles": len({c["article"] for c in claims}),
        "confidence": max((c["confidence"] for c in claims), default=0.0),
        "first_date": min(dates, default=None),
        "last_date": max(dates, default=None),
        "first_published": min(days, default=None),
        "last_published": max(days, default=None),
        "modality": modalities[0] if modalities else None,
        "modalities": modalities,
        "roles": list(dict.fromkeys(c["role"] for c in claims if c["role"])),
        "first_sentences": sorted({c["sentence"] for c in claims})[:FIRST_SENTENCES],
    }
