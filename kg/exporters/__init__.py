"""Exporters, chosen by name: each format is one module with an Exporter (kg/exporters/base.py).

    from kg.exporters import get_exporter, exporter_names
    get_exporter("nt").export(store, stream)

A module is imported only when its format is asked for (as RDFLib's plugin registry does).
"""

from __future__ import annotations

from kg.core.registry import Registry
from kg.exporters.base import Exporter, ExportReport

# --format value -> its Exporter; the order is the one `kg export --help` lists.
EXPORTERS: Registry[Exporter] = Registry("export format")


@EXPORTERS.register("ttl")
def _turtle() -> Exporter:
    from kg.exporters.rdf import TURTLE

    return TURTLE


@EXPORTERS.register("nt")
def _ntriples() -> Exporter:
    from kg.exporters.rdf import NTRIPLES

    return NTRIPLES


@EXPORTERS.register("jsonld")
def _jsonld() -> Exporter:
    from kg.exporters.rdf import JSONLD

    return JSONLD


@EXPORTERS.register("graphml")
def _graphml() -> Exporter:
    from kg.exporters.graphml import GRAPHML

    return GRAPHML


@EXPORTERS.register("graphml-evidence")
def _graphml_evidence() -> Exporter:
    from kg.exporters.graphml import GRAPHML_EVIDENCE

    return GRAPHML_EVIDENCE


@EXPORTERS.register("cypher")
def _cypher_shell() -> Exporter:
    from kg.exporters.cypher_shell import CYPHER_SHELL

    return CYPHER_SHELL


@EXPORTERS.register("neo4j-admin")
def _neo4j_admin() -> Exporter:
    from kg.exporters.neo4j_admin import NEO4J_ADMIN

    return NEO4J_ADMIN


@EXPORTERS.register("events-csv")
def _events_csv() -> Exporter:
    from kg.exporters.events_csv import EVENTS_CSV

    return EVENTS_CSV


def exporter_names() -> list[str]:
    return EXPORTERS.names()


def get_exporter(name: str) -> Exporter:
    return EXPORTERS.get(name)


__all__ = ["EXPORTERS", "ExportReport", "Exporter", "exporter_names", "get_exporter"]
