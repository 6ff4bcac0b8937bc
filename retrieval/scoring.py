"""Small pure scoring formulas used by passage and sentence ranking."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from .tokenize import STOP_WORDS

if TYPE_CHECKING:
    from .backend import SearchBackend

__all__ = [
    "CAPITAL",
    "MIN_COVERAGE",
    "date_prior",
    "informative_tokens",
    "jaccard",
    "normalise",
    "novelty",
    "query_idf",
    "support",
]

MIN_COVERAGE = 0.3  # below this share of the question's weight, matches are noise

# An upper-case letter of any cased script (a regular-expression class): names in Cyrillic,
# Greek or accented Latin ("Егор Коробкин", "Ýmir") count as names as English ones do.
CAPITAL = "[" + "".join(sorted({c for c in map(chr, range(0x2000)) if c.isupper()})) + "]"
_CAPITALISED_OR_NUMBER = re.compile(rf"\b(?:{CAPITAL}[\w'’-]*|\$?\d[\d,.:]*%?)")


def normalise(values: Sequence[float]) -> list[float]:
    """Scale scores into [0, 1] by the best one (all zeros stay zeros)."""
    top = max(values, default=0.0)
    return [v / top if top > 0 else 0.0 for v in values]


def date_prior(
    days_from_ref: ArrayLike, *, half_life: float, future_penalty: float = 2.0
) -> np.ndarray:
    """A weight in (0, 1] for an article ``days_from_ref`` days after (>0) or before the
    reference date (a number or an array of them). Halves every ``half_life`` days; later
    articles fade ``future_penalty`` times faster, since news about an event follows it."""
    days = np.asarray(days_from_ref, dtype=np.float64)
    distance = np.where(days > 0, days * future_penalty, -days)
    return np.asarray(np.power(0.5, distance / half_life))


def informative_tokens(text: str) -> set[str]:
    """Names and numbers in a text (capitalised words and figures), lowercased."""
    tokens = (match.strip(".,:'’").lower() for match in _CAPITALISED_OR_NUMBER.findall(text))
    return {token for token in tokens if token and token not in STOP_WORDS}


def novelty(sentence_words: Iterable[str], question_words: set[str]) -> float:
    """Share of a sentence's content words the question does not already have."""
    words = set(sentence_words)
    if not words:
        return 0.0
    return len(words - question_words) / len(words)


def jaccard(a: set[str], b: set[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def query_idf(index: SearchBackend, terms: list[str]) -> dict[str, float]:
    """Inverse document frequency of each query term over passages."""
    total = max(index.passage_count, 1)
    return {t: math.log(1 + total / (1 + index.doc_freq(t))) for t in terms}


def support(
    facts: list[set[str]], keys: list[str], weights: Sequence[float] | np.ndarray
) -> list[float]:
    """Redundancy across articles: each name or number collects, from every article that has
    it, the weight of that article's best sentence with it; a sentence gets the total of its
    best-supported new token, relative to the best in the pool."""
    per_token: dict[str, dict[str, float]] = {}
    # Python floats, the same values: numpy's scalars compare and add several times slower.
    plain = weights.tolist() if isinstance(weights, np.ndarray) else [float(w) for w in weights]
    for found, key, weight in zip(facts, keys, plain, strict=True):
        best = weight if weight > 0.0 else 0.0  # max(0.0, weight): an article's first weight
        for token in found:
            per_article = per_token.get(token)
            if per_article is None:
                per_token[token] = {key: best}
            elif key not in per_article:
                per_article[key] = best
            elif weight > per_article[key]:
                per_article[key] = weight
    totals = {token: sum(per_article.values()) for token, per_article in per_token.items()}
    top = max(totals.values(), default=0.0) or 1.0
    value = totals.__getitem__
    return [max(map(value, found)) / top if found else 0.0 / top for found in facts]
