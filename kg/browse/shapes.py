"""What kg.browse.reads returns: entities, relationships and their evidence, as the page reads
them (each value's `to_dict()` is its JSON), and the page's filters.

    Filters.parse(relations="MET_WITH", modalities="asserted,reported", since="2022")
    segments("Russia sent troops", [(0, 6, "subject")])   # (("Russia", "subject"), (" sent troops", None))
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from kg.core.errors import ArgumentError, KgError
from kg.core.model import DEFAULT_MIN_CONFIDENCE
from kg.core.ontology import load_ontology

_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


@functools.cache
def relation_types() -> tuple[str, ...]:
    """The relation types that link entities: the ontology's, never the structural ones."""
    return tuple(sorted(load_ontology().relations))


class NotFound(KgError):
    """What the page asked for is not in the graph (the server answers 404)."""


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    type: str | None
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "aliases": list(self.aliases)}


@dataclass(frozen=True)
class Edge:
    """One relationship between two entities with the summaries of its evidence."""

    subject: str
    relation: str
    object: str
    mentions: int
    articles: int
    confidence: float | None = None
    first_date: str | None = None
    last_date: str | None = None
    dated: bool = True  # False: no sentence has a date; the dates are its articles' publication
    modality: str | None = None  # the most factual one
    modalities: tuple[str, ...] = ()  # every one its sentences have
    roles: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return edge_id(self.subject, self.relation, self.object)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.subject,
            "target": self.object,
            "type": self.relation,
            "mentions": self.mentions,
            "articles": self.articles,
            "confidence": self.confidence,
            "first_date": self.first_date,
            "last_date": self.last_date,
            "dated": self.dated,
            "modality": self.modality,
            "modalities": list(self.modalities),
            "roles": list(self.roles),
        }


def edge_id(subject: str, relation: str, obj: str) -> str:
    return f"{subject}-[{relation}]->{obj}"


@dataclass
class Subgraph:
    """Nodes and edges to draw. `relations`: entity id -> how many relationships it has in all,
    for the entities whose own relationships were read (their neighbourhood was expanded)."""

    nodes: dict[str, Node] = field(default_factory=dict)
    edges: dict[str, Edge] = field(default_factory=dict)
    relations: dict[str, int] = field(default_factory=dict)
    center: str | None = None
    truncated: bool = False  # nodes were left out to stay within MAX_NODES

    def add(self, edge: Edge, subject: Node, obj: Node) -> None:
        self.nodes.setdefault(subject.id, subject)
        self.nodes.setdefault(obj.id, obj)
        self.edges.setdefault(edge.id, edge)

    def merge(self, other: Subgraph) -> None:
        for node in other.nodes.values():
            self.nodes.setdefault(node.id, node)
        for edge in other.edges.values():
            self.edges.setdefault(edge.id, edge)
        self.relations.update(other.relations)
        self.truncated = self.truncated or other.truncated

    def to_dict(self) -> dict[str, Any]:
        return {
            "center": self.center,
            "nodes": [n.to_dict() for n in self.nodes.values()],
            "edges": [e.to_dict() for e in self.edges.values()],
            "relations": dict(self.relations),
            "truncated": self.truncated,
        }


@dataclass(frozen=True)
class Filters:
    """What the page's filters keep: relation types, modalities (a relationship stays when one
    of its sentences has one of them), dates (ISO prefixes compared as text, as the timeline
    query compares them: since=2022 keeps 2022-01-05, until=2022 keeps all of 2022). A
    sentence's date is its event's, else its article's publication date; a relationship's
    runs from its first to its last (Edge.first_date, last_date)."""

    relations: frozenset[str] | None = None
    modalities: frozenset[str] | None = None
    since: str | None = None
    until: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE  # a sentence's claim, a relationship's best

    @classmethod
    def parse(
        cls,
        relations: str | None = None,
        modalities: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_confidence: str | None = None,
    ) -> Filters:
        """From the page's comma-separated text; ArgumentError for a name, date or number it
        cannot be."""
        rel = frozenset(check_relation(r) for r in _items(relations)) if relations else None
        known = load_ontology().modalities
        mods = frozenset(_items(modalities)) if modalities else None
        for modality in sorted(mods or ()):
            if modality not in known:
                raise ArgumentError(f"unknown modality {modality!r}; expected one of: {', '.join(known)}")
        for name, value in (("since", since), ("until", until)):
            if value and not _DATE.fullmatch(value):
                raise ArgumentError(f"{name} must be a date as YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
        least = DEFAULT_MIN_CONFIDENCE
        if min_confidence:
            try:
                least = float(min_confidence)
            except ValueError:
                least = -1.0
            if not 0.0 <= least <= 1.0:
                raise ArgumentError(f"min_confidence must be a number from 0 to 1, got {min_confidence!r}")
        return cls(rel, mods, since or None, until or None, least)

    def keeps_date(self, date: str | None) -> bool:
        if self.since is None and self.until is None:
            return True
        if not date:
            return False  # an undated sentence cannot be placed in a range
        return (self.since is None or date >= self.since) and (
            self.until is None or date[: len(self.until)] <= self.until
        )

    def keeps(self, date: str | None, modality: str | None, confidence: float | None = None) -> bool:
        return (
            self.keeps_date(date)
            and (self.modalities is None or modality in self.modalities)
            and (confidence is None or confidence >= self.min_confidence)
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "relations": sorted(self.relations) if self.relations is not None else None,
            "modalities": sorted(self.modalities) if self.modalities is not None else None,
            "since": self.since,
            "until": self.until,
            "min_confidence": self.min_confidence,
        }


def _items(text: str) -> list[str]:
    return [item.strip() for item in text.split(",") if item.strip()]


def check_relation(name: str) -> str:
    """A relation type of the ontology (MET_WITH, or "met with"); ArgumentError otherwise."""
    wanted = name.strip().upper().replace(" ", "_")
    if wanted not in relation_types():
        raise ArgumentError(f"unknown relation {name!r}; expected one of: {', '.join(relation_types())}")
    return wanted


@dataclass(frozen=True)
class Suggestion:
    id: str
    name: str
    type: str | None = None
    alias: str | None = None  # the alias that matched, when the name did not

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "type": self.type, "alias": self.alias}


@dataclass(frozen=True)
class SearchResult:
    query: str
    entity: Node | None
    suggestions: tuple[Suggestion, ...] = ()
    message: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "query": self.query,
            "entity": self.entity.to_dict() if self.entity else None,
            "suggestions": [s.to_dict() for s in self.suggestions],
            "message": self.message,
        }


@dataclass(frozen=True)
class Article:
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    source: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "published": self.published,
            "source": self.source,
        }


@dataclass(frozen=True)
class EvidenceItem:
    """One supporting sentence. `segments` is the sentence cut at the mentions, each piece with
    the side it names ("subject", "object", "both") or None, so the page highlights without
    counting characters (a JavaScript string counts UTF-16 units, Python code points)."""

    sentence_id: str
    text: str
    segments: tuple[tuple[str, str | None], ...]
    modality: str | None
    date: str | None
    confidence: float | None
    rule: str | None
    article: Article
    attributed_to: Node | None = None
    role: str | None = None
    qualifiers: dict[str, Any] = field(default_factory=dict)  # count, location, former

    def to_dict(self) -> dict[str, Any]:
        return {
            "sentence_id": self.sentence_id,
            "text": self.text,
            "segments": [list(s) for s in self.segments],
            "modality": self.modality,
            "date": self.date,
            "confidence": self.confidence,
            "rule": self.rule,
            "article": self.article.to_dict(),
            "attributed_to": self.attributed_to.to_dict() if self.attributed_to else None,
            "role": self.role,
            "qualifiers": dict(self.qualifiers),
        }


@dataclass(frozen=True)
class Evidence:
    edge: Edge
    subject: Node
    object: Node
    total: int  # sentences behind the relationship
    matching: int  # of them, the ones the filters keep
    offset: int
    items: tuple[EvidenceItem, ...]
    filters: Filters = Filters()

    def to_dict(self) -> dict[str, Any]:
        return {
            "edge": self.edge.to_dict(),
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
            "total": self.total,
            "matching": self.matching,
            "offset": self.offset,
            "items": [i.to_dict() for i in self.items],
            "filters": self.filters.to_dict(),
        }


def segments(text: str, spans: Sequence[tuple[int, int, str]]) -> tuple[tuple[str, str | None], ...]:
    """`text` cut at every span boundary; each piece marked by the side covering it."""
    cuts = sorted({0, len(text), *(b for s in spans for b in s[:2])})
    pieces: list[tuple[str, str | None]] = []
    for begin, end in zip(cuts, cuts[1:]):
        sides = {side for s_begin, s_end, side in spans if s_begin <= begin and end <= s_end}
        mark = "both" if len(sides) > 1 else (sides.pop() if sides else None)
        if pieces and pieces[-1][1] == mark:
            pieces[-1] = (pieces[-1][0] + text[begin:end], mark)
        elif end > begin:
            pieces.append((text[begin:end], mark))
    return tuple(pieces)


@dataclass(frozen=True)
class TimelineEvent:
    date: str | None
    edge: Edge
    subject: Node
    object: Node

    def to_dict(self) -> dict[str, Any]:
        return {
            "date": self.date,
            "edge": self.edge.to_dict(),
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
        }


@dataclass(frozen=True)
class PathView:
    ids: tuple[str, ...]  # the entities in order
    graph: Subgraph

    def to_dict(self) -> dict[str, Any]:
        return {"ids": list(self.ids), **self.graph.to_dict()}
