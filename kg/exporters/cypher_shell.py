"""The graph as a cypher-shell script: the Neo4j schema, then the writer's own statements.

    write_cypher_script(store, stream)     # cypher-shell -f graph.cypher   (or: < graph.cypher)

Each batch of articles is read back from the store (kg/store/readback.py: read_batch) and
written as the statements kg's writer sends (kg/store/statements.py: batch_statements), each
after `:param name => <literal>` lines that set its parameters (cypher-shell and Neo4j
Browser evaluate the right-hand side as a Cypher expression). So the script holds no value
inside a statement, and replaying it on a graph that already holds some of the articles adds
nothing twice: the statements MERGE.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import IO, Any

from kg.core.graph import GraphStore
from kg.core.ontology import Ontology, load_ontology
from kg.exporters.base import ExportReport
from kg.store.paging import Paged, id_key
from kg.store.readback import ARTICLES_PER_BATCH, read_batch
from kg.store.schema import neo4j_schema
from kg.store.statements import batch_statements

_ARTICLE_IDS = Paged(match="MATCH (a:Article)", keys=(id_key("a"),), returns="1 AS one")
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


_TOKEN = "cypher-shell"  # the write token of the script's articles (one writer, in order)


@dataclass
class ScriptCounts:
    articles: int = 0
    assertions: int = 0
    statements: int = 0


def write_cypher_script(
    store: GraphStore, stream: IO[str], *, ontology: Ontology | None = None
) -> ScriptCounts:
    """Write the whole graph of `store` as a cypher-shell script."""
    onto = ontology or load_ontology()
    counts = ScriptCounts()
    stream.write(
        "// kg graph for Neo4j 5: cypher-shell -u neo4j -f graph.cypher\n"
        "// The schema (idempotent), then one block of MERGE statements per batch of\n"
        "// articles, each statement after the parameters it takes.\n\n"
    )
    for statement in neo4j_schema(onto):
        stream.write(statement + ";\n")
        counts.statements += 1
    for page in _ARTICLE_IDS.pages(store, ARTICLES_PER_BATCH):
        batch = read_batch(store, [row["k0"] for row in page], ontology=onto)
        stream.write(f"\n// articles {page[0]['k0']} .. {page[-1]['k0']}\n")
        for _, statement, params in batch_statements(batch, _TOKEN, onto):
            for name, value in params.items():
                stream.write(f":param {name} => {cypher_literal(value)}\n")
            stream.write(statement.strip() + ";\n")
            counts.statements += 1
        counts.articles += len(batch.articles)
        counts.assertions += batch.assertions
    return counts


def cypher_literal(value: Any) -> str:
    """A Python value (None, bool, int, float, str, list, dict) as a Cypher literal on one line."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no Cypher literal")
        return repr(value)
    if isinstance(value, str):
        # Other control characters stay as they are: both engines read them inside quotes,
        # and FalkorDB has no \\u escape.
        return "'" + "".join(_ESCAPES.get(c, c) for c in value) + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"{type(value).__name__} has no Cypher literal")


def _key(name: str) -> str:
    return name if _IDENTIFIER.match(name) else "`" + name.replace("`", "``") + "`"


class CypherShellExporter:
    name = "cypher"
    description = "a cypher-shell script: Neo4j schema, then kg's own MERGE statements"
    to_directory = False

    def export(self, store: GraphStore, target: IO[str]) -> ExportReport:
        counts = write_cypher_script(store, target)
        return ExportReport(
            f"{counts.articles} article(s), {counts.assertions} assertion(s) in "
            f"{counts.statements} statement(s); run: cypher-shell -f FILE"
        )


CYPHER_SHELL = CypherShellExporter()
