"""The graph as CSV files for `neo4j-admin database import full` (Neo4j 5), the bulk path.

    result = write_neo4j_admin(store, Path("export"))
    print(result.command)      # neo4j-admin database import full --nodes=... neo4j
    # then run result.post_import (also written to post-import.cypher) once on the new database

Files: entities.csv, articles.csv, sentences.csv, claims.csv, counts.csv (nodes);
co_mentioned.csv, has_claim.csv, has_sentence.csv, mentions.csv, claim_entity.csv (a claim's
SUBJECT and OBJECT), relations.csv (relationships; relations.csv holds every ontology
relation, typed by :TYPE): see `csv_files`.
Headers are `name:type`, the properties and types of the property schema
(kg/store/properties.py) the write statements set, so the named queries run on the imported
graph as they do on the embedded one. Node ids live in one ID space per label,
`id:ID(Entity)` and so on, so an article id can never clash with an entity id; the `id`
property is kept.

Encoding, as the importer reads it (Neo4j's csv Extractors):
- Every string and array is quoted, quotes doubled (RFC 4180); a null is an empty unquoted
  field, which the importer leaves out, while a quoted "" stays an empty string. Sentences may
  hold newlines, hence `--multiline-fields=true`.
- Integers are `long` and floats `double`: `float` would parse as 32 bits (0.9 comes back as
  0.8999999761581421), and arrays are stored as declared, never normalized.
- Arrays and the :LABEL list are joined with U+001F (the ASCII unit separator), passed as
  `--array-delimiter=U+001F`: news text has commas and semicolons, never U+001F, and evidence
  A value that holds it anyway raises KgError rather than split wrongly.
- The importer cannot tell an empty array from null and drops both. `post_import` puts back
  [] for the lists that may be empty (aliases, keys, roles).

Reads are keyset-paged with kg/store/paging.py, in separate reads rather than one
snapshot: a relationship whose end node was not written (removed by an ingest running during
the export) is left out and counted in `skipped_relationships`.
"""

from __future__ import annotations

import math
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from kg.core.errors import KgError
from kg.core.graph import GraphStore
from kg.core.ontology import Ontology, load_ontology
from kg.exporters.base import ExportReport
from kg.store.paging import DEFAULT_PAGE_SIZE, edge_pages, node_pages
from kg.store.properties import LINKS, NODES, RELATION, Shape

ARRAY_DELIMITER = "\x1f"
ARRAY_DELIMITER_OPTION = "U+001F"
POST_IMPORT_FILE = "post-import.cypher"
TYPES = ("string", "long", "double", "boolean")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one of TYPES, with "[]" for an array
    if_absent: str | None = None  # Cypher restoring the value the importer drops ({var}: the element)

    @property
    def header(self) -> str:
        return f"{self.name}:{self.type}"


@dataclass(frozen=True)
class CsvFile:
    """One import file: nodes of `start` (an ID space and the label read), or relationships
    from `start` to `end` whose types are `types` (None: the ontology's relations)."""

    name: str
    start: str
    end: str | None = None
    types: tuple[str, ...] | None = None
    columns: tuple[Column, ...] = ()

    @property
    def is_nodes(self) -> bool:
        return self.end is None

    def header(self) -> list[str]:
        if self.is_nodes:
            keys = [f"id:ID({self.start})", ":LABEL"]
        else:
            keys = [f":START_ID({self.start})", f":END_ID({self.end})", ":TYPE"]
        return keys + [c.header for c in self.columns]


def columns(shape: Shape, skip: tuple[str, ...] = ("id",)) -> tuple[Column, ...]:
    """The columns of a node or relationship shape of kg/store/properties.py (lists that may
    be empty come back as [] after the import)."""
    return tuple(Column(p.name, p.type, p.empty) for p in shape.props if p.name not in skip)


def csv_files(ontology: Ontology) -> tuple[CsvFile, ...]:
    """Every node and relationship of graph model 2: one file per node label (the property
    schema's), then one per structural relationship type, or per pair of labels for types
    without properties that link the same two (a claim's SUBJECT and OBJECT), from the
    graph's topology (ontology/kg.ttl); relations.csv holds every ontology relation."""
    out = [
        CsvFile(f"{_plural(label.lower())}.csv", label, columns=columns(shape))
        for label, shape in NODES.items()
        if label is not None
    ]
    groups: dict[tuple[str, str, str], list[str]] = {}
    for link in ontology.structure:
        shape = LINKS.get(link.type)
        groups.setdefault((link.source, link.target, shape.name or "" if shape else ""), []).append(link.type)
    for (source, target, shape_name), types in groups.items():
        name = types[0].lower() if len(types) == 1 else f"{source.lower()}_{target.lower()}"
        shape = LINKS.get(shape_name)
        out.append(CsvFile(f"{name}.csv", source, target, tuple(types), columns(shape) if shape else ()))
    out.append(CsvFile("relations.csv", "Entity", "Entity", None, columns(RELATION)))
    return tuple(out)


def _plural(word: str) -> str:
    return word[:-1] + "ies" if word.endswith("y") else word + "s"


FILES = csv_files(load_ontology())


@dataclass
class AdminExport:
    directory: Path
    files: list[Path]  # the CSV files, in FILES order
    rows: dict[str, int]  # file name -> data rows
    nodes: int
    relationships: int
    skipped_relationships: int  # whose end node was gone by the time it was read
    command: str  # the neo4j-admin command line that imports the files
    post_import: list[str] = field(default_factory=list)  # Cypher to run once afterwards


def write_neo4j_admin(
    store: GraphStore,
    directory: Path,
    ontology: Ontology | None = None,
    *,
    database: str = "neo4j",
    page_size: int = DEFAULT_PAGE_SIZE,
) -> AdminExport:
    """Write the graph's import files and post-import.cypher into `directory` (created if
    missing, files replaced); KgError for a label, type or property kg does not write."""
    onto = ontology or load_ontology()
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    written: dict[str, set[str]] = {}  # ID space -> ids written
    result = AdminExport(directory, [], {}, 0, 0, 0, "")
    for spec in FILES:
        path = directory / spec.name
        with path.open("w", encoding="utf-8", newline="") as out:
            out.write(",".join(spec.header()) + "\n")
            if spec.is_nodes:
                count = _write_nodes(store, spec, out, onto, written.setdefault(spec.start, set()), page_size)
                result.nodes += count
            else:
                count, skipped = _write_relationships(store, spec, out, onto, written, page_size)
                result.relationships += count
                result.skipped_relationships += skipped
        result.files.append(path)
        result.rows[spec.name] = count
    result.post_import = post_import_statements()
    (directory / POST_IMPORT_FILE).write_text(
        "".join(s + ";\n" for s in result.post_import), encoding="utf-8"
    )
    result.command = import_command(result.files, database)
    return result


def import_command(files: list[Path], database: str = "neo4j") -> str:
    """`neo4j-admin database import full` for these files (absolute paths, shell-quoted).

    Add --overwrite-destination=true to replace an existing database (the server stopped)."""
    args = ["neo4j-admin", "database", "import", "full"]
    by_name = {spec.name: spec for spec in FILES}
    for path in files:
        option = "--nodes" if by_name[path.name].is_nodes else "--relationships"
        args.append(f"{option}={path.resolve()}")
    args += [f"--array-delimiter={ARRAY_DELIMITER_OPTION}", "--multiline-fields=true", database]
    return " ".join(shlex.quote(a) for a in args)


def post_import_statements() -> list[str]:
    """Cypher (Neo4j 5 and FalkorDB) that restores the arrays the importer left out."""
    statements = []
    for spec in FILES:
        fixes = [c for c in spec.columns if c.if_absent]
        if not fixes:
            continue
        var = "n" if spec.is_nodes else "r"
        match = f"MATCH (n:{spec.start})" if spec.is_nodes else f"MATCH (:{spec.start})-[r]->(:{spec.end})"
        where = "(" + " OR ".join(f"{var}.{c.name} IS NULL" for c in fixes) + ")"
        others = sorted(_other_types(spec, load_ontology()))
        if others:  # relations.csv shares Entity -> Entity with co_mentioned.csv
            where += " AND NOT type(r) IN [" + ", ".join(f"'{t}'" for t in others) + "]"
        sets = ", ".join(
            f"{var}.{c.name} = coalesce({var}.{c.name}, {(c.if_absent or '').format(var=var)})" for c in fixes
        )
        statements.append(f"{match} WHERE {where} SET {sets}")
    return statements


def _other_types(spec: CsvFile, onto: Ontology) -> set[str]:
    """Types of the other files between the same two labels."""
    return {
        t
        for other in FILES
        if other is not spec and not other.is_nodes and (other.start, other.end) == (spec.start, spec.end)
        for t in (other.types if other.types is not None else onto.relations)
    }


def _write_nodes(
    store: GraphStore, spec: CsvFile, out: IO[str], onto: Ontology, ids: set[str], page_size: int
) -> int:
    count = 0
    for rows in node_pages(spec.start).pages(store, page_size):
        for row in rows:
            node_id = row["k0"]
            labels = [spec.start] + sorted(set(row["labels"] or ()) - {spec.start})
            unknown = [label for label in labels if label not in onto.labels]
            if unknown:
                raise KgError(
                    f"{spec.start} {node_id!r} has label(s) {', '.join(unknown)}, "
                    f"which the ontology does not define"
                )
            props = _known(row["props"], spec, f"{spec.start} {node_id!r}", skip="id")
            fields = [_field(node_id, "string", "id"), _array(labels, "string", ":LABEL")]
            out.write(",".join(fields + _fields(props, spec)) + "\n")
            ids.add(node_id)
            count += 1
    return count


def _write_relationships(
    store: GraphStore,
    spec: CsvFile,
    out: IO[str],
    onto: Ontology,
    written: dict[str, set[str]],
    page_size: int,
) -> tuple[int, int]:
    allowed = set(spec.types) if spec.types is not None else set(onto.relations)
    elsewhere = _other_types(spec, onto)
    starts, ends = written.get(spec.start, set()), written.get(spec.end or "", set())
    count = skipped = 0
    for rows in edge_pages(spec.start, spec.end or "").pages(store, page_size):
        for row in rows:
            start, type_, end = row["k0"], row["k1"], row["k2"]
            what = f"({start!r})-[:{type_}]->({end!r})"
            if type_ in elsewhere:
                continue  # another file's
            if type_ not in allowed:
                raise KgError(
                    f"relationship {what}: {spec.start} -> {spec.end} relationships "
                    f"may only be {', '.join(sorted(allowed))}"
                )
            if start not in starts or end not in ends:
                skipped += 1
                continue
            props = _known(row["props"], spec, f"relationship {what}")
            fields = [
                _field(start, "string", ":START_ID"),
                _field(end, "string", ":END_ID"),
                _field(type_, "string", ":TYPE"),
            ]
            out.write(",".join(fields + _fields(props, spec)) + "\n")
            count += 1
    return count, skipped


def _known(props: dict[str, Any] | None, spec: CsvFile, what: str, skip: str = "") -> dict[str, Any]:
    props = dict(props or {})
    props.pop(skip, None)
    unknown = set(props) - {c.name for c in spec.columns}
    if unknown:
        raise KgError(
            f"{what} has propert(ies) {', '.join(sorted(unknown))} that "
            f"{spec.name} has no column for (kg/exporters/neo4j_admin.py FILES)"
        )
    return props


def _fields(props: dict[str, Any], spec: CsvFile) -> list[str]:
    out = []
    for column in spec.columns:
        value = props.get(column.name)
        if column.type.endswith("[]"):
            out.append(_array(value, column.type[:-2], column.name))
        else:
            out.append(_field(value, column.type, column.name))
    return out


def _field(value: Any, type_: str, name: str) -> str:
    """One CSV field: empty for null, a quoted string, or a bare number or boolean."""
    if value is None:
        return ""
    if type_ == "string":
        return _quote(_scalar(value, type_, name))
    return _scalar(value, type_, name)


def _array(values: Any, type_: str, name: str) -> str:
    if values is None:
        return ""
    if not isinstance(values, list):
        raise KgError(f"property {name!r} should be a list, not {values!r}")
    items = [_scalar(v, type_, name) for v in values]
    for item in items:
        if ARRAY_DELIMITER in item:
            raise KgError(f"a value of {name!r} holds U+001F, the array delimiter: {item!r}")
    return _quote(ARRAY_DELIMITER.join(items)) if items else ""


def _scalar(value: Any, type_: str, name: str) -> str:
    """The text of one value of `type_`; KgError when the store holds another type."""
    if type_ == "string" and isinstance(value, str):
        return value
    if type_ == "boolean" and isinstance(value, bool):
        return "true" if value else "false"
    if type_ == "long" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if type_ == "double" and isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        if math.isnan(number):
            return "NaN"
        if math.isinf(number):
            return "Infinity" if number > 0 else "-Infinity"
        return repr(number)
    raise KgError(f"property {name!r} should hold {type_} values, not {value!r}")


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


__all__ = [
    "ARRAY_DELIMITER",
    "ARRAY_DELIMITER_OPTION",
    "FILES",
    "POST_IMPORT_FILE",
    "TYPES",
    "AdminExport",
    "Column",
    "CsvFile",
    "import_command",
    "post_import_statements",
    "write_neo4j_admin",
]


class Neo4jAdminExporter:
    name = "neo4j-admin"
    description = "CSV files for `neo4j-admin database import` (a directory)"
    to_directory = True

    def export(self, store: GraphStore, target: Path) -> ExportReport:
        done = write_neo4j_admin(store, Path(target))
        notes = []
        if done.skipped_relationships:
            notes.append(
                f"{done.skipped_relationships} relationship(s) left out: an end node was "
                "removed while exporting (an ingest ran at the same time)"
            )
        notes.append(
            "with Neo4j stopped, load them with the command below; then start Neo4j, run "
            f"`cypher-shell -f {Path(target) / POST_IMPORT_FILE}` once (it restores "
            "empty lists, which CSV cannot carry) and `kg neo4j init`:"
        )
        return ExportReport(
            f"{done.nodes} node(s), {done.relationships} relationship(s) in "
            f"{len(done.files)} file(s) under {target}",
            notes,
            done.command,
        )


NEO4J_ADMIN = Neo4jAdminExporter()
