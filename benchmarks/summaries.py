"""How summaries open, and what they cost: topic summaries of dev questions, this tree beside
another checkout's code (``--baseline``) in one run.

    python benchmarks/summaries.py --data-dir DIR                     # this tree only
    python benchmarks/summaries.py --data-dir DIR --baseline ../base  # beside another checkout

DIR is a data folder with the dev articles indexed (``newsbot --data-dir DIR index
../shared/data/news-qa-dev/articles.jsonl.gz``). The topic of each held-out dev question
(``fit_weights``' split; ``question_topic``: "Which team won the Women's World Cup in 2023?" is
"Women's World Cup in 2023") is summarized as ``/summary <topic>`` would, and as the Summary
button under the question's answer does, with the question's date as the reference date;
each code runs in a child process of its own (``PYTHONPATH`` set to its checkout), the two
alternating ``--repeat`` times, so load on the machine falls on both alike. It prints the
summary latency (p50 / p99, the faster of the repeats) and how the summaries open, judged by
this tree's ``needs_the_sentence_before``: the share whose first sentence needs the one before
it (a pronoun, a connective, "I" or "we" first, a fragment), holds half a quote, or opens with
a quote mark. It is not a test.
"""

from __future__ import annotations

import argparse
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

QUOTES = "\"“”«»„‘’'"


def _child(data_dir: str) -> None:
    """Summarize the questions read from stdin with whatever ``retrieval`` is on the path."""
    import datetime as dt

    from retrieval import Library

    library = Library(data_dir)
    for line in sys.stdin:
        q = json.loads(line)
        started = time.perf_counter()
        summary = library.summarize(q["question"], as_of=dt.date.fromisoformat(q["date"]))
        seconds = time.perf_counter() - started
        first = summary.sentences[0].text if summary.sentences else ""
        language = summary.sentences[0].language if summary.sentences else "en"
        row = {"id": q["id"], "seconds": seconds, "first": first, "lang": language}
        code = Path(str(sys.modules["retrieval"].__file__)).parent.parent  # which code ran
        print(json.dumps(row | {"code": str(code)}))


def _run(code: Path, data_dir: str, questions: list[dict[str, str]]) -> list[dict[str, object]]:
    """The child's rows; it must have run ``code``'s retrieval, not the installed one."""
    from benchmarks.checkout import run_child  # the parent's: a child has another path

    return run_child(__file__, code, ["--data-dir", data_dir], questions)


def _opening_faults(runs: list[dict[str, object]]) -> tuple[float, int]:
    from retrieval.discourse import needs_the_sentence_before

    firsts = [(str(r["first"]), str(r["lang"])) for r in runs if r["first"]]
    faults = sum(
        1
        for text, language in firsts
        if text.startswith(tuple(QUOTES)) or needs_the_sentence_before(text, language)
    )
    return faults / max(len(firsts), 1), len(firsts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True)
    parser.add_argument("--baseline", type=Path, help="another checkout to run beside this one")
    parser.add_argument("--questions", type=int, default=150)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.data_dir)
        return 0
    from benchmarks.checkout import DEV, ROOT
    from benchmarks.fit_weights import held_out

    with gzip.open(DEV / "questions.jsonl.gz", "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    from retrieval import question_topic

    questions = [
        {"id": r["id"], "question": question_topic(r["question"]), "date": r["date"]}
        for r in rows
        if held_out(r["id"])
    ][: args.questions]
    codes = {"this tree": ROOT}
    if args.baseline is not None:
        codes["baseline"] = args.baseline.resolve()
    best: dict[str, list[float]] = {}
    runs: dict[str, list[dict[str, object]]] = {}
    for _ in range(args.repeat):
        for name, code in codes.items():
            runs[name] = _run(code, args.data_dir, questions)
            times = sorted(float(str(r["seconds"])) for r in runs[name])
            p50, p99 = statistics.median(times), times[int(0.99 * (len(times) - 1))]
            if name not in best or p50 < best[name][0]:
                best[name] = [p50, p99]
    print(f"{len(questions)} held-out dev questions' topics; load {os.getloadavg()}")
    print("| code | summary p50 / p99 | opening needs the sentence before / half or open quote |")
    print("| --- | --- | --- |")
    for name in codes:
        share, n = _opening_faults(runs[name])
        p50, p99 = best[name]
        print(f"| {name} | {p50 * 1e3:.1f} / {p99 * 1e3:.1f} ms | {share:.1%} of {n} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
