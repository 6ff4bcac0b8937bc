"""How sure an answer is: the probability that its first sentence answers the question.

A logistic model (with squared terms) over a few facts about the chosen sentence and the pool
it won in (its score, its lead over the runner-up, how much of the question it and its passage
cover, whether other articles agree, whether it adds a fact of the kind the question asks for or
only restates it). The model is fitted to tell answers from misses on answerable and
unanswerable questions alike; a Platt scaling on top of it (two numbers) is fitted on answerable
questions only, so that the probability means what it says on a question the collection can
answer. Both, and the refusal threshold (chosen on both sets), are fitted by
``benchmarks/fit_confidence.py`` on the fitting half of the dev questions and live in
``confidence_model.py``; below the threshold an answer is not given as one.

Dates count from the reference day capped at the collection's last day: an old collection is not
evidence that a sentence is wrong (the bot says where its news ends instead), but an answer from
far away in time, when nearer news exists, often is.
"""

from __future__ import annotations

import math

import numpy as np

from . import confidence_model
from .features import FEATURES

__all__ = ["EVIDENCE", "THRESHOLD", "evidence", "expand", "log_odds", "probability"]

EVIDENCE = (
    "score",  # the sentence model's score of the first sentence
    "margin",  # its lead over the best other candidate
    "share",  # its softmax share among all candidates: how clearly it won
    "pool_coverage",  # share of the question's IDF weight in the best-covering passage
    "coverage",  # ... in the sentence itself
    "focus",  # ... of the question's last clause, in the sentence
    "article_coverage",  # ... in its article's pooled passages
    "typed_fact",  # it adds the kind of thing the question asks for
    "agreement",  # other articles repeat its new names and numbers
    "vote",  # ... among the best-matching, best-dated sentences
    "terms",  # log of the number of question terms
    "match",  # its passage's BM25 over the question's total IDF: how strongly it matches
    "date_gap",  # log days between its article and the reference day (capped at the news' end)
    "near_articles",  # log of the pooled articles within a week of that day: news on the day
    "fact_articles",  # log of the pooled articles that state its best-attested new fact
    "kind_fact",  # it states a new fact of the kind the question asks for first
    "kind_vote",  # ... how much the best-matching sentences' articles repeat it
    "restates",  # it covers the question but states nothing of the kind asked for
    "kind_articles",  # log of the pooled articles that state its new fact of the kind asked for
)
_COLUMN = {name: i for i, name in enumerate(FEATURES)}
THRESHOLD = confidence_model.THRESHOLD


def evidence(
    rows: np.ndarray,
    scores: np.ndarray,
    first: int,
    *,
    pool_coverage: float,
    terms: int,
    match: float,
    date_gap: int,
    near_articles: int,
    fact_articles: int,
    kind_articles: int = 0,
) -> np.ndarray:
    """The model's inputs for the candidate ``first`` (rows and scores of every candidate)."""
    others = np.delete(scores, first)
    top = float(scores[first])
    margin = top - float(others.max()) if others.size else 1.0
    share = 1.0 / float(np.exp(scores - top).sum())
    row = rows[first]
    return np.array(
        [
            top,
            margin,
            share,
            pool_coverage,
            row[_COLUMN["coverage"]],
            row[_COLUMN["focus"]],
            row[_COLUMN["article_coverage"]],
            row[_COLUMN["typed_fact"]],
            row[_COLUMN["agreement"]],
            row[_COLUMN["vote"]],
            math.log1p(terms),
            match,
            math.log1p(abs(date_gap)),
            math.log1p(near_articles),
            math.log1p(fact_articles),
            row[_COLUMN["kind_fact"]],
            row[_COLUMN["kind_vote"]],
            row[_COLUMN["restates"]],
            math.log1p(kind_articles),
        ]
    )


def probability(
    inputs: np.ndarray,
    coefficients: np.ndarray | None = None,
    mean: np.ndarray | None = None,
    scale: np.ndarray | None = None,
    calibration: tuple[float, float] | None = None,
) -> float:
    """The fitted logistic model on ``inputs`` (standardised as at fitting, with squares),
    Platt-scaled: ``calibration`` (slope, intercept) maps its log-odds to answerable questions'."""
    w = np.asarray(confidence_model.COEFFICIENTS) if coefficients is None else coefficients
    mu = np.asarray(confidence_model.MEAN) if mean is None else mean
    sd = np.asarray(confidence_model.SCALE) if scale is None else scale
    slope, intercept = confidence_model.CALIBRATION if calibration is None else calibration
    z = slope * log_odds(inputs, w, mu, sd) + intercept
    return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def log_odds(inputs: np.ndarray, w: np.ndarray, mean: np.ndarray, scale: np.ndarray) -> float:
    """The logistic model's log-odds, before calibration."""
    return float(w[0] + expand((inputs - mean) / scale) @ w[1:])


def expand(standardised: np.ndarray) -> np.ndarray:
    """The model's terms: each standardised input and its square (a too-high or too-low value
    can both mean trouble; the squares let the model say so)."""
    return np.concatenate([standardised, standardised**2], axis=-1)
