"""Answers never wait on writers: another process holds the index writer lock while feeds
poll and /add uploads arrive, and questions are still answered at once."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.writers import HOLD_LOCK
from bot.app import build_application
from retrieval import Library

from .conftest import NO_PAGES, SMALL_CORPUS, answer_latencies, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .feed_server import FeedServer, rss
from .telegram_html import check_html

ADMIN = 42


@pytest.mark.slow
async def test_answers_stay_fast_while_another_process_holds_the_writer_lock(
    fake: FakeTelegram, feed_server: FeedServer, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    library = Library(data)
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    for number in range(6):
        feed_server.documents[f"feed{number}"] = rss(
            [(f"Story {number}", f"http://news.test/{number}", f"Ferry line {number} reopened.")]
        )
    urls = ",".join(f"{feed_server.url}/feed{number}" for number in range(6))
    settings = make_settings(
        fake, data, feeds=urls, admin_ids=str(ADMIN), user_burst=50, **NO_PAGES
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(data / "index" / "newsbot-writer.lock")],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        async with running(build_application(settings, library)):
            for number in range(6):  # six uploads at once, all waiting for the lock
                text = f"Upload number {number} tells of a lighthouse repair."
                record = {"title": f"Upload {number}", "date": "2024-01-02", "text": text}
                fake.document(ADMIN, f"up{number}.jsonl", (json.dumps(record) + "\n").encode())
            while len(feed_server.fetched) < 6:  # every feed fetched, now waiting to index
                await fake.settle(0.1)
            latencies = await answer_latencies(fake, range(100, 110))
            assert not fake.sent(chat_id=ADMIN)  # the uploads still wait for the lock
            print(f"\nanswers while the writer lock is held: max {max(latencies):.3f} s, "
                  f"mean {sum(latencies) / len(latencies):.3f} s")  # fmt: skip
            assert max(latencies) < 5.0  # well under a second on an idle machine
            holder.communicate("release\n", timeout=10)
            reports = await fake.wait_sent(6, chat_id=ADMIN, timeout=60)
            assert all("Added 1" in check_html(r["text"]) for r in reports)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
