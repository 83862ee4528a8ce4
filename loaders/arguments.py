"""Where a trigger's arguments are in the dependency tree: the argument roles of cues.json.

General argument structure, applied to every cue:
- voice: a passive's agent is its logical subject, its subject the logical object; a verb
  with a by-agent is passive whatever its tag ("forces sent to Mali by France");
- control and raising: the subject of "agreed to send" is the subject of "agreed"; of "urged
  Iran to attack" the object of "urged"; of "is believed to be behind" the raised subject;
- coordination: verbs joined by "and" share a subject; coordinated arguments each count;
- relative clauses and reduced relatives: "soldiers who fired", "the town that rebels
  attacked", "forces sent to Mali", "militants attacking the town";
- participial adjuncts: "..., killing 50 soldiers" has the main clause's subject;
- nominal events: possessive, of- and by-phrases, a modifying name ("the Russian invasion"),
  the subject of a light verb ("launched an attack on"), "X was behind the attack".

Roles: the fillers at the end of this module, each registered under the role name (or the
prefix, as in "prep:on|at") it fills; the roles filled from mentions have theirs in events.py, and
the registry (fillers.py) is the list of role names. A role ending in @place or @actor is
filtered by the caller.
"""

from __future__ import annotations

import itertools

from spacy.tokens import Token

from kg.loaders import lexicon
from kg.loaders.fillers import filler, filler_of
from kg.loaders.lexicon import places

_SUBJ = {"nsubj", "csubj"}
_RELATIVE = {"who", "which", "that", "whom", "whose"}
# prepositions of a reason or a time: what they govern is not the act of the verb they hang on
_REASON = {"over", "after", "amid", "despite", "following", "since", "because", "before"}
_POSSESSIVE_PRONOUNS = {"his", "her", "its", "their", "my", "our", "your"}
_COPULA_LIKE = {"be", "become", "remain", "seem", "appear"}


_TARGET_PREPS = frozenset({"on", "against", "upon"})
_BORDER_NOUNS = places().border_nouns


def is_passive(verb: Token) -> bool:
    deps = {c.dep_ for c in verb.children}
    if deps & {"nsubjpass", "auxpass"}:
        return True
    if "agent" in deps:  # "repelled an offensive by X" has a subject: the by-phrase is the noun's
        return (
            "nsubj" not in deps
            or verb.tag_ == "VBN"
            and verb.dep_ in {"ccomp", "ROOT"}
            and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in verb.children)
            and "dobj" not in deps
        )
    return verb.tag_ == "VBN" and verb.dep_ in {"acl", "amod"}


def regular_base(verb: Token) -> str:
    """The base form of a regular verb's past or participle in -ed whose lemma the lemmatiser
    got wrong ('staged' -> 'stag'): the form less its 'd'; other forms as written."""
    lower = verb.lower_
    return lower[:-1] if verb.tag_ in {"VBD", "VBN"} and lower.endswith("ed") else lower


def shares_passive(verb: Token) -> bool:
    """A participle with no subject or auxiliary of its own coordinated with a passive verb
    ('is backed by Y and allied to Z'): passive too, with the same subject."""
    deps = {c.dep_ for c in verb.children}
    return (
        verb.dep_ == "conj"
        and verb.tag_ in {"VBN", "VBD"}
        and is_passive(verb.head)
        and not deps & {"nsubj", "nsubjpass", "aux", "auxpass", "dobj"}
    )


def under_modal(verb: Token) -> bool:
    """'would enter', 'may name': a modal governs the verb."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def stated_outright(verb: Token) -> bool:
    """Neither negated nor under a modal ('did not recognise', 'never ruled', 'may name')."""
    return not under_modal(verb) and not any(c.dep_ == "neg" for c in verb.children)


def _pobj(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]


def prep_objects(token: Token, preps: set[str]) -> list[Token]:
    found = []
    for child in token.children:
        if child.ent_iob_ == "I":
            continue  # "launched from RAF Akrotiri on Cyprus": a word inside a name is no preposition
        before = token.doc[child.i - 1] if child.i > 0 else token
        if child.lower_ == "with" and before != token and before.lemma_.lower() in _BORDER_NOUNS:
            continue  # "skirmishes on its border with X": the with-phrase is the border's
        if child.dep_ in {"prep", "agent", "dative"} and child.lower_ in preps:
            found.extend(_pobj(child))
            # "on farmers and traders" parsed with the second pobj as a conj of the prep
            for conj in (c for c in child.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}):
                found.append(conj)
        elif child.dep_ == "prt" and child.lower_ in preps:  # "called on X" parsed as a particle
            found.extend(c for c in token.children if c.dep_ == "dobj")
    return found


def _sends_a_person(verb: Token) -> bool:
    """'sent his negotiator to meet X', 'dispatched an envoy to talk to X': the one sent does
    what the purpose clause says ('sent troops to attack X' stays the sender's attack)."""
    if verb.lemma_.lower() not in {"send", "dispatch"}:
        return False
    envoys = lexicon.roles().one_word_titles | {"delegation", "emissary", "team"}
    return any(
        c.dep_ == "dobj" and (c.ent_type_ == "PERSON" or c.lemma_.lower() in envoys) for c in verb.children
    )


def _orderer(verb: Token) -> list[Token]:
    """'was killed on the orders of X', 'arrested at the behest of X': X is the agent."""
    found = []
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "at", "under", "upon"}):
        for noun in _pobj(prep):
            if noun.lemma_.lower() in {"order", "behest", "instruction", "command", "direction"}:
                found += prep_objects(noun, {"of", "from"})
    return found


def _stray_agent(verb: Token) -> list[Token]:
    """'was shot to death in the courtyard of his home by Jo Li': a by-phrase the parser hung on
    the noun of the passive verb's own place phrase, naming a person, is the verb's agent."""
    return [
        agent
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in {"in", "at", "outside", "near", "on"}
        for noun in _pobj(prep)
        if noun.pos_ == "NOUN"
        for agent in prep_objects(noun, {"by"})
        if agent.ent_type_ == "PERSON"
    ]


def _described_by_participle(participle: Token) -> Token | None:
    """'threw out the sentence of Jo Li, convicted of murdering X': a past participle with no
    subject or auxiliary of its own, set off by a comma right after a person's name, that the
    parser hung on the main verb describes that person (Jo Li was convicted, not the court)."""
    doc = participle.doc
    if (
        participle.tag_ != "VBN"
        or participle.dep_ != "advcl"
        or participle.i < participle.head.i
        or participle.i < 2
        or doc[participle.i - 1].text != ","
        or any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "mark"} for c in participle.children)
    ):
        return None
    name = doc[participle.i - 2]
    if name.ent_type_ != "PERSON" or name.dep_ in {"nsubj", "nsubjpass"}:
        return None
    return name


def _participle_above(verb: Token) -> Token | None:
    """ "X saying Y had become a prisoner and accusing Z": a participle the parser coordinated
    with the finite verb of the clause under another participle belongs with that one (a
    participle never shares a finite verb's subject)."""
    head = verb.head
    if verb.tag_ != "VBG" or head.tag_ not in {"VBD", "VBN", "VBZ", "VBP"} or head.dep_ != "ccomp":
        return None
    above = head.head
    return above if above.tag_ == "VBG" and above.pos_ == "VERB" else None


def _relative_head(token: Token) -> Token:
    """'soldiers who fired': the relative pronoun stands for the noun the clause modifies."""
    if token.lower_ in _RELATIVE and token.head.dep_ == "relcl":
        return named_antecedent(token.head.head)
    return token


_FINITE = {"VBD", "VBZ", "VBP"}
_INFLECTED = {"VBD", "VBZ"}  # finite forms a modal never governs (VBP looks like its bare verb)


def _infinitive(verb: Token) -> bool:
    return verb.dep_ == "xcomp" and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def conjunct_head(verb: Token) -> Token:
    """The verb a conjunct verb is coordinated with. "X accused Y of stalling and urged Z": a
    finite verb parsed as the conjunct of a gerund coordinates with the clause's own verb of the
    same tense (whose subject and scope it shares), not with the gerund. "X said only Y would
    enter the town, and called Z to stay": a past or present-tense verb cannot share the modal
    of a bare verb ("would called") or follow its "to" ("ordered Y to leave and accused Z"), so
    it coordinates with the verb of the same tense whose complement that bare verb is."""
    head = verb.head
    if verb.dep_ != "conj" or verb.tag_ not in _FINITE:
        return head
    if head.tag_ == "VBG" and head.dep_ in {"pcomp", "xcomp", "advcl"}:
        top = head
        while top.dep_ in {"pcomp", "xcomp", "advcl", "prep"} and top.head != top:
            top = top.head
        if top.tag_ == verb.tag_:
            return top
    if (
        verb.tag_ in _INFLECTED
        and head.tag_ == "VB"
        and head.head.tag_ == verb.tag_
        and ((head.dep_ == "ccomp" and under_modal(head)) or _infinitive(head))
    ):
        return head.head  # "X ordered Y to leave and accused Z": "to accused" cannot be
    return head


def _manner_of_asking(participle: Token, head: Token) -> bool:
    """'X demanded the world take action, accusing Y of ...': a participle after a comma that the
    parser hung on a bare verb asked for ("take", "to act") is said by the asker."""
    return (
        participle.dep_ == "advcl"
        and participle.tag_ == "VBG"
        and head.tag_ == "VB"
        and head.dep_ in {"ccomp", "xcomp"}
        and head.head.pos_ == "VERB"
        and any(t.text == "," for t in participle.doc[head.i : participle.i])
    )


def named_antecedent(noun: Token) -> Token:
    """The name a common noun describes: 'Jo Li was the man who ...' and 'Jo Li, the man who
    ...' -> Jo Li; `noun` itself otherwise."""
    if noun.pos_ != "NOUN":
        return noun
    if noun.dep_ == "appos" and noun.head.pos_ == "PROPN":
        return noun.head
    if (
        noun.dep_ == "attr"
        and noun.head.lemma_ == "be"
        and not any(c.dep_ == "neg" for c in noun.head.children)
    ):
        subj = [c for c in noun.head.children if c.dep_ == "nsubj" and c.pos_ == "PROPN"]
        if subj:
            return subj[0]
    return noun


class Roles:
    """Argument finders; `instruments` ("the shots that killed him") and `light_verbs` ("launched
    an attack") come from the lexicons."""

    def __init__(
        self,
        instruments: frozenset[str],
        light_verbs: frozenset[str],
        object_control: frozenset[str] = frozenset(),
        responsibility: frozenset[str] = frozenset(),
        consequences: frozenset[str] = frozenset(),
        casualties: frozenset[str] = frozenset(),
        messages: frozenset[str] = frozenset(),
        munitions: frozenset[str] = frozenset(),
        comments: frozenset[str] = frozenset(),
        speech: frozenset[str] = frozenset(),
    ) -> None:
        self.instruments = instruments
        self.comments = comments  # "..., calling it a crime": said by the one who reports
        self.speech = speech
        self.munitions = munitions  # instruments no group is named by ("missiles", not "warplanes")
        self.messages = messages
        self.casualties = casualties
        self.light_verbs = light_verbs
        self.object_control = object_control
        self.responsibility = responsibility
        self.consequences = consequences

    # --- verbs ---------------------------------------------------------------------------

    def _author(self, message: Token, depth: int) -> list[Token]:
        """Who issued a message noun: its possessor ("X's letter"), its by/from phrase ("a
        statement by X"), or the subject of the verb it is the object of ("X issued a statement");
        nobody otherwise."""
        for child in message.children:
            if child.dep_ == "poss" and child.lower_ not in _POSSESSIVE_PRONOUNS:
                return [child]
            if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
                found = _pobj(child)
                if found:
                    return found
        if message.dep_ == "dobj" and message.head.pos_ in {"VERB", "AUX"}:
            return self.logical_subject(message.head, depth + 1)
        return []

    def logical_subject(self, verb: Token, depth: int = 0) -> list[Token]:  # noqa: C901  (a decision list over the parse, in rule order)
        if depth > 5:
            return []
        if is_passive(verb):  # the by-agent, or nobody ("20 soldiers were killed", officials said)
            agents = [p for c in verb.children if c.dep_ == "agent" for p in _pobj(c)]
            return agents or _orderer(verb) or _stray_agent(verb)
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if subj:
            return [self._instrument_user(_relative_head(s), depth) for s in subj]
        dep, head = verb.dep_, verb.head
        if (
            dep in {"relcl", "acl"}
            and head.dep_ == "attr"
            and head.head.lemma_ in _COPULA_LIKE
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        ):
            # "X and Y were the first to sever ties", "X became the latest country to expel":
            # the copula's subject
            return self.logical_subject(head.head, depth + 1)
        if dep == "relcl":
            return [named_antecedent(head)]
        if dep == "acl" and verb.tag_ == "VBG" and head.pos_ == "NOUN" and head.lemma_ in self.messages:
            return self._author(head, depth)  # "X issued a statement demanding that Y ..."
        if dep == "acl" and verb.tag_ == "VBG" and head.pos_ in {"NOUN", "PROPN"}:
            return [head]  # "militants attacking the town"
        if dep == "acl" and head.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "xcomp" for c in verb.children):
            return [head]  # "a militia thought to be behind X": the noun is raised
        if shares_passive(verb):
            # "X, which is backed by Y and allied to Z": the second participle is passive too;
            # its own by-phrase, if any, did it (X is allied; Y allied no one)
            return [p for c in verb.children if c.dep_ == "agent" for p in _pobj(c)]
        if dep == "conj" and head.pos_ in {"VERB", "AUX"}:
            sayer = _participle_above(verb)
            if sayer is not None:  # "with X saying Y had become ... and accusing Z": X accuses
                return self.logical_subject(sayer, depth + 1)
            return self.logical_subject(conjunct_head(verb), depth + 1)
        if dep in {"xcomp", "ccomp", "advcl", "pcomp", "acl", "oprd"} or (
            dep == "pobj" and verb.pos_ == "VERB"
        ):
            via = head.lower_ if head.dep_ == "prep" else None
            while head.dep_ == "prep" and head.head != head:
                head = head.head
            if head.pos_ == "ADJ" and head.dep_ in {"acomp", "amod"} and head.head.pos_ in {"AUX", "VERB"}:
                head = head.head  # "are likely/ready/able to provide": the copula's subject
            if via in {"of", "for", "on"} and head.pos_ in {"VERB", "AUX"} and not is_passive(head):
                # "accused X of arming rebels", "thanked X for helping", "congratulated X on
                # capturing Y": X did it
                objects = [c for c in head.children if c.dep_ == "dobj"]
                if objects:
                    return objects
            if via in {"of", "for"} and head.pos_ in {"NOUN", "PROPN"} and head.dep_ == "dobj":
                return [head]  # "accused X of ..." with "of" parsed on the object
            if head.pos_ in {"VERB", "AUX"}:
                described = _described_by_participle(head)
                if described is not None:
                    return [described]  # "the sentence of Jo Li, convicted of murdering X"
                if (
                    head.dep_ == "acl"
                    and head.tag_ == "VBN"
                    and head.head.pos_ in {"NOUN", "PROPN"}
                    and not any(c.dep_ == "agent" for c in head.children)
                ):
                    return [named_antecedent(head.head)]  # "the sentence of Jo Li, convicted of murdering X"
                if is_passive(head):  # "was ordered to fire", "convicted of murdering X"
                    passive_subj = [c for c in head.children if c.dep_ == "nsubjpass"]
                    if passive_subj and dep in {"pcomp", "xcomp", "advcl", "ccomp", "pobj"}:
                        return [_relative_head(s) for s in passive_subj]
                    if head.dep_ == "acl" and head.head.pos_ in {"NOUN", "PROPN"}:
                        return [named_antecedent(head.head)]  # "Jo Li, convicted of murdering X"
                elif (
                    dep in {"xcomp", "ccomp"}
                    or dep == "advcl"
                    and (head.lemma_.lower() in self.object_control or _sends_a_person(head))
                ) and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
                    # object control: "urged Iran to attack", "called on X to withdraw"
                    controller = [c for c in head.children if c.dep_ in {"dobj", "dative"}]
                    controller += [
                        p
                        for c in head.children
                        if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                        for p in _pobj(c)
                    ]
                    # ("summoned X to lodge a protest": the summoner's purpose, not X's)
                    if controller and head.lemma_.lower() not in {"promise", "vow", "threaten", "summon"}:
                        return controller
                if _manner_of_asking(verb, head) or self._comment_on_report(verb, head):
                    return self.logical_subject(head.head, depth + 1)
                return self.logical_subject(head, depth + 1)
        return []

    def _comment_on_report(self, participle: Token, head: Token) -> bool:
        """'X said the ships had entered its waters, describing the intrusion as ...': a
        participle of speaking after a comma that the parser hung on the reported clause is
        said by the one who reports it."""
        return (
            participle.dep_ == "advcl"
            and participle.tag_ == "VBG"
            and participle.lemma_.lower() in self.comments
            and head.dep_ == "ccomp"
            and head.head.lemma_.lower() in self.speech
            and any(t.text == "," for t in participle.doc[head.i : participle.i])
        )

    def _instrument_user(self, token: Token, depth: int) -> Token:
        if (
            token.lemma_.lower() in self.instruments
            and token.dep_ in {"dobj", "nsubj"}
            and token.head.pos_ == "VERB"
            and token.dep_ == "dobj"
        ):
            users = self.logical_subject(token.head, depth + 1)
            if users:
                return users[0]
        if token.lemma_.lower() in self.instruments:
            # "its planes hit", "Israeli missiles struck": the owner of the instrument acted
            owners = [c for c in token.children if c.dep_ == "poss"]
            if not owners and token.lemma_.lower() in self.munitions:  # ("Russian warplanes": a group)
                owners = [
                    c
                    for c in token.children
                    if c.dep_ in {"amod", "compound"} and c.i < token.i and c.ent_type_ in {"NORP", "GPE"}
                ]
            if owners:
                return owners[-1]
        return token

    @staticmethod
    def logical_object(verb: Token) -> list[Token]:
        if is_passive(verb):
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not subj and any(c.dep_ == "agent" for c in verb.children):
                # "Troops sent to X by Y withdrew": a reduced relative parsed as a clause
                subj = [c for c in verb.children if c.dep_ == "nsubj"]
            if subj:
                return [_relative_head(s) for s in subj]
            if verb.dep_ in {"acl", "relcl", "amod"}:
                return [verb.head]
            return []
        objs = [c for c in verb.children if c.dep_ in {"dobj", "obj"}]
        if objs:
            return [_relative_head(o) for o in objs]
        if verb.dep_ == "relcl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            rel = [c for c in verb.children if c.lower_ in _RELATIVE and c.dep_ in {"dobj", "nsubj"}]
            if rel and rel[0].dep_ == "dobj":
                return [verb.head]
        return []

    # --- nouns ---------------------------------------------------------------------------

    @staticmethod
    def host_verb(token: Token) -> Token | None:
        """The verb a nominal trigger hangs from: 'imposed sanctions', 'arrived at the invitation'."""
        cur = token
        for _ in range(4):
            if cur.dep_ not in {
                "dobj",
                "pobj",
                "prep",
                "nsubjpass",
                "attr",
                "oprd",
                "conj",
                "npadvmod",
                "nsubj",
            }:
                break
            if cur.dep_ == "nsubj" and cur != token:
                break
            cur = cur.head
            if cur.pos_ in {"VERB", "AUX"}:
                return cur
        return None

    def _light_host(self, token: Token) -> Token | None:
        """The host verb when it is a light verb of the trigger ("launched an attack on") or
        the passive that carries it ("an attack was carried out by")."""
        verb = self.host_verb(token)
        if verb is None or not {verb.lemma_.lower(), regular_base(verb)} & self.light_verbs:
            return None
        if token.dep_ == "nsubj" and not is_passive(verb):
            return None
        for a in itertools.takewhile(lambda a: a != verb, token.ancestors):
            if a.dep_ == "prep" and (
                a.lower_ != "of" and a.head.pos_ in {"NOUN", "PROPN"} or a.lower_ in _REASON
            ):
                # "weighs sanctions against X over the invasion of Y", "imposed sanctions after
                # the invasion": the invasion is not what the verb launches or weighs
                return None
        return verb

    def _responsible(self, noun: Token) -> list[Token]:
        """'X was behind the attack', 'X claimed responsibility for the attack', 'X is
        responsible for the killing'."""
        cur = noun
        while cur.dep_ == "conj" and cur.head != cur:  # "behind attacks and an attempt on X"
            cur = cur.head
        if cur.dep_ == "pobj" and cur.head.lower_ == "of" and cur.head.head.pos_ == "NOUN":
            cur = cur.head.head  # "dozens of attacks"
        if cur.dep_ != "pobj":
            return []
        prep = cur.head
        if prep.lower_ == "behind" and prep.head.lemma_ in _COPULA_LIKE:
            return self.logical_subject(prep.head)
        verb = prep.head
        if (
            prep.lower_ in {"for", "to", "of", "in"}
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.responsibility
        ):
            # "X was sentenced for the killing of Y", "X, convicted of the murder of Y", "police
            # arrested X in the killing of Y", "X pleaded guilty to the murder of Y"
            described = _described_by_participle(verb)
            if described is not None:
                return [described]  # "police arrested X, suspected of the murder of Y"
            if is_passive(verb) or verb.dep_ == "acl" and verb.tag_ == "VBN":
                subj = [_relative_head(c) for c in verb.children if c.dep_ == "nsubjpass"]
                return subj or ([named_antecedent(verb.head)] if verb.dep_ == "acl" else [])
            objects = [c for c in verb.children if c.dep_ == "dobj"]
            if objects or verb.lemma_.lower() != "plead":
                return objects
            return self.logical_subject(verb)
        if prep.lower_ == "for" and prep.head.lemma_.lower() in self.responsibility:
            holder = prep.head
            if holder.dep_ in {"acomp", "dobj", "attr", "oprd"} and holder.head.pos_ in {"VERB", "AUX"}:
                if holder.dep_ == "oprd":  # "held X responsible for"
                    return [c for c in holder.head.children if c.dep_ == "dobj"]
                return self.logical_subject(holder.head)
        return []

    # --- the roles -----------------------------------------------------------------------

    def role(self, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
        """Head tokens that fill one role for the trigger anchored at `anchor` (none for a role
        filled from mentions by the event finder, events.py)."""
        name = name.split("@", 1)[0]
        fill = filler_of(name)  # (ValueError for an unknown role)
        return fill.tokens(self, anchor, name, matched) if fill.tokens is not None else []


# --- the fillers: each fills the roles it is registered under (fillers.py) -------------------


def _verbal(anchor: Token) -> bool:
    """A verb or auxiliary trigger (a noun has no subject of its own)."""
    return anchor.pos_ in {"VERB", "AUX"}


def _prepositions(name: str) -> set[str]:
    """'prep:on|at' -> {'on', 'at'}."""
    return set(name.partition(":")[2].split("|"))


@filler("subj")
def _subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """A verb's logical subject."""
    return roles.logical_subject(anchor) if _verbal(anchor) else []


@filler("obj")
def _object(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """A verb's logical object (a passive's subject, a relative clause's noun)."""
    return roles.logical_object(anchor)


@filler(prefix="prep:")
def _prep_objects(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'attacked X on Y', 'an attack on Y': the objects of the named prepositions."""
    preps = _prepositions(name)
    verbal = _verbal(anchor)
    found = prep_objects(anchor, preps)
    if not found and not verbal:
        # "the assassination in 1914 of X": the of-phrase hangs from the date
        for prep in (c for c in anchor.children if c.dep_ == "prep"):
            for pobj in _pobj(prep):
                if pobj.like_num or pobj.ent_type_ in {"DATE", "TIME", "CARDINAL"}:
                    found += prep_objects(pobj, preps)
    for extra in matched[1:]:
        found += prep_objects(extra, preps)
        if extra.lower_ in preps and extra.dep_ in {"prep", "agent", "dative"} and extra.i > anchor.i:
            found += _pobj(extra)  # the pattern's own preposition ("in solidarity with X")
    if not found and verbal:
        for obj in roles.logical_object(anchor):
            found += prep_objects(obj, preps)
    if not found and not verbal and preps & _TARGET_PREPS:
        # "an attack by gangs on passengers": the parser hangs the target on the agent
        for agent in prep_objects(anchor, {"by"}):
            found += prep_objects(agent, preps & _TARGET_PREPS)
    return found


@filler("poss")
def _possessor(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X's attack': X."""
    return [c for c in anchor.children if c.dep_ == "poss"]


@filler("modifier")
def _name_modifier(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'the Russian invasion': the name or demonym before the noun; 'the US drone strike':
    before the noun that makes the event noun a compound."""
    before = [c for c in anchor.lefts if c.dep_ in {"amod", "compound", "nmod"}]
    before += [g for c in before if c.dep_ == "compound" and c.pos_ == "NOUN" for g in c.lefts]
    return [
        c
        for c in before
        if c.dep_ in {"amod", "compound", "nmod"}
        and (c.ent_type_ in {"NORP", "GPE", "ORG", "PERSON"} or c.pos_ == "PROPN")
    ]


@filler("host_subj")
def _light_host_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X launched an attack on Y', 'an attack was carried out by X': X."""
    verb = roles._light_host(anchor)
    return roles.logical_subject(verb) if verb is not None else []


@filler("host_dative")
def _host_dative(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'gave X a warning', 'offered support to X': the host verb's indirect object."""
    verb = roles.host_verb(anchor)
    if verb is None:
        return []
    return [c for c in verb.children if c.dep_ == "dative"] + [
        p for c in verb.children if c.dep_ == "dative" for p in _pobj(c)
    ]


@filler(prefix="host_prep:")
def _host_prep_objects(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'imposed sanctions on X': the objects of the named prepositions of the host verb."""
    verb = roles.host_verb(anchor)
    return prep_objects(verb, _prepositions(name)) if verb is not None else []


@filler("host_obj")
def _host_object(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'placed X under house arrest': the host verb's object."""
    verb = roles.host_verb(anchor)
    if verb is None:
        return []
    return [
        t for t in roles.logical_object(verb) if t != anchor and t.i not in {a.i for a in anchor.ancestors}
    ]


def _reciprocal_subject(roles: Roles, anchor: Token) -> Token | None:
    """'A and B clashed' (a reciprocal verb without an object): A, whose conjuncts are the other
    side (A clashed with B); None otherwise."""
    if not _verbal(anchor) or any(
        c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ in {"with", "against"} for c in anchor.children
    ):
        return None
    subjects = roles.logical_subject(anchor)
    if (
        len(subjects) != 1
        or not subjects[0].conjuncts
        or any(c.dep_ == "cc" and c.lower_ != "and" for c in subjects[0].children)
    ):
        return None
    return subjects[0]


@filler("subj_first", conjuncts=False)
def _first_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    subject = _reciprocal_subject(roles, anchor)
    return [subject] if subject is not None else []


@filler("subj_rest")
def _other_subjects(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    subject = _reciprocal_subject(roles, anchor)
    return list(subject.conjuncts) if subject is not None else []


@filler("with_host_subj")
def _with_host_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X, with the help of Y, attacked': the host clause's subject."""
    cur = anchor
    while cur.dep_ in {"pobj", "prep"} and cur.head != cur:
        cur = cur.head
        if cur.pos_ in {"VERB", "AUX"}:
            return roles.logical_subject(cur)
        if cur.pos_ in {"NOUN", "PROPN"} and cur.dep_ != "pobj":
            return [cur]
    return []


@filler("fire_at")
def _fire_target(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'fired (a rifle) at X': a target; 'was shot at the theatre', 'shot X at the station': a
    place (none)."""
    if is_passive(anchor) or any(
        c.dep_ == "dobj" and c.lemma_.lower() not in roles.instruments for c in anchor.children
    ):
        return []
    found = prep_objects(anchor, {"at"})
    for extra in matched[1:]:
        found += prep_objects(extra, {"at"})
    return found


@filler("passive_subj")
def _passive_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X is allied with Y': the adjectival passive's subject; 'X is backed by Y and allied
    to Z': the subject of the passive the participle is coordinated with."""
    verb = anchor.head if shares_passive(anchor) else anchor
    return [_relative_head(c) for c in verb.children if c.dep_ == "nsubjpass"]


@filler("responsible_subj")
def _responsible_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X was behind / claimed responsibility for / is responsible for the attack': X."""
    return roles._responsible(anchor)


@filler("casualty_subj")
def _casualties(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'soldiers were killed in clashes with X', 'troops who died fighting X': those who fell are
    one side of the fighting."""
    cur = anchor
    while cur.dep_ == "conj" and cur.head != cur:
        cur = cur.head
    if cur.dep_ != "pobj" or cur.head.lower_ not in {"in", "during", "amid"}:
        return []
    verb = cur.head.head
    if verb.pos_ not in {"VERB", "AUX"} or verb.lemma_.lower() not in roles.casualties:
        return []
    if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return [verb.head]  # "soldiers killed in clashes with X"
    return [c for c in verb.children if c.dep_ in {"nsubjpass", "nsubj"}]


@filler("ccomp_subj")
def _clause_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """The subject of the verb's clausal complement ('said X attacked')."""
    return [s for c in anchor.children if c.dep_ == "ccomp" for s in roles.logical_subject(c)]


@filler("warn_clause_subj")
def _warned_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'warned that X would face/pay ...': X."""
    return [
        s
        for c in anchor.children
        if c.dep_ == "ccomp"
        and c.lemma_.lower() in roles.consequences
        and any(
            a.dep_ == "aux" and a.lower_ in {"would", "could", "will", "might", "may"} for a in c.children
        )
        for s in roles.logical_subject(c)
    ]


def to_infinitives(anchor: Token, deps: frozenset[str] = frozenset({"xcomp", "ccomp"})) -> list[Token]:
    """The to-infinitives hanging from `anchor` with one of `deps` ("agreed to send", "urged X
    to attack")."""
    return [
        c
        for c in anchor.children
        if c.dep_ in deps and any(a.lower_ == "to" for a in c.children if a.dep_ == "aux")
    ]


def purpose_clauses(anchor: Token) -> list[Token]:
    """The to-infinitives that say what `anchor`'s object is for: the complement of "ordered
    troops to guard X" and the purpose clause of "sent troops to guard X"."""
    return to_infinitives(anchor, frozenset({"xcomp", "advcl"}))


@filler("purpose_place")
def _purpose_place(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'sent troops to guard the airport in X' / 'to secure X': where the purpose clause's
    object is (its in/at-phrase, or that of one of its conjuncts), or the object itself."""
    found = []
    for clause in purpose_clauses(anchor):
        for obj in roles.logical_object(clause):
            for part in [obj, *obj.conjuncts]:
                found.append(part)
                found += prep_objects(part, {"in", "at"})
    return found


@filler("xcomp_obj")
def _infinitive_object(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'agreed to send troops': the object of the to-infinitive."""
    return [o for c in to_infinitives(anchor) for o in roles.logical_object(c)]


@filler(prefix="xcomp_prep:")
def _infinitive_prep_objects(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'agreed to send troops to X': the objects of the named prepositions of the
    to-infinitive or of its object."""
    preps = _prepositions(name)
    found = []
    for c in to_infinitives(anchor):
        found += prep_objects(c, preps)
        for obj in roles.logical_object(c):
            found += prep_objects(obj, preps)
    return found


@filler("obj_of")
def _object_of(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'condemned the killing of X': the of-phrase of the verb's object."""
    return [p for obj in roles.logical_object(anchor) for p in prep_objects(obj, {"of"})]


@filler(prefix="obj_prep:")
def _object_prep_objects(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'announced sanctions against X': the named prepositions of the verb's object."""
    preps = _prepositions(name)
    return [p for obj in roles.logical_object(anchor) for p in prep_objects(obj, preps)]


@filler("obj_poss")
def _object_possessor(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'condemned X's decision': the possessor of the verb's object."""
    return [c for obj in roles.logical_object(anchor) for c in obj.children if c.dep_ == "poss"]


@filler("obj_modifier")
def _object_name_modifier(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'condemned the Russian invasion': the name or demonym before the verb's object."""
    return [
        c
        for obj in roles.logical_object(anchor)
        for c in obj.lefts
        if c.dep_ in {"amod", "compound", "nmod"}
        and (c.ent_type_ in {"NORP", "GPE", "ORG"} or c.pos_ == "PROPN")
    ]


@filler("for_by")
def _asked_by(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'called for restraint by X': X is asked."""
    found = []
    for noun in prep_objects(anchor, {"for"}) + [t for t in matched[1:] if t.dep_ == "pobj"]:
        found += prep_objects(noun, {"by", "from"})
    for extra in matched[1:]:
        for noun in _pobj(extra):
            found += prep_objects(noun, {"by", "from"})
    if not found and not is_passive(anchor) and prep_objects(anchor, {"for"}):
        found = prep_objects(anchor, {"by"})  # the by-phrase attached to the verb
    return found


@filler("self")
def _trigger(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """The trigger itself ('protesters against X': the protesters)."""
    return [anchor]


@filler("named_head")
def _named_head(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'Kennedy assassin Sirhan Sirhan': the name the noun modifies."""
    return [anchor.head] if anchor.dep_ == "compound" and anchor.head.pos_ == "PROPN" else []


@filler("appos_of")
def _apposition(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X's assassin, Jo Li': the noun in apposition to the trigger, or the one it is in
    apposition to."""
    if anchor.dep_ == "appos":
        return [anchor.head]
    found = [c for c in anchor.children if c.dep_ == "appos"]
    doc = anchor.doc
    if not found and anchor.i + 2 < len(doc) and doc[anchor.i + 1].text == ",":
        # "X's assassin, Jo Li, ...": the name after the comma, whatever the parse
        j = anchor.i + 2
        while j + 1 < len(doc) and doc[j + 1].pos_ == "PROPN" and doc[j].pos_ == "PROPN":
            j += 1
        if doc[j].pos_ == "PROPN" and doc[anchor.i + 2].pos_ == "PROPN":
            found = [doc[j]]
    return found


@filler("copula_subj")
def _copula_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X is the leader': the subject of the copula the trigger completes."""
    if anchor.dep_ == "attr" and anchor.head.lemma_ in _COPULA_LIKE:
        return [c for c in anchor.head.children if c.dep_ == "nsubj"]
    return []


@filler("adj_subj")
def _adjective_subject(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'X, who is allied with Y', 'forces loyal to Y': X, the forces."""
    if anchor.dep_ == "acomp" and anchor.head.lemma_ in _COPULA_LIKE:
        return roles.logical_subject(anchor.head)
    if anchor.dep_ in {"amod", "acl"} or (anchor.dep_ == "acomp" and anchor.head.dep_ == "relcl"):
        return [anchor.head] if anchor.dep_ != "acomp" else roles.logical_subject(anchor.head)
    if anchor.dep_ == "ROOT" or anchor.head.lemma_ in _COPULA_LIKE:
        return roles.logical_subject(anchor.head)
    return []


@filler("between_first", conjuncts=False)
def _first_between(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'talks between A and B': A (B is the other side)."""
    return _between(anchor)[:1]


def _between(anchor: Token) -> list[Token]:
    """The objects of the trigger's 'between', or of its verb's when it is the subject
    ('clashes erupted between A and B')."""
    objs = prep_objects(anchor, {"between", "among"})
    if not objs and anchor.dep_ == "nsubj" and anchor.head.pos_ == "VERB":
        objs = prep_objects(anchor.head, {"between", "among"})
    return objs


@filler("between_rest")
def _others_between(roles: Roles, anchor: Token, name: str, matched: list[Token]) -> list[Token]:
    """'talks between A and B': B."""
    objs = _between(anchor)
    return list(objs[0].conjuncts) if objs else []


def _subject_of_next_clause(token: Token) -> bool:
    """A noun the parser made a conjunct of an object when it is the subject of the next
    clause: followed at once by a coordinated verb that has no subject of its own ("fired
    shells into the island and the navy returned fire": the navy returned fire)."""
    if token.dep_ != "conj":
        return False
    at = token.right_edge.i + 1
    while at < len(token.doc) and token.doc[at].dep_ in {"advmod", "neg"}:  # "then", "directly"
        at += 1
    after = token.doc[at] if at < len(token.doc) else None
    return (
        after is not None
        and after.pos_ in {"VERB", "AUX"}
        and after.dep_ == "conj"
        and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in after.children)
    )


def _included(token: Token) -> list[Token]:
    """The names a plural noun says it includes ("several countries including Chile and Peru",
    "a group of nobles that included Jo Li and Ana Kord")."""
    named = [
        obj
        for noun in (token, *(prep_objects(token, {"of"}) if token.tag_ == "NN" else []))
        for clause in noun.children
        if clause.dep_ == "relcl"
        and clause.lemma_ == "include"
        and any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE for c in clause.children)
        for obj in clause.children
        if obj.dep_ == "dobj"
    ]
    if token.tag_ == "NNS":
        named += [
            pobj
            for prep in token.children
            if prep.dep_ == "prep" and prep.lower_ == "including"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
    return [n for pobj in named if pobj.pos_ == "PROPN" for n in (pobj, *pobj.conjuncts) if n.pos_ == "PROPN"]


def _past_own_relative(conjunct: Token, token: Token, anchor: Token | None) -> bool:
    """'Jo Li, who killed X, and Ana Kord': a conjunct written after the relative clause of
    `token` that holds `anchor` is no antecedent of that clause."""
    return anchor is not None and any(
        r.dep_ == "relcl" and r.left_edge.i <= anchor.i <= r.right_edge.i < conjunct.i for r in token.children
    )


def with_conjuncts(tokens: list[Token], anchor: Token | None = None) -> list[Token]:
    """'buses and marchers' -> [buses, marchers]; 'its ally, Jo Li' -> [ally, Jo Li];
    'several countries including Chile and Peru' -> [Chile, Peru]: the named ones act.
    `anchor`: the trigger the tokens fill a role of (see `_past_own_relative`)."""
    out: list[Token] = []
    for token in tokens:
        conjuncts = [
            c
            for c in token.conjuncts
            if not _subject_of_next_clause(c) and not _past_own_relative(c, token, anchor)
        ]
        for t in (token, *conjuncts):
            named = _included(t)
            if named:
                out += [n for n in named if n not in out]
                continue
            if t not in out and t.pos_ in {"NOUN", "PROPN", "PRON", "ADJ", "NUM", "X"}:
                out.append(t)
            if t.ent_type_ == "PERSON":
                continue  # "Jo Li, a Tarskan residing in X": a person's apposition describes him
            for appos in (c for c in t.children if c.dep_ == "appos" and c.pos_ == "PROPN"):
                if appos not in out:
                    out.append(appos)
    return out
