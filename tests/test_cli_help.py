"""Every command of the `kg` tree (subgroups too) has help text, every option says what it
does, and README's Commands section has an entry for each command."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from clitools import kg

from kg.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"


def command_tree(
    group: click.Group = main, path: tuple[str, ...] = ("kg",)
) -> Iterator[tuple[str, click.Command]]:
    """("kg server start", command) for every command and group under `group`."""
    for name, command in sorted(group.commands.items()):
        here = path + (name,)
        yield " ".join(here), command
        if isinstance(command, click.Group):
            yield from command_tree(command, here)


COMMANDS = dict(command_tree())


def commands_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("\n## Commands\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_the_tree_has_the_subgroups():
    assert {"kg server start", "kg neo4j init", "kg push", "kg eval"} <= set(COMMANDS)


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_has_help(path):
    command = COMMANDS[path]
    assert (command.help or "").strip(), f"{path} has no help text"
    assert command.get_short_help_str().strip()
    shown = kg(*path.split()[1:], "--help")
    assert shown.exit_code == 0 and shown.stdout.startswith(f"Usage: {path}")


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_option_has_help(path):
    undocumented = [
        option.opts[0]
        for option in COMMANDS[path].params
        if isinstance(option, click.Option) and not option.hidden and not (option.help or "").strip()
    ]
    assert not undocumented, f"{path}: {undocumented} have no help text"


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_readme_has_an_entry_for_every_command(path):
    assert re.search(rf"`{re.escape(path)}\b", commands_section()), (
        f"README's Commands section has no `{path} ...` entry"
    )
