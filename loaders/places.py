"""Stative facts about places and organizations: "Tarsk, Examplestan", "Examplestan's capital
Tarsk", "the Examplish city of Tarsk", "Acme, based in Tarsk", "X includes A, B and C"."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.model import EntityMention
from kg.loaders.lexicon import state_predicate
from kg.loaders.mentions import MentionIndex, country_of, mention

_PLACES = {"Country", "City", "Region"}
_SETTLEMENTS = {"city", "town", "village", "port", "capital", "region", "province", "district",
                "state", "oblast", "county", "enclave", "municipality", "suburb"}
_MEMBERSHIP_VERBS = {"include", "comprise", "consist", "bring", "group", "unite"}


@dataclass(frozen=True)
class StateFact:
    subject: EntityMention
    object: EntityMention
    rule: str
    confidence: float

    @property
    def predicate(self) -> str:
        return state_predicate(self.rule)


def _place(index: MentionIndex, token: Token) -> EntityMention | None:
    found = index.at(token)
    return found if found is not None and found.type in _PLACES else None


def find_place_facts(sent: Span, index: MentionIndex) -> list[StateFact]:
    facts: list[StateFact] = []
    doc = sent.doc
    for token in sent:
        here = index.at(token)
        # "Tarsk, Examplestan": a place, a comma, a containing place
        if here is not None and here.type in _PLACES and token.i + 2 < sent.end and \
                doc[token.i + 1].text == "," and index.at(doc[token.i + 2]) is not None and \
                (token.i + 1 >= sent.end or index.at(doc[token.i + 1]) is None):
            outer = _place(index, doc[token.i + 2])
            if outer is not None and outer is not here and outer.type != "City" and \
                    here.type != "Country" and _ends_here(index, token):
                facts.append(StateFact(here, outer, "located_in.comma", 0.85))
        # "Tarsk in Examplestan", "Tarsk is in Examplestan"
        if here is not None and here.type in _PLACES and _ends_here(index, token):
            heads = [token] + ([token.head] if token.dep_ == "nsubj" and token.head.lemma_ == "be" else [])
            for head in heads:
                for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        outer = _place(index, pobj)
                        if outer is not None and outer is not here and here.type != "Country":
                            facts.append(StateFact(here, outer, "located_in.in", 0.7))
        if token.lower_ in _SETTLEMENTS and token.pos_ == "NOUN":
            facts.extend(_settlement(token, index))
        if token.lower_ == "based" or token.lemma_ in {"headquarter", "headquartered"}:
            facts.extend(_based(token, index))
        if token.lemma_ in _MEMBERSHIP_VERBS and token.pos_ == "VERB":
            facts.extend(_includes(token, index))
        if token.lemma_ == "member" and token.pos_ == "NOUN":
            facts.extend(_member(token, index))
    return facts


def _ends_here(index: MentionIndex, token: Token) -> bool:
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is None or index.at(nxt) is not index.at(token)


def _settlement(noun: Token, index: MentionIndex) -> list[StateFact]:
    """'the Examplish city of Tarsk', 'Examplestan's capital Tarsk', 'Tarsk, the capital of X'."""
    container = None
    for child in noun.children:
        if child.dep_ in {"amod", "compound", "poss", "nmod"} and child.i < noun.i:
            indexed = index.at(child)
            found = country_of(child)
            if indexed is not None and indexed.type == "Country":
                container = indexed
            elif found is not None:
                container = mention(noun.doc[child.i:child.i + 1], "Country", found.name, iso3=found.iso3)
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                place = _place(index, pobj)
                if place is not None and place.type == "Country":
                    container = place
    named: list[Token] = []
    for child in noun.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
            named += [child] if child.dep_ == "appos" else [c for c in child.children if c.dep_ == "pobj"]
    if noun.dep_ == "appos":
        named.append(noun.head)
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.text == ",":
        nxt = noun.doc[noun.i + 2] if noun.i + 2 < len(noun.doc) else None
    if nxt is not None:
        named.append(nxt)
    if container is None:
        return []
    rule = "capital_of.capital" if noun.lower_ == "capital" else "located_in.settlement_of"
    facts = []
    for tok in named:
        place = _place(index, tok)
        if place is not None and place.type in {"City", "Region"} and place != container:
            facts.append(StateFact(place, container, rule, 0.85))
            break
    return facts


def _based(token: Token, index: MentionIndex) -> list[StateFact]:
    """'Acme, based in Tarsk', 'the Tarsk-based Acme', 'headquartered in Tarsk'."""
    facts = []
    doc = token.doc
    place = None
    if token.i >= 2 and doc[token.i - 1].text == "-":
        place = _place(index, doc[token.i - 2])
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            place = place or _place(index, pobj)
    if place is None:
        return []
    org_token = token.head
    if token.dep_ in {"amod", "compound"} or doc[token.i - 1].text == "-":
        org_token = token.head
    org = index.at(org_token)
    if org is None and token.head.dep_ in {"nsubjpass", "nsubj"}:
        org = index.at(token.head.head)
    if org is None:
        subj = [c for c in token.children if c.dep_ in {"nsubjpass", "nsubj"}]
        org = index.at(subj[0]) if subj else None
    if org is not None and org.type in {"Organization", "Group"}:
        facts.append(StateFact(org, place, "based_in.based", 0.8))
    return facts


def _includes(verb: Token, index: MentionIndex) -> list[StateFact]:
    """'The alliance includes A, B and C' -> A, B, C MEMBER_OF the alliance."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    org = index.at(subj[0]) if subj else None
    if org is None or org.type != "Organization":
        return []
    members = []
    for obj in (c for c in verb.children if c.dep_ in {"dobj", "prep"}):
        heads = [obj] if obj.dep_ == "dobj" else [c for c in obj.children if c.dep_ == "pobj"]
        for head in heads:
            members += [head, *head.conjuncts]
    facts = []
    for tok in members:
        member = index.at(tok)
        if member is not None and member.type in {"Country", "Organization"} and member is not org:
            facts.append(StateFact(member, org, "member_of.includes", 0.8))
    return facts


def _member(noun: Token, index: MentionIndex) -> list[StateFact]:
    """'A is a member of X', 'A, a member of X', 'X members A and B'."""
    org = None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            org = index.at(pobj)
    members: list[Token] = []
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        if any(c.dep_ == "neg" for c in noun.head.children):
            return []  # "A is not a member of X"
        members = [c for c in noun.head.children if c.dep_ == "nsubj"]
    elif noun.dep_ == "appos":
        members = [noun.head]
    if org is None:
        mods = [c for c in noun.children if c.dep_ == "compound" and index.at(c) is not None]
        if mods:
            org = index.at(mods[0])
            members = [c for c in noun.children if c.dep_ == "appos"]
    if org is None or org.type != "Organization":
        return []
    facts = []
    for head in members:
        for tok in (head, *head.conjuncts):
            member = index.at(tok)
            if member is not None and member is not org and member.type in {"Country", "Organization", "Person"}:
                facts.append(StateFact(member, org, "member_of.member", 0.8))
    return facts
