"""Stative facts about places and organizations: "Tarsk, Examplestan", "Examplestan's capital
Tarsk", "the Examplish city of Tarsk", "Examplestan's Tarsk", "Acme, based in Tarsk",
"Tarsk, seat of Acme", "X includes A, B and C", "members A and B"."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.core import gazetteer
from kg.core.model import EntityMention
from kg.core.ontology import load_ontology
from kg.loaders import lexicon
from kg.loaders.lexicon import Places
from kg.loaders.mentions import MentionIndex, country_of, mention

_LOCALITIES = load_ontology().localities  # a region or a town, not a whole country

_PLACES = load_ontology().places
_POSSESSIVE = {"'s", "’s", "'"}


@dataclass(frozen=True)
class StateFact:
    """A stative fact; its relation and confidence come from states.json by rule id."""

    subject: EntityMention
    object: EntityMention
    rule: str
    former: bool = False  # a role held before ("Jo Li, who ruled X until 2009")


def name_used(token: Token) -> bool:
    """'known as Tarsk in Examplestan', 'called Tarsk in Examplish': a name used in a place or
    a language, not a place in it."""
    naming = {"know", "call", "name", "refer", "dub"}
    if token.dep_ == "pobj" and token.head.lower_ == "as":
        prep = token.head
        while prep.dep_ == "conj" and prep.head != prep:  # "known as X in Y and as Z in W"
            prep = prep.head
        return prep.head.lemma_.lower() in naming
    return token.dep_ in {"oprd", "xcomp", "attr"} and token.head.lemma_.lower() in naming


def _place(index: MentionIndex, token: Token) -> EntityMention | None:
    found = index.at(token)
    if found is None and token.pos_ == "NOUN":  # "in the disputed Tarsk region"
        for mod in (c for c in token.children if c.dep_ in {"compound", "nmod"}):
            found = index.at(mod) or found
    return found if found is not None and found.type in _PLACES else None


def _opens_clause(doc, i: int, index: MentionIndex) -> bool:
    """ "After rebels took Gulu, Chile sent troops" (or "Chilean officials said"): the place after
    the comma is (or modifies) the subject of the next clause, not the first place's country."""
    m = index.at(doc[i])
    j = i
    while j < len(doc) and index.at(doc[j]) is m:
        if doc[j].dep_ in {"nsubj", "nsubjpass"} and doc[j].head.i > j:
            return True
        j += 1
    # "... in the Gulf of Tarsk, Examplish officials said": a demonym modifying the next clause's
    # subject, no country of the place
    last = doc[j - 1]
    if last.dep_ not in {"amod", "compound", "nmod"} or last.head.i < j:
        return False
    titles = lexicon.roles().all_titles
    head = last.head
    for _ in range(3):  # "... near Tarsk, Examplish Defence Minister Jo Lano said": the title's state
        if head.lower_ in titles:
            return True
        if head.dep_ not in {"compound", "amod", "nmod"} or head.head.i <= head.i:
            break
        head = head.head
    if not (last.pos_ == "ADJ" or last.ent_type_ == "NORP"):  # a demonym, not "TARSK, Peru - X said"
        return False
    head = last.head
    for _ in range(4):  # up the name: "Defence" -> "Minister" -> "Lano", the subject
        if head.dep_ in {"nsubj", "nsubjpass"}:
            return index.at(head) is not m
        if head.dep_ not in {"compound", "amod", "appos"} or head.head.i == head.i:
            return False
        head = head.head
    return False


def find_place_facts(
    sent: Span,
    index: MentionIndex,
    places: Places,
    candidates: list[int] | None = None,
    bodies: frozenset[str] = frozenset(),
) -> list[StateFact]:
    """`candidates`: the token indices worth looking at (mentions and the rules' words);
    every token of the sentence when None."""
    facts: list[StateFact] = []
    doc = sent.doc
    for token in (doc[i] for i in candidates) if candidates is not None else sent:
        here = index.at(token)
        # "Tarsk, Examplestan": a place, a comma, a containing place
        if (
            here is not None
            and here.type in _PLACES
            and token.i + 2 < sent.end
            and doc[token.i + 1].text == ","
            and index.at(doc[token.i + 2]) is not None
            and (token.i + 1 >= sent.end or index.at(doc[token.i + 1]) is None)
        ):
            outer = _place(index, doc[token.i + 2])
            if (
                outer is not None
                and outer is not here
                and outer.type != "City"
                and here.type != "Country"
                and _ends_here(index, token)
                and not _listed(doc, token.i + 2, sent, index)
                and not _opens_clause(doc, token.i + 2, index)
            ):
                facts.append(StateFact(here, outer, "located_in.comma"))
                # "Salida and Gunnison, Colorado": the container holds each coordinated town
                facts += [
                    StateFact(other, outer, "located_in.comma")
                    for other in _coordinated_before(doc, token, here, sent, index)
                ]
        # "Tarsk, Ohio" with a state abbreviation NER did not read as a place ("TARSK, Tenn.")
        if (
            here is not None
            and here.type in _LOCALITIES
            and _ends_here(index, token)
            and token.i + 2 < sent.end
            and doc[token.i + 1].text == ","
            and _place(index, doc[token.i + 2]) is None
        ):
            outer = state_after(index, token)
            if outer is not None and outer.type == "Region":
                facts.append(StateFact(here, outer, "located_in.comma"))
        # "Tarsk in northern Examplestan" written next to each other, however parsed
        if (
            here is not None
            and here.type in _LOCALITIES
            and _ends_here(index, token)
            and not name_used(token)
        ):
            outer = _in_next(doc, token, sent, index, places)
            if outer is not None and outer is not here and outer.type != "City":
                facts.append(StateFact(here, outer, "located_in.in"))
        # "Tarsk in Examplestan", "Tarsk is in Examplestan"
        if here is not None and here.type in _PLACES and _ends_here(index, token) and not name_used(token):
            heads = [token] + ([token.head] if token.dep_ == "nsubj" and token.head.lemma_ == "be" else [])
            for head in heads:
                for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "in"):
                    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                        outer = _place(index, pobj)
                        if (
                            outer is not None
                            and outer is not here
                            and here.type != "Country"
                            and outer.type != "City"
                        ):
                            facts.append(StateFact(here, outer, "located_in.in"))
        # "Examplestan's Tarsk", "Examplestan's Tarsk airfield"
        if here is not None and here.type in _LOCALITIES and _ends_here(index, token):
            facts.extend(_possessive_place(token, here, index))
        lower = token.lower_
        settlement = lower in places.settlements or token.lemma_.lower() in places.settlements
        if settlement and token.pos_ == "NOUN":  # "two towns in X" too
            facts.extend(_settlement(token, index))
        if lower == "based" or token.lemma_ in {"headquarter", "headquartered"} or lower.endswith("-based"):
            facts.extend(_based(token, index))
        if lower == "seat" and token.pos_ == "NOUN":
            facts.extend(_seat_of(token, index))
        if token.lemma_ in places.membership_verbs and token.pos_ == "VERB":
            facts.extend(_includes(token, index))
        if lower in places.membership_nouns and token.pos_ == "NOUN":
            facts.extend(_member(token, index, bodies))
    return facts


def _in_next(doc, token: Token, sent: Span, index: MentionIndex, places: Places) -> EntityMention | None:
    """The place named right after "in" (and a compass word) behind `token`: 'Tarsk in
    northern Examplestan'."""
    j = token.i + 1
    if j >= sent.end or doc[j].lower_ != "in":
        return None
    j += 1
    if j < sent.end and doc[j].lower_ in places.compass_words:
        j += 1
    return _place(index, doc[j]) if j < sent.end and doc[j].pos_ == "PROPN" else None


def without_address_parts(facts: list[StateFact]) -> list[StateFact]:
    """A person's birthplace or home written as an address ("born in Tarsk, Ohio") is one name:
    the LOCATED_IN between its two halves is left out."""
    homes = [
        (f.object.start, f.object.end)
        for f in facts
        if f.rule.startswith("lives_in.") and f.subject.type == "Person"
    ]
    if not homes:
        return facts
    return [
        f
        for f in facts
        if not (
            f.rule == "located_in.comma"
            and any(start <= f.subject.start and f.object.end <= end for start, end in homes)
        )
    ]


def with_address_states(facts: list[StateFact], doc, index: MentionIndex) -> list[StateFact]:
    """Who lives or is based in a town written as an address ("Jo Li of Tarsk, Ohio", "Acme,
    based in Tarsk, Ohio") lives or is based in its state too."""
    out = list(facts)
    for f in facts:
        if not (f.rule.startswith(("lives_in.", "based_in.")) and f.object.type in _LOCALITIES):
            continue
        span = doc.char_span(f.object.start, f.object.end, alignment_mode="expand")
        if span is None or (last := index.at(span[-1])) is None or last.end != f.object.end:
            continue  # an address written whole ("born in Tarsk, Ohio") already holds its state
        state = state_after(index, span[-1])
        if state is not None and state.type == "Region":
            out.append(StateFact(f.subject, state, f.rule))
    return out


def last_token(index: MentionIndex, token: Token) -> Token:
    """The last token of the mention that covers `token` (`token` itself outside mentions)."""
    here = index.at(token)
    doc = token.doc
    while here is not None and token.i + 1 < len(doc) and index.at(doc[token.i + 1]) is here:
        token = doc[token.i + 1]
    return token


def state_after(index: MentionIndex, token: Token) -> EntityMention | None:
    """'Tarsk, Ohio', 'Tarsk, Mass.': the state or country written after a comma behind the
    place mention at `token`, the second half of an address; None when the name after the comma
    goes on as a list ("Tarsk, Ohio and Utah"). A state abbreviation NER left untagged counts
    ("Mass", "Va" before a full stop) when the gazetteer knows it."""
    here = index.at(token)
    doc = token.doc
    end = last_token(index, token).i
    sent = token.sent
    if here is None or end + 2 >= sent.end or doc[end + 1].text != ",":
        return None
    first = doc[end + 2]
    outer = index.at(first)
    if outer is not None and outer.type in {"Region", "Country"}:
        if outer is here or _listed(doc, end + 2, sent, index):
            return None
        return outer
    if outer is not None and (outer.start != first.idx or outer.end != first.idx + len(first.text)):
        return None  # a longer name of another kind; one word ("Neb" read as a person) may be a state
    if not first.text[:1].isupper() or first.i + 1 < sent.end and doc[first.i + 1].lower_ in {"and", "or"}:
        return None
    nxt = doc[first.i + 1] if first.i + 1 < len(doc) else None
    found = gazetteer.region(first.text) or (
        gazetteer.region(first.text + ".") if nxt is not None and nxt.text == "." else None
    )
    if found is None:
        return None
    return mention(doc[first.i : first.i + 1], "Region", found[0], geonames=found[1])


def _listed(doc, i: int, sent: Span, index: MentionIndex) -> bool:
    """'Nigeria, Ghana and Senegal': the name after the comma goes on as a list, so it is no
    container of the one before."""
    here = index.at(doc[i])
    j = i + 1
    while j < sent.end and index.at(doc[j]) is here:
        j += 1
    if j >= sent.end:
        return False
    if doc[j].lower_ in {"and", "or"}:
        return True
    return (
        doc[j].text == ","
        and j + 1 < sent.end
        and (doc[j + 1].lower_ in {"and", "or"} or _place(index, doc[j + 1]) is not None)
    )


def _coordinated_before(
    doc, token: Token, here: EntityMention, sent: Span, index: MentionIndex
) -> list[EntityMention]:
    """The places of the same kind coordinated before `here` ("Salida and Gunnison", "Tarsk,
    Vell and Ossa"), read back from its first token over "and", "or" and commas."""
    first = token.i
    while first > sent.start and index.at(doc[first - 1]) is here:
        first -= 1
    found: list[EntityMention] = []
    joined = False
    j = first - 1
    while j - 1 >= sent.start and (doc[j].lower_ in {"and", "or"} or doc[j].text == ","):
        joined = joined or doc[j].lower_ in {"and", "or"}
        other = index.at(doc[j - 1])
        if other is None or other.type != here.type or other is here:
            break
        found.append(other)
        j = j - 1
        while j > sent.start and index.at(doc[j - 1]) is other:
            j -= 1
        j -= 1
    return found if joined else []


def _ends_here(index: MentionIndex, token: Token) -> bool:
    nxt = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return nxt is None or index.at(nxt) is not index.at(token)


def _possessive_place(token: Token, here: EntityMention, index: MentionIndex) -> list[StateFact]:
    """'Examplestan's Tarsk': a country's possessive before a place name."""
    doc = token.doc
    first = token
    while first.i > 0 and index.at(doc[first.i - 1]) is here:
        first = doc[first.i - 1]
    if first.i < 2 or doc[first.i - 1].text not in _POSSESSIVE:
        return []
    owner = _place(index, doc[first.i - 2])
    if owner is None or owner.type != "Country" or owner is here:
        return []
    return [StateFact(here, owner, "located_in.possessive")]


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
                container = mention(noun.doc[child.i : child.i + 1], "Country", found.name, iso3=found.iso3)
        if child.dep_ == "prep" and child.lower_ in {"of", "in", "inside", "on"}:
            # "the capital of X", "a province in X", "a region inside X", "a city on X"; "the
            # resort of X" names the place itself, so a region after "of" contains only a capital
            kinds = {"Country", "Region"} if child.lower_ != "of" or noun.lower_ == "capital" else {"Country"}
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                place = _place(index, pobj)
                if place is not None and place.type in kinds:
                    container = place
    named: list[Token] = []
    for child in noun.children:
        if child.dep_ == "appos" or (child.dep_ == "prep" and child.lower_ == "of"):
            named += [child] if child.dep_ == "appos" else [c for c in child.children if c.dep_ == "pobj"]
    if noun.dep_ == "appos":
        named.append(noun.head)  # "Tarsk and Velm, two towns in X": each of them
        named += [c for c in noun.head.conjuncts if c.i < noun.i]
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    if nxt is not None and nxt.text == ",":
        nxt = noun.doc[noun.i + 2] if noun.i + 2 < len(noun.doc) else None
    if nxt is not None:
        named.append(nxt)
    if container is None:
        return []
    facts = []
    itself = index.at(noun)
    if itself is not None and itself.type in _LOCALITIES and itself.key != container.key:
        # "the Examplish territory" named before as a region; "Tarsk, Examplestan's capital":
        # the name it stands beside, when that is the same place, is the better mention
        same = [t for t in named if (p := _place(index, t)) is not None and p.key == itself.key]
        named.insert(0, same[0] if same else noun)
    plural = noun.tag_ == "NNS"
    for tok in named:
        place = _place(index, tok)
        allowed = _PLACES if noun.lower_ == "territory" else _LOCALITIES
        if place is not None and place.type in allowed and place.key != container.key:
            if noun.lower_ == "capital":  # a capital is also in its country
                facts.append(StateFact(place, container, "capital_of.capital"))
            facts.append(StateFact(place, container, "located_in.settlement_of"))
            if not plural:  # a plural noun names several ("two towns"), a singular one place
                break
    return facts


def _based(token: Token, index: MentionIndex) -> list[StateFact]:
    """'Acme, based in Tarsk', 'the Tarsk-based Acme', 'headquartered in Tarsk'."""
    facts = []
    doc = token.doc
    place = None
    if token.lower_.endswith("-based") and len(token.text) > 6:
        inner = index.hyphen_left.get(token.i)
        if inner is not None and inner.type in _PLACES:
            place = inner
    if token.i >= 2 and doc[token.i - 1].text == "-":
        place = place or _place(index, doc[token.i - 2])
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            place = place or _place(index, pobj)
    if place is None:
        return []
    org = index.at(token.head)
    if org is None and token.head.dep_ in {"nsubjpass", "nsubj"}:
        org = index.at(token.head.head)
    if org is None:
        subj = [c for c in token.children if c.dep_ in {"nsubjpass", "nsubj"}]
        org = index.at(subj[0]) if subj else None
    if org is not None and org.type in {"Organization", "Group"}:
        facts.append(StateFact(org, place, "based_in.based"))
    return facts


def _seat_of(noun: Token, index: MentionIndex) -> list[StateFact]:
    """'Tarsk, (the) seat of Acme': the organization is based in the place."""
    place = _place(index, noun.head) if noun.dep_ == "appos" else None
    if place is None:
        return []
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            org = index.at(pobj)
            if org is not None and org.type == "Organization":
                return [StateFact(org, place, "based_in.seat_of")]
    return []


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
        if member is not None and member.type in {"Country", "Organization", "Person"} and member is not org:
            facts.append(StateFact(member, org, "member_of.includes"))
    return facts


def _last_body(noun: Token, index: MentionIndex, bodies: frozenset[str]) -> EntityMention | None:
    """The organization a bare "members" belongs to: one whose name ends in a word for a body
    of members ("council") named in this sentence or the one before."""
    doc = noun.doc
    heads = {c.lower_ for c in noun.children if c.dep_ in {"compound", "nmod"}} & bodies
    floor = doc[noun.sent.start - 1].sent.start_char if noun.sent.start > 0 else 0
    for m in reversed(index.unique()):
        if m.type != "Organization" or m.end > noun.idx or m.start < floor:
            continue
        last = m.key.lower().split()[-1:]
        if last and last[0] in (heads or bodies):
            return m
    return None


def _member(noun: Token, index: MentionIndex, bodies: frozenset[str]) -> list[StateFact]:
    """'A is a member of X', 'A, who is a member of X', 'A, a member of X', 'X members A and B',
    'members A and B of X', 'council members, including A'."""
    org = None
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            org = index.at(pobj)
    members: list[Token] = []
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        if any(c.dep_ == "neg" for c in noun.head.children):
            return []  # "A is not a member of X"
        members = [c for c in noun.head.children if c.dep_ == "nsubj"]
        if noun.head.dep_ == "relcl" and all(m.tag_ in {"WP", "WDT"} for m in members):
            members = [noun.head.head]  # "Jo Li and Ana Ruiz, who are members of X"
    elif noun.dep_ == "appos":
        members = [noun.head]
    elif noun.dep_ == "conj" and noun.head.dep_ == "appos":
        members = [noun.head.head]  # "Jo Li, director of X and a member of Y"
    members += [c for c in noun.children if c.dep_ == "appos" and c.i > noun.i]
    members += [
        p
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "including"
        for p in c.children
        if p.dep_ == "pobj"
    ]
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    while (
        nxt is not None
        and nxt.dep_ == "compound"
        and nxt.head.i > nxt.i
        and index.at(nxt.head) is index.at(nxt)
    ):
        nxt = nxt.head  # the head of the name, which carries its conjuncts
    if (
        nxt is not None
        and (named := index.at(nxt)) is not None
        and named.type == "Person"
        and nxt.head != noun
        and nxt not in members
    ):
        members.append(nxt)  # "said members Jo Li and Ana Ruiz" parsed flat
    if org is None:
        mods = [
            c
            for c in noun.children
            if c.dep_ in {"compound", "nmod", "amod", "poss"} and index.at(c) is not None
        ]
        if mods:
            org = index.at(mods[0])
    if org is None and noun.tag_ == "NNS" and members:
        # "council members Jo Li and Ana Ruiz", "said members Jo Li and ...": the body named last
        org = _last_body(noun, index, bodies)
    if org is None or org.type != "Organization":
        return []
    facts = []
    for head in members:
        for tok in (head, *head.conjuncts, *[c for c in head.children if c.dep_ == "appos"]):
            member = index.at(tok)
            if (
                member is not None
                and member is not org
                and member.type in {"Country", "Organization", "Person"}
            ):
                facts.append(StateFact(member, org, "member_of.member"))
    return facts
