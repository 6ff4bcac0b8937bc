"""Fit the sentence model (``retrieval/ranker.py``) on half the dev questions, report the other.

    python benchmarks/fit_weights.py --data-dir DIR            # DIR: an index of the dev articles
    python benchmarks/fit_weights.py --data-dir DIR --write    # ... and write sentence_model.py
    python benchmarks/fit_weights.py --data-dir DIR --ranker lambdarank   # another ranker

The questions are split in two by a hash of their id. Features are computed for every
candidate sentence of every question; a ranker is fitted on the "fit" half through the seam
``retrieval.ranker`` (default: the linear listwise softmax model, Adam with a small L2 penalty),
then answer-hit@1/@3 are printed for both halves, beside the shipped ranker's. Only the
"held-out" figures say how a model does on questions it has not seen. The linear model's
weights are printed as ``retrieval/sentence_model.py`` keeps them (``--write`` writes them).
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
from benchmarks.checkout import DEV, ROOT
from benchmarks.qa_measures import Question, hit, load_questions
from retrieval import Library, ranker
from retrieval.passages import rank_passages
from retrieval.question import build_query
from retrieval.ranker import Group, LinearRanker, Ranker
from retrieval.scoring import MIN_COVERAGE, query_idf
from retrieval.sentences import SentencePool

MODEL = ROOT / "retrieval" / "sentence_model.py"


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


def evaluate(
    pools: list[SentencePool | None], questions: list[Question], ranker: Ranker, held: bool
) -> tuple[float, float, int]:
    hits1 = hits3 = n = 0
    for pool, q in zip(pools, questions, strict=True):
        if held_out(q.id) != held:
            continue
        n += 1
        if pool is None or pool.coverage() < MIN_COVERAGE:
            continue
        texts = [s.text for s in pool.best(3, ranker)]
        hits1 += hit(texts, q.answers, 1)
        hits3 += hit(texts, q.answers, 3)
    return hits1 / max(n, 1), hits3 / max(n, 1), n


def fit_groups(pools: list[SentencePool | None], questions: list[Question]) -> list[Group]:
    """The fit half's questions whose candidates include an answer: rows and labels."""
    groups = []
    for pool, q in zip(pools, questions, strict=True):
        if pool is None or held_out(q.id):
            continue
        y = labels(pool, q.answers)
        if y.any() and len(y) > 1:
            groups.append((pool.features(), y))
    return groups


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an index of dev articles")
    parser.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    parser.add_argument("--ranker", default="linear", help="linear or lambdarank")
    parser.add_argument("--l2", type=float, default=0.01, help="the linear model's penalty")
    parser.add_argument("--steps", type=int, default=400)
    parser.add_argument("--write", action="store_true", help="write retrieval/sentence_model.py")
    args = parser.parse_args()
    if args.ranker == "lambdarank":
        import benchmarks.lambdarank  # noqa: F401  (registers it)
    library = Library(args.data_dir, seed=False)
    questions = load_questions(args.questions)
    started = dt.datetime.now()
    pools = build_pools(library, questions)
    options = {"l2": args.l2, "steps": args.steps} if args.ranker == "linear" else {}
    fitted = ranker.fit(args.ranker, fit_groups(pools, questions), **options)
    for name, model in (("shipped", ranker.SHIPPED), ("fitted", fitted)):
        for held in (False, True):
            h1, h3, n = evaluate(pools, questions, model, held)
            part = "held-out" if held else "fit"
            print(f"{name:8} {model.name:10} {part:8} n={n} hit@1 {h1:.3f} hit@3 {h3:.3f}")
    print(f"({(dt.datetime.now() - started).total_seconds():.0f} s)")
    print(fitted.describe())
    if args.write:
        if not isinstance(fitted, LinearRanker):
            print("only the linear model is written (sentence_model.py)", file=sys.stderr)
            return 2
        text = MODEL.read_text()
        MODEL.write_text(text[: text.index("WEIGHTS = {")] + fitted.describe())
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
