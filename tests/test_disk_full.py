"""A full disk, as a file-size limit (RLIMIT_FSIZE) on the bot's own process: every answer is
delivered once and never followed by an apology, the failing state writes are logged once, and
a group with /tldr on gets one notice for its administrators, not an apology per message."""

from __future__ import annotations

import asyncio
import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from bot.features.errors import APOLOGY
from bot.features.tldr import PAUSED
from bot.state import BotState
from retrieval import Library

from .conftest import until
from .fake_telegram import TOKEN, FakeTelegram
from .telegram_html import check_html

ROOT = Path(__file__).resolve().parent.parent
GROUP = -4004
LIMIT = 40_000  # bytes a file of the bot's may reach: the state database is past it already


def _full_disk() -> None:  # in the bot's process: writes past LIMIT fail, as on a full disk
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (LIMIT, LIMIT))


async def _run_once(data: Path) -> None:
    """Start the bot on ``data`` and stop it, so every file it keeps is there, as a running
    bot leaves them (the state database, and whatever else the data folder holds)."""
    fake = FakeTelegram()
    await fake.start()
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.url}
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "--data-dir", str(data), "run"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        await until(lambda: any(c.method == "deleteWebhook" for c in fake.calls), 60)
    finally:
        bot.send_signal(signal.SIGTERM)
        await fake.stop()  # ends its long poll: it stops at once
        await asyncio.to_thread(bot.wait, 60)


def _prepared_state(data: Path) -> None:
    """The state database as a running bot leaves it (every table made, /tldr on in GROUP),
    grown past LIMIT: from here on no write fits."""
    state = BotState(data)
    state.conversations.enable(GROUP, 0)
    for number in range(60):  # about 60 kB of old answers
        state.answers.record(1, number, "an older question " * 50, 1_700_000_000, 10**9)
    state.close()
    assert state.path.stat().st_size > LIMIT


@pytest.mark.slow
async def test_a_full_disk_costs_no_answer_and_no_apology(
    fake: FakeTelegram, library: Library
) -> None:
    data = library.data_dir
    _prepared_state(data)
    await _run_once(data)
    env = {
        **os.environ,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.url,
        "NEWSBOT_TYPING_AFTER": "60",
    }
    bot = subprocess.Popen(
        [sys.executable, "-m", "bot", "--data-dir", str(data), "run"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=_full_disk,
    )  # fmt: skip
    try:
        users = range(3001, 3011)
        for user in users:
            fake.message(user, "Who won the World Series?", user_id=user)
        for number in range(6):  # members talking in the group (stored for /tldr, if it can)
            fake.message(GROUP, f"Did anyone watch game {number}?", kind="supergroup",
                         user_id=500 + number)  # fmt: skip
        fake.message(GROUP, "/ask Which dog won best in show?", kind="supergroup", user_id=600)
        for user in users:
            (answer,) = await fake.wait_sent(chat_id=user, timeout=60)
            assert "Texas Rangers" in check_html(answer["text"])
        await fake.wait_sent(2, chat_id=GROUP, timeout=60)  # the notice and the answer
        await until(lambda: not fake._updates, 30)
        await asyncio.sleep(1.0)  # anything the bot would still send after its answers
    finally:
        bot.send_signal(signal.SIGTERM)
        try:
            _, stderr = bot.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            bot.kill()
            _, stderr = bot.communicate()
    sent = [check_html(c["text"]) for c in fake.sent()]
    assert not [text for text in sent if APOLOGY in text], stderr
    for user in users:
        assert len(fake.sent(chat_id=user)) == 1  # one answer each, nothing after it
    group = [check_html(c["text"]) for c in fake.sent(chat_id=GROUP)]
    notices = [text for text in group if text.startswith("Administrators:")]
    assert len(notices) == 1 and notices[0] == check_html(PAUSED)
    assert sum("Buddy Holly" in text for text in group) == 1
    failures = [line for line in stderr.splitlines() if "cannot write the bot's state" in line]
    assert len(failures) == 1, stderr
    assert "update failed" not in stderr, stderr  # no handler failed: nothing to apologise for
