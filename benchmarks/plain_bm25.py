"""The plain-BM25 baseline: rank-bm25's BM25Okapi over every sentence, vectorised with numpy.

rank-bm25 itself costs about two seconds a query on the dev corpus, too slow to score all
questions in one run; this is the same formula (same k1, b, epsilon floor on negative IDF) over
inverted postings, so it scores every question in milliseconds. The benchmark checks it against
rank-bm25 on a sample in the same run, and ``tests/test_benchmarks.py`` checks the scores match.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["PlainBM25"]


class PlainBM25:
    """BM25Okapi (k1=1.5, b=0.75, epsilon=0.25) over tokenized documents."""

    def __init__(
        self,
        corpus: Sequence[Sequence[str]],
        k1: float = 1.5,
        b: float = 0.75,
        epsilon: float = 0.25,
    ) -> None:
        self.k1, self.b = k1, b
        vocabulary: dict[str, int] = {}
        term_ids: list[int] = []
        lengths = np.zeros(len(corpus), dtype=np.float64)
        for doc_id, tokens in enumerate(corpus):
            lengths[doc_id] = len(tokens)
            term_ids.extend(vocabulary.setdefault(t, len(vocabulary)) for t in tokens)
        doc_ids = np.repeat(np.arange(len(corpus), dtype=np.int64), lengths.astype(np.int64))
        keys = np.asarray(term_ids, dtype=np.int64) * len(corpus) + doc_ids
        pairs, counts = np.unique(keys, return_counts=True)
        self.vocabulary = vocabulary
        self.size = len(corpus)
        self._docs = (pairs % len(corpus)).astype(np.int32)
        self._tfs = counts.astype(np.float64)
        terms = pairs // len(corpus)
        self._bounds = np.searchsorted(terms, np.arange(len(vocabulary) + 1))
        self._norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1e-9))
        self.idf = _okapi_idf(np.diff(self._bounds), len(corpus), epsilon)

    def get_scores(self, query: Sequence[str]) -> np.ndarray:
        """A score for every document, as ``BM25Okapi.get_scores`` gives it."""
        scores = np.zeros(self.size, dtype=np.float64)
        for term in query:
            term_id = self.vocabulary.get(term)
            if term_id is None:
                continue
            start, end = self._bounds[term_id], self._bounds[term_id + 1]
            docs, tfs = self._docs[start:end], self._tfs[start:end]
            scores[docs] += self.idf[term_id] * tfs * (self.k1 + 1) / (tfs + self._norm[docs])
        return scores

    def top(self, query: Sequence[str], k: int) -> list[int]:
        """The ``k`` best documents, best first."""
        scores = self.get_scores(query)
        if k >= self.size:
            return [int(i) for i in np.argsort(-scores, kind="stable")]
        best = np.argpartition(-scores, k)[:k]
        return [int(i) for i in best[np.argsort(-scores[best], kind="stable")]]


def _okapi_idf(doc_freq: np.ndarray, size: int, epsilon: float) -> np.ndarray:
    """log((N - n + 0.5) / (n + 0.5)), negative values floored at epsilon * mean IDF."""
    idf = np.log(size - doc_freq + 0.5) - np.log(doc_freq + 0.5)
    floor = epsilon * idf.mean() if len(idf) else 0.0
    return np.where(idf < 0, floor, idf)
