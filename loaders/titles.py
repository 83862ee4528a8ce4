"""Titles and roles: "Examplish President Jane Doe", "President of X Jane Doe", "Doe, a spokesman for Acme".

A title found next to a person's name gives the person's mention (NER often swallows titles
into one ORG span) and a state: LEADER_OF / OFFICIAL_OF the country or organization named
with it, or NATIONAL_OF for a demonym with a non-political role.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.loaders import gazetteer
from kg.model import EntityMention
from kg.loaders.lexicon import title_predicate, titles
from kg.loaders.mentions import mention, trim, typed_entity

_POSSESSIVE = {"'s", "’s", "'"}
_NAME_JOINERS = {"-", "bin", "al", "el", "de", "van", "von", "da", "la", "du", "ibn", "abu"}


@dataclass(frozen=True)
class TitleFact:
    person: EntityMention
    person_span: tuple[int, int]
    title: str
    holder: EntityMention | None
    holder_span: tuple[int, int] | None
    holder_is_demonym: bool
    former: bool
    rule: str
    phrase_start: int  # first token of "Examplish President Jane Doe", for event mentions

    @property
    def predicate(self) -> str | None:
        """The ontology relation this title gives, as a kg relation name (from the lexicon kind)."""
        lex = titles()
        if self.holder is None:
            return None
        if self.holder.type == "Country" and self.holder_is_demonym and (
                self.title in lex.national and self.title not in lex.leader):
            return title_predicate("national")
        if self.holder.type == "Country" and self.title in lex.organization_only:
            return title_predicate("national") if self.title in lex.national else None
        kind = lex.relation_kind(self.title)
        return title_predicate(kind) if kind else None


@cache
def _matcher(vocab) -> PhraseMatcher:
    matcher = PhraseMatcher(vocab, attr="LOWER")
    lex = titles()
    phrases = sorted(lex.all_titles | lex.national)
    matcher.add("TITLE", [_phrase_doc(vocab, p) for p in phrases])
    return matcher


def _phrase_doc(vocab, phrase: str) -> Doc:
    words = phrase.replace("-", " - ").split() if "-" in phrase and phrase != "ex-" else phrase.split()
    return Doc(vocab, words=words)


def _is_title_word(token: Token) -> bool:
    return token.lower_ in titles().all_titles


def _name_run(doc: Doc, j: int, limit: int) -> tuple[int, int] | None:
    """The personal name starting at token j: capitalised tokens, hyphens and particles."""
    start = j
    while j < limit:
        tok = doc[j]
        if tok.is_space or (tok.is_punct and tok.text not in {"-", "."}):
            break
        if tok.text in {"-", "."} or tok.lower_ in _NAME_JOINERS:
            if j == start or j + 1 >= limit or not doc[j + 1].is_title:
                break
        elif not (tok.is_title or tok.is_upper) or _is_title_word(tok) or tok.pos_ not in {"PROPN", "NOUN", "ADJ", "VERB"}:
            break
        j += 1
    if j == start:
        return None
    span = doc[start:j]
    if gazetteer.country(span.text) or all(t.is_upper and len(t) > 1 for t in span) and len(span) == 1 and span[0].ent_type_ == "ORG":
        return None
    return start, j


def _holder_ending_at(doc: Doc, i: int, floor: int) -> tuple[EntityMention, tuple[int, int], bool] | None:
    """A country, demonym or organization whose last token is i (before a title)."""
    if i < floor or not (doc[i].is_title or doc[i].is_upper):
        return None
    start = i
    while start - 1 >= floor and (doc[start - 1].is_title or doc[start - 1].is_upper) and \
            not _is_title_word(doc[start - 1]) and not doc[start - 1].is_sent_start:
        start -= 1
    for s in range(start, i + 1):  # longest run first
        span = doc[s:i + 1]
        found = gazetteer.country(span.text) if len(span) <= 4 else None
        if found:
            demonym = span[-1].pos_ == "ADJ" or span[-1].ent_type_ == "NORP" or \
                span.text.lower() != found.name.lower() and not span[-1].ent_type_ == "GPE"
            return mention(span, "Country", found.name, iso3=found.iso3), (s, i + 1), demonym
    ent = _entity_at(doc[i])
    if ent is not None and ent.label_ == "ORG" and ent.end == i + 1:
        typed = typed_entity(ent)
        if typed is not None:
            return typed, (ent.start, ent.end), False
    if ent is None and doc[i].pos_ == "PROPN" and doc[i].is_upper and len(doc[i]) > 1:
        span = doc[i:i + 1]  # an acronym: "ACME spokesman ..."
        return mention(span, "Organization"), (i, i + 1), False
    return None


def _holder_starting_at(doc: Doc, j: int, limit: int) -> tuple[EntityMention, tuple[int, int]] | None:
    """A country or organization right after "of"/"for" ("President of Examplestan ...")."""
    if j < limit and doc[j].lower_ == "the":
        j += 1
    for n in range(min(4, limit - j), 0, -1):
        span = doc[j:j + n]
        found = gazetteer.country(span.text)
        if found and all(t.is_title or t.is_upper or t.lower_ in {"of", "and"} for t in span):
            return mention(span, "Country", found.name, iso3=found.iso3), (j, j + n)
    ent = _entity_at(doc[j]) if j < limit else None
    if ent is not None and ent.start == j and ent.label_ in {"ORG", "GPE", "LOC"}:
        typed = typed_entity(ent)
        if typed is not None and typed.type != "Person":
            return typed, (ent.start, ent.end)
    return None


def _entity_at(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def find_titles(sent: Span) -> list[TitleFact]:
    """Every titled person in a sentence, with the country/organization of the title."""
    doc = sent.doc
    matches = [doc[s:e] for _, s, e in _matcher(doc.vocab)(doc) if sent.start <= s and e <= sent.end]
    facts: list[TitleFact] = []
    for title_span in filter_spans(matches):
        fact = _prenominal(title_span, sent) or _appositive(title_span, sent)
        if fact is not None:
            facts.append(fact)
    return facts


def _former(doc: Doc, a: int, floor: int) -> tuple[bool, int]:
    markers = titles().former_markers
    i = a - 1
    if i >= floor and doc[i].text == "-" and i - 1 >= floor and doc[i - 1].lower_ == "ex":
        return True, i - 2
    if i >= floor and (doc[i].lower_ in markers or doc[i].lower_.rstrip("-") in markers):
        return True, i - 1
    return False, i


def _prenominal(title_span: Span, sent: Span) -> TitleFact | None:
    """[holder ('s)] [former] TITLE [of holder] NAME."""
    doc = sent.doc
    a, b = title_span.start, title_span.end
    if not doc[a].is_title and not doc[a].is_upper:
        # lower-case titles only count before a name with a holder on the left ("Acme spokesman Jo Li")
        if b >= sent.end or not doc[b].is_title:
            return None
    former, i = _former(doc, a, sent.start)
    holder = None
    if i >= sent.start and doc[i].text in _POSSESSIVE:
        holder = _holder_ending_at(doc, i - 1, sent.start)
    elif i >= sent.start:
        holder = _holder_ending_at(doc, i, sent.start)
    j = b
    rule = "title.prenominal"
    if j < sent.end and doc[j].lower_ in {"of", "for"}:
        right = _holder_starting_at(doc, j + 1, sent.end)
        if right is None:
            return None
        holder = (right[0], right[1], False)
        j = right[1][1]
        rule = "title.of_holder"
    name = _name_run(doc, j, sent.end)
    if name is None:
        return None
    person_span = trim(doc[name[0]:name[1]])
    if not len(person_span):
        return None
    person = mention(person_span, "Person")
    title = title_span.text.lower()
    phrase_start = a
    if holder and holder[1][1] == a and holder[1][0] >= sent.start:
        phrase_start = holder[1][0]  # a demonym or organization written before the title
    return TitleFact(person, (person_span.start, person_span.end), title,
                     holder[0] if holder else None, holder[1] if holder else None,
                     holder[2] if holder else False, former, rule, phrase_start)


def _appositive(title_span: Span, sent: Span) -> TitleFact | None:
    """NAME, (the|a) [former] TITLE of/for/at HOLDER  — and NAME is the TITLE of HOLDER."""
    doc = sent.doc
    head = title_span[-1]
    person_tok = None
    if head.dep_ == "appos":
        person_tok = head.head
    elif head.dep_ == "attr" and head.head.lemma_ == "be":
        person_tok = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
    if person_tok is None:
        return None
    ent = _entity_at(person_tok)
    if ent is None or ent.label_ != "PERSON":
        return None
    person_span = trim(ent)
    holder = None
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"of", "for", "at", "with", "to"}:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                pent = _entity_at(pobj)
                typed = typed_entity(pent) if pent is not None else None
                if typed is not None and typed.type in {"Country", "Organization"}:
                    holder = (typed, (pent.start, pent.end), False)
        elif child.dep_ in {"poss", "compound", "amod"} and child.i < head.i:
            found = _holder_ending_at(doc, child.i, sent.start)
            if found is not None:
                holder = found
    former = any(t.lower_ in titles().former_markers for t in doc[title_span.start - 2:title_span.start]) \
        if title_span.start >= 2 else False
    return TitleFact(mention(person_span, "Person"), (person_span.start, person_span.end),
                     title_span.text.lower(),
                     holder[0] if holder else None, holder[1] if holder else None,
                     holder[2] if holder else False, former, "title.appositive", person_span.start)
