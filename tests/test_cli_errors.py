"""Every user and environment error of every command is one line on stderr and an exit code
(1: an input skipped, 2: a bad argument, the engine, a query or the environment, 130: Ctrl-C),
never a traceback; KG_DEBUG=1 shows the traceback. Real engine, real files, no mocks."""

from __future__ import annotations

import copy
import json
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from clitools import error_line, kg
from filetools import write

from kg.cli import main
from kg.core.errors import InputError, KgError

ARTICLE = "Russia sends troops\n\nRussia sent troops to Kazakhstan on Thursday.\n"


# -- ingest --json with a skipped input ------------------------------------------------------
def test_ingest_json_with_a_skipped_input_prints_json_and_one_error_line(kg_home, tmp_path):
    good = write(tmp_path / "in" / "good.txt", ARTICLE)
    bad = write(tmp_path / "in" / "bad.txt", b"\x00\x01\x02 not text")
    result = kg("ingest", good, bad, "--json")
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["new_articles"] == 1
    assert len(summary["skipped_inputs"]) == 1 and str(bad) in summary["skipped_inputs"][0]
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and str(bad) in errors[0]


def test_an_input_error_survives_copy_and_pickle():
    # dataclasses.asdict (IngestReport.to_dict) deep-copies the report's errors
    error = InputError("feed.jsonl:3", "has no 'text' field")
    for clone in (copy.deepcopy(error), pickle.loads(pickle.dumps(error))):
        assert (clone.where, clone.message, str(clone)) == (error.where, error.message, str(error))


# -- KG_HOME that cannot be used -------------------------------------------------------------
EMBEDDED_COMMANDS = [
    ["stats"],
    ["stats", "--json"],
    ["query", "RETURN 1"],
    ["ask", "troop-deployments", "--format", "json"],
    ["entity", "Russia", "--json"],
    ["path", "Russia", "Kazakhstan"],
    ["export", "--format", "ttl"],
    ["server", "start"],
    ["server", "stop"],
]


@pytest.mark.parametrize("command", EMBEDDED_COMMANDS + [["ingest", "{article}", "--json"]])
def test_kg_home_that_is_a_regular_file(command, tmp_path):
    home = write(tmp_path / "home", "not a directory")
    article = write(tmp_path / "a.txt", ARTICLE)
    result = kg(*[part.format(article=article) for part in command], env={"KG_HOME": str(home)})
    assert result.exit_code == 2
    line = error_line(result)
    assert str(home) in line and "not a directory" in line.lower()
    assert result.stdout == ""


def test_kg_home_below_a_regular_file(tmp_path):
    home = write(tmp_path / "file", "x").parent / "file" / "home"
    result = kg("stats", env={"KG_HOME": str(home)})
    assert result.exit_code == 2
    line = error_line(result)
    assert f"KG_HOME {home}" in line and "Not a directory" in line


def _without_file_permission_override() -> list[str] | None:
    """A command prefix under which this process's user obeys file permissions: none needed
    for an ordinary user; for root, setpriv dropping the capabilities that bypass them."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
    probe = subprocess.run(prefix + ["true"], capture_output=True)
    return prefix if probe.returncode == 0 else None


@pytest.mark.parametrize("command", [["stats"], ["server", "start"], ["query", "RETURN 1"]])
def test_read_only_kg_home(command, tmp_path):
    prefix = _without_file_permission_override()
    if prefix is None:
        pytest.skip("running as root without setpriv: file permissions cannot be enforced")
    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o555)
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("KG_GRAPH", None)
    try:
        # cwd outside the repository: its kg/ would shadow an installed kg (without kg.loaders)
        done = subprocess.run(
            prefix + [sys.executable, "-P", "-m", "kg.cli", *command],
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        home.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot use KG_HOME {home}"), lines
    assert "Permission denied" in lines[0]
    assert list(home.iterdir()) == []


# -- KG_GRAPH --------------------------------------------------------------------------------
@pytest.mark.parametrize("value", ["", "   "])
def test_empty_kg_graph_is_one_line(kg_home, value):
    result = kg("stats", env={"KG_GRAPH": value})
    assert result.exit_code == 2
    line = error_line(result)
    assert "KG_GRAPH" in line and "non-empty" in line


# -- -p NAME=VALUE, checked before anything runs ---------------------------------------------
@pytest.mark.parametrize("command", ["query", "ask"])
@pytest.mark.parametrize(
    "pair, named",
    [
        ("a`b=1", "'a`b'"),
        ("=1", "''"),
        (" =1", "''"),
        ("1st=1", "'1st'"),
        ("two words=1", "'two words'"),
        ("ünï=1", "'ünï'"),
        ("novalue", "'novalue'"),
    ],
)
def test_parameter_names_must_be_cypher_identifiers(command, pair, named, tmp_path):
    home = tmp_path / "never-created"
    target = "RETURN 1" if command == "query" else "troop-deployments"
    result = kg(command, target, "-p", pair, env={"KG_HOME": str(home)})
    assert result.exit_code == 2
    assert named in error_line(result)
    assert not home.exists()  # rejected while parsing: the engine was never started


@pytest.mark.parametrize(
    "value, message",
    [
        ('{"a`b": 1}', "map key 'a`b'"),
        ('{"": 1}', "map key ''"),
        ('[1, {"ok": {"": true}}]', "map key ''"),
        ("NaN", "not a finite number"),
        ("1e999", "not a finite number"),
    ],
)
def test_query_parameter_values_the_engines_refuse(value, message, tmp_path):
    home = tmp_path / "never-created"
    result = kg("query", "RETURN $n", "-p", f"n={value}", env={"KG_HOME": str(home)})
    assert result.exit_code == 2
    line = error_line(result)
    assert "parameter 'n'" in line and message in line
    assert not home.exists()


def test_map_parameters_that_are_fine_still_run(kg_home):
    result = kg("query", "RETURN $m.`two words` AS v", "-p", 'm={"two words": 2}', "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == [{"v": 2}]


# -- other failures --------------------------------------------------------------------------
def test_unwritable_export_file_names_the_path(kg_home, tmp_path):
    target = tmp_path / "missing-dir" / "graph.ttl"
    result = kg("export", "--format", "ttl", "-o", target)
    assert result.exit_code == 2
    line = error_line(result)
    assert str(target) in line and "does not exist" in line


def test_kg_debug_shows_the_traceback_of_a_user_error(tmp_path):
    args = ["query", "RETURN 1", "-p", "a`b=1"]
    quiet = CliRunner().invoke(main, args, env={"KG_HOME": str(tmp_path / "h")})
    assert quiet.exit_code == 2 and isinstance(quiet.exception, SystemExit)
    loud = CliRunner().invoke(main, args, env={"KG_HOME": str(tmp_path / "h"), "KG_DEBUG": "1"})
    assert isinstance(loud.exception, KgError)


def test_ctrl_c_exits_130_without_a_traceback(tmp_path):
    """kg eval blocks reading a FIFO given as --pred; SIGINT then interrupts the read."""
    gold = write(
        tmp_path / "g.gold.jsonl", json.dumps({"doc": "d", "s": ["A"], "p": "MET_WITH", "o": ["B"]}) + "\n"
    )
    fifo = tmp_path / "pred.jsonl"
    os.mkfifo(fifo)
    env = {**os.environ, "KG_HOME": str(tmp_path / "h")}
    # A shell that starts jobs in the background makes them ignore SIGINT, and Python then
    # installs no KeyboardInterrupt handler: the child gets the default disposition back.
    proc = subprocess.Popen(
        [sys.executable, "-P", "-m", "kg.cli", "eval", str(gold), "--pred", str(fifo)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    writer = _open_when_read(fifo, proc)
    try:
        err = _interrupt(proc)
    finally:
        os.close(writer)
    assert proc.returncode == 130, err
    assert err.strip() == "error: interrupted"


def _interrupt(proc: subprocess.Popen, presses: int = 6) -> str:
    """Press Ctrl-C until `proc` ends; return its stderr. A SIGINT that lands after Python last
    checked for signals but before the blocking read() starts is handled without interrupting
    the read (CPython's own race), so, like a user, press again if nothing happens for 10 s."""
    for _ in range(presses):
        proc.send_signal(signal.SIGINT)
        try:
            return proc.communicate(timeout=10)[1]
        except subprocess.TimeoutExpired:
            continue
    proc.kill()
    raise AssertionError(f"kg ignored {presses} SIGINTs: {proc.communicate()}")


def _open_when_read(fifo: Path, proc: subprocess.Popen, timeout: float = 60.0) -> int:
    """Open the FIFO for writing once `proc` has opened it for reading (so it is past start-up
    and inside the command)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            return os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # ENXIO: no reader yet
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
    proc.kill()
    raise AssertionError("kg never opened the FIFO")
