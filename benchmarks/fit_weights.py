"""Fit the sentence model's weights (``retrieval.sentences.WEIGHTS``) on half the dev questions.

    python benchmarks/fit_weights.py --data-dir DIR   # DIR: an index of the dev articles

The questions are split in two by a hash of their id. Features are computed for every
candidate sentence of every question; a listwise softmax model (the probability of choosing a
sentence that holds an answer) is fitted on the "fit" half with Adam and a small L2 penalty,
then answer-hit@1/@3 are printed for both halves. Only the "held-out" figures say how the model
does on questions it has not seen. Paste the printed array into ``retrieval/sentences.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import sys
from pathlib import Path

import numpy as np

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV
from benchmarks.qa_measures import Question, hit, load_questions
from retrieval import Library
from retrieval.features import FEATURES
from retrieval.passages import rank_passages
from retrieval.question import build_query
from retrieval.scoring import MIN_COVERAGE, query_idf
from retrieval.sentences import WEIGHTS, SentencePool


def held_out(question_id: str) -> bool:
    """The stable split: half of the questions are never used for fitting."""
    return int(hashlib.md5(question_id.encode()).hexdigest(), 16) % 2 == 1


def build_pools(library: Library, questions: list[Question]) -> list[SentencePool | None]:
    pools: list[SentencePool | None] = []
    index = library.index
    for q in questions:
        query = build_query(q.question, q.date, doc_freq=index.doc_freq)
        if not query.terms:
            pools.append(None)
            continue
        pool = SentencePool(query, rank_passages(index, query), query_idf(index, query.terms))
        pool.features()  # computed once, cached by the pool
        pools.append(pool)
    return pools


def labels(pool: SentencePool, answers: list[str]) -> np.ndarray:
    return np.array([hit([c.text], answers, 1) for c in pool.candidates], dtype=float)


def fit(groups: list[tuple[np.ndarray, np.ndarray]], l2: float, steps: int) -> np.ndarray:
    """Minimise -log P(an answer sentence) under a softmax over each question's candidates."""
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
    return weights


def evaluate(
    pools: list[SentencePool | None], questions: list[Question], weights: np.ndarray, held: bool
) -> tuple[float, float, int]:
    hits1 = hits3 = n = 0
    for pool, q in zip(pools, questions, strict=True):
        if held_out(q.id) != held:
            continue
        n += 1
        if pool is None or pool.coverage() < MIN_COVERAGE:
            continue
        texts = [s.text for s in pool.best(3, weights)]
        hits1 += hit(texts, q.answers, 1)
        hits3 += hit(texts, q.answers, 3)
    return hits1 / max(n, 1), hits3 / max(n, 1), n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an index of dev articles")
    parser.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--steps", type=int, default=400)
    args = parser.parse_args()
    library = Library(args.data_dir, seed=False)
    questions = load_questions(args.questions)
    started = dt.datetime.now()
    pools = build_pools(library, questions)
    groups = []
    for pool, q in zip(pools, questions, strict=True):
        if pool is None or held_out(q.id):
            continue
        y = labels(pool, q.answers)
        if y.any() and len(y) > 1:
            groups.append((pool.features(), y))
    weights = fit(groups, args.l2, args.steps)
    for name, w in (("current", WEIGHTS), ("fitted", weights)):
        for held in (False, True):
            h1, h3, n = evaluate(pools, questions, w, held)
            part = "held-out" if held else "fit"
            print(f"{name:8} {part:8} n={n} hit@1 {h1:.3f} hit@3 {h3:.3f}")
    print(f"({(dt.datetime.now() - started).total_seconds():.0f} s)")
    print("WEIGHTS = np.array([" + ", ".join(f"{w:.3f}" for w in weights) + "])")
    for name, w in zip(FEATURES, weights, strict=True):
        print(f"  {name:18} {w:+.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
