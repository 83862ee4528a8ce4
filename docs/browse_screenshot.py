"""Take docs/browse.png, the screenshot of `kg browse` in README, in headless Chromium.

    python docs/browse_screenshot.py          # from the repository root, kg installed

Ingests the articles written for the browser tests (tests/data/browse_articles.jsonl) into a
temporary engine, serves them with kg.browse, and does what a reader would: search "CSTO",
double-click Kazakhstan to expand it, click the relationship Russia -> Kazakhstan.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))

from bench.headless import chromium  # noqa: E402
from kg.browse import BrowseServer  # noqa: E402
from kg.pipeline import ingest_paths  # noqa: E402
from kg.store.engine import Engine  # noqa: E402
from kg.store.falkor import FalkorStore  # noqa: E402

ARTICLES = ROOT / "tests" / "data" / "browse_articles.jsonl"
OUTPUT = ROOT / "docs" / "browse.png"


def wait(page, condition: str) -> None:
    deadline = time.monotonic() + 30
    while not page.evaluate(f"() => {{ try {{ return {condition}; }} catch (e) {{ return false; }} }}"):
        if time.monotonic() > deadline:
            raise RuntimeError(f"timed out: {condition}")
        time.sleep(0.05)


def at(page, element_id: str) -> tuple[float, float]:
    return tuple(page.evaluate("""(id) => {
        const e = window.kg.cy.getElementById(id);
        const p = e.isNode() ? e.renderedPosition() : e.renderedMidpoint();
        const box = document.getElementById('graph').getBoundingClientRect();
        return [p.x + box.left, p.y + box.top]; }""", element_id))


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kgs-") as home:
        engine = Engine(Path(home))
        try:
            store = FalkorStore(engine.ensure(), graph="screenshot")
            ingest_paths([str(ARTICLES)], store)
            with BrowseServer(store, port=0) as server, chromium() as browser:
                thread = server.start_thread()
                page = browser.new_page(viewport={"width": 1400, "height": 800}, device_scale_factor=1)
                page.goto(server.url)
                page.fill("#search", "CSTO")
                page.press("#search", "Enter")
                wait(page, "window.kg.firstPaint !== null && window.kg.pending === 0")
                page.mouse.dblclick(*at(page, "country:KAZ"))
                wait(page, "window.kg.cy.getElementById('country:RUS').length > 0 && window.kg.pending === 0")
                page.mouse.click(*at(page, "country:RUS-[SENT_TROOPS_TO]->country:KAZ"))
                wait(page, "document.querySelectorAll('#panel-evidence .sentence').length > 0")
                time.sleep(0.3)
                page.screenshot(path=str(OUTPUT))
                server.shutdown()
                thread.join(5)
            store.close()
        finally:
            engine.stop()
    print(f"wrote {OUTPUT}")


if __name__ == "__main__":
    main()
