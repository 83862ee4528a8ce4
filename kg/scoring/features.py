"""What the scorer sees of a stated fact: its structure, never a word of the text.

    rows = features(records)   # the to_dict() records of one document's assertions

The rule that fired, the relation, the classes of the two arguments and the kind of node each
resolved to (a country, a person, a group scoped to a country or to its article), how each
argument was found (a name other than the one written, a lower-case description, outside the
sentence: through a pronoun or a description), modality, attribution, a former role, the
distance between the two mentions, the sentence's length, whether it is the headline or holds
a quotation, how many facts the sentence states and how often the article states this one,
and the rules' own calibrated score. Counts are taken over the records given, so give one
document's at a time.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

QUOTES = ('"', "\u201c", "\u201d")


def features(records: Sequence[dict[str, Any]]) -> list[dict[str, float]]:
    sentence_facts = Counter((r["doc"], r["sentence"]["index"]) for r in records)
    repeats = Counter((r["doc"], r["subject"]["id"], r["predicate"], r["object"]["id"]) for r in records)
    return [_features(r, sentence_facts, repeats) for r in records]


def _features(record: dict[str, Any], sentence_facts: Counter, repeats: Counter) -> dict[str, float]:
    s, o, q = record["subject"], record["object"], record.get("qualifiers") or {}
    f: dict[str, float] = {
        f"rule={record['rule']}": 1.0,
        f"relation={record['predicate']}": 1.0,
        f"subject={s['type']}": 1.0,
        f"object={o['type']}": 1.0,
        f"modality={q.get('modality') or 'asserted'}": 1.0,
        "score": float(record["confidence"]),
    }
    for flag, key in (("attributed", "attributed_to"), ("former", "former"), ("role", "role")):
        if q.get(key):
            f[flag] = 1.0
    sentence = record["sentence"]
    for side, arg in (("subject", s), ("object", o)):
        f.update(_argument(side, arg, sentence))
    sm, om = s["mention"], o["mention"]
    f["gap"] = math.log1p(max(om["start"] - sm["end"], sm["start"] - om["end"], 0)) / 5
    if om["start"] < sm["start"]:
        f["object_first"] = 1.0
    f["sentence_length"] = math.log1p(len(sentence["text"])) / 6
    if sentence["index"] == 0:
        f["headline"] = 1.0
    if any(mark in sentence["text"] for mark in QUOTES):
        f["quote"] = 1.0
    if s["id"] == o["id"]:
        f["self"] = 1.0
    f["sentence_facts"] = math.log(sentence_facts[(record["doc"], sentence["index"])])
    f["repeats"] = math.log(repeats[(record["doc"], s["id"], record["predicate"], o["id"])])
    return f


def _argument(side: str, arg: dict[str, Any], sentence: dict[str, Any]) -> dict[str, float]:
    f: dict[str, float] = {}
    node, written, name = arg["id"], arg["mention"]["text"], arg["name"]
    kind = node.split(":", 1)[0]
    f[f"{side}_kind={kind}"] = 1.0
    if "@" in node:
        f[f"{side}_local"] = 1.0  # scoped to its article: a description or an unplaced group
    elif kind == "group" and node.count(":") >= 2:
        f[f"{side}_scoped_group"] = 1.0  # a country's government, military, rebels ...
    if written[:1].islower():
        f[f"{side}_lower_case"] = 1.0
    if written.lower() not in name.lower() and name.lower() not in written.lower():
        f[f"{side}_renamed"] = 1.0  # resolved to a name other than the one written
    if kind == "person" and len(name.split()) == 1:
        f[f"{side}_one_word_person"] = 1.0
    if kind in ("organization", "person") and len(name.split()) >= 5:
        f[f"{side}_long_name"] = 1.0
    if not sentence["start"] <= arg["mention"]["start"] < sentence["end"]:
        f[f"{side}_outside_sentence"] = 1.0  # found through a pronoun or a description
    return f
