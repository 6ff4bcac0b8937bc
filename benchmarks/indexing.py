"""Indexing speed on one machine: the code of a git ref (default main), this tree in one process,
and this tree with its worker pool, in one run.

    python benchmarks/indexing.py                 # the dev collection, 300 questions compared
    python benchmarks/indexing.py --questions 0   # speed only
    python benchmarks/indexing.py --ref ""        # without the git ref

Each path indexes the same articles into a fresh tantivy index in its own process (so none
inherits another's caches) and prints articles/s and the index size; then each index answers the
same dev questions with its own code, and the answers (whether answered, and the chosen
sentences: article url, date, text) are compared with the first index's; the questions answered
differently are listed. Two runs of the same code can differ on a
few questions: tantivy's two indexing threads lay out segments differently each time, and equal
BM25 scores are ordered by position. The machine is shared: read the ratios, not the rates.
"""

from __future__ import annotations

import argparse
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

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV, ROOT
from retrieval import LoadReport, load_articles
from retrieval.engines.tantivy import PassageIndex
from retrieval.prepare import workers

# Run inside a checkout of the ref: only the public API both versions share.
_REF_STAGE = """
import json, resource, sys, time
from retrieval import Library
started, cpu = time.perf_counter(), time.process_time()
report = Library(sys.argv[1], seed=False).ingest([sys.argv[2]])
seconds = time.perf_counter() - started
children = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"added": report.added, "seconds": seconds, "rate": report.added / seconds,
                  "main_cpu": time.process_time() - cpu,
                  "worker_cpu": children.ru_utime + children.ru_stime}))
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


# Run with the code that built the index (a schema change makes the other refuse it).
_ANSWERS = """
import datetime as dt, gzip, json, sys
from retrieval import Library
library = Library(sys.argv[1], seed=False)
with gzip.open(sys.argv[2], "rt") as handle:
    questions = [json.loads(line) for line in handle][: int(sys.argv[3])]
for q in questions:
    found = library.answer(q["question"], as_of=dt.date.fromisoformat(q["date"]))
    print(json.dumps([found.answered] + [[s.url, str(s.date), s.text] for s in found.sentences]))
"""


def answers(path: Path, cwd: Path, questions: int) -> list[str]:
    """The chosen sentences of the first ``questions`` dev questions, one JSON line each."""
    argv = [sys.executable, "-c", _ANSWERS, str(path), str(DEV / "questions.jsonl.gz"),
            str(questions)]  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(cwd)}
    done = subprocess.run(argv, capture_output=True, text=True, cwd=cwd, env=env)
    if done.returncode:
        raise SystemExit(f"answering failed:\n{done.stderr[-2000:]}")
    return done.stdout.splitlines()


def size_mb(folder: Path) -> float:
    return sum(f.stat().st_size for f in folder.rglob("*") if f.is_file()) / 2**20


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
    parser.add_argument("--answers-dir", type=Path, help="write each path's answers here")
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
            name: (
                folder,
                cwd,
                sorted(rounds[name], key=lambda r: r["rate"])[len(rounds[name]) // 2],
            )
            for name, folder, _, cwd in runs
        }
        first = next(iter(results.values()))[2]
        print(f"{'path':<26} {'articles':>9} {'seconds':>8} {'articles/s':>11} {'ratio':>6} "
              f"{'CPU s main/workers':>19} {'index MB':>9}")  # fmt: skip
        for name, (folder, _, figures) in results.items():
            cpu = f"{figures.get('main_cpu', 0):.1f} / {figures.get('worker_cpu', 0):.1f}"
            print(f"{name:<26} {figures['added']:>9} {figures['seconds']:>8.1f} "
                  f"{figures['rate']:>11.0f} {figures['rate'] / first['rate']:>5.2f}x "
                  f"{cpu:>19} {size_mb(folder):>9.1f}")  # fmt: skip
        print("Main CPU includes tantivy's writer threads. Other sessions share these cores.")
        if args.questions:
            found = {
                name: answers(folder, cwd, args.questions)
                for name, (folder, cwd, _) in results.items()
            }
            if args.answers_dir:
                args.answers_dir.mkdir(parents=True, exist_ok=True)
                for number, lines in enumerate(found.values()):
                    (args.answers_dir / f"{number}.jsonl").write_text("\n".join(lines) + "\n")
            reference = next(iter(found.values()))
            for name, lines in list(found.items())[1:]:
                differ = [
                    i for i, (a, b) in enumerate(zip(reference, lines, strict=True)) if a != b
                ]
                print(f"answers identical to the first: {name}: "
                      f"{len(lines) - len(differ)} of {len(lines)}"
                      + (f" (differ: questions {differ})" if differ else ""))  # fmt: skip


if __name__ == "__main__":
    main()
