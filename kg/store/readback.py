"""Read the property graph back into kg's records: assertions, and the rows of articles.

    for a in graph_assertions(store):            # one Assertion per claim (exports)
        ...
    batch = read_batch(store, ["doc-1", "doc-2"])   # the GraphBatch `kg ingest` wrote for them

Reads are keyset-paged (kg/store/paging.py), plain Cypher that runs on FalkorDB and on
Neo4j 5, sent through `store.query` only, so any kg store works. Pages are separate reads,
not one snapshot: an article re-ingested meanwhile may show its old claims in one page and
its new claims in a later one, and a claim whose entities were removed between two reads is
left out rather than returned without them. What is read is kg/store/properties.py's.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from kg.core.errors import KgError
from kg.core.graph import GraphStore
from kg.core.keys import entity_keys
from kg.core.model import (
    ENTITY_EXTRAS,
    Argument,
    Assertion,
    Entity,
    SentenceRef,
    mention_from_row,
    qualifiers_from_row,
)
from kg.core.ontology import Ontology, load_ontology
from kg.store.paging import DEFAULT_PAGE_SIZE, Paged, id_key
from kg.store.properties import ARTICLE, CLAIM, ENTITY, SENTENCE
from kg.store.rows import GraphBatch

_ENTITY_FIELDS = ("name", "aliases", "keys", *ENTITY_EXTRAS)

# Every claim with its sentence and entities, in claim id order.
_CLAIMS = Paged(
    match="MATCH (st:Sentence)-[:HAS_CLAIM]->(c:Claim)-[:SUBJECT]->(s:Entity), (c)-[:OBJECT]->(o:Entity)",
    keys=(id_key("c"),),
    returns=f"{CLAIM.returns('c', prefix='c_')}, st.id AS sentence, s.id AS subject, o.id AS object",
)

# Entities, sentences (with their article) by id; the ids come from a page of claims.
_ENTITIES = f"""
UNWIND $ids AS eid
MATCH (e:Entity {{id: eid}})
RETURN e.id AS id, labels(e) AS labels, {", ".join(f"e.{n} AS {n}" for n in _ENTITY_FIELDS)}
"""

_SENTENCES = """
UNWIND $ids AS sid
MATCH (a:Article)-[:HAS_SENTENCE]->(s:Sentence {id: sid})
RETURN s.id AS sid, s.index AS s_index, s.text AS s_text, s.start AS s_start, s.end AS s_end,
       a.title AS a_title, a.url AS a_url, a.published AS a_published
"""


# -- assertions ------------------------------------------------------------------------------


def graph_assertions(
    store: GraphStore, page_size: int = DEFAULT_PAGE_SIZE, *, ontology: Ontology | None = None
) -> Iterator[Assertion]:
    """Every assertion the graph holds: one per evidence item of every relationship between
    two entities, rebuilt from the item's evidence record (rule, confidence, qualifiers,
    mention texts and offsets), its Sentence node (text, index, offsets) and its Article
    (title, url, published).

    Relationships come `page_size` at a time, ordered by (subject id, type, object id); the
    assertions of one relationship keep the order its evidence was added in. A relationship
    whose evidence is not kg's evidence records raises KgError."""
    for page in assertion_pages(store, page_size, ontology or load_ontology()):
        yield from page


def assertion_pages(store: GraphStore, page_size: int, onto: Ontology) -> Iterator[list[Assertion]]:
    """The assertions of one page of claims at a time."""
    for rows in _CLAIMS.pages(store, page_size):
        entities = _by_id(
            store, _ENTITIES, "ids", {r[k] for r in rows for k in ("subject", "object")}, page_size, "id"
        )
        sentences = _by_id(store, _SENTENCES, "ids", {r["sentence"] for r in rows}, page_size, "sid")
        page = []
        for row in rows:
            subject, obj = entities.get(row["subject"]), entities.get(row["object"])
            sentence = sentences.get(row["sentence"])
            if subject is None or obj is None or sentence is None:  # removed since the claim was read
                continue
            page.append(_assertion(_entity(subject, onto), _entity(obj, onto), row, sentence))
        yield page


def _by_id(
    store: GraphStore, statement: str, param: str, ids: set[str], page_size: int, key: str
) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    ordered = sorted(ids)
    for at in range(0, len(ordered), page_size):
        for row in store.query(statement, {param: ordered[at : at + page_size]}).records():
            found[row[key]] = row
    return found


def _entity(row: dict[str, Any], onto: Ontology) -> Entity:
    labels = [label for label in row["labels"] or () if label != "Entity"]
    concrete = sorted(label for label in labels if label in onto.classes and not onto.classes[label].abstract)
    # The writer gives each entity exactly one class label; anything else is passed on and
    # left for the RDF export to reject by name.
    type_ = (concrete or labels or ["Entity"])[0]
    return Entity(
        id=row["id"],
        name=row["name"] or row["id"],
        type=type_,
        aliases=tuple(row["aliases"] or ()),
        **{n: row[n] for n in ENTITY_EXTRAS},
    )


# What every claim kg writes has, with its type.
_REQUIRED: dict[str, type | tuple[type, ...]] = {
    "article": str,
    "relation": str,
    "rule": str,
    "confidence": (int, float),
    "modality": str,
    "subject_text": str,
    "subject_start": int,
    "subject_end": int,
    "object_text": str,
    "object_start": int,
    "object_end": int,
}


def _assertion(subject: Entity, obj: Entity, row: dict[str, Any], sentence: dict[str, Any]) -> Assertion:
    def value(name: str) -> Any:
        return row[f"c_{name}"]

    for name, kind in _REQUIRED.items():
        if not isinstance(value(name), kind) or isinstance(value(name), bool):
            raise KgError(
                f"claim {value('id')!r} ({subject.id})-[:{value('relation')}]->({obj.id}) is "
                f"not one kg wrote: it has no valid {name!r}"
            )

    return Assertion(
        doc=value("article"),
        predicate=value("relation"),
        subject=Argument(subject, mention_from_row(row, "subject", "c_")),
        object=Argument(obj, mention_from_row(row, "object", "c_")),
        sentence=SentenceRef(
            sentence["s_index"], sentence["s_text"] or "", sentence["s_start"], sentence["s_end"]
        ),
        rule=value("rule") or "",
        confidence=float(value("confidence") or 0.0),
        qualifiers=qualifiers_from_row(row, "c_"),
        title=sentence["a_title"],
        url=sentence["a_url"],
        published=sentence["a_published"],
    )


# -- the rows of articles (push, the cypher-shell export) -------------------------------

ARTICLE_ROWS = f"""
UNWIND $ids AS id
MATCH (a:Article {{id: id}})
RETURN {ARTICLE.returns("a")}
"""

SENTENCE_ROWS = f"""
UNWIND $ids AS id
MATCH (:Article {{id: id}})-[:HAS_SENTENCE]->(s:Sentence)
RETURN {SENTENCE.returns("s")}
ORDER BY s.article, s.index
"""

CLAIM_ROWS = f"""
UNWIND $ids AS id
MATCH (:Article {{id: id}})-[:HAS_SENTENCE]->(st:Sentence)-[:HAS_CLAIM]->(c:Claim)
MATCH (s:Entity)<-[:SUBJECT]-(c)-[:OBJECT]->(o:Entity)
RETURN {CLAIM.returns("c")}, st.id AS sentence, s.id AS subject, o.id AS object
ORDER BY st.index, c.id
"""

ENTITY_ROWS = f"""
UNWIND $ids AS id
MATCH (e:Entity {{id: id}})
RETURN labels(e) AS labels, {ENTITY.returns("e")}
"""


ARTICLES_PER_BATCH = 64  # articles read back (and written, by push) at once (~10-20 assertions each)


def read_batch(
    source: GraphStore,
    article_ids: list[str],
    *,
    replaced: Sequence[str] = (),
    ontology: Ontology | None = None,
) -> GraphBatch:
    """The rows `kg ingest` wrote for these articles, read back from `source`."""
    onto = ontology or load_ontology()
    params = {"ids": list(article_ids)}
    batch = GraphBatch(replaced=list(replaced))
    batch.articles = source.query(ARTICLE_ROWS, params).records()
    batch.sentences = source.query(SENTENCE_ROWS, params).records()
    order = {row["id"]: i for i, row in enumerate(batch.articles)}
    batch.claims = sorted(source.query(CLAIM_ROWS, params).records(), key=lambda c: order[c["article"]])
    batch.assertions = len(batch.claims)
    ids = sorted({c[k] for c in batch.claims for k in ("subject", "object")})
    for row in source.query(ENTITY_ROWS, {"ids": ids}).records():
        label = _class_label(row["labels"], onto)
        batch.entities.setdefault(label, []).append(_entity_row(row, label))
    return batch


def _class_label(labels: list[str], onto: Ontology) -> str:
    """The entity's ontology class: its one concrete label besides Entity."""
    concrete = sorted(label for label in labels if label in onto.classes and not onto.classes[label].abstract)
    if not concrete:
        from kg.core.errors import KgError

        raise KgError(f"an entity with labels {labels} has no ontology class")
    return concrete[0]


def _entity_row(row: dict[str, Any], label: str) -> dict[str, Any]:
    names = sorted({row["name"], *(row["aliases"] or ())} - {None})
    # keys of a graph written before nodes had them are computed
    keys = row["keys"] if row["keys"] is not None else entity_keys(label, names)  # an older graph
    return {
        "id": row["id"],
        "name": row["name"],
        "names": names,
        "keys": keys,
        **{name: row[name] for name in ENTITY_EXTRAS},
    }
