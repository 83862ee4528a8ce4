"""How alike two names of one class are, for the fuzzy resolver: a score in [0, 1].

    name_similarity("Yerlan Zhaksybekov", "Yerlan Zhaqsybekov")        # 1.0 (same skeletons)
    name_similarity("Raul Castro", "Fidel Castro")                     # 0.48, below FUZZY_THRESHOLD

Names are compared word by word after normalisation (kg/resolution/keys.py) with particles
("al", "bin", the ezafe "e") set aside, so "Omar al-Rashid" and "Omar Rashid" align. Each
pair of words scores its Jaro-Winkler similarity, plus WORD_SKELETON_BONUS when the two have
the same consonant skeleton ("Qassem"/"Kassem", "Hezbollah"/"Hizballah"); the name scores
its lowest word, so one different word ("Raul Castro", "Fidel Castro") sinks the pair however
alike the rest is. Names of a different number of words are compared whole ("Ansar Allah",
"Ansarallah"), with a penalty unless one is a single word.
"""

from __future__ import annotations

from functools import lru_cache

from jellyfish import jaro_winkler_similarity

from kg.core.keys import PARTICLES, normalise, skeleton

# Lowest score at which two names are one actor. Measured by bench/names.py (docs/benchmarks.md)
# over 68 pairs of spellings of one actor and 83 pairs of look-alike different actors written
# for kg: at 0.88, 63 of 68 spellings merge and no different actors do (the closest, "George W.
# Bush" and "George H. W. Bush", scores 0.85; "Ahmed Hassan" and "Ahmed Hussein" 0.82); at
# 0.84 two different pairs merge. The spellings in the news-dev gold name lists agree: at
# 0.88, 22 of their 24 spelling pairs merge (the two others are different names: a demonym and
# the organisation it stands for) and none of 47 pairs of different actors does.
FUZZY_THRESHOLD = 0.88
# Added to a word pair's Jaro-Winkler score when their skeletons agree: 5 more of the 68
# spellings merge at the threshold, no different pair does (same measurement).
WORD_SKELETON_BONUS = 0.05


def _core(name: str) -> list[str]:
    words = normalise(name).split()
    return [w for w in words if w not in PARTICLES] or words


def _word(x: str, y: str) -> float:
    if x == y:
        return 1.0
    bonus = WORD_SKELETON_BONUS if skeleton(x) == skeleton(y) else 0.0
    return min(1.0, jaro_winkler_similarity(x, y) + bonus)


def word_similarity(x: str, y: str) -> float:
    """Two normalised words: a surname alone and another spelling of it ("Hafter", "Haftar")."""
    return _word(x, y)


def omits_middle(a: str, b: str) -> bool:
    """One name is the other with middle names left out: "Ibrahim Keita", "Ibrahim Boubacar
    Keita" (first and last words the same, the longer adding whole words, never initials: "George
    Bush" does not choose between "George W. Bush" and "George H. W. Bush")."""
    wa, wb = _core(a), _core(b)
    short, long_ = sorted((wa, wb), key=len)
    if len(short) != 2 or len(long_) <= 2 or short[0] != long_[0] or short[-1] != long_[-1]:
        return False
    return all(len(w) > 1 for w in long_[1:-1])


@lru_cache(maxsize=1 << 16)
def name_similarity(a: str, b: str) -> float:
    wa, wb = _core(a), _core(b)
    if not wa or not wb:
        return 0.0
    if len(wa) == len(wb):
        return min(_word(x, y) for x, y in zip(wa, wb))
    joined = jaro_winkler_similarity("".join(wa), "".join(wb))
    return joined if abs(len(wa) - len(wb)) == 1 and min(len(wa), len(wb)) == 1 else joined * 0.9
