"""A password written into a URI is never printed: not in an error, not in a summary line."""

from __future__ import annotations

import pytest
from clitools import closed_port, error_line, kg
from filetools import write

from kg.core.errors import error_line as format_error
from kg.core.errors import redact
from kg.store.neo4j import Neo4jSettings

SECRET = "s3cretpw"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("bolt://neo:s3cretpw@127.0.0.1:1", "bolt://neo:***@127.0.0.1:1"),
        (
            "Given URI: 'neo4j+s://neo:s3cretpw@db.example:7687'.",
            "Given URI: 'neo4j+s://neo:***@db.example:7687'.",
        ),
        ("a bolt://u:p@ss/w:rd@h:1/x and http://v:q@h2", "a bolt://u:***@h:1/x and http://v:***@h2"),
        ("bolt://:s3cretpw@host", "bolt://:***@host"),
        ("bolt://localhost:7687 and bolt://neo@host:7687", "bolt://localhost:7687 and bolt://neo@host:7687"),
        ("no URI here: a:b@c", "no URI here: a:b@c"),
    ],
)
def test_redact(text, expected):
    assert redact(text) == expected


def test_every_error_line_is_redacted():
    assert SECRET not in format_error(OSError(f"failed on bolt://neo:{SECRET}@host"))
    assert format_error("cannot reach\nbolt://neo:x@h") == "error: cannot reach bolt://neo:***@h"


def test_settings_never_show_a_password_from_the_uri():
    settings = Neo4jSettings(f"bolt://neo:{SECRET}@db:7687", database="news")
    assert SECRET not in repr(settings) and SECRET not in settings.target
    assert settings.target == "bolt://neo:***@db:7687 (database news)"


@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
@pytest.mark.parametrize(
    "command",
    [
        ["stats", "--on", "neo4j"],
        ["query", "RETURN 1", "--on", "neo4j"],
        ["ask", "troop-deployments", "--on", "neo4j"],
        ["entity", "Russia", "--on", "neo4j", "--json"],
        ["export", "--format", "graphml", "--on", "neo4j"],
        ["ingest", "{article}", "--to", "neo4j", "--json"],
        ["neo4j", "init"],
        ["push", "neo4j", "--json"],
    ],
)
def test_a_password_in_neo4j_uri_is_never_printed(command, scheme, tmp_path):
    article = write(tmp_path / "a.txt", "Russia sent troops to Kazakhstan on Thursday.\n")
    uri = f"{scheme}://neo:{SECRET}@127.0.0.1:{closed_port()}"
    result = kg(
        *[part.format(article=article) for part in command],
        env={"NEO4J_URI": uri, "KG_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 2
    assert SECRET not in result.stdout + result.stderr
    assert "neo:***@127.0.0.1" in error_line(result)


def test_a_password_in_the_uri_option_is_never_printed(tmp_path):
    uri = f"bolt://neo:{SECRET}@127.0.0.1:1"
    result = kg("push", "neo4j", "--neo4j-uri", uri, env={"KG_HOME": str(tmp_path / "home")})
    assert result.exit_code == 2 and SECRET not in result.stdout + result.stderr
    error_line(result)
