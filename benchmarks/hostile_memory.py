"""Peak memory of hostile uploads and feeds, each beside its plain baseline.

    python benchmarks/hostile_memory.py

Each case runs in a fresh process (peak RSS is per process) on a fresh data folder:
- upload: a 3-article .jsonl.gz through ``Library.ingest_document`` (what /add does), then a
  gzip bomb of 1 GB of JSON Lines in about 3 MB (refused at NEWSBOT_MAX_UNPACKED_MB, 50 MB);
- feed: a one-item RSS document parsed and indexed (what a feed poll does on its writer
  thread), then a 9.5 MB one with 5,500 items.
Prints each case's verdict, peak RSS and its ratio to the baseline of its kind.
"""

from __future__ import annotations

import argparse
import gzip
import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import ROOT
from retrieval import Library
from retrieval.feeds import parse_feed
from tests.conftest import SMALL_CORPUS
from tests.feed_server import rss

MAX_UNPACKED = 50 * 2**20  # NEWSBOT_MAX_UNPACKED_MB's default
BOMB_RECORD = {"title": "Bomb", "date": "2024-01-01", "text": "boom " * 200}
CASES = {  # case: its baseline
    "small-upload": "small-upload",
    "bomb-upload": "small-upload",
    "small-feed": "small-feed",
    "huge-feed": "small-feed",
}


def gzip_bomb(unpacked_mb: int) -> bytes:
    """A valid .jsonl.gz of ``unpacked_mb`` MB in a few hundred kB: repeated gzip members."""
    member = gzip.compress((json.dumps(BOMB_RECORD) + "\n").encode() * 10_000)  # about 10 MB
    return member * (unpacked_mb // 10)


def huge_feed(items: int = 5500) -> bytes:
    """An RSS document of about 9.5 MB."""
    return rss([(f"Item {i}", f"http://news.test/{i}", f"Parade number {i} passed. " * 60)
                for i in range(items)])  # fmt: skip


def run_case(case: str, data_dir: Path) -> str:
    """Do one case in this process; its verdict."""
    library = Library(data_dir)
    if case.endswith("upload"):
        small = b"".join((json.dumps(r) + "\n").encode() for r in SMALL_CORPUS)
        data = gzip.compress(small) if case == "small-upload" else gzip_bomb(1000)
        try:
            report = library.ingest_document("news.jsonl.gz", data, max_unpacked=MAX_UNPACKED)
        except ValueError as exc:
            return f"refused: {exc}"
        return f"added {report.added}"
    document = huge_feed() if case == "huge-feed" else huge_feed(1)
    result = parse_feed(document, "http://news.test/rss")
    report = library.ingest_articles(lambda _: result.articles)
    return f"added {report.added} ({len(document) / 2**20:.1f} MB)"


def peak_rss_mb() -> int:
    """This process's peak RSS. VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the
    parent across fork and exec, so a child of a big process would report the parent's peak."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


def measure(case: str, workdir: Path) -> tuple[str, int]:
    """Run a case in a fresh process: its verdict and peak RSS in MB."""
    done = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--case", case,
         "--data-dir", str(workdir / case)],
        capture_output=True, text=True, timeout=600, cwd=ROOT, check=True,
    )  # fmt: skip
    verdict, peak = done.stdout.strip().splitlines()[-2:]
    return verdict, int(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--case", choices=sorted(CASES), help="run one case in this process")
    parser.add_argument("--data-dir", type=Path)
    args = parser.parse_args()
    if args.case:
        print(run_case(args.case, args.data_dir))
        print(peak_rss_mb())
        return
    with tempfile.TemporaryDirectory() as tmp:
        peaks: dict[str, int] = {}
        print(f"{'case':<14} {'peak RSS':>9} {'vs baseline':>12}  verdict")
        for case, baseline in CASES.items():
            verdict, peaks[case] = measure(case, Path(tmp))
            ratio = peaks[case] / peaks[baseline]
            print(f"{case:<14} {peaks[case]:>6} MB {ratio:>11.2f}x  {verdict}")


if __name__ == "__main__":
    main()
