"""Headlines set in title case ("Examplestan Says Helping Army Repel Rebels") read as strings of
proper names to the small English model. Before parsing, such a first line gets the case its
words have in the story's body: a word the body writes in lower case and never capitalises
inside a sentence is lower-cased ("Army" -> "army"), one the body capitalises inside a sentence
stays a name ("Peruvian", "Vell"); a word the body does not use is lower-cased only when it is a
function word or a word of kg's lexicons (cue verbs and nouns, group nouns, verbs of saying,
planning and denying). A paragraph's lead-in word in capitals that begins a place's name
gets a name's case too (`lead_cased`).
Only letters change case, so every character offset is the original text's; the extractor puts
the written case back into mention texts. A headline without end punctuation also has its line
break read as a full stop (`headline_stopped`, one character for one).
"""

from __future__ import annotations

import re
from functools import cache

from spacy.lang.en.stop_words import STOP_WORDS

from kg.core import gazetteer
from kg.loaders import lexicon

_WORD = re.compile(r"[A-Za-z](?:[A-Za-z'\u2019-]*[A-Za-z])?")
_OPENERS = {"'", '"', "\u2018", "\u201c", "(", "[", "-", "\u2014", "\u2013"}


@cache
def _known_words() -> frozenset[str]:
    """Lower-case words of kg's lexicons that are no names."""
    words: set[str] = set(STOP_WORDS)
    words.update(w.lower() for found in lexicon.cue_words().values() for w in found if " " not in w)
    words.update(w for w in lexicon.actors().sector_of if " " not in w)
    cues = lexicon.modality()
    for verbs in (
        cues.speech_verbs,
        cues.allege_verbs,
        cues.plan_verbs,
        cues.hypothetical_verbs,
        cues.negating_verbs,
    ):
        words.update(w for w in verbs if " " not in w)
    words.update(lexicon.light_verbs())
    return frozenset(words)


def _bases(word: str) -> list[str]:
    """The word and the stems an English inflection may hide ("helping" -> "help")."""
    out = [word]
    for suffix, repl in (
        ("ies", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("ed", ""),
        ("ed", "e"),
        ("s", ""),
        ("d", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            out.append(word[: len(word) - len(suffix)] + repl)
    if len(out) > 1 and len(out[1]) >= 4 and out[1][-1] == out[1][-2]:  # "shelling" -> "shell"
        out.append(out[1][:-1])
    return out


def is_title_case(line: str) -> bool:
    """Most words of `line` (other than short function words) start with a capital letter."""
    words = [w for w in _WORD.findall(line) if w.lower() not in STOP_WORDS or len(w) > 3]
    if len(words) < 3:
        return False
    capitals = sum(1 for w in words if w[0].isupper())
    return capitals >= 0.75 * len(words) and not line.rstrip().endswith(".")


def _body_cases(body: str) -> tuple[set[str], set[str]]:
    """(words the body writes in lower case, words it capitalises inside a sentence)."""
    lower, inner = set(), set()
    for sentence in re.split(r"(?<=[.!?:;\"\u201d])\s+|\n+", body):
        for i, match in enumerate(_WORD.finditer(sentence)):
            word = match.group()
            if word[0].islower():
                lower.add(word)
            elif i > 0 and not word.isupper() and sentence[: match.start()].rstrip()[-1:] not in _OPENERS:
                inner.add(word.lower())  # not after an opening quote ("said: 'Repel them'")
    return lower, inner


def _verb_like(low: str) -> bool:
    """A third-person present verb form ("quits", "flees", "resigns")."""
    return len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is"))


def _place_name(word: str) -> bool:
    return gazetteer.country(word) is not None or gazetteer.city(word) is not None


def headline_cased(text: str) -> str:
    """`text` with a title-case first line given the case of its words in the body."""
    end = text.find("\n")
    if end <= 0:
        return text
    line, body = text[:end], text[end:]
    if not body.strip() or not is_title_case(line):
        return text
    lower, inner = _body_cases(body)
    known = _known_words()

    words = list(_WORD.finditer(line))
    last = words[-1].start()
    after_title = {
        b.start() for a, b in zip(words, words[1:]) if a.group().lower() in lexicon.roles().one_word_titles
    }

    def case(match: re.Match) -> str:
        word = match.group()
        low = word.lower()
        if match.start() == 0 or word.isupper() or not word[0].isupper() or low in inner:
            return word  # the first word, acronyms and the body's names keep their case
        if low in lower or any(b in known for b in _bases(low)):
            return low
        ends_clause = match.start() == last or line[match.end() : match.end() + 1] == ","
        if (ends_clause or match.start() in after_title) and _verb_like(low) and not _place_name(word):
            # "Opposition Leader Quits", "Chief Quits, Delays Polls", "Prime Minister Resigns
            # After ...": a word that ends the line or a clause of it, or follows a title, in a
            # verb's form, and that the body never names, is a verb
            return low
        return word

    return _WORD.sub(case, line) + body


# "PAPUA New Guinea's Prime Minister ...": a paragraph that opens with its first word in
# capitals (a newspaper's lead-in) hides the place name that word begins from the small model.
_LEAD = re.compile(r"(?m)^([^\S\n]*[\"'\u201c\u2018]?)([A-Z]{2,})((?: [A-Z][a-z]+){1,3})")


def lead_cased(text: str) -> str:
    """`text` with a paragraph's first word in capitals given a name's case when it begins the
    name of a country or city with the words after it ("PAPUA New Guinea" -> "Papua New
    Guinea"); an acronym ("UN envoys"), a dateline ("TARSK, May 2") or any other word stays."""

    def case(match: re.Match) -> str:
        caps, rest = match.group(2), match.group(3).split()
        for n in range(len(rest), 0, -1):
            name = " ".join([caps, *rest[:n]])
            if gazetteer.country(name) is not None or gazetteer.city(name, spellings=False) is not None:
                return match.group(1) + caps.title() + match.group(3)
        return match.group(0)

    return _LEAD.sub(case, text)


# A headline without end punctuation has its first line break read as a full stop: the small
# model, trained on sentences that end in one, otherwise tags a headline's last word as it would
# a word in mid-sentence ("... sends troops to Examplestan" -> Examplestan a verb). Only a line
# this short, ending in a letter or digit, and followed by a line that starts with a capital,
# counts as a headline.
HEADLINE_MAX_CHARS = 160


def headline_stopped(text: str) -> str:
    """`text` with the line break after an unpunctuated short first line replaced by a full stop
    (one character for one, so every offset is the original text's)."""
    end = text.find("\n")
    if not 0 < end <= HEADLINE_MAX_CHARS or not text[end - 1].isalnum():
        return text
    rest = text[end + 1 :].lstrip()
    if not rest[:1].isupper():
        return text  # a hard-wrapped paragraph goes on in lower case
    return text[:end] + "." + text[end + 1 :]
