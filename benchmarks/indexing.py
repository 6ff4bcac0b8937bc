"""Indexing speed on one machine: today's single-process path beside the worker pool, in one run.

    python benchmarks/indexing.py                 # the dev collection, 300 questions compared
    python benchmarks/indexing.py --questions 0   # speed only

Each path indexes the same articles into a fresh tantivy index in its own process (so neither
inherits the other's caches), prints articles/s, and then both indexes answer the same dev
questions: the answers must be the same. The machine is shared: read the ratio, not the rates.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # run as a script from a checkout
    sys.path.insert(0, str(ROOT))

from retrieval import Library, LoadReport, load_articles  # noqa: E402
from retrieval.index import PassageIndex  # noqa: E402
from retrieval.prepare import workers  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "news-qa-dev"


def stage_index(path: Path, articles: Path, processes: int) -> dict[str, Any]:
    index = PassageIndex(path / "index")
    started = time.perf_counter()
    report = index.add_articles(load_articles([articles], LoadReport()), processes=processes)
    seconds = time.perf_counter() - started
    return {"added": report.added, "seconds": seconds, "rate": report.added / seconds}


def answers(path: Path, questions: list[dict[str, Any]]) -> list[list[str]]:
    import datetime as dt

    library = Library(path, seed=False)
    return [
        [
            s.text
            for s in library.answer(q["question"], as_of=dt.date.fromisoformat(q["date"])).sentences
        ]
        for q in questions
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=DEV / "articles.jsonl.gz")
    parser.add_argument("--questions", type=int, default=300, help="dev questions compared")
    parser.add_argument("--stage", choices=["index"], help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "index":
        print(json.dumps(stage_index(args.path, args.articles, args.processes)))
        return
    pool = workers()
    with tempfile.TemporaryDirectory(prefix="newsbot-indexing-") as work:
        results = {}
        for name, processes in (("single process (today)", 1), (f"{pool} workers", pool)):
            folder = Path(work) / str(processes)
            command = [sys.executable, __file__, "--stage", "index", "--path", str(folder),
                       "--articles", str(args.articles), "--processes", str(processes)]  # fmt: skip
            done = subprocess.run(command, check=True, capture_output=True, text=True)
            results[name] = (folder, json.loads(done.stdout.strip().splitlines()[-1]))
        (base_dir, base), (pool_dir, ours) = results.values()
        print(f"{'path':<24} {'articles':>9} {'seconds':>8} {'articles/s':>11}")
        for name, (_, figures) in results.items():
            print(f"{name:<24} {figures['added']:>9} {figures['seconds']:>8.1f} "
                  f"{figures['rate']:>11.0f}")  # fmt: skip
        print(f"speed-up: {ours['rate'] / base['rate']:.2f}x")
        if args.questions:
            with gzip.open(DEV / "questions.jsonl.gz", "rt") as handle:
                questions = [json.loads(line) for line in handle][: args.questions]
            pairs = zip(answers(base_dir, questions), answers(pool_dir, questions), strict=True)
            same = sum(a == b for a, b in pairs)
            print(f"answers identical: {same} of {len(questions)} questions")


if __name__ == "__main__":
    main()
