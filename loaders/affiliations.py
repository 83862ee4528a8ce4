"""Affiliations that need no title word: "Jo Li, an economist with Acme Inc.", "Jo Li at the
Institute of X", "Acme Inc. in Tarsk", "Acme, a Tarsk construction firm", "TARSK, Region (Agency)"."""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from dataclasses import replace

from spacy.tokens import Span, Token

from kg.core import gazetteer
from kg.core.ontology import load_ontology
from kg.loaders.arguments import stated_outright
from kg.loaders.lexicon import Places, RoleLexicon
from kg.loaders.mentions import MentionIndex, body_title, country_of, mention, monitoring_start
from kg.loaders.places import StateFact, last_token, name_used, state_after

_PLACES = load_ontology().places


def _pobjs(token: Token, preps: AbstractSet[str]) -> list[Token]:
    return [
        p
        for c in token.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


def find_affiliations(
    sent: Span,
    index: MentionIndex,
    places: Places,
    roles: RoleLexicon,
    mentioned: list[int] | None = None,
    verbs: list[int] | None = None,
    home_words: list[int] | None = None,
    body_words: AbstractSet[str] = frozenset(),
) -> list[StateFact]:
    """`roles`: the role lexicon (its leading and ruling verbs, its leaders' titles);
    `verbs`: indices of the sentence's "born", leading and ruling verbs (every token when None);
    `mentioned`: indices of the sentence's tokens inside mentions (all tokens when None);
    `home_words`: indices of "his", "her" and the home nouns (every token when None);
    `body_words`: last words of organisations' names ("court", "council"), which no name of a
    person has before a title."""
    facts: list[StateFact] = []
    doc = sent.doc
    for token in (doc[i] for i in mentioned) if mentioned is not None else sent:
        here = index.at(token)
        if here is None:
            continue
        if here.type == "Person" and _unnamed_role(here.text, roles, body_words):
            continue  # "Chile's Supreme Court President": a role that names no one has no affiliations
        if here.type == "Person":
            facts += _person_affiliations(
                token,
                here,
                index,
                places,
                roles.leader,
                roles.deputy_words,
                roles.office_words,
            )
        elif here.type == "Organization":
            facts += _organization_places(token, here, index, places, roles.office_words)
    facts += _dateline(sent, index)
    candidates = [doc[i] for i in verbs] if verbs is not None else list(sent)
    facts += _led_by(candidates, index, roles.lead_verbs, roles.delegated_bodies)
    facts += _ruled(candidates, index, roles.rule_verbs)
    facts += _born_in(candidates, index)
    facts += _lives_in(candidates, index, places)
    home_tokens = (
        [doc[i] for i in sorted(set(home_words) | set(mentioned))]
        if home_words is not None and mentioned is not None
        else list(sent)
    )
    facts += _home_of(sent, index, places, home_tokens)
    return [f for f in facts if not _names_no_one(f.subject, roles)]


def _names_no_one(mention, roles: RoleLexicon) -> bool:
    """A person mention made of title words and demonyms only ("Attorney General", "Indian
    prime minister", "Prime Minister"): a description whose holder the sentence does not
    give, of whom no state fact is worth storing."""
    if mention.type != "Person":
        return False
    words = re.findall(r"[a-z]+", mention.text.lower().replace("\u2019", "'").replace("'s", " "))
    return bool(words) and all(
        w in roles.words or w in _FILLER_WORDS or gazetteer.country(w) is not None for w in words
    )


_FILLER_WORDS = frozenset({"the", "a", "an", "former", "then", "acting", "interim", "s"})


def _address_ending_at(doc, i: int, index: MentionIndex):
    """The place mention whose last token is `i`, with the town before it when the two are
    written as an address ("Tarsk, Ohio"); None when no place ends there."""
    place = index.at(doc[i]) if i >= 0 else None
    if place is None or place.type not in _PLACES or _ends_mention(doc[i], place, index) is False:
        return None
    first = person_start(doc[i], place)
    town = index.at(doc[first - 2]) if first >= 2 and doc[first - 1].text == "," else None
    if town is not None and town.type == "City" and place.type in {"Region", "Country"}:
        return replace(town, text=_joined(doc, town, place), end=place.end)
    return place


def _home_of(sent: Span, index: MentionIndex, places: Places, tokens: list[Token]) -> list[StateFact]:
    """'Jo Li ... his native Tarsk', '... her Tarsk home', '... his hometown of Tarsk' (the
    pronoun stands for the nearest person named before it), 'Tarsk, Jo Li's hometown' and
    'Jo Li, a Tarsk native'."""
    facts = []
    doc = sent.doc
    homes = places.home_nouns
    for tok in tokens:
        if tok.tag_ == "PRP$" and tok.lower_ in {"his", "her"} and tok.i + 2 < sent.end:
            nxt, after = doc[tok.i + 1], doc[tok.i + 2]
            place = None
            if nxt.lower_ in homes and nxt.lower_ != "home":  # "his native Tarsk", "her hometown of Tarsk"
                place = (
                    index.at(doc[tok.i + 3])
                    if after.lower_ == "of" and tok.i + 3 < sent.end
                    else index.at(after)
                )
            elif index.at(nxt) is not None:  # "his Tarsk home"
                end = last_token(index, nxt)
                if end.i + 1 < sent.end and doc[end.i + 1].lower_ in homes:
                    place = index.at(nxt)
            if place is None or place.type not in _PLACES:
                continue
            person = next(
                (
                    index.at(t)
                    for t in reversed(doc[sent.start : tok.i])
                    if (m := index.at(t)) is not None and m.type == "Person"
                ),
                None,
            )
            if person is not None:
                facts.append(StateFact(person, place, "lives_in.home"))
        if tok.lower_ in homes and tok.pos_ == "NOUN":
            # "Tarsk, Jo Li's hometown": the place written just before the owner's name
            owner_tok = next((c for c in tok.children if c.dep_ == "poss"), None)
            owner = index.at(owner_tok) if owner_tok is not None else None
            if owner_tok is not None and owner is not None and owner.type == "Person":
                first = person_start(owner_tok, owner)
                place = (
                    _address_ending_at(doc, first - 2, index)
                    if first >= 2 and doc[first - 1].text == ","
                    else None
                )
                if place is not None:
                    facts.append(StateFact(owner, place, "lives_in.home"))
        person = index.at(tok)
        if (
            person is not None
            and person.type == "Person"
            and _ends_mention(tok, person, index)
            and tok.i + 3 < sent.end
            and doc[tok.i + 1].text == ","
            and doc[tok.i + 2].lower_ in {"a", "an"}
        ):
            place = index.at(doc[tok.i + 3])  # "Jo Li, a Tarsk native"
            if place is not None and place.type in _PLACES:
                end = last_token(index, doc[tok.i + 3])
                if end.i + 1 < sent.end and doc[end.i + 1].lower_ in places.residence_nouns:
                    facts.append(StateFact(person, place, "lives_in.native_of"))
    return facts


def _lives_in(tokens: list[Token], index: MentionIndex, places: Places) -> list[StateFact]:
    """'Jo Li lives in Tarsk', 'Jo Li, who lives near Tarsk'."""
    facts = []
    for verb in tokens:
        if (
            verb.lemma_.lower() not in places.residence_verbs
            or verb.pos_ != "VERB"
            or any(c.dep_ == "neg" for c in verb.children)
        ):
            continue
        persons = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and any(c.tag_ in {"WP", "WDT"} for c in persons):
            persons = [verb.head]
        persons += [a for p in persons for a in p.children if a.dep_ == "appos"]  # "his sister Mary, who"
        found = [
            index.at(p)
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"in", "near", "at"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        for p_tok in persons:
            person = index.at(p_tok)
            if person is None or person.type != "Person":
                continue
            for place in found:
                if place is not None and place.type in _PLACES:
                    facts.append(StateFact(person, place, "lives_in.lives"))
    return facts


def _born_in(tokens: list[Token], index: MentionIndex) -> list[StateFact]:
    """'Jo Li was born in Tarsk, Examplestan', 'Tarsk-born Jo Li', 'Jo Li, who was born near
    Tarsk', 'Born in Tarsk, Jo Li ...'. A birthplace written as an address ("Tarsk, Ohio") is
    one mention, town and state."""
    facts = []
    for verb in tokens:
        if verb.lower_ != "born":
            continue
        persons = [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]
        if verb.dep_ in {"acl", "amod"}:
            persons.append(verb.head)
        if verb.dep_ == "relcl" and any(
            c.dep_ == "nsubjpass" and c.tag_ in {"WP", "WDT"} for c in verb.children
        ):
            persons.append(verb.head)  # "Jo Li, who was born in Tarsk"
        if verb.dep_ == "advcl" and verb.i == verb.sent.start and not persons:
            persons += [c for c in verb.head.children if c.dep_ == "nsubj"]  # "Born in Tarsk, Jo Li ..."
        persons += [a for p in persons for a in p.children if a.dep_ == "appos"]  # "the painter Jo Li"
        places = [
            p
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in {"in", "at", "near"}
            for p in c.children
            if p.dep_ == "pobj"
        ]
        places += [c for c in verb.children if c.dep_ in {"npadvmod", "compound"}]
        if verb.dep_ == "relcl" and any(c.lower_ == "where" for c in verb.children):
            places.append(verb.head)  # "Tarsk, where Jo Li was born"
        found = []
        for place_tok in places:
            place = index.at(place_tok)
            if place is None or place.type not in _PLACES:
                continue
            found.append(address(place_tok, place, index))
        # "born in Tarsk, Vt.": the state is inside the address, not a second birthplace
        found = [
            f
            for f in found
            if not any(
                g is not f and g.start <= f.start and f.end <= g.end and (g.start, g.end) != (f.start, f.end)
                for g in found
            )
        ]
        for p_tok in persons:
            person = index.at(p_tok)
            if person is None or person.type != "Person":
                continue
            for place in found:
                facts.append(StateFact(person, place, "lives_in.born_in"))
    return facts


def address(token: Token, place, index: MentionIndex):
    """The place mention at `token`, widened over the state or country written after it as an
    address ("Tarsk, Examplia", "Tarsk, Ohio"): a town's address is one name."""
    if place.type == "Country":
        return place
    region = state_after(index, token)
    if region is None or region.type == "Country" and place.type != "City":
        return place
    return replace(place, text=_joined(token.doc, place, region), end=region.end)


def _led_by(
    tokens: list[Token],
    index: MentionIndex,
    lead_verbs: frozenset[str],
    delegated: frozenset[str] = frozenset(),
) -> list[StateFact]:
    """'the government led by Jo Li', 'a council headed by its founder, Jo Li', 'the militia is
    commanded by Jo Li', 'Jo Li chairs the council', 'Jo Li, who heads the council'. Present tense
    only in clauses ('was led by', 'headed' may be a former role); never negated. A delegation
    stands for its state, but its head leads only the delegation ('a delegation headed by X')."""
    facts = []
    for verb in tokens:
        if verb.lemma_ not in lead_verbs or any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.tag_ == "VBN" and verb.dep_ in {"acl", "relcl"}:
            led_tokens, leaders = [verb.head], _agents(verb)
        elif verb.tag_ == "VBN" and any(
            c.dep_ == "auxpass" and c.tag_ in {"VBZ", "VBP"} for c in verb.children
        ):
            led_tokens = [c for c in verb.children if c.dep_ == "nsubjpass"]
            leaders = _agents(verb)
        elif verb.tag_ in {"VBZ", "VBP"} and verb.lemma_ != "found":
            led_tokens = [c for c in verb.children if c.dep_ == "dobj"]
            leaders = [c for c in verb.children if c.dep_ == "nsubj"]
            if verb.dep_ == "relcl" and leaders and leaders[0].tag_ in {"WP", "WDT"}:
                leaders = [verb.head]
        else:
            continue
        for led_token in led_tokens:
            led = index.at(led_token)
            if led is None or led.type not in {"Organization", "Group"}:
                continue
            if led_token.lemma_.lower() in delegated:
                continue
            for tok in leaders:
                for each in (tok, *[c for c in tok.children if c.dep_ in {"appos", "conj"}]):
                    leader = index.at(each)
                    if leader is not None and leader.type == "Person" and leader is not led:
                        facts.append(StateFact(leader, led, "leader_of.led_by"))
    return facts


def _ruled(tokens: list[Token], index: MentionIndex, rule_verbs: frozenset[str]) -> list[StateFact]:
    """'Jo Li rules Examplestan', 'Jo Li, who ruled Examplestan until 2009' (a former role in
    the past tense); never negated, under a modal or as an infinitive ('vowed to rule')."""
    facts = []
    for verb in tokens:
        if (
            verb.lemma_ not in rule_verbs
            or verb.tag_ not in {"VBD", "VBZ", "VBP"}
            or not stated_outright(verb)
        ):
            continue
        rulers = [c for c in verb.children if c.dep_ == "nsubj"]
        if verb.dep_ == "relcl" and rulers and rulers[0].tag_ in {"WP", "WDT"}:
            rulers = [verb.head]
        for ruled_token in (c for c in verb.children if c.dep_ == "dobj"):
            ruled = index.at(ruled_token)
            if ruled is None or ruled.type not in {"Country", "Region", "Organization"}:
                continue
            for tok in rulers:  # "his father, Jo Li, who ruled X": the name beside the noun
                for each in (tok, *[c for c in tok.children if c.dep_ == "appos"]):
                    ruler = index.at(each)
                    if ruler is not None and ruler.type == "Person":
                        facts.append(StateFact(ruler, ruled, "leader_of.ruled", former=verb.tag_ == "VBD"))
                        break
    return facts


def _unnamed_role(text: str, roles: RoleLexicon, body_words: AbstractSet[str]) -> bool:
    """A person's mention that is a role and names no one: a title last, written in lower case
    ("the country's leader") or after a body's word ("Supreme Court President"); a name that
    ends in a word of a title ("Martin Luther King") is still a name."""
    words = text.split()
    return (words[-1].islower() and words[-1] in roles.one_word_titles) or body_title(
        words, roles.one_word_titles, body_words
    )


def _agents(verb: Token) -> list[Token]:
    """The nouns of a passive verb's by-phrase."""
    return [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]


def _person_affiliations(  # noqa: C901  (a decision list over the parse, in rule order)
    token: Token,
    person,
    index: MentionIndex,
    places: Places,
    leader_titles: frozenset[str] = frozenset(),
    deputy_words: frozenset[str] = frozenset(),
    titles: frozenset[str] = frozenset(),
) -> list[StateFact]:
    facts = []
    doc = token.doc
    if token.i == person_start(token, person):
        # "Acme placekicker Jo Li": an organization, one common noun (a role), the name
        role = doc[token.i - 1] if token.i >= 2 else None
        org = index.at(doc[token.i - 2]) if token.i >= 2 else None
        if (
            role is not None
            and role.pos_ == "NOUN"
            and role.is_lower
            and org is not None
            and org.type == "Organization"
            and index.at(role) is None
        ):
            facts.append(StateFact(person, org, "official_of.organization_role_name"))
    if _ends_mention(token, person, index):
        # "Jo Li, 47, of Acme": AP style age then affiliation
        j = token.i + 1
        if (
            j + 4 < len(doc)
            and doc[j].text == ","
            and doc[j + 1].like_num
            and doc[j + 2].text == ","
            and doc[j + 3].lower_ == "of"
        ):
            k = j + 4 + (doc[j + 4].lower_ == "the")
            org = index.at(doc[k]) if k < len(doc) else None
            if org is not None and org.type == "Organization":
                facts.append(StateFact(person, org, "official_of.age_of_organization"))
    for poss in (c for c in token.children if c.dep_ == "poss" and not person.start <= c.idx < person.end):
        owner = index.at(poss)
        if owner is not None and owner.type == "Country" and token.dep_ != "compound":
            facts.append(StateFact(person, owner, "national_of.possessive"))  # "Examplestan's Jo Li"
    for pobj in _pobjs(token, places.person_preps):
        org = index.at(pobj)
        if org is not None and org.type == "Organization":
            facts.append(StateFact(person, org, "official_of.person_at_org"))
    for pobj in _pobjs(token, {"of", "from"}):
        place = index.at(pobj)
        if place is not None and place.type in _PLACES:
            rule = "national_of.person_of_country" if place.type == "Country" else "lives_in.person_of_place"
            facts.append(StateFact(person, place, rule))
    nouns = [c for c in token.children if c.dep_ in {"appos", "attr"} and c.pos_ == "NOUN"]
    subject = token.head if token.dep_ == "appos" and token.head.dep_ == "nsubj" else token
    copula = (
        subject.head
        if subject.dep_ == "nsubj"
        and subject.head.lemma_ == "be"
        and not any(c.dep_ == "neg" for c in subject.head.children)
        else None
    )
    if copula is not None:  # "Jo Li is a native of Tarsk", "Jo Li is from Tarsk"
        nouns += [c for c in copula.children if c.dep_ == "attr" and c.pos_ == "NOUN"]
        for pobj in _pobjs(copula, {"from"}):
            place = index.at(pobj)
            if place is not None and place.type in _PLACES:
                facts.append(StateFact(person, address(pobj, place, index), "lives_in.from"))
    if token.i == person_start(token, person) and token.i >= 2:
        # "Tarsk native Jo Li": a place, a residence noun, the name
        noun, place = doc[token.i - 1], index.at(doc[token.i - 2])
        if (
            noun.lower_ in places.residence_nouns
            and index.at(noun) is None
            and place is not None
            and place.type in _PLACES
        ):
            facts.append(StateFact(person, place, "lives_in.native_of"))
    for appos in nouns:
        if appos.lemma_.lower() in places.residence_nouns:
            for pobj in _pobjs(appos, {"of", "in"}):
                place = index.at(pobj)
                if place is not None and place.type in _PLACES:
                    facts.append(StateFact(person, address(pobj, place, index), "lives_in.native_of"))
            for mod in (c for c in appos.children if c.dep_ in {"compound", "nmod"}):
                place = index.at(mod)
                if place is not None and place.type in _PLACES:
                    facts.append(StateFact(person, place, "lives_in.native_of"))
    apposed = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    for appos in apposed + [j for a in apposed for j in a.conjuncts if j.pos_ == "NOUN" and j not in apposed]:
        if appos.lemma_.lower() not in titles or appos.lemma_.lower() in places.membership_nouns:
            continue  # "Jo Li, a critic of the council": no office; "a member of": MEMBER_OF
        deputy = any(c.lower_ in deputy_words for c in appos.children if c.i < appos.i)  # "deputy head"
        kind = (
            "leader_of.appositive_role"
            if appos.lemma_.lower() in leader_titles and not deputy
            else "official_of.appositive_role"
        )
        for pobj in _pobjs(appos, places.person_preps):
            org = index.at(pobj)
            if org is not None and org.type == "Organization":
                facts.append(StateFact(person, org, kind))
    return facts


def _organization_places(
    token: Token, org, index: MentionIndex, places: Places, office_words: AbstractSet[str] = frozenset()
) -> list[StateFact]:
    facts = []
    for poss in (c for c in token.children if c.dep_ == "poss"):
        owner = index.at(poss)
        if owner is not None and owner.type == "Person":
            facts.append(StateFact(owner, org, "leader_of.possessive_organization"))  # "Jo Li's party"
    for pobj in [] if name_used(token) else _pobjs(token, places.organization_preps):
        place = index.at(pobj)
        if pobj.ent_type_ in {"LANGUAGE", "NORP"}:
            continue  # "Radio Examplia in Examplish": a language, not a place
        after = pobj.right_edge.i + 1
        if pobj.head.lower_ == "from" and after < len(pobj.doc) and pobj.doc[after].lower_ == "to":
            continue  # "the UN and world powers from Paris to Washington": a span, not a seat
        if place is not None and place.type in _PLACES and place is not org:
            facts.append(StateFact(org, place, "based_in.org_in_place"))
    seat = token.head
    if token.dep_ in {"compound", "poss"} and seat.lemma_.lower() in places.headquarters_nouns:
        for pobj in _pobjs(seat, {"in"}):  # "NATO headquarters in Brussels"
            place = index.at(pobj)
            if place is not None and place.type in _PLACES and place is not org:
                facts.append(StateFact(org, place, "based_in.headquarters"))
    if _ends_mention(token, org, index):
        for mod in (c for c in token.children if c.dep_ == "compound" and c.i < token.i and c.is_title):
            place = index.at(mod)
            if (
                place is not None
                and place.type in _PLACES
                and place is not org
                and not org.start <= place.start < org.end
                # next to the name, never across a dateline's dash ("TARSK, Examplia - NATO said")
                and not any(t.is_punct for t in token.doc[mod.i + 1 : token.i])
            ):
                facts.append(StateFact(org, place, "based_in.place_modifier"))  # "the Tarsk Herald"
    nouns = [c for c in token.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if token.dep_ == "appos" and token.head.pos_ == "NOUN":
        nouns.append(token.head)
    for noun in (n for n in nouns if n.lower_ not in office_words):
        # ("reported by the Herald, the Examplish secretary of state, Jo Li": a person's title)
        for mod in (c for c in noun.children if c.dep_ in {"compound", "amod", "nmod", "poss"}):
            place = index.at(mod)
            if place is None or place.type not in _PLACES:
                found = country_of(mod) if mod.pos_ in {"ADJ", "PROPN"} else None
                place = (
                    mention(mod.doc[mod.i : mod.i + 1], "Country", found.name, iso3=found.iso3)
                    if found
                    else None
                )
            if place is not None:
                facts.append(StateFact(org, place, "based_in.appositive_place"))
    return facts


def _joined(doc, first, last) -> str:
    """The document text from the start of mention `first` to the end of mention `last`."""
    span = doc.char_span(first.start, last.end, alignment_mode="expand")
    return span.text if span is not None else first.text


def person_start(token: Token, m) -> int:
    """The first token of the mention `m` that covers `token`."""
    span = token.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.start if span is not None else token.i


def _ends_mention(token: Token, m, index: MentionIndex) -> bool:
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is None or index.at(nxt) is not m


def _dateline(sent: Span, index: MentionIndex) -> list[StateFact]:
    """'Tarsk AGENCY in English': a broadcaster a monitoring service's source line places (after
    a message code such as "PA2904034294"). A wire agency's dateline ('TARSK, Region (Agency) -')
    says where the story was filed, not where the agency is based: no fact."""
    monitoring = monitoring_start(sent)
    first = monitoring[0] if monitoring is not None else sent.start
    tokens = [t for t in sent.doc[first : min(sent.end, first + 20)] if not t.is_space][:9]
    found_places: list = []
    for tok in tokens:
        found = index.at(tok)
        if tok.is_punct:
            continue
        if found is not None and found.type in _PLACES:
            if found not in found_places:
                found_places.append(found)
            continue
        if (
            found is not None
            and found.type == "Organization"
            and found_places
            and found_places[0].type != "Country"
            # a broadcaster in a monitoring service's source line ("Tarsk Radio X in English")
            # is based where the line says; a wire agency in brackets ("TARSK (Agency) -") only
            # filed the story there, and "KYIV, Ukraine - NATO said" places no one
            and monitoring is not None
        ):
            # the town only: a state or country after it places the town, not the agency
            return [StateFact(found, found_places[0], "based_in.dateline")]
        break
    return []
