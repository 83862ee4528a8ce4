"""`python -m bench scale` (issue 23), small, run as README says: extraction by processes and on
a local Ray give the stream's assertions exactly, a Ray run killed mid-way (a worker, then the
driver) and run again lists every article once, and the writes of the assertion files are
timed against the bare engine. Real Ray, real spaCy, real FalkorDB, generated articles."""

from __future__ import annotations

import json

import pytest
from benchtools import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.slow]


def test_bench_scale_runs_and_every_output_is_the_streams(tmp_path):
    pytest.importorskip("ray")
    out = tmp_path / "scale.json"
    done = run_bench("scale", "--articles", "250", "--json", out, timeout=1200)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert all(result["same_as_stream"].values()), result["same_as_stream"]
    resumed = result["kill_and_resume"]
    assert resumed["documents"] == 250 and resumed["documents_more_than_once"] == 0
    assert result["writes"]["assertions"] == result["assertions"]
    assert "| `kg ingest --assertions`" in done.stdout
