"""Affiliations that need no title word: "Jo Li, an economist with Acme Inc.", "Jo Li at the
Institute of X", "Acme Inc. in Tarsk", "Acme, a Tarsk construction firm", "TARSK, Region (Agency)"."""
from __future__ import annotations

from spacy.tokens import Span, Token

from kg.loaders.mentions import MentionIndex, country_of, mention
from kg.loaders.places import StateFact

_PLACES = {"Country", "City", "Region"}
_PERSON_PREPS = {"at", "of", "with", "for"}
_ORG_PREPS = {"in", "at", "of", "from"}
_RESIDENCE_NOUNS = {"native", "resident", "citizen", "inhabitant", "son", "daughter"}


def _pobjs(token: Token, preps: set[str]) -> list[Token]:
    return [p for c in token.children if c.dep_ == "prep" and c.lower_ in preps
            for p in c.children if p.dep_ == "pobj"]


def find_affiliations(sent: Span, index: MentionIndex) -> list[StateFact]:
    facts: list[StateFact] = []
    for token in sent:
        here = index.at(token)
        if here is None:
            continue
        if here.type == "Person":
            facts += _person_affiliations(token, here, index)
        elif here.type == "Organization":
            facts += _organization_places(token, here, index)
    facts += _dateline(sent, index)
    return facts


def _person_affiliations(token: Token, person, index: MentionIndex) -> list[StateFact]:
    facts = []
    for pobj in _pobjs(token, _PERSON_PREPS):
        org = index.at(pobj)
        if org is not None and org.type == "Organization":
            facts.append(StateFact(person, org, "official_of.person_at_org", 0.55))
    for pobj in _pobjs(token, {"of", "from"}):
        place = index.at(pobj)
        if place is not None and place.type in _PLACES:
            rule = "national_of.person_of_country" if place.type == "Country" else "lives_in.person_of_place"
            facts.append(StateFact(person, place, rule, 0.55))
    for appos in (c for c in token.children if c.dep_ in {"appos", "attr"} and c.pos_ == "NOUN"):
        if appos.lemma_.lower() in _RESIDENCE_NOUNS:
            for pobj in _pobjs(appos, {"of", "in"}):
                place = index.at(pobj)
                if place is not None and place.type in _PLACES:
                    facts.append(StateFact(person, place, "lives_in.native_of", 0.6))
            for mod in (c for c in appos.children if c.dep_ in {"compound", "nmod"}):
                place = index.at(mod)
                if place is not None and place.type in _PLACES:
                    facts.append(StateFact(person, place, "lives_in.native_of", 0.6))
    for appos in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"):
        for pobj in _pobjs(appos, _PERSON_PREPS):
            org = index.at(pobj)
            if org is not None and org.type == "Organization":
                facts.append(StateFact(person, org, "official_of.appositive_role", 0.6))
    return facts


def _organization_places(token: Token, org, index: MentionIndex) -> list[StateFact]:
    facts = []
    for pobj in _pobjs(token, _ORG_PREPS):
        place = index.at(pobj)
        if place is not None and place.type in _PLACES and place is not org:
            facts.append(StateFact(org, place, "based_in.org_in_place", 0.6))
    nouns = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        nouns.append(token.head)
    for noun in nouns:
        for mod in (c for c in noun.children if c.dep_ in {"compound", "amod", "nmod", "poss"}):
            place = index.at(mod)
            if place is None or place.type not in _PLACES:
                found = country_of(mod) if mod.pos_ in {"ADJ", "PROPN"} else None
                place = mention(mod.doc[mod.i:mod.i + 1], "Country", found.name, iso3=found.iso3) if found else None
            if place is not None:
                facts.append(StateFact(org, place, "based_in.appositive_place", 0.65))
    return facts


def _dateline(sent: Span, index: MentionIndex) -> list[StateFact]:
    """'TARSK, Region (Agency) -' or 'Tarsk AGENCY in English': an agency datelined at places."""
    tokens = [t for t in sent if not t.is_space][:8]
    places = []
    for tok in tokens:
        found = index.at(tok)
        if tok.is_punct:
            continue
        if found is not None and found.type in _PLACES:
            if found not in places:
                places.append(found)
            continue
        if found is not None and found.type == "Organization" and places and places[0].type != "Country":
            return [StateFact(found, place, "based_in.dateline", 0.5) for place in places]
        break
    return []
