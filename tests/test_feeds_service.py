"""bot.feeds_service without the bot: polling, backoff after failures, one job chain per feed."""

from __future__ import annotations

import time
from pathlib import Path

from pydantic import SecretStr
from telegram.ext import JobQueue

from bot.context import NewsContext
from bot.feeds_service import FIRST_RETRY, FeedsService
from bot.polling_guard import PollingGuard
from bot.settings import Settings
from bot.state import SourceStatusStore
from bot.workers import Workers
from retrieval import Library

from .conftest import NO_PAGES
from .feed_server import FeedServer, rss


def service(tmp_path: Path, urls: list[str], interval: int = 600) -> FeedsService:
    settings = Settings(
        telegram_bot_token=SecretStr("1:x"),
        data_dir=tmp_path / "data",
        feeds=",".join(urls),
        feed_interval=interval,
        **NO_PAGES,
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


async def test_a_failing_feed_backs_off_doubling_up_to_the_interval(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feed_server.statuses["down"] = 500
    feeds = service(tmp_path, [f"{feed_server.url}/down"], interval=100)
    (state,) = feeds.states
    delays = []
    for _ in range(4):
        await feeds.poll(state)
        delays.append(round(state.next_poll - time.monotonic()))
    assert state.failures == 4 and "500" in state.last_error
    assert delays == [FIRST_RETRY, 2 * FIRST_RETRY, 100, 100]


async def test_a_good_poll_adds_entries_once_and_clears_the_failures(
    tmp_path: Path, feed_server: FeedServer
) -> None:
    feeds = service(tmp_path, [f"{feed_server.url}/news"], interval=600)
    (state,) = feeds.states
    state.failures, state.last_error = 2, "earlier trouble"
    feed_server.documents["news"] = rss(
        [("Harbor bridge opens", "http://news.test/a", "The new harbor bridge opened.")]
    )
    started = time.monotonic()
    await feeds.poll(state)
    await feeds.poll(state)  # the same entry again: stored once
    assert (state.failures, state.last_error, state.added) == (0, "", 1)
    assert state.last_success is not None
    assert 599 <= state.next_poll - started <= 601


def test_start_schedules_one_job_chain_per_feed(tmp_path: Path) -> None:
    urls = ["http://127.0.0.1:9/a", "http://127.0.0.1:9/b"]
    feeds = service(tmp_path, urls)
    feeds.start()
    assert [state.url for state in feeds.states] == urls
    first, second = (state.next_poll for state in feeds.states)
    assert 0 < second - first <= 1.0  # the first polls are spread out
