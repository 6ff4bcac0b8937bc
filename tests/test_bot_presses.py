"""Button presses that are not what the bot sent: another chat's button id, data with a digit of
another script or a lone surrogate; and an old question's buttons, which live from its answer."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.features.buttons import BUTTON_EXPIRED, EXPIRED
from bot.features.errors import APOLOGY
from bot.features.settings import parse_choice
from bot.keyboards import parse_press
from retrieval import Library

from .bot_chat import ChatTelegram, buttons_of
from .conftest import handled, make_settings, running
from .telegram_html import check_html

PRIVATE = 1201
OTHER = 1202
QUESTION = "Who won the World Series?"
THREE_DAYS = 3 * 24 * 3600


@pytest.mark.parametrize(
    "data",
    ["more:abc", "src:AbC_-9", "sum:x"],
)
def test_answer_buttons_parse(data: str) -> None:
    assert parse_press(data) == tuple(data.split(":"))


@pytest.mark.parametrize(
    "data", ["more:", "more:a b", "more:\ud800", "more:ключ", "more:٣", "x:abc", "", None]
)
def test_anything_else_is_no_press(data: str | None) -> None:
    assert parse_press(data) is None


@pytest.mark.parametrize("value", ["²", "٣", "0", "6", "\ud800", "", "01x"])
def test_settings_sentences_take_ascii_digits_1_to_5(value: str) -> None:
    assert parse_choice(f"settings:sentences:{value}") is None
    assert parse_choice("settings:sentences:3") is not None


async def test_forged_presses_get_a_polite_answer_and_nothing_else(
    chat: ChatTelegram, library: Library, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)) as app:
        chat.message(PRIVATE, QUESTION)
        await chat.wait_sent(chat_id=PRIVATE)
        (answer,) = chat.bot_messages_to(PRIVATE)
        sources = buttons_of(answer)["Sources"]
        elsewhere = {**answer, "chat": {"id": OTHER, "type": "private", "first_name": "Eve"}}
        presses = [
            (chat.press(elsewhere, sources, user_id=OTHER), BUTTON_EXPIRED),  # another chat
            (chat.press(answer, "settings:sentences:²"), "This button does nothing any more."),
            (chat.press(answer, "settings:language:\ud800"), "This button does nothing any more."),
            (chat.press(answer, "more:\ud800"), EXPIRED),
            (chat.press(answer, "\ud800"), EXPIRED),
            (chat.press(answer, "run:/summary \ud800"), None),
        ]
        await chat.wait_sent(len(presses), method="answerCallbackQuery")
        await handled(chat, app)
    for query_id, expected in presses:
        answered = chat.answered_presses(query_id)
        assert len(answered) == 1
        if expected is not None:
            assert answered[0].get("text") == expected
    assert len(chat.sent(chat_id=PRIVATE)) == 1 and not chat.sent(chat_id=OTHER)
    assert not [r for r in caplog.records if r.exc_info]
    assert not [c for c in chat.sent() if APOLOGY in c.get("text", "")]


async def test_an_old_questions_answer_has_buttons_that_work(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    old = int(time.time()) - THREE_DAYS - 600  # older than the buttons' three days
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        # Asked before the bot ran (never answered), edited now: answered anew, now.
        chat.message(PRIVATE, QUESTION, update_type="edited_message", date=old)
        await chat.wait_sent(chat_id=PRIVATE)
        edited: dict[str, Any] = chat.bot_messages_to(PRIVATE)[-1]
        assert "Texas Rangers" in check_html(edited["text"])
        press = chat.press(edited, buttons_of(edited)["Sources"])
        await chat.wait_sent(2, chat_id=PRIVATE)
        await chat.wait_sent(method="answerCallbackQuery")
    assert chat.answered_presses(press)[0].get("text") != BUTTON_EXPIRED
    assert check_html(chat.bot_messages_to(PRIVATE)[-1]["text"]).startswith("Sources")
