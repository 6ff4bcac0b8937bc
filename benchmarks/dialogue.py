"""What issue 26's answers and lookups give and cost: dev questions answered (names searched as
phrases first, the closest dates when the asked period has nothing) and inline lookups of
their topics in lower case (names the collection writes as names), this tree beside another
checkout's code (``--baseline``) in one run.

    python benchmarks/dialogue.py --data-dir DIR                     # this tree only
    python benchmarks/dialogue.py --data-dir DIR --baseline ../base  # beside another checkout

DIR is a data folder with the dev articles indexed (``newsbot --data-dir DIR index
../shared/data/news-qa-dev/articles.jsonl.gz``); both codes must read its index schema. Each
code runs in a child process of its own (``PYTHONPATH`` set to its checkout), the two
alternating ``--repeat`` times so that load on the machine falls on both alike; times are CPU
times of the answer path and of a first inline page (the faster of the repeats). It prints
answer-hit@1 and @3 on the held-out half (``fit_weights``' split) and on the held-out
questions with time words, how many of those were answered from beyond their period, and the
latencies. It is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# Run as a script: this checkout first on sys.path (benchmarks/checkout.py); a child keeps the
# path it was given, so that it runs the code it was sent to run.
if not __package__ and "--child" not in sys.argv:
    import checkout  # noqa: F401


def _child(data_dir: str) -> None:
    """Answer and look up the questions read from stdin with whatever ``retrieval`` is on the
    path; a JSON line each."""
    from retrieval import Library, question_topic

    library = Library(data_dir, seed=False)
    code = Path(str(sys.modules["retrieval"].__file__)).parent.parent  # which code ran
    for line in sys.stdin:
        q = json.loads(line)
        day = dt.date.fromisoformat(q["date"])
        started = time.process_time()
        answer = library.answer(q["question"], as_of=day)
        answering = time.process_time() - started
        topic = question_topic(q["question"]).lower()
        started = time.process_time()
        hits = library.lookup(topic, as_of=day, limit=21)
        looking = time.process_time() - started
        row = {
            "id": q["id"],
            "answer_s": answering,
            "lookup_s": looking,
            "sentences": [s.text for s in answer.sentences[:3]],
            "answered": answer.answered,
            "outside": bool(getattr(answer, "outside_period", "")),
            "articles": len(hits),
            "code": str(code),
        }
        print(json.dumps(row))


def _run(code: Path, data_dir: str, questions: list[dict[str, object]]) -> list[dict[str, object]]:
    """The child's rows; it must have run ``code``'s retrieval, not the installed one."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    done = subprocess.run(
        [sys.executable, __file__, "--child", "--data-dir", data_dir],
        input="".join(json.dumps(q) + "\n" for q in questions),
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    if any(Path(str(row["code"])).resolve() != code.resolve() for row in rows):
        raise SystemExit(f"the child did not run {code}'s code")
    return rows


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
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.data_dir)
        return 0
    from benchmarks.checkout import DEV, ROOT
    from benchmarks.fit_weights import held_out
    from retrieval.timewords import question_time_scope

    with gzip.open(DEV / "questions.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    questions: list[dict[str, object]] = [
        {"id": r["id"], "question": r["question"], "date": r["date"]}
        for r in rows
        if held_out(r["id"])
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
    best: dict[str, dict[str, tuple[float, float]]] = {}
    runs: dict[str, list[dict[str, object]]] = {}
    for _ in range(args.repeat):
        for name, code in codes.items():
            runs[name] = _run(code, args.data_dir, questions)
            for key in ("answer_s", "lookup_s"):
                p50, p99 = _percentiles(runs[name], key)
                if key not in best.setdefault(name, {}) or p50 < best[name][key][0]:
                    best[name][key] = (p50, p99)
    print(
        f"{len(questions)} held-out dev questions ({len(timed)} with time words); load "
        f"{os.getloadavg()}"
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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
