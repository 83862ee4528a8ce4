"""The interface of an exporter: the whole graph of a store out, in one format.

exporter = get_exporter("graphml")           # kg/exporters/__init__.py: chosen by name
report = exporter.export(store, stream)      # or a directory, when exporter.to_directory
report.summary                               # "120 node(s), 340 relationship(s)"
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from kg.core.graph import GraphStore


@dataclass
class ExportReport:
    summary: str  # one line on what was written, for stderr
    notes: list[str] = field(default_factory=list)  # further lines for stderr
    output: str | None = None  # what belongs on stdout (a command to run next), if anything


class Exporter(Protocol):
    name: str  # the --format value
    description: str  # one line for `kg export --help`
    to_directory: bool  # writes several files into a directory, not one stream

    def export(self, store: GraphStore, target: Any) -> ExportReport:
        """Write the graph to `target`: a text stream, or a directory (a Path) when
        `to_directory`."""
        ...
