"""Live ingestion from RSS/Atom feeds (NEWSBOT_FEEDS), polled by the job queue.

Each feed is fetched on its own schedule: every NEWSBOT_FEED_INTERVAL seconds while it works,
sooner with growing pauses after a failure. A feed that is down, slow, or not a feed is logged
and retried; fetching is async with a timeout and indexing runs in a thread, so answers never
wait for a feed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx
from telegram.ext import Application, ContextTypes

from retrieval import IndexError_
from retrieval.feeds import parse_feed

from .common import get_library, get_settings, in_thread

log = logging.getLogger("newsbot")

FETCH_TIMEOUT = 20.0
MAX_FEED_BYTES = 10 * 1024 * 1024
FIRST_RETRY = 30.0  # seconds after a first failure; doubles with each further one
FIRST_POLL = 0.5  # seconds after start before the first poll (tests drive polls themselves)
_USER_AGENT = "newsbot/0.1 (+https://github.com/)"


class FeedError(Exception):
    """One fetch of a feed failed; the message says how, in a few words."""


@dataclass
class FeedState:
    """What the bot knows of one feed; shown by /stats."""

    url: str
    last_success: dt.datetime | None = None
    last_error: str = ""
    failures: int = 0
    added: int = 0
    next_poll: float = field(default=0.0)  # time.monotonic() when it is due

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or "feed"  # URLs may carry keys: log the host only


def feed_states(application: Application) -> list[FeedState]:  # type: ignore[type-arg]
    states: list[FeedState] = application.bot_data.setdefault("feeds", [])
    return states


async def fetch_feed(client: httpx.AsyncClient, url: str) -> bytes:
    """The feed document; FeedError on HTTP errors, timeouts and oversized answers."""
    try:
        async with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise FeedError(f"HTTP {response.status_code}")
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_FEED_BYTES:
                    raise FeedError("larger than 10 MB")
                chunks.append(chunk)
            return b"".join(chunks)
    except httpx.TimeoutException:
        raise FeedError("timed out") from None
    except httpx.HTTPError as exc:
        raise FeedError(type(exc).__name__) from None


async def poll_feed(
    context: ContextTypes.DEFAULT_TYPE, client: httpx.AsyncClient, state: FeedState
) -> None:
    """Fetch one feed and index its new entries; a failure only delays this feed."""
    interval = get_settings(context).feed_interval
    library = get_library(context)
    try:
        content = await fetch_feed(client, state.url)
        result = parse_feed(content, state.url)
        if result.error:
            raise FeedError(result.error)
        report = await in_thread(lambda: library.ingest_articles(lambda _: result.articles))
    except (FeedError, IndexError_) as exc:
        state.failures += 1
        state.last_error = str(exc)
        delay = min(float(interval), FIRST_RETRY * 2 ** (state.failures - 1))
        state.next_poll = time.monotonic() + delay
        log.warning("feed %s failed: %s; retry in %.0f s", state.host, exc, delay)
        return
    state.failures, state.last_error = 0, ""
    state.last_success = dt.datetime.now(dt.UTC)
    state.added += report.added
    state.next_poll = time.monotonic() + interval
    log.info("feed %s: added %d, duplicate %d", state.host, report.added, report.duplicates)


async def poll_feeds(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: poll every feed that is due, all at once."""
    now = time.monotonic()
    due = [s for s in feed_states(context.application) if s.next_poll <= now]
    if not due:
        return
    headers = {"User-Agent": _USER_AGENT}
    async with httpx.AsyncClient(
        timeout=FETCH_TIMEOUT, follow_redirects=True, headers=headers
    ) as client:
        await asyncio.gather(*(poll_feed(context, client, state) for state in due))


async def schedule_feeds(application: Application) -> None:  # type: ignore[type-arg]
    """At start: one ticking job; each feed keeps its own due time."""
    settings = application.bot_data["settings"]
    states = feed_states(application)
    states[:] = [FeedState(url) for url in settings.feed_urls]
    if states and application.job_queue is not None:
        tick = min(float(settings.feed_interval), FIRST_RETRY)
        application.job_queue.run_repeating(
            poll_feeds, interval=tick, first=FIRST_POLL, name="feeds"
        )
