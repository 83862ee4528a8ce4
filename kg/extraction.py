"""The extract job as one library call: paths in, assertions out, bad inputs reported.

    from kg.extraction import extract_paths
    report = ExtractionReport()
    for assertion in extract_paths(["articles/"], report=report):
        print(assertion.to_dict())
    report.errors  # one InputError per skipped file or line
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO, TextIO

from kg.errors import DUPLICATE_ID, InputError
from kg.model import Assertion, Document


@dataclass
class ExtractionReport:
    documents: int = 0
    assertions: int = 0
    errors: list[InputError] = field(default_factory=list)


def extract_paths(paths: Iterable[str], *, workers: int = 1, report: ExtractionReport | None = None,
                  stdin: TextIO | BinaryIO | None = None, on_error=None) -> Iterator[Assertion]:
    """Read every path (files, directories, "-"), extract, and yield assertions document by document.

    A bad input is recorded in `report.errors` (and passed to `on_error`) and the batch goes on.
    """
    from loaders.extractor import Extractor  # loads spaCy: only when there is work to do
    from loaders.readers import read_documents

    report = report if report is not None else ExtractionReport()

    def documents() -> Iterator[Document]:
        seen: set[str] = set()
        for item in read_documents(paths, stdin=stdin):
            if isinstance(item, Document) and item.id in seen:
                # two documents under one id would share sentence and provenance nodes
                item = InputError(item.source or item.id, DUPLICATE_ID.format(id=item.id))
            if isinstance(item, InputError):
                report.errors.append(item)
                if on_error is not None:
                    on_error(item)
                continue
            seen.add(item.id)
            report.documents += 1
            yield item

    extractor = Extractor()
    for _document, assertions in extractor.extract_many(documents(), workers=workers):
        report.assertions += len(assertions)
        yield from assertions
