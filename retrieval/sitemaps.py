"""Sitemaps (sitemaps.org): the pages of a ``<urlset>`` (with the news extension's title,
publication date and language) and the sitemaps of a ``<sitemapindex>``. Read as a stream
with entities and network access off, so a hostile document costs its size and no more."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MAX_SITEMAP_URLS", "SitemapPage", "SitemapResult", "parse_sitemap"]

MAX_SITEMAP_URLS = 50_000  # the protocol's limit per sitemap; more are ignored


@dataclass(frozen=True)
class SitemapPage:
    """A page a sitemap lists; the news extension's fields when it has them."""

    url: str
    published: float | None = None  # unix time
    title: str = ""
    language: str = ""


@dataclass
class SitemapResult:
    pages: list[SitemapPage] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)  # a sitemap index's sitemaps
    error: str = ""


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _time(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    try:
        moment = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _text(element: Any, name: str) -> str:
    for child in element.iter():
        if _local(child.tag) == name:
            return (child.text or "").strip()
    return ""


def parse_sitemap(content: bytes) -> SitemapResult:
    """The pages (or, for an index, the sitemaps) of a sitemap document."""
    from lxml import etree  # here: 20 ms that only a crawl needs

    result = SitemapResult()
    root_seen = ""
    try:
        events = etree.iterparse(
            io.BytesIO(content),
            events=("start", "end"),
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
        )
        for event, element in events:
            name = _local(element.tag)
            if event == "start":
                if not root_seen:
                    root_seen = name
                    if name not in ("urlset", "sitemapindex"):
                        return SitemapResult(error=f"not a sitemap (<{name[:20]}>)")
                continue
            if name == "url" and len(result.pages) < MAX_SITEMAP_URLS:
                loc = _text(element, "loc")
                if loc:
                    result.pages.append(
                        SitemapPage(
                            url=loc,
                            published=_time(_text(element, "publication_date"))
                            or _time(_text(element, "lastmod")),
                            title=_text(element, "title"),
                            language=_text(element, "language"),
                        )
                    )
                element.clear()
            elif name == "sitemap" and len(result.sitemaps) < MAX_SITEMAP_URLS:
                loc = _text(element, "loc")
                if loc:
                    result.sitemaps.append(loc)
                element.clear()
    except etree.XMLSyntaxError as exc:
        if not (result.pages or result.sitemaps):
            return SitemapResult(error=f"not a sitemap ({str(exc)[:60]})")
    if not root_seen:
        return SitemapResult(error="not a sitemap (empty)")
    return result
