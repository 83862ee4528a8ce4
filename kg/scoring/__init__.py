"""The scorer: the probability that a stated fact is right, learnt from facts judged by readers.

    from kg.scoring import scorer
    assertions = scorer()(assertions)      # one document's assertions, after resolution

The rules propose facts, each with the rule's calibrated score (loaders/data/calibration.json);
the scorer replaces that confidence with a logistic regression over the fact's structure
(features.py: no word of the text) trained on facts kg stated on real articles and judged one
by one against the annotation guideline (audits of fresh news), with news-dev-2's gold. Then
one more step: the regression's probability goes through a monotone map fitted on facts judged
on articles no rule and no weight had seen when they were judged (`unseen` in the data file:
each audit's facts as the kg of its day stated them), because facts of the training audits are
righter than facts of new articles once rules are written from their errors. The weights are
data (data/scorer.json), checked when loaded; retrain with `python -m bench scorer --write`
(deterministic, from bench/data/scorer-training.jsonl and bench/data/scorer-unseen.jsonl), and
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

from kg.core.datafiles import Check, DataFolder, ListOf, MapOf, Number, Record
from kg.core.model import Assertion
from kg.scoring.features import features

__all__ = ["Scorer", "features", "scorer", "through"]

DATA = DataFolder(resources.files("kg.scoring") / "data", "kg/scoring/data")
SCORER_FILE = "scorer.json"


def _knots_problem(knots: list) -> str | None:
    if any(len(k) != 2 for k in knots):
        return "each knot is [scorer's probability, probability on unseen articles]"
    if any(a[0] >= b[0] or a[1] > b[1] for a, b in zip(knots, knots[1:])):
        return "knots must rise: probabilities strictly, maps without falling"
    return None


SCHEMA = Record(
    {
        "trained_on": str,
        "l2": Number(0.0, 1000.0),
        "intercept": Number(-100.0, 100.0),
        "weights": MapOf(Number(-100.0, 100.0)),
    },
    {
        "unseen": Record(
            {
                "fitted_on": str,
                "knots": Check(ListOf(ListOf(Number(0.0, 1.0)), non_empty=True), _knots_problem),
            }
        )
    },
)


@dataclass(frozen=True)
class Scorer:
    """p(right) = unseen(1 / (1 + exp(-(intercept + sum of weight * feature)))), where `unseen`
    interpolates linearly between its knots (and is the identity when there are none)."""

    weights: dict[str, float]
    intercept: float
    trained_on: str
    knots: tuple[tuple[float, float], ...] = ()

    def probabilities(self, records: Sequence[dict[str, Any]]) -> list[float]:
        out = []
        for row in features(records):
            z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in row.items())
            out.append(through(self.knots, 1.0 / (1.0 + math.exp(-z))))
        return out

    def __call__(self, assertions: Sequence[Assertion]) -> list[Assertion]:
        """The assertions with the scorer's confidence (give one document's at a time)."""
        if not assertions:
            return []
        probabilities = self.probabilities([a.to_dict() for a in assertions])
        return [dataclasses.replace(a, confidence=p) for a, p in zip(assertions, probabilities)]


def through(knots: Sequence[tuple[float, float]], p: float) -> float:
    """`p` mapped by the piecewise-linear function through `knots` (flat beyond the ends)."""
    if not knots:
        return p
    if p <= knots[0][0]:
        return knots[0][1]
    for (x0, y0), (x1, y1) in zip(knots, knots[1:]):
        if p <= x1:
            return y0 + (y1 - y0) * (p - x0) / (x1 - x0)
    return knots[-1][1]


@cache
def scorer(name: str | Path = SCORER_FILE) -> Scorer:
    data = DATA.load(name, SCHEMA)
    knots = tuple((float(x), float(y)) for x, y in data.get("unseen", {}).get("knots", ()))
    return Scorer(
        {k: float(v) for k, v in data["weights"].items()}, float(data["intercept"]), data["trained_on"], knots
    )
