"""`kg server`: the embedded FalkorDB engine of KG_HOME (start, stop, status, repair)."""

from __future__ import annotations

import json
import sys

import click

from kg.cli.base import embedded_home, home_errors
from kg.core.errors import ArgumentError


@click.group()
def server() -> None:
    """The embedded FalkorDB engine under KG_HOME (started on demand by every graph command)."""


@server.command("start")
@click.option(
    "--port",
    type=click.IntRange(1, 65535),
    default=None,
    help="Also listen on 127.0.0.1:PORT (by default only the Unix socket).",
)
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
        click.echo(
            json.dumps(
                {
                    "running": status.running,
                    "pid": status.pid,
                    "socket": str(status.socket),
                    "data_dir": str(status.data_dir),
                    "port": status.port,
                }
            )
        )
    else:
        click.echo(status.describe())
