"""Looking around the graph: find an entity by name, its card, a path between two, counts.

    card = entity_card(store, "Kazakhstan")
    print(format_card(card))
    path = find_path(store, "Germany", "Gitanas Nauseda")
    print(format_path(path))          # Germany -[SENT_TROOPS_TO]-> Lithuania <-[LEADER_OF]- Gitanas Nauseda

The CLI formats what these return; they raise KgError (one line) for anything the user can fix.
"""

from __future__ import annotations

import difflib
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from kg.core.errors import KgError
from kg.core.ontology import load_ontology
from kg.named_queries import run_named_query
from kg.resolution.lookup import check_name_length, find_node

# The shortest-path query meets in the middle, two steps from each end.
MAX_HOPS = 4
# Most relationships an entity card fetches, both directions together.
CARD_LIMIT = 500
_SUGGESTIONS = 5
_CUTOFF = 0.7

ENTITY_COUNT = "MATCH (e:Entity) RETURN count(e)"

ENTITY_NAMES = """
MATCH (e:Entity)
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases
"""


def find_entity(store: Any, name: str) -> dict[str, Any]:
    """The entity's properties plus its class as "type": by exact id, else by any name, alias,
    acronym or spelling of one, else by surname or a close transliteration
    (kg/resolution/lookup.py; the most connected when several match). KgError with
    suggestions if none, naming the candidates if the name fits several people."""
    text = name.strip()
    if not text:
        raise KgError("no entity name given")
    found = find_node(store, text)
    if found is None:
        raise KgError(_not_found(store, text))
    return found


def suggest_entities(store: Any, name: str, limit: int = _SUGGESTIONS) -> list[tuple[str, str]]:
    """(name, id) of the entities whose name or an alias is closest to `name`, best first.
    ArgumentError for a name longer than a look-up takes."""
    wanted = name.strip().lower()
    check_name_length(wanted)
    words = set(wanted.split())
    best: dict[str, tuple[float, str]] = {}
    for row in store.query(ENTITY_NAMES).records():
        names = [row["name"], *row["aliases"]]
        score = max((_similarity(wanted, words, n.lower()) for n in names if n), default=0.0)
        if score >= _CUTOFF:
            best[row["id"]] = (score, row["name"])
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][1], item[0]))
    return [(entity_name, entity_id) for entity_id, (_, entity_name) in ranked[:limit]]


def _similarity(wanted: str, wanted_words: set[str], candidate: str) -> float:
    """difflib's ratio of the two names, computed only when its bounds reach the cut-off
    (lengths first, then letters in common: both linear), so most candidates cost a length
    comparison; a surname alone, or one word of a longer name, scores 0.75."""
    word = len(wanted) >= 3 and (candidate in wanted_words or wanted in candidate.split())
    floor = 0.75 if word else 0.0
    matcher = difflib.SequenceMatcher(None, wanted, candidate)
    if matcher.real_quick_ratio() < _CUTOFF or matcher.quick_ratio() < _CUTOFF:
        return floor
    return max(matcher.ratio(), floor)


def _not_found(store: Any, name: str) -> str:
    close = suggest_entities(store, name)
    if close:
        return f"no entity named {name!r}; did you mean: " + ", ".join(f"{n} ({i})" for n, i in close) + "?"
    if store.query(ENTITY_COUNT).value(0) == 0:
        return f"no entity named {name!r}: the graph has no entities yet"
    return f"no entity named {name!r}, and none with a similar name or alias"


# -- entity cards ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StepEvidence:
    """The sentence kg is surest of behind one step of a path, with its article."""

    sentence: str
    article: str  # its id
    title: str | None
    url: str | None
    published: str | None
    date: str | None  # the event's own date, when the sentence gives one
    modality: str | None
    confidence: float | None


@dataclass(frozen=True)
class CardRelation:
    type: str
    other_id: str
    other_name: str
    mentions: int
    articles: int
    first_date: str | None = None
    last_date: str | None = None
    roles: tuple[str, ...] = ()
    evidence: StepEvidence | None = None  # the sentence kg is surest of (entity_card(evidence=True))


@dataclass(frozen=True)
class EntityCard:
    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    iso3: str | None = None
    wikidata: str | None = None
    outgoing: tuple[CardRelation, ...] = ()
    incoming: tuple[CardRelation, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def entity_card(store: Any, name: str, *, limit: int = CARD_LIMIT, evidence: int = 0) -> EntityCard:
    """The entity `name` resolves to, with its relationships (most mentioned first); the first
    `evidence` of each direction carry the sentence kg is surest of behind them."""
    entity = find_entity(store, name)
    rows = run_named_query(store, "entity-relations", {"entity": entity["id"], "limit": limit}).records()
    relations: dict[str, list[CardRelation]] = {"out": [], "in": []}
    for row in rows:
        if row["entity_id"] != entity["id"]:
            continue  # another entity whose name or alias is this id: never in practice
        relations[row["direction"]].append(
            CardRelation(
                type=row["relation"],
                other_id=row["other_id"],
                other_name=row["other"],
                mentions=row["mentions"] or 0,
                articles=row["articles"] or 0,
                first_date=row["first_date"],
                last_date=row["last_date"],
                roles=tuple(row["roles"] or ()),
            )
        )

    def ranked(items: list[CardRelation], out: bool) -> tuple[CardRelation, ...]:
        ordered = sorted(items, key=lambda r: (-r.mentions, r.type, r.other_name, r.other_id))

        def ends(r: CardRelation) -> tuple[str, str]:
            return (entity["id"], r.other_id) if out else (r.other_id, entity["id"])

        return tuple(
            replace(r, evidence=step_evidence(store, *ends(r), r.type)) if n < evidence else r
            for n, r in enumerate(ordered)
        )

    return EntityCard(
        id=entity["id"],
        name=entity["name"],
        type=entity["type"],
        aliases=tuple(entity.get("aliases") or ()),
        iso3=entity.get("iso3"),
        wikidata=entity.get("wikidata"),
        outgoing=ranked(relations["out"], True),
        incoming=ranked(relations["in"], False),
    )


def format_card(card: EntityCard, *, max_relations: int = 25) -> str:
    """A plain-text block: the entity, then its outgoing and incoming relations."""
    lines = [f"{card.name}  [{card.type}]  {card.id}"]
    if card.aliases:
        lines.append(f"  also: {', '.join(card.aliases)}")
    for key in ("iso3", "wikidata"):
        if getattr(card, key):
            lines.append(f"  {key}: {getattr(card, key)}")
    for title, arrow, relations in (("outgoing", "->", card.outgoing), ("incoming", "<-", card.incoming)):
        lines.append(f"  {title} ({len(relations)})" + (":" if relations else ""))
        shown = relations[:max_relations]
        type_width = max((len(r.type) for r in shown), default=0)
        other_width = max((len(_other(r)) for r in shown), default=0)
        for r in shown:
            line = f"    {r.type:<{type_width}}  {arrow} {_other(r):<{other_width}}  {_counts(r)}"
            lines.append(line.rstrip())
            if r.evidence is not None:
                lines += _evidence_lines(r.evidence, "      ")
        if len(relations) > len(shown):
            lines.append(f"    ... and {len(relations) - len(shown)} more")
    return "\n".join(lines)


def _other(r: CardRelation) -> str:
    roles = f" as {', '.join(r.roles)}" if r.roles else ""
    return f"{r.other_name} ({r.other_id}){roles}"


def _counts(r: CardRelation) -> str:
    parts = [_plural(r.mentions, "mention"), _plural(r.articles, "article")]
    if r.first_date:
        same = r.last_date in (None, r.first_date)
        parts.append(r.first_date if same else f"{r.first_date} .. {r.last_date}")
    return ", ".join(parts)


def _plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n} {word if n == 1 else words or word + 's'}"


# -- paths -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    relation: str
    forward: bool  # True: the relationship points from the node before this step to the one after
    mentions: int = 0
    evidence: StepEvidence | None = None


@dataclass(frozen=True)
class PathResult:
    ids: tuple[str, ...]
    names: tuple[str, ...]
    steps: tuple[PathStep, ...]

    @property
    def hops(self) -> int:
        return len(self.steps)

    def to_dict(self) -> dict[str, Any]:
        return {
            "hops": self.hops,
            "ids": list(self.ids),
            "names": list(self.names),
            "steps": [asdict(s) for s in self.steps],
        }


def find_path(
    store: Any, a: str, b: str, max_hops: int = MAX_HOPS, evidence: bool = False
) -> PathResult | None:
    """A shortest path between the entities `a` and `b` resolve to (relationships followed in
    either direction), or None when there is none within `max_hops` steps; with `evidence`,
    each step carries the sentence kg is surest of behind it (`step_evidence`)."""
    if not 1 <= max_hops <= MAX_HOPS:
        raise KgError(f"max_hops must be between 1 and {MAX_HOPS}, got {max_hops}")
    source, target = find_entity(store, a), find_entity(store, b)
    if source["id"] == target["id"]:
        return PathResult(ids=(source["id"],), names=(source["name"],), steps=())
    rows = run_named_query(
        store, "shortest-path", {"source": source["id"], "target": target["id"], "max_hops": max_hops}
    ).records()
    if not rows:
        return None
    row = rows[0]
    steps = tuple(
        PathStep(rel, bool(fwd), mentions or 0)
        for rel, fwd, mentions in zip(row["relations"], row["forward"], row["mentions"])
    )
    if evidence:
        steps = tuple(
            replace(step, evidence=step_evidence(store, *((x, y) if step.forward else (y, x)), step.relation))
            for x, y, step in zip(row["ids"], row["ids"][1:], steps)
        )
    return PathResult(ids=tuple(row["ids"]), names=tuple(row["names"]), steps=steps)


def step_evidence(store: Any, subject_id: str, object_id: str, relation: str) -> StepEvidence | None:
    """The most confident sentence behind (subject)-[relation]->(object), the earliest of equals
    (the named query `evidence`, every confidence)."""
    params = {"subject": subject_id, "relation": relation, "object": object_id, "limit": 1000}
    rows = run_named_query(store, "evidence", {**params, "min_confidence": 0.0}).records()
    if not rows:
        return None
    best = max(rows, key=lambda r: r["confidence"] or 0.0)  # max keeps the first (earliest) of equals
    return StepEvidence(
        best["sentence"],
        best["article_id"],
        best["title"],
        best["url"],
        best["published"],
        best["date"],
        best["modality"],
        best["confidence"],
    )


def format_path(path: PathResult) -> str:
    """`Germany -[SENT_TROOPS_TO]-> Lithuania <-[LEADER_OF]- Gitanas Nauseda`; an actor local
    to one article (its id ends "@<article>": a group of no country, a person named by role
    alone) is labelled so: `rebels [local to article-7]`."""
    parts = [_path_name(path.ids[0], path.names[0])]
    for step, entity_id, name in zip(path.steps, path.ids[1:], path.names[1:]):
        parts.append(f"-[{step.relation}]->" if step.forward else f"<-[{step.relation}]-")
        parts.append(_path_name(entity_id, name))
    return " ".join(parts)


def format_path_evidence(path: PathResult) -> str:
    """The chain (`format_path`), then each step with its sentence, article and date."""
    lines = [format_path(path)]
    for n, (step, a, b) in enumerate(zip(path.steps, path.names, path.names[1:]), start=1):
        subject, obj = (a, b) if step.forward else (b, a)
        lines.append(f"{n}. {subject} -[{step.relation}]-> {obj}  ({_plural(step.mentions, 'sentence')})")
        if step.evidence is not None:
            lines += _evidence_lines(step.evidence, "   ")
    return "\n".join(lines)


def _evidence_lines(found: StepEvidence, indent: str) -> list[str]:
    """The sentence, then its article's title, the date (the event's, else the article's),
    the modality and the article's URL (its id when it has none)."""
    when = found.date or found.published or "undated"
    title = f"{found.title} " if found.title else ""
    return [
        f'{indent}"{found.sentence}"',
        f"{indent}{title}({when}; {found.modality or 'asserted'}) {found.url or found.article}",
    ]


def _path_name(entity_id: str, name: str) -> str:
    _, at, article = entity_id.partition("@")
    return f"{name} [local to {article}]" if at else name


# -- counts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class GraphStats:
    nodes: dict[str, int] = field(default_factory=dict)  # label -> nodes (a node has 2 labels)
    relationships: dict[str, int] = field(default_factory=dict)  # type -> relationships
    mentions: dict[str, int] = field(default_factory=dict)  # ontology type -> supporting sentences

    @property
    def entities(self) -> int:
        return self.nodes.get("Entity", 0)

    @property
    def articles(self) -> int:
        return self.nodes.get("Article", 0)

    @property
    def sentences(self) -> int:
        return self.nodes.get("Sentence", 0)

    @property
    def classes(self) -> dict[str, int]:
        """Entities per ontology class."""
        classes = load_ontology().concrete_classes
        return {k: v for k, v in self.nodes.items() if k in classes}

    @property
    def relations(self) -> dict[str, int]:
        """Relationships per ontology relation (not the structural HAS_SENTENCE, MENTIONS)."""
        relations = load_ontology().relations
        return {k: v for k, v in self.relationships.items() if k in relations}

    def format(self) -> str:
        return format_stats(self)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "sentences": self.sentences,
            "entities": self.entities,
            "relationships": sum(self.relations.values()),
            "classes": self.classes,
            "relations": self.relations,
            "mentions": dict(self.mentions),
            "nodes": dict(self.nodes),
            "all_relationships": dict(self.relationships),
        }


def graph_stats(store: Any) -> GraphStats:
    nodes = {r["label"]: r["nodes"] for r in run_named_query(store, "label-counts").records()}
    rels = run_named_query(store, "relation-counts").records()
    relations = load_ontology().relations
    return GraphStats(
        nodes=nodes,
        relationships={r["relation"]: r["relationships"] for r in rels},
        mentions={r["relation"]: r["mentions"] for r in rels if r["relation"] in relations},
    )


def format_stats(stats: GraphStats) -> str:
    """A plain-text summary: totals, then entities per class and relationships per type."""
    lines = [
        f"{_plural(stats.articles, 'article')}, {_plural(stats.sentences, 'sentence')}, "
        f"{_plural(stats.entities, 'entity', 'entities')}, "
        f"{_plural(sum(stats.relations.values()), 'relationship')}"
    ]
    if stats.classes:
        lines.append("entities:")
        lines += [f"  {label:<14} {count:>7}" for label, count in sorted(stats.classes.items())]
    if stats.relations:
        lines.append("relationships (sentences):")
        lines += [
            f"  {rel:<18} {count:>7} ({stats.mentions.get(rel, 0)})"
            for rel, count in sorted(stats.relations.items())
        ]
    return "\n".join(lines)


__all__ = [
    "CardRelation",
    "EntityCard",
    "GraphStats",
    "MAX_HOPS",
    "PathResult",
    "PathStep",
    "StepEvidence",
    "entity_card",
    "find_entity",
    "find_path",
    "format_card",
    "format_path",
    "format_path_evidence",
    "format_stats",
    "graph_stats",
    "suggest_entities",
]
