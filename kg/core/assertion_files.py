"""Assertion files: what `kg extract` writes and `kg ingest --assertions` reads back.

    WRITERS["parquet"](assertions, path)     # also "jsonl"
    for number, text in assertion_lines("part-1.parquet"): Assertion.from_dict(json.loads(text))

JSONL: one assertion a line, `Assertion.to_dict()` (README shows the contract). Parquet: one
row per assertion; the columns (PARQUET_COLUMNS: name, Arrow type, what it holds) are the
assertion's fields flattened for analysis with any Parquet reader, and `assertion` holds the
whole record exactly as the JSONL line, which is what `kg ingest --assertions` reads back.
Parquet needs pyarrow (`pip install 'kg[ray]'` brings it).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from kg.core.model import Assertion

FORMATS = ("jsonl", "parquet")
PARTITION_SIZE = 100  # documents per partition of a partitioned run: ~2,000 sentences

# Parquet: (column, Arrow type name, what it holds); `assertion` is the record itself.
PARQUET_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("doc", "string", "the article's id"),
    ("predicate", "string", "the ontology relation"),
    ("subject_id", "string", "the subject entity's id"),
    ("subject_name", "string", "its name"),
    ("subject_type", "string", "its ontology class"),
    ("object_id", "string", "the object entity's id"),
    ("object_name", "string", "its name"),
    ("object_type", "string", "its ontology class"),
    ("modality", "string", "asserted, reported, alleged, planned, negated ..."),
    ("date", "string", "the event's date as written (YYYY, YYYY-MM or YYYY-MM-DD), or null"),
    ("confidence", "float64", "the calibrated confidence kg states"),
    ("rule", "string", "the rule that found it"),
    ("sentence_index", "int64", "the sentence's number in the article (0: the headline)"),
    ("sentence", "string", "the evidence sentence"),
    ("published", "string", "the article's publication date, or null"),
    ("assertion", "string", "the whole assertion as one JSON object (kg extract's JSONL line)"),
)


def _write_jsonl(assertions: list[Assertion], path: Path) -> None:
    with path.open("w", encoding="utf-8") as out:
        for assertion in assertions:
            out.write(json.dumps(assertion.to_dict(), ensure_ascii=False) + "\n")
        out.flush()
        os.fsync(out.fileno())


def _write_parquet(assertions: list[Assertion], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [a.to_dict() for a in assertions]
    columns: dict[str, list[Any]] = {name: [] for name, _, _ in PARQUET_COLUMNS}
    for record in records:
        row = _flat(record)
        for name in columns:
            columns[name].append(row[name])
    schema = pa.schema([(name, getattr(pa, kind)()) for name, kind, _ in PARQUET_COLUMNS])
    pq.write_table(pa.table(columns, schema=schema), path)


_ENTITY_KEYS = ("id", "name", "type")


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    qualifiers, sentence, document = record["qualifiers"], record["sentence"], record["document"]
    return {
        "doc": record["doc"],
        "predicate": record["predicate"],
        **{
            f"{side}_{key}": record[side][key]
            for side in ("subject", "object")
            for key in ("id", "name", "type")
        },
        "modality": qualifiers.get("modality"),
        "date": qualifiers.get("date"),
        "confidence": record["confidence"],
        "rule": record["rule"],
        "sentence_index": sentence["index"],
        "sentence": sentence["text"],
        "published": document.get("published"),
        "assertion": json.dumps(record, ensure_ascii=False),
    }


WRITERS: dict[str, Callable[[list[Assertion], Path], None]] = {
    "jsonl": _write_jsonl,
    "parquet": _write_parquet,
}


def assertion_lines(path: str) -> Iterator[tuple[int, str]]:
    """(line or row number, JSON text) of each assertion in a JSONL or Parquet file."""
    if path.endswith(".parquet"):
        import pyarrow.parquet as pq

        column = pq.read_table(path, columns=["assertion"]).column("assertion")
        yield from enumerate(column.to_pylist(), 1)
        return
    with open(path, encoding="utf-8") as lines:
        yield from enumerate(lines, 1)


__all__ = ["FORMATS", "PARTITION_SIZE", "PARQUET_COLUMNS", "WRITERS", "assertion_lines"]
