"""Qualifiers of an assertion read off its sentence: modality, attribution, date and count."""
from __future__ import annotations

import re
from datetime import datetime
from functools import cache

from spacy.tokens import Span, Token

_SPEECH = {"say", "tell", "state", "announce", "add", "report", "claim", "write", "declare",
           "insist", "note", "confirm", "testify", "tweet", "argue", "explain", "warn"}
_ALLEGE = {"allege", "accuse", "suspect", "claim"}
_PLAN = {"plan", "intend", "prepare", "aim", "vow", "pledge", "promise", "decide", "seek",
         "threaten", "face", "fear", "propose", "consider", "mull", "expect", "agree", "want"}
_HYPOTHETICAL_MODALS = {"could", "might", "may", "would", "should", "can"}
_PLANNED_MODALS = {"will", "shall", "'ll"}
_VAGUE_DATES = re.compile(r"^(the\s+)?(past|last|next|recent|coming)?\s*(days?|weeks?|months?|"
                          r"years?|decades?|hours?|centur(y|ies))$", re.I)
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                 "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "dozen": 12,
                 "twenty": 20, "hundred": 100, "thousand": 1000}


def _clause_chain(anchor: Token) -> list[Token]:
    """The trigger and the verbs it is embedded under, nearest first."""
    chain = [anchor]
    cur = anchor
    for _ in range(6):
        if cur.dep_ in {"ROOT"} or cur.head is cur:
            break
        cur = cur.head
        chain.append(cur)
    return chain


def modality(anchor: Token) -> tuple[str, Token | None]:
    """(modality, speech verb) for the trigger; the speech verb's subject is the source."""
    if any(c.dep_ == "neg" for c in anchor.children) or any(
            c.dep_ == "neg" for c in anchor.head.children if anchor.dep_ in {"xcomp", "dobj", "pobj"}
            and anchor.head.pos_ in {"VERB", "AUX"}):
        return "negated", None
    if any(c.lower_ in _HYPOTHETICAL_MODALS for c in anchor.children if c.dep_ == "aux"):
        return "hypothetical", None
    if any(c.lower_ == "if" for c in anchor.children if c.dep_ == "mark"):
        return "hypothetical", None
    if any(c.lower_ in _PLANNED_MODALS for c in anchor.children if c.dep_ == "aux"):
        return "planned", None
    if any(c.lower_ in {"allegedly", "purportedly"} for c in anchor.children):
        return "alleged", None
    if any(c.lower_ in {"reportedly", "apparently"} for c in anchor.children):
        return "reported", None
    chain = _clause_chain(anchor)
    for child, head in zip(chain, chain[1:]):
        lemma = head.lemma_.lower()
        if child.dep_ in {"xcomp", "dobj", "pobj", "prep", "ccomp"} and lemma in _PLAN and \
                head.i != anchor.i:
            if child.dep_ in {"xcomp", "dobj", "prep", "pobj"}:
                return "planned", None
        if child.dep_ in {"ccomp", "parataxis"} or (head.pos_ == "VERB" and child.dep_ == "advcl"):
            if lemma in _ALLEGE:
                return "alleged", head
            if lemma in _SPEECH:
                return "reported", head
        if child.dep_ == "advcl" and any(c.lower_ == "if" for c in child.children if c.dep_ == "mark"):
            return "hypothetical", None
    for token in anchor.sent:
        if token.lower_ == "according" and token.nbor(1).lower_ == "to":
            return "reported", token
    return "asserted", None


def speaker(verb: Token) -> list[Token]:
    """Who is speaking: subject of the speech verb, or the object of 'according to'."""
    if verb.lower_ == "according":
        prep = verb.nbor(1)
        return [c for c in prep.children if c.dep_ == "pobj"]
    return [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]


def quote_speaker(sent: Span) -> list[Token]:
    """The subject of the sentence's speech verb, for first-person pronouns inside a quote."""
    for token in sent:
        if token.lemma_.lower() in _SPEECH and token.pos_ == "VERB":
            subj = [c for c in token.children if c.dep_ == "nsubj"]
            if subj:
                return subj
    return []


@cache
def _parse_date(text: str, base: str | None) -> str | None:
    import dateparser  # slow to import; only needed when a date is present

    settings = {"PREFER_DATES_FROM": "past", "RETURN_AS_TIMEZONE_AWARE": False,
                "REQUIRE_PARTS": []}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    elif not re.search(r"\b\d{4}\b", text):
        return None  # a relative date without a publication date cannot be resolved
    found = dateparser.parse(text, languages=["en"], settings=settings)
    if found is None:
        return None
    if re.fullmatch(r"(in\s+)?\d{4}", text.strip()):
        return text.strip()[-4:]
    return found.date().isoformat()


def date(anchor: Token, published: str | None) -> str | None:
    """The date of the event: a DATE entity in the trigger's clause, resolved against publication."""
    sent = anchor.sent
    candidates = [e for e in sent.ents if e.label_ == "DATE" and not _VAGUE_DATES.match(e.text)]
    if not candidates:
        return None
    clause = set(t.i for t in (anchor.head if anchor.dep_ in {"pobj", "dobj"} else anchor).subtree)
    near = [e for e in candidates if e.root.i in clause] or candidates
    return _parse_date(near[0].text, published)


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
