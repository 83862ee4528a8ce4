"""Typed views of the rule, lexicon and weight files of loaders/data, each checked against its
schema when loaded (schema.py): an unknown key, role, sector or relation stops kg at start-up
with one line naming the file and the entry.

    roles()     roles.json     titles and roles, by relation kind
    actors()    actors.json    group nouns by sector, unnamed organizations, seats of power
    places()    places.json    settlement, region, membership and residence words
    states()    states.json    stative rules: relation and confidence
    modality()  modality.json  cues of reported, alleged, planned, hypothetical, negated
    weights()   weights.json   confidence factors of indirect arguments
    calibration()  calibration.json  a rule's score -> the stored confidence (a probability)
    event_rules()  cues.json   the cue lexicon of event relations, compiled to Matcher rules

Each takes a file name of loaders/data or a path (the components' configs name them).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from kg.core.datafiles import (
    CONFIDENCE,
    WORDS,
    Check,
    DataError,
    DataFolder,
    ListOf,
    MapOf,
    Number,
    OneOf,
    Record,
)
from kg.core.ontology import load_ontology
from kg.loaders.fillers import role_names, role_prefixes

# The rules, lexicons and weights of the NLP stage (loaders/data), checked when loaded.
DATA = DataFolder(resources.files("kg.loaders") / "data", "loaders/data")
data_path = DATA.path
load = DATA.load

ROLES_FILE = "roles.json"
ACTORS_FILE = "actors.json"
PLACES_FILE = "places.json"
STATES_FILE = "states.json"
MODALITY_FILE = "modality.json"
WEIGHTS_FILE = "weights.json"
CUES_FILE = "cues.json"
CALIBRATION_FILE = "calibration.json"
GAZETTEER_FILE = "gazetteer.json"


def _relations() -> OneOf:
    return OneOf(load_ontology().relations, "relation")


def _sectors() -> OneOf:
    return OneOf(load_ontology().sectors, "sector")


# --- roles.json -----------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleLexicon:
    relation_of_kind: dict[str, str]  # "leader" -> LEADER_OF
    kind_of: dict[str, str]  # title -> kind
    head_of_state: frozenset[str]
    national: frozenset[str]
    organization_only: frozenset[str]
    former_markers: frozenset[str]
    acting_markers: frozenset[str]
    name_joiners: frozenset[str]
    lead_verbs: frozenset[str]
    honorifics: frozenset[str] = frozenset()
    as_verbs: frozenset[str] = frozenset()  # "appointed Jo Li as defence minister"
    service_verbs: frozenset[str] = frozenset()  # "Jo Li served as ...": former in the past tense
    institution_words: frozenset[str] = frozenset()  # "Examplish government spokesman Jo Li"
    rule_verbs: frozenset[str] = frozenset()  # "Jo Li, who ruled Examplestan"
    # head-of-state titles that say no more than "leads": "the country's leader" may be its
    # president or its prime minister, "the president" is only its president
    generic_leaders: frozenset[str] = frozenset()
    portfolios: frozenset[str] = frozenset()  # "defence", "foreign affairs": a minister's field
    body_heads: frozenset[str] = frozenset()  # "commander": a body's head, a state's official
    deputy_words: frozenset[str] = frozenset()  # "deputy head": an official, not the leader
    posting_titles: frozenset[str] = frozenset()  # "ambassador to X": posted to X, not X's
    state_heads: frozenset[str] = frozenset()  # "Examplestan's head": the state's own head, its leader
    delegated_bodies: frozenset[str] = frozenset()  # "a delegation headed by X": leads only it

    def relation_kind(self, title: str) -> str | None:
        """'leader', 'official' or None for a lower-cased title phrase."""
        return self.kind_of.get(title)

    @cached_property
    def all_titles(self) -> frozenset[str]:
        return frozenset(self.kind_of)

    @cached_property
    def one_word_titles(self) -> frozenset[str]:
        """The titles of one word ("president", "chairman"), which a name may follow."""
        return frozenset(t for t in self.kind_of if " " not in t)

    @cached_property
    def leader(self) -> frozenset[str]:
        return frozenset(t for t, k in self.kind_of.items() if k == "leader")

    @cached_property
    def official(self) -> frozenset[str]:
        return frozenset(t for t, k in self.kind_of.items() if k == "official")

    @cached_property
    def office_words(self) -> frozenset[str]:
        """Every title and every word of one ("director", "vice"): a noun that can name an office."""
        return self.all_titles | self.words

    @cached_property
    def words(self) -> frozenset[str]:
        """Every single word of every title ("minister", "foreign", "general")."""
        return frozenset(w for t in self.kind_of | dict.fromkeys(self.national) for w in t.split())


def _roles_schema() -> Record:
    return Record(
        {
            "kinds": MapOf(Record({"relation": _relations(), "titles": WORDS})),
            "head_of_state": WORDS,
            "national": WORDS,
            "organization_only": WORDS,
            "portfolios": WORDS,
            "former_markers": WORDS,
            "acting_markers": WORDS,
            "name_joiners": WORDS,
            "lead_verbs": WORDS,
            "honorifics": WORDS,
            "as_verbs": WORDS,
            "service_verbs": WORDS,
            "institution_words": WORDS,
            "rule_verbs": WORDS,
            "generic_leaders": WORDS,
            "body_heads": WORDS,
            "rank_words": WORDS,
            "deputy_words": WORDS,
            "posting_titles": WORDS,
            "state_heads": WORDS,
            "delegated_bodies": WORDS,
        }
    )


@cache
def roles(name: str = ROLES_FILE) -> RoleLexicon:
    data = load(name, _roles_schema())
    kind_of: dict[str, str] = {}
    for kind, entry in data["kinds"].items():
        for title in entry["titles"]:
            kind_of.setdefault(title.lower(), kind)
    if "official" in data["kinds"]:
        for p in data["portfolios"]:
            for form in (
                f"{p} minister",
                f"minister of {p}",
                f"minister for {p}",
                f"{p} secretary",
                f"secretary of {p}",
                f"secretary for {p}",
                f"deputy {p} minister",
                f"{p} ministry spokesman",
                f"{p} ministry spokeswoman",
                f"{p} ministry spokesperson",
                f"{p} ministry official",
            ):
                kind_of.setdefault(form.lower(), "official")
    for rank in data["rank_words"]:  # "chief spokesman" is a spokesman: the title after decides
        for title, kind in list(kind_of.items()):
            kind_of.setdefault(f"{rank} {title}", kind)
    if "official" in data["kinds"]:  # "deputy head", "vice chairman": a deputy is no leader
        for deputy in data["deputy_words"]:
            for title in [t for t, kind in kind_of.items() if kind != "official"]:
                kind_of.setdefault(f"{deputy} {title}", "official")
    return RoleLexicon(
        relation_of_kind={k: v["relation"] for k, v in data["kinds"].items()},
        kind_of=kind_of,
        head_of_state=frozenset(data["head_of_state"]),
        national=frozenset(data["national"]),
        organization_only=frozenset(data["organization_only"]),
        former_markers=frozenset(data["former_markers"]),
        acting_markers=frozenset(data["acting_markers"]),
        name_joiners=frozenset(data["name_joiners"]),
        lead_verbs=frozenset(data["lead_verbs"]),
        honorifics=frozenset(data["honorifics"]),
        as_verbs=frozenset(data["as_verbs"]),
        service_verbs=frozenset(data["service_verbs"]),
        generic_leaders=frozenset(data["generic_leaders"]),
        institution_words=frozenset(data["institution_words"]),
        rule_verbs=frozenset(data["rule_verbs"]),
        delegated_bodies=frozenset(data["delegated_bodies"]),
        portfolios=frozenset(p.lower() for p in data["portfolios"]),
        body_heads=frozenset(data["body_heads"]),
        deputy_words=frozenset(data["deputy_words"]),
        posting_titles=frozenset(data["posting_titles"]),
        state_heads=frozenset(data["state_heads"]),
    )


def titles() -> RoleLexicon:  # the name kg used before roles.json
    return roles()


# --- actors.json ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Actors:
    sector_of: dict[str, str]  # lemma or two-word compound -> sector
    not_actor_modifiers: frozenset[str]
    needs_modifier: frozenset[str]
    organization_nouns: frozenset[str]
    organization_heads: frozenset[str]
    seats: dict[str, tuple[str, str]]  # "kremlin" -> ("RUS", "government")
    quantities: frozenset[str]
    instruments: frozenset[str]
    facility_nouns: frozenset[str]
    not_acronyms: frozenset[str]
    event_holders: frozenset[str]
    part_nouns: frozenset[str]
    member_bodies: frozenset[str]
    hyphen_participles: frozenset[str]
    allegiance_words: frozenset[str] = frozenset()
    state_collectives: frozenset[str] = frozenset()
    demonym_endings: tuple[str, ...] = ()
    actor_modifiers: frozenset[str] = frozenset()
    holding_verbs: frozenset[str] = frozenset()
    state_organs: frozenset[str] = frozenset()
    organ_nouns: frozenset[str] = frozenset()  # "the Ukrainian parliament": an organ, not the government
    anaphoric_nouns: frozenset[str] = frozenset()  # "the group": the organisation named just before
    global_modifiers: frozenset[str] = frozenset()  # "the international community": no people
    remainder_words: frozenset[str] = frozenset()  # "X and other Gulf states": no actor of its own
    hardware: frozenset[str] = frozenset()  # "tanks", "warplanes": a force only with its country
    relational_nouns: frozenset[str] = frozenset()  # "Taiwan's ally": named by another, not its own
    gathering_organs: frozenset[str] = frozenset()  # "a party congress": a meeting, not the organ

    @cached_property
    def seat_last_words(self) -> frozenset[str]:
        """The last words of the seats' names ("kremlin", "house"): a quick test before the look-up."""
        return frozenset(name.split()[-1] for name in self.seats)

    def sector(self, word: str) -> str | None:
        """Sector of a lemma or plural ('Protesters' at a sentence start is tagged PROPN, unlemmatised)."""
        word = word.lower()
        for form in (
            word,
            word[:-3] + "y" if word.endswith("ies") else None,
            word[:-1] if word.endswith("s") else None,
        ):
            if form and form in self.sector_of:
                return self.sector_of[form]
        return None


GroupNouns = Actors  # the name kg used before actors.json


def _actors_schema() -> Record:
    seat = Check(
        ListOf(str),
        lambda v: (
            None
            if len(v) == 2 and re.fullmatch(r"[A-Z]{3}", v[0]) and v[1] in load_ontology().sectors
            else "expected [ISO3, sector]"
        ),
    )
    return Record(
        {
            "sectors": MapOf(WORDS, key=_sectors()),
            "not_actor_modifiers": WORDS,
            "needs_modifier": ListOf(_sectors()),
            "organization_nouns": WORDS,
            "organization_heads": WORDS,
            "seats": MapOf(seat),
            "quantities": WORDS,
            "instruments": WORDS,
            "facility_nouns": WORDS,
            "not_acronyms": WORDS,
            "event_holders": WORDS,
            "part_nouns": WORDS,
            "member_bodies": WORDS,
            "hyphen_participles": WORDS,
            "allegiance_words": WORDS,
            "state_collectives": WORDS,
            "demonym_endings": WORDS,
            "actor_modifiers": WORDS,
            "holding_verbs": WORDS,
            "state_organs": WORDS,
            "organ_nouns": WORDS,
            "anaphoric_nouns": WORDS,
            "global_modifiers": WORDS,
            "remainder_words": WORDS,
            "hardware": WORDS,
            "relational_nouns": WORDS,
            "gathering_organs": WORDS,
        }
    )


@cache
def actors(name: str = ACTORS_FILE) -> Actors:
    data = load(name, _actors_schema())
    sector_of: dict[str, str] = {}
    for sector, words in data["sectors"].items():
        for word in words:
            sector_of.setdefault(word, sector)
    return Actors(
        sector_of,
        frozenset(data["not_actor_modifiers"]),
        frozenset(data["needs_modifier"]),
        frozenset(data["organization_nouns"]),
        frozenset(data["organization_heads"]),
        {k.lower(): (v[0], v[1]) for k, v in data["seats"].items()},
        frozenset(data["quantities"]),
        frozenset(data["instruments"]),
        frozenset(data["facility_nouns"]),
        frozenset(data["not_acronyms"]),
        frozenset(data["event_holders"]),
        frozenset(data["part_nouns"]),
        frozenset(data["member_bodies"]),
        frozenset(data["hyphen_participles"]),
        frozenset(data["allegiance_words"]),
        frozenset(data["state_collectives"]),
        tuple(data["demonym_endings"]),
        frozenset(data["actor_modifiers"]),
        frozenset(data["holding_verbs"]),
        frozenset(data["state_organs"]),
        frozenset(data["organ_nouns"]),
        frozenset(data["anaphoric_nouns"]),
        frozenset(data["global_modifiers"]),
        frozenset(data["remainder_words"]),
        frozenset(data["hardware"]),
        frozenset(data["relational_nouns"]),
        frozenset(data["gathering_organs"]),
    )


def group_nouns() -> Actors:
    return actors()


# --- places.json ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Places:
    settlements: frozenset[str]
    region_words: frozenset[str]
    place_cues: frozenset[str]
    membership_verbs: frozenset[str]
    membership_nouns: frozenset[str]
    residence_nouns: frozenset[str]
    residence_verbs: frozenset[str]
    compass_words: frozenset[str]
    home_nouns: frozenset[str]
    territory_nouns: frozenset[str]
    site_nouns: frozenset[str]
    city_words: frozenset[str]
    country_nouns: frozenset[str]
    region_nouns: frozenset[str]
    city_nouns: frozenset[str]
    person_preps: frozenset[str]
    organization_preps: frozenset[str]
    street_words: frozenset[str]
    border_nouns: frozenset[str]
    headquarters_nouns: frozenset[str]
    water_words: frozenset[str]
    compass_part_words: frozenset[str]
    compass_polities: frozenset[str]
    beside_words: frozenset[str]


@cache
def places(name: str = PLACES_FILE) -> Places:
    keys = (
        "settlements",
        "region_words",
        "place_cues",
        "membership_verbs",
        "membership_nouns",
        "residence_nouns",
        "residence_verbs",
        "compass_words",
        "home_nouns",
        "territory_nouns",
        "site_nouns",
        "city_words",
        "country_nouns",
        "region_nouns",
        "city_nouns",
        "person_preps",
        "organization_preps",
        "street_words",
        "border_nouns",
        "headquarters_nouns",
        "water_words",
        "compass_part_words",
        "compass_polities",
        "beside_words",
    )
    data = load(name, Record({k: WORDS for k in keys}))
    return Places(*(frozenset(w.lower() for w in data[k]) for k in keys))


# --- states.json ----------------------------------------------------------------------------


@dataclass(frozen=True)
class StateRule:
    relation: str
    confidence: float


@dataclass(frozen=True)
class States:
    rules: dict[str, StateRule]
    with_holder: float
    without_holder: float

    def rule(self, rule_id: str) -> StateRule:
        try:
            return self.rules[rule_id]
        except KeyError:
            raise DataError(
                f"loaders/data/states.json: rules: no rule {rule_id!r} "
                "(a stative rule of the code needs an entry)"
            ) from None


@cache
def states(name: str = STATES_FILE) -> States:
    data = load(
        name,
        Record(
            {
                "rules": MapOf(Record({"relation": _relations(), "confidence": CONFIDENCE})),
                "title_confidence": Record({"with_holder": CONFIDENCE, "without_holder": CONFIDENCE}),
            }
        ),
    )
    return States(
        {k: StateRule(v["relation"], float(v["confidence"])) for k, v in data["rules"].items()},
        float(data["title_confidence"]["with_holder"]),
        float(data["title_confidence"]["without_holder"]),
    )


def state_predicate(rule_id: str) -> str:
    return states().rule(rule_id).relation


def title_predicate(kind: str) -> str | None:
    """'leader' | 'official' | 'national' -> the relation a title of that kind gives."""
    if kind == "national":
        return "NATIONAL_OF"
    return roles().relation_of_kind.get(kind)


# --- modality.json --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModalityCues:
    speech_verbs: frozenset[str]
    allege_verbs: frozenset[str]
    plan_verbs: frozenset[str]
    hypothetical_verbs: frozenset[str]
    negating_verbs: frozenset[str]
    negating_particles: dict[str, str]
    hypothetical_modals: frozenset[str]
    planned_modals: frozenset[str]
    alleged_adverbs: frozenset[str]
    reported_adverbs: frozenset[str]
    reported_phrases: tuple[tuple[str, ...], ...]
    conditional_marks: frozenset[str]
    negations: frozenset[str]
    plan_nouns: frozenset[str]
    hypothetical_nouns: frozenset[str]
    denial_nouns: frozenset[str]
    hypothetical_adjectives: frozenset[str]
    planned_adjectives: frozenset[str]
    alleged_modifiers: frozenset[str]
    planned_modifiers: frozenset[str]
    hypothetical_modifiers: frozenset[str]
    speech_act_relations: frozenset[str]
    obligation_modals: frozenset[str] = frozenset()
    enactment_nouns: frozenset[str] = frozenset()
    failed_modifiers: frozenset[str] = frozenset()
    source_nouns: frozenset[str] = frozenset()
    declarative_relations: frozenset[str] = frozenset()
    directive_verbs: frozenset[str] = frozenset()
    source_phrases: tuple[tuple[str, ...], ...] = ()
    effort_verbs: frozenset[str] = frozenset()  # "fighting to topple X": not toppled yet
    effort_nouns: frozenset[str] = frozenset()  # "an offensive to retake X": not retaken yet
    prospect_phrases: frozenset[tuple[str, str]] = frozenset()  # ("pave", "way"): "paved the way for X"

    @cached_property
    def content_nouns(self) -> frozenset[str]:
        """Nouns whose participle clause is their content ("an order imposing sanctions")."""
        return (
            self.plan_nouns
            | self.hypothetical_nouns
            | self.enactment_nouns
            | self.denial_nouns
            | self.effort_nouns
        )


_VERB_AND_OBJECT = Check(
    WORDS, lambda v: None if len(v) == 2 else f"{v!r} is not a verb's lemma and its object's"
)


@cache
def modality(name: str = MODALITY_FILE) -> ModalityCues:
    sets = (
        "speech_verbs",
        "allege_verbs",
        "plan_verbs",
        "hypothetical_verbs",
        "negating_verbs",
        "hypothetical_modals",
        "planned_modals",
        "alleged_adverbs",
        "reported_adverbs",
        "conditional_marks",
        "negations",
        "plan_nouns",
        "hypothetical_nouns",
        "denial_nouns",
        "hypothetical_adjectives",
        "planned_adjectives",
        "alleged_modifiers",
        "planned_modifiers",
        "hypothetical_modifiers",
        "obligation_modals",
        "enactment_nouns",
        "failed_modifiers",
        "source_nouns",
        "directive_verbs",
        "effort_verbs",
        "effort_nouns",
    )
    data = load(
        name,
        Record(
            {
                **{k: WORDS for k in sets},
                "negating_particles": MapOf(str),
                "reported_phrases": ListOf(WORDS),
                "source_phrases": ListOf(WORDS),
                "prospect_phrases": ListOf(_VERB_AND_OBJECT),
                "speech_act_relations": ListOf(_relations(), non_empty=True),
                "declarative_relations": ListOf(_relations(), non_empty=True),
            }
        ),
    )
    return ModalityCues(
        **{k: frozenset(w.lower() for w in data[k]) for k in sets},
        speech_act_relations=frozenset(data["speech_act_relations"]),
        declarative_relations=frozenset(data["declarative_relations"]),
        negating_particles=dict(data["negating_particles"]),
        reported_phrases=tuple(tuple(p) for p in data["reported_phrases"]),
        source_phrases=tuple(tuple(p) for p in data["source_phrases"]),
        prospect_phrases=frozenset((verb.lower(), obj.lower()) for verb, obj in data["prospect_phrases"]),
    )


# --- weights.json ---------------------------------------------------------------------------

WEIGHT_NAMES = (
    "pronoun",
    "untagged_name",
    "implicit_object",
    "metonymy",
    "definite_description",
    "event_object",
    "conjunct_subject",
    "controlled_subject",
)


@cache
def weights(name: str = WEIGHTS_FILE) -> dict[str, float]:
    data = load(name, Record({k: CONFIDENCE for k in WEIGHT_NAMES}))
    return {k: float(data[k]) for k in WEIGHT_NAMES}


# --- calibration.json -----------------------------------------------------------------------


@dataclass(frozen=True)
class Calibration:
    """A rule's score (0..1) -> the probability that the fact is right (Platt scaling)."""

    slope: float
    intercept: float
    fitted_on: str

    def __call__(self, score: float) -> float:
        return 1.0 / (1.0 + math.exp(-(self.slope * score + self.intercept)))


@cache
def calibration(name: str = CALIBRATION_FILE) -> Calibration:
    data = load(
        name,
        Record(
            {
                "method": OneOf(["platt"], "calibration method"),
                "slope": Number(0.0, 100.0),
                "intercept": Number(-100.0, 100.0),
                "fitted_on": str,
            }
        ),
    )
    return Calibration(float(data["slope"]), float(data["intercept"]), data["fitted_on"])


# --- cues.json ------------------------------------------------------------------------------

# Argument roles are the names and prefixes of the fillers' registry (loaders/fillers.py);
# "prep:on|at" style roles take a list of prepositions after the prefix.
ROLE_FILTERS = ("place", "locality", "actor", "person", "captive", "polity")
REQUIREMENTS = {
    "obj_lemma": WORDS,
    "not_obj_lemma": WORDS,
    "child_lower": WORDS,
    "not_child_lower": WORDS,
    "not_prep": WORDS,  # 'took Tarsk to court': a preposition of the verb that makes it another act
    "child_dep": WORDS,
    "no_child_dep": WORDS,
    "clause_verb_lemma": WORDS,
    "subject_sector": ListOf(str),
    "not_subject_sector": ListOf(str),
    "host_lemma": WORDS,
    "to_infinitive": bool,
    "not_object_control": bool,
    "subjunctive_clause": bool,
    "modal_clause": WORDS,
    "xcomp_verb_lemma": WORDS,
    "not_xcomp_verb_lemma": WORDS,  # 'invited X to show restraint' asks, 'invited X to visit' invites
    "purpose_verb_lemma": WORDS,  # 'sent troops to guard X', 'ordered troops to secure X'
    "not_for_reason": bool,
    "not_governor_lemma": WORDS,
    "not_between_persons": bool,
    "not_sent_obj": WORDS,
    "verdict": bool,  # a condemning word (cues.json "condemning_words") in what the verb says
}
IMPLICIT_OBJECTS = ("focus_place",)


def role_problem(role: str) -> str | None:
    """Why `role` is not a valid argument role, or None."""
    base, _, kind = role.partition("@")
    if kind and kind not in ROLE_FILTERS:
        return f"unknown role filter @{kind} in {role!r} (known: @place, @locality, @actor, @person)"
    if base in role_names():
        return None
    for prefix in role_prefixes():
        if base.startswith(prefix):
            words = base[len(prefix) :].split("|")
            return (
                None
                if all(re.fullmatch(r"[a-z]+", w) for w in words)
                else f"role {role!r}: prepositions must be lower-case words joined by '|'"
            )
    return f"unknown role {role!r}"


def _cue_schema() -> Record:
    role = Check(str, role_problem)
    lemma_list = Check(
        WORDS, lambda ws: next((f"{w!r} is not lower-case" for w in ws if w != w.lower()), None)
    )
    return Record(
        {
            "id": Check(
                str, lambda v: None if re.fullmatch(r"[a-z_]+", v) else f"cue id {v!r}: use a-z and _"
            ),
            "subject": ListOf(role, non_empty=True),
            "object": ListOf(role, non_empty=True),
            "confidence": CONFIDENCE,
        },
        {
            "verbs": lemma_list,
            "nouns": lemma_list,
            "hyphen": lemma_list,
            "pattern": Check(ListOf(MapOf(Any), non_empty=True), _pattern_problem),
            "anchor": Number(0, 20),
            "requires": Record({}, REQUIREMENTS),
            "implicit_object": OneOf(IMPLICIT_OBJECTS, "implicit object"),
            "presupposed": bool,
        },
    )


def _pattern_problem(pattern: list) -> str | None:
    from spacy.schemas import validate_token_pattern  # spaCy's own check of Matcher patterns

    errors = validate_token_pattern(pattern)
    if errors:
        return "bad Matcher pattern: " + "; ".join(map(str, errors))
    first = pattern[0]
    if "OP" in first or not (first.get("LEMMA") or first.get("LOWER")):
        return "a pattern's first token needs a LEMMA or LOWER and no OP (the trigger index)"
    return None


@dataclass(frozen=True)
class EventRule:
    """One Matcher pattern of a cue and where its arguments are."""

    id: str
    predicate: str
    pattern: list[dict[str, Any]]
    subject: tuple[str, ...]
    object: tuple[str, ...]
    confidence: float
    anchor: int = 0
    requires: dict[str, Any] | None = None
    implicit_object: str | None = None
    family: str | None = None
    hyphen: frozenset[str] = frozenset()  # participles after a hyphen ("Chilean-backed")
    presupposed: bool = False  # what the trigger says already happened ("a truce between A and B")


def _with_words(requires: dict | None, data: dict) -> dict | None:
    """A cue's requirements with the word lists they name by flag ("verdict": true -> the
    file's condemning words), written once in the file."""
    if not requires or not requires.get("verdict"):
        return requires
    return {**requires, "verdict": frozenset(w.lower() for w in data["condemning_words"])}


def _patterns(cue: dict, where: str, source: str) -> list[tuple[list[dict], int]]:
    """(Matcher pattern, anchor) per cue: one for the single words, one per multiword phrase."""
    found: list[tuple[list[dict], int]] = []
    kinds = [k for k in ("verbs", "nouns", "pattern", "hyphen") if k in cue]
    if len(kinds) != 1:
        raise DataError(f"{source}: {where}: give exactly one of verbs, nouns, hyphen, pattern")
    if "hyphen" in cue:
        return [([], 0)]  # matched from the mentions of hyphen compounds, not by the Matcher
    if "pattern" in cue:
        anchor = int(cue.get("anchor", 0))
        if anchor >= len(cue["pattern"]):
            raise DataError(f"{source}: {where}: anchor {anchor} is past the pattern's end")
        return [(cue["pattern"], anchor)]
    pos = "VERB" if "verbs" in cue else "NOUN"
    words = cue[kinds[0]]
    single = sorted({w for w in words if " " not in w})
    if single:
        found.append(([{"LEMMA": {"IN": single}, "POS": pos}], 0))
    for phrase in sorted(w for w in words if " " in w):
        parts = phrase.split()
        found.append(
            ([{"LOWER": p} for p in parts[:-1]] + [{"LEMMA": parts[-1], "POS": pos}], len(parts) - 1)
        )
    return found


def _cues_schema() -> Record:
    return Record(
        {
            "light_verbs": WORDS,
            "object_control_verbs": WORDS,
            "responsibility_words": WORDS,
            "consequence_verbs": WORDS,
            "casualty_verbs": WORDS,
            "message_nouns": WORDS,
            "comment_participles": WORDS,
            "condemning_words": WORDS,
            "leader_detention": Record({"sectors": WORDS, "titles": WORDS, "confidence": CONFIDENCE}),
            "relations": MapOf(
                Record({"family": str, "cues": ListOf(_cue_schema(), non_empty=True)}), key=_relations()
            ),
        }
    )


@cache
def light_verbs(name: str = CUES_FILE) -> frozenset[str]:
    """Verbs that carry an event noun's arguments ("launched an attack on", "held talks with")."""
    return frozenset(load(name, _cues_schema())["light_verbs"])


@cache
def argument_words(name: str = CUES_FILE) -> dict[str, frozenset[str]]:
    """The word lists of cues.json that argument roles use (light verbs, object control,
    responsibility, consequence and casualty verbs, message nouns, comment participles)."""
    data = load(name, _cues_schema())
    return {
        k: frozenset(data[k])
        for k in (
            "light_verbs",
            "object_control_verbs",
            "responsibility_words",
            "consequence_verbs",
            "casualty_verbs",
            "message_nouns",
            "comment_participles",
        )
    }


@dataclass(frozen=True)
class LeaderDetention:
    """Soldiers who arrest a sitting leader overthrow them (cues.json "leader_detention")."""

    sectors: frozenset[str]
    titles: frozenset[str]
    confidence: float


@cache
def leader_detention(name: str = CUES_FILE) -> LeaderDetention:
    data = load(name, _cues_schema())["leader_detention"]
    return LeaderDetention(frozenset(data["sectors"]), frozenset(data["titles"]), float(data["confidence"]))


@cache
def object_control_verbs(name: str = CUES_FILE) -> frozenset[str]:
    """Verbs whose object does what their infinitive says ("helped Examplestan to fight X")."""
    return frozenset(load(name, _cues_schema())["object_control_verbs"])


def event_rules(name: str = CUES_FILE) -> tuple[EventRule, ...]:
    """The rules the Matcher finds (every cue but the hyphen ones)."""
    return tuple(r for r in all_event_rules(name) if not r.hyphen)


def hyphen_rules(name: str = CUES_FILE) -> tuple[EventRule, ...]:
    """The rules of hyphen compounds ("Chilean-backed"), found from the mentions."""
    return tuple(r for r in all_event_rules(name) if r.hyphen)


@cache
def all_event_rules(name: str = CUES_FILE) -> tuple[EventRule, ...]:
    ontology = load_ontology()
    data = load(name, _cues_schema())
    source = f"{DATA.shown}/{name}" if data_path(name).name == name else str(name)
    rules: list[EventRule] = []
    for relation, entry in data["relations"].items():
        families = ontology.relation(relation).families
        if families and entry["family"] not in families:
            raise DataError(
                f"{source}: relations.{relation}.family: {entry['family']!r} is not a "
                f"family of {relation} ({', '.join(families)})"
            )
        seen: set[str] = set()
        for i, cue in enumerate(entry["cues"]):
            where = f"relations.{relation}.cues[{i}]"
            if cue["id"] in seen:
                raise DataError(f"{source}: {where}: cue id {cue['id']!r} is used twice")
            seen.add(cue["id"])
            for n, (pattern, anchor) in enumerate(_patterns(cue, where, source)):
                rules.append(
                    EventRule(
                        id=f"{relation.lower()}.{cue['id']}" + (f"#{n}" if n else ""),
                        predicate=relation,
                        pattern=pattern,
                        subject=tuple(cue["subject"]),
                        object=tuple(cue["object"]),
                        confidence=float(cue["confidence"]),
                        anchor=anchor,
                        requires=_with_words(cue.get("requires"), data),
                        implicit_object=cue.get("implicit_object"),
                        family=entry["family"],
                        hyphen=frozenset(cue.get("hyphen", ())),
                        presupposed=bool(cue.get("presupposed", False)),
                    )
                )
    return tuple(rules)


def rule_name(rule: EventRule) -> str:
    """The rule id as provenance shows it (without the '#n' of a multiword phrase)."""
    return rule.id.split("#", 1)[0]


# --- views for diagnostics (bench/news.py) ---------------------------------------------------


def cue_words() -> dict[str, set[str]]:
    """Relation -> every word that can trigger it (each word of a pattern's LEMMA/LOWER)."""
    found: dict[str, set[str]] = {}
    for rule in all_event_rules():
        words = found.setdefault(rule.predicate, set())
        words.update(rule.hyphen)
        for token in rule.pattern:
            for attr in ("LEMMA", "LOWER"):
                value = token.get(attr)
                for w in value["IN"] if isinstance(value, dict) else [value] if value else []:
                    if len(w) > 2 and w not in {"the", "an", "fire", "out", "for", "upon"}:
                        words.add(w.lower())
    return found


def role_words() -> set[str]:
    lex = roles()
    return {w for w in lex.words if len(w) > 2} | set(lex.national)


def seat_words() -> set[str]:
    return set(actors().seats)
