"""RDF export: Turtle round trip, provenance, stable IRIs and SHACL validation."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.collection import Collection
from rdflib.compare import isomorphic

from kg.core.errors import KgError
from kg.core.model import Argument, Assertion, Entity, Mention, Qualifiers, SentenceRef
from kg.core.ontology import KG, load_ontology, read_graph
from kg.exporters.rdf_assertions import (
    assertion_iri,
    assertions_to_graph,
    document_iri,
    entity_iri,
    sentence_iri,
    to_turtle,
    validate,
)

# A made-up article about made-up countries.
SENTENCES = [
    "Freedonia deployed 500 paratroopers to Sylvania on Monday, the defence ministry said.",
    "Former Freedonian president Rufus Firefly condemned the crackdown.",
    "Sylvanian officials alleged that Freedonian police detained 40 students.",
]
TEXT = " ".join(SENTENCES)
DOC = "fixture-1"

FREEDONIA = Entity("country:FRE", "Freedonia", "Country", iso3="FRE", wikidata="Q999001")
SYLVANIA = Entity("country:SYL", "Sylvania", "Country", iso3="SYL", aliases=("Sylvanian Republic",))
FIREFLY = Entity("person:rufus-firefly", "Rufus Firefly", "Person")
CRACKDOWN = Entity("event:fixture-1:crackdown", "crackdown", "Event")
POLICE = Entity("group:FRE:police", "Freedonian police", "Group", country="FRE", sector="police")
STUDENTS = Entity("group:SYL:civilians", "students", "Group", country="SYL", sector="civilians")


def sentence(i: int) -> SentenceRef:
    start = TEXT.index(SENTENCES[i])
    return SentenceRef(i, SENTENCES[i], start, start + len(SENTENCES[i]))


def arg(entity: Entity, phrase: str, i: int) -> Argument:
    start = TEXT.index(phrase, sentence(i).start)
    return Argument(entity, Mention(phrase, start, start + len(phrase)))


def make(predicate, subj, obj, i, rule="test.rule", confidence=0.9, **qualifiers) -> Assertion:
    return Assertion(
        doc=DOC,
        predicate=predicate,
        subject=subj,
        object=obj,
        sentence=sentence(i),
        rule=rule,
        confidence=confidence,
        qualifiers=Qualifiers(**qualifiers),
        title="Freedonia sends troops",
        url="https://news.example/freedonia?id=1",
        published="2031-05-04",
    )


@pytest.fixture(scope="module")
def assertions() -> list[Assertion]:
    return [
        make(
            "SENT_TROOPS_TO",
            arg(FREEDONIA, "Freedonia", 0),
            arg(SYLVANIA, "Sylvania", 0),
            0,
            rule="troops.deploy",
            count=500,
            date="2031-05-02",
            attributed_to="organization:freedonia-defence-ministry",
        ),
        make(
            "LEADER_OF",
            arg(FIREFLY, "Rufus Firefly", 1),
            arg(FREEDONIA, "Freedonian", 1),
            1,
            rule="state.title",
            confidence=0.8,
            role="president",
            former=True,
        ),
        make("CONDEMNED", arg(FIREFLY, "Rufus Firefly", 1), arg(CRACKDOWN, "the crackdown", 1), 1),
        make(
            "ARRESTED",
            arg(POLICE, "Freedonian police", 2),
            arg(STUDENTS, "students", 2),
            2,
            rule="arrest.detain",
            confidence=0.75,
            modality="alleged",
            count=40,
            attributed_to="group:SYL:government",
        ),
    ]


@pytest.fixture(scope="module")
def graph(assertions) -> Graph:
    return assertions_to_graph(assertions)


def test_turtle_round_trips(assertions, graph):
    text = to_turtle(assertions)
    for prefix in ("kg", "prov", "dcterms", "xsd"):
        assert f"@prefix {prefix}: " in text
    parsed = Graph().parse(data=text, format="turtle")
    assert isomorphic(parsed, graph)


def test_exported_graph_conforms(graph):
    conforms, report = validate(graph)
    assert conforms, report


def test_assertion_is_reified_with_qualifiers(assertions, graph):
    node = assertion_iri(assertions[0])
    assert (node, ns.RDF.type, KG.Assertion) in graph
    assert (node, ns.RDF.type, ns.RDF.Statement) in graph
    assert graph.value(node, ns.RDF.subject) == entity_iri("country:FRE")
    assert graph.value(node, ns.RDF.predicate) == KG.sentTroopsTo
    assert graph.value(node, ns.RDF.object) == entity_iri("country:SYL")
    assert graph.value(node, KG.confidence) == Literal(Decimal("0.900"))
    assert graph.value(node, KG.rule) == Literal("troops.deploy")
    assert graph.value(node, KG.modality) == Literal("asserted")
    assert graph.value(node, KG["count"]) == Literal(500)
    assert graph.value(node, KG.date) == Literal("2031-05-02", datatype=ns.XSD.date)
    assert graph.value(node, KG.attributedTo) == entity_iri("organization:freedonia-defence-ministry")
    assert graph.value(node, KG.subjectText) == Literal("Freedonia")
    assert graph.value(node, KG.objectStart) == Literal(TEXT.index("Sylvania"))

    state = assertion_iri(assertions[1])
    assert graph.value(state, KG.role) == Literal("president")
    assert graph.value(state, KG.former) == Literal(True)


def test_provenance_chain_reaches_the_document(assertions, graph):
    rows = list(
        graph.query(
            """SELECT ?text ?index ?id ?title ?issued WHERE {
               ?a prov:wasDerivedFrom ?s . ?s kg:text ?text ; kg:sentenceIndex ?index ;
                  prov:wasDerivedFrom ?d . ?d dcterms:identifier ?id ; dcterms:title ?title ;
                  dcterms:issued ?issued . }""",
            initBindings={"a": assertion_iri(assertions[3])},
            initNs={"kg": KG, "prov": ns.PROV, "dcterms": ns.DCTERMS},
        )
    )
    assert [(str(t), int(i), str(d), str(ti), str(iss)) for t, i, d, ti, iss in rows] == [
        (SENTENCES[2], 2, DOC, "Freedonia sends troops", "2031-05-04")
    ]
    doc = document_iri(DOC)
    assert graph.value(doc, KG.url) == Literal("https://news.example/freedonia?id=1", datatype=ns.XSD.anyURI)
    assert len(set(graph.subjects(ns.RDF.type, KG.Document))) == 1
    assert len(set(graph.subjects(ns.RDF.type, KG.Sentence))) == 3


def test_entities_are_typed_nodes(graph):
    police = entity_iri("group:FRE:police")
    assert str(police) == "https://w3id.org/kg-geo/id/group:FRE:police"
    assert set(graph.objects(police, ns.RDF.type)) == {KG.Group}
    assert graph.value(police, KG.sector) == Literal("police")
    assert graph.value(police, KG.country) == Literal("FRE")
    assert graph.value(entity_iri("country:FRE"), KG.wikidata) == Literal("Q999001")
    assert graph.value(entity_iri("country:SYL"), KG.alias) == Literal("Sylvanian Republic")
    # Firefly appears in two assertions but is described once.
    assert len(list(graph.objects(entity_iri("person:rufus-firefly"), KG.name))) == 1


def test_only_factual_assertions_become_plain_triples(graph):
    assert (entity_iri("country:FRE"), KG.sentTroopsTo, entity_iri("country:SYL")) in graph
    # "alleged" stays reified only.
    assert (entity_iri("group:FRE:police"), KG.arrested, entity_iri("group:SYL:civilians")) not in graph


def test_iris_are_stable_and_safe(assertions):
    assert assertions_to_graph(assertions).serialize(format="nt") == assertions_to_graph(
        assertions
    ).serialize(format="nt")
    assert assertion_iri(assertions[0]) != assertion_iri(assertions[2])
    odd = entity_iri("person:josé núñez/2")
    assert str(odd) == "https://w3id.org/kg-geo/id/person:jos%C3%A9%20n%C3%BA%C3%B1ez%2F2"
    assert str(sentence_iri("a/b", 3)) == "https://w3id.org/kg-geo/doc/a%2Fb/sentence/3"


def test_every_kg_term_used_is_declared_in_the_ontology(graph):
    onto = read_graph("kg.ttl")
    used = {t for triple in graph for t in triple if isinstance(t, URIRef) and t.startswith(str(KG))}
    undeclared = {t for t in used if (t, ns.RDF.type, None) not in onto}
    assert undeclared == set()


def test_shapes_lists_match_the_ontology():
    onto = load_ontology()
    shapes = read_graph("shapes.ttl")

    def values_in(path: URIRef) -> set:
        for prop in shapes.subjects(ns.SH.path, path):
            lst = shapes.value(prop, ns.SH["in"])
            if lst is None:
                qualified = shapes.value(prop, ns.SH.qualifiedValueShape)
                lst = qualified and shapes.value(qualified, ns.SH["in"])
            if lst is not None:
                return set(Collection(shapes, lst))
        raise AssertionError(f"no sh:in for {path}")

    assert values_in(ns.RDF.predicate) == {rel.iri for rel in onto.relations.values()}
    assert values_in(KG.modality) == {Literal(m) for m in onto.modalities}
    assert values_in(KG.sector) == {Literal(s) for s in onto.sectors}
    assert values_in(ns.RDF.type) == {onto.classes[c].iri for c in onto.concrete_classes}
    assert (None, ns.RDF.type, ns.OWL.Ontology) in shapes


def _broken(assertions, mutate) -> tuple[bool, str]:
    g = assertions_to_graph(assertions)
    mutate(g, assertion_iri(assertions[0]))
    return validate(g)


@pytest.mark.parametrize(
    ("why", "mutate"),
    [
        ("confidence above 1", lambda g, a: g.set((a, KG.confidence, Literal(Decimal("1.5"))))),
        ("predicate outside the ontology", lambda g, a: g.set((a, ns.RDF.predicate, KG.befriended))),
        ("object outside the range", lambda g, a: g.set((entity_iri("country:SYL"), ns.RDF.type, KG.Event))),
        ("subject outside the domain", lambda g, a: g.set((entity_iri("country:FRE"), ns.RDF.type, KG.City))),
        ("entity with two classes", lambda g, a: g.add((entity_iri("country:FRE"), ns.RDF.type, KG.Person))),
        ("no provenance", lambda g, a: g.remove((a, ns.PROV.wasDerivedFrom, None))),
        ("negative count", lambda g, a: g.set((a, KG["count"], Literal(-3)))),
        ("mention end before start", lambda g, a: g.set((a, KG.subjectEnd, Literal(0)))),
        (
            "sector not in the list",
            lambda g, a: g.set((entity_iri("group:FRE:police"), KG.sector, Literal("pirates"))),
        ),
    ],
)
def test_broken_graphs_do_not_conform(assertions, why, mutate):
    conforms, report = _broken(assertions, mutate)
    assert not conforms, why
    assert "Conforms: False" in report


def test_bad_qualifier_values_surface_in_validation(assertions):
    a = make(
        "MET_WITH",
        arg(FREEDONIA, "Freedonia", 0),
        arg(SYLVANIA, "Sylvania", 0),
        0,
        modality="rumoured",
        date="next Tuesday",
    )
    conforms, report = validate(assertions_to_graph([a]))
    assert not conforms
    assert "rumoured" in report and "next Tuesday" in report


def test_unknown_names_are_rejected_at_export():
    with pytest.raises(KgError, match="unknown relation 'BEFRIENDED'"):
        assertions_to_graph(
            [make("BEFRIENDED", arg(FREEDONIA, "Freedonia", 0), arg(SYLVANIA, "Sylvania", 0), 0)]
        )
    nation = Entity("country:FRE", "Freedonia", "Nation")
    with pytest.raises(KgError, match="type 'Nation'"):
        assertions_to_graph([make("MET_WITH", arg(nation, "Freedonia", 0), arg(SYLVANIA, "Sylvania", 0), 0)])
    actor = Entity("country:FRE", "Freedonia", "Actor")  # abstract: not a node label
    with pytest.raises(KgError, match="type 'Actor'"):
        assertions_to_graph([make("MET_WITH", arg(actor, "Freedonia", 0), arg(SYLVANIA, "Sylvania", 0), 0)])
