"""Exporters, chosen by name: each format is one module with an Exporter (kg/exporters/base.py).

    from kg.exporters import get_exporter, exporter_names
    get_exporter("nt").export(store, stream)

A module is imported only when its format is asked for (as RDFLib's plugin registry does).
"""
from __future__ import annotations

import importlib

from kg.exporters.base import Exporter, ExportReport

# --format value -> (module, attribute): the order is the one `kg export --help` lists.
EXPORTERS: dict[str, tuple[str, str]] = {
    "ttl": ("kg.exporters.rdf", "TURTLE"),
    "nt": ("kg.exporters.rdf", "NTRIPLES"),
    "jsonld": ("kg.exporters.rdf", "JSONLD"),
    "graphml": ("kg.exporters.graphml", "GRAPHML"),
    "cypher": ("kg.exporters.cypher_shell", "CYPHER_SHELL"),
    "neo4j-admin": ("kg.exporters.neo4j_admin", "NEO4J_ADMIN"),
}


def exporter_names() -> list[str]:
    return list(EXPORTERS)


def get_exporter(name: str) -> Exporter:
    try:
        module, attribute = EXPORTERS[name]
    except KeyError:
        raise ValueError(f"unknown export format {name!r}; expected one of: "
                         f"{', '.join(EXPORTERS)}") from None
    exporter: Exporter = getattr(importlib.import_module(module), attribute)
    return exporter


__all__ = ["EXPORTERS", "ExportReport", "Exporter", "exporter_names", "get_exporter"]
