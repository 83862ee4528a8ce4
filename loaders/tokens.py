"""Token look-ups on spaCy's arrays: which tokens of a Doc have a given word, lemma or part of
speech, without building a Python Token for every other one (Token objects were most of kg's
own time on long articles)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS, SENT_START
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc, Span

# The hashes of a lexicon's words, by the lexicon (a frozenset, loaded once per process): string
# hashes are the same in every StringStore, so one set serves every Doc.
_HASHES: dict[int, tuple[frozenset[str], frozenset[int]]] = {}


class TokenTable:
    """Arrays of one Doc: lower-case form, lemma, part of speech and character offset."""

    def __init__(self, doc: Doc) -> None:
        # Doc.text would build a Token for every token: offsets and lengths come from arrays
        self.doc = doc
        self.strings = doc.vocab.strings
        if len(doc):
            self.array = doc.to_array([LOWER, LEMMA, POS, IDX, LENGTH, IS_SPACE, ORTH, SENT_START])
        else:
            self.array = numpy.zeros((0, 8), dtype="uint64")
        self._lower: list[int] | None = None
        self._lemma: list[int] | None = None
        self._orth: list[int] | None = None

    def _hashes(self, words: Iterable[str]) -> frozenset[int]:
        if isinstance(words, frozenset):
            cached = _HASHES.get(id(words))
            if cached is not None and cached[0] is words:
                return cached[1]
            hashes = frozenset(self.strings.add(w) for w in words)
            _HASHES[id(words)] = (words, hashes)
            return hashes
        return frozenset(self.strings.add(w) for w in words)

    # A set look-up per token: numpy.isin costs more than a whole short Doc's scan.
    def lower_in(self, words: Iterable[str]) -> list[int]:
        if self._lower is None:
            self._lower = self.array[:, 0].tolist()
        hashes = self._hashes(words)
        return [i for i, h in enumerate(self._lower) if h in hashes]

    def lemma_in(self, words: Iterable[str]) -> list[int]:
        if self._lemma is None:
            self._lemma = self.array[:, 1].tolist()
        hashes = self._hashes(words)
        return [i for i, h in enumerate(self._lemma) if h in hashes]

    def words(self, start: int, end: int) -> list[int]:
        """The tokens of start:end that are no white space."""
        return (numpy.flatnonzero(self.array[start:end, 5] == 0) + start).tolist()

    def offset(self, i: int) -> tuple[int, int]:
        """(character offset, length) of token i."""
        return int(self.array[i, 3]), int(self.array[i, 4])

    def orth(self, i: int) -> str:
        return self.strings[int(self.array[i, 6])]

    def sentences(self) -> list[Span]:
        """Doc.sents from the sentence-start column (Doc.sents builds a Token per token)."""
        if not len(self.doc):
            return []
        starts = numpy.flatnonzero(self.array[:, 7].astype("int64") == 1).tolist()
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        ends = starts[1:] + [len(self.doc)]
        return [Span(self.doc, a, b) for a, b in zip(starts, ends, strict=True)]

    def nouns(self) -> list[int]:
        pos = self.array[:, 2]
        return numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()

    def verbs(self) -> list[int]:
        return numpy.flatnonzero(self.array[:, 2] == VERB).tolist()

    def with_hyphen(self) -> list[int]:
        """Tokens with a hyphen in them or right after one ("NATO-backed", "Chilean-", "- backed")."""
        if self._orth is None:
            self._orth = self.array[:, 6].tolist()
        orth, strings = self._orth, self.strings
        found: set[int] = set()
        for i, h in enumerate(orth):
            if "-" in strings[h]:
                found.add(i)
                if i + 1 < len(orth):
                    found.add(i + 1)
        return sorted(found)

    def stripped(self, start: int, end: int) -> tuple[int, int]:
        """Character offsets of tokens start:end without the white space around them."""
        rows = self.array[start:end]
        words = numpy.flatnonzero(rows[:, 5] == 0)
        if not len(words):
            first = rows[0] if len(rows) else None
            at = int(first[3]) if first is not None else 0
            return at, at
        first, last = rows[words[0]], rows[words[-1]]
        return int(first[3]), int(last[3]) + int(last[4])


def in_span(indices: list[int], start: int, end: int) -> list[int]:
    """The indices that fall in [start, end), from a sorted list."""
    lo = int(numpy.searchsorted(indices, start)) if indices else 0
    hi = int(numpy.searchsorted(indices, end)) if indices else 0
    return indices[lo:hi]
