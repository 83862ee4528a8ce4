"""Driving Debian's Chromium headless from tests (and bench/browse.py) with Playwright.

    with chromium() as browser:
        page = Watched(browser.new_page(viewport={"width": 1400, "height": 850}))
        page.page.goto(url)
        page.wait("window.kg.pending === 0")

Playwright drives the system's /usr/bin/chromium (bench/headless.py; never `playwright
install`). Without it the browser tests skip, saying why, except under CI (CI=true), where
.ci/run installs Chromium and a missing one is a failure rather than a silent skip.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))  # after site-packages: bench from here, kg from the installation

from bench.headless import chromium, missing  # noqa: E402

__all__ = ["Watched", "chromium", "require_chromium"]


def require_chromium() -> None:
    """Skip (locally) or fail (in CI) when Chromium or Playwright is missing."""
    problem = missing()
    if problem is None:
        return
    if os.environ.get("CI"):
        pytest.fail(f"browser tests cannot run in CI: {problem}")
    pytest.skip(f"browser tests need Chromium and Playwright: {problem}")


class Watched:
    """A page with every request and console problem it had recorded."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.requests: list[str] = []
        self.problems: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on(
            "console",
            lambda m: self.problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning") else None,
        )
        page.on("pageerror", lambda error: self.problems.append(f"pageerror: {error}"))

    def wait(self, condition: str, timeout: float = 20.0) -> Any:
        """Poll a JavaScript expression until it is truthy. (Playwright's wait_for_function
        evaluates its text with eval, which the page's Content-Security-Policy forbids.)"""
        deadline = time.monotonic() + timeout
        while True:
            probe = f"() => {{ try {{ return {condition}; }} catch (e) {{ return null; }} }}"
            value = self.page.evaluate(probe)
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {condition}; problems: {self.problems}")
            time.sleep(0.05)

    def idle(self) -> None:
        self.wait("window.kg && window.kg.ready && window.kg.pending === 0")

    def position(self, element_id: str) -> tuple[float, float]:
        """Where a node (its centre) or a relationship (its midpoint) is on the screen."""
        found = self.page.evaluate(
            """(id) => {
            const element = window.kg.cy.getElementById(id);
            if (element.empty()) { return null; }
            let at = element.isNode() ? element.renderedPosition() : element.renderedMidpoint();
            if (element.isNode()) {
              // the layout is random: another node may lie over this one's centre; take a point
              // of this node no other visible node covers
              const others = window.kg.cy.nodes(':visible').not(element);
              const free = (p) => !others.some((n) => {
                const b = n.renderedBoundingBox({ includeLabels: false });
                return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
              });
              const c = at, w = element.renderedWidth() / 2, h = element.renderedHeight() / 2;
              const offsets = [[0, 0], [-0.5, 0], [0.5, 0], [0, -0.5], [0, 0.5],
                [-0.5, -0.5], [0.5, 0.5], [-0.5, 0.5], [0.5, -0.5]];
              for (const [fx, fy] of offsets) {
                const p = { x: c.x + fx * w, y: c.y + fy * h };
                if (free(p)) { at = p; break; }
              }
            }
            if (element.isEdge()) {
              // the layout is random: a node may lie over the midpoint; take a free point of
              // the line between the ends (an edge alone between its ends is drawn straight)
              const covered = (p) => window.kg.cy.nodes(':visible').some((n) => {
                const b = n.renderedBoundingBox();
                return p.x >= b.x1 && p.x <= b.x2 && p.y >= b.y1 && p.y <= b.y2;
              });
              const s = element.renderedSourceEndpoint(), t = element.renderedTargetEndpoint();
              for (const f of [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8]) {
                const p = element.parallelEdges().length > 1 ? at
                  : { x: s.x + f * (t.x - s.x), y: s.y + f * (t.y - s.y) };
                if (!covered(p)) { at = p; break; }
              }
            }
            const box = document.getElementById('graph').getBoundingClientRect();
            return [at.x + box.left, at.y + box.top];
        }""",
            element_id,
        )
        assert found is not None, f"{element_id} is not drawn"
        return found[0], found[1]

    def names(self) -> set[str]:
        return set(self.page.evaluate("window.kg.cy.nodes(':visible').map(n => n.data('name'))"))
