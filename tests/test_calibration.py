"""The rules' score is a calibrated probability (loaders/data/calibration.json), the trained
scorer's starting point, and the benchmark that fits it (bench/calibrate.py) runs on articles
and gold lines written for these tests."""

from __future__ import annotations

import json
import math
import sys
from pathlib import Path

import pytest

from kg.core.datafiles import DataError
from kg.core.model import Document
from kg.loaders import lexicon
from kg.pipeline import Pipeline

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.append(str(ROOT))

from benchtools import run_bench  # noqa: E402

from bench import calibrate  # noqa: E402

TEXT = (
    "Peruvian President Ana Quispe met Chile's foreign minister on Monday. Chile sent troops to "
    "Bolivia. Rebels attacked a police station in Arequipa, the government said."
)


@pytest.fixture(scope="module")
def both() -> tuple[list, list]:
    document = Document(id="calibration", text=TEXT)
    return Pipeline(scored=False).assertions(document), Pipeline(calibrated=False).assertions(document)


def test_the_stored_confidence_is_the_scale_of_the_data_file_over_the_rules_score(both):
    calibrated, raw = both
    data = json.loads((ROOT / "loaders" / "data" / "calibration.json").read_text(encoding="utf-8"))
    assert len(calibrated) == len(raw) >= 3
    for c, r in zip(calibrated, raw, strict=True):
        assert (c.predicate, c.rule) == (r.predicate, r.rule)
        expected = 1 / (1 + math.exp(-(data["slope"] * r.confidence + data["intercept"])))
        assert c.confidence == pytest.approx(expected, abs=1e-9)
        assert 0 < c.confidence < 1
    # the scale keeps the rules' ranking
    order = sorted(range(len(raw)), key=lambda i: raw[i].confidence)
    assert [calibrated[i].confidence for i in order] == sorted(c.confidence for c in calibrated)


def test_a_bad_calibration_file_stops_kg_with_one_line(tmp_path):
    path = tmp_path / "calibration.json"
    path.write_text(json.dumps({"method": "isotonic", "slope": 1, "intercept": 0, "fitted_on": "x"}))
    with pytest.raises(DataError) as caught:
        lexicon.calibration(str(path))
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and "isotonic" in message


def test_fits_on_data_written_for_the_test():
    # scores that rank the right ones higher give a rising scale
    pairs = [(0.9, True), (0.85, True), (0.8, True), (0.7, False), (0.75, True), (0.6, False), (0.5, False)]
    slope, intercept = calibrate.fit_platt(pairs)
    scale = calibrate.platt(slope, intercept)
    assert slope > 0 and scale(0.9) > scale(0.5)
    # two right above two wrong but one wrong above one right: 3 of 4 pairs ordered
    assert calibrate.auc([(0.9, True), (0.8, False), (0.7, True), (0.1, False)]) == 0.75
    folds = calibrate.folds_of(["a", "b", "c", "d", "a"], 2, seed=0)
    assert set(folds) == {"a", "b", "c", "d"} and sorted(folds.values()) == [0, 0, 1, 1]
    assert folds == calibrate.folds_of(["d", "c", "b", "a"], 2, seed=0)  # the seed decides, not the order


ARTICLES = {
    "border": (
        "Border tensions rise\n\nPeru sent troops to Bolivia on Monday. Chile condemned the deployment. "
        "Chilean President Ana Quispe met Bolivia's foreign minister.\n",
        [("Peru", "SENT_TROOPS_TO", "Bolivia"), ("Ana Quispe", "LEADER_OF", "Chile")],
    ),
    "raid": (
        "Raid in the north\n\nRebels attacked a police station in Arequipa, Peru's government said. "
        "Ecuador accused Colombia of backing the rebels.\n",
        [("Ecuador", "ACCUSED", "Colombia")],
    ),
    "talks": (
        "Talks in Lima\n\nArgentina's foreign minister Jo Harlan met Peruvian President Ana Quispe in Lima. "
        "Brazil imposed sanctions on Venezuela.\n",
        [("Brazil", "SANCTIONED", "Venezuela"), ("Ana Quispe", "LEADER_OF", "Peru")],
    ),
}


@pytest.mark.bench
def test_the_benchmark_fits_writes_and_reports(tmp_path):
    eval_dir = tmp_path / "eval"
    for folder in ("news-dev", "news-dev-2"):
        (eval_dir / folder).mkdir(parents=True)
        for doc, (text, gold) in ARTICLES.items():
            (eval_dir / folder / f"{doc}.txt").write_text(text, encoding="utf-8")
            lines = [
                {"doc": doc, "s": [s], "p": p, "o": [o], "evidence": "", "optional": False}
                for s, p, o in gold
            ]
            (eval_dir / folder / f"{doc}.gold.jsonl").write_text(
                "".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8"
            )
    page = tmp_path / "benchmarks.md"
    page.write_text("# Benchmarks\n\nhand-written\n", encoding="utf-8")
    target = tmp_path / "calibration.json"
    args = ("--eval-dir", eval_dir, "--folds", "2", "--write", "--calibration", target, "--docs", page)
    done = run_bench("calibrate", *args)
    assert done.returncode == 0, done.stderr[-3000:]
    fitted = lexicon.calibration(str(target))  # what it writes loads and passes the schema
    assert fitted.fitted_on.startswith("news-dev-2: ")
    text = page.read_text(encoding="utf-8")
    assert "hand-written" in text and text.count(calibrate.BEGIN) == 1
    assert "news-dev-2, cross-validated by article" in text
    assert "| news-dev-2 |" in text and "| news-dev |" in text
    # the shipped file is untouched
    shipped = json.loads((ROOT / "loaders" / "data" / "calibration.json").read_text(encoding="utf-8"))
    assert shipped["method"] == "platt"
