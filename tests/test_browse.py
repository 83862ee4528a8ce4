"""kg.browse without a browser: the reads on a small invented graph (real FalkorDB), the
read-only server's endpoints and errors over real HTTP, `kg view` and `kg browse` from the CLI."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from clitools import error_line, kg
from graphtools import entity, fact, write

from kg.browse import BrowseServer, reads
from kg.browse.page import content_security_policy, render_page
from kg.browse.shapes import Filters, NotFound, segments
from kg.browse.style import palette
from kg.browse.view import snapshot, view_file
from kg.core.errors import ArgumentError
from kg.core.model import DEFAULT_MIN_CONFIDENCE, Document
from kg.core.ontology import load_ontology
from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

OSTROVIA = entity("country:OST", "Ostrovia", "Country", "Ostrovian Republic", iso3="OST")
BELMARK = entity("country:BLM", "Belmark", "Country", iso3="BLM")
RAKOS = entity("country:RKS", "Rakos", "Country", iso3="RKS")
MAREK = entity("person:marek-dul", "Marek Dul", "Person", "Dul")
LEAGUE = entity("organization:ntl", "Northern Trade League", "Organization", "NTL")

D1 = Document(
    "d1",
    "Belmark sent troops to Ostrovia. "
    "Marek Dul, the president of Ostrovia, welcomed them. "
    "Belmark may send troops to Ostrovia again. "
    "The NTL condemned Belmark. "
    "Marek Dul met with Belmark.",
    title="Troops in Ostrovia",
    url="https://news.example/d1",
    published="2023-05-02",
)
D2 = Document(
    "d2",
    "Rakos condemned Belmark. Belmark sent troops to Ostrovia 🙂 once more.",
    title="Rakos speaks",
    published="2023-06-10",
)


def small_world(store) -> None:
    write(
        store,
        (
            D1,
            [
                fact(
                    D1,
                    0,
                    "Belmark sent troops to Ostrovia.",
                    BELMARK,
                    "SENT_TROOPS_TO",
                    OSTROVIA,
                    date="2023-05-01",
                ),
                fact(
                    D1,
                    1,
                    "Marek Dul, the president of Ostrovia, welcomed them.",
                    MAREK,
                    "LEADER_OF",
                    OSTROVIA,
                    role="president",
                ),
                fact(
                    D1,
                    2,
                    "Belmark may send troops to Ostrovia again.",
                    BELMARK,
                    "SENT_TROOPS_TO",
                    OSTROVIA,
                    modality="hypothetical",
                    attributed_to="person:marek-dul",
                ),
                fact(D1, 3, "The NTL condemned Belmark.", LEAGUE, "CONDEMNED", BELMARK, date="2023-05-02"),
                fact(D1, 4, "Marek Dul met with Belmark.", MAREK, "MET_WITH", BELMARK, date="2023-05-02"),
            ],
        ),
        (
            D2,
            [
                fact(D2, 0, "Rakos condemned Belmark.", RAKOS, "CONDEMNED", BELMARK, date="2023-06-09"),
                fact(
                    D2,
                    1,
                    "Belmark sent troops to Ostrovia 🙂 once more.",
                    BELMARK,
                    "SENT_TROOPS_TO",
                    OSTROVIA,
                    date="2023-06-10",
                    confidence=0.7,
                ),
            ],
        ),
    )


@pytest.fixture
def world(store):
    small_world(store)
    return store


# -- reads ---------------------------------------------------------------------------------------


def test_search_finds_by_name_alias_acronym_and_misspelling(world):
    assert reads.search(world, "Ostrovia").entity.id == "country:OST"
    assert reads.search(world, "Ostrovian Republic").entity.id == "country:OST"  # an alias
    assert reads.search(world, "NTL").entity.id == "organization:ntl"  # an acronym
    assert reads.search(world, "Marec Dul").entity.id == "person:marek-dul"  # a misspelling
    close = reads.search(world, "Ostrovija")  # found by no resolver: suggested, as by `kg entity`
    assert close.entity is None and "did you mean" in close.message
    assert close.suggestions[0].id == "country:OST"
    missing = reads.search(world, "Qwxz")
    assert missing.entity is None and missing.suggestions == ()
    assert "none with a similar name" in missing.message
    assert [s.id for s in reads.suggest(world, "ost")] == ["country:OST"]
    assert reads.suggest(world, "ntl")[0].alias == "NTL"
    with pytest.raises(ArgumentError):
        reads.search(world, "  ")


def test_neighbourhood_draws_the_entity_its_relationships_and_the_links_among_them(world):
    view = reads.neighbourhood(world, "country:OST")
    assert view.center == "country:OST"
    assert set(view.nodes) == {"country:OST", "country:BLM", "person:marek-dul"}
    edge = view.edges["country:BLM-[SENT_TROOPS_TO]->country:OST"]
    assert (edge.mentions, edge.articles) == (3, 2)
    assert (edge.first_date, edge.last_date, edge.dated) == ("2023-05-01", "2023-06-10", True)
    assert edge.modalities == ("asserted", "hypothetical")  # the ontology's order
    # Marek Dul met Belmark: both reached from Ostrovia, so their link is drawn too
    assert "person:marek-dul-[MET_WITH]->country:BLM" in view.edges
    assert view.relations == {"country:OST": 2}
    deeper = reads.neighbourhood(world, "country:OST", depth=2)
    assert {"country:RKS", "organization:ntl"} <= set(deeper.nodes)
    assert set(deeper.relations) == {"country:OST", "country:BLM", "person:marek-dul"}
    one = reads.neighbourhood(world, "country:BLM", limit=1)
    assert len([e for e in one.edges.values() if "country:BLM" in (e.subject, e.object)]) == 1
    capped = reads.neighbourhood(world, "country:BLM", max_nodes=2)
    assert len(capped.nodes) == 2 and capped.truncated
    with pytest.raises(NotFound):
        reads.neighbourhood(world, "country:XXX")
    with pytest.raises(ArgumentError):
        reads.neighbourhood(world, "country:OST", depth=4)


def test_evidence_cuts_each_sentence_at_its_mentions(world):
    ev = reads.evidence(world, "country:BLM", "sent troops to", "country:OST")
    assert (ev.total, ev.matching, ev.subject.name, ev.object.name) == (3, 3, "Belmark", "Ostrovia")
    first, undated, second = ev.items  # in date order: an undated one at its article's date
    assert first.segments == (
        ("Belmark", "subject"),
        (" sent troops to ", None),
        ("Ostrovia", "object"),
        (".", None),
    )
    assert (first.date, first.modality, first.rule) == ("2023-05-01", "asserted", "test.sent_troops_to")
    assert first.article.title == "Troops in Ostrovia" and first.article.url == "https://news.example/d1"
    assert first.article.published == "2023-05-02"
    # an emoji after the mention: offsets are code points, the segments carry the text itself
    assert second.segments[-2:] == (("Ostrovia", "object"), (" 🙂 once more.", None))
    assert second.confidence == 0.7
    assert undated.modality == "hypothetical" and undated.date is None
    assert undated.attributed_to.name == "Marek Dul"
    only = reads.evidence(
        world, "country:BLM", "SENT_TROOPS_TO", "country:OST", Filters.parse(modalities="hypothetical")
    )
    assert (only.matching, [i.modality for i in only.items]) == (1, ["hypothetical"])
    june = reads.evidence(
        world, "country:BLM", "SENT_TROOPS_TO", "country:OST", Filters.parse(since="2023-06")
    )
    assert [i.date for i in june.items] == ["2023-06-10"]
    paged = reads.evidence(world, "country:BLM", "SENT_TROOPS_TO", "country:OST", offset=1, limit=1)
    assert [i.modality for i in paged.items] == ["hypothetical"] and paged.matching == 3
    may = reads.evidence(
        world, "country:BLM", "SENT_TROOPS_TO", "country:OST", Filters.parse(until="2023-05-02")
    )
    assert [i.date for i in may.items] == ["2023-05-01", None]  # the undated one by its article's date
    # each sentence by its own claim's confidence: the 0.7 one is the least sure of the three
    sure = reads.evidence(
        world, "country:BLM", "SENT_TROOPS_TO", "country:OST", Filters.parse(min_confidence="0.75")
    )
    assert (sure.total, sure.matching) == (3, 2) and all(i.confidence >= 0.75 for i in sure.items)
    assert Filters.parse().min_confidence == DEFAULT_MIN_CONFIDENCE
    with pytest.raises(ArgumentError, match="min_confidence must be a number from 0 to 1"):
        Filters.parse(min_confidence="1.5")
    with pytest.raises(NotFound):
        reads.evidence(world, "country:OST", "SENT_TROOPS_TO", "country:BLM")


@pytest.mark.parametrize("relation", ["SENT_TROOPS_TO]->() DETACH DELETE n //", "HAS_SENTENCE", "", "x` y"])
def test_a_relation_name_outside_the_ontology_is_refused_before_any_query(world, relation):
    with pytest.raises(ArgumentError, match="unknown relation"):
        reads.evidence(world, "country:BLM", relation, "country:OST")


def test_filters_parse_and_keep_dates_as_the_timeline_query_does():
    f = Filters.parse(relations="met with,CONDEMNED", modalities="asserted", since="2023", until="2023-05")
    assert f.relations == {"MET_WITH", "CONDEMNED"} and f.modalities == {"asserted"}
    assert f.keeps("2023-05-31", "asserted") and not f.keeps("2023-06-01", "asserted")
    assert not f.keeps(None, "asserted") and not f.keeps("2023-05-01", "reported")
    for bad in ({"modalities": "certain"}, {"since": "May 2023"}, {"relations": "LIKES"}):
        with pytest.raises(ArgumentError):
            Filters.parse(**bad)


def test_segments_mark_overlapping_mentions_as_both():
    both = segments("Dul met Dul.", [(0, 3, "subject"), (0, 3, "object")])
    assert both == (("Dul", "both"), (" met Dul.", None))
    assert segments("abc", []) == (("abc", None),)


def test_timeline_and_path(world):
    events = reads.timeline(world, "country:BLM")
    assert [e.date for e in events][:2] == ["2023-05-01", "2023-05-02"]
    assert {e.edge.relation for e in events} == {"SENT_TROOPS_TO", "CONDEMNED", "MET_WITH"}
    condemned = reads.timeline(world, "country:BLM", Filters.parse(relations="CONDEMNED"))
    assert {e.subject.name for e in condemned} == {"Northern Trade League", "Rakos"}
    found = reads.path(world, "Rakos", "Dul")
    assert found.ids == ("country:RKS", "country:BLM", "person:marek-dul")
    assert set(found.graph.edges) == {
        "country:RKS-[CONDEMNED]->country:BLM",
        "person:marek-dul-[MET_WITH]->country:BLM",
    }
    with pytest.raises(NotFound, match="no entity named"):
        reads.path(world, "Rakos", "Atlantis")


def test_view_snapshot_holds_neighbourhood_timelines_and_evidence(world):
    data = snapshot(world, "Ostrovian Republic", depth=1)
    assert data["center"] == "country:OST" and data["expanded"] == ["country:OST"]
    assert data["evidence"]["country:BLM-[SENT_TROOPS_TO]->country:OST"]["total"] == 3
    assert "country:OST" in data["timelines"]
    html = view_file(world, "Ostrovia")
    assert html.count("<script") == 3 and "cytoscape" in html
    assert "connect-src 'none'" in content_security_policy(html)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)  # nothing loaded from anywhere


def test_the_palette_is_the_browser_stylesheets():
    colours = palette()
    assert colours["nodes"]["Country"]["color"] == "#4C8EDA" and colours["nodes"]["Person"]["size"] == 50
    assert colours["relationships"]["SENT_TROOPS_TO"]["color"] == "#D9534F"


def test_a_speaker_without_a_node_is_named_not_shown_as_an_id():
    assert reads.name_of_id("organization:RUS:russian-defence-ministry") == "Russian Defence Ministry (RUS)"
    assert reads.name_of_id("group:RUS:government") == "government (RUS)"
    assert reads.name_of_id("person:jo-li@raid") == "Jo Li"


def test_an_events_colour_is_its_quad_class():
    colours = palette()["relationships"]
    by_quad: dict[str, set[str]] = {}
    for name, relation in load_ontology().relations.items():
        if relation.quad_class is not None:
            by_quad.setdefault(relation.quad_class, set()).add(colours[name]["color"].upper())
    assert len(by_quad) == 4 and all(len(c) == 1 for c in by_quad.values()), by_quad
    assert len(set().union(*by_quad.values())) == 4  # four classes, four colours
    assert colours["SUPPORTED"]["color"] != colours["ATTACKED"]["color"]
    html = render_page()
    assert 'id="edge-legend"' in html and '"material cooperation"' in html


def test_graph_text_cannot_close_the_embedded_script():
    html = render_page({"center": "x", "graph": {"nodes": [{"name": "</script><script>alert(1)</script>"}]}})
    boot = html[html.index('id="kg-boot"') :]
    assert "</script><script>alert" not in boot[: boot.index("</script>")]


# -- the server ----------------------------------------------------------------------------------


@pytest.fixture
def server(world):
    with BrowseServer(world, port=0) as running:
        thread = running.start_thread()
        yield running
        running.shutdown()
        thread.join(5)


def get(server, path, method="GET", host=None):
    connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    headers = {"Host": host} if host else {}
    connection.request(method, path, headers=headers)
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response.status, dict(response.getheaders()), body


def api(server, path):
    status, headers, body = get(server, path)
    assert headers["Content-Type"].startswith("application/json")
    return status, json.loads(body)


def test_the_server_listens_on_loopback_only(server):
    assert server.httpd.server_address[0] == "127.0.0.1"
    status, headers, body = get(server, "/")
    assert status == 200 and b"<title>kg browse</title>" in body
    assert "connect-src 'self'" in headers["Content-Security-Policy"]


def test_endpoints_answer_json(server):
    status, found = api(server, "/api/search?q=NTL")
    assert status == 200 and found["entity"]["id"] == "organization:ntl"
    status, view = api(server, "/api/neighbourhood?id=country%3AOST")
    assert {n["id"] for n in view["nodes"]} == {"country:OST", "country:BLM", "person:marek-dul"}
    status, ev = api(
        server,
        "/api/evidence?subject=country:BLM&relation=SENT_TROOPS_TO&object=country:OST"
        "&modalities=asserted&since=2023-06",
    )
    assert status == 200 and ev["matching"] == 1 and ev["items"][0]["segments"][0] == ["Belmark", "subject"]
    status, events = api(server, "/api/timeline?id=country:BLM&relations=CONDEMNED")
    assert status == 200 and len(events) == 2
    status, found_path = api(server, "/api/path?from=Rakos&to=Ostrovia")
    assert status == 200 and found_path["ids"][0] == "country:RKS"
    status, suggestions = api(server, "/api/suggest?q=bel")
    assert [s["name"] for s in suggestions] == ["Belmark"]


@pytest.mark.parametrize(
    "path, status, words",
    [
        ("/api/search", 400, "missing parameter 'q'"),
        ("/api/search?q=a&q=b", 400, "given 2 times"),
        ("/api/search?q=a&cypher=MATCH", 400, "unknown parameter 'cypher'"),
        ("/api/neighbourhood?id=country:OST&depth=x", 400, "whole number"),
        ("/api/neighbourhood?id=country:OST&depth=9", 400, "depth must be"),
        ("/api/evidence?subject=a&relation=DROP&object=b", 400, "unknown relation"),
        ("/api/evidence?subject=country:BLM&relation=MET_WITH&object=country:OST", 404, "no MET_WITH"),
        ("/api/timeline?id=country:BLM&since=yesterday", 400, "since must be a date"),
        ("/api/timeline?id=country:BLM&min_confidence=high", 400, "min_confidence must be a number"),
        ("/api/neighbourhood?id=nobody", 404, "no entity with id"),
        ("/api/path?from=Rakos&to=Atlantis", 404, "no entity named"),
        ("/api/query?cypher=MATCH%20(n)%20DETACH%20DELETE%20n", 404, "no such page"),
        ("/etc/passwd", 404, "no such page"),
    ],
)
def test_bad_requests_get_a_4xx_and_one_line(server, path, status, words):
    got, body = api(server, path)
    assert got == status and words in body["error"] and "\n" not in body["error"]
    assert set(body) == {"error"}


def test_only_get_and_head_and_only_this_host(server):
    status, headers, body = get(server, "/api/search?q=NTL", method="POST")
    assert status == 405 and headers["Allow"] == "GET, HEAD" and b"read-only" in body
    status, _, body = get(server, "/", method="HEAD")
    assert status == 200 and body == b""
    status, _, body = get(server, "/api/search?q=NTL", host="evil.example:80")
    assert status == 421 and b"answers only to" in body


def test_an_engine_failure_is_a_5xx_and_one_console_line(engine_home, capfd):
    missing = FalkorStore(Engine(engine_home).ensure(), graph="no-such-graph-for-browse")
    with BrowseServer(missing, port=0) as running:
        thread = running.start_thread()
        try:
            status, body = api(running, "/api/search?q=Ostrovia")
        finally:
            running.shutdown()
            thread.join(5)
    missing.close()
    assert status == 500 and "no graph" in body["error"]
    err = capfd.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert err.startswith("kg browse: error:")


# -- the commands --------------------------------------------------------------------------------


def test_kg_view_writes_a_self_contained_page(kg_home, store, tmp_path):
    small_world(store)
    page = tmp_path / "ostrovia.html"
    result = kg("view", "Ostrovian Republic", "--depth", "2", "-o", page)
    assert result.exit_code == 0, result.stderr
    html = page.read_text(encoding="utf-8")
    assert '"center":"country:OST"' in html and '"depth":2' in html
    missing = kg("view", "Atlantis", "-o", tmp_path / "x.html")
    assert missing.exit_code == 2 and "no entity named 'Atlantis'" in error_line(missing)
    assert not (tmp_path / "x.html").exists()


def test_kg_browse_serves_until_ctrl_c(kg_home, store):
    small_world(store)
    env = {**os.environ, "KG_HOME": str(kg_home), "KG_GRAPH": store.graph_name}
    process = subprocess.Popen(
        [sys.executable, "-P", "-m", "kg.cli", "browse", "--no-open", "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # Ctrl-C as a terminal sends it: a suite run as a background job inherits SIGINT ignored,
        # and Python then never turns it into KeyboardInterrupt
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        line = process.stdout.readline()
        url = re.search(r"http://127\.0\.0\.1:\d+/", line).group(0)
        with urllib.request.urlopen(url + "api/search?q=Ostrovia", timeout=10) as answer:
            assert json.load(answer)["entity"]["id"] == "country:OST"
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + "api/search", timeout=10)
        assert refused.value.code == 400
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, err
    assert "Traceback" not in err and err.strip() == "kg browse: stopped"


def test_kg_browse_on_a_port_in_use_is_one_line(kg_home):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = kg("browse", "--no-open", "--port", taken.getsockname()[1])
    assert result.exit_code == 2 and "is in use" in error_line(result)


def test_the_server_stops_promptly(world):
    with BrowseServer(world, port=0) as running:
        thread = running.start_thread()
        started = time.monotonic()
        running.shutdown()
        thread.join(5)
    assert not thread.is_alive() and time.monotonic() - started < 5
