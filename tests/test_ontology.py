"""The ontology file against the v1 contract: names, kinds, domains, ranges, value lists."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from kg.core.errors import KgError
from kg.core.ontology import KG, Ontology, load_ontology

# The contract: these names are fixed (evaluation sets, queries and graph labels use them).
CLASSES = ["Country", "Region", "City", "Person", "Organization", "Group", "Event"]
EVENTS = [
    "SENT_TROOPS_TO",
    "INVADED",
    "ATTACKED",
    "KILLED",
    "ARRESTED",
    "OVERTHREW",
    "INVITED",
    "DEMANDED",
    "CONDEMNED",
    "ACCUSED",
    "THREATENED",
    "SANCTIONED",
    "PROTESTED_AGAINST",
    "CLASHED_WITH",
    "SUPPORTED",
    "MET_WITH",
    "RECOGNIZED",
]
STATES = ["LEADER_OF", "OFFICIAL_OF", "MEMBER_OF", "NATIONAL_OF", "LOCATED_IN", "CAPITAL_OF", "BASED_IN"]
SECTORS = (
    "military",
    "police",
    "government",
    "opposition",
    "protesters",
    "civilians",
    "rebels",
    "media",
    "business",
    "unknown",
)
MODALITIES = ("asserted", "reported", "alleged", "planned", "hypothetical", "negated")

ACTORS = {"Country", "Organization", "Group", "Person"}
PLACES = {"Country", "Region", "City"}


@pytest.fixture(scope="module")
def onto() -> Ontology:
    return load_ontology()


def lower_camel(name: str) -> str:
    first, *rest = name.lower().split("_")
    return first + "".join(part.capitalize() for part in rest)


def test_every_contract_class_is_a_concrete_class(onto):
    for name in CLASSES:
        cls = onto.classes[name]
        assert not cls.abstract
        assert cls.iri == KG[name]
        assert cls.label and cls.comment
    assert set(CLASSES) <= set(onto.concrete_classes)


def test_abstract_superclasses_cover_actors_and_places(onto):
    assert onto.classes["Actor"].abstract and onto.classes["Actor"].members == ACTORS
    assert onto.classes["Place"].abstract and onto.classes["Place"].members == PLACES
    assert onto.classes["Country"].parents == {"Actor", "Place"}
    assert onto.classes["Event"].parents == frozenset()


@pytest.mark.parametrize("name", EVENTS + STATES)
def test_every_contract_relation_is_present(onto, name):
    rel = onto.relation(name)
    assert rel.name == name
    assert rel.rdf_name == lower_camel(name)
    assert rel.iri == KG[lower_camel(name)]
    assert rel.kind == ("event" if name in EVENTS else "state")
    assert rel.label and rel.comment
    assert rel.domain and rel.range
    assert (rel.domain | rel.range) <= set(CLASSES)


def test_events_carry_plover_families_and_states_none(onto):
    for name in EVENTS:
        assert onto.relation(name).families, name
    for name in STATES:
        assert onto.relation(name).families == ()
    assert onto.relation("SENT_TROOPS_TO").families == ("AID", "MOBILIZE")
    assert onto.relation("CONDEMNED").families == ("ACCUSE", "DISAPPROVE")
    assert onto.relation("ARRESTED").families == ("COERCE",)


@pytest.mark.parametrize(
    ("name", "domain", "range_"),
    [
        ("SENT_TROOPS_TO", ACTORS, ACTORS | PLACES),
        ("INVADED", ACTORS, PLACES),
        ("ATTACKED", ACTORS, ACTORS | PLACES),
        ("KILLED", ACTORS, ACTORS),
        ("OVERTHREW", ACTORS, {"Person", "Organization", "Group"}),  # a government: extended
        ("CONDEMNED", ACTORS, ACTORS | {"Event"}),
        ("PROTESTED_AGAINST", ACTORS, ACTORS | {"Event"}),
        ("RECOGNIZED", ACTORS, ACTORS | PLACES),
        ("LEADER_OF", {"Person"}, {"Country", "Organization", "Group"}),
        ("OFFICIAL_OF", {"Person"}, {"Country", "Organization"}),
        ("MEMBER_OF", ACTORS, {"Organization"}),
        ("NATIONAL_OF", {"Person", "Group"}, {"Country"}),
        ("LOCATED_IN", PLACES, PLACES),
        ("CAPITAL_OF", {"City"}, {"Country"}),
        ("BASED_IN", {"Organization"}, PLACES),
    ],
)
def test_domain_and_range_expand_to_concrete_classes(onto, name, domain, range_):
    rel = onto.relation(name)
    assert rel.domain == domain
    assert rel.range == range_


def test_admits_checks_domain_and_range(onto):
    assert onto.admits("SENT_TROOPS_TO", "Country", "Region")
    assert onto.admits("SENT_TROOPS_TO", "Group", "Country")
    assert not onto.admits("SENT_TROOPS_TO", "City", "Country")  # a city sends no troops
    assert onto.admits("CAPITAL_OF", "City", "Country")
    assert not onto.admits("CAPITAL_OF", "Country", "City")
    assert onto.admits("CONDEMNED", "Organization", "Event")
    assert not onto.admits("KILLED", "Person", "Event")
    assert not onto.admits("LEADER_OF", "Person", "Nation")  # unknown class: not admitted


def test_unknown_relation_is_a_clear_kg_error(onto):
    with pytest.raises(KgError, match="unknown relation 'BEFRIENDED'.*SENT_TROOPS_TO"):
        onto.relation("BEFRIENDED")
    with pytest.raises(KgError, match="unknown relation 'sentTroopsTo'"):
        onto.admits("sentTroopsTo", "Country", "Country")


def test_sector_and_modality_lists_come_from_the_ontology(onto):
    assert onto.sectors == SECTORS
    assert onto.modalities == MODALITIES


def test_relation_for_iri(onto):
    assert onto.relation_for_iri(KG.metWith).name == "MET_WITH"
    with pytest.raises(KgError):
        onto.relation_for_iri(KG.Country)


def test_loaded_once_and_read_only(onto):
    assert load_ontology() is onto
    with pytest.raises(dataclasses.FrozenInstanceError):
        onto.sectors = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        onto.relations["NEW"] = onto.relation("KILLED")  # type: ignore[index]


@pytest.mark.parametrize("module", ["core/ontology.py", "exporters/rdf_assertions.py"])
def test_no_relation_name_is_hard_coded(module):
    # Relation names live in ontology/kg.ttl only, so adding one never means editing Python.
    names = "|".join(EVENTS + STATES)
    source = (Path(__file__).resolve().parents[1] / "kg" / module).read_text(encoding="utf-8")
    assert re.findall(rf"\b(?:{names})\b", source) == []


# GDELT's grouping of the CAMEO root codes into quad classes (independent of kg.ttl's values)
QUADS = {
    range(1, 6): "verbal cooperation",
    range(6, 9): "material cooperation",
    range(9, 14): "verbal conflict",
    range(14, 21): "material conflict",
}


def test_every_event_sits_on_the_conflict_cooperation_scale_and_no_state_does(onto):
    for name in EVENTS:
        rel = onto.relation(name)
        root = int(rel.cameo_root)
        assert rel.quad_class == next(q for codes, q in QUADS.items() if root in codes), name
        assert -10 <= rel.goldstein <= 10, name
        # cooperation is positive, conflict negative (verbal conflict may be mild, never positive)
        assert (rel.goldstein > 0) == rel.quad_class.endswith("cooperation"), name
    for name in STATES:
        rel = onto.relation(name)
        assert (rel.cameo_root, rel.quad_class, rel.goldstein) == (None, None, None), name
    assert onto.relation("ATTACKED").goldstein < onto.relation("CONDEMNED").goldstein < 0
    assert onto.relation("SUPPORTED").goldstein > onto.relation("MET_WITH").goldstein > 0


@pytest.mark.parametrize(
    "old, new, message",
    [
        (
            'kg:quadClass "material conflict" ; kg:goldstein -9.0',
            'kg:quadClass "armed conflict" ; kg:goldstein -9.0',
            "quadClass",
        ),
        ("kg:goldstein -9.0", "kg:goldstein -19.0", "outside -10..10"),
        (
            'kg:cameoRoot "18" ; kg:quadClass "material conflict" ; kg:goldstein -9.0 ;',
            "",
            "lacks kg:cameoRoot",
        ),
    ],
)
def test_a_broken_event_scale_stops_kg_at_load(old, new, message):
    from rdflib import Graph

    from kg.core import ontology as module

    text = (Path(module.__file__).parent.parent / "ontology_files" / "kg.ttl").read_text(encoding="utf-8")
    assert old in text
    g = Graph().parse(data=text.replace(old, new, 1), format="turtle")
    with pytest.raises(KgError, match=message):
        module._build(g)


def test_the_event_scale_conforms_to_its_shapes():
    import pyshacl
    from rdflib import Graph, Literal

    from kg.core.ontology import read_graph

    data = read_graph("kg.ttl")
    shapes = read_graph("shapes.ttl")
    conforms, _, _ = pyshacl.validate(data, shacl_graph=shapes)
    assert conforms
    broken = Graph()
    for triple in data:
        broken.add(triple)
    broken.set((KG.attacked, KG.goldstein, Literal(12.5)))
    conforms, _, text = pyshacl.validate(broken, shacl_graph=shapes)
    assert not conforms and "Goldstein" in text


def test_an_event_assertion_carries_its_place_on_the_scale_a_state_none(onto):
    from graphtools import entity, fact

    from kg.core.model import Document

    chile, peru = entity("country:CHL", "Chile", "Country"), entity("country:PER", "Peru", "Country")
    jo = entity("person:jo-harlan", "Jo Harlan", "Person")
    doc = Document("d", "Chile attacked Peru. Jo Harlan leads Chile.")
    attack = fact(doc, 0, "Chile attacked Peru.", chile, "ATTACKED", peru).to_dict()
    leads = fact(doc, 1, "Jo Harlan leads Chile.", jo, "LEADER_OF", chile).to_dict()
    relation = onto.relation("ATTACKED")
    assert (attack["quad_class"], attack["goldstein"]) == (relation.quad_class, relation.goldstein)
    assert "quad_class" not in leads and "goldstein" not in leads
