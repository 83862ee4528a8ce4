"""Entity mentions of a parsed text: named entities, titled persons, collective groups, seats of
power, unnamed organizations ("an Andean coalition"), definite descriptions ("the council" after
"the Security Council"), acronyms in brackets, and the names inside hyphen compounds
("NATO-backed", "Lima-based")."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from kg.core import gazetteer
from kg.core.model import EntityMention
from kg.loaders import lexicon
from kg.loaders.lexicon import Actors, Places

_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_LETTERS_DIGITS = re.compile(r"[A-Z]{1,3}[0-9]{1,3}")  # "M23", "G5": names of groups and blocs
_ARTICLES = {"the", "a", "an"}


@dataclass
class MentionIndex:
    """Token index -> the mention that covers it, for one document (or part)."""

    by_token: dict[int, EntityMention] = field(default_factory=dict)
    # token index of a hyphen compound ("NATO-backed") -> the mention of its left part
    hyphen_left: dict[int, EntityMention] = field(default_factory=dict)
    # tokens of datelines ("TARSK, May 2 (Agency) -"): places and agencies, never arguments
    dateline: set[int] = field(default_factory=set)
    # head token of a group with coordinated demonyms ("Chadian and Malian troops") -> the
    # groups of the conjuncts before the one its own mention names ("Chadian troops")
    coordinated: dict[int, list[EntityMention]] = field(default_factory=dict)

    def add(self, span: Span | None, mention: EntityMention, override: bool = False) -> None:
        """Index `mention` on the tokens of `span` (a char_span that fell between tokens: none)."""
        if span is None:
            return
        for i in range(span.start, span.end):
            if override or i not in self.by_token:
                self.by_token[i] = mention

    def at(self, token: Token) -> EntityMention | None:
        return self.by_token.get(token.i)

    def unique(self) -> list[EntityMention]:
        """Each mention once, in text order."""
        return sorted(set(self.by_token.values()), key=lambda m: (m.start, m.end))

    def persons(self) -> list[EntityMention]:
        return [m for m in self.unique() if m.type == "Person"]


def trim(span: Span) -> Span:
    """Drop a leading determiner and trailing possessive or punctuation: "the Kremlin's" -> Kremlin."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (
        doc[end - 1].tag_ == "POS"
        or doc[end - 1].is_punct
        or doc[end - 1].is_space
        or doc[end - 1].lower_ in {"'s", "’s"}
    ):
        end -= 1
    return doc[start:end]


def mention(span: Span, type_: str, key: str | None = None, **extra) -> EntityMention:
    return EntityMention(
        text=span.text, start=span.start_char, end=span.end_char, type=type_, key=key or span.text, **extra
    )


def place_mention(span: Span, places: Places, label: str = "GPE") -> EntityMention | None:
    """Country, City or Region for a place name, from the gazetteers."""
    text = span.text
    found = gazetteer.country(text) if _country_like(span) else None
    if found:
        return mention(span, "Country", found.name, iso3=found.iso3)
    city = gazetteer.city(text)
    region = gazetteer.region(text)
    if not (city or region) and (part := _compass_part(span, places)) is not None:
        return part
    if region and (not city or text.endswith(".") or city.population < 100_000):
        return mention(span, "Region", region[0], geonames=region[1])
    if city and set(appositive_kinds(span)) & places.city_words:  # "Tarsk, the Examplish capital": the city
        return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    if label == "LOC" or span[-1].lower_ in places.region_words:
        return mention(span, "Region")
    if city:
        return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    return mention(span, "City" if label == "GPE" else "Region")


def _compass_part(span: Span, places: Places) -> EntityMention | None:
    """'Southern Examplestan': a part of a country named by a compass word, which stands for
    the country (the graph has no node for a country's parts); not a polity of its own
    ('Northern Ireland')."""
    if len(span) < 2 or span[0].lower_ not in places.compass_part_words:
        return None
    if span.text.lower() in places.compass_polities:
        return None
    rest = span[1:]
    found = gazetteer.country(rest.text) if gazetteer.is_country_name(rest.text) else None
    return mention(rest, "Country", found.name, iso3=found.iso3) if found else None


def _country_like(span: Span) -> bool:
    # country_converter's regexes also hit inside longer names ("Kazakhstan John Doe"),
    # so a multi-word span must be a name as a whole, which gazetteer.country checks.
    return len(span) <= 4


def _of_a_people(token_or_span: Token | Span) -> bool:
    """'ethnic Albanians', 'indigenous Indian leaders': a people, not a state; so are persons
    counted by a demonym ('thousands of Iranians marched', '39 Palestinians were killed')."""
    start = token_or_span.i if isinstance(token_or_span, Token) else token_or_span.start
    doc = token_or_span.doc
    if start > 0 and gazetteer.people_word(doc[start - 1].text):
        return True
    head = token_or_span if isinstance(token_or_span, Token) else token_or_span.root
    first = head.head.left_edge.i if head.dep_ == "conj" and head.head.i < head.i else 0
    if first > 0 and gazetteer.people_word(doc[first - 1].text):
        return True  # "ethnic Examplish and Tarskans": the people word covers the conjuncts
    last = doc[start] if isinstance(token_or_span, Token) else token_or_span[-1]
    named = gazetteer.country(last.text) if last.text.endswith("s") else None
    if named is None or named.name.lower() == last.lower_:  # a plural demonym, not "the Philippines"
        return False
    return _counted(token_or_span)


def _demonym_text(text: str) -> bool:
    """A demonym, singular or plural, that is no country's name ("Chileans", "Peruvian")."""
    return (
        not text.isupper()
        and gazetteer.country(text) is not None
        and not gazetteer.is_country_name(text)
        and not gazetteer.city(text)
    )


def _counted(token_or_span: Token | Span) -> bool:
    """Preceded by a number or a count ('39 X', 'thousands of X', 'all X')."""
    start = token_or_span.i if isinstance(token_or_span, Token) else token_or_span.start
    doc = token_or_span.doc
    before = doc[start - 1] if start > 0 else None
    if before is not None and before.lower_ == "of" and start > 1:
        before = doc[start - 2]
    return before is not None and (before.like_num or gazetteer.people_count(before.text))


def country_of(token_or_span) -> gazetteer.Country | None:
    """The country a demonym, country name or GPE token denotes: Kazakh -> KAZ."""
    text = token_or_span.text
    if not text[:1].isupper() or _of_a_people(token_or_span) or gazetteer.stance(text):
        return None
    if isinstance(token_or_span, Token) and token_or_span.i > 1:
        doc, i = token_or_span.doc, token_or_span.i
        if doc[i - 1].text == "-" and gazetteer.stance(doc[i - 2].text + "-"):
            return None  # "pro-Chilean" written as three words
    if isinstance(token_or_span, Token) and token_or_span.dep_ in {"amod", "compound", "nmod"}:
        return gazetteer.country_modifier(text.rstrip("-"))  # "Omani territory"
    return gazetteer.country(text.rstrip("-"))


def _settlement_before(span: Span, places: Places) -> str | None:
    """'town' for "the town of Tarata"; None without such a noun."""
    doc = span.doc
    i = span.start - 1
    if i >= 1 and doc[i].lower_ == "of" and doc[i - 1].lower_ in places.settlements:
        return doc[i - 1].lower_
    return None


def _in_place_context(span: Span, places: Places) -> bool:
    """'in Gao', 'the town of Gao', "Nigeria's capital Abuja", 'Gao, Mali': NER often calls such
    unfamiliar place names persons."""
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 2) : span.start] if not t.is_punct]
    cues = places.place_cues
    if before and (
        before[-1].lower_ in cues
        or (before[-1].lower_ == "of" and len(before) > 1 and before[-2].lower_ in cues)
    ):
        return True
    after = doc[span.end : span.end + 2]
    return len(after) == 2 and after[0].text == "," and gazetteer.country(after[1].text) is not None


def _whole_person(ent: Span) -> Span:
    """A person's name NER began a word late ("Presidents Juan Manuel Santos" tagged "Manuel
    Santos"): the capitalised, untagged proper nouns before it that belong to the same name,
    up to a title or a sentence's start; without a plural title it took in."""
    if ent.label_ != "PERSON":
        return ent
    doc, start = ent.doc, ent.start
    roles = lexicon.roles()
    titles = roles.words
    while start > 0:
        before = doc[start - 1]
        if (
            before.pos_ != "PROPN"
            or not before.is_title
            or before.ent_type_
            or before.dep_ != "compound"
            or not ent.start <= before.head.i < ent.end
            or before.lower_ in titles
            or before.lower_.rstrip("s") in titles
            or before.text in roles.honorifics
        ):
            break
        start -= 1
    # "Presidents Juan Varga": a plural title NER took into the name (the singular is the
    # title finder's)
    while start < ent.end - 1 and doc[start].lower_.endswith("s") and doc[start].lower_[:-1] in titles:
        start += 1
    return ent if start == ent.start else Span(doc, start, ent.end, label="PERSON")


def _name_after_demonym(ent: Span) -> Span:
    """'Islamic State', NER's NORP 'Islamic' before a capitalised word it left untagged that
    the demonym modifies, mid-sentence: one organisation's name, not a demonym and a state."""
    doc = ent.doc
    if ent.label_ != "NORP" or ent.end >= len(doc):
        return ent
    after = doc[ent.end]
    if (
        after.pos_ == "PROPN"
        and not after.ent_type_
        and after.is_title
        and not after.is_sent_start
        and ent.root.head.i == after.i
        and ent.root.dep_ in {"compound", "amod"}
    ):
        return Span(doc, ent.start, ent.end + 1, label="ORG")
    return ent


def entity_parts(ent: Span, actors: Actors) -> list[Span]:
    """An entity NER ran across a line break (a headline and the first line) or across a
    possessive ("Jo Li's Tarsk") as its names."""
    breaks = [t.i for t in ent if t.is_space and "\n" in t.text]
    if breaks:
        bounds = [ent.start, *breaks, ent.end]
        pieces = [ent.doc[a + (a != ent.start) : b] for a, b in zip(bounds, bounds[1:])]
        return [
            part
            for piece in pieces
            if len(piece)
            for part in entity_parts(Span(ent.doc, piece.start, piece.end, label=ent.label_), actors)
        ]
    ent = _whole_person(_name_after_demonym(ent))
    cuts = [t.i for t in ent[1:-1] if t.tag_ == "POS" or t.lower_ in {"'s", "’s"}]
    if (
        not cuts
        or ent.label_ not in {"PERSON", "GPE", "LOC", "NORP"}
        or ent[-1].lower_ in actors.organization_heads
    ):
        return [ent]  # "People's Liberation Front" is one name
    parts, start = [], ent.start
    for cut in cuts:
        parts.append(Span(ent.doc, start, cut, label=ent.label_))
        start = cut + 1
    parts.append(Span(ent.doc, start, ent.end, label=ent.label_))
    return [p for p in parts if len(p)]


def relabel_country_names(doc: Doc) -> None:
    """A country's name NER labelled a date or time ("troops to Niger" -> DATE, which a short
    headline's last word gets at times) is labelled a place again, before mentions and dates
    are read from the labels."""
    ents = list(doc.ents)
    changed = False
    for i, ent in enumerate(ents):
        if ent.label_ in {"DATE", "TIME"} and gazetteer.is_country_name(ent.text):
            ents[i] = Span(doc, ent.start, ent.end, label="GPE")
            changed = True
    if changed:
        doc.ents = ents


def _names_an_organization_after(span: Span, actors: Actors) -> bool:
    """A name no gazetteer knows written before an organization's noun it modifies ("the Tarsa
    news agency", "the Vell network"): a word of the organization's name, not a place or person."""
    root = span.root
    head = root.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head  # "Tarsa news agency": news -> agency
    return (
        root.dep_ == "compound"
        and head.i > span.end - 1
        and head.pos_ == "NOUN"
        and head.lemma_.lower() in actors.organization_nouns
        and gazetteer.country(span.text) is None
        and gazetteer.city(span.text) is None
        and gazetteer.region(span.text) is None
    )


def typed_entity(span: Span, places: Places, actors: Actors) -> EntityMention | None:  # noqa: C901  (a decision list over the parse, in rule order)
    """Map a spaCy entity to an ontology class; None for labels kg does not model."""
    label = span.label_
    span = trim(span)
    if not len(span):
        return None
    if label == "ORG" and span.text.rstrip(".") in actors.not_acronyms:
        return None  # "LIMA, OCT. 3": a dateline's month, no organization
    if label == "ORG":
        if len(span) > 2 and span[1].text in {"'s", "’s"} and span[0].pos_ == "PROPN":
            span = span[2:]  # "the North's Committee for ...": its owner is no word of its name
        span = _whole_name(span, actors)
    before = span.doc[span.start - 1] if span.start > 0 else None
    if label == "ORG" and before is not None and before.ent_type_ == "ORDINAL" and before.text[:1].isdigit():
        # "the 10th Mountain Division" (a written-out "first Arab League summit" stays out)
        span = span.doc[before.i : span.end]
    if label in {"ORG", "PERSON"} and any(t.tag_ in {"VBZ", "VBG", "VBD"} for t in span):
        return None  # a title-case headline read as a name ("Chile Sending Fresh Troops")
    if (
        label in {"ORG", "PERSON"}
        and all(t.is_lower for t in span if t.is_alpha)
        and any(t.is_alpha for t in span)
    ):
        return None  # "supreme" in "the supreme leader": no name is written in lower case
    if label in {"GPE", "LOC", "NORP", "PERSON"} and _names_an_organization_after(span, actors):
        return None  # "Examplestan's Tarsa news agency": the agency's name, which organization_mention reads
    seat = actors.seats.get(span.text.lower())
    if seat is not None:
        return mention(span, "Group", span.text, iso3=seat[0], sector=seat[1])
    if label in {"ORG", "GPE", "NORP", "FAC", "PRODUCT", "WORK_OF_ART"} and _with_age(span):
        return mention(span, "Person")  # "Jo Lano, 50, of Tarsk" read as an organisation
    if label == "PERSON":
        retyped = _person_that_is_not(span, actors)
        if retyped is not None:
            return retyped or None
    if (
        len(span) == 1
        and _LETTERS_DIGITS.fullmatch(span.text)
        and _settlement_before(span, places) is None
        and label in {"GPE", "LOC", "PERSON", "NORP", "FAC", "WORK_OF_ART"}
    ):
        return mention(span, "Organization")  # "the M23", "the G5": no place or person
    written_as_demonym = label == "NORP" or label in {"GPE", "ORG", "PERSON"} and _demonym_text(span.text)
    if written_as_demonym and _of_a_people(span):
        people = gazetteer.country(span[-1].text) if _counted(span) else None
        if people is not None:  # "thousands of Iranians marched": persons of that country
            return mention(span, "Group", span.text, iso3=people.iso3, sector="civilians")
        return None
    if (
        label in {"PERSON", "ORG", "NORP", "GPE", "LOC", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"}
        and len(span) <= 4
    ):
        found = gazetteer.country(span.text)
        # NER tags lone demonyms as PERSON at times ("Chilean officials"); a country's own name
        # is the country whatever the label ("aid to Niger" read as a work of art)
        if found and (
            label not in {"PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "FAC"}
            or len(span) == 1
            or found.name.lower() == span.text.lower()
            or gazetteer.is_country_name(span.text)  # "IVORY COAST" in a dateline read as a name
        ):
            return mention(span, "Country", found.name, iso3=found.iso3)
    kinds = appositive_kinds(span)
    if (
        label in {"ORG", "PERSON", "NORP", "FAC"}
        and any(k in places.settlements for k in kinds)
        and not gazetteer.country(span.text)
    ):  # "Tarsk, a province in X"
        return place_mention(span, places, "GPE" if any(k in places.city_words for k in kinds) else "LOC")
    settlement = _settlement_before(span, places)
    if settlement is not None and label in {"ORG", "PERSON", "NORP", "FAC", "GPE", "LOC"}:
        # "the town of Tarata", "the province of Tarata": a place whatever NER said
        if gazetteer.country(span.text) is None:
            return place_mention(span, places, "GPE" if settlement in places.city_words else "LOC")
    if label in {"PERSON", "ORG", "LANGUAGE", "NORP"} and len(span) <= 3:
        city = gazetteer.city(span.text, spellings=False)
        # a large city mislabelled as a language or organisation ("Aleppo"); persons need context
        # because many surnames are also towns; a city's other spelling never outweighs the
        # label (an organisation's name one letter from a town's)
        if city is not None and (
            _in_place_context(span, places) or (label != "PERSON" and city.population >= 200_000)
        ):
            return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    if label == "FAC" and len(span) > 1 and span[-1].lower_ in places.region_words:
        return mention(span, "Region")  # "Sheremetyevo airport", "Second Thomas Shoal": a place
    if label in _PLACE_LABELS:
        return place_mention(span, places, label) if label != "FAC" else None
    if label == "ORG":
        if len(span) == 1 and span[0].lower_ in actors.sector_of and not span[0].is_upper:
            return None  # "Police" at a sentence start: a group, not an organisation
        if len(span) > 1 and lexicon.roles().relation_kind(span.text.lower()) is not None:
            return None  # a title read as a name ("Supreme Leader"): its holder is the entity
        if any(t.lower_ in actors.state_organs for t in span):
            # "the Armenian Ministry of Defence": an organ of a state's government (sector
            # government), of the country its name says; without one, resolution keeps it to
            # its article ("the Foreign Ministry" of one article is not another's)
            owner = span.doc[span.start - 2 : span.start] if span.start >= 2 else span[:0]
            words = [*span, *(owner[:1] if owner[-1:].text in {"'s", "’s"} else [])]  # "Taiwan's"
            country = next((c for t in words if (c := gazetteer.country(t.text)) is not None), None)
            iso3 = country.iso3 if country else None
            if len(words) > len(span) and country is not None:  # "Bahrain's Foreign Ministry" as written
                return mention(
                    span.doc[span.start - 2 : span.end],
                    "Organization",
                    span.text,
                    iso3=iso3,
                    sector="government",
                )
            return mention(span, "Organization", iso3=iso3, sector="government")
        if _after_a_persons_role(span, actors):
            return mention(span, "Person")  # "U.S.-based cleric Jo Marek" read as an organization
        return mention(span, "Organization")
    if label == "PERSON":
        if any(t.pos_ not in {"PROPN", "PUNCT"} and not t.is_title for t in span):
            return None
        if len(span) > 1 and span[-1].lower_ in places.street_words:
            return None  # "Lano Square" tagged PERSON: a square, which no class holds
        after_word = span.doc[span.end] if span.end < len(span.doc) else None
        if (
            len(span) == 1
            and span.start == span.sent.start
            and after_word is not None
            and span[0].head.i == after_word.i
            and after_word.tag_ == "NNS"
            and after_word.lemma_.lower() in actors.sector_of
        ):
            return None  # "Renegade soldiers stormed ...": a capitalised first word, no name
        if len(span) > 1 and all(t.lower_ in lexicon.roles().words for t in span):
            return None  # a title read as a name ("Prime Minister", "Attorney General")
        after = span.doc[span.end : span.end + 2]
        if len(after) == 2 and after[0].text == "-" and after[1].lower_ in {"based", "born"}:
            return place_mention(span, places, "GPE")  # "Tarsk-based": a place whatever NER said
        kinds = appositive_kinds(span)
        if any(k in places.settlements for k in kinds):  # "Tarsk, a province in X"
            return place_mention(span, places, "GPE" if any(k in places.city_words for k in kinds) else "LOC")
        if any(k in places.site_nouns for k in kinds):
            return None  # "Tarsk Gate, a mall popular with ...": a building, which no class holds
        place_head = span.doc[span.end] if span.end < len(span.doc) else span[-1]
        if (
            place_head.i == span.end
            and place_head.is_lower
            and place_head.lower_ in places.settlements | places.region_words
        ):
            # "Cerro Moreno airfield", "Tarsk province": a place named with its kind
            whole = span.doc[span.start : place_head.i + 1]
            return mention(whole, "Region" if place_head.lower_ in places.region_words else "City")
        if span[-1].lower_ in actors.organization_heads:  # "Unity Council" tagged PERSON
            return mention(span, "Organization")
        if len(span) > 1 and span[-1].lower_ in places.region_words:  # "Tarsk Corridor" tagged PERSON
            return mention(span, "Region")
        if _in_place_context(span, places) and not any(t.lower_ in {"mr", "mrs", "ms"} for t in span):
            before = span.doc[span.start - 1] if span.start else None
            if (
                before is not None
                and before.lower_ in {"in", "near", "of"}
                and before.head.lower_ in places.settlements | {"in", "near"}
            ):
                return place_mention(span, places, "GPE")
        return mention(span, "Person")
    return None


def _after_a_persons_role(span: Span, actors: Actors) -> bool:
    """Two to four capitalised words, no organisation's head word, right after a lower-case
    word for a person's role that modifies them ("the cleric Jo Marek", "businessman Jo
    Marek"): a person's name."""
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    return (
        before is not None
        and before.is_lower
        and before.lower_ in lexicon.roles().national
        and before.dep_ == "compound"
        and span.start <= before.head.i < span.end
        and 2 <= len(span) <= 4
        and all(t.pos_ == "PROPN" and t.is_title for t in span)
        and not any(t.lower_ in actors.organization_heads | actors.state_organs for t in span)
    )


def appositive_kinds(span: Span) -> list[str]:
    """The common nouns set beside a name to say what it is ("Tarsk, a province in X", "Tarsk,
    the Examplish capital" -> province, capital)."""
    return [c.lemma_.lower() for c in span.root.children if c.dep_ == "appos" and c.pos_ == "NOUN"]


def _with_age(span: Span) -> bool:
    """A name followed by an age set off by commas ("Jo Lano, 50, of Tarsk"): a person's, as
    news writes them, whatever NER called it."""
    doc = span.doc
    if span.end + 2 >= len(doc) or not all(t.is_title for t in span):
        return False
    comma, age, after = doc[span.end], doc[span.end + 1], doc[span.end + 2]
    return (
        comma.text == ","
        and after.text == ","
        and age.text.isdigit()
        and 1 <= int(age.text) <= 110
        and age.head.i in range(span.start, span.end)
        and age.dep_ == "appos"
    )


def _after_hyphen(doc: Doc, i: int) -> bool:
    """Token `i` is the second part of a hyphen compound written as one word ("28-member"),
    not a word after a dash ("(Agency) - Chilean troops")."""
    return i > 1 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_


def group_mention(token: Token, actors: Actors) -> EntityMention | None:  # noqa: C901  (a decision list over the parse, in rule order)
    """A collective actor headed by `token`: "Chilean paratroopers" -> Group(CHL, military)."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
        return None
    modifiers = [
        t
        for t in token.lefts
        if t.dep_ in {"amod", "compound", "nmod", "nummod", "npadvmod"}
        and t.i >= token.i - 5
        and not any(x.text in _SEPARATORS for x in token.doc[t.i + 1 : token.i])  # "X, Y – Rebels"
    ]
    own = actors.sector(token.lemma_) or actors.sector(token.text.lower())
    lemma = token.lemma_.lower()
    if (
        token.tag_ == "NNS"
        and lemma in actors.state_collectives
        and any(t.lower_ in actors.remainder_words for t in modifiers)
    ):
        return None  # "X and other Gulf states": the rest of a set, no actor of its own
    # "rebel alliance", "rebel targets", "militant positions": the modifier names the actor
    borrows = (
        lemma in actors.organization_nouns
        or lemma in actors.facility_nouns
        or token.lower_ in actors.facility_nouns
    )  # ("bases": the lemmatiser says "basis")
    sector = None
    for mod in modifiers:
        if mod.dep_ in {"compound", "amod", "nmod"} and mod.pos_ in {"NOUN", "ADJ", "PROPN"}:
            # "police officer" -> police; "ministry spokesman" is no group ("spokesman" is none)
            sector = (
                actors.sector(f"{mod.lemma_} {token.lemma_}")
                or (
                    actors.sector(mod.lemma_)
                    if (own or borrows)
                    and mod.dep_ == "compound"
                    or borrows
                    and actors.sector(mod.lemma_) in {"rebels", "opposition", "protesters"}
                    else None
                )
                or sector
            )
    if own == "unknown" and sector in {"government", "military", "police"}:
        return None  # "government supporters", "army loyalists": whose side, not who they are
    sector = sector or own
    world = [m for m in modifiers if m.lower_ in actors.global_modifiers and m.i < token.i]
    if sector == "civilians" and world:
        # "the international community": the world's states acting together, one collective
        # actor of its own name, never a country's civilians
        span = token.doc[world[0].i : token.i + 1]
        return mention(span, "Organization", span.text.lower())
    if sector in {"rebels", "military"}:
        named = _armed_movement(token, modifiers, actors)
        if (
            named is not None
            and sector == "military"
            and (len(named) == 1 or any(actors.sector(t.lemma_) for t in named))
        ):
            named = None  # "U.N. helicopters", "Army officers": a body's forces, no movement
        if named is not None:  # "Examplah militants", "Tarsk Front rebels": the movement they belong to
            return mention(named, "Organization", named.text)
    if (
        sector is None
        and token.tag_ == "NNS"
        and lemma in actors.state_collectives
        and any(
            t.pos_ in {"ADJ", "PROPN", "NOUN", "VERB"}
            and t.dep_ in {"amod", "compound"}
            and t.lower_ not in actors.not_actor_modifiers
            for t in modifiers
        )
    ):
        # "Western nations", "Gulf states", "world powers"; "opposition leaders" are the opposition's
        sector = next((actors.sector(t.lemma_) for t in modifiers if actors.sector(t.lemma_)), "government")
    if sector is None or _of_several_states(token, actors):
        return None
    named_by = [c for c in token.children if c.dep_ == "poss" and c.pos_ != "PRON"]
    if lemma in actors.relational_nouns and named_by:
        # "Examplestan's largest ally": the possessor is whose ally, not the ally's country
        return None
    iso3 = None
    for mod in modifiers + [t for t in token.children if t.dep_ == "poss"]:
        if mod.text.endswith("-") or hyphen_parts(mod, actors.hyphen_participles) is not None:
            continue  # "Iranian-backed forces" are not Iran's
        if _demonym_chain(mod):
            # "Chadian and Malian troops": this mention is the last conjunct's group
            found = country_of(mod.conjuncts[-1])
            iso3 = found.iso3 if found else None
            continue
        found = _possessor_country(mod) if mod.dep_ == "poss" else _modifier_country(mod, modifiers)
        if found:
            iso3 = found.iso3
    for prep in (t for t in token.rights if t.dep_ == "prep" and t.lower_ in {"of", "from", "in"}):
        for pobj in (t for t in prep.children if t.dep_ == "pobj"):
            found = country_of(pobj)
            # "US forces in Iraq" are the US's: where a group is never outweighs whose it is
            # (nor is an unnamed "group in X" X's: "the group" names no one)
            if found and not (
                prep.lower_ == "in" and (sector in {"civilians", "unknown"} or iso3 is not None)
            ):
                iso3 = found.iso3
    shared = (
        token.head if token.dep_ == "conj" and token.head.tag_ == "NN" else token
    )  # "arrest and prosecution of"
    if iso3 is None and token.tag_ == "NN" and _of_an_organization(shared, token.i + 1, actors):
        # "a senior officer of the spy agency", "the prosecution of those responsible": one of
        # that body's people, or an act done to someone, not a collective of its own
        return None
    participles = actors.hyphen_participles
    hyphened = any(
        t.text.endswith(tuple(f"-{p}" for p in participles))
        or (t.lower_ in participles and t.i > 0 and t.nbor(-1).text == "-")
        for t in modifiers
    )
    if (sector in actors.needs_modifier or _hardware(token, actors)) and iso3 is None and not hyphened:
        return None
    words = [
        t for t in token.lefts if t.dep_ in {"amod", "compound", "nmod", "npadvmod"} and t.i >= token.i - 5
    ]
    # a hyphen compound reaches back to its name ("Chilean-backed"); other modifiers are one word
    # and a multiword name takes its first word ("the United States embassy")
    start = min(
        [
            (
                t.left_edge.i
                if hyphen_parts(t, participles) or t.dep_ == "compound" and t.pos_ == "PROPN"
                else t.i
            )
            for t in words
        ]
        + [token.i]
    )
    for i in range(start, token.i):  # "X and Y-backed allies" misparsed: keep the last conjunct
        if token.doc[i].dep_ == "cc" and not token.doc[i - 1].text.endswith("-"):
            start = i + 1
    while start < token.i and (
        token.doc[start].is_punct
        or token.doc[start].lower_ in actors.not_actor_modifiers
        or token.doc[start].tag_ in {"DT", "PRP$", "CD"}
        or _after_hyphen(token.doc, start)  # "a 28-member hit squad": its size is no name
    ):
        start += 1
    poss = [t for t in token.children if t.dep_ == "poss" and (t.ent_type_ == "PERSON" or country_of(t))]
    if poss and poss[0].i < start:  # "Jo Li's forces", "Mexico's government"
        start = poss[0].left_edge.i
    end = token.i + 1
    for prep in (t for t in token.rights if t.dep_ == "prep" and t.lower_ == "of" and t.i == token.i + 1):
        for pobj in (t for t in prep.children if t.dep_ == "pobj"):
            if actors.sector(pobj.lemma_) or country_of(pobj) or pobj.ent_type_ in {"ORG", "GPE", "NORP"}:
                # "forces of the Examplish government": the group is named with its owner
                end = max(t.i for t in pobj.subtree if not t.is_punct) + 1
    for adj in (t for t in token.rights if t.dep_ == "amod" and t.lower_ in actors.allegiance_words):
        # "troops loyal to General Vell": the group is named with the one it answers to
        for prep in (t for t in adj.children if t.dep_ == "prep" and t.lower_ == "to"):
            for pobj in (t for t in prep.children if t.dep_ == "pobj" and t.pos_ == "PROPN"):
                end = max(t.i for t in pobj.subtree if not t.is_punct) + 1
    span = token.doc[start:end]
    if sector == "government" and lemma in actors.organ_nouns:
        if lemma in actors.gathering_organs and any(
            c.dep_ == "det" and c.lower_ in {"a", "an"} for c in token.children
        ):
            return None  # "a crucial leadership congress": a meeting, not the standing organ
        return mention(span, "Organization", span.text, iso3=iso3, sector="government")
    return mention(span, "Group", span.text, iso3=iso3, sector=sector)


_NAME_JOINERS = frozenset({"for", "of", "on", "and"})


def _of_an_organization(token: Token, at: int, actors: Actors) -> bool:
    """`token` has an of-phrase, written at `at`, that names an organization or no one ("of
    the agency", "of ISI", "of those responsible")."""
    return any(
        pobj.ent_type_ == "ORG" or pobj.lemma_.lower() in actors.organization_nouns or pobj.pos_ == "PRON"
        for prep in token.rights
        if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == at
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


def _whole_name(span: Span, actors: Actors) -> Span:
    """An organisation's name the tagger cut after its head word, carried on through the
    phrases that complete it: "Committee" + "for the Peaceful Reunification of the Fatherland",
    "Center" + "for Strategic Studies" (a joiner, an optional "the", then capitalised words,
    again while a joiner and capitalised words follow)."""
    doc = span.doc
    if span[-1].lower_ not in actors.organization_heads:
        return span
    end, j = span.end, span.end
    while j < len(doc) and doc[j].lower_ in _NAME_JOINERS and (doc[j].lower_ != "and" or end > span.end):
        k = j + 1 + (j + 1 < len(doc) and doc[j + 1].lower_ == "the")
        run = k
        while (
            run < len(doc)
            and doc[run].is_title
            and doc[run].pos_ in {"PROPN", "NOUN", "ADJ"}
            and doc[run].ent_type_ not in {"PERSON", "GPE", "LOC", "NORP", "DATE"}  # "Co. of New York"
        ):
            run += 1
        if run == k or (run < len(doc) and doc[run].ent_type_ in {"PERSON", "GPE", "LOC"}):
            break
        end = j = run
    return doc[span.start : end]


_IZAFA = re.compile(r"[A-Za-z]-[ei]-[A-Z]")  # "Lashkar-e-Taiba", "Hizb-i-Islami"


def body_title(words: list[str], titles: AbstractSet[str], body_words: AbstractSet[str]) -> bool:
    """Words that are a title of a body and name no one: a one-word title last, a word that ends
    an organisation's name before it ("Supreme Court President", "Party Chairman")."""
    return len(words) > 1 and words[-1].lower() in titles and any(w.lower() in body_words for w in words[:-1])


def _person_that_is_not(span: Span, actors: Actors) -> EntityMention | Literal[False] | None:
    """What a span NER tagged as a person is when its shape says it is none: a capital city
    ("KHARTOUM:", "visiting Banjul"; a country's capital is no one's name in the news), a name
    joined by a Persian or Urdu izafa ("Lashkar-e-Taiba": a movement), a plural after "the"
    ("the Houthis": a group), a name before a group's or movement's noun ("Houthi rebels",
    "the Tarsi movement": the movement's name, not a person). False: no entity
    of its own (the group mention around it stands); None: a person as far as kg can tell."""
    text = span.text
    if len(span) == 1 and gazetteer.capital_country(text.title()) is not None:
        city = gazetteer.city(text.title())
        if city is not None:
            return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    if _IZAFA.search(text):
        return mention(span, "Organization")
    if body_title([t.text for t in span], lexicon.roles().one_word_titles, actors.organization_heads):
        return False  # "the Supreme Court President": a body's title, no one's name
    before = span.doc[span.start - 1] if span.start > 0 else None
    if (
        len(span) == 1
        and text.endswith("s")
        and before is not None
        and before.lower_ == "the"
        and span[0].pos_ == "PROPN"
    ):
        return mention(span, "Organization")
    after = span.doc[span.end] if span.end < len(span.doc) else None
    if (
        after is not None
        and after.pos_ == "NOUN"
        and (
            actors.sector(after.lemma_) in {"rebels", "military", "opposition", "protesters"}
            or after.lemma_.lower() in actors.organization_nouns
        )
    ):
        return False
    return None


def _armed_movement(token: Token, modifiers: list[Token], actors: Actors) -> Span | None:
    """The proper name written before an armed group's noun ("Examplah Wal militants", "the
    Examplist Wal Front militia"), when NER takes it for an organization (or for a person,
    when it has two words or more), or leaves untagged a name of two capitalised words or
    more none of which is an actor's noun ("Special Forces troops" are no movement); never a
    name of a country or a people."""
    names = [t for t in modifiers if t.dep_ in {"compound", "nmod"} and t.pos_ == "PROPN" and t.i < token.i]
    if not names:
        return None
    start = min(t.left_edge.i for t in names)
    for t in token.doc[start : token.i]:
        if t.tag_ == "POS" or t.lower_ in {"'s", "’s"}:
            start = t.i + 1  # "Somalia's Examplist Front militia": the owner is no word of the name
    while start < token.i and (token.doc[start].tag_ in {"DT", "PRP$"} or token.doc[start].is_punct):
        start += 1  # "the Examplist Front fighters", where the parse hangs the article on the name
    while 0 < start < token.i and token.doc[start].ent_iob_ == "I":
        start -= 1  # the name NER began before the parse's modifiers ("Examplish Democratic Forces")
    span = token.doc[start : token.i]
    if not len(span) or span[-1].i != token.i - 1 or any(t.ent_type_ in {"GPE", "LOC"} for t in span):
        return None
    if gazetteer.is_country_name(span.text):
        return None  # "the Examplestan army" with the country's name tagged ORG: its army
    # a hyphened name NER took for a people ("al-Examplah insurgents"), when no word of it is one
    hyphened = any(t.text == "-" for t in span[1:-1]) and not any(country_of(t) for t in span if t.is_alpha)
    if any(t.ent_type_ == "NORP" for t in span) and not hyphened:
        return None
    tagged = all(t.ent_type_ in {"ORG", "PERSON", "NORP"} for t in span)
    untagged = (
        len(span) > 1
        and not any(t.ent_type_ for t in span)
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() and not actors.sector(t.lemma_) for t in span)
    )
    if not (tagged or untagged):
        return None
    if len(span) == 1 and span[0].ent_type_ == "PERSON":
        return None  # "Karen rebels": a one-word "person" before the noun is a people, not a movement
    return None if country_of(span[-1]) is not None else span


def _modifier_country(mod: Token, modifiers: list[Token]) -> gazetteer.Country | None:
    """The country a modifier names with the capitalised modifier before it, when the two do
    ("North Korean government", "South Sudanese army": not Sudan's), else alone."""
    before = mod.doc[mod.i - 1] if mod.i > 0 else None
    if (
        before is not None
        and (before in modifiers or before.head.i == mod.i)
        and before.text[:1].isupper()
        and not _of_a_people(before)
    ):
        whole = gazetteer.country(mod.doc[before.i : mod.i + 1].text)
        if whole is not None:
            return whole
    return country_of(mod)


def _possessor_country(owner: Token) -> gazetteer.Country | None:
    """The country a possessor names: its whole name ("South Sudan's government" is South
    Sudan's, not Sudan's; "the Central African Republic's army"), else the word itself, else
    the one country a titled person's modifiers give ("Venezuelan President Jo Li's
    government": Venezuela's)."""
    before = [t for t in owner.subtree if t.i < owner.i and t.dep_ in {"compound", "amod", "nmod"}]
    start = min([t.i for t in before if t.text[:1].isupper()] + [owner.i])
    found = gazetteer.country(owner.doc[start : owner.i + 1].text) if start < owner.i else None
    found = found or country_of(owner)
    if found is not None or owner.pos_ != "PROPN":
        return found
    countries = {c.iso3: c for c in map(country_of, before) if c is not None}
    return next(iter(countries.values())) if len(countries) == 1 else None


_SEPARATORS = frozenset({"–", "—", "--", ":", "_", "|"})  # a dateline's end, not a modifier's


def _of_several_states(token: Token, actors: Actors) -> bool:
    """ "Foreign ministers from 12 countries", "leaders of several nations": people of many
    states are no one actor."""
    return any(
        pobj.tag_ == "NNS" and pobj.lemma_.lower() in actors.state_collectives
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    )


def _hardware(token: Token, actors: Actors) -> bool:
    """Weapons and craft ('tanks', 'fighter jets') with no other word for a side before them:
    no actor unless their country is named ('rebel drones' are the rebels')."""
    if token.lemma_.lower() not in actors.hardware and token.lower_ not in actors.hardware:
        return False
    sides = (actors.sector(t.lemma_) for t in token.lefts if t.dep_ in {"amod", "compound"})
    return all(side in {None, "military"} for side in sides)


def _demonym_chain(mod: Token) -> bool:
    """A modifier heading coordinated adjectives or names ("Chadian and Malian")."""
    return (
        mod.dep_ in {"amod", "compound", "nmod"}
        and any(c.dep_ == "conj" for c in mod.children)
        and all(c.pos_ in {"ADJ", "PROPN"} for c in mod.conjuncts)
    )


def coordinated_groups(token: Token, group: EntityMention) -> list[EntityMention]:
    """The groups of the coordinated demonyms before `group`'s own ("Chadian and Malian troops":
    "Chadian troops" beside the mention "Malian troops"; "Peruvian and international
    authorities": "Peruvian authorities"). Each is named by its demonym and the head noun and
    spans the whole coordinated phrase; conjuncts that name no country give none."""
    out = []
    for mod in (t for t in token.lefts if _demonym_chain(t)):
        for conjunct in (mod, *mod.conjuncts):
            if conjunct.idx >= group.start:
                continue
            found = country_of(conjunct)
            if found is None:
                continue
            text = f"{conjunct.text} {token.text}"
            out.append(
                EntityMention(
                    text=text,
                    start=conjunct.idx,
                    end=token.idx + len(token.text),
                    type="Group",
                    key=text,
                    iso3=found.iso3,
                    sector=group.sector,
                )
            )
    return out


def place_description(token: Token, places: Places) -> EntityMention | None:
    """ "the Examplish capital" -> its capital city; "Examplish territory" -> the country."""
    lemma = token.lemma_.lower()
    if token.pos_ != "NOUN" or (lemma != "capital" and lemma not in places.territory_nouns):
        return None
    if lemma != "capital" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children):
        return None  # "the Examplish territory" names a region before it, not the country
    owner = None
    for mod in token.children:
        if mod.dep_ in {"amod", "compound", "poss", "nmod"} and mod.i < token.i:
            owner = country_of(mod) or owner
    if owner is None:
        return None
    words = [t for t in token.children if t.dep_ in {"amod", "compound", "poss", "nmod"} and t.i < token.i]
    start = min(t.i for t in words)
    span = token.doc[start : token.i + 1]
    if lemma == "capital":
        if any(c.dep_ in {"appos", "prep"} for c in token.children) or (
            token.i + 1 < len(token.doc) and token.doc[token.i + 1].pos_ == "PROPN"
        ):
            return None  # "the Examplish capital Tarsk": the name itself is the mention
        city = gazetteer.capital_city(owner.iso3)
        if city is None:
            return None
        return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    return mention(span, "Country", owner.name, iso3=owner.iso3)


def acronym_mention(token: Token, actors: Actors) -> EntityMention | None:
    """An upper-case acronym NER did not tag as a name ("fighting ISIL", "the M23"): an organization. The
    small model tags one that ends in S ("the CSTO", "ECOWAS") as a plural common noun, so a
    NOUN counts too, unless its sentence is set in capitals (a headline or a dateline)."""
    text = token.text
    if (
        not (2 <= len(text) <= 6 and text.isupper() and (text.isalpha() or _LETTERS_DIGITS.fullmatch(text)))
        or token.pos_ not in {"PROPN", "NOUN"}
        or token.ent_type_ in {"PERSON", "GPE", "LOC", "NORP", "ORG", "FAC"}
        or text in actors.not_acronyms
    ):
        return None
    if token.pos_ == "NOUN" and sum(t.is_upper for t in token.sent if t.is_alpha) > len(token.sent) // 2:
        return None  # a sentence set in capitals
    if gazetteer.country(text) or gazetteer.city(text) or gazetteer.region(text):
        return None
    return mention(token.doc[token.i : token.i + 1], "Organization")


def organization_mention(token: Token, actors: Actors) -> EntityMention | None:
    """An unnamed organization: a noun such as coalition or network after a capitalised word
    that is no country ("an Andean coalition", "the Varga network"), or a plural one with an
    adjective ("humanitarian organizations")."""
    if token.pos_ != "NOUN" or token.lemma_.lower() not in actors.organization_nouns:
        return None
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    if after is not None and after.ent_iob_ == "B" and after.ent_type_ == "ORG" and not after.is_punct:
        # "the militant movement Examplah has ...": a description written before the name is
        # that organization, which NER names
        ent = next(e for e in token.doc.ents if e.start == after.i)
        return mention(ent, "Organization")
    mods = [t for t in token.lefts if t.dep_ in {"amod", "compound", "nmod"} and t.i >= token.i - 4]
    if (
        token.tag_ == "NNS"
        and actors.sector(token.lemma_) is None
        and not any(t.text[:1].isupper() for t in mods)
    ):
        adjectives = [t for t in mods if t.pos_ == "ADJ" and t.lower_ not in actors.not_actor_modifiers]
        if adjectives:
            span = token.doc[min(t.i for t in adjectives) : token.i + 1]
            return mention(span, "Organization", span.text.lower())
        return None
    named = [
        t for t in mods if t.text[:1].isupper() and t.pos_ in {"PROPN", "ADJ", "NOUN"} and not t.is_sent_start
    ]
    if not named or all(
        country_of(t)
        and (found := gazetteer.country(t.text)) is not None
        and found.name.lower() == t.text.lower()
        for t in named
    ):
        return None
    start = min(t.left_edge.i for t in named)
    while start < token.i and (token.doc[start].is_punct or token.doc[start].tag_ in {"DT", "PRP$"}):
        start += 1
    span = token.doc[start : token.i + 1]
    return mention(span, "Organization")


def event_mention(token: Token) -> EntityMention | None:
    """A nominal happening used as an object: "the coup", "a tax increase"; not a capitalised
    word inside a sentence, a name the tagger took for a noun ("criticized Ivanov")."""
    if token.pos_ != "NOUN" or (token.is_title and not token.is_sent_start):
        return None
    left = [t for t in token.lefts if t.dep_ in {"compound", "amod", "nmod"}]
    # a compound's own compounds too ("rail station attacks")
    start = min([t.left_edge.i if t.dep_ == "compound" else t.i for t in left] + [token.i])
    while token.doc[start].is_punct or token.doc[start].tag_ in {"DT", "PRP$", "POS"}:
        start += 1
    span = token.doc[start : token.i + 1]
    return mention(span, "Event", span.text.lower())


def untagged_name(token: Token) -> EntityMention | None:
    """A personal name the NER missed: an argument headed by two or more capitalised proper
    nouns ("Police arrested Amadou Sow") that is no known place."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.is_title:
        return None
    parts = [
        t
        for t in token.lefts
        if t.dep_ == "compound" and t.pos_ == "PROPN" and t.is_title and not t.ent_type_
    ]
    if not parts or parts[0].i + len(parts) != token.i:
        return None
    span = token.doc[parts[0].i : token.i + 1]
    if gazetteer.country(span.text) or gazetteer.city(span.text) or gazetteer.region(span.text):
        return None
    titles = lexicon.roles().all_titles
    if token.lower_ in titles or span.text.lower() in titles:
        return None  # "Zambia's Foreign Minister Jo Li, ...": a title, whose holder is named apart
    return mention(span, "Person")


def untagged_place(token: Token, places: Places) -> EntityMention | None:
    """A capitalised name NER left untagged that is a place: after "the town of", or a country,
    or a city of at least 100,000 people in the gazetteer ("Rebels attacked Kyiv")."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.is_title or token.dep_ == "compound":
        return None
    start = token.i
    while (
        start > 0
        and token.doc[start - 1].dep_ == "compound"
        and token.doc[start - 1].is_title
        and not token.doc[start - 1].ent_type_
    ):
        start -= 1
    span = token.doc[start : token.i + 1]
    settlement = _settlement_before(span, places)
    if settlement is not None:
        return place_mention(span, places, "GPE" if settlement in places.city_words else "LOC")
    doc = token.doc
    if (
        span.start >= 3
        and doc[span.start - 1].tag_ == "POS"
        and gazetteer.country(doc[span.start - 2].text)
        and doc[span.start - 3].lower_ in {"in", "at", "near", "outside", "inside"}
    ):
        return place_mention(span, places, "GPE")  # "in Examplestan's Tarsk"
    if span[0].is_sent_start and len(span) == 1 and token.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    # the whole name, else its last word ("Northern Chile" -> Chile)
    for part in [span, token.doc[token.i : token.i + 1]] if len(span) > 1 else [span]:
        if len(part) > 2:
            continue
        found = gazetteer.country(part.text)
        if found and found.name.lower() == part.text.lower():
            return mention(part, "Country", found.name, iso3=found.iso3)
        city = gazetteer.city(part.text)
        if city is not None and city.population >= 100_000:
            return mention(part, "City", city.name, iso3=city.country, geonames=city.geonames)
    return None


def seat_mention(token: Token, actors: Actors) -> EntityMention | None:
    """'the Kremlin', 'the White House': a seat of power for its state's government or military."""
    if token.lower_ not in actors.seat_last_words:
        return None
    doc = token.doc
    for width in (2, 1):
        start = token.i - width + 1
        if start < 0:
            continue
        span = doc[start : token.i + 1]
        seat = actors.seats.get(span.text.lower())
        if seat is not None and span[0].text[:1].isupper():
            return mention(span, "Group", span.text, iso3=seat[0], sector=seat[1])
    return None


def capital_as_country(found: EntityMention) -> EntityMention | None:
    """A capital written for its state ('Moscow said'): the Country, same text, so that one
    actor is one node whether the text names the state or its capital (a seat of power, 'the
    Kremlin', stays the government)."""
    if found.type != "City":
        return None
    iso3 = gazetteer.capital_country(found.text)
    if iso3 is None or (found.iso3 and found.iso3 != iso3):
        return None
    name = gazetteer.country_name(iso3)
    return EntityMention(found.text, found.start, found.end, "Country", name, iso3=iso3)


_HYPHEN_WORD = re.compile(r"^(?P<left>.+?)-(?P<part>[a-z]+)$")


def hyphen_syllables(span: Span, participles: frozenset[str]) -> Span:
    """A personal name NER cut at a hyphen, taken whole: 'Moon Jae' of 'Moon Jae-in' (the
    lower-case syllable written on with no space either side; never a participle, 'Ruiz-led')."""
    doc, end = span.doc, span.end
    if span.label_ != "PERSON":
        return span
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].is_alpha
        and doc[end + 1].is_lower
        and doc[end + 1].lower_ not in participles
    ):
        end += 2
    return span if end == span.end else Span(doc, span.start, end, label=span.label_)


def hyphen_parts(token: Token, participles: frozenset[str]) -> tuple[int, int, str, str] | None:
    """The name before the hyphen of a compound such as "NATO-backed" or "Chilean - backed":
    (start char, end char, participle, name), or None."""
    match = _HYPHEN_WORD.match(token.text)
    if match and match.group("part") in participles:
        left = match.group("left")
        return token.idx, token.idx + len(left), match.group("part"), left
    if token.lower_ in participles and token.i >= 2 and token.nbor(-1).text == "-":
        left = token.nbor(-2)
        start = left.i
        while (
            start - 1 >= 0
            and token.doc[start - 1].text[:1].isupper()
            and token.doc[start - 1].dep_ == "compound"
        ):
            start -= 1
        name = token.doc[start : left.i + 1]
        return name.start_char, name.end_char, token.lower_, name.text
    if token.text.endswith("-") and len(token.text) > 2 and token.text[0].isupper():
        # "Peruvian- and Chilean-backed": the first conjunct keeps its hyphen
        for right in [*token.children, token.head, *token.head.children]:
            match = _HYPHEN_WORD.match(right.text)
            part = (
                right.lower_
                if right.lower_ in participles
                else match.group("part")
                if match and match.group("part") in participles
                else None
            )
            if part is not None:
                return token.idx, token.idx + len(token.text) - 1, part, token.text[:-1]
    return None


def name_mention(text: str, start: int, end: int, index: MentionIndex) -> EntityMention | None:
    """What a bare name `text` (characters start:end) denotes: a country, a seat, a capital's
    government, or an organization already mentioned under that name."""
    if not text.strip():
        return None
    found = gazetteer.country(text)
    if found:
        return EntityMention(text, start, end, "Country", found.name, iso3=found.iso3)
    iso3 = gazetteer.capital_country(text)
    if iso3:
        return EntityMention(text, start, end, "Group", text, iso3=iso3, sector="government")
    for m in index.unique():
        if m.type == "Organization" and m.text.lower() == text.lower():
            return EntityMention(text, start, end, "Organization", m.key)
    if text.replace(".", "").isupper() and len(text.replace(".", "")) >= 2:
        return EntityMention(text, start, end, "Organization", text)
    return None


def name_to_acronym(ent: Span) -> Span:
    """An organization's name NER ended before its last words, when the bracketed acronym
    after them spells the whole: 'the United Nations Interim Force | in Lebanon (UNIFIL)'."""
    doc = ent.doc
    if ent.label_ != "ORG":
        return ent
    for end in range(ent.end + 1, min(ent.end + 5, len(doc) - 2)):
        if doc[end].text != "(" or doc[end + 2].text != ")":
            continue
        acronym = doc[end + 1].text.replace(".", "")
        longer = doc[ent.start : end]
        if not acronym.isupper() or not all(t.is_alpha for t in longer[len(ent) :]):
            return ent
        if _spells(acronym, _initials(longer)) and len(_initials(longer)) > len(_initials(ent)):
            return Span(doc, ent.start, end, label="ORG")
        return ent
    return ent


def _initials(span: Span) -> str:
    return "".join(t.text[0] for t in span if (t.is_title or t.is_upper) and t.lower_ not in _ARTICLES)


def _spells(acronym: str, initials: str) -> bool:
    """Whether `initials` (a name's capitals, in order) are all in `acronym`, in order, the first
    first and the last among its last three letters ('UNIFL' in 'UNIFIL')."""
    if not initials or acronym[:1] != initials[0] or initials[-1] not in acronym[-3:]:
        return False
    at = 0
    for letter in initials:
        at = acronym.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def acronym_after(span: Span) -> Span | None:
    """'the Collective Security Treaty Organization (CSTO)': the bracketed acronym after a name."""
    doc = span.doc
    if span.end + 2 < len(doc) and doc[span.end].text == "(" and doc[span.end + 2].text == ")":
        inner = doc[span.end + 1]
        if inner.text.replace(".", "").isupper() and 2 <= len(inner.text) <= 10:
            return doc[inner.i : inner.i + 1]
    return None


def _message_code(token: Token) -> bool:
    """A monitoring service's message code ("AB1234", "PM1602093194"): letters and digits."""
    text = token.text
    return (
        len(text) >= 6
        and text.isalnum()
        and text.upper() == text
        and any(c.isdigit() for c in text)
        and any(c.isalpha() for c in text)
    )


def monitoring_start(sent: Span) -> tuple[int, bool] | None:
    """Where a monitoring service's source line starts in `sent`: after its message code (the
    code may follow a headline in the same sentence), or at the start of a sentence that is only
    a place and a title-case name ("Tarsk RADIO EXAMPLIA"); with whether a code was found;
    None for other sentences."""
    known = sent.doc.user_data.setdefault("kg_monitoring_start", {})  # asked twice a sentence
    key = f"{sent.start}:{sent.end}"  # plain data: the Doc may be sent between processes
    if key not in known:
        known[key] = _monitoring_start(sent)
    return known[key]


def _monitoring_start(sent: Span) -> tuple[int, bool] | None:
    doc = sent.doc
    for i in range(sent.start, min(sent.end, sent.start + 48)):  # Token objects only as needed
        if _message_code(doc[i]):
            return i + 1, True
    if len(sent) > 24:
        return None
    tokens = [t for t in sent if not t.is_space]
    words = [t for t in tokens if not t.is_punct or t.text == "-"]
    if (
        2 <= len(words) <= 7
        and all(t.is_title or t.is_upper or t.text == "-" or t.lower_ == "de" for t in words)
        and tokens[-1].text not in {"?", "!"}
    ):
        return tokens[0].i, False
    return None


def monitoring_dateline(sent: Span) -> tuple[EntityMention, EntityMention] | None:
    """'AB1234 Tarsk Radio Examplia in Examplish 1400 GMT', 'Tarsk RADIO EXAMPLIA': a
    monitoring service's source line (message code, place, station); NER reads place and
    station as one name."""
    start = monitoring_start(sent)
    if start is None:
        return None
    at, coded = start
    doc = sent.doc
    if at + 1 >= sent.end:
        return None
    for width in (2, 1):
        place = doc[at : min(at + width, sent.end)]
        if not all(t.is_title or t.is_upper for t in place):
            continue
        city = gazetteer.city(place.text)
        found = gazetteer.country(place.text)
        if city is None and found is None:
            continue
        end = place.end
        while (
            end < sent.end
            and (doc[end].is_title or doc[end].is_upper or doc[end].text == "-" or doc[end].lower_ == "de")
            and doc[end].lower_ != "in"
        ):
            end += 1
        # after a code the station is followed by its language ("in Examplish"); a bare
        # source line ends with the station
        if end == place.end or (doc[end].lower_ != "in" if end < sent.end else coded):
            return None
        if city is not None:
            where = mention(place, "City", city.name, iso3=city.country, geonames=city.geonames)
        else:
            assert found is not None  # one of the two was found
            where = mention(place, "Country", found.name, iso3=found.iso3)
        return where, mention(doc[place.end : end], "Organization")
    return None


def dateline_end(sent: Span) -> int | None:
    """The token after the dash or colon that closes a dateline opening `sent`."""
    for tok in sent[:16]:
        if tok.text in {"-", "–", "—", ":", "--", "_"} and tok.i >= sent.start + 1:  # "_": old wire style
            return tok.i + 1
    return None


def agency_dateline_end(sent: Span) -> int | None:
    """'TARSK, Region, May 2 (Agency) -' whatever the place: an upper-case first word (or a
    capitalised one with a dated comma after it: 'Tarsk, 2 December 1998 (Agency) -'), then
    an agency in brackets right before the dash; the token after the dash."""
    first = next((t for t in sent if not t.is_space), None)
    end = dateline_end(sent)
    if first is None or end is None:
        return None
    doc = sent.doc
    dated = (
        first.is_title
        and first.i + 1 < end
        and doc[first.i + 1].text == ","
        and any(t.like_num for t in doc[first.i : end])
    )
    if not (first.is_alpha and len(first) > 1 and (first.is_upper or dated)):
        return None
    if doc[end - 1].text == ":" or doc[end - 2].text != ")":
        return None
    opening = next((j for j in range(end - 3, max(sent.start, end - 7), -1) if doc[j].text == "("), None)
    return end if opening is not None and doc[opening + 1].text[:1].isupper() else None


def country_dateline_end(sent: Span) -> int | None:
    """'TARSK, Examplestan: ...' / 'TARSK, Examplestan -' whatever the town: an upper-case first
    word (or words), a comma, a country's name, then the dash or colon; the token after it."""
    tokens = [t for t in sent if not t.is_space]
    run = 0

    def capital_word(t: Token) -> bool:
        return t.is_upper and t.is_alpha and len(t) > 1

    while run < min(len(tokens), 4) and capital_word(tokens[run]):
        run += 1  # the town, in capitals
    end = dateline_end(sent)
    if not run or end is None or run >= len(tokens) or tokens[run].text != ",":
        return None
    doc = sent.doc
    country = doc[tokens[run].i + 1 : end - 1]
    if not len(country) or not gazetteer.is_country_name(country.text):
        return None
    return end


def dateline_place(sent: Span, places: Places) -> EntityMention | None:
    """'TARSK, Examplestan (Agency) -': the upper-case place that opens a dateline."""
    tokens = [t for t in sent if not t.is_space]
    run: list[Token] = []
    for tok in tokens[:4]:
        if tok.is_upper and tok.is_alpha or (run and tok.text in {"-", "."}):
            run.append(tok)
            continue
        break
    if not run or len(run) == len(tokens) or tokens[len(run)].text not in {",", "-", "–", "—", "("}:
        return None
    span = sent.doc[run[0].i : run[-1].i + 1]
    text = span.text
    found = gazetteer.country(text)
    if found:
        return mention(span, "Country", found.name, iso3=found.iso3)
    city = gazetteer.city(text)
    if city is not None:
        return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    region = gazetteer.region(text)
    if region is not None:
        return mention(span, "Region", region[0], geonames=region[1])
    return None
