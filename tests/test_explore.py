"""kg.explore on a small invented graph: entity look-up, cards, paths and counts."""

from __future__ import annotations

import re

import pytest
from graphtools import entity, fact, write

from kg import explore
from kg.core.errors import KgError
from kg.core.model import Document
from kg.explore import (
    MAX_HOPS,
    CardRelation,
    EntityCard,
    GraphStats,
    PathResult,
    PathStep,
    entity_card,
    find_entity,
    find_path,
    format_card,
    format_path,
    format_path_evidence,
    format_stats,
    graph_stats,
    suggest_entities,
)
from kg.named_queries import get_named_query

OSTROVIA = entity("country:OST", "Ostrovia", "Country", "Ostrovian Republic", iso3="OST")
BELMARK = entity("country:BLM", "Belmark", "Country", iso3="BLM")
RAKOS = entity("country:RKS", "Rakos", "Country", iso3="RKS")
VINT = entity("country:VNT", "Vint", "Country", iso3="VNT")
MAREK = entity("person:marek-dul", "Marek Dul", "Person", "Dul")
DUL_FEDERATION = entity("organization:dul", "Dul", "Organization")

D1 = Document(
    "d1",
    "Belmark sent troops to Ostrovia. "
    "Marek Dul, the president of Ostrovia, welcomed them. "
    "Belmark sent troops to Ostrovia once more. "
    "The Dul federation condemned Belmark. "
    "Marek Dul met with Belmark. "
    "Marek Dul accused Belmark of meddling. "
    "Ostrovia invited Belmark.",
    title="Ostrovia",
    published="2023-05-02",
)
D2 = Document("d2", "Rakos clashed with Vint.")


def small_world(store):
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
                    "Belmark sent troops to Ostrovia once more.",
                    BELMARK,
                    "SENT_TROOPS_TO",
                    OSTROVIA,
                    date="2023-05-09",
                ),
                fact(D1, 3, "The Dul federation condemned Belmark.", DUL_FEDERATION, "CONDEMNED", BELMARK),
                fact(D1, 4, "Marek Dul met with Belmark.", MAREK, "MET_WITH", BELMARK),
                fact(D1, 5, "Marek Dul accused Belmark of meddling.", MAREK, "ACCUSED", BELMARK),
                fact(D1, 6, "Ostrovia invited Belmark.", OSTROVIA, "INVITED", BELMARK),
            ],
        ),
        (D2, [fact(D2, 0, "Rakos clashed with Vint.", RAKOS, "CLASHED_WITH", VINT)]),
    )


def test_own_statements_name_only_structural_labels():
    from kg.resolution import candidates, lookup

    for statement in (
        explore.ENTITY_NAMES,
        explore.ENTITY_COUNT,
        lookup.NODES_WITHOUT_KEYS,
        lookup.SET_KEYS,
        lookup.NODES_RANKED,
        lookup.NODES_BY_NAME,
        candidates.NODES_BY_KEY,
        candidates.NODES_BY_ID,
    ):
        labels = {a or b for a, b in re.findall(r"\w:([A-Z]\w*)|\(:([A-Z]\w*)", statement)}
        assert labels == {"Entity"}
    assert set(re.findall(r"\w:([A-Z]\w*)", lookup.SHARED_SURNAMES)) == {"Person"}


# -- find_entity -----------------------------------------------------------------------------


def test_find_entity_by_id_name_or_alias(store):
    small_world(store)
    expected = {
        "id": "country:OST",
        "name": "Ostrovia",
        "aliases": ["Ostrovian Republic"],
        "iso3": "OST",
        "type": "Country",
    }
    for name in ("country:OST", "Ostrovia", "OSTROVIA", " ostrovian republic "):
        assert find_entity(store, name) == expected


def test_find_entity_prefers_the_most_connected(store):
    """'Dul' is the federation's name and Marek Dul's alias; he has three relationships, it one."""
    small_world(store)
    assert find_entity(store, "dul")["id"] == "person:marek-dul"
    assert find_entity(store, "organization:dul")["type"] == "Organization"


def test_find_entity_prefers_a_name_to_an_alias_when_equally_connected(store):
    write(
        store,
        (
            D2,
            [
                fact(
                    D2,
                    0,
                    "Rakos clashed with Vint.",
                    entity("country:RKS", "Rakos", "Country", "Vint"),
                    "CLASHED_WITH",
                    VINT,
                )
            ],
        ),
    )
    assert find_entity(store, "vint")["id"] == "country:VNT"


def test_unknown_entity_suggests_close_names(store):
    small_world(store)
    with pytest.raises(KgError) as info:
        find_entity(store, "Ostrowia")
    assert str(info.value) == "no entity named 'Ostrowia'; did you mean: Ostrovia (country:OST)?"
    with pytest.raises(KgError, match=r"did you mean: Ostrovia \(country:OST\)\?"):
        find_entity(store, "Ostrovian Repulic")  # close to an alias
    with pytest.raises(KgError) as info:
        find_entity(store, "Belmarc")
    assert str(info.value) == "no entity named 'Belmarc'; did you mean: Belmark (country:BLM)?"
    with pytest.raises(KgError) as info:
        find_entity(store, "Quetzal")
    assert str(info.value) == "no entity named 'Quetzal', and none with a similar name or alias"


def test_suggestions_are_ranked_and_capped(store):
    small_world(store)
    assert suggest_entities(store, "Marek") == [("Marek Dul", "person:marek-dul")]  # one word of it
    assert suggest_entities(store, "Dull") == [("Dul", "organization:dul"), ("Marek Dul", "person:marek-dul")]
    assert len(suggest_entities(store, "Rakos", limit=1)) == 1
    assert suggest_entities(store, "zzzz") == []


def test_find_entity_on_an_empty_graph(store):
    with pytest.raises(KgError, match="no entity named 'Ostrovia': the graph has no entities yet"):
        find_entity(store, "Ostrovia")
    with pytest.raises(KgError, match="no entity name given"):
        find_entity(store, "  ")


# -- cards -----------------------------------------------------------------------------------


def test_entity_card(store):
    small_world(store)
    card = entity_card(store, "ostrovian republic")
    assert card == EntityCard(
        id="country:OST",
        name="Ostrovia",
        type="Country",
        aliases=("Ostrovian Republic",),
        iso3="OST",
        wikidata=None,
        outgoing=(CardRelation("INVITED", "country:BLM", "Belmark", 1, 1),),
        incoming=(
            CardRelation("SENT_TROOPS_TO", "country:BLM", "Belmark", 2, 1, "2023-05-01", "2023-05-09"),
            CardRelation("LEADER_OF", "person:marek-dul", "Marek Dul", 1, 1, roles=("president",)),
        ),
    )
    assert card.to_dict()["incoming"][1]["roles"] == ("president",)


def test_entity_card_sorts_by_mentions_then_type(store):
    small_world(store)
    card = entity_card(store, "Belmark")
    assert [(r.type, r.other_name, r.mentions) for r in card.outgoing] == [("SENT_TROOPS_TO", "Ostrovia", 2)]
    assert [(r.type, r.other_name) for r in card.incoming] == [
        ("ACCUSED", "Marek Dul"),
        ("CONDEMNED", "Dul"),
        ("INVITED", "Ostrovia"),
        ("MET_WITH", "Marek Dul"),
    ]


def test_format_card(store):
    small_world(store)
    assert format_card(entity_card(store, "Ostrovia")) == "\n".join(
        [
            "Ostrovia  [Country]  country:OST",
            "  also: Ostrovian Republic",
            "  iso3: OST",
            "  outgoing (1):",
            "    INVITED  -> Belmark (country:BLM)  1 mention, 1 article",
            "  incoming (2):",
            "    SENT_TROOPS_TO  <- Belmark (country:BLM)                      "
            "2 mentions, 1 article, 2023-05-01 .. 2023-05-09",
            "    LEADER_OF       <- Marek Dul (person:marek-dul) as president  1 mention, 1 article",
        ]
    )
    lonely = EntityCard(
        id="country:RKS",
        name="Rakos",
        type="Country",
        outgoing=tuple(
            CardRelation("MET_WITH", f"c:{i}", f"C{i}", 1, 1, "2020-01-01", "2020-01-01") for i in range(3)
        ),
    )
    assert format_card(lonely, max_relations=2) == "\n".join(
        [
            "Rakos  [Country]  country:RKS",
            "  outgoing (3):",
            "    MET_WITH  -> C0 (c:0)  1 mention, 1 article, 2020-01-01",
            "    MET_WITH  -> C1 (c:1)  1 mention, 1 article, 2020-01-01",
            "    ... and 1 more",
            "  incoming (0)",
        ]
    )


def test_entity_card_of_an_unknown_name(store):
    small_world(store)
    with pytest.raises(KgError, match="did you mean: Belmark"):
        entity_card(store, "Belmrk")


# -- paths -----------------------------------------------------------------------------------


def test_find_path(store):
    small_world(store)
    path = find_path(store, "Belmark", "Marek Dul")
    assert path is not None and path.hops == 1
    # he met with Belmark and accused it: either relationship is a shortest path
    assert format_path(path) in ("Belmark <-[ACCUSED]- Marek Dul", "Belmark <-[MET_WITH]- Marek Dul")
    path = find_path(store, "Rakos", "Vint")
    assert path == PathResult(
        ids=("country:RKS", "country:VNT"),
        names=("Rakos", "Vint"),
        steps=(PathStep("CLASHED_WITH", True, 1),),
    )
    assert format_path(path) == "Rakos -[CLASHED_WITH]-> Vint"
    assert path.to_dict() == {
        "hops": 1,
        "ids": ["country:RKS", "country:VNT"],
        "names": ["Rakos", "Vint"],
        "steps": [{"relation": "CLASHED_WITH", "forward": True, "mentions": 1, "evidence": None}],
    }


def test_each_step_of_a_path_carries_its_sentence_article_and_date(store):
    small_world(store)
    path = find_path(store, "Rakos", "Vint", evidence=True)
    found = path.steps[0].evidence
    assert (found.sentence, found.article) == ("Rakos clashed with Vint.", "d2")
    text = format_path_evidence(path)
    assert text.splitlines()[0] == "Rakos -[CLASHED_WITH]-> Vint"
    assert '"Rakos clashed with Vint."' in text and "(undated; asserted) d2" in text
    # two hops: every step has its own sentence, in the direction the relationship points
    path = find_path(store, "organization:dul", "Ostrovia", evidence=True)
    sentences = [step.evidence.sentence for step in path.steps]
    assert sentences[0] == "The Dul federation condemned Belmark."
    assert sentences[1] in ("Belmark sent troops to Ostrovia.", "Ostrovia invited Belmark.")
    if path.steps[1].relation == "SENT_TROOPS_TO":  # the first of two equally sure sentences, dated
        assert path.steps[1].evidence.date == "2023-05-01"
    assert path.steps[0].evidence.title == "Ostrovia" and path.steps[0].evidence.published == "2023-05-02"
    assert path.to_dict()["steps"][0]["evidence"]["sentence"] == sentences[0]


def test_find_path_mixed_directions(store):
    small_world(store)
    path = find_path(store, "Dul", "Ostrovia")  # the alias resolves to Marek Dul: one step
    assert format_path(path) == "Marek Dul -[LEADER_OF]-> Ostrovia"
    path = find_path(store, "organization:dul", "Marek Dul")
    assert path.names == ("Dul", "Belmark", "Marek Dul")
    assert format_path(path) in (
        "Dul -[CONDEMNED]-> Belmark <-[ACCUSED]- Marek Dul",
        "Dul -[CONDEMNED]-> Belmark <-[MET_WITH]- Marek Dul",
    )
    path = find_path(store, "organization:dul", "Ostrovia")
    assert path.hops == 2 and path.names == ("Dul", "Belmark", "Ostrovia")
    assert format_path(path) in (
        "Dul -[CONDEMNED]-> Belmark -[SENT_TROOPS_TO]-> Ostrovia",
        "Dul -[CONDEMNED]-> Belmark <-[INVITED]- Ostrovia",
    )


def test_find_path_none_same_and_bounds(store):
    small_world(store)
    assert find_path(store, "Ostrovia", "Rakos") is None  # another component
    assert find_path(store, "organization:dul", "Ostrovia", max_hops=1) is None
    same = find_path(store, "Ostrovia", "ostrovian republic")
    assert same == PathResult(ids=("country:OST",), names=("Ostrovia",), steps=())
    assert format_path(same) == "Ostrovia"
    for bad in (0, MAX_HOPS + 1):
        with pytest.raises(KgError, match=f"max_hops must be between 1 and {MAX_HOPS}, got {bad}"):
            find_path(store, "Ostrovia", "Belmark", max_hops=bad)
    with pytest.raises(KgError, match="no entity named 'Rakoss'; did you mean: Rakos"):
        find_path(store, "Ostrovia", "Rakoss")


def test_max_hops_is_what_the_query_can_reach():
    """The query searches chains of 1 to 4 steps (in both of its directions)."""
    cypher = get_named_query("shortest-path").cypher
    assert cypher.count("*1..4]") == 2 and MAX_HOPS == 4


def test_format_path_example():
    path = PathResult(
        ids=("c:R", "c:K", "p:T"),
        names=("Ruvonia", "Kelmar", "Toma Kay"),
        steps=(PathStep("SENT_TROOPS_TO", True), PathStep("LEADER_OF", False)),
    )
    assert format_path(path) == "Ruvonia -[SENT_TROOPS_TO]-> Kelmar <-[LEADER_OF]- Toma Kay"


# -- counts ----------------------------------------------------------------------------------


def test_graph_stats(store):
    small_world(store)
    stats = graph_stats(store)
    assert (stats.articles, stats.sentences, stats.entities) == (2, 8, 6)
    assert stats.classes == {"Country": 4, "Organization": 1, "Person": 1}
    assert stats.relations == {
        "ACCUSED": 1,
        "CLASHED_WITH": 1,
        "CONDEMNED": 1,
        "INVITED": 1,
        "LEADER_OF": 1,
        "MET_WITH": 1,
        "SENT_TROOPS_TO": 1,
    }
    assert stats.relationships["HAS_SENTENCE"] == 8 and stats.relationships["HAS_CLAIM"] == 8
    # MENTIONS: one per (article, entity) its claims name (16 (sentence, entity) in graph model 1)
    mentions = stats.relationships["MENTIONS"]
    assert mentions == store.query("MATCH (a:Article)-[m:MENTIONS]->(e:Entity) RETURN count(m)").value()
    assert (
        mentions
        == store.query("""MATCH (a:Article)-[:HAS_SENTENCE]->()-[:HAS_CLAIM]->()-->(e:Entity)
                                      RETURN count(DISTINCT [a.id, e.id])""").value()
    )
    assert stats.mentions["SENT_TROOPS_TO"] == 2
    data = stats.to_dict()
    assert data == {
        "articles": 2,
        "sentences": 8,
        "entities": 6,
        "relationships": 7,
        "classes": {"Country": 4, "Organization": 1, "Person": 1},
        "relations": stats.relations,
        "mentions": {**{k: 1 for k in stats.relations}, "SENT_TROOPS_TO": 2},
        "nodes": {
            "Article": 2,
            "Claim": 8,
            "Country": 4,
            "Entity": 6,
            "Organization": 1,
            "Person": 1,
            "Sentence": 8,
        },
        "all_relationships": {
            **stats.relations,
            "HAS_SENTENCE": 8,
            "HAS_CLAIM": 8,
            "SUBJECT": 8,
            "OBJECT": 8,
            "MENTIONS": mentions,
            "CO_MENTIONED": stats.relationships["CO_MENTIONED"],
        },
    }
    assert format_stats(stats) == "\n".join(
        [
            "2 articles, 8 sentences, 6 entities, 7 relationships",
            "entities:",
            "  Country              4",
            "  Organization         1",
            "  Person               1",
            "relationships (sentences):",
            "  ACCUSED                  1 (1)",
            "  CLASHED_WITH             1 (1)",
            "  CONDEMNED                1 (1)",
            "  INVITED                  1 (1)",
            "  LEADER_OF                1 (1)",
            "  MET_WITH                 1 (1)",
            "  SENT_TROOPS_TO           1 (2)",
        ]
    )


def test_graph_stats_of_an_empty_graph(store):
    stats = graph_stats(store)
    assert stats == GraphStats()
    assert stats.to_dict() == {
        "articles": 0,
        "sentences": 0,
        "entities": 0,
        "relationships": 0,
        "classes": {},
        "relations": {},
        "mentions": {},
        "nodes": {},
        "all_relationships": {},
    }
    assert format_stats(stats) == stats.format() == "0 articles, 0 sentences, 0 entities, 0 relationships"
