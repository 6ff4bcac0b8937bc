"""Feeds that misbehave: a feed that dribbles, huge feeds, redirects to where they should not
go. Each feed keeps its own schedule, and answers never wait."""

from __future__ import annotations

import asyncio
import gzip
import itertools
import time
import tracemalloc
from pathlib import Path

import httpx
import pytest

from benchmarks.hostile_memory import huge_feed, measure
from bot import feed_fetch
from bot.app import build_application
from bot.feed_fetch import FeedError, check_redirect, feed_client, fetch_feed
from retrieval import Library

from .conftest import (
    NO_PAGES,
    SMALL_CORPUS,
    answer_latencies,
    make_settings,
    running,
    until,
    write_jsonl,
)
from .fake_telegram import FakeTelegram
from .feed_server import FeedServer, rss


@pytest.mark.slow
async def test_a_dribbling_feed_never_delays_another_and_the_interval_is_kept(
    fake: FakeTelegram, feed_server: FeedServer, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(feed_fetch, "FETCH_DEADLINE", 1.5)  # a byte every 0.3 s, forever
    feed_server.documents["good"] = rss([("Dam", "http://news.test/dam", "The dam held.")])
    urls = f"{feed_server.url}/dribble,{feed_server.url}/good"
    settings = make_settings(fake, tmp_path / "data", feeds=urls, **NO_PAGES)
    settings.feed_interval = 1  # below the allowed 10 s, to keep the test short
    async with running(build_application(settings, Library(tmp_path / "data"))) as app:
        dribble, good = app.bot_data.feeds.states
        await until(lambda: dribble.failures >= 2 and len(feed_server.fetched["good"]) >= 5, 20)
    fetched = feed_server.fetched["good"]
    gaps = [b - a for a, b in itertools.pairwise(fetched)]
    print(f"\ngood feed polled {len(fetched)} times, gaps {[round(g, 2) for g in gaps]}")
    assert len(fetched) >= 4 and all(0.6 < gap < 1.6 for gap in gaps)
    assert 0.9 < sum(gaps) / len(gaps) < 1.2  # the interval, not interval plus a tick
    assert good.last_success is not None and good.added == 1
    assert "timed out" in dribble.last_error and dribble.failures >= 2


@pytest.mark.slow
async def test_a_huge_feed_is_parsed_off_the_event_loop(
    fake: FakeTelegram, feed_server: FeedServer, tmp_path: Path
) -> None:
    feed_server.documents["huge"] = huge_feed()
    assert 9 * 2**20 < len(feed_server.documents["huge"]) < 10 * 2**20
    library = Library(tmp_path / "data")
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    settings = make_settings(fake, tmp_path / "data", feeds=f"{feed_server.url}/huge", **NO_PAGES)
    settings.feed_interval = 3600
    lags: list[float] = []

    async def probe() -> None:  # how late the event loop wakes up: parsing on it would show
        while True:
            started = time.monotonic()
            await asyncio.sleep(0.01)
            lags.append(time.monotonic() - started - 0.01)

    async with running(build_application(settings, library)) as app:
        (state,) = app.bot_data.feeds.states
        while not feed_server.fetched["huge"]:
            await asyncio.sleep(0.05)
        prober = asyncio.create_task(probe())
        latencies = await answer_latencies(fake, range(200, 206))
        busy = state.last_success is None  # still parsing or indexing while we asked
        while state.last_success is None and not state.last_error:
            await asyncio.sleep(0.1)
        prober.cancel()
    print(f"\nduring a 9.5 MB feed poll: answers max {max(latencies):.3f} s, event loop late "
          f"by at most {max(lags):.3f} s (poll busy while asking: {busy})")  # fmt: skip
    assert state.added == 5500
    assert max(latencies) < 5.0
    assert max(lags) < 1.0  # parsing it on the loop takes over a second


async def test_redirects_only_to_http_on_the_same_or_public_hosts(
    feed_server: FeedServer,
) -> None:
    feed_server.documents["good"] = rss([])
    feed_server.redirects.update(
        {"to-file": "file:///etc/passwd", "to-good": "/good", "loop": "/loop",
         "to-gopher": "gopher://127.0.0.1/"}
    )  # fmt: skip
    async with feed_client() as client:
        assert b"<rss" in await fetch_feed(client, f"{feed_server.url}/to-good")
        for name, error in [("to-file", "non-http"), ("to-gopher", "non-http"),
                            ("loop", "more than 5 redirects")]:  # fmt: skip
            with pytest.raises(FeedError, match=error):
                await fetch_feed(client, f"{feed_server.url}/{name}")


async def test_redirect_policy_for_public_and_private_hosts(monkeypatch) -> None:
    addresses = {
        "feeds.example.com": ["93.184.216.34"],
        "cdn.example.net": ["151.101.1.1"],
        "intranet.example": ["10.0.0.5"],
        "mixed.example": ["151.101.1.1", "::1"],
    }

    async def resolve(host: str) -> list[str]:
        if host not in addresses:
            raise OSError("no such host")
        return addresses[host]

    monkeypatch.setattr(feed_fetch, "host_addresses", resolve)
    public = "https://feeds.example.com/rss"
    await check_redirect(public, "https://cdn.example.net/rss")
    await check_redirect(public, "http://feeds.example.com:8080/other")  # same host
    for target in ("http://127.0.0.1/", "http://[::1]:8080/", "http://intranet.example/",
                   "http://mixed.example/", "http://169.254.169.254/latest/meta-data",
                   "http://nowhere.example/"):  # fmt: skip
        with pytest.raises(FeedError):
            await check_redirect(public, target)
    await check_redirect("http://10.0.0.2/rss", "http://127.0.0.1:8080/rss")  # a local feed
    with pytest.raises(FeedError, match="non-http"):
        await check_redirect(public, "ftp://cdn.example.net/rss")


async def test_an_oversized_feed_is_refused(feed_server: FeedServer, monkeypatch) -> None:
    monkeypatch.setattr(feed_fetch, "MAX_FEED_BYTES", 1000)
    feed_server.documents["big"] = b"<rss>" + b" " * 5000
    async with feed_client() as client:
        with pytest.raises(FeedError, match="larger than"):
            await fetch_feed(client, f"{feed_server.url}/big")
    assert isinstance(client, httpx.AsyncClient)


@pytest.mark.slow
def test_a_huge_feed_keeps_memory_bounded(tmp_path: Path) -> None:
    base_verdict, base_peak = measure("small-feed", tmp_path)
    verdict, peak = measure("huge-feed", tmp_path)
    print(f"\npeak RSS: one-item feed {base_peak} MB, 9.5 MB feed {peak} MB "
          f"(x{peak / base_peak:.2f})")  # fmt: skip
    assert base_verdict.startswith("added 1 ") and verdict.startswith("added 5500 ")
    assert peak < base_peak + 600  # the 10 MB cap bounds it


async def test_a_compressed_feed_bomb_is_refused_with_memory_bounded(
    feed_server: FeedServer,
) -> None:
    member = gzip.compress(b"<rss>" + b" " * (10 * 2**20))
    feed_server.documents["bomb"] = member * 100  # 1 GB once inflated, about 1 MB sent
    feed_server.documents["zipped"] = gzip.compress(rss([("Dam", "http://n.test/d", "Held.")]))
    feed_server.headers["bomb"] = feed_server.headers["zipped"] = {"Content-Encoding": "gzip"}
    async with feed_client() as client:
        assert b"<title>Dam</title>" in await fetch_feed(client, f"{feed_server.url}/zipped")
    tracemalloc.start()
    try:
        async with feed_client() as client:
            with pytest.raises(FeedError, match="larger than 10 MB"):
                await fetch_feed(client, f"{feed_server.url}/bomb")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    print(f"\npeak Python allocations while refusing a 1 GB gzip feed: {peak / 2**20:.1f} MB")
    assert peak < 60 * 2**20
