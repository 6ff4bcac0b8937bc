"""The compact layout of summaries: what happened first, the other articles' sentences in an
expandable blockquote, one attribution per article (render functions and through the bot)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.app import build_application
from bot.render import render_summary
from retrieval import AnswerSentence, Library, Summary

from .conftest import make_settings, outlet_sentence, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html


def _sentence(text: str, article: int, day: int) -> AnswerSentence:
    return outlet_sentence(
        text, f"outlet{article}.example", dt.date(2024, 3, day), f"Article {article}"
    )


def _summary(sentences: list[AnswerSentence]) -> Summary:
    dates = [s.date for s in sentences]
    return Summary(
        topic="bridge",
        sentences=sentences,
        articles=len({s.url for s in sentences}),
        first_date=min(dates),
        last_date=max(dates),
    )


def test_best_sentence_first_then_articles_in_a_quote_with_one_attribution_each() -> None:
    summary = _summary(
        [
            _sentence("The bridge opened on Monday.", 1, 20),
            _sentence("The plan was approved in March.", 2, 1),
            _sentence("It cost 40 million dollars.", 2, 1),
            _sentence("Critics fear more traffic.", 3, 10),
            _sentence("Four lanes carry the traffic.", 1, 20),
        ]
    )
    (message,) = render_summary(summary, "Summary: bridge")
    check_html(message)
    opened, _, quoted = message.partition("<blockquote expandable>")
    assert "The bridge opened on Monday. Four lanes carry the traffic." in opened
    assert opened.count('href="https://outlet1.example/story"') == 1
    assert "The plan was approved in March. It cost 40 million dollars." in quoted
    for outlet in (2, 3):  # one attribution an article, its outlet linking to it
        assert quoted.count(f'href="https://outlet{outlet}.example/story"') == 1
    assert "2024-03-01" in quoted and "outlet1" not in quoted


def test_a_long_quote_is_split_into_messages_that_each_stay_valid() -> None:
    summary = _summary([_sentence(f"Sentence {i} " + "word " * 130, i, 1 + i) for i in range(8)])
    parts = render_summary(summary, "Summary: bridge", limit=1500)
    assert len(parts) > 2
    for part in parts:
        check_html(part)
        assert len(part) <= 1500
    assert sum(part.count("<blockquote expandable>") for part in parts) >= 2


async def test_summary_through_the_bot_uses_the_compact_layout(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    records = [
        {
            "id": f"b{i}",
            "title": f"Bridge report {i}",
            "date": f"2024-03-{10 + i:02d}",
            "url": f"https://outlet{i}.example/bridge",
            "text": f"The new bridge over the Example River reached stage {i} on day {10 + i}.\n"
            f"Engineers from firm {i} said the bridge over the river needs {i + 2} more months.",
        }
        for i in range(5)
    ]
    library = Library(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "bridges.jsonl", records)])
    application = build_application(make_settings(fake, tmp_path / "data"), library)
    async with running(application):
        fake.message(7, "/summary bridge river")
        (sent,) = await fake.wait_sent(chat_id=7)
    html: str = sent["text"]
    visible = check_html(html)
    assert visible.startswith("Summary: bridge river")
    opened, _, quoted = html.partition("<blockquote expandable>")
    assert quoted, html
    outlets = [f"https://outlet{i}.example/bridge" for i in range(5)]
    for url in outlets:  # at most one attribution an article, in the open or in the quote
        assert html.count(f'href="{url}"') <= 1
    assert sum(url in opened for url in outlets) == 1
