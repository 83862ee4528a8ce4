"""Browsing: the neighbourhood of the most connected country, served by `kg browse` and drawn
in headless Chromium, against `kg ask entity-relations` for the same country, in one run.

    python -m bench browse [--scale smoke|full]

A synthetic graph of exactly N articles (bench/graphgen.py's feed, loaded with its fast UNWIND
CREATE; full: 10,000 articles) goes into a temporary engine. The country with the most ontology
relationships is asked about twice:
- baseline: `kg ask entity-relations -p entity=<id> --format json`, the command a user runs,
  as a process (wall time: start, look-up, query, output);
- measured: a fresh Chromium page opened at `kg browse`'s `/?id=<id>`, until the first frame
  painted after the neighbourhood is drawn (`window.kg.firstPaint`: ms since navigation started;
  page load, the /api/neighbourhood request, layout and paint). Target: at most 3× the baseline.
For reference, also the named query alone in-process (`run_named_query`) and the endpoint
alone (HTTP round trip without a browser). Medians of `runs` after one warm-up each.
"""

from __future__ import annotations

import itertools
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.graphgen import SyntheticNews, aggregate, create_statements
from bench.headless import chromium
from bench.report import figure, figures_table
from kg.browse import BrowseServer
from kg.browse.shapes import relation_types
from kg.named_queries import run_named_query
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

TITLE = "Browsing"
TARGET = 3.0  # first paint within 3× `kg ask entity-relations`
GRAPH = "browse"
MOST_CONNECTED = """
MATCH (c:Country)
RETURN c.id AS id, c.name AS name, size([(c)-[:{relations}]-(:Entity) | 1]) AS relations
ORDER BY relations DESC, id
LIMIT 1
"""


@dataclass(frozen=True)
class Scale:
    articles: int
    runs: int


SCALES = {"smoke": Scale(articles=300, runs=2), "full": Scale(articles=10_000, runs=7)}


def build(store: FalkorStore, articles: int) -> dict[str, Any]:
    """Exactly `articles` articles of the synthetic feed, loaded into the store's empty graph."""
    started = time.perf_counter()
    news = SyntheticNews(articles_hint=articles, seed=7)
    batch = aggregate(itertools.islice(news, articles))
    for statement in create_statements(batch, news.ontology):
        store.execute([statement])
    counts = store.query("MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r)").rows[0]
    return {
        "articles": len(batch.articles),
        "nodes": counts[0],
        "relationships": counts[1],
        "assertions": batch.assertions,
        "build_seconds": round(time.perf_counter() - started, 1),
    }


def _kg_command() -> list[str]:
    script = Path(sys.executable).with_name("kg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "kg.cli"]


def _median_ms(call, runs: int) -> float:
    call()  # warm-up: the engine's plan cache, the first reads
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def run(scale: str, workdir: Path) -> dict[str, Any]:
    plan = SCALES[scale]
    home = workdir / "home"
    engine = Engine(home)
    try:
        store = FalkorStore(engine.ensure(), graph=GRAPH)
        store.clear()
        graph = build(store, plan.articles)
        hub = store.query(MOST_CONNECTED.replace("{relations}", "|".join(relation_types()))).records()[0]
        env = {**os.environ, "KG_HOME": str(home), "KG_GRAPH": GRAPH}
        command = [*_kg_command(), "ask", "entity-relations", "-p", f"entity={hub['id']}", "--format", "json"]

        def ask() -> None:
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
            if done.returncode != 0:
                raise RuntimeError(f"kg ask failed: {done.stderr.strip()}")

        ask_ms = _median_ms(ask, plan.runs)
        query_ms = _median_ms(
            lambda: run_named_query(store, "entity-relations", {"entity": hub["id"]}), plan.runs
        )
        with BrowseServer(store, port=0) as server:
            thread = server.start_thread()
            try:
                endpoint = f"{server.url}api/neighbourhood?id={urllib.parse.quote(hub['id'])}&depth=1"

                def fetch() -> dict[str, Any]:
                    with urllib.request.urlopen(endpoint, timeout=60) as answer:
                        body: dict[str, Any] = json.load(answer)
                        return body

                api_ms = _median_ms(fetch, plan.runs)
                drawn = fetch()
                paints = _first_paints(f"{server.url}?id={urllib.parse.quote(hub['id'])}", plan.runs)
            finally:
                server.shutdown()
                thread.join(10)
        store.clear()
        store.close()
    finally:
        engine.stop()
    paint_ms = statistics.median(p["first_paint"] for p in paints)
    figures = [
        figure(
            "neighbourhood of the most connected country: first paint in Chromium",
            paint_ms,
            ask_ms,
            "ms",
            TARGET,
            "ms, `kg ask entity-relations` (process)",
            at_most=True,
        ),
        figure(
            "the same against the named query alone, in-process",
            paint_ms,
            query_ms,
            "ms",
            None,
            "ms, run_named_query",
        ),
        figure(
            "`/api/neighbourhood` alone (HTTP, no browser)",
            api_ms,
            query_ms,
            "ms",
            None,
            "ms, run_named_query",
        ),
    ]
    return {
        "name": "browse",
        "title": TITLE,
        "scale": scale,
        "command": f"python -m bench browse --scale {scale}",
        "runs": plan.runs,
        "graph": graph,
        "hub": hub,
        "drawn": {"nodes": len(drawn["nodes"]), "edges": len(drawn["edges"])},
        "paints": paints,
        "ask_ms": round(ask_ms, 1),
        "query_ms": round(query_ms, 1),
        "api_ms": round(api_ms, 1),
        "figures": figures,
        "met": all(f["met"] for f in figures[:1]),
    }


def _first_paints(url: str, runs: int) -> list[dict[str, float]]:
    """First paint (ms since navigation) and its parts, in a fresh page each time."""
    out = []
    with chromium() as browser:
        for attempt in range(runs + 1):
            page = browser.new_page(viewport={"width": 1400, "height": 850})
            try:
                page.goto(url)
                deadline = time.monotonic() + 120
                while not page.evaluate("() => window.kg && window.kg.firstPaint !== null"):
                    if time.monotonic() > deadline:
                        raise RuntimeError(
                            f"the page never drew the neighbourhood: "
                            f"{page.evaluate('() => window.kg && window.kg.lastError')}"
                        )
                    time.sleep(0.02)
                timings = page.evaluate("() => window.kg.timings")
                paint = page.evaluate("() => window.kg.firstPaint")
                # what the page asks next (the entity's timeline) must not overlap the next run
                while page.evaluate("() => window.kg.pending") and time.monotonic() < deadline:
                    time.sleep(0.02)
            finally:
                page.close()
            if attempt:  # the first one warms the browser's caches up
                out.append(
                    {
                        "first_paint": round(paint, 1),
                        "page_loaded": round(timings["start"], 1),
                        "read": round(timings["read"], 1),
                        "layout": round(timings["layout"], 1),
                        "paint": round(timings["paint"], 1),
                    }
                )
    return out


def markdown(result: dict[str, Any]) -> str:
    g, hub, drawn = result["graph"], result["hub"], result["drawn"]
    parts = {
        key: statistics.median(p[key] for p in result["paints"])
        for key in ("page_loaded", "read", "layout", "paint")
    }
    lines = [
        f"## {TITLE}",
        "",
        f"`{result['command']}` — a graph of {g['articles']:,} synthetic articles ({g['nodes']:,} nodes, "
        f"{g['relationships']:,} relationships, built in {g['build_seconds']} s). The most connected "
        f"country, {hub['name']} ({hub['id']}, {hub['relations']:,} relationships), opened in "
        f"`kg browse` in headless Chromium: {drawn['nodes']} entities and {drawn['edges']} relationships "
        f"drawn (its 100 most mentioned relationships and the links among their entities). Medians "
        f"of {result['runs']} runs after a warm-up.",
        "",
        figures_table(result["figures"]),
        "",
        f"First paint, {statistics.median(p['first_paint'] for p in result['paints']):,.0f} ms from "
        f"navigation: the page loaded and its script ran by {parts['page_loaded']:,.0f} ms, then the "
        f"neighbourhood request took {parts['read']:,.0f} ms, the layout {parts['layout']:,.0f} ms and "
        f"the paint {parts['paint']:,.0f} ms. `kg ask entity-relations` as a process: "
        f"{result['ask_ms']:,.0f} ms, most of it starting Python and importing kg; the named query "
        f"alone: {result['query_ms']:,.1f} ms.",
    ]
    return "\n".join(lines) + "\n"
