"""Event assertions of a sentence: trigger matches of the cue lexicon, their arguments (roles of
fillers.py, filled from the parse by arguments.py or from the mentions here), the mentions those
arguments denote, and the qualifiers."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.attrs import LEMMA, LOWER
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from kg.core import gazetteer
from kg.core.model import EntityMention
from kg.core.ontology import Ontology, load_ontology
from kg.loaders import dates
from kg.loaders import qualifiers as q
from kg.loaders.arguments import (
    Roles,
    is_passive,
    prep_objects,
    purpose_clauses,
    to_infinitives,
    with_conjuncts,
)
from kg.loaders.fillers import filler_of, mention_filler
from kg.loaders.lexicon import Actors, EventRule, ModalityCues, Places, rule_name
from kg.loaders.mentions import (
    MentionIndex,
    capital_as_country,
    event_mention,
    hyphen_parts,
    mention,
    untagged_name,
)

_LOCALITIES = load_ontology().localities  # a region or a town, not a whole country

_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_THIRD_PERSON = {"he", "him", "his", "she", "her"}
_NEUTER = {"it", "its"}
_PLURAL = {"they", "them", "their"}
_SPEAKER_PRONOUNS = frozenset({"it", "we", "he", "she", "they", "i"})
_PLACES = load_ontology().places
_ACTORS = load_ontology().actors

Filled = tuple[EntityMention, float, Token | None]  # a role's mention, its confidence factor, its token


@dataclass
class Found:
    """An assertion as a component finds it (before document offsets and resolution)."""

    predicate: str
    subject: EntityMention
    object: EntityMention
    rule: str
    confidence: float
    modality: str = "asserted"
    attributed_to: EntityMention | None = None
    date_text: str | None = None
    count: int | None = None
    role: str | None = None
    former: bool = False


@dataclass
class Sentence:
    """What the finders know about one sentence."""

    doc: Doc
    sent: Span
    index: MentionIndex
    focus: EntityMention | None
    found: list[Found] = field(default_factory=list)


class TriggerMatcher:
    """spaCy's Matcher, run only where a rule can start, with the same matches in the same order.

    A Matcher over the whole text tries every pattern at every token (in Python for `IN` sets),
    which was most of kg's own time. Every rule's first token has a LEMMA or LOWER value, so a
    look-up per token in the set of first words finds the tokens that can start a match and
    which rules to try there; each rule has a Matcher of its own, run on the few tokens after
    such a start. Matches come out as the Matcher gives them: by end, then start, then rule order.
    """

    def __init__(self, vocab) -> None:
        self.strings = vocab.strings
        self.vocab = vocab
        self.rules: list[tuple[Matcher, int]] = []  # (a Matcher of one rule, its pattern length)
        self.order: dict[int, int] = {}  # match id -> rule index
        self.starting: dict[tuple[int, int], list[int]] = {}  # (attr, word hash) -> rule indices
        self.words: dict[int, set[int]] = {LEMMA: set(), LOWER: set()}  # hashes that start a rule

    def add(self, key: str, pattern: list[dict]) -> None:
        first, index = pattern[0], len(self.rules)
        values = {attr: first.get(name) for attr, name in ((LEMMA, "LEMMA"), (LOWER, "LOWER"))}
        if "OP" in first or not any(values.values()):
            raise ValueError(f"rule {key}: its first token needs a LEMMA or LOWER and no OP")
        for attr, value in values.items():
            words = value["IN"] if isinstance(value, dict) else [value] if value else []
            hashes = [self.strings.add(w) for w in words]
            for h in hashes:
                self.starting.setdefault((attr, h), []).append(index)
            self.words[attr].update(hashes)
        matcher = Matcher(self.vocab)
        matcher.add(key, [pattern])
        self.rules.append((matcher, len(pattern)))
        self.order[self.strings.add(key)] = index

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) as Matcher(doc) gives them."""
        if not len(doc):
            return []
        attrs = doc.to_array([LEMMA, LOWER]).tolist()  # a set look-up per token beats numpy.isin
        lemmas, lowers = self.words[LEMMA], self.words[LOWER]
        found: list[tuple[int, int, int]] = []
        for i, (lemma, lower) in enumerate(attrs):
            if lemma not in lemmas and lower not in lowers:
                continue
            rules = set(self.starting.get((LEMMA, lemma), ())) | set(self.starting.get((LOWER, lower), ()))
            for index in sorted(rules):
                matcher, width = self.rules[index]
                found.extend(
                    (key, i, i + end) for key, start, end in matcher(doc[i : i + width]) if start == 0
                )
        found.sort(key=lambda m: (m[2], m[1], self.order[m[0]]))
        return found


class EventFinder:
    """Applies the event rules of the cue lexicon to parsed sentences."""

    def __init__(
        self,
        vocab,
        ontology: Ontology,
        rules: tuple[EventRule, ...],
        roles: Roles,
        actors: Actors,
        places: Places,
        cues: ModalityCues,
        weights: dict[str, float],
    ) -> None:
        self.ontology, self.roles, self.actors = ontology, roles, actors
        self.cues, self.weights = cues, weights
        self.places = places
        self.rules: dict[str, EventRule] = {}
        self.hyphen_rules: list[EventRule] = []
        self.matcher = TriggerMatcher(vocab)
        for rule in rules:
            self.ontology.relation(rule.predicate)  # unknown names fail here, not mid-batch
            if rule.hyphen:
                self.hyphen_rules.append(rule)
                continue
            self.rules[rule.id] = rule
            self.matcher.add(rule.id, rule.pattern)
        self.strings = vocab.strings

    def matches(self, doc: Doc, index: MentionIndex) -> dict[int, list[tuple[EventRule, int, int]]]:
        """Rule matches grouped by the start token of their sentence: (rule, start, end); hyphen
        cues match the hyphen compounds whose left part names something ("NATO-backed")."""
        grouped: dict[int, list[tuple[EventRule, int, int]]] = {}
        for match_id, start, end in self.matcher(doc):
            rule = self.rules[self.strings[match_id]]
            grouped.setdefault(doc[start].sent.start, []).append((rule, start, end))
        for i in sorted(index.hyphen_left):
            parts = hyphen_parts(doc[i], self.actors.hyphen_participles)
            for rule in self.hyphen_rules:
                if parts is not None and parts[2] in rule.hyphen:
                    grouped.setdefault(doc[i].sent.start, []).append((rule, i, i + 1))
        return grouped

    # --- mentions of argument tokens ---------------------------------------------------------

    def _past_quantity(self, token: Token) -> Token:
        """'Thousands of demonstrators', 'some of the soldiers': the actor is what is counted;
        'the town of Tarata', 'the capital, Tarata': the place is the name."""
        lemma = token.lemma_.lower()
        if (
            lemma in self.actors.quantities
            or token.like_num
            or token.pos_ in {"NUM", "DET", "PRON"}
            or lemma in self.places.settlements
        ):
            for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    return pobj
            if lemma in self.places.settlements:
                for appos in (c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
                    return appos
            if lemma in self.actors.part_nouns:
                for poss in (c for c in token.children if c.dep_ == "poss"):
                    return poss  # "the council's members may be arrested"
        return token

    def mention_for(  # noqa: C901  (a decision list over the parse, in rule order)
        self, s: Sentence, token: Token, allow_event: bool, actor: bool, sites: bool = False
    ) -> tuple[EntityMention | None, float]:
        """The mention an argument token denotes and a confidence factor (1 when direct);
        with `sites` (the target of an assault) a site of an actor stands for the actor."""
        token = self._past_quantity(token)
        if token.i in s.index.dateline:
            return None, 0.0  # "TARSK, May 2 (Agency) -" places and agencies act in nothing
        found = s.index.at(token)
        if found is not None and found.type == "Group" and found.start < token.idx:
            # "Examplist Front fighters": an organization's members act for it
            for mod in token.children:
                org = s.index.at(mod) if mod.dep_ == "compound" else None
                if (
                    org is not None
                    and org.type == "Organization"
                    and org is not found
                    and not (" " not in org.text and org.text.lower().endswith(self.actors.demonym_endings))
                ):
                    return org, 1.0  # (a demonym NER took for a name is no organization)
        if found is not None and found.type == "Group":
            # "the U.S. envoy, Jo Li, met ...": the person the description names acts
            for appos in (c for c in token.children if c.dep_ == "appos" and c.i > token.i):
                named = s.index.at(appos)
                if named is not None and named.type == "Person":
                    return named, 1.0
        if found is not None and found.type == "Group" and _apposed(token):
            # "the Examplist network, an insurgent group, ...": the named one acts
            named = s.index.at(token.head)
            if named is not None and named.type in {"Organization", "Country", "Person"}:
                return named, 1.0
        if found is not None and found.type == "Event" and token.lemma_.lower() in self.actors.event_holders:
            # "condemned X's dangerous maneuvers": the doer of an agentive doing (not of a
            # "detention", whose possessor is the one detained)
            for owner in _possessors(token):
                m, weight = self.mention_for(s, owner, allow_event=False, actor=True)
                if m is not None and m.type in _ACTORS:
                    return m, weight * self.weights["event_object"]
        if found is not None and found.type == "Country" and _bare_demonym(token):
            return None, 0.0
        if found is not None:
            if actor and found.type == "City":
                state = capital_as_country(found)
                if state is not None:
                    return state, self.weights["metonymy"]
            return found, 1.0
        lower = token.lower_
        if (
            not actor
            and token.pos_ == "NOUN"
            and token.lemma_.lower() in self.places.site_nouns
            and not any(c.dep_ == "poss" for c in token.children)
        ):
            # "bombed a camp in Tarsk", "pounded targets around Tarsk": the attack is on the town
            # ("stormed his offices in Tarsk": on his offices, not on the town; "surrounded a
            # base outside Tarsk", "near Tarsk": beside the town, not on it)
            holders = [token] + ([token.head] if token.dep_ == "dobj" else [])
            for prep in (
                c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in {"in", "around"}
            ):
                for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                    m = s.index.at(self._past_quantity(pobj))
                    if m is not None and m.type == "City":
                        return m, self.weights["event_object"]
        if token.pos_ == "NOUN":
            # "a base run by Examplish troops", "villages held by rebels": the holder
            holders = [token] + [
                c
                for c in token.children
                if c.dep_ == "acl"
                and c.lemma_.lower() in self.actors.holding_verbs
                and any(a.dep_ == "agent" for a in c.children)
            ]
            if len(holders) > 1 or (
                token.lemma_.lower() in self.actors.holding_verbs
                and any(
                    c.dep_ == "compound" and c.lemma_.lower() in self.places.site_nouns
                    for c in token.children
                )
            ):  # (a misparse: "base run" as one noun)
                for agent in (c for h in holders for c in h.children if c.dep_ == "agent"):
                    for pobj in (c for c in agent.children if c.dep_ == "pobj"):
                        m, weight = self.mention_for(s, pobj, allow_event=False, actor=True)
                        if m is not None and m.type in _ACTORS:
                            return m, weight * self.weights["event_object"]
        if token.pos_ == "PRON":
            # the antecedent's own mention: where the text names what the pronoun stands for
            return self._pronoun(s, token, lower)
        name = untagged_name(token)
        if name is not None:
            return name, self.weights["untagged_name"]
        facility = sites and (
            token.lemma_.lower() in self.actors.facility_nouns or token.lower_ in self.actors.facility_nouns
        )
        if token.pos_ == "NOUN" and (token.lemma_.lower() in self.actors.event_holders or facility):
            # "welcomed the arrival of X", "backs X's campaign", "condemned X's decision",
            # "repelled an Examplish offensive": the actor of the event; "struck bases of X",
            # "ransacked X's headquarters": the actor whose site it is; "condemned X's maneuvers
            # and use of force": a conjunct without its own possessor shares the first one's
            own = list(token.children)
            children = own + [c for c in _possessors(token) if c not in own]
            for child in children:
                inner = None
                if child.dep_ == "poss":
                    inner = child
                elif child.dep_ == "prep" and child.lower_ == "of":
                    inner = next((c for c in child.children if c.dep_ == "pobj"), None)
                elif (
                    child.dep_ in {"amod", "compound"}
                    and child.i < token.i
                    and (m := s.index.at(child)) is not None
                    and m.type in {"Country", "Organization"}
                ):
                    inner = child
                if inner is not None:
                    m, weight = self.mention_for(s, inner, allow_event=False, actor=True)
                    if m is not None and m.type in _ACTORS:
                        return m, weight * self.weights["event_object"]
        if allow_event:
            return _event_with_complement(token), self.weights["event_object"]
        return None, 0.0

    def _coordinated(self, s: Sentence, m: EntityMention) -> list[EntityMention]:
        """The other mentions coordinated with `m` ("A and B ..., as they ...")."""
        span = s.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return []
        root = span.root
        head = root.head if root.dep_ == "conj" else root
        out = []
        for tok in (head, *head.conjuncts):
            other = s.index.at(self._past_quantity(tok))
            if other is not None and other is not m and other.type in _ACTORS:
                out.append(other)
        return out

    def _pronoun(self, s: Sentence, token: Token, lower: str) -> tuple[EntityMention | None, float]:
        if lower in _FIRST_PERSON and _in_quote(token):
            said = q.continued_quote(s.sent, self.cues.speech_verbs)
            speakers = q.quote_speaker(s.sent, self.cues.speech_verbs) or (q.speaker(said) if said else [])
            for speaker in speakers:
                if s.index.at(speaker) is not None:
                    return s.index.at(speaker), 1.0
            return None, 0.0
        if lower in _THIRD_PERSON:
            # the nearest person named as a subject in this sentence or the one before (the
            # focus of attention), else the nearest person named before it
            before = [m for m in s.index.persons() if m.end <= token.idx]
            floor = _previous_sentence_start(s.sent)
            subjects = [m for m in before if m.start >= floor and _is_subject_at(s, m)]
            reported = _reported_clause(token, self.cues.speech_verbs)
            if reported is not None:
                # "X said soldiers shot Y after he opened fire": a pronoun in what is reported
                # is first someone the report itself names before it, not the one reporting
                inside = [m for m in before if reported.left_edge.idx <= m.start]
                named = [m for m in inside if _is_subject_at(s, m)] or inside
                if named:
                    return named[-1], self.weights["pronoun"]
            if before:
                return (subjects or before)[-1], self.weights["pronoun"]
        if lower in _PLURAL:
            # "they" for the nearest group or organization named as a subject before it
            floor = _previous_sentence_start(s.sent)
            for m in reversed(s.index.unique()):
                if (
                    m.end <= token.idx
                    and m.start >= floor
                    and m.type in {"Group", "Organization"}
                    and _is_subject_at(s, m)
                ):
                    return m, self.weights["pronoun"]
        if lower in _NEUTER:
            # "it" for the nearest state or organization named as a subject before it, in this
            # sentence or the one before
            floor = _previous_sentence_start(s.sent)
            for m in reversed(s.index.unique()):
                if m.end > token.idx or m.start < floor or not _is_subject_at(s, m):
                    continue
                if m.type in {"Country", "Organization"}:
                    if token.dep_ == "poss" and any(
                        o.start >= max(m.end, s.sent.start_char)
                        and o.end <= token.idx
                        and o.type in {"Country", "Organization"}
                        for o in s.index.unique()
                    ):
                        # "X weighs sanctions against Y over its invasion of Z": whose invasion
                        # the words do not say (X's or Y's); no one's
                        return None, 0.0
                    return m, self.weights["pronoun"]
                state = capital_as_country(m) if m.type == "City" else None
                if state is not None:  # "Lima said it would expel ...": the state
                    return state, self.weights["pronoun"] * self.weights["metonymy"]
        return None, 0.0

    # --- rules ---------------------------------------------------------------------------------

    def apply(self, s: Sentence, rule: EventRule, start: int, end: int) -> None:
        doc = s.doc
        anchor = doc[start + rule.anchor]
        matched = list(doc[start:end])
        inside = s.index.at(anchor)
        if (
            inside is not None
            and inside.type in {"Organization", "Person", "City", "Region", "Country"}
            and not rule.hyphen
        ):
            return  # a word of a name ("Committee to Protect Journalists") triggers nothing
        if not self._requirements_met(rule, anchor, s):
            return
        verb = anchor if anchor.pos_ in {"VERB", "AUX"} else self.roles.host_verb(anchor)
        speaking = self.cues.speech_verbs
        said = verb is not None and verb.dep_ == "ccomp" and verb.head.lemma_.lower() in speaking
        if (
            verb is not None
            and any(a.dep_ == "aux" and a.lower_ in self.cues.obligation_modals for a in verb.children)
            and (said or _in_quote(verb))
        ):
            return  # "X should condemn the plan," Y said: recommended, not done
        if verb is not None and _asked_of_another(verb, self.cues.directive_verbs):
            return  # "urged X to recognise Y", "demanded that X cut ties": only asked (DEMANDED)
        relation = self.ontology.relation(rule.predicate)
        allow_event = "Event" in relation.range
        object_actor = not (relation.range & _LOCALITIES)  # a capital can only be an actor
        subjects = self._fillers(s, anchor, rule.subject, matched, allow_event=False, actor=True)
        targets = self._fillers(
            s,
            anchor,
            rule.object,
            matched,
            allow_event,
            actor=object_actor,
            container=rule.predicate in {"SENT_TROOPS_TO", "INVADED"},
            sites="ASSAULT" in relation.families,
        )
        rule_id = rule_name(rule)
        if (
            not targets
            and rule.implicit_object == "focus_place"
            and s.focus is not None
            and not self._has_role(anchor, rule.object, matched)
            and not _placed_beside(anchor, self.places)
        ):
            targets = [(s.focus, self.weights["implicit_object"], None)]
            rule_id = f"{rule_id}.implicit_destination"
        if not targets or not subjects:
            return  # nothing to qualify: skip the modality and date look-ups
        verbal = anchor.pos_ in {"VERB", "AUX"}
        own = with_conjuncts(self.roles.logical_subject(anchor), anchor) if verbal else []
        clause = (
            anchor.head.head
            if _tense_of_report(anchor) or _conjunct_of_report(anchor) and not self._names_an_actor(s, own)
            else anchor
        )
        modality, speech = q.modality(clause, self.cues)
        if modality == "asserted" and speech is None:
            # a quote that goes on from the sentence before is its speaker's word
            going_on = q.continued_quote(anchor.sent, self.cues.speech_verbs)
            if going_on is not None:
                modality, speech = "reported", going_on
        if rule.presupposed and (
            modality in {"planned", "hypothetical"}
            or modality == "negated"
            and not self._negated_noun(anchor)
        ):
            # a truce planned between A and B: they fought all the same; "the execution of X's
            # assassin would not bring him back": X was killed all the same
            modality = "asserted"
        if rule_id.endswith("implicit_destination") and (
            modality not in {"asserted", "reported"} or anchor.dep_ not in {"ROOT", "ccomp", "conj"}
        ):
            return  # a destination left to inference only for what the sentence states
        source = None
        if speech is not None:
            heads = q.speaker(speech)
            if heads:
                source, _ = self.mention_for(s, heads[0], allow_event=False, actor=True)
        # the date written on the event's clause (and on the one it completes, for an event
        # stated as done); a speech act the saying is takes the date of the saying
        own_date = dates.date_phrase(
            anchor, inherit=modality in {"asserted", "reported"}, skip=s.index.dateline
        )
        said_on = dates.speech_date(speech, skip=s.index.dateline) if speech is not None else None
        for subject, s_weight, s_tok in subjects:
            for obj, o_weight, o_tok in targets:
                if rule_id.endswith("implicit_destination") and obj.iso3 in (
                    subject.iso3,
                    _owner_country(s, s_tok),
                ):
                    continue  # "Examplestan's air force scrambled jets": at home, sent nowhere
                if (
                    rule.predicate == "DEMANDED"
                    and obj.type == "Group"
                    and obj.sector in _FORCES
                    and (
                        subject.type == "Country"
                        or subject.type == "Group"
                        and subject.sector == "government"
                    )
                    and obj.iso3 in (None, subject.iso3)
                ):
                    continue  # "Examplestan ordered troops to guard the ports": a command to its own
                if not self._admit(rule.predicate, subject, obj) or (
                    (rule.requires or {}).get("not_between_persons") and subject.type == obj.type == "Person"
                ):
                    continue
                # ("the Community (ECOWAS) said it has suspended X": the pronoun after the
                # saying is its speaker, whichever of its names each mention took)
                speaker_is_subject = source is not None and (
                    source.key == subject.key
                    or s_tok is not None
                    and speech is not None
                    and s_tok.pos_ == "PRON"
                    and speech.i < s_tok.i
                    and s_tok.lower_ in _SPEAKER_PRONOUNS
                )
                this_modality = modality
                present = anchor.tag_ in {"VBZ", "VBP"}
                said_act = rule.predicate in self.cues.speech_act_relations and (
                    speaker_is_subject and anchor.tag_ not in {"VBD", "VBN"} or present
                )
                announced = rule.predicate in self.cues.declarative_relations and speaker_is_subject
                if modality == "reported" and (said_act or announced):
                    # "the AU said it condemns the coup": the saying is the act (present tense);
                    # "she said she had instructed X" reports an earlier act; "the bloc said it
                    # has suspended X" announces a declaration that takes effect by being made,
                    # on a day the saying does not date unless it is the act ("is suspending")
                    this_modality = "asserted"
                dated_by_saying = this_modality == "asserted" and (
                    modality != "reported" or said_act or anchor.tag_ not in {"VBD", "VBN"}
                )
                date = own_date or (said_on if dated_by_saying else None)
                s.found.append(
                    Found(
                        rule.predicate,
                        subject,
                        obj,
                        rule_id,
                        rule.confidence * s_weight * o_weight,
                        this_modality,
                        None if (speaker_is_subject and this_modality == "asserted") else source,
                        date,
                        (q.count(o_tok) if o_tok is not None else None)
                        or (q.count(s_tok) if s_tok is not None else None)
                        or self._counted_object(rule, anchor),
                    )
                )

    def _names_an_actor(self, s: Sentence, tokens: list[Token]) -> bool:
        """Whether a subject the parse gives stands for an actor: a mention, or an instrument
        of one ("Israeli missiles struck X and killed Y, officials said": the missiles killed,
        not the officials)."""
        return any(
            s.index.at(self._past_quantity(t)) is not None or t.lemma_.lower() in self.actors.instruments
            for t in tokens
        )

    def _has_role(self, anchor: Token, roles: tuple[str, ...], matched: list[Token]) -> bool:
        return any(self.roles.role(anchor, r, matched) for r in roles if "@" not in r)

    def _negated_noun(self, anchor: Token) -> bool:
        """'no truce', 'Jo Li is not the killer': the negation is the trigger's own."""
        if any(c.lower_ in self.cues.negations and c.dep_ in {"det", "neg"} for c in anchor.children):
            return True
        return anchor.dep_ == "attr" and any(c.dep_ == "neg" for c in anchor.head.children)

    def _fillers(
        self,
        s: Sentence,
        anchor: Token,
        roles: tuple[str, ...],
        matched: list[Token],
        allow_event: bool,
        actor: bool,
        container: bool = False,
        sites: bool = False,
    ) -> list[Filled]:
        """Mentions for the first role that yields any, with their confidence factors."""
        for name in roles:
            base, _, kind = name.partition("@")
            fill = filler_of(base)
            found: list[Filled] = []
            if fill.mentions is not None:
                found = fill.mentions(self, s, anchor)
            else:
                tokens = self.roles.role(anchor, base, matched)
                if base == "between_rest" and not tokens:
                    # "between Examplish and Tarskan forces": the last demonym's group is the
                    # other side, the ones coordinated before it the first
                    first = self.roles.role(anchor, "between_first", matched)
                    tokens = [t for t in first if s.index.coordinated.get(self._past_quantity(t).i)]
                if fill.conjuncts:  # (not for the first of "between A and B": B is the other side)
                    tokens = with_conjuncts(tokens, anchor)
                if base == "subj" and (
                    _tense_of_report(anchor)
                    or _conjunct_of_report(anchor)
                    and not self._names_an_actor(s, tokens)
                ):
                    # "X said Y could happen and called on Z": the conjunct belongs to "said"
                    tokens = with_conjuncts(self.roles.logical_subject(anchor.head.head))
                for tok in tokens:
                    m, weight = self.mention_for(
                        s,
                        tok,
                        allow_event and kind not in {"actor", "captive"},
                        actor=actor or kind in {"actor", "captive"},
                        sites=sites,
                    )
                    if m is not None:
                        # "Chadian and Malian troops": each demonym's group takes part
                        others = [
                            (other, weight, tok)
                            for other in s.index.coordinated.get(self._past_quantity(tok).i, ())
                            if m.type == "Group"
                        ]
                        if base == "between_first" and others:
                            found += others  # (the last demonym's group is the other side)
                            continue
                        found.append((m, weight, tok))
                        found += others
                        if tok.lower_ in _PLURAL:
                            found += [
                                (other, weight, tok)
                                for other in self._coordinated(s, m)
                                if all(other is not f[0] for f in found)
                            ]
            # "attacked Tarsk, Examplestan": the country after a town's comma only places the
            # town; troops sent into the town went into that country too (`container`)
            found = [
                f
                for f in found
                if container
                or not (
                    f[2] is not None
                    and f[2].dep_ == "appos"
                    and f[0].type in {"Country", "Region"}
                    and (s.index.at(f[2].head) or f[0]).type in _LOCALITIES
                    and s.index.at(f[2].head) is not f[0]
                )
            ]
            if kind == "place":
                found = [f for f in found if f[0].type in _PLACES]
            elif kind == "person":
                found = [f for f in found if f[0].type == "Person"]
            elif kind == "locality":  # a town or region, not a whole country
                found = [f for f in found if f[0].type in _LOCALITIES]
            elif kind == "actor":
                found = [f for f in found if f[0].type in _ACTORS]
            elif kind == "captive":  # who can be held: never a whole country ("seized Somalia")
                found = [f for f in found if f[0].type in _ACTORS and f[0].type != "Country"]
            elif kind == "polity":  # whose envoys are expelled: a state or a body, not the envoy
                found = [f for f in found if f[0].type in _ACTORS and f[0].type != "Person"]
            if found:
                return found
        return []

    def _admit(self, predicate: str, subject: EntityMention, obj: EntityMention) -> bool:
        """Not an actor on itself, nor on a word of its own phrase ("Mali's foreign minister
        denounced its failure", "its" read as Mali; the other way round is a hyphen compound,
        "the UN-backed mission"), and only types the ontology admits."""
        coordinated = subject.type == obj.type == "Group" and subject.iso3 != obj.iso3  # "X and Y troops"
        if predicate == "OVERTHREW" and obj.type == "Group" and obj.sector != "government":
            return False  # a government is overthrown, never an army or a crowd (kg.ttl)
        return (
            subject.key != obj.key
            and (coordinated or not (subject.start <= obj.start and obj.end <= subject.end))
            and self.ontology.admits(predicate, subject.type, obj.type)
        )

    def _counted_object(self, rule: EventRule, anchor: Token) -> int | None:
        """'deployed 500 soldiers to Mali': the count sits on the noun the rule required."""
        lemmas = (rule.requires or {}).get("obj_lemma")
        if not lemmas or anchor.pos_ != "VERB":
            return None
        for obj in self.roles.logical_object(anchor):
            if obj.lemma_.lower() in lemmas:
                return q.count(obj)
        return None

    def _requirements_met(self, rule: EventRule, anchor: Token, s: Sentence) -> bool:
        req = rule.requires or {}
        if not req:
            return True
        verbal = anchor.pos_ == "VERB"
        objs = self.roles.logical_object(anchor) if verbal else []
        if "obj_lemma" in req:
            words = req["obj_lemma"]
            if not any(
                o.lemma_.lower() in words
                or self._past_quantity(o).lemma_.lower() in words
                or any(c.lemma_.lower() in words for c in o.children if c.dep_ == "compound")
                for o in objs
            ):
                return False
        if "not_obj_lemma" in req and any(
            t.lemma_.lower() in req["not_obj_lemma"]
            for o in objs
            for t in (o, *(c for c in o.children if c.dep_ == "compound"))  # "the Ambassador Jo Li"
        ):
            return False
        children = list(anchor.children)
        grandchildren = [g for c in children if c.dep_ in {"prep", "dobj"} for g in c.children]
        if (
            "child_lower" in req
            and not any(c.lower_ in req["child_lower"] for c in children)
            and not any(g.lower_ in req["child_lower"] for g in grandchildren)
        ):
            return False
        if "not_child_lower" in req and any(
            t.lower_ in req["not_child_lower"] for t in children + grandchildren
        ):
            return False  # "a verbal attack", "attacked the minister in a speech": words, not force
        if _context_excludes(req, anchor):
            return False
        if "not_prep" in req and any(
            c.dep_ in {"prep", "dative"} and c.lower_ in req["not_prep"] for c in children
        ):
            return False  # "had taken Tarsk to the court": a case brought, not a town seized
        if "child_dep" in req and not any(c.dep_ in req["child_dep"] for c in children):
            return False
        if "no_child_dep" in req and any(c.dep_ in req["no_child_dep"] for c in children):
            return False
        if "clause_verb_lemma" in req and not any(
            c.dep_ == "ccomp" and c.lemma_.lower() in req["clause_verb_lemma"] for c in children
        ):
            return False
        if not _infinitives_met(req, anchor):
            return False
        if "host_lemma" in req:
            verb = self.roles.host_verb(anchor)
            if verb is None or verb.lemma_.lower() not in req["host_lemma"]:
                return False
        if req.get("to_infinitive") and not to_infinitives(anchor):
            return False
        if req.get("not_object_control") and objs and to_infinitives(anchor):
            return False
        if "modal_clause" in req and not any(  # "X should condemn it," Y said: Y demands it of X
            c.dep_ == "ccomp"
            and any(a.dep_ == "aux" and a.lower_ in req["modal_clause"] for a in c.children)
            and any(a.dep_ == "nsubj" for a in c.children)  # what X must do; not what must be done
            and c.lemma_ != "be"  # "X should be here": a wish, nothing X is asked to do
            for c in children
        ):
            return False
        if req.get("subjunctive_clause") and not any(
            c.dep_ == "ccomp"
            and (
                c.tag_ == "VB"
                and not any(a.dep_ == "aux" for a in c.children)
                or any(a.lower_ in {"should", "must"} for a in c.children)
            )
            and any(a.dep_ in {"nsubj", "nsubjpass"} for a in c.children)
            for c in children
        ):
            return False
        return self._subject_sectors_met(req, anchor, s)

    def _subject_sectors_met(self, req: dict, anchor: Token, s: Sentence) -> bool:
        """'subject_sector': a subject is a group of one of these sectors ("soldiers entered
        X"); 'not_subject_sector': none is ("was met by police")."""
        if "subject_sector" not in req and "not_subject_sector" not in req:
            return True
        subjects = with_conjuncts(self.roles.logical_subject(anchor), anchor) if anchor.pos_ == "VERB" else []
        sectors = {
            m.sector
            for t in subjects
            if (m := s.index.at(self._past_quantity(t))) is not None and m.type == "Group"
        }
        if "subject_sector" in req and not sectors & set(req["subject_sector"]):
            return False
        return not sectors & set(req.get("not_subject_sector", ()))


# --- the fillers of roles from mentions (registered in fillers.py) ------------------------------


@mention_filler("hyphen_left")
def _hyphen_left(finder: EventFinder, s: Sentence, anchor: Token) -> list[Filled]:
    """'the Peruvian-backed forces': what the hyphen compound's left part names."""
    m = s.index.hyphen_left.get(anchor.i)
    if m is None and anchor.i > 0:
        m = s.index.hyphen_left.get(anchor.i - 1)  # "Peruvian- and Chilean-backed"
    found: list[Filled] = [(m, 1.0, None)] if m is not None else []
    # "the Peruvian- and Chilean-backed forces": each hyphenated conjunct backs it
    for other in anchor.conjuncts:
        extra = s.index.hyphen_left.get(other.i)
        if extra is not None:
            found.append((extra, 1.0, None))
    for i in range(max(s.sent.start, anchor.i - 6), anchor.i):
        extra = s.index.hyphen_left.get(i)
        if (
            extra is not None
            and doc_token_is_conjunct(s.doc[i], anchor)
            and all(e[0] is not extra for e in found)
        ):
            found.append((extra, 1.0, None))
    return found


@mention_filler("hyphen_head")
def _hyphen_head(finder: EventFinder, s: Sentence, anchor: Token) -> list[Filled]:
    """'the Peruvian-backed forces': the noun the hyphen compound modifies."""
    head = anchor
    while head.dep_ in {"amod", "conj", "compound", "npadvmod"} and head.head != head and head.pos_ != "NOUN":
        head = head.head
    if head.pos_ not in {"NOUN", "PROPN"} or head.text.endswith("-") or head.i in s.index.hyphen_left:
        return []  # the walk never left the compound's own left part (a misparse)
    m, w = finder.mention_for(s, head, allow_event=False, actor=True)
    if m is None or any(m is left for left in s.index.hyphen_left.values()):
        return []
    return [(m, w, head)]


@mention_filler("actor_modifier")
def _actor_modifier(finder: EventFinder, s: Sentence, anchor: Token) -> list[Filled]:
    """'rebel attacks on X', 'army shelling of X': an actor noun before the event noun."""
    mods = [t for t in anchor.lefts if t.dep_ in {"compound", "amod"}]
    mods += [g for t in mods for g in t.lefts if g.dep_ in {"compound", "amod"}]
    acting: list[Filled] = []
    for mod in mods:
        lemma = mod.lemma_.lower()
        if lemma not in finder.actors.actor_modifiers and mod.lower_ not in finder.actors.actor_modifiers:
            continue
        if mod.pos_ == "ADJ" and mod.i == anchor.i - 1 and _done_by_a_subject(finder, anchor):
            continue  # "it carried out a military attack": the kind of attack; the doer is "it"
        found_at = s.index.at(mod)
        if found_at is not None:
            if found_at.type in _ACTORS:
                acting.append((found_at, 1.0, mod))
            continue
        owner = next(
            (t for t in mods if (m := s.index.at(t)) is not None and m.type == "Country" and t.i < mod.i),
            None,
        )
        iso3 = s.index.at(owner).iso3 if owner is not None else None  # type: ignore[union-attr]
        # "Examplish police raids": the group is named with its country
        span = s.doc[(owner.i if owner is not None and owner.i == mod.i - 1 else mod.i) : mod.i + 1]
        acting.append(
            (
                mention(span, "Group", span.text, iso3=iso3, sector=finder.actors.sector(lemma) or "unknown"),
                1.0,
                mod,
            )
        )
    return acting


def _done_by_a_subject(finder: EventFinder, anchor: Token) -> bool:
    """The event noun is the object of a verb with a subject of its own ("X carried out an attack")."""
    host = finder.roles.host_verb(anchor)
    return host is not None and any(c.dep_ in {"nsubj", "nsubjpass"} for c in host.children)


@mention_filler("troop_owner")
def _troop_owner(finder: EventFinder, s: Sentence, anchor: Token) -> list[Filled]:
    """The state or organization whose troops the trigger moves."""
    # "X has 300 troops stationed in Y": the subject of have/keep/maintain sent them
    troops = anchor.head
    if (
        anchor.dep_ == "acl"
        and anchor.tag_ == "VBN"
        and troops.dep_ == "dobj"
        and troops.head.lemma_.lower() in {"have", "keep", "maintain"}
        and not any(c.dep_ == "agent" for c in anchor.children)
    ):
        owners: list[Filled] = [
            (m, 1.0, t)
            for t in with_conjuncts(finder.roles.logical_subject(troops.head))
            if (m := s.index.at(t)) is not None and m.type in {"Country", "Organization"}
        ]
        if owners:
            return owners
    # "Examplish troops were deployed to X": without a by-phrase, the troops' owner sent them
    if not is_passive(anchor) or any(c.dep_ == "agent" for c in anchor.children):
        return []
    out: list[Filled] = []
    for troop in (c for c in anchor.children if c.dep_ == "nsubjpass"):
        for mod in (c for c in troop.children if c.dep_ in {"compound", "amod", "poss", "nmod"}):
            owner = s.index.at(mod)
            if owner is not None and owner.type in {"Country", "Organization"}:
                out.append((owner, finder.weights["implicit_object"], mod))
    return out


@mention_filler("subj_country")
def _subject_country(finder: EventFinder, s: Sentence, anchor: Token) -> list[Filled]:
    """'Examplish soldiers attacked X': the country the subject group is named with."""
    out: list[Filled] = []
    for tok in with_conjuncts(finder.roles.logical_subject(anchor), anchor):
        m = s.index.at(finder._past_quantity(tok))
        if m is not None and m.type == "Group" and m.iso3:
            named = next(
                (
                    c
                    for t in tok.lefts
                    if (c := s.index.at(t)) is not None and c.type == "Country" and c.iso3 == m.iso3
                ),
                None,
            )
            if named is not None:  # "New Zealand troops": the country's own mention
                out.append((named, 1.0, tok))
                continue
            word = next(
                (
                    t
                    for t in tok.lefts
                    if t.text[:1].isupper() and gazetteer.country_modifier(t.text) is not None
                ),
                None,
            )
            if word is not None:
                out.append(
                    (
                        EntityMention(
                            word.text,
                            word.idx,
                            word.idx + len(word.text),
                            "Country",
                            gazetteer.country_name(m.iso3),
                            iso3=m.iso3,
                        ),
                        1.0,
                        tok,
                    )
                )
    return out


def _conjunct_of_report(anchor: Token) -> bool:
    """'X said Y could happen and called on Z': a verb parsed as a conjunct inside the reported
    clause that belongs to the speech verb (it has no subject of its own)."""
    return (
        anchor.dep_ == "conj"
        and anchor.head.dep_ == "ccomp"
        and anchor.head.head.pos_ == "VERB"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in anchor.children)
    )


def _asked_of_another(verb: Token, directives: frozenset[str]) -> bool:
    """The clause is what a verb of asking asks of someone else: "urged the army to abandon X
    and recognise Y", "demand that Z sever ties", "called on W to withdraw". Such an act is
    neither done nor planned by its doer; the asking is the asker's DEMANDED. (An order to
    one's own forces is no such verb: "ordered troops to attack" is planned.)"""
    clause = verb
    while clause.dep_ == "conj" and clause.head != clause:
        clause = clause.head
    head = clause.head
    if clause.dep_ not in {"xcomp", "ccomp", "advcl", "acl"} or head.lemma_.lower() not in directives:
        return False
    if clause.dep_ in {"ccomp", "acl"}:  # ("their demand that Z sever ties": the noun's content)
        # (a "that" marks it too where the parse loses the clause's subject: "demanded that Jo
        # Li resign and expel X", with "resign" read as a noun)
        return any(
            c.dep_ in {"nsubj", "nsubjpass"} or c.dep_ == "mark" and c.lower_ == "that"
            for c in clause.children
        )
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children):
        return False
    return any(c.dep_ in {"dobj", "dative"} for c in head.children) or any(
        c.dep_ == "prep" and c.lower_ in {"on", "upon"} for c in head.children
    )


def _tense_of_report(anchor: Token) -> bool:
    """'X said Y stands with Z and warned W': a past-tense conjunct of a present-tense reported
    clause shares the tense of the speech verb, whose act it continues."""
    return (
        _conjunct_of_report(anchor)
        and anchor.tag_ == "VBD"
        and anchor.head.head.tag_ == "VBD"
        and anchor.head.tag_ in {"VBZ", "VBP"}
    )


def doc_token_is_conjunct(token: Token, anchor: Token) -> bool:
    return (
        token.head == anchor
        or anchor in token.conjuncts
        or token.head in anchor.conjuncts
        or anchor in token.head.conjuncts
        or token.head.head == anchor
    )


def _event_with_complement(token: Token) -> EntityMention | None:
    """An event object named with its target: "the attack on the office" (name: "attack")."""
    base = event_mention(token)
    if base is None:
        return None
    right = [c for c in token.rights if c.dep_ == "prep" and c.lower_ in {"on", "against", "of", "in", "by"}]
    if not right:
        return base
    end = max(t.i for t in right[0].subtree) + 1
    doc = token.doc
    start_char = base.start
    while end > token.i + 1 and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    text = doc[base_start(doc, start_char) : end].text
    return EntityMention(text, start_char, start_char + len(text), "Event", base.key)


def base_start(doc: Doc, start_char: int) -> int:
    """The token that starts at character `start_char`."""
    span = doc.char_span(start_char, start_char + 1, alignment_mode="expand")
    return span.start if span is not None else 0


def _reported_clause(token: Token, speech: frozenset[str]) -> Token | None:
    """The head of the clause a speech verb reports that `token` is inside of, if any."""
    cur = token
    while cur.head != cur:
        if cur.dep_ == "ccomp" and cur.head.pos_ == "VERB" and cur.head.lemma_.lower() in speech:
            return cur
        cur = cur.head
    return None


def _bare_demonym(token: Token) -> bool:
    """A singular demonym that heads an argument with no noun after it is no state: a parse
    that split the adjective from its noun ("police blame Examplish, US suspects"), or a
    nationality said of persons ("assailants, most of whom were Examplish")."""
    return (
        token.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "pobj", "conj", "appos", "ROOT"}
        and token.tag_ not in {"NNS", "NNPS"}
        and not any(c.dep_ in {"compound", "amod", "det", "poss"} for c in token.children)
        and gazetteer.is_demonym(token.text)
    )


def _apposed(token: Token) -> bool:
    """A noun in apposition to its head: "X, an insurgent group", and the same apposition the
    parser took for a conjunct ("X, the militia and party backed by Y": a common noun with its
    determiner after a name and a comma, no "and" or "or" between them)."""
    if token.dep_ == "appos":
        return True
    head = token.head
    return (
        token.dep_ == "conj"
        and token.pos_ == "NOUN"
        and head.pos_ == "PROPN"
        and head.i + 1 < token.i
        and token.doc[head.i + 1].text == ","
        and any(c.dep_ == "det" for c in token.children)
        and not any(t.pos_ == "CCONJ" for t in token.doc[head.i + 1 : token.i])
    )


def _possessors(token: Token) -> list[Token]:
    """A noun's possessors; a conjunct without its own shares the first one's ("X's maneuvers
    and use of force")."""
    own = [c for c in token.children if c.dep_ == "poss"]
    if own or token.dep_ != "conj":
        return own
    return [c for c in token.head.children if c.dep_ == "poss"]


# Sectors whose unnamed groups an actor commands: ordering them is no demand of another party.
_FORCES = frozenset({"military", "police"})


def _placed_beside(anchor: Token, places: Places) -> bool:
    """'flew bombers near / off / over the island': a place given as beside or above the target,
    so the focus place is no destination to infer (places.json beside_words)."""
    heads = [anchor, *(c for c in anchor.children if c.dep_ == "dobj")]
    return any(c.dep_ == "prep" and c.lower_ in places.beside_words for h in heads for c in h.children)


def _owner_country(s: Sentence, token: Token | None) -> str | None:
    """The country whose possessive a mention's token carries ("Examplestan's air force")."""
    if token is None:
        return None
    for child in (c for c in token.children if c.dep_ == "poss"):
        owner = s.index.at(child)
        if owner is not None and owner.type == "Country":
            return owner.iso3
    return None


def _infinitives_met(req: dict, anchor: Token) -> bool:
    """The requirements on the trigger's to-infinitives: 'xcomp_verb_lemma' ("vowed to
    attack"), 'not_xcomp_verb_lemma' ("invited X to show restraint" is no invitation) and
    'purpose_verb_lemma' ("sent troops to guard X")."""

    if "xcomp_verb_lemma" in req and not any(
        c.lemma_.lower() in req["xcomp_verb_lemma"] for c in to_infinitives(anchor, frozenset({"xcomp"}))
    ):
        return False
    if "not_xcomp_verb_lemma" in req and any(
        c.lemma_.lower() in req["not_xcomp_verb_lemma"] for c in to_infinitives(anchor)
    ):
        return False
    return "purpose_verb_lemma" not in req or any(
        c.lemma_.lower() in req["purpose_verb_lemma"] for c in purpose_clauses(anchor)
    )


def _in_quote(token: Token) -> bool:
    before = token.doc[token.sent.start : token.i].text
    return sum(before.count(c) for c in '"“”') % 2 == 1 or "“" in before


def _context_excludes(req: dict, anchor: Token) -> bool:
    """The requirements that read the trigger's surroundings: a noun of ending or cutting that
    governs it ("an end to US assistance", "suspended its support": no support), a for-phrase
    with a gerund ("attacked X for supporting Y": a reproach, not force), forces sent somewhere
    ("ordered troops to the Gulf": no demand), a judgement without a condemning word ("called
    the talks useful")."""
    if "verdict" in req and not _verdict(anchor, req["verdict"]):
        return True  # "called the talks useful": no condemnation
    if "not_governor_lemma" in req:
        governor = anchor.head.head if anchor.dep_ == "pobj" else anchor.head
        if governor.i != anchor.i and governor.lemma_.lower() in req["not_governor_lemma"]:
            return True
    if "not_sent_obj" in req and _sent_somewhere(anchor, req["not_sent_obj"]):
        return True  # "ordered 4,000 troops (and jets) to the Gulf": a deployment, not a demand
    gerund = (c for c in anchor.children if c.dep_ == "prep" and c.lower_ == "for")
    return bool(req.get("not_for_reason")) and any(
        g.dep_ == "pcomp" and g.tag_ == "VBG" for c in gerund for g in c.children
    )


def _verdict(verb: Token, words: frozenset[str]) -> bool:
    """A condemning word in what the verb says its object is ('called the raid a violation of
    law', 'described the killing as barbaric') or in the clause it reports ('said the expulsion
    was unjustified'): the complement, the 'as' phrase, or the reported copula's predicate,
    with their modifiers."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    heads = [c for c in verb.children if c.dep_ in {"oprd", "xcomp", "acomp"}]
    # (the parser hangs "as ..." and "a breach of ..." on the object as often as on the verb)
    heads += [c for o in objects for c in o.children if c.dep_ in {"npadvmod", "appos", "oprd"}]
    heads += [
        p
        for c in (*verb.children, *(c for o in objects for c in o.children))
        if c.dep_ == "prep" and c.lower_ == "as"
        for p in c.children
    ]
    for clause in (c for c in verb.children if c.dep_ == "ccomp" and c.lemma_ == "be"):
        if not any(a.dep_ == "neg" for a in clause.children):
            heads += [c for c in clause.children if c.dep_ in {"acomp", "attr"}]
    for head in heads:
        if any(a.dep_ == "neg" for a in head.children):
            continue
        near = [head, *(c for c in head.children if c.dep_ in {"amod", "compound", "conj", "acomp"})]
        if any(t.lemma_.lower() in words or t.lower_ in words for t in near):
            return True
    return False


def _sent_somewhere(verb: Token, forces: frozenset[str]) -> bool:
    """Forces as the verb's object with a "to" or "into" on it or on them, or the deployment of
    forces as its object ("ordered the deployment of marines")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if any(
        o.lemma_.lower() in _DEPLOYMENTS
        and any(
            w in forces
            for f in prep_objects(o, {"of"})
            for w in (f.lemma_.lower(), f.lower_.removesuffix("s"))
        )
        for o in objects
    ):
        return True
    sent = [c for c in objects if c.lemma_.lower() in forces]
    return bool(sent) and any(
        c.dep_ == "prep" and c.lower_ in {"to", "into"}
        for t in (verb, *sent, *(j for o in sent for j in o.conjuncts))
        for c in t.children
    )


# nouns of sending forces: what orders one sends them, asking nothing of them
_DEPLOYMENTS = {"deployment", "redeployment", "dispatch"}


def _previous_sentence_start(sent: Span) -> int:
    doc = sent.doc
    if sent.start == 0:
        return sent.start_char
    prev = doc[sent.start - 1].sent
    return prev.start_char


def _is_subject_at(s: Sentence, m: EntityMention) -> bool:
    doc = s.doc
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    return span.root.dep_ in {"nsubj", "nsubjpass"} or span.root.head.dep_ in {"nsubj"}
