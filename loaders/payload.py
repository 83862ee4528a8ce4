"""What kg's components leave on a Doc for the extractor, typed, and its plain-data form.

Under `nlp.pipe(n_process=N)` a Doc crosses process boundaries as bytes (msgpack), so its
extensions hold only lists, dicts, strings, numbers, booleans and None. The writer
(components.py) turns each record into that form with `to_payload`, the reader (extractor.py)
turns it back with `from_payload`. The keys are the field names, spelled nowhere else.

    payload = ExtractionRecord(...).to_payload()  # {"predicate": "ATTACKED", "subject": {...}, ...}
    ExtractionRecord.from_payload(payload).predicate  # 'ATTACKED'
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, get_args, get_type_hints

from kg.core.model import EntityMention

Payload = dict[str, Any]

_MENTION_FIELDS = tuple(f.name for f in fields(EntityMention))


def mention_payload(m: EntityMention) -> Payload:
    """`m` as plain data: its fields by name, those that are None left out."""
    return {name: value for name in _MENTION_FIELDS if (value := getattr(m, name)) is not None}


def mention_from_payload(payload: Payload) -> EntityMention:
    """The mention `mention_payload` made `payload` from."""
    return EntityMention(**payload)


@dataclass(frozen=True)
class ExtractionRecord:
    """An assertion as kg_relations found it in a parsed part, with the sentence it is in, in the
    part's coordinates: doc._.kg_extractions holds one payload of these per assertion."""

    predicate: str
    subject: EntityMention
    object: EntityMention
    sentence: int  # the sentence's number in the part
    start: int  # the sentence's characters in the part, stripped of surrounding space
    end: int
    rule: str
    confidence: float
    modality: str
    attributed_to: EntityMention | None = None
    date_text: str | None = None  # as written ("on Monday"): the extractor resolves it
    count: int | None = None
    role: str | None = None
    former: bool = False

    def to_payload(self) -> Payload:
        """This record as plain data: each value under its field's name (a mention as
        `mention_payload`), values equal to their field's default left out."""
        payload: Payload = {}
        for name, default, mention in _LAYOUT:
            value = getattr(self, name)
            if value != default:
                payload[name] = mention_payload(value) if mention else value
        return payload

    @classmethod
    def from_payload(cls, payload: Payload) -> ExtractionRecord:
        """The record `to_payload` made `payload` from."""
        values: dict[str, Any] = {
            name: mention_from_payload(payload[name]) if mention else payload[name]
            for name, _, mention in _LAYOUT
            if name in payload
        }
        return cls(**values)


def _layout(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, default, holds a mention) of each field of the dataclass `cls`."""
    hints = get_type_hints(cls)
    return tuple(
        (f.name, f.default, EntityMention in (hints[f.name], *get_args(hints[f.name]))) for f in fields(cls)
    )


_LAYOUT = _layout(ExtractionRecord)
