"""A gradient-boosted LambdaRank sentence ranker (LightGBM) behind ``retrieval.ranker``'s seam.

    pip install lightgbm
    python benchmarks/fit_weights.py --data-dir DIR --ranker lambdarank

Importing this module registers the fitter ``lambdarank``: trees over the same feature rows,
fitted on the fit half, reported on the held-out half by ``fit_weights.py`` beside the linear
model. It is not shipped (its held-out figures lose to the linear model's: docs/quality.md), so
LightGBM is no dependency of the project; shipping it would be a module in ``retrieval/`` with
this ``LambdaRanker`` and its model file, and ``SHIPPED`` pointing at it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from retrieval.ranker import Group, register

# Small trees, few rounds, bagging: 500-odd questions are little data, and deeper or longer
# fits learned the fitting questions (fit half up to 0.76 hit@1, held-out below linear).
PARAMETERS = {
    "objective": "lambdarank",
    "num_leaves": 4,
    "learning_rate": 0.05,
    "min_data_in_leaf": 50,
    "bagging_fraction": 0.8,
    "bagging_freq": 1,
    "feature_fraction": 0.8,
    "lambdarank_truncation_level": 10,
    "num_threads": 1,
    "verbose": -1,
    "seed": 1,
}
ROUNDS = 200


class LambdaRanker:
    """Scores from a LightGBM booster."""

    name = "lambdarank"

    def __init__(self, booster: Any) -> None:
        self.booster = booster

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(self.booster.predict(rows))

    def describe(self) -> str:
        return f"# LightGBM LambdaRank, {self.booster.num_trees()} trees (not shipped)\n"


def fit_lambdarank(groups: Sequence[Group], rounds: int = ROUNDS, **options: Any) -> LambdaRanker:
    import lightgbm

    rows = np.vstack([r for r, _ in groups])
    labels = np.concatenate([y for _, y in groups])
    data = lightgbm.Dataset(rows, labels, group=[len(y) for _, y in groups])
    booster = lightgbm.train({**PARAMETERS, **options}, data, num_boost_round=rounds)
    return LambdaRanker(booster)


register("lambdarank", fit_lambdarank)
