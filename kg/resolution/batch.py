"""The resolution stage: a batch's entities mapped onto the nodes the graph already holds.

    result = resolve_batch([(document, assertions), ...], store)
    result.articles          # the same articles, their entities carrying the ids they merge into
    result.merges            # [Merge(id="person:ruiz", into="person:ana-ruiz", ...), ...]
    result.ambiguous         # [AmbiguousName(name="Castro", candidates=("person:fidel-castro", ...)), ...]
    result.renames           # {"person:ruiz": "Ana Ruiz"}: a stored node's fuller name

It runs between extraction and GraphWriter.write. Every entity of the batch that a resolver
handles (kg/resolution/resolvers.py) is looked up, by its keys, among the graph's nodes and
the batch's other entities; organisations are first joined to their catalogue record
(kg/resolution/catalogue.py), whose names and acronyms become theirs. What is found to be
one actor becomes one group, and each group one node:

- its id: the stored node's if the group has one (a node's id never changes), else the
  catalogue's (organization:csto), else that of the entity with the fullest name;
- its name: the fullest of the stored name, the catalogue name and the entities' names (a
  name beats an acronym, more words beat fewer; on a tie the stored name stays). A stored
  node given a fuller name keeps its old one as an alias (`renames`);
- a group never holds two stored nodes or two catalogue records: merging nodes already
  written is not this stage's job.

Without a store (`store=None`) the same runs within the batch alone: that is how one
article's own mentions are resolved (kg/resolve.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from kg.core.keys import is_acronym
from kg.core.model import Argument, Assertion, Document, Entity
from kg.core.ontology import load_ontology
from kg.resolution.candidates import BATCH, CATALOGUE, Candidate, GraphIndex, MemoryIndex
from kg.resolution.catalogue import Catalogue, Organisation, load_catalogue
from kg.resolution.resolvers import DEFAULT_RESOLVERS, Ambiguous, EntityResolver, Match, get_resolvers

_LOCALITIES = load_ontology().localities  # a region or a town: its country is part of its identity

Article = tuple[Document, list[Assertion]]


@dataclass(frozen=True)
class Merge:
    """An entity of the batch written onto another node (or another entity's id)."""

    id: str
    name: str
    type: str
    into: str
    into_name: str
    resolver: str
    score: float = 1.0


@dataclass(frozen=True)
class AmbiguousName:
    """A name left as its own node because it fits several (their ids)."""

    name: str
    type: str
    candidates: tuple[str, ...]
    resolver: str


@dataclass
class BatchResolution:
    articles: list[Article]
    merges: list[Merge] = field(default_factory=list)
    ambiguous: list[AmbiguousName] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)  # stored node id -> its new name


class _Groups:
    """Union-find over ids; a group holds at most one stored node and one catalogue record."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.stored: dict[str, str] = {}  # root -> the stored id in the group
        self.catalogue: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def mark(self, c: Candidate) -> None:
        root = self.find(c.id)
        if c.stored:
            self.stored.setdefault(root, c.id)
        elif c.origin == CATALOGUE:
            self.catalogue.setdefault(root, c.id)

    def union(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        for table in (self.stored, self.catalogue):
            if ra in table and rb in table and table[ra] != table[rb]:
                return False
        self.parent[rb] = ra
        for table in (self.stored, self.catalogue):
            if rb in table:
                table.setdefault(ra, table.pop(rb))
        return True


def resolve_batch(
    articles: Sequence[Article],
    store: Any = None,
    *,
    resolvers: Iterable[str] = DEFAULT_RESOLVERS,
    catalogue: Catalogue | None = None,
) -> BatchResolution:
    """The batch with its entities remapped onto one id per actor (see the module doc)."""
    catalogue = catalogue if catalogue is not None else load_catalogue()
    chosen = get_resolvers(resolvers)
    handled = set().union(*(r.types for r in chosen)) if chosen else set()
    entities, rank = _batch_entities(articles)
    records: dict[str, Organisation] = {}  # entity id -> its catalogue record
    for entity in list(entities.values()):
        if entity.type == "Organization":
            record = next(filter(None, map(catalogue.find, sorted(entity.names))), None)
            if record is not None:
                records[entity.id] = record
                entities[entity.id] = replace(entity, names=entity.names | _record_names(record))

    graph = GraphIndex(store) if store is not None else None
    memory = MemoryIndex(e for e in entities.values() if e.type in handled)
    groups = _Groups()
    for record in {r.id: r for r in records.values()}.values():
        groups.mark(_record_candidate(record))
    stored = graph.by_id(entities) if graph is not None else {}
    for node in stored.values():
        groups.mark(node)
    how: dict[str, tuple[str, float]] = {}  # entity id -> (resolver, score) that merged it
    for entity_id, record in records.items():
        groups.union(record.entity_id, entity_id)
        how[entity_id] = ("catalogue", 1.0)
    ambiguous: list[AmbiguousName] = []
    decided = set(stored)  # an entity whose id is stored is that node
    for resolver in chosen:
        todo = sorted(
            (
                e
                for e in entities.values()
                if e.type in resolver.types and e.id not in decided and _resolvable(e)
            ),
            key=lambda e: e.id,
        )
        found = _lookup(resolver, todo, graph, memory)
        for entity in todo:
            candidates = [
                c
                for c in found[entity.id]
                if c.id != entity.id
                and not is_local(c.id)
                and c.type == entity.type
                and (c.country is None or entity.country is None or c.country == entity.country)
            ]
            for c in candidates:
                groups.mark(c)
            decision = resolver.decide(entity, candidates, groups.find)
            if isinstance(decision, Match):
                if groups.union(decision.target.id, entity.id):
                    decided.add(entity.id)
                    how.setdefault(entity.id, (decision.resolver, decision.score))
                    if decision.target.origin == BATCH:
                        how.setdefault(decision.target.id, (decision.resolver, decision.score))
            elif isinstance(decision, Ambiguous):
                decided.add(entity.id)
                ambiguous.append(
                    AmbiguousName(
                        decision.name,
                        decision.type,
                        tuple(c.id for c in decision.candidates),
                        decision.resolver,
                    )
                )
    return _apply(articles, entities, rank, records, graph, groups, how, ambiguous)


def _resolvable(entity: Candidate) -> bool:
    """Places with a GeoNames id are already one node per place; an entity local to its
    article (an id with "@<article>": a group of no country, a person named by role alone)
    is never another node."""
    if is_local(entity.id):
        return False
    return entity.type not in _LOCALITIES or not entity.id.split(":", 1)[1].isdigit()


def is_local(entity_id: str) -> bool:
    """An id local to one article (`group:rebels@<article>`): no other id has an "@"."""
    return "@" in entity_id


def _lookup(
    resolver: EntityResolver, todo: list[Candidate], graph: GraphIndex | None, memory: MemoryIndex
) -> dict[str, list[Candidate]]:
    keys = {e.id: resolver.keys(e) for e in todo}
    every = set().union(*keys.values()) if keys else set()
    from_graph = graph.lookup(every) if graph is not None else {}
    from_memory = memory.lookup(every)
    out = {}
    for entity_id, wanted in keys.items():
        seen: dict[tuple[str, str], Candidate] = {}
        for key in sorted(wanted):
            for c in from_graph.get(key, []) + from_memory.get(key, []):
                seen.setdefault((c.origin, c.id), c)
        out[entity_id] = list(seen.values())
    return out


def _batch_entities(articles: Sequence[Article]) -> tuple[dict[str, Candidate], dict[str, tuple[int, int]]]:
    """One candidate per entity id of the batch, with every name it has there; and its rank
    among entities of equally full names: (assertions naming it, -first appearance)."""
    names: dict[str, set[str]] = {}
    first: dict[str, Entity] = {}
    uses: dict[str, int] = {}
    for _, assertions in articles:
        for a in assertions:
            for e in (a.subject.entity, a.object.entity):
                first.setdefault(e.id, e)
                names.setdefault(e.id, set()).update((e.name, *e.aliases))
                uses[e.id] = uses.get(e.id, 0) + 1
    out = {}
    for entity_id, e in first.items():
        best = max(names[entity_id], key=lambda n: (_fullness(n), n == e.name, n))
        out[entity_id] = Candidate(
            entity_id,
            e.type,
            best,
            frozenset(names[entity_id]),
            e.country if e.type in _LOCALITIES or e.type == "Group" else None,
        )
    order = {entity_id: (uses[entity_id], -i) for i, entity_id in enumerate(first)}
    return out, order


def _record_names(record: Organisation) -> frozenset[str]:
    return frozenset((record.name, *record.acronyms, *record.aliases))


def _record_candidate(record: Organisation) -> Candidate:
    return Candidate(record.entity_id, "Organization", record.name, _record_names(record), origin=CATALOGUE)


def _fullness(name: str) -> tuple[bool, int]:
    """A name beats an acronym; more words beat fewer."""
    return (not is_acronym(name), len(name.split()))


def _apply(articles, entities, rank, records, graph, groups, how, ambiguous) -> BatchResolution:
    members: dict[str, list[Candidate]] = {}
    for entity in entities.values():
        members.setdefault(groups.find(entity.id), []).append(entity)
    target: dict[str, tuple[str, str]] = {}  # entity id -> (node id, node name)
    renames: dict[str, str] = {}
    for root, group in members.items():
        stored_id = groups.stored.get(root)
        node = graph.by_id([stored_id]).get(stored_id) if stored_id and graph is not None else None
        record = next((records[e.id] for e in group if e.id in records), None)
        if len(group) == 1 and record is None and (node is None or node.id == group[0].id):
            continue  # nothing merged: the entity is written as it came
        # the fullest name; on a tie the stored name, then the catalogue's, then the name of
        # the entity most often named in the batch, then the first named
        best = max(group, key=lambda e: (_fullness(e.name), rank[e.id]))
        node_id = stored_id or (record.entity_id if record is not None else best.id)
        names = [(best.name, 0, rank[best.id])]
        if record is not None:
            names.append((record.name, 1, (0, 0)))
        if node is not None:
            names.append((node.name, 2, (0, 0)))
        name = max(names, key=lambda item: (_fullness(item[0]), item[1], item[2]))[0]
        if node is not None and name != node.name:
            renames[node.id] = name
        for e in group:
            target[e.id] = (node_id, name)
    merges = [
        Merge(e.id, e.name, e.type, target[e.id][0], target[e.id][1], *how.get(e.id, ("exact", 1.0)))
        for e in sorted(entities.values(), key=lambda e: e.id)
        if e.id in target and target[e.id][0] != e.id
    ]
    out = [(doc, _rewrite(assertions, target, records)) for doc, assertions in articles]
    return BatchResolution(out, merges, ambiguous, renames)


def _rewrite(
    assertions: list[Assertion], target: dict[str, tuple[str, str]], records: dict[str, Organisation]
) -> list[Assertion]:
    """The assertions on the merged entities: no self-relation, one per triple and sentence."""

    def entity(e: Entity) -> Entity:
        if e.id not in target:
            return e
        node_id, name = target[e.id]
        extra = _record_names(records[e.id]) if e.id in records else frozenset()
        aliases = tuple(sorted(({e.name, *e.aliases} | extra) - {name}))
        return replace(e, id=node_id, name=name, aliases=aliases)

    if not target:
        return assertions
    best: dict[tuple, Assertion] = {}  # in the order they came; a better one takes the place
    for a in assertions:
        q = a.qualifiers
        if {a.subject.entity.id, a.object.entity.id, q.attributed_to, q.location} & target.keys():
            subject = Argument(entity(a.subject.entity), a.subject.mention)
            obj = Argument(entity(a.object.entity), a.object.mention)
            if subject.entity.id == obj.entity.id:
                continue
            q = replace(q, attributed_to=_moved(target, q.attributed_to), location=_moved(target, q.location))
            a = replace(a, subject=subject, object=obj, qualifiers=q)
        key = (a.key(), a.sentence.index)
        if key not in best or best[key].confidence < a.confidence:
            best[key] = a
    return list(best.values())


def _moved(target: dict[str, tuple[str, str]], entity_id: str | None) -> str | None:
    """The id a qualifier's entity merged into (itself when it did not merge)."""
    return target[entity_id][0] if entity_id is not None and entity_id in target else entity_id
