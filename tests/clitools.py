"""Test helpers: run `kg` in-process and read its one-line errors."""

from __future__ import annotations

import socket

from click.testing import CliRunner

from kg.cli import main


def kg(*args, input: str | bytes | None = None, env: dict[str, str | None] | None = None):
    """Run `kg ARGS` through click's CliRunner. Whatever the outcome, a user error is never a
    traceback: any exception other than the exit itself fails the test."""
    result = CliRunner().invoke(main, [str(a) for a in args], input=input, env=env, prog_name="kg")
    assert "Traceback" not in result.output and "Traceback" not in result.stderr, result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def error_line(result) -> str:
    """The single line a failed command printed on stderr (it must be exactly one)."""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def closed_port() -> int:
    """A local TCP port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
