"""Indexing speed on one machine: the code of a git ref (default main), this tree in one process,
and this tree with its worker pool, in one run.

    python benchmarks/indexing.py                 # the dev collection, 300 questions compared
    python benchmarks/indexing.py --questions 0   # speed only
    python benchmarks/indexing.py --ref ""        # without the git ref

Each path indexes the same articles into a fresh tantivy index in its own process (so none
inherits another's caches) and prints articles/s; then the indexes answer the same dev questions
and the answers are compared with the first index's. Two runs of the same code can differ on a
few questions: tantivy's two indexing threads lay out segments differently each time, and equal
BM25 scores are ordered by position. The machine is shared: read the ratios, not the rates.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import resource
import shutil
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


# Run inside a checkout of the ref: only the public API both versions share.
_REF_STAGE = """
import json, sys, time
from retrieval import Library
started = time.perf_counter()
report = Library(sys.argv[1], seed=False).ingest([sys.argv[2]])
seconds = time.perf_counter() - started
print(json.dumps({"added": report.added, "seconds": seconds, "rate": report.added / seconds}))
"""


def _export(ref: str, folder: Path) -> Path:
    """The files of ``ref`` (a commit of this repository) in ``folder``."""
    folder.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def stage_index(path: Path, articles: Path, processes: int) -> dict[str, Any]:
    index = PassageIndex(path / "index")
    started, cpu = time.perf_counter(), time.process_time()
    report = index.add_articles(load_articles([articles], LoadReport()), processes=processes)
    seconds = time.perf_counter() - started
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "added": report.added,
        "seconds": seconds,
        "rate": report.added / seconds,
        "main_cpu": time.process_time() - cpu,  # this process, tantivy's threads included
        "worker_cpu": children.ru_utime + children.ru_stime,
    }


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
    parser.add_argument("--ref", default="main", help="git ref of today's code (empty: none)")
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[workers()], help="pool sizes to run"
    )
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of each path, interleaved; medians shown"
    )
    parser.add_argument("--stage", choices=["index"], help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--processes", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.stage == "index":
        print(json.dumps(stage_index(args.path, args.articles, args.processes)))
        return
    with tempfile.TemporaryDirectory(prefix="newsbot-indexing-") as work:
        runs: list[tuple[str, Path, list[str], Path]] = []  # name, index folder, argv, cwd
        if args.ref:
            checkout = _export(args.ref, Path(work) / "ref")
            folder = Path(work) / "ref-index"
            argv = [sys.executable, "-c", _REF_STAGE, str(folder), str(args.articles)]
            runs.append((f"{args.ref} (today)", folder, argv, checkout))
        sizes = [("this tree, 1 process", 0)] + [
            (f"this tree, {n} worker(s)", n) for n in args.workers
        ]
        for name, processes in sizes:
            folder = Path(work) / str(processes)
            argv = [sys.executable, __file__, "--stage", "index", "--processes", str(processes),
                    "--path", str(folder), "--articles", str(args.articles)]  # fmt: skip
            runs.append((name, folder, argv, ROOT))
        rounds: dict[str, list[dict[str, Any]]] = {name: [] for name, *_ in runs}
        for _ in range(max(1, args.rounds)):  # interleaved: load that comes and goes hits all
            for name, folder, argv, cwd in runs:
                shutil.rmtree(folder, ignore_errors=True)
                env = {**os.environ, "PYTHONPATH": str(cwd)}
                done = subprocess.run(
                    argv, check=True, capture_output=True, text=True, cwd=cwd, env=env
                )
                rounds[name].append(json.loads(done.stdout.strip().splitlines()[-1]))
        results = {
            name: (folder, sorted(rounds[name], key=lambda r: r["rate"])[len(rounds[name]) // 2])
            for name, folder, *_ in runs
        }
        first = next(iter(results.values()))[1]
        print(f"{'path':<26} {'articles':>9} {'seconds':>8} {'articles/s':>11} {'ratio':>6} "
              f"{'CPU s main/workers':>19}")  # fmt: skip
        for name, (_, figures) in results.items():
            cpu = f"{figures.get('main_cpu', 0):.1f} / {figures.get('worker_cpu', 0):.1f}"
            print(f"{name:<26} {figures['added']:>9} {figures['seconds']:>8.1f} "
                  f"{figures['rate']:>11.0f} {figures['rate'] / first['rate']:>5.2f}x "
                  f"{cpu:>19}")  # fmt: skip
        print("Main CPU includes tantivy's writer threads. Other sessions share these cores.")
        if args.questions:
            with gzip.open(DEV / "questions.jsonl.gz", "rt") as handle:
                questions = [json.loads(line) for line in handle][: args.questions]
            folders = [folder for folder, _ in results.values()]
            reference = answers(folders[0], questions)
            for name, folder in zip(list(results)[1:], folders[1:], strict=True):
                same = sum(
                    a == b for a, b in zip(reference, answers(folder, questions), strict=True)
                )
                print(f"answers identical to the first: {name}: {same} of {len(questions)}")


if __name__ == "__main__":
    main()
