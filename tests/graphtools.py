"""Build small graphs for tests from hand-written facts, through the real writer."""
from __future__ import annotations

from kg.model import Argument, Assertion, Document, Entity, Mention, Qualifiers, SentenceRef
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter


def entity(entity_id: str, name: str, type_: str, *aliases: str, iso3: str | None = None) -> Entity:
    return Entity(id=entity_id, name=name, type=type_, aliases=tuple(aliases), iso3=iso3)


def fact(doc: Document, index: int, sentence: str, subject: Entity, predicate: str, obj: Entity,
         *, confidence: float = 0.9, **qualifiers) -> Assertion:
    """An assertion whose mentions are the entities' names as found in `sentence`."""
    start = doc.text.find(sentence)
    assert start >= 0, f"{sentence!r} is not in document {doc.id}"

    def arg(e: Entity) -> Argument:
        at = sentence.find(e.name)
        text = e.name if at >= 0 else sentence[:1]
        at = max(at, 0)
        return Argument(e, Mention(text, start + at, start + at + len(text)))

    return Assertion(doc=doc.id, predicate=predicate, subject=arg(subject), object=arg(obj),
                     sentence=SentenceRef(index, sentence, start, start + len(sentence)),
                     rule=f"test.{predicate.lower()}", confidence=confidence,
                     qualifiers=Qualifiers(**qualifiers), title=doc.title, url=doc.url,
                     published=doc.published)


def write(store, *articles: tuple[Document, list[Assertion]]):
    """Write articles (each with its assertions) as one batch; returns the WriteCounts."""
    batch = GraphBatch()
    for document, assertions in articles:
        batch.add(document, assertions)
    return GraphWriter(store).write(batch)


def snapshot(store) -> dict:
    """Every node and relationship with all its properties, in an order-free form, so two
    graphs can be compared; a relationship's evidence lists are compared as a set of items."""
    nodes = {}
    for labels, props in store.query("MATCH (n) RETURN labels(n), properties(n)").rows:
        props = dict(props)
        for name in ("aliases", "keys"):  # their order is the order articles were written in
            if name in props:
                props[name] = sorted(props[name])
        nodes[props["id"]] = (tuple(sorted(labels)), _frozen(props))
    relationships = {}
    rows = store.query("MATCH (a)-[r]->(b) RETURN a.id, type(r), b.id, properties(r)").rows
    for start, type_, end, props in rows:
        props = dict(props)
        lists = ("sentence_ids", "ev_article", "ev_confidence", "ev_date", "ev_modality",
                 "ev_role", "evidence")
        if "sentence_ids" in props:
            props["evidence_items"] = sorted(zip(*(props.pop(name) for name in lists)))
            for name in ("article_ids", "roles"):
                props[name] = sorted(props[name])
        relationships[(start, type_, end)] = _frozen(props)
    return {"nodes": nodes, "relationships": relationships}


def _frozen(props: dict) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items()))
