"""First impressions through the bot (issue 26, item 6): /start's example is a question the
bot has answered surely, follows the index and the chat's language, and small talk offers the
same; one link per Sources line; /stats in plain words with numbers and dates as the chat's
language writes them; the seed under its outlet."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from bot.app import build_application
from bot.i18n import translator
from bot.render import stats_text
from retrieval import IndexStats, Library

from .conftest import handled, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

PRIVATE = 4001
EXAMPLE = "What happened to World Series?"  # the small corpus's newest article's name
SWIFT = {
    "id": "swift",
    "title": "Taylor Swift wins album of the year",
    "date": "2023-12-06",
    "url": "https://example.com/music/swift",
    "text": "Taylor Swift won album of the year at the Grammy Awards on Sunday for Midnights.\n"
    "It is her fourth win in the category, a record.",
}


async def _say(fake: FakeTelegram, text: str, **extra: Any) -> dict[str, Any]:
    before = len(fake.sent(chat_id=PRIVATE))
    fake.message(PRIVATE, text, **extra)
    return (await fake.wait_sent(before + 1, chat_id=PRIVATE))[-1]


def _asks(sent: dict[str, Any]) -> list[str]:
    rows = sent.get("reply_markup", {}).get("inline_keyboard", [])
    return [b["callback_data"] for row in rows for b in row if "callback_data" in b]


async def test_the_example_follows_the_index_and_small_talk_offers_it(
    fake: FakeTelegram, bot: Any, library: Library, tmp_path: Path
) -> None:
    start = await _say(fake, "/start")
    assert EXAMPLE in check_html(start["text"]) and _asks(start) == [f"run:/ask {EXAMPLE}"]
    hello = check_html((await _say(fake, "hi"))["text"])
    assert f"e.g. {EXAMPLE}, or give a topic" in hello

    # Newer news comes in (another process, or a feed): the next /start has its example,
    # asked and answered before it is offered, and small talk offers the same.
    library.ingest([write_jsonl(tmp_path / "swift.jsonl", [SWIFT])])
    start = await _say(fake, "/start")
    assert "What happened to Taylor Swift?" in check_html(start["text"])
    assert _asks(start) == ["run:/ask What happened to Taylor Swift?"]
    hello = check_html((await _say(fake, "thanks!"))["text"])
    assert "e.g. What happened to Taylor Swift?" in hello
    answer = library.answer("What happened to Taylor Swift?", as_of=dt.date(2023, 12, 7))
    assert answer.answered and "Taylor Swift won album of the year" in answer.sentences[0].text


async def test_a_chat_in_a_language_the_collection_lacks_gets_the_collections_example(
    fake: FakeTelegram, bot: Any
) -> None:
    # The collection is English: a German chat is told in German, with the English example.
    start = check_html((await _say(fake, "/start", language="de"))["text"])
    assert f"zum Beispiel: {EXAMPLE}" in start
    assert start.startswith("Ich beantworte Fragen")


async def test_without_a_sure_example_the_texts_go_without_one(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = Library(tmp_path / "data", seed=False)  # nothing to make an example from
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)) as app:
        start = await _say(fake, "/start")
        assert "Just send me a question about the news." in check_html(start["text"])
        assert _asks(start) == []  # no "Ask:" button for a question nobody checked
        hello = check_html((await _say(fake, "hello"))["text"])
        assert "Ask me a question about the news, or give a topic" in hello
        await handled(fake, app)


async def test_sources_lines_link_once_and_stats_speak_plainly(
    fake: FakeTelegram, bot: Any
) -> None:
    answer = await _say(fake, "Who won the World Series?")
    rows = answer["reply_markup"]["inline_keyboard"]
    sources_button = next(b for row in rows for b in row if b["callback_data"].startswith("src:"))
    (shown,) = fake.results(chat_id=PRIVATE)
    before = len(fake.sent(chat_id=PRIVATE))
    fake.press(shown, sources_button["callback_data"], user_id=PRIVATE)
    sources = (await fake.wait_sent(before + 1, chat_id=PRIVATE))[-1]["text"]
    entries = sources.split("\n• ")[1:]
    assert entries
    for entry in entries:  # the title linked, then date and outlet, not linked again
        assert entry.count("<a ") == 1, entry

    stats = check_html((await _say(fake, "/stats"))["text"])
    assert "Articles: 4" in stats and "Search engine: built-in" in stats
    assert "Passages" not in stats and "tantivy" not in stats
    german = check_html((await _say(fake, "/stats", language="de"))["text"])
    assert "Suchmaschine: eingebaut" in german
    assert "01.07.2019" in german  # the seed's day, as German writes dates

    # The seed is shown under its outlet, never "unknown" or its file's name.
    outlets = check_html((await _say(fake, "/sources"))["text"])
    assert "Israel National News: 1" in outlets
    assert "unknown" not in outlets and "000_" not in outlets


def test_counts_follow_the_language() -> None:
    stats = IndexStats(
        articles=11599,
        passages=98765,
        first_date=dt.date(2023, 1, 2),
        last_date=dt.date(2023, 12, 18),
        last_added=None,
        languages={"en": 11599},
    )
    german = stats_text(stats, {}, translator("de"))
    assert "11.599" in german and "11,599" not in german
    russian = stats_text(stats, {}, translator("ru"))
    assert re.search(r"11\s599", russian)
    assert "Articles: 11,599" in stats_text(stats, {})
    assert translator("de").percent(0.45) == "45\xa0%" and translator("en").percent(0.45) == "45%"
