"""The sentence model behind one seam: a ranker scores candidate sentences from their feature
rows (``features.FEATURES``), and the fitting scripts make rankers through the same seam.

A ranker is chosen by name (``RANKERS``); the one answers use is ``SHIPPED``. The linear model
(its weights in ``sentence_model.py``, written by ``benchmarks/fit_weights.py``) is the one
shipped; a learned ranker is one more module that implements ``Ranker`` and registers a fitter
here (``benchmarks/lambdarank.py`` tried a gradient-boosted LambdaRank this way: it did not win
on the held-out half, see docs/quality.md). The confidence (``confidence.py``) reads the
shipped ranker's scores, so refitting a ranker means refitting the confidence after it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

import numpy as np

from . import sentence_model
from .features import FEATURES

__all__ = [
    "RANKERS",
    "SHIPPED",
    "Group",
    "LinearRanker",
    "Ranker",
    "fit_linear",
    "register",
]

# One question's candidates: their feature rows and which of them answer it (1.0 or 0.0).
Group = tuple[np.ndarray, np.ndarray]


class Ranker(Protocol):
    """Scores candidate sentences, higher first; rows have a column per ``FEATURES`` name."""

    @property
    def name(self) -> str: ...

    def scores(self, rows: np.ndarray) -> np.ndarray: ...

    def describe(self) -> str:
        """The fitted model as the text its module keeps (pasted or written by the fitter)."""
        ...


class LinearRanker:
    """A weighted sum of the features: one weight per feature name (missing names weigh 0)."""

    name = "linear"

    def __init__(self, weights: Mapping[str, float]) -> None:
        unknown = set(weights) - set(FEATURES)
        if unknown:
            raise ValueError(f"weights for unknown features: {sorted(unknown)}")
        self.weights = dict(weights)
        self.vector = np.array([self.weights.get(name, 0.0) for name in FEATURES])

    def scores(self, rows: np.ndarray) -> np.ndarray:
        return np.asarray(rows @ self.vector)

    def describe(self) -> str:
        lines = "".join(f'    "{name}": {self.weights.get(name, 0.0):.3f},\n' for name in FEATURES)
        return "WEIGHTS = {\n" + lines + "}\n"


def fit_linear(groups: Sequence[Group], *, l2: float = 0.01, steps: int = 400) -> LinearRanker:
    """The listwise softmax model: weights that maximise the probability of ranking a sentence
    that answers first, over each question's candidates (Adam, L2 penalty)."""
    weights = np.zeros(len(FEATURES))
    first, second = np.zeros_like(weights), np.zeros_like(weights)
    for step in range(1, steps + 1):
        gradient = np.zeros_like(weights)
        for rows, y in groups:
            scores = rows @ weights
            p = np.exp(scores - scores.max())
            p /= p.sum()
            gradient += rows.T @ (p - y / y.sum())
        gradient = gradient / len(groups) + l2 * weights
        first = 0.9 * first + 0.1 * gradient
        second = 0.999 * second + 0.001 * gradient**2
        weights -= 0.05 * (first / (1 - 0.9**step)) / (np.sqrt(second / (1 - 0.999**step)) + 1e-8)
    return LinearRanker(
        {name: round(float(w), 3) for name, w in zip(FEATURES, weights, strict=True)}
    )


Fitter = Callable[..., Ranker]
RANKERS: dict[str, Fitter] = {"linear": fit_linear}


def register(name: str, fitter: Fitter) -> None:
    """Make a ranker fittable by name (``benchmarks/fit_weights.py --ranker NAME``)."""
    RANKERS[name] = fitter


def fit(name: str, groups: Sequence[Group], **options: Any) -> Ranker:
    return RANKERS[name](groups, **options)


SHIPPED: Ranker = LinearRanker(sentence_model.WEIGHTS)
