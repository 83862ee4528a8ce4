"""The date of an event: which date phrase of its sentence dates it, and what it says.

    date_phrase(anchor)                      # "on Monday": a DATE on the event's own clause
    resolve("in April 2019", "2024-05-02")   # "2019-04": the precision it is written at
    resolve("on Monday", "2024-05-02")       # "2024-04-29": the Monday before publication
    resolve("on Monday", None)               # None: a relative date needs a publication date
    resolve("next week", "2024-05-02")       # None: a period that names no day

Follows the evaluation guideline ("Dates"): a date is the event's only when it is written on
the event's own verb, noun or arguments (not on the verb of saying that reports it, not
"since 2016", "until June" or "a day after the vote"); it keeps the precision it is written
at (2019, 2019-04, 2019-04-06); a weekday, "yesterday" or "last night" resolves against the
publication date to the nearest such day in the past (for a planned event, the next one),
a day or month without a year to the latest one not after publication (the next one for a
planned event); periods ("last week", "this month", "two years ago", "recently") give no
date. Nothing is taken from the clock: the same article gives the same dates any day.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cache

from spacy.tokens import Span, Token

from kg.loaders.lexicon import argument_words, modality

MONTHS = "january february march april may june july august september october november december".split()
WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday".split()
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!s\b)"  # not a decade ("the 1990s")
_FORMS = (  # (pattern, precision): the forms a date is written in, most precise first
    (re.compile(rf"{_YEAR}-(?P<mnum>\d\d)-(?P<dnum>\d\d)"), "day"),
    (re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}"), "day"),
    (re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}"), "day"),
    (re.compile(rf"{_MONTH},?\s+{_YEAR}"), "month"),
    (re.compile(rf"{_DAY}\s+(?:of\s+)?{_MONTH}"), "day-no-year"),
    (re.compile(rf"{_MONTH}\s+{_DAY}\b"), "day-no-year"),
    (re.compile(_YEAR), "year"),
    (re.compile(_MONTH + r"$"), "month-no-year"),
)
# Words that make a date phrase no date of the event it is near: periods, bounds, offsets.
_NOT_A_DAY = re.compile(
    r"\b(week|weeks|month|months|year|years|decade|decades|century|centuries|recently|recent|"
    r"earlier|later|since|until|till|by|ago|past|coming|lately|season|era|period|quarter|"
    r"spring|summer|autumn|fall|winter|weekend|days|hours|decades)\b",
    re.I,
)
# A TIME that names its day ("tonight", "Friday night"); the marks of a simultaneous clause.
_DAY_TIME = re.compile(
    r"\b(tonight|last night|this (morning|afternoon|evening)|(mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)
_AT_ONCE = frozenset({"as", "when", "while"})
# Prepositions whose object bounds an event's time rather than dating it, and those that
# offset it from another event (unless their object is itself a time: "after 2:34 p.m.").
_BOUNDS = frozenset({"since", "until", "till", "by", "from", "through", "between"})
_OFFSETS = frozenset({"after", "before", "following", "ahead"})
# Verbs that only say an event noun took place ("clashes erupted on Thursday", "fighting
# broke out", "the attack took place"): the date on them is the event's.
_OCCURRING = frozenset(
    {"erupt", "break", "occur", "happen", "take", "flare", "rage", "begin", "start", "resume"}
)


def date_phrase(
    anchor: Token, *, inherit: bool = True, skip: frozenset[int] | set[int] = frozenset()
) -> str | None:
    """The DATE phrase written on the event's own clause: on its trigger, on the verb a
    nominal trigger is the object of ("launched an attack on Monday"), on its arguments or a
    modifier of them; never on another clause (the verb of saying that reports it, a clause
    it is a background of) and never a bound or an offset ("since 2016", "until June", "after
    the attacks"). With `inherit`, an event stated as done takes the date of the clause it
    completes or continues: a complement ("continued firing on Monday"), a purpose or
    participle clause ("broke in late Friday to arrest X", "crossed the border on Monday,
    attacking X"), a later conjunct of a verb dated before it ("On March 24 they seized the
    town, killed ..."). An event only planned or possible inherits nothing. A clause on a
    date ("since 2001, when they toppled X") takes that date. Tokens in `skip` (a dateline)
    date nothing."""
    clause = _clause_verb(anchor)
    if clause.dep_ == "relcl" and clause.head.ent_type_ == "DATE" and clause.head.i not in skip:
        return next(e.text for e in anchor.sent.ents if e.start <= clause.head.i < e.end)
    owners = {anchor.i, clause.i}
    if inherit:
        owners |= {verb.i for verb in _completed(clause)} | _simultaneous(clause)
    for entity in anchor.sent.ents:
        if not _names_day(entity) or entity.root.i in skip:
            continue
        owner = _owner(entity, anchor)
        if owner is None or owner.i not in owners:
            continue
        if owner.i != clause.i and owner.i != anchor.i and clause.dep_ == "conj" and entity.start > clause.i:
            continue  # a later conjunct takes a date written before it, not one after it
        return entity.text
    if inherit and clause.pos_ in {"VERB", "AUX"} and clause.tag_ in {"VBD", "VBN"}:
        return _shared_date(anchor, clause, skip)
    return None


def _simultaneous(clause: Token) -> set[int]:
    """The past-tense clauses that date a done event by happening at the same time ("As the
    force left the capital Tuesday, rebels seized X"): a clause on it opened by "as", "when" or
    "while", both in the simple past. Not the other way: in "breached the city on November 29,
    as they pressed an offensive" the date is the breach's, not the offensive's."""
    if clause.tag_ != "VBD":
        return set()
    return {
        c.i
        for c in clause.children
        if c.dep_ == "advcl"
        and c.tag_ == "VBD"
        and any(m.dep_ == "mark" and m.lower_ in _AT_ONCE for m in c.children)
    }


def _names_day(entity: Span) -> bool:
    """A DATE, or a TIME that names its day ("tonight", "last night", "Friday night"; not
    "2:34 p.m." or "72 hours")."""
    if entity.label_ == "DATE":
        return True
    return entity.label_ == "TIME" and bool(_DAY_TIME.search(entity.text))


def _shared_date(anchor: Token, clause: Token, skip: frozenset[int] | set[int]) -> str | None:
    """The date that ends a sentence of coordinated clauses, for an earlier clause done and
    undated ("X fired shells into Y and Z returned fire after 2:34 p.m. today"): the last
    conjunct's date, when nothing comes after it but punctuation."""
    later = [c for c in clause.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    if not later or later[-1].tag_ not in {"VBD", "VBN"}:
        return None
    last = later[-1]
    for entity in anchor.sent.ents:
        if entity.label_ != "DATE" or entity.root.i in skip or entity.start <= last.i:
            continue
        owner = _owner(entity, anchor)
        tail = anchor.doc[entity.end : anchor.sent.end]
        if owner is not None and owner.i == last.i and all(t.is_punct or t.is_space for t in tail):
            return entity.text
    return None


def speech_date(speech: Token, skip: frozenset[int] | set[int] = frozenset()) -> str | None:
    """The date on a verb of saying ("the AU said on Monday it condemns ..."): the date of a
    speech act that the saying is."""
    return date_phrase(speech, inherit=False, skip=skip)


def _clause_verb(anchor: Token) -> Token:
    """The token whose clause the event is: the trigger when it is a verb, the verb whose
    object a nominal trigger is ("launched an attack", "an attack was carried out"), else the
    trigger itself (a noun or adjective inside another clause: "Russian-backed", "its ally")."""
    if anchor.pos_ in {"VERB", "AUX"}:
        return anchor
    noun = anchor
    for _ in range(2):  # "ordered the imposition of sanctions": the verb of the act's noun
        if noun.dep_ in {"dobj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
            return noun.head
        if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB" and noun.head.lemma_.lower() in _OCCURRING:
            return noun.head  # "clashes erupted on Thursday"
        if noun.dep_ != "pobj" or noun.head.lower_ != "of" or noun.head.head.pos_ != "NOUN":
            break
        noun = noun.head.head
    return anchor


def _completed(clause: Token) -> list[Token]:
    """The verbs whose date a clause shares: the verb it completes (xcomp), the verb of a
    purpose or participle clause without a subordinating word (advcl), the first conjunct,
    the verb that issues the order or decree the clause is the content of."""
    out = []
    current = clause
    for _ in range(3):
        head = current.head
        if (
            current.dep_ == "acl"
            and head.lemma_.lower() in _issued_nouns()
            and head.dep_ == "dobj"
            and head.head.pos_ in {"VERB", "AUX"}
        ):
            out.append(head.head)  # "signed an order imposing sanctions": the signing's date
            current = head.head
            continue
        if head.i == current.i or head.pos_ not in {"VERB", "AUX"}:
            break
        if (
            current.dep_ == "xcomp"
            or current.dep_ == "conj"
            or (current.dep_ == "advcl" and not any(c.dep_ == "mark" for c in current.children))
        ):
            out.append(head)
            current = head

        else:
            break
    return out


@cache
def _issued_nouns() -> frozenset[str]:
    """Acts and messages whose participle clause is the act itself, on the date the verb
    they are the object of gives ("issued a statement Saturday condemning the coup")."""
    return modality().enactment_nouns | argument_words()["message_nouns"]


def _owner(entity: Span, anchor: Token) -> Token | None:
    """What a date phrase is written on: the first verb up its heads, or the first noun (the
    event's own trigger, "the attack on Monday", or another one, "April's elections", whose
    date it then is); None when the way up passes a preposition that bounds the phrase
    ("since 2016", "until June") or offsets it from another event ("after the attacks";
    "after 2:34 p.m." is a time, and dates)."""
    token = entity.root
    while token.head.i != token.i:
        head = token.head
        if token.dep_ == "pobj" and head.dep_ in {"prep", "agent"}:
            word = head.lower_
            if word in _BOUNDS or (word in _OFFSETS and token.ent_type_ not in {"DATE", "TIME"}):
                return None
        via = token.dep_
        token = head
        if token.i != anchor.i and _where_it_lies(token):
            continue  # "took X, which lies 60 km north of Y, in 2019": a place's distance is no doing
        if token.i == anchor.i or token.pos_ in {"VERB", "AUX"}:
            return _reporting_verb(entity, token) or token
        if (
            via in {"poss", "compound", "nmod"}
            and token.pos_ in {"NOUN", "PROPN"}
            and token.ent_type_ not in {"DATE", "TIME"}
        ):
            return token  # "April's elections": the date of another noun
    return token


def _where_it_lies(verb: Token) -> bool:
    """A relative clause that only says how far a place lies ("which lies about 60 km north
    of Y", "which lies 20 miles from Y"): a state with no time of its own, so a date the
    parser hung on it dates the clause the place is an argument of."""
    return (
        verb.dep_ == "relcl"
        and verb.lemma_ in {"be", "lie", "sit"}
        and any(t.ent_type_ == "QUANTITY" for t in verb.subtree)
    )


def _reporting_verb(entity: Span, verb: Token) -> Token | None:
    """The verb a complement clause hangs on, when a date the parser attached to the
    complement is written before the complement's subject, between the two verbs ("X said on
    Monday it had asked Y": Monday dates the saying, not the asking)."""
    if verb.dep_ != "ccomp" or verb.head.pos_ not in {"VERB", "AUX"} or not verb.head.i < entity.start:
        return None
    subjects = [c.i for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    return verb.head if subjects and entity.end <= min(subjects) else None


def resolve(text: str, published: str | None, future: bool = False) -> str | None:
    """The date a phrase says, at the precision it is written: "2019", "2019-04" or
    "2019-04-06"; relative phrases against `published` (YYYY-MM-DD), the next such day when
    `future` (a planned event), else the last one not after publication; None for a period
    or anything else that names no day, month or year."""
    phrase = " ".join(text.lower().replace("\u2019", "'").split())
    base = _day(published)
    relative = _relative(phrase, base, future)
    if relative is not None or _NOT_A_DAY.search(phrase) and not _FORMS[0][0].search(phrase):
        return relative
    for pattern, precision in _FORMS:
        found = pattern.search(phrase)
        if found is None:
            continue
        return _written(found, precision, base, future)
    return None


def _written(found: re.Match, precision: str, base: date | None, future: bool) -> str | None:
    groups = found.groupdict()
    year = int(groups["year"]) if groups.get("year") else None
    if groups.get("mnum"):
        return _iso(year, int(groups["mnum"]), int(groups["dnum"]))
    month = _month(groups.get("month"))
    if precision == "year":
        return f"{year:04d}" if year else None
    if precision == "month":
        return f"{year:04d}-{month:02d}" if year and month else None
    if precision == "day":
        return _iso(year, month, int(groups["day"])) if month else None
    if base is None or month is None:
        return None  # a day or month without a year needs the publication date
    if precision == "month-no-year":  # the latest such month not after publication (or next)
        if future:
            return f"{base.year if month >= base.month else base.year + 1:04d}-{month:02d}"
        return f"{base.year if month <= base.month else base.year - 1:04d}-{month:02d}"
    day = int(groups["day"])
    for year_ in (base.year, base.year + 1) if future else (base.year, base.year - 1):
        resolved = _iso(year_, month, day)
        if resolved is not None and (
            (resolved >= base.isoformat()) if future else (resolved <= base.isoformat())
        ):
            return resolved
    return None


def _relative(phrase: str, base: date | None, future: bool) -> str | None:
    """A weekday, today, yesterday, last night, tomorrow against the publication date."""
    words = set(re.findall(r"[a-z]+", phrase))
    if base is None:
        return None
    if words & {"today", "tonight"} or phrase in {"this morning", "this afternoon", "this evening"}:
        return base.isoformat()
    if "yesterday" in words or phrase.endswith("last night"):
        return (base - timedelta(days=1)).isoformat()
    if "tomorrow" in words:
        return (base + timedelta(days=1)).isoformat()
    days = [WEEKDAYS.index(w) for w in words if w in WEEKDAYS]
    if len(days) != 1 or words & {"week", "weeks", "every", "each"}:
        return None
    future = (future or "next" in words) and "last" not in words
    shift = (base.weekday() - days[0]) % 7
    if future and shift:
        return (base + timedelta(days=7 - shift)).isoformat()
    return (base - timedelta(days=shift)).isoformat()


def _month(name: str | None) -> int | None:
    if not name:
        return None
    key = name.rstrip(".")[:3]
    return next((i for i, m in enumerate(MONTHS, 1) if m.startswith(key)), None)


def _iso(year: int | None, month: int | None, day: int) -> str | None:
    if year is None or month is None:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _day(published: str | None) -> date | None:
    try:
        return date.fromisoformat(published) if published else None
    except ValueError:
        return None


__all__ = ["date_phrase", "resolve"]
