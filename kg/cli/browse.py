"""`kg browse` and `kg view`: the graph as an interactive page (kg/browse).

`browse` serves the page on 127.0.0.1 until Ctrl-C; `view` writes one entity's neighbourhood as
a self-contained HTML file. Both take `--on neo4j` like the other graph commands.
"""

from __future__ import annotations

import errno
import sys
import webbrowser
from pathlib import Path

import click

from kg.cli.base import StoreChoice, store_options
from kg.cli.output import check_output
from kg.core.errors import KgError

DEFAULT_PORT = 7475  # beside Neo4j Browser's 7474


def register(main: click.Group) -> None:
    main.add_command(browse)
    main.add_command(view)


@click.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=DEFAULT_PORT,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option("--no-open", is_flag=True, help="Print the URL only; do not open a browser.")
@store_options()
def browse(port: int, no_open: bool, where: StoreChoice) -> None:
    """Explore the graph in your browser: search, neighbourhoods, evidence, timelines, paths.

    Serves a read-only page on 127.0.0.1 only, until Ctrl-C.

    \b
    Example:
      kg browse
      kg browse --port 8080 --no-open
      kg browse --on neo4j
    """
    from kg.browse import BrowseServer

    with where.open() as store:
        try:
            server = BrowseServer(store, port=port, source=_describe(where))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise KgError(
                    f"port {port} on 127.0.0.1 is in use; choose another with --port (0 picks a free one)"
                ) from None
            raise
        with server:
            click.echo(f"kg browse: serving {server.url} (read-only, 127.0.0.1 only); Ctrl-C stops it")
            if not no_open:
                webbrowser.open(server.url)
            try:
                server.serve_forever()
            except KeyboardInterrupt:
                click.echo("kg browse: stopped", err=True)


def _describe(where: StoreChoice) -> str:
    return "Neo4j" if where.engine == "neo4j" else "embedded graph"


@click.command()
@click.argument("entity")
@click.option(
    "--depth",
    type=click.IntRange(1, 3),
    default=1,
    show_default=True,
    help="Steps out from the entity (each step: every entity's most mentioned relations).",
)
@click.option(
    "-o",
    "--output",
    metavar="FILE",
    default=None,
    help="Write the page to this file instead of standard output.",
)
@store_options()
def view(entity: str, depth: int, output: str | None, where: StoreChoice) -> None:
    """Write an entity's neighbourhood as one self-contained HTML page to share (no server).

    The page holds its data, script and style: open it from disk, offline. ENTITY is a name,
    alias, acronym, misspelling or id, as for `kg entity`.

    \b
    Example:
      kg view Kazakhstan -o kazakhstan.html
      kg view CSTO --depth 2 -o csto.html
    """
    from kg.browse import view_file

    check_output(output)
    with where.open() as store:
        html = view_file(store, entity, depth=depth)
    if output in (None, "-"):
        sys.stdout.write(html)
        return
    Path(output).write_text(html, encoding="utf-8")
    click.echo(f"wrote {output} ({len(html.encode('utf-8')) // 1024} KiB)", err=True)
