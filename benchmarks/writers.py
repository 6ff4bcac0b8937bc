"""Answers while writers work: how long questions wait while uploads are indexed, and while
another process holds the index writer lock with feeds and uploads waiting.

    python benchmarks/writers.py

Runs the real bot against the fake Bot API server of the tests and a local feed server
(127.0.0.1 only). Three runs, each with 10 users asking one question in turn:
- calm: nothing else happening (the baseline);
- uploads: six /add uploads of 2,000 articles each being indexed at the same time;
- lock held: another process holds the writer lock while six feeds poll and six uploads wait.
Prints p50 and max answer latency of each run, and the ratio of each to the calm run.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import tempfile
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from benchmarks.qa_measures import percentile
from bot.app import build_application
from retrieval import Library
from tests.conftest import (
    SMALL_CORPUS,
    answer_latencies,
    make_settings,
    running,
    write_jsonl,
)
from tests.fake_telegram import FakeTelegram
from tests.feed_server import FeedServer, rss

ADMIN = 42
# A second process: holds the index writer lock until a line arrives on its stdin.
HOLD_LOCK = """
import fcntl, sys
handle = open(sys.argv[1], "a+")
fcntl.flock(handle, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.readline()
"""


def upload(number: int, articles: int) -> bytes:
    return "".join(
        json.dumps({"title": f"Upload {number} story {i}", "date": "2024-01-02",
                    "text": f"Story {i} of upload {number}: the harbour crane {i} was repaired "
                    f"after a storm, said the port authority. Work took {i % 9 + 1} days."})
        + "\n"
        for i in range(articles)
    ).encode()  # fmt: skip


async def run(scenario: str, folder: Path) -> list[float]:
    data = folder / scenario
    library = Library(data)
    library.ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
    fake, feeds = FakeTelegram(), FeedServer()
    await fake.start()
    await feeds.start()
    holder = None
    try:
        for number in range(6):
            feeds.documents[f"feed{number}"] = rss(
                [(f"Feed {number}", f"http://news.test/{number}", "A ferry line reopened.")]
            )
        urls = ",".join(f"{feeds.url}/feed{n}" for n in range(6)) if scenario == "lock" else ""
        settings = make_settings(fake, data, admin_ids=str(ADMIN), user_burst=50, feeds=urls)
        if scenario == "lock":
            holder = subprocess.Popen(
                [sys.executable, "-c", HOLD_LOCK, str(data / "index" / "newsbot-writer.lock")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            )  # fmt: skip
            assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        async with running(build_application(settings, library)):
            await answer_latencies(fake, range(90, 91))  # warm-up: the first answer is slower
            if scenario != "calm":
                for number in range(6):
                    fake.document(ADMIN, f"up{number}.jsonl", upload(number, 2000))
                await asyncio.sleep(1.0)  # the uploads are downloaded and being read
            latencies = await answer_latencies(fake, range(100, 110))
            if holder is not None:
                holder.communicate("release\n", timeout=10)
            if scenario != "calm":
                await fake.wait_sent(6, chat_id=ADMIN, timeout=600)
        return latencies
    finally:
        if holder is not None and holder.poll() is None:
            holder.kill()
        await feeds.stop()
        await fake.stop()


async def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        results = {name: await run(name, Path(scratch)) for name in ("calm", "uploads", "lock")}
    calm = results["calm"]
    print("10 users, one question each, asked in turn")
    print(f"{'run':<40}{'p50 ms':>9}{'max ms':>9}{'p50 x':>8}{'max x':>8}")
    labels = {"calm": "calm (baseline)", "uploads": "six 2,000-article uploads indexing",
              "lock": "writer lock held; 6 feeds, 6 uploads wait"}  # fmt: skip
    for name, values in results.items():
        p50, top = percentile(values, 0.5), max(values)
        print(f"{labels[name]:<40}{p50 * 1000:>9.0f}{top * 1000:>9.0f}"
              f"{p50 / percentile(calm, 0.5):>8.1f}{top / max(calm):>8.1f}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
