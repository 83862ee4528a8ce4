"""Tables that fit the reader (issue 22): cells wrap at word boundaries to the width asked
for, never cut a word, give a list one line per item, and print whole to a pipe or a file."""

from __future__ import annotations

import io

from click.testing import CliRunner

from kg.cli import main
from kg.cli.output import MIN_COLUMN, render, table_width

SENTENCES = [
    "Chile sent troops to the border with Peru on Monday, the defence ministry said in a statement.",
    "Peruvian officials said the deployment broke an agreement signed in Lima the year before.",
]
ROWS = [
    ["Chile", "SENT_TROOPS_TO", "Peru", SENTENCES],
    ["Organization of American States", "CONDEMNED", "Chile", []],
]
COLUMNS = ["subject", "relation", "object", "sentences"]


def _words(text: str) -> list[str]:
    return text.split()


def test_a_table_fits_the_width_and_never_cuts_a_word():
    table = render(COLUMNS, ROWS, "table", 70)
    lines = table.splitlines()
    assert all(len(line) <= 70 for line in lines), table
    # every word of every cell is there whole, in order
    body = " ".join(lines[2:-1])
    for sentence in SENTENCES:
        for word in _words(sentence):
            assert word in body.split(), word
    assert "…" not in table
    # one sentence a line: the second starts a line of its own in the last column
    start = lines[0].index("sentences")
    assert any(line[start:].startswith("Peruvian officials") for line in lines), table


def test_without_a_width_nothing_wraps_and_each_item_has_its_line():
    table = render(COLUMNS, ROWS, "table", None)
    lines = table.splitlines()
    assert any(line.endswith(SENTENCES[0]) for line in lines) and any(
        line.endswith(SENTENCES[1]) for line in lines
    )
    assert lines[-1] == "(2 rows)"


def test_a_narrow_width_keeps_the_minimum_column():
    table = render(COLUMNS, ROWS, "table", 20)  # cannot fit: columns keep their minimum
    header = table.splitlines()[1].split()
    assert all(len(dashes) >= min(MIN_COLUMN, len(name)) for dashes, name in zip(header, COLUMNS))


def test_a_pipe_is_never_wrapped_a_terminal_is():
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert table_width(stream=io.StringIO()) is None
    assert isinstance(table_width(stream=Terminal()), int)
    assert table_width(max_width=90, stream=Terminal()) == 90
    assert table_width(max_width=90, full=True, stream=Terminal()) is None


def test_the_query_command_takes_the_width_options():
    result = CliRunner().invoke(main, ["query", "--help"])
    assert "--max-width" in result.output and "--full" in result.output
    bad = CliRunner().invoke(main, ["query", "RETURN 1", "--max-width", "5"])
    assert bad.exit_code == 2 and "max-width" in bad.output
