"""Inline lookup end to end: inline queries through the fake Bot API server."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from bot.context import NewsApp
from bot.deeplinks import query_of_payload
from retrieval import Library

from .conftest import make_settings, running, write_jsonl
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


def _glacier_articles(count: int) -> list[dict[str, Any]]:
    """Articles with several passages each about one topic: a pool cut at a few passages per
    wanted article finds too few distinct articles."""
    paragraph = (
        "Scientists measured the glacier in valley {i} again this season, part {p} of the "
        "survey, and found the ice had retreated further than the models of the institute "
        "predicted for the glacier over the coming decades."
    )
    return [
        {
            "id": f"g{i}",
            "title": f"Glacier survey {i}",
            "date": (dt.date(2023, 1, 1) + dt.timedelta(days=i)).isoformat(),
            "url": f"https://example.com/glaciers/{i}",
            "text": "\n".join(paragraph.format(i=i, p=p) for p in range(8)),
        }
        for i in range(count)
    ]


def _glacier_bot(fake: FakeTelegram, tmp_path: Path, count: int) -> tuple[Library, NewsApp]:
    """A library of ``count`` glacier surveys (all matching "glacier survey"), and its bot."""
    library = Library(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "glaciers.jsonl", _glacier_articles(count))])
    return library, build_application(make_settings(fake, tmp_path / "data"), library)


async def _scroll(fake: FakeTelegram, query: str) -> list[dict[str, Any]]:
    """The pages of ``query`` as a person scrolling gets them, until no next page (at most 5)."""
    pages: list[dict[str, Any]] = []
    offset = ""
    while len(pages) < 5:
        pages.append(await _answer(fake, query, offset=offset))
        offset = pages[-1].get("next_offset") or ""  # the fake reads "" as []
        if not offset:
            break
    return pages


async def test_paging_continues_until_the_matches_run_out(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    _, application = _glacier_bot(fake, tmp_path, 47)
    async with running(application):
        pages = await _scroll(fake, "glacier survey")
    assert [len(_results(page)) for page in pages] == [20, 20, 7]
    assert [page.get("next_offset") or "" for page in pages] == ["20", "40", ""]
    ids = [r["id"] for page in pages for r in page["results"]]
    assert len(ids) == len(set(ids)) == 47  # every article once, none twice across pages


async def test_paging_stops_at_the_results_cap(
    fake: FakeTelegram, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from retrieval import lookup

    monkeypatch.setattr(lookup, "MAX_RESULTS", 30)
    _, application = _glacier_bot(fake, tmp_path, 47)
    async with running(application):
        first = await _answer(fake, "glacier survey")
        second = await _answer(fake, "glacier survey", offset="20")
        beyond = await _answer(fake, "glacier survey", offset="40")
    assert first["next_offset"] == "20"
    assert len(_results(second)) == 10 and not second.get("next_offset")
    assert _results(beyond) == [] and not beyond.get("next_offset")


async def test_paging_after_a_commit_shows_the_new_article(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    """Pages resume the cached reading of their query until a commit; then they read anew."""
    library, application = _glacier_bot(fake, tmp_path, 40)

    async def scroll() -> list[str]:
        return [r["id"] for page in await _scroll(fake, "glacier survey") for r in page["results"]]

    async with running(application):
        before = await scroll()
        late = _glacier_articles(41)[40:]  # another process adds an article between pages
        Library(tmp_path / "data").ingest([write_jsonl(tmp_path / "late.jsonl", late)])
        library.refresh(0)
        after = await scroll()
    assert len(before) == len(set(before)) == 40
    assert len(after) == len(set(after)) == 41 and set(before) < set(after)
