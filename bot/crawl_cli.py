"""``newsbot index URL...`` on the command line: the crawl with a progress bar on a terminal,
then its report (pages fetched, articles from pages, entries that kept the feed's text and
why, pages robots.txt refused, failures)."""

from __future__ import annotations

import asyncio
import os
import sys
import time

from retrieval import Article, IngestReport, Library

from .crawl import CrawlReport, crawl
from .settings import Settings
from .state import SourceStatusStore

__all__ = ["index_urls", "report_lines"]


def report_lines(report: CrawlReport, seconds: float) -> list[str]:
    counts = report.counts
    kept = sum(counts.kept.values())
    ranked = sorted(counts.kept.items(), key=lambda item: (-item[1], item[0]))
    why = ", ".join(f"{reason} {n}" for reason, n in ranked)
    lines = [
        f"pages fetched {counts.fetched}, articles from pages {counts.extracted}, "
        f"kept the feed's text {kept}{f' ({why})' if why else ''}, "
        f"refused by robots.txt {counts.robots}, failures {counts.failures}"
        + (f", already stored {report.already}" if report.already else ""),
        f"added {report.added}, duplicate {report.duplicates} in {seconds:.1f} s; set aside "
        f"{report.furniture} of {report.sentences} sentences as page furniture",
    ]
    if report.languages:
        seen = ", ".join(f"{code} {n}" for code, n in report.languages.most_common())
        lines.append(f"languages: {seen}")
    return lines


def index_urls(
    library: Library, urls: list[str], settings: Settings, *, max_pages: int | None = None
) -> int:
    """Crawl ``urls`` into ``library``; 1 when a URL could not be read at all."""
    bar = None
    if sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(unit=" pages", file=sys.stderr, dynamic_ncols=True)

    def ingest(articles: list[Article]) -> IngestReport:
        return library.ingest_articles(lambda _: articles)

    status = SourceStatusStore(settings.data_dir)
    started = time.perf_counter()
    try:
        report = asyncio.run(
            crawl(
                library,
                urls,
                status=status,
                ingest=ingest,
                delay=settings.fetch_delay,
                contact=settings.contact_url,
                workers=max(1, len(os.sched_getaffinity(0))),
                max_pages=max_pages,
                tick=bar.update if bar is not None else None,
            )
        )
    finally:
        if bar is not None:
            bar.close()
        status.close()
    for error in report.errors:
        print(f"not read: {error}", file=sys.stderr)
    for line in report_lines(report, time.perf_counter() - started):
        print(line)
    return 1 if report.errors else 0
