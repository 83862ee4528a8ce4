"""Stores and exporters are chosen by name from one registry each, and keep one interface."""

from __future__ import annotations

import io

import pytest

from kg.exporters import EXPORTERS, exporter_names, get_exporter
from kg.store import STORES, GraphStore, open_store
from kg.store.falkor import FalkorStore
from kg.store.neo4j import Neo4jStore


def test_every_store_implements_the_store_interface():
    assert set(STORES.names()) == {"embedded", "neo4j"}
    for cls in (FalkorStore, Neo4jStore):
        for member in (
            "query",
            "execute",
            "ensure_schema",
            "clear",
            "close",
            "where",
            "__enter__",
            "__exit__",
            "engine_name",
        ):
            assert hasattr(cls, member), (cls.__name__, member)


def test_open_store_by_name(engine_home, store):
    with open_store("embedded", home=engine_home, graph=store.graph_name) as opened:
        assert isinstance(opened, GraphStore)
        assert opened.query("RETURN 1 AS one").records() == [{"one": 1}]
        assert store.graph_name in opened.where
    with pytest.raises(ValueError, match="unknown store 'sqlite'"):
        open_store("sqlite")


def test_every_exporter_is_found_by_its_name_and_writes_an_empty_graph(store, tmp_path):
    assert exporter_names() == EXPORTERS.names() and "neo4j-admin" in EXPORTERS
    for name in exporter_names():
        exporter = get_exporter(name)
        assert exporter.name == name and exporter.description
        target = tmp_path / name if exporter.to_directory else io.StringIO()
        report = exporter.export(store, target)
        assert report.summary.split()[0] == "0"  # nothing in the graph, nothing exported
    with pytest.raises(ValueError, match="unknown export format"):
        get_exporter("csv")


def test_the_cli_offers_exactly_the_registered_formats():
    from kg.cli import main

    export = main.commands["export"]
    fmt = next(p for p in export.params if p.name == "fmt")
    assert list(fmt.type.choices) == exporter_names()
