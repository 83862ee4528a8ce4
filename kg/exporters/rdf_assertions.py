"""Assertions -> RDF: reified triples with qualifiers and PROV-O provenance, plus SHACL checks.

Shape of the output (see ontology/shapes.ttl):
  <assertion/H> a kg:Assertion, rdf:Statement; rdf:subject/predicate/object; kg:confidence ...
      prov:wasDerivedFrom <doc/D/sentence/N>
  <doc/D/sentence/N> a kg:Sentence; prov:wasDerivedFrom <doc/D>
  <doc/D> a kg:Document; dcterms:identifier "D"
  <id/E> a kg:<Class>; kg:id "E"; kg:name ...
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Iterable
from decimal import Decimal
from urllib.parse import quote

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, XSD

from kg.core.errors import KgError
from kg.core.model import Assertion, Entity
from kg.core.ontology import KG, Ontology, load_ontology, read_graph

BASE = "https://w3id.org/kg-geo/"
ID = Namespace(BASE + "id/")
DOC = Namespace(BASE + "doc/")
ASSERTION = Namespace(BASE + "assertion/")

# Only claims the article states as fact also become plain `s p o` triples, so a
# SPARQL query for `?x kg:invaded ?y` never returns alleged, planned or negated ones.
FACTUAL_MODALITIES = frozenset({"asserted", "reported"})

_DATE_TYPES = (
    (re.compile(r"\d{4}-\d{2}-\d{2}"), XSD.date),
    (re.compile(r"\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})?"), XSD.dateTime),
    (re.compile(r"\d{4}-\d{2}"), XSD.gYearMonth),
    (re.compile(r"\d{4}"), XSD.gYear),
)


def entity_iri(entity_id: str) -> URIRef:
    # ':' is legal in an IRI path and keeps ids readable (id/country:KAZ); the rest is escaped.
    return ID[quote(entity_id, safe=":")]


def document_iri(doc_id: str) -> URIRef:
    return DOC[quote(doc_id, safe=":")]


def sentence_iri(doc_id: str, index: int) -> URIRef:
    return URIRef(f"{document_iri(doc_id)}/sentence/{index}")


def assertion_iri(a: Assertion) -> URIRef:
    """Deterministic: the same extraction from the same sentence always gets the same IRI."""
    s, o = a.subject, a.object
    parts = (
        a.doc,
        a.sentence.index,
        a.predicate,
        s.entity.id,
        s.mention.start,
        s.mention.end,
        o.entity.id,
        o.mention.start,
        o.mention.end,
        a.rule,
    )
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()
    return ASSERTION[digest[:24]]


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("kg", KG), ("prov", PROV), ("dcterms", DCTERMS), ("xsd", XSD), ("kgid", ID)):
        g.bind(prefix, ns)
    return g


def assertions_to_graph(assertions: Iterable[Assertion], ontology: Ontology | None = None) -> Graph:
    """Build the RDF graph. Unknown relation or class names raise KgError; all other
    problems (bad confidence, modality, dates) are left for `validate` to report."""
    onto = ontology or load_ontology()
    g = new_graph()
    seen: set[URIRef] = set()  # documents, sentences and entities: first description wins
    for a in assertions:
        _add_assertion(g, onto, a, seen)
    return g


def to_turtle(assertions: Iterable[Assertion], ontology: Ontology | None = None) -> str:
    return assertions_to_graph(assertions, ontology).serialize(format="turtle")


def validate(graph: Graph, inference: str = "none") -> tuple[bool, str]:
    """SHACL-validate against ontology/shapes.ttl; returns (conforms, report text).

    `inference` is pyshacl's: "none", "rdfs", "owlrl" or "both", applied to a copy of `graph`
    with the ontology mixed in. A graph conforms or not alike under each of them."""
    import pyshacl  # slow to import; only validation needs it

    conforms, _, text = pyshacl.validate(
        graph,
        shacl_graph=_shapes_graph(),
        ont_graph=_ontology_graph(),  # mixed into a copy of `graph` for the domain/range check
        inference=inference,
        allow_warnings=False,
    )
    return bool(conforms), str(text)


@functools.cache
def _shapes_graph() -> Graph:
    return read_graph("shapes.ttl")


@functools.cache
def _ontology_graph() -> Graph:
    return read_graph("kg.ttl")


def _add_assertion(g: Graph, onto: Ontology, a: Assertion, seen: set[URIRef]) -> None:
    rel = onto.relation(a.predicate)
    subj = _add_entity(g, onto, a.subject.entity, seen)
    obj = _add_entity(g, onto, a.object.entity, seen)
    node = assertion_iri(a)
    q = a.qualifiers
    g.add((node, RDF.type, KG.Assertion))
    g.add((node, RDF.type, RDF.Statement))
    g.add((node, RDF.subject, subj))
    g.add((node, RDF.predicate, rel.iri))
    g.add((node, RDF.object, obj))
    g.add((node, KG.confidence, Literal(Decimal(f"{a.confidence:.3f}"))))
    g.add((node, KG.rule, Literal(a.rule)))
    g.add((node, KG.modality, Literal(q.modality)))
    if rel.quad_class is not None and rel.goldstein is not None:  # an event: its place on the scale
        g.add((node, KG.quadClass, Literal(rel.quad_class)))
        g.add((node, KG.goldstein, Literal(Decimal(f"{rel.goldstein:.1f}"))))
    _add_optional(g, node, KG.date, q.date and _date(q.date))
    _add_optional(g, node, KG["count"], q.count)  # KG.count would be str.count
    _add_optional(g, node, KG.role, q.role)
    if q.former:  # absent means current; saves a triple on almost every assertion
        g.add((node, KG.former, Literal(True)))
    _add_optional(g, node, KG.attributedTo, q.attributed_to and entity_iri(q.attributed_to))
    _add_optional(g, node, KG.location, q.location and entity_iri(q.location))
    for prefix, arg in (("subject", a.subject), ("object", a.object)):
        g.add((node, KG[prefix + "Text"], Literal(arg.mention.text)))
        g.add((node, KG[prefix + "Start"], Literal(arg.mention.start)))
        g.add((node, KG[prefix + "End"], Literal(arg.mention.end)))
    g.add((node, PROV.wasDerivedFrom, _add_sentence(g, a, seen)))
    if q.modality in FACTUAL_MODALITIES:
        g.add((subj, rel.iri, obj))


def _add_sentence(g: Graph, a: Assertion, seen: set[URIRef]) -> URIRef:
    node = sentence_iri(a.doc, a.sentence.index)
    if node not in seen:
        seen.add(node)
        g.add((node, RDF.type, KG.Sentence))
        g.add((node, KG.sentenceIndex, Literal(a.sentence.index)))
        g.add((node, KG.text, Literal(a.sentence.text)))
        g.add((node, KG.start, Literal(a.sentence.start)))
        g.add((node, KG.end, Literal(a.sentence.end)))
        g.add((node, PROV.wasDerivedFrom, _add_document(g, a, seen)))
    return node


def _add_document(g: Graph, a: Assertion, seen: set[URIRef]) -> URIRef:
    node = document_iri(a.doc)
    if node not in seen:
        seen.add(node)
        g.add((node, RDF.type, KG.Document))
        g.add((node, DCTERMS.identifier, Literal(a.doc)))
        _add_optional(g, node, DCTERMS.title, a.title)
        _add_optional(g, node, KG.url, a.url and Literal(a.url, datatype=XSD.anyURI))
        _add_optional(g, node, DCTERMS.issued, a.published and _date(a.published))
    return node


def _add_entity(g: Graph, onto: Ontology, e: Entity, seen: set[URIRef]) -> URIRef:
    node = entity_iri(e.id)
    # Aliases accumulate across mentions; the rest is described once, by the first mention,
    # so two spellings of a name never give one node two kg:name values.
    for alias in e.aliases:
        g.add((node, KG.alias, Literal(alias)))
    if node in seen:
        return node
    seen.add(node)
    cls = onto.classes.get(e.type)
    if cls is None or cls.abstract:
        concrete = ", ".join(onto.concrete_classes)
        raise KgError(f"entity {e.id!r} has type {e.type!r}; expected one of: {concrete}")
    g.add((node, RDF.type, cls.iri))
    g.add((node, KG.id, Literal(e.id)))
    g.add((node, KG.name, Literal(e.name)))
    for prop, value in (
        (KG.iso3, e.iso3),
        (KG.wikidata, e.wikidata),
        (KG.geonames, e.geonames),
        (KG.country, e.country),
        (KG.sector, e.sector),
    ):
        _add_optional(g, node, prop, value)
    return node


def _add_optional(g: Graph, node: URIRef, prop: URIRef, value: object) -> None:
    if value is None or value == "":
        return
    g.add((node, prop, value if isinstance(value, (URIRef, BNode, Literal)) else Literal(value)))


def _date(value: str) -> Literal:
    """An ISO 8601 string typed at its precision; anything else stays a plain string,
    which the shapes then reject, so bad dates surface in `validate` instead of vanishing."""
    for pattern, datatype in _DATE_TYPES:
        if pattern.fullmatch(value):
            return Literal(value, datatype=datatype)
    return Literal(value)
