"""Summaries that state the event, through the bot: /summary alone headed by the period it
covers and saying where the news ends, a topic summary that opens with a sentence standing on
its own, and the Summary button headed by the question's topic and holding the answer's lead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.app import build_application
from retrieval import Library

from .bot_chat import ChatTelegram, buttons_of
from .conftest import make_settings, running, write_jsonl
from .telegram_html import check_html

PRIVATE = 1001


def _library(tmp_path: Path, records: list[tuple[str, str, str]]) -> Library:
    """A collection of (title, date, text) articles, each from its own outlet."""
    path = write_jsonl(
        tmp_path / "articles.jsonl",
        [
            {
                "id": f"a{i}",
                "title": title,
                "date": date,
                "url": f"https://outlet{i}.example/story",
                "text": text,
            }
            for i, (title, date, text) in enumerate(records)
        ],
    )
    library = Library(tmp_path / "data")
    library.ingest([path])
    return library


def _opening(html: str) -> str:
    """The first sentence block of a summary: the first part after its notice and header."""
    parts = html.partition("<blockquote")[0].split("\n\n")
    return check_html(next(p for p in parts if not p.startswith(("<i>", "<b>"))))


INFLATION = [
    (
        "Inflation hits a 40-year high",
        "2022-07-13",
        "Inflation, he said, will keep rising as gas, food and rent prices climb.”\n"
        "He predicted US inflation would rise again as gas and food prices climb.\n"
        "US inflation rose to 9.1% in June, the highest rate in 40 years, the Labor Department "
        "said.",
    ),
    (
        "Prices push inflation up",
        "2022-07-27",
        "Gas and food prices pushed inflation higher again in July.\n"
        "Rent prices and inflation rose in most cities as gas prices climbed.",
    ),
    (
        "Inflation eases as gas prices fall",
        "2022-08-10",
        "Inflation eased to 8.5% in July as gas and food prices fell from their June peak.",
    ),
]


async def test_a_topic_summary_opens_with_a_sentence_that_stands_on_its_own(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    library = _library(tmp_path, INFLATION)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        chat.message(PRIVATE, "/summary inflation")
        (sent,) = await chat.wait_sent(chat_id=PRIVATE)
    opening = _opening(sent["text"])
    assert opening.startswith("US inflation rose to 9.1% in June"), opening
    # the half quote and the sentence that needs its speaker may follow, never open
    assert not opening.startswith(("He ", "Inflation, he said"))


async def test_summary_alone_is_headed_by_its_period_and_says_where_the_news_ends(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    library = _library(tmp_path, INFLATION)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        chat.message(PRIVATE, "/summary")
        (sent,) = await chat.wait_sent(chat_id=PRIVATE)
        chat.message(PRIVATE + 1, "/summary", language="de")
        (german,) = await chat.wait_sent(chat_id=PRIVATE + 1)
    lines = check_html(sent["text"]).split("\n")
    assert lines[0] == "My news ends on 10 Aug 2022."  # the collection's newest article
    assert lines[2] == "The news from 2022-07-13 to 2022-08-10"  # the period it covers
    assert "latest" not in sent["text"].lower()
    assert check_html(german["text"]).startswith("Meine Nachrichten reichen bis zum 10.08.2022.")


async def test_summary_alone_of_fresh_news_has_no_news_end_line(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    today = dt.date.today()
    stories = [
        "The new bridge over the Example River opened to traffic on Monday morning.",
        "The city council approved next year's budget of 40 million dollars on Tuesday.",
        "Heavy rain flooded the main road into the old town for the second day running.",
    ]
    library = _library(
        tmp_path,
        [
            (f"Story {i}", (today - dt.timedelta(days=1 + i)).isoformat(), f"{text}\n{text}")
            for i, text in enumerate(stories)
        ],
    )
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        chat.message(PRIVATE, "/summary")
        (sent,) = await chat.wait_sent(chat_id=PRIVATE)
    visible = check_html(sent["text"])
    yesterday = today - dt.timedelta(days=1)
    assert visible.startswith(f"The news from {today - dt.timedelta(days=3)} to {yesterday}\n")
    assert "My news ends" not in visible and "S-400" not in visible  # the seed is years older


WORLD_CUP = [
    (
        "Spain are world champions",
        "2023-08-20",
        "Spain's team won the Women's World Cup for the first time, beating England 1-0 in the "
        "final in Sydney.\nOlga Carmona scored the only goal of the final in the first half.",
    ),
    *[
        (f"The U.S. at the Women's World Cup, part {i}", f"2023-08-{10 + i:02d}", text)
        for i, text in enumerate(
            [
                "The U.S. women's team lost to Sweden on penalties in the round of 16 of the "
                "Women's World Cup.\nThe U.S. team was out of the Women's World Cup early.",
                "The U.S. has more Women's World Cup titles than any other country.\n"
                "The U.S. team was the favourite for a third Women's World Cup in a row.",
                "The U.S. women's team played to one win and two draws in the group stage of "
                "the Women's World Cup.\nThe U.S. team scored four goals at the Women's World "
                "Cup.",
                "Megan Rapinoe played her last Women's World Cup match for the U.S. team.\n"
                "Rapinoe played in four Women's World Cups with the U.S. team.",
            ]
        )
    ],
]


async def test_the_summary_button_is_headed_by_the_topic_and_holds_the_answer(
    chat: ChatTelegram, tmp_path: Path
) -> None:
    library = _library(tmp_path, WORLD_CUP)
    async with running(build_application(make_settings(chat, tmp_path / "data"), library)):
        chat.message(PRIVATE, "Which team won the Women's World Cup in 2023?")
        await chat.wait_sent(chat_id=PRIVATE)
        answer: dict[str, Any] = chat.bot_messages_to(PRIVATE)[0]
        lead = check_html(answer["text"]).split("\n")[1]  # under the lead article's title
        assert lead.startswith("Spain's team won the Women's World Cup")
        chat.press(answer, buttons_of(answer)["Summary"])
        summary = (await chat.wait_sent(2, chat_id=PRIVATE))[1]
    visible = check_html(summary["text"])
    assert visible.startswith("Summary: Women's World Cup in 2023\n")  # the topic, not the question
    assert "Spain's team won the Women's World Cup for the first time" in visible  # the answer
