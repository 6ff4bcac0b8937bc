"""What issue 26's answers and lookups give and cost: dev questions answered (names searched as
phrases first, the closest dates when the asked period has nothing) and inline lookups of
their topics in lower case (names the collection writes as names), this tree beside another
checkout's code (``--baseline``) in one run.

    python benchmarks/dialogue.py --data-dir DIR                     # this tree only
    python benchmarks/dialogue.py --data-dir DIR --baseline ../base  # beside another checkout
    python benchmarks/dialogue.py --data-dir DIR --baseline ../main --all --max-sentences 5 \
        --no-lookups --profile answer.prof  # every question, as qa.py asks it; answers compared

DIR is a data folder with the dev articles indexed (``newsbot --data-dir DIR index
../shared/data/news-qa-dev/articles.jsonl.gz``); both codes must read its index schema. Each
code runs in a child process of its own (``PYTHONPATH`` set to its checkout), the two
alternating ``--repeat`` times so that load on the machine falls on both alike; times are CPU
times of the answer path and of a first inline page (the faster of the repeats). It prints
answer-hit@1 and @3 on the held-out half (``fit_weights``' split) and on the held-out
questions with time words, how many of those were answered from beyond their period, and the
latencies. ``--all`` asks every dev question, ``--max-sentences`` as many sentences as
``qa.py`` does (5); with a baseline it counts the questions whose answers are the same in both
(every sentence, its order, date and score, the confidence, answered or not) and prints the
first few that differ. ``--profile FILE`` writes a cProfile of this tree's answers (a run of
its own, after the timed ones: the profiler's overhead stays out of the figures). It is not a
test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import statistics
import sys
import time
from pathlib import Path

# Run as a script: this checkout first on sys.path (benchmarks/checkout.py); a child keeps the
# path it was given, so that it runs the code it was sent to run.
if not __package__ and "--child" not in sys.argv:
    import checkout  # noqa: F401


def _child(args: argparse.Namespace) -> None:
    """Answer and look up the questions read from stdin with whatever ``retrieval`` is on the
    path; a JSON line each."""
    from retrieval import Library, question_topic

    library = Library(args.data_dir, seed=False)
    code = Path(str(sys.modules["retrieval"].__file__)).parent.parent  # which code ran
    asking = {} if args.max_sentences is None else {"max_sentences": args.max_sentences}
    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    for line in sys.stdin:
        q = json.loads(line)
        day = dt.date.fromisoformat(q["date"])
        if profiler is not None:
            profiler.enable()
        started = time.process_time()
        answer = library.answer(q["question"], as_of=day, **asking)
        answering = time.process_time() - started
        if profiler is not None:
            profiler.disable()
        hits = []
        looking = 0.0
        if not args.no_lookups:
            topic = question_topic(q["question"]).lower()
            started = time.process_time()
            hits = library.lookup(topic, as_of=day, limit=21)
            looking = time.process_time() - started
        row = {
            "id": q["id"],
            "answer_s": answering,
            "lookup_s": looking,
            "sentences": [s.text for s in answer.sentences[:3]],
            # everything an answer says, to tell two codes' answers apart
            "answer": [
                [(s.text, s.date.isoformat(), s.score) for s in answer.sentences],
                answer.confidence,
                answer.answered,
            ],
            "answered": answer.answered,
            "outside": bool(getattr(answer, "outside_period", "")),
            "articles": len(hits),
            "code": str(code),
        }
        print(json.dumps(row))
    if profiler is not None:
        profiler.dump_stats(args.profile)


def _run(
    code: Path, questions: list[dict[str, object]], options: list[str]
) -> list[dict[str, object]]:
    """The child's rows; it must have run ``code``'s retrieval, not the installed one."""
    from benchmarks.checkout import run_child  # the parent's: a child has another path

    return run_child(__file__, code, options, questions)


def _percentiles(rows: list[dict[str, object]], key: str) -> tuple[float, float]:
    times = sorted(float(str(r[key])) for r in rows)
    return statistics.median(times), times[int(0.99 * (len(times) - 1))]


def _hits(
    rows: list[dict[str, object]],
    answers: dict[str, list[str]],
    k: int,
    only: set[str] | None = None,
) -> int:
    """Rows whose first ``k`` sentences hold an answer (of ``only``'s questions, when given)."""
    from benchmarks.qa_measures import hit

    total = 0
    for row in rows:
        sentences = row["sentences"]
        if (only is None or row["id"] in only) and isinstance(sentences, list):
            total += hit([str(s) for s in sentences], answers[str(row["id"])], k)
    return total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--baseline", type=Path, help="another checkout to run beside this one")
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--all", action="store_true", help="every dev question, not the held half")
    parser.add_argument("--max-sentences", type=int, help="sentences an answer may have")
    parser.add_argument("--no-lookups", action="store_true", help="time the answers only")
    parser.add_argument("--profile", type=Path, help="write a cProfile of this tree's answers")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args)
        return 0
    from benchmarks.checkout import DEV, ROOT
    from benchmarks.fit_weights import held_out
    from retrieval.timewords import question_time_scope

    with gzip.open(DEV / "questions.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    questions: list[dict[str, object]] = [
        {"id": r["id"], "question": r["question"], "date": r["date"]}
        for r in rows
        if args.all or held_out(r["id"])
    ]
    answers: dict[str, list[str]] = {r["id"]: r["answer"] for r in rows}
    timed = {
        str(q["id"])
        for q in questions
        if question_time_scope(str(q["question"]), dt.date.fromisoformat(str(q["date"])))[1]
        is not None
    }
    codes = {"this tree": ROOT}
    if args.baseline is not None:
        codes["baseline"] = args.baseline.resolve()
    options = ["--data-dir", args.data_dir]
    if args.max_sentences is not None:
        options += ["--max-sentences", str(args.max_sentences)]
    if args.no_lookups:
        options.append("--no-lookups")
    best: dict[str, dict[str, tuple[float, float]]] = {}
    runs: dict[str, list[dict[str, object]]] = {}
    fastest: dict[str, list[float]] = {}  # each question's fastest answer over the repeats
    every: list[str] = []  # each run's answer p50 / p99, in the order they ran
    for repeat in range(args.repeat):
        order = list(codes.items())
        for name, code in order if repeat % 2 == 0 else order[::-1]:  # ABBA: load falls alike
            runs[name] = _run(code, questions, options)
            times = [float(str(row["answer_s"])) for row in runs[name]]
            fastest[name] = [
                min(a, b) for a, b in zip(fastest.get(name, times), times, strict=True)
            ]
            every.append(f"{name} {_ms(_percentiles(runs[name], 'answer_s'))}")
            for key in ("answer_s", "lookup_s"):
                p50, p99 = _percentiles(runs[name], key)
                if key not in best.setdefault(name, {}) or p50 < best[name][key][0]:
                    best[name][key] = (p50, p99)
    if args.profile is not None:
        _run(ROOT, questions, [*options, "--profile", str(args.profile.resolve())])
    print(
        f"{len(questions)} {'' if args.all else 'held-out '}dev questions ({len(timed)} with "
        f"time words); load {os.getloadavg()}"
    )
    print(
        "| code | hit@1 | hit@3 | time words: hit@1 / beyond the period | answer CPU p50 / p99 "
        "| first inline page CPU p50 / p99 |"
    )
    print("| --- | --- | --- | --- | --- | --- |")
    for name in codes:
        found = runs[name]

        beyond = sum(1 for r in found if r["outside"] and r["id"] in timed)
        (a50, a99), (l50, l99) = best[name]["answer_s"], best[name]["lookup_s"]
        print(
            f"| {name} | {_hits(found, answers, 1)} | {_hits(found, answers, 3)} | "
            f"{_hits(found, answers, 1, timed)} / {beyond} | "
            f"{a50 * 1e3:.1f} / {a99 * 1e3:.1f} ms | {l50 * 1e3:.1f} / {l99 * 1e3:.1f} ms |"
        )
    print("answer CPU p50 / p99 of each run, in order: " + ", ".join(every))
    steady = {name: _percentiles([{"t": t} for t in found], "t") for name, found in fastest.items()}
    print(
        f"answer CPU p50 / p99, each question's fastest of {args.repeat} runs: "
        + ", ".join(f"{name} {_ms(figures)}" for name, figures in steady.items())
    )
    if "baseline" in runs:
        (ours50, ours99), (base50, base99) = steady["this tree"], steady["baseline"]
        print(f"  this tree / baseline: p50 {ours50 / base50:.2f}x, p99 {ours99 / base99:.2f}x")
        _compare(runs["this tree"], runs["baseline"], questions)
    return 0


def _ms(figures: tuple[float, float]) -> str:
    return f"{figures[0] * 1e3:.2f} / {figures[1] * 1e3:.2f} ms"


def _compare(
    ours: list[dict[str, object]],
    theirs: list[dict[str, object]],
    questions: list[dict[str, object]],
) -> None:
    """How many answers the two codes give alike (sentences, their order, dates and scores,
    confidence, answered), and the first few that differ."""
    asked = {str(q["id"]): q["question"] for q in questions}
    differ = [(a, b) for a, b in zip(ours, theirs, strict=True) if a["answer"] != b["answer"]]
    print(f"answers identical: {len(ours) - len(differ)} of {len(ours)}")
    for a, b in differ[:5]:
        print(f"  {a['id']} {asked[str(a['id'])]!r}\n    this tree: {a['answer']}")
        print(f"    baseline:  {b['answer']}")


if __name__ == "__main__":
    raise SystemExit(main())
