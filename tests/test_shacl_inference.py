"""SHACL validation of exports gives the same verdict with and without inference.

Users validate with pyshacl's `inference="rdfs"` (or "both", RDFS and OWL RL) as often as
without. Inference gives every entity more types (rdfs:Resource, owl:Thing, kg:Actor or
kg:Place, union classes, and through a relation's domain or range even another concrete
class), so ontology/shapes.ttl's domain and range check looks at an entity's concrete class
only. Here: the export of a graph written from invented facts covering every relation conforms
in each mode, and graphs the ontology does not admit fail in each mode, with the domain or
range message, whether the bad relation is asserted as fact (a plain `s p o` triple, from
which inference types its ends) or only alleged (reified only).
"""

from __future__ import annotations

import re

import pytest
from graphtools import entity, fact, write
from rdflib import Graph, Literal
from rdflib import namespace as ns

from kg.core.model import Document, Entity
from kg.core.ontology import KG, load_ontology, read_graph
from kg.exporters.rdf import export_rdf
from kg.exporters.rdf_assertions import assertions_to_graph, entity_iri, validate
from kg.store.readback import graph_assertions

pytestmark = pytest.mark.slow

INFERENCES = ("none", "rdfs", "both")
ONTOLOGY = load_ontology()

NORVIA = entity("country:NRV", "Norvia", "Country", iso3="NRV")
CASTRIA = entity("country:CST", "Castria", "Country", iso3="CST")
HIGHLANDS = entity("region:vellan-highlands", "Vellan Highlands", "Region")
PORT_ASTER = entity("city:port-aster", "Port Aster", "City")
DUNMERE = entity("city:dunmere", "Dunmere", "City")
QUIST = entity("person:mara-quist", "Mara Quist", "Person")
REYK = entity("person:tomas-reyk", "Tomas Reyk", "Person")
LEAGUE = entity("organization:coastal-league", "Coastal League", "Organization")
REBELS = Entity("group:CST:rebels", "Castrian rebels", "Group", country="CST", sector="rebels")
POLICE = Entity("group:NRV:police", "Norvian police", "Group", country="NRV", sector="police")
PROTESTERS = Entity("group:NRV:civilians", "Norvian protesters", "Group", country="NRV", sector="civilians")
BLOCKADE = entity("event:nrv-1:blockade", "blockade", "Event")

# One sentence per relation, each between classes the ontology admits; some only alleged,
# planned or reported, so both plain triples and reified-only assertions are exported.
FACTS = [
    ("Norvia sent troops to Castria.", NORVIA, "SENT_TROOPS_TO", CASTRIA, {}),
    ("Norvia invaded the Vellan Highlands.", NORVIA, "INVADED", HIGHLANDS, {}),
    ("Castrian rebels attacked Port Aster.", REBELS, "ATTACKED", PORT_ASTER, {}),
    (
        "Castrian rebels killed Tomas Reyk, witnesses alleged.",
        REBELS,
        "KILLED",
        REYK,
        {"modality": "alleged"},
    ),
    ("Norvian police arrested Norvian protesters.", POLICE, "ARRESTED", PROTESTERS, {"count": 40}),
    (
        "Castrian rebels plan to overthrow the Coastal League.",
        REBELS,
        "OVERTHREW",
        LEAGUE,
        {"modality": "planned"},
    ),
    ("Mara Quist invited the Coastal League.", QUIST, "INVITED", LEAGUE, {}),
    ("The Coastal League demanded that Castria withdraw.", LEAGUE, "DEMANDED", CASTRIA, {}),
    ("Mara Quist condemned the blockade.", QUIST, "CONDEMNED", BLOCKADE, {}),
    ("Castria accused Norvia, officials said.", CASTRIA, "ACCUSED", NORVIA, {"modality": "reported"}),
    ("Norvia threatened Castrian rebels.", NORVIA, "THREATENED", REBELS, {}),
    ("The Coastal League sanctioned Castria.", LEAGUE, "SANCTIONED", CASTRIA, {}),
    ("Norvian protesters protested against the blockade.", PROTESTERS, "PROTESTED_AGAINST", BLOCKADE, {}),
    ("Norvian police clashed with Castrian rebels.", POLICE, "CLASHED_WITH", REBELS, {}),
    ("Castria supported Castrian rebels.", CASTRIA, "SUPPORTED", REBELS, {}),
    ("Mara Quist met with Tomas Reyk.", QUIST, "MET_WITH", REYK, {"date": "2031-03-02"}),
    ("Norvia recognized the Vellan Highlands.", NORVIA, "RECOGNIZED", HIGHLANDS, {}),
    ("Mara Quist, the president, leads Norvia.", QUIST, "LEADER_OF", NORVIA, {"role": "president"}),
    ("Tomas Reyk was an official of the Coastal League.", REYK, "OFFICIAL_OF", LEAGUE, {"former": True}),
    ("Norvia is a member of the Coastal League.", NORVIA, "MEMBER_OF", LEAGUE, {}),
    ("Tomas Reyk is a Castrian national of Castria.", REYK, "NATIONAL_OF", CASTRIA, {}),
    ("Port Aster lies in the Vellan Highlands.", PORT_ASTER, "LOCATED_IN", HIGHLANDS, {}),
    ("Dunmere is the capital of Norvia.", DUNMERE, "CAPITAL_OF", NORVIA, {}),
    ("The Coastal League is based in Dunmere.", LEAGUE, "BASED_IN", DUNMERE, {}),
    ("Norvian protesters live in Dunmere.", PROTESTERS, "LIVES_IN", DUNMERE, {}),
]


def article(doc_id: str, facts) -> tuple[Document, list]:
    text = " ".join(sentence for sentence, *_ in facts)
    doc = Document(
        id=doc_id,
        text=text,
        title="Norvia and Castria",
        published="2031-03-04",
        url=f"https://news.example/{doc_id}",
    )
    return doc, [
        fact(doc, i, sentence, subject, predicate, obj, **qualifiers)
        for i, (sentence, subject, predicate, obj, qualifiers) in enumerate(facts)
    ]


def exported(store) -> Graph:
    return Graph().parse(data=export_rdf(store, "ttl"), format="turtle")


def test_the_facts_cover_every_relation_and_the_ontology_admits_them():
    assert {predicate for _, _, predicate, _, _ in FACTS} == set(ONTOLOGY.relations)
    refused = [(s.type, p, o.type) for _, s, p, o, _ in FACTS if not ONTOLOGY.admits(p, s.type, o.type)]
    assert refused == []


@pytest.mark.parametrize("inference", INFERENCES)
def test_export_of_a_valid_graph_conforms(store, inference):
    write(store, article("nrv-1", FACTS))
    graph = exported(store)
    assert len(list(graph_assertions(store))) == len(FACTS)
    assert (entity_iri(QUIST.id), KG.leaderOf, entity_iri(NORVIA.id)) in graph
    conforms, report = validate(graph, inference=inference)
    assert conforms, report


# (why, subject, relation, object, the end the ontology refuses, the class it is refused as)
INVALID = [
    (
        "a person as the object of CAPITAL_OF",
        "Dunmere is the capital of Mara Quist.",
        DUNMERE,
        "CAPITAL_OF",
        QUIST,
        "object",
        "Person",
    ),
    (
        "a country leading a country (LEADER_OF takes a person)",
        "Castria leads Norvia.",
        CASTRIA,
        "LEADER_OF",
        NORVIA,
        "subject",
        "Country",
    ),
    (
        "a person invaded (INVADED takes a place)",
        "Norvia invaded Tomas Reyk.",
        NORVIA,
        "INVADED",
        REYK,
        "object",
        "Person",
    ),
    (
        "an event sending troops (an actor does)",
        "The blockade sent troops to Castria.",
        BLOCKADE,
        "SENT_TROOPS_TO",
        CASTRIA,
        "subject",
        "Event",
    ),
    (
        "a city meeting a country",
        "Port Aster met with Norvia.",
        PORT_ASTER,
        "MET_WITH",
        NORVIA,
        "subject",
        "City",
    ),
    (
        "an organization based in a person",
        "The Coastal League is based in Mara Quist.",
        LEAGUE,
        "BASED_IN",
        QUIST,
        "object",
        "Person",
    ),
]


@pytest.mark.parametrize("modality", ["asserted", "alleged"])
@pytest.mark.parametrize(
    ("why", "sentence", "subject", "relation", "obj", "end", "cls"),
    INVALID,
    ids=[case[0] for case in INVALID],
)
def test_a_relation_the_ontology_does_not_admit_fails_with_and_without_inference(
    store, modality, why, sentence, subject, relation, obj, end, cls
):
    assert not ONTOLOGY.admits(relation, subject.type, obj.type)
    valid = FACTS[:3]  # beside valid facts, which must not hide it
    write(store, article("nrv-2", [*valid, (sentence, subject, relation, obj, {"modality": modality})]))
    graph = exported(store)
    rel = ONTOLOGY.relation(relation).iri
    bad = entity_iri((subject if end == "subject" else obj).id)
    where = "domain" if end == "subject" else "range"
    expected = f"{end} {bad} (a {KG[cls]}) is outside the {where} of {rel}"
    for inference in INFERENCES:
        conforms, report = validate(graph, inference=inference)
        assert not conforms, f"{why} ({modality}) conforms with inference={inference}"
        assert expected in report, f"{why} ({modality}), inference={inference}:\n{report[:3000]}"


def _single(**types) -> Graph:
    doc, facts = article("nrv-3", FACTS[:1])  # Norvia sent troops to Castria
    graph = assertions_to_graph(facts)
    for entity_id, classes in types.items():
        node = entity_iri(entity_id.replace("_", ":"))
        graph.remove((node, ns.RDF.type, None))
        for c in classes:
            graph.add((node, ns.RDF.type, KG[c]))
    return graph


@pytest.mark.parametrize("inference", INFERENCES)
def test_entity_class_problems_fail_with_and_without_inference(inference):
    assert validate(_single(), inference=inference)[0]
    two = _single(country_NRV=("Country", "Person"))  # two concrete classes
    assert not validate(two, inference=inference)[0]
    abstract = _single(country_CST=("Actor",))  # no concrete class; Actor is in the range
    assert not validate(abstract, inference=inference)[0]
    event = _single(country_CST=("Event",))  # a class the range does not admit
    conforms, report = validate(event, inference=inference)
    assert not conforms and "is outside the range of" in report
    bad_sector = _single()
    bad_sector.add((entity_iri("country:NRV"), KG.sector, Literal("pirates")))
    assert not validate(bad_sector, inference=inference)[0]


def test_the_concrete_classes_in_the_domain_and_range_check_are_the_ontologys():
    """The SPARQL of shapes.ttl lists the concrete classes (pyshacl does not copy kg:nodeLabel
    from the ontology graph into the data, so the query cannot find them there)."""
    shapes = read_graph("shapes.ttl")
    queries = [str(q) for q in shapes.objects(None, ns.SH.select)]
    checks = [q for q in queries if "rdfs:domain" in q or "rdfs:range" in q]
    assert len(checks) == 2
    for query in checks:
        listed = re.search(r"\?type IN \(([^)]*)\)", query)
        assert listed, query
        names = {name.strip().removeprefix("kg:") for name in listed[1].split(",")}
        assert names == set(ONTOLOGY.concrete_classes)
