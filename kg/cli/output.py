"""What the command line prints: query results as an aligned table, JSON, or CSV, and the
one-line error messages on stderr.

Nodes, relationships and paths (plain dicts from the stores) print compactly in tables and
CSV: `(:Country Kazakhstan)`, `[:SENT_TROOPS_TO]`; JSON keeps them whole.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import os
import shutil
import sys
import textwrap
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import IO, Any

import click

from kg.core.errors import ArgumentError, error_line
from kg.core.model import Assertion

FORMATS = ("table", "json", "csv")  # of query rows

# The formats of `kg extract`: each writes a stream of assertions to a text stream.
AssertionWriter = Callable[[Iterable[Assertion], IO[str]], None]
ASSERTION_FORMATS: dict[str, AssertionWriter] = {}


def assertion_format(name: str) -> Callable[[AssertionWriter], AssertionWriter]:
    """Register the decorated function as `kg extract --format NAME`."""

    def register(write: AssertionWriter) -> AssertionWriter:
        ASSERTION_FORMATS[name] = write
        return write

    return register


@assertion_format("jsonl")
def _jsonl(assertions: Iterable[Assertion], out: IO[str]) -> None:
    """One assertion a line (the contract README shows), written as they come."""
    for assertion in assertions:
        out.write(json.dumps(assertion.to_dict(), ensure_ascii=False) + "\n")


@assertion_format("ttl")
def _turtle(assertions: Iterable[Assertion], out: IO[str]) -> None:
    """Reified RDF with PROV-O provenance, valid under ontology/shapes.ttl."""
    from kg.exporters.rdf_assertions import to_turtle

    out.write(to_turtle(list(assertions)))


@assertion_format("table")
def _assertion_table(assertions: Iterable[Assertion], out: IO[str]) -> None:
    """For reading: document, sentence, subject, predicate, object, modality, confidence, rule."""
    columns = ["doc", "#", "subject", "predicate", "object", "modality", "conf", "rule"]
    rows: list[list[Any]] = [
        [
            a.doc,
            a.sentence.index,
            a.subject.entity.name,
            a.predicate,
            a.object.entity.name,
            a.qualifiers.modality,
            f"{a.confidence:.2f}",
            a.rule,
        ]
        for a in assertions
    ]
    out.write(_table(columns, rows, table_width(stream=out)))


# The narrowest a column is squeezed to when a table is wider than the terminal (its header
# and its words may still be wider: a word is never cut, it runs over its column instead).
MIN_COLUMN = 12
GAP = "  "


def table_width(
    max_width: int | None = None, full: bool = False, stream: IO[str] | None = None
) -> int | None:
    """The width a table is fitted to: none with `full` or when the output is no terminal (a
    pipe or a file gets every character), else `max_width`, else the terminal's width."""
    stream = stream if stream is not None else sys.stdout
    if full:
        return None
    if max_width is not None:
        return max_width
    isatty = getattr(stream, "isatty", None)
    if isatty is None or not isatty():
        return None
    return shutil.get_terminal_size().columns


def render(columns: list[str], rows: list[list[Any]], fmt: str, width: int | None = None) -> str:
    """Rows as JSON, CSV or a table; a table's cells wrap at word boundaries to fit `width`
    characters (None: as wide as they are), and a list value gives one line per item (the
    sentences of an evidence cell)."""
    if fmt == "json":
        records = [dict(zip(columns, row)) for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2, default=str) + "\n"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(v) for v in row] for row in rows)
        return buffer.getvalue()
    if fmt == "table":
        return _table(columns, rows, width)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _table(columns: list[str], rows: list[list[Any]], width: int | None = None) -> str:
    if not columns:
        return "(no columns)\n"
    cells = [[_lines(v) for v in row] for row in rows]
    natural = [max([len(c)] + [len(line) for r in cells for line in r[i]]) for i, c in enumerate(columns)]
    widths = _fit(natural, [len(c) for c in columns], width)
    out = [
        GAP.join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
        GAP.join("-" * w for w in widths),
    ]
    for row in cells:
        wrapped = [_wrap(lines, w) for lines, w in zip(row, widths)]
        for parts in itertools.zip_longest(*wrapped, fillvalue=""):
            out.append(GAP.join(p.ljust(w) for p, w in zip(parts, widths)).rstrip())
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"


def _fit(natural: list[int], headers: list[int], width: int | None) -> list[int]:
    """Column widths that fit `width`: the widest columns give way first, none below
    MIN_COLUMN (or its header); a table that cannot fit keeps those minimums."""
    widths = list(natural)
    if width is None:
        return widths
    room = width - len(GAP) * (len(widths) - 1)
    floor = [min(n, max(MIN_COLUMN, h)) for n, h in zip(natural, headers)]
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: (widths[i] - floor[i], widths[i]))
        if widths[widest] <= floor[widest]:
            break
        widths[widest] -= 1
    return widths


def _wrap(lines: list[str], width: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += textwrap.wrap(line, width, break_long_words=False, break_on_hyphens=False) or [""]
    return out or [""]


def _lines(value: Any) -> list[str]:
    """A value as the lines of its cell: a list one item a line, text with its spaces folded."""
    if isinstance(value, list) and value and not all(isinstance(v, (int, float)) for v in value):
        return [" ".join(_cell(v).split()) for v in value]
    return [" ".join(_cell(value).split())]


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, dict):
        if "labels" in value and "properties" in value:
            return _node(value)
        if "type" in value and "properties" in value:
            return f"[:{value['type']}]"
        if "nodes" in value and "relationships" in value:
            parts = [_node(value["nodes"][0])] if value["nodes"] else []
            for rel, node in zip(value["relationships"], value["nodes"][1:]):
                parts.append(f"-[:{rel['type']}]-{_node(node)}")
            return "".join(parts)
        return json.dumps(value, ensure_ascii=False, default=str)
    if isinstance(value, list):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def _node(node: dict[str, Any]) -> str:
    labels = [label for label in node.get("labels", []) if label != "Entity"]
    props = node.get("properties", {})
    caption = props.get("name") or props.get("title") or props.get("id") or ""
    return f"(:{':'.join(labels)} {caption})" if labels else f"({caption})"


def print_error(problem: BaseException | str) -> None:
    """`error: <message>` on stderr, one line, secrets redacted (kg.core.errors.error_line)."""
    click.echo(error_line(problem), err=True)


def check_output(path: str | None, *, directory: bool = False) -> None:
    """ArgumentError (exit 2) before any work when `-o PATH` cannot be written: its folder is
    missing or not writable, or it is a folder where a file is wanted (or the reverse).
    None and "-" (standard output) pass."""
    if path in (None, "-"):
        return
    target = Path(path)
    if target.exists():
        if target.is_dir() != directory:
            want = "a directory" if directory else "a file"
            raise ArgumentError(
                f"-o {path}: expected {want}, but it is {'a directory' if target.is_dir() else 'a file'}"
            )
        if not os.access(target, os.W_OK | (os.X_OK if directory else 0)):
            raise ArgumentError(f"-o {path}: permission denied")
        return
    parent = target.absolute().parent
    if not parent.is_dir():
        raise ArgumentError(f"-o {path}: the folder {parent} does not exist")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise ArgumentError(f"-o {path}: cannot write in {parent} (permission denied)")
