"""bot.polite over HTTP on 127.0.0.1 (tests/feed_server.py serves /robots.txt like any name):
robots.txt read once and kept, unreadable ones disallowing, Retry-After and backoff, the delay
between requests to one host, and the User-Agent."""

from __future__ import annotations

import itertools
import time

import pytest

from bot import polite
from bot.feed_fetch import FeedError
from bot.polite import PoliteFetcher, RobotsRefused

from .feed_server import FeedServer


class Clock:
    def __init__(self) -> None:
        self.now = time.monotonic()

    def __call__(self) -> float:
        return self.now


async def test_robots_txt_is_read_once_kept_a_day_and_obeyed(feed_server: FeedServer) -> None:
    feed_server.documents["robots.txt"] = b"User-agent: newsbot\nDisallow: /secret\n"
    feed_server.documents["open"] = b"<rss/>"
    feed_server.documents["secret"] = b"<rss/>"
    clock = Clock()
    async with PoliteFetcher(delay=0, clock=clock) as fetcher:
        assert (await fetcher.fetch(f"{feed_server.url}/open")).body == b"<rss/>"
        with pytest.raises(RobotsRefused):
            await fetcher.fetch(f"{feed_server.url}/secret")
        await fetcher.fetch(f"{feed_server.url}/open")
        assert len(feed_server.fetched["robots.txt"]) == 1 and not feed_server.fetched["secret"]
        clock.now += polite.ROBOTS_LIFETIME + 1  # a day later: read again
        await fetcher.fetch(f"{feed_server.url}/open")
        assert len(feed_server.fetched["robots.txt"]) == 2
        assert fetcher.refused_by_robots == 1


async def test_an_unreadable_robots_txt_disallows_the_site_until_tried_again(
    feed_server: FeedServer,
) -> None:
    feed_server.statuses["robots.txt"] = 503
    feed_server.documents["page"] = b"<rss/>"
    clock = Clock()
    async with PoliteFetcher(delay=0, clock=clock) as fetcher:
        with pytest.raises(RobotsRefused):
            await fetcher.fetch(f"{feed_server.url}/page")
        assert not feed_server.fetched["page"]
        del feed_server.statuses["robots.txt"]  # now missing (404): everything allowed
        clock.now += polite.ROBOTS_RETRY + 1
        assert (await fetcher.fetch(f"{feed_server.url}/page")).body == b"<rss/>"


async def test_429_and_503_are_waited_out_and_a_long_retry_after_gives_up(
    feed_server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(polite, "FIRST_BACKOFF", 0.1)
    feed_server.statuses["busy"] = 503  # no Retry-After: backoff 0.1 s, 0.2 s, 0.4 s
    feed_server.statuses["later"] = 429
    feed_server.headers["later"] = {"Retry-After": "3600"}
    async with PoliteFetcher(delay=0) as fetcher:
        with pytest.raises(FeedError, match="HTTP 503"):
            await fetcher.fetch(f"{feed_server.url}/busy")
        gaps = [
            b - a
            for a, b in zip(
                feed_server.fetched["busy"], feed_server.fetched["busy"][1:], strict=False
            )
        ]
        assert len(feed_server.fetched["busy"]) == 1 + polite.RETRIES
        assert all(gap >= want * 0.8 for gap, want in zip(gaps, [0.1, 0.2, 0.4], strict=True))
        started = time.monotonic()
        with pytest.raises(FeedError, match="asked to wait 3600 s"):
            await fetcher.fetch(f"{feed_server.url}/later")
        assert time.monotonic() - started < 1 and len(feed_server.fetched["later"]) == 1


async def test_requests_to_one_host_keep_the_delay_and_crawl_delay(
    feed_server: FeedServer,
) -> None:
    feed_server.documents["robots.txt"] = b"User-agent: *\nCrawl-delay: 1\n"
    feed_server.documents["a"] = b"<rss/>"
    async with PoliteFetcher(delay=0.2) as fetcher:
        for _ in range(3):
            await fetcher.fetch(f"{feed_server.url}/a")
        assert fetcher.agent == "newsbot/0.1"
    starts = feed_server.fetched["robots.txt"] + feed_server.fetched["a"]
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    # The server sees arrivals: a request may arrive a little late, the next one on time.
    assert gaps[0] >= 0.15 and all(gap >= 0.9 for gap in gaps[1:])
