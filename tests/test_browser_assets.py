"""The Neo4j Browser assets (kg/browser): the GraSS stylesheet read the way Browser reads it,
the starter favourites checked against the ontology, written for Browser's import, and run on
the real embedded store where their Cypher is also FalkorDB's."""

from __future__ import annotations

import os
import re
import zipfile

import pytest
from graphtools import entity, fact, write

from kg.core.errors import KgError
from kg.core.model import Document, Entity
from kg.core.ontology import load_ontology
from kg.neo4j_browser import (
    ZIP_NAME,
    Favorite,
    favorites,
    format_favorites,
    parse_favorite,
    stylesheet,
    write_favorites,
)

# -- GraSS as Neo4j Browser reads it -----------------------------------------------------------
#
# Browser (src/shared/services/grassUtils.ts, parseGrassCSS) keeps the characters outside
# braces, less whitespace, as the selector; inside braces it toggles strings at ' and ", drops
# the quotes, and splits the properties at ';' and then at ':', keeping only a declaration that
# splits into exactly two parts. A repeated selector replaces the earlier one. Rules apply in
# file order (GraphStyle.ts, applyRules): each rule whose classes the node's labels include
# merges its properties over the earlier ones.


def parse_grass(text: str) -> tuple[dict[str, dict[str, str]], list[str]]:
    """(selector -> properties, in file order; declarations Browser would drop)."""
    rules: dict[str, dict[str, str]] = {}
    dropped: list[str] = []
    selector, body, in_props, in_string = "", "", False, False
    for c in text:
        if c in "'\"":
            in_string = not in_string
            continue
        if c == "{" and not in_string:
            assert not in_props, f"a '{{' inside the properties of {selector!r}"
            in_props = True
            continue
        if c == "}" and not in_string:
            assert in_props, f"a '}}' outside any rule after {selector!r}"
            assert selector not in rules, f"selector {selector!r} appears twice"
            props: dict[str, str] = {}
            for declaration in body.split(";"):
                parts = declaration.split(":")
                if len(parts) == 2 and parts[0].strip() and parts[1].strip():
                    props[parts[0].strip()] = parts[1].strip()
                elif declaration.strip():
                    dropped.append(f"{selector}: {declaration.strip()}")
            rules[selector] = props
            selector, body, in_props = "", "", False
            continue
        if in_props:
            body += c
        elif not c.isspace():
            selector += c
    assert not in_props and not in_string and not selector, "the stylesheet ends inside a rule"
    return rules, dropped


def style_for(rules: dict[str, dict[str, str]], tag: str, classes: list[str]) -> dict[str, str]:
    style: dict[str, str] = {}
    for selector, props in rules.items():
        rule_tag, *rule_classes = selector.split(".")
        if rule_tag == tag and all(c in classes for c in rule_classes):
            style.update(props)
    return style


def test_the_grass_reader_follows_browser():
    rules, dropped = parse_grass(
        "node { color: #111111; caption: '{name}'; }\n"
        "node.A { color: #222222; caption: 'at: noon'; }\n"
        "node.B { color: #333333; }"
    )
    assert rules["node"] == {"color": "#111111", "caption": "{name}"}
    assert rules["node.A"] == {"color": "#222222"}  # a ':' inside the caption loses it
    assert dropped == ["node.A: caption: at: noon"]
    assert style_for(rules, "node", ["A", "B"])["color"] == "#333333"  # the later rule wins
    assert style_for(rules, "node", ["B", "A"])["color"] == "#333333"  # whatever the label order
    assert style_for(rules, "node", ["C"]) == {"color": "#111111", "caption": "{name}"}


# -- the stylesheet ------------------------------------------------------------------------------

ONTO = load_ontology()
RULES, DROPPED = parse_grass(stylesheet())
HEX = re.compile(r"#[0-9A-Fa-f]{6}")


def test_stylesheet_parses_without_losing_a_declaration():
    assert DROPPED == []
    assert "//" not in stylesheet() and "/*" not in stylesheet()  # Browser has no comments
    for selector in RULES:
        tag, *classes = selector.split(".")
        assert tag in ("node", "relationship") and len(classes) <= 1, selector
    assert list(RULES)[:2] == ["node", "relationship"]


def test_every_node_label_has_a_distinct_colour_and_a_caption():
    labels = set(ONTO.concrete_classes) | set(ONTO.graph_labels)
    assert labels >= {"Entity", "Article", "Sentence", "Country", "Person"}
    node_rules = {s.split(".")[1]: p for s, p in RULES.items() if s.startswith("node.")}
    assert set(node_rules) == labels
    colours = [p["color"] for p in node_rules.values()]
    assert all(HEX.fullmatch(c) for c in colours), colours
    assert len({c.upper() for c in colours}) == len(colours)
    for label, props in node_rules.items():
        assert re.fullmatch(r"[^{}]*\{\w+\}[^{}]*", props["caption"]), (label, props["caption"])
        for key in ("border-color", "text-color-internal"):
            assert HEX.fullmatch(props[key]), (label, key)
        assert re.fullmatch(r"\d+px", props["diameter"]), label


def test_the_class_rule_wins_over_entity():
    entity_rule = RULES["node.Entity"]
    for label in ONTO.concrete_classes:
        for order in (["Entity", label], [label, "Entity"]):
            style = style_for(RULES, "node", order)
            assert style["color"] == RULES[f"node.{label}"]["color"] != entity_rule["color"]
            assert style["caption"] == "{name}"
    assert style_for(RULES, "node", ["Sentence"])["caption"] == "{text}"
    assert style_for(RULES, "node", ["Article"])["caption"] == "{title}"


def test_every_relationship_type_has_a_caption():
    rel_rules = {s.split(".")[1]: p for s, p in RULES.items() if s.startswith("relationship.")}
    assert set(rel_rules) == set(ONTO.relationship_types)
    for name, props in rel_rules.items():
        assert props["caption"], name
        assert HEX.fullmatch(props["color"]), name
        if name in ONTO.relations:
            assert ONTO.relations[name].label in props["caption"], name
    assert style_for(RULES, "relationship", ["SENT_TROOPS_TO"])["caption"] == "sent troops to ({mentions})"
    assert style_for(RULES, "relationship", ["SOMETHING_ELSE"])["caption"] == "<type>"


# -- a small graph through the real writer -----------------------------------------------------

VALDORIA = entity("country:VLD", "Valdoria", "Country", "Republic of Valdoria", iso3="VLD")
KESTRIA = entity("country:KES", "Kestria", "Country", iso3="KES")
VEREL = entity("person:anton-verel", "Anton Verel", "Person")
PACT = entity("organization:northern-pact", "Northern Pact", "Organization")
GUARDS = Entity("group:KES:military", "Kestrian border guards", "Group", country="KES", sector="military")

S1 = [
    "Valdoria sent 400 troops to Kestria on Monday, officials said.",
    "Valdoria's president, Anton Verel, defended the move.",
    "The Northern Pact condemned Valdoria.",
]
DOC1 = Document(
    "dispatch-1",
    "Troops cross into Kestria\n\n" + " ".join(S1),
    title="Troops cross into Kestria",
    url="https://wire.example/d1",
    published="2031-05-02",
)
S2 = ["Valdoria deployed another 200 soldiers to Kestria, Kestrian border guards said."]
DOC2 = Document("dispatch-2", " ".join(S2), title="A second column", published="2031-05-04")


@pytest.fixture
def graph(store):
    write(
        store,
        (
            DOC1,
            [
                fact(DOC1, 0, S1[0], VALDORIA, "SENT_TROOPS_TO", KESTRIA, date="2031-05-01"),
                fact(DOC1, 1, S1[1], VEREL, "LEADER_OF", VALDORIA, confidence=0.8, role="president"),
                fact(DOC1, 2, S1[2], PACT, "CONDEMNED", VALDORIA, confidence=0.85),
            ],
        ),
        (
            DOC2,
            [
                fact(
                    DOC2,
                    0,
                    S2[0],
                    VALDORIA,
                    "SENT_TROOPS_TO",
                    KESTRIA,
                    confidence=0.6,
                    modality="reported",
                    attributed_to=GUARDS.id,
                )
            ],
        ),
    )
    return store


def test_captions_name_properties_the_writer_sets(graph):
    def keys(cypher):
        return set(graph.query(cypher).value())

    props = {
        "Article": keys("MATCH (n:Article) RETURN keys(n) LIMIT 1"),
        "Sentence": keys("MATCH (n:Sentence) RETURN keys(n) LIMIT 1"),
    }
    for label in ONTO.concrete_classes:
        props[label] = keys("MATCH (n:Entity) RETURN keys(n) LIMIT 1")
    props["Entity"] = props["Country"]
    for label, names in props.items():
        caption = RULES[f"node.{label}"]["caption"]
        assert set(re.findall(r"\{(\w+)\}", caption)) <= names, (label, caption, names)
    relation_keys = keys("MATCH (:Entity)-[r:SENT_TROOPS_TO]->(:Entity) RETURN keys(r)")
    for name in ONTO.relations:
        caption = RULES[f"relationship.{name}"]["caption"]
        assert set(re.findall(r"\{(\w+)\}", caption)) <= relation_keys, name


# -- favourites -----------------------------------------------------------------------------------

FAVORITES = favorites()
BY_NAME = {f.name: f for f in FAVORITES}
# Procedures and elementId(): Neo4j only, so they are not run on FalkorDB here.
NEO4J_ONLY = {"search-names", "schema", "clicked-relationship-evidence"}


def test_favorites_load_with_names_and_descriptions():
    assert 6 <= len(FAVORITES) <= 10
    assert len(BY_NAME) == len(FAVORITES)
    for favorite in FAVORITES:
        assert len(favorite.description) > 20, favorite.name
        for param in favorite.parameters:  # each says how to set it in Browser
            assert f":param {param} =>" in favorite.description, (favorite.name, param)
    assert BY_NAME["entity-neighbourhood"].parameters == ("name",)
    assert BY_NAME["articles-about"].parameters == ("entity", "limit")
    assert BY_NAME["relationship-evidence"].parameters == ("subject", "relation", "object")
    assert "db.index.fulltext.queryNodes('entity_names', $q)" in BY_NAME["search-names"].cypher
    assert BY_NAME["schema"].cypher == "CALL db.schema.visualization()"


def _without_strings(cypher: str) -> str:
    return re.sub(r"'[^']*'|\"[^\"]*\"", "''", cypher)


def test_favorites_use_only_ontology_labels_and_types():
    seen_labels, seen_types = set(), set()
    for favorite in FAVORITES:
        cypher = _without_strings(favorite.cypher)
        for group in re.findall(r"\(\s*\w*\s*((?::\s*\w+\s*)+)", cypher):
            seen_labels.update(re.findall(r"\w+", group))
        for group in re.findall(r"\[\s*\w*\s*:\s*([\w|]+)", cypher):
            seen_types.update(group.split("|"))
    assert seen_labels and seen_types
    assert seen_labels <= ONTO.labels, seen_labels - ONTO.labels
    assert seen_types <= ONTO.relationship_types, seen_types - ONTO.relationship_types
    assert {"Entity", "Article", "Sentence", "Person", "Country"} <= seen_labels
    assert {"HAS_SENTENCE", "MENTIONS", "SENT_TROOPS_TO", "LEADER_OF"} <= seen_types


def test_parse_favorite_checks_the_header():
    good = parse_favorite("// name: a-b\n// description: what it does\n\nMATCH (n) RETURN n\n")
    assert good == Favorite("a-b", "what it does", "MATCH (n) RETURN n")
    for text in (
        "// description: no name\nRETURN 1",
        "// name: x\nRETURN 1",
        "// name: Bad Name\n// description: d\nRETURN 1",
        "// name: x\n// description: d\n// colour: red\nRETURN 1",
        "// name: x\n// description: d\n",
    ):
        with pytest.raises(KgError):
            parse_favorite(text)


def test_write_favorites_gives_files_and_a_zip_browser_imports(tmp_path):
    paths = write_favorites(tmp_path / "out")
    assert paths[-1] == tmp_path / "out" / ZIP_NAME
    assert len(paths) == len(FAVORITES) + 1
    for favorite, path in zip(FAVORITES, paths):
        text = path.read_text(encoding="utf-8")
        assert path.name == f"{favorite.name}.cypher"
        assert text.splitlines()[0] == f"// {favorite.name}"  # Browser's name for it
        assert favorite.cypher in text
    with zipfile.ZipFile(paths[-1]) as zf:
        assert zf.testzip() is None
        names = zf.namelist()
        assert names == [f"kg/{f.name}.cypher" for f in FAVORITES]
        for favorite in FAVORITES:
            assert zf.read(f"kg/{favorite.name}.cypher").decode("utf-8") == favorite.browser_text()
    printed = format_favorites()
    assert all(f.browser_text() in printed for f in FAVORITES)


def _run(store, favorite, **params):
    return store.query(BY_NAME[favorite].cypher, params).records()


def _triples(rows, s, r, o):
    return sorted(
        (row[s]["properties"]["name"], row[r]["type"], row[o]["properties"]["name"]) for row in rows
    )


def test_every_favorite_is_run_or_known_to_be_neo4j_only():
    ran = {
        name[len("test_favorite_") :].replace("_", "-")
        for name in globals()
        if name.startswith("test_favorite_")
    }
    assert ran | NEO4J_ONLY == set(BY_NAME), set(BY_NAME) - ran - NEO4J_ONLY
    for name in NEO4J_ONLY:
        assert "CALL " in BY_NAME[name].cypher or "elementId(" in BY_NAME[name].cypher


def test_favorite_overview(graph):
    rows = _run(graph, "overview")
    assert _triples(rows, "subject", "relation", "object") == [
        ("Anton Verel", "LEADER_OF", "Valdoria"),
        ("Northern Pact", "CONDEMNED", "Valdoria"),
        ("Valdoria", "SENT_TROOPS_TO", "Kestria"),
    ]


def test_favorite_troop_deployment_claims(graph):
    rows = _run(graph, "troop-deployment-claims")
    assert len(rows) == 2
    assert _triples(rows, "sender", "deployment", "target") == [("Valdoria", "SENT_TROOPS_TO", "Kestria")] * 2
    found = sorted((r["article"]["properties"]["title"], r["sentence"]["properties"]["text"]) for r in rows)
    assert found == [("A second column", S2[0]), ("Troops cross into Kestria", S1[0])]
    assert all(r["sentence"]["labels"] == ["Sentence"] for r in rows)
    assert sorted(r["claim"]["properties"]["article"] for r in rows) == ["dispatch-1", "dispatch-2"]


def test_favorite_entity_neighbourhood(graph):
    expected = [
        ("Valdoria", "CONDEMNED", "Northern Pact"),
        ("Valdoria", "LEADER_OF", "Anton Verel"),
        ("Valdoria", "SENT_TROOPS_TO", "Kestria"),
    ]
    for name in ("valdoria", "Republic of Valdoria", "country:VLD"):
        rows = _run(graph, "entity-neighbourhood", name=name)
        assert _triples(rows, "entity", "relation", "other") == expected, name
    assert _run(graph, "entity-neighbourhood", name="Atlantis") == []


def test_favorite_relationship_evidence(graph):
    rows = _run(
        graph, "relationship-evidence", subject="Valdoria", relation="SENT_TROOPS_TO", object="kestria"
    )
    assert [(r["sentence"], r["title"], r["published"], r["date"], r["modality"]) for r in rows] == [
        (S1[0], "Troops cross into Kestria", "2031-05-02", "2031-05-01", "asserted"),
        (S2[0], "A second column", "2031-05-04", None, "reported"),
    ]
    assert [r["confidence"] for r in rows] == pytest.approx([0.9, 0.6])
    assert rows[0]["url"] == "https://wire.example/d1" and rows[1]["url"] is None
    assert (
        _run(graph, "relationship-evidence", subject="Kestria", relation="SENT_TROOPS_TO", object="Valdoria")
        == []
    )


def test_favorite_leaders(graph):
    rows = _run(graph, "leaders")
    assert _triples(rows, "leader", "role", "country") == [("Anton Verel", "LEADER_OF", "Valdoria")]
    assert rows[0]["role"]["properties"]["roles"] == ["president"]


def test_favorite_articles_about(graph):
    """The named query itself (one catalogue): Browser gives the entity's id."""
    from kg.named_queries import get_named_query

    assert BY_NAME["articles-about"].cypher == get_named_query("articles-about").cypher
    rows = _run(graph, "articles-about", entity="country:VLD", limit=50)
    assert [(r["title"], r["sentences"]) for r in rows] == [
        ("A second column", 1),
        ("Troops cross into Kestria", 3),
    ]  # newest first
    assert [r["title"] for r in _run(graph, "articles-about", entity="person:anton-verel", limit=50)] == [
        "Troops cross into Kestria"
    ]


@pytest.mark.neo4j
def test_favorites_compile_on_neo4j():
    """EXPLAIN each favourite on a Neo4j 5 server (NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD,
    NEO4J_DATABASE): plans it without running it, so syntax and functions are checked."""
    if not os.environ.get("NEO4J_URI"):
        pytest.skip("NEO4J_URI is not set")
    from neo4j import GraphDatabase

    from kg.store.neo4j import Neo4jSettings

    settings = Neo4jSettings.resolve()
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password or "")) as driver:
        for favorite in FAVORITES:
            params = {name: "x" for name in favorite.parameters}
            driver.execute_query("EXPLAIN " + favorite.cypher, params, database_=settings.database)
