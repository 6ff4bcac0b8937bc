"""Starting and running beside others: a second instance polling with the same token (409
Conflict), and a TELEGRAM_API_URL that is not a URL."""

from __future__ import annotations

import itertools
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot import digest_jobs
from bot.app import build_application
from bot.polling_guard import PollingGuard
from bot.state import Digest
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import TOKEN, FakeTelegram, Fault
from .telegram_html import check_html

ROOT = Path(__file__).resolve().parent.parent
CONFLICT = Fault(
    status=409,
    description="Conflict: terminated by other getUpdates request; make sure that only one "
    "bot instance is running",
)


@pytest.mark.slow
async def test_a_second_instance_logs_one_line_backs_off_and_posts_no_digest(
    fake: FakeTelegram, library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    fake.faults["getUpdates"] = [CONFLICT] * 4
    application = build_application(make_settings(fake, tmp_path / "data"), library)
    async with running(application) as app:
        guard = app.bot_data.polling
        store = app.bot_data.state.digests
        store.set(Digest(-7, 0, "08:00", "UTC", 0))
        digest_jobs.schedule(app.bot_data.jobs, store.get(-7, 0))
        (job,) = app.job_queue.get_jobs_by_name("digest:-7:0")
        started = time.monotonic()
        while not guard.conflict:
            await fake.settle(0.05)
        await job.run(app)  # the daily job fires while the other instance polls
        assert not fake.sent(chat_id=-7)
        fake.message(3, "Who won the World Series?")
        (answer,) = await fake.wait_sent(chat_id=3, timeout=30)  # answered once it can poll
        waited = time.monotonic() - started
        assert "Texas Rangers" in check_html(answer["text"]) and not guard.conflict
        await job.run(app)
        assert check_html(fake.sent(chat_id=-7)[0]["text"]).startswith("Daily digest")
    tries = [c for c in fake.calls if c.method == "!getUpdates"]
    gaps = [b.at - a.at for a, b in itertools.pairwise(tries)]
    assert len(tries) == 4 and gaps == sorted(gaps) and gaps[-1] > 1.0  # growing pauses
    lines = [r.getMessage() for r in caplog.records if r.name == "newsbot"]
    assert sum("another instance is polling with this token" in line for line in lines) == 1
    assert not [r for r in caplog.records if r.exc_info], "no traceback per retry"
    print(f"\n409 Conflict x4: answered after {waited:.1f} s, tries {len(tries)}")


@pytest.mark.parametrize(
    "url", ["not a url", "ftp://api.telegram.org", "https://", "api.telegram.org"]
)
def test_a_bad_telegram_api_url_stops_at_start_in_one_line(tmp_path: Path, url: str) -> None:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(tmp_path / "d"), "run"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": url},
    )  # fmt: skip
    assert done.returncode == 2 and time.monotonic() - started < 30
    (line,) = done.stderr.strip().splitlines()
    assert line.startswith("newsbot: bad setting TELEGRAM_API_URL: ") and TOKEN not in line


def test_two_instances_taking_turns_are_one_logged_episode(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG, logger="newsbot")
    now = [0.0]
    guard = PollingGuard(clock=lambda: now[0])
    for _ in range(120):  # an hour of two instances taking turns: 409, then a poll, ...
        guard.observe(409)
        assert not guard.jobs_allowed
        now[0] += 15
        guard.observe(200)
        now[0] += 15
    for _ in range(30):  # the other one stopped: polls succeed, quiet for five minutes
        guard.observe(200)
        now[0] += 11
    guard.observe(409)  # a new episode later on
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2 and guard.episodes == 2 and guard.conflicts == 121
    ended = [r.getMessage() for r in caplog.records if "polling alone again" in r.getMessage()]
    assert len(ended) == 1
