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

from kg.core.graph import GraphStore
from kg.core.ontology import Ontology, load_ontology
from kg.store.paging import Paged, id_key
from kg.store.readback import ARTICLES_PER_BATCH, read_batch
from kg.store.writer import GraphWriter, WriteCounts

_PAGE = 1000  # source articles compared with the target per round trip

_ARTICLES = Paged(match="MATCH (a:Article)", keys=(id_key("a"),), returns="a.content_hash AS content_hash")


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
        for name in ("sentences", "assertions", "new_entities", "new_relationships", "removed_relationships"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


def push(
    source: GraphStore,
    target: GraphStore,
    *,
    dry_run: bool = False,
    ontology: Ontology | None = None,
    on_batch: Callable[[PushReport], None] | None = None,
) -> PushReport:
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
            ids = todo[at : at + ARTICLES_PER_BATCH]
            batch = read_batch(source, ids, replaced=[i for i in ids if i in stored], ontology=onto)
            report._add(writer.write(batch))
            if on_batch is not None:
                on_batch(report)
    return report


def _changed(
    source: GraphStore, writer: GraphWriter, report: PushReport
) -> Iterator[tuple[list[str], set[str]]]:
    """Per page of source articles: the ids to push, and which of them the target holds."""
    for rows in _ARTICLES.pages(source, _PAGE):
        report.checked += len(rows)
        known = writer.known_hashes(row["k0"] for row in rows)
        todo = [row["k0"] for row in rows if known.get(row["k0"]) != row["content_hash"]]
        report.unchanged += len(rows) - len(todo)
        if todo:
            yield todo, {article for article in todo if article in known}
