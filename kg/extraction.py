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
    from kg.loaders.extractor import Extractor  # loads spaCy: only when there is work to do

    report = report if report is not None else ExtractionReport()
    documents = unique_documents(paths, errors=report.errors, stdin=stdin, on_error=on_error)
    extractor = Extractor()
    for _document, assertions in extractor.extract_many(_counted(documents, report), workers=workers):
        report.assertions += len(assertions)
        yield from assertions


def unique_documents(paths: Iterable[str], *, errors: list[InputError], stdin=None,
                     on_error=None) -> Iterator[Document]:
    """Read every path; bad inputs, documents that cannot be stored (a NUL or a lone surrogate,
    an id too long) and repeated document ids go to `errors` (and `on_error`)."""
    from kg.loaders.readers import read_documents

    seen: set[str] = set()
    for item in read_documents(paths, stdin=stdin):
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


def _counted(documents: Iterator[Document], report: ExtractionReport) -> Iterator[Document]:
    for document in documents:
        report.documents += 1
        yield document
