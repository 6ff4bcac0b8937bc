"""Full text for feed entries: an entry whose text is a teaser gets its page fetched (politely,
``bot.polite``), its main text extracted (``bot.extraction``) and taken when it is an article
longer than the teaser. Where the page fails, the entry keeps the feed's text, and why is
counted. A page already stored (by its link, or by its canonical address without tracking
parameters) is never fetched again."""

from __future__ import annotations

import asyncio
import dataclasses
import datetime as dt
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable, Coroutine, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from retrieval import (
    Article,
    FeedEntry,
    IngestReport,
    Library,
    PageText,
    entry_with_page,
    page_article,
    url_identity,
)

from .extraction import Extractor
from .feed_fetch import FeedError
from .polite import PoliteFetcher, RobotsRefused
from .state import SourceStatusStore
from .workers import Workers

__all__ = [
    "MAX_PAGE_BYTES",
    "PAGE_TYPES",
    "SHORT_ENTRY_WORDS",
    "Ingested",
    "PageCounts",
    "PageReader",
]

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a larger page is not read (the feed's text is kept)
PAGE_TYPES = ("text/html", "application/xhtml+xml")
SHORT_ENTRY_WORDS = 150  # an entry with fewer words is a teaser: its page is read
PAGES_AT_ONCE = 8  # pages fetched or extracted at a time (per-host limits apply within)
BATCH = 20  # articles indexed together: each batch is answerable as soon as it is in


@dataclass
class PageCounts:
    """What reading pages did: pages fetched, entries that got their page's text, entries
    that kept the feed's text and why, pages robots.txt refused, failed fetches."""

    entries: int = 0  # new entries (or pages asked for)
    fetched: int = 0
    extracted: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    robots: int = 0
    failures: int = 0


@dataclass
class Ingested:
    """One batch indexed: the report, and the publication times of what it added."""

    report: IngestReport
    published: list[float]
    answerable_at: float


class PageReader:
    """Reads pages through ``fetcher`` and ``extractor`` for ``library`` (whose stored
    identities say which pages need no fetching), its lookups on ``workers``' threads."""

    def __init__(
        self,
        library: Library,
        fetcher: PoliteFetcher,
        extractor: Extractor,
        workers: Workers,
        *,
        full_text: bool = True,
        remember: SourceStatusStore | None = None,
    ) -> None:
        self.library = library
        self.remember = remember  # pages refused for good, not fetched again for a while
        self.fetcher = fetcher
        self.extractor = extractor
        self.workers = workers
        self.full_text = full_text
        self.tick: Callable[[], None] | None = None  # after each entry or page (progress)

    async def _page(self, url: str, counts: PageCounts) -> PageText:
        """The page at ``url`` extracted; a refused PageText (and the count) when it fails."""
        try:
            fetched = await self.fetcher.fetch(
                url, max_bytes=MAX_PAGE_BYTES, content_types=PAGE_TYPES
            )
        except RobotsRefused:
            counts.robots += 1
            return PageText(refused="robots.txt")
        except FeedError as exc:
            counts.failures += 1
            return PageText(refused=exc.reason, retry=exc.transient)
        counts.fetched += 1
        return await self.extractor.extract(fetched.body, fetched.url)

    async def _refused(self, url_ids: list[str]) -> dict[str, str]:
        """Pages refused for good lately (not fetched again), and why."""
        if self.remember is None:
            return {}
        remember = self.remember
        return await self.workers.state(lambda: remember.refused([i for i in url_ids if i]))

    async def _note_refused(self, url: str, page: PageText) -> None:
        """A page refused for good (not an article, robots.txt, a 4xx) is not fetched again
        for a while; one refused for now (a timeout, a 5xx, a busy machine) is."""
        remember, reason = self.remember, page.refused
        if remember is not None and reason and not page.retry and url_identity(url):
            await self.workers.state(lambda: remember.remember_refused(url_identity(url), reason))

    async def _new(self, identities: Sequence[tuple[str, ...]]) -> list[bool]:
        """Which of these articles (by their identities) are not stored yet."""
        every = {ident for ids in identities for ident in ids}
        stored = await self.workers.read(lambda: self.library.stored_ids(every))
        return [not (set(ids) & stored) for ids in identities]

    # -- feed entries -----------------------------------------------------------------------

    async def entries(
        self, entries: list[FeedEntry], counts: PageCounts
    ) -> AsyncIterator[FeedEntry]:
        """The entries not stored yet, each with its page's text where that could be had,
        as they are ready."""
        keys = [_identities(entry.article) for entry in entries]
        fresh: list[FeedEntry] = []
        seen: set[str] = set()
        for entry, is_new, ids in zip(entries, await self._new(keys), keys, strict=True):
            if is_new and not (set(ids) & seen):
                seen.update(ids)
                fresh.append(entry)
        counts.entries += len(fresh)
        refused = await self._refused([url_identity(entry.article.url) for entry in fresh])
        jobs = [self._complete(entry, counts, refused) for entry in fresh]
        async for done in _as_ready(jobs):
            if self.tick is not None:
                self.tick()
            yield done

    async def _complete(
        self, entry: FeedEntry, counts: PageCounts, refused: dict[str, str]
    ) -> FeedEntry:
        article = entry.article
        if not self.full_text or len(article.text.split()) >= SHORT_ENTRY_WORDS:
            return entry  # full text in the feed already (or fetching is off): nothing to do
        if not article.url.startswith(("http://", "https://")):
            counts.kept["no link"] += 1
            return entry
        earlier = refused.get(url_identity(article.url))
        if earlier:  # refused for good lately (not an article, robots.txt, 404): not fetched
            counts.kept[earlier] += 1
            return entry
        page = await self._page(article.url, counts)
        full, reason = entry_with_page(article, page)
        if reason:
            counts.kept[reason] += 1
            await self._note_refused(article.url, page)
            return entry
        counts.extracted += 1
        if entry.published is None and page.published is not None:  # the feed gave no date
            day = dt.datetime.fromtimestamp(page.published, tz=dt.UTC).date()
            if day <= dt.datetime.now(dt.UTC).date():
                full = dataclasses.replace(full, date=day)
        return FeedEntry(full, entry.published)

    # -- pages alone (newsbot index URL, sitemaps) ------------------------------------------

    async def pages(
        self, urls: Sequence[tuple[str, float | None]], counts: PageCounts
    ) -> AsyncIterator[FeedEntry]:
        """Articles of the pages at ``urls`` (with their publication times, when a sitemap
        gives them) not stored yet; a page that is no article is counted, not stored."""
        keys = [(url_identity(url), f"id:{url}") for url, _ in urls]
        refused = await self._refused([key[0] for key in keys])
        fresh = [
            pair
            for pair, is_new, key in zip(urls, await self._new(keys), keys, strict=True)
            if is_new and key[0] not in refused and pair[0].startswith(("http://", "https://"))
        ]
        counts.entries += len(fresh)

        async def read(url: str, published: float | None) -> FeedEntry | None:
            page = await self._page(url, counts)
            if page.refused:
                counts.kept[page.refused] += 1
                await self._note_refused(url, page)
                return None
            try:
                article = page_article(url, page)
            except ValueError as exc:
                counts.kept[str(exc)] += 1
                return None
            counts.extracted += 1
            return FeedEntry(article, published if published is not None else page.published)

        async for done in _as_ready([read(url, when) for url, when in dict(fresh).items()]):
            if self.tick is not None:
                self.tick()
            if done is not None:
                yield done

    # -- indexing as pages come in ----------------------------------------------------------

    async def index(
        self,
        ready: AsyncIterator[FeedEntry],
        ingest: Callable[[list[Article]], Awaitable[IngestReport]],
        *,
        on_batch: Callable[[Ingested], None] | None = None,
    ) -> list[Ingested]:
        """Index what ``ready`` yields in batches of ``BATCH`` (``ingest`` runs the writer:
        each batch is answerable as soon as it returns)."""
        done: list[Ingested] = []
        batch: list[FeedEntry] = []

        async def flush() -> None:
            if not batch:
                return
            articles = [entry.article for entry in batch]
            report = await ingest(articles)
            added = set(report.added_keys)
            published = [
                e.published for e in batch if e.published is not None and e.article.key in added
            ]
            result = Ingested(report, published, time.time())
            done.append(result)
            if on_batch is not None:
                on_batch(result)
            batch.clear()

        async for entry in ready:
            batch.append(entry)
            if len(batch) >= BATCH:
                await flush()
        await flush()
        return done


def _identities(article: Article) -> tuple[str, ...]:
    ids = [f"id:{article.id}"] if article.id else []
    return tuple(ids + [ident for ident in article.also_ids if ident not in ids]) or (article.key,)


T = TypeVar("T")


async def _as_ready(jobs: Iterable[Coroutine[Any, Any, T]]) -> AsyncIterator[T]:
    """Run the coroutines ``PAGES_AT_ONCE`` at a time; yield each result as it is ready."""
    pending: set[asyncio.Task[T]] = set()
    waiting = iter(jobs)
    try:
        while True:
            while len(pending) < PAGES_AT_ONCE:
                job = next(waiting, None)
                if job is None:
                    break
                pending.add(asyncio.ensure_future(job))
            if not pending:
                return
            finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
            for task in finished:
                yield task.result()
    finally:
        for task in pending:
            task.cancel()
        for job in waiting:  # never started: closed, so none is left un-awaited
            job.close()
