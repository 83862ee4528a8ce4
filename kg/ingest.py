"""The ingest job: articles in, graph written, in batches, skipping what is already stored.

    from kg.ingest import ingest_paths
    from kg.store import open_store
    with open_store() as store:
        report = ingest_paths(["articles/"], store)
    report.to_dict()   # {"articles": 12, "unchanged": 3, "assertions": 140, ...}

An article whose content hash is already stored is skipped before parsing; one whose text
changed replaces its own evidence. Each article lands whole or not at all (kg/store/writer.py):
an article the graph refuses is reported with its file and line, and the others of its batch
are stored. An article whose id was made from its file name is not replaced by a different
file of the same name from another folder: that is reported too.

Before each batch is written, its entities are resolved against the nodes the graph already
holds (kg/resolution: "Ruiz" onto Ana Ruiz's node, "CSTO" onto the Collective Security
Treaty Organisation's); the report counts the entities so merged and lists the names left
apart because they fit several people.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields
from typing import Any, BinaryIO, TextIO

from kg.errors import InputError
from kg.extraction import unique_documents
from kg.model import Assertion, Document
from kg.resolution.lookup import ensure_keys
from kg.resolution.stage import AmbiguousName, BatchResolution, resolve_batch
from kg.store.base import GraphStore
from kg.store.rows import GraphBatch, content_hash
from kg.store.writer import GraphWriter, WriteCounts

# Assertions per write transaction. Measured (bench/write.py, 20k assertions, one run):
# 500 -> 6.0k assertions/s, 1,000 -> 8.0k, 2,000 -> 9.4k, 4,000 -> 11.3k. A batch sends one
# statement per entity class and relation type (up to ~35 texts), more than FalkorDB's
# default plan cache holds (25), so every statement is planned again and larger batches pay
# that less often; with a larger cache (CACHE_SIZE 100) 500 to 4,000 all give 10.5-11.8k/s.
# 2,000 keeps most of the gain while a transaction stays short (~0.2 s, readers wait for
# it) and a failed batch costs little to redo. Articles per batch caps the articles that
# yield few assertions (the Article and Sentence rows still add up).
BATCH_ASSERTIONS = 2000
BATCH_ARTICLES = 400
_HASH_LOOKUP = 64  # articles whose stored hashes are fetched in one query
SAME_NAME = ("its id {id!r} (the file name) is already stored from {other}, a different file; "
             "rename one of them, or give ids in a JSONL file; skipped")


@dataclass
class IngestReport:
    articles: int = 0  # written: new plus replaced
    new_articles: int = 0
    replaced: int = 0
    unchanged: int = 0  # skipped: the same content is already stored
    sentences: int = 0
    assertions: int = 0
    new_entities: int = 0
    new_relationships: int = 0
    removed_relationships: int = 0
    merged_entities: int = 0  # entities written onto a node of another id (kg/resolution)
    ambiguous_names: list[AmbiguousName] = field(default_factory=list)  # kept apart, see there
    errors: list[InputError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "errors"}
        data["skipped_inputs"] = [str(e) for e in self.errors]
        data["ambiguous_names"] = [{"name": a.name, "type": a.type, "candidates": list(a.candidates)}
                                   for a in self.ambiguous_names]
        return data

    def _resolved(self, resolution: BatchResolution) -> None:
        self.merged_entities += len(resolution.merges)
        known = {(a.name, a.candidates) for a in self.ambiguous_names}
        self.ambiguous_names += [a for a in resolution.ambiguous if (a.name, a.candidates) not in known]

    def _add(self, counts: WriteCounts) -> None:
        for name in ("articles", "sentences", "assertions", "new_entities", "new_relationships",
                     "removed_relationships"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


def ingest_paths(paths: Iterable[str], store: GraphStore, *, workers: int = 1,
                 batch_assertions: int = BATCH_ASSERTIONS, report: IngestReport | None = None,
                 stdin: TextIO | BinaryIO | None = None,
                 on_error: Callable[[InputError], None] | None = None,
                 on_article: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and write every article under `paths`; bad inputs go to `report.errors`."""
    report = report if report is not None else IngestReport()
    writer = GraphWriter(store)
    store.ensure_schema()  # the graph exists (and is indexed) before the first look-up
    documents = unique_documents(paths, errors=report.errors, stdin=stdin, on_error=on_error)
    stored: dict[str, bool] = {}  # article id -> it replaces a stored version
    where: dict[str, str] = {}  # article id -> its input position, for messages
    replaces: dict[str, bool] = {}  # article id -> it replaced a stored version (extracted ones)

    def fail(error: InputError) -> None:
        report.errors.append(error)
        if on_error is not None:
            on_error(error)

    def changed() -> Iterator[Document]:
        for chunk in _chunks(documents, _HASH_LOOKUP):
            known = writer.known_articles(d.id for d in chunk)
            for document in chunk:
                old = known.get(document.id)
                if old is not None and old.content_hash == content_hash(document):
                    report.unchanged += 1
                    if on_article is not None:
                        on_article(report)
                    continue
                if old is not None and document.path and old.path and old.path != document.path:
                    fail(InputError(document.where or document.path, SAME_NAME.format(
                        id=document.id, other=old.path)))
                    continue
                stored[document.id] = old is not None
                where[document.id] = document.where or document.source or document.id
                yield document

    def write(batch: GraphBatch) -> None:
        counts = writer.write(batch)
        report._add(counts)
        for article, why in counts.failed:
            if replaces.get(article):
                report.replaced -= 1
            else:
                report.new_articles -= 1
            fail(InputError(where.get(article, article), f"not stored: {why}"))

    todo = changed()
    first = next(todo, None)
    if first is None:  # nothing new: spaCy is never loaded
        return report
    from kg.loaders.extractor import Extractor

    def resolve_and_write(articles: list[tuple[Document, list[Assertion]]]) -> None:
        """Entities onto the nodes the graph holds (kg/resolution), then one write."""
        resolution = resolve_batch(articles, store)
        report._resolved(resolution)
        batch = GraphBatch()
        for document, assertions in resolution.articles:
            batch.add(document, assertions, replaces=replaces[document.id])
        for node_id, name in resolution.renames.items():
            batch.rename(node_id, name)
        write(batch)

    ensure_keys(store)  # nodes an older kg wrote get the keys resolution finds them by
    pending: list[tuple[Document, list[Assertion]]] = []
    for document, assertions in Extractor().extract_many(itertools.chain([first], todo),
                                                          workers=workers):
        replaces[document.id] = stored.pop(document.id)
        pending.append((document, assertions))
        report.replaced += replaces[document.id]
        report.new_articles += not replaces[document.id]
        if sum(len(a) for _, a in pending) >= batch_assertions or len(pending) >= BATCH_ARTICLES:
            resolve_and_write(pending)
            pending = []
        if on_article is not None:
            on_article(report)
    resolve_and_write(pending)
    return report


def _chunks(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
