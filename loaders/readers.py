"""Read articles from files, directories and stdin into Documents.

`read_documents` never raises for bad user input: each bad file or JSONL line
becomes an InputError in the output stream and reading goes on.

Ids: the file name without extension (.txt .md .html .htm), the `id` field
(JSONL), else a content hash: "sha1:" + the first 12 hex digits of the SHA-1 of
the document text (UTF-8), used for plain text on stdin.
Dates: `published` is kept only as YYYY-MM-DD (the date part of an ISO 8601
value); other spellings are dropped rather than guessed. Where a document has none of its
own (a JSONL `published`, an HTML page's metadata), it is read from an ISO date in its file
name ("wire-2024-03-05.txt") and else from a dateline that opens its body ("NAIROBI, March
5, 2024 (Reuters) -"), which must give the year.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

from kg.core import errors, jsontext
from kg.core.errors import InputError
from kg.core.model import Document
from kg.loaders.boilerplate import clean_text

__all__ = ["read_documents", "clean_text", "content_id"]

STDIN = "<stdin>"
BINARY_PROBE = 8192
OPTIONAL_FIELDS = ("title", "url", "published", "source")

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_RULE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")


def read_documents(
    paths: Iterable[str], *, stdin: TextIO | BinaryIO | None = None
) -> Iterator[Document | InputError]:
    """Yield a Document (or an InputError) per article, in input order."""
    for path in paths:
        if path == "-":
            yield from _read_stdin(stdin if stdin is not None else sys.stdin.buffer)
        elif os.path.isdir(path):
            yield from _read_directory(path)
        elif not os.path.exists(path):
            yield InputError(path, errors.NO_SUCH_PATH)
        elif Path(path).suffix.lower() not in READERS:
            yield InputError(path, errors.UNKNOWN_FORMAT.format(ext=Path(path).suffix))
        else:
            yield from _read_file(path)


def count_inputs(paths: Iterable[str]) -> int | None:
    """How many articles (and unreadable inputs) `read_documents` will yield, for a progress
    bar; None when one of the paths is stdin. JSONL files count their non-blank lines."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        files = (
            [
                os.path.join(d, f)
                for d, dirs, names in sorted(os.walk(path))
                for f in names
                if not f.startswith(".")
                and Path(f).suffix.lower() in READERS
                and not any(part.startswith(".") for part in Path(d).relative_to(path).parts)
            ]
            if os.path.isdir(path)
            else [path]
        )
        for name in files:
            if Path(name).suffix.lower() == ".jsonl":
                try:
                    with open(name, "rb") as handle:
                        total += max(1, sum(1 for line in handle if line.strip()))
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def content_id(text: str) -> str:
    """The fallback id: "sha1:" + 12 hex digits of the text's SHA-1."""
    return "sha1:" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


# --- I/O edges -------------------------------------------------------------


def _read_directory(root: str) -> Iterator[Document | InputError]:
    # Files of a directory first, then its subdirectories, all by name, so runs are
    # reproducible; hidden entries (.git, editor files) are not articles.
    unreadable: list[OSError] = []
    for current, dirs, files in os.walk(root, onerror=unreadable.append):
        while unreadable:
            exc = unreadable.pop(0)
            yield InputError(exc.filename or root, errors.UNREADABLE.format(detail=exc.strerror or exc))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in READERS:
                yield from _read_file(os.path.join(current, name))
    for exc in unreadable:  # the last directory walked
        yield InputError(exc.filename or root, errors.UNREADABLE.format(detail=exc.strerror or exc))


# -- one reader per kind of file, chosen by the file's extension ----------------------------
Reader = Callable[[str], Iterator[Document | InputError]]
READERS: dict[str, Reader] = {}


def reader(*extensions: str) -> Callable[[Reader], Reader]:
    """Register the decorated function as the reader of files with these extensions."""

    def register(read: Reader) -> Reader:
        for ext in extensions:
            READERS[ext] = read
        return read

    return register


def _read_file(path: str) -> Iterator[Document | InputError]:
    yield from READERS[Path(path).suffix.lower()](path)


def _whole_text(path: str) -> str | InputError:
    """A text file's content, or why it cannot be read (unreadable, binary, not UTF-8, empty)."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        return InputError(path, errors.UNREADABLE.format(detail=exc.strerror or exc))
    text = decode(raw, path)
    if not isinstance(text, InputError) and not text.strip():
        return InputError(path, errors.EMPTY_FILE)
    return text


@reader(".txt", ".md")
def _read_text(path: str) -> Iterator[Document | InputError]:
    text = _whole_text(path)
    yield (
        text
        if isinstance(text, InputError)
        else parse_text(
            text, doc_id=Path(path).stem.strip(), source=path, markdown=Path(path).suffix.lower() == ".md"
        )
    )


@reader(".html", ".htm")
def _read_html(path: str) -> Iterator[Document | InputError]:
    text = _whole_text(path)
    yield text if isinstance(text, InputError) else parse_html(text, path)


@reader(".jsonl")
def _read_jsonl(path: str) -> Iterator[Document | InputError]:
    """A JSONL file line by line, so memory stays flat however long the feed. A first pass
    makes the same checks as `decode` on the whole file (binary, invalid UTF-8, empty): a
    file that fails them yields its one error and no documents."""
    problem = _check_jsonl(path)
    if problem is not None:
        yield problem
        return
    try:
        handle = open(path, "rb")
    except OSError as exc:
        yield InputError(path, errors.UNREADABLE.format(detail=exc.strerror or exc))
        return
    with handle:
        yield from parse_jsonl_lines(_jsonl_lines(handle), path)


def _check_jsonl(path: str) -> InputError | None:
    try:
        with open(path, "rb") as handle:
            if b"\x00" in handle.read(BINARY_PROBE):
                return InputError(path, errors.BINARY_FILE)
            handle.seek(0)
            offset, content = 0, False
            # UTF-8 never encodes another character with the byte of "\n", so each line
            # decodes as it would within the whole file
            for lineno, raw in enumerate(handle, start=1):
                skip = len(codecs.BOM_UTF8) if offset == 0 and raw.startswith(codecs.BOM_UTF8) else 0
                try:
                    content = bool(raw[skip:].decode("utf-8").strip()) or content
                except UnicodeDecodeError as exc:
                    pos = offset + skip + exc.start
                    return InputError(f"{path}:{lineno}", errors.INVALID_UTF8.format(pos=pos))
                offset += len(raw)
    except OSError as exc:
        return InputError(path, errors.UNREADABLE.format(detail=exc.strerror or exc))
    return None if content else InputError(path, errors.EMPTY_FILE)


def _jsonl_lines(handle: BinaryIO) -> Iterator[str]:
    """The lines of decoded, normalised text, as `decode(...).split("\n")` would give them."""
    for number, raw in enumerate(handle):
        if number == 0 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        text = _normalise(raw.decode("utf-8"))
        yield from (text[:-1] if text.endswith("\n") else text).split("\n")


def _read_stdin(stream: TextIO | BinaryIO) -> Iterator[Document | InputError]:
    data = stream.read()
    text = decode(data, STDIN) if isinstance(data, bytes) else _normalise(data.lstrip("\ufeff"))
    if isinstance(text, InputError):
        yield text
    elif not text.strip():
        yield InputError(STDIN, errors.EMPTY_FILE)
    elif _looks_like_jsonl(text):
        yield from parse_jsonl(text, STDIN, default_source=STDIN)
    else:
        yield parse_text(text, doc_id=None, source=STDIN)


# --- decoding ----------------------------------------------------------------


def decode(raw: bytes, where: str) -> str | InputError:
    """UTF-8 text with "\\n" line endings, or BINARY_FILE / INVALID_UTF8 (at "where:LINE")."""
    if b"\x00" in raw[:BINARY_PROBE]:
        return InputError(where, errors.BINARY_FILE)
    bom = len(codecs.BOM_UTF8) if raw.startswith(codecs.BOM_UTF8) else 0
    try:
        text = raw[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, bom + exc.start) + 1
        return InputError(f"{where}:{line}", errors.INVALID_UTF8.format(pos=bom + exc.start))
    return _normalise(text)


def _normalise(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


# --- formats -------------------------------------------------------------------


def parse_text(text: str, *, doc_id: str | None, source: str, markdown: bool = False) -> Document:
    """Plain text or Markdown: the first non-empty line is the title and the first block."""
    if markdown:
        text = _markdown_to_plain(text)
    lines = clean_text(text).split("\n")
    title = lines[0].strip() or None
    if title and len(lines) > 1 and lines[1].strip():
        lines.insert(1, "")  # the title must end as a sentence of its own
    body = "\n".join(lines)
    return Document(
        id=doc_id or content_id(body),
        text=body,
        title=title,
        published=(_date_in_name(source) if doc_id else None) or dateline_date(body, title),
        source=source,
        where=source,
        path=os.path.abspath(source) if doc_id else None,
    )


def _markdown_to_plain(text: str) -> str:
    out: list[str] = []
    for line in text.split("\n"):
        if _MD_RULE.match(line):
            out.append("")
            continue
        heading = _MD_HEADING.match(line)
        line = _MD_EMPHASIS.sub(r"\2", heading.group(1) if heading else line)
        # Headings are blocks of their own, else they would run into the next sentence.
        out.extend(["", line, ""] if heading else [line])
    return "\n".join(out)


def parse_html(html: str, path: str) -> Document | InputError:
    """Main text and metadata via trafilatura; nothing is fetched."""
    import trafilatura  # slow to import; only HTML inputs need it

    try:
        result = trafilatura.bare_extraction(
            html,
            include_comments=False,
            include_tables=False,
            include_images=False,
            with_metadata=True,
            as_dict=False,
        )
    except Exception as exc:  # a parser failure is a bad input, not a crash
        return InputError(path, errors.UNREADABLE.format(detail=f"HTML: {exc}"))
    if result is None or isinstance(result, dict) or not (result.text or "").strip():
        return InputError(path, errors.EMPTY_FILE)  # (a dict only with as_dict=True)
    title = _one_line(result.title)
    # trafilatura gives one paragraph per line; blank lines make them end sentences.
    body = clean_text((result.text or "").replace("\n", "\n\n"))
    return Document(
        id=Path(path).stem.strip(),
        text=_with_title(title, body),
        title=title,
        url=result.url or None,
        published=_iso_date(result.date) or _date_in_name(path) or dateline_date(body, title),
        source=path,
        where=path,
        path=os.path.abspath(path),
    )


def parse_jsonl(
    text: str, path: str, *, default_source: str | None = None
) -> Iterator[Document | InputError]:
    """One article per line; blank lines skipped; bad lines become errors at "path:LINE"."""
    yield from parse_jsonl_lines(text.split("\n"), path, default_source=default_source)


def parse_jsonl_lines(
    lines: Iterable[str], path: str, *, default_source: str | None = None
) -> Iterator[Document | InputError]:
    """`parse_jsonl` over lines already split, as a file is read."""
    for lineno, line in enumerate(lines, start=1):
        if line.strip():
            where = f"{path}:{lineno}"
            yield parse_record(line, where, default_source or where)


def parse_record(line: str, where: str, source: str) -> Document | InputError:
    """One JSONL line: required string `id` and `text`; optional title, url, published, source."""
    try:
        record = jsontext.loads(line)
    except jsontext.TooDeep as exc:
        return InputError(where, errors.BAD_JSON.format(detail=exc.msg))
    except json.JSONDecodeError as exc:
        return InputError(where, errors.BAD_JSON.format(detail=f"{exc.msg} at column {exc.colno}"))
    if not isinstance(record, dict):
        return InputError(where, errors.NOT_AN_OBJECT.format(kind=_json_kind(record)))
    for name in ("id", "text"):
        if name not in record:
            return InputError(where, errors.MISSING_FIELD.format(field=name))
        if not isinstance(record[name], str):
            return InputError(where, errors.WRONG_TYPE.format(field=name, kind=_json_kind(record[name])))
    for name in OPTIONAL_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            return InputError(where, errors.WRONG_TYPE.format(field=name, kind=_json_kind(value)))
    if not record["id"].strip():
        return InputError(where, errors.MISSING_FIELD.format(field="id"))
    title = _one_line(record.get("title"))
    text = _with_title(title, clean_text(record["text"]))
    return Document(
        id=record["id"].strip(),
        text=text,
        title=title,
        url=record.get("url") or None,
        published=_iso_date(record.get("published")) or dateline_date(text, title),
        source=record.get("source") or source,
        where=where,
    )


# --- helpers -------------------------------------------------------------------


def _looks_like_jsonl(text: str) -> bool:
    lines = [line for line in text.split("\n") if line.strip()]
    try:
        return all(isinstance(jsontext.loads(line), dict) for line in lines)
    except ValueError:  # not JSON, or nested too deep
        return False


def _with_title(title: str | None, body: str) -> str:
    if not title:
        return body
    first, _, rest = body.partition("\n")
    if first.strip() == title:  # extractors often keep the headline in the body
        body = rest.lstrip("\n")
    return f"{title}\n\n{body}" if body else title


def _one_line(title: str | None) -> str | None:
    # A title is read as one sentence: no line breaks inside it.
    return (" ".join(title.split()) or None) if title else None


_NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_MONTHS = ("january february march april may june july august september october november december").split()
_MONTH = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
# The opening of a body: an optional place ("NAIROBI,"), then a date with its year (day month
# year, or month day, year), then the agency or a dash within a few words.
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][A-Za-z .'-]{1,40},\s*)?"
    rf"(?:(?P<day1>\d{{1,2}})\s+(?P<month1>{_MONTH})\s+(?P<year1>\d{{4}})"
    rf"|(?P<month2>{_MONTH})\s+(?P<day2>\d{{1,2}}),?\s+(?P<year2>\d{{4}}))"
    r"\b[^\n]{0,40}?(?:\(|[-\u2013\u2014])",
    re.I,
)


def _date_in_name(path: str) -> str | None:
    """An ISO date (YYYY-MM-DD) in a file's name, if it is a real date."""
    found = _NAME_DATE.search(Path(path).stem)
    return _real_date(*map(int, found.groups())) if found else None


def dateline_date(text: str, title: str | None = None) -> str | None:
    """The date of a dateline that opens the body (the first block after the title)."""
    body = text[len(title) :].lstrip() if title and text.startswith(title) else text
    found = _DATELINE.match(body[:200])
    if found is None:
        return None
    month = found["month1"] or found["month2"]
    day = found["day1"] or found["day2"]
    year = found["year1"] or found["year2"]
    number = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(month.lower()[:3]))
    return _real_date(int(year), number, int(day))


def _real_date(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _iso_date(value: str | None) -> str | None:
    # ISO timestamps keep their date part; anything else is not a known date.
    match = _ISO_DATE.match(value.strip()) if value else None
    return match.group(0) if match else None


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    names = {str: "string", list: "array", dict: "object", type(None): "null"}
    return names.get(type(value), type(value).__name__)
