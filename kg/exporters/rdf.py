"""The graph as RDF (ttl, nt, jsonld): ontology terms, one reified assertion per evidence item
with PROV-O provenance, valid under ontology/shapes.ttl (kg/rdf_export.py builds the triples).

    write_rdf(store, "nt", stream)    # kg export --format nt
    text = export_rdf(store, "ttl")
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Iterable, Iterator
from typing import IO

from kg.core.errors import KgError
from kg.core.graph import GraphStore
from kg.core.model import Assertion
from kg.core.ontology import Ontology, load_ontology
from kg.exporters.base import ExportReport
from kg.store.paging import DEFAULT_PAGE_SIZE
from kg.store.readback import assertion_pages

# Export format name -> rdflib serializer name.
RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld"}


def export_rdf(
    store: GraphStore,
    fmt: str = "ttl",
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    ontology: Ontology | None = None,
) -> str:
    """The graph as RDF text: see `write_rdf`."""
    out = io.StringIO()
    write_rdf(store, fmt, out, page_size=page_size, ontology=ontology)
    return out.getvalue()


def write_rdf(
    store: GraphStore,
    fmt: str,
    stream: IO[str],
    *,
    page_size: int = DEFAULT_PAGE_SIZE,
    ontology: Ontology | None = None,
) -> int:
    """Write the graph's assertions as RDF (fmt: ttl | nt | jsonld) to a text stream; returns
    the number of assertions.

    The RDF is kg/rdf_export.py's: one reified kg:Assertion per evidence item with its
    qualifiers and PROV-O provenance (sentence -> document), the entities as typed nodes,
    and a plain `s p o` triple for each relation asserted or reported as fact. It conforms
    to ontology/shapes.ttl (kg.exporters.rdf_assertions.validate) like any other export of that module.

    What the RDF does not hold: entities without a relationship (the writer deletes those,
    so normally there are none), articles and sentences no assertion came from, and the
    MENTIONS of entities in sentences (use write_graphml for the property graph itself).

    ttl and jsonld are built as one rdflib graph in memory before they are written;
    nt is written page by page, with the description of an entity, sentence or document
    written once however many pages refer to it."""
    from kg.exporters.rdf_assertions import assertions_to_graph

    if fmt not in RDF_FORMATS:
        raise KgError(f"unknown RDF format {fmt!r}; expected one of: {', '.join(RDF_FORMATS)}")
    onto = ontology or load_ontology()
    pages = assertion_pages(store, page_size, onto)
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
    from kg.exporters.rdf_assertions import ASSERTION, assertions_to_graph

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


class RdfExporter:
    to_directory = False

    def __init__(self, name: str, description: str) -> None:
        self.name, self.description = name, description

    def export(self, store: GraphStore, target: IO[str]) -> ExportReport:
        return ExportReport(f"{write_rdf(store, self.name, target)} assertion(s)")


TURTLE = RdfExporter("ttl", "RDF Turtle: ontology terms, reified assertions with PROV-O provenance")
NTRIPLES = RdfExporter("nt", "RDF N-Triples, written page by page (large graphs)")
JSONLD = RdfExporter("jsonld", "RDF JSON-LD")
