"""FalkorDB's parameter text: the `CYPHER name=value ...` header, checked as it is built.

    header = params_header({"rows": [{"id": "a1", "n": 2}]})   # 'CYPHER `rows`=[{`id`:"a1",`n`:2}] '
    check_params({"x": float("nan")})                          # QueryError naming $x

FalkorDB takes parameters as Cypher literals in front of the statement. A NUL, a lone
surrogate, a NaN or an integer beyond 64 bits would be misread there, so every value is
checked first, and refused with one line naming it.

A write batch sends tens of thousands of values, so the text is built by `json.dumps` (C)
whenever JSON and Cypher spell the values alike: strings, numbers, true/false/null, lists;
map keys are then re-quoted in backticks. FalkorDB reads the escapes \\" \\\\ \\n \\t \\r \\b \\f
as JSON does, but not \\uXXXX, so text in which JSON needs one (other control characters,
a NUL), and anything that might be out of range, goes the slow way: every value checked
and spelled one by one, as the falkordb client spells them.
"""

from __future__ import annotations

import json
import math
from typing import Any

from kg.core.graph import QueryError
from kg.core.model import text_problem

_INT64 = (-(1 << 63), (1 << 63) - 1)

_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))
# What the fast path cannot vouch for: a \u escape in the JSON text (FalkorDB would keep it as
# six characters), or a run of 19 digits (an integer that may not fit in 64 bits). Text that
# only looks like one is sent the slow way, which costs time, not correctness.
_DIGITS = bytes.maketrans(b"123456789", b"000000000")
_LONG_NUMBER = b"0" * 19
# Stand-ins for JSON's escaped backslash and quote while strings are told apart: the JSON
# text has no raw NUL (JSON writes it \u0000).
_BACKSLASH, _QUOTE = "\x00\x01", "\x00\x02"


def params_header(params: dict[str, Any] | None) -> str:
    """The header FalkorDB reads parameters from ('' for none); QueryError for a value it
    would misread."""
    if not params:
        return ""
    names = list(params)
    for name in names:
        _check_name(name, "")
    values = [_fast(params[name]) for name in names]
    if None in values:  # checked one by one: it raises naming the value, or was a false alarm
        check_params(params)
        values = [_spell(params[name]) for name in names]
    return "CYPHER " + "".join(f"`{n}`={v} " for n, v in zip(names, values))


def _fast(value: Any) -> str | None:
    """`value` as a Cypher literal through JSON, or None when it must go the slow way."""
    try:
        text = _ENCODER.encode(value)
        raw = text.encode("utf-8")  # fails on a lone surrogate
    except (TypeError, ValueError):  # NaN, infinity, a type JSON cannot spell, a surrogate
        return None
    if b"\\u" in raw or _LONG_NUMBER in raw.translate(_DIGITS):
        return None
    if '"' not in text:
        return text
    # every " left once escapes are stood in for opens or closes a string; a string
    # followed by : is a map key, which Cypher quotes in backticks
    parts = text.replace("\\\\", _BACKSLASH).replace('\\"', _QUOTE).split('"')
    out = [parts[0]]
    for i in range(1, len(parts) - 1, 2):
        string, after = parts[i], parts[i + 1]
        if after[:1] == ":":
            if not string or "`" in string or "\x00" in string:
                return None  # a key Cypher cannot spell in backticks: refused when checked
            out.append(f"`{string}`{after}")
        else:
            out.append(f'"{string}"{after}')
    return "".join(out).replace(_QUOTE, '\\"').replace(_BACKSLASH, "\\\\")


def check_params(params: dict[str, Any] | None, where: str = "") -> None:
    """Refuse parameter names and values FalkorDB would misread, with one line naming them."""
    for name, value in (params or {}).items():
        _check_name(name, where)
        _check_value(value, f"{where}.{name}" if where else str(name))


def _check_name(name: Any, where: str) -> None:
    if not isinstance(name, str) or not name or "`" in name:  # the header quotes names in `
        label = f"{where}.{name}" if where else str(name)
        raise QueryError(f"parameter name {label!r} must be a non-empty name without a backtick")


def _check_value(value: Any, label: str) -> None:
    if isinstance(value, bool) or value is None:
        return
    if isinstance(value, int):
        if not _INT64[0] <= value <= _INT64[1]:
            raise QueryError(f"parameter {label!r}: the integer {value} does not fit in 64 bits")
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise QueryError(f"parameter {label!r}: {value} is not a finite number")
    elif isinstance(value, str):
        bad = text_problem(value)
        if bad:
            raise QueryError(f"parameter {label!r}: {bad}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            _check_value(item, f"{label}[{i}]")
    elif isinstance(value, dict):
        check_params(value, label)
    else:
        raise QueryError(f"parameter {label!r}: a {type(value).__name__} cannot be sent to the graph")


def _spell(value: Any) -> str:
    """One checked value as a Cypher literal, the falkordb client's way (strings quoted with
    only \\ and " escaped, other characters as they are)."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(_spell(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(f"`{k}`:{_spell(v)}" for k, v in value.items()) + "}"
    return str(value)
