"""Smoke test of the browsing benchmark, run as users run it (`python -m bench browse --scale
smoke` from outside the checkout, tests/benchtools.py); no assertion depends on how fast
anything is. It needs Chromium as the browser tests do (tests/browsertools.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from benchtools import run_bench
from browsertools import require_chromium

pytestmark = [pytest.mark.bench, pytest.mark.browser]


def test_browse_benchmark_smoke(tmp_path: Path):
    require_chromium()
    out = tmp_path / "browse.json"
    done = run_bench("browse", "--scale", "smoke", "--json", out, cwd=tmp_path, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(out.read_text())
    assert result["name"] == "browse" and result["graph"]["articles"] == 300
    assert result["hub"]["id"].startswith("country:") and result["drawn"]["nodes"] > 1
    first = result["figures"][0]
    assert first["baseline_name"].endswith("`kg ask entity-relations` (process)") and first["target"] == 3.0
    assert all(p["first_paint"] > 0 for p in result["paints"]) and len(result["paints"]) == 2
    assert "## Browsing" in done.stdout and "first paint in Chromium" in done.stdout
