"""Live ingestion from RSS, Atom and JSON feeds (NEWSBOT_FEEDS), polled by the job queue.

Each feed has its own chain of jobs: one that hangs or fails delays only itself. A working
feed is polled every NEWSBOT_FEED_INTERVAL seconds (from the start of one poll to the start of
the next); a failing one is retried after 30 s, 60 s, 120 s, ... (at most the interval).
Fetching is async, polite (``bot.polite``: robots.txt, per-host limits) and conditional (an
unchanged feed answers 304); entries whose text is a teaser get their page's text
(``bot.full_text``); parsing and indexing run on the writer threads and extraction in worker
processes, so answers never wait for a feed. Each feed's health and freshness is kept in
``sources.sqlite3`` (``bot.state.sources``) for /stats and ``newsbot stats``.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from telegram.ext import CallbackContext, JobQueue

from retrieval import (
    Article,
    FeedResult,
    IndexBusyError,
    IndexError_,
    IngestReport,
    Library,
    parse_feed,
)

from .extraction import Extractor
from .feed_fetch import FeedError
from .full_text import PageCounts, PageReader
from .polite import PoliteFetcher
from .polling_guard import PollingGuard
from .settings import Settings
from .state import SourceStatusStore, SourceUpdate
from .workers import WRITER_WAIT, Workers

__all__ = ["FeedState", "FeedsService", "conditional_headers", "ingest_batch"]

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


def _parse(content: bytes, url: str) -> FeedResult:
    """Parse one fetched document (on a writer thread: CPU work)."""
    result = parse_feed(content, url)
    if result.error:
        raise FeedError(result.error)
    return result


def conditional_headers(validators: tuple[str, str]) -> dict[str, str]:
    """If-None-Match / If-Modified-Since from the last fetch's ETag and Last-Modified."""
    etag, modified = validators
    headers = {"If-None-Match": etag} if etag else {}
    return headers | ({"If-Modified-Since": modified} if modified else {})


async def ingest_batch(library: Library, workers: Workers, articles: list[Article]) -> IngestReport:
    """Index a batch on a writer thread (waiting at most WRITER_WAIT for the writer lock)."""
    return await workers.write(
        lambda: library.ingest_articles(lambda _: articles, wait=WRITER_WAIT)
    )


class FeedsService:
    """The feeds of NEWSBOT_FEEDS: each polled on its own chain of jobs, its health kept for
    /stats. A background service, not a feature: it has no handler (its jobs run on any
    application's job queue: it needs nothing of the context but the job)."""

    def __init__(
        self,
        settings: Settings,
        library: Library,
        jobs: JobQueue[Any],
        polling: PollingGuard,
        *,
        status: SourceStatusStore,
        workers: Workers,
    ) -> None:
        self.interval = settings.feed_interval
        self.library = library
        self.jobs = jobs
        self.polling = polling
        self.workers = workers
        self.states = [FeedState(url) for url in settings.feed_urls]
        self.status = status
        self.fetcher = PoliteFetcher(delay=settings.fetch_delay, contact=settings.contact_url)
        self.extractor = Extractor(workers=1)  # the bot keeps the other core for answers
        self.reader = PageReader(
            library,
            self.fetcher,
            self.extractor,
            workers,
            full_text=settings.full_text,
            remember=self.status,
        )

    def start(self) -> None:
        """At start: one job chain per feed, the first polls half a second apart."""
        if self.states and self.reader.full_text and not self.fetcher.agent.endswith(")"):
            log.warning("NEWSBOT_CONTACT_URL is not set: sites cannot tell whom to contact")
        now = time.monotonic()
        for number, state in enumerate(self.states):
            state.next_poll = now + FIRST_POLL * (number + 1)
            self._schedule(state)

    async def close(self) -> None:
        """At shutdown: the HTTP client and the extraction workers."""
        await self.fetcher.aclose()
        self.extractor.close()

    async def poll(self, state: FeedState) -> None:
        """Fetch one feed and index its new entries, with their pages' text where the
        entries are teasers; a failure only delays this feed."""
        started = time.monotonic()
        update = SourceUpdate()
        counts = PageCounts()
        try:
            fetched = await self.fetcher.fetch(
                state.url,
                headers=conditional_headers(
                    await self.workers.state(lambda: self.status.validators(state.url))
                ),
            )
            update.etag, update.last_modified = fetched.etag, fetched.last_modified
            if fetched.status != 304:  # 304: not modified since the last poll, nothing to do
                result = await self.workers.write(lambda: _parse(fetched.body, state.url))
                update.title = result.title
                for batch in await self.reader.index(
                    self.reader.entries(result.entries, counts),
                    lambda articles: ingest_batch(self.library, self.workers, articles),
                ):
                    update.added += batch.report.added
                    update.published += batch.published
                    update.answerable_at = batch.answerable_at
        except (FeedError, IndexError_) as exc:
            state.failures += 1
            state.last_error = "index busy" if isinstance(exc, IndexBusyError) else str(exc)
            delay = min(float(self.interval), FIRST_RETRY * 2 ** (state.failures - 1))
            state.next_poll = time.monotonic() + delay
            error = state.last_error
            await self.workers.state(lambda: self.status.failed("feed", state.url, error))
            log.warning("feed %s failed: %s; retry in %.0f s", state.host, state.last_error, delay)
            return
        update.entries, update.extracted, update.kept = (
            counts.entries,
            counts.extracted,
            counts.kept,
        )
        await self.workers.state(lambda: self.status.succeeded("feed", state.url, update))
        state.failures, state.last_error = 0, ""
        state.last_success = dt.datetime.now(dt.UTC)
        state.added += update.added
        state.next_poll = started + self.interval  # the interval runs from start to start
        log.info(
            "feed %s: %d new entries, %d added, %d with their page's text",
            state.host,
            counts.entries,
            update.added,
            counts.extracted,
        )

    async def _poll_job(self, context: CallbackContext[Any, Any, Any, Any]) -> None:
        """Job: poll this job's feed, then schedule its next poll."""
        job = context.job
        if job is None or not isinstance(job.data, FeedState):
            return
        state = job.data
        try:
            if self.polling.jobs_allowed:
                await self.poll(state)
            else:  # another instance polls with this token: it polls the feeds too
                state.next_poll = time.monotonic() + FIRST_RETRY
        finally:
            self._schedule(state)

    def _schedule(self, state: FeedState) -> None:
        delay = max(0.0, state.next_poll - time.monotonic())
        # However late the loop gets to it (a busy machine), the job runs: a missed one would
        # end the feed's chain of polls for good.
        self.jobs.run_once(
            self._poll_job,
            when=delay,
            data=state,
            name=f"feed:{state.url}",
            job_kwargs={"misfire_grace_time": None},
        )
