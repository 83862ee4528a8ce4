"""Normalised names and the index keys of an entity: what resolution looks entities up by.

    normalise("The Collective Security Treaty Organisation")   # "collective security treaty organization"
    normalise("U.N.")                                          # "un"
    spelling_variants("North Atlantic Treaty Organization")    # {"...Organization", "...Organisation"}
    entity_keys("Person", ["Yerlan Zhaksybekov"])
    # ["yerlan zhaksybekov", "~zhaksybekov", "#ksbkv"]

Every node carries `keys` (kg/store/rows.py computes them from its name and aliases, the
writer indexes them), so a look-up is an index seek on one list element, whatever the case,
accents, punctuation or British/American spelling of the name it started from. Four kinds:

    <normalised name>   every name and alias                  exact and acronym resolvers
    ~<surname>          a Person's multi-word names           surname resolver
    ^<initials>         an Organization's multi-word names    acronym resolver
    #<skeleton>         Person surname / Organization name    fuzzy resolver (blocking only)

The prefixes keep the kinds apart: "~ruiz" never equals a name's key "ruiz".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

SURNAME = "~"
INITIALS = "^"
SKELETON = "#"

# British -> American spellings of words that occur in organisation and place names. One
# table serves both directions: keys fold to the American form, and `spelling_variants`
# writes either form out (so a data file lists one spelling, never both).
_BRITISH = {
    "organisation": "organization",
    "organisations": "organizations",
    "defence": "defense",
    "offence": "offense",
    "centre": "center",
    "centres": "centers",
    "labour": "labor",
    "programme": "program",
    "programmes": "programs",
    "harbour": "harbor",
    "honour": "honor",
    "council": "council",
    "favour": "favor",
    "neighbour": "neighbor",
    "neighbours": "neighbors",
    "armour": "armor",
    "armoured": "armored",
    "behaviour": "behavior",
    "licence": "license",
    "theatre": "theater",
    "fibre": "fiber",
    "metre": "meter",
    "kilometre": "kilometer",
    "catalogue": "catalog",
    "travelling": "traveling",
    "counselling": "counseling",
    "enrolment": "enrollment",
    "fulfil": "fulfill",
    "jewellery": "jewelry",
}
# -isation/-ise words beyond the table: "Stabilisation Mission" -> "stabilization mission".
# Only these long suffixes: "-ise" alone would also turn "promise" or "franchise" around.
_SUFFIX = re.compile(r"(?<=\w{3})is(ation|ations|ed|ing)\b")
_AMERICAN = {american: british for british, american in _BRITISH.items() if british != american}

# Particles of Arabic, Persian and Dutch/German names that transliterations write, drop or
# glue on ("al-Gaddafi", "Gaddafi"), and the Persian/Urdu ezafe ("Lashkar-e-Taiba",
# "Tehrik-i-Taliban"); left out of skeletons and of fuzzy comparisons.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ash",
        "as",
        "bin",
        "ibn",
        "bn",
        "van",
        "von",
        "der",
        "de",
        "da",
        "di",
        "du",
        "la",
        "le",
        "e",
        "i",
    }
)
# Words initials skip: "Economic Community of West African States" is ECOWAS with the "of"
# and ECWAS without; both are kept as keys (see `initials`).
_FUNCTION_WORDS = frozenset(
    {"of", "the", "and", "for", "on", "in", "to", "at", "de", "du", "des", "la", "le", "et", "y", "del"}
)


@lru_cache(maxsize=1 << 18)  # bounded: a long ingest sees names without end
def normalise(name: str) -> str:
    """Lower case ASCII words: accents dropped, punctuation a space, dots of abbreviations and
    apostrophes gone, '&' as 'and', "co-operation" and "G-7" joined, no leading 'the',
    British spellings folded to American."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[.'’`]", "", text.replace("&", " and "))
    text = re.sub(r"\bco-(?=[a-z])|\b(?<=[a-z])-(?=\d+\b)", lambda m: m[0][:-1], text)  # co-operation, G-7
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    return " ".join(_fold(word) for word in text.split())


def _fold(word: str) -> str:
    return _BRITISH.get(word) or _SUFFIX.sub(r"iz\1", word)


def spelling_variants(name: str) -> set[str]:
    """`name` in British and in American spelling (one set, `name` included)."""
    words = name.split(" ")
    british, american = [], []
    for word in words:
        lower = word.lower()
        if lower in _BRITISH:
            british.append(word)
            american.append(_recase(_BRITISH[lower], word))
        elif lower in _AMERICAN:
            british.append(_recase(_AMERICAN[lower], word))
            american.append(word)
        else:
            british.append(re.sub(r"(?<=\w{3})iz(ation|ations|ed|ing)\b", r"is\1", word))
            american.append(re.sub(r"(?<=\w{3})is(ation|ations|ed|ing)\b", r"iz\1", word))
    return {name, " ".join(british), " ".join(american)}


def _recase(word: str, like: str) -> str:
    if like.isupper():
        return word.upper()
    return word.capitalize() if like[:1].isupper() else word


def is_acronym(name: str) -> bool:
    """ "CSTO", "U.N.", "ECOWAS", "ISIL": one word of 2 to 8 capitals (dots allowed)."""
    compact = name.replace(".", "").strip()
    return 2 <= len(compact) <= 8 and compact.isalpha() and compact.isupper() and " " not in name.strip()


def words(name: str) -> list[str]:
    return normalise(name).split()


def initials(name: str) -> set[str]:
    """The acronyms a multi-word name may go by: first letters of every word, and of its
    words other than function words ("of", "the"). A hyphenated word gives one letter per part
    ("Asia-Pacific" -> "ap"). Empty for a one-word name."""
    parts = [
        p
        for p in re.split(
            r"[^a-z0-9]+", unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
        )
        if p
    ]
    if parts and parts[0] == "the":
        parts = parts[1:]
    if len(parts) < 2:
        return set()
    every = "".join(p[0] for p in parts)
    content = "".join(p[0] for p in parts if p not in _FUNCTION_WORDS)
    return {k for k in (every, content) if len(k) >= 2}


def surname(name: str) -> str | None:
    """The normalised last word of a multi-word person name, particles aside
    ("Muammar al-Gaddafi" -> "gaddafi"); None for one word."""
    parts = words(name)
    if len(parts) < 2:
        return None
    return parts[-1]


_DIGRAPHS = (
    ("tch", "c"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("sh", "s"),
    ("ch", "c"),
    ("ts", "s"),
    ("ck", "k"),
)
_LETTERS = str.maketrans({"q": "k", "c": "k", "g": "k", "w": "v", "z": "s", "x": "k", "j": "y"})


def skeleton(text: str) -> str:
    """A coarse transliteration-proof form for blocking: digraphs and close consonants folded
    (kh/h, q/k/c/g, w/v, z/s ...), a word's final h after a vowel, vowels and doubled letters
    dropped, particles left out.
    "Zhaksybekov", "Zhaqsybekov" -> "ksbkv"; "Gaddafi", "Qaddafi", "Kadhafi" -> "kdf"."""
    parts = [p for p in normalise(text).split() if p not in PARTICLES] or normalise(text).split()
    out = "".join(re.sub(r"(?<=[aeiou])h$", "", p) for p in parts)  # Dbeibah, Dbeiba
    for digraph, letter in _DIGRAPHS:
        out = out.replace(digraph, letter)
    out = out.translate(_LETTERS)
    out = re.sub(r"[aeiouy]", "", out)
    return re.sub(r"(.)\1+", r"\1", out)


def entity_keys(type_: str, names: Iterable[str]) -> list[str]:
    """The index keys of an entity of class `type_` known by `names` (sorted, no repeats)."""
    return list(_entity_keys(type_, tuple(sorted(set(names)))))


@lru_cache(maxsize=65536)  # a batch names most entities many times
def _entity_keys(type_: str, names: tuple[str, ...]) -> tuple[str, ...]:
    keys: set[str] = set()
    for name in names:
        key = normalise(name)
        if not key:
            continue
        keys.add(key)
        if type_ == "Person":
            last = surname(name)
            if last is not None:
                keys.add(SURNAME + last)
            core = [p for p in key.split() if p not in PARTICLES] or key.split()
            if skeleton(core[-1]):
                keys.add(SKELETON + skeleton(core[-1]))
        elif type_ == "Organization":
            if not is_acronym(name):
                keys.update(INITIALS + i for i in initials(name))
                if skeleton(name):
                    keys.add(SKELETON + skeleton(name))
    return tuple(sorted(keys))


@lru_cache(maxsize=1 << 16)  # the fuzzy resolver asks it for every pair of names it compares
def fuzzy_block(type_: str, name: str) -> str | None:
    """The skeleton key a name is compared under by the fuzzy resolver (None: not compared)."""
    if type_ == "Person":
        core = [p for p in words(name) if p not in PARTICLES] or words(name)
        return SKELETON + skeleton(core[-1]) if core and skeleton(core[-1]) else None
    if type_ == "Organization" and not is_acronym(name) and skeleton(name):
        return SKELETON + skeleton(name)
    return None
