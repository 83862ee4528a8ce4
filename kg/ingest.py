"""The ingest job: articles in, graph written, in batches, skipping what is already stored.

    from kg.ingest import ingest_paths
    from kg.store import open_store
    with open_store() as store:
        report = ingest_paths(["articles/"], store)
    report.to_dict()   # {"articles": 12, "unchanged": 3, "assertions": 140, ...}

An article whose content hash is already stored is skipped before parsing; one whose text
changed replaces its own evidence. Each batch is one transaction, so a failure loses at most
the batch being written, never what earlier batches stored.
"""
from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import Any, BinaryIO, TextIO

from kg.errors import InputError
from kg.extraction import unique_documents
from kg.model import Document
from kg.store.rows import GraphBatch, content_hash
from kg.store.writer import GraphWriter, Store, WriteCounts

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
    errors: list[InputError] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["skipped_inputs"] = [str(e) for e in self.errors]
        del data["errors"]
        return data

    def _add(self, counts: WriteCounts) -> None:
        for name in ("articles", "sentences", "assertions", "new_entities", "new_relationships",
                     "removed_relationships"):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


def ingest_paths(paths: Iterable[str], store: Store, *, workers: int = 1,
                 batch_assertions: int = BATCH_ASSERTIONS, report: IngestReport | None = None,
                 stdin: TextIO | BinaryIO | None = None,
                 on_error: Callable[[InputError], None] | None = None,
                 on_article: Callable[[IngestReport], None] | None = None) -> IngestReport:
    """Read, extract and write every article under `paths`; bad inputs go to `report.errors`."""
    report = report if report is not None else IngestReport()
    writer = GraphWriter(store)
    documents = unique_documents(paths, errors=report.errors, stdin=stdin, on_error=on_error)
    stored: dict[str, bool] = {}  # article id -> it replaces a stored version

    def changed() -> Iterator[Document]:
        for chunk in _chunks(documents, _HASH_LOOKUP):
            hashes = writer.known_hashes(d.id for d in chunk)
            for document in chunk:
                if hashes.get(document.id) == content_hash(document):
                    report.unchanged += 1
                    if on_article is not None:
                        on_article(report)
                    continue
                stored[document.id] = document.id in hashes
                yield document

    todo = changed()
    first = next(todo, None)
    if first is None:  # nothing new: spaCy is never loaded
        return report
    from kg.loaders.extractor import Extractor

    batch = GraphBatch()
    for document, assertions in Extractor().extract_many(itertools.chain([first], todo),
                                                          workers=workers):
        replaces = stored.pop(document.id)
        batch.add(document, assertions, replaces=replaces)
        report.replaced += replaces
        report.new_articles += not replaces
        if batch.assertions >= batch_assertions or len(batch) >= BATCH_ARTICLES:
            report._add(writer.write(batch))
            batch = GraphBatch()
        if on_article is not None:
            on_article(report)
    report._add(writer.write(batch))
    return report


def _chunks(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
