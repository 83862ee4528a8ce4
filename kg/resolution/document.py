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
from collections.abc import Iterable, Sequence
from dataclasses import replace

from kg.core import gazetteer
from kg.core.model import Argument, Assertion, Document, Entity, EntityMention, Extraction, Mention
from kg.core.ontology import load_ontology
from kg.resolution.batch import resolve_batch

_ONTOLOGY = load_ontology()
_LOCALITIES = _ONTOLOGY.localities  # a region or a town, not a whole country


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "unnamed"


# An article has a focus country when one country is named at least this often (by its name or
# a demonym, or by a town or region of it) and at least twice as often as any other: "the
# government" of an article about Somalia is Somalia's.
FOCUS_MENTIONS = 3
_DETERMINERS = frozenset("the a an its their his her our this these those that".split())


def focus_country(mentions: list[EntityMention]) -> str | None:
    """The country an article is about, if one clearly is (FOCUS_MENTIONS); else None."""
    counts: dict[str, int] = defaultdict(int)
    seen: set[int] = set()
    for m in mentions:
        if m.iso3 and m.type in {"Country", "City", "Region"} and m.start not in seen:
            seen.add(m.start)
            counts[m.iso3] += 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < FOCUS_MENTIONS or (len(ranked) > 1 and ranked[0] < 2 * ranked[1]):
        return None
    return max(counts, key=lambda iso3: counts[iso3])


def description(m: EntityMention) -> bool:
    """A person mention that names no one: a role without a name ("the country's leader", "a
    senior pilot", "Serbia's president"), whose last word has no capital letter (a name's
    has: "Lam", "al-Assad"). The NLP stage has already given a description the name of the
    holder of its title where the article names one (kg/loaders/titles.py); one left over is
    a person local to its article (`person:<description>@<article>`), never merged with
    another article's "the country's leader"."""
    words = m.key.split()
    return m.type == "Person" and bool(words) and words[-1] == words[-1].lower()


def organ_of_no_country(m: EntityMention) -> bool:
    """An organ of a state's government its name gives no country ("the Foreign Ministry"):
    local to its article, as one article's foreign ministry is not another's."""
    return m.type == "Organization" and m.sector == "government" and m.iso3 is None


def _local(m: EntityMention, resolver: DocumentResolver) -> bool:
    """Whether the entity of `m` is local to its article (a group of no country, a person
    described by role alone, a state organ of no country)."""
    if m.type == "Group":
        return resolver.group_country(m) is None
    return description(m) or organ_of_no_country(m)


def _bare(text: str) -> bool:
    """A group named by one word but determiners: "the government", "rebels", "its army"."""
    return len([w for w in text.lower().split() if w not in _DETERMINERS]) == 1


# The sectors whose unplaced groups a people or a movement names ("Kurdish fighters", "Tamil
# rebels"); a capitalised word before "government", "military" or "police" of no country is a
# fragment of another name ("Obama administration", "Sri Lankan troops").
QUALIFIED_SECTORS = frozenset({"rebels", "opposition", "protesters", "civilians", "unknown"})


def qualifier(text: str, sector: str | None) -> str | None:
    """The one capitalised word before a group's noun that says which group it is, when no
    country does ("Kurdish fighters", "Tamil rebels", "Serb gunmen"); None for "armed men",
    "Rebel fighters", "Al-Qaida-linked militants" or a possessive."""
    words = [w for w in text.split() if w.lower() not in _DETERMINERS]
    if sector not in QUALIFIED_SECTORS or len(words) < 2 or not all(w.islower() for w in words[:-2]):
        return None  # ("armed Quechan rebels": lower-case words before it say what kind)
    word = words[-2]
    if not (word[:1].isupper() and word.isalpha()) or word.lower().rstrip("s") in {
        sector,
        sector.rstrip("s"),
    }:
        return None
    return word if word.lower() not in {"rebel", "opposition", "protest", "civilian"} else None


def _clean_name(text: str) -> str:
    text = re.sub(r"[’']s$", "", text.strip())
    return re.sub(r"\s+", " ", text).strip(" \"“”‘’'.,;:()")


class DocumentResolver:
    """Maps the mentions of one document to entities; built from all of its extractions.

    An unnamed collective actor (a Group: "rebels", "the government", "civilians") is one
    actor per country, never one across conflicts: its country is the one its phrase names
    ("Syrian rebels", "Somalia's government", "the army of Chad"); else, for a bare mention
    ("the government", "rebels": one word but determiners), the one the article gave the same
    kind of group before or after ("the government" after "Somalia's government"), else the
    article's focus country (`focus_country`); else none: the group is then local to its
    article (its id carries the article, `group:rebels@<article>`, and it is never merged
    with another article's). A country found so is never given to a group that would then be
    the other party of its own assertion ("troops loyal to X attacked Peruvian soldiers")."""

    def __init__(
        self, doc: Document, extractions: list[Extraction], found: Sequence[EntityMention] = ()
    ) -> None:
        self.doc = doc
        mentions = [
            m for ex in extractions for m in (ex.subject, ex.object, ex.attributed_to) if m is not None
        ]
        mentions += found  # every mention the NLP stage found, in relations or not
        self.focus = focus_country(mentions)
        self._sector_countries: dict[str, set[str]] = defaultdict(set)
        self._kept_local: set[tuple[int, int]] = set()
        self._qualified: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.type == "Group" and m.iso3:
                self._sector_countries[m.sector or "unknown"].add(m.iso3)
            elif m.type == "Group" and (word := qualifier(_clean_name(m.text), m.sector)) is not None:
                if self._capitalised_mid_sentence(word):
                    self._qualified[m.sector or "unknown"].add(word)
        # names the article gives an organization ("Examplah Wal militants"): one that NER also
        # took for a person elsewhere (a headline's "Examplah Wal seizes ...") is that organization
        self._organizations = {
            _clean_name(m.key) for m in mentions if m.type == "Organization" and not m.sector and " " in m.key
        }
        self._persons = self._person_names(extractions, found)
        self._person_words = self._name_words(mentions)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._names: dict[str, str] = {}
        for ex in extractions:
            for named in (ex.subject, ex.object, ex.attributed_to):
                if named is not None:
                    entity_id, name = self._identify(self.person_named(named))
                    self._names.setdefault(entity_id, name)
                    self._aliases[entity_id].add(_clean_name(named.key))

    @staticmethod
    def _person_names(extractions: list[Extraction], found: Sequence[EntityMention] = ()) -> dict[str, str]:
        """Short name -> fullest name ending with it ('Ruiz' -> 'Ana Ruiz'); a short name
        that ends two different full names ('Castro': Fidel and Raul) stays itself, and so
        does one that ends two among every person the article names, in a relation or not
        ('Obama' after 'Barack Obama' arrived and 'Michelle Obama' came with him)."""

        def names(mentions: Iterable[EntityMention | None]) -> list[str]:
            cleaned = {
                _clean_name(m.key)
                for m in mentions
                if m is not None and m.type == "Person" and not description(m)
            }
            return sorted(cleaned, key=len, reverse=True)

        def heads(parts: list[str], pool: list[str]) -> list[str]:
            # the longest names ending with `parts` that do not end one another
            longer = [f for f in pool if len(f.split()) > len(parts) and f.split()[-len(parts) :] == parts]
            return [
                f
                for f in longer
                if not any(g != f and g.split()[-len(f.split()) :] == f.split() for g in longer)
            ]

        full = names(m for ex in extractions for m in (ex.subject, ex.object, ex.attributed_to))
        everyone = sorted(set(full) | set(names(found)), key=len, reverse=True)
        canonical: dict[str, str] = {}
        for name in full:
            parts = name.split()
            own = heads(parts, full)
            shared = len(heads(parts, everyone)) > 1
            canonical[name] = own[0] if len(own) == 1 and not shared else name
            if len(parts) == 1 and canonical[name] == name and not shared:
                # a family name written first ("Xi" of "Xi Jinping"): the one full name it opens
                opening = [f for f in full if len(f.split()) > 1 and f.split()[0] == name]
                if len(opening) == 1:
                    canonical[name] = opening[0]
        return canonical

    @staticmethod
    def _name_words(mentions: Sequence[EntityMention]) -> dict[str, set[str]]:
        """Every capitalised word of every person's name in the article -> those names ('Xi'
        and 'Jinping' -> {'Xi Jinping'}; 'Younis' -> {'Mohammad Younis al-Ahmed'}; a person
        named by one word, 'Biden' -> {'Biden'})."""
        words: dict[str, set[str]] = defaultdict(set)
        for m in mentions:
            if m.type != "Person" or description(m):
                continue
            name = _clean_name(m.key)
            for word in name.split():
                if len(word) >= 2 and word[:1].isupper():
                    words[word].add(name)
        return words

    def person_named(self, m: EntityMention) -> EntityMention:
        """A one-word mention typed a place or an organisation that is a word of the name of
        the one person the article names so ("China's Xi" after "Xi Jinping", "Gillard" after
        "Julia Gillard", a headline's "Biden" after "President Biden"): that person, whatever
        its tag said. A person mention with the name of an organization the article names is
        that organization."""
        if m.type == "Person" and not description(m) and _clean_name(m.key) in self._organizations:
            return replace(m, type="Organization")
        if m.type not in {"City", "Region", "Organization"} or (m.type == "Organization" and m.sector):
            return m
        name = _clean_name(m.key)
        full = self._person_words.get(name, set())
        if " " in name or len(full) != 1:
            return m
        if full == {name} and m.geonames is not None:
            return m  # a known town that NER also read as a one-word person ("Grozny, 24 Sept")
        self._persons[name] = next(iter(full))
        return replace(m, type="Person", iso3=None, geonames=None, sector=None)

    def _identify(self, m: EntityMention) -> tuple[str, str]:
        name = _clean_name(m.key)
        if m.type == "Country" and m.iso3:
            return f"country:{m.iso3}", name
        if m.type == "City":
            return (f"city:{m.geonames}" if m.geonames else f"city:{slug(name)}"), name
        if m.type == "Region":
            return (f"region:{m.geonames}" if m.geonames else f"region:{slug(name)}"), name
        if m.type == "Person":
            if description(m):
                return f"person:{slug(name)}@{self.doc.id}", name
            full = self._persons.get(name, name)
            return f"person:{slug(full)}", full
        if m.type == "Group":
            sector = m.sector or "unknown"
            iso3 = self.group_country(m)
            if iso3 is None:
                named = self.group_qualifier(m)
                if named is not None:  # "Kurdish fighters": that group, in this article
                    return f"group:{slug(named)}-{sector}@{self.doc.id}", f"{named} {sector}"
                return f"group:{sector}@{self.doc.id}", sector
            # one name per id whatever the first mention was: "Chilean military", "police"
            adjective = gazetteer.demonym(iso3)
            return f"group:{iso3}:{sector}", f"{adjective} {sector}" if adjective else sector
        if m.type == "Event":
            return f"event:{slug(self.doc.id)}:{slug(name)}", name
        if m.type == "Organization" and m.sector == "government":  # a state organ
            if m.iso3 is None:
                return f"organization:{slug(name)}@{self.doc.id}", name
            return f"organization:{m.iso3}:{slug(name)}", name
        return f"{m.type.lower()}:{slug(name)}", name

    def group_country(self, m: EntityMention) -> str | None:
        """The country a group belongs to (the class's docstring says how); None: local."""
        if m.iso3:
            return m.iso3
        if not _bare(m.text) or (m.start, m.end) in self._kept_local:
            return None
        given = self._sector_countries.get(m.sector or "unknown", set())
        if len(given) == 1:
            return next(iter(given))
        if len(self._qualified.get(m.sector or "unknown", set())) == 1:
            return None  # "the rebels" after "Quechan rebels": those, not the focus country's
        return self.focus

    def group_qualifier(self, m: EntityMention) -> str | None:
        """What names a group of no country: its own capitalised words ("Kurdish fighters"),
        else, for a bare mention ("the fighters"), the one such group of its kind the article
        names."""
        own = qualifier(_clean_name(m.text), m.sector)
        if own is not None and not self._capitalised_mid_sentence(own):
            return None  # "Armed men attacked": a sentence's first word, not a name
        if own is not None or not _bare(m.text):
            return own
        named = self._qualified.get(m.sector or "unknown", set())
        return next(iter(named)) if len(named) == 1 else None

    def _capitalised_mid_sentence(self, word: str) -> bool:
        """Whether the article writes `word` with its capital somewhere inside a sentence."""
        text = self.doc.text
        for found in re.finditer(rf"\b{re.escape(word)}\b", text):
            start = found.start()
            if "\n" in text[max(0, start - 1) : start]:
                continue  # a line's first word
            before = text[max(0, start - 8) : start].rstrip(" \t")
            if before and before[-1] not in ".!?\"“”'‘’—–-:\n":
                return True
        return False

    def keep_local(self, m: EntityMention) -> None:
        """Give the group mention `m` no country found elsewhere in the article (it would be
        the other party of its own assertion)."""
        self._kept_local.add((m.start, m.end))

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
            country=self.group_country(m) if m.type == "Group" else m.iso3 if m.type == "City" else None,
            sector=m.sector if m.type == "Group" else None,
            article=self.doc.id if _local(m, self) else None,
        )

    def argument(self, m: EntityMention) -> Argument:
        return Argument(self.entity(m), Mention(m.text, m.start, m.end))


def resolve(
    doc: Document, extractions: list[Extraction], mentions: Sequence[EntityMention] = ()
) -> list[Assertion]:
    """Extractions of one document -> assertions on resolved entities, one per distinct triple
    and sentence (the most confident wins). The mentions are first grouped by name (above),
    then the entities by the resolvers that also run across articles at write time
    (kg/resolution: the catalogue of organisations, acronyms and their expansions, spellings,
    surnames), over this document alone."""
    assertions = with_restated_dates(with_headline_dates(doc, mention_assertions(doc, extractions, mentions)))
    kept = without_unnamed_members(without_own_orders(without_self_support(assertions)))
    return resolve_batch([(doc, kept)]).articles[0][1]


# The stative relations that make a person or a group part of the country they name.
_BELONGING = frozenset({"LEADER_OF", "OFFICIAL_OF", "NATIONAL_OF", "MEMBER_OF"})


def without_self_support(assertions: list[Assertion]) -> list[Assertion]:
    """An actor that helps or protects its own country ("the president pledged to protect
    Examplestan", "the army will defend the country") supports no other actor: SUPPORTED from
    a person the article makes the country's leader, official or national, or from a group of
    that country, to that country, is dropped."""
    belongs = {(a.subject.entity.id, a.object.entity.id) for a in assertions if a.predicate in _BELONGING}

    def own(a: Assertion) -> bool:
        subject, obj = a.subject.entity, a.object.entity
        if obj.type != "Country":
            return False
        return (subject.id, obj.id) in belongs or (subject.type == "Group" and subject.country == obj.iso3)

    return [a for a in assertions if not (a.predicate == "SUPPORTED" and own(a))]


def without_unnamed_members(assertions: list[Assertion]) -> list[Assertion]:
    """A person the article names only by a role ("the North Korean ambassador", local to its
    article) is no one an analyst can look up: what office, nationality or home the role
    itself says (LEADER_OF, OFFICIAL_OF, NATIONAL_OF, MEMBER_OF, LIVES_IN) is dropped; the
    person's doings stay."""
    said_of_the_role = _BELONGING | {"LIVES_IN"}
    return [
        a
        for a in assertions
        if not (
            a.predicate in said_of_the_role
            and a.subject.entity.type == "Person"
            and a.subject.entity.article is not None
        )
    ]


def without_own_orders(assertions: list[Assertion]) -> list[Assertion]:
    """An order a person gives the body the article makes them lead, serve or belong to ("the
    Secretary-General ordered UN workers to leave"), or the forces of the country they lead or
    serve ("the president ordered the army to ..."), is a command inside one actor, not a
    demand of one actor on another: DEMANDED from such a person to it is dropped."""
    holds = {(a.subject.entity.id, a.object.entity.id) for a in assertions if a.predicate in _BELONGING}
    served: dict[str, set[str]] = {}
    for a in assertions:
        if a.predicate in {"LEADER_OF", "OFFICIAL_OF"} and a.object.entity.iso3:
            served.setdefault(a.subject.entity.id, set()).add(a.object.entity.iso3)

    def own(a: Assertion) -> bool:
        subject, obj = a.subject.entity, a.object.entity
        if subject.type != "Person":
            return False
        if (subject.id, obj.id) in holds:
            return True
        forces = obj.type == "Group" and obj.sector in {"military", "police"}
        return forces and obj.country is not None and obj.country in served.get(subject.id, set())

    return [a for a in assertions if not (a.predicate == "DEMANDED" and own(a))]


# How many sentences after the headline make up the lead, whose date a headline event takes.
LEAD_SENTENCES = 3


def with_headline_dates(doc: Document, assertions: list[Assertion]) -> list[Assertion]:
    """A headline states the news without a date; its events take the date the lead gives
    them (GUIDELINE.md, "Dates"): an undated event of the headline takes the date of the
    first dated event of the lead with the same relation, one sharing an entity with it
    first; an event stated as done that the lead words otherwise ("storms the embassy", then
    "broke into the embassy on Friday") takes the one date the first sentence of the lead that
    dates its events gives them, when it gives one."""
    if not doc.title:
        return assertions
    lead = [a for a in assertions if 0 < a.sentence.index <= LEAD_SENTENCES and a.qualifiers.date]
    if not lead:
        return assertions
    opening = min(a.sentence.index for a in lead)  # the lead's first sentence that dates an event
    first = {a.qualifiers.date for a in lead if a.sentence.index == opening}
    out = []
    for a in assertions:
        if a.sentence.index == 0 and a.qualifiers.date is None:
            same = [b for b in lead if b.predicate == a.predicate]
            shared = [
                b
                for b in same
                if {b.subject.entity.id, b.object.entity.id} & {a.subject.entity.id, a.object.entity.id}
            ]
            if shared or same:
                source = (shared or same)[0]
                a = replace(a, qualifiers=replace(a.qualifiers, date=source.qualifiers.date))
            elif (
                a.qualifiers.modality == "asserted"
                and _ONTOLOGY.relation(a.predicate).kind == "event"
                and len(first) == 1
                and not _compound(a)
            ):
                a = replace(a, qualifiers=replace(a.qualifiers, date=next(iter(first))))
        out.append(a)
    return out


def _compound(a: Assertion) -> bool:
    """A relation written inside one phrase ("a UN-backed mission"): a standing state, no
    dated act."""
    subject, obj = a.subject.mention, a.object.mention
    return obj.start <= subject.start and subject.end <= obj.end


def with_restated_dates(assertions: list[Assertion]) -> list[Assertion]:
    """An event stated again without a date takes the date the article gives it elsewhere
    (GUIDELINE.md, "Dates": the first dated statement of that event): an undated event with
    the same relation, subject and object as dated ones takes their date when they all give
    the same one (two different dates are two events, and the undated one stays undated).
    Only events stated as done or reported are restatements; a plan is another event."""
    stated = {"asserted", "reported"}
    found: dict[tuple[str, str, str], set[str]] = {}
    for a in assertions:
        if a.qualifiers.date and a.qualifiers.modality in stated:
            key = (a.predicate, a.subject.entity.id, a.object.entity.id)
            found.setdefault(key, set()).add(a.qualifiers.date)
    out = []
    for a in assertions:
        dated = found.get((a.predicate, a.subject.entity.id, a.object.entity.id), set())
        if a.qualifiers.date is None and a.qualifiers.modality in stated and len(dated) == 1:
            a = replace(a, qualifiers=replace(a.qualifiers, date=next(iter(dated))))
        out.append(a)
    return out


def mention_assertions(
    doc: Document, extractions: list[Extraction], mentions: Sequence[EntityMention] = ()
) -> list[Assertion]:
    """The assertions on the entities the mentions name, before the resolvers run."""
    resolver = DocumentResolver(doc, extractions, mentions)
    best: dict[tuple, Assertion] = {}
    for ex in extractions:
        named = resolver.person_named(ex.subject), resolver.person_named(ex.object)
        if named != (ex.subject, ex.object):
            relation = _ONTOLOGY.relation(ex.predicate)
            if named[0].type not in relation.domain or named[1].type not in relation.range:
                continue  # stated of the place or organisation the tagger took a person for
            ex = replace(ex, subject=named[0], object=named[1])
        subject, obj = resolver.argument(ex.subject), resolver.argument(ex.object)
        if subject.entity.id == obj.entity.id:  # a group given the country of the other party
            for m in (ex.subject, ex.object):
                if m.type == "Group" and not m.iso3:
                    resolver.keep_local(m)
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
