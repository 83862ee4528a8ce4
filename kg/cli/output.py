"""What the command line prints: query results as an aligned table, JSON, or CSV, and the
one-line error messages on stderr.

Nodes, relationships and paths (plain dicts from the stores) print compactly in tables and
CSV: `(:Country Kazakhstan)`, `[:SENT_TROOPS_TO]`; JSON keeps them whole.
"""

from __future__ import annotations

import csv
import io
import json
import os
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
    rows = [("doc", "#", "subject", "predicate", "object", "modality", "conf", "rule")]
    for a in assertions:
        rows.append(
            (
                a.doc,
                str(a.sentence.index),
                a.subject.entity.name,
                a.predicate,
                a.object.entity.name,
                a.qualifiers.modality,
                f"{a.confidence:.2f}",
                a.rule,
            )
        )
    widths = [min(40, max(len(r[i]) for r in rows)) for i in range(len(rows[0]))]
    out.write(
        "\n".join("  ".join(cell[:w].ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows)
        + "\n"
    )


_MAX_CELL = 80


def render(columns: list[str], rows: list[list[Any]], fmt: str) -> str:
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
        return _table(columns, rows)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def _table(columns: list[str], rows: list[list[Any]]) -> str:
    if not columns:
        return "(no columns)\n"
    cells = [[_short(_cell(v)) for v in row] for row in rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(columns)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(columns, widths)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _MAX_CELL else text[: _MAX_CELL - 1] + "…"


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
