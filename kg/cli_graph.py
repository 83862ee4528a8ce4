"""The graph commands of `kg`: server, ingest, query, ask, queries, entity, path, stats, export.

Each parses its options, calls one library function, and prints the result; errors are one
line on stderr ("error: ...") with exit code 2, skipped inputs exit 1. Commands that read or
write a graph take `--on neo4j` (`--to neo4j` for ingest) to use Neo4j instead of the
embedded engine (kg/cli_neo4j.py has the Neo4j-only commands).
"""
from __future__ import annotations

import functools
import json
import sys
from contextlib import contextmanager
from dataclasses import dataclass

import click

from kg.errors import InputError, KgError
from kg.ingest import BATCH_ASSERTIONS
from kg.output import FORMATS, render


def _fail(message: str, code: int = 2):
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


ENGINES = ("embedded", "neo4j")


@dataclass(frozen=True)
class StoreChoice:
    """Which graph a command uses: the embedded engine of KG_HOME, or Neo4j (settings from
    the options, else NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)."""

    engine: str = "embedded"
    neo4j_uri: str | None = None
    neo4j_database: str | None = None

    def open(self):
        if self.engine == "neo4j":
            from kg.store.neo4j import Neo4jSettings, Neo4jStore

            return Neo4jStore.open(Neo4jSettings.resolve(self.neo4j_uri, self.neo4j_database))
        from kg.store import open_store

        return open_store()


def store_options(flag: str = "--on"):
    """Add `--on embedded|neo4j` (or `--to`), `--neo4j-uri` and `--neo4j-database` to a
    command, which receives them as one `where: StoreChoice`. A Neo4j URI alone means Neo4j."""
    def decorate(command):
        @functools.wraps(command)
        def wrapper(*args, engine, neo4j_uri, neo4j_database, **kwargs):
            if engine == "embedded" and (neo4j_uri or neo4j_database):
                raise click.UsageError(f"--neo4j-uri/--neo4j-database need {flag} neo4j")
            engine = engine or ("neo4j" if neo4j_uri or neo4j_database else "embedded")
            return command(*args, where=StoreChoice(engine, neo4j_uri, neo4j_database), **kwargs)

        for option in reversed((
                click.option(flag, "engine", type=click.Choice(ENGINES), default=None,
                             help="The graph to use [default: embedded]."),
                click.option("--neo4j-uri", metavar="URI",
                             help="Neo4j server, e.g. bolt://localhost:7687 [default: NEO4J_URI]."),
                click.option("--neo4j-database", metavar="NAME",
                             help="Neo4j database [default: NEO4J_DATABASE, else the server's]."))):
            wrapper = option(wrapper)
        return wrapper
    return decorate


@contextmanager
def _store(where: StoreChoice = StoreChoice()):
    """The chosen store, opened; any KgError becomes one line and exit code 2."""
    try:
        with where.open() as store:
            yield store
    except KgError as exc:
        _fail(str(exc))


def _params(pairs: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not name=value", param_hint="-p/--param")
        out[name.strip()] = value
    return out


def _literal(value: str):
    """A -p value for raw Cypher: JSON when it parses (42, 1.5, true, null, ["a"]), else text."""
    try:
        return json.loads(value)
    except ValueError:
        return value


param_option = click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                            help="A query parameter; repeat for more.")
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                             show_default=True, help="How to print the rows.")


def register(main: click.Group) -> None:
    for command in (server, ingest, query, queries, ask, entity, path, stats, export):
        main.add_command(command)


# -- server -------------------------------------------------------------------------------
@click.group()
def server() -> None:
    """The embedded FalkorDB engine under KG_HOME (started on demand by every graph command)."""


@server.command("start")
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="Also listen on 127.0.0.1:PORT (by default only the Unix socket).")
def server_start(port: int | None) -> None:
    """Start the engine, or report the one already running."""
    from kg.store.engine import Engine, kg_home

    engine = Engine(kg_home())
    try:
        status = engine.status()
        if status.running and port is not None and status.port != port:
            _fail(f"the engine is already running without port {port}; run `kg server stop` first")
        engine.ensure(port=port)
    except KgError as exc:
        _fail(str(exc))
    click.echo(engine.status().describe())


@server.command("stop")
def server_stop() -> None:
    """Stop the engine; its data stays in KG_HOME."""
    from kg.store.engine import Engine, kg_home

    engine = Engine(kg_home())
    click.echo("stopped" if engine.stop() else "not running")


@server.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def server_status(as_json: bool) -> None:
    """Say whether the engine runs, its pid, socket and data directory."""
    from kg.store.engine import Engine, kg_home

    status = Engine(kg_home()).status()
    if as_json:
        click.echo(json.dumps({"running": status.running, "pid": status.pid,
                               "socket": str(status.socket), "data_dir": str(status.data_dir),
                               "port": status.port}))
    else:
        click.echo(status.describe())


# -- ingest -------------------------------------------------------------------------------
@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="spaCy parser processes.")
@click.option("--batch-size", type=click.IntRange(1, 1_000_000), default=BATCH_ASSERTIONS,
              show_default=True,
              help="Assertions per write transaction.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@store_options("--to")
def ingest(paths: tuple[str, ...], workers: int, batch_size: int, as_json: bool,
           where: StoreChoice) -> None:
    """Extract articles and write them into the graph (.txt/.md/.html/.jsonl, directories, -).

    Articles already stored with the same content are skipped; an article whose text changed
    replaces its own evidence.

    \b
    Example:
      kg ingest articles/
      kg ingest feed.jsonl --json
      kg ingest articles/ --to neo4j --neo4j-uri bolt://localhost:7687
    """
    from kg.ingest import IngestReport, ingest_paths

    from kg.loaders.readers import count_inputs

    report = IngestReport()
    tty = sys.stderr.isatty()
    progress = _Progress(enabled=tty, total=count_inputs(paths) if tty else None)
    with _store(where) as store:
        try:
            ingest_paths(paths, store, workers=workers, batch_assertions=batch_size, report=report,
                         on_error=lambda item: (progress.clear(), _error(item), progress.update(report)),
                         on_article=progress.update)
        except KgError as exc:
            progress.clear()
            _fail(f"{exc} (articles written before this point are kept)")
    progress.clear()
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    click.echo(_ingest_summary(report), err=True)
    if report.errors:
        sys.exit(1)


def _error(item: InputError) -> None:
    click.echo(f"error: {item}", err=True)


class _Progress:
    """A progress bar on a terminal (a running count when the total is unknown, as for stdin)."""

    def __init__(self, enabled: bool, total: int | None) -> None:
        self.enabled, self.total, self.done, self.shown = enabled, total, 0, False

    def update(self, report) -> None:
        if not self.enabled:
            return
        self.done = report.new_articles + report.replaced + report.unchanged + len(report.errors)
        if self.total:
            width = 30
            filled = min(width, width * self.done // self.total)
            line = f"[{'#' * filled}{'-' * (width - filled)}] {self.done}/{self.total} inputs"
        else:
            line = f"{self.done} input(s)"
        click.echo(f"\r{line}\033[K", err=True, nl=False)
        self.shown = True

    def clear(self) -> None:
        if self.shown:
            click.echo("\r\033[K", err=True, nl=False)
            self.shown = False


def _ingest_summary(report) -> str:
    line = (f"{report.articles} article(s) written ({report.new_articles} new, {report.replaced} "
            f"replaced), {report.unchanged} unchanged; {report.sentences} sentence(s), "
            f"{report.assertions} assertion(s), {report.new_entities} new entit"
            f"{'y' if report.new_entities == 1 else 'ies'}")
    if report.errors:
        line += f"; {len(report.errors)} input(s) skipped (see errors above)"
    return line


# -- query --------------------------------------------------------------------------------
@click.command()
@click.argument("cypher")
@param_option
@format_option
@click.option("--write", is_flag=True, help="Allow the statement to change the graph.")
@store_options()
def query(cypher: str, params: tuple[str, ...], fmt: str, write: bool, where: StoreChoice) -> None:
    """Run a Cypher statement (- reads it from stdin); read-only unless --write.

    Parameter values are JSON when they parse (42, true, ["a","b"]), text otherwise.

    \b
    Example:
      kg query "MATCH (a)-[r:SENT_TROOPS_TO]->(b) RETURN a.name, b.name"
      kg query "MATCH (c:Country {iso3: \\$iso3}) RETURN c.name" -p iso3=KAZ --format json
      kg query "MATCH (n) RETURN count(n)" --on neo4j
    """
    if cypher == "-":
        cypher = sys.stdin.read()
    values = {name: _literal(value) for name, value in _params(params).items()}
    with _store(where) as store:
        result = store.query(cypher, values, write=write)
    click.echo(render(result.columns, result.rows, fmt), nl=False)
    if write and result.stats:
        click.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.stats.items()), err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True)
def queries(fmt: str) -> None:
    """List the named queries with their parameters and an example."""
    from kg.named_queries import load_named_queries

    try:
        named = load_named_queries()
    except KgError as exc:
        _fail(str(exc))
    if fmt == "json":
        from dataclasses import asdict

        fields = ("name", "description", "params", "examples")
        click.echo(json.dumps([{k: v for k, v in asdict(q).items() if k in fields}
                               for q in named.values()], indent=2, default=str))
        return
    click.echo("\n\n".join(q.describe() for q in named.values()))


@click.command()
@click.argument("name")
@param_option
@format_option
@store_options()
def ask(name: str, params: tuple[str, ...], fmt: str, where: StoreChoice) -> None:
    """Run a named query (see `kg queries`).

    \b
    Example:
      kg ask troop-deployments
      kg ask condemned-or-accused -p target=Kazakhstan --format json
      kg ask troop-deployments --on neo4j
    """
    from kg.named_queries import run_named_query

    raw = _params(params)
    with _store(where) as store:
        result = run_named_query(store, name, raw)
    click.echo(render(result.columns, result.rows, fmt), nl=False)


# -- convenience --------------------------------------------------------------------------
@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the card as JSON.")
@store_options()
def entity(name: str, as_json: bool, where: StoreChoice) -> None:
    """Show an entity: type, aliases, relations in and out with their evidence counts.

    \b
    Example:
      kg entity Kazakhstan
      kg entity country:KAZ --json
    """
    from dataclasses import asdict

    from kg.explore import entity_card, format_card

    with _store(where) as store:
        card = entity_card(store, name)
    click.echo(json.dumps(asdict(card), ensure_ascii=False, indent=2) if as_json
               else format_card(card))


@click.command()
@click.argument("source")
@click.argument("target")
@click.option("--max-hops", type=click.IntRange(1, 4), default=4, show_default=True,
              help="Longest chain to look for.")
@store_options()
def path(source: str, target: str, max_hops: int, where: StoreChoice) -> None:
    """The shortest chain of relations between two entities.

    \b
    Example:
      kg path Russia "Kazakh President"
    """
    from kg.explore import find_path, format_path

    with _store(where) as store:
        found = find_path(store, source, target, max_hops=max_hops)
    if found is None:
        click.echo(f"no path of at most {max_hops} relation(s) between {source!r} and {target!r}")
        sys.exit(1)
    click.echo(format_path(found))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@store_options()
def stats(as_json: bool, where: StoreChoice) -> None:
    """Count nodes by label and relationships by type."""
    from kg.explore import graph_stats

    with _store(where) as store:
        counts = graph_stats(store)
    if as_json:
        click.echo(json.dumps(counts.to_dict(), indent=2))
    else:
        click.echo(counts.format())


EXPORT_FORMATS = ("ttl", "nt", "jsonld", "graphml", "cypher", "neo4j-admin")


@click.command()
@click.option("--format", "fmt", type=click.Choice(EXPORT_FORMATS), default="ttl", show_default=True,
              help="RDF (ttl, nt, jsonld: ontology terms, reified assertions, PROV-O), GraphML, "
                   "a cypher-shell script, or CSV files for neo4j-admin database import.")
@click.option("-o", "--output", metavar="PATH", default=None,
              help="Write to this file (a directory for neo4j-admin) instead of standard output.")
@store_options()
def export(fmt: str, output: str | None, where: StoreChoice) -> None:
    """Write the whole graph as RDF, GraphML, a cypher-shell script or neo4j-admin CSVs.

    \b
    Example:
      kg export --format ttl -o graph.ttl
      kg export --format graphml -o graph.graphml
      kg export --format cypher -o graph.cypher      # then: cypher-shell -f graph.cypher
      kg export --format neo4j-admin -o import/      # prints the neo4j-admin command
    """
    from pathlib import Path

    if fmt == "neo4j-admin":
        from kg.store.neo4j_admin import write_neo4j_admin

        if not output or output == "-":
            raise click.UsageError("--format neo4j-admin writes several files: give -o DIRECTORY")
        with _store(where) as store:
            try:
                done = write_neo4j_admin(store, Path(output))
            except OSError as exc:
                _fail(f"cannot write {output}: {exc.strerror or exc}")
        click.echo(f"{done.nodes} node(s), {done.relationships} relationship(s) in "
                   f"{len(done.files)} file(s) under {output}", err=True)
        if done.skipped_relationships:
            click.echo(f"{done.skipped_relationships} relationship(s) left out: an end node "
                       "was removed while exporting (an ingest ran at the same time)", err=True)
        click.echo("with Neo4j stopped, load them with the command below; then start Neo4j, run "
                   f"`cypher-shell -f {Path(output) / 'post-import.cypher'}` once (it restores "
                   "empty lists, which CSV cannot carry) and `kg neo4j init`:", err=True)
        click.echo(done.command)
        return
    from kg.store.cypher_script import write_cypher_script
    from kg.store.export import write_graphml, write_rdf

    with _store(where) as store, _output(output) as stream:
        if fmt == "graphml":
            write_graphml(store, stream)
        elif fmt == "cypher":
            write_cypher_script(store, stream)
        else:
            write_rdf(store, fmt, stream)


@contextmanager
def _output(path: str | None):
    """Standard output, or the file at `path` (a failure to open it is one line, exit 2)."""
    if not path or path == "-":
        yield sys.stdout
        return
    try:
        stream = open(path, "w", encoding="utf-8")
    except OSError as exc:
        _fail(f"cannot write {path}: {exc.strerror or exc}")
    with stream:
        yield stream
