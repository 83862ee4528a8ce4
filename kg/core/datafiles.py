"""JSON data files (rules, lexicons, weights, the gazetteer's settings), checked against a
schema when loaded.

A schema is built from `Record` (an object with known keys), `ListOf`, `MapOf` (an object whose
keys are data: words, relation names), `OneOf` (a closed vocabulary), `Number` and plain
Python types. Keys that start with "_" are comments. A file that does not fit fails at
start-up with one line naming the file and the entry:

    DataError: loaders/data/cues.json: relations.ATTACKED.cues[2]: unknown key 'objects'
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.core.errors import KgError


class DataError(KgError):
    """A rule, lexicon, weight or settings file that does not fit its schema."""


@dataclass(frozen=True)
class Record:
    required: dict[str, Any]
    optional: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListOf:
    item: Any
    non_empty: bool = False


@dataclass(frozen=True)
class MapOf:
    value: Any
    key: Any = str


@dataclass(frozen=True)
class OneOf:
    values: frozenset[str]
    what: str

    def __init__(self, values: Iterable[str], what: str) -> None:
        object.__setattr__(self, "values", frozenset(values))
        object.__setattr__(self, "what", what)


@dataclass(frozen=True)
class Number:
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Check:
    """A plain schema plus a test that returns a problem (str) or None."""

    schema: Any
    test: Callable[[Any], str | None]


WORDS = ListOf(str, non_empty=True)
CONFIDENCE = Number(0.0, 1.0)
ISO3 = Check(
    str, lambda v: None if len(v) == 3 and v.isupper() and v.isalpha() else f"{v!r} is not an ISO3 code"
)
ISO3_MAP = MapOf(ISO3)


class DataFolder:
    """The data files of one folder of kg, named in messages as `shown`/<file>:

    RULES = DataFolder(resources.files("kg.loaders") / "data", "loaders/data")
    RULES.load("cues.json", schema)      # a file name of the folder, or a path of one's own
    """

    def __init__(self, folder: Any, shown: str) -> None:
        self.folder = Path(str(folder))
        self.shown = shown

    def path(self, name: str | Path) -> Path:
        path = Path(name)
        return path if path.is_absolute() or path.parent != Path(".") else self.folder / path

    def load(self, name: str | Path, schema: Any) -> Any:
        path = self.path(name)
        try:
            shown = f"{self.shown}/{path.relative_to(self.folder)}"
        except ValueError:
            shown = str(path)
        return load(path, schema, shown)


def load(path: Path, schema: Any, shown: str | None = None) -> Any:
    """Read a JSON data file and check it; DataError (one line, naming the file as `shown`)
    when it does not fit."""
    shown = shown or str(path)
    try:
        value = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{shown}: no such data file") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{shown}: line {exc.lineno}: not valid JSON ({exc.msg})") from None
    problem = check(value, schema, "")
    if problem:
        raise DataError(f"{shown}: {problem}")
    return value


def check(value: Any, schema: Any, where: str) -> str | None:
    """The first problem of `value` against `schema`, as "where: what", or None."""
    if schema is Any:
        return None
    if isinstance(schema, type):
        return _check_plain(value, schema, where or "top level")
    kind = _CHECKS.get(type(schema))
    if kind is None:
        raise TypeError(f"bad schema {schema!r}")
    return kind(value, schema, where)


def _inner(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _check_check(value: Any, schema: Check, where: str) -> str | None:
    return check(value, schema.schema, where) or _test(schema, value, where or "top level")


def _check_record(value: Any, schema: Record, where: str) -> str | None:
    here = where or "top level"
    if not isinstance(value, dict):
        return f"{here}: expected an object, got {_kind(value)}"
    for key in value:
        if not key.startswith("_") and key not in schema.required and key not in schema.optional:
            known = ", ".join(sorted({*schema.required, *schema.optional}))
            return f"{here}: unknown key {key!r} (known: {known})"
    missing = next((key for key in schema.required if key not in value), None)
    if missing is not None:
        return f"{here}: missing key {missing!r}"
    return next(
        (
            problem
            for key, sub in {**schema.required, **schema.optional}.items()
            if key in value and (problem := check(value[key], sub, _inner(where, key)))
        ),
        None,
    )


def _check_list(value: Any, schema: ListOf, where: str) -> str | None:
    here = where or "top level"
    if not isinstance(value, list):
        return f"{here}: expected a list, got {_kind(value)}"
    if schema.non_empty and not value:
        return f"{here}: expected a non-empty list"
    return next(
        (problem for i, item in enumerate(value) if (problem := check(item, schema.item, f"{where}[{i}]"))),
        None,
    )


def _check_map(value: Any, schema: MapOf, where: str) -> str | None:
    if not isinstance(value, dict):
        return f"{where or 'top level'}: expected an object, got {_kind(value)}"
    for key, item in value.items():
        if key.startswith("_"):
            continue
        problem = check(key, schema.key, _inner(where, key)) if schema.key is not str else None
        problem = problem or check(item, schema.value, _inner(where, key))
        if problem:
            return problem
    return None


def _check_one_of(value: Any, schema: OneOf, where: str) -> str | None:
    return None if value in schema.values else f"{where or 'top level'}: unknown {schema.what} {value!r}"


def _check_number(value: Any, schema: Number, where: str) -> str | None:
    here = where or "top level"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return f"{here}: expected a number, got {_kind(value)}"
    if (schema.low is not None and value < schema.low) or (schema.high is not None and value > schema.high):
        return f"{here}: {value} is outside [{schema.low}, {schema.high}]"
    return None


def _check_plain(value: Any, schema: type, here: str) -> str | None:
    if not isinstance(value, schema) or (schema is int and isinstance(value, bool)):
        return f"{here}: expected {schema.__name__}, got {_kind(value)}"
    if isinstance(value, str) and not value.strip():
        return f"{here}: empty string"
    return None


# A kind of schema -> how a value is checked against it.
_CHECKS: dict[type, Callable[[Any, Any, str], str | None]] = {
    Check: _check_check,
    Record: _check_record,
    ListOf: _check_list,
    MapOf: _check_map,
    OneOf: _check_one_of,
    Number: _check_number,
}


def _test(schema: Check, value: Any, here: str) -> str | None:
    problem = schema.test(value)
    return f"{here}: {problem}" if problem else None


def _kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), type(value).__name__
    )
