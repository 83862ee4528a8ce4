"""`kg view`: an entity's neighbourhood as one HTML file that needs no server.

    html = view_file(store, "Kazakhstan", depth=1)
    Path("kazakhstan.html").write_text(html, encoding="utf-8")

The file is the page of `kg browse` with its data embedded: the neighbourhood (as
`/api/neighbourhood` reads it), the timeline of every entity whose relationships were read,
and the first EVIDENCE_PER_RELATIONSHIP sentences of every relationship drawn or named in a
timeline. Search, expand, filters and paths work within that data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kg.browse import reads
from kg.browse.page import render_page
from kg.browse.shapes import Subgraph
from kg.core.errors import KgError

# Sentences embedded per relationship: the page says how many more `kg browse` would show.
EVIDENCE_PER_RELATIONSHIP = 30


def snapshot(store: Any, name: str, depth: int = 1) -> dict[str, Any]:
    """What the file's page reads instead of the server."""
    found = reads.search(store, name)
    if found.entity is None:
        close = ", ".join(f"{s.name} ({s.id})" for s in found.suggestions)
        raise KgError((found.message or f"no entity named {name!r}") + (f" {close}" if close else ""))
    graph = reads.neighbourhood(store, found.entity.id, depth=depth)
    expanded = list(graph.relations)
    timelines = {entity_id: reads.timeline(store, entity_id) for entity_id in expanded}
    extra = Subgraph()
    for events in timelines.values():
        for event in events:
            if event.edge.id not in graph.edges:
                extra.add(event.edge, event.subject, event.object)
    evidence = {}
    for edge in (*graph.edges.values(), *extra.edges.values()):
        ev = reads.evidence(store, edge.subject, edge.relation, edge.object, limit=EVIDENCE_PER_RELATIONSHIP)
        evidence[edge.id] = {"total": ev.total, "items": [item.to_dict() for item in ev.items]}
    return {
        "center": found.entity.id,
        "depth": depth,
        "graph": graph.to_dict(),
        "expanded": expanded,
        "timelines": {k: [e.to_dict() for e in v] for k, v in timelines.items()},
        "extra_nodes": [n.to_dict() for n in extra.nodes.values()],
        "extra_edges": [e.to_dict() for e in extra.edges.values()],
        "evidence": evidence,
    }


def view_file(store: Any, name: str, depth: int = 1) -> str:
    """The self-contained HTML page of the entity `name` resolves to."""
    data = snapshot(store, name, depth)
    center = next(n for n in data["graph"]["nodes"] if n["id"] == data["center"])
    written = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return render_page(
        data,
        title=f"{center['name']} · kg view",
        source=f"kg view · {center['name']} · depth {depth} · {written}",
    )
