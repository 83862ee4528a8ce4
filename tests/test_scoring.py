"""The trained scorer (kg/scoring): the stored confidence is its probability over the features of
each fact, its weights are data checked at load, and `python -m bench scorer` rebuilds its table
from judged facts and retrains it bit for bit (issue 21)."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import numpy as np
import pytest

from kg.core.datafiles import DataError
from kg.core.model import Document
from kg.pipeline import Pipeline
from kg.scoring import features, scorer

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from benchtools import run_bench  # noqa: E402

WEIGHTS = ROOT / "kg" / "scoring" / "data" / "scorer.json"
TEXT = (
    "Border clash in the Andes\n\n"
    "Peruvian President Ana Quispe met Chile's foreign minister on Monday. Chile sent troops to "
    "Bolivia. Rebels attacked a police station in Arequipa, the government said. Quispe met the "
    "army chief. She accused Bolivia of sending troops to the border."
)


@pytest.fixture(scope="module")
def both() -> tuple[list, list]:
    document = Document(id="scoring", text=TEXT)
    return Pipeline().assertions(document), Pipeline(scored=False).assertions(document)


def test_the_stored_confidence_is_the_logistic_model_of_the_data_file(both):
    scored, unscored = both
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    assert len(scored) == len(unscored) >= 4
    rows = features([a.to_dict() for a in unscored])
    for s, u, row in zip(scored, unscored, rows, strict=True):
        assert (s.predicate, s.rule, s.subject.entity.id) == (u.predicate, u.rule, u.subject.entity.id)
        z = data["intercept"] + sum(data["weights"].get(k, 0.0) * v for k, v in row.items())
        xs, ys = zip(*data["unseen"]["knots"])  # then the map for unseen articles, flat at the ends
        assert s.confidence == pytest.approx(float(np.interp(1 / (1 + math.exp(-z)), xs, ys)), abs=1e-9)
        assert row["score"] == u.stated_confidence  # the rules' calibrated score is one feature
    assert len({round(a.confidence, 3) for a in scored}) > 1


def test_features_describe_structure_not_words(both):
    _, unscored = both
    records = [a.to_dict() for a in unscored]
    rows = features(records)
    for record, row in zip(records, rows):
        assert row[f"rule={record['rule']}"] == 1.0 and row[f"relation={record['predicate']}"] == 1.0
        assert all(name not in key for key in row for name in ("Quispe", "Chile", "Bolivia", "Arequipa"))
    by_relation = {r["predicate"]: row for r, row in zip(records, rows)}
    assert by_relation["LEADER_OF"]["subject_kind=person"] == 1.0
    assert by_relation["SENT_TROOPS_TO"]["subject_kind=country"] == 1.0
    # "She accused Bolivia ...": a subject found through a pronoun
    (accused,) = [row for r, row in zip(records, rows) if r["predicate"] == "ACCUSED"]
    assert accused["subject_outside_sentence"] == 1.0
    assert "subject_outside_sentence" not in by_relation["SENT_TROOPS_TO"]


def test_a_bad_scorer_file_stops_kg_with_one_line(tmp_path):
    path = tmp_path / "scorer.json"
    path.write_text(json.dumps({"trained_on": "x", "l2": 1, "intercept": 0, "weights": {"score": "high"}}))
    with pytest.raises(DataError) as caught:
        scorer(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "score" in message


def test_a_map_for_unseen_articles_that_falls_stops_kg_with_one_line(tmp_path):
    path = tmp_path / "scorer.json"
    data = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    data["unseen"]["knots"] = [[0.5, 0.6], [0.9, 0.4]]
    path.write_text(json.dumps(data))
    with pytest.raises(DataError) as caught:
        scorer(path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "knots" in message


def test_the_map_for_unseen_articles_lowers_what_unseen_articles_proved_overconfident(both):
    """The shipped map: facts the regression puts in the middle were right less often on
    fresh articles than it said (docs/benchmarks.md, On unseen articles); its top stays high."""
    knots = json.loads(WEIGHTS.read_text(encoding="utf-8"))["unseen"]["knots"]
    xs, ys = zip(*knots)
    assert float(np.interp(0.7, xs, ys)) < 0.6 and float(np.interp(0.95, xs, ys)) > 0.9


@pytest.mark.bench
def test_the_benchmark_retrains_the_shipped_weights_bit_for_bit(tmp_path):
    target = tmp_path / "scorer.json"
    done = run_bench("scorer", "--write", "--weights", target, "--eval-dir", tmp_path / "none")
    assert done.returncode == 0, done.stderr[-3000:]
    assert target.read_bytes() == WEIGHTS.read_bytes()
    assert "| scorer |" in done.stdout and "Reliability of the scorer" in done.stdout


ARTICLE = (
    "Troops on the border\n\nPeru sent troops to Bolivia on Monday. Chile condemned the deployment. "
    "Chilean President Ana Quispe met Bolivia's foreign minister.\n"
)


def _write_judged(audit: Path, facts: list[tuple[str, str, str, str, str, str]]) -> None:
    """An audit folder's facts.jsonl and its two judges' verdicts (id, s, p, o, judge A, judge B)."""
    with (audit / "facts.jsonl").open("w") as out:
        for fid, s, p, o, _, _ in facts:
            out.write(
                json.dumps({"id": fid, "doc": "border", "subject": s, "relation": p, "object": o}) + "\n"
            )
    for n, judge in ((4, "A"), (5, "B")):
        (audit / f"judge-{judge}.jsonl").write_text(
            "".join(json.dumps({"id": f[0], "verdict": f[n]}) + "\n" for f in facts), encoding="utf-8"
        )


@pytest.mark.bench
def test_the_table_is_built_from_judged_facts_and_gold(tmp_path):
    audit = tmp_path / "audit9"
    audit.mkdir()
    (audit / "border.txt").write_text(ARTICLE, encoding="utf-8")
    facts = [
        ("f1", "Peru", "SENT_TROOPS_TO", "Bolivia", "right", "right"),
        ("f2", "Ana Quispe", "LEADER_OF", "Chile", "right", "wrong"),
        ("f3", "Chile", "INVADED", "Peru", "wrong", "wrong"),  # not stated: never in the table
    ]
    _write_judged(audit, facts)
    dev2 = tmp_path / "eval" / "news-dev-2"
    dev2.mkdir(parents=True)
    (dev2 / "talks.txt").write_text(ARTICLE, encoding="utf-8")
    gold = {
        "doc": "talks",
        "s": ["Peru"],
        "p": "SENT_TROOPS_TO",
        "o": ["Bolivia"],
        "evidence": "",
        "optional": False,
    }
    (dev2 / "talks.gold.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    table = tmp_path / "table.jsonl"
    args = ("--collect", "--audits", audit, "--eval-dir", tmp_path / "eval", "--table", table)
    done = run_bench("scorer", *args, "--weights", tmp_path / "w.json", "--write")
    assert done.returncode == 0, done.stderr[-3000:]
    rows = [json.loads(line) for line in table.read_text(encoding="utf-8").splitlines()]
    audited = {
        (r["features"].get("relation=SENT_TROOPS_TO"), r["label"]) for r in rows if r["set"] == "audit9"
    }
    assert audited == {(1.0, 1.0), (None, 0.5)}  # Peru -> Bolivia right twice; Quispe split verdict
    dev = [r for r in rows if r["set"] == "news-dev-2"]
    assert {r["label"] for r in dev if r["features"].get("relation=SENT_TROOPS_TO")} == {1.0}
    assert {r["label"] for r in dev if not r["features"].get("relation=SENT_TROOPS_TO")} == {0.0}
    assert all("Peru" not in json.dumps(r) for r in rows)  # features only, no text
    assert json.loads((tmp_path / "w.json").read_text())["trained_on"].startswith("audit9: 2")


@pytest.mark.bench
def test_the_map_is_fitted_on_what_the_judged_kg_said(tmp_path):
    audit = tmp_path / "audit9"
    audit.mkdir()
    facts = [
        ("f1", "Peru", "SENT_TROOPS_TO", "Bolivia", "right", "right"),
        ("f2", "Ana Quispe", "LEADER_OF", "Chile", "right", "wrong"),
        ("f3", "Chile", "INVADED", "Peru", "wrong", "wrong"),  # judged, not in judged.jsonl: left out
    ]
    _write_judged(audit, facts)
    said = [("Peru", "SENT_TROOPS_TO", "Bolivia", 0.7), ("Peru", "SENT_TROOPS_TO", "Bolivia", 0.9)]
    said += [("Ana Quispe", "LEADER_OF", "Chile", 0.5), ("Chile", "MET_WITH", "Peru", 0.8)]  # not judged
    (audit / "judged.jsonl").write_text(
        "".join(
            json.dumps(
                {
                    "doc": "border",
                    "subject": {"name": s},
                    "predicate": p,
                    "object": {"name": o},
                    "confidence": c,
                }
            )
            + "\n"
            for s, p, o, c in said
        ),
        encoding="utf-8",
    )
    table = tmp_path / "unseen.jsonl"
    args = ("--collect-unseen", audit, "--unseen", table, "--eval-dir", tmp_path / "none")
    done = run_bench("scorer", *args, "--weights", tmp_path / "w.json", "--write")
    assert done.returncode == 0, done.stderr[-3000:]
    rows = sorted((r["confidence"], r["label"]) for r in map(json.loads, table.read_text().splitlines()))
    assert rows == [(0.5, 0.5), (0.9, 1.0)]  # a fact's highest confidence; the judges' share right
    unseen = json.loads((tmp_path / "w.json").read_text())["unseen"]
    assert unseen["knots"] == [[0.7, 0.75]]  # fewer facts than one bin: one knot, their means
    assert unseen["fitted_on"] == "audit9: 2 facts"
