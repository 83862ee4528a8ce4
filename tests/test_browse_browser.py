"""`kg browse` and `kg view` in a real headless Chromium (Playwright), on a graph ingested with
the real spaCy pipeline from articles written for these tests (tests/data/browse_articles.jsonl).

A person's path through the page: find an entity by an alias, see its neighbours, double-click
one to expand it, click a relationship and read its supporting sentence with both mentions
highlighted; filter, read a timeline, draw a path; then open a `kg view` file from disk with no
server running. Every request the page makes is recorded: none leaves 127.0.0.1 (or file://).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path

import pytest
from browsertools import Watched, chromium, require_chromium
from clitools import kg

from kg.browse import BrowseServer
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

pytestmark = pytest.mark.browser

ARTICLES = Path(__file__).parent / "data" / "browse_articles.jsonl"
RUSSIA_TO_KAZAKHSTAN = "country:RUS-[SENT_TROOPS_TO]->country:KAZ"
SENTENCE = (
    "ASTANA (Test Wire) - Russia sent troops to Kazakhstan on Thursday, the Russian Defence Ministry said."
)
_graphs = itertools.count()


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with chromium() as running:
        yield running


@pytest.fixture(scope="module")
def graph(engine_home):
    """The articles ingested once for the module, through `kg ingest`."""
    name = f"browse-{os.getpid()}-{next(_graphs)}"
    env = {"KG_HOME": str(engine_home), "KG_GRAPH": name}
    result = kg("ingest", ARTICLES, env=env)
    assert result.exit_code == 0, result.stderr
    store = FalkorStore(Engine(engine_home).ensure(), graph=name)
    yield store, env
    store.clear()
    store.close()


@pytest.fixture
def server(graph):
    with BrowseServer(graph[0], port=0) as running:
        thread = running.start_thread()
        yield running
        running.shutdown()
        thread.join(5)


@pytest.fixture
def page(browser):
    opened = browser.new_page(viewport={"width": 1400, "height": 850})
    yield Watched(opened)
    opened.close()


def only_local(page: Watched, prefix: str) -> None:
    outside = [url for url in page.requests if not url.startswith(prefix)]
    assert not outside, f"requests outside {prefix}: {outside}"
    assert not page.problems, page.problems


def test_search_by_alias_expand_and_read_the_evidence(server, page):
    page.page.goto(server.url)
    page.idle()
    page.page.fill("#search", "CSTO")  # an acronym: the node is Collective Security Treaty Organization
    page.page.press("#search", "Enter")
    page.wait("window.kg.firstPaint !== null")
    page.idle()
    # (the neighbours the views' default confidence keeps: "China condemned the CSTO" falls below it)
    assert {"Collective Security Treaty Organization", "Kazakhstan", "Kassym-Jomart Tokayev"} <= page.names()
    assert "Russia" not in page.names()

    page.page.mouse.dblclick(*page.position("country:KAZ"))  # expand, as in Neo4j Browser
    page.wait("window.kg.cy.getElementById('country:RUS').length > 0")
    page.idle()
    assert {"Russia", "Belarus", "Tajikistan", "Kassym-Jomart Tokayev"} <= page.names()

    page.page.mouse.click(*page.position(RUSSIA_TO_KAZAKHSTAN))
    page.wait("document.querySelectorAll('#panel-evidence .sentence').length > 0")
    page.idle()
    texts = page.page.eval_on_selector_all("#panel-evidence .sentence", "ps => ps.map(p => p.textContent)")
    assert SENTENCE in texts
    item = page.page.locator("#panel-evidence li", has_text=SENTENCE)
    marks = item.locator("mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])")
    assert marks == [["subject", "Russia"], ["object", "Kazakhstan"]]
    details = item.inner_text()
    for words in ("reported", "sent_troops_to.verb", "Russian paratroopers land in Kazakhstan", "2022-01-07"):
        assert words in details
    link = item.locator("a")
    assert link.get_attribute("href") == "https://news.example/2022/01/07/csto-deploys"
    assert link.get_attribute("rel") == "noopener noreferrer"
    only_local(page, server.url)


def test_filters_timeline_and_path(server, page):
    page.page.goto(server.url + "?q=Kazakhstan")
    page.wait("window.kg.firstPaint !== null")
    page.idle()
    page.page.mouse.click(*page.position(RUSSIA_TO_KAZAKHSTAN))
    # reported + hypothetical
    page.wait("document.querySelectorAll('#panel-evidence .sentence').length === 2")
    page.page.uncheck("#filter-modalities input[value=hypothetical]")
    page.wait("document.querySelectorAll('#panel-evidence .sentence').length === 1")
    assert "1 of them match the filters" in page.page.inner_text("#panel-evidence")

    page.page.fill("#since", "2022-02")  # only the Beijing article's events are that late
    page.page.press("#since", "Enter")
    page.idle()
    visible = page.page.evaluate("window.kg.cy.edges(':visible').map(e => e.data('type'))")
    assert visible == ["ACCUSED"]  # Kazakhstan accused Kyrgyzstan, 2022-02-05
    # the status line and the relation counts say what the filters leave
    assert "1 relationship shown of" in page.page.inner_text("#status")
    assert " of " in page.page.inner_text("#filter-relations")
    page.page.fill("#since", "")
    page.page.press("#since", "Enter")
    page.page.check("#filter-modalities input[value=hypothetical]")
    page.idle()

    # the legend of edge colours: one entry per quad class
    assert page.page.locator("#edge-legend li").count() == 4
    # the confidence filter: calibrated confidence never reaches 0.99, so nothing stays drawn
    assert page.page.input_value("#min-confidence") == "0.6"
    page.page.fill("#min-confidence", "0.99")
    page.page.press("#min-confidence", "Enter")
    page.idle()
    assert page.page.evaluate("window.kg.cy.edges(':visible').length") == 0
    page.page.fill("#min-confidence", "0")
    page.page.press("#min-confidence", "Enter")
    page.idle()
    assert page.page.evaluate("window.kg.cy.edges(':visible').length") > 0

    page.page.mouse.click(*page.position("country:KAZ"))
    page.page.click(".tabs button[data-tab=timeline]")
    page.wait("document.querySelectorAll('#panel-timeline li').length >= 4")
    timeline = page.page.inner_text("#panel-timeline")
    assert "timeline of kazakhstan" in timeline.lower() and "SENT_TROOPS_TO" in timeline

    page.page.fill("#path-from", "Pashinyan")
    page.page.fill("#path-to", "Putin")
    page.page.click("#path-form button")
    page.wait("window.kg.cy.$('node.path').length >= 3")
    page.idle()
    assert page.page.inner_text("#status").startswith(
        "Path (2 relations): Nikol Pashinyan → Kassym-Jomart Tokayev → Vladimir Putin"
    )
    # the view fits every node drawn, not only the path's
    page.page.wait_for_timeout(400)  # the fit is animated
    cut_off = page.page.evaluate(
        """(() => { const e = window.kg.cy.extent();
             return window.kg.cy.nodes(':visible').filter(n => { const p = n.position();
               return p.x < e.x1 || p.x > e.x2 || p.y < e.y1 || p.y > e.y2; }).length; })()"""
    )
    assert cut_off == 0

    # Clear: nothing drawn, the relation counts and the status line say so
    page.page.click("#clear")
    page.idle()
    assert page.page.evaluate("window.kg.cy.elements().length") == 0
    assert "Relation types drawn appear here" in page.page.inner_text("#filter-relations")
    assert page.page.inner_text("#status").startswith("Cleared")
    only_local(page, server.url)


def test_a_name_that_fits_nothing_offers_suggestions(server, page):
    page.page.goto(server.url)
    page.idle()
    page.page.fill("#search", "Kazakstan Republik")
    page.page.press("#search", "Enter")
    page.wait("document.querySelector('#status').className === 'error'")
    assert "no entity named" in page.page.inner_text("#status")


def test_a_view_file_works_from_disk_with_no_server(graph, browser, tmp_path):
    store, env = graph
    output = tmp_path / "csto.html"
    result = kg("view", "CSTO", "--depth", "2", "-o", output, env=env)
    assert result.exit_code == 0, result.stderr
    page = Watched(browser.new_page(viewport={"width": 1400, "height": 850}))
    try:
        page.page.goto(output.as_uri())
        page.wait("window.kg.firstPaint !== null")
        page.idle()
        assert {"Collective Security Treaty Organization", "Kazakhstan", "Russia"} <= page.names()
        page.page.mouse.click(*page.position(RUSSIA_TO_KAZAKHSTAN))
        page.wait("document.querySelectorAll('#panel-evidence .sentence').length > 0")
        item = page.page.locator("#panel-evidence li", has_text=SENTENCE)
        assert item.locator("mark").evaluate_all("ms => ms.map(m => [m.className, m.textContent])") == [
            ["subject", "Russia"],
            ["object", "Kazakhstan"],
        ]
        # edge labels: all of them in a small drawing, only those near the selection in a crowded one
        edges = page.page.evaluate("window.kg.cy.edges().length")
        quiet = page.page.evaluate("window.kg.cy.edges('.quiet').length")
        assert quiet == (edges if edges > 40 else 0)
        drawn = page.names()
        page.page.fill("#search", "Tokayev")  # search within the file: the drawing stays
        page.page.press("#search", "Enter")
        page.wait("window.kg.cy.$('node:selected').data('name') === 'Kassym-Jomart Tokayev'")
        assert page.names() == drawn and "is in this drawing" in page.page.inner_text("#status")
        only_local(page, output.as_uri())
    finally:
        page.page.close()


def test_an_actor_local_to_its_article_is_captioned_so(engine_home, browser, tmp_path):
    name = f"browse-local-{os.getpid()}-{next(_graphs)}"
    env = {"KG_HOME": str(engine_home), "KG_GRAPH": name}
    (tmp_path / "raid.txt").write_text(
        "Rebels attacked Peru and Bolivia on Monday. Chile condemned the rebels.\n"
    )
    assert kg("ingest", tmp_path, env=env).exit_code == 0
    store = FalkorStore(Engine(engine_home).ensure(), graph=name)
    opened = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        with BrowseServer(store, port=0) as running:
            thread = running.start_thread()
            page = Watched(opened)
            page.page.goto(running.url + "?q=Chile")
            page.wait("window.kg.firstPaint !== null")
            page.idle()
            caption = page.page.evaluate("window.kg.cy.getElementById('group:rebels@raid').data('caption')")
            assert caption is not None and "local to raid" in caption.replace("\n", " ")
            page.page.mouse.click(*page.position("group:rebels@raid"))
            page.wait("document.querySelector('#panel-entity .local-note') !== null")
            note = page.page.inner_text("#panel-entity .local-note")
            assert "local to the article raid" in note
            running.shutdown()
            thread.join(5)
    finally:
        opened.close()
        store.clear()
        store.close()
