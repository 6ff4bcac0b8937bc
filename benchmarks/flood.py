"""Flood: how long other users wait for answers while one user sends 200 messages at once.

    python benchmarks/flood.py

Runs the real bot against the fake Bot API server of the tests (127.0.0.1 only), on the
seed corpus plus a few articles. Each user's latency is the time from the update being
offered by getUpdates to the answer arriving. Printed beside the same users without a flood.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

from benchmarks.qa_measures import percentile
from bot.app import build_application
from retrieval import Library
from tests.conftest import SMALL_CORPUS, handled, make_settings, running, write_jsonl
from tests.fake_telegram import FakeTelegram

USERS = 20
FLOOD = 200


async def _latencies(library: Library, data: Path, flood: bool) -> tuple[list[float], int]:
    fake = FakeTelegram()
    await fake.start()
    try:
        async with running(build_application(make_settings(fake, data), library)) as app:
            if flood:
                for i in range(FLOOD):
                    fake.message(1, f"Who won the World Series? {i}", user_id=1)
            started = time.monotonic()
            for user in range(100, 100 + USERS):
                fake.message(user, "Which dog won best in show?", user_id=user)
            for user in range(100, 100 + USERS):
                await fake.wait_sent(chat_id=user, timeout=60)
            await handled(fake, app, timeout=60)  # the flooder's replies too (one a second)
            latencies = [
                next(c.at for c in fake.calls if c.method == "sendMessage"
                     and int(c.params["chat_id"]) == user) - started
                for user in range(100, 100 + USERS)
            ]  # fmt: skip
            return latencies, len(fake.sent(chat_id=1))
    finally:
        await fake.stop()


async def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        library = Library(folder / "data")
        library.ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
        calm, _ = await _latencies(library, folder / "data", flood=False)
        stormy, flooder = await _latencies(library, folder / "data", flood=True)
    print(f"{USERS} users, one question each; with and without one user sending {FLOOD} at once")
    print(f"{'':24}{'p50 ms':>10}{'max ms':>10}")
    for name, values in (("without flood", calm), ("with flood", stormy)):
        print(f"{name:24}{percentile(values, 0.5) * 1000:>10.0f}{max(values) * 1000:>10.0f}")
    delay = (max(stormy) - max(calm)) * 1000
    print(f"added delay (max): {delay:.0f} ms; the flooding user got {flooder} messages")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
