"""The resolvers: one per way two names can denote one actor, each chosen by name.

    resolver = get_resolver("surname")
    resolver.keys(entity)                 # what to look candidates up by
    resolver.decide(entity, candidates)   # Match(target, ...), Ambiguous(...) or None

Each resolver sees one entity and the candidates of its class that the indexes return for
its keys (graph nodes, other entities of the batch; kg/resolution/candidates.py), and says
whether the entity is one of them. Deciding which candidates are the same cluster, and what
the merged node is called, is the stage's job (kg/resolution/stage.py).

    exact    the name of one is a name or alias of the other, once normalised ("the CSTO",
             "Csto"; "Defence", "Defense"); a person's one-word names only match a node *named*
             that word; a name that is another name of two actors is Ambiguous
    acronym  an acronym and a multi-word name whose initials it is ("CSTO", "Collective
             Security Treaty Organisation"); three letters or more; a name is matched only to
             a node known by nothing but an acronym; two candidates: Ambiguous
    fuzzy    spellings and transliterations (kg/resolution/similarity.py), same skeleton
             block; a person's name with middle names left out ("Ibrahim Keita")
    surname  a surname alone and the one person of the graph with that surname ("Ruiz",
             "Ana Ruiz"; or another spelling of it, "Hafter", "Khalifa Haftar"); two such
             people: Ambiguous, nothing merged
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import ClassVar

from kg.core.errors import KgError
from kg.core.keys import (
    INITIALS,
    SURNAME,
    fuzzy_block,
    initials,
    is_acronym,
    normalise,
    skeleton,
    surname,
    words,
)
from kg.resolution.candidates import Candidate
from kg.resolution.similarity import FUZZY_THRESHOLD, name_similarity, omits_middle, word_similarity

# Initials shorter than this are not matched to expansions without the catalogue: two-letter
# acronyms ("AU", "PM", "IS") stand for too many things.
MIN_INITIALS = 3
# A surname alone is taken for another spelling of a surname only from this many letters:
# shorter ones are too alike by chance ("Arce", "Rice").
MIN_SPELT = 5


@dataclass(frozen=True)
class Match:
    target: Candidate
    resolver: str
    score: float = 1.0


@dataclass(frozen=True)
class Ambiguous:
    """A name that fits several actors (a surname two people share): nothing is merged."""

    name: str
    type: str
    candidates: tuple[Candidate, ...]
    resolver: str


Decision = Match | Ambiguous | None


class EntityResolver(ABC):
    """Decides whether one entity is one of the candidates found for it."""

    name: ClassVar[str]
    types: ClassVar[frozenset[str]]  # ontology classes it resolves

    @abstractmethod
    def keys(self, entity: Candidate) -> set[str]:
        """The index keys to look candidates up by."""

    @abstractmethod
    def decide(
        self, entity: Candidate, candidates: list[Candidate], cluster: Callable[[str], str] = lambda i: i
    ) -> Decision:
        """`candidates`: of the entity's class, other than itself; `cluster` maps an id to the
        id of the group it has already been merged into (candidates in one group count once)."""


def _distinct(candidates: Iterable[Candidate], cluster: Callable[[str], str]) -> list[Candidate]:
    """One candidate per group, stored nodes first (they keep their id)."""
    out: dict[str, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (not c.stored, c.id)):
        out.setdefault(cluster(c.id), c)
    return list(out.values())


class ExactResolver(EntityResolver):
    name = "exact"
    types = frozenset({"Person", "Organization", "City", "Region"})

    def keys(self, entity: Candidate) -> set[str]:
        return {normalise(n) for n in _comparable(entity)}

    def decide(self, entity, candidates, cluster=lambda i: i):
        if entity.type == "Person" and len(words(entity.name)) == 1:
            # "Castro" as an alias of Fidel Castro's node says nothing about this article's Castro
            named = [c for c in candidates if normalise(c.name) == normalise(entity.name)]
            return Match(_distinct(named, cluster)[0], self.name) if named else None
        mine = {normalise(n) for n in _comparable(entity)}
        # a name of one side is a name or alias of the other: two aliases alike are not enough
        # (two people who were each called by the same surname, "Valkav")
        found = [
            c
            for c in candidates
            if normalise(entity.name) in {normalise(n) for n in _comparable(c)}
            or (normalise(c.name) in mine and c.name in _comparable(c))
        ]
        named = _distinct([c for c in found if normalise(c.name) == normalise(entity.name)], cluster)
        if named:
            return Match(named[0], self.name)
        found = _distinct(found, cluster)
        if len(found) == 1:
            return Match(found[0], self.name)
        if len(found) > 1:
            return Ambiguous(entity.name, entity.type, tuple(found), self.name)
        return None


def _comparable(c: Candidate) -> list[str]:
    """The names exact matching compares: a person's one-word names (surnames) are left to the
    surname resolver, which counts the people who bear them."""
    if c.type != "Person":
        return [n for n in c.names if normalise(n)]
    return [n for n in c.names if len(words(n)) > 1]


class AcronymResolver(EntityResolver):
    name = "acronym"
    types = frozenset({"Organization"})

    def keys(self, entity: Candidate) -> set[str]:
        keys = set()
        for name in entity.names:
            if is_acronym(name) and len(normalise(name)) >= MIN_INITIALS:
                keys.add(INITIALS + normalise(name))  # expansions whose initials it is
            else:
                keys.update(i for i in initials(name) if len(i) >= MIN_INITIALS)  # nodes named by it
        return keys

    def decide(self, entity, candidates, cluster=lambda i: i):
        mine = self._acronyms(entity.names)
        expansions = {i for n in entity.names if not is_acronym(n) for i in initials(n)}
        # an expansion whose initials are this acronym; or, for an expansion, a node known
        # only by its acronym (one with a name of its own is another body sharing the letters)
        found = [
            c
            for c in candidates
            if mine & {i for n in c.names if not is_acronym(n) for i in initials(n)}
            or (expansions & self._acronyms(c.names) and all(map(is_acronym, c.names)))
        ]
        found = _distinct(found, cluster)
        if len(found) == 1:
            return Match(found[0], self.name)
        if len(found) > 1:
            return Ambiguous(entity.name, entity.type, tuple(found), self.name)
        return None

    @staticmethod
    def _acronyms(names: Iterable[str]) -> set[str]:
        return {normalise(n) for n in names if is_acronym(n) and len(normalise(n)) >= MIN_INITIALS}


class FuzzyResolver(EntityResolver):
    name = "fuzzy"
    types = frozenset({"Person", "Organization"})

    def __init__(self, threshold: float = FUZZY_THRESHOLD) -> None:
        self.threshold = threshold

    def keys(self, entity: Candidate) -> set[str]:
        return {k for n in self._names(entity) if (k := fuzzy_block(entity.type, n)) is not None}

    @staticmethod
    def _names(c: Candidate) -> list[str]:
        """The names compared: a person's one-word names are the surname resolver's (an alias
        "Castro" of one Castro must not decide for a bare "Castro")."""
        return [n for n in c.names if c.type != "Person" or len(words(n)) > 1]

    def decide(self, entity, candidates, cluster=lambda i: i):
        scored = []
        mine = [(a, block) for a in self._names(entity) if (block := fuzzy_block(entity.type, a)) is not None]
        for c in _distinct(candidates, cluster):
            score = max(
                (
                    1.0 if entity.type == "Person" and omits_middle(a, b) else name_similarity(a, b)
                    for a, block in mine
                    for b in self._names(c)
                    if block == fuzzy_block(c.type, b)
                ),
                default=0.0,
            )
            if score >= self.threshold:
                scored.append((score, c))
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0], not item[1].stored, item[1].id))
        return Match(scored[0][1], self.name, round(scored[0][0], 3))


class SurnameResolver(EntityResolver):
    name = "surname"
    types = frozenset({"Person"})

    def keys(self, entity: Candidate) -> set[str]:
        keys = set()
        for name in entity.names:
            parts = words(name)
            if len(parts) == 1:
                keys.add(SURNAME + parts[0])  # the people with this surname
            elif (last := surname(name)) is not None:
                keys.update({last, SURNAME + last})  # a node named by the surname alone; namesakes
            if (block := fuzzy_block(entity.type, name)) is not None:
                keys.add(block)  # another spelling of the surname ("Hafter", "Khalifa Haftar")
        return keys

    def decide(self, entity, candidates, cluster=lambda i: i):
        parts = words(entity.name)
        if len(parts) == 1:
            holders = _distinct([c for c in candidates if parts[0] in _surnames(c)], cluster)
            if not holders:  # another spelling of the one surname: "Hafter" and "Khalifa Haftar"
                holders = _distinct([c for c in candidates if _spelt(parts[0], _surnames(c))], cluster)
            if len(holders) == 1:
                return Match(holders[0], self.name)
            if len(holders) > 1:
                return Ambiguous(entity.name, entity.type, tuple(holders), self.name)
            return None
        last = surname(entity.name)
        short = _distinct([c for c in candidates if words(c.name) == [last]], cluster)
        if not short:
            short = _distinct(
                [c for c in candidates if len(words(c.name)) == 1 and _spelt(last, set(words(c.name)))],
                cluster,
            )
        namesakes = [
            c
            for c in _distinct(candidates, cluster)
            if last in _surnames(c) and cluster(c.id) != cluster(entity.id)
        ]
        if len(short) == 1 and not namesakes:
            return Match(short[0], self.name)
        return None


def _spelt(word: str, surnames: set[str]) -> bool:
    """Whether `word` is another spelling of one of `surnames`: the same first letter and
    consonant skeleton, alike by kg/resolution/similarity.py, and long enough for a spelling
    to tell ("Castro" and "Castillo", "Arce" and "Rice" are not)."""
    return any(
        len(word) >= MIN_SPELT
        and word[0] == s[0]
        and skeleton(word) == skeleton(s)
        and word_similarity(word, s) >= FUZZY_THRESHOLD
        for s in surnames
    )


def _surnames(c: Candidate) -> set[str]:
    return {s for n in c.names if (s := surname(n)) is not None}


RESOLVERS: dict[str, type[EntityResolver]] = {
    r.name: r for r in (ExactResolver, AcronymResolver, FuzzyResolver, SurnameResolver)
}
# The order they run in: each entity is decided by the first that decides it. Fuzzy comes
# before surname so that spellings of one full name are one group before a surname is
# counted against the people who bear it.
DEFAULT_RESOLVERS = ("exact", "acronym", "fuzzy", "surname")


def get_resolvers(names: Iterable[str] = DEFAULT_RESOLVERS) -> list[EntityResolver]:
    out = []
    for name in names:
        if name not in RESOLVERS:
            raise KgError(f"no resolver {name!r}; the resolvers are: {', '.join(RESOLVERS)}")
        out.append(RESOLVERS[name]())
    return out
