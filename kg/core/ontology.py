"""The ontology (ontology/kg.ttl) as typed, read-only Python objects.

Every class, relation and value list comes from the Turtle file; nothing is
hard-coded here, so adding a relation to kg.ttl is enough to make it known.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDFS
from rdflib.term import Node

from kg.core.errors import KgError

KG = Namespace("https://w3id.org/kg-geo/ontology#")


@dataclass(frozen=True)
class OntologyClass:
    """A node class. Abstract classes (Actor, Place) group concrete ones."""

    name: str
    iri: URIRef
    label: str
    comment: str
    abstract: bool
    parents: frozenset[str]
    members: frozenset[str]  # the concrete classes it covers (itself when concrete)


@dataclass(frozen=True)
class Relation:
    """A relation: UPPER_SNAKE `name` in the property graph, lowerCamel `rdf_name` in RDF."""

    name: str
    iri: URIRef
    rdf_name: str
    label: str
    comment: str
    kind: str  # "event" | "state"
    domain: frozenset[str]  # concrete class names
    range: frozenset[str]
    families: tuple[str, ...] = ()
    # an event relation's place between conflict and cooperation (kg:cameoRoot, kg:quadClass,
    # kg:goldstein); None for a state
    cameo_root: str | None = None
    quad_class: str | None = None
    goldstein: float | None = None


@dataclass(frozen=True)
class GraphLink:
    """One relationship type of the property graph and the labels of the nodes it links."""

    type: str
    source: str
    target: str


@dataclass(frozen=True)
class Ontology:
    classes: Mapping[str, OntologyClass]
    relations: Mapping[str, Relation]
    sectors: tuple[str, ...]
    modalities: tuple[str, ...]
    graph_labels: frozenset[str] = frozenset()  # structural node labels: Entity, Article, Sentence
    graph_relation_types: frozenset[str] = frozenset()  # HAS_SENTENCE, MENTIONS
    # the structural types with the labels they link, in the order kg.ttl declares them
    structure: tuple[GraphLink, ...] = ()
    namespace: Namespace = field(default=KG, compare=False)

    def relation(self, name: str) -> Relation:
        try:
            return self.relations[name]
        except KeyError:
            known = ", ".join(sorted(self.relations))
            raise KgError(f"unknown relation {name!r}; the ontology defines: {known}") from None

    def admits(self, name: str, subject_type: str, object_type: str) -> bool:
        """True when a `subject_type` -> `object_type` edge fits the relation's domain and range."""
        rel = self.relation(name)
        return subject_type in rel.domain and object_type in rel.range

    @property
    def concrete_classes(self) -> tuple[str, ...]:
        return tuple(name for name, cls in self.classes.items() if not cls.abstract)

    @property
    def actors(self) -> frozenset[str]:
        """The concrete classes that act (kg:Actor): Country, Person, Organization, Group."""
        return self.classes["Actor"].members

    @property
    def places(self) -> frozenset[str]:
        """The concrete classes that are places (kg:Place): Country, Region, City."""
        return self.classes["Place"].members

    @property
    def localities(self) -> frozenset[str]:
        """The places that are not actors: a region or a town, not a whole country."""
        return self.places - self.actors

    @property
    def labels(self) -> frozenset[str]:
        """Every node label the property graph may use."""
        return frozenset(self.concrete_classes) | self.graph_labels

    @property
    def relationship_types(self) -> frozenset[str]:
        """Every relationship type the property graph may use."""
        return frozenset(self.relations) | self.graph_relation_types

    @property
    def graph_links(self) -> tuple[GraphLink, ...]:
        """The graph's topology: every relationship type with the labels it links (each
        ontology relation links two Entity nodes), structural types first."""
        return self.structure + tuple(GraphLink(name, "Entity", "Entity") for name in self.relations)

    def relation_for_iri(self, iri: URIRef) -> Relation:
        for rel in self.relations.values():
            if rel.iri == iri:
                return rel
        raise KgError(f"{iri} is not a relation of the ontology")


def read_graph(filename: str) -> Graph:
    """Parse one Turtle file shipped in the `ontology` package (a fresh graph each call)."""
    resource = files("kg.ontology_files").joinpath(filename)
    if not resource.is_file():
        raise KgError(f"ontology file {filename!r} is missing from the 'ontology' package")
    return Graph().parse(data=resource.read_text(encoding="utf-8"), format="turtle")


@functools.cache
def load_ontology() -> Ontology:
    """The ontology, parsed once per process."""
    return _build(read_graph("kg.ttl"))


def _build(g: Graph) -> Ontology:
    classes = _classes(g)
    relations: dict[str, Relation] = {}
    for prop in set(g.subjects(KG.relationType, None)):
        rel = _relation(g, prop, classes)
        if rel.name in relations:
            raise KgError(f"ontology: relation type {rel.name!r} is declared twice")
        relations[rel.name] = rel
    relations = dict(sorted(relations.items()))
    return Ontology(
        classes=MappingProxyType(classes),
        relations=MappingProxyType(relations),
        sectors=_one_of(g, KG.Sector),
        modalities=_one_of(g, KG.Modality),
        graph_labels=frozenset(str(v) for v in g.objects(None, KG.graphLabel)),
        graph_relation_types=frozenset(str(v) for v in g.objects(None, KG.graphRelationType)),
        structure=_structure(g),
    )


def _structure(g: Graph) -> tuple[GraphLink, ...]:
    """The structural relationship types with the graph labels of their domain and range
    (KgError naming the type when either is missing)."""
    links = []
    for prop, type_ in g.subject_objects(KG.graphRelationType):
        ends = []
        for side in (RDFS.domain, RDFS.range):
            label = next((str(v) for c in g.objects(prop, side) for v in g.objects(c, KG.graphLabel)), None)
            if label is None:
                raise KgError(
                    f"ontology: structural relationship {type_} has no {side.split('#')[-1]} "
                    f"with a kg:graphLabel"
                )
            ends.append(label)
        links.append(GraphLink(str(type_), ends[0], ends[1]))
    return tuple(sorted(links, key=lambda link: link.type))


def _classes(g: Graph) -> dict[str, OntologyClass]:
    # Node classes are the ones with a kg:nodeLabel plus their kg: superclasses;
    # provenance classes (Assertion, Sentence, Document) are neither.
    concrete = {URIRef(str(c)) for c in g.subjects(KG.nodeLabel, None)}
    ancestors: dict[URIRef, set[URIRef]] = {
        c: {
            URIRef(str(a))
            for a in g.transitive_objects(c, RDFS.subClassOf)
            if a is not None and _in_kg(a) and a != c
        }
        for c in concrete
    }
    abstract = set().union(*ancestors.values()) - concrete
    result: dict[str, OntologyClass] = {}
    for iri in sorted(concrete | abstract, key=str):
        name = _local(iri)
        if iri in concrete:
            label = str(g.value(iri, KG.nodeLabel))
            if label != name:
                raise KgError(f"ontology: class {iri} has kg:nodeLabel {label!r}, expected {name!r}")
            members = frozenset({name})
        else:
            members = frozenset(_local(c) for c in concrete if iri in ancestors[c])
        result[name] = OntologyClass(
            name=name,
            iri=iri,
            label=_text(g, iri, RDFS.label),
            comment=_text(g, iri, RDFS.comment),
            abstract=iri not in concrete,
            parents=frozenset(_local(p) for p in g.objects(iri, RDFS.subClassOf) if _in_kg(p)),
            members=members,
        )
    return result


def _relation(g: Graph, prop: Node, classes: dict[str, OntologyClass]) -> Relation:
    iri = URIRef(str(prop))
    name = str(g.value(iri, KG.relationType))
    kind = str(g.value(iri, KG.relationKind))
    if kind not in ("event", "state"):
        raise KgError(f"ontology: relation {name} has kg:relationKind {kind!r}, expected event or state")
    return Relation(
        name=name,
        iri=iri,
        rdf_name=_local(iri),
        label=_text(g, iri, RDFS.label),
        comment=_text(g, iri, RDFS.comment),
        kind=kind,
        domain=_expand(g, g.value(iri, RDFS.domain), classes, name),
        range=_expand(g, g.value(iri, RDFS.range), classes, name),
        # RDF keeps no order among the family triples, so sort for a stable tuple.
        families=tuple(sorted(str(f) for f in g.objects(iri, KG.ploverFamily))),
        **_scale(g, iri, name, kind),
    )


def _scale(g: Graph, iri: URIRef, name: str, kind: str) -> dict[str, Any]:
    """An event relation's CAMEO root, quad class and Goldstein value (KgError naming the
    relation when one is missing or out of its range); nothing for a state."""
    if kind != "event":
        return {}
    root, quad, value = (g.value(iri, p) for p in (KG.cameoRoot, KG.quadClass, KG.goldstein))
    if root is None or quad is None or value is None:
        raise KgError(f"ontology: event relation {name} lacks kg:cameoRoot, kg:quadClass or kg:goldstein")
    quads = _one_of(g, KG.QuadClass)
    if str(quad) not in quads:
        expected = ", ".join(quads)
        raise KgError(f"ontology: relation {name} has kg:quadClass {str(quad)!r}; expected: {expected}")
    goldstein = float(str(value))
    if not -10.0 <= goldstein <= 10.0:
        raise KgError(f"ontology: relation {name} has kg:goldstein {goldstein}, outside -10..10")
    if not (len(str(root)) == 2 and str(root).isdigit() and 1 <= int(str(root)) <= 20):
        raise KgError(f"ontology: relation {name} has kg:cameoRoot {str(root)!r}, not a CAMEO root 01-20")
    return {"cameo_root": str(root), "quad_class": str(quad), "goldstein": goldstein}


def _expand(g: Graph, node: Node | None, classes: dict[str, OntologyClass], rel: str) -> frozenset[str]:
    """A class IRI or an owl:unionOf node -> the concrete class names it covers."""
    if node is None:
        raise KgError(f"ontology: relation {rel} lacks rdfs:domain or rdfs:range")
    union = g.value(node, OWL.unionOf)
    if union is not None:
        return frozenset().union(*(_expand(g, m, classes, rel) for m in Collection(g, union)))
    name = _local(node)
    if not _in_kg(node) or name not in classes:
        raise KgError(f"ontology: relation {rel} refers to {node}, which is not a node class")
    return classes[name].members


def _one_of(g: Graph, datatype: URIRef) -> tuple[str, ...]:
    """The literals of a datatype declared as owl:equivalentClass [ owl:oneOf (...) ]."""
    for eq in g.objects(datatype, OWL.equivalentClass):
        items = g.value(eq, OWL.oneOf)
        if items is not None:
            return tuple(str(v) for v in Collection(g, items) if isinstance(v, Literal))
    raise KgError(f"ontology: {datatype} has no owl:oneOf value list")


def _in_kg(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(KG))


def _local(node: Node) -> str:
    return str(node)[len(str(KG)) :] if _in_kg(node) else str(node)


def _text(g: Graph, subject: Node, prop: URIRef) -> str:
    value = g.value(subject, prop)
    return str(value) if value is not None else ""


__all__ = ["KG", "Ontology", "OntologyClass", "Relation", "load_ontology", "read_graph"]
