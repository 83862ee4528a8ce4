"""Titles and roles: "Examplish President Jane Doe", "President of X Jane Doe", "Doe, a spokesman
for Acme", "X's foreign minister, Jane Doe", "Doe, the head of Acme", "Police Commissioner Jo Li".

A title found next to a person's name gives the person's mention (NER often swallows titles
into one ORG span) and a state: LEADER_OF / OFFICIAL_OF the country or organization named
with it, or NATIONAL_OF for a demonym with a non-political role (roles.json).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from kg.core import gazetteer
from kg.core.model import EntityMention
from kg.core.ontology import load_ontology
from kg.loaders.arguments import stated_outright
from kg.loaders.lexicon import Actors, Places, RoleLexicon, title_predicate
from kg.loaders.mentions import mention, trim, typed_entity

_LOCALITIES = load_ontology().localities  # a region or a town, not a whole country

_POSSESSIVE = {"'s", "’s", "'"}
_PERSON_LABELS = {"PERSON"}


def with_honorific(doc: Doc, start: int, person: EntityMention, roles: RoleLexicon) -> EntityMention:
    """'Mrs. Jo Li': a form of address just before the name (token `start`) belongs to the
    person's mention as written; the name (the mention's key) stays without it, also when
    the named-entity span took it in ("Mrs Li" is resolved as "Li")."""
    if person.type != "Person":
        return person
    first, rest = person.key.split(" ", 1) if " " in person.key else (person.key, "")
    if first in roles.honorifics and rest:
        return replace(person, key=rest)
    if start < 1 or doc[start - 1].text not in roles.honorifics:
        return person
    honorific = doc[start - 1]  # its text and the space after it (Doc.text would join every token)
    return replace(person, text=honorific.text_with_ws + person.text, start=honorific.idx)


def indefinite(title: Token) -> bool:
    """A title with "a" or "an" ("a top Examplist leader"): one of several holders."""
    return any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in title.children)


@dataclass(frozen=True)
class Description:
    """A title used for a person without the name: tokens start:end, and whom it names."""

    start: int
    end: int
    title: str
    person: EntityMention | None  # the named person it refers to, when the document names one
    holder: EntityMention | None
    holder_span: tuple[int, int] | None
    holder_is_demonym: bool
    former: bool


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
    one_of: bool = False  # "a top Examplist leader": one of its leaders, not its head

    def predicate(self, roles: RoleLexicon) -> str | None:
        """The ontology relation this title gives (from the lexicon kind), or None."""
        if self.holder is None:
            return None
        title = self.title
        if self.holder.type in _LOCALITIES:
            kind = roles.relation_kind(title)
            if kind == "official" or (kind == "leader" and _last_title(title, roles) in roles.body_heads):
                return None  # "Kabul police chief", "Washington's negotiator": the town's body, not home
            return "LIVES_IN"  # "Exampletown businessman Jo Li", "Tarsk Gov. Jo Li"
        if (
            self.holder.type == "Country"
            and title in roles.national
            and title not in roles.head_of_state
            and (self.holder_is_demonym or roles.relation_kind(title) is None)
        ):
            return title_predicate("national")
        if self.holder.type == "Country" and title in roles.organization_only:
            return title_predicate("national") if title in roles.national and self.holder_is_demonym else None
        if self.holder.type == "Group" and roles.relation_kind(title) != "leader":
            return None
        kind = roles.relation_kind(title)
        if (
            kind == "leader"
            and self.holder.type == "Country"
            and _last_title(title, roles) in roles.body_heads
        ):
            kind = "official"  # "U.S. administrator Jo Li": a body's head is not the state's leader
        if (
            self.holder.type == "Country"
            and not self.holder_is_demonym
            and title.split()[0] in roles.state_heads
            and "of" not in title.split()
            and self.rule == "title.prenominal"  # ("the country's head of police, Jo Li": a body's)
        ):
            kind = "leader"  # "Examplestan's head Gen. Jo Li": the state's head, whatever rank follows
        if kind == "leader" and self.one_of:
            kind = "official"  # "a senior Examplist leader, Jo Li": one of its leaders
        return title_predicate(kind) if kind else None


def _last_title(title: str, roles: RoleLexicon) -> str:
    """A title without the rank words before it ("top commander" -> "commander")."""
    words = title.split()
    while len(words) > 1 and " ".join(words) not in roles.body_heads and words[0] not in roles.kind_of:
        words = words[1:]
    return " ".join(words)


def _ethnic(doc: Doc, holder: tuple, title_start: int) -> bool:
    """A demonym holder beside another people's word before the title ('Examplish Tarskan
    leader'): the title is held among a people, not of a state."""
    if not holder[2] and holder[0].type != "Country":
        return False
    start, end = holder[1]
    after = doc[end] if end < title_start else None
    before = doc[start - 1] if start > 0 else None
    return any(
        t is not None and t.ent_type_ == "NORP" and t.pos_ in {"ADJ", "PROPN"} and t.is_title
        for t in (after, before)
    )


def _of_objects_children(head: Token) -> list[Token]:
    """The words hung on the object of a title's 'of' when that object names no person ('the
    head of the Examplish Police, Jo Li,': the parser takes the name for the police's)."""
    return [
        c
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ == "of"
        for pobj in prep.children
        if pobj.dep_ == "pobj" and pobj.ent_type_ in {"ORG", "GPE", "NORP", "FAC", ""}
        for c in pobj.children
    ]


def _whose_title(
    doc: Doc, holder: tuple[EntityMention, tuple[int, int], bool] | None, i: int, floor: int
) -> tuple[EntityMention, tuple[int, int], bool] | None:
    """The holder found before a title, unless it is the place of the scene: "At Tarsk Airport
    General Secretary Jo Li greeted ...", a place after a locative preposition right before a
    title, is where the scene is, not whose the title is ("in Tarsk's mayor's office", "from
    Tarsk Gov. Jo Li" are the town's)."""
    if holder is None:
        return None
    start = holder[1][0]
    if (
        holder[0].type in {"City", "Region"}
        and doc[i].text not in _POSSESSIVE
        and start > floor
        and doc[start - 1].lower_ in {"at", "in", "inside", "near", "outside"}
    ):
        return None
    return holder


class TitleFinder:
    """Finds titled persons; built once per pipeline from the role lexicon."""

    def __init__(self, vocab, roles: RoleLexicon, actors: Actors, places: Places) -> None:
        self.roles, self.actors, self.places = roles, actors, places
        self.matcher = PhraseMatcher(vocab, attr="LOWER")
        phrases = sorted((roles.all_titles | roles.national) - {"national"})
        self.matcher.add("TITLE", [_phrase_doc(vocab, p) for p in phrases])
        self.words = roles.words

    def __call__(self, doc: Doc, sentences: list[Span]) -> list[TitleFact]:
        """Every titled person in the sentences, with the country/organization of the title."""
        return self.find(doc, sentences)[0]

    def find(self, doc: Doc, sentences: list[Span]) -> tuple[list[TitleFact], list[Description]]:
        """Titled persons, and the role descriptions without a name ("Examplestan's leader",
        "the Examplish president", "the ministry spokesman"), each resolved when the document
        names a person with that title and holder."""
        spans = filter_spans([doc[s:e] for _, s, e in self.matcher(doc)])
        by_sentence: dict[int, list[Span]] = {}
        for span in spans:
            by_sentence.setdefault(span.sent.start, []).append(span)
        facts: list[TitleFact] = []
        unnamed: list[tuple[Span, Span]] = []
        for sent in sentences:
            titles = by_sentence.get(sent.start, [])
            taken: set[int] = set()
            for title_span in titles:
                if title_span.start in taken or self._inside_name(title_span):
                    continue
                fact = self._prenominal(title_span, sent, titles) or self._appositive(title_span, sent)
                if fact is not None:
                    facts.append(fact)
                    taken.update(range(*fact.person_span))
                    taken.update(range(fact.phrase_start, fact.person_span[1]))
                elif title_span.start not in taken:
                    unnamed.append((title_span, sent))
        descriptions = [d for d in (self._description(t, sent, facts) for t, sent in unnamed) if d]
        return facts, descriptions

    def _inside_name(self, title_span: Span) -> bool:
        """'Jo Luther King Jr.': a title word inside a person's name, after given names that are
        no titles (and not all countries: "Examplish President Jo Li"), is part of the name."""
        doc = title_span.doc
        ent = _entity_at(title_span[0])
        if (
            ent is None
            or ent.label_ != "PERSON"
            or not ent.start < title_span.start
            or ent.end <= title_span.end
        ):
            return False
        before = doc[ent.start : title_span.start]
        return all(t.is_title and not self._is_title_word(t) for t in before) and not all(
            gazetteer.country(t.text) is not None for t in before
        )

    def _description(self, title_span: Span, sent: Span, facts: list[TitleFact]) -> Description | None:
        """A title used without a name: "Examplestan's leader", "the Examplish president"."""
        doc = sent.doc
        head = title_span[-1]
        if (
            head.pos_ not in {"NOUN", "PROPN"}
            or head.tag_ in {"NNS", "NNPS"}
            or head.dep_ in {"compound", "amod"}
            or title_span.end < len(doc)
            and doc[title_span.end].is_title
            and doc[title_span.end].pos_ == "PROPN"
        ):
            return None
        former, i = self._former(doc, title_span.start, sent.start)
        holder = None
        if i >= sent.start and doc[i].text in _POSSESSIVE:
            holder = self._holder_ending_at(doc, i - 1, sent.start) or self._country_reference(doc, i - 1)
        elif i >= sent.start:
            holder = self._holder_ending_at(doc, i, sent.start)
        start = holder[1][0] if holder else title_span.start
        compounds = [c for c in head.lefts if c.dep_ == "compound" and c.i < title_span.start]
        if holder is None and compounds:
            start = min(c.left_edge.i for c in compounds)
        definite = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) or holder is not None
        if not definite:
            return None
        title = title_span.text.lower()
        # "the leader of the Examplist Party", "the president of Peru": the holder written after
        # the title is the one the named holder of the title must share (not another state's
        # prime minister named earlier)
        after = self._holder_after(head) if holder is None else None
        # ("a visit by an Examplish prime minister": any one, not the one in office)
        indefinite = any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in head.children)
        person = (
            None
            if indefinite
            else self._resolve(title, holder[0] if holder else after, title_span.start, facts)
        )
        organization_words = self.actors.organization_nouns | {"ministry"}
        if (
            person is None
            and holder is None
            and not compounds
            and not any(t.lower_ in organization_words for t in title_span)
        ):
            return None
        span = trim(doc[start : title_span.end])
        if not len(span):
            return None
        return Description(
            span.start,
            span.end,
            title,
            person,
            holder[0] if holder else None,
            holder[1] if holder else None,
            holder[2] if holder else False,
            former,
        )

    @staticmethod
    def _holder_after(head: Token) -> EntityMention | None:
        """The first proper name after "of" of a title used without a name ("the president of
        Peru": Peru; "the leader of the opposition Examplist Party": the party), or None."""
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"):
            names = [t for t in prep.subtree if t.pos_ == "PROPN"]
            if not names:
                continue
            end = names[0].i
            while end + 1 < len(prep.doc) and prep.doc[end + 1].pos_ == "PROPN":
                end += 1
            span = prep.doc[names[0].i : end + 1]
            found = gazetteer.country(span.text)
            if found is not None:
                return mention(span, "Country", found.name, iso3=found.iso3)
            return mention(span, "Organization")
        return None

    def _resolve(
        self, title: str, holder: EntityMention | None, at: int, facts: list[TitleFact]
    ) -> EntityMention | None:
        """The person a description refers to: the named holder of that title (and holder) the
        document mentions nearest before it, else nearest after it."""
        roles = self.roles

        def same_title(other: str) -> bool:
            return (
                other == title
                or (  # "the country's leader" is its president or its prime minister;
                    # "the president" is never its prime minister
                    title in roles.generic_leaders
                    and other in roles.head_of_state
                    and roles.relation_kind(other) == roles.relation_kind(title)
                )
                or other.endswith(" " + title)
            )

        def same_holder(other: EntityMention | None) -> bool:
            if holder is None:
                return True
            if other is None:
                return False
            return (holder.iso3 is not None and holder.iso3 == other.iso3) or holder.key == other.key

        candidates = [f for f in facts if same_title(f.title) and same_holder(f.holder)]
        if not candidates:
            return None
        before = [f for f in candidates if f.person_span[0] < at]
        best = before[-1] if before else min(candidates, key=lambda f: f.person_span[0])
        return best.person

    def _country_reference(self, doc: Doc, i: int) -> tuple[EntityMention, tuple[int, int], bool] | None:
        """ "the country's leader": the country named last before it."""
        if i < 0 or doc[i].lemma_.lower() not in {"country", "nation"}:
            return None
        for ent in reversed([e for e in doc.ents if e.end <= i and e.label_ in {"GPE", "NORP"}]):
            found = gazetteer.country(trim(ent).text)
            if found:
                span = doc[i : i + 1]
                return mention(span, "Country", found.name, iso3=found.iso3), (i, i + 1), False
        return None

    def _is_title_word(self, token: Token) -> bool:
        return token.lower_ in self.words and token.lower_ not in self.roles.name_joiners

    def _hyphen_syllable(self, hyphen: Token, nxt: Token) -> bool:
        """'Moon Jae-in', 'Chen Chung-chi': a lower-case syllable written onto a name by a
        hyphen with no space on either side (never a participle: 'Ruiz-backed')."""
        return (
            hyphen.text == "-"
            and not hyphen.whitespace_
            and not hyphen.nbor(-1).whitespace_
            and nxt.is_alpha
            and nxt.is_lower
            and nxt.lower_ not in self.actors.hyphen_participles
        )

    def _name_run(self, doc: Doc, j: int, limit: int) -> tuple[int, int] | None:
        """The personal name starting at token j: capitalised tokens, hyphens and particles."""
        start = j
        joiners = self.roles.name_joiners
        while j < limit:
            tok = doc[j]
            if tok.is_space or (tok.is_punct and tok.text not in {"-", "."}):
                break
            if tok.text in {"-", "."} or (tok.lower_ in joiners and not tok.is_title):
                nxt = j + 1
                while nxt < limit and doc[nxt].text == "-":
                    nxt += 1
                if j == start or nxt >= limit:
                    break
                if self._hyphen_syllable(tok, doc[nxt]):
                    j = nxt + 1
                    continue
                if not doc[nxt].is_title:
                    break
                j = nxt
                continue
            if not tok.text[:1].isupper() or tok.pos_ not in {"PROPN", "NOUN", "ADJ", "VERB"}:
                break  # ("McLano", "DeLano": capitalised, though not title-case)
            if self._is_title_word(tok) and j == start:
                return None
            if self._is_title_word(tok) and not tok.ent_type_ == "PERSON":
                break
            j += 1
        if j == start:
            return None
        span = doc[start:j]
        if (
            gazetteer.country(span.text)
            or span[-1].lower_ in self.actors.organization_heads
            or (len(span) == 1 and span[0].is_upper and span[0].ent_type_ == "ORG")
        ):
            return None
        if any(t.ent_type_ in {"GPE", "NORP", "DATE", "TIME", "CARDINAL", "MONEY"} for t in span):
            return None
        return start, j

    def _holder_ending_at(
        self,
        doc: Doc,
        i: int,
        floor: int,
    ) -> tuple[EntityMention, tuple[int, int], bool] | None:
        """A country, demonym or organization whose last token is i (before a title); never a
        minister's field that NER read as an organization ("Defense Minister Jo Li")."""
        if i < floor or not (doc[i].is_title or doc[i].is_upper):
            return None
        field_of = i + 1 < len(doc) and doc[i + 1].lower_ in _FIELD_TITLES
        for width in (2, 1) if field_of else ():  # "Egyptian Defense Minister": field, then holder
            if i - width + 1 >= floor and doc[i - width + 1 : i + 1].text.lower() in self.roles.portfolios:
                return self._holder_ending_at(doc, i - width, floor)
        start = i
        while (
            start - 1 >= floor
            and (doc[start - 1].is_title or doc[start - 1].is_upper)
            and not self._is_title_word(doc[start - 1])
            and not doc[start - 1].is_sent_start
        ):
            start -= 1
        wider = doc[start - 1 : i + 1].text if start - 1 >= floor else ""
        if wider and doc[start - 1].is_title and (gazetteer.region(wider) or gazetteer.country(wider)):
            # a state's name opening the sentence ("New Examplia Gov. Jo Li", "South Korean President")
            start -= 1
        for s in range(start, i + 1):  # longest run first
            span = doc[s : i + 1]
            if s > 0 and gazetteer.people_word(doc[s - 1].text):
                continue  # "indigenous Indian leader": a people's, not a state's
            region = gazetteer.region(span.text) if 1 < len(span) <= 4 else None
            if region is not None:  # "New Examplia Gov.": the state, not a country named by its end
                return mention(span, "Region", region[0], geonames=region[1]), (s, i + 1), False
            found = gazetteer.country(span.text) if len(span) <= 4 else None
            if found:
                demonym = (
                    span[-1].pos_ == "ADJ"
                    or span[-1].ent_type_ == "NORP"
                    or span.text.lower() != found.name.lower()
                    and not span[-1].ent_type_ == "GPE"
                )
                return mention(span, "Country", found.name, iso3=found.iso3), (s, i + 1), demonym
        ent = _entity_at(doc[i])
        seat = self.actors.seats.get(doc[start : i + 1].text.lower())
        if seat is not None:  # "Kremlin spokesman": the seat names the institution
            span = doc[start : i + 1]
            return mention(span, "Organization", span.text), (start, i + 1), False
        if (
            ent is not None
            and ent.label_ in {"ORG", "FAC", "GPE"}
            and (ent.end == i + 1 or (ent.end == i + 2 and doc[i + 1].tag_ == "POS"))
        ):  # NER may take in the "'s"
            typed = typed_entity(ent, self.places, self.actors)
            if typed is not None and typed.type in _LOCALITIES:  # "Tarsk businessman"
                return typed, (ent.start, ent.end), False
            if typed is not None and typed.type in {"Organization", "Group"}:
                if typed.type == "Group" and self.actors.seats.get(typed.text.lower()):
                    typed = replace(typed, type="Organization", iso3=None, sector=None)
                return typed, (ent.start, ent.end), False
        if ent is None and doc[i].pos_ == "PROPN" and doc[i].is_upper and len(doc[i]) > 1:
            span = doc[i : i + 1]  # an acronym: "ACME spokesman ..."
            return mention(span, "Organization"), (i, i + 1), False
        return None

    def _holder_starting_at(
        self,
        doc: Doc,
        j: int,
        limit: int,
    ) -> tuple[EntityMention, tuple[int, int]] | None:
        """A country or organization right after "of"/"for" ("President of Examplestan ...")."""
        if j < limit and doc[j].lower_ == "the":
            j += 1
        ent = _entity_at(doc[j]) if j < limit else None
        for n in range(min(4, limit - j), 0, -1):
            span = doc[j : j + n]
            found = gazetteer.country(span.text)
            if found and all(t.is_title or t.is_upper or t.lower_ in {"of", "and", "-"} for t in span):
                rest = doc[j + n : ent.end] if ent is not None and ent.label_ == "ORG" else doc[j:j]
                if any(t.lower_ in {"of", "for"} for t in rest) or (
                    len(rest) and rest[-1].lower_ in self.actors.organization_heads
                ):
                    break  # "of the U.S. House of Representatives": the body, which the state names
                return mention(span, "Country", found.name, iso3=found.iso3), (j, j + n)
        if ent is not None and ent.start == j and ent.label_ in {"ORG", "GPE", "LOC"}:
            typed = typed_entity(ent, self.places, self.actors)
            if typed is not None and typed.type != "Person":
                return typed, (ent.start, ent.end)
        return None

    def _embedded_holder(
        self,
        title_span: Span,
        doc: Doc,
        floor: int,
    ) -> tuple[EntityMention, tuple[int, int], bool] | None:
        """'Police Commissioner Jo Li', 'army chief Jo Li': the title names its group."""
        first = title_span[0]
        sector = self.actors.sector(first.lower_) if len(title_span) > 1 else None
        if sector is None or sector in self.actors.needs_modifier:
            return None
        iso3 = None
        if title_span.start - 1 >= floor:
            found = gazetteer.country(doc[title_span.start - 1].text)
            iso3 = found.iso3 if found else None
        span = doc[first.i : first.i + 1]
        return mention(span, "Group", span.text, iso3=iso3, sector=sector), (first.i, first.i + 1), False

    def _former(self, doc: Doc, a: int, floor: int) -> tuple[bool, int]:
        """Whether a former-marker precedes token a, and the token before the markers."""
        markers, acting = self.roles.former_markers, self.roles.acting_markers
        former = False
        i = a - 1
        for _ in range(3):
            if i >= floor and doc[i].text == "-" and i - 1 >= floor and doc[i - 1].lower_ == "ex":
                former, i = True, i - 2
            elif i >= floor and (doc[i].lower_ in markers or doc[i].lower_.rstrip("-") in markers):
                former, i = True, i - 1
            elif i >= floor and doc[i].lower_ in acting:
                i -= 1
            elif i >= floor and doc[i].lower_ in acting | markers and doc[i].text.endswith("-"):
                i -= 1
            elif (
                i - 2 >= floor
                and doc[i].lower_ in {"styled", "declared", "proclaimed"}
                and doc[i - 1].text == "-"
                and doc[i - 2].lower_ == "self"
            ):
                i -= 3
            else:
                break
        return former, i

    def _prenominal(self, title_span: Span, sent: Span, titles: list[Span]) -> TitleFact | None:
        """[holder ('s)] [former] TITLE [of holder] [more titles] NAME."""
        doc = sent.doc
        first = title_span[0]
        ent = _entity_at(first)
        if len(title_span) > 1 and ent is not None and ent.end == first.i + 1 and ent.label_ == "ORG":
            # "Examplish National Army chief Jo Li": the organization's name ends in a title word
            rest = doc[first.i + 1 : title_span.end]
            if rest.text.lower() in self.roles.all_titles:
                title_span = rest
        a, b = title_span.start, title_span.end
        former, i = self._former(doc, a, sent.start)
        if i > sent.start and doc[i].lower_ in self.roles.institution_words:
            i -= 1  # "Examplish government spokesman Jo Li": the government is the country's
        holder = None
        if i >= sent.start and doc[i].text in _POSSESSIVE:
            holder = self._holder_ending_at(doc, i - 1, sent.start)
        elif i >= sent.start:
            holder = self._holder_ending_at(doc, i, sent.start)
        holder = self._posting_state(doc, holder, title_span, sent.start)
        if holder is not None and _ethnic(doc, holder, a):
            holder = None  # "the Examplish Tarskan leader Jo Li": a people's, not a state's
        holder = _whose_title(doc, holder, i, sent.start)
        if holder is not None and not former:
            # "Former Examplish President Jo Li": the marker comes before the holder
            former = self._former(doc, holder[1][0], sent.start)[0]
        if holder is None:
            holder = self._embedded_holder(title_span, doc, sent.start)
        if not doc[a].is_title and not doc[a].is_upper and holder is None:
            # a lower-case title counts before a name only with a holder on its left
            # ("Acme spokesman Jo Li")
            return None
        j = b
        rule = "title.prenominal"
        if j < sent.end and doc[j].lower_ in {"of", "for"}:
            right = self._holder_starting_at(doc, j + 1, sent.end)
            if right is None:
                return None
            holder = (right[0], right[1], False)
            j = right[1][1]
            rule = "title.of_holder"
        # "commander Brigadier General Jo Li", "Foreign Minister Gen. Jo Li": titles in a row
        for _ in range(3):
            following = next((t for t in titles if t.start == j), None)
            if following is None:
                break
            j = following.end
        name = self._name_run(doc, j, sent.end)
        if name is None:
            return None
        after = doc[name[1]] if name[1] < sent.end else None
        if (
            after is not None
            and after.pos_ == "NOUN"
            and (after.lemma_.lower() in self.actors.organization_nouns or self.actors.sector(after.lemma_))
        ):
            return None  # "the rebel Houthi movement", "rebel Tarsk fighters": a movement's name
        if holder is None and name[1] + 1 < sent.end and doc[name[1]].lower_ == "of":
            right = self._holder_starting_at(doc, name[1] + 1, sent.end)  # "President Jo Li of X"
            if right is not None:
                holder = (right[0], right[1], False)
                rule = "title.of_holder"
        person_span = trim(doc[name[0] : name[1]])
        if not len(person_span) or f"{person_span.text.lower()}." in self.roles.all_titles:
            return None  # "spokesman Maj.| Jo Li" cut by a sentence break: a rank, no name
        person = mention(person_span, "Person")
        title = title_span.text.lower()
        phrase_start = a
        if holder and holder[1][1] <= a and holder[1][0] >= sent.start:
            phrase_start = holder[1][0]  # a demonym or organization written before the title
        return TitleFact(
            person,
            (person_span.start, person_span.end),
            title,
            holder[0] if holder else None,
            holder[1] if holder else None,
            holder[2] if holder else False,
            former,
            rule,
            phrase_start,
        )

    def _posting_state(self, doc: Doc, holder: tuple | None, title_span: Span, floor: int) -> tuple | None:
        """'Chile's UN ambassador Jo Li': the state whose envoy is posted to the body named
        between it and the title; `holder` otherwise."""
        if (
            holder is None
            or holder[0].type == "Country"
            or title_span.text.lower() not in self.roles.posting_titles
            or holder[1][0] <= floor
        ):
            return holder
        k = holder[1][0] - 1
        state = self._holder_ending_at(doc, k - 1 if doc[k].text in _POSSESSIVE else k, floor)
        return state if state is not None and state[0].type == "Country" else holder

    def _designation(self, head: Token) -> tuple[Token, Token] | None:
        """(person, verb) for a title given with 'as': "appointed Jo Li as defence minister"
        (the object), "Jo Li was sworn in as president" (the passive subject), "Jo Li served as
        foreign minister" (the subject of a verb without object)."""
        prep = head.head
        if head.dep_ != "pobj" or prep.lower_ != "as" or prep.dep_ != "prep":
            return None
        owner = prep.head
        if owner.pos_ == "PROPN" and owner.dep_ in {"dobj", "nsubjpass"}:  # "recognized Jo Li as ..."
            return (owner, owner.head) if _designation_verb(owner.head, self.roles.as_verbs) else None
        if owner.pos_ not in {"VERB", "AUX"} or not _designation_verb(owner, self.roles.as_verbs):
            return None
        named = [c for c in owner.children if c.dep_ in {"dobj", "nsubjpass"}] or [
            c for c in owner.children if c.dep_ == "nsubj" and owner.lemma_ in self.roles.service_verbs
        ]
        return (named[0], owner) if named else None

    def _appositive(self, title_span: Span, sent: Span) -> TitleFact | None:
        """NAME, (the|a) [former] TITLE of/for/at HOLDER; HOLDER's TITLE, NAME; NAME is the
        TITLE of HOLDER."""
        doc = sent.doc
        head = title_span[-1]
        if head.dep_ == "pobj" and title_span.root.i < head.i:
            head = title_span.root  # "minister of foreign affairs": the minister, not the affairs
        person_tok = None
        if head.dep_ == "conj" and head.head.dep_ == "appos" and head.head.lower_ in self.words:
            person_tok = head.head.head  # "Jo Li, leader of X and vice-president of Y"
        elif head.dep_ == "appos":
            person_tok = head.head
        elif head.dep_ == "attr" and head.head.lemma_ == "be":
            person_tok = next((c for c in head.head.children if c.dep_ == "nsubj"), None)
        rule = "title.appositive"
        designation = self._designation(head)
        if designation is not None:
            person_tok, rule = designation[0], "title.as_role"
        untagged_ok = {"title.before_apposition", "title.as_role"}  # a name NER left untagged
        if person_tok is None or not (
            _tagged_person(person_tok) or (rule == "title.as_role" and _untagged_name(person_tok) is not None)
        ):
            # "Examplestan's foreign minister, Jane Doe, said"; "the head of the Examplish
            # Police, Jo Li, said", where the parse hangs the name on the holder
            person_tok = next(
                (
                    c
                    for c in (*head.children, *_of_objects_children(head))
                    if c.dep_ == "appos"
                    and c.i > head.i
                    and (_tagged_person(c) or _untagged_name(c) is not None or self._person_named_org(c))
                    # not past a title of the name's own ("an adviser to X's leader Jo Li")
                    and not any(
                        t.pos_ == "NOUN" and t.lower_ in self.roles.all_titles
                        for t in (*doc[head.i + 1 : c.left_edge.i], *c.lefts)
                    )
                ),
                None,
            )
            rule = "title.before_apposition"
        if person_tok is None:
            return None
        ent = _entity_at(person_tok)
        named_org = rule == "title.before_apposition" and self._person_named_org(person_tok)
        if ent is not None and (ent.label_ in _PERSON_LABELS or named_org):
            person_span = trim(ent)
        elif rule in untagged_ok and (untagged := _untagged_name(person_tok)) is not None:
            person_span = untagged
        else:
            return None
        holder = None
        # never "in X", where a title is held: "the U.S. commander in Iraq" and "the ambassador
        # in Peru" hold no title of Iraq's or Peru's
        children = list(head.children)
        if head.dep_ == "attr":  # "Jo Li was comptroller at Acme": the parser hangs "at" on "was"
            children += [c for c in head.head.children if c.dep_ == "prep" and c.i > head.i]
        posted = head.lemma_.lower() in self.roles.posting_titles or head.lower_ in self.roles.posting_titles
        for child in children:
            if posted and child.dep_ == "prep" and child.lower_ in {"to", "for", "in"}:
                continue  # "Peru's ambassador to the UN": where the holder is posted, not whose
            if child.dep_ == "prep" and child.lower_ in {"of", "for", "at", "with", "to"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    pent = _entity_at(pobj)
                    typed = typed_entity(pent, self.places, self.actors) if pent is not None else None
                    if typed is not None and pent is not None and typed.type in {"Country", "Organization"}:
                        holder = (typed, (pent.start, pent.end), False)
            elif child.dep_ in {"poss", "compound", "amod", "nmod"} and (
                child.i < title_span.start or child.lower_ in self.actors.organization_heads
            ):
                # a word of the title itself holds nothing ("Supreme" of "Supreme leader"), but
                # an organ named in it does ("the Foreign Ministry spokesman")
                found = self._holder_ending_at(doc, child.i, sent.start) or self._country_reference(
                    doc, child.i
                )
                if found is not None and not (
                    posted
                    and holder is not None
                    and holder[0].type == "Country"
                    and found[0].type != "Country"
                ):  # "Chile's UN ambassador": the state's envoy posted to the UN
                    holder = found
        if holder is not None and _ethnic(doc, holder, head.i):
            holder = None  # "Jo Li, the Examplish Tarskan leader": a people's, not a state's
        before = doc[max(sent.start, title_span.start - 3) : title_span.start]
        former = any(t.lower_ in self.roles.former_markers for t in before) or (
            designation is not None
            and designation[1].lemma_ in self.roles.service_verbs
            and designation[1].tag_ == "VBD"
        )
        return TitleFact(
            mention(person_span, "Person"),
            (person_span.start, person_span.end),
            title_span.text.lower(),
            holder[0] if holder else None,
            holder[1] if holder else None,
            holder[2] if holder else False,
            former,
            rule,
            person_span.start,
            one_of=indefinite(head),
        )

    def _person_named_org(self, token: Token) -> bool:
        """'The head of the Examplish Commission, Jo Li Tarsk,': NER called the name set
        beside a title an organization, but it is written as a person's (two to four
        capitalised words, no organization's head word, acronym, country or state organ)."""
        ent = _entity_at(token)
        if ent is None or ent.label_ != "ORG":
            return False
        words = trim(ent)
        return (
            2 <= len(words) <= 4
            and all(t.pos_ == "PROPN" and t.is_title for t in words)
            and not any(t.lower_ in self.actors.organization_heads | self.actors.state_organs for t in words)
            and gazetteer.country(words.text) is None
        )


def _designation_verb(verb: Token, as_verbs: frozenset[str]) -> bool:
    """A verb that gives its 'as TITLE' to the person it names, said as a fact: not negated, not
    under a modal, not an infinitive or gerund complement ("refused to recognise X as ...")."""
    return (
        verb.lemma_.lower() in as_verbs
        and verb.dep_ not in {"xcomp", "pcomp", "csubj"}
        and stated_outright(verb)
    )


def _phrase_doc(vocab, phrase: str) -> Doc:
    words = phrase.replace("-", " - ").split() if "-" in phrase and phrase not in {"ex-"} else phrase.split()
    return Doc(vocab, words=words)


def _tagged_person(token: Token) -> bool:
    """The token is part of an entity NER tagged as a person."""
    ent = _entity_at(token)
    return ent is not None and ent.label_ in _PERSON_LABELS


# Titles a minister's field comes before ("Defense Minister"); "Army chief" is the army's.
_FIELD_TITLES = frozenset({"minister", "secretary", "ministry"})


def _entity_at(token: Token) -> Span | None:
    if not token.ent_type_:
        return None
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _untagged_name(token: Token) -> Span | None:
    """'Jo Li' left untagged by NER: two or more capitalised proper nouns ending at `token`."""
    if token.pos_ != "PROPN" or token.ent_type_ or not token.is_title:
        return None
    parts = [t for t in token.lefts if t.dep_ == "compound" and t.pos_ == "PROPN" and t.is_title]
    if not parts or parts[0].i + len(parts) != token.i:
        return None
    span = token.doc[parts[0].i : token.i + 1]
    return None if gazetteer.country(span.text) or gazetteer.city(span.text) else span
