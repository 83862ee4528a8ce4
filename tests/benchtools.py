"""Run `python -m bench ...` as a user does from a checkout, against the installed kg.

From the repository root, `python -m` would put the root first on sys.path, where the source
folder kg/ (which holds no loaders/: setuptools maps that in at install time) hides the
installed package. So the benchmarks run from elsewhere, with the root appended after
site-packages: `bench` comes from the checkout, `kg` from the installation.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_LAUNCH = ("import runpy, sys; sys.path.append({root!r}); sys.argv[0] = 'bench'; "
           "runpy.run_module('bench', run_name='__main__', alter_sys=True)")


def run_bench(*args: str, cwd: Path, timeout: float = 300) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", _LAUNCH.format(root=str(ROOT)), *map(str, args)]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout)
