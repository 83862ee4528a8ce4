"""Synthetic news facts and graphs with exactly the shape kg writes, at any size.

    news = SyntheticNews(articles_hint=5000, seed=7)
    for document, assertions in itertools.islice(news, 5000): ...   # real kg.core.model objects

    graph = build_graph(store, relationships=100_000)   # fast bulk CREATE, same shape as
    graph.relationships, graph.popular, graph.rare      # GraphWriter writes; figures for queries

An invented world (bench/data/graph_world.json): countries, people, organisations, groups,
places and events, each class ranked by a Zipf-like popularity, so popular relationships
collect long evidence lists as they do in real news. Articles come in a chronological feed
(12 a day) with filler sentences and 0-15 assertions each; relation types, qualifiers and
modalities follow the weights of the data file and the ontology's domains and ranges.

`build_graph` aggregates the facts with kg's own row builder (GraphBatch), computes the
relationship summaries, entity counters and Count nodes the write statements would keep, and
loads everything (graph model 2: claims as nodes) with UNWIND ... CREATE. tests/test_bench_store.py
checks that this gives the same graph as GraphWriter on the same facts.
"""

from __future__ import annotations

import bisect
import contextlib
import itertools
import json
import random
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kg.core.model import Argument, Assertion, Document, Entity, Mention, Qualifiers, SentenceRef
from kg.core.ontology import Ontology, load_ontology
from kg.store.engine import Endpoint
from kg.store.properties import ARTICLE, CLAIM, ENTITY, RELATION, SENTENCE
from kg.store.rows import GraphBatch
from kg.store.statements import CLAIM_TYPES, MODEL_VERSION, event_relations
from kg.store.statements import count_rows as count_nodes

WORLD_FILE = Path(__file__).parent / "data" / "graph_world.json"
ARTICLES_PER_DAY = 12
ZIPF_EXPONENT = 1.0
# Relationships (entity relations + HAS_SENTENCE + MENTIONS) per generated article, measured
# on this generator; used only to size the entity pool before generating.
RELATIONSHIPS_PER_ARTICLE = 17


@contextlib.contextmanager
def temporary_engine() -> Iterator[Endpoint]:
    """A FalkorDB engine of its own in a fresh temporary KG_HOME (never the user's); yields
    its endpoint (socket and password) and stops it at the end. The home is short so the socket
    path stays valid."""
    from kg.store.engine import Engine

    home = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    engine = Engine(home)
    try:
        yield engine.ensure()
    finally:
        engine.stop()
        shutil.rmtree(home, ignore_errors=True)


def world_data() -> dict[str, Any]:
    return json.loads(WORLD_FILE.read_text(encoding="utf-8"))


def entity_pool_size(articles: int) -> int:
    """Distinct entities grow more slowly than articles (Heaps' law)."""
    return int(60 + 4 * articles**0.75)


class World:
    """The entities of each class, most popular first, with Zipf-like pick weights."""

    def __init__(self, size: int, seed: int = 7, data: dict[str, Any] | None = None) -> None:
        self.data = data or world_data()
        rng = random.Random(seed)
        self._used_names: set[str] = set()
        self._used_ids: set[str] = set()
        shares = self.data["class_shares"]
        counts = {cls: max(3, round(size * share)) for cls, share in shares.items()}
        counts["Country"] = min(counts["Country"], self.data["max_countries"])
        # a group is a (country, sector) pair: leave room for unique ones
        counts["Group"] = min(counts["Group"], counts["Country"] * len(self.data["sector_nouns"]) // 2)
        self.entities: dict[str, list[Entity]] = {}
        self.entities["Country"] = [self._country(rng) for _ in range(counts["Country"])]
        makers = {
            "Person": self._person,
            "Organization": self._organization,
            "Group": self._group,
            "City": self._city,
            "Region": self._region,
            "Event": self._event,
        }
        for cls, make in makers.items():
            self.entities[cls] = [make(rng) for _ in range(counts[cls])]
        self._cum = {
            cls: list(itertools.accumulate(1 / (rank + 1) ** ZIPF_EXPONENT for rank in range(len(items))))
            for cls, items in self.entities.items()
        }

    def pick(self, cls: str, rng: random.Random) -> Entity:
        cum = self._cum[cls]
        return self.entities[cls][bisect.bisect(cum, rng.random() * cum[-1])]

    # -- names -------------------------------------------------------------------------------
    def _word(self, rng: random.Random, parts: int) -> str:
        return "".join(rng.choice(self.data["syllables"]) for _ in range(parts)).capitalize()

    def _unique(self, make) -> tuple[str, str]:
        for _ in range(10_000):
            name, entity_id = make()
            if name not in self._used_names and entity_id not in self._used_ids:
                self._used_names.add(name)
                self._used_ids.add(entity_id)
                return name, entity_id
        raise ValueError("the name parts of graph_world.json allow no more unique names")

    def _country(self, rng: random.Random) -> Entity:
        def make():
            stem = self._word(rng, 2)
            return (
                stem + rng.choice(self.data["country_suffixes"]),
                "country:" + (stem[0] + stem[2] + stem[3]).upper(),
            )

        name, entity_id = self._unique(make)
        iso3 = entity_id.split(":")[1]
        return Entity(entity_id, name, "Country", (f"Republic of {name}", f"{name[:-1]}ian"), iso3=iso3)

    def _person(self, rng: random.Random) -> Entity:
        def make():
            name = f"{rng.choice(self.data['given_names'])} {self._word(rng, rng.choice((2, 3)))}"
            return name, "person:" + name.lower().replace(" ", "-")

        name, entity_id = self._unique(make)
        return Entity(entity_id, name, "Person", (name.split()[-1],))

    def _organization(self, rng: random.Random) -> Entity:
        def make():
            name = f"{self._word(rng, 2)} {rng.choice(self.data['organization_kinds'])}"
            return name, "organization:" + name.lower().replace(" ", "-")

        name, entity_id = self._unique(make)
        acronym = "".join(w[0] for w in name.split()) + self._word(rng, 1)[0]
        return Entity(entity_id, name, "Organization", (acronym.upper(),))

    def _group(self, rng: random.Random) -> Entity:
        countries = self.entities["Country"]

        def make():
            country = rng.choice(countries)
            sector = rng.choice(sorted(self.data["sector_nouns"]))
            name = f"{country.aliases[1]} {self.data['sector_nouns'][sector]}"
            return name, f"group:{country.iso3}:{sector}"

        name, entity_id = self._unique(make)
        _, iso3, sector = entity_id.split(":")
        return Entity(entity_id, name, "Group", country=iso3, sector=sector)

    def _city(self, rng: random.Random) -> Entity:
        def make():
            name = self._word(rng, 2) + rng.choice(self.data["city_suffixes"])
            return name, "city:" + name.lower().replace(" ", "-")

        name, entity_id = self._unique(make)
        return Entity(
            entity_id,
            name,
            "City",
            geonames=rng.randrange(100_000, 9_999_999),
            country=rng.choice(self.entities["Country"]).iso3,
        )

    def _region(self, rng: random.Random) -> Entity:
        def make():
            name = f"{self._word(rng, 2)} {rng.choice(self.data['region_kinds'])}"
            return name, "region:" + name.lower().replace(" ", "-")

        name, entity_id = self._unique(make)
        return Entity(entity_id, name, "Region")

    def _event(self, rng: random.Random) -> Entity:
        def make():
            name = f"{self._word(rng, 2)} {rng.choice(self.data['event_kinds'])} {rng.randrange(2000, 2025)}"
            return name, "event:" + name.lower().replace(" ", "-")

        name, entity_id = self._unique(make)
        return Entity(entity_id, name, "Event")


class SyntheticNews:
    """An endless, deterministic feed of (Document, [Assertion]) in publication order."""

    def __init__(
        self, articles_hint: int, seed: int = 7, ontology: Ontology | None = None, world: World | None = None
    ) -> None:
        self.ontology = ontology or load_ontology()
        self.world = world or World(entity_pool_size(articles_hint), seed)
        self.data = self.world.data
        self.seed = seed
        weights = self.data["relation_weights"]
        unknown = set(weights) - set(self.ontology.relations)
        if unknown:
            raise ValueError(f"{WORLD_FILE.name}: relations not in the ontology: {sorted(unknown)}")
        self._relations = sorted(weights)
        self._relation_cum = list(itertools.accumulate(weights[r] for r in self._relations))
        counts = self.data["assertions_per_article"]
        self._counts = [int(k) for k in counts]
        self._count_cum = list(itertools.accumulate(counts.values()))
        self._modalities = list(self.data["modality_weights"])
        self._modality_cum = list(itertools.accumulate(self.data["modality_weights"].values()))
        arg = self.data["argument_weights"]
        self._sides = {}  # (relation, "domain"|"range") -> (classes, cumulative weights)
        for name in self._relations:
            rel = self.ontology.relation(name)
            for side, classes in (("domain", rel.domain), ("range", rel.range)):
                ordered = sorted(c for c in classes if c in arg)
                self._sides[name, side] = (ordered, list(itertools.accumulate(arg[c] for c in ordered)))
        self._first_day = date.fromisoformat(self.data["first_date"])

    def __iter__(self) -> Iterator[tuple[Document, list[Assertion]]]:
        rng = random.Random(self.seed * 7919 + 1)
        for number in itertools.count():
            yield self.article(number, rng)

    def article(self, number: int, rng: random.Random) -> tuple[Document, list[Assertion]]:
        published = self._first_day + timedelta(days=number // ARTICLES_PER_DAY)
        n_assertions = self._counts[bisect.bisect(self._count_cum, rng.random() * self._count_cum[-1])]
        low, high = self.data["sentences_per_article"]
        n_sentences = max(rng.randint(low, high), n_assertions + 1)
        # which body sentences carry facts; some carry two
        slots = sorted(rng.sample(range(1, n_sentences + 1), min(n_assertions, n_sentences)))
        facts: dict[int, list[tuple[str, Entity, Entity]]] = {}
        for _ in range(n_assertions):
            if facts and rng.random() < self.data["shared_sentence_share"]:
                index = rng.choice(list(facts))
            else:
                index = next(s for s in slots if s not in facts)
            facts.setdefault(index, []).append(self._triple(rng))
        doc_id = f"bench-{number:07d}"
        title = f"{self._headline(facts, rng)} ({doc_id})"
        parts = [title, "\n\n"]
        offset = len(title) + 2
        sentences: dict[int, tuple[int, str, list[tuple[str, Argument, Argument]]]] = {}
        for index in range(1, n_sentences + 1):
            if index > 1:
                parts.append(" ")
                offset += 1
            start = offset
            if index in facts:
                text, args = self._sentence(facts[index], start, rng)
                sentences[index] = (start, text, args)
            else:
                text = rng.choice(self.data["fillers"])
            parts.append(text)
            offset += len(text)
        text = "".join(parts)
        iso_day = published.isoformat()
        source = rng.choice(self.data["sources"])
        document = Document(
            doc_id,
            text,
            title=title,
            url=f"https://news.example/{source}/{doc_id}",
            published=iso_day,
            source=f"synthetic:{source}",
        )
        assertions = []
        for index, (start, sentence_text, args) in sentences.items():
            ref = SentenceRef(index, sentence_text, start, start + len(sentence_text))
            for predicate, subject, obj in args:
                assertions.append(
                    Assertion(
                        doc=doc_id,
                        predicate=predicate,
                        subject=subject,
                        object=obj,
                        sentence=ref,
                        rule=f"bench.{predicate.lower()}",
                        confidence=rng.choice((0.55, 0.65, 0.75, 0.85, 0.95)),
                        qualifiers=self._qualifiers(predicate, published, rng),
                        title=title,
                        url=document.url,
                        published=iso_day,
                    )
                )
        return document, assertions

    def _triple(self, rng: random.Random) -> tuple[str, Entity, Entity]:
        predicate = self._relations[bisect.bisect(self._relation_cum, rng.random() * self._relation_cum[-1])]
        subject = self.world.pick(self._side(predicate, "domain", rng), rng)
        while True:
            obj = self.world.pick(self._side(predicate, "range", rng), rng)
            if obj.id != subject.id:
                return predicate, subject, obj

    def _side(self, predicate: str, side: str, rng: random.Random) -> str:
        classes, cum = self._sides[predicate, side]
        return classes[bisect.bisect(cum, rng.random() * cum[-1])]

    def _sentence(self, triples, start: int, rng: random.Random):
        """'A met with B, and C condemned D.' with the mentions' offsets in the document."""
        text, args = "", []
        for predicate, subject, obj in triples:
            if text:
                text += ", and "
            s_arg, text = self._mention(subject, text, start, rng)
            text += f" {self.ontology.relation(predicate).label} "
            o_arg, text = self._mention(obj, text, start, rng)
            args.append((predicate, s_arg, o_arg))
        return text + ".", args

    def _mention(self, entity: Entity, text: str, start: int, rng: random.Random):
        surface = entity.name
        if entity.aliases and rng.random() < 0.25:
            surface = rng.choice(entity.aliases)
        at = start + len(text)
        return Argument(entity, Mention(surface, at, at + len(surface))), text + surface

    def _headline(self, facts, rng: random.Random) -> str:
        if not facts:
            return rng.choice(self.data["fillers"]).rstrip(".")
        predicate, subject, obj = facts[min(facts)][0]
        return f"{subject.name} {self.ontology.relation(predicate).label} {obj.name}"

    def _qualifiers(self, predicate: str, published: date, rng: random.Random) -> Qualifiers:
        modality = self._modalities[bisect.bisect(self._modality_cum, rng.random() * self._modality_cum[-1])]
        when = None
        if rng.random() < self.data["dated_share"]:
            when = (published - timedelta(days=rng.randrange(4))).isoformat()
        roles = self.data["roles"].get(predicate)
        attributed = None
        if rng.random() < self.data["attributed_share"]:
            attributed = self.world.pick("Person", rng).id
        return Qualifiers(
            modality=modality, date=when, role=rng.choice(roles) if roles else None, attributed_to=attributed
        )


# -- the fast loader ----------------------------------------------------------------------------


class Model1Size:
    """Relationships graph model 1 (evidence lists, MENTIONS per sentence) had for the facts
    added so far: HAS_SENTENCE, sentence MENTIONS, relations. Graphs are sized by it, so a
    graph called "1M" holds the same articles and assertions as the 1M graph of earlier
    reports. Counted as claims are added (`update` with the claims added since)."""

    def __init__(self) -> None:
        self.sentences = 0
        self.mentioned: set[tuple[str, str]] = set()
        self.relations: set[tuple[str, str, str]] = set()

    def update(self, sentences: int, claims: list[dict[str, Any]]) -> int:
        self.sentences += sentences
        for c in claims:
            self.mentioned.update((c["sentence"], e) for e in (c["subject"], c["object"]))
            self.relations.add((c["relation"], c["subject"], c["object"]))
        return self.sentences + len(self.mentioned) + len(self.relations)


def model1_relationships(batch: GraphBatch) -> int:
    """Model1Size of a whole batch."""
    return Model1Size().update(len(batch.sentences), batch.claims)


def relationship_count(batch: GraphBatch, ontology: Ontology | None = None) -> int:
    """Relationships the batch makes in an empty graph (graph model 2)."""
    ontology = ontology or load_ontology()
    relations = sum(len(rows) for rows in batch.relation_rows(ontology.modalities).values())
    mentions = batch.mention_rows()
    return (
        len(batch.sentences)
        + len(CLAIM_TYPES) * len(batch.claims)
        + relations
        + len(mentions)
        + len(batch.pair_rows(mentions))
    )


def aggregate(facts, *, relationships: int | None = None) -> GraphBatch:
    """All facts in one GraphBatch (kg's row builder); with `relationships`, stop once graph
    model 1 would have had that many (see model1_relationships)."""
    batch = GraphBatch()
    size = Model1Size()
    for document, assertions in facts:
        claims, sentences = len(batch.claims), len(batch.sentences)
        batch.add(document, assertions)
        if (
            relationships is not None
            and size.update(len(batch.sentences) - sentences, batch.claims[claims:]) >= relationships
        ):
            break
    return batch


_ENTITY_CREATE = f"""
UNWIND $rows AS row
CREATE (e:Entity:{{label}})
SET {ENTITY.set_list("e").replace("{", "{{").replace("}", "}}")}, e.mentions = row.mentions,
    e.event_mentions = row.event_mentions
"""
_ARTICLE_CREATE = f"""
UNWIND $rows AS row
CREATE (a:Article)
SET {ARTICLE.set_list("a")}
"""
_SENTENCE_CREATE = f"""
UNWIND $rows AS row
MATCH (a:Article {{id: row.article}})
CREATE (a)-[:HAS_SENTENCE]->(s:Sentence)
SET {SENTENCE.set_list("s")}
"""
_RELATION_CREATE = """
UNWIND $rows AS row
MATCH (s:Entity {{id: row.subject}})
MATCH (o:Entity {{id: row.object}})
CREATE (s)-[r:{type}]->(o)
SET {summaries}
WITH s, o, row
UNWIND row.claims AS claim
MATCH (sentence:Sentence {{id: claim.sentence}})
CREATE (sentence)-[:HAS_CLAIM]->(c:Claim)-[:SUBJECT]->(s)
CREATE (c)-[:OBJECT]->(o)
SET {claim}
"""
_MENTION_CREATE = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article})
MATCH (e:Entity {id: row.entity})
CREATE (a)-[m:MENTIONS]->(e)
SET m.sentences = row.sentences
"""
_PAIR_CREATE = """
UNWIND $rows AS row
MATCH (x:Entity {id: row.a})
MATCH (y:Entity {id: row.b})
CREATE (x)-[p:CO_MENTIONED]->(y)
SET p.sentences = row.sentences, p.articles = row.articles
"""
_COUNT_CREATE = """
UNWIND $rows AS row
CREATE (k:Count)
SET k.id = row.id, k.kind = row.kind, k.count = row.count, k.mentions = row.mentions
WITH count(*) AS done
CREATE (m:Count)
SET m.id = 'model', m.kind = 'model', m.version = $version
"""


def create_statements(
    batch: GraphBatch, ontology: Ontology | None = None, chunk: int = 2000
) -> Iterator[tuple[str, dict[str, Any]]]:
    """(cypher, params) that CREATE the aggregated batch in an empty graph, in chunks, with the
    summaries and counters the write statements would keep computed here in Python."""
    ontology = ontology or load_ontology()
    events = set(event_relations(ontology))

    def chunks(statement: str, rows: list[dict[str, Any]]):
        for at in range(0, len(rows), chunk):
            yield statement, {"rows": rows[at : at + chunk]}

    counts: Counter[str] = Counter()
    for label, rows in sorted(batch.entity_rows(events).items()):
        if ontology.classes[label].abstract:
            raise ValueError(f"{label} is not a concrete class")
        entity_rows = [{**row, "aliases": [n for n in row["names"] if n != row["name"]]} for row in rows]
        counts[label] += len(rows)
        counts["Entity"] += len(rows)
        yield from chunks(_ENTITY_CREATE.format(label=label), entity_rows)
    yield from chunks(_ARTICLE_CREATE, batch.articles)
    yield from chunks(_SENTENCE_CREATE, batch.sentences)
    claim_mentions: Counter[str] = Counter()
    summaries = ", ".join(f"r.{name} = row.{name}" for name in RELATION.names)
    for relation, rows in sorted(batch.relation_rows(ontology.modalities).items()):
        statement = _RELATION_CREATE.format(
            type=ontology.relation(relation).name, summaries=summaries, claim=CLAIM.set_list("c", "claim")
        )
        counts[relation] += len(rows)
        claim_mentions[relation] += sum(row["mentions"] for row in rows)
        yield from chunks(statement, rows)
    mention_rows = batch.mention_rows()
    pairs = batch.pair_rows(mention_rows)
    yield from chunks(_MENTION_CREATE, mention_rows)
    yield from chunks(_PAIR_CREATE, pairs)
    counts.update(
        {
            "Article": len(batch.articles),
            "Sentence": len(batch.sentences),
            "HAS_SENTENCE": len(batch.sentences),
            "Claim": len(batch.claims),
            **{t: len(batch.claims) for t in CLAIM_TYPES},
            "MENTIONS": len(mention_rows),
            "CO_MENTIONED": len(pairs),
        }
    )
    count_rows = [
        {**row, "count": counts[row["id"]], "mentions": claim_mentions[row["id"]]}
        for row in count_nodes(ontology)
    ]
    yield _COUNT_CREATE, {"rows": count_rows, "version": MODEL_VERSION}


@dataclass
class GeneratedGraph:
    """What `build_graph` loaded, and entities to ask about."""

    graph: str
    articles: int
    assertions: int
    relationships: int
    nodes: int
    entities: int
    seconds: float
    popular: dict[str, Entity] = field(default_factory=dict)  # class -> its most mentioned entity
    rare: dict[str, Entity] = field(default_factory=dict)  # class -> its least mentioned entity
    top_relation: tuple[str, str, str] | None = None  # (subject id, type, object id), most evidence
    mentions: dict[str, int] = field(default_factory=dict, repr=False)  # entity id -> mentions


def build_graph(store, relationships: int, seed: int = 7, chunk: int = 2000) -> GeneratedGraph:
    """Load a graph into the store's (empty) graph: the facts graph model 1 held in about
    `relationships` relationships (model1_relationships), written as graph model 2."""
    started = time.perf_counter()
    news = SyntheticNews(articles_hint=max(1, relationships // RELATIONSHIPS_PER_ARTICLE), seed=seed)
    batch = aggregate(news, relationships=relationships)
    for statement in create_statements(batch, news.ontology, chunk):
        store.execute([statement])
    seconds = time.perf_counter() - started
    return describe(store.graph_name, batch, news, seconds)


def describe(graph: str, batch: GraphBatch, news: SyntheticNews, seconds: float) -> GeneratedGraph:
    """Counts and query subjects of an aggregated batch."""
    mentions: dict[str, int] = {}
    for claim in batch.claims:
        for entity in (claim["subject"], claim["object"]):
            mentions[entity] = mentions.get(entity, 0) + 1
    by_id = {e.id: e for items in news.world.entities.values() for e in items}
    popular, rare = {}, {}
    for cls in news.world.entities:
        seen = [(mentions[e.id], e.id) for e in news.world.entities[cls] if e.id in mentions]
        if seen:
            popular[cls] = by_id[max(seen)[1]]
            rare[cls] = by_id[min(seen)[1]]
    flat = [
        (row["mentions"], row["subject"], rel, row["object"])
        for rel, rows in batch.relation_rows(news.ontology.modalities).items()
        for row in rows
    ]
    top = max(flat, default=None)
    entities = sum(len(r) for r in batch.entities.values())
    nodes = len(batch.articles) + len(batch.sentences) + len(batch.claims) + entities
    return GeneratedGraph(
        graph=graph,
        articles=len(batch.articles),
        assertions=batch.assertions,
        relationships=relationship_count(batch, news.ontology),
        nodes=nodes,
        entities=entities,
        seconds=round(seconds, 2),
        popular=popular,
        rare=rare,
        mentions=mentions,
        top_relation=top[1:] if top else None,
    )
