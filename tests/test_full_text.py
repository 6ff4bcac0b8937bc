"""Full text for feed entries, over a news site served on 127.0.0.1 (tests/news_site.py): the
pages' text stored, robots.txt and the per-host limits obeyed (the server counts), 429 waited
out, nothing fetched twice, the feed's text kept where a page fails (and why counted)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from telegram.ext import JobQueue

from benchmarks.news_pages import PAYWALLED
from bot import full_text
from bot.app import build_application
from bot.context import NewsContext
from bot.feeds_service import FeedsService
from bot.polling_guard import PollingGuard
from bot.settings import Settings
from bot.state import SourceStatusStore
from bot.workers import Workers
from retrieval import Library

from .conftest import make_settings, running, until
from .fake_telegram import FakeTelegram
from .feed_server import FeedServer
from .news_site import ELSEWHERE, ON_SITE, PRIVATE, NewsSite
from .telegram_html import check_html

DELAY = 0.2  # seconds between two requests to one host (1 s by default)


@pytest.fixture
async def site() -> AsyncIterator[NewsSite]:
    server = NewsSite()
    await server.start()
    yield server
    await server.stop()


async def feeds_of(tmp_path: Path, urls: list[str]) -> FeedsService:
    settings = Settings(
        telegram_bot_token=SecretStr("1:x"),
        data_dir=tmp_path / "data",
        feeds=",".join(urls),
        fetch_delay=DELAY,
        contact_url="https://example.org/newsbot-operator",
    )
    library = Library(tmp_path / "data", seed=False)
    return FeedsService(
        settings,
        library,
        JobQueue[NewsContext](),
        PollingGuard(),
        status=SourceStatusStore(settings.data_dir),
        workers=Workers(),
    )


def stored(library: Library) -> dict[str, str]:
    return {article.title: article.text for article in library.articles()}


async def test_feed_pages_are_read_politely_once_and_failures_keep_the_feed_text(
    tmp_path: Path, site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    site.extra_entries = [
        ("Annual report", f"{site.url}/report.pdf", "The annual report is out.", PRIVATE.published)
    ]
    feeds = await feeds_of(tmp_path, [f"{site.url}/feed.xml"])
    (state,) = feeds.states
    try:
        await feeds.poll(state)
        texts = stored(feeds.library)
        # Every article page's text, exactly as written, in place of the feed's teaser.
        for article in (*ON_SITE, ELSEWHERE):
            assert texts[article.title] == article.body, article.slug
        # robots.txt disallows /private/: never fetched, the entry keeps the feed's text.
        assert site.count(f"/private/{PRIVATE.slug}") == 0
        assert texts[PRIVATE.title] == PRIVATE.teaser
        assert texts[PAYWALLED.title] == PAYWALLED.teaser  # the paywall's teaser is shorter
        assert texts["All local news"] == "Everything that happened in Eastgate this week."
        assert state.last_error == "" and len(texts) == 12

        # Politeness, as the server saw it: one robots.txt per host, at most 2 at a time, the
        # delay between starts, 429 waited out (Retry-After: 1), our User-Agent.
        assert site.count("/robots.txt") == 1 and site.count("/robots.txt", "127.0.0.2") == 1
        assert site.hosts["127.0.0.1"].most_in_flight <= 2
        assert site.min_gap("127.0.0.1") >= DELAY * 0.7  # arrivals: a little jitter
        first_try, second_try = site.started[f"127.0.0.2 /news/{ELSEWHERE.slug}"]
        assert second_try - first_try >= 0.9
        assert site.agents == {"newsbot/0.1 (+https://example.org/newsbot-operator)"}

        (status,) = feeds.status.statuses()
        assert (status.title, status.articles, status.entries) == ("Eastgate Courier", 12, 12)
        assert status.extracted == 7 and status.full_text_share == pytest.approx(7 / 12)
        assert status.kept == {
            "robots.txt": 1,
            "paywall": 1,
            "not an article (no main text)": 1,
            "HTTP 404": 1,
            "not HTML": 1,
        }
        assert status.median_delay is not None and status.newest is not None

        # Polled again: the feed answers 304 to our ETag, and no page is fetched again.
        before = sum(site.fetched.values())
        await feeds.poll(state)
        assert site.not_modified == 1 and sum(site.fetched.values()) == before + 1
        # An entry for a stored page under another address (tracking parameters, a fragment)
        # is not fetched either; a new page is, and a page too large keeps the feed's text.
        monkeypatch.setattr(full_text, "MAX_PAGE_BYTES", 10_000)
        first = ON_SITE[0]
        site.extra_entries += [
            (
                first.title,
                f"{site.url}/news/{first.slug}?utm_campaign=x#top",
                "Again",
                first.published,
            ),
            (
                "Bridge, the whole story",
                f"{site.url}/news/{ON_SITE[1].slug}?ref_src=tw",
                "b",
                first.published,
            ),
        ]
        fetched = dict(site.fetched)
        await feeds.poll(state)
        assert dict(site.fetched) == {
            **fetched,
            "127.0.0.1 /feed.xml": fetched["127.0.0.1 /feed.xml"] + 1,
        }
        assert feeds.library.stats().articles == 12
    finally:
        await feeds.close()


async def test_pages_stay_bounded_in_size_type_and_extraction_time(
    tmp_path: Path, site: NewsSite, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot.extraction import Extractor
    from bot.full_text import PageCounts, PageReader
    from bot.polite import PoliteFetcher

    monkeypatch.setattr(full_text, "MAX_PAGE_BYTES", 3_000)  # the article pages are about 4 kB
    library = Library(tmp_path / "data", seed=False)
    extractor = Extractor(deadline=0.001)  # a worker's first page takes longer: it is ended
    page = f"{site.url}/news/{ON_SITE[0].slug}"
    try:
        async with PoliteFetcher(delay=0) as fetcher:
            reader = PageReader(library, fetcher, extractor, Workers())
            counts = PageCounts()
            urls = [(page, None), (f"{site.url}/report.pdf", None)]
            assert [entry async for entry in reader.pages(urls, counts)] == []
            assert counts.kept == {"too large": 1, "not HTML": 1} and counts.fetched == 0
            monkeypatch.setattr(full_text, "MAX_PAGE_BYTES", 5 * 2**20)
            assert [entry async for entry in reader.pages([(page, None)], counts)] == []
            assert counts.kept["extraction took over 0.001 s"] == 1 and counts.fetched == 1
            assert extractor._pool is None  # the stuck worker was ended with its pool
    finally:
        extractor.close()


async def test_the_bot_answers_from_a_feed_entry_s_page(
    fake: FakeTelegram, tmp_path: Path, site: NewsSite
) -> None:
    """Only the page says what the bridge cost: the feed's teaser does not."""
    settings = make_settings(
        fake, tmp_path / "data", feeds=f"{site.url}/feed.xml", fetch_delay=0.05
    )
    library = Library(tmp_path / "data")
    async with running(build_application(settings, library)) as app:
        assert await until(lambda: library.stats().articles == 12, 60)
        fake.message(7, "How much did the Eastgate harbor bridge cost?", user_id=7)
        (answer,) = await fake.wait_sent(chat_id=7)
        await app.bot_data.feeds.close()
    assert "412 million euros" in check_html(answer["text"])


async def test_only_pages_refused_for_good_are_remembered(
    tmp_path: Path, feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Why a fetch failed travels as data (FeedError.reason, .transient): a 404 is remembered
    and not fetched again for a while; a 503 and a timeout are tried again next time."""
    from bot import polite
    from bot.extraction import Extractor
    from bot.full_text import PageCounts, PageReader
    from bot.polite import PoliteFetcher
    from retrieval import url_identity

    monkeypatch.setattr(polite, "FIRST_BACKOFF", 0.01)  # the 503 is retried at once
    feed_server.statuses["gone"] = 404
    feed_server.statuses["busy"] = 503
    status = SourceStatusStore(tmp_path)
    library = Library(tmp_path / "data", seed=False)
    urls = [(f"{feed_server.url}/{path}", None) for path in ("gone", "busy")]
    extractor = Extractor()
    try:
        async with PoliteFetcher(delay=0) as fetcher:
            reader = PageReader(library, fetcher, extractor, Workers(), remember=status)
            counts = PageCounts()
            assert [entry async for entry in reader.pages(urls, counts)] == []
    finally:
        extractor.close()
    assert counts.kept == {"HTTP 404": 1, "HTTP 503": 1}
    remembered = status.refused([url_identity(url) for url, _ in urls])
    assert remembered == {url_identity(urls[0][0]): "HTTP 404"}
