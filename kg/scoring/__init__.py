"""The scorer: the probability that a stated fact is right, learnt from facts judged by readers.

    from kg.scoring import scorer
    assertions = scorer()(assertions)      # one document's assertions, after resolution

The rules propose facts, each with the rule's calibrated score (loaders/data/calibration.json);
the scorer replaces that confidence with a logistic regression over the fact's structure
(features.py: no word of the text) trained on facts kg stated on real articles and judged one
by one against the annotation guideline (four audits of fresh news, 120 articles), with
news-dev-2's gold. The weights are data (data/scorer.json), checked when loaded; retrain with
`python -m bench scorer --write` (deterministic, from bench/data/scorer-training.jsonl), and
see docs/benchmarks.md (The trained scorer) for what it gains over the rules' score, measured
on audits it was not trained on.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from kg.core.datafiles import DataFolder, MapOf, Number, Record
from kg.core.model import Assertion
from kg.scoring.features import features

__all__ = ["Scorer", "features", "scorer"]

DATA = DataFolder(resources.files("kg.scoring") / "data", "kg/scoring/data")
SCORER_FILE = "scorer.json"
SCHEMA = Record(
    {
        "trained_on": str,
        "l2": Number(0.0, 1000.0),
        "intercept": Number(-100.0, 100.0),
        "weights": MapOf(Number(-100.0, 100.0)),
    }
)


@dataclass(frozen=True)
class Scorer:
    """p(right) = 1 / (1 + exp(-(intercept + sum of weight * feature)))."""

    weights: dict[str, float]
    intercept: float
    trained_on: str

    def probabilities(self, records: Sequence[dict[str, Any]]) -> list[float]:
        out = []
        for row in features(records):
            z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
            out.append(1.0 / (1.0 + math.exp(-z)))
        return out

    def __call__(self, assertions: Sequence[Assertion]) -> list[Assertion]:
        """The assertions with the scorer's confidence (give one document's at a time)."""
        if not assertions:
            return []
        probabilities = self.probabilities([a.to_dict() for a in assertions])
        return [dataclasses.replace(a, confidence=p) for a, p in zip(assertions, probabilities)]


@cache
def scorer(name: str | Path = SCORER_FILE) -> Scorer:
    data = DATA.load(name, SCHEMA)
    return Scorer(
        {k: float(v) for k, v in data["weights"].items()}, float(data["intercept"]), data["trained_on"]
    )
