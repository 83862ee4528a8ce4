"""Named queries: header parsing, parameter binding, and every query on a small invented graph."""

from __future__ import annotations

import re

import pytest
from graphtools import entity, fact, write

from kg.core.cypher import part, query_parts, with_parts
from kg.core.errors import KgError
from kg.core.model import Document
from kg.core.ontology import load_ontology
from kg.named_queries import (
    NamedQuery,
    QueryParam,
    get_named_query,
    load_named_queries,
    parse_named_query,
    query_files,
    run_named_query,
)

HOSTILE_FAMILIES = {"ASSAULT", "COERCE", "ACCUSE", "DISAPPROVE", "THREATEN", "SANCTION", "PROTEST"}

VALDORIA = entity("country:VLD", "Valdoria", "Country", "Republic of Valdoria", iso3="VLD")
KESTRIA = entity("country:KST", "Kestria", "Country", "Kestrian Federation", iso3="KST")
MORVANIA = entity("country:MRV", "Morvania", "Country", iso3="MRV")
TRELLAND = entity("country:TRL", "Trelland", "Country", iso3="TRL")
DUNMAR = entity("country:DNM", "Dunmar", "Country", iso3="DNM")
SARN = entity("country:SRN", "Sarn", "Country", iso3="SRN")
FERREK = entity("person:anton-ferrek", "Anton Ferrek", "Person", "Ferrek")
VOSS = entity("person:lida-voss", "Lida Voss", "Person")
COMPACT = entity("organization:northern-compact", "Northern Compact", "Organization")
LEAGUE = entity("organization:ostran-league", "Ostran League", "Organization")
PARATROOPERS = entity("group:KST:military", "Kestrian paratroopers", "Group")
MINERS = entity("group:pell-miners", "Pell miners", "Group")
PORT_ELM = entity("city:port-elm", "Port Elm", "City")

A1 = Document(
    "a1",
    "Kestria deploys troops\n\n"
    "Kestria sent troops to Valdoria after the unrest. "
    "Anton Ferrek invited Kestria to restore order. "
    "Morvania condemned Kestria over the deployment. "
    "Anton Ferrek, the president of Valdoria, thanked the soldiers.",
    title="Kestria deploys troops",
    url="https://news.example/a1",
    published="2024-01-05",
)
A2 = Document(
    "a2",
    "Tensions rise\n\n"
    "Trelland accused Kestria of planning an annexation. "
    "Morvania met with Kestria in the capital. "
    "The Northern Compact sent troops to Valdoria as well. "
    "Kestria sent troops to Valdoria again in February. "
    "Lida Voss, the foreign minister of Valdoria, left for talks. "
    "Kestria threatened Trelland with a blockade. "
    "Morvania sanctioned Kestria.",
    title="Tensions rise",
    url="https://news.example/a2",
    published="2024-02-10",
)
A3 = Document(
    "a3",
    "Undated dispatch\n\n"
    "Kestria attacked Trelland at dawn. "
    "Most of the Kestrian paratroopers are citizens of Kestria. "
    "Port Elm is the capital of Trelland.",
    title="Undated dispatch",
)
A4 = Document(
    "a4",
    "The Ostran League protested against the Pell miners while Dunmar clashed with Sarn.",
    published="2024-03-01",
)

S_DEPLOY_1 = "Kestria sent troops to Valdoria after the unrest."
S_DEPLOY_2 = "Kestria sent troops to Valdoria again in February."
S_COMPACT = "The Northern Compact sent troops to Valdoria as well."
S_INVITE = "Anton Ferrek invited Kestria to restore order."
S_CONDEMN = "Morvania condemned Kestria over the deployment."
S_ACCUSE = "Trelland accused Kestria of planning an annexation."
S_FOUR = A4.text


def world(store):
    """Four articles about invented countries; see the module constants for the cast."""
    write(
        store,
        (
            A1,
            [
                fact(A1, 0, S_DEPLOY_1, KESTRIA, "SENT_TROOPS_TO", VALDORIA, date="2024-01-03"),
                fact(A1, 1, S_INVITE, FERREK, "INVITED", KESTRIA, date="2024-01-02"),
                fact(A1, 2, S_CONDEMN, MORVANIA, "CONDEMNED", KESTRIA, date="2024-01-04", confidence=0.8),
                fact(
                    A1,
                    3,
                    "Anton Ferrek, the president of Valdoria, thanked the soldiers.",
                    FERREK,
                    "LEADER_OF",
                    VALDORIA,
                    role="president",
                ),
            ],
        ),
        (
            A2,
            [
                fact(A2, 0, S_ACCUSE, TRELLAND, "ACCUSED", KESTRIA, modality="alleged"),
                fact(
                    A2,
                    1,
                    "Morvania met with Kestria in the capital.",
                    MORVANIA,
                    "MET_WITH",
                    KESTRIA,
                    date="2024-02-08",
                ),
                fact(A2, 2, S_COMPACT, COMPACT, "SENT_TROOPS_TO", VALDORIA, date="2024-02-09"),
                fact(
                    A2, 3, S_DEPLOY_2, KESTRIA, "SENT_TROOPS_TO", VALDORIA, date="2024-02-01", confidence=0.7
                ),
                fact(
                    A2,
                    4,
                    "Lida Voss, the foreign minister of Valdoria, left for talks.",
                    VOSS,
                    "OFFICIAL_OF",
                    VALDORIA,
                    role="foreign minister",
                ),
                fact(A2, 5, "Kestria threatened Trelland with a blockade.", KESTRIA, "THREATENED", TRELLAND),
                fact(
                    A2, 6, "Morvania sanctioned Kestria.", MORVANIA, "SANCTIONED", KESTRIA, date="2024-02-12"
                ),
            ],
        ),
        (
            A3,
            [
                fact(A3, 0, "Kestria attacked Trelland at dawn.", KESTRIA, "ATTACKED", TRELLAND),
                fact(
                    A3,
                    1,
                    "Most of the Kestrian paratroopers are citizens of Kestria.",
                    PARATROOPERS,
                    "NATIONAL_OF",
                    KESTRIA,
                ),
                fact(A3, 2, "Port Elm is the capital of Trelland.", PORT_ELM, "CAPITAL_OF", TRELLAND),
            ],
        ),
        (
            A4,
            [
                fact(A4, 0, S_FOUR, LEAGUE, "PROTESTED_AGAINST", MINERS),
                fact(A4, 0, S_FOUR, DUNMAR, "CLASHED_WITH", SARN),
            ],
        ),
    )


def ask(store, name, **params):
    return run_named_query(store, name, params).records()


def pick(rows, *keys):
    return [tuple(row[k] for k in keys) for row in rows]


# -- the query files -------------------------------------------------------------------------

QUERY_NAMES = sorted(load_named_queries())


def test_the_agreed_queries_exist():
    assert {
        "troop-deployments",
        "invitations",
        "condemned-or-accused",
        "hostile-to",
        "leaders-of",
        "timeline",
        "evidence",
        "shortest-path",
        "most-active",
        "co-mentioned",
        "entity-relations",
        "articles-about",
        "label-counts",
        "relation-counts",
    } <= set(QUERY_NAMES)


def _labels_and_types(cypher: str) -> tuple[set[str], set[str]]:
    """Node labels and relationship types named in a query (labels follow ':' directly)."""
    code = re.sub(r"'(?:[^'\\]|\\.)*'|//[^\n]*", "''", cypher)
    types: set[str] = set()
    for body in re.findall(r"\[\s*\w*\s*:([A-Z_|:]+)", code):
        types.update(t.lstrip(":") for t in body.split("|"))
    labels = set(re.findall(r"\w\s*:([A-Z]\w*)", code)) | set(re.findall(r"\(\s*:([A-Z]\w*)", code))
    return labels - types, types


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_queries_name_only_ontology_labels_and_types(name):
    onto = load_ontology()
    labels, types = _labels_and_types(get_named_query(name).cypher)
    assert labels <= onto.labels  # the concrete classes, Entity, Article, Sentence
    assert types <= onto.relationship_types  # the relations, HAS_SENTENCE, HAS_CLAIM, MENTIONS ...


def test_shared_parts_are_spliced_into_the_catalogue():
    parts = query_parts()
    assert "supporting-sentences" in parts
    texts = {name: text for name, text, _ in query_files()}
    for name in ("troop-deployments.cypher", "invitations.cypher", "condemned-or-accused.cypher"):
        assert part("supporting-sentences") in texts[name]
    assert not any(re.search(r"^\s*//\s*include\s*:|\{\{", text, re.M) for text in texts.values())
    spliced = with_parts("MATCH (n)\n  // include: supporting-sentences\nRETURN n", "q.cypher")
    assert spliced == "MATCH (n)\n" + part("supporting-sentences") + "\nRETURN n"
    assert "(subject)<-[:SUBJECT]-(c)-[:OBJECT]->(object)" in spliced  # the walk it takes in


def test_an_inline_part_takes_its_identifiers_renamed():
    expression = with_parts("RETURN {{entity-class entity=other}} AS type", "q.cypher")
    assert expression == "RETURN head([label IN labels(other) WHERE label <> 'Entity']) AS type"
    assert part("entity-class", entity="e") in expression.replace("(other)", "(e)")
    with pytest.raises(KgError, match=r"q\.cypher:1: the part 'entity-class' takes entity, not node"):
        with_parts("RETURN {{entity-class node=x}}", "q.cypher")


def test_an_unknown_part_is_named_with_its_file_and_line():
    with pytest.raises(
        KgError,
        match=r"^q\.cypher:3: no query part named 'sentense'; "
        r"the parts are: .*supporting-sentences",
    ):
        with_parts("// name: q\nMATCH (n)\n// include: sentense\nRETURN n", "q.cypher")


def test_label_scan_sees_labels_and_types():
    labels, types = _labels_and_types(
        "MATCH (a:Entity)-[r:MET_WITH|INVITED]->(:Country) WHERE a:Person RETURN {id: a.id}, 'x:Nope'"
    )
    assert labels == {"Entity", "Country", "Person"}
    assert types == {"MET_WITH", "INVITED"}


def _types_in(name: str) -> set[str]:
    """The ontology relations a query names (the claims' structural links left out)."""
    return _labels_and_types(get_named_query(name).cypher)[1] - load_ontology().graph_relation_types


def test_relation_lists_follow_the_ontology():
    onto = load_ontology().relations
    events = {n for n, r in onto.items() if r.kind == "event"}
    assert _types_in("timeline") == events
    assert _types_in("most-active") == events
    assert _types_in("shortest-path") == set(onto)
    assert _types_in("evidence") == set(onto)
    assert _types_in("entity-relations") == set(onto)
    assert _types_in("hostile-to") == {n for n, r in onto.items() if HOSTILE_FAMILIES & set(r.families)}
    assert "MET_WITH" not in _types_in("hostile-to")
    assert _types_in("condemned-or-accused") == {"CONDEMNED", "ACCUSED"}
    assert _types_in("leaders-of") == {"LEADER_OF", "OFFICIAL_OF"}


ENTITY_PARAMS = {"country", "actor", "target", "entity", "subject", "object", "source"}


def test_entity_parameters_match_the_same_way_everywhere():
    """Every entity parameter is typed `entity` (kg resolves any name, alias, acronym or spelling
    to the node's id) and matched by id only, so the look-up is an index seek."""
    checked = 0
    for query in load_named_queries().values():
        code = " ".join(query.cypher.split())
        for param in query.params:
            if param.name not in ENTITY_PARAMS:
                continue
            assert param.type == "entity", f"{query.name}: ${param.name} is not an entity parameter"
            variables = re.findall(rf"(\w+)\.id = \${param.name}\b", code)
            assert len(variables) == 1, f"{query.name}: ${param.name} is not matched by id"
            rest = code.replace(f"${param.name} IS NULL", "").replace(
                f"{variables[0]}.id = ${param.name}", ""
            )
            assert not re.search(rf"\${param.name}\b", rest), (
                f"{query.name}: ${param.name} is matched some other way"
            )
            checked += 1
    assert checked == 13


def test_every_query_runs_on_an_empty_graph(store):
    for query in load_named_queries().values():
        required = {p.name: "x" for p in query.params if p.required}
        assert run_named_query(store, query.name, required).rows == [], query.name
        every = {p.name: "x" for p in query.params if p.type in ("string", "entity")}
        assert run_named_query(store, query.name, every).rows == [], query.name


def test_every_query_has_a_description_and_an_example():
    for query in load_named_queries().values():
        assert query.description and query.examples
        assert all(e.startswith(f"kg ask {query.name}") for e in query.examples)
        for p in query.params:
            assert p.description, f"{query.name}: {p.name} has no description"


# -- header parsing --------------------------------------------------------------------------

GOOD = """// name: demo
// description: A demo query.
// param: who string required  Someone.
// param: limit int optional=5  Most rows.
// param: flag bool optional
//
// example: kg ask demo -p who=x
MATCH (e:Entity) WHERE e.name = $who AND ($flag IS NULL OR $flag) RETURN e.name LIMIT $limit
"""


def test_parse_a_header():
    q = parse_named_query(GOOD, "demo.cypher")
    assert q == NamedQuery(
        name="demo",
        description="A demo query.",
        params=(
            QueryParam("who", "string", True, None, "Someone."),
            QueryParam("limit", "int", False, 5, "Most rows."),
            QueryParam("flag", "bool", False, None, ""),
        ),
        examples=("kg ask demo -p who=x",),
        cypher="MATCH (e:Entity) WHERE e.name = $who AND ($flag IS NULL OR $flag) RETURN e.name LIMIT $limit",
        source="demo.cypher",
    )
    assert [p.usage() for p in q.params] == [
        "who (string, required)",
        "limit (int, default 5)",
        "flag (bool, optional)",
    ]
    assert q.describe() == "\n".join(
        [
            "demo: A demo query.",
            "parameters:",
            "  who (string, required)  Someone.",
            "  limit (int, default 5)  Most rows.",
            "  flag (bool, optional)",
            "examples:",
            "  kg ask demo -p who=x",
        ]
    )


@pytest.mark.parametrize(
    "old, new, message",
    [
        ("// name: demo\n", "", "1: the header has no '// name:' line"),
        ("// description: A demo query.\n", "", "1: the header has no '// description:' line"),
        ("// example: kg ask demo -p who=x\n", "", "1: the header has no '// example:' line"),
        ("int optional=5", "integer optional=5", "4: parameter 'limit' has unknown type 'integer'"),
        ("int optional=5", "int optional=five", "4: default 'five' of parameter 'limit' is not an int"),
        ("int optional=5", "int maybe", "4: expected '// param: name type required|optional[=default]"),
        (
            "// param: flag bool optional",
            "// param: who int optional",
            "5: parameter 'who' is declared twice",
        ),
        ("//\n", "// examples: none\n", "6: unknown header key 'examples'"),
        ("//\n", "// Some free text\n", "6: expected a header line '// key: value'"),
        ("// name: demo", "// name: Demo Query", "1: query name 'Demo Query' must be lowercase words"),
        ("// description: A demo query.", "// description:", "2: header key 'description' has no value"),
        (
            "// description: A demo query.",
            "// description: a\n// description: b",
            "3: a second '// description:'",
        ),
        ("$limit", "$limt", "8: the Cypher uses undeclared parameter(s) limt"),
        (" AND ($flag IS NULL OR $flag)", "", "5: parameter(s) flag declared but not used in the Cypher"),
    ],
)
def test_header_errors_name_file_and_line(old, new, message):
    assert old in GOOD
    with pytest.raises(KgError) as info:
        parse_named_query(GOOD.replace(old, new), "demo.cypher")
    assert str(info.value).startswith(f"demo.cypher:{message}"), str(info.value)


def test_a_header_without_cypher():
    with pytest.raises(KgError, match=r"^demo.cypher:8: the file has a header but no Cypher after it$"):
        parse_named_query(GOOD.split("MATCH")[0] + "\n", "demo.cypher")


def test_dollar_in_strings_and_comments_is_no_parameter():
    text = GOOD.replace("RETURN e.name", "RETURN e.name, '$price' AS p // costs $1\n")
    assert [p.name for p in parse_named_query(text).params] == ["who", "limit", "flag"]


# -- binding ---------------------------------------------------------------------------------


def test_bind_coerces_command_line_strings_and_fills_defaults():
    q = parse_named_query(
        GOOD.replace(
            "// param: flag bool optional",
            "// param: flag bool optional\n// param: ids list optional=a,b\n// param: ratio float optional",
        ).replace("RETURN e.name", "AND e.id IN $ids AND $ratio IS NULL RETURN e.name")
    )
    assert q.bind({"who": "Kestria"}) == {
        "who": "Kestria",
        "limit": 5,
        "flag": None,
        "ids": ["a", "b"],
        "ratio": None,
    }
    assert q.bind({"who": "x", "limit": "12", "flag": "Yes", "ids": "p, q,,r", "ratio": "0.5"}) == {
        "who": "x",
        "limit": 12,
        "flag": True,
        "ids": ["p", "q", "r"],
        "ratio": 0.5,
    }
    assert q.bind({"who": "x", "limit": 3, "flag": False, "ids": ("z",), "ratio": 2}) == {
        "who": "x",
        "limit": 3,
        "flag": False,
        "ids": ["z"],
        "ratio": 2.0,
    }
    assert q.bind({"who": "x", "flag": "off", "limit": " -2 "})["flag"] is False
    assert q.bind({"who": "x", "limit": ""})["limit"] == 5  # empty means not given


@pytest.mark.parametrize(
    "raw, message",
    [
        ({}, "query 'demo' needs parameter 'who' (string), pass it as -p who=...: Someone."),
        ({"who": "  "}, "query 'demo' needs parameter 'who' (string), pass it as -p who=...: Someone."),
        ({"who": "x", "limit": "ten"}, "parameter 'limit' of query 'demo' must be an int, got 'ten'"),
        ({"who": "x", "limit": "2.5"}, "parameter 'limit' of query 'demo' must be an int, got '2.5'"),
        ({"who": "x", "limit": True}, "parameter 'limit' of query 'demo' must be an int, got True"),
        (
            {"who": "x", "flag": "maybe"},
            "parameter 'flag' of query 'demo' must be a bool, got 'maybe' (expected true or false)",
        ),
        ({"who": ["x"]}, "parameter 'who' of query 'demo' must be a string, got ['x']"),
        (
            {"who": "x", "limits": "3"},
            "query 'demo' has no parameter 'limits' (did you mean limit?); it takes: who, limit, flag",
        ),
        ({"who": "x", "colour": "3"}, "query 'demo' has no parameter 'colour'; it takes: who, limit, flag"),
    ],
)
def test_bind_errors(raw, message):
    with pytest.raises(KgError) as info:
        parse_named_query(GOOD).bind(raw)
    assert str(info.value) == message


def test_bind_of_a_query_without_parameters():
    with pytest.raises(KgError, match=r"^query 'label-counts' has no parameter 'x'; it takes none$"):
        get_named_query("label-counts").bind({"x": "1"})
    assert get_named_query("label-counts").bind(None) == {}


def test_bind_passes_every_declared_param():
    for query in load_named_queries().values():
        required = {p.name: "x" for p in query.params if p.required}
        assert set(query.bind(required)) == {p.name for p in query.params}


def test_unknown_query_suggests_names():
    with pytest.raises(
        KgError, match=r"no named query 'troop-deployment'; did you mean: troop-deployments\?"
    ):
        get_named_query("troop-deployment")
    with pytest.raises(KgError) as info:
        get_named_query("zzz")
    assert "did you mean" not in str(info.value)


def test_load_is_cached_and_named_after_the_files():
    assert load_named_queries() is load_named_queries()
    for name, query in load_named_queries().items():
        assert query.source == f"queries/{name}.cypher"


# -- the queries on the invented graph ---------------------------------------------------------


def test_troop_deployments(store):
    world(store)
    rows = ask(store, "troop-deployments")
    assert rows == [
        {
            "sender": "Kestria",
            "sender_id": "country:KST",
            "destination": "Valdoria",
            "destination_id": "country:VLD",
            "mentions": 2,
            "articles": 2,
            "first_date": "2024-01-03",
            "last_date": "2024-02-01",
            "modality": "asserted",
            "sentences": [S_DEPLOY_1, S_DEPLOY_2],
        },
        {
            "sender": "Northern Compact",
            "sender_id": "organization:northern-compact",
            "destination": "Valdoria",
            "destination_id": "country:VLD",
            "mentions": 1,
            "articles": 1,
            "first_date": "2024-02-09",
            "last_date": "2024-02-09",
            "modality": "asserted",
            "sentences": [S_COMPACT],
        },
    ]
    assert ask(store, "troop-deployments", country="Valdoria") == rows
    for who in ("kestrian federation", "KESTRIA", "country:KST"):  # alias, any case, id
        assert pick(ask(store, "troop-deployments", country=who), "sender") == [("Kestria",)]
    assert ask(store, "troop-deployments", country="Morvania") == []
    assert ask(store, "troop-deployments", country="country:kst") == []  # ids are exact
    assert ask(store, "troop-deployments", sentences="1", limit="1")[0]["sentences"] == [S_DEPLOY_1]
    assert ask(store, "troop-deployments", sentences=0)[0]["sentences"] == []
    assert pick(ask(store, "troop-deployments", limit=1), "sender") == [("Kestria",)]


def test_troop_deployment_sentences_come_from_the_kept_ids_or_from_the_claims(store):
    """A relationship keeps the ids of its first sentences; asked for more than it keeps, or
    on a graph written before it kept them, the query reads its claims instead."""
    reports = []
    for day in range(1, 9):  # eight dispatches, each saying it once
        text = f"Kestria sent troops to Valdoria on day {day}."
        doc = Document(f"d{day}", text, published=f"2024-05-0{day}")
        reports.append((doc, [fact(doc, 0, text, KESTRIA, "SENT_TROOPS_TO", VALDORIA)]))
    write(store, *reports)
    said = [f"Kestria sent troops to Valdoria on day {day}." for day in range(1, 9)]
    assert ask(store, "troop-deployments")[0]["sentences"] == said[:3]  # the first three articles
    assert ask(store, "troop-deployments", sentences=8)[0]["sentences"] == said  # all of them
    assert ask(store, "troop-deployments", sentences=20)[0]["sentences"] == said
    store.query("MATCH ()-[r:SENT_TROOPS_TO]->() REMOVE r.first_sentences", write=True)
    found = ask(store, "troop-deployments")[0]["sentences"]
    assert len(found) == 3 and set(found) <= set(said)  # three of them, from the claims


def test_invitations(store):
    world(store)
    expected = [
        {
            "inviter": "Anton Ferrek",
            "inviter_id": "person:anton-ferrek",
            "invitee": "Kestria",
            "invitee_id": "country:KST",
            "mentions": 1,
            "articles": 1,
            "first_date": "2024-01-02",
            "last_date": "2024-01-02",
            "modality": "asserted",
            "sentences": [S_INVITE],
        }
    ]
    assert ask(store, "invitations") == expected  # the CONDEMNED and MET_WITH edges are not invitations
    assert ask(store, "invitations", actor="ferrek") == expected  # an alias
    assert ask(store, "invitations", actor="Kestria") == expected
    assert ask(store, "invitations", actor="Morvania") == []


def test_condemned_or_accused(store):
    world(store)
    rows = ask(store, "condemned-or-accused", target="Kestria")
    assert pick(rows, "actor", "relation", "target", "mentions", "first_date", "modality", "sentences") == [
        ("Morvania", "CONDEMNED", "Kestria", 1, "2024-01-04", "asserted", [S_CONDEMN]),
        ("Trelland", "ACCUSED", "Kestria", 1, None, "alleged", [S_ACCUSE]),
    ]  # not the MET_WITH, SANCTIONED or INVITED edges into Kestria
    assert ask(store, "condemned-or-accused", target="Trelland") == []
    with pytest.raises(KgError, match="needs parameter 'target'"):
        ask(store, "condemned-or-accused")


def test_hostile_to(store):
    world(store)
    assert ask(store, "hostile-to", target="Kestria") == [
        {
            "actor": "Morvania",
            "actor_id": "country:MRV",
            "actor_type": "Country",
            "relations": ["CONDEMNED", "SANCTIONED"],
            "mentions": 2,
            "first_date": "2024-01-04",
            "last_date": "2024-02-12",
            "target": "Kestria",
            "target_id": "country:KST",
        },
        {
            "actor": "Trelland",
            "actor_id": "country:TRL",
            "actor_type": "Country",
            "relations": ["ACCUSED"],
            "mentions": 1,
            "first_date": None,
            "last_date": None,
            "target": "Kestria",
            "target_id": "country:KST",
        },
    ]  # MET_WITH (Morvania) and INVITED (Ferrek) are not hostile
    assert pick(ask(store, "hostile-to", target="Trelland"), "actor", "relations", "mentions") == [
        ("Kestria", ["ATTACKED", "THREATENED"], 2)
    ]
    assert pick(ask(store, "hostile-to", target="Pell miners"), "actor", "actor_type", "relations") == [
        ("Ostran League", "Organization", ["PROTESTED_AGAINST"])
    ]
    assert type(ask(store, "hostile-to", target="Kestria")[0]["mentions"]) is int
    assert ask(store, "hostile-to", target="Valdoria") == []  # troops sent are not hostility here
    assert len(ask(store, "hostile-to", target="Kestria", limit=1)) == 1


def test_leaders_of(store):
    world(store)
    assert ask(store, "leaders-of", entity="republic of valdoria") == [
        {
            "person": "Anton Ferrek",
            "person_id": "person:anton-ferrek",
            "relation": "LEADER_OF",
            "roles": ["president"],
            "entity": "Valdoria",
            "entity_id": "country:VLD",
            "mentions": 1,
            "first_date": None,
            "last_date": None,
            "modality": "asserted",
        },
        {
            "person": "Lida Voss",
            "person_id": "person:lida-voss",
            "relation": "OFFICIAL_OF",
            "roles": ["foreign minister"],
            "entity": "Valdoria",
            "entity_id": "country:VLD",
            "mentions": 1,
            "first_date": None,
            "last_date": None,
            "modality": "asserted",
        },
    ]
    assert ask(store, "leaders-of", entity="Kestria") == []


TIMELINE = [
    ("2024-01-02", "Anton Ferrek", "INVITED", "Kestria"),
    ("2024-01-03", "Kestria", "SENT_TROOPS_TO", "Valdoria"),
    ("2024-01-04", "Morvania", "CONDEMNED", "Kestria"),
    ("2024-02-08", "Morvania", "MET_WITH", "Kestria"),
    ("2024-02-10", "Kestria", "THREATENED", "Trelland"),  # undated: its article's date
    ("2024-02-10", "Trelland", "ACCUSED", "Kestria"),  # same date: by subject name
    ("2024-02-12", "Morvania", "SANCTIONED", "Kestria"),
    (None, "Kestria", "ATTACKED", "Trelland"),  # no date at all: last
]  # never the NATIONAL_OF state of the paratroopers


def test_timeline(store):
    world(store)
    rows = ask(store, "timeline", actor="Kestria")
    assert pick(rows, "date", "subject", "relation", "object") == TIMELINE
    assert rows[1] == {
        "date": "2024-01-03",
        "subject": "Kestria",
        "relation": "SENT_TROOPS_TO",
        "object": "Valdoria",
        "mentions": 2,
        "first_date": "2024-01-03",
        "last_date": "2024-02-01",
        "modality": "asserted",
        "subject_id": "country:KST",
        "object_id": "country:VLD",
    }
    assert rows[4]["first_date"] is None
    assert pick(ask(store, "timeline", actor="Kestria", since="2024-02"), "date", "relation") == [
        (t[0], t[2]) for t in TIMELINE[3:7]
    ]
    assert pick(ask(store, "timeline", actor="Kestria", until="2024-01"), "relation") == [
        (t[2],) for t in TIMELINE[:3]
    ]
    assert pick(
        ask(store, "timeline", actor="Kestria", since="2024-01-04", until="2024-02-10"), "relation"
    ) == [(t[2],) for t in TIMELINE[2:6]]
    assert len(ask(store, "timeline", actor="Kestria", limit=2)) == 2
    assert pick(ask(store, "timeline", actor="Lida Voss"), "relation") == []  # only a state


def test_timeline_sees_every_event_type_both_ways_and_a_self_relation_once(store):
    """The timeline walks each event type in each direction on its own: every type must be
    there both ways, and a relationship from the actor to itself comes once."""
    events = sorted(n for n, r in load_ontology().relations.items() if r.kind == "event")
    lines = [f"Dunmar {name.lower()} Sarn, and Sarn {name.lower()} Dunmar." for name in events]
    doc = Document("every-event", "\n".join(lines + ["Dunmar accused Dunmar of negligence."]))
    facts = []
    for index, (name, line) in enumerate(zip(events, lines)):
        facts += [
            fact(doc, index, line, DUNMAR, name, SARN, date=f"2024-03-{index + 1:02d}"),
            fact(doc, index, line, SARN, name, DUNMAR, date=f"2024-03-{index + 1:02d}"),
        ]
    facts.append(
        fact(
            doc,
            len(lines),
            "Dunmar accused Dunmar of negligence.",
            DUNMAR,
            "ACCUSED",
            DUNMAR,
            date="2024-04-01",
        )
    )
    write(store, (doc, facts))
    rows = pick(ask(store, "timeline", actor="Dunmar", limit=1000), "subject", "relation", "object")
    want = [(s, name, o) for name in events for s, o in (("Dunmar", "Sarn"), ("Sarn", "Dunmar"))]
    assert sorted(rows) == sorted(want + [("Dunmar", "ACCUSED", "Dunmar")])
    assert len(pick(ask(store, "timeline", actor="Sarn", limit=1000), "relation")) == 2 * len(events)


def test_evidence_names_who_a_claim_is_attributed_to(store):
    speaker = entity("person:jo-harlan", "Jo Harlan", "Person")
    kestria = entity("country:KST", "Kestria", "Country", iso3="KST")
    valdoria = entity("country:VLD", "Valdoria", "Country", iso3="VLD")
    doc = Document(
        "r1", "Jo Harlan said Kestria sent troops to Valdoria. Jo Harlan met Kestria.", title="Said"
    )
    write(
        store,
        (
            doc,
            [
                fact(
                    doc,
                    0,
                    "Jo Harlan said Kestria sent troops to Valdoria.",
                    kestria,
                    "SENT_TROOPS_TO",
                    valdoria,
                    modality="reported",
                    attributed_to="person:jo-harlan",
                ),
                fact(doc, 1, "Jo Harlan met Kestria.", speaker, "MET_WITH", kestria),
            ],
        ),
    )
    rows = ask(store, "evidence", subject="Kestria", object="Valdoria")
    assert [(r["modality"], r["attributed_to"]) for r in rows] == [("reported", "Jo Harlan")]


def test_evidence(store):
    world(store)
    rows = ask(store, "evidence", subject="Kestria", object="Valdoria")
    assert rows == [
        {
            "subject": "Kestria",
            "relation": "SENT_TROOPS_TO",
            "object": "Valdoria",
            "sentence": S_DEPLOY_1,
            "sentence_id": "a1#0",
            "article_id": "a1",
            "title": "Kestria deploys troops",
            "url": "https://news.example/a1",
            "published": "2024-01-05",
            "confidence": 0.9,
            "modality": "asserted",
            "date": "2024-01-03",
            "attributed_to": None,
            "sentence_index": 0,
        },
        {
            "subject": "Kestria",
            "relation": "SENT_TROOPS_TO",
            "object": "Valdoria",
            "sentence": S_DEPLOY_2,
            "sentence_id": "a2#3",
            "article_id": "a2",
            "title": "Tensions rise",
            "url": "https://news.example/a2",
            "published": "2024-02-10",
            "confidence": 0.7,
            "modality": "asserted",
            "date": "2024-02-01",
            "attributed_to": None,
            "sentence_index": 3,
        },
    ]
    assert ask(store, "evidence", subject="country:KST", relation="sent troops to", object="valdoria") == rows
    assert (
        ask(store, "evidence", subject="Kestria", relation="SENT_TROOPS_TO", object="Valdoria", limit=1)
        == rows[:1]
    )
    assert ask(store, "evidence", subject="Kestria", relation="INVITED", object="Valdoria") == []
    assert ask(store, "evidence", subject="Valdoria", object="Kestria") == []  # direction matters
    undated = ask(store, "evidence", subject="Kestria", object="Trelland")
    assert pick(undated, "relation", "sentence_id", "title", "published", "date") == [
        ("THREATENED", "a2#5", "Tensions rise", "2024-02-10", None),
        ("ATTACKED", "a3#0", "Undated dispatch", None, None),
    ]
    assert ask(store, "evidence", subject="Kestria", relation="attacked", object="Trelland") == undated[1:]


def test_shortest_path(store):
    world(store)
    rows = ask(store, "shortest-path", source="Kestria", target="Lida Voss")
    assert rows == [
        {
            "hops": 2,
            "names": ["Kestria", "Valdoria", "Lida Voss"],
            "ids": ["country:KST", "country:VLD", "person:lida-voss"],
            "relations": ["SENT_TROOPS_TO", "OFFICIAL_OF"],
            "forward": [True, False],
            "mentions": [2, 1],
        }
    ]
    back = ask(store, "shortest-path", source="lida voss", target="kestrian federation")
    assert pick(back, "names", "forward") == [(["Lida Voss", "Valdoria", "Kestria"], [True, False])]
    assert pick(ask(store, "shortest-path", source="Kestria", target="Valdoria"), "hops", "relations") == [
        (1, ["SENT_TROOPS_TO"])
    ]
    assert ask(store, "shortest-path", source="Kestria", target="Lida Voss", max_hops=1) == []
    far = ask(store, "shortest-path", source="Lida Voss", target="Port Elm")
    assert pick(far, "hops", "names") == [(4, ["Lida Voss", "Valdoria", "Kestria", "Trelland", "Port Elm"])]
    # Kestria and Trelland are linked three ways; any one will do, with its own direction
    steps = list(zip(far[0]["relations"], far[0]["forward"]))
    assert steps[:2] == [("OFFICIAL_OF", True), ("SENT_TROOPS_TO", False)]
    assert steps[2] in [("ATTACKED", True), ("THREATENED", True), ("ACCUSED", False)]
    assert steps[3] == ("CAPITAL_OF", False)
    assert ask(store, "shortest-path", source="Lida Voss", target="Port Elm", max_hops=3) == []
    three = ask(store, "shortest-path", source="Port Elm", target="Valdoria")
    assert pick(three, "hops", "names") == [(3, ["Port Elm", "Trelland", "Kestria", "Valdoria"])]
    assert ask(store, "shortest-path", source="Kestria", target="Kestria") == []


def test_shortest_path_never_goes_through_sentences(store):
    """The Ostran League and Dunmar share a sentence, but no relationship chain links them."""
    world(store)
    assert ask(store, "co-mentioned", entity="Ostran League")[0]["other"] == "Dunmar"
    assert ask(store, "shortest-path", source="Ostran League", target="Dunmar") == []
    assert ask(store, "shortest-path", source="Ostran League", target="Kestria") == []
    path = ask(store, "shortest-path", source="Anton Ferrek", target="Trelland")[0]
    assert path["names"] == ["Anton Ferrek", "Kestria", "Trelland"]  # over INVITED, not a sentence


def test_most_active(store):
    world(store)
    rows = ask(store, "most-active")
    assert pick(rows, "actor", "type", "mentions", "events", "relations") == [
        ("Kestria", "Country", 4, 3, ["ATTACKED", "SENT_TROOPS_TO", "THREATENED"]),
        ("Morvania", "Country", 3, 3, ["CONDEMNED", "MET_WITH", "SANCTIONED"]),
        ("Anton Ferrek", "Person", 1, 1, ["INVITED"]),  # his LEADER_OF is a state
        ("Dunmar", "Country", 1, 1, ["CLASHED_WITH"]),
        ("Northern Compact", "Organization", 1, 1, ["SENT_TROOPS_TO"]),
        ("Ostran League", "Organization", 1, 1, ["PROTESTED_AGAINST"]),
        ("Trelland", "Country", 1, 1, ["ACCUSED"]),
    ]
    assert rows[0]["actor_id"] == "country:KST"
    assert all(type(row["mentions"]) is int for row in rows)  # FalkorDB's sum() is a float
    assert pick(ask(store, "most-active", type="person"), "actor") == [("Anton Ferrek",)]
    assert ask(store, "most-active", type="City") == []
    assert pick(ask(store, "most-active", limit=2), "actor") == [("Kestria",), ("Morvania",)]


def test_co_mentioned(store):
    world(store)
    rows = ask(store, "co-mentioned", entity="Kestria")
    assert pick(rows, "entity", "other", "sentences", "articles") == [
        ("Kestria", "Morvania", 3, 2),
        ("Kestria", "Trelland", 3, 2),
        ("Kestria", "Valdoria", 2, 2),
        ("Kestria", "Anton Ferrek", 1, 1),
        ("Kestria", "Kestrian paratroopers", 1, 1),
    ]
    assert rows[0]["entity_id"] == "country:KST" and rows[0]["other_id"] == "country:MRV"
    everything = ask(store, "co-mentioned", limit=100)
    pairs = pick(everything, "entity_id", "other_id")
    assert all(a < b for a, b in pairs) and len(pairs) == len(set(pairs))
    assert len(pairs) == 9 + 6  # 9 pairs from two-entity sentences, 6 from the four-entity one
    assert pick(everything[:2], "entity", "other", "sentences") == [
        ("Kestria", "Morvania", 3),
        ("Kestria", "Trelland", 3),
    ]
    assert ask(store, "co-mentioned", entity="Nowhere") == []


def test_entity_relations(store):
    world(store)
    rows = ask(store, "entity-relations", entity="Valdoria")
    assert pick(rows, "direction", "relation", "other", "other_type", "mentions", "articles", "roles") == [
        ("in", "SENT_TROOPS_TO", "Kestria", "Country", 2, 2, []),
        ("in", "LEADER_OF", "Anton Ferrek", "Person", 1, 1, ["president"]),
        ("in", "OFFICIAL_OF", "Lida Voss", "Person", 1, 1, ["foreign minister"]),
        ("in", "SENT_TROOPS_TO", "Northern Compact", "Organization", 1, 1, []),
    ]
    out = ask(store, "entity-relations", entity="Morvania")
    assert pick(out, "direction", "relation", "other") == [
        ("out", "CONDEMNED", "Kestria"),
        ("out", "MET_WITH", "Kestria"),
        ("out", "SANCTIONED", "Kestria"),
    ]
    assert pick(
        ask(store, "entity-relations", entity="Kestria", relation="met with"), "direction", "other"
    ) == [("in", "Morvania")]


def test_articles_about(store):
    world(store)
    assert ask(store, "articles-about", entity="Kestria") == [
        {
            "article_id": "a2",
            "title": "Tensions rise",
            "url": "https://news.example/a2",
            "published": "2024-02-10",
            "sentences": 5,
        },
        {
            "article_id": "a1",
            "title": "Kestria deploys troops",
            "url": "https://news.example/a1",
            "published": "2024-01-05",
            "sentences": 3,
        },
        {"article_id": "a3", "title": "Undated dispatch", "url": None, "published": None, "sentences": 2},
    ]
    assert pick(ask(store, "articles-about", entity="Sarn"), "article_id") == [("a4",)]


def test_label_and_relation_counts(store):
    world(store)
    expected_labels = [
        ("Article", 4),
        ("City", 1),
        ("Claim", 16),
        ("Country", 6),
        ("Entity", 13),
        ("Group", 2),
        ("Organization", 2),
        ("Person", 2),
        ("Sentence", 15),
    ]
    assert pick(ask(store, "label-counts"), "label", "nodes") == expected_labels
    expected_types = [
        ("ACCUSED", 1, 1),
        ("ATTACKED", 1, 1),
        ("CAPITAL_OF", 1, 1),
        ("CLASHED_WITH", 1, 1),
        ("CONDEMNED", 1, 1),
        ("CO_MENTIONED", 15, 0),
        ("HAS_CLAIM", 16, 0),
        ("HAS_SENTENCE", 15, 0),
        ("INVITED", 1, 1),
        ("LEADER_OF", 1, 1),
        ("MENTIONS", 18, 0),  # (article, entity): 32 (sentence, entity) pairs before graph model 2
        ("MET_WITH", 1, 1),
        ("NATIONAL_OF", 1, 1),
        ("OBJECT", 16, 0),
        ("OFFICIAL_OF", 1, 1),
        ("PROTESTED_AGAINST", 1, 1),
        ("SANCTIONED", 1, 1),
        ("SENT_TROOPS_TO", 2, 3),
        ("SUBJECT", 16, 0),
        ("THREATENED", 1, 1),
    ]
    counts = ask(store, "relation-counts")
    assert sorted(pick(counts, "relation", "relationships", "mentions")) == expected_types
    # the ontology's relations first, then the graph's structure
    kinds = [row["kind"] for row in counts]
    assert kinds == sorted(kinds) and set(kinds) == {"fact", "structure"}
    structure = {row["relation"] for row in counts if row["kind"] == "structure"}
    assert structure == {"CO_MENTIONED", "HAS_CLAIM", "HAS_SENTENCE", "MENTIONS", "OBJECT", "SUBJECT"}
    # the counts the writer keeps are what a scan of the graph finds
    scanned = store.query(
        "MATCH (n) WHERE NOT n:Count WITH labels(n) AS labels, count(*) AS nodes "
        "UNWIND labels AS label RETURN label, toInteger(sum(nodes)) ORDER BY label"
    ).rows
    assert [tuple(row) for row in scanned] == expected_labels
    scanned = store.query(
        "MATCH ()-[r]->() RETURN type(r), count(r), toInteger(sum(coalesce(r.mentions, 0))) ORDER BY type(r)"
    ).rows
    assert [tuple(row) for row in scanned] == expected_types
    assert all(type(row["mentions"]) is int for row in ask(store, "relation-counts"))


def test_dyad_gives_the_events_between_two_actors_by_month_and_quad_class(store):
    world(store)
    scale = load_ontology().relations
    rows = ask(store, "dyad", a="Kestria", b="Trelland", min_confidence=0)
    # a2 (published 2024-02-10): Trelland accused Kestria, Kestria threatened Trelland; a3 has
    # no date at all: Kestria attacked Trelland
    accused, threatened, attacked = scale["ACCUSED"], scale["THREATENED"], scale["ATTACKED"]
    assert accused.quad_class == threatened.quad_class
    assert pick(rows, "month", "quad_class", "sentences", "from_a", "from_b", "relations") == [
        ("2024-02", accused.quad_class, 2, 1, 1, ["ACCUSED", "THREATENED"]),
        ("undated", attacked.quad_class, 1, 1, 0, ["ATTACKED"]),
    ]
    assert rows[0]["goldstein"] == pytest.approx((accused.goldstein + threatened.goldstein) / 2)
    assert rows[1]["goldstein"] == pytest.approx(attacked.goldstein)
    # swapping the actors swaps the directions, nothing else
    swapped = ask(store, "dyad", a="Trelland", b="Kestria", min_confidence=0)
    assert pick(swapped, "month", "from_a", "from_b") == [("2024-02", 1, 1), ("undated", 0, 1)]
    # states are no events: Port Elm is Trelland's capital, and that is not on the scale
    assert ask(store, "dyad", a="Port Elm", b="Trelland", min_confidence=0) == []
    # only the sentences kg is sure enough of: 2024-01 at 0.9, 2024-02 at 0.7
    assert [r["month"] for r in ask(store, "dyad", a="Kestria", b="Valdoria")] == ["2024-01", "2024-02"]
    assert [r["month"] for r in ask(store, "dyad", a="Kestria", b="Valdoria", min_confidence=0.8)] == [
        "2024-01"
    ]


def test_an_ontology_parameter_is_bound_by_kg_never_given():
    with pytest.raises(KgError, match="bound from the ontology"):
        get_named_query("dyad").bind({"a": "x", "b": "y", "goldstein": "1"})
    bound = get_named_query("dyad").bind({"a": "x", "b": "y"})
    assert bound["goldstein"]["ATTACKED"] == load_ontology().relation("ATTACKED").goldstein
    assert "LEADER_OF" not in bound["quad_classes"]
    with pytest.raises(KgError, match="an ontology parameter"):
        parse_named_query(
            "// name: x\n// description: d\n// param: weights ontology optional  w\n// example: kg ask x\n"
            "RETURN $weights"
        )


def test_most_hostile_and_most_cooperative_rank_pairs_by_intensity(store):
    world(store)
    scale = {name: r.goldstein for name, r in load_ontology().relations.items()}
    hostile = ask(store, "most-hostile", min_confidence=0)
    assert hostile and all(r["intensity"] < 0 for r in hostile)
    assert [r["intensity"] for r in hostile] == sorted(r["intensity"] for r in hostile)
    pair = {(r["actor"], r["other"]): r for r in hostile}
    kt = pair[("Kestria", "Trelland")]  # attacked (undated) and threatened (a2, 2024-02)
    assert kt["intensity"] == pytest.approx(scale["ATTACKED"] + scale["THREATENED"])
    assert (kt["sentences"], sorted(kt["relations"])) == (2, ["ATTACKED", "THREATENED"])
    # a date range leaves out the undated attack
    ranged = {
        (r["actor"], r["other"]): r for r in ask(store, "most-hostile", since="2024-02", min_confidence=0)
    }
    assert ranged[("Kestria", "Trelland")]["intensity"] == pytest.approx(scale["THREATENED"])
    friendly = ask(store, "most-cooperative", min_confidence=0)
    assert friendly and all(r["intensity"] > 0 for r in friendly)
    assert [r["intensity"] for r in friendly] == sorted((r["intensity"] for r in friendly), reverse=True)
    assert ("Morvania", "Kestria") in {(r["actor"], r["other"]) for r in friendly}  # met with
