"""Cypher text: what a statement uses, and the parts several statements share.

    without_strings("RETURN '$x' // $y")                  # "RETURN '' ''": no $ of text counts
    parameters("MATCH (n {id: $id}) RETURN n LIMIT $n")   # ("id", "n")
    paging("MATCH (n) RETURN n SKIP 10 LIMIT $n")         # [("SKIP", 10), ("LIMIT", "$n")]
    part("entity-class", entity="e")     # "head([label IN labels(e) WHERE label <> 'Entity'])"
    with_parts(text, "queries/x.cypher") # every `// include: NAME` and `{{NAME a=x}}` spliced in

Only literals and comments are told apart from the rest; that suffices to find the
`$name`s a statement uses and the number or parameter that directly follows LIMIT or SKIP.

A block of Cypher that several statements share (a walk, an expression) is written once, as a
file of queries/parts/ (the `kg.queries` data package), and taken in by the named queries and
by kg's reads alike. A part names the identifiers it takes in a header line
`// variables: a, b`; where it is used each may be renamed: a query writes a clause part on a
line of its own, `// include: NAME`, and an expression or pattern part inline, `{{NAME a=x}}`
(a part may too); Python writes `part("NAME", a="x")`.
"""

from __future__ import annotations

import functools
import re
from importlib.resources import files

from kg.core.errors import KgError

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
    return [
        (m[1].upper(), int(m[2]) if m[2] is not None else f"${m[3]}")
        for m in _PAGING.finditer(without_strings(cypher))
    ]


# -- parts ----------------------------------------------------------------------------------
_INCLUDE = re.compile(r"^[ \t]*//[ \t]*include[ \t]*:[ \t]*(?P<part>.*?)[ \t]*$", re.M)
_INLINE = re.compile(r"\{\{\s*(?P<part>[a-z][a-z0-9-]*)(?P<args>(?:\s+\w+\s*=\s*\w+\s*,?)*)\s*\}\}")
_ARG = re.compile(r"(\w+)\s*=\s*(\w+)")
_VARIABLES = re.compile(r"^[ \t]*//[ \t]*variables[ \t]*:[ \t]*(?P<names>.*?)[ \t]*$", re.M)


@functools.cache
def query_parts() -> dict[str, tuple[str, tuple[str, ...]]]:
    """The shared blocks of queries/parts/, by name (file name without .cypher): their text
    without comment lines, and the identifiers they take in."""
    parts = {}
    for resource in files("kg.queries").joinpath("parts").iterdir():
        if not resource.name.endswith(".cypher"):
            continue
        text = resource.read_text(encoding="utf-8")
        source = f"queries/parts/{resource.name}"
        if _INCLUDE.search(text):
            raise KgError(
                f"{source}: a part cannot include a clause part (an inline one, {{{{NAME}}}}, it may)"
            )
        declared = _VARIABLES.search(text)
        variables = tuple(v.strip() for v in declared["names"].split(",") if v.strip()) if declared else ()
        body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
        parts[resource.name[: -len(".cypher")]] = (body.strip("\n"), variables)
    return parts


def part(name: str, source: str = "kg", **renamed: str) -> str:
    """The part `name` with its identifiers renamed as given (KgError naming `source` for an
    unknown part or identifier)."""
    parts = query_parts()
    if name not in parts:
        raise KgError(f"{source}: no query part named {name!r}; the parts are: {', '.join(sorted(parts))}")
    body, variables = parts[name]
    unknown = sorted(set(renamed) - set(variables))
    if unknown:
        raise KgError(
            f"{source}: the part {name!r} takes {', '.join(variables) or 'no identifiers'}, "
            f"not {', '.join(unknown)}"
        )
    for old, new in renamed.items():
        body = re.sub(rf"(?<![\w$.]){old}\b", new, body)
    if _INLINE.search(body):  # a part that takes in an expression or pattern part
        body = _INLINE.sub(
            lambda found: part(
                found["part"], f"queries/parts/{name}.cypher", **dict(_ARG.findall(found["args"]))
            ),
            body,
        )
    return body


def with_parts(text: str, source: str) -> str:
    """`text` with each `// include: NAME` line and each `{{NAME a=x}}` replaced by the part."""

    def line(found: re.Match) -> str:
        return part(found["part"], f"{source}:{_line_of(text, found.start())}")

    def inline(found: re.Match) -> str:
        return part(
            found["part"], f"{source}:{_line_of(text, found.start())}", **dict(_ARG.findall(found["args"]))
        )

    return _INLINE.sub(inline, _INCLUDE.sub(line, text))


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


__all__ = ["part", "paging", "parameters", "query_parts", "with_parts", "without_strings"]
