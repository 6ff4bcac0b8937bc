"""Fit the answer-confidence model (``retrieval/confidence_model.py``) and its refusal threshold.

    python benchmarks/fit_confidence.py --data-dir DIR   # DIR: an index of the dev articles

Every dev question is answered twice: as is (label: its first sentence holds an answer), and
with every article that contains an answer left out (``benchmarks/unanswerable.py``; label 0).
A logistic model (numpy, gradient descent, L2; each input and its square) is fitted on the fit
half of both sets (the split of ``fit_weights.py``): it learns to tell answers from misses and
from questions the collection cannot answer. A Platt scaling (slope and intercept on its
log-odds) is then fitted on the fit half's answerable questions alone, so that the probability
is calibrated where it is read: on a question the collection can answer. The threshold is the
highest one that costs the fit half at most ``--max-loss`` of hit@1 (a refused answerable
question counts as a miss), and of the ``--l2`` penalties the one that then refuses most of the
fit half's unanswerable questions is kept.
The held-out half is then reported: calibration tables, refusals, hit@1/@3 with and without
refusals. ``--write`` puts the model, its scaling and the threshold into
``retrieval/confidence_model.py``.
"""

from __future__ import annotations

import argparse
import dataclasses
import pickle
import sys
import textwrap
from pathlib import Path

import numpy as np

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV, ROOT
from benchmarks.fit_weights import held_out
from benchmarks.qa_measures import Question, hit, load_questions
from benchmarks.unanswerable import ExcludingIndex, cached_answer_articles
from retrieval.answer import answer_with_evidence
from retrieval.confidence import EVIDENCE, expand, log_odds, probability

MODEL = ROOT / "retrieval" / "confidence_model.py"


@dataclasses.dataclass
class Case:
    """One question answered once: the model's inputs (None: nothing found) and what was hit."""

    held: bool
    answerable: bool
    inputs: np.ndarray | None
    hit1: bool
    hit3: bool


def answer_cases(
    data_dir: Path, questions: list[Question], excluded: dict[str, frozenset[str]]
) -> list[Case]:
    index = ExcludingIndex(data_dir / "index")
    cases = []
    for q in questions:
        for answerable in (True, False):
            index.excluded = frozenset() if answerable else excluded.get(q.id, frozenset())
            answer, inputs = answer_with_evidence(index, q.question, as_of=q.date, max_sentences=3)
            texts = [s.text for s in answer.sentences]
            cases.append(
                Case(
                    held_out(q.id),
                    answerable,
                    inputs,
                    answerable and hit(texts, q.answers, 1),
                    answerable and hit(texts, q.answers, 3),
                )
            )
    index.excluded = frozenset()
    return cases


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, steps: int = 3000) -> np.ndarray:
    """Intercept and weights minimising the log loss (+ L2 on the weights), by gradient descent."""
    design = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(design.shape[1])
    for _ in range(steps):
        p = 1 / (1 + np.exp(-(design @ w)))
        gradient = design.T @ (p - y) / len(y)
        gradient[1:] += l2 * w[1:]
        w -= 0.5 * gradient
    return w


Model = tuple[np.ndarray, np.ndarray, np.ndarray, tuple[float, float]]


def probabilities(cases: list[Case], model: Model) -> list[float]:
    """Each case's confidence; nothing found is confidence 0 (it is refused anyway)."""
    w, mean, scale, platt = model
    return [
        0.0 if c.inputs is None else probability(c.inputs, w, mean, scale, platt) for c in cases
    ]


def fit_platt(
    cases: list[Case], w: np.ndarray, mean: np.ndarray, scale: np.ndarray
) -> tuple[float, float]:
    """Slope and intercept on the model's log-odds that fit hit@1 of answerable questions."""
    answerable = [c for c in cases if c.answerable and c.inputs is not None]
    z = np.array([[log_odds(c.inputs, w, mean, scale)] for c in answerable if c.inputs is not None])
    y = np.array([float(c.hit1) for c in answerable])
    intercept, slope = fit_logistic(z, y, 0.0, steps=2000)
    return round(float(slope), 4), round(float(intercept), 4)


def fit_model(fitting: list[Case], l2: float) -> Model:
    """Coefficients (intercept first, over ``expand``'s terms), input means and scales, and the
    Platt scaling fitted on the answerable ones among ``fitting``."""
    x = np.array([c.inputs for c in fitting])
    y = np.array([float(c.hit1) for c in fitting])
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    terms = expand((x - mean) / scale)
    t_mean, t_scale = terms.mean(axis=0), terms.std(axis=0) + 1e-9
    w = fit_logistic((terms - t_mean) / t_scale, y, l2)
    # fold the terms' standardisation into the weights: the runtime needs one
    weights = w[1:] / t_scale
    coefficients = np.concatenate([[w[0] - weights @ t_mean], weights])
    return coefficients, mean, scale, fit_platt(fitting, coefficients, mean, scale)


def figures(cases: list[Case], probs: list[float], threshold: float) -> dict[str, float]:
    """hit@1/@3 of the answerable questions without and with refusals; share refused of the
    unanswerable ones."""
    answerable = [(c, p) for c, p in zip(cases, probs, strict=True) if c.answerable]
    unanswerable = [(c, p) for c, p in zip(cases, probs, strict=True) if not c.answerable]
    n, m = max(len(answerable), 1), max(len(unanswerable), 1)
    return {
        "hit1": sum(c.hit1 for c, _ in answerable) / n,
        "hit3": sum(c.hit3 for c, _ in answerable) / n,
        "hit1_refusing": sum(c.hit1 and p >= threshold for c, p in answerable) / n,
        "hit3_refusing": sum(c.hit3 and p >= threshold for c, p in answerable) / n,
        "refused_answerable": sum(p < threshold for _, p in answerable) / n,
        "refused_unanswerable": sum(p < threshold for _, p in unanswerable) / m,
    }


def choose_threshold(
    cases: list[Case], probs: list[float], max_loss: float, refuse_at_least: float = 0.0
) -> float:
    """The highest threshold whose refusals cost at most ``max_loss`` of hit@1; raised, if it
    refuses less, to the lowest that refuses ``refuse_at_least`` of the unanswerable questions
    (an honest "not found" is a requirement, not a by-product)."""
    best = 0.0
    for threshold in np.arange(0.0, 0.9, 0.005):
        f = figures(cases, probs, float(threshold))
        if f["hit1"] - f["hit1_refusing"] <= max_loss:
            best = float(threshold)
    if figures(cases, probs, best)["refused_unanswerable"] < refuse_at_least:
        for threshold in np.arange(best, 0.9, 0.005):
            if figures(cases, probs, float(threshold))["refused_unanswerable"] >= refuse_at_least:
                best = float(threshold)
                break
    return round(best, 3)


def calibration(
    cases: list[Case], probs: list[float], bins: int = 10, answerable_only: bool = True
) -> list[str]:
    """Questions by predicted confidence: how many, mean prediction, share hit@1."""
    lines = ["confidence   n    predicted  observed hit@1"]
    pairs = [
        (p, c.hit1)
        for c, p in zip(cases, probs, strict=True)
        if c.answerable or not answerable_only
    ]
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(p, h) for p, h in pairs if low <= p < high or (b == bins - 1 and p == 1.0)]
        if inside:
            mean_p = sum(p for p, _ in inside) / len(inside)
            observed = sum(h for _, h in inside) / len(inside)
            lines.append(f"{low:.1f}-{high:.1f}  {len(inside):4d}  {mean_p:9.3f}  {observed:8.3f}")
    return lines


def write_model(model: Model, threshold: float) -> None:
    w, mean, scale, platt = model

    def numbers(values: np.ndarray) -> str:
        return "[\n" + "".join(f"    {v:.4f},\n" for v in values) + "]"

    inputs = textwrap.fill(
        f"Inputs, in order: {', '.join(EVIDENCE)}. The terms are each standardised input, "
        "then each one's square (``confidence.expand``).",
        96,
        initial_indent="# ",
        subsequent_indent="# ",
    )
    MODEL.write_text(
        '"""Fitted by benchmarks/fit_confidence.py; do not edit by hand (re-run the script)."""\n\n'
        f"{inputs}\n"
        f"COEFFICIENTS = {numbers(w)}  # intercept first\n"
        f"MEAN = {numbers(mean)}\n"
        f"SCALE = {numbers(scale)}\n"
        "# Platt scaling fitted on answerable questions: slope and intercept on the log-odds.\n"
        f"CALIBRATION = {platt}\n"
        f"THRESHOLD = {threshold}\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, required=True, help="an index of dev articles")
    parser.add_argument("--articles", type=Path, default=DEV / "articles.jsonl.gz")
    parser.add_argument("--questions", type=Path, default=DEV / "questions.jsonl.gz")
    parser.add_argument("--l2", type=float, nargs="+", default=[0.01, 0.03, 0.1])
    parser.add_argument("--max-loss", type=float, default=0.02)
    parser.add_argument(
        "--refuse-at-least",
        type=float,
        default=0.0,
        help="raise the threshold until the fit half refuses this share of its unanswerable set",
    )
    parser.add_argument(
        "--answerable-only", action="store_true", help="fit on answerable questions only"
    )
    parser.add_argument("--reuse", action="store_true", help="reuse the last run's answers")
    parser.add_argument("--compare", action="store_true", help="fit both ways, print both")
    parser.add_argument("--write", action="store_true", help="write retrieval/confidence_model.py")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    excluded = cached_answer_articles(args.data_dir, args.articles, questions)
    cache = args.data_dir / "confidence-cases.pickle"
    if args.reuse and cache.exists():  # only while trying thresholds and penalties
        cases = pickle.loads(cache.read_bytes())
    else:
        cases = answer_cases(args.data_dir, questions, excluded)
        cache.write_bytes(pickle.dumps(cases))
    fit_half = [c for c in cases if not c.held]
    held_half = [c for c in cases if c.held]
    for answerable_only in (False, True) if args.compare else (args.answerable_only,):
        fitting = [
            c for c in fit_half if c.inputs is not None and (c.answerable or not answerable_only)
        ]
        # the penalty that refuses most of the fit half's unanswerable questions at the bound
        best: tuple[float, float, Model] | None = None
        for l2 in args.l2:
            model = fit_model(fitting, l2)
            probs = probabilities(fit_half, model)
            threshold = choose_threshold(fit_half, probs, args.max_loss, args.refuse_at_least)
            refused = figures(fit_half, probs, threshold)["refused_unanswerable"]
            print(f"  L2 {l2}: threshold {threshold}, fit half refuses {refused:.3f}")
            if best is None or refused > best[0]:
                best = (refused, threshold, model)
        assert best is not None
        _, threshold, model = best
        print(f"fitted on {'answerable questions' if answerable_only else 'both sets'}; "
              f"threshold (chosen on the fit half): {threshold}")  # fmt: skip
        for name, part in (("fit", fit_half), ("held-out", held_half)):
            f = figures(part, probabilities(part, model), threshold)
            print(f"{name:8} " + "  ".join(f"{k} {v:.3f}" for k, v in f.items()))
        held_probs = probabilities(held_half, model)
        print(f"Platt scaling (slope, intercept): {model[3]}")
        print("held-out calibration (answerable questions):")
        print("\n".join(calibration(held_half, held_probs)))
        print("held-out calibration (answerable and unanswerable questions):")
        print("\n".join(calibration(held_half, held_probs, answerable_only=False)))
    if args.write:
        write_model(model, threshold)
        print(f"wrote {MODEL.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
