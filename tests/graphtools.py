"""Build small graphs for tests from hand-written facts, through the real writer."""

from __future__ import annotations

from kg.core.model import Argument, Assertion, Document, Entity, Mention, Qualifiers, SentenceRef
from kg.store.audit import audit, snapshot
from kg.store.rows import GraphBatch
from kg.store.writer import GraphWriter


def entity(entity_id: str, name: str, type_: str, *aliases: str, iso3: str | None = None) -> Entity:
    return Entity(id=entity_id, name=name, type=type_, aliases=tuple(aliases), iso3=iso3)


def fact(
    doc: Document,
    index: int,
    sentence: str,
    subject: Entity,
    predicate: str,
    obj: Entity,
    *,
    confidence: float = 0.9,
    **qualifiers,
) -> Assertion:
    """An assertion whose mentions are the entities' names as found in `sentence`."""
    start = doc.text.find(sentence)
    assert start >= 0, f"{sentence!r} is not in document {doc.id}"

    def arg(e: Entity) -> Argument:
        at = sentence.find(e.name)
        text = e.name if at >= 0 else sentence[:1]
        at = max(at, 0)
        return Argument(e, Mention(text, start + at, start + at + len(text)))

    return Assertion(
        doc=doc.id,
        predicate=predicate,
        subject=arg(subject),
        object=arg(obj),
        sentence=SentenceRef(index, sentence, start, start + len(sentence)),
        rule=f"test.{predicate.lower()}",
        confidence=confidence,
        qualifiers=Qualifiers(**qualifiers),
        title=doc.title,
        url=doc.url,
        published=doc.published,
    )


def write(store, *articles: tuple[Document, list[Assertion]]):
    """Write articles (each with its assertions) as one batch; returns the WriteCounts."""
    batch = GraphBatch()
    for document, assertions in articles:
        batch.add(document, assertions)
    return GraphWriter(store).write(batch)


__all__ = ["audit", "entity", "fact", "snapshot", "write"]
