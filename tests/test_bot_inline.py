"""Inline lookup end to end: inline queries through the fake Bot API server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from bot.deeplinks import query_of_payload
from retrieval import Library

from .conftest import write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html


def _results(call: dict[str, Any]) -> list[dict[str, Any]]:
    results = call["results"]
    assert isinstance(results, list) and len(results) <= 50
    ids = [r["id"] for r in results]
    assert len(ids) == len(set(ids))
    for result in results:
        assert result["type"] == "article" and result["title"]
        assert result["description"]
        content = result["input_message_content"]
        assert content["parse_mode"] == "HTML"
        check_html(content["message_text"])
    return results


async def _answer(fake: FakeTelegram, query: str, offset: str = "") -> dict[str, Any]:
    query_id = fake.inline_query(query, offset=offset)
    calls = await fake.wait_sent(method="answerInlineQuery")
    for call in calls:
        if call["inline_query_id"] == query_id:
            return call
    calls = await fake.wait_sent(len(calls) + 1, method="answerInlineQuery")
    return next(c for c in calls if c["inline_query_id"] == query_id)


async def test_inline_query_lists_matching_articles_with_a_card(fake: FakeTelegram, bot) -> None:
    call = await _answer(fake, "World Series")
    results = _results(call)
    assert results[0]["title"] == "Rangers win the World Series"
    assert "2023-11-02" in results[0]["description"] and "example.com" in results[0]["description"]
    card = results[0]["input_message_content"]["message_text"]
    visible = check_html(card)
    assert "Texas Rangers" in visible and "2023-11-02" in visible
    assert 'href="https://example.com/sports/rangers"' in card
    assert int(call["cache_time"]) > 0


async def test_empty_query_lists_recent_articles(fake: FakeTelegram, bot) -> None:
    results = _results(await _answer(fake, ""))
    dates = [r["description"][:10] for r in results]
    assert dates[0] == "2023-11-02" and dates == sorted(dates, reverse=True)


async def test_nonsense_query_answers_nothing_found_with_a_button(fake: FakeTelegram, bot) -> None:
    call = await _answer(fake, "xylophone quasar zebra")
    results = _results(call)
    assert [r["id"] for r in results] == ["nothing-found"]
    payload = call["button"]["start_parameter"]
    assert query_of_payload(payload) == "xylophone quasar zebra"  # /start asks it again


async def test_odd_inline_queries_never_fail(fake: FakeTelegram, bot) -> None:
    for query in ["🚀🔥", "the of and", "x" * 256, "Что с С-400", "<b>&amp;</b>", "june 2019"]:
        _results(await _answer(fake, query))
    assert not [c for c in fake.calls if c.method == "sendMessage"]  # no apology was needed


async def test_paging_with_next_offset(fake: FakeTelegram, tmp_path: Path) -> None:
    from bot.app import build_application

    from .conftest import make_settings, running

    records = [
        {
            "id": f"s{i}",
            "title": f"Storm report {i}",
            "date": (dt.date(2023, 1, 1) + dt.timedelta(days=i)).isoformat(),
            "text": f"A storm hit the town of Example{i} on day {i}.",
        }
        for i in range(30)
    ]
    library = Library(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "storms.jsonl", records)])
    application = build_application(make_settings(fake, tmp_path / "data"), library)
    async with running(application):
        first = await _answer(fake, "storm")
        assert len(_results(first)) == 20 and first["next_offset"] == "20"
        second = await _answer(fake, "storm", offset="20")
        assert len(_results(second)) == 10 and not second.get("next_offset")
        seen = {r["id"] for r in first["results"]} | {r["id"] for r in second["results"]}
        assert len(seen) == 30


async def test_offsets_that_are_not_ascii_digits_start_from_the_top(
    fake: FakeTelegram, bot
) -> None:
    for offset in ("²", "٣", "1²", "９"):  # str.isdigit() accepts them, int() refuses some
        results = _results(await _answer(fake, "World Series", offset=offset))
        assert results[0]["title"] == "Rangers win the World Series", offset
