"""Run `python -m bench ...` as README says: from the repository root, with the installed kg.

The source tree's kg/ is the package as installed (loaders/, queries/ and ontology/ are in it
through links), so from the root `python -m bench` finds both bench/ and kg/ there. Paths a
test gives are absolute, so the root as working directory changes nothing else.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_bench(
    *args: str | Path, cwd: Path | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`python -m bench ARGS` from the repository root (`cwd` is kept for callers; unused)."""
    command = [sys.executable, "-m", "bench", *map(str, args)]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
