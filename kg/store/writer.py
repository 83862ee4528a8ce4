"""Writes GraphBatches with the shared statements: all of an article, or none of it.

    writer = GraphWriter(store)
    writer.known_hashes(["doc-1", "doc-2"])   # {"doc-1": "sha256:..."} for articles stored whole
    counts = writer.write(batch)              # WriteCounts(new_entities=3, ..., failed=[...])

The graph model is kg/store/statements.py's (claims as nodes, summaries kept by increment);
a graph of an older model is refused (kg/store/model.py: `kg migrate` upgrades it).

A batch is one transaction (FalkorDB: MULTI/EXEC; Neo4j: a managed transaction). Every
article of it first loses what an earlier version left, then is written with its content
hash cleared, and the transaction's last statement (COMMIT) sets the hash of each article
that holds all it should: an article is stored whole, with its hash, or not at all, even
when the engine dies or its disk fills up. FalkorDB does not roll back the other statements
of a MULTI/EXEC when one fails, so a failed batch is written again article by article: the
articles that succeed land whole, the one that fails is removed again and reported in
`WriteCounts.failed`. An article without a hash is written again by the next ingest.

Works with any kg store (kg/store/base.py: GraphStore).
"""

from __future__ import annotations

import contextlib
import gc
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from kg.core.graph import GraphStore, QueryError
from kg.core.ontology import Ontology, load_ontology
from kg.store import statements as st
from kg.store.rows import GraphBatch
from kg.store.version import require_current_model


@dataclass
class WriteCounts:
    articles: int = 0
    sentences: int = 0
    assertions: int = 0
    new_entities: int = 0
    new_relationships: int = 0
    removed_relationships: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (article id, why), not stored

    def add(self, other: WriteCounts) -> None:
        for name in (
            "articles",
            "sentences",
            "assertions",
            "new_entities",
            "new_relationships",
            "removed_relationships",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.failed.extend(other.failed)


@dataclass(frozen=True)
class StoredArticle:
    content_hash: str | None  # None: an earlier write of it did not finish
    path: str | None  # the file its id was made from, if it was


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a batch's rows and parameter text are built: they
    are hundreds of thousands of small objects without cycles, and each collection it would
    start scans every object of the process (a loaded spaCy pipeline is millions), which
    doubled the time of building them."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class GraphWriter:
    def __init__(self, store: GraphStore, ontology: Ontology | None = None) -> None:
        self.store = store
        self.ontology = ontology or load_ontology()
        self.checked_model = False

    def known_articles(self, article_ids: Iterable[str]) -> dict[str, StoredArticle]:
        """What the graph holds of these article ids (absent: not stored)."""
        ids = list(article_ids)
        if not ids:
            return {}
        result = self.store.query(st.ARTICLE_HASHES, {"ids": ids})
        return {row[0]: StoredArticle(row[1], row[2]) for row in result.rows}

    def known_hashes(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        """Content hash per stored article id (None: stored, but not whole)."""
        return {k: v.content_hash for k, v in self.known_articles(article_ids).items()}

    def steps(self, batch: GraphBatch, token: str) -> list[tuple[str, str, dict[str, Any]]]:
        """The batch as (kind, statement, parameters), in the order they must run."""
        return st.batch_statements(batch, token, self.ontology)

    def write(self, batch: GraphBatch) -> WriteCounts:
        """Write one batch; articles that cannot be written are in the result's `failed`."""
        if not batch.articles:
            return WriteCounts()
        if not self.checked_model:
            self.store.ensure_schema()  # a graph that does not exist yet is created empty
            require_current_model(self.store)  # never mixes claims into a graph of model 1
            self.checked_model = True
        refused = batch.problems()
        if refused:  # never sent: an id the engine cannot index would crash it
            counts = WriteCounts(failed=sorted(refused.items()))
            for part in batch.split():
                if part.articles[0]["id"] not in refused:
                    counts.add(self.write(part))
            return counts
        try:
            return self._write_whole(batch)
        except QueryError as exc:
            if len(batch.articles) == 1:
                self._remove(batch)
                return WriteCounts(failed=[(batch.articles[0]["id"], str(exc))])
        counts = WriteCounts()
        for part in batch.split():  # redo article by article: the clean ones land whole
            counts.add(self.write(part))
        self._recount(batch)  # the whole batch's entity statement counted claims it never wrote
        return counts

    def _write_whole(self, batch: GraphBatch) -> WriteCounts:
        token = uuid.uuid4().hex
        with _collector_paused():
            steps = self.steps(batch, token)
            stats = self.store.execute([(cypher, params) for _, cypher, params in steps])
        counts = WriteCounts(
            articles=len(batch.articles), sentences=len(batch.sentences), assertions=batch.assertions
        )
        for (kind, _, _), stat in zip(steps, stats):
            if kind == "entity":
                counts.new_entities += stat.get("nodes_created", 0)
            elif kind == "relation":  # besides each claim's HAS_CLAIM, SUBJECT and OBJECT
                counts.new_relationships += stat.get("relationships_created", 0) - len(
                    st.CLAIM_TYPES
                ) * stat.get("nodes_created", 0)
            elif kind == "relation-removal":
                counts.removed_relationships += stat.get("relationships_deleted", 0)
        return counts

    def _recount(self, batch: GraphBatch) -> None:
        """Count the counters of the batch's entities again from the claims stored."""
        try:
            self.store.execute(
                [
                    (
                        st.ENTITY_RECOUNT,
                        {"entities": batch.entity_ids(), "events": st.event_relations(self.ontology)},
                    )
                ]
            )
        except QueryError:
            pass  # the counters stay as they are; the next failed write of them counts again

    def _remove(self, batch: GraphBatch) -> None:
        """Take out whatever a failed write left of the batch's articles."""
        articles = [row["id"] for row in batch.articles]
        params = {
            "articles": articles,
            "entities": batch.entity_ids(),
            "modalities": list(self.ontology.modalities),
            "events": st.event_relations(self.ontology),
        }
        steps = [(statement, params) for _, statement in st.FAILED_ARTICLE_REMOVAL]
        try:
            self.store.execute([*steps, (st.ARTICLE_DELETE, {"articles": articles})])
        except QueryError:
            pass  # its hash is not set, so the next ingest removes and rewrites it anyway
