"""The one read path (bot.serving), through the real bot: "typing" only when an answer is slow."""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import LANGUAGES
from bot.network import NON_ESSENTIAL
from retrieval import Answer, Library

from .conftest import SMALL_CORPUS, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram, Fault
from .telegram_html import check_html


class SlowLibrary(Library):
    """A library whose answers take ``delay`` seconds (a large collection on a slow host)."""

    delay = 0.0

    def answer(self, question: str, **kwargs: Any) -> Answer:
        time.sleep(self.delay)
        return super().answer(question, **kwargs)


def slow_library(tmp_path: Path, delay: float) -> SlowLibrary:
    library = SlowLibrary(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    library.delay = delay
    return library


async def test_a_fast_answer_comes_without_typing(fake: FakeTelegram, tmp_path: Path) -> None:
    from bot.app import build_application

    settings = make_settings(fake, tmp_path / "data", typing_after=5.0)
    async with running(build_application(settings, slow_library(tmp_path, 0.0))):
        fake.message(7, "Who won the World Series?")
        (reply,) = await fake.wait_sent(chat_id=7)
        assert "Texas Rangers" in check_html(reply["text"])
        assert not fake.sent("sendChatAction")


async def test_a_slow_answer_shows_typing_once_before_it(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    from bot.app import build_application

    settings = make_settings(fake, tmp_path / "data", typing_after=0.2)
    async with running(build_application(settings, slow_library(tmp_path, 1.0))):
        fake.message(8, "Who won the World Series?")
        (reply,) = await fake.wait_sent(chat_id=8)
        assert "Texas Rangers" in check_html(reply["text"])
        actions = [c for c in fake.calls if c.method == "sendChatAction"]
        answers = [c for c in fake.calls if c.method == "sendMessage"]
        assert len(actions) == 1 and actions[0].params["action"] == "typing"
        assert actions[0].at < answers[0].at


async def test_replies_are_html_without_link_previews(fake: FakeTelegram, bot: Any) -> None:
    """Set once, as the application's defaults: every send carries them."""
    fake.message(9, "/sources")
    (reply,) = await fake.wait_sent(chat_id=9)
    assert reply["parse_mode"] == "HTML"
    assert reply["link_preview_options"] == {"is_disabled": True}


async def test_a_failed_typing_action_is_not_retried_and_the_answer_still_comes(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    from bot.app import build_application

    fake.faults["sendChatAction"] = [Fault(status=502, description="Bad Gateway")] * 3
    settings = make_settings(fake, tmp_path / "data", typing_after=0.2)
    async with running(build_application(settings, slow_library(tmp_path, 1.0))):
        fake.message(10, "Who won the World Series?")
        (reply,) = await fake.wait_sent(chat_id=10)
        assert "Texas Rangers" in check_html(reply["text"])
        assert len(fake.faults["sendChatAction"]) == 2  # tried once (failed calls are not in calls)
        assert not fake.sent("sendChatAction")


async def test_answers_come_promptly_when_telegram_refuses_every_non_essential_call(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    """HTTP 500 to "typing", menus and descriptions: each tried once, the answer unharmed."""
    from bot.app import build_application

    fake.refuse(NON_ESSENTIAL)
    settings = make_settings(fake, tmp_path / "data", typing_after=0.1)
    async with running(build_application(settings, slow_library(tmp_path, 0.5))):
        fake.message(11, "Who won the World Series?")
        (reply,) = await fake.wait_sent(chat_id=11, timeout=3)
        assert "Texas Rangers" in check_html(reply["text"])
        await fake.settle(0.5)
    refused = Counter(c.method for c in fake.calls if c.method.startswith("!"))
    assert refused["!sendChatAction"] == 1  # never retried
    languages = len(LANGUAGES)  # one try per language
    assert refused["!setMyDescription"] == languages == refused["!setMyShortDescription"]
    assert refused["!setMyCommands"] == 3 * languages  # and per scope


async def test_answers_come_promptly_when_telegram_hangs_non_essential_calls(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import profile
    from bot.app import build_application

    monkeypatch.setattr(profile, "PROFILE_TIMEOUT", 0.5)  # the test need not wait 5 s to stop
    fake.refuse(NON_ESSENTIAL, hang=30)
    settings = make_settings(fake, tmp_path / "data", typing_after=0.1)
    async with running(build_application(settings, slow_library(tmp_path, 0.5))):
        fake.message(12, "Who won the World Series?")
        (reply,) = await fake.wait_sent(chat_id=12, timeout=3)
        assert "Texas Rangers" in check_html(reply["text"])
        fake.message(12, "Which dog won best in show?")
        (_, second) = await fake.wait_sent(2, chat_id=12, timeout=3)
        assert "Buddy Holly" in check_html(second["text"])
    assert not (tmp_path / "data" / profile.PROFILE_FILE).exists()  # nothing set: try again
