"""The Neo4j commands of `kg`: `kg neo4j init|style|favorites` and `kg push neo4j`.

The other graph commands reach Neo4j with `--on neo4j` / `--to neo4j` (kg/cli/graph.py).
Connection settings: `--neo4j-uri`, `--neo4j-database`, else NEO4J_URI, NEO4J_USERNAME,
NEO4J_PASSWORD, NEO4J_DATABASE. An unreachable server or refused credentials is a KgError,
which kg.cli prints as one line (the password redacted) with exit code 2.
"""

from __future__ import annotations

import json

import click

from kg.cli.base import StoreChoice
from kg.cli.output import check_output
from kg.core.errors import KgError

neo4j_uri_option = click.option(
    "--neo4j-uri", metavar="URI", help="Neo4j server, e.g. bolt://localhost:7687 [default: NEO4J_URI]."
)
neo4j_database_option = click.option(
    "--neo4j-database", metavar="NAME", help="Neo4j database [default: NEO4J_DATABASE, else the server's]."
)


def register(main: click.Group) -> None:
    main.add_command(neo4j)
    main.add_command(push)


@click.group()
def neo4j() -> None:
    """Neo4j: schema, Neo4j Browser stylesheet and starter queries."""


@neo4j.command("init")
@neo4j_uri_option
@neo4j_database_option
def neo4j_init(neo4j_uri: str | None, neo4j_database: str | None) -> None:
    """Create kg's constraints and indexes in Neo4j (idempotent: IF NOT EXISTS).

    Unique ids for Entity, Article and Sentence; indexes on names and article titles; the
    full-text index `entity_names` over entity names and aliases.
    """
    from kg.store.neo4j import open_neo4j

    with open_neo4j(neo4j_uri, neo4j_database) as store:
        store.ensure_schema()
        statements = store.schema_statements()
    for statement in statements:
        click.echo(statement)
    click.echo(f"schema ready on {store.where}", err=True)


@neo4j.command("style")
def neo4j_style() -> None:
    """Print the Neo4j Browser stylesheet (GraSS): a colour and caption per class.

    \b
    Load it in Browser by dragging the file onto the :style panel, or:
      kg neo4j style > kg.grass
    """
    from kg.neo4j_browser import stylesheet

    click.echo(stylesheet(), nl=False)


@neo4j.command("favorites")
@click.option(
    "-o",
    "--output",
    metavar="DIRECTORY",
    default=None,
    help="Write each query as a .cypher file (and a zip for Browser's import).",
)
def neo4j_favorites(output: str | None) -> None:
    """Print starter queries for Neo4j Browser's favourites, or write them as files."""
    from kg.neo4j_browser import format_favorites, write_favorites

    if output is None:
        click.echo(format_favorites(), nl=False)
        return
    check_output(output, directory=True)
    written = write_favorites(output)
    for path in written:
        click.echo(str(path))


@click.command()
@click.argument("target", type=click.Choice(["neo4j"]))
@neo4j_uri_option
@neo4j_database_option
@click.option("--dry-run", is_flag=True, help="Only count what would be pushed.")
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON on stdout.")
def push(
    target: str, neo4j_uri: str | None, neo4j_database: str | None, dry_run: bool, as_json: bool
) -> None:
    """Copy the embedded graph into Neo4j: only articles new or changed since the last push.

    Uses the statements `kg ingest` uses, batched with UNWIND, one transaction per batch;
    pushing twice writes nothing the second time.

    \b
    Example:
      NEO4J_URI=bolt://localhost:7687 NEO4J_PASSWORD=... kg push neo4j
    """
    from kg.store.push import push as push_graph

    # Neo4j first: an unreachable server fails before the embedded engine is even started.
    with StoreChoice(target, neo4j_uri, neo4j_database).open() as destination:
        with StoreChoice().open() as source:
            try:
                report = push_graph(source, destination, dry_run=dry_run)
            except KgError as exc:
                raise KgError(f"{exc} (batches pushed before this point are kept)") from exc
    if as_json:
        click.echo(json.dumps(report.to_dict()))
    verb = "would push" if dry_run else "pushed"
    click.echo(
        f"{verb} {report.new + report.replaced} article(s) ({report.new} new, "
        f"{report.replaced} replaced) of {report.checked}, {report.unchanged} unchanged; "
        f"{report.assertions} assertion(s), {report.new_entities} new entit"
        f"{'y' if report.new_entities == 1 else 'ies'}, {report.new_relationships} new "
        f"relationship(s) to {destination.where}",
        err=True,
    )
