"""Entity resolution inside one document: stable ids and one entity per referent.

Countries by ISO3 (country:KAZ), cities by GeoNames id (city:1526384), persons by the slug of
their fullest name in the document (Ruiz = Ana Ruiz -> person:ana-ruiz), groups by
country and sector (group:RUS:military), events by slug per document; then the resolvers of
kg/resolution over the document's entities (CSTO = Collective Security Treaty Organisation ->
organization:csto). Across articles the same resolvers run again at write time, against the
graph (kg/ingest.py).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import replace

from kg.core import gazetteer
from kg.core.model import Argument, Assertion, Document, Entity, EntityMention, Extraction, Mention
from kg.core.ontology import load_ontology
from kg.resolution.batch import resolve_batch

_LOCALITIES = load_ontology().localities  # a region or a town, not a whole country


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" \"“”‘’'.,;:()")


class DocumentResolver:
    """Maps the mentions of one document to entities; built from all of its extractions."""

    def __init__(self, doc: Document, extractions: list[Extraction]) -> None:
        self.doc = doc
        self._persons = self._person_names(extractions)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, str] = {}
        for ex in extractions:
            for m in (ex.subject, ex.object, ex.attributed_to):
                if m is not None:
                    entity_id, name = self._identify(m)
                    self._names.setdefault(entity_id, name)
                    self._aliases[entity_id].add(_clean_name(m.key))

    @staticmethod
    def _person_names(extractions: list[Extraction]) -> dict[str, str]:
        """Short name -> fullest name ending with it ('Ruiz' -> 'Ana Ruiz'); a short
        name that ends two different full names ('Castro': Fidel and Raul) stays itself."""
        full: list[str] = sorted(
            {
                _clean_name(m.key)
                for ex in extractions
                for m in (ex.subject, ex.object, ex.attributed_to)
                if m is not None and m.type == "Person"
            },
            key=len,
            reverse=True,
        )
        canonical: dict[str, str] = {}
        for name in full:
            parts = name.split()
            longer = [
                f
                for f in full
                if f != name and len(f.split()) > len(parts) and f.split()[-len(parts) :] == parts
            ]
            # the longest ones that do not end one another ("Raul Castro", "Fidel Castro")
            heads = [
                f
                for f in longer
                if not any(g != f and g.split()[-len(f.split()) :] == f.split() for g in longer)
            ]
            canonical[name] = longer[0] if len(heads) == 1 else name
        return canonical

    def _identify(self, m: EntityMention) -> tuple[str, str]:
        name = _clean_name(m.key)
        if m.type == "Country" and m.iso3:
            return f"country:{m.iso3}", name
        if m.type == "City":
            return (f"city:{m.geonames}" if m.geonames else f"city:{slug(name)}"), name
        if m.type == "Region":
            return (f"region:{m.geonames}" if m.geonames else f"region:{slug(name)}"), name
        if m.type == "Person":
            full = self._persons.get(name, name)
            return f"person:{slug(full)}", full
        if m.type == "Group":
            sector = m.sector or "unknown"
            prefix = f"group:{m.iso3}:" if m.iso3 else "group:"
            # one name per id whatever the first mention was: "Chilean military", "police"
            adjective = gazetteer.demonym(m.iso3) if m.iso3 else None
            return f"{prefix}{sector}", f"{adjective} {sector}" if adjective else sector
        if m.type == "Event":
            return f"event:{slug(self.doc.id)}:{slug(name)}", name
        return f"{m.type.lower()}:{slug(name)}", name

    def entity(self, m: EntityMention) -> Entity:
        entity_id, _ = self._identify(m)
        name = self._names.get(entity_id, _clean_name(m.key))
        aliases = tuple(sorted(a for a in self._aliases.get(entity_id, ()) if a != name))
        return Entity(
            id=entity_id,
            name=name,
            type=m.type,
            aliases=aliases,
            iso3=m.iso3 if m.type == "Country" else None,
            geonames=m.geonames if m.type in _LOCALITIES else None,
            country=m.iso3 if m.type in {"Group", "City"} else None,
            sector=m.sector if m.type == "Group" else None,
        )

    def argument(self, m: EntityMention) -> Argument:
        return Argument(self.entity(m), Mention(m.text, m.start, m.end))


def resolve(doc: Document, extractions: list[Extraction]) -> list[Assertion]:
    """Extractions of one document -> assertions on resolved entities, one per distinct triple
    and sentence (the most confident wins). The mentions are first grouped by name (above),
    then the entities by the resolvers that also run across articles at write time
    (kg/resolution: the catalogue of organisations, acronyms and their expansions, spellings,
    surnames), over this document alone."""
    return resolve_batch([(doc, with_headline_dates(doc, mention_assertions(doc, extractions)))]).articles[0][
        1
    ]


# How many sentences after the headline make up the lead, whose date a headline event takes.
LEAD_SENTENCES = 3


def with_headline_dates(doc: Document, assertions: list[Assertion]) -> list[Assertion]:
    """A headline states the news without a date; its events take the date the lead gives
    them (GUIDELINE.md, "Dates"): an undated event of the headline takes the date of the
    first dated event of the lead with the same relation, one sharing an entity with it
    first."""
    if not doc.title:
        return assertions
    lead = [a for a in assertions if 0 < a.sentence.index <= LEAD_SENTENCES and a.qualifiers.date]
    if not lead:
        return assertions
    out = []
    for a in assertions:
        if a.sentence.index == 0 and a.qualifiers.date is None:
            same = [b for b in lead if b.predicate == a.predicate]
            shared = [
                b
                for b in same
                if {b.subject.entity.id, b.object.entity.id} & {a.subject.entity.id, a.object.entity.id}
            ]
            source = (shared or same or [None])[0]
            if source is not None:
                a = replace(a, qualifiers=replace(a.qualifiers, date=source.qualifiers.date))
        out.append(a)
    return out


def mention_assertions(doc: Document, extractions: list[Extraction]) -> list[Assertion]:
    """The assertions on the entities the mentions name, before the resolvers run."""
    resolver = DocumentResolver(doc, extractions)
    best: dict[tuple, Assertion] = {}
    for ex in extractions:
        subject, obj = resolver.argument(ex.subject), resolver.argument(ex.object)
        if subject.entity.id == obj.entity.id:
            continue
        qualifiers = ex.qualifiers
        if ex.attributed_to is not None:
            qualifiers = replace(qualifiers, attributed_to=resolver.entity(ex.attributed_to).id)
        assertion = Assertion(
            doc=doc.id,
            predicate=ex.predicate,
            subject=subject,
            object=obj,
            sentence=ex.sentence,
            rule=ex.rule,
            confidence=ex.confidence,
            qualifiers=qualifiers,
            title=doc.title,
            url=doc.url,
            published=doc.published,
        )
        key = (assertion.key(), ex.sentence.index)
        if key not in best or best[key].confidence < assertion.confidence:
            best[key] = assertion
    return sorted(best.values(), key=lambda a: (a.sentence.index, a.subject.mention.start, a.predicate))
