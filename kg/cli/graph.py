"""The graph commands of `kg`: ingest, migrate, query, queries, ask, entity, path, stats, export.

Each parses its options, calls one library function, and prints the result. Failures are
raised (KgError, OSError) and kg/cli/base.py's KgGroup prints them as one line on stderr
("error: ...") with exit code 2; skipped inputs exit 1. Commands that read or write a graph
take `--on neo4j` (`--to neo4j` for ingest) to use Neo4j instead of the embedded engine
(kg/cli/neo4j.py has the Neo4j-only commands, kg/cli/server.py the embedded engine's).
"""

from __future__ import annotations

import contextlib
import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from kg.cli.base import (
    StoreChoice,
    check_out_dir,
    cypher_param_option,
    embedded_home,
    format_option,
    home_errors,
    param_option,
    partition_workers,
    published_option,
    store_options,
    width_options,
)
from kg.cli.output import check_output, print_error, render, table_width
from kg.core.errors import EXIT_INPUT, InputError, KgError
from kg.exporters import exporter_names, get_exporter
from kg.pipeline import BATCH_ASSERTIONS

# `kg entity`: how many relations of each direction show the sentence kg is surest of (as many
# as the card lists; kg.explore.format_card)
EVIDENCE_SHOWN = 25


def register(main: click.Group) -> None:
    for command in (ingest, query, queries, ask, entity, path, stats, export, migrate):
        main.add_command(command)


# -- ingest -------------------------------------------------------------------------------
@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--workers", type=click.IntRange(1, 64), default=1, show_default=True, help="spaCy parser processes."
)
@click.option(
    "--batch-size",
    type=click.IntRange(1, 1_000_000),
    default=BATCH_ASSERTIONS,
    show_default=True,
    help="Assertions per write transaction.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
@click.option(
    "--assertions",
    is_flag=True,
    help="PATHS are assertion files (JSONL or Parquet, as `kg extract` writes them) or folders of "
    "them (a partitioned run's manifest): written without extracting again.",
)
@click.option(
    "--ray",
    "on_ray",
    is_flag=True,
    help="Extract on Ray first (pip install 'kg[ray]'; a local Ray, or the cluster RAY_ADDRESS "
    "names), into --out-dir, then write what it found.",
)
@click.option(
    "--out-dir",
    metavar="DIR",
    help="With --ray: where the assertion files and their manifest go (kept, so a run again "
    "resumes); a temporary folder when not given.",
)
@published_option
@store_options("--to")
def ingest(
    paths: tuple[str, ...],
    workers: int,
    batch_size: int,
    as_json: bool,
    assertions: bool,
    on_ray: bool,
    out_dir: str | None,
    published: str | None,
    where: StoreChoice,
) -> None:
    """Extract articles and write them into the graph (.txt/.md/.html/.jsonl, directories, -).

    Articles already stored with the same content are skipped; an article whose text changed
    replaces its own evidence.

    \b
    Example:
      kg ingest articles/
      kg ingest feed.jsonl --json
      kg ingest articles/ --to neo4j --neo4j-uri bolt://localhost:7687
      kg extract articles/ -o found.jsonl && kg ingest --assertions found.jsonl
      kg ingest feed.jsonl --ray --out-dir found/
    """
    from kg.pipeline import IngestReport

    if out_dir is not None and not on_ray:
        raise click.UsageError(
            "--out-dir goes with --ray (kg extract --out-dir writes files without a graph)"
        )
    if on_ray and assertions:
        raise click.UsageError("--ray extracts articles; --assertions files are extracted already")
    report = IngestReport()
    with contextlib.ExitStack() as stack:
        if on_ray:
            paths = _extract_on_ray(paths, out_dir, workers, published, report, stack)
            assertions = True
        elif assertions:
            paths = _assertion_files(paths)
        _ingest(paths, assertions, workers, batch_size, published, where, report)
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    for name in report.ambiguous_names:
        click.echo(
            f"note: {name.name!r} ({name.type}) fits {len(name.candidates)} entities "
            f"({', '.join(name.candidates)}); kept as its own node",
            err=True,
        )
    click.echo(_ingest_summary(report), err=True)
    if report.errors:
        sys.exit(EXIT_INPUT)


def _assertion_files(paths: tuple[str, ...]) -> tuple[str, ...]:
    """Files as given; a folder: the files its manifest lists (a partitioned run's), else its
    .jsonl and .parquet files by name."""
    from kg.partitioned import MANIFEST, manifest_files

    out: list[str] = []
    for path in paths:
        folder = Path(path)
        if not folder.is_dir():
            out.append(path)
        elif (folder / MANIFEST).exists():
            out += manifest_files(folder)
        else:
            out += sorted(str(f) for f in folder.iterdir() if f.suffix in {".jsonl", ".parquet"})
    return tuple(out)


def _extract_on_ray(
    paths: tuple[str, ...],
    out_dir: str | None,
    workers: int,
    published: str | None,
    report: Any,
    stack: contextlib.ExitStack,
) -> tuple[str, ...]:
    import tempfile

    from kg.partitioned import PartitionedRun, extract_partitioned, manifest_files

    if out_dir is None:
        out_dir = stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-ray-"))
    check_out_dir(paths, out_dir, "--ray")
    found = extract_partitioned(
        paths,
        PartitionedRun(Path(out_dir)),
        workers=partition_workers(workers, True),
        ray=True,
        on_error=print_error,
        published=published,
    )
    report.errors.extend(found.errors)
    return tuple(manifest_files(Path(out_dir)))


def _ingest(
    paths: tuple[str, ...],
    assertions: bool,
    workers: int,
    batch_size: int,
    published: str | None,
    where: StoreChoice,
    report: Any,
) -> None:
    from kg.loaders.readers import count_inputs
    from kg.pipeline import ingest_assertion_files, ingest_paths

    tty = sys.stderr.isatty()
    progress = _Progress(enabled=tty, total=count_inputs(paths) if tty and not assertions else None)

    def skipped(item: InputError) -> None:
        progress.clear()
        print_error(item)
        progress.update(report)

    with where.open() as store, progress:
        try:
            if assertions:
                ingest_assertion_files(
                    paths,
                    store,
                    batch_assertions=batch_size,
                    report=report,
                    on_error=skipped,
                    on_article=progress.update,
                )
            else:
                ingest_paths(
                    paths,
                    store,
                    workers=workers,
                    batch_assertions=batch_size,
                    report=report,
                    on_error=skipped,
                    on_article=progress.update,
                    published=published,
                )
        except InputError:
            raise
        except KgError as exc:
            raise KgError(f"{exc} (articles written before this point are kept)") from exc


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
    line = (
        f"{report.articles} article(s) written ({report.new_articles} new, {report.replaced} "
        f"replaced), {report.unchanged} unchanged; {report.sentences} sentence(s), "
        f"{report.assertions} assertion(s), {report.new_entities} new entit"
        f"{'y' if report.new_entities == 1 else 'ies'}"
    )
    if report.merged_entities:
        line += f", {report.merged_entities} name(s) joined to an existing entity"
    if report.undated:
        line += (
            f"; {report.undated} article(s) without a publication date (their 'on Monday' dates "
            f"nothing: give --published)"
        )
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
        click.echo(
            f"upgraded: {report.relationships} relationship(s), {report.claims} claim(s), "
            f"{report.articles} article(s), {report.entities} entit"
            f"{'y' if report.entities == 1 else 'ies'}",
            err=True,
        )


# -- query --------------------------------------------------------------------------------
@click.command()
@click.argument("cypher")
@cypher_param_option
@format_option
@width_options
@click.option("--write", is_flag=True, help="Allow the statement to change the graph.")
@store_options()
def query(
    cypher: str,
    params: dict[str, Any],
    fmt: str,
    max_width: int | None,
    full: bool,
    write: bool,
    where: StoreChoice,
) -> None:
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
    click.echo(render(result.columns, result.rows, fmt, table_width(max_width, full)), nl=False)
    if write and result.stats:
        click.echo(", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.stats.items()), err=True)


@click.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="How to print the list.",
)
def queries(fmt: str) -> None:
    """List the named queries with their parameters and an example."""
    from kg.named_queries import load_named_queries

    named = load_named_queries()
    if fmt == "json":
        from dataclasses import asdict

        fields = ("name", "description", "params", "examples")
        click.echo(
            json.dumps(
                [{k: v for k, v in asdict(q).items() if k in fields} for q in named.values()],
                indent=2,
                default=str,
            )
        )
        return
    click.echo("\n\n".join(q.describe() for q in named.values()))


@click.command()
@click.argument("name")
@param_option
@format_option
@width_options
@store_options()
def ask(
    name: str, params: dict[str, str], fmt: str, max_width: int | None, full: bool, where: StoreChoice
) -> None:
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
    click.echo(render(result.columns, result.rows, fmt, table_width(max_width, full)), nl=False)


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
        card = entity_card(store, name, evidence=EVIDENCE_SHOWN)
    click.echo(json.dumps(asdict(card), ensure_ascii=False, indent=2) if as_json else format_card(card))


@click.command()
@click.argument("source")
@click.argument("target")
@click.option(
    "--max-hops", type=click.IntRange(1, 4), default=4, show_default=True, help="Longest chain to look for."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the chain, then each step with its sentence, article and date; json: the same as data.",
)
@store_options()
def path(source: str, target: str, max_hops: int, fmt: str, where: StoreChoice) -> None:
    """The shortest chain of relations between two entities, with the evidence of each step.

    \b
    Example:
      kg path Russia "Kazakh President"
      kg path Russia Kazakhstan --format json
    """
    from kg.explore import find_path, format_path_evidence

    with where.open() as store:
        found = find_path(store, source, target, max_hops=max_hops, evidence=True)
    if found is None:
        click.echo(f"no path of at most {max_hops} relation(s) between {source!r} and {target!r}")
        sys.exit(1)  # found nothing, as grep does
    if fmt == "json":
        click.echo(json.dumps(found.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(format_path_evidence(found))


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
@click.option(
    "--format",
    "fmt",
    type=click.Choice(exporter_names()),
    default="ttl",
    show_default=True,
    help="RDF (ttl, nt, jsonld: ontology terms, reified assertions, PROV-O), GraphML, "
    "a cypher-shell script, or CSV files for neo4j-admin database import.",
)
@click.option(
    "-o",
    "--output",
    metavar="PATH",
    default=None,
    help="Write to this file (a directory for neo4j-admin) instead of standard output.",
)
@click.option(
    "--assertions",
    "assertion_paths",
    multiple=True,
    metavar="PATH",
    help="Export the graph these assertion files (JSONL, Parquet, or folders of a partitioned "
    "run) make, not the stored graph: built in a scratch graph of the embedded engine, then "
    "dropped. Repeat for more.",
)
@store_options()
def export(fmt: str, output: str | None, assertion_paths: tuple[str, ...], where: StoreChoice) -> None:
    """Write the whole graph as RDF, GraphML, a cypher-shell script or neo4j-admin CSVs.

    \b
    Example:
      kg export --format ttl -o graph.ttl
      kg export --format graphml -o graph.graphml
      kg export --format cypher -o graph.cypher      # then: cypher-shell -f graph.cypher
      kg export --format neo4j-admin -o import/      # prints the neo4j-admin command
      kg export --format neo4j-admin --assertions found/ -o import/   # a new Neo4j database
    """
    exporter = get_exporter(fmt)
    check_output(output, directory=exporter.to_directory)
    if exporter.to_directory and (not output or output == "-"):
        raise click.UsageError(f"--format {fmt} writes several files: give -o DIRECTORY")
    if assertion_paths and where.engine != "embedded":
        raise click.UsageError("--assertions builds its graph on the embedded engine: leave out --on")
    with contextlib.ExitStack() as stack:
        if assertion_paths:
            store = stack.enter_context(_scratch_graph(_assertion_files(assertion_paths)))
        else:
            store = stack.enter_context(where.open())
        if exporter.to_directory:
            report = exporter.export(store, Path(str(output)))
        else:
            report = exporter.export(store, stack.enter_context(_output(output)))
    for line in (report.summary, *report.notes):
        click.echo(line, err=True)
    if report.output is not None:
        click.echo(report.output)


@contextmanager
def _scratch_graph(paths: tuple[str, ...]):
    """A graph of its own on the embedded engine holding what the assertion files say
    (written as `kg ingest --assertions` writes them); dropped when done."""
    import uuid

    from kg.pipeline import IngestReport, ingest_assertion_files
    from kg.store import open_store

    home = embedded_home()
    report = IngestReport()
    with home_errors(home):
        store = open_store("embedded", home=home, graph=f"kg-scratch-{uuid.uuid4().hex[:12]}")
    try:
        ingest_assertion_files(paths, store, report=report, on_error=print_error)
        if report.errors:
            raise KgError(
                f"{len(report.errors)} assertion file line(s) unreadable (see above); nothing exported"
            )
        yield store
    finally:
        store.clear()
        store.close()


@contextmanager
def _output(path: str | None):
    """Standard output, or the file at `path` (an OSError is kg.cli's one line, exit 2)."""
    if not path or path == "-":
        yield sys.stdout
        return
    with open(path, "w", encoding="utf-8") as stream:
        yield stream
