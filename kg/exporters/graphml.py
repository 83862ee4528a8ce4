"""The graph as GraphML, for Gephi, networkx, yEd and APOC.

write_graphml(store, stream)                   # kg export --format graphml: the domain graph,
                                               # entities and the ontology's relationships
write_graphml(store, stream, evidence=True)    # kg export --format graphml-evidence: also the
                                               # articles, sentences and claims, and their links
"""

from __future__ import annotations

import json
import math
import re
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from kg.core.graph import GraphStore
from kg.core.ontology import load_ontology
from kg.exporters.base import ExportReport
from kg.store.paging import DEFAULT_PAGE_SIZE, edge_pages, node_pages

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# The node labels kg writes, each with a unique `id`, Entity first; and the pairs of labels
# its relationships link, from the graph's topology (ontology/kg.ttl, Ontology.graph_links).
# Any type between those labels is exported; nodes of other labels, and relationships
# touching them, are not.
_ONTOLOGY = load_ontology()
# Count nodes are kg's bookkeeping (the totals the writer keeps), no part of the graph an
# analyst reads in Gephi or networkx
NODE_LABELS = ("Entity", *sorted(_ONTOLOGY.graph_labels - {"Entity", "Count"}))
EDGE_PATTERNS = tuple(dict.fromkeys((link.source, link.target) for link in _ONTOLOGY.graph_links))


@dataclass
class GraphmlCounts:
    nodes: int = 0
    edges: int = 0


def write_graphml(
    store: GraphStore, stream: IO[str], *, page_size: int = DEFAULT_PAGE_SIZE, evidence: bool = False
) -> GraphmlCounts:
    """Write the graph as GraphML to a text stream (UTF-8 if it is a file): the entities (with
    their class, country and names) and the ontology's relationships between them (mentions,
    articles, first and last date, modality, quad class and intensity); with `evidence`, also
    the Article, Sentence and Claim nodes and the structural relationships that link them
    (HAS_SENTENCE, HAS_CLAIM, SUBJECT, OBJECT, MENTIONS, CO_MENTIONED). Never kg's Count nodes.

    Nodes: every node of those labels with an `id`; the GraphML node id is that
    property (an id shared across labels, which kg never writes, is made unique as
    "Label:id"). Each node has a `labels` attribute such as ":Entity:Country" (as an XML
    attribute on <node>, which Neo4j's APOC import reads, and as <data>), and one <data>
    per property.
    Edges: every relationship between two entities, HAS_SENTENCE and MENTIONS, directed,
    with a `label` attribute (again both forms) holding the relationship type, and one
    <data> per property.

    Property values keep their type where GraphML has one: <key attr.type> is boolean, int,
    long (integers beyond 32 bits), double or string; a property seen with values of
    different types gets the widest (int < long < double, anything else string). Lists and
    maps are written as JSON text. Characters XML 1.0 cannot hold (control characters other
    than tab, newline and carriage return) become U+FFFD.

    The <key> declarations must precede the graph but depend on every value, so the nodes
    and edges are written to a temporary file first (in memory up to a few MB)."""
    keys = _Keys()
    counts = GraphmlCounts()
    with tempfile.SpooledTemporaryFile(max_size=8 << 20, mode="w+", encoding="utf-8") as body:
        renamed = _write_nodes(store, body, keys, counts, page_size, evidence)
        _write_edges(store, body, keys, counts, page_size, renamed, evidence)
        stream.write(f'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="{GRAPHML_NS}">\n')
        for (domain, name), (key_id, kind) in keys.items():
            stream.write(
                f'  <key id="{key_id}" for="{domain}" attr.name={_attr(name)} attr.type="{kind}"/>\n'
            )
        stream.write('  <graph id="G" edgedefault="directed">\n')
        body.seek(0)
        while chunk := body.read(1 << 20):
            stream.write(chunk)
        stream.write("  </graph>\n</graphml>\n")
    return counts


def _write_nodes(
    store: GraphStore, out: IO[str], keys: _Keys, counts: GraphmlCounts, page_size: int, evidence: bool
) -> dict[tuple[str, str], str]:
    """Write the nodes; returns the GraphML ids that differ from the `id` property."""
    # Ids are unique per label (the store's constraints). Across labels kg's ids never meet
    # (entities are "type:key", sentences "article#n"), but this keeps the file valid if they
    # do. Sentences, by far the most numerous, are checked against, never added to, the set.
    taken: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for label in NODE_LABELS if evidence else ("Entity",):
        for rows in node_pages(label).pages(store, page_size):
            for row in rows:
                node_id = row["k0"]
                xml_id = node_id
                if node_id in taken:
                    xml_id = renamed[(label, node_id)] = f"{label}:{node_id}"
                elif label != "Sentence":
                    taken.add(node_id)
                labels = ":" + ":".join([label] + sorted(set(row["labels"] or ()) - {label}))
                out.write(f"    <node id={_attr(xml_id)} labels={_attr(labels)}>\n")
                out.write(keys.data("node", "labels", labels))
                for name, value in sorted((row["props"] or {}).items()):
                    if name != "labels":
                        out.write(keys.data("node", name, value))
                out.write("    </node>\n")
                counts.nodes += 1
    return renamed


def _write_edges(
    store: GraphStore,
    out: IO[str],
    keys: _Keys,
    counts: GraphmlCounts,
    page_size: int,
    renamed: dict[tuple[str, str], str],
    evidence: bool,
) -> None:
    relations = load_ontology().relations
    for source, target in EDGE_PATTERNS if evidence else (("Entity", "Entity"),):
        for rows in edge_pages(source, target).pages(store, page_size):
            for row in rows:
                if not evidence and row["k1"] not in relations:
                    continue  # CO_MENTIONED: kg's own link between entities of one sentence
                a = renamed.get((source, row["k0"]), row["k0"])
                b = renamed.get((target, row["k2"]), row["k2"])
                out.write(f"    <edge source={_attr(a)} target={_attr(b)} label={_attr(row['k1'])}>\n")
                out.write(keys.data("edge", "label", row["k1"]))
                props = dict(row["props"] or {})
                relation = relations.get(row["k1"])
                if relation is not None and relation.quad_class is not None:
                    # an event's place between conflict and cooperation (ontology/kg.ttl)
                    props.update(quad_class=relation.quad_class, goldstein=relation.goldstein)
                for name, value in sorted(props.items()):
                    if name != "label":
                        out.write(keys.data("edge", name, value))
                out.write("    </edge>\n")
                counts.edges += 1


class _Keys:
    """The <key> declarations: an id and a type for each (node|edge, attribute name)."""

    _WIDER = {
        frozenset({"int", "long"}): "long",
        frozenset({"int", "double"}): "double",
        frozenset({"long", "double"}): "double",
    }

    def __init__(self) -> None:
        self._keys: dict[tuple[str, str], list[str]] = {}  # (domain, name) -> [id, type]

    def items(self) -> Iterator[tuple[tuple[str, str], tuple[str, str]]]:
        """((domain, name), (key id, attr.type)) in the order the keys were first used."""
        return ((key, (key_id, kind)) for key, (key_id, kind) in self._keys.items())

    def data(self, domain: str, name: str, value: Any) -> str:
        """One <data> element, or "" for a null value; declares or widens the key."""
        if value is None:
            return ""
        kind, text = _graphml_value(value)
        key = self._keys.get((domain, name))
        if key is None:
            key = self._keys[(domain, name)] = [f"d{len(self._keys)}", kind]
        elif key[1] != kind:
            key[1] = self._WIDER.get(frozenset({key[1], kind}), "string")
        return f'      <data key="{key[0]}">{_text(text)}</data>\n'


_INT32 = range(-(2**31), 2**31)


def _graphml_value(value: Any) -> tuple[str, str]:
    """(GraphML attr.type, lexical form). The forms of the narrower types are valid forms of
    the wider ones, so a key can be widened after values were written."""
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, int):
        return ("int" if value in _INT32 else "long"), str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "double", "NaN"
        if math.isinf(value):
            return "double", "INF" if value > 0 else "-INF"
        return "double", repr(value)
    if isinstance(value, (list, tuple, dict)):
        return "string", json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
    return "string", str(value)  # strings, and any engine type without a GraphML one


# XML 1.0 allows tab, newline, carriage return and U+0020 up, less surrogates, FFFE and FFFF.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _text(value: str) -> str:
    value = _NOT_XML.sub("\ufffd", value)
    # \r as a reference, or a parser turns \r\n into \n
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _attr(value: str) -> str:
    """A quoted attribute value; whitespace as references, which attribute parsing keeps."""
    return '"' + _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;") + '"'


@dataclass
class GraphmlExporter:
    name: str
    description: str
    evidence: bool
    to_directory: bool = False

    def export(self, store: GraphStore, target: IO[str]) -> ExportReport:
        counts = write_graphml(store, target, evidence=self.evidence)
        return ExportReport(f"{counts.nodes} node(s), {counts.edges} relationship(s)")


GRAPHML = GraphmlExporter(
    "graphml",
    "GraphML of the domain graph: entities and the ontology's relationships (Gephi, networkx)",
    False,
)
GRAPHML_EVIDENCE = GraphmlExporter(
    "graphml-evidence", "GraphML with the evidence: also articles, sentences and claims (yEd, APOC)", True
)
