"""Entity mentions of a parsed sentence: named entities, titled persons, collective groups."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.loaders import gazetteer
from kg.model import EntityMention
from kg.loaders.lexicon import group_nouns

_PLACE_WORDS = re.compile(r"\b(region|province|state|oblast|territory|republic|county|district|"
                          r"valley|peninsula|strip|bank|coast|sea|gulf|island|islands)\b", re.I)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass
class MentionIndex:
    """Token index -> the mention that covers it, for one document."""

    by_token: dict[int, EntityMention] = field(default_factory=dict)

    def add(self, span: Span, mention: EntityMention, override: bool = False) -> None:
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
    while start < end and (doc[start].lower_ in {"the", "a", "an"} or doc[start].is_punct
                           or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct
                           or doc[end - 1].is_space or doc[end - 1].lower_ in {"'s", "’s"}):
        end -= 1
    return doc[start:end]


def mention(span: Span, type_: str, key: str | None = None, **extra) -> EntityMention:
    return EntityMention(text=span.text, start=span.start_char, end=span.end_char, type=type_,
                         key=key or span.text, **extra)


def place_mention(span: Span, label: str = "GPE") -> EntityMention | None:
    """Country, City or Region for a place name, from the gazetteers."""
    text = span.text
    found = gazetteer.country(text) if _country_like(span) else None
    if found:
        return mention(span, "Country", found.name, iso3=found.iso3)
    city = gazetteer.city(text)
    region = gazetteer.region(text)
    if region and (not city or text.endswith(".") or city.population < 100_000):
        return mention(span, "Region", region[0], geonames=region[1])
    if label == "LOC" or _PLACE_WORDS.search(text):
        return mention(span, "Region")
    if city:
        return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    return mention(span, "City" if label == "GPE" else "Region")


def _country_like(span: Span) -> bool:
    # country_converter's regexes also hit inside longer names ("Kazakhstan John Doe"),
    # so a multi-word span must be a name as a whole, which gazetteer.country checks.
    return len(span) <= 4


def country_of(token_or_span) -> gazetteer.Country | None:
    """The country a demonym, country name or GPE token denotes: Kazakh -> KAZ."""
    text = token_or_span.text
    if not text[:1].isupper():
        return None
    return gazetteer.country(text)


_PLACE_CUES = {"in", "at", "near", "from", "to", "into", "outside", "inside", "around",
               "capital", "town", "city", "village", "port"}


def _in_place_context(span: Span) -> bool:
    """'in Gao', 'the town of Gao', "Nigeria's capital Abuja", 'Gao, Mali': NER often calls such
    unfamiliar place names persons."""
    doc = span.doc
    before = [t for t in doc[max(0, span.start - 2):span.start] if not t.is_punct]
    if before and (before[-1].lower_ in _PLACE_CUES or
                   (before[-1].lower_ == "of" and len(before) > 1 and before[-2].lower_ in _PLACE_CUES)):
        return True
    after = doc[span.end:span.end + 2]
    return len(after) == 2 and after[0].text == "," and gazetteer.country(after[1].text) is not None


def typed_entity(span: Span) -> EntityMention | None:
    """Map a spaCy entity to an ontology class; None for labels kg does not model."""
    label = span.label_
    span = trim(span)
    if not len(span):
        return None
    if label in {"PERSON", "ORG", "LANGUAGE", "NORP"} and len(span) <= 3:
        city = gazetteer.city(span.text)
        # a large city mislabelled as a language or organisation ("Aleppo"); persons need context
        # because many surnames are also towns
        if city is not None and (_in_place_context(span) or (
                label != "PERSON" and city.population >= 200_000)):
            return mention(span, "City", city.name, iso3=city.country, geonames=city.geonames)
    if label in {"PERSON", "ORG", "NORP", "GPE", "LOC"} and len(span) <= 4:
        found = gazetteer.country(span.text)
        # NER tags lone demonyms as PERSON at times ("Kazakh officials")
        if found and (label != "PERSON" or len(span) == 1):
            return mention(span, "Country", found.name, iso3=found.iso3)
    if label in _PLACE_LABELS:
        return place_mention(span, label) if label != "FAC" else None
    if label == "ORG":
        return mention(span, "Organization")
    if label == "PERSON":
        if any(t.pos_ not in {"PROPN", "PUNCT"} and not t.is_title for t in span):
            return None
        return mention(span, "Person")
    return None


def group_mention(token: Token) -> EntityMention | None:
    """A collective actor headed by `token`: "Russian paratroopers" -> Group(RUS, military)."""
    if token.pos_ not in {"NOUN", "PROPN"} or token.dep_ == "compound":
        return None
    nouns = group_nouns()
    modifiers = [t for t in token.lefts if t.dep_ in {"amod", "compound", "nmod", "nummod", "npadvmod"}
                 and t.i >= token.i - 4]
    sector = None
    for mod in modifiers:
        if mod.dep_ == "compound":
            sector = nouns.sector(f"{mod.lemma_} {token.lemma_}") or nouns.sector(mod.lemma_) or sector
    sector = sector or nouns.sector(token.lemma_) or nouns.sector(token.text.lower())
    if sector is None:
        return None
    iso3 = None
    for mod in modifiers + [t for t in token.children if t.dep_ == "poss"]:
        found = country_of(mod)
        if found:
            iso3 = found.iso3
    for prep in (t for t in token.rights if t.dep_ == "prep" and t.lower_ in {"of", "from", "in"}):
        for pobj in (t for t in prep.children if t.dep_ == "pobj"):
            found = country_of(pobj)
            if found:
                iso3 = found.iso3
    words = [t for t in token.lefts if t.dep_ in {"amod", "compound", "nmod"} and t.i >= token.i - 4]
    start = min([t.i for t in words] + [token.i])
    while start < token.i and (token.doc[start].is_punct or token.doc[start].lower_ in nouns.not_actor_modifiers):
        start += 1
    span = token.doc[start:token.i + 1]
    return mention(span, "Group", span.text, iso3=iso3, sector=sector)


def event_mention(token: Token) -> EntityMention | None:
    """A nominal happening used as an object: "the coup", "a tax increase"."""
    if token.pos_ != "NOUN":
        return None
    left = [t for t in token.lefts if t.dep_ in {"compound", "amod", "nmod"}]
    start = min([t.i for t in left] + [token.i])
    span = token.doc[start:token.i + 1]
    return mention(span, "Event", span.text.lower())



def untagged_name(token: Token) -> EntityMention | None:
    """A personal name the NER missed: an argument headed by two or more capitalised proper
    nouns ("Police arrested Amadou Sow") that is no known place."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.is_title:
        return None
    parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.is_title
             and not t.ent_type_]
    if not parts or parts[0].i + len(parts) != token.i:
        return None
    span = token.doc[parts[0].i:token.i + 1]
    if gazetteer.country(span.text) or gazetteer.city(span.text) or gazetteer.region(span.text):
        return None
    return mention(span, "Person")
