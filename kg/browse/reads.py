"""Every read of the graph that `kg browse` and `kg view` make, as named, parameterised functions.

    hit = search(store, "CSTO")                       # lookup as `kg entity` does, with suggestions
    view = neighbourhood(store, hit.entity.id, depth=1)
    evidence(store, "country:RUS", "SENT_TROOPS_TO", "country:KAZ", Filters(modalities={"reported"}))
    timeline(store, "country:KAZ")                    # the named query `timeline`, rows with their edges
    path(store, "Russia", "Nikol Pashinyan")          # kg.explore.find_path, drawn as nodes and edges

This module is the only place the browser's view of the graph touches its model: how evidence
sits behind a relationship (its Claim nodes and their summaries, graph model 2 of
kg/store/statements.py) and which relationships link entities. When the model changes,
these functions change and the server, the page and
`kg view` do not. Values come from the page only as parameters; relation names, the one thing
Cypher cannot take as a parameter, are checked against the ontology (`check_relation`).
Returned values are dataclasses whose `to_dict()` is what the page reads as JSON.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

from kg.browse.shapes import (
    Article,
    Edge,
    Evidence,
    EvidenceItem,
    Filters,
    Node,
    NotFound,
    PathView,
    SearchResult,
    Subgraph,
    Suggestion,
    TimelineEvent,
    check_relation,
    edge_id,
    relation_types,
    segments,
)
from kg.core.cypher import part
from kg.core.errors import ArgumentError, KgError
from kg.core.graph import QueryError, StoreUnavailable
from kg.core.ontology import load_ontology
from kg.explore import find_path, suggest_entities
from kg.named_queries import run_named_query
from kg.resolution.lookup import AmbiguousEntity, find_node

# Relationships drawn around one entity, most mentioned first: entity-relations' default
# limit, so a neighbourhood reads what `kg ask entity-relations` reads.
NEIGHBOURS = 100
MAX_NEIGHBOURS = 500
# Nodes on one canvas at most (Neo4j Browser's default initialNodeDisplay is 300).
MAX_NODES = 300
# Relationships among the entities a neighbourhood reached (not those whose own relationships
# were read: theirs are the most mentioned `limit`), most mentioned first.
MAX_LINKS = 100
MAX_DEPTH = 3
EVIDENCE_PAGE = 50
MAX_EVIDENCE_PAGE = 500
TIMELINE_LIMIT = 100
SUGGESTIONS = 8


# -- the Cypher --------------------------------------------------------------------------------

_TYPE = part("entity-class", entity="{v}")
_NODE_COLUMNS = (
    "{v}.id AS {p}_id, {v}.name AS {p}_name, " + _TYPE + " AS {p}_type, "
    "coalesce({v}.aliases, []) AS {p}_aliases"
)
# One row per relationship: its two ends and the summaries of its claims (kept by the writer).
# A relationship none of whose claims has a date is dated by its articles' publication, as the
# timeline query does (first_published and last_published are summaries too).
_EDGE_COLUMNS = f"""
RETURN {_NODE_COLUMNS.format(v="s", p="s")}, type(r) AS relation, {_NODE_COLUMNS.format(v="o", p="o")},
       r.mentions AS mentions, r.articles AS articles, r.confidence AS confidence,
       coalesce(r.first_date, r.first_published) AS first_date,
       coalesce(r.last_date, r.last_published) AS last_date, r.first_date IS NOT NULL AS dated,
       r.modality AS modality,
       [m IN $modalities WHERE m IN coalesce(r.modalities, [])] AS modalities,
       coalesce(r.roles, []) AS roles"""

ENTITIES = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN """ + _NODE_COLUMNS.format(v="e", p="e")

NAMES_STARTING = (
    """
MATCH (e:Entity)
WHERE toLower(e.name) STARTS WITH $prefix
   OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) STARTS WITH $prefix)
RETURN e.id AS id, e.name AS name, """
    + _TYPE.format(v="e")
    + """ AS type,
       head([alias IN coalesce(e.aliases, []) WHERE toLower(alias) STARTS WITH $prefix]) AS alias
ORDER BY size(e.name), e.name, e.id
LIMIT $limit
"""
)

# The most mentioned relationships of each entity in $ids; {relations} is the ontology's list.
NEIGHBOURS_OF = (
    """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL {
  WITH e
  MATCH (e)-[r:{relations}]-(other:Entity)
  WITH r, other
  ORDER BY r.mentions DESC, type(r), other.name, other.id
  LIMIT $limit
  RETURN r
}
WITH startNode(r) AS s, r, endNode(r) AS o"""
    + _EDGE_COLUMNS
)

RELATION_COUNTS = """
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id, size([(e)-[:{relations}]-(:Entity) | 1]) AS relations
"""

# Both ends by `IN $ids`: FalkorDB seeks both in the id index (25 ms among the 28 busiest
# entities of a 10k-article graph, where UNWIND then `o.id IN $ids` took 1.1 s).
LINKS_AMONG = (
    """
MATCH (s:Entity)-[r:{relations}]->(o:Entity)
WHERE s.id IN $ids AND o.id IN $ids AND NOT s.id IN $expanded AND NOT o.id IN $expanded
WITH s, r, o
ORDER BY r.mentions DESC
LIMIT $limit"""
    + _EDGE_COLUMNS
)

EDGES = (
    """
UNWIND $triples AS t
MATCH (s:Entity {id: t.subject})-[r]->(o:Entity {id: t.object})
WHERE type(r) = t.relation"""
    + _EDGE_COLUMNS
)

EVIDENCE_INDEX = (
    """
MATCH (s:Entity {id: $subject})-[r]->(o:Entity {id: $object})
WHERE type(r) = $relation"""
    + _EDGE_COLUMNS
)

# The claims behind one relationship: what sorting and filtering need, then a page of them whole.
_CLAIMS_OF = f"""
MATCH (s:Entity {{id: $subject}}), (o:Entity {{id: $object}})
MATCH {part("claims-of", subject="s", claim="c", object="o")}
WHERE c.relation = $relation"""

EVIDENCE_CLAIMS = (
    _CLAIMS_OF
    + """
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(c)
RETURN c.id AS claim, c.date AS date, c.modality AS modality, c.confidence AS confidence,
       article.published AS published,
       article.id AS article_id, sentence.index AS sentence_index
"""
)

EVIDENCE_ITEMS = (
    _CLAIMS_OF
    + """ AND c.id IN $claims
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:HAS_CLAIM]->(c)
RETURN c.id AS claim, sentence.id AS sentence_id, sentence.text AS text, sentence.start AS start,
       c AS record, c.confidence AS confidence, c.modality AS modality, c.date AS date,
       c.role AS role, article.id AS article_id, article.title AS title, article.url AS url,
       article.published AS published, article.source AS source
"""
)


def _modalities() -> dict[str, list[str]]:
    """The parameter the edge columns list a relationship's modalities with, in the ontology's order."""
    return {"modalities": list(load_ontology().modalities)}


@functools.cache
def _cypher(template: str) -> str:
    """A template with the ontology's relation types in place of {relations}."""
    return template.replace("{relations}", "|".join(relation_types()))


# -- reading -------------------------------------------------------------------------------------


def _node(row: dict[str, Any], prefix: str) -> Node:
    return Node(
        id=row[f"{prefix}_id"],
        name=row[f"{prefix}_name"] or row[f"{prefix}_id"],
        type=row[f"{prefix}_type"],
        aliases=tuple(row[f"{prefix}_aliases"] or ()),
    )


def _edge(row: dict[str, Any]) -> tuple[Edge, Node, Node]:
    edge = Edge(
        subject=row["s_id"],
        relation=row["relation"],
        object=row["o_id"],
        mentions=row["mentions"] or 0,
        articles=row["articles"] or 0,
        confidence=row["confidence"],
        first_date=row["first_date"],
        last_date=row["last_date"],
        dated=bool(row["dated"]),
        modality=row["modality"],
        modalities=tuple(row["modalities"] or ()),
        roles=tuple(row["roles"] or ()),
    )
    return edge, _node(row, "s"), _node(row, "o")


def entities(store: Any, ids: Iterable[str]) -> dict[str, Node]:
    """The entities of `ids` that exist, by id."""
    rows = store.query(ENTITIES, {"ids": list(dict.fromkeys(ids))}).records()
    return {row["e_id"]: _node(row, "e") for row in rows}


def entity(store: Any, entity_id: str) -> Node:
    found = entities(store, [entity_id]).get(entity_id)
    if found is None:
        raise NotFound(f"no entity with id {entity_id!r}")
    return found


def search(store: Any, text: str) -> SearchResult:
    """The entity `text` names, found as `kg entity` finds it (id, name, alias, acronym,
    spelling, surname: kg/resolution/lookup.py); else close names to choose from."""
    text = text.strip()
    if not text:
        raise ArgumentError("the search text is empty")
    try:
        found = find_node(store, text)
    except AmbiguousEntity as exc:
        return SearchResult(text, None, _close(store, text), message=str(exc))
    if found is not None:
        node = Node(
            id=found["id"],
            name=found.get("name") or found["id"],
            type=found.get("type"),
            aliases=tuple(found.get("aliases") or ()),
        )
        return SearchResult(text, node)
    close = _close(store, text)
    hint = "; did you mean one of these?" if close else ", and none with a similar name or alias"
    return SearchResult(text, None, close, message=f"no entity named {text!r}{hint}")


def _close(store: Any, text: str) -> tuple[Suggestion, ...]:
    found = {s.id: s for s in suggest(store, text)}
    for name, entity_id in suggest_entities(store, text, limit=SUGGESTIONS):
        found.setdefault(entity_id, Suggestion(entity_id, name))
    return tuple(found.values())[:SUGGESTIONS]


def suggest(store: Any, prefix: str, limit: int = SUGGESTIONS) -> list[Suggestion]:
    """Entities whose name or an alias starts with `prefix` (any case), shortest names first."""
    prefix = prefix.strip().lower()
    if not prefix:
        return []
    rows = store.query(NAMES_STARTING, {"prefix": prefix, "limit": limit}).records()
    return [
        Suggestion(
            r["id"],
            r["name"] or r["id"],
            r["type"],
            None if (r["name"] or "").lower().startswith(prefix) else r["alias"],
        )
        for r in rows
    ]


def neighbourhood(
    store: Any, entity_id: str, depth: int = 1, limit: int = NEIGHBOURS, max_nodes: int = MAX_NODES
) -> Subgraph:
    """The entity, its `limit` most mentioned relationships and the entities at their other
    ends, `depth` steps out (each step from every entity the last one reached), at most
    `max_nodes` entities; then the relationships among those entities."""
    if not 1 <= depth <= MAX_DEPTH:
        raise ArgumentError(f"depth must be from 1 to {MAX_DEPTH}, got {depth}")
    if not 1 <= limit <= MAX_NEIGHBOURS:
        raise ArgumentError(f"limit must be from 1 to {MAX_NEIGHBOURS}, got {limit}")
    center = entity(store, entity_id)
    view = Subgraph(nodes={center.id: center}, center=center.id)
    frontier = [center.id]
    for _ in range(depth):
        params = {"ids": frontier, "limit": limit, **_modalities()}
        rows = store.query(_cypher(NEIGHBOURS_OF), params).records()
        counts = store.query(_cypher(RELATION_COUNTS), {"ids": frontier}).records()
        view.relations.update({r["id"]: r["relations"] for r in counts})
        reached: list[str] = []
        for row in rows:
            edge, subject, obj = _edge(row)
            new = [n for n in (subject, obj) if n.id not in view.nodes]
            if len(view.nodes) + len(new) > max_nodes:
                view.truncated = True
                continue
            reached += [n.id for n in new]
            view.add(edge, subject, obj)
        frontier = reached
        if not frontier:
            break
    links = store.query(
        _cypher(LINKS_AMONG),
        {"ids": list(view.nodes), "expanded": list(view.relations), "limit": MAX_LINKS, **_modalities()},
    ).records()
    for row in links:
        view.add(*_edge(row))
    return view


def edges(store: Any, triples: Iterable[tuple[str, str, str]]) -> Subgraph:
    """The relationships (subject id, relation, object id) that exist, with their ends."""
    rows = [{"subject": s, "relation": check_relation(r), "object": o} for s, r, o in triples]
    view = Subgraph()
    if rows:
        for row in store.query(EDGES, {"triples": rows, **_modalities()}).records():
            view.add(*_edge(row))
    return view


# -- evidence ------------------------------------------------------------------------------------


def evidence(
    store: Any,
    subject: str,
    relation: str,
    obj: str,
    filters: Filters | None = None,
    offset: int = 0,
    limit: int = EVIDENCE_PAGE,
) -> Evidence:
    """The sentences behind one relationship that the filters keep, in date order (a sentence
    without a date at its article's publication date, none at all last), `limit` from
    `offset`; each with its mentions, qualifiers, rule and article."""
    filters = filters or Filters()
    relation = check_relation(relation)
    if offset < 0 or not 1 <= limit <= MAX_EVIDENCE_PAGE:
        raise ArgumentError(f"offset must be 0 or more and limit from 1 to {MAX_EVIDENCE_PAGE}")
    params = {"subject": subject, "relation": relation, "object": obj}
    rows = store.query(EVIDENCE_INDEX, {**params, **_modalities()}).records()
    if not rows:
        raise NotFound(f"no {relation} relationship from {subject!r} to {obj!r}")
    row = rows[0]
    edge, subject_node, object_node = _edge(row)
    # claims in the order their articles came (publication, id), then sentence order
    claims = sorted(
        store.query(EVIDENCE_CLAIMS, params).records(),
        key=lambda c: (c["published"] or "", c["article_id"], c["sentence_index"], c["claim"]),
    )
    # a sentence's date: its event's, else its article's publication (as the timeline's)
    dates = [c["date"] or c["published"] or "" for c in claims]
    modalities = [c["modality"] for c in claims]
    kept = [i for i in range(len(dates)) if filters.keeps(dates[i], modalities[i], claims[i]["confidence"])]
    kept.sort(key=lambda i: (dates[i] == "", dates[i], i))
    page = kept[offset : offset + limit]
    wanted = [claims[i]["claim"] for i in page]
    items = store.query(EVIDENCE_ITEMS, {**params, "claims": wanted}).records() if page else []
    by_claim = {item["claim"]: item for item in items}
    by_index = {i: by_claim[claims[i]["claim"]] for i in page if claims[i]["claim"] in by_claim}
    records = {i: _record(by_index[i]["record"]) for i in page if i in by_index}
    speakers = entities(
        store, {r["attributed_to"] for r in records.values() if isinstance(r.get("attributed_to"), str)}
    )
    built = tuple(_evidence_item(by_index[i], records[i], speakers) for i in page if i in by_index)
    return Evidence(
        edge,
        subject_node,
        object_node,
        total=len(dates),
        matching=len(kept),
        offset=offset,
        items=built,
        filters=filters,
    )


def _record(node: Any) -> dict[str, Any]:
    """A Claim node's properties (rule, qualifiers, mention texts and offsets)."""
    return dict(node.get("properties") or {}) if isinstance(node, dict) else {}


def name_of_id(entity_id: str) -> str:
    """A readable name for a speaker the graph holds no node of (a source only ever quoted):
    "organization:RUS:russian-defence-ministry" -> "Russian Defence Ministry (RUS)",
    "group:RUS:government" -> "government (RUS)"."""
    kind, _, rest = entity_id.partition(":")
    rest = rest.partition("@")[0]
    country, _, slug = rest.rpartition(":")
    words = slug.replace("-", " ").strip() or entity_id
    name = words if kind == "group" else words.title()
    return f"{name} ({country})" if country else name


def _evidence_item(row: dict[str, Any], record: dict[str, Any], speakers: dict[str, Node]) -> EvidenceItem:
    text = row["text"] or ""
    start = row["start"] if isinstance(row["start"], int) else 0
    spans = [_span(text, start, record, side) for side in ("subject", "object")]
    speaker = record.get("attributed_to")
    attributed = None
    if isinstance(speaker, str):
        attributed = speakers.get(speaker, Node(speaker, name_of_id(speaker), None))
    article = Article(row["article_id"], row["title"], row["url"], row["published"], row["source"])
    qualifiers = {k: record[k] for k in ("count", "location", "former") if record.get(k) is not None}
    return EvidenceItem(
        sentence_id=row["sentence_id"],
        text=text,
        segments=segments(text, [s for s in spans if s is not None]),
        modality=row["modality"],
        date=row["date"] or None,
        confidence=row["confidence"],
        rule=record.get("rule"),
        article=article,
        attributed_to=attributed,
        role=row["role"] or None,
        qualifiers=qualifiers,
    )


def _span(text: str, sentence_start: int, record: dict[str, Any], side: str) -> tuple[int, int, str] | None:
    """Where the subject's or object's mention lies in the sentence: its document offsets less
    the sentence's start; where they do not fit the text, the mention's text found in it."""
    mention = record.get(f"{side}_text")
    begin, end = record.get(f"{side}_start"), record.get(f"{side}_end")
    if isinstance(begin, int) and isinstance(end, int):
        at, length = begin - sentence_start, end - begin
        if 0 <= at < at + length <= len(text) and (mention is None or text[at : at + length] == mention):
            return at, at + length, side
    if isinstance(mention, str) and mention and mention in text:
        at = text.index(mention)
        return at, at + len(mention), side
    return None


# -- timeline and path ---------------------------------------------------------------------------


def timeline(
    store: Any, entity_id: str, filters: Filters | None = None, limit: int = TIMELINE_LIMIT
) -> list[TimelineEvent]:
    """The actor's events, oldest first (the named query `timeline`: an event's own date, else
    its earliest article's), each with its relationship; the filters' types and modalities too."""
    filters = filters or Filters()
    entity(store, entity_id)  # NotFound rather than an empty timeline
    rows = run_named_query(
        store,
        "timeline",
        {
            "actor": entity_id,
            "since": filters.since,
            "until": filters.until,
            "min_confidence": filters.min_confidence,
            "limit": limit,
        },
    ).records()
    found = edges(store, [(r["subject_id"], r["relation"], r["object_id"]) for r in rows])
    events = []
    for row in rows:
        edge = found.edges.get(edge_id(row["subject_id"], row["relation"], row["object_id"]))
        if edge is None or (filters.relations is not None and edge.relation not in filters.relations):
            continue
        if filters.modalities is not None and not filters.modalities & set(edge.modalities):
            continue
        events.append(TimelineEvent(row["date"], edge, found.nodes[edge.subject], found.nodes[edge.object]))
    return events


def dyad(store: Any, a: str, b: str, filters: Filters) -> list[dict[str, Any]]:
    """The events between two entities by month and quad class, both directions (`kg ask
    dyad`, queries/dyad.cypher), at the page's confidence: month, quad_class, sentences,
    from_a, from_b, goldstein."""
    rows = run_named_query(store, "dyad", {"a": a, "b": b, "min_confidence": filters.min_confidence})
    return rows.records()


def path(store: Any, source: str, target: str) -> PathView:
    """A shortest path between the entities two names (or ids) resolve to, as `kg path` finds it
    (kg.explore.find_path); NotFound when there is none."""
    try:
        found = find_path(store, source, target)
    except (AmbiguousEntity, QueryError, StoreUnavailable):
        raise
    except KgError as exc:  # a name that fits no entity (with suggestions), an empty name
        raise NotFound(str(exc)) from None
    if found is None:
        raise NotFound(f"no path of at most 4 relations between {source!r} and {target!r}")
    triples = [
        (a, step.relation, b) if step.forward else (b, step.relation, a)
        for a, b, step in zip(found.ids, found.ids[1:], found.steps)
    ]
    graph = edges(store, triples)
    missing = [i for i in found.ids if i not in graph.nodes]
    graph.nodes.update(entities(store, missing))
    return PathView(found.ids, graph)
