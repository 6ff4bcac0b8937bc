"""Never silent, through the real bot: unknown commands, typos, edits, captions, media."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from telegram import Update
from telegram.ext import CommandHandler

from bot.app import build_application
from bot.context import NewsContext
from bot.features.fallback import nearest_command, unknown_command_reply
from bot.state import Answered, BotState
from bot.state import replies as reply_log
from retrieval import Library

from .conftest import handled, make_settings, running
from .fake_telegram import BOT_USERNAME, PHOTO, STICKER, FakeTelegram
from .telegram_html import check_html

PRIVATE = 4001
GROUP = -4002
COMMANDS = frozenset({"start", "help", "ask", "summary", "digest", "stats", "sources", "tldr"})


def test_nearest_command_for_typos() -> None:
    assert nearest_command("summery", COMMANDS) == "summary"
    assert nearest_command("sumary", COMMANDS) == "summary"
    assert nearest_command("digets", COMMANDS) == "digest"  # a swap
    assert nearest_command("stsat", COMMANDS) is None  # as near /stats as /start: no guess
    assert nearest_command("hlep", COMMANDS) == "help"
    assert nearest_command("sum", COMMANDS) == "summary"  # the only command it begins
    assert nearest_command("s", COMMANDS) is None  # begins several
    assert nearest_command("weather", COMMANDS) is None


def test_a_typo_too_long_for_a_button_shows_the_command_to_copy() -> None:
    text, markup = unknown_command_reply("summery", "x" * 80, COMMANDS)
    assert markup is None and "/summary xxxx" in text


async def test_unknown_command_gets_a_hint(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "/weather tomorrow")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "/weather" in check_html(sent["text"]) and "/help" in sent["text"]
    assert "reply_markup" not in sent


async def test_a_typo_offers_the_command_and_the_button_runs_it(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.message(PRIVATE, "/summery world series")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "Did you mean /summary?" in check_html(sent["text"])
    (button,) = [b for row in sent["reply_markup"]["inline_keyboard"] for b in row]
    assert button["callback_data"] == "run:/summary world series"
    (shown,) = fake.results(chat_id=PRIVATE)
    fake.press(shown, button["callback_data"], user_id=PRIVATE)
    summary = (await fake.wait_sent(2, chat_id=PRIVATE))[1]
    assert "Rangers" in check_html(summary["text"])


async def test_a_forged_button_runs_nothing(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "/summery")
    await fake.wait_sent(chat_id=PRIVATE)
    (shown,) = fake.results(chat_id=PRIVATE)
    fake.press(shown, "run:/shutdown now", user_id=PRIVATE)
    (answered,) = await fake.wait_sent(method="answerCallbackQuery")
    assert "no longer works" in answered["text"]
    await handled(fake, bot)
    assert len(fake.sent(chat_id=PRIVATE)) == 1


async def test_commands_for_other_bots_and_bare_group_commands_are_ignored(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.message(PRIVATE, "/summary@otherbot ukraine")
    fake.message(PRIVATE, "/foo@otherbot")
    fake.message(GROUP, "/foo", kind="supergroup")  # maybe another bot's
    fake.message(GROUP, f"/foo@{BOT_USERNAME}", kind="supergroup")  # ours: a hint
    (sent,) = await fake.wait_sent(chat_id=GROUP)
    assert "/foo" in check_html(sent["text"])
    await handled(fake, bot)
    assert not fake.sent(chat_id=PRIVATE) and len(fake.sent(chat_id=GROUP)) == 1


async def test_known_commands_are_not_hinted(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "/stats")
    fake.message(GROUP, f"/sources@{BOT_USERNAME}", kind="supergroup")
    await fake.wait_sent(chat_id=PRIVATE)
    await fake.wait_sent(chat_id=GROUP)
    await handled(fake, bot)
    assert len(fake.sent(chat_id=PRIVATE)) == 1 and len(fake.sent(chat_id=GROUP)) == 1


async def test_an_edited_question_edits_the_earlier_answer(fake: FakeTelegram, bot: Any) -> None:
    asked = fake.message(PRIVATE, "Which dog won best in show?")
    (first,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "Buddy Holly" in check_html(first["text"])
    (reply,) = fake.results(chat_id=PRIVATE)
    fake.message(
        PRIVATE,
        "Who won the World Series?",
        update_type="edited_message",
        message_id=asked["message_id"],
    )
    (edited,) = await fake.wait_sent(method="editMessageText", chat_id=PRIVATE)
    assert int(edited["message_id"]) == reply["message_id"]
    assert "Texas Rangers" in check_html(edited["text"])
    assert len(fake.sent(chat_id=PRIVATE)) == 1  # no second message

    # An edit of a question the bot never answered gets a new answer.
    fake.message(PRIVATE, "Who won the World Series?", update_type="edited_message", message_id=1)
    second = (await fake.wait_sent(2, chat_id=PRIVATE))[1]
    assert "Texas Rangers" in check_html(second["text"])


async def test_an_edited_group_question_is_answered_when_addressed(
    fake: FakeTelegram, bot: Any
) -> None:
    asked = fake.message(GROUP, "/ask Which dog won best in show?", kind="supergroup")
    await fake.wait_sent(chat_id=GROUP)
    (reply,) = fake.results(chat_id=GROUP)
    fake.message(
        GROUP,
        "/ask Who won the World Series?",
        kind="supergroup",
        update_type="edited_message",
        message_id=asked["message_id"],
    )
    (edited,) = await fake.wait_sent(method="editMessageText", chat_id=GROUP)
    assert int(edited["message_id"]) == reply["message_id"]
    assert "Texas Rangers" in check_html(edited["text"])


async def test_a_captioned_photo_is_a_question(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, None, photo=PHOTO, caption="Who won the World Series?")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "Texas Rangers" in check_html(sent["text"])
    mention = f"@{BOT_USERNAME} which dog won best in show?"
    fake.message(GROUP, None, kind="supergroup", photo=PHOTO, caption=mention)
    (group,) = await fake.wait_sent(chat_id=GROUP)
    assert "Buddy Holly" in check_html(group["text"])


async def test_a_message_without_text_gets_a_line_on_how_to_ask(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.message(PRIVATE, None, sticker=STICKER)
    fake.message(PRIVATE, None, photo=PHOTO)
    sent = await fake.wait_sent(2, chat_id=PRIVATE)
    assert all("only read text" in check_html(s["text"]) for s in sent)
    fake.message(GROUP, None, kind="supergroup", sticker=STICKER)  # groups: not addressed
    await handled(fake, bot)
    assert not fake.sent(chat_id=GROUP)


def test_the_reply_log_is_bounded_and_expires(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(reply_log, "MAX_ROWS", 50)
    monkeypatch.setattr(reply_log, "_PRUNE_EVERY", 10)
    log = BotState(tmp_path).replies
    for i in range(200):
        log.remember(1, i, 10_000 + i, now=1_000_000 + i)
    assert log.count() <= 50 + 10
    assert log.reply_to(1, 199, now=1_000_200) == 10_199
    assert log.reply_to(1, 0, now=1_000_200) is None  # pruned
    assert log.reply_to(1, 199, now=1_000_200 + reply_log.KEEP_SECONDS + 1) is None  # expired


async def test_hints_and_greetings_speak_the_users_language(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "/summery", language="ru")
    (hint,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "Возможно, вы имели в виду /summary?" in check_html(hint["text"])
    fake.message(PRIVATE, "/start", language="de-AT")
    greeting = (await fake.wait_sent(2, chat_id=PRIVATE))[1]
    assert "Ich beantworte Fragen" in check_html(greeting["text"])
    labels = [b["text"] for row in greeting["reply_markup"]["inline_keyboard"] for b in row]
    assert "Hier Artikel suchen" in labels


async def test_a_command_registered_after_the_fallback_is_not_shadowed(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    """Another feature's command, registered last (as /settings may be), reaches its handler."""

    async def late(update: Update, context: NewsContext) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("late command served")

    application = build_application(make_settings(fake, tmp_path / "data"), library)
    application.add_handler(CommandHandler("late", late))
    async with running(application):
        fake.message(PRIVATE, "/late")
        (sent,) = await fake.wait_sent(chat_id=PRIVATE)
        await handled(fake, application)
    assert sent["text"] == "late command served" and len(fake.sent(chat_id=PRIVATE)) == 1


def test_a_huge_unknown_command_gets_a_short_hint() -> None:
    text, markup = unknown_command_reply("x" * 5000, "y" * 5000, COMMANDS)
    assert len(text) < 200 and markup is None


def test_an_edited_follow_up_leans_on_the_question_before_its_first_version(
    tmp_path: Path,
) -> None:
    """The edit's own first answer is newer than what it followed: it is skipped."""
    store = BotState(tmp_path).answers
    store.record(1, 10, "Which dog won best in show?", 1_000, 3600)
    store.record(1, 12, "Which dog won best in show? and when?", 1_060, 3600)
    assert store.last_answered(1, since=0, before=1_060) == Answered(
        "Which dog won best in show?", 1_000
    )
    assert store.last_answered(1, since=0) == Answered(
        "Which dog won best in show? and when?", 1_060
    )
