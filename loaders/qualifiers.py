"""Qualifiers of an assertion read off its sentence: modality, attribution and count (its
date: dates.py).

Modality follows the evaluation guideline: every cue on the trigger's clause and on the clauses
it is embedded in is collected, and the strongest wins (negated > hypothetical > planned >
alleged > reported > asserted). The cue words are data (modality.json).
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span, Token

from kg.loaders.arguments import conjunct_head
from kg.loaders.lexicon import ModalityCues

PRECEDENCE = ("asserted", "reported", "alleged", "planned", "hypothetical", "negated")
_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "dozen": 12,
    "twenty": 20,
    "hundred": 100,
    "thousand": 1000,
}
# dependency labels through which a clause is embedded in the one above it
_EMBEDDING = {
    "xcomp",
    "ccomp",
    "advcl",
    "dobj",
    "pobj",
    "prep",
    "pcomp",
    "acl",
    "relcl",
    "acomp",
    "parataxis",
    "conj",
    "nsubj",
    "nsubjpass",
    "attr",
    "oprd",
    "npadvmod",
    "appos",
}


def host_clause(anchor: Token) -> Token:
    """The verb whose clause holds the trigger: itself for a verb; for a noun, the verb it hangs
    from ("launched an attack", "imposed sanctions on")."""
    cur = anchor
    for _ in range(4):
        if cur.pos_ in {"VERB", "AUX"} or cur.head == cur:
            return cur
        if cur.dep_ not in {
            "dobj",
            "pobj",
            "prep",
            "nsubjpass",
            "nsubj",
            "attr",
            "oprd",
            "conj",
            "npadvmod",
            "appos",
            "compound",
        }:
            return cur
        cur = cur.head
    return cur


def _clause_chain(anchor: Token) -> list[tuple[Token, Token]]:
    """(child, head) pairs from the trigger's clause up through the clauses it is embedded in."""
    pairs = []
    cur = host_clause(anchor)
    for _ in range(8):
        if cur.dep_ == "ROOT" or cur.head == cur or cur.dep_ not in _EMBEDDING:
            break
        if cur.dep_ in {"acl", "relcl"} and cur.head.dep_ in {"pobj", "conj", "appos"}:
            break  # "talks with rebels threatening to kill": the talks' verb does not scope here
        head = conjunct_head(cur) if cur.dep_ == "conj" else cur.head
        pairs.append((cur, head))
        cur = head
    return pairs


def _local(verb: Token, cues: ModalityCues) -> str | None:
    """Modality cues on one clause: negation, modals, conditions, adverbs."""
    found = []
    for c in verb.children:
        lower = c.lower_
        if c.dep_ == "neg" or (c.dep_ in {"advmod", "det"} and lower in {"never", "no"}):
            found.append("negated")
        elif c.dep_ in {"aux", "auxpass"} and lower in cues.hypothetical_modals:
            found.append("hypothetical")
        elif c.dep_ in {"aux", "auxpass"} and lower in cues.planned_modals:
            found.append("planned")
        elif c.dep_ == "aux" and lower == "going" and verb.tag_ == "VB":
            found.append("planned")
        elif c.dep_ == "mark" and lower in cues.conditional_marks:
            found.append("hypothetical")
        elif lower in cues.alleged_adverbs:
            found.append("alleged")
        elif lower in cues.reported_adverbs:
            found.append("reported")
    return _strongest(found)


def _strongest(found: list[str]) -> str | None:
    return max(found, key=PRECEDENCE.index) if found else None


def _noun_before_infinitive(verb: Token) -> Token | None:
    """The noun an infinitive the parser hung on the clause's verb completes ("was behind a
    plot to kill X", parsed as "was ... to kill"): the noun just before its "to"."""
    if verb.dep_ != "advcl" or not _to_infinitive(verb):
        return None
    to = min(c.i for c in verb.children if c.dep_ == "aux" and c.lower_ == "to")
    before = verb.doc[to - 1] if to > 0 else None
    return before if before is not None and before.pos_ == "NOUN" and before.head.i != verb.i else None


def modality(anchor: Token, cues: ModalityCues) -> tuple[str, Token | None]:  # noqa: C901  (a decision list over the parse, in rule order)
    """(modality, speech verb) for the trigger; the speech verb's subject is the source."""
    found: list[str] = []
    speech: Token | None = None
    verb = host_clause(anchor)
    if anchor is not verb:
        # "no attack", "the alleged attack", "a planned invasion"
        for c in anchor.children:
            if c.lower_ in cues.negations and c.dep_ == "det":
                found.append("negated")
            elif c.lower_ in cues.alleged_modifiers:
                found.append("alleged")
            elif c.lower_ in cues.planned_modifiers:
                found.append("planned")
            elif c.lower_ in cues.hypothetical_modifiers:
                found.append("hypothetical")
        if anchor.dep_ == "pobj" and anchor.head.lower_ == "against" and anchor.head.head.pos_ == "VERB":
            found.append("negated")  # "voting against the sanctions", "campaigned against the deal"
        cur = anchor
        for _ in range(4):  # (the steps host_clause took)
            if cur == verb or cur.head == cur:
                break
            if _opens_way(cur, cur.head, cues):
                found.append("hypothetical")  # "opened the door to a wider war": no war yet
            cur = cur.head
    local = _local(verb, cues)
    if local:
        found.append(local)
    if anchor is not verb and verb.pos_ in {"VERB", "AUX"}:
        # the verb that hosts an event noun: "considering sanctions", "denied the attack"
        lemma = verb.lemma_.lower()
        if lemma in cues.negating_verbs:
            found.append("negated")
        elif lemma in cues.hypothetical_verbs:
            found.append("hypothetical")
        elif lemma in cues.plan_verbs:
            found.append("planned")
        elif lemma in cues.allege_verbs and anchor.head.dep_ == "prep" and anchor.head.head == verb:
            found.append("alleged")  # "accused of the killing", "suspected of the murder of X"
    if (
        verb.pos_ == "VERB"
        and verb.tag_ == "VB"
        and _to_infinitive(verb)
        and (verb.dep_ == "ROOT" or any(c.dep_ == "nsubj" for c in verb.children))
    ):
        found.append("planned")  # a headline's "X to send troops"
    chain = _clause_chain(anchor)
    top = chain[-1][1] if chain else verb
    for c in top.children:
        # "..., the ministry said": a parenthetical speech verb on the main clause
        if (
            c.dep_ in {"parataxis", "ccomp", "advcl"}
            and c.i > anchor.i
            and c.pos_ == "VERB"
            and not any(g.dep_ in {"ccomp", "xcomp", "dobj"} for g in c.children)
            and any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children)
            and not (c.dep_ == "advcl" and any(g.dep_ in {"mark", "advmod", "npadvmod"} for g in c.children))
        ):
            # ("..., minutes after the commission declared him the winner": an adjunct, no source)
            lemma = c.lemma_.lower()
            if lemma in cues.allege_verbs:
                found.append("alleged")
                speech = speech or c
            elif lemma in cues.speech_verbs:
                found.append("reported")
                speech = speech or c
    # "attempted to storm the palace, for which he accused Y": a finite relative clause is a
    # statement of its own; what plans, doubts or denies the clause above does not reach it
    # (a report does: "officials said the group, which attacked the base, ...")
    own_statement: int | None = None
    sealed = False  # past a finite adjunct ("since X accused Y"): what tries or plans above is not its
    for child, head in chain:
        if own_statement is None and (
            child.dep_ == "relcl"
            and _finite(child)
            or child.dep_ == "acl"
            and child.tag_ in {"VBG", "VBN"}
            and head.pos_ in {"NOUN", "PROPN"}
            and head.lemma_.lower() not in cues.content_nouns
        ):
            # (so is a participle that describes a noun: "avoided backing rebels fighting to
            # oust X", the rebels' fight is not avoided; a plan's or an order's is its content)
            own_statement = len(found)
        lemma = head.lemma_.lower()
        complement = child.dep_ in {"xcomp", "ccomp", "dobj", "pobj", "prep", "pcomp", "advcl", "acl", "oprd"}
        if _opens_way(child, head, cues):
            found.append("hypothetical")  # "opened the door to a wider war": no war yet
        sealed = sealed or (
            child.dep_ == "advcl"
            and _finite(child)
            and any(c.dep_ == "mark" and c.lower_ not in {"that", "if", "whether"} for c in child.children)
        )
        if head.pos_ in {"VERB", "AUX"} and complement and not sealed:
            particle = cues.negating_particles.get(lemma)
            if (
                lemma in cues.negating_verbs
                and (particle is None or any(c.lower_ == particle for c in head.children))
                and not _circumstantial(child, head)
            ):
                found.append("negated")
            elif lemma in cues.hypothetical_verbs and child.dep_ != "advcl":
                found.append("hypothetical")
            elif lemma in cues.plan_verbs and child.dep_ in {"xcomp", "dobj", "prep", "pobj", "pcomp"}:
                found.append("planned")
            elif lemma in cues.effort_verbs and child.dep_ in {"xcomp", "advcl"} and _to_infinitive(child):
                found.append("planned")  # "fighting to topple X"
            local = _local(head, cues)
            purpose = child.dep_ == "advcl" and _to_infinitive(child)
            if local == "negated" and (child.dep_ in {"xcomp", "ccomp"} or purpose):
                found.append("negated")  # "were not doing enough to capture X": not captured
            elif local in {"hypothetical", "planned"} and (
                child.dep_ in {"xcomp", "ccomp", "conj"} or purpose
            ):
                found.append(local)  # ("will be deployed to support the police": not yet supported)
        if head.pos_ == "ADJ" and child.dep_ == "xcomp":  # "likely to send", "ready to send"
            if lemma in cues.hypothetical_adjectives:
                found.append("hypothetical")
            elif lemma in cues.planned_adjectives:
                found.append("planned")
        noun = head if head.pos_ == "NOUN" else _noun_before_infinitive(child)
        if noun is not None and child.dep_ in {"acl", "xcomp", "prep", "pcomp", "advcl"}:
            # "plans to send", "the threat of an invasion", "denial of"
            kind = noun.lemma_.lower()
            enacted = child.dep_ == "acl" and child.tag_ == "VBG" and kind in cues.enactment_nouns
            if kind in cues.plan_nouns and any(
                c.dep_ == "amod" and c.lower_ in cues.failed_modifiers for c in noun.children
            ):
                found.append("negated")  # "a foiled plot to kill X": X was not killed
            elif kind in cues.plan_nouns and not enacted:  # ("an order imposing sanctions" imposes them)
                found.append("planned")
            elif kind in cues.hypothetical_nouns:
                found.append("hypothetical")
            elif kind in cues.effort_nouns and child.dep_ == "acl" and _to_infinitive(child):
                found.append("planned")  # "an offensive to retake X": not retaken yet
            elif kind in cues.denial_nouns:
                found.append("negated")
        if (
            child.dep_ == "prep"
            and child.lower_ in {"of", "for"}
            and head.dep_ == "dobj"
            and head.head.lemma_.lower() in cues.allege_verbs
        ):
            found.append("alleged")  # "accused X of supporting Y", with "of" parsed on X
        raised = (
            child.dep_ == "xcomp"
            and (any(c.dep_ in {"auxpass", "nsubjpass"} for c in head.children) or lemma in cues.allege_verbs)
            or (child.dep_ == "prep" and child.lower_ in {"of", "for"} and lemma in cues.allege_verbs)
        )
        finite_adjunct = (
            head.pos_ == "VERB"
            and child.dep_ == "advcl"
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in child.children)
            and not _to_infinitive(child)
            # "to keep order since X accused Y": a clause a subordinator opens is an adjunct
            and not any(c.dep_ == "mark" and c.lower_ != "that" for c in child.children)
        )
        # "X placed Y under arrest, minutes after Z declared ...": a subordinate speech verb
        # the parser made the head of the clause before it reports nothing of that clause
        misparsed = child.i < head.i and any(c.dep_ == "mark" and c.lower_ != "that" for c in head.children)
        if (child.dep_ in {"ccomp", "parataxis"} or finite_adjunct or raised) and not misparsed:
            # "said X attacked", "is understood to have ordered", "claimed to have seized"
            if lemma in cues.allege_verbs:
                found.append("alleged")
                speech = speech or head
            elif lemma in cues.speech_verbs:
                found.append("reported")
                speech = speech or head
        if child.dep_ == "advcl" and any(
            c.lower_ in cues.conditional_marks for c in child.children if c.dep_ == "mark"
        ):
            found.append("hypothetical")
        if child.dep_ == "conj" and head.pos_ in {"VERB", "AUX"}:
            continue
    if own_statement is not None:
        found = found[:own_statement] + [m for m in found[own_statement:] if m in {"reported", "alleged"}]
    if not any(m in found for m in ("reported", "alleged")):
        for token in anchor.sent:
            if _reported_phrase(token, cues):
                found.append("reported")
                speech = speech or token
                break
    return _strongest(found) or "asserted", speech


def _reported_phrase(token: Token, cues: ModalityCues) -> bool:
    """A phrase that reports ("according to"), or one that reports when it names a source
    ("citing officials", not "citing security concerns")."""
    if any(_phrase_at(token, phrase) for phrase in cues.reported_phrases):
        return True
    return any(_phrase_at(token, phrase) for phrase in cues.source_phrases) and _cites_source(token, cues)


def _phrase_at(token: Token, phrase: tuple[str, ...]) -> bool:
    doc = token.doc
    return token.lower_ == phrase[0] and all(
        token.i + k < len(doc) and doc[token.i + k].lower_ == w for k, w in enumerate(phrase[1:], 1)
    )


def _cites_source(token: Token, cues: ModalityCues) -> bool:
    """'..., the agency said, citing officials' names a source; 'cut ties, citing security
    concerns' names a reason, and reports nothing."""
    cited = [c for c in token.children if c.dep_ in {"dobj", "pobj", "nsubj"}]
    named = {"PERSON", "ORG", "NORP", "GPE"}
    return not cited or any(c.ent_type_ in named or c.lemma_.lower() in cues.source_nouns for c in cited)


def _to_infinitive(verb: Token) -> bool:
    """A verb with its infinitive marker ("to send")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def _opens_way(child: Token, head: Token, cues: ModalityCues) -> bool:
    """'paved the way for an invasion', 'opened the door to a wider conflict' (the preposition
    on the verb or on its object): a prospect, not an event (modality.json prospect_phrases)."""
    if child.dep_ != "prep" or child.lower_ not in {"for", "to"}:
        return False
    if head.pos_ == "NOUN":
        verb, objects = head.head, [head] if head.dep_ == "dobj" else []
    else:
        verb, objects = head, [c for c in head.children if c.dep_ == "dobj"]
    return any((verb.lemma_.lower(), o.lemma_.lower()) in cues.prospect_phrases for o in objects)


def _finite(verb: Token) -> bool:
    return verb.tag_ in {"VBD", "VBZ", "VBP", "MD"} or any(
        c.dep_ in {"aux", "auxpass"} and c.tag_ in {"VBD", "VBZ", "VBP", "MD"} for c in verb.children
    )


def _circumstantial(child: Token, head: Token) -> bool:
    """'denied the claim, accusing Y of ...': a participle set off by a comma after the verb's
    own object is a further act of its subject, outside what the verb denies or refuses."""
    if child.dep_ != "advcl" or child.tag_ != "VBG" or child.i < head.i:
        return False
    objects = [c for c in head.children if c.dep_ == "dobj" and c.i < child.i]
    return bool(objects) and any(t.text == "," for t in head.doc[objects[0].i : child.i])


def speaker(verb: Token) -> list[Token]:
    """Who is speaking: subject of the speech verb, the agent of a passive one, or the object
    of 'according to'."""
    if verb.lower_ == "according":
        prep = verb.nbor(1)
        return [c for c in prep.children if c.dep_ == "pobj"]
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    return agents or [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]


def _speech_verb(sent: Span, speech_verbs: frozenset[str]) -> Token | None:
    """The sentence's first verb of saying with a subject ("..., Jo Lano said")."""
    return next(
        (
            t
            for t in sent
            if t.lemma_.lower() in speech_verbs
            and t.pos_ == "VERB"
            and any(c.dep_ == "nsubj" for c in t.children)
        ),
        None,
    )


def quote_speaker(sent: Span, speech_verbs: frozenset[str]) -> list[Token]:
    """The subject of the sentence's speech verb, for first-person pronouns inside a quote."""
    verb = _speech_verb(sent, speech_verbs)
    return [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []


_OPENING_QUOTES = {'"', "\u201c"}
_QUOTES = {'"', "\u201c", "\u201d"}


def continued_quote(sent: Span, speech_verbs: frozenset[str]) -> Token | None:
    """'"It was a team of assailants," Jo Lano said. / "We have arrested 15 of them."': a
    sentence that opens with a quote mark and has no speech verb goes on with the quote of the
    sentence before; the speech verb of that sentence, or None."""
    if sent.start == 0 or sent[0].text not in _OPENING_QUOTES:
        return None
    if any(t.lemma_.lower() in speech_verbs and t.pos_ == "VERB" for t in sent):
        return None
    end = sent.start
    while end > 0 and sent.doc[end - 1].is_space:
        end -= 1  # the blank line between paragraphs
    if end == 0:
        return None
    before = sent.doc[end - 1].sent
    if not any(t.text in _QUOTES for t in before):
        return None
    return _speech_verb(before, speech_verbs)


@cache
def count(token: Token) -> int | None:
    """'18 police officers', 'more than 2,200 people' -> the number on the argument's head."""
    for child in token.children:
        if child.dep_ == "nummod" or (child.like_num and child.dep_ in {"amod", "compound"}):
            return _number(child.text)
    return None


def _number(text: str) -> int | None:
    text = text.replace(",", "").lower()
    if text.isdigit():
        return int(text)
    return _NUMBER_WORDS.get(text)
