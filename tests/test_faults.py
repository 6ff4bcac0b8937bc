"""Faults from Telegram, injected by the fake Bot API server: nothing lost, nothing twice."""

from __future__ import annotations

import io
import itertools
import logging
from collections import Counter
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.app import build_application
from bot.features.errors import APOLOGY
from bot.logs import setup_logging
from bot.settings import Settings
from retrieval import Library

from .conftest import handled, make_settings, running, until
from .fake_telegram import STICKER, TOKEN, FakeTelegram, Fault
from .telegram_html import check_html


@pytest.mark.slow
async def test_injected_429_and_5xx_lose_and_duplicate_nothing(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(
        fake, tmp_path / "data", user_rate=1000, user_burst=100, network_retries=8
    )
    fake.fail_rate["sendMessage"] = 0.2  # half 429 with retry_after, half 502; seeded per send
    users = range(2001, 2021)
    async with running(build_application(settings, library)) as app:
        for round_ in range(10):
            for user in users:
                fake.message(user, f"Who won the World Series? ({round_})", user_id=user)
        await fake.wait_sent(200, timeout=120)
        await handled(fake, app, timeout=120)
    delivered = Counter(int(c["chat_id"]) for c in fake.sent())
    assert delivered == {user: 10 for user in users}
    refused = [c for c in fake.calls if c.method == "!sendMessage"]
    assert len(refused) > 10  # faults really were injected
    assert all("Texas Rangers" in check_html(c["text"]) for c in fake.sent())


def flood(retry_after: int = 1) -> Fault:
    # 1 s is the least that works: python-telegram-bot reads retry_after 0 as no retry_after.
    return Fault(status=429, description="Too Many Requests: retry later", retry_after=retry_after)


BAD_GATEWAY = Fault(status=502, description="Bad Gateway")


@pytest.mark.slow
async def test_a_send_refused_with_429_five_times_is_delivered_once_without_apology(
    fake: FakeTelegram, bot
) -> None:
    fake.faults["sendMessage"] = [flood()] * 5
    fake.message(21, "Who won the World Series?")
    sent = await fake.wait_sent(chat_id=21, timeout=30)
    await handled(fake, bot)
    assert len(fake.sent(chat_id=21)) == 1
    assert "Texas Rangers" in check_html(sent[0]["text"])
    attempts = [c for c in fake.calls if c.method.endswith("sendMessage")]
    assert [c.method for c in attempts] == ["!sendMessage"] * 5 + ["sendMessage"]
    gaps = [later.at - earlier.at for earlier, later in itertools.pairwise(attempts)]
    assert min(gaps) >= 1.0  # each retry waited the retry_after it was given


@pytest.mark.slow
async def test_flood_control_and_server_errors_mixed_are_delivered_once(
    fake: FakeTelegram, bot
) -> None:
    fake.faults["sendMessage"] = [flood(), BAD_GATEWAY, flood(), BAD_GATEWAY, flood()]
    fake.message(22, "Which dog won best in show?")
    sent = await fake.wait_sent(chat_id=22, timeout=30)
    await handled(fake, bot)
    assert [check_html(c["text"]) for c in fake.sent(chat_id=22)] == [check_html(sent[0]["text"])]
    assert "Buddy Holly" in check_html(sent[0]["text"])
    assert not fake.faults["sendMessage"]  # every scheduled fault was met


@pytest.mark.slow
async def test_flood_control_past_the_deadline_is_logged_and_not_apologised(
    fake: FakeTelegram, library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsbot")
    settings = make_settings(fake, tmp_path / "data", flood_deadline=3)
    async with running(build_application(settings, library)) as app:
        fake.faults["sendMessage"] = [flood(1), flood(1), flood(2)]  # 2.2 s + 2 s > 3 s
        fake.message(23, "Who won the World Series?")
        await handled(fake, app)  # the send gives up after the 3 s deadline
        assert not fake.sent(chat_id=23) and not fake.faults["sendMessage"]
        fake.message(23, "Which dog won best in show?")  # the bot goes on, after the pause
        sent = await fake.wait_sent(chat_id=23, timeout=30)
        await handled(fake, app)
    assert [c["text"] for c in fake.sent(chat_id=23)] == [sent[0]["text"]]
    assert "Buddy Holly" in check_html(sent[0]["text"]) and APOLOGY not in sent[0]["text"]
    given_up = [r for r in caplog.records if "giving up" in r.getMessage()]
    assert len(given_up) == 1 and given_up[0].levelname == "ERROR"
    assert "sendMessage refused by flood control 3 times" in given_up[0].getMessage()


def test_flood_deadline_setting_is_validated(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEWSBOT_FLOOD_DEADLINE", "90")
    assert Settings().flood_deadline == 90
    for bad in ("0", "soon", "7200"):
        monkeypatch.setenv("NEWSBOT_FLOOD_DEADLINE", bad)
        with pytest.raises(ValidationError, match=r"flood_deadline|NEWSBOT_FLOOD_DEADLINE"):
            Settings()


@pytest.mark.slow
async def test_a_hanging_send_times_out_and_is_retried(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", request_timeout=1)
    fake.faults["sendMessage"] = [Fault(status=502, hang=2.0)]
    async with running(build_application(settings, library)):
        fake.message(7, "Who won the World Series?")
        sent = await fake.wait_sent(chat_id=7, timeout=30)
        await fake.settle(2.5)  # the hung request ends too: it must not deliver a second copy
    assert len(fake.sent(chat_id=7)) == 1
    assert "Texas Rangers" in check_html(sent[0]["text"])


@pytest.mark.slow
async def test_polling_survives_downtime_and_answers_what_waited(fake: FakeTelegram, bot) -> None:
    fake.message(8, "Who won the World Series?")
    await fake.wait_sent(chat_id=8)
    fake.down = True
    fake.message(8, "How many monkeypox cases are there?")
    fake.message(9, "Which dog won best in show?")
    await until(lambda: fake.refused_while_down >= 3)  # the bot keeps polling, and is refused
    assert len(fake.sent(chat_id=8)) == 1  # nothing gets through while it is down
    fake.down = False
    answers = await fake.wait_sent(2, chat_id=8, timeout=40)
    assert "10,000" in check_html(answers[1]["text"])
    assert "Buddy Holly" in check_html((await fake.wait_sent(chat_id=9, timeout=40))[0]["text"])


async def test_an_unreadable_update_is_skipped_and_polling_goes_on(fake: FakeTelegram, bot) -> None:
    broken_sticker = {key: value for key, value in STICKER.items() if key != "type"}
    fake.message(10, None, sticker=broken_sticker)
    fake.push({"mystery_update_kind": {"x": 1}})
    fake.message(10, "Who won the World Series?")
    sent = await fake.wait_sent(chat_id=10)
    assert "Texas Rangers" in check_html(sent[0]["text"])


async def test_flood_gets_one_notice_and_others_are_answered(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", user_burst=3, user_rate=6)
    async with running(build_application(settings, library)) as app:
        for i in range(200):
            fake.message(11, f"Who won the World Series? {i}", user_id=11)
        fake.message(12, "Which dog won best in show?", user_id=12)
        other = await fake.wait_sent(chat_id=12, timeout=30)
        assert "Buddy Holly" in check_html(other[0]["text"])
        await fake.wait_sent(4, chat_id=11)
        await handled(fake, app)
    flood = [check_html(c["text"]) for c in fake.sent(chat_id=11)]
    notices = [t for t in flood if t.startswith("Slow down")]
    assert len(notices) == 1 and len(flood) == 4  # three answers within the burst, one notice


async def test_token_never_reaches_the_logs(
    fake: FakeTelegram, library: Library, tmp_path: Path, monkeypatch
) -> None:
    stream = io.StringIO()
    monkeypatch.setattr(logging, "lastResort", None)
    setup_logging("DEBUG", secrets=[TOKEN])
    handler = next(h for h in logging.getLogger().handlers if getattr(h, "_newsbot", False))
    monkeypatch.setattr(handler, "stream", stream)
    settings = make_settings(fake, tmp_path / "data", network_retries=1)
    application = build_application(settings, library)
    original = library.answer

    def failing(*args, **kwargs):
        raise RuntimeError(f"boom while using {application.bot!r}")  # a repr carries the token

    try:
        async with running(application):
            logging.getLogger("newsbot").info("bot is %r", application.bot)
            fake.faults["sendMessage"] = [Fault(status=500)]  # retried once, then delivered
            fake.message(13, "Who won the World Series?")
            await fake.wait_sent(chat_id=13, timeout=30)
            monkeypatch.setattr(library, "answer", failing)
            fake.message(13, "Who won the World Series?")
            await fake.wait_sent(2, chat_id=13, timeout=30)
            monkeypatch.setattr(library, "answer", original)
    finally:
        logging.getLogger().removeHandler(handler)
    output = stream.getvalue()
    assert "boom while using" in output and "[token]" in output
    assert TOKEN not in output and TOKEN.split(":")[1] not in output
    replies = " ".join(c["text"] for c in fake.sent(chat_id=13))
    assert TOKEN not in replies
