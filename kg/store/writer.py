"""Writes GraphBatches with the shared statements, one transaction per batch.

    writer = GraphWriter(store)
    writer.known_hashes(["doc-1", "doc-2"])   # {"doc-1": "sha256:..."} for articles stored
    counts = writer.write(batch)              # WriteCounts(new_entities=3, ...)

Works with any store that has `query(cypher, params, write=)` and `execute([(cypher, params)])`.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Protocol

from kg.ontology import Ontology, load_ontology
from kg.store import statements as st
from kg.store.result import Result
from kg.store.rows import GraphBatch


class Store(Protocol):
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result: ...
    def execute(self, statements: list[tuple[str, dict[str, Any]]]) -> list[dict[str, int]]: ...


@dataclass
class WriteCounts:
    articles: int = 0
    sentences: int = 0
    assertions: int = 0
    new_entities: int = 0
    new_relationships: int = 0
    removed_relationships: int = 0


class GraphWriter:
    def __init__(self, store: Store, ontology: Ontology | None = None) -> None:
        self.store = store
        self.ontology = ontology or load_ontology()

    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str]:
        ids = list(article_ids)
        if not ids:
            return {}
        result = self.store.query(st.ARTICLE_HASHES, {"ids": ids})
        return {row[0]: row[1] for row in result.rows}

    def steps(self, batch: GraphBatch) -> list[tuple[str, str, dict[str, Any]]]:
        """The batch as (kind, statement, parameters), in the order they must run."""
        modalities = list(self.ontology.modalities)
        out: list[tuple[str, str, dict[str, Any]]] = []
        for article in batch.replaced:
            params = {"article": article, "modalities": modalities}
            out.extend((kind, statement, params) for kind, statement in
                       zip(("evidence-removal", "relation-removal", "orphan-removal", "sentence-removal"),
                           st.ARTICLE_REMOVAL))
        out.append(("article", st.ARTICLE_UPSERT, {"rows": batch.articles}))
        if batch.sentences:
            out.append(("sentence", st.SENTENCE_UPSERT, {"rows": batch.sentences}))
        for label, rows in sorted(batch.entities.items()):
            out.append(("entity", st.entity_upsert(self.ontology, label), {"rows": rows}))
        if batch.mentions:
            out.append(("mention", st.MENTION_UPSERT, {"rows": batch.mentions}))
        for relation, rows in sorted(batch.relations.items()):
            out.append(("relation", st.relation_upsert(self.ontology, relation),
                        {"rows": rows, "modalities": modalities}))
        return out

    def write(self, batch: GraphBatch) -> WriteCounts:
        """Write one batch as one transaction."""
        if not batch.articles:
            return WriteCounts()
        steps = self.steps(batch)
        stats = self.store.execute([(cypher, params) for _, cypher, params in steps])
        counts = WriteCounts(articles=len(batch.articles), sentences=len(batch.sentences),
                             assertions=batch.assertions)
        for (kind, _, _), stat in zip(steps, stats):
            if kind == "entity":
                counts.new_entities += stat.get("nodes_created", 0)
            elif kind == "relation":
                counts.new_relationships += stat.get("relationships_created", 0)
            elif kind == "relation-removal":
                counts.removed_relationships += stat.get("relationships_deleted", 0)
        return counts
