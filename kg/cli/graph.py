"""The graph commands of `kg`: server, ingest, query, ask, queries, entity, path, stats, export.

Each parses its options, calls one library function, and prints the result. Failures are
raised (KgError, OSError) and kg.cli's KgGroup prints them as one line on stderr ("error:
...") with exit code 2; skipped inputs exit 1. Commands that read or write a graph take
`--on neo4j` (`--to neo4j` for ingest) to use Neo4j instead of the embedded engine
(kg/cli_neo4j.py has the Neo4j-only commands).
"""
from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kg.cli.output import FORMATS, check_output, print_error, render
from kg.core import jsontext
from kg.core.errors import EXIT_INPUT, ArgumentError, InputError, KgError, describe_os_error
from kg.core.graph import GraphStore
from kg.exporters import exporter_names, get_exporter
from kg.named_queries import check_param_name, check_param_value
from kg.pipeline import BATCH_ASSERTIONS

ENGINES = ("embedded", "neo4j")


@dataclass(frozen=True)
class StoreChoice:
    """Which graph a command uses: the embedded engine of KG_HOME, or Neo4j (settings from
    the options, else NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD, NEO4J_DATABASE)."""

    engine: str = "embedded"
    neo4j_uri: str | None = None
    neo4j_database: str | None = None

    def open(self, check_model: bool = True) -> GraphStore:
        from kg.store import open_store

        if self.engine == "neo4j":
            return open_store("neo4j", uri=self.neo4j_uri, database=self.neo4j_database,
                              check_model=check_model)
        home, graph = embedded_home(), embedded_graph()
        with home_errors(home):
            return open_store("embedded", home=home, graph=graph, check_model=check_model)


def embedded_home() -> Path:
    """KG_HOME (else the per-user data directory): a directory, or a path that can become one."""
    from kg.store.engine import kg_home

    home = kg_home()
    if home.exists() and not home.is_dir():
        raise KgError(f"KG_HOME {home} is not a directory; set KG_HOME to a directory "
                      "(kg creates it when it is missing)")
    return home


def embedded_graph() -> str:
    """KG_GRAPH, else the default graph name; set but blank is an error, not the default."""
    from kg.store.falkor import DEFAULT_GRAPH

    name = os.environ.get("KG_GRAPH")
    if name is None:
        return DEFAULT_GRAPH
    if not name.strip():
        raise KgError(f"KG_GRAPH is set but empty; it must be a non-empty graph name "
                      f"(unset it to use {DEFAULT_GRAPH!r})")
    return name


@contextmanager
def home_errors(home: Path) -> Iterator[None]:
    """An OSError while starting or stopping the engine (KG_HOME read-only, a file where a
    directory should be) -> a KgError that names KG_HOME and the path that failed."""
    try:
        yield
    except OSError as exc:
        about_home = exc.filename is not None and Path(exc.filename).resolve() == home.resolve()
        detail = (exc.strerror or str(exc)) if about_home else describe_os_error(exc)
        raise KgError(f"cannot use KG_HOME {home}: {detail}") from exc


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


def _param_pairs(_ctx: click.Context, _param: click.Parameter, pairs: tuple[str, ...]) -> dict[str, str]:
    """-p NAME=VALUE ... -> {name: text}; a name must be a Cypher identifier (ArgumentError)."""
    out: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep:
            raise ArgumentError(f"-p {pair!r} is not name=value")
        check_param_name(name.strip())
        out[name.strip()] = value
    return out


def _cypher_params(ctx: click.Context, param: click.Parameter, pairs: tuple[str, ...]) -> dict[str, Any]:
    """-p for raw Cypher: each value JSON when it parses, checked for what the engines refuse."""
    values = {name: _literal(text) for name, text in _param_pairs(ctx, param, pairs).items()}
    for name, value in values.items():
        check_param_value(name, value)
    return values


def _literal(value: str):
    """A -p value for raw Cypher: JSON when it parses (42, 1.5, true, null, ["a"]), else text;
    ArgumentError for JSON nested deeper than kg reads (kg/jsontext.py)."""
    try:
        return jsontext.loads(value)
    except jsontext.TooDeep as exc:
        raise ArgumentError(f"-p value {value[:30]!r}... is {exc}") from None
    except ValueError:
        return value


def _param_option(callback):
    return click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
                        callback=callback, help="A query parameter; repeat for more.")


param_option = _param_option(_param_pairs)  # named queries: text, converted by declared type
cypher_param_option = _param_option(_cypher_params)  # raw Cypher: JSON values
format_option = click.option("--format", "fmt", type=click.Choice(FORMATS), default="table",
                             show_default=True, help="How to print the rows.")


def register(main: click.Group) -> None:
    for command in (server, ingest, query, queries, ask, entity, path, stats, export, migrate):
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
    from kg.store.engine import Engine

    home = embedded_home()
    engine = Engine(home)
    with home_errors(home):
        engine.ensure(port=port)
    click.echo(engine.status().describe())


@server.command("stop")
def server_stop() -> None:
    """Stop the engine; its data stays in KG_HOME."""
    from kg.store.engine import Engine

    home = embedded_home()
    with home_errors(home):
        stopped = Engine(home).stop()
    click.echo("stopped" if stopped else "not running")


@server.command("repair")
@click.option("--yes", is_flag=True, help="Repair without asking.")
def server_repair(yes: bool) -> None:
    """Make data the engine cannot load loadable again: back it up, then cut the damaged part.

    Says first what is damaged and what will be dropped (write transactions after the
    damage, each of whole articles: ingest the same inputs again to write them back).
    """
    from kg.store.engine import Engine
    from kg.store.repair import plan_repair, repair

    home = embedded_home()
    engine = Engine(home)
    with home_errors(home):
        plan = plan_repair(engine)
    click.echo(plan.describe())
    if not plan.needed:
        return
    if not yes:
        if not sys.stdin.isatty():
            raise ArgumentError("give --yes to repair without being asked")
        click.confirm("Back the data up and repair it?", abort=True)
    with home_errors(home):
        report = repair(engine, plan)
        engine.ensure()
    click.echo(f"repaired; the data as it was is in {report.backup}; the engine is running again")


@server.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
def server_status(as_json: bool) -> None:
    """Say whether the engine runs, its pid, socket and data directory."""
    from kg.store.engine import Engine

    status = Engine(embedded_home()).status()
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
    from kg.loaders.readers import count_inputs
    from kg.pipeline import IngestReport, ingest_paths

    report = IngestReport()
    tty = sys.stderr.isatty()
    progress = _Progress(enabled=tty, total=count_inputs(paths) if tty else None)

    def skipped(item: InputError) -> None:
        progress.clear()
        print_error(item)
        progress.update(report)

    with where.open() as store, progress:
        try:
            ingest_paths(paths, store, workers=workers, batch_assertions=batch_size, report=report,
                         on_error=skipped, on_article=progress.update)
        except InputError:
            raise
        except KgError as exc:
            raise KgError(f"{exc} (articles written before this point are kept)") from exc
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    for name in report.ambiguous_names:
        click.echo(f"note: {name.name!r} ({name.type}) fits {len(name.candidates)} entities "
                   f"({', '.join(name.candidates)}); kept as its own node", err=True)
    click.echo(_ingest_summary(report), err=True)
    if report.errors:
        sys.exit(EXIT_INPUT)


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

    def __enter__(self) -> _Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.clear()  # before the summary, or before the error line when ingest fails


def _ingest_summary(report) -> str:
    line = (f"{report.articles} article(s) written ({report.new_articles} new, {report.replaced} "
            f"replaced), {report.unchanged} unchanged; {report.sentences} sentence(s), "
            f"{report.assertions} assertion(s), {report.new_entities} new entit"
            f"{'y' if report.new_entities == 1 else 'ies'}")
    if report.merged_entities:
        line += f", {report.merged_entities} name(s) joined to an existing entity"
    if report.errors:
        line += f"; {len(report.errors)} input(s) skipped (see errors above)"
    return line


# -- migrate ------------------------------------------------------------------------------
@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@store_options()
def migrate(as_json: bool, where: StoreChoice) -> None:
    """Upgrade a graph written by an older kg to the current graph model, in place.

    Claims are rebuilt from the evidence stored on relationships (no re-extraction), in
    batches; an interrupted upgrade is resumed by running the command again.

    \b
    Example:
      kg migrate
      kg migrate --on neo4j
    """
    from kg.store.migrate import migrate as upgrade

    with where.open(check_model=False) as store:
        report = upgrade(store, on_progress=lambda line: click.echo(line, err=True))
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    if report.already_current:
        click.echo("the graph is already of the current graph model; nothing to do", err=True)
    else:
        click.echo(f"upgraded: {report.relationships} relationship(s), {report.claims} claim(s), "
                   f"{report.articles} article(s), {report.entities} entit"
                   f"{'y' if report.entities == 1 else 'ies'}", err=True)


# -- query --------------------------------------------------------------------------------
@click.command()
@click.argument("cypher")
@cypher_param_option
@format_option
@click.option("--write", is_flag=True, help="Allow the statement to change the graph.")
@store_options()
def query(cypher: str, params: dict[str, Any], fmt: str, write: bool, where: StoreChoice) -> None:
    """Run a Cypher statement (- reads it from stdin); read-only unless --write.

    Parameter values are JSON when they parse (42, true, ["a","b"]), text otherwise; names
    are Cypher identifiers, integers fit in 64 bits.

    \b
    Example:
      kg query "MATCH (a)-[r:SENT_TROOPS_TO]->(b) RETURN a.name, b.name"
      kg query "MATCH (c:Country {iso3: \\$iso3}) RETURN c.name" -p iso3=KAZ --format json
      kg query "MATCH (n) RETURN count(n)" --on neo4j
    """
    if cypher == "-":
        cypher = sys.stdin.read()
    with where.open() as store:
        result = store.query(cypher, params, write=write)
    click.echo(render(result.columns, result.rows, fmt), nl=False)
    if write and result.stats:
        click.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.stats.items()), err=True)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table",
              show_default=True, help="How to print the list.")
def queries(fmt: str) -> None:
    """List the named queries with their parameters and an example."""
    from kg.named_queries import load_named_queries

    named = load_named_queries()
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
def ask(name: str, params: dict[str, str], fmt: str, where: StoreChoice) -> None:
    """Run a named query (see `kg queries`).

    \b
    Example:
      kg ask troop-deployments
      kg ask condemned-or-accused -p target=Kazakhstan --format json
      kg ask troop-deployments --on neo4j
    """
    from kg.named_queries import run_named_query

    with where.open() as store:
        result = run_named_query(store, name, params)
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

    with where.open() as store:
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

    with where.open() as store:
        found = find_path(store, source, target, max_hops=max_hops)
    if found is None:
        click.echo(f"no path of at most {max_hops} relation(s) between {source!r} and {target!r}")
        sys.exit(1)  # found nothing, as grep does
    click.echo(format_path(found))


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the counts as JSON.")
@store_options()
def stats(as_json: bool, where: StoreChoice) -> None:
    """Count nodes by label and relationships by type."""
    from kg.explore import graph_stats

    with where.open() as store:
        counts = graph_stats(store)
    if as_json:
        click.echo(json.dumps(counts.to_dict(), indent=2))
    else:
        click.echo(counts.format())


@click.command()
@click.option("--format", "fmt", type=click.Choice(exporter_names()), default="ttl", show_default=True,
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
    exporter = get_exporter(fmt)
    check_output(output, directory=exporter.to_directory)
    if exporter.to_directory:
        if not output or output == "-":
            raise click.UsageError(f"--format {fmt} writes several files: give -o DIRECTORY")
        with where.open() as store:
            report = exporter.export(store, Path(output))
    else:
        with where.open() as store, _output(output) as stream:
            report = exporter.export(store, stream)
    for line in (report.summary, *report.notes):
        click.echo(line, err=True)
    if report.output is not None:
        click.echo(report.output)


@contextmanager
def _output(path: str | None):
    """Standard output, or the file at `path` (an OSError is kg.cli's one line, exit 2)."""
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as stream:
        yield stream
