"""Debian's Chromium, headless, driven by Playwright: for bench/browse.py and the browser tests.

    with chromium() as browser:
        page = browser.new_page()

Playwright drives the system's /usr/bin/chromium (`apt-get install chromium`); kg never runs
`playwright install`, which would download a browser build of its own.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from typing import Any

CHROMIUM = "/usr/bin/chromium"
ARGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)


def missing() -> str | None:
    """Why Chromium cannot be driven here, or None when it can."""
    if not os.path.exists(CHROMIUM):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install '.[test]' or '.[bench]')"
    return None


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    problem = missing()
    if problem:
        raise RuntimeError(problem)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=list(ARGS))
        try:
            yield browser
        finally:
            browser.close()
