"""A news site on 127.0.0.1 for the full-text tests (pages: benchmarks/news_pages.py): a feed of
teasers, a news sitemap and a sitemap index, article pages, a paywalled teaser, a section page
that is no article, a robots.txt that disallows /private/, and a second host (127.0.0.2) that
answers each page's first request with 429 and Retry-After. The server counts what a polite
fetcher must keep within bounds: requests per path, requests in flight per host (at most),
the start times per host and the User-Agents."""

from __future__ import annotations

import asyncio
import datetime as dt
import gzip
import hashlib
import itertools
import time
from collections import Counter, defaultdict
from email.utils import format_datetime

from aiohttp import web

from benchmarks.news_pages import ARTICLES, PAYWALLED, NewsArticle, article_page, section_page

PAGE_TIME = 0.15  # seconds each page takes to answer: concurrent requests overlap
PRIVATE = ARTICLES[6]  # served under /private/: robots.txt disallows it
ELSEWHERE = ARTICLES[7]  # served by the second host, which answers 429 first
ON_SITE = ARTICLES[:6]


def _rfc822(moment: str) -> str:
    return format_datetime(dt.datetime.fromisoformat(moment))


class _Host:
    def __init__(self) -> None:
        self.in_flight = 0
        self.most_in_flight = 0
        self.starts: list[float] = []


class NewsSite:
    """Serves the site on 127.0.0.1 (``url``) and the 429 host on 127.0.0.2 (``other_url``)."""

    def __init__(self) -> None:
        self.url = ""
        self.other_url = ""
        self.fetched: Counter[str] = Counter()  # "host path" -> requests
        self.started: dict[str, list[float]] = defaultdict(list)  # "host path" -> start times
        self.hosts: dict[str, _Host] = defaultdict(_Host)
        self.agents: set[str] = set()
        self.not_modified = 0
        self.extra_entries: list[tuple[str, str, str, str]] = []  # title, link, text, date
        self._runners: list[web.AppRunner] = []
        self._rate_limited: set[str] = set()

    def _feed(self) -> bytes:
        entries = [
            (
                a.title,
                f"{self.url}/news/{a.slug}?utm_source=rss&utm_medium=feed",
                a.teaser,
                a.published,
            )
            for a in ON_SITE
        ]
        entries += [
            (
                PRIVATE.title,
                f"{self.url}/private/{PRIVATE.slug}",
                PRIVATE.teaser,
                PRIVATE.published,
            ),
            (
                ELSEWHERE.title,
                f"{self.other_url}/news/{ELSEWHERE.slug}",
                ELSEWHERE.teaser,
                ELSEWHERE.published,
            ),
            (
                PAYWALLED.title,
                f"{self.url}/news/{PAYWALLED.slug}",
                PAYWALLED.teaser,
                PAYWALLED.published,
            ),
            (
                "All local news",
                f"{self.url}/news",
                "Everything that happened in Eastgate this week.",
                ARTICLES[0].published,
            ),
            (
                "A story that was removed",
                f"{self.url}/news/removed",
                "This story is no longer online.",
                ARTICLES[0].published,
            ),
        ]
        entries += self.extra_entries
        items = "".join(
            f"<item><title>{title}</title><link>{link.replace('&', '&amp;')}</link>"
            f"<description>{text}</description><pubDate>{_rfc822(date)}</pubDate></item>"
            for title, link, text, date in entries
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Eastgate Courier</title><link>{self.url}/</link>"
            f"<description>Local news</description><language>en</language>{items}</channel></rss>"
        ).encode()

    def _sitemap(self) -> bytes:
        urls = "".join(
            f"<url><loc>{self.url}/news/{a.slug}</loc><news:news><news:publication>"
            "<news:name>Eastgate Courier</news:name><news:language>en</news:language>"
            f"</news:publication><news:publication_date>{a.published}</news:publication_date>"
            f"<news:title>{a.title}</news:title></news:news></url>"
            for a in ON_SITE
        )
        urls += f"<url><loc>{self.url}/private/{PRIVATE.slug}</loc></url>"
        urls += f"<url><loc>{self.url}/news</loc></url>"
        return (
            '<?xml version="1.0" encoding="UTF-8"?><urlset '
            'xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
            f"{urls}</urlset>"
        ).encode()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        host_name = request.url.host or ""
        host = self.hosts[host_name]
        host.in_flight += 1
        host.most_in_flight = max(host.most_in_flight, host.in_flight)
        host.starts.append(time.monotonic())
        self.fetched[f"{host_name} {request.path}"] += 1
        self.started[f"{host_name} {request.path}"].append(time.monotonic())
        self.agents.add(request.headers.get("User-Agent", ""))
        try:
            return await self._answer(request, host_name == "127.0.0.2")
        finally:
            host.in_flight -= 1

    def _page(self, article: NewsArticle, base: str, *, paywalled: bool = False) -> web.Response:
        canonical = f"{base}/news/{article.slug}"
        return web.Response(
            body=article_page(article, canonical=canonical, paywalled=paywalled),
            content_type="text/html",
            charset="utf-8",
        )

    async def _answer(self, request: web.Request, other: bool) -> web.StreamResponse:
        path = request.path
        if path == "/robots.txt":
            if other:
                return web.Response(status=404)
            return web.Response(text="User-agent: *\nDisallow: /private/\n")
        await asyncio.sleep(PAGE_TIME)
        if other:
            if path == f"/news/{ELSEWHERE.slug}":
                if path not in self._rate_limited:
                    self._rate_limited.add(path)
                    return web.Response(status=429, headers={"Retry-After": "1"})
                return self._page(ELSEWHERE, self.other_url)
            return web.Response(status=404)
        if path == "/feed.xml":
            feed = self._feed()
            etag = f'"{hashlib.sha1(feed).hexdigest()[:16]}"'
            if request.headers.get("If-None-Match") == etag:
                self.not_modified += 1
                return web.Response(status=304, headers={"ETag": etag})
            return web.Response(
                body=feed, content_type="application/rss+xml", headers={"ETag": etag}
            )
        if path == "/sitemap.xml":
            return web.Response(body=self._sitemap(), content_type="application/xml")
        if path == "/sitemap.xml.gz":  # a file, not a content encoding
            return web.Response(
                body=gzip.compress(self._sitemap()), content_type="application/gzip"
            )
        if path == "/sitemap-index.xml":
            return web.Response(
                text=f'<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9"><sitemap><loc>{self.url}/sitemap.xml.gz</loc></sitemap></sitemapindex>',
                content_type="application/xml",
            )
        if path == "/news":
            return web.Response(body=section_page(), content_type="text/html")
        if path == f"/news/{PAYWALLED.slug}":
            return self._page(PAYWALLED, self.url, paywalled=True)
        if path == "/report.pdf":
            return web.Response(body=b"%PDF-1.4 ...", content_type="application/pdf")
        for article in ON_SITE:
            if path == f"/news/{article.slug}":
                return self._page(article, self.url)
        if path == f"/private/{PRIVATE.slug}":
            return self._page(PRIVATE, self.url)
        return web.Response(status=404, text="Not found")

    async def start(self) -> None:
        for address in ("127.0.0.1", "127.0.0.2"):
            app = web.Application()
            app.router.add_route("GET", "/{tail:.*}", self._handle)
            runner = web.AppRunner(app, access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, address, 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            self._runners.append(runner)
            if address == "127.0.0.1":
                self.url = f"http://127.0.0.1:{port}"
            else:
                self.other_url = f"http://127.0.0.2:{port}"

    async def stop(self) -> None:
        for runner in self._runners:
            await runner.cleanup()

    def count(self, path: str, host: str = "127.0.0.1") -> int:
        return self.fetched[f"{host} {path}"]

    def min_gap(self, host: str = "127.0.0.1") -> float:
        """The shortest time between two request starts to a host (inf for fewer than two)."""
        starts = sorted(self.hosts[host].starts)
        return min((b - a for a, b in itertools.pairwise(starts)), default=float("inf"))
