"""Documents in, assertions out: the spaCy pipeline, the pattern files, then entity resolution.

    from kg.loaders.extractor import Extractor
    for doc, assertions in Extractor().extract_many(documents, workers=2): ...
"""
from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, POS
from spacy.matcher import Matcher
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from kg.model import Assertion, Document, EntityMention, Extraction, Qualifiers, SentenceRef
from kg.ontology import Ontology, load_ontology
from kg.resolve import resolve
from kg.loaders import qualifiers as q
from kg.loaders.affiliations import find_affiliations
from kg.loaders.arguments import logical_object, role, with_conjuncts
from kg.loaders.lexicon import EventRule, event_rules
from kg.loaders.mentions import (MentionIndex, event_mention, group_mention, typed_entity,
                              untagged_name)
from kg.loaders.pipeline import load_pipeline
from kg.loaders.places import find_place_facts
from kg.loaders.titles import find_titles

# Documents per nlp.pipe batch: the fastest on news-length articles with the small English
# model (larger batches pad more and run slower; see docs/benchmarks.md).
PIPE_BATCH = 16
_FIRST_PERSON = {"we", "us", "our", "i", "me", "my"}
_THIRD_PERSON = {"he", "him", "his", "she", "her"}
_QUANTITIES = {"thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "score",
               "scores", "million", "millions", "group", "number", "some", "many", "most",
               "several", "all", "handful", "crowd", "band", "unit", "team"}
_PRONOUN_PENALTY = 0.85
_UNTAGGED_NAME_PENALTY = 0.7
_IMPLICIT_PENALTY = 0.7


class Extractor:
    """Loads the pipeline and the rules once; turns Documents into Assertions."""

    def __init__(self, model: str | None = None, ontology: Ontology | None = None) -> None:
        self.model = model
        self.nlp = load_pipeline(model)
        self.ontology = ontology or load_ontology()
        self.rules: dict[str, EventRule] = {}
        self.matcher = _TriggerMatcher(self.nlp.vocab)
        for rule in event_rules():
            self.ontology.relation(rule.predicate)  # unknown names fail here, not mid-batch
            self.rules[rule.id] = rule
            self.matcher.add(rule.id, rule.pattern)

    def extract(self, document: Document) -> list[Assertion]:
        return next(self.extract_many([document]))[1]

    def extract_many(self, documents: Iterable[Document], workers: int = 1,
                     ) -> Iterator[tuple[Document, list[Assertion]]]:
        """Each document with its assertions, in input order, streaming.

        A long document is parsed in parts of at most PART_CHARS characters, cut between
        paragraphs (see `parts`), so time and memory grow linearly with its length and no
        part reaches spaCy's length limit; offsets and sentence numbers are the document's.
        With `workers` > 1, that many processes each parse and extract a share of the
        documents (spaCy's own n_process would leave the extraction to this one process)."""
        if workers > 1:
            yield from _in_workers(self, documents, workers)
            return
        units = ((text, (document, offset, last)) for document in documents
                 for offset, text, last in _parts_of(document.text))
        found: list[Extraction] = []
        sentences = 0
        for parsed, (document, offset, last) in self.nlp.pipe(units, as_tuples=True,
                                                             batch_size=PIPE_BATCH):
            part, count = self.extractions(parsed, document, offset, sentences)
            found.extend(part)
            sentences += count
            if last:
                yield document, resolve(document, found)
                found, sentences = [], 0

    def _extract_chunk(self, documents: list[Document]) -> list[list[Assertion]]:
        return [assertions for _, assertions in self.extract_many(documents)]

    def from_spacy(self, parsed: Doc, document: Document) -> list[Assertion]:
        """The assertions of a document parsed whole."""
        return resolve(document, self.extractions(parsed, document)[0])

    def extractions(self, parsed: Doc, document: Document, offset: int = 0,
                    first_sentence: int = 0) -> tuple[list[Extraction], int]:
        """What `parsed` (the part of `document` that starts at character `offset`, after
        `first_sentence` sentences) says, before resolution; and its number of sentences."""
        sentences = [s for s in parsed.sents if s.text.strip()]
        index, facts = _index_mentions(parsed, sentences)
        extractions: list[Extraction] = []
        matches = _matches_by_sentence(self.matcher(parsed), parsed)
        focus = _focus_country(index)
        for number, sent in enumerate(sentences):
            ref = _sentence_ref(number, sent)
            context = _Context(self, document, index, sent, ref, focus)
            for fact in facts.get(sent.start, []):
                context.add_title(fact)
            for fact in find_place_facts(sent, index) + find_affiliations(sent, index):
                context.add_state(fact.predicate, fact.subject, fact.object, fact.rule,
                                  fact.confidence)
            for match_id, start in matches.get(sent.start, []):
                context.add_event(self.rules[self.nlp.vocab.strings[match_id]], parsed, start)
            extractions.extend(context.extractions)
        if offset or first_sentence:
            extractions = [_shifted(e, offset, first_sentence) for e in extractions]
        return extractions, len(sentences)


# Characters parsed at once. Larger parts gain nothing (spaCy parses sentence by sentence)
# while some document-wide look-ups grow with the part; at 20,000 a 1 MB article is 50 parts.
PART_CHARS = 20_000


def parts(text: str, size: int = PART_CHARS) -> list[tuple[int, str]]:
    """`text` cut into (offset, part) of at most `size` characters whose concatenation is
    `text`: after a paragraph break where there is one, else after a line break or a
    sentence end (". "), else after a space, else anywhere."""
    out: list[tuple[int, str]] = []
    at = 0
    while len(text) - at > size:
        window = text[at:at + size]
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            found = window.rfind(mark, size // 4)
            if found != -1:
                cut = found + len(mark)
                break
        cut = cut if cut > 0 else size
        out.append((at, text[at:at + cut]))
        at += cut
    out.append((at, text[at:]))
    return out


def _parts_of(text: str) -> Iterator[tuple[int, str, bool]]:
    cut = parts(text)
    for i, (offset, part) in enumerate(cut):
        yield offset, part, i == len(cut) - 1


def _shifted(extraction: Extraction, offset: int, first_sentence: int) -> Extraction:
    """An extraction of a part, in the coordinates of its whole document."""
    def move(mention: EntityMention | None) -> EntityMention | None:
        if mention is None:
            return None
        return replace(mention, start=mention.start + offset, end=mention.end + offset)

    ref = extraction.sentence
    return replace(extraction, subject=move(extraction.subject), object=move(extraction.object),
                   attributed_to=move(extraction.attributed_to),
                   sentence=replace(ref, index=ref.index + first_sentence, start=ref.start + offset,
                                    end=ref.end + offset))


_worker_extractor: Extractor | None = None  # the Extractor of a worker process


def _in_workers(extractor: Extractor, documents: Iterable[Document], workers: int,
                ) -> Iterator[tuple[Document, list[Assertion]]]:
    """extract_many over a pool of processes, a chunk of documents per task.

    At most two chunks per worker are in flight, so memory stays flat however long the input.
    Forked workers share the loaded model with this process; spawned ones load their own."""
    global _worker_extractor
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    _worker_extractor = extractor  # what forked workers inherit
    pool = context.Pool(workers, initializer=_start_worker,
                        initargs=(extractor.model, extractor.ontology))
    try:
        pending: deque[tuple[list[Document], Any]] = deque()
        chunks = _chunked(iter(documents), PIPE_BATCH)
        for chunk in chunks:
            pending.append((chunk, pool.apply_async(_extract_in_worker, (chunk,))))
            if len(pending) >= 2 * workers:
                yield from _ready(*pending.popleft())
        while pending:
            yield from _ready(*pending.popleft())
        pool.close()
    finally:
        pool.terminate()
        pool.join()
        _worker_extractor = None


def _ready(chunk: list[Document], result) -> Iterator[tuple[Document, list[Assertion]]]:
    yield from zip(chunk, result.get())


def _start_worker(model: str | None, ontology: Ontology) -> None:
    global _worker_extractor
    if _worker_extractor is None:  # spawned, not forked
        _worker_extractor = Extractor(model, ontology)


def _extract_in_worker(documents: list[Document]) -> list[list[Assertion]]:
    return _worker_extractor._extract_chunk(documents)


def _chunked(items: Iterator[Document], size: int) -> Iterator[list[Document]]:
    while chunk := list(itertools.islice(items, size)):
        yield chunk


class _TriggerMatcher:
    """spaCy's Matcher, run only where a rule can start, with the same matches in the same order.

    A Matcher over the whole text tries every pattern at every token (in Python for `IN` sets),
    which was most of kg's own time. Every rule's first token has a LEMMA or LOWER value, so an
    array look-up finds the tokens that can start a match and which rules to try there; each
    rule has a Matcher of its own, run on the few tokens after such a start. Matches come out
    as the Matcher gives them: by end, then start, then rule order.
    """

    def __init__(self, vocab) -> None:
        self.strings = vocab.strings
        self.vocab = vocab
        self.rules: list[tuple[Matcher, int]] = []  # (a Matcher of one rule, its pattern length)
        self.order: dict[int, int] = {}  # match id -> rule index
        self.starting: dict[tuple[int, int], list[int]] = {}  # (attr, word hash) -> rule indices
        self.words = {LEMMA: numpy.zeros(0, dtype="uint64"), LOWER: numpy.zeros(0, dtype="uint64")}

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
            self.words[attr] = numpy.union1d(self.words[attr], numpy.array(hashes, dtype="uint64"))
        matcher = Matcher(self.vocab)
        matcher.add(key, [pattern])
        self.rules.append((matcher, len(pattern)))
        self.order[self.strings.add(key)] = index

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(match id, start, end) as Matcher(doc) gives them."""
        if not len(doc):
            return []
        attrs = doc.to_array([LEMMA, LOWER])
        can_start = (numpy.isin(attrs[:, 0], self.words[LEMMA])
                     | numpy.isin(attrs[:, 1], self.words[LOWER]))
        found: list[tuple[int, int, int]] = []
        for i in numpy.flatnonzero(can_start).tolist():
            rules = (set(self.starting.get((LEMMA, int(attrs[i, 0])), ()))
                     | set(self.starting.get((LOWER, int(attrs[i, 1])), ())))
            for index in sorted(rules):
                matcher, width = self.rules[index]
                found.extend((key, i, i + end) for key, start, end in matcher(doc[i:i + width])
                             if start == 0)
        found.sort(key=lambda m: (m[2], m[1], self.order[m[0]]))
        return found


class _Context:
    """What one sentence yields; keeps the per-sentence arguments together."""

    def __init__(self, extractor: Extractor, document: Document, index: MentionIndex,
                 sent: Span, ref: SentenceRef, focus: EntityMention | None) -> None:
        self.ontology = extractor.ontology
        self.document, self.index, self.sent, self.ref, self.focus = document, index, sent, ref, focus
        self.extractions: list[Extraction] = []

    def _admit(self, predicate: str, subject: EntityMention, obj: EntityMention) -> bool:
        return subject.key != obj.key and self.ontology.admits(predicate, subject.type, obj.type)

    def add_state(self, predicate: str, subject: EntityMention, obj: EntityMention, rule: str,
                  confidence: float, role: str | None = None, former: bool = False) -> None:
        if self._admit(predicate, subject, obj):
            self.extractions.append(Extraction(
                self.document.id, predicate, subject, obj, self.ref, rule, confidence,
                Qualifiers(role=role, former=former)))

    def add_title(self, fact) -> None:
        predicate = fact.predicate
        if predicate and fact.holder is not None:
            self.add_state(predicate, fact.person, fact.holder, fact.rule, 0.9 if fact.holder else 0.6,
                           role=fact.title, former=fact.former)

    def mention_for(self, token: Token, allow_event: bool) -> tuple[EntityMention | None, float]:
        token = _past_quantity(token)
        found = self.index.at(token)
        if found is not None:
            return found, 1.0
        lower = token.lower_
        if token.pos_ == "PRON":
            if lower in _FIRST_PERSON and _in_quote(token):
                for speaker in q.quote_speaker(self.sent):
                    if self.index.at(speaker) is not None:
                        return self.index.at(speaker), 1.0
            if lower in _THIRD_PERSON:
                before = [m for m in self.index.persons() if m.end <= token.idx]
                if before:
                    return before[-1], _PRONOUN_PENALTY
            return None, 0.0
        name = untagged_name(token)
        if name is not None:
            return name, _UNTAGGED_NAME_PENALTY
        if allow_event:
            return event_mention(token), 0.9
        return None, 0.0

    def add_event(self, rule: EventRule, doc: Doc, start: int) -> None:
        anchor = doc[start + rule.anchor]
        matched = list(doc[start:start + len(rule.pattern)])
        if not _requirements_met(rule, anchor):
            return
        relation = self.ontology.relation(rule.predicate)
        subjects = _first_role(anchor, rule.subject, matched)
        objects = _first_role(anchor, rule.object, matched)
        allow_event = "Event" in relation.range
        targets: list[tuple[EntityMention, float, Token | None]] = []
        for tok in objects:
            found, weight = self.mention_for(tok, allow_event)
            if found is not None:
                targets.append((found, weight, tok))
        rule_id = rule.id
        if not objects and rule.implicit_object == "focus_place" and self.focus is not None:
            targets.append((self.focus, _IMPLICIT_PENALTY, None))
            rule_id = f"{rule.id}.implicit_destination"
        if not targets or not subjects:
            return  # nothing to qualify: skip the modality and date look-ups
        modality, speech = q.modality(anchor)
        source = None
        if speech is not None:
            heads = q.speaker(speech)
            source = self.index.at(heads[0]) if heads else None
        date = q.date(anchor, self.document.published)
        for s_tok in subjects:
            subject, s_weight = self.mention_for(s_tok, allow_event=False)
            if subject is None:
                continue
            for obj, o_weight, o_tok in targets:
                if rule_id.endswith("implicit_destination") and subject.iso3 == obj.iso3:
                    continue
                if not self._admit(rule.predicate, subject, obj):
                    continue
                speaker_is_subject = source is not None and source.key == subject.key
                qual = Qualifiers(
                    modality="asserted" if speaker_is_subject and modality == "reported" else modality,
                    date=date,
                    count=(q.count(o_tok) if o_tok is not None else None) or q.count(s_tok)
                    or _counted_object(rule, anchor))
                self.extractions.append(Extraction(
                    self.document.id, rule.predicate, subject, obj, self.ref, rule_id,
                    rule.confidence * s_weight * o_weight, qual,
                    None if speaker_is_subject else source))


def _past_quantity(token: Token) -> Token:
    """'Thousands of demonstrators', 'some of the soldiers': the actor is what is counted."""
    if token.lemma_.lower() in _QUANTITIES or token.like_num or token.pos_ in {"NUM", "DET", "PRON"}:
        for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                return pobj
    return token


def _counted_object(rule: EventRule, anchor: Token) -> int | None:
    """'deployed 500 soldiers to Mali': the count sits on the noun the rule required."""
    lemmas = (rule.requires or {}).get("obj_lemma")
    if not lemmas or anchor.pos_ != "VERB":
        return None
    for obj in logical_object(anchor):
        if obj.lemma_.lower() in lemmas:
            return q.count(obj)
    return None


def _requirements_met(rule: EventRule, anchor: Token) -> bool:
    req = rule.requires or {}
    if "obj_lemma" in req:
        objs = logical_object(anchor) if anchor.pos_ == "VERB" else []
        if not any(o.lemma_.lower() in req["obj_lemma"] for o in objs):
            return False
    if "child_lower" in req and not any(c.lower_ in req["child_lower"] for c in anchor.children):
        return False
    if "child_dep" in req and not any(c.dep_ in req["child_dep"] for c in anchor.children):
        return False
    if "clause_verb_lemma" in req and not any(
            c.dep_ == "ccomp" and c.lemma_.lower() in req["clause_verb_lemma"] for c in anchor.children):
        return False
    return True


def _first_role(anchor: Token, roles: tuple[str, ...], matched: list[Token]) -> list[Token]:
    for name in roles:
        tokens = role(anchor, name, matched)
        if tokens:
            return with_conjuncts(tokens)
    return []


def _in_quote(token: Token) -> bool:
    before = token.doc[token.sent.start:token.i].text
    return sum(before.count(c) for c in "\"“”") % 2 == 1 or "“" in before


def _sentence_ref(number: int, sent: Span) -> SentenceRef:
    text = sent.text
    lead = len(text) - len(text.lstrip())
    stripped = text.strip()
    start = sent.start_char + lead
    return SentenceRef(number, stripped, start, start + len(stripped))


def _matches_by_sentence(matches, doc: Doc) -> dict[int, list[tuple[int, int]]]:
    grouped: dict[int, list[tuple[int, int]]] = {}
    for match_id, start, _end in matches:
        grouped.setdefault(doc[start].sent.start, []).append((match_id, start))
    return grouped


def _index_mentions(doc: Doc, sentences: list[Span]):
    """Titled persons first (NER merges titles into ORG spans), then NER entities, then groups."""
    index = MentionIndex()
    facts: dict[int, list] = {}
    for sent in sentences:
        for fact in find_titles(sent):
            # events name the person as written, title included ("President Jane Doe"); the
            # title fact itself keeps the bare name
            phrase = doc[fact.phrase_start:fact.person_span[1]]
            as_written = replace(fact.person, text=phrase.text, start=phrase.start_char)
            index.add(doc[fact.person_span[0]:fact.person_span[1]], as_written, override=True)
            if fact.holder is not None and fact.holder_span is not None:
                index.add(doc[fact.holder_span[0]:fact.holder_span[1]], fact.holder, override=True)
            facts.setdefault(sent.start, []).append(fact)
    for ent in doc.ents:
        typed = typed_entity(ent)
        if typed is not None:
            index.add(doc[ent.start:ent.end], typed)
    for i in _group_heads(doc):
        if i not in index.by_token:
            group = group_mention(doc[i])
            if group is not None:
                index.add(doc[i:i + 1], group)
    return index, facts


def _group_heads(doc: Doc) -> list[int]:
    """Tokens that can head a group mention (nouns not in a compound), as group_mention checks
    first; from arrays, so the other tokens cost no Python object."""
    if not len(doc):
        return []
    attrs = doc.to_array([POS, DEP])
    nouns = (attrs[:, 0] == NOUN) | (attrs[:, 0] == PROPN)
    return numpy.flatnonzero(nouns & (attrs[:, 1] != doc.vocab.strings["compound"])).tolist()


def _focus_country(index: MentionIndex) -> EntityMention | None:
    """The country the article is about: the most mentioned one (first mention stands for it)."""
    seen: dict[str, EntityMention] = {}
    counts: Counter[str] = Counter()
    for mention in index.unique():
        if mention.type == "Country" and mention.iso3:
            counts[mention.iso3] += 1
            seen.setdefault(mention.iso3, mention)
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [("", 0)]
    return seen[top] if n >= 2 and n > rest[0][1] else None


def mention_token_indices(extractor: Extractor, parsed: Doc) -> set[int]:
    """Indices of the tokens inside a mention the extractor finds in `parsed` (for diagnostics)."""
    sentences = [s for s in parsed.sents if s.text.strip()]
    index, _ = _index_mentions(parsed, sentences)
    return set(index.by_token)
