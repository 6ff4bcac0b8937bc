"""End to end: follow-ups, scripted conversations through the bot. A reply to an answer, and a
short private message soon after a question, are answered about the earlier question's topic;
an unrelated new question is not merged, nor a follow-up after the window."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from bot.app import build_application
from retrieval import Library

from .bot_chat import ChatTelegram
from .conftest import make_settings, running, write_jsonl
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


def _days_ago(days: int) -> str:
    return (dt.date.today() - dt.timedelta(days=days)).isoformat()


def _conversation_corpus(tmp_path: Path) -> Library:
    """Planets, a war and a World Cup, with other finals that the wrong reading would pick."""
    records = [
        (
            "Webb shows Neptune's rings",
            5,
            "https://space.example/neptune",
            "The James Webb Space Telescope captured the clearest view of Neptune's rings in "
            "decades.\nNeptune's rings are made of ice and dust, NASA scientists said.\n"
            "The image also shows seven of Neptune's 14 known moons, led by Triton.",
        ),
        (
            "Ukraine this week",
            2,
            "https://world.example/ukraine-week",
            "Ukraine's army retook three villages near Kharkiv this week, officials in Kyiv said.\n"
            "Russia answered with drone strikes on Ukraine's power grid overnight.",
        ),
        (
            "Ukraine grain deal",
            90,
            "https://world.example/ukraine-grain",
            "Ukraine and Russia signed a grain export deal in Istanbul in the spring.",
        ),
        (
            "Argentina are world champions",
            400,
            "https://sport.example/final-2022",
            "Argentina won the 2022 World Cup, beating France on penalties in the final in "
            "Lusail.\nLionel Messi scored twice as the final ended 3-3 after extra time.",
        ),
        (
            "How France won in 1998",
            401,
            "https://sport.example/france-1998",
            "France won the World Cup on home soil in 1998, beating Brazil 3-0 in the final.\n"
            "Zinedine Zidane scored twice in that final.",
        ),
        (
            "Moscow 2018 remembered",
            402,
            "https://sport.example/final-2018",
            "France beat Croatia 4-2 in the 2018 World Cup final in Moscow.",
        ),
    ]
    path = write_jsonl(
        tmp_path / "conversation.jsonl",
        [
            {"id": f"c{i}", "title": title, "date": _days_ago(days), "url": url, "text": text}
            for i, (title, days, url, text) in enumerate(records)
        ],
    )
    library = Library(tmp_path / "data")
    library.ingest([path])
    return library


async def test_a_new_question_with_its_own_topic_stands_alone_whatever_its_time_words(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    library = _conversation_corpus(tmp_path)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        _, first = await _say(chat, "What are Neptune's rings made of?")
        assert "ice and dust" in first
        question = "What happened with Ukraine this week?"
        _, after = await _say(chat, question)
        _, fresh = await _say(chat, question, chat_id=PRIVATE + 1, user_id=43)
        assert after == fresh  # answered as in a fresh chat: nothing of Neptune added
        assert "Kharkiv" in after and "Neptune" not in after
        # a look-alike that does lean on the last answer is still combined
        _, follow = await _say(chat, "and the grain deal?")
        assert "Istanbul" in follow


async def test_who_did_they_beat_is_about_the_final_the_last_answer_named(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    library = _conversation_corpus(tmp_path)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        _, first = await _say(chat, "Who won the 2022 World Cup?")
        assert first.split("\n")[1].startswith(
            "Argentina won the 2022 World Cup"
        )  # under the title
        _, beaten = await _say(chat, "who did they beat?")
        lead = beaten.split("\n")[1]  # under the lead article's title
        assert "France on penalties" in lead, beaten
        assert "1998" not in lead and "Croatia" not in lead
        # alone, the same words find the other finals: the earlier answer made the difference
        _, alone = await _say(chat, "who did they beat?", chat_id=PRIVATE + 1, user_id=43)
        assert "France on penalties" not in alone.split("\n")[1]
