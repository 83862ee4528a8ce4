"""The `kg` command line: one click group, `main`, and its commands, one module per family.

base.py     KgGroup (every failure one line and an exit code), --on/--to, -p, KG_HOME
output.py   tables, JSON and CSV of rows; the formats of `kg extract`; error lines
extract.py  kg extract, kg eval
graph.py    kg ingest, migrate, query, queries, ask, entity, path, stats, export
server.py   kg server start|stop|status|repair (the embedded engine)
browse.py   kg browse, kg view;  neo4j.py  kg neo4j init|style|favorites, kg push
"""

from __future__ import annotations

import click

from kg.cli import browse, extract, graph, neo4j, server
from kg.cli.base import KgGroup


@click.group(cls=KgGroup)
@click.version_option(package_name="kg")
def main() -> None:
    """kg: news articles in, ontology-typed, sourced triples out.

    Errors are one line on stderr; the exit code is 1 when an input was skipped, 2 for a bad
    argument or an engine, query or environment error. KG_DEBUG=1 shows tracebacks.
    """


extract.register(main)
graph.register(main)
main.add_command(server.server)
neo4j.register(main)
browse.register(main)
