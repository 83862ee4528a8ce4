"""Where a trigger's arguments are in the dependency tree: the role names used by events.jsonl.

Roles: subj, obj (voice-aware: a passive's agent is its subject), prep:on|at (object of a
preposition on the trigger or on its direct object), poss, modifier, prep:by, host_subj (subject
of the verb a nominal trigger hangs from), host_prep:X, host_dative, ccomp_subj, obj_of,
obj_poss, obj_prep:X, self, named_head, appos_of, copula_subj, between_first, between_rest.
"""
from __future__ import annotations

from spacy.tokens import Token

_SUBJ = {"nsubj", "csubj"}
_CLIMB = {"xcomp", "conj", "advcl", "pcomp", "acl", "ccomp"}
_RELATIVE = {"who", "which", "that", "whom"}
# "the shots that killed him", "a bomb killed ...": the actor is whoever fired or planted them
_INSTRUMENTS = {"shot", "bullet", "bomb", "missile", "rocket", "shell", "grenade", "mine",
                "explosive", "drone", "gunfire", "round", "volley", "salvo"}


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ == "acl")


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]


def _prep_objects(token: Token, preps: set[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            found.extend(_pobj(child))
        elif child.dep_ == "prt" and child.lower_ in preps:  # "called on X" parsed as a particle
            found.extend(c for c in token.children if c.dep_ == "dobj")
    return found


def _relative_head(token: Token) -> Token:
    """'soldiers who fired': the relative pronoun stands for the noun the clause modifies."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return token.head.head
    return token


def logical_subject(verb: Token, depth: int = 0) -> list[Token]:
    if depth > 4:
        return []
    if is_passive(verb):
        agents = [p for c in verb.children if c.dep_ == "agent" for p in _pobj(c)]
        if agents:
            return agents
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return []
    subj = [c for c in verb.children if c.dep_ in _SUBJ]
    if subj:
        return [_instrument_user(_relative_head(s), depth) for s in subj]
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ in _CLIMB or verb.dep_ == "pcomp" or (verb.dep_ == "pobj" and verb.pos_ == "VERB"):
        head = verb.head
        while head.dep_ == "prep" and head.head is not head:
            head = head.head
        if head.pos_ in {"VERB", "AUX"}:
            if is_passive(head):  # "convicted of murdering X": the convicted one did it
                passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
                if passive_subj and verb.dep_ in {"pcomp", "xcomp", "advcl"}:
                    return [_relative_head(s) for s in passive_subj]
                if head.dep_ == "acl" and head.head.pos_ in {"NOUN", "PROPN"}:
                    return [head.head]  # "Jo Li, convicted of murdering X"
            return logical_subject(head, depth + 1)
    return []


def _instrument_user(token: Token, depth: int) -> Token:
    if token.lemma_.lower() in _INSTRUMENTS and token.dep_ == "dobj" and token.head.pos_ == "VERB":
        users = logical_subject(token.head, depth + 1)
        if users:
            return users[0]
    return token


def logical_object(verb: Token) -> list[Token]:
    if is_passive(verb):
        subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if subj:
            return [_relative_head(s) for s in subj]
        if verb.dep_ == "acl":
            return [verb.head]
        if verb.dep_ == "relcl":
            return [verb.head]
        return []
    objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
    if not objs and verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        rel = [c for c in verb.children if c.lower_ in _RELATIVE and c.dep_ in {"dobj", "nsubj"}]
        if rel and rel[0].dep_ == "dobj":
            return [verb.head]
    return objs


def host_verb(token: Token) -> Token | None:
    """The verb a nominal trigger hangs from: 'imposed sanctions', 'arrived at the invitation'."""
    cur = token
    for _ in range(4):
        if cur.dep_ not in {"dobj", "pobj", "prep", "nsubjpass", "attr", "oprd", "conj", "npadvmod"}:
            break
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return cur
    return None


def role(anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """Head tokens that fill one role for the trigger anchored at `anchor`."""
    if name == "subj":
        return logical_subject(anchor) if anchor.pos_ in {"VERB", "AUX"} else []
    if name == "obj":
        return logical_object(anchor)
    if name.startswith("prep:"):
        preps = set(name[5:].split("|"))
        found = _prep_objects(anchor, preps)
        for extra in matched[1:]:
            found += _prep_objects(extra, preps)
        if not found:
            for obj in logical_object(anchor) if anchor.pos_ == "VERB" else []:
                found += _prep_objects(obj, preps)
        return found
    if name == "poss":
        return [c for c in anchor.children if c.dep_ == "poss"]
    if name == "modifier":
        return [c for c in anchor.lefts if c.dep_ in {"amod", "compound", "nmod"}
                and (c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or c.pos_ == "PROPN")]
    if name in {"host_subj", "host_dative"} or name.startswith("host_prep:"):
        verb = host_verb(anchor)
        if verb is None:
            return []
        if name == "host_subj":
            return logical_subject(verb)
        if name == "host_dative":
            return [c for c in verb.children if c.dep_ == "dative"]
        return _prep_objects(verb, set(name[10:].split("|")))
    if name == "ccomp_subj":
        return [s for c in anchor.children if c.dep_ == "ccomp" for s in logical_subject(c)]
    if name in {"obj_of", "obj_poss"} or name.startswith("obj_prep:"):
        found = []
        for obj in logical_object(anchor):
            if name == "obj_poss":
                found += [c for c in obj.children if c.dep_ == "poss"]
            else:
                preps = {"of"} if name == "obj_of" else set(name[9:].split("|"))
                found += _prep_objects(obj, preps)
        return found
    if name == "self":
        return [anchor]
    if name == "named_head":  # "Kennedy assassin Sirhan Sirhan": the name the noun modifies
        return [anchor.head] if anchor.dep_ == "compound" and anchor.head.pos_ == "PROPN" else []
    if name == "appos_of":
        if anchor.dep_ == "appos":
            return [anchor.head]
        return [c for c in anchor.children if c.dep_ == "appos"]
    if name == "copula_subj":
        if anchor.dep_ == "attr" and anchor.head.lemma_ == "be":
            return [c for c in anchor.head.children if c.dep_ == "nsubj"]
        return []
    if name in {"between_first", "between_rest"}:
        objs = _prep_objects(anchor, {"between", "among"})
        if not objs:
            return []
        first = objs[0]
        return [first] if name == "between_first" else list(first.conjuncts)
    raise ValueError(f"unknown argument role {name!r} in loaders/patterns/events.jsonl")


def with_conjuncts(tokens: list[Token]) -> list[Token]:
    """'cars and protesters' -> [cars, protesters]."""
    out: list[Token] = []
    for token in tokens:
        for t in (token, *token.conjuncts):
            if t not in out and t.pos_ in {"NOUN", "PROPN", "PRON", "ADJ", "NUM"}:
                out.append(t)
    return out
