"""Fuzzy name matching: how often a scorer merges one actor's spellings, and how often two actors.

    python bench/names.py [--gold DIR] [--thresholds 0.80,0.85,...]

Pairs come from bench/data/name_pairs.json (written for kg: spellings of one actor, and
look-alike different actors) and, with --gold, from the s/o name lists of the *.gold.jsonl
files in DIR, read at run time and never stored: names in one list (or in lists sharing a
name) are one actor, names in lists that share none are different actors. A gold pair counts
as a spelling pair when both are proper names (capitalised words; descriptions such as
"Iranian commanders", titles such as "President Obama" and countries or demonyms are left
out) of the same number of words that normalise differently (a surname, a partial name or an
acronym is another resolver's job). Every pair is first put through the fuzzy
resolver's blocking (kg.core.keys.fuzzy_block: a pair whose blocks differ is never
compared), then scored; a pair merges when its score reaches the threshold.
"""

from __future__ import annotations

import argparse
import difflib
import itertools
import json
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from jellyfish import jaro_winkler_similarity  # noqa: E402

from kg.core.keys import PARTICLES, fuzzy_block, normalise  # noqa: E402
from kg.resolution.similarity import FUZZY_THRESHOLD, name_similarity  # noqa: E402

Pair = tuple[str, str, str]  # (class, name, name)
THRESHOLDS = (0.80, 0.84, 0.86, 0.88, 0.90, 0.92, 0.94, 0.96)


def _core(name: str) -> list[str]:
    words = normalise(name).split()
    return [w for w in words if w not in PARTICLES] or words


def _aligned(a: str, b: str, word: Callable[[str, str], float], combine=min) -> float:
    wa, wb = _core(a), _core(b)
    if len(wa) != len(wb):
        return jaro_winkler_similarity("".join(wa), "".join(wb)) * (
            1.0 if min(len(wa), len(wb)) == 1 and abs(len(wa) - len(wb)) == 1 else 0.9
        )
    scores = [word(x, y) for x, y in zip(wa, wb)]
    return combine(scores) if combine is min else sum(scores) / len(scores)


SCORERS: dict[str, Callable[[str, str], float]] = {
    "kg (word-aligned Jaro-Winkler +0.05 on equal skeletons, min)": name_similarity,
    "word-aligned Jaro-Winkler, min (no skeleton bonus)": lambda a, b: _aligned(
        a, b, jaro_winkler_similarity
    ),
    "word-aligned Jaro-Winkler, mean": lambda a, b: _aligned(a, b, jaro_winkler_similarity, combine=None),
    "Jaro-Winkler, whole name": lambda a, b: jaro_winkler_similarity(normalise(a), normalise(b)),
    "difflib ratio, whole name": lambda a, b: difflib.SequenceMatcher(
        None, normalise(a), normalise(b)
    ).ratio(),
}


def constructed(path: Path = ROOT / "bench" / "data" / "name_pairs.json") -> tuple[list[Pair], list[Pair]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    return [tuple(p) for p in data["same"]], [tuple(p) for p in data["different"]]


def gold_pairs(folder: Path) -> tuple[list[Pair], list[Pair]]:
    """(same-actor spelling pairs, different-actor pairs) from the gold name lists; the class
    is not in the gold files, so each pair is blocked and scored as a Person and as an
    Organization, and counted as the class under which it is blocked together (if any)."""
    lists: list[set[str]] = []
    for path in sorted(folder.glob("*.gold.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                for side in ("s", "o"):
                    names = {n for n in record.get(side) or [] if normalise(n)}
                    if names:
                        lists.append(names)
    actors: list[set[str]] = []  # lists that share a name are one actor
    for names in lists:
        keys = {normalise(n) for n in names}
        joined = [a for a in actors if keys & {normalise(n) for n in a}]
        for a in joined:
            actors.remove(a)
            names = names | a
        actors.append(set(names))
    same: list[Pair] = []
    different: list[Pair] = []
    actors = [{n for n in actor if _proper(n)} for actor in actors]
    for actor in actors:
        for first, second in itertools.combinations(sorted(actor), 2):
            if normalise(first) != normalise(second) and len(_core(first)) == len(_core(second)):
                same.extend(_typed(first, second))
    for x, y in itertools.combinations(actors, 2):
        for first in x:
            for second in y:
                different.extend(_typed(first, second))
    return same, different


# Words that open a title rather than a name ("President Putin", "Mrs Lam"): titles are the
# extractor's to strip, not a spelling of the name.
TITLES = frozenset(
    {
        "president",
        "prime",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "general",
        "mullah",
        "king",
        "queen",
        "sheikh",
        "minister",
        "chancellor",
        "pope",
        "prince",
    }
)


def _proper(name: str) -> bool:
    """A name rather than a description, a title or a country: every word capitalised (or a
    particle such as "al-"), no possessive, no opening title, not a country or its demonym
    (the gazetteer's job: "Yemen", "Yemeni"). "Hossein Hamedani", "al-Shabaab"; not "Iranian
    commanders", "President Obama", "France"."""
    from kg.core.gazetteer import country

    if "'s" in name or "’s" in name or normalise(name).split()[0] in TITLES or country(name):
        return False
    for word in name.split():
        head = word.split("-")[0].lower()
        if not (word[:1].isupper() or head in PARTICLES):
            return False
    return True


def _typed(a: str, b: str) -> list[Pair]:
    out = []
    for type_ in ("Person", "Organization"):
        block = fuzzy_block(type_, a)
        if block is not None and block == fuzzy_block(type_, b):
            out.append((type_, a, b))
            break
    return out


def measure(pairs: list[Pair], scorer: Callable[[str, str], float], threshold: float) -> int:
    """How many pairs would be merged (blocked together and scored at the threshold or above)."""
    return sum(
        1
        for type_, a, b in pairs
        if fuzzy_block(type_, a) is not None
        and fuzzy_block(type_, a) == fuzzy_block(type_, b)
        and scorer(a, b) >= threshold
    )


def report(sets: dict[str, tuple[list[Pair], list[Pair]]], thresholds=THRESHOLDS) -> str:
    lines = []
    for label, (same, different) in sets.items():
        blocked = measure(same, lambda a, b: 1.0, 0.0)
        lines.append(
            f"\n{label}: {len(same)} same-actor pairs ({blocked} share a block), "
            f"{len(different)} different-actor pairs"
        )
        lines.append("| scorer | threshold | same merged | different merged |")
        lines.append("|---|---|---|---|")
        for name, scorer in SCORERS.items():
            for t in thresholds:
                mark = " (kg)" if name.startswith("kg") and abs(t - FUZZY_THRESHOLD) < 1e-9 else ""
                lines.append(
                    f"| {name} | {t:.2f}{mark} | {measure(same, scorer, t)} / {len(same)} "
                    f"| {measure(different, scorer, t)} / {len(different)} |"
                )
    return "\n".join(lines)


def misses(pairs: list[Pair], threshold: float = FUZZY_THRESHOLD, merged: bool = False) -> list[str]:
    out = []
    for type_, a, b in pairs:
        blocked = fuzzy_block(type_, a) == fuzzy_block(type_, b) and fuzzy_block(type_, a) is not None
        score = name_similarity(a, b)
        hit = blocked and score >= threshold
        if hit == merged:
            out.append(f"  {type_:<12} {a!r} ~ {b!r}: {'blocked' if blocked else 'not blocked'}, {score:.3f}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold", type=Path, help="a folder of *.gold.jsonl files")
    parser.add_argument("--thresholds", default=",".join(f"{t:.2f}" for t in THRESHOLDS))
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="list the same-actor pairs kg misses and the different ones it merges",
    )
    args = parser.parse_args(argv)
    thresholds = tuple(float(t) for t in args.thresholds.split(","))
    sets = {"constructed (bench/data/name_pairs.json)": constructed()}
    if args.gold:
        sets[f"gold name lists ({args.gold.name})"] = gold_pairs(args.gold)
    print(report(sets, thresholds))
    if args.verbose:
        for label, (same, different) in sets.items():
            print(f"\n{label}: same-actor pairs not merged at {FUZZY_THRESHOLD}")
            print("\n".join(misses(same)))
            print(f"{label}: different-actor pairs merged at {FUZZY_THRESHOLD}")
            print("\n".join(misses(different, merged=True)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
