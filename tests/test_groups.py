"""An unnamed group never joins two wars (issue 20): a group's identity is its country, from
its phrase, the article's other groups of its kind, or the article's focus country; else it is
local to its article. Real spaCy and FalkorDB; the articles are written for these tests."""

from __future__ import annotations

import json

import pytest
from clitools import kg

from kg.core.model import Document
from kg.pipeline import Pipeline

SYRIA = (
    "Rebels attack army garrison\n\n"
    "Rebels attacked the army garrison in the town of Saraqib on Monday, the government of Syria said. "
    "The government accused the rebels of shelling civilians. Russia said it would support the government.\n"
)
SOMALIA = (
    "Rebels attack police station\n\n"
    "Rebels attacked a police station in Baidoa on Sunday, Somalia's government said. "
    "The government accused the rebels of killing civilians. Kenya said it would support the government.\n"
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def groups(pipeline: Pipeline, text: str, doc_id: str = "d") -> set[str]:
    found = pipeline.assertions(Document(id=doc_id, text=text))
    return {e.id for a in found for e in (a.subject.entity, a.object.entity) if e.type == "Group"}


def test_two_wars_in_one_graph_share_no_node(kg_home, tmp_path):
    (tmp_path / "syria.txt").write_text(SYRIA)
    (tmp_path / "somalia.txt").write_text(SOMALIA)
    assert kg("ingest", tmp_path).exit_code == 0
    shared = kg(
        "query",
        "MATCH (a:Article)-[:MENTIONS]->(e)<-[:MENTIONS]-(b:Article) WHERE a <> b RETURN e.id",
        "--format",
        "json",
    )
    assert json.loads(shared.stdout) == []
    assert kg("path", "Russia", "Kenya").exit_code == 1  # no path: nothing joins the two wars
    supported = kg(
        "query", "MATCH (s)-[:SUPPORTED]->(o) RETURN s.id AS s, o.id AS o ORDER BY s", "--format", "json"
    )
    assert json.loads(supported.stdout) == [
        {"s": "country:KEN", "o": "group:SOM:government"},
        {"s": "country:RUS", "o": "group:SYR:government"},
    ]


def test_the_phrase_names_the_country(pipeline):
    assert "group:CHL:military" in groups(pipeline, "Chilean soldiers attacked the town of Tacna.")
    assert "group:PER:government" in groups(
        pipeline, "Peru's government condemned the attack by Chile on Tacna."
    )


def test_the_same_kind_of_group_earlier_in_the_article_is_the_same_group(pipeline):
    text = "Ghana's government closed the border. Later the government accused Togo of arming rebels."
    assert "group:GHA:government" in groups(pipeline, text)
    assert not any(g.startswith("group:government") for g in groups(pipeline, text))


def test_without_a_country_a_group_is_local_to_its_article(pipeline):
    text = "Gunmen attacked a convoy near the border. Police arrested the gunmen on Friday."
    found = groups(pipeline, text, doc_id="convoy")
    assert found and all(g.endswith("@convoy") for g in found)
    assert groups(pipeline, text, doc_id="other") == {g.replace("@convoy", "@other") for g in found}


def test_the_focus_country_gives_unnamed_groups_their_country(pipeline):
    text = (
        "Mali's army clashed with fighters near Gao. The army of Mali said Mali would not negotiate. "
        "Rebels attacked the town of Kidal in Mali."
    )
    assert "group:MLI:rebels" in groups(pipeline, text)


def test_most_active_rolls_groups_up_into_their_country_on_request(kg_home, tmp_path):
    (tmp_path / "chad.txt").write_text(
        "Chad acts\n\nChad sent troops to Niger. Chadian soldiers attacked rebels in Niger. "
        "The Chadian army attacked the town of Agadez in Niger.\n"
    )
    assert kg("ingest", tmp_path).exit_code == 0
    plain = json.loads(kg("ask", "most-active", "--format", "json").stdout)
    rolled = json.loads(kg("ask", "most-active", "-p", "rollup=true", "--format", "json").stdout)
    chad = {r["actor_id"]: r["mentions"] for r in plain}
    assert "group:TCD:military" in chad
    rolled_chad = next(r for r in rolled if r["actor_id"] == "country:TCD")
    assert rolled_chad["mentions"] == chad["country:TCD"] + chad["group:TCD:military"]
    assert not any(r["actor_id"] == "group:TCD:military" for r in rolled)


def persons(pipeline: Pipeline, text: str, doc_id: str = "d") -> set[str]:
    found = pipeline.assertions(Document(id=doc_id, text=text))
    return {e.id for a in found for e in (a.subject.entity, a.object.entity) if e.type == "Person"}


def test_a_title_without_a_name_is_its_holder_or_a_person_of_its_article(pipeline):
    # the president is not the prime minister the article names
    text = (
        "Chilean Prime Minister Ana Brask met Peruvian officials in Lima on Monday. "
        "Chile's president condemned Peru on Tuesday."
    )
    found = persons(pipeline, text, "pm")
    assert "person:ana-brask" in found
    assert any(p.endswith("@pm") and "president" in p for p in found), found
    # the article names the president: the description is that person
    named = (
        "Chilean President Jorge Vela met Peruvian officials in Lima on Monday. "
        "Chile's president condemned Peru on Tuesday."
    )
    assert not any("@" in p for p in persons(pipeline, named, "pr")), persons(pipeline, named, "pr")


def test_a_state_organ_is_of_its_country_or_of_its_article(pipeline):
    def organs(text: str, doc_id: str) -> set[str]:
        found = pipeline.assertions(Document(id=doc_id, text=text))
        return {e.id for a in found for e in (a.subject.entity, a.object.entity) if e.type == "Organization"}

    text = "The Chilean Ministry of Defence accused Peru of shelling the village of Tacna."
    assert organs(text, "a") == organs(text, "b") == {"organization:CHL:chilean-ministry-of-defence"}
    bare = "The Foreign Ministry condemned Peru on Monday."
    assert organs(bare, "a") == {"organization:foreign-ministry@a"}
    assert organs(bare, "b") == {"organization:foreign-ministry@b"}


def test_kg_path_labels_an_actor_local_to_its_article(kg_home, tmp_path):
    (tmp_path / "raid.txt").write_text(
        "Rebels attacked Peru and Bolivia on Monday. Chile condemned the rebels.\n"
    )
    assert kg("ingest", tmp_path).exit_code == 0
    found = kg("path", "Chile", "Peru")
    assert found.exit_code == 0, found.output
    assert "rebels [local to raid]" in found.stdout


def test_a_group_a_people_or_movement_names_is_that_group_in_its_article():
    from kg.core.model import Document
    from kg.pipeline import Pipeline

    text = (
        "Turkish troops clashed with Kurdish fighters near the border. The fighters later attacked a "
        "police station in Van. Armed men attacked a convoy in Mosul."
    )
    found = Pipeline().assertions(Document(id="qualified", text=text))
    attackers = {a.subject.entity.id: a.subject.entity.name for a in found if a.predicate == "ATTACKED"}
    # "Kurdish fighters" and "the fighters" are one group named as written, local to the article
    assert attackers.get("group:kurdish-rebels@qualified") == "Kurdish rebels", attackers
    assert not any(name in {"Armed rebels"} for name in attackers.values()), attackers
