"""Named queries: the .cypher files of the `queries` package, each with a header of `//` lines.

    // name: troop-deployments
    // description: Who sent troops where, with the sentences that say so.
    // param: country string optional  Only deployments by or to this country.
    // param: limit int optional=50  Most rows returned.
    // example: kg ask troop-deployments -p country=Kazakhstan
    MATCH ...

A param line is `name type required|optional[=default]  description`, the type one of
string, int, float, bool, list (comma-separated on the command line), or entity: any name,
alias, acronym, spelling or id of an entity, which is resolved to the node's id before the
query runs (kg/resolution/lookup.py), so the Cypher matches `x.id = $param` (an index seek).
Every declared param is always passed to the engine: optional ones without a default as null.

    run_named_query(store, "troop-deployments", {"country": "Kazakhstan"})
"""
from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from kg.errors import KgError
from kg.store.result import Result

PARAM_TYPES = ("string", "int", "float", "bool", "list", "entity")
_KEYS = ("name", "description", "param", "example")
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PARAM = re.compile(r"(?P<name>[A-Za-z_]\w*)\s+(?P<type>\w+)\s+(?P<need>required|optional(?:=(?P<default>\S*))?)"
                    r"(?:\s+(?P<description>\S.*))?")
_HEADER_LINE = re.compile(r"//\s*(?:(?P<key>[a-z]+)\s*:\s*(?P<value>.*?))?\s*")
_CYPHER_PARAM = re.compile(r"\$(\w+)")
_TRUE = ("true", "yes", "y", "on", "1")
_FALSE = ("false", "no", "n", "off", "0")


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str  # string | int | float | bool | list
    required: bool
    default: Any = None  # already of `type`; None when there is none
    description: str = ""

    def usage(self) -> str:
        """`country (string, optional)`, `limit (int, default 50)`."""
        if self.required:
            need = "required"
        elif self.default is None:
            need = "optional"
        else:
            need = f"default {_show(self.default)}"
        return f"{self.name} ({self.type}, {need})"


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    examples: tuple[str, ...]
    cypher: str
    source: str = ""  # the file it was read from

    def param(self, name: str) -> QueryParam | None:
        return next((p for p in self.params if p.name == name), None)

    def describe(self) -> str:
        """Help text: the description, one line per parameter, the examples."""
        lines = [f"{self.name}: {self.description}"]
        if self.params:
            lines.append("parameters:")
            lines += [f"  {p.usage()}  {p.description}".rstrip() for p in self.params]
        lines.append("examples:")
        lines += [f"  {example}" for example in self.examples]
        return "\n".join(lines)

    def bind(self, raw: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The engine parameters: values coerced to their declared types (strings from the
        command line, or Python values), defaults filled in, every declared param present.
        None or an empty string counts as not given."""
        raw = dict(raw or {})
        for key in raw:
            if self.param(key) is None:
                names = [p.name for p in self.params]
                close = _close(key, names)
                hint = f" (did you mean {' or '.join(close)}?)" if close else ""
                takes = f"it takes: {', '.join(names)}" if names else "it takes none"
                raise KgError(f"query {self.name!r} has no parameter {key!r}{hint}; {takes}")
        bound: dict[str, Any] = {}
        for p in self.params:
            value = raw.get(p.name)
            if value is None or (isinstance(value, str) and not value.strip()):
                if p.required:
                    about = f": {p.description}" if p.description else ""
                    raise KgError(f"query {self.name!r} needs parameter {p.name!r} ({p.type}), "
                                  f"pass it as -p {p.name}=...{about}")
                bound[p.name] = p.default
                continue
            try:
                bound[p.name] = coerce(value, p.type)
            except ValueError as exc:
                hint = exc.args[0] if exc.args else ""
                raise KgError(f"parameter {p.name!r} of query {self.name!r} must be "
                              f"{_article(p.type)} {p.type}, got {value!r}{hint}") from None
        return bound


def coerce(value: Any, type_: str) -> Any:
    """A command-line string or a Python value -> a value of the declared type; ValueError
    (with an optional hint as its message) when it is not one."""
    if type_ in ("string", "entity"):
        if isinstance(value, str):
            return value
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)
        raise ValueError()
    if type_ == "int":
        if isinstance(value, bool):
            raise ValueError()
        if isinstance(value, int):
            return value
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            return int(value)
        raise ValueError()
    if type_ == "float":
        if isinstance(value, bool):
            raise ValueError()
        if isinstance(value, (int, float)):
            return float(value)
        if isinstance(value, str):
            try:
                number = float(value)
            except ValueError:
                raise ValueError() from None
            if number != number or number in (float("inf"), float("-inf")):
                raise ValueError()
            return number
        raise ValueError()
    if type_ == "bool":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
            return value.strip().lower() in _TRUE
        raise ValueError(" (expected true or false)")
    if type_ == "list":
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        if isinstance(value, (list, tuple)):
            return list(value)
        raise ValueError(" (expected comma-separated values)")
    raise ValueError(f" (unknown type {type_!r})")


@functools.cache
def load_named_queries() -> dict[str, NamedQuery]:
    """Every query of the `queries` package, by name (read once per process)."""
    queries: dict[str, NamedQuery] = {}
    for resource in sorted(files("kg.queries").iterdir(), key=lambda r: r.name):
        if not resource.name.endswith(".cypher"):
            continue
        query = parse_named_query(resource.read_text(encoding="utf-8"), f"queries/{resource.name}")
        stem = resource.name[: -len(".cypher")]
        if query.name != stem:
            raise KgError(f"queries/{resource.name}:1: the query is named {query.name!r}; "
                          f"name the file {query.name}.cypher or the query {stem!r}")
        queries[query.name] = query
    return queries


def get_named_query(name: str) -> NamedQuery:
    queries = load_named_queries()
    try:
        return queries[name]
    except KeyError:
        close = _close(name, list(queries))
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise KgError(f"no named query {name!r}{hint}; the named queries are: "
                      f"{', '.join(sorted(queries))}") from None


def run_named_query(store: Any, name: str, raw_params: Mapping[str, Any] | None = None) -> Result:
    """Bind the parameters, resolve the entity ones to node ids, and run the query, read-only.
    An entity parameter that names no node is passed as given (the query finds nothing); one
    that fits several people equally is an error naming them."""
    query = get_named_query(name)
    params = query.bind(raw_params)
    for p in query.params:
        if p.type == "entity" and params[p.name] is not None:
            params[p.name] = resolve_entity(store, params[p.name])
    return store.query(query.cypher, params)


def resolve_entity(store: Any, text: str) -> str:
    """The id of the node `text` names (the most connected of several), or `text` itself."""
    from kg.resolution.lookup import find_node

    node = find_node(store, text)
    return node["id"] if node is not None else text


def parse_named_query(text: str, source: str = "<query>") -> NamedQuery:
    """One query file's text -> NamedQuery; KgError naming `source` and the line when the
    header is malformed or disagrees with the Cypher's $parameters."""
    lines = text.splitlines()
    fields: dict[str, list[tuple[int, str]]] = {key: [] for key in _KEYS}
    body_start = len(lines)
    for number, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            if stripped:
                body_start = number - 1
                break
            continue
        match = _HEADER_LINE.fullmatch(stripped)
        if match is None or match["key"] is None:
            if stripped.strip("/ "):
                raise KgError(f"{source}:{number}: expected a header line '// key: value' "
                              f"(keys: {', '.join(_KEYS)}), got {stripped!r}")
            continue
        if match["key"] not in fields:
            raise KgError(f"{source}:{number}: unknown header key {match['key']!r}; "
                          f"expected one of: {', '.join(_KEYS)}")
        if not match["value"]:
            raise KgError(f"{source}:{number}: header key {match['key']!r} has no value")
        fields[match["key"]].append((number, match["value"]))

    for key in ("name", "description"):
        if not fields[key]:
            raise KgError(f"{source}:1: the header has no '// {key}:' line")
        if len(fields[key]) > 1:
            raise KgError(f"{source}:{fields[key][1][0]}: a second '// {key}:' line")
    number, name = fields["name"][0]
    if not _NAME.fullmatch(name):
        raise KgError(f"{source}:{number}: query name {name!r} must be lowercase words joined by '-'")
    if not fields["example"]:
        raise KgError(f"{source}:1: the header has no '// example:' line; add at least one")

    params: list[QueryParam] = []
    for number, value in fields["param"]:
        param = _param(value, f"{source}:{number}")
        if any(p.name == param.name for p in params):
            raise KgError(f"{source}:{number}: parameter {param.name!r} is declared twice")
        params.append(param)

    cypher = "\n".join(lines[body_start:]).strip()
    if not cypher:
        raise KgError(f"{source}:{len(lines)}: the file has a header but no Cypher after it")
    used = set(_CYPHER_PARAM.findall(_without_strings(cypher)))
    declared = {p.name for p in params}
    if used - declared:
        raise KgError(f"{source}:{body_start + 1}: the Cypher uses undeclared parameter(s) "
                      f"{', '.join(sorted(used - declared))}; add a '// param:' line for each")
    if declared - used:
        unused = sorted(declared - used)
        number = next(n for n, v in fields["param"] if v.split()[0] == unused[0])
        raise KgError(f"{source}:{number}: parameter(s) {', '.join(unused)} declared but not "
                      f"used in the Cypher")
    return NamedQuery(name=name, description=fields["description"][0][1], params=tuple(params),
                      examples=tuple(v for _, v in fields["example"]), cypher=cypher, source=source)


def _param(text: str, where: str) -> QueryParam:
    match = _PARAM.fullmatch(text)
    if match is None:
        raise KgError(f"{where}: expected '// param: name type required|optional[=default]  "
                      f"description', got {text!r}")
    type_ = match["type"]
    if type_ not in PARAM_TYPES:
        raise KgError(f"{where}: parameter {match['name']!r} has unknown type {type_!r}; "
                      f"expected one of: {', '.join(PARAM_TYPES)}")
    required = match["need"] == "required"
    default = None
    if match["default"] is not None:
        try:
            default = coerce(match["default"], type_)
        except ValueError:
            raise KgError(f"{where}: default {match['default']!r} of parameter {match['name']!r} "
                          f"is not {_article(type_)} {type_}") from None
    return QueryParam(match["name"], type_, required, default, match["description"] or "")


def _without_strings(cypher: str) -> str:
    """The Cypher without its string literals and // comments (so '$' in them is no param)."""
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|//[^\n]*", "''", cypher)


def _close(word: str, candidates: list[str]) -> list[str]:
    return difflib.get_close_matches(word, candidates, n=3, cutoff=0.5)


def _article(type_: str) -> str:
    return "an" if type_[0] in "aeiou" else "a"


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(map(str, value))
    return str(value)


__all__ = ["NamedQuery", "PARAM_TYPES", "QueryParam", "coerce", "get_named_query",
           "load_named_queries", "parse_named_query", "run_named_query"]
