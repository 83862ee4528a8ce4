"""The page's tools for a crowded or long story (issue 22), in a real headless Chromium: hide and
pin nodes, date sliders over the months drawn, the events between a pair of actors as a small
chart (`kg ask dyad`), and labels that never overlap in a 50-node neighbourhood. Real spaCy,
real FalkorDB, articles written for the tests."""

from __future__ import annotations

import itertools
import json
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
_graphs = itertools.count()

# 49 countries Peru condemns, one article each: a neighbourhood of 50 nodes
OTHERS = (
    "Chile Bolivia Ecuador Colombia Venezuela Brazil Argentina Uruguay Paraguay Mexico Cuba Haiti "
    "Jamaica Canada Spain Portugal France Germany Italy Poland Hungary Austria Sweden Norway "
    "Finland Denmark Ireland Greece Turkey Egypt Morocco Algeria Tunisia Libya Sudan Ethiopia "
    "Kenya Nigeria Ghana Senegal Mali Niger Chad Angola Zambia Namibia Botswana Mozambique Madagascar"
).split()


@pytest.fixture(scope="module")
def browser():
    require_chromium()
    with chromium() as running:
        yield running


def _served(engine_home, inputs, tmp_path=None):
    name = f"browse-tools-{os.getpid()}-{next(_graphs)}"
    env = {"KG_HOME": str(engine_home), "KG_GRAPH": name}
    result = kg("ingest", inputs, env=env)
    assert result.exit_code == 0, result.stderr
    return FalkorStore(Engine(engine_home).ensure(), graph=name), env


@pytest.fixture(scope="module")
def graph(engine_home):
    store, env = _served(engine_home, ARTICLES)
    yield store, env
    store.clear()
    store.close()


@pytest.fixture
def page(browser, graph):
    with BrowseServer(graph[0], port=0) as running:
        thread = running.start_thread()
        opened = browser.new_page(viewport={"width": 1400, "height": 850})
        watched = Watched(opened)
        watched.url = running.url
        yield watched
        opened.close()
        running.shutdown()
        thread.join(5)


def _drawn_counts(page: Watched) -> tuple[int, int]:
    """(relationships the relation filter counts as shown, relationships visible on the canvas)."""
    counted = page.page.evaluate(
        """Array.from(document.querySelectorAll('#filter-relations .count')).map(c => {
             const t = c.textContent.trim(); return Number(t.split(' ')[0]); }).reduce((a, b) => a + b, 0)"""
    )
    return counted, page.page.evaluate("window.kg.cy.edges(':visible').length")


def test_a_hidden_node_stays_hidden_and_a_pinned_one_stays_put(page):
    page.page.goto(page.url + "?q=Kazakhstan")
    page.wait("window.kg.firstPaint !== null")
    page.idle()
    page.page.mouse.click(*page.position("country:RUS"))
    page.wait("document.querySelector('#hide-node') !== null")
    page.page.click("#hide-node")
    page.idle()
    # (the drawing settles after the panel: wait for it, as a reader would)
    page.wait("window.kg.cy.getElementById('country:RUS').visible() === false", timeout=5)
    assert page.page.evaluate("window.kg.cy.getElementById('country:RUS').visible()") is False
    assert "Russia" in page.page.inner_text("#hidden-nodes")
    assert "(1 hidden)" in page.page.inner_text("#status")
    counted, visible = _drawn_counts(page)
    assert counted == visible > 0
    # pin a neighbour, expand the centre: the layout runs again, the pinned node does not move
    page.page.mouse.click(*page.position("country:BLR"))
    page.wait("document.querySelector('#pin-node') !== null")
    page.page.click("#pin-node")
    before = page.page.evaluate("window.kg.cy.getElementById('country:BLR').position()")
    page.page.mouse.dblclick(*page.position("country:KAZ"))
    page.idle()
    page.page.wait_for_timeout(300)
    assert page.page.evaluate("window.kg.cy.getElementById('country:BLR').position()") == before
    assert page.page.evaluate("window.kg.cy.getElementById('country:BLR').locked()") is True
    # the expansion brought Russia's relationships back: it stays hidden
    assert page.page.evaluate("window.kg.cy.getElementById('country:RUS').visible()") is False
    page.page.click("#show-hidden")
    page.idle()
    page.wait("window.kg.cy.getElementById('country:RUS').visible() === true", timeout=5)
    assert page.page.evaluate("window.kg.cy.getElementById('country:RUS').visible()") is True
    assert "Nothing hidden" in page.page.inner_text("#hidden-nodes")
    counted, visible = _drawn_counts(page)
    assert counted == visible


def test_date_sliders_run_over_the_months_drawn(page):
    page.page.goto(page.url + "?q=Kazakhstan")
    page.wait("window.kg.firstPaint !== null")
    page.idle()
    assert page.page.is_visible("#date-sliders")
    months = page.page.evaluate(
        """(() => { const d = []; window.kg.cy.edges().forEach(e => ['first_date', 'last_date'].forEach(k => {
             if (e.data(k)) d.push(e.data(k).slice(0, 7)); })); return d.sort(); })()"""
    )
    assert page.page.inner_text("#date-range") == f"{months[0]} … {months[-1]}"
    # slide "from" to the last month: only relationships dated then stay
    page.page.evaluate(
        """(() => { const s = document.getElementById('date-from'); s.value = s.max;
             s.dispatchEvent(new Event('change')); })()"""
    )
    page.idle()
    assert page.page.input_value("#since") == months[-1]
    lasts = page.page.evaluate("window.kg.cy.edges(':visible').map(e => e.data('last_date'))")
    assert lasts and all(last[:7] >= months[-1] for last in lasts)
    counted, visible = _drawn_counts(page)
    assert counted == visible
    assert f"{visible} relationship" in page.page.inner_text("#status")


def test_the_events_between_a_pair_as_a_chart(page, graph):
    store, env = graph
    page.page.goto(page.url + "?q=Kazakhstan")
    page.wait("window.kg.firstPaint !== null")
    page.idle()
    page.page.mouse.click(*page.position(RUSSIA_TO_KAZAKHSTAN))
    page.wait("document.querySelectorAll('#dyad .dyad-bar').length > 0")
    bars = page.page.eval_on_selector_all(
        "#dyad .dyad-bar",
        "bs => bs.map(b => [b.closest('.dyad-month').dataset.month, b.dataset.quad, +b.dataset.count])",
    )
    asked = kg("ask", "dyad", "-p", "a=Russia", "-p", "b=Kazakhstan", "--format", "json", env=env)
    assert asked.exit_code == 0, asked.stderr
    rows = json.loads(asked.stdout)
    expected = {}
    for row in rows:
        key = (row["month"], row["quad_class"])
        expected[key] = expected.get(key, 0) + row["sentences"]
    assert {(m, q): n for m, q, n in bars} == expected
    assert "Events between Russia and Kazakhstan by month" in page.page.inner_text("#dyad")


def test_a_view_file_draws_the_pairs_chart_from_its_evidence(graph, browser, tmp_path):
    store, env = graph
    output = tmp_path / "kaz.html"
    assert kg("view", "Kazakhstan", "-o", output, env=env).exit_code == 0
    page = Watched(browser.new_page(viewport={"width": 1400, "height": 850}))
    try:
        page.page.goto(output.as_uri())
        page.wait("window.kg.firstPaint !== null")
        page.idle()
        page.page.mouse.click(*page.position(RUSSIA_TO_KAZAKHSTAN))
        page.wait("document.querySelectorAll('#dyad .dyad-bar').length > 0")
        months = page.page.eval_on_selector_all("#dyad .dyad-month", "ms => ms.map(m => m.dataset.month)")
        assert months and all(len(m) == 7 and m[4] == "-" for m in months)
    finally:
        page.page.close()


def test_no_two_labels_overlap_in_a_50_node_neighbourhood(engine_home, browser, tmp_path):
    for i, other in enumerate(OTHERS):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Peru talks\n\nPeru condemned {other} on Monday.\n")
    store, _env = _served(engine_home, tmp_path)
    opened = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        with BrowseServer(store, port=0) as running:
            thread = running.start_thread()
            page = Watched(opened)
            page.page.goto(running.url + "?q=Peru")
            page.wait("window.kg.firstPaint !== null")
            page.idle()
            page.page.wait_for_timeout(300)
            assert page.page.evaluate("window.kg.cy.nodes(':visible').length") == 50
            overlaps = page.page.evaluate(
                """(() => {
                  const boxes = window.kg.cy.nodes(':visible').map(n => [n.data('name'),
                    n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true })]);
                  const hit = boxes.filter(b => !(b[1].w > 0 && b[1].h > 0)).map(b => [b[0], 'no label']);
                  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
                    const a = boxes[i][1], b = boxes[j][1];
                    const meet = a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
                    if (meet) hit.push([boxes[i][0], boxes[j][0]]);
                  }
                  return hit; })()"""
            )
            assert overlaps == []
            running.shutdown()
            thread.join(5)
    finally:
        opened.close()
        store.clear()
        store.close()


def test_a_crowded_drawing_groups_by_class_and_country_and_a_click_opens_a_group(
    engine_home, browser, tmp_path
):
    for i, other in enumerate(OTHERS):
        (tmp_path / f"a{i:02d}.txt").write_text(f"Peru talks\n\nPeru condemned {other} on Monday.\n")
    # (a condemnation: the views' default confidence keeps it, as it keeps the others)
    (tmp_path / "b.txt").write_text("Chile talks\n\nThe Chilean army condemned Peru on Monday.\n")
    store, _env = _served(engine_home, tmp_path)
    opened = browser.new_page(viewport={"width": 1400, "height": 850})
    try:
        with BrowseServer(store, port=0) as running:
            thread = running.start_thread()
            page = Watched(opened)
            page.page.goto(running.url + "?q=Peru")
            page.wait("window.kg.firstPaint !== null")
            page.idle()
            assert "group them by class or country" in page.page.inner_text("#status")
            page.page.select_option("#group-by", "type")
            page.wait("window.kg.cy.nodes('.grp').length > 0")
            page.idle()
            groups = page.page.evaluate(
                "window.kg.cy.nodes('.grp:visible').map(n => [n.id(), n.data('members')])"
            )
            assert ["grp:Country", 49] in groups  # Peru, the centre, stays on its own
            visible = page.page.evaluate("window.kg.cy.nodes(':visible').map(n => n.id())")
            assert "country:PER" in visible and "country:CHL" not in visible
            meta = page.page.evaluate("window.kg.cy.edges('.meta:visible').map(e => e.data('mentions'))")
            assert sum(meta) == page.page.evaluate("window.kg.cy.edges('.grouped').length")
            assert "closed: click one to open it" in page.page.inner_text("#status")
            # a click opens the group: its members are drawn again with their own relationships
            page.page.mouse.click(*page.position("grp:Country"))
            page.wait("window.kg.cy.getElementById('country:CHL').visible()")
            page.idle()
            # the other class has one member (the Chilean army): no group of one
            assert page.page.evaluate("window.kg.cy.nodes('.grp').length") == 0
            assert page.page.evaluate("window.kg.cy.elements('.grouped').length") == 0
            counted, visible_edges = _drawn_counts(page)
            assert counted == visible_edges
            # by country: Chile and its army are one group
            page.page.select_option("#group-by", "country")
            page.wait("window.kg.cy.getElementById('grp:CHL').length > 0")
            assert page.page.evaluate("window.kg.cy.getElementById('grp:CHL').data('members')") == 2
            page.page.select_option("#group-by", "")
            page.idle()
            assert page.page.evaluate("window.kg.cy.nodes('.grp').length") == 0
            assert page.page.evaluate("window.kg.cy.nodes(':visible').length") == 51
            running.shutdown()
            thread.join(5)
    finally:
        opened.close()
        store.clear()
        store.close()
