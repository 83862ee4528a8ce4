"""Neo4j's own Cypher checks for tests: tests/cypher_lint/lint.cjs, run once on many statements.

    results = lint([Statement("queries/x.cypher", "MATCH (n) RETURN n")])
    results["queries/x.cypher"].errors      # [Diagnostic(...)]: Neo4j 5 would reject the text

The linter is the npm package @neo4j-cypher/language-support (pinned in
tests/cypher_lint/package-lock.json, installed by `npm ci --prefix tests/cypher_lint`): the
parser and semantic analysis of Neo4j itself, compiled to JavaScript, checking Cypher 5.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.ontology import Ontology

LINT_DIR = Path(__file__).parent / "cypher_lint"
PACKAGE = "@neo4j-cypher/language-support"
INSTALL = "npm ci --prefix tests/cypher_lint"

# A label or relationship type missing from the schema given is only a warning to the linter
# (a database may not hold it yet); the schema given is all kg writes, so here it is a typo.
_UNKNOWN_NAME = re.compile(r"^(Label|Relationship type) .* is not present in the database")


@dataclass(frozen=True)
class Statement:
    id: str  # where it comes from: "queries/evidence.cypher", "statements.ARTICLE_UPSERT" ...
    text: str
    parameters: tuple[str, ...] = ()  # the $parameters it is sent with
    console_commands: bool = False  # a cypher-shell command (:param ...), not a Cypher statement


@dataclass(frozen=True)
class Diagnostic:
    severity: str  # "error" | "warning"
    message: str
    line: int  # from 1, in the statement's text
    column: int

    @property
    def rejects(self) -> bool:
        """Neo4j 5 would refuse the statement (or it names a label or type kg never writes)."""
        return self.severity == "error" or bool(_UNKNOWN_NAME.match(self.message))


@dataclass
class Result:
    statement: Statement
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.rejects]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.rejects]

    def describe(self, diagnostics: list[Diagnostic]) -> str:
        """Each diagnostic with the line of the statement it points at."""
        lines = self.statement.text.splitlines() or [""]
        out = [f"{self.statement.id}:"]
        for d in diagnostics:
            source = lines[d.line - 1] if 0 < d.line <= len(lines) else ""
            out.append(f"  line {d.line}, column {d.column}: {d.severity}: {d.message}")
            out.append(f"    {source.strip()[:200]}")
        return "\n".join(out)


def node_problem() -> str | None:
    """Why the linter cannot run here (None: it can). Only a missing `node` is a reason to skip;
    a missing package is a setup error the caller reports as a failure."""
    if shutil.which("node") is None:
        return "node is not installed: the Cypher lint needs Node.js (>= 18.18.2)"
    return None


def install_problem() -> str | None:
    if not (LINT_DIR / "node_modules" / PACKAGE / "package.json").is_file():
        return f"{PACKAGE} is not installed in tests/cypher_lint: run `{INSTALL}`"
    return None


def kg_schema(ontology: Ontology) -> dict[str, list[str]]:
    """The labels and relationship types kg writes (the ontology's), for the linter."""
    return {"labels": sorted(ontology.labels), "relationshipTypes": sorted(ontology.relationship_types)}


@dataclass
class LintRun:
    package: str
    version: str
    cypher_version: str
    results: dict[str, Result]


def lint(statements: list[Statement], schema: dict[str, list[str]]) -> LintRun:
    """Lint every statement in one run of tests/cypher_lint/lint.cjs (a text sent twice with
    the same parameters is linted once)."""
    ids = [s.id for s in statements]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise ValueError(f"statement ids must be unique: {duplicates}")
    unique: dict[tuple[str, tuple[str, ...], bool], Statement] = {}
    for s in statements:
        unique.setdefault((s.text, tuple(sorted(s.parameters)), s.console_commands), s)
    request = {
        "schema": schema,
        "statements": [
            {
                "id": s.id,
                "text": s.text,
                "parameters": list(s.parameters),
                "consoleCommands": s.console_commands,
            }
            for s in unique.values()
        ],
    }
    done = subprocess.run(
        ["node", str(LINT_DIR / "lint.cjs")],
        input=json.dumps(request),
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
    )
    if done.returncode != 0:
        raise RuntimeError(f"lint.cjs exited with {done.returncode}: {done.stderr.strip()[-2000:]}")
    reply = json.loads(done.stdout)
    found = {
        item["id"]: [
            Diagnostic(d["severity"], d["message"], d["line"], d["column"]) for d in item["diagnostics"]
        ]
        for item in reply["results"]
    }
    if set(found) != {s.id for s in unique.values()}:
        raise RuntimeError("lint.cjs did not answer for every statement")
    results = {
        s.id: Result(s, found[unique[(s.text, tuple(sorted(s.parameters)), s.console_commands)].id])
        for s in statements
    }
    return LintRun(reply["package"], reply["version"], reply["cypherVersion"], results)


def script_statements(script: str, prefix: str = "script") -> list[Statement]:
    """A cypher-shell script (kg export --format cypher) as statements, the way cypher-shell
    reads it: `//` lines are comments, a `:param name => expr` line is a command that sets a
    parameter for every later statement, and a statement runs up to the `;` that ends a line.

    Each :param line is kept twice: as the command (`console_commands`) and as
    `RETURN <expr> AS value`, so Neo4j's parser checks the literal kg wrote (its quoting and
    escapes) as the Cypher expression cypher-shell evaluates."""
    out: list[Statement] = []
    params: dict[str, None] = {}
    pending: list[str] = []
    start = 0
    for number, line in enumerate(script.splitlines(), 1):
        if not pending and (not line.strip() or line.lstrip().startswith("//")):
            continue
        if not pending and line.startswith(":param "):
            name, arrow, expr = line[len(":param ") :].partition(" => ")
            if not arrow:
                raise ValueError(f"script line {number}: a :param line without ' => ': {line[:80]!r}")
            out.append(Statement(f"{prefix}:{number} :param {name}", line, console_commands=True))
            out.append(Statement(f"{prefix}:{number} :param {name} value", f"RETURN {expr} AS value"))
            params[name] = None
            continue
        if not pending:
            start = number
        pending.append(line)
        if line.rstrip().endswith(";"):
            text = "\n".join(pending).rstrip()[:-1]
            out.append(Statement(f"{prefix}:{start}", text, tuple(params)))
            pending = []
    if pending:
        raise ValueError(f"the script ends inside the statement of line {start}")
    return out
