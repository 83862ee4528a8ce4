"""The property schema of the graph, written once: every node and relationship kg writes, with
its properties and their types. The write statements' SET lists, the read-back's RETURN
lists, the neo4j-admin CSV columns and the fast loader of bench/graphgen.py are built from it.

    CLAIM.set_list("c", "claim")    # "c.id = claim.id, c.relation = claim.relation, ..."
    CLAIM.returns("c")              # "c.id AS id, c.relation AS relation, ..."
    CLAIM.names                     # ("id", "relation", ...)

Which relationship links which labels (the graph's topology) is declared in ontology/kg.ttl
and read as `load_ontology().graph_links`; README "Graph model" draws it. A Claim is written
once, with everything the article says about one assertion in one
sentence. Relationship summaries, entity counters and the Count nodes are kept by increment
in the statement that writes what they count, and taken back exactly when an article goes.
"""

from __future__ import annotations

from dataclasses import dataclass

# Neo4j import types (neo4j-admin header types); lists end in [].
TYPES = ("string", "long", "double", "boolean", "string[]", "long[]", "double[]")


@dataclass(frozen=True)
class Prop:
    name: str
    type: str = "string"
    empty: str | None = None  # a list's value when CSV cannot carry it (neo4j-admin post-import)

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"property {self.name!r}: unknown type {self.type!r}")


@dataclass(frozen=True)
class Shape:
    """The properties of one kind of node (label) or relationship (type, None: any ontology
    relation). `written` are the ones the write rows carry and a statement sets as they are;
    `kept` are counters and summaries the statements maintain."""

    name: str | None
    written: tuple[Prop, ...]
    kept: tuple[Prop, ...] = ()

    @property
    def props(self) -> tuple[Prop, ...]:
        return self.written + self.kept

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.props)

    @property
    def written_names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.written)

    def set_list(self, var: str, row: str = "row", skip: tuple[str, ...] = ()) -> str:
        """`var.p = row.p, ...` for the written properties (the ones in `skip` left out)."""
        return ", ".join(f"{var}.{n} = {row}.{n}" for n in self.written_names if n not in skip)

    def returns(self, var: str, only_written: bool = True, prefix: str = "") -> str:
        """`var.p AS p, ...` (aliases prefixed with `prefix`)."""
        names = self.written_names if only_written else self.names
        return ", ".join(f"{var}.{n} AS {prefix}{n}" for n in names)


def _strings(*names: str) -> tuple[Prop, ...]:
    return tuple(Prop(n) for n in names)


ENTITY = Shape(
    "Entity",
    written=(
        Prop("id"),
        Prop("name"),
        Prop("aliases", "string[]", "[]"),
        Prop("keys", "string[]", "[]"),
        *_strings("iso3", "wikidata"),
        Prop("geonames", "long"),
        *_strings("country", "sector", "article"),
    ),
    kept=(
        Prop("mentions", "long"),  # claims naming it, as subject or object
        Prop("event_mentions", "long"),
    ),
)  # event claims with it as subject (most-active)

ARTICLE = Shape(
    "Article",
    written=(
        *_strings("id", "title", "url", "published", "source", "path", "content_hash"),
        Prop("sentences", "long"),
        Prop("ingested"),
    ),
    kept=(Prop("write_token"),),
)  # set while a write of it is under way (kg/store/writer.py)

SENTENCE = Shape(
    "Sentence",
    written=(
        Prop("id"),
        Prop("article"),
        Prop("text"),
        Prop("index", "long"),
        Prop("start", "long"),
        Prop("end", "long"),
    ),
)

# One supported assertion in one sentence: its relation, qualifiers and provenance. Its
# sentence, subject and object are its links (HAS_CLAIM, SUBJECT, OBJECT), not properties:
# every property costs the engine time on every claim written. `former` is absent, not
# false, when the state still holds (as in the RDF export).
CLAIM = Shape(
    "Claim",
    written=(
        Prop("id"),
        Prop("relation"),
        Prop("article"),
        Prop("modality"),
        Prop("attributed_to"),
        Prop("date"),
        Prop("count", "long"),
        Prop("role"),
        Prop("former", "boolean"),
        Prop("location"),
        Prop("confidence", "double"),
        Prop("rule"),
        Prop("subject_text"),
        Prop("subject_start", "long"),
        Prop("subject_end", "long"),
        Prop("object_text"),
        Prop("object_start", "long"),
        Prop("object_end", "long"),
    ),
)

# How many sentence ids a relationship keeps in `first_sentences`.
FIRST_SENTENCES = 5

# The typed relationship between two entities: summaries of its claims, kept by increment.
RELATION = Shape(
    None,
    written=(),
    kept=(
        Prop("mentions", "long"),  # claims
        Prop("articles", "long"),  # distinct articles of those claims
        Prop("confidence", "double"),  # the highest
        *_strings("first_date", "last_date"),  # of the dated claims
        Prop("first_published"),  # the earliest publication date of its articles
        Prop("last_published"),  # the latest
        Prop("modality"),  # the most factual one, in the ontology's order
        Prop("modalities", "string[]", "[]"),  # every one its claims have
        Prop("roles", "string[]", "[]"),  # distinct roles (LEADER_OF, OFFICIAL_OF)
        # the ids of its first FIRST_SENTENCES supporting sentences, in id order: the queries read
        # a relationship's sentences from these instead of walking an entity's claims
        Prop("first_sentences", "string[]", "[]"),
    ),
)

MENTIONS = Shape("MENTIONS", written=(Prop("sentences", "long[]", "[]"),))  # sentence indexes
CO_MENTIONED = Shape("CO_MENTIONED", written=(), kept=(Prop("sentences", "long"), Prop("articles", "long")))
NO_PROPERTIES = Shape(None, written=())

COUNT = Shape(
    "Count",
    written=(Prop("id"), Prop("kind")),
    kept=(Prop("count", "long"), Prop("mentions", "long"), Prop("version", "long")),
)

NODES = {shape.name: shape for shape in (ENTITY, ARTICLE, SENTENCE, CLAIM, COUNT)}
# The properties of each structural relationship type (ontology/kg.ttl says which labels it
# links); the ones not listed have none, and every ontology relation has RELATION's.
LINKS = {shape.name: shape for shape in (MENTIONS, CO_MENTIONED)}

__all__ = [
    "ARTICLE",
    "CLAIM",
    "COUNT",
    "CO_MENTIONED",
    "ENTITY",
    "FIRST_SENTENCES",
    "LINKS",
    "MENTIONS",
    "NODES",
    "NO_PROPERTIES",
    "Prop",
    "RELATION",
    "SENTENCE",
    "Shape",
    "TYPES",
]
