"""Fixtures: one real FalkorDB engine per test session, in a temporary KG_HOME.

Each test that asks for `store` gets its own empty graph in that engine, so tests never see
each other's data; `kg_home` gives the directory for CLI tests (set KG_HOME to it).
"""

from __future__ import annotations

import itertools
import os

import pytest

from kg.store.engine import Engine
from kg.store.falkor import FalkorStore

_graphs = itertools.count()


@pytest.fixture(scope="session")
def engine_home(tmp_path_factory):
    home = tmp_path_factory.mktemp("kg")
    engine = Engine(home)
    engine.ensure()
    yield home
    engine.stop()


def _empty_graph(engine_home, prefix: str):
    s = FalkorStore(Engine(engine_home).ensure(), graph=f"{prefix}-{os.getpid()}-{next(_graphs)}")
    s.clear()
    s.ensure_schema()  # creates the (empty) graph: reads of a graph that does not exist fail
    yield s
    s.clear()
    s.close()


@pytest.fixture
def store(engine_home):
    """An empty graph of its own in the session's engine."""
    yield from _empty_graph(engine_home, "test")


@pytest.fixture
def kg_home(engine_home, monkeypatch, store):
    """KG_HOME and KG_GRAPH pointing at the session engine and this test's empty graph."""
    monkeypatch.setenv("KG_HOME", str(engine_home))
    monkeypatch.setenv("KG_GRAPH", store.graph_name)
    return engine_home


@pytest.fixture
def target_store(engine_home):
    """A second empty graph in the session's engine: where push, script and import tests copy
    `store` to."""
    yield from _empty_graph(engine_home, "target")
