"""Memory: peak memory of `kg ingest` at two corpus sizes, and re-ingest against first ingest.

    python -m bench memory [--scale smoke|full]

Each size is a real `python -m kg.cli ingest corpus.jsonl --json` in a subprocess with a
KG_HOME of its own (so its own FalkorDB engine, stopped afterwards). Measured:
  kg      the ingest process and its workers: the peak of their summed PSS (proportional set
          size: pages shared between the forked workers count once), polled from /proc, and
          the largest single process's peak RSS (ru_maxrss from wait4)
  engine  the FalkorDB server's peak RSS (VmHWM in /proc/<pid>/status; it holds the graph)
Memory is flat when the larger corpus needs no more than FLAT_GROWTH times the smaller one's.
Then the smaller corpus is ingested again, unchanged: every article is skipped by its content
hash, spaCy is never loaded, and the time is compared with the first ingest.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import write_jsonl
from bench.report import figure, figures_table

TITLE = "Memory"
LIMIT_MIB = 1536  # 1.5 GB
FLAT_GROWTH = 1.10  # "flat": 10x the articles, at most 10 % more memory
TARGET_REINGEST = 10.0
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Scale:
    sizes: tuple[int, int]  # articles: the smaller one is also re-ingested
    workers: int


SCALES = {
    "smoke": Scale(sizes=(3, 12), workers=2),
    "full": Scale(sizes=(1000, 10000), workers=2),
}


@dataclass
class Ingest:
    """One `kg ingest` run as measured from outside."""

    articles: int
    seconds: float
    peak_pss_mib: float  # the kg process tree, summed
    peak_rss_mib: float  # the largest single process of the tree
    summary: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "seconds": round(self.seconds, 2),
            "articles_per_s": round(self.articles / self.seconds, 1),
            "peak_pss_mib": round(self.peak_pss_mib, 1),
            "peak_rss_mib": round(self.peak_rss_mib, 1),
            "summary": self.summary,
        }


def run(scale: str, workdir: Path) -> dict[str, Any]:
    from kg.store.engine import Engine

    plan = SCALES[scale]
    sizes = []
    reingest = None
    for articles in plan.sizes:
        corpus = write_jsonl(workdir / f"memory-{articles}.jsonl", articles, seed=2)
        home = workdir / f"home-{articles}"
        engine = Engine(home)
        try:
            first = ingest(corpus, home, plan.workers)
            row = {**first.to_dict(), "engine_peak_mib": round(engine_peak_mib(home), 1)}
            if articles == plan.sizes[0]:
                again = ingest(corpus, home, plan.workers)
                reingest = {"articles": articles, "first": first.to_dict(), "again": again.to_dict()}
        finally:
            engine.stop()
        row["total_peak_mib"] = round(row["peak_pss_mib"] + row["engine_peak_mib"], 1)
        sizes.append(row)
    assert reingest is not None, "no corpus size re-ingests"
    return _result(scale, plan, sizes, reingest)


def ingest(corpus: Path, home: Path, workers: int) -> Ingest:
    """Run `kg ingest` in a subprocess with KG_HOME=home; its time, peak memory and summary."""
    env = {**os.environ, "KG_HOME": str(home), "KG_GRAPH": "kg"}
    command = [sys.executable, "-m", "kg.cli", "ingest", str(corpus), "--json", "--workers", str(workers)]
    started = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    poller = _TreePoller(process.pid)
    poller.start()
    out, err = process.communicate()
    seconds = time.perf_counter() - started
    poller.stop()
    if process.returncode != 0:
        raise RuntimeError(f"kg ingest failed ({process.returncode}): {err.decode(errors='replace')[-2000:]}")
    summary = json.loads(out.decode().strip().splitlines()[-1])
    return Ingest(
        summary["articles"] + summary["unchanged"],
        seconds,
        poller.peak_pss / 1024,
        poller.peak_rss / 1024,
        summary,
    )


def engine_peak_mib(home: Path) -> float:
    """VmHWM of the engine whose pid is in KG_HOME's pid file."""
    pid = int((home / "falkordb.pid").read_text().strip())
    return _status_kib(pid, "VmHWM") / 1024


class _TreePoller(threading.Thread):
    """Polls /proc for a process and its descendants: the peak of their summed PSS, and the
    peak RSS of any one of them."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_pss, self.peak_rss = pid, 0, 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            tree = _descendants(self.pid)
            self.peak_pss = max(self.peak_pss, sum(_pss_kib(p) for p in tree))
            self.peak_rss = max([self.peak_rss] + [_status_kib(p, "VmHWM") for p in tree])
            self._done.wait(POLL_SECONDS)

    def stop(self) -> None:
        self._done.set()
        self.join()


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    tree, todo = [], [pid]
    while todo:
        current = todo.pop()
        tree.append(current)
        todo.extend(children.get(current, []))
    return tree


def _pss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return _status_kib(pid, "VmRSS")


def _status_kib(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _result(scale: str, plan: Scale, sizes: list[dict], reingest: dict) -> dict[str, Any]:
    small, large = sizes
    figures = [
        figure(
            f"kg ingest peak memory, {large['articles']:,} articles (kg processes, PSS)",
            large["peak_pss_mib"],
            small["peak_pss_mib"],
            "MiB",
            FLAT_GROWTH,
            f"{small['articles']:,} articles",
            at_most=True,
        ),
        figure(
            f"kg + engine peak memory, {large['articles']:,} articles",
            large["total_peak_mib"],
            LIMIT_MIB,
            "MiB",
            1.0,
            "the 1.5 GB limit",
            at_most=True,
        ),
        figure(
            f"re-ingest of {reingest['articles']:,} unchanged articles",
            reingest["again"]["articles_per_s"],
            reingest["first"]["articles_per_s"],
            "articles/s",
            TARGET_REINGEST,
            "their first ingest",
        ),
    ]
    from kg.pipeline import BATCH_ARTICLES, BATCH_ASSERTIONS

    series = [
        {
            "label": f"kg ingest, {plan.workers} workers (CLI, engine included)",
            "unit": "articles/s",
            "points": [[s["articles"], s["articles_per_s"]] for s in sizes],
        }
    ]
    return {
        "name": "memory",
        "title": TITLE,
        "scale": scale,
        "command": f"python -m bench memory --scale {scale}",
        "workers": plan.workers,
        "limit_mib": LIMIT_MIB,
        "flat_growth": FLAT_GROWTH,
        "sizes": sizes,
        "batch_assertions": BATCH_ASSERTIONS,
        "batch_articles": BATCH_ARTICLES,
        "reingest": reingest,
        "figures": figures,
        "series": series,
        "met": all(f["met"] for f in figures),
    }


def markdown(result: dict[str, Any]) -> str:
    small, large = result["sizes"]
    again = result["reingest"]
    lines = [
        f"## {result['title']}",
        "",
        f"`{result['command']}` — `python -m kg.cli ingest corpus.jsonl --json --workers "
        f"{result['workers']}` in a subprocess, each corpus into a new KG_HOME with its own engine. "
        "kg's memory is the peak of the summed PSS of the ingest process and its workers (pages "
        "the forked workers share with it count once), polled every 0.1 s; the engine's is its "
        f"VmHWM. Flat means {large['articles'] // small['articles']}× the articles take at most "
        f"{(result['flat_growth'] - 1):.0%} more memory.",
        "",
        figures_table(result["figures"]),
        "",
        "| articles | time | articles/s | kg peak (PSS, all processes) | largest process (RSS) | "
        "engine peak (RSS) | kg + engine |",
        "|---|---|---|---|---|---|---|",
    ]
    for s in result["sizes"]:
        lines.append(
            f"| {s['articles']:,} | {s['seconds']:.1f} s | {s['articles_per_s']:,.1f} | "
            f"{s['peak_pss_mib']:,.0f} MiB | {s['peak_rss_mib']:,.0f} MiB | "
            f"{s['engine_peak_mib']:,.0f} MiB | {s['total_peak_mib']:,.0f} MiB |"
        )
    first, second = again["first"], again["again"]
    lines += [
        "",
        f"Re-ingest: the same {again['articles']:,} articles again took {second['seconds']:.2f} s "
        f"against {first['seconds']:.1f} s the first time "
        f"({second['summary']['unchanged']:,} unchanged, skipped by content hash before "
        "parsing; spaCy is not loaded). Both times include starting Python and kg; the first "
        "also starting the engine and loading spaCy.",
        "",
        "What keeps kg's memory flat: the JSONL reader streams line by line, documents go "
        "through the parser in chunks of 16 with at most two chunks per worker in flight, "
        f"and the writer holds one batch ({result['batch_assertions']:,} assertions or "
        f"{result['batch_articles']} articles) at a time. The engine's memory grows with the "
        "graph, as an in-memory graph database's does: that is the size of the data, not of "
        "the ingest.",
    ]
    lines += [_explanation(f, small["articles"]) for f in result["figures"] if not f["met"]]
    return "\n".join(lines) + "\n"


def _explanation(fig: dict[str, Any], smaller: int) -> str:
    if "unchanged" in fig["figure"]:
        return (
            "\n**Re-ingest below target.** Skipping costs reading and hashing every article and "
            "one look-up per 64 articles; the fixed part is starting Python and kg (about a "
            "second), which dominates on a small corpus."
        )
    if "engine" in fig["figure"]:
        return (
            "\n**Over 1.5 GB.** The engine keeps the whole graph in memory; what would move it "
            "is a smaller graph model per assertion (see Writing), not the ingest."
        )
    if smaller < 100:
        return (
            "\n**Not flat at this scale:** the first few articles still fill caches (spaCy's "
            "string store, the gazetteers, the date parser); compare 1,000 and 10,000 articles."
        )
    return (
        "\n**Not flat.** The kg processes needed more memory for the larger corpus; see the "
        "table for which part grew."
    )
