"""Every Cypher text kg ships or sends, checked by Neo4j's own parser and semantic analysis.

The texts: the named queries, the Browser favourites, the writer's statements for every
ontology class and relation, the Neo4j schema DDL, the reads of kg/store and kg/explore.py, and
a cypher-shell script exported from a small graph (tests/cypherlint.py: script_statements).
The linter is @neo4j-cypher/language-support (tests/cypher_lint/, pinned by its lock file;
`npm ci --prefix tests/cypher_lint` installs it), run once for all of them, checking Cypher 5,
Neo4j 5's language. A statement fails when Neo4j would reject it (a syntax or semantic error,
an undefined parameter or an unknown function or procedure) or when it names a label or
relationship type kg does not write (the linter is given kg's; it only warns about others).
Other warnings, such as deprecations, are reported as pytest warnings and do not fail.

Each statement is linted with the parameters kg sends it: a named query's declared
parameters, the writer's as kg/store/writer.py passes them, a script statement's `:param`
lines. Without `node` these tests skip and say so; with node but without the package they fail.
"""

from __future__ import annotations

import ast
import io
import json
import re
import string
import warnings
from pathlib import Path

import pytest
from cypherlint import (
    INSTALL,
    LINT_DIR,
    Statement,
    install_problem,
    kg_schema,
    lint,
    node_problem,
    script_statements,
)
from graphtools import entity, fact, write
from test_push import A1, A2, facts_a1, facts_a2

import kg
from kg import explore
from kg.browse import reads as browse_reads
from kg.core.model import Document
from kg.core.ontology import load_ontology
from kg.exporters import cypher_shell, graphml, neo4j_admin
from kg.exporters.cypher_shell import write_cypher_script
from kg.named_queries import load_named_queries
from kg.neo4j_browser import favorites
from kg.resolution import candidates, lookup
from kg.store import audit as audit_module
from kg.store import migrate, neo4j, paging, push, readback
from kg.store import statements as st
from kg.store import version as model
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore
from kg.store.schema import neo4j_schema

pytestmark = pytest.mark.slow

ONTOLOGY = load_ontology()

# Deliberately wrong statements: each must come back with an error, or the gate could pass
# without checking anything.
BROKEN = {
    "syntax": Statement("broken:syntax", "MATCH (n:Entity RETURN n"),
    "misspelt keyword": Statement("broken:keyword", "MATCH (n:Entity) RETRUN n"),
    "undefined variable": Statement("broken:variable", "MATCH (n:Entity) RETURN m.name"),
    "undefined parameter": Statement("broken:parameter", "MATCH (n:Entity {id: $id}) RETURN n", ("name",)),
    "unknown function": Statement("broken:function", "MATCH (n:Entity) RETURN toLowr(n.name)"),
    "unknown procedure": Statement("broken:procedure", "CALL db.indexes()"),
    "APOC (not on a bare Neo4j)": Statement("broken:apoc", "RETURN apoc.text.join(['a'], ',')"),
    "misspelt label": Statement("broken:label", "MATCH (n:Entiti) RETURN n"),
    "misspelt relationship type": Statement(
        "broken:type", "MATCH (:Entity)-[r:SENT_TROOP_TO]->(:Entity) RETURN r"
    ),
    "removed in Neo4j 5": Statement("broken:exists", "MATCH (n:Entity) WHERE exists(n.name) RETURN n"),
    "variable length in MERGE": Statement(
        "broken:merge", "MATCH (a:Entity), (b:Entity) MERGE (a)-[:MET_WITH*1..2]->(b)"
    ),
    "implicit grouping": Statement(
        "broken:grouping", "MATCH (n:Entity) RETURN n.name AS name, count(*) + size(n.aliases) AS x"
    ),
    "two columns, one name": Statement("broken:columns", "MATCH (n:Entity) RETURN n.id AS x, n.name AS x"),
    "bad :param literal": Statement(
        "broken:param-command", ":param rows => [{id: 'a'}", console_commands=True
    ),
}


def _used(text: str) -> tuple[str, ...]:
    """The $parameters a text names (for statements whose callers pass exactly those)."""
    from kg.core.cypher import parameters

    return parameters(text)


def named_query_statements() -> list[Statement]:
    # kg ask passes every declared parameter (optional ones as null): declared = sent
    return [
        Statement(q.source, q.cypher, tuple(p.name for p in q.params)) for q in load_named_queries().values()
    ]


def favourite_statements() -> list[Statement]:
    # Browser users set these with :param; the favourite names what it needs
    return [Statement(f"queries/{f.name}.cypher (Browser)", f.cypher, f.parameters) for f in favorites()]


def writer_statements() -> list[Statement]:
    """The write statements for every concrete class and relation, with the parameters
    kg/store/writer.py sends each."""
    out = [
        Statement("statements.COUNTS_INIT", st.COUNTS_INIT, ("counts", "version")),
        Statement("statements.MODEL_VERSION_READ", st.MODEL_VERSION_READ),
        Statement("statements.ARTICLE_HASHES", st.ARTICLE_HASHES, ("ids",)),
        Statement("statements.ARTICLE_UPSERT", st.ARTICLE_UPSERT, ("rows", "token")),
        Statement("statements.ARTICLE_COMMIT", st.ARTICLE_COMMIT, ("rows", "token")),
        Statement("statements.ARTICLE_DELETE", st.ARTICLE_DELETE, ("articles",)),
        Statement("statements.SENTENCE_UPSERT", st.SENTENCE_UPSERT, ("rows",)),
        Statement("statements.MENTION_UPSERT", st.MENTION_UPSERT, ("articles", "pairs")),
    ]
    # the writer passes $articles, $modalities and $events to each (and $entities on failure)
    out += [
        Statement(f"statements.ARTICLE_REMOVAL[{kind}]", text, _used(text))
        for kind, text in st.ARTICLE_REMOVAL
    ]
    out += [
        Statement(f"statements.FAILED_ARTICLE_REMOVAL[{i}]", text, _used(text))
        for i, (_, text) in enumerate(st.FAILED_ARTICLE_REMOVAL)
    ]
    out += [
        Statement(f"statements.entity_upsert({label})", st.entity_upsert(ONTOLOGY, label), ("rows",))
        for label in ONTOLOGY.concrete_classes
    ]
    out += [
        Statement(
            f"statements.relation_upsert({name})", st.relation_upsert(ONTOLOGY, name), ("rows", "modalities")
        )
        for name in ONTOLOGY.relations
    ]
    return out


def schema_statements() -> list[Statement]:
    return [Statement(f"schema.neo4j_schema[{i}]", text) for i, text in enumerate(neo4j_schema(ONTOLOGY))]


def _paged(name: str, paged: paging.Paged) -> list[Statement]:
    after = tuple(f"after_{i}" for i in range(len(paged.keys)))
    return [
        Statement(f"{name} (first page)", paged.statement(True), ("limit",)),
        Statement(f"{name} (next pages)", paged.statement(False), ("limit", *after)),
    ]


def read_statements() -> list[Statement]:
    """The reads of kg/store (read-back, paging, push), the exporters, kg/resolution and
    kg/explore.py."""
    out = [
        *_paged("readback._CLAIMS", readback._CLAIMS),
        Statement("readback._SENTENCES", readback._SENTENCES, ("ids",)),
        Statement("readback._ENTITIES", readback._ENTITIES, ("ids",)),
        *_paged("push._ARTICLES", push._ARTICLES),
        *_paged("cypher_shell._ARTICLE_IDS", cypher_shell._ARTICLE_IDS),
    ]
    for label in graphml.NODE_LABELS:
        out += _paged(f"paging.node_pages({label})", paging.node_pages(label))
    for source, target in graphml.EDGE_PATTERNS:
        out += _paged(f"paging.edge_pages({source}, {target})", paging.edge_pages(source, target))
    for name in ("ARTICLE_ROWS", "SENTENCE_ROWS", "CLAIM_ROWS", "ENTITY_ROWS"):
        out.append(Statement(f"readback.{name}", getattr(readback, name), ("ids",)))
    # graph model: which one a graph holds, and `kg migrate`'s reads and writes
    out += [Statement(f"model._MODEL1[{i}]", text) for i, text in enumerate(model._MODEL1)]
    for name, text in vars(migrate).items():
        if name.startswith("_") and name.isupper() and isinstance(text, str) and _CLAUSE.match(text.strip()):
            if "{type}" in text:
                text = text.format(type="MET_WITH")
            out.append(Statement(f"migrate.{name}", text, _used(text)))
    out += [
        Statement(
            f"migrate counts ({t})",
            f"MATCH ()-[r:{t}]->() RETURN count(r), toInteger(sum(coalesce(r.mentions, 0)))",
        )
        for t in ("MET_WITH", "HAS_CLAIM")
    ]
    for module in (candidates, lookup, explore, browse_reads, audit_module):
        for name, text in vars(module).items():
            if name.isupper() and not name.startswith("_") and isinstance(text, str) and _CLAUSE.match(text):
                text = browse_reads._cypher(text)  # {relations}: the ontology's relation types
                out.append(Statement(f"{module.__name__}.{name}", text, _used(text)))
    out.append(Statement("neo4j.CLEAR_BATCH", neo4j.CLEAR_BATCH))
    out.append(Statement("neo4j.Neo4jStore.open (connection check)", "RETURN 1"))
    out += [
        Statement(f"neo4j_admin.post_import_statements[{i}]", text)
        for i, text in enumerate(neo4j_admin.post_import_statements())
    ]
    return out


def exported_script(engine_home) -> str:
    """`kg export --format cypher` of a small graph: two articles, and three about a person
    whose names and sentences need quoting and escapes."""
    store = FalkorStore(Engine(engine_home).ensure(), graph="cypher-lint-script")
    store.clear()
    store.ensure_schema()
    try:
        write(store, (A1, facts_a1()), (A2, facts_a2()))
        league = entity("organization:river-league", "River League", "Organization")
        tricky = entity("person:o-neil", "Dana O'Neil", "Person", "D. \\ O'Neil", '«Ünïcode» "D"')
        articles = []
        for i in range(3):
            sentence = f'Dana O\'Neil met the River League on day {i}; "talks"\tcontinued\nlate\x1f.'
            doc = Document(id=f"doc-{i:03d}", text=sentence, title=f"Talks {i} — «Ünïcode»")
            articles.append((doc, [fact(doc, 0, sentence, tricky, "MET_WITH", league)]))
        write(store, *articles)
        out = io.StringIO()
        write_cypher_script(store, out)
        return out.getvalue()
    finally:
        store.clear()
        store.close()


# -- the lint run ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def linted(engine_home):
    """Every statement, and the broken ones, linted in one run; keyed by group."""
    problem = node_problem()
    if problem:
        pytest.skip(problem)
    problem = install_problem()
    if problem:
        pytest.fail(problem, pytrace=False)
    groups = {
        "named queries": named_query_statements(),
        "Browser favourites": favourite_statements(),
        "writer statements": writer_statements(),
        "Neo4j schema": schema_statements(),
        "reads": read_statements(),
        "cypher-shell export": script_statements(exported_script(engine_home), "export.cypher"),
        "broken": list(BROKEN.values()),
    }
    run = lint([s for group in groups.values() for s in group], kg_schema(ONTOLOGY))
    return run, {name: [run.results[s.id] for s in group] for name, group in groups.items()}


@pytest.mark.parametrize(
    "group",
    [
        "named queries",
        "Browser favourites",
        "writer statements",
        "Neo4j schema",
        "reads",
        "cypher-shell export",
    ],
)
def test_neo4j_accepts(linted, group):
    run, groups = linted
    results = groups[group]
    assert results, f"no {group} were collected"
    warned = [r.describe(r.warnings) for r in results if r.warnings]
    if warned:
        warnings.warn(
            f"{run.package} {run.version} ({run.cypher_version}) warns about {group}:\n" + "\n".join(warned),
            stacklevel=1,
        )
    rejected = [r.describe(r.errors) for r in results if r.errors]
    assert not rejected, (
        f"Neo4j 5 ({run.package} {run.version}, {run.cypher_version}) rejects "
        f"{len(rejected)} of the {group}:\n" + "\n".join(rejected)
    )


@pytest.mark.parametrize("why", list(BROKEN))
def test_broken_cypher_is_rejected(linted, why):
    run, _ = linted
    result = run.results[BROKEN[why].id]
    assert result.errors, f"{why}: no error for {BROKEN[why].text!r}; got {result.diagnostics}"


def test_the_linter_is_the_pinned_one_and_checks_cypher_5(linted):
    run, _ = linted
    assert (run.package, run.cypher_version) == ("@neo4j-cypher/language-support", "CYPHER 5")
    lock = json.loads((LINT_DIR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = lock["packages"][f"node_modules/{run.package}"]["version"]
    assert run.version == pinned, f"{run.version} installed, {pinned} pinned: run `{INSTALL}`"


def test_the_script_statements_are_the_writers(linted):
    """The exported script was split into the statements the writer sends, with their
    parameters, and its :param values were checked as Cypher expressions too."""
    _, groups = linted
    script = [r.statement for r in groups["cypher-shell export"]]
    texts = {s.text for s in script}
    assert st.ARTICLE_UPSERT.strip() in texts and st.ARTICLE_COMMIT.strip() in texts
    assert st.relation_upsert(ONTOLOGY, "MET_WITH").strip() in texts
    upsert = next(s for s in script if s.text == st.relation_upsert(ONTOLOGY, "MET_WITH").strip())
    assert {"rows", "modalities"} <= set(upsert.parameters)
    assert sum(s.console_commands for s in script) == sum(s.text.startswith("RETURN ") for s in script) > 0


# -- nothing escapes the gate --------------------------------------------------------------------

# Cypher in kg's source that is not sent to Neo4j, with the reason.
NOT_FOR_NEO4J = {
    "kg/store/falkor.py": "FalkorDB's own procedures (db.indexes, db.constraints)",
    "kg/store/schema.py:FalkorIndex": "FalkorDB's index DDL (Neo4j gets neo4j_schema)",
}
_CLAUSE = re.compile(r"\s*(OPTIONAL MATCH|MATCH|UNWIND|MERGE|CREATE|CALL|RETURN|WITH|DETACH DELETE)\b")


def _cypher_constants(path: Path, root: Path) -> list[tuple[str, str]]:
    """(where, text) of every string constant in `path` that starts with a Cypher clause,
    docstrings left out; an f-string gives its literal parts."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    classes = {
        id(child): node.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
        for child in ast.walk(node)
    }
    found = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and _CLAUSE.match(node.value)
        ):
            where = str(path.relative_to(root))
            if id(node) in classes:
                where += f":{classes[id(node)]}"
            found.append((where, node.value))
    return found


# Placeholders of the templates kg fills with str.replace, and what they are filled with:
# relation types (kg/browse/reads.py's `{relations}`, kg/store/statements.py's `{type}`).
_REPLACED = {"{relations}": r"[A-Z_|]+", "{type}": r"[A-Z_]+"}


def _covered(text: str, linted_texts: list[str]) -> bool:
    """The constant is part of a linted statement: as it is, or as a str.format template
    (one with `{{`, Cypher's map braces escaped) with any names filled in."""
    if any(text.strip() in t for t in linted_texts):
        return True
    for name, filled in _REPLACED.items():  # templates filled by str.replace
        if name in text and "{{" not in text:
            pattern = re.escape(text.strip()).replace(re.escape(name), filled)
            return any(re.search(pattern, t) for t in linted_texts)
    if "{{" not in text:
        return False
    pattern = "".join(  # a name filled in: a label, a type, or a fragment (`{extras}`)
        re.escape(literal) + (r"[\s\S]+?" if name is not None else "")
        for literal, name, _, _ in string.Formatter().parse(text.strip())
    )
    return any(re.search(pattern, t) for t in linted_texts)


def test_every_cypher_text_in_kg_is_linted(linted):
    run, _ = linted
    texts = [r.statement.text for r in run.results.values()]
    root = Path(kg.__file__).parent.parent
    missed = []
    for path in sorted(Path(kg.__file__).parent.rglob("*.py")):
        for where, text in _cypher_constants(path, root):
            if where in NOT_FOR_NEO4J or where.split(":")[0] in NOT_FOR_NEO4J:
                continue
            if not _covered(text, texts):
                missed.append(f"{where}: {text.strip()[:80]!r}")
    assert not missed, "Cypher in kg that tests/test_cypher_lint.py does not lint:\n" + "\n".join(missed)
