"""Named queries: the .cypher files of the `queries` package, each with a header of `//` lines.

    // name: troop-deployments
    // description: Who sent troops where, with the sentences that say so.
    // param: country string optional  Only deployments by or to this country.
    // param: limit int optional=50 min=1 max=1000000  Most rows returned.
    // example: kg ask troop-deployments -p country=Kazakhstan
    MATCH ...

A param line is `name type required|optional[=default] [min=N] [max=N]  description`, the
type one of string, int, float, bool, list (comma-separated on the command line), or entity:
any name, alias, acronym, spelling or id of an entity, which is resolved to the node's id
before the query runs (kg/resolution/lookup.py), so the Cypher matches `x.id = $param` (an
index seek); min and max (int and float only) bound the values accepted. Every declared param
is always passed to the engine: optional ones without a default as null. An int is always
within 64 bits, the engines' integer, and a parameter name is a Cypher identifier.

    run_named_query(store, "troop-deployments", {"country": "Kazakhstan"})

A Cypher block that several queries share is written once, in `queries/parts/NAME.cypher`, and
a query's body takes it in with a line `// include: NAME` (or, for an expression or a pattern,
inline: `{{NAME a=x}}`; kg/core/cypher.py); the catalogue (query_files) holds the spliced
text, so `kg ask`, Browser favourites and the linter all see whole queries.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from kg.core.cypher import parameters, with_parts
from kg.core.errors import ArgumentError, KgError
from kg.core.graph import Result
from kg.core.model import DEFAULT_MIN_CONFIDENCE

PARAM_TYPES = ("string", "int", "float", "bool", "list", "entity", "ontology")


def _event_scale(field: str) -> Callable[[], dict[str, Any]]:
    def values() -> dict[str, Any]:
        from kg.core.ontology import load_ontology

        return {name: getattr(r, field) for name, r in load_ontology().relations.items() if r.kind == "event"}

    return values


# The values an `ontology` parameter is bound to: read from ontology/kg.ttl when the query
# runs (never given with -p), so a query uses the ontology's scale without writing it out.
ONTOLOGY_VALUES: dict[str, Callable[[], Any]] = {
    "quad_classes": _event_scale("quad_class"),  # event relation -> quad class
    "goldstein": _event_scale("goldstein"),  # event relation -> Goldstein value, -10..10
}
NUMBER_TYPES = ("int", "float")  # the types that take min= and max=
INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1  # Cypher's integer, on FalkorDB and Neo4j
_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"  # a parameter name that needs no backticks
_KEYS = ("name", "description", "param", "example", "for")
# Who a file of queries/ is for: `kg ask` (the default) and, marked `// for: kg, browser`, the
# Neo4j Browser favourites too (kg/browser); `// for: browser` alone: a favourite only (it may
# call Neo4j procedures, and its $parameters are Browser's :params).
TARGETS = ("kg", "browser")
_FOR = re.compile(r"//\s*for\s*:\s*(?P<value>.*?)\s*$", re.M)
_NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")
_PARAM = re.compile(
    rf"(?P<name>{_IDENTIFIER})\s+(?P<type>\w+)\s+"
    r"(?P<need>required|optional(?:=(?P<default>\S*))?)"
    r"(?P<bounds>(?:\s+(?:min|max)=\S*)*)"
    r"(?:\s+(?P<description>\S.*))?"
)
_HEADER_LINE = re.compile(r"//\s*(?:(?P<key>[a-z]+)\s*:\s*(?P<value>.*?))?\s*")
_TRUE = ("true", "yes", "y", "on", "1")
_FALSE = ("false", "no", "n", "off", "0")


@dataclass(frozen=True)
class QueryParam:
    name: str
    type: str  # string | int | float | bool | list
    required: bool
    default: Any = None  # already of `type`; None when there is none
    description: str = ""
    minimum: int | float | None = None  # int and float only: the smallest value accepted
    maximum: int | float | None = None

    def usage(self) -> str:
        """`country (string, optional)`, `limit (int, default 50, 1 to 1000000)`."""
        if self.required:
            need = "required"
        elif self.default is None:
            need = "optional"
        else:
            need = f"default {_show(self.default)}"
        return f"{self.name} ({self.type}, {need}{self._range()})"

    def out_of_range(self, value: Any) -> bool:
        return (self.minimum is not None and value < self.minimum) or (
            self.maximum is not None and value > self.maximum
        )

    def range_text(self) -> str:
        """`from 1 to 1000000`, `at least 0`, `at most 4`."""
        if self.minimum is not None and self.maximum is not None:
            return f"from {self.minimum} to {self.maximum}"
        if self.minimum is not None:
            return f"at least {self.minimum}"
        return f"at most {self.maximum}"

    def _range(self) -> str:
        if self.minimum is None and self.maximum is None:
            return ""
        return ", " + self.range_text().removeprefix("from ")


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[QueryParam, ...]
    examples: tuple[str, ...]
    cypher: str
    source: str = ""  # the file it was read from
    targets: tuple[str, ...] = ("kg",)  # TARGETS it is for (its `// for:` line)

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
            if p.type == "ontology":
                if value is not None:
                    where = f"parameter {p.name!r} of query {self.name!r}"
                    raise KgError(f"{where} is bound from the ontology, not given with -p")
                bound[p.name] = ONTOLOGY_VALUES[p.name]()
                continue
            if value is None or (isinstance(value, str) and not value.strip()):
                if p.required:
                    about = f": {p.description}" if p.description else ""
                    raise KgError(
                        f"query {self.name!r} needs parameter {p.name!r} ({p.type}), "
                        f"pass it as -p {p.name}=...{about}"
                    )
                bound[p.name] = p.default
                continue
            try:
                bound[p.name] = coerce(value, p.type)
            except ValueError as exc:
                hint = exc.args[0] if exc.args else ""
                raise KgError(
                    f"parameter {p.name!r} of query {self.name!r} must be "
                    f"{_article(p.type)} {p.type}, got {value!r}{hint}"
                ) from None
            if p.out_of_range(bound[p.name]):
                raise KgError(
                    f"parameter {p.name!r} of query {self.name!r} must be {p.range_text()}, got {value!r}"
                )
        return bound


def coerce(value: Any, type_: str) -> Any:
    """A command-line string or a Python value -> a value of the declared type; ValueError
    (with an optional hint as its message) when it is not one."""
    try:
        convert = _COERCIONS[type_]
    except KeyError:
        raise ValueError(f" (unknown type {type_!r})") from None
    return convert(value)


def _text(value: Any) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    raise ValueError()


def _int(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    elif isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+\s*", value):
        value = int(value)
    if not isinstance(value, int):
        raise ValueError()
    if not INT64_MIN <= value <= INT64_MAX:
        raise ValueError(f" (outside the 64-bit integer range, {INT64_MIN} to {INT64_MAX})")
    return value


def _float(value: Any) -> float:
    if isinstance(value, bool):
        raise ValueError()
    if isinstance(value, (int, float)):
        return float(value)
    if not isinstance(value, str):
        raise ValueError()
    try:
        number = float(value)
    except ValueError:
        raise ValueError() from None
    if not math.isfinite(number):
        raise ValueError()
    return number


def _bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUE + _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(" (expected true or false)")


def _list(value: Any) -> list:
    if isinstance(value, str):
        return [item.strip() for item in value.split(",") if item.strip()]
    if isinstance(value, (list, tuple)):
        return list(value)
    raise ValueError(" (expected comma-separated values)")


# A declared parameter type -> how a value becomes one (PARAM_TYPES, in the same order).
_COERCIONS: dict[str, Callable[[Any], Any]] = {
    "string": _text,
    "int": _int,
    "float": _float,
    "bool": _bool,
    "list": _list,
    "entity": _text,
    "ontology": _text,  # never given: bound from ONTOLOGY_VALUES
}


def query_files() -> list[tuple[str, str, tuple[str, ...]]]:
    """(file name, text, targets) of every .cypher file of the `queries` package, by name: the
    one catalogue of Cypher that named queries and Browser favourites are read from."""
    out = []
    for resource in sorted(files("kg.queries").iterdir(), key=lambda r: r.name):
        if resource.name.endswith(".cypher"):
            source = f"queries/{resource.name}"
            text = with_parts(resource.read_text(encoding="utf-8"), source)
            out.append((resource.name, text, targets_of(text, source)))
    return out


def targets_of(text: str, source: str) -> tuple[str, ...]:
    """The TARGETS a query file is for: its `// for:` line (in the header), else kg."""
    header = "\n".join(line for line in text.splitlines() if line.strip().startswith("//"))
    found = _FOR.search(header)
    if found is None:
        return ("kg",)
    targets = tuple(t.strip() for t in found["value"].split(",") if t.strip())
    unknown = [t for t in targets if t not in TARGETS]
    if unknown or not targets:
        raise KgError(
            f"{source}: '// for:' lists {', '.join(unknown) or 'nothing'}; "
            f"expected some of: {', '.join(TARGETS)}"
        )
    return targets


@functools.cache
def load_named_queries() -> dict[str, NamedQuery]:
    """Every query of the `queries` package that `kg ask` runs, by name (read once per process)."""
    queries: dict[str, NamedQuery] = {}
    for name, text, targets in query_files():
        if "kg" not in targets:
            continue
        resource = files("kg.queries").joinpath(name)
        query = parse_named_query(text, f"queries/{resource.name}")
        stem = resource.name[: -len(".cypher")]
        if query.name != stem:
            raise KgError(
                f"queries/{resource.name}:1: the query is named {query.name!r}; "
                f"name the file {query.name}.cypher or the query {stem!r}"
            )
        queries[query.name] = query
    return queries


def get_named_query(name: str) -> NamedQuery:
    queries = load_named_queries()
    try:
        return queries[name]
    except KeyError:
        close = _close(name, list(queries))
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        raise KgError(
            f"no named query {name!r}{hint}; the named queries are: {', '.join(sorted(queries))}"
        ) from None


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


def parse_header(
    text: str,
    source: str,
    keys: tuple[str, ...] = _KEYS,
) -> tuple[dict[str, list[tuple[int, str]]], int]:
    """The header of a file of queries/ (`// key: value` lines before the Cypher): each key's
    (line number, value) pairs, and the index of the first line of Cypher. KgError naming
    `source` and the line for a line that is no header line, an unknown key (of `keys`) or a
    key without a value; at most one name, description and for, and a name of lowercase
    words joined by '-'. The one header parser of the named queries and Browser favourites."""
    lines = text.splitlines()
    fields: dict[str, list[tuple[int, str]]] = {key: [] for key in keys}
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
                raise KgError(
                    f"{source}:{number}: expected a header line '// key: value' "
                    f"(keys: {', '.join(keys)}), got {stripped!r}"
                )
            continue
        if match["key"] not in fields:
            raise KgError(
                f"{source}:{number}: unknown header key {match['key']!r}; expected one of: {', '.join(keys)}"
            )
        if not match["value"]:
            raise KgError(f"{source}:{number}: header key {match['key']!r} has no value")
        fields[match["key"]].append((number, match["value"]))

    for key in ("name", "description"):
        if not fields[key]:
            raise KgError(f"{source}:1: the header has no '// {key}:' line")
        if len(fields[key]) > 1:
            raise KgError(f"{source}:{fields[key][1][0]}: a second '// {key}:' line")
    if len(fields.get("for", ())) > 1:
        raise KgError(f"{source}:{fields['for'][1][0]}: a second '// for:' line")
    number, name = fields["name"][0]
    if not _NAME.fullmatch(name):
        raise KgError(f"{source}:{number}: query name {name!r} must be lowercase words joined by '-'")
    return fields, body_start


def parse_named_query(text: str, source: str = "<query>") -> NamedQuery:
    """One query file's text -> NamedQuery; KgError naming `source` and the line when the
    header is malformed or disagrees with the Cypher's $parameters."""
    lines = text.splitlines()
    fields, body_start = parse_header(text, source)
    name = fields["name"][0][1]
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
    used = set(parameters(cypher))
    declared = {p.name for p in params}
    if used - declared:
        raise KgError(
            f"{source}:{body_start + 1}: the Cypher uses undeclared parameter(s) "
            f"{', '.join(sorted(used - declared))}; add a '// param:' line for each"
        )
    if declared - used:
        unused = sorted(declared - used)
        number = next(n for n, v in fields["param"] if v.split()[0] == unused[0])
        raise KgError(
            f"{source}:{number}: parameter(s) {', '.join(unused)} declared but not used in the Cypher"
        )
    return NamedQuery(
        name=name,
        description=fields["description"][0][1],
        params=tuple(params),
        examples=tuple(v for _, v in fields["example"]),
        cypher=cypher,
        source=source,
        targets=targets_of(text, source),
    )


def _param(text: str, where: str) -> QueryParam:
    match = _PARAM.fullmatch(text)
    if match is None:
        raise KgError(
            f"{where}: expected '// param: name type required|optional[=default]  description', got {text!r}"
        )
    type_ = match["type"]
    if type_ not in PARAM_TYPES:
        raise KgError(
            f"{where}: parameter {match['name']!r} has unknown type {type_!r}; "
            f"expected one of: {', '.join(PARAM_TYPES)}"
        )
    required = match["need"] == "required"
    if type_ == "ontology" and (match["name"] not in ONTOLOGY_VALUES or required or match["default"]):
        raise KgError(
            f"{where}: an ontology parameter is optional without default and one of: "
            f"{', '.join(ONTOLOGY_VALUES)}; got {text!r}"
        )
    default = None
    if match["default"] is not None:
        try:
            default = coerce(match["default"], type_)
        except ValueError:
            raise KgError(
                f"{where}: default {match['default']!r} of parameter {match['name']!r} "
                f"is not {_article(type_)} {type_}"
            ) from None
    bounds = _bounds(match["bounds"], match["name"], type_, where)
    param = QueryParam(match["name"], type_, required, default, match["description"] or "", **bounds)
    if param.minimum is not None and param.maximum is not None and param.minimum > param.maximum:
        raise KgError(f"{where}: parameter {param.name!r} has min={param.minimum} above max={param.maximum}")
    if default is not None and param.out_of_range(default):
        raise KgError(f"{where}: default {default} of parameter {param.name!r} is not {param.range_text()}")
    if param.name == "min_confidence" and default != DEFAULT_MIN_CONFIDENCE:
        # every view hides the same facts by default (kg.core.model.DEFAULT_MIN_CONFIDENCE)
        raise KgError(f"{where}: min_confidence must default to {DEFAULT_MIN_CONFIDENCE}, got {default}")
    return param


def _bounds(text: str, name: str, type_: str, where: str) -> dict[str, Any]:
    """`min=1 max=100` of a param line -> {"minimum": 1, "maximum": 100}, of the param's type."""
    bounds: dict[str, Any] = {}
    for item in text.split():
        key, _, raw = item.partition("=")
        field = {"min": "minimum", "max": "maximum"}[key]
        if type_ not in NUMBER_TYPES:
            raise KgError(
                f"{where}: parameter {name!r} is {_article(type_)} {type_}; only "
                f"{' and '.join(NUMBER_TYPES)} parameters take {key}="
            )
        if field in bounds:
            raise KgError(f"{where}: parameter {name!r} has {key}= twice")
        try:
            bounds[field] = coerce(raw, type_)
        except ValueError as exc:
            hint = exc.args[0] if exc.args else ""
            raise KgError(
                f"{where}: {key}={raw!r} of parameter {name!r} is not {_article(type_)} {type_}{hint}"
            ) from None
    return bounds


def check_param_name(name: str) -> None:
    """A parameter name given on the command line must be a Cypher identifier (letters,
    digits and _, not starting with a digit): the engines' parameter syntax needs no quoting."""
    if not re.fullmatch(_IDENTIFIER, name):
        raise ArgumentError(
            f"parameter name {name!r} is not a Cypher identifier: use ASCII letters, "
            "digits and _, not starting with a digit"
        )


def check_param_value(name: str, value: Any) -> None:
    """ArgumentError naming parameter `name` when `value` (from JSON) holds what the engines
    refuse or silently change: an integer outside 64 bits, a number that is not finite, a map
    key that is empty or holds a backtick."""
    problem = _value_problem(value)
    if problem:
        raise ArgumentError(f"parameter {name!r}: {problem}")


def _value_problem(value: Any) -> str | None:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return None
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return None
        return f"{value} is outside the 64-bit integer range, {INT64_MIN} to {INT64_MAX}"
    if isinstance(value, float):
        return None if math.isfinite(value) else f"{value} is not a finite number"
    if isinstance(value, list):
        return next((p for p in map(_value_problem, value) if p), None)
    if isinstance(value, dict):
        for key, item in value.items():
            if not key or "`" in key:
                return f"map key {key!r} must be non-empty and hold no backtick"
            problem = _value_problem(item)
            if problem:
                return problem
    return None


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


__all__ = [
    "INT64_MAX",
    "INT64_MIN",
    "NamedQuery",
    "PARAM_TYPES",
    "QueryParam",
    "TARGETS",
    "check_param_name",
    "check_param_value",
    "coerce",
    "get_named_query",
    "load_named_queries",
    "parse_named_query",
    "query_files",
    "run_named_query",
    "targets_of",
]
