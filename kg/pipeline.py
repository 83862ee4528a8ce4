"""kg's four stages, each taking and returning typed objects, and the two jobs built of them.

    read     paths -> Document (or InputError)        kg.loaders.readers: .txt .md .html .jsonl, stdin
    extract  Document -> [Extraction]                 kg.loaders: spaCy with kg's components
    resolve  Document, [Extraction] -> [Assertion]    kg.resolution: entities of the document, then
                                                      (ingest) the nodes the graph already holds;
                                                      kg.scoring: each fact's confidence
    write    GraphBatch -> WriteCounts                kg.store: one transaction per batch

    for assertion in extract_paths(["articles/"]): ...     # `kg extract`: read, extract, resolve
    report = ingest_paths(["articles/"], store)            # `kg ingest`: all four, in batches
    Pipeline().assertions(document)                        # extract and resolve one document

A bad input is recorded (and passed to `on_error`) and the batch goes on. Ingest skips an
article whose content hash is already stored before parsing it; one whose text changed
replaces its own evidence. Each article lands whole or not at all (kg/store/writer.py): an
article the graph refuses is reported with its file and line, and the others of its batch
are stored. An article whose id was made from its file name is not replaced by a different
file of the same name from another folder: that is reported too. Before each batch is
written, its entities are resolved against the nodes the graph already holds ("Ruiz" onto Ana
Ruiz's node, "CSTO" onto the Collective Security Treaty Organisation's); the report counts
the entities so merged and lists the names left apart because they fit several people.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, fields, replace
from typing import Any, BinaryIO, TextIO

from kg.core.errors import DUPLICATE_ID, InputError
from kg.core.graph import GraphStore
from kg.core.model import Assertion, Document, ExtractedDocument
from kg.core.ontology import Ontology
from kg.core.write_behind import WriteBehind
from kg.loaders.extractor import Extractor
from kg.loaders.readers import read_documents
from kg.resolution.batch import AmbiguousName, BatchResolution, resolve_batch
from kg.resolution.document import resolve
from kg.resolution.lookup import ensure_keys
from kg.scoring import scorer
from kg.store.rows import GraphBatch, content_hash
from kg.store.writer import GraphWriter, WriteCounts


# -- read ------------------------------------------------------------------------------------
def read(
    paths: Iterable[str],
    *,
    errors: list[InputError],
    stdin: TextIO | BinaryIO | None = None,
    on_error: Callable[[InputError], None] | None = None,
    published: str | None = None,
) -> Iterator[Document]:
    """Every document under `paths`; bad inputs, documents that cannot be stored (a NUL or a
    lone surrogate, an id too long) and repeated document ids go to `errors` (and `on_error`).
    A document that carries no publication date of its own is given `published`."""
    seen: set[str] = set()
    for item in read_documents(paths, stdin=stdin):
        if isinstance(item, Document) and item.published is None and published is not None:
            item = replace(item, published=published)
        if isinstance(item, Document):
            problem = item.problem()
            if problem is not None:
                item = InputError(_where(item), f"{problem}; skipped")
            elif item.id in seen:
                # two documents under one id would share sentence and provenance nodes
                item = InputError(_where(item), DUPLICATE_ID.format(id=item.id))
        if isinstance(item, InputError):
            errors.append(item)
            if on_error is not None:
                on_error(item)
            continue
        seen.add(item.id)
        yield item


def _where(document: Document) -> str:
    return document.where or document.source or document.id[:80]


# -- extract and resolve ---------------------------------------------------------------------
class Pipeline:
    """The extract and resolve stages, the language model loaded once (spaCy is loaded when
    the first one is made)."""

    def __init__(
        self,
        model: str | None = None,
        ontology: Ontology | None = None,
        calibrated: bool = True,
        scored: bool = True,
    ) -> None:
        """`calibrated`: the rules' scores as probabilities (calibration.json); `scored`: then
        the trained scorer's probability as the confidence (kg/scoring)."""
        self.extractor = Extractor(model, ontology, calibrated)
        self.scorer = scorer() if scored and calibrated else None

    def extract(self, documents: Iterable[Document], workers: int = 1) -> Iterator[ExtractedDocument]:
        """Each document with what its sentences say, before resolution, in input order."""
        return self.extractor.extract_many(documents, workers=workers)

    def assertions_many(
        self,
        documents: Iterable[Document],
        workers: int = 1,
    ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Each document with its assertions on resolved entities, in input order, streaming."""
        for extracted in self.extract(documents, workers):
            assertions = resolve(extracted.document, extracted.extractions, extracted.mentions)
            yield extracted.document, self.scorer(assertions) if self.scorer else assertions

    def assertions(self, document: Document) -> list[Assertion]:
        return next(self.assertions_many([document]))[1]


# -- kg extract ------------------------------------------------------------------------------
@dataclass
class ExtractionReport:
    documents: int = 0
    assertions: int = 0
    errors: list[InputError] = field(default_factory=list)


def extract_paths(
    paths: Iterable[str],
    *,
    workers: int = 1,
    report: ExtractionReport | None = None,
    stdin: TextIO | BinaryIO | None = None,
    on_error: Callable[[InputError], None] | None = None,
    published: str | None = None,
) -> Iterator[Assertion]:
    """Read every path (files, directories, "-"), extract, resolve, and yield the assertions
    document by document (`published`: the date of those that carry none)."""
    report = report if report is not None else ExtractionReport()
    documents = read(paths, errors=report.errors, stdin=stdin, on_error=on_error, published=published)
    first = next(documents, None)
    if first is None:  # nothing to extract: spaCy is never loaded
        return
    for _document, assertions in Pipeline().assertions_many(
        _counted(itertools.chain([first], documents), report), workers=workers
    ):
        report.assertions += len(assertions)
        yield from assertions


def _counted(documents: Iterator[Document], report: ExtractionReport) -> Iterator[Document]:
    for document in documents:
        report.documents += 1
        yield document


# -- kg ingest -------------------------------------------------------------------------------
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
SAME_NAME = (
    "its id {id!r} (the file name) is already stored from {other}, a different file; "
    "rename one of them, or give ids in a JSONL file; skipped"
)


@dataclass
class IngestReport:
    articles: int = 0  # written: new plus replaced
    new_articles: int = 0
    replaced: int = 0
    unchanged: int = 0  # skipped: the same content is already stored
    undated: int = 0  # written without a publication date ("on Monday" then dates nothing)
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
        data["ambiguous_names"] = [
            {"name": a.name, "type": a.type, "candidates": list(a.candidates)} for a in self.ambiguous_names
        ]
        return data

    def _resolved(self, resolution: BatchResolution) -> None:
        self.merged_entities += len(resolution.merges)
        known = {(a.name, a.candidates) for a in self.ambiguous_names}
        self.ambiguous_names += [a for a in resolution.ambiguous if (a.name, a.candidates) not in known]

    def _add(self, counts: WriteCounts) -> None:
        for name in (
            "articles",
            "sentences",
            "assertions",
            "new_entities",
            "new_relationships",
            "removed_relationships",
        ):
            setattr(self, name, getattr(self, name) + getattr(counts, name))


def ingest_paths(
    paths: Iterable[str],
    store: GraphStore,
    *,
    workers: int = 1,
    batch_assertions: int = BATCH_ASSERTIONS,
    report: IngestReport | None = None,
    stdin: TextIO | BinaryIO | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
    published: str | None = None,
) -> IngestReport:
    """Read, extract and write every article under `paths`; bad inputs go to `report.errors`
    (`published`: the date of the articles that carry none)."""
    job = _Ingest(store, report, on_error, on_article, batch_assertions)
    documents = read(paths, errors=job.report.errors, stdin=stdin, on_error=on_error, published=published)
    todo = job.changed(documents)
    first = next(todo, None)
    if first is None:  # nothing new: spaCy is never loaded
        return job.report
    job.write_all(Pipeline().assertions_many(itertools.chain([first], todo), workers=workers))
    return job.report


def ingest_assertion_files(
    paths: Iterable[str],
    store: GraphStore,
    *,
    batch_assertions: int = BATCH_ASSERTIONS,
    report: IngestReport | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_article: Callable[[IngestReport], None] | None = None,
) -> IngestReport:
    """Write the assertions of JSONL or Parquet files as `kg extract` writes them, without extracting
    again: each article's assertions are resolved against the graph, hashed, replaced and
    written whole as `ingest_paths` does. A line that is no assertion is reported with its
    file and line and left out; the rest of its article and of the batch are written. An
    article's content is what the file says of it: its sentences, title, link and date."""
    job = _Ingest(store, report, on_error, on_article, batch_assertions)
    held: dict[str, list[Assertion]] = {}

    def documents() -> Iterator[Document]:
        for document, assertions in read_assertion_files(paths, job.fail):
            held[document.id] = assertions
            yield document

    job.write_all((d, held.pop(d.id)) for d in job.changed(documents()))
    return job.report


def read_assertion_files(
    paths: Iterable[str], fail: Callable[[InputError], None]
) -> Iterator[tuple[Document, list[Assertion]]]:
    """Each file's articles in the order they first appear, with their assertions; an article's
    text is its distinct sentences in order (what decides whether it changed)."""
    from kg.core.assertion_files import assertion_lines
    from kg.core.jsontext import loads

    for path in paths:
        articles: dict[str, list[Assertion]] = {}
        first_line: dict[str, int] = {}
        try:
            for number, line in assertion_lines(path):
                if not line.strip():
                    continue
                try:
                    assertion = Assertion.from_dict(loads(line))
                except (ValueError, TypeError) as exc:
                    fail(InputError(f"{path}:{number}", f"not an assertion: {exc}; skipped"))
                    continue
                articles.setdefault(assertion.doc, []).append(assertion)
                first_line.setdefault(assertion.doc, number)
        except (OSError, UnicodeDecodeError, ValueError) as exc:  # pyarrow's errors are OSError/ValueError
            fail(InputError(path, f"cannot read it: {exc}"))
            continue
        for doc, assertions in articles.items():
            sentences = {a.sentence.index: a.sentence.text for a in assertions}
            head = assertions[0]
            text = "\n".join(sentences[i] for i in sorted(sentences))
            where = f"{path}:{first_line[doc]}"
            document = Document(doc, text, head.title, head.url, head.published, source=where, where=where)
            yield document, assertions


class _Ingest:
    """One `kg ingest` job: which articles changed, then resolution and writes in batches."""

    def __init__(
        self,
        store: GraphStore,
        report: IngestReport | None,
        on_error: Callable[[InputError], None] | None,
        on_article: Callable[[IngestReport], None] | None,
        batch_assertions: int,
    ) -> None:
        self.store = store
        self.report = report if report is not None else IngestReport()
        self.on_error, self.on_article, self.batch_assertions = on_error, on_article, batch_assertions
        self.writer = GraphWriter(store)
        store.ensure_schema()  # the graph exists (and is indexed) before the first look-up
        self.stored: dict[str, bool] = {}  # article id -> it replaces a stored version
        self.where: dict[str, str] = {}  # article id -> its input position, for messages
        self.replaces: dict[str, bool] = {}  # article id -> it replaced a stored version

    def fail(self, error: InputError) -> None:
        self.report.errors.append(error)
        if self.on_error is not None:
            self.on_error(error)

    def changed(self, documents: Iterator[Document]) -> Iterator[Document]:
        """The documents whose content the graph does not hold yet (the others are counted)."""
        for chunk in _chunks(documents, _HASH_LOOKUP):
            known = self.writer.known_articles(d.id for d in chunk)
            for document in chunk:
                old = known.get(document.id)
                if old is not None and old.content_hash == content_hash(document):
                    self.report.unchanged += 1
                    if self.on_article is not None:
                        self.on_article(self.report)
                    continue
                if old is not None and document.path and old.path and old.path != document.path:
                    self.fail(
                        InputError(
                            document.where or document.path, SAME_NAME.format(id=document.id, other=old.path)
                        )
                    )
                    continue
                self.stored[document.id] = old is not None
                self.where[document.id] = document.where or document.source or document.id
                yield document

    def write_all(self, articles: Iterable[tuple[Document, list[Assertion]]]) -> None:
        """Resolve and write in batches on a thread of their own (kg/core/write_behind.py) while
        the next articles are read and extracted; reports are kept on this thread."""
        ensure_keys(self.store)  # nodes an older kg wrote get the keys resolution finds them by
        report = self.report
        pending: list[tuple[Document, list[Assertion]]] = []
        with WriteBehind(self._resolve_and_write) as behind:
            for document, assertions in articles:
                self.replaces[document.id] = self.stored.pop(document.id)
                pending.append((document, assertions))
                report.replaced += self.replaces[document.id]
                report.new_articles += not self.replaces[document.id]
                report.undated += document.published is None
                if sum(len(a) for _, a in pending) >= self.batch_assertions or len(pending) >= BATCH_ARTICLES:
                    behind.put((pending, {d.id: self.replaces[d.id] for d, _ in pending}))
                    pending = []
                for written in behind.done():
                    self._account(*written)
                if self.on_article is not None:
                    self.on_article(report)
            if pending:
                behind.put((pending, {d.id: self.replaces[d.id] for d, _ in pending}))
        for written in behind.done():
            self._account(*written)

    def _resolve_and_write(
        self, job: tuple[list[tuple[Document, list[Assertion]]], dict[str, bool]]
    ) -> tuple[BatchResolution, WriteCounts]:
        """Entities onto the nodes the graph holds (kg/resolution), then one write (on the
        writer's thread: it reads and writes the store only)."""
        articles, replaces = job
        resolution = resolve_batch(articles, self.store)
        batch = GraphBatch()
        for document, assertions in resolution.articles:
            batch.add(document, assertions, replaces=replaces[document.id])
        for node_id, name in resolution.renames.items():
            batch.rename(node_id, name)
        return resolution, self.writer.write(batch)

    def _account(self, resolution: BatchResolution, counts: WriteCounts) -> None:
        self.report._resolved(resolution)
        self.report._add(counts)
        for article, why in counts.failed:
            if self.replaces.get(article):
                self.report.replaced -= 1
            else:
                self.report.new_articles -= 1
            self.fail(InputError(self.where.get(article, article), f"not stored: {why}"))


def _chunks(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk
