"""Onboarding through the real bot: /start, /help, deep links, descriptions and menus."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from telegram.ext import CommandHandler

from bot.app import build_application
from bot.deeplinks import ask_payload, query_of_payload
from bot.i18n import LANGUAGES
from bot.profile import DESCRIPTION, SHORT_DESCRIPTION, known_commands
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import BOT_USERNAME, FakeTelegram
from .telegram_html import check_html

PRIVATE = 3001
GROUP = -3002


def _buttons(sent: dict[str, Any]) -> list[dict[str, Any]]:
    return [button for row in sent["reply_markup"]["inline_keyboard"] for button in row]


EXAMPLE = "What happened to World Series?"  # the newest article's name, answered surely


async def test_start_is_short_with_a_checked_example_from_the_newest_articles(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.message(PRIVATE, "/start")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent["text"])
    assert len(visible.splitlines()) == 2 and len(visible) < 300
    # A question made from the newest article of the collection (2023-11-02), not the 2019
    # seed, and one the bot has asked itself: its answer is sure and names the topic.
    assert EXAMPLE in visible
    buttons = _buttons(sent)
    example = next(b for b in buttons if "callback_data" in b)
    assert example["callback_data"] == f"run:/ask {EXAMPLE}"
    search = next(b for b in buttons if "switch_inline_query_current_chat" in b)
    assert search["switch_inline_query_current_chat"] == ""
    group_link = next(b["url"] for b in buttons if "url" in b)
    assert group_link.startswith(f"https://t.me/{BOT_USERNAME}?startgroup=")

    # The example button asks it, as if typed; the answer says what it answers, on one
    # quoted line at its top, then answers it (no refusal).
    (shown,) = fake.results(chat_id=PRIVATE)
    fake.press(shown, example["callback_data"], user_id=PRIVATE)
    answers = await fake.wait_sent(2, chat_id=PRIVATE)
    html = answers[1]["text"]
    assert html.startswith(f"<blockquote>{EXAMPLE}</blockquote>\n")
    visible = check_html(html)
    assert "Texas Rangers won the World Series" in visible.split("\n")[2]
    assert "no direct answer" not in visible and "not sure" not in visible
    assert fake.sent("answerCallbackQuery")


async def test_help_has_the_full_text(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "/help")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent["text"])
    for part in ("/summary", "/digest", "/tldr", f"/ask {EXAMPLE}", "caption"):
        assert part in visible


async def test_start_in_a_group_says_how_to_ask_there_and_offers_no_group(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.message(GROUP, f"/start@{BOT_USERNAME}", kind="supergroup")
    (sent,) = await fake.wait_sent(chat_id=GROUP)
    assert f"/ask {EXAMPLE}" in check_html(sent["text"])
    buttons = _buttons(sent)
    # It is in a group already: no "Add me to a group" (nor any link) there.
    assert not [b for b in buttons if "url" in b]
    assert "Add me" not in str(buttons)
    assert [b["callback_data"] for b in buttons if "callback_data" in b] == [f"run:/ask {EXAMPLE}"]


async def test_start_payload_asks_the_query_it_carries(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, f"/start {ask_payload('Who won the World Series?')}")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    # The chat shows only "/start": the answer says which question it answers.
    assert sent["text"].startswith("<blockquote>Who won the World Series?</blockquote>\n")
    assert "Texas Rangers" in check_html(sent["text"])
    fake.message(PRIVATE, "/start inline")  # an old or hand-made payload: the greeting
    greeting = (await fake.wait_sent(2, chat_id=PRIVATE))[1]
    assert "I answer questions" in check_html(greeting["text"])


async def test_a_typed_question_is_not_repeated(fake: FakeTelegram, bot: Any) -> None:
    fake.message(PRIVATE, "Who won the World Series?")
    (sent,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "<blockquote>Who won" not in sent["text"] and "Texas Rangers" in sent["text"]


def test_payloads_fit_telegram_and_round_trip() -> None:
    for query in ["who won?", "Что с С-400 и санкциями против Турции в июне 2019 года", "x" * 300]:
        payload = ask_payload(query)
        assert len(payload) <= 64
        assert all(c.isascii() and (c.isalnum() or c in "_-") for c in payload)
        decoded = query_of_payload(payload)
        assert decoded and query.startswith(decoded)
    assert query_of_payload("q-!!!") is None and query_of_payload("inline") is None


async def test_descriptions_are_set_once_and_menus_list_every_served_command(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", admin_ids="555")
    application = build_application(settings, library)
    async with running(application):
        languages = len(LANGUAGES)
        menus = await fake.wait_sent(4 * languages, method="setMyCommands")
        shorts = await fake.wait_sent(languages, method="setMyShortDescription")
        described = await fake.wait_sent(languages, method="setMyDescription")
        served = known_commands(application)
    # One description per language; English is the default (no language_code).
    by_language = {d.get("language_code"): d["description"] for d in described}
    assert by_language[None] == DESCRIPTION
    assert set(by_language) == {None, "de", "es", "ru", "pt", "fr", "tr", "ar"}
    assert by_language["de"] != DESCRIPTION
    assert all(len(d) <= 512 for d in by_language.values())
    assert all(len(s["short_description"]) <= 120 for s in shorts)
    assert SHORT_DESCRIPTION in {s["short_description"] for s in shorts}
    german = next(m for m in menus if m.get("language_code") == "de")
    assert german["commands"][0]["description"] != "Ask a question about the news"
    menus = [m for m in menus if "language_code" not in m]
    by_scope = {m["scope"]["type"]: {c["command"] for c in m["commands"]} for m in menus}
    assert {"start", "help", "ask", "summary", "stats", "sources", "settings"} <= by_scope[
        "all_private_chats"
    ]
    assert {"ask", "tldr", "stats", "sources", "start"} <= by_scope["all_group_chats"]
    assert {"forget", "settings"} <= by_scope["all_chat_administrators"] - by_scope[
        "all_group_chats"
    ]
    assert "add" in by_scope["chat"] and "add" not in by_scope["all_private_chats"]
    assert set().union(*by_scope.values()) <= served  # no menu offers what nobody serves

    # A restart with the same data folder sets nothing again but what changed: here the menus,
    # served without /settings this time.
    again = build_application(settings, library)
    for handler in list(again.handlers[0]):
        if isinstance(handler, CommandHandler) and "settings" in handler.commands:
            again.remove_handler(handler)
    before = len(fake.calls)
    async with running(again):
        fake.message(PRIVATE, "Who won the World Series?")
        await fake.wait_sent(chat_id=PRIVATE)
        await fake.settle(0.5)
    later = {c.method for c in fake.calls[before:]}
    assert not later & {"setMyDescription", "setMyShortDescription"}
    # The menus without /settings (not registered this time) changed, so they were set again.
    assert "setMyCommands" in later
