"""Repairing the embedded engine's data when it cannot be loaded: `kg server repair`.

    plan = plan_repair(Engine(home))    # what is damaged and what a repair drops; changes nothing
    print(plan.describe())
    report = repair(Engine(home), plan)  # backs the data up, then cuts the damaged part

The engine keeps the graph in an append-only file: an RDB snapshot at its head (the base),
then the write transactions since (the increments), listed by a manifest. What can be
repaired, and how:
- a manifest that cannot be read is written again from the files present (nothing lost);
- an increment damaged at byte N (a write cut short by a crash or a full disk, or bytes
  changed on disk) is cut at N, the last whole transaction before the damage: the
  transactions after it are dropped. Each transaction holds whole articles (kg's writer
  commits an article in the transaction that writes it), so the graph stays whole and the
  next `kg ingest` of the same inputs writes the dropped articles again;
- a damaged snapshot cannot be repaired: the backup is kept and the message says so.
The checks are the engine's own (its redis-server binary run as redis-check-aof, the tool
Redis builds into the same binary); the data folder is copied to KG_HOME first.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

from kg.core.errors import KgError
from kg.store.engine import Engine, binaries

MANIFEST = "appendonly.aof.manifest"
_ANALYSED = re.compile(
    r"AOF analyzed: filename=(?P<file>\S+), size=(?P<size>\d+), ok_up_to=(?P<ok>\d+), "
    r"ok_up_to_line=\d+, diff=(?P<diff>\d+)"
)
_MULTI = b"*1\r\n$5\r\nMULTI\r\n"  # how a transaction opens in an increment
_CHECK_TIMEOUT = 600.0


@dataclass
class RepairPlan:
    folder: Path
    manifest_rebuilt: str | None = None  # the manifest to write, when the old one is unreadable
    damaged: str | None = None  # the file cut, if any
    keep_bytes: int = 0
    drop_bytes: int = 0
    drop_transactions: int = 0
    unrepairable: str | None = None  # why no repair is possible
    notes: list[str] = field(default_factory=list)

    @property
    def needed(self) -> bool:
        return bool(self.manifest_rebuilt or self.damaged or self.unrepairable)

    def describe(self) -> str:
        if self.unrepairable:
            return self.unrepairable
        if not self.needed:
            return f"the engine's data in {self.folder} reads cleanly; nothing to repair"
        lines = []
        if self.manifest_rebuilt:
            lines.append(
                f"the manifest {MANIFEST} cannot be read: it will be written again from the "
                f"files present (nothing is dropped)"
            )
        if self.damaged:
            lines.append(
                f"{self.damaged} is damaged after byte {self.keep_bytes:,}: the last "
                f"{self.drop_bytes:,} bytes ({self.drop_transactions} write transaction(s), "
                f"each of whole articles) will be dropped; `kg ingest` of the same inputs "
                f"writes those articles again"
            )
        return "\n".join(lines + self.notes)


@dataclass
class RepairReport:
    backup: Path
    plan: RepairPlan


def plan_repair(engine: Engine) -> RepairPlan:
    """What is damaged in `engine`'s data, and what a repair would drop (changes nothing)."""
    if engine.status().running:
        raise KgError(
            "the engine is running, so its data loaded; nothing to repair "
            "(`kg server stop` first to check the files anyway)"
        )
    folder = engine.data_dir / "appendonlydir"
    plan = RepairPlan(folder)
    if not folder.is_dir():
        plan.unrepairable = None
        return plan
    manifest = folder / MANIFEST
    if not _manifest_readable(manifest):
        plan.manifest_rebuilt = _manifest_from_files(folder)
        if plan.manifest_rebuilt is None:
            plan.unrepairable = (
                f"{folder} has no snapshot (appendonly.aof.*.base.rdb) to rebuild its "
                "manifest from; restore the folder from a backup, or move it away to "
                "start an empty graph and ingest again"
            )
            return plan
        return plan  # the files are checked once the manifest is back (repair, second pass)
    _plan_cut(plan, manifest)
    return plan


def repair(engine: Engine, plan: RepairPlan) -> RepairReport:
    """Back the data folder up, then carry `plan` out and check the result."""
    if plan.unrepairable:
        raise KgError(plan.unrepairable)
    backup = engine.home / time.strftime("data-backup-%Y%m%d-%H%M%S", time.gmtime())
    shutil.copytree(engine.data_dir, backup, symlinks=True)
    manifest = plan.folder / MANIFEST
    if plan.manifest_rebuilt is not None:
        manifest.write_text(plan.manifest_rebuilt)
        again = RepairPlan(plan.folder)
        _plan_cut(again, manifest)  # the files the rebuilt manifest lists may be damaged too
        if again.unrepairable:
            raise KgError(f"{again.unrepairable} (the data as it was is in {backup})")
        plan.damaged, plan.keep_bytes, plan.drop_bytes = again.damaged, again.keep_bytes, again.drop_bytes
        plan.drop_transactions = again.drop_transactions
    if plan.damaged:
        done = _check(manifest, fix=True)
        if done.returncode != 0 or not _check(manifest).returncode == 0:
            raise KgError(
                f"the engine's check could not cut {plan.damaged} "
                f"({_last(done.stdout)}); the data as it was is in {backup}"
            )
    return RepairReport(backup, plan)


def _plan_cut(plan: RepairPlan, manifest: Path) -> None:
    done = _check(manifest)
    if done.returncode == 0:
        return
    analysed = [m for m in _ANALYSED.finditer(done.stdout) if int(m["diff"])]
    if not analysed and "RDB" in _last(done.stdout):
        plan.unrepairable = (
            f"the snapshot at the head of the data in {plan.folder} is damaged and "
            f"cannot be cut ({_last(done.stdout)}): restore the folder from a "
            f"backup, or move it away to start an empty graph and ingest again"
        )
        return
    if not analysed:
        plan.unrepairable = (
            f"the engine's check cannot read {plan.folder} ({_last(done.stdout)}); "
            f"restore it from a backup, or move it away to start an empty graph "
            f"and ingest again"
        )
        return
    bad = analysed[0]
    name = Path(bad["file"]).name
    if name.endswith(".rdb"):
        plan.unrepairable = (
            f"the snapshot {name} at the head of the data in {plan.folder} is damaged "
            f"and cannot be cut: restore the folder from a backup, or move it away "
            f"to start an empty graph and ingest again"
        )
        return
    plan.damaged = name
    plan.keep_bytes, plan.drop_bytes = int(bad["ok"]), int(bad["diff"])
    with open(plan.folder / name, "rb") as handle:
        handle.seek(plan.keep_bytes)
        plan.drop_transactions = handle.read().count(_MULTI)


def _check(manifest: Path, fix: bool = False) -> subprocess.CompletedProcess:
    """The engine binary's own AOF check (redis-check-aof is redis-server under that name)."""
    redis_server, _ = binaries()
    args = ["redis-check-aof", *(["--fix"] if fix else []), str(manifest)]
    try:
        return subprocess.run(
            args,
            executable=redis_server,
            input="y\n" if fix else "",
            capture_output=True,
            text=True,
            errors="replace",
            timeout=_CHECK_TIMEOUT,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise KgError(f"could not run the engine's data check ({exc})") from None


def _manifest_readable(manifest: Path) -> bool:
    try:
        lines = [line.split() for line in manifest.read_text().splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return False
    return bool(lines) and all(
        len(words) >= 6 and words[0] == "file" and words[2] == "seq" and words[4] == "type" for words in lines
    )


def _manifest_from_files(folder: Path) -> str | None:
    """A manifest listing the newest snapshot and the increments written since it."""

    def seq(path: Path) -> int:
        return int(path.name.split(".")[2])

    bases = sorted((p for p in folder.glob("appendonly.aof.*.base.*") if _numbered(p)), key=seq)
    if not bases:
        return None
    base = bases[-1]
    increments = sorted(
        (
            p
            for p in folder.glob("appendonly.aof.*.incr.aof")
            if _numbered(p) and p.stat().st_mtime >= base.stat().st_mtime
        ),
        key=seq,
    )
    lines = [f"file {base.name} seq {seq(base)} type b"]
    lines += [f"file {p.name} seq {seq(p)} type i" for p in increments]
    return "\n".join(lines) + "\n"


def _numbered(path: Path) -> bool:
    parts = path.name.split(".")
    return len(parts) >= 4 and parts[2].isdigit()


def _last(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "no output"


__all__ = ["RepairPlan", "RepairReport", "plan_repair", "repair"]
