"""End to end: follow-ups, scripted conversations through the bot. A reply to an answer, and a
short private message soon after a question, are answered about the earlier question's topic;
an unrelated new question is not merged, nor a follow-up after the window."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from bot.app import build_application
from retrieval import Library

from .bot_chat import ChatTelegram
from .conftest import make_settings, running
from .telegram_html import check_html

PRIVATE = 1001
GROUP = -2002
NOTHING_TO_SEARCH = "There is nothing to search for in that question."


async def _say(
    chat: ChatTelegram, text: str, chat_id: int = PRIVATE, **extra: Any
) -> tuple[dict[str, Any], str]:
    """Send a message; the bot's reply message and its visible text."""
    before = len(chat.bot_messages_to(chat_id))
    chat.message(chat_id, text, **extra)
    await chat.wait_sent(before + 1, chat_id=chat_id)
    reply = chat.bot_messages_to(chat_id)[before]
    return reply, check_html(reply["text"])


async def test_a_short_private_follow_up_is_answered_about_the_previous_topic(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        # alone, "and when?" has nothing to search for ...
        _, alone = await _say(chat, "and when?", chat_id=PRIVATE + 1, user_id=43)
        assert NOTHING_TO_SEARCH in alone
        # ... after a question, it asks about that question's topic
        _, first = await _say(chat, "How many monkeypox cases are there?")
        assert "10,000" in first
        _, follow = await _say(chat, "and when?")
        assert "monkeypox" in follow and "2022-08-10" in follow
        # a chain: the follow-up's own question is the previous one for the next
        _, again = await _say(chat, "what about the vaccine?")
        assert "Vaccine demand" in again or "monkeypox" in again


async def test_an_unrelated_new_question_is_not_merged(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        _, first = await _say(chat, "Who won the World Series?")
        assert "Texas Rangers" in first
        for question in ("Which dog won best in show?", "monkeypox"):  # a bare topic too
            _, after = await _say(chat, question)
            # answered exactly as in a fresh chat: nothing of the World Series question added
            _, fresh = await _say(chat, question, chat_id=PRIVATE + 1, user_id=43)
            assert after == fresh and "Rangers" not in after.split("\n")[0]


async def test_a_follow_up_after_the_window_stands_alone(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(chat, tmp_path / "data", followup_minutes=5)
    async with running(build_application(settings, library)):
        long_ago = int(time.time()) - 10 * 60
        _, first = await _say(chat, "How many monkeypox cases are there?", date=long_ago)
        assert "10,000" in first
        _, late = await _say(chat, "and when?")
        assert NOTHING_TO_SEARCH in late


async def test_a_reply_to_an_answer_is_read_with_its_question_even_after_a_restart(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    async with running(build_application(make_settings(chat, data), library)):
        chat.message(GROUP, "/ask Who won the World Series?", kind="supergroup")
        await chat.wait_sent(chat_id=GROUP)
        answer = chat.bot_messages_to(GROUP)[0]
        assert "Texas Rangers" in check_html(answer["text"])
    async with running(build_application(make_settings(chat, data), Library(data))):
        reply, text = await _say(
            chat, "and who did they beat?", GROUP, kind="supergroup", reply_to=answer
        )
        assert "Diamondbacks" in text
        # a reply to the follow-up's answer carries the whole conversation on
        _, when = await _say(chat, "when?", GROUP, kind="supergroup", reply_to=reply)
        assert "Rangers" in when and "Wednesday" in when
        # in a group, a message that is not a reply is never merged (nor answered unless asked)
        chat.message(GROUP, "/ask and when?", kind="supergroup")
        sent = await chat.wait_sent(4, chat_id=GROUP)
    assert NOTHING_TO_SEARCH in check_html(sent[3]["text"])
