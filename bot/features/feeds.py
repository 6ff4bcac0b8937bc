"""Live ingestion from RSS/Atom feeds (NEWSBOT_FEEDS), polled by the job queue.

Each feed has its own chain of jobs: one that hangs or fails delays only itself. A working
feed is polled every NEWSBOT_FEED_INTERVAL seconds (from the start of one poll to the start of
the next); a failing one is retried after 30 s, 60 s, 120 s, ... (at most the interval).
Fetching is async with a deadline (``bot.feed_fetch``); parsing and indexing run on the writer
threads, so answers never wait for a feed.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from telegram.ext import Application, ContextTypes

from retrieval import IndexBusyError, IndexError_, IngestReport, Library
from retrieval.feeds import parse_feed

from ..feed_fetch import FeedError, feed_client, fetch_feed
from ..workers import WRITER_WAIT, in_write_thread
from .common import jobs_allowed

log = logging.getLogger("newsbot")

FIRST_RETRY = 30.0  # seconds after a first failure; doubles with each further one
FIRST_POLL = 0.5  # seconds after start before the first poll, then the next feed's


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


def _ingest(library: Library, content: bytes, url: str) -> IngestReport:
    """Parse and index one fetched document (on a writer thread: both are CPU work)."""
    result = parse_feed(content, url)
    if result.error:
        raise FeedError(result.error)
    return library.ingest_articles(lambda _: result.articles, wait=WRITER_WAIT)


async def poll_feed(application: Application, state: FeedState) -> None:  # type: ignore[type-arg]
    """Fetch one feed and index its new entries; a failure only delays this feed."""
    interval = application.bot_data["settings"].feed_interval
    library: Library = application.bot_data["library"]
    started = time.monotonic()
    try:
        async with feed_client() as client:
            content = await fetch_feed(client, state.url)
        report = await in_write_thread(lambda: _ingest(library, content, state.url))
    except (FeedError, IndexError_) as exc:
        state.failures += 1
        state.last_error = "index busy" if isinstance(exc, IndexBusyError) else str(exc)
        delay = min(float(interval), FIRST_RETRY * 2 ** (state.failures - 1))
        state.next_poll = time.monotonic() + delay
        log.warning("feed %s failed: %s; retry in %.0f s", state.host, state.last_error, delay)
        return
    state.failures, state.last_error = 0, ""
    state.last_success = dt.datetime.now(dt.UTC)
    state.added += report.added
    state.next_poll = started + interval  # the interval runs from start to start
    log.info("feed %s: added %d, duplicate %d", state.host, report.added, report.duplicates)


async def _poll_job(context: ContextTypes.DEFAULT_TYPE) -> None:
    """Job: poll this job's feed, then schedule its next poll."""
    job = context.job
    if job is None or not isinstance(job.data, FeedState):
        return
    state = job.data
    try:
        if jobs_allowed(context.application):
            await poll_feed(context.application, state)
        else:  # another instance polls with this token: it polls the feeds too
            state.next_poll = time.monotonic() + FIRST_RETRY
    finally:
        _schedule(context.application, state)


def _schedule(application: Application, state: FeedState) -> None:  # type: ignore[type-arg]
    if application.job_queue is not None:
        delay = max(0.0, state.next_poll - time.monotonic())
        application.job_queue.run_once(_poll_job, when=delay, data=state, name=f"feed:{state.url}")


async def schedule_feeds(application: Application) -> None:  # type: ignore[type-arg]
    """At start: one job chain per feed, the first polls half a second apart."""
    settings = application.bot_data["settings"]
    states = feed_states(application)
    states[:] = [FeedState(url) for url in settings.feed_urls]
    now = time.monotonic()
    for number, state in enumerate(states):
        state.next_poll = now + FIRST_POLL * (number + 1)
        _schedule(application, state)
