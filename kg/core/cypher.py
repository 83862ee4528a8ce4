"""Reading a Cypher statement's text without parsing it: its parameters, its LIMIT and SKIP.

    without_strings("RETURN '$x' // $y")                  # "RETURN '' ''": no $ of text counts
    parameters("MATCH (n {id: $id}) RETURN n LIMIT $n")   # ("id", "n")
    paging("MATCH (n) RETURN n SKIP 10 LIMIT $n")         # [("SKIP", 10), ("LIMIT", "$n")]

Only literals and comments are told apart from the rest; that suffices to find the
`$name`s a statement uses and the number or parameter that directly follows LIMIT or SKIP.
"""
from __future__ import annotations

import re

# A string literal (either quote, with escapes), a `quoted name`, a // or /* */ comment.
_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`|//[^\n]*|/\*.*?\*/", re.S)
_PARAM = re.compile(r"\$(\w+)")
_PAGING = re.compile(r"\b(LIMIT|SKIP)\s+(?:(\d+)\b|\$(\w+))", re.I)


def without_strings(cypher: str) -> str:
    """The statement with each string, quoted name and comment replaced by `''`."""
    return _LITERAL.sub("''", cypher)


def parameters(cypher: str) -> tuple[str, ...]:
    """The names of the parameters ($name) the statement uses, each once, in order."""
    return tuple(dict.fromkeys(_PARAM.findall(without_strings(cypher))))


def paging(cypher: str) -> list[tuple[str, int | str]]:
    """Each LIMIT or SKIP of the statement whose value is an integer literal (as an int) or a
    parameter (as "$name"); values computed by an expression are not listed."""
    return [(m[1].upper(), int(m[2]) if m[2] is not None else f"${m[3]}")
            for m in _PAGING.finditer(without_strings(cypher))]


__all__ = ["paging", "parameters", "without_strings"]
