"""Word lists and rules kept as data under loaders/patterns/, loaded once."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


def _read(name: str) -> str:
    return (resources.files("kg.loaders") / "patterns" / name).read_text(encoding="utf-8")


@dataclass(frozen=True)
class Titles:
    leader: frozenset[str]
    official: frozenset[str]
    organization_only: frozenset[str]
    national: frozenset[str]
    former_markers: frozenset[str]

    def relation_kind(self, title: str) -> str | None:
        """'leader', 'official' or None for a lower-cased title phrase."""
        if title in self.leader:
            return "leader"
        if title in self.official:
            return "official"
        return None

    @property
    def all_titles(self) -> frozenset[str]:
        return self.leader | self.official


@cache
def titles() -> Titles:
    data = json.loads(_read("titles.json"))
    return Titles(
        leader=frozenset(data["leader"]),
        official=frozenset(data["official"]),
        organization_only=frozenset(data["organization_only"]),
        national=frozenset(data["national"]),
        former_markers=frozenset(data["former_markers"]),
    )


@dataclass(frozen=True)
class GroupNouns:
    sector_of: dict[str, str]  # lemma or two-word compound -> sector
    not_actor_modifiers: frozenset[str]

    def sector(self, word: str) -> str | None:
        """Sector of a lemma or plural ('Protesters' at a sentence start is tagged PROPN, unlemmatised)."""
        word = word.lower()
        for form in (word, word[:-3] + "y" if word.endswith("ies") else None,
                     word[:-1] if word.endswith("s") else None):
            if form and form in self.sector_of:
                return self.sector_of[form]
        return None


@cache
def group_nouns() -> GroupNouns:
    data = json.loads(_read("groups.json"))
    sector_of: dict[str, str] = {}
    for sector, words in data["sectors"].items():
        for word in words:
            sector_of.setdefault(word, sector)
    return GroupNouns(sector_of, frozenset(data["not_actor_modifiers"]))


@dataclass(frozen=True)
class EventRule:
    """One record of events.jsonl: a Matcher pattern for the trigger and where its arguments are."""

    id: str
    predicate: str
    pattern: list[dict[str, Any]]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    confidence: float
    anchor: int = 0
    requires: dict[str, Any] | None = None
    implicit_object: str | None = None


@cache
def event_rules() -> tuple[EventRule, ...]:
    rules = []
    for line in _read("events.jsonl").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        rules.append(EventRule(
            id=record["id"], predicate=record["predicate"], pattern=record["pattern"],
            subject=tuple(record["subject"]), object=tuple(record["object"]),
            confidence=float(record["confidence"]), anchor=int(record.get("anchor", 0)),
            requires=record.get("requires"), implicit_object=record.get("implicit_object"),
        ))
    return tuple(rules)


@cache
def _states() -> dict[str, dict[str, str]]:
    return json.loads(_read("states.json"))


def state_predicate(rule_id: str) -> str:
    """The relation a stative rule produces: 'located_in.comma' -> its relation in states.json."""
    return _states()["rules"][rule_id]


def title_predicate(kind: str) -> str | None:
    """'leader' | 'official' | 'national' -> the relation a title of that kind gives."""
    return _states()["title_kinds"].get(kind)


def cue_words() -> dict[str, set[str]]:
    """Relation -> the words that can trigger it (first words of its rules' patterns)."""
    found: dict[str, set[str]] = {}
    for rule in event_rules():
        for attr in ("LEMMA", "LOWER"):
            value = rule.pattern[0].get(attr)
            words = value["IN"] if isinstance(value, dict) else [value] if value else []
            found.setdefault(rule.predicate, set()).update(w.lower() for w in words)
    return found


def role_words() -> set[str]:
    lex = titles()
    return set(lex.all_titles | lex.national)


def seat_words() -> set[str]:
    return set()
