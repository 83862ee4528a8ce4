"""The fault-injection suite, small (issue 18): `python -m bench faults --scale smoke`, run as
README says, must see every seeded kill of the engine or the ingest, the overlapping ingests
of two versions and the full disk converge on the clean reference graph (bench/faults.py
says how each is made and compared). Real engines, real spaCy, generated articles."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from benchtools import run_bench

from kg.store.audit import audit
from kg.store.engine import Engine
from kg.store.falkor import open_embedded

pytestmark = [pytest.mark.bench, pytest.mark.slow]

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))


def test_seeded_kills_overlaps_and_a_full_disk_all_converge(tmp_path):
    out = tmp_path / "faults.json"
    done = run_bench("faults", "--scale", "smoke", "--json", out, cwd=tmp_path, timeout=900)
    result = json.loads(out.read_text())
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    scenarios = [o["scenario"] for o in result["outcomes"]]
    assert scenarios.count("kill") == 3 and "overlap" in scenarios and "disk full" in scenarios
    assert all(o["converged"] for o in result["outcomes"]), result["outcomes"]
    assert result["reference"]["problems"] == [] and result["reference"]["counts"]["Article"] == 40
    full = next(o for o in result["outcomes"] if o["scenario"] == "disk full")
    if os.geteuid() == 0:  # a tmpfs can be mounted: the disk really filled up
        assert "No space left on device" in full["detail"]


def test_after_a_refused_write_no_article_is_half_written(tmp_path):
    """KG_HOME on a full disk: the engine refuses the write; every article it holds is whole
    (it used to show 9 of 43 without their content hash), and after a restart too."""
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    from bench.faults import corpus

    feed = corpus(tmp_path / "feed.jsonl", 200, seed=3)
    mount = tmp_path / "disk"
    mount.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)], check=True)
    home = mount / "home"
    env = {**os.environ, "KG_HOME": str(home)}
    env.pop("KG_GRAPH", None)
    try:
        done = subprocess.run(
            [sys.executable, "-P", "-m", "kg.cli", "ingest", str(feed), "--batch-size", "100"],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert done.returncode == 2 and "No space left on device" in done.stderr
        for restart in (False, True):
            if restart:
                Engine(home).stop()
            with open_embedded(home) as store:
                assert audit(store) == []
                stored = store.query("MATCH (a:Article) RETURN count(a)").value(0)
                counted = store.query("MATCH (k:Count {id: 'Article'}) RETURN k.count").value(0)
                assert 0 < stored < 200 and counted == stored
    finally:
        Engine(home).stop()
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)
