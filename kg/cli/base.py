"""What every command of `kg` shares: the group that turns failures into one line, the
choice of graph (`--on`/`--to`), the `-p NAME=VALUE` options, KG_HOME and KG_GRAPH.

`KgGroup` is the one place where a failure the user can fix (a KgError, an OSError such as an
unwritable KG_HOME, Ctrl-C, an exhausted resource) becomes one line on stderr, `error: ...`,
and an exit code (kg.core.errors.exit_code). Commands raise; they do not print errors and
exit themselves.
"""

from __future__ import annotations

import errno
import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from kg.cli.output import FORMATS, print_error
from kg.core import jsontext
from kg.core.errors import (
    EXIT_ERROR,
    OUT_OF_MEMORY,
    ArgumentError,
    KgError,
    describe_os_error,
    exit_code,
    out_of_memory,
)
from kg.core.graph import GraphStore
from kg.named_queries import check_param_name, check_param_value


class KgGroup(click.Group):
    """A click group that turns KgError, OSError and KeyboardInterrupt raised by any of its
    commands (and their option callbacks) into one error line and an exit code. With
    KG_DEBUG=1 they propagate, traceback and all. Click's own usage errors pass through."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (KgError, OSError, KeyboardInterrupt) as exc:
            if _debugging() or _broken_pipe(exc):
                raise  # click ends a broken pipe (`kg query ... | head`) quietly itself
            print_error("interrupted" if isinstance(exc, KeyboardInterrupt) else exc)
            ctx.exit(exit_code(exc))
        except (MemoryError, RecursionError, ImportError) as exc:
            if _debugging():
                raise
            print_error(_exhausted(exc))
            ctx.exit(EXIT_ERROR)
        except Exception as exc:  # under a low memory cap, libraries fail in ways of their own
            if _debugging() or not out_of_memory(exc):
                raise
            print_error(OUT_OF_MEMORY)
            ctx.exit(EXIT_ERROR)


def _exhausted(exc: BaseException) -> str:
    """The one line for a resource kg ran out of, or a module it could not load (under a
    memory limit, loading a compiled module fails with an ImportError saying so)."""
    if isinstance(exc, RecursionError):
        return "a value is nested too deeply to be handled (Python's recursion limit); give a flatter value"
    if out_of_memory(exc):
        return OUT_OF_MEMORY
    name = getattr(exc, "name", None) or "a module"
    return f"cannot load {name} ({' '.join(str(exc).split())}); reinstall kg (pip install .)"


def _debugging() -> bool:
    return os.environ.get("KG_DEBUG", "") not in ("", "0")


def _broken_pipe(exc: BaseException) -> bool:
    return isinstance(exc, OSError) and exc.errno == errno.EPIPE


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
            return open_store(
                "neo4j", uri=self.neo4j_uri, database=self.neo4j_database, check_model=check_model
            )
        home, graph = embedded_home(), embedded_graph()
        with home_errors(home):
            return open_store("embedded", home=home, graph=graph, check_model=check_model)


def partition_workers(workers: int, on_ray: bool) -> int:
    """--workers for a partitioned run: as given; on Ray, 0 (one actor per CPU) unless given."""
    given = click.get_current_context().get_parameter_source("workers") != click.core.ParameterSource.DEFAULT
    return workers if given or not on_ray else 0


def check_out_dir(paths: tuple[str, ...], out_dir: str, option: str) -> None:
    """ArgumentError (exit 2) before any work: a partitioned run reads files, not standard
    input, and writes into a folder it can write."""
    from kg.cli.output import check_output

    if "-" in paths:
        raise ArgumentError(f"{option} reads files and directories, not standard input (-)")
    if Path(out_dir).exists():
        check_output(out_dir, directory=True)


def embedded_home() -> Path:
    """KG_HOME (else the per-user data directory): a directory, or a path that can become one."""
    from kg.store.engine import kg_home

    home = kg_home()
    if home.exists() and not home.is_dir():
        raise KgError(
            f"KG_HOME {home} is not a directory; set KG_HOME to a directory "
            "(kg creates it when it is missing)"
        )
    return home


def embedded_graph() -> str:
    """KG_GRAPH, else the default graph name; set but blank is an error, not the default."""
    from kg.store.falkor import DEFAULT_GRAPH

    name = os.environ.get("KG_GRAPH")
    if name is None:
        return DEFAULT_GRAPH
    if not name.strip():
        raise KgError(
            f"KG_GRAPH is set but empty; it must be a non-empty graph name "
            f"(unset it to use {DEFAULT_GRAPH!r})"
        )
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

        for option in reversed(
            (
                click.option(
                    flag,
                    "engine",
                    type=click.Choice(ENGINES),
                    default=None,
                    help="The graph to use [default: embedded].",
                ),
                click.option(
                    "--neo4j-uri",
                    metavar="URI",
                    help="Neo4j server, e.g. bolt://localhost:7687 [default: NEO4J_URI].",
                ),
                click.option(
                    "--neo4j-database",
                    metavar="NAME",
                    help="Neo4j database [default: NEO4J_DATABASE, else the server's].",
                ),
            )
        ):
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
    return click.option(
        "-p",
        "--param",
        "params",
        multiple=True,
        metavar="NAME=VALUE",
        callback=callback,
        help="A query parameter; repeat for more.",
    )


param_option = _param_option(_param_pairs)  # named queries: text, converted by declared type
cypher_param_option = _param_option(_cypher_params)  # raw Cypher: JSON values
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="How to print the rows.",
)


def width_options(command: Callable) -> Callable:
    """--max-width N and --full: how wide a table is (kg.cli.output.table_width)."""
    command = click.option(
        "--full", is_flag=True, help="Never wrap a table's cells (a pipe or a file never wraps them)."
    )(command)
    return click.option(
        "--max-width",
        type=click.IntRange(40, 10_000),
        metavar="N",
        help="Wrap a table's cells at word boundaries to fit N characters (default: the terminal's width).",
    )(command)


def _published(_ctx: click.Context, _param: click.Parameter, value: str | None) -> str | None:
    """--published: a real date written YYYY-MM-DD (ArgumentError otherwise)."""
    if value is None:
        return None
    from datetime import date

    try:
        return date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ArgumentError(f"--published {value!r} is not a date written YYYY-MM-DD") from None


published_option = click.option(
    "--published",
    metavar="YYYY-MM-DD",
    callback=_published,
    help="Publication date of the articles that carry none (from JSONL, HTML metadata, the file "
    "name or a dateline): relative dates such as 'on Monday' resolve against it.",
)
