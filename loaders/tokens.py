"""Token look-ups on spaCy's arrays: which tokens of a Doc have a given word, lemma or part of
speech, without building a Python Token for every other one (Token objects were most of kg's
own time on long articles)."""

from __future__ import annotations

from collections.abc import Iterable

import numpy
from spacy.attrs import IDX, IS_SPACE, LEMMA, LENGTH, LOWER, ORTH, POS
from spacy.symbols import NOUN, PROPN, VERB
from spacy.tokens import Doc


class TokenTable:
    """Arrays of one Doc: lower-case form, lemma, part of speech and character offset."""

    def __init__(self, doc: Doc) -> None:
        # Doc.text would build a Token for every token: offsets and lengths come from arrays
        self.doc = doc
        self.strings = doc.vocab.strings
        if len(doc):
            self.array = doc.to_array([LOWER, LEMMA, POS, IDX, LENGTH, IS_SPACE, ORTH])
        else:
            self.array = numpy.zeros((0, 7), dtype="uint64")

    def _hashes(self, words: Iterable[str]) -> numpy.ndarray:
        return numpy.array([self.strings.add(w) for w in words], dtype="uint64")

    def lower_in(self, words: Iterable[str]) -> list[int]:
        return numpy.flatnonzero(numpy.isin(self.array[:, 0], self._hashes(words))).tolist()

    def lemma_in(self, words: Iterable[str]) -> list[int]:
        return numpy.flatnonzero(numpy.isin(self.array[:, 1], self._hashes(words))).tolist()

    def nouns(self) -> list[int]:
        pos = self.array[:, 2]
        return numpy.flatnonzero((pos == NOUN) | (pos == PROPN)).tolist()

    def verbs(self) -> list[int]:
        return numpy.flatnonzero(self.array[:, 2] == VERB).tolist()

    def with_hyphen(self) -> list[int]:
        """Tokens with a hyphen in them or right after one ("NATO-backed", "Chilean-", "- backed")."""
        orth = self.array[:, 6]
        hyphened = [h for h in numpy.unique(orth).tolist() if "-" in self.strings[h]]
        found = numpy.flatnonzero(numpy.isin(orth, numpy.array(hyphened, dtype="uint64")))
        after = found + 1
        return sorted(set(found.tolist()) | set(after[after < len(orth)].tolist()))

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
