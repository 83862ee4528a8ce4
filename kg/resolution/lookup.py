"""Finding the node a name means, as `kg entity`, `kg path` and `kg ask` do; keeping keys.

    ids = entity_ids(store, "CSTO")       # ["organization:csto"]: by id, name, alias, acronym,
                                          # spelling variant, surname or transliteration
    ensure_keys(store)                    # gives nodes written before `keys` existed their keys
    ambiguous_surnames(store)             # [("castro", [("person:fidel-castro", "Fidel Castro"), ...])]

A look-up asks what the resolvers ask at write time, with the name given as a probe of each
class they handle: first the keys every node has (exact, with the catalogue's names of an
organisation), then the gazetteer's country ("Turkey" is country:TUR, whatever its node is
called), then acronym, fuzzy and surname. A surname two people share is an error that
names both (AmbiguousEntity); a name found nowhere gives an empty list.
"""

from __future__ import annotations

from typing import Any

from kg.core import gazetteer
from kg.core.cypher import part
from kg.core.errors import ArgumentError, KgError
from kg.core.keys import entity_keys, normalise
from kg.resolution.candidates import Candidate, GraphIndex
from kg.resolution.catalogue import load_catalogue
from kg.resolution.resolvers import Ambiguous, Match, get_resolvers

# The longest name a look-up takes (characters). The longest names of actors in news are
# about 80 ("Organisation for the Prohibition of Chemical Weapons" is 52); a longer text is
# refused before any matching, since some matching (the country converter's patterns,
# spelling similarity) costs more than linear time in the name's length.
MAX_NAME_LENGTH = 300

# Most nodes whose keys are (re)computed per statement by `ensure_keys`.
_KEYS_PAGE = 5000

NODES_WITHOUT_KEYS = f"""
MATCH (e:Entity)
WHERE e.keys IS NULL
RETURN e.id AS id, e.name AS name, coalesce(e.aliases, []) AS aliases,
       {part("entity-class", entity="e")} AS type
LIMIT $limit
"""

SET_KEYS = """
UNWIND $rows AS row
MATCH (e:Entity {id: row.id})
SET e.keys = row.keys
"""

SHARED_SURNAMES = """
MATCH (e:Person)
UNWIND [k IN coalesce(e.keys, []) WHERE k STARTS WITH '~'] AS key
WITH key, e
ORDER BY e.id
WITH key, collect(e.id) AS ids, collect(e.name) AS names
WHERE size(ids) > 1
RETURN substring(key, 1) AS surname, ids, names
ORDER BY surname
"""


class AmbiguousEntity(KgError):
    """A name that fits several nodes equally (a surname two people share)."""


def entity_ids(store: Any, text: str) -> list[str]:
    """The ids of the nodes `text` names, the most likely first (see the module doc); [] if none.
    ArgumentError for a name longer than MAX_NAME_LENGTH."""
    text = text.strip()
    if not text:
        return []
    check_name_length(text)
    graph = GraphIndex(store)
    if graph.by_id([text]):
        return [text]
    keys = {normalise(text)}
    record = load_catalogue().find(text)
    if record is not None:
        keys |= {normalise(n) for n in record.names}
    found = graph.lookup(keys)
    if found:
        exact = normalise(text)
        ranked = sorted(
            {c.id: c for cs in found.values() for c in cs}.values(),
            key=lambda c: (normalise(c.name) != exact, c.id),
        )
        return [c.id for c in ranked]
    place = gazetteer.country(text)  # "Turkey" for Türkiye, "the U.S.", "Kazakh"
    if place is not None and graph.by_id([f"country:{place.iso3}"]):
        return [f"country:{place.iso3}"]
    names = frozenset({text} | (record.names if record is not None else set()))
    ambiguous: list[Candidate] = []
    for resolver in get_resolvers(("acronym", "fuzzy", "surname")):
        for type_ in sorted(resolver.types):
            probe = Candidate(id="", type=type_, name=text, names=names)
            candidates = [
                c for cs in graph.lookup(resolver.keys(probe)).values() for c in cs if c.type == type_
            ]
            decision = resolver.decide(probe, list({c.id: c for c in candidates}.values()))
            if isinstance(decision, Match):
                return [decision.target.id]
            if isinstance(decision, Ambiguous):
                ambiguous.extend(decision.candidates)
    if ambiguous:
        raise AmbiguousEntity(
            f"{text!r} may be any of: "
            + ", ".join(f"{c.name} ({c.id})" for c in ambiguous)
            + "; give the full name or the id"
        )
    return []


def check_name_length(text: str) -> None:
    """ArgumentError (one line) for a name longer than any look-up takes."""
    if len(text) > MAX_NAME_LENGTH:
        raise ArgumentError(
            f"the name given is {len(text):,} characters long; names of at most "
            f"{MAX_NAME_LENGTH} characters are looked up ({text[:40]!r}...)"
        )


def ensure_keys(store: Any) -> int:
    """Give every node without `keys` (written by an older kg) its keys; how many were given."""
    done = 0
    while True:
        rows = store.query(NODES_WITHOUT_KEYS, {"limit": _KEYS_PAGE}).records()
        if not rows:
            return done
        store.query(
            SET_KEYS,
            {
                "rows": [
                    {
                        "id": r["id"],
                        "keys": entity_keys(r["type"] or "Entity", [r["name"] or r["id"], *r["aliases"]]),
                    }
                    for r in rows
                ]
            },
            write=True,
        )
        done += len(rows)


def ambiguous_surnames(store: Any) -> list[tuple[str, list[tuple[str, str]]]]:
    """Surnames borne by more than one person of the graph: (surname, [(id, name), ...]).
    A bare surname in an article is not merged into any of them."""
    return [
        (row["surname"], list(zip(row["ids"], row["names"])))
        for row in store.query(SHARED_SURNAMES).records()
    ]


# Ranked by the claims naming them (the counter the writer keeps): no expansion of a hub.
NODES_RANKED = f"""
UNWIND $ids AS id
MATCH (e:Entity {{id: id}})
RETURN e, {part("entity-class", entity="e")} AS type, coalesce(e.mentions, 0) AS relations
"""

# Graphs written before nodes had `keys` (or imported without them): name or alias, any case.
NODES_BY_NAME = """
MATCH (e:Entity)
WHERE e.keys IS NULL AND (toLower(e.name) = toLower($name)
   OR any(alias IN coalesce(e.aliases, []) WHERE toLower(alias) = toLower($name)))
RETURN e.id AS id
"""


def find_node(store: Any, text: str) -> dict[str, Any] | None:
    """The node `text` names, as its properties plus its class as "type" (without `keys`):
    of several, the most connected, then one named so rather than by an alias. None if none;
    AmbiguousEntity for a surname two people share."""
    check_name_length(text.strip())
    ids = entity_ids(store, text) or [
        r["id"] for r in store.query(NODES_BY_NAME, {"name": text.strip()}).records()
    ]
    if not ids:
        return None
    key = normalise(text)
    rows = store.query(NODES_RANKED, {"ids": ids}).rows
    if not rows:
        return None
    node, type_, _ = min(
        rows,
        key=lambda r: (
            -r[2],
            normalise(r[0]["properties"].get("name") or "") != key,
            r[0]["properties"]["id"],
        ),
    )
    props = {k: v for k, v in node["properties"].items() if k not in ("keys", "mentions", "event_mentions")}
    return {**props, "type": type_}
