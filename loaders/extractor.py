"""Documents in, Extractions out: the NLP stage, spaCy with kg's components.

    from kg.loaders.extractor import Extractor
    for extracted in Extractor().extract_many(documents, workers=2): ...  # ExtractedDocument

The components (components.py) leave their findings on each parsed Doc; this module reads them
back as typed Extractions in the document's coordinates (a long document is parsed in parts)
resolves dates against the publication date, and turns each rule's score into a calibrated
confidence (calibration.json). Entities are not resolved here: that is the
next stage (kg.resolution, called by kg.pipeline).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import cast

from spacy.tokens import Doc

from kg.core.errors import KgError, out_of_memory
from kg.core.model import Document, EntityMention, ExtractedDocument, Extraction, Qualifiers, SentenceRef
from kg.core.ontology import Ontology, load_ontology
from kg.loaders import dates, lexicon
from kg.loaders.components import RelationFinder, read_index
from kg.loaders.language import KG_COMPONENTS, load_pipeline
from kg.loaders.payload import ExtractionRecord, mention_from_payload
from kg.loaders.truecase import headline_cased, headline_stopped, lead_cased

# Documents per nlp.pipe batch: the fastest on news-length articles with the small English
# model (larger batches pad more and run slower; see docs/benchmarks.md).
PIPE_BATCH = 16


class Extractor:
    """Loads the language model and the rules once; turns Documents into Extractions."""

    def __init__(
        self, model: str | None = None, ontology: Ontology | None = None, calibrated: bool = True
    ) -> None:
        """`calibrated`: confidence as a probability (calibration.json), else the rules' scores."""
        self.model = model
        self.calibration = lexicon.calibration() if calibrated else None
        self.nlp = load_pipeline(model)
        self.ontology = ontology or load_ontology()
        relations = cast(RelationFinder, self.nlp.get_pipe("kg_relations"))
        if ontology is not None and relations.ontology is not ontology:
            relations.ontology = ontology
            relations.events.ontology = ontology

    @property
    def matcher(self):
        """The trigger matcher of the event rules (kg_relations)."""
        return self.nlp.get_pipe("kg_relations").events.matcher

    def extract(self, document: Document) -> list[Extraction]:
        return next(self.extract_many([document])).extractions

    def extract_many(
        self,
        documents: Iterable[Document],
        workers: int = 1,
    ) -> Iterator[ExtractedDocument]:
        """Each document with its extractions and mentions, in input order, streaming.

        A long document is parsed in parts of at most PART_CHARS characters, cut between
        paragraphs (see `parts`), so time and memory grow linearly with its length and no
        part reaches spaCy's length limit; offsets and sentence numbers are the document's.
        With `workers` > 1, spaCy's `nlp.pipe(n_process=workers)` runs the whole pipeline,
        kg's components included, in that many processes."""
        pending: deque[tuple[Document, int, bool]] = deque()

        def texts() -> Iterator[str]:
            for document in documents:
                for offset, text, last in _parts_of(document.text):
                    pending.append((document, offset, last))
                    # a title-case headline is read in the case of its words in the body
                    yield lead_cased(headline_stopped(headline_cased(text)) if offset == 0 else text)

        found: list[Extraction] = []
        mentions: list[EntityMention] = []
        sentences = 0
        for parsed in _worker_errors(
            self.nlp.pipe(texts(), batch_size=PIPE_BATCH, n_process=max(1, workers))
        ):
            document, offset, last = pending.popleft()
            part, count = self.extractions(parsed, document, offset, sentences)
            found.extend(part)
            mentions.extend(_mentions(parsed, offset))
            sentences += count
            if last:
                yield ExtractedDocument(document, found, mentions)
                found, mentions, sentences = [], [], 0

    def extractions(
        self, parsed: Doc, document: Document, offset: int = 0, first_sentence: int = 0
    ) -> tuple[list[Extraction], int]:
        """What `parsed` (the part of `document` that starts at character `offset`, after
        `first_sentence` sentences) says, before resolution; and its number of sentences.
        A Doc parsed without kg's components gets them run on it here."""
        if parsed._.kg_extractions is None:
            for name in KG_COMPONENTS:
                parsed = self.nlp.get_pipe(name)(parsed)
        text = document.text[offset:]  # the part's text (Doc.text would rebuild it token by token)
        records = [ExtractionRecord.from_payload(payload) for payload in parsed._.kg_extractions]
        extractions = [
            _extraction(record, document, text, offset, first_sentence, self.calibration)
            for record in records
        ]
        return extractions, parsed._.kg_sentences or 0


def _mentions(parsed: Doc, offset: int) -> list[EntityMention]:
    """Every entity mention kg_mentions found in a part, in the document's offsets."""
    data = parsed._.kg_mentions or {"mentions": []}
    found = [mention_from_payload(r) for r in data["mentions"]]
    return [replace(m, start=m.start + offset, end=m.end + offset) for m in found] if offset else found


def _worker_errors(docs: Iterator[Doc]) -> Iterator[Doc]:
    """spaCy's parsed documents; an error in one of its worker processes (which spaCy hands
    on as a ValueError E871 holding the worker's traceback) raised again as what it was:
    MemoryError when the worker ran out of memory, else a KgError with the worker's last line."""
    try:
        yield from docs
    except ValueError as exc:
        text = str(exc)
        if not text.startswith("[E871]"):
            raise
        last = next((line.strip() for line in reversed(text.splitlines()) if line.strip()), text)
        if out_of_memory(text):
            raise MemoryError(last) from None
        raise KgError(f"a spaCy worker process failed: {last}") from None


def _extraction(
    record: ExtractionRecord,
    document: Document,
    text: str,
    offset: int,
    first_sentence: int,
    calibration: lexicon.Calibration | None = None,
) -> Extraction:
    def move(m: EntityMention) -> EntityMention:
        written = text[m.start : m.end]
        if written != m.text and written.lower() == m.text.lower():
            m = replace(m, text=written)  # the case a title-case headline was written in
        return replace(m, start=m.start + offset, end=m.end + offset) if offset else m

    start, end = record.start, record.end
    while end > start and text[end - 1].isspace():
        end -= 1  # a headline's line break, parsed as its full stop
    sentence = SentenceRef(record.sentence + first_sentence, text[start:end], start + offset, end + offset)
    date = record.date_text
    qualifiers = Qualifiers(
        modality=record.modality,
        date=dates.resolve(date, document.published, future=record.modality == "planned") if date else None,
        count=record.count,
        role=record.role,
        former=record.former,
    )
    attributed = record.attributed_to
    return Extraction(
        document.id,
        record.predicate,
        move(record.subject),
        move(record.object),
        sentence,
        record.rule,
        calibration(record.confidence) if calibration is not None else record.confidence,
        qualifiers,
        move(attributed) if attributed else None,
    )


# Characters parsed at once. Larger parts gain nothing (spaCy parses sentence by sentence)
# while some document-wide look-ups grow with the part; at 20,000 a 1 MB article is 50 parts.
PART_CHARS = 20_000


def parts(text: str, size: int = PART_CHARS) -> list[tuple[int, str]]:
    """`text` cut into (offset, part) of at most `size` characters whose concatenation is
    `text`: after a paragraph break where there is one, else after a line break or a
    sentence end (". "), else after a space, else anywhere."""
    out: list[tuple[int, str]] = []
    at = 0
    while len(text) - at > size:
        window = text[at : at + size]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = window.rfind(mark, size // 4)
            if found != -1:
                cut = found + len(mark)
                break
        cut = cut if cut > 0 else size
        out.append((at, text[at : at + cut]))
        at += cut
    out.append((at, text[at:]))
    return out


def _parts_of(text: str) -> Iterator[tuple[int, str, bool]]:
    cut = parts(text)
    for i, (offset, part) in enumerate(cut):
        yield offset, part, i == len(cut) - 1


def mention_token_indices(extractor: Extractor, parsed: Doc) -> set[int]:
    """Indices of the tokens inside a mention the extractor finds in `parsed` (for diagnostics)."""
    if parsed._.kg_mentions is None:
        parsed = extractor.nlp.get_pipe("kg_mentions")(parsed)
    index, _ = read_index(parsed)
    return set(index.by_token)
