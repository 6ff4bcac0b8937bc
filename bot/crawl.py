"""``newsbot index URL...``: the URL of a feed (RSS, Atom, JSON Feed), of a sitemap (a news
sitemap, a sitemap index) or of an article page, read through the polite fetcher: a feed's
entries get their pages' text as in the bot, a sitemap's pages become articles, a page
becomes one. Pages already stored are not fetched again."""

from __future__ import annotations

import re
import zlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from retrieval import (
    Article,
    FeedEntry,
    IngestReport,
    Library,
    page_article,
    parse_feed,
    parse_sitemap,
    url_identity,
)

from .extraction import Extractor
from .feed_fetch import FeedError, Fetched
from .feeds_service import conditional_headers
from .full_text import PAGE_TYPES, Ingested, PageCounts, PageReader
from .polite import PoliteFetcher, RobotsRefused
from .state import SourceStatusStore, SourceUpdate
from .workers import Workers

__all__ = ["MAX_SITEMAP_BYTES", "CrawlReport", "crawl"]

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's limit (uncompressed)
MAX_SITEMAPS = 1000  # sitemaps read from one sitemap index
_ROOT = re.compile(rb"<(?:[A-Za-z0-9_-]+:)?([A-Za-z]+)[\s>/]")


@dataclass
class CrawlReport:
    """What ``newsbot index URL...`` did."""

    counts: PageCounts = field(default_factory=PageCounts)
    added: int = 0
    duplicates: int = 0
    sentences: int = 0
    furniture: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)  # "URL: why", for URLs not read at all
    already: int = 0  # pages given that were stored already (not fetched)

    def add(self, report: IngestReport) -> None:
        self.added += report.added
        self.duplicates += report.duplicates
        self.sentences += report.sentences
        self.furniture += report.furniture
        self.languages.update(report.languages)


def _kind(fetched: Fetched) -> str:
    """ "page", "feed" or "sitemap", from the media type and the document's first element."""
    head = fetched.body[:4096].lstrip()
    if fetched.content_type in PAGE_TYPES or head[:15].lower().startswith(
        (b"<!doctype html", b"<html")
    ):
        return "page"
    if head[:1] in (b"{", b"["):
        return "feed"
    for match in _ROOT.finditer(head):
        name = match.group(1).decode().lower()
        if name in ("urlset", "sitemapindex"):
            return "sitemap"
        if name in ("rss", "feed", "rdf"):
            return "feed"
        if name == "html":
            return "page"
    return "unknown"


def _unzipped(body: bytes) -> bytes:
    """A gzip'd sitemap (``.xml.gz`` served as a file), decompressed up to the limit."""
    if not body.startswith(b"\x1f\x8b"):
        return body
    try:
        data = zlib.decompressobj(32 + zlib.MAX_WBITS).decompress(body, MAX_SITEMAP_BYTES + 1)
    except zlib.error:
        raise FeedError("undecodable gzip") from None
    if len(data) > MAX_SITEMAP_BYTES:
        raise FeedError(f"larger than {MAX_SITEMAP_BYTES // 2**20} MB once decompressed")
    return data


class _Crawl:
    def __init__(
        self,
        library: Library,
        reader: PageReader,
        status: SourceStatusStore,
        ingest: Callable[[list[Article]], IngestReport],
        max_pages: int | None,
    ) -> None:
        self.library = library
        self.reader = reader
        self.fetcher = reader.fetcher
        self.status = status
        self._ingest = ingest
        self.report = CrawlReport(counts=PageCounts())
        self.pages_left = max_pages

    async def ingest(self, articles: list[Article]) -> IngestReport:
        report = await self.reader.workers.write(lambda: self._ingest(articles))
        self.report.add(report)
        return report

    async def url(self, url: str) -> None:
        if self.library.stored_ids([url_identity(url), f"id:{url}"]):
            self.report.already += 1  # a page stored already: never fetched again
            return
        try:
            fetched = await self.fetcher.fetch(
                url,
                max_bytes=MAX_SITEMAP_BYTES,
                headers=conditional_headers(self.status.validators(url)),
            )
            if fetched.status == 304:
                self.status.succeeded("feed", url, SourceUpdate())
                return
            kind = _kind(fetched)
            if kind == "unknown":
                fetched = Fetched(fetched.url, fetched.status, _unzipped(fetched.body))
                kind = _kind(fetched)
            if kind == "page":
                await self.page(url, fetched)
            elif kind == "feed":
                await self.feed(url, fetched)
            elif kind == "sitemap":
                await self.sitemap(url, fetched)
            else:
                raise FeedError("neither a feed, a sitemap nor an HTML page")
        except RobotsRefused:
            self.report.counts.robots += 1
            self.report.errors.append(f"{url}: disallowed by robots.txt")
        except FeedError as exc:
            self.report.counts.failures += 1
            self.report.errors.append(f"{url}: {exc}")

    async def page(self, url: str, fetched: Fetched) -> None:
        counts = self.report.counts
        counts.entries += 1
        counts.fetched += 1
        page = await self.reader.extractor.extract(fetched.body, fetched.url)
        if page.refused:
            counts.kept[page.refused] += 1
            return
        try:
            article = page_article(url, page)
        except ValueError as exc:
            counts.kept[str(exc)] += 1
            return
        counts.extracted += 1
        await self.ingest([article])

    async def feed(self, url: str, fetched: Fetched) -> None:
        result = await self.reader.workers.write(lambda: parse_feed(fetched.body, url))
        if result.error:
            raise FeedError(result.error)
        update = SourceUpdate(title=result.title, etag=fetched.etag)
        update.last_modified = fetched.last_modified
        counts = PageCounts()
        entries = self._limited(result.entries)
        for batch in await self.reader.index(self.reader.entries(entries, counts), self.ingest):
            self._note(update, batch)
        update.entries, update.extracted, update.kept = (
            counts.entries,
            counts.extracted,
            counts.kept,
        )
        self.status.succeeded("feed", url, update)
        self._merge(counts)

    async def sitemap(self, url: str, fetched: Fetched) -> None:
        result = parse_sitemap(fetched.body)
        if result.error:
            raise FeedError(result.error)
        pages = list(result.pages)
        for child in result.sitemaps[:MAX_SITEMAPS]:
            try:
                inner = await self.fetcher.fetch(child, max_bytes=MAX_SITEMAP_BYTES)
                found = parse_sitemap(_unzipped(inner.body))
            except FeedError as exc:
                self.report.errors.append(f"{child}: {exc}")
                continue
            pages += found.pages
        pages.sort(key=lambda p: -(p.published or 0))  # newest first, when --max-pages cuts
        wanted = [(p.url, p.published) for p in pages]
        if self.pages_left is not None:
            wanted = wanted[: self.pages_left]
            self.pages_left -= len(wanted)
        counts = PageCounts()
        await self.reader.index(self.reader.pages(wanted, counts), self.ingest)
        self._merge(counts)

    def _limited(self, entries: list[FeedEntry]) -> list[FeedEntry]:
        if self.pages_left is None:
            return entries
        taken = entries[: self.pages_left]
        self.pages_left -= len(taken)
        return taken

    @staticmethod
    def _note(update: SourceUpdate, batch: Ingested) -> None:
        update.added += batch.report.added
        update.published += batch.published
        update.answerable_at = batch.answerable_at

    def _merge(self, counts: PageCounts) -> None:
        mine = self.report.counts
        mine.entries += counts.entries
        mine.fetched += counts.fetched
        mine.extracted += counts.extracted
        mine.kept.update(counts.kept)
        mine.robots += counts.robots
        mine.failures += counts.failures


async def crawl(
    library: Library,
    urls: list[str],
    *,
    status: SourceStatusStore,
    ingest: Callable[[list[Article]], IngestReport],
    delay: float = 1.0,
    contact: str = "",
    workers: int = 1,
    max_pages: int | None = None,
    tick: Callable[[], None] | None = None,
) -> CrawlReport:
    """Read ``urls`` into ``library`` (``ingest`` indexes a batch); ``tick`` after each page."""
    extractor = Extractor(workers)
    threads = Workers(read_threads=1, write_threads=1)  # one index writer; lookups are quick
    try:
        async with PoliteFetcher(delay=delay, contact=contact) as fetcher:
            reader = PageReader(library, fetcher, extractor, threads, remember=status)
            reader.tick = tick
            job = _Crawl(library, reader, status, ingest, max_pages)
            for url in urls:
                await job.url(url)
            return job.report
    finally:
        extractor.close()
        threads.shutdown()
