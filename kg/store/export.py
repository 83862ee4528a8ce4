"""Read the property graph back out: as assertions, as RDF, and as GraphML.

    for a in graph_assertions(store):            # one Assertion per evidence item
        ...
    text = export_rdf(store, "ttl")              # ttl | nt | jsonld, via kg/rdf_export.py
    write_rdf(store, "nt", stream)               # N-Triples are written page by page
    write_graphml(store, stream)                 # every node and relationship kg writes

Everything is read in pages ordered by a stable key (keyset paging: each page starts after the
last key of the one before), so a large graph never comes back in one reply. The statements
are plain Cypher that runs on FalkorDB and on Neo4j 5 (no APOC, no subqueries, every value a
parameter) and go through `store.query` only, so any store of kg.store works.

Pages are separate reads, not one snapshot: an article re-ingested during an export may show
its old evidence in one page and its new evidence in a later one, and evidence whose sentence
was removed between two reads is left out rather than exported without its text.
"""
from __future__ import annotations

import hashlib
import io
import json
import math
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any, Protocol

from kg.errors import KgError
from kg.model import Argument, Assertion, Entity, Mention, Qualifiers, SentenceRef
from kg.ontology import Ontology, load_ontology
from kg.store.result import Result
from kg.store.rows import sentence_id

DEFAULT_PAGE_SIZE = 5000

# Export format name -> rdflib serializer name.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


class ReadableStore(Protocol):
    def query(self, cypher: str, params: dict[str, Any] | None = None, *, write: bool = False) -> Result: ...


# -- keyset paging ---------------------------------------------------------------------------
#
# Ids are compared as `n.id + ''`, never as `n.id`: FalkorDB answers a range comparison on an
# indexed string property (the ids of Entity, Article and Sentence all are) from its index,
# whose order is not the one ORDER BY and `>` use elsewhere: with ids that differ in letter
# case ("Wire-B", "wire-a") or in a non-ASCII letter, `n.id > $after` misses rows or returns
# rows it should not, so pages would skip or repeat (FalkorDB issues #2239, #282, #294 are
# the same family). `n.id + ''` is the same string on both engines but is not a property, so
# no index is consulted.

def id_key(var: str) -> str:
    return f"({var}.id + '')"


def _key_order(keys: Sequence[str]) -> str:
    """The condition `(key0, key1, ...) > ($after_0, $after_1, ...)`, lexicographically."""
    def after(i: int) -> str:
        gt = f"{keys[i]} > $after_{i}"
        if i == len(keys) - 1:
            return gt
        return f"{gt} OR ({keys[i]} = $after_{i} AND ({after(i + 1)}))"
    return after(0)


@dataclass(frozen=True)
class Paged:
    """One MATCH read in pages: `keys` are the ordering expressions (unique together per row),
    `returns` the rest of the RETURN clause."""

    match: str
    keys: tuple[str, ...]
    returns: str

    def statement(self, first: bool) -> str:
        # Rows whose key is null (a node without an id, which kg never writes) are left out:
        # the first page says so, and later pages' comparisons are never true for them.
        if first:
            where = "\nWHERE " + " AND ".join(f"{key} IS NOT NULL" for key in self.keys)
        else:
            where = "\nWHERE " + _key_order(self.keys)
        keys = ", ".join(f"{expr} AS k{i}" for i, expr in enumerate(self.keys))
        order = ", ".join(f"k{i}" for i in range(len(self.keys)))
        return f"{self.match}{where}\nRETURN {keys}, {self.returns}\nORDER BY {order}\nLIMIT $limit"

    def pages(self, store: ReadableStore, page_size: int,
              params: dict[str, Any] | None = None) -> Iterator[list[dict[str, Any]]]:
        """Rows as dicts (k0, k1 ... and the returned aliases), `page_size` at most per reply."""
        if page_size < 1:
            raise ValueError(f"page_size must be at least 1, not {page_size}")
        first, rest = self.statement(True), self.statement(False)
        after: tuple[Any, ...] | None = None
        while True:
            values = {**(params or {}), "limit": page_size}
            if after is not None:
                values.update({f"after_{i}": v for i, v in enumerate(after)})
            rows = store.query(first if after is None else rest, values).records()
            if not rows:
                return
            yield rows
            if len(rows) < page_size:
                return
            last = tuple(rows[-1][f"k{i}"] for i in range(len(self.keys)))
            if last == after:  # would loop for ever; only an engine ordering bug gets here
                raise KgError(f"export paging made no progress after key {last!r}")
            after = last


_ENTITY_FIELDS = ("name", "aliases", "iso3", "wikidata", "geonames", "country", "sector")


def _entity_returns(var: str) -> str:
    return ", ".join([f"labels({var}) AS {var}_labels"] +
                     [f"{var}.{name} AS {var}_{name}" for name in _ENTITY_FIELDS])


_RELATIONS = Paged(
    match="MATCH (s:Entity)-[r]->(o:Entity)",
    keys=(id_key("s"), "type(r)", id_key("o")),
    returns=f"{_entity_returns('s')}, {_entity_returns('o')}, r.evidence AS evidence",
)

# Sentences (with their article) by id; the ids come from a page of evidence.
_SENTENCES = """
UNWIND $ids AS sid
MATCH (s:Sentence {id: sid})
OPTIONAL MATCH (a:Article)-[:HAS_SENTENCE]->(s)
RETURN s.id AS sid, s.text AS s_text, s.start AS s_start, s.end AS s_end,
       a.title AS a_title, a.url AS a_url, a.published AS a_published
"""


# -- assertions ------------------------------------------------------------------------------

def graph_assertions(store: ReadableStore, page_size: int = DEFAULT_PAGE_SIZE, *,
                     ontology: Ontology | None = None) -> Iterator[Assertion]:
    """Every assertion the graph holds: one per evidence item of every relationship between
    two entities, rebuilt from the item's evidence record (rule, confidence, qualifiers,
    mention texts and offsets), its Sentence node (text, index, offsets) and its Article
    (title, url, published).

    Relationships come `page_size` at a time, ordered by (subject id, type, object id); the
    assertions of one relationship keep the order its evidence was added in. A relationship
    whose evidence is not kg's evidence records raises KgError."""
    for page in _assertion_pages(store, page_size, ontology or load_ontology()):
        yield from page


def _assertion_pages(store: ReadableStore, page_size: int, onto: Ontology) -> Iterator[list[Assertion]]:
    """The assertions of one page of relationships at a time."""
    for rows in _RELATIONS.pages(store, page_size):
        items = []  # (subject, predicate, object, evidence record)
        for row in rows:
            subject, obj = _entity(row, "s", onto), _entity(row, "o", onto)
            for record in _records(row):
                items.append((subject, row["k1"], obj, record))
        sentences = _sentences(store, {sentence_id(rec["article"], rec["sentence"])
                                       for *_, rec in items}, page_size)
        page = []
        for subject, predicate, obj, rec in items:
            sentence = sentences.get(sentence_id(rec["article"], rec["sentence"]))
            if sentence is not None:  # None: removed since the relationship was read
                page.append(_assertion(subject, predicate, obj, rec, sentence))
        yield page


def _entity(row: dict[str, Any], var: str, onto: Ontology) -> Entity:
    entity_id = row["k0" if var == "s" else "k2"]
    labels = [label for label in row[f"{var}_labels"] or () if label != "Entity"]
    concrete = sorted(label for label in labels
                      if label in onto.classes and not onto.classes[label].abstract)
    # The writer gives each entity exactly one class label; anything else is passed on and
    # left for the RDF export to reject by name.
    type_ = (concrete or labels or ["Entity"])[0]

    def value(name: str) -> Any:
        return row.get(f"{var}_{name}")

    return Entity(id=entity_id, name=value("name") or entity_id, type=type_,
                  aliases=tuple(value("aliases") or ()), iso3=value("iso3"),
                  wikidata=value("wikidata"), geonames=value("geonames"),
                  country=value("country"), sector=value("sector"))


_RECORD_FIELDS: dict[str, type | tuple[type, ...]] = {
    "article": str, "sentence": int, "rule": str, "confidence": (int, float),
    "subject_text": str, "subject_start": int, "subject_end": int,
    "object_text": str, "object_start": int, "object_end": int}


def _records(row: dict[str, Any]) -> list[dict[str, Any]]:
    """The relationship's evidence records (kg/store/rows.py: evidence_record), checked."""
    where = f"({row['k0']})-[:{row['k1']}]->({row['k2']})"
    records = []
    for item in row.get("evidence") or ():
        try:
            record = json.loads(item)
        except (TypeError, ValueError):
            raise KgError(f"relationship {where} has evidence that is not JSON: {item!r:.200}") from None
        if not isinstance(record, dict):
            raise KgError(f"relationship {where} has evidence that is not a record: {item!r:.200}")
        for name, kind in _RECORD_FIELDS.items():
            if not isinstance(record.get(name), kind) or isinstance(record.get(name), bool):
                raise KgError(f"relationship {where} has an evidence record without a valid "
                              f"{name!r}: {item!r:.200}")
        records.append(record)
    return records


def _sentences(store: ReadableStore, ids: set[str], page_size: int) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    ordered = sorted(ids)
    for at in range(0, len(ordered), page_size):
        for row in store.query(_SENTENCES, {"ids": ordered[at:at + page_size]}).records():
            found[row["sid"]] = row
    return found


def _assertion(subject: Entity, predicate: str, obj: Entity, rec: dict[str, Any],
               sentence: dict[str, Any]) -> Assertion:
    qualifiers = Qualifiers(
        modality=rec.get("modality") or "asserted", attributed_to=rec.get("attributed_to"),
        date=rec.get("date"), count=rec.get("count"), role=rec.get("role"),
        former=bool(rec.get("former", False)), location=rec.get("location"))
    return Assertion(
        doc=rec["article"], predicate=predicate,
        subject=Argument(subject, Mention(rec["subject_text"], rec["subject_start"], rec["subject_end"])),
        object=Argument(obj, Mention(rec["object_text"], rec["object_start"], rec["object_end"])),
        sentence=SentenceRef(rec["sentence"], sentence["s_text"] or "", sentence["s_start"],
                             sentence["s_end"]),
        rule=rec["rule"], confidence=float(rec["confidence"]), qualifiers=qualifiers,
        title=sentence["a_title"], url=sentence["a_url"], published=sentence["a_published"])


# -- RDF -------------------------------------------------------------------------------------

def export_rdf(store: ReadableStore, fmt: str = "ttl", *, page_size: int = DEFAULT_PAGE_SIZE,
               ontology: Ontology | None = None) -> str:
    """The graph as RDF text: see `write_rdf`."""
    out = io.StringIO()
    write_rdf(store, fmt, out, page_size=page_size, ontology=ontology)
    return out.getvalue()


def write_rdf(store: ReadableStore, fmt: str, stream: IO[str], *,
              page_size: int = DEFAULT_PAGE_SIZE, ontology: Ontology | None = None) -> int:
    """Write the graph's assertions as RDF (fmt: ttl | nt | jsonld) to a text stream; returns
    the number of assertions.

    The RDF is kg/rdf_export.py's: one reified kg:Assertion per evidence item with its
    qualifiers and PROV-O provenance (sentence -> document), the entities as typed nodes,
    and a plain `s p o` triple for each relation asserted or reported as fact. It conforms
    to ontology/shapes.ttl (kg.rdf_export.validate) like any other export of that module.

    What the RDF does not hold: entities without a relationship (the writer deletes those,
    so normally there are none), articles and sentences no assertion came from, and the
    MENTIONS of entities in sentences (use write_graphml for the property graph itself).

    ttl and jsonld are built as one rdflib graph in memory before they are written;
    nt is written page by page, with the description of an entity, sentence or document
    written once however many pages refer to it."""
    from kg.rdf_export import assertions_to_graph

    if fmt not in RDF_FORMATS:
        raise KgError(f"unknown RDF format {fmt!r}; expected one of: {', '.join(RDF_FORMATS)}")
    onto = ontology or load_ontology()
    pages = _assertion_pages(store, page_size, onto)
    if fmt == "nt":
        return _write_ntriples(pages, stream, onto)
    count = 0

    def counted() -> Iterator[Assertion]:
        nonlocal count
        for page in pages:
            count += len(page)
            yield from page

    graph = assertions_to_graph(counted(), onto)
    stream.write(graph.serialize(format=RDF_FORMATS[fmt]))
    return count


def _write_ntriples(pages: Iterable[list[Assertion]], stream: IO[str], onto: Ontology) -> int:
    from kg.rdf_export import ASSERTION, assertions_to_graph

    own = f"<{ASSERTION}"  # an assertion's triples belong to its page alone
    written: set[bytes] = set()  # digests of the other lines: entities, sentences, documents
    count = 0
    for page in pages:
        count += len(page)
        text = assertions_to_graph(page, onto).serialize(format="nt")
        for line in sorted(filter(None, text.splitlines())):
            if not line.startswith(own):
                digest = hashlib.blake2b(line.encode("utf-8"), digest_size=16).digest()
                if digest in written:
                    continue
                written.add(digest)
            stream.write(line + "\n")
    return count


# -- GraphML ---------------------------------------------------------------------------------

GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"

# The node labels kg writes, each with a unique `id`; the first is written first.
NODE_LABELS = ("Entity", "Article", "Sentence")

# The relationships kg writes: between entities (the ontology's relations), Article ->
# Sentence (HAS_SENTENCE) and Sentence -> Entity (MENTIONS). Any type between those labels
# is exported; nodes of other labels, and relationships touching them, are not.
EDGE_PATTERNS = (("Entity", "Entity"), ("Article", "Sentence"), ("Sentence", "Entity"))


@dataclass
class GraphmlCounts:
    nodes: int = 0
    edges: int = 0


def write_graphml(store: ReadableStore, stream: IO[str], *,
                  page_size: int = DEFAULT_PAGE_SIZE) -> GraphmlCounts:
    """Write the property graph as GraphML to a text stream (UTF-8 if it is a file).

    Nodes: every Entity, Article and Sentence with an `id`; the GraphML node id is that
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
        renamed = _write_nodes(store, body, keys, counts, page_size)
        _write_edges(store, body, keys, counts, page_size, renamed)
        stream.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                     f'<graphml xmlns="{GRAPHML_NS}">\n')
        for (domain, name), (key_id, kind) in keys.items():
            stream.write(f'  <key id="{key_id}" for="{domain}" attr.name={_attr(name)} '
                         f'attr.type="{kind}"/>\n')
        stream.write('  <graph id="G" edgedefault="directed">\n')
        body.seek(0)
        while chunk := body.read(1 << 20):
            stream.write(chunk)
        stream.write("  </graph>\n</graphml>\n")
    return counts


def node_pages(label: str) -> Paged:
    return Paged(match=f"MATCH (n:{label})", keys=(id_key("n"),),
                  returns="labels(n) AS labels, properties(n) AS props")


def edge_pages(source: str, target: str) -> Paged:
    return Paged(match=f"MATCH (a:{source})-[r]->(b:{target})",
                  keys=(id_key("a"), "type(r)", id_key("b")), returns="properties(r) AS props")


def _write_nodes(store: ReadableStore, out: IO[str], keys: _Keys, counts: GraphmlCounts,
                 page_size: int) -> dict[tuple[str, str], str]:
    """Write the nodes; returns the GraphML ids that differ from the `id` property."""
    # Ids are unique per label (the store's constraints). Across labels kg's ids never meet
    # (entities are "type:key", sentences "article#n"), but this keeps the file valid if they
    # do. Sentences, by far the most numerous, are checked against, never added to, the set.
    taken: set[str] = set()
    renamed: dict[tuple[str, str], str] = {}
    for label in NODE_LABELS:
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


def _write_edges(store: ReadableStore, out: IO[str], keys: _Keys, counts: GraphmlCounts,
                 page_size: int, renamed: dict[tuple[str, str], str]) -> None:
    for source, target in EDGE_PATTERNS:
        for rows in edge_pages(source, target).pages(store, page_size):
            for row in rows:
                a = renamed.get((source, row["k0"]), row["k0"])
                b = renamed.get((target, row["k2"]), row["k2"])
                out.write(f"    <edge source={_attr(a)} target={_attr(b)} label={_attr(row['k1'])}>\n")
                out.write(keys.data("edge", "label", row["k1"]))
                for name, value in sorted((row["props"] or {}).items()):
                    if name != "label":
                        out.write(keys.data("edge", name, value))
                out.write("    </edge>\n")
                counts.edges += 1


class _Keys:
    """The <key> declarations: an id and a type for each (node|edge, attribute name)."""

    _WIDER = {frozenset({"int", "long"}): "long", frozenset({"int", "double"}): "double",
              frozenset({"long", "double"}): "double"}

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


_INT32 = range(-2**31, 2**31)


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


__all__ = ["DEFAULT_PAGE_SIZE", "EDGE_PATTERNS", "NODE_LABELS", "RDF_FORMATS", "GraphmlCounts",
           "export_rdf", "graph_assertions", "write_graphml", "write_rdf"]
