"""The pure parts of choosing sentences or messages that stand for many: centrality (continuous
LexRank over TF-IDF vectors of their stems: a text that many others resemble carries the
shared story), diverse choice (maximal marginal relevance, no near-duplicates, no two texts that
state one claim: the same figures, or most of the same content words), and the figures and
names a text states. Summaries (``summarize``) and catch-ups (``catchup``) both use them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

import numpy as np

from .scoring import informative_tokens

__all__ = ["facts_in", "lexrank", "pick_diverse", "same_claims", "similarity", "stated"]

_REDUNDANCY = 0.7  # MMR: how much resembling a chosen text costs
_DUPLICATE = 0.6  # cosine similarity above which a text repeats a chosen one
_SAME_CLAIM = 0.6  # share of the shorter text's content stems that makes one claim twice
_FIGURE = re.compile(r"\d[\d,.]*")
# Figures and names weigh: each one a sentence or message states (up to _FACTS_COUNTED) raises
# its weight by _FACT_BOOST.
_FACT_BOOST = 0.3
_FACTS_COUNTED = 4
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)([A-Z][\w'’-]*)")


def _tfidf(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows over the texts' own vocabulary."""
    vocabulary: dict[str, int] = {}
    for tokens in token_lists:
        for token in tokens:
            vocabulary.setdefault(token, len(vocabulary))
    matrix = np.zeros((len(token_lists), max(len(vocabulary), 1)))
    for row, tokens in enumerate(token_lists):
        for token, count in Counter(tokens).items():
            matrix[row, vocabulary[token]] = count
    doc_freq = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(token_lists)) / (1 + doc_freq)) + 1
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    unit: np.ndarray = np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)
    return unit


def similarity(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarity of every pair of texts (TF-IDF over their stems)."""
    vectors = _tfidf(token_lists)
    return np.asarray(vectors @ vectors.T)


def lexrank(sim: np.ndarray, damping: float = 0.85, steps: int = 50) -> np.ndarray:
    """Continuous LexRank: PageRank over the similarity graph; scaled so the best is 1."""
    n = len(sim)
    if n == 0:
        return np.zeros(0)
    graph = sim.copy()
    np.fill_diagonal(graph, 0.0)
    totals = graph.sum(axis=1, keepdims=True)
    graph = np.divide(graph, totals, out=np.full_like(graph, 1.0 / n), where=totals > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(steps):
        rank = (1 - damping) / n + damping * (graph.T @ rank)
    return np.asarray(rank / rank.max())


def same_claims(token_lists: Sequence[Sequence[str]], texts: Sequence[str]) -> np.ndarray:
    """Which pairs of sentences state one claim: the same figures (at least one), or most of
    the shorter one's content stems in the other ("killed 12 people" told by two outlets)."""
    n = len(texts)
    stems = [set(tokens) for tokens in token_lists]
    figures = [frozenset(_FIGURE.findall(text)) for text in texts]
    same = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            shorter = min(len(stems[i]), len(stems[j])) or 1
            overlap = len(stems[i] & stems[j]) / shorter
            repeat = overlap >= _SAME_CLAIM or (
                bool(figures[i]) and figures[i] == figures[j] and overlap >= _SAME_CLAIM / 2
            )
            same[i, j] = same[j, i] = repeat
    return same


def pick_diverse(
    scores: np.ndarray,
    sim: np.ndarray,
    k: int,
    same_claim: np.ndarray | None = None,
    first: int | None = None,
    keep: Sequence[int] = (),
) -> list[int]:
    """Maximal marginal relevance: the best (or ``first``, then ``keep``), then the best that
    least repeats what was chosen; near-duplicates (same wire story, or ``same_claim``) never."""
    chosen: list[int] = [first] if first is not None else []
    chosen += [i for i in keep if i not in chosen][: max(k - len(chosen), 0)]
    available = set(range(len(scores))) - set(chosen)
    while available and len(chosen) < k:

        def marginal(i: int) -> float:
            overlap = max((sim[i, j] for j in chosen), default=0.0)
            return float(scores[i]) - _REDUNDANCY * float(overlap)

        best = max(sorted(available), key=marginal)
        available.discard(best)
        if any(sim[best, j] >= _DUPLICATE for j in chosen):
            continue
        if same_claim is not None and any(same_claim[best, j] for j in chosen):
            continue
        chosen.append(best)
    return chosen


def stated(text: str) -> float:
    """How much a sentence states: 1, and more for each figure or name it states (up to a
    few): "52 to 48" weighs more than "it was close"."""
    return 1 + _FACT_BOOST * min(len(facts_in(text)), _FACTS_COUNTED)


def facts_in(text: str) -> set[str]:
    """The figures and names a text states: numbers, and capitalised words that do not merely
    open a sentence."""
    openers = {m.group(1).lower() for m in _SENTENCE_START.finditer(text)}
    return {t for t in informative_tokens(text) if t not in openers or any(c.isdigit() for c in t)}
