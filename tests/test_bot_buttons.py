"""End to end: the compact answer layout and the More / Sources / Summary buttons, also after a
restart (a new Application on the same data dir) and once expired."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.features.buttons import BUTTON_EXPIRED, EXPIRED, NOTHING_MORE
from bot.state import ButtonPayload, new_button_key
from retrieval import Library

from .bot_chat import ChatTelegram, buttons_of
from .conftest import handled, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

PRIVATE = 1001
GROUP = -2002
QUESTION = "Who won the World Series?"

# Four articles on one event, so an answer has sentences from several articles and more after.
SERIES = [
    {
        "id": f"ws{i}",
        "title": f"World Series report {i}",
        "date": f"2023-11-0{i}",
        "url": f"https://sport{i}.example.com/world-series",
        "source": f"Sport {i}",
        "text": text,
    }
    for i, text in enumerate(
        [
            "The Texas Rangers won the World Series on Wednesday.\n"
            "The Rangers beat the Arizona Diamondbacks in Game 5 of the World Series.\n"
            "Corey Seager was named the most valuable player of the World Series.",
            "Fans of the Texas Rangers celebrated the World Series title in Arlington.\n"
            "The World Series parade will be held on Friday in Arlington.",
            "The Diamondbacks lost the World Series after a strong run in the playoffs.\n"
            "Arizona reached the World Series as a wild card team.",
            "World Series television ratings rose this year, the network said.\n"
            "The World Series drew more viewers than last year's series.",
        ],
        start=1,
    )
]


@pytest.fixture
def series_library(library: Library, tmp_path: Path) -> Library:
    library.ingest([write_jsonl(tmp_path / "series.jsonl", SERIES)])
    return library


def _app(fake: FakeTelegram, library: Library, data: Path, **extra: Any) -> Any:
    return build_application(make_settings(fake, data, **extra), library)


async def _ask(chat: ChatTelegram, question: str, chat_id: int = PRIVATE) -> dict[str, Any]:
    before = len(chat.bot_messages_to(chat_id))
    chat.message(chat_id, question)
    await chat.wait_sent(before + 1, chat_id=chat_id)
    return chat.bot_messages_to(chat_id)[before]


async def test_answer_is_compact_grouped_by_article_with_the_rest_folded(
    chat: ChatTelegram, series_library: Library, tmp_path: Path
) -> None:
    async with running(_app(chat, series_library, tmp_path / "data", max_sentences=4)):
        answer = await _ask(chat, QUESTION)
    html = answer["text"]
    visible = check_html(html)
    assert QUESTION not in visible  # no echo of the question
    title, lead = visible.split("\n")[:2]  # the lead article's title, then its best sentence
    assert title.startswith("World Series report") and "Texas Rangers" in lead
    head, _, folded = html.partition("<blockquote expandable>")
    assert folded.endswith("</blockquote>") and folded.strip()
    # one attribution line per article, the outlet linked to the article
    links = re.findall(r'<i>(\d{4}-\d\d-\d\d) · <a href="([^"]+)">', html)
    urls = [url for _, url in links]
    assert len(urls) == len(set(urls)) >= 2
    assert len(re.findall(r'<a href="https://sport\d', head)) == 1
    assert "•" not in visible
    assert set(buttons_of(answer)) == {"More", "Sources", "Summary"}


async def test_more_sources_and_summary_buttons_work_after_a_restart(
    chat: ChatTelegram, series_library: Library, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    async with running(_app(chat, series_library, data, max_sentences=2)):
        answer = await _ask(chat, QUESTION)
    first_visible = check_html(answer["text"])
    buttons = buttons_of(answer)

    # A new Application on the same data dir: the buttons still mean the same question.
    async with running(_app(chat, Library(data), data, max_sentences=2)):
        sent_before = len(chat.bot_messages_to(PRIVATE))
        more = chat.press(answer, buttons["More"])
        await chat.wait_sent(sent_before + 1, chat_id=PRIVATE)
        page = chat.bot_messages_to(PRIVATE)[sent_before]
        await chat.wait_sent(1, method="answerCallbackQuery")
        assert chat.answered_presses(more) and "text" not in chat.answered_presses(more)[0]
        more_visible = check_html(page["text"])
        # the next sentences, none of those already shown
        for line in more_visible.split("\n"):
            if line and not re.match(r"\d{4}-\d\d-\d\d", line):
                assert line not in first_visible
        assert "World Series" in more_visible or "Rangers" in more_visible

        sources = chat.press(answer, buttons["Sources"])
        await chat.wait_sent(sent_before + 2, chat_id=PRIVATE)
        listing = chat.bot_messages_to(PRIVATE)[sent_before + 1]["text"]
        assert check_html(listing).startswith("Sources")
        assert re.search(r'• <a href="https://sport\d\.example\.com/world-series">', listing)
        await chat.wait_sent(2, method="answerCallbackQuery")
        assert chat.answered_presses(sources)

        summary = chat.press(answer, buttons["Summary"])
        await chat.wait_sent(sent_before + 3, chat_id=PRIVATE)
        summarized = check_html(chat.bot_messages_to(PRIVATE)[sent_before + 2]["text"])
        assert summarized.startswith("Summary:") and "World Series" in summarized
        await chat.wait_sent(3, method="answerCallbackQuery")
        assert chat.answered_presses(summary)


async def test_more_runs_out_politely(chat: ChatTelegram, library: Library, tmp_path: Path) -> None:
    # The small corpus has one World Series article with two sentences: one page holds both.
    async with running(_app(chat, library, tmp_path / "data", max_sentences=1)):
        answer = await _ask(chat, QUESTION)
        more_data = buttons_of(answer)["More"]
        sent_before = len(chat.sent(chat_id=PRIVATE))
        pages = 0
        while True:  # press More until it runs out; each page is new sentences
            press = chat.press(answer, more_data)
            await chat.wait_sent(pages + 1, method="answerCallbackQuery")
            notice = chat.answered_presses(press)[0]
            if notice.get("text") == NOTHING_MORE:
                break
            pages += 1
            answer = chat.bot_messages_to(PRIVATE)[-1]
            more_data = buttons_of(answer).get("More", "")
            if not more_data:
                break
            assert pages < 5
        assert len(chat.sent(chat_id=PRIVATE)) == sent_before + pages


async def test_expired_and_unknown_buttons_get_a_polite_answer(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    app = _app(chat, library, tmp_path / "data", button_days=1)
    store = app.bot_data.state.answers
    two_days_ago = int(time.time()) - 2 * 24 * 3600
    old, payload = new_button_key(), ButtonPayload(QUESTION, dt.date(2023, 11, 3), 3)
    store.record(PRIVATE, 5, QUESTION, two_days_ago, 24 * 3600, button=(old, payload))
    async with running(app):
        answer = await _ask(chat, QUESTION)
        old_answer = {**answer, "message_id": 5}  # the answer the old buttons were under
        presses = [
            (chat.press(old_answer, f"more:{old}"), BUTTON_EXPIRED),
            (chat.press(old_answer, f"src:{old}"), BUTTON_EXPIRED),
            (chat.press(answer, "sum:nosuchid"), BUTTON_EXPIRED),
            (chat.press(answer, "something from an older version"), EXPIRED),
        ]
        await chat.wait_sent(len(presses), method="answerCallbackQuery")
        await handled(chat, app)
    for query_id, expected in presses:
        assert [p.get("text") for p in chat.answered_presses(query_id)] == [expected]
    assert len(chat.sent(chat_id=PRIVATE)) == 1  # nothing but the answer was sent
    assert not any(m["text"].startswith("Sorry") for m in chat.sent())


async def test_small_talk_and_nothing_found_carry_no_buttons(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    async with running(_app(chat, library, tmp_path / "data")):
        for text in ("hi", "xylophone quasar zebra"):
            assert buttons_of(await _ask(chat, text)) == {}


async def test_group_answer_buttons_reply_in_its_topic(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    async with running(_app(chat, library, tmp_path / "data")):
        chat.message(GROUP, f"/ask {QUESTION}", kind="supergroup", forum=True, thread_id=77)
        await chat.wait_sent(chat_id=GROUP)
        answer = chat.bot_messages_to(GROUP)[0]
        assert int(answer["message_thread_id"]) == 77
        chat.press(answer, buttons_of(answer)["Sources"])
        sent = await chat.wait_sent(2, chat_id=GROUP)
    assert int(sent[1]["message_thread_id"]) == 77
    assert "Rangers win the World Series" in check_html(sent[1]["text"])


async def test_buttons_follow_the_chat_settings_and_language(
    chat: ChatTelegram, library: Library, tmp_path: Path
) -> None:
    app = _app(chat, library, tmp_path / "data")
    app.bot_data.state.chat_settings.change(PRIVATE, buttons=False)
    app.bot_data.state.chat_settings.change(PRIVATE + 1, language="ru")
    async with running(app):
        assert buttons_of(await _ask(chat, QUESTION)) == {}
        russian = await _ask(chat, QUESTION, chat_id=PRIVATE + 1)
        assert {"Источники", "Сводка"} <= set(buttons_of(russian)) <= {"Ещё", "Источники", "Сводка"}
        press = chat.press(russian, "more:expired")
        await chat.wait_sent(1, method="answerCallbackQuery")
    assert chat.answered_presses(press)[0]["text"].startswith("Срок действия")
