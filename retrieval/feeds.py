"""RSS and Atom feeds as articles: feedparser reads the feed, entries become dated articles."""

from __future__ import annotations

import calendar
import datetime as dt
import html
import html.parser
import re
from dataclasses import dataclass, field

import feedparser

from .articles import Article, article_language, check_not_future, source_of

__all__ = ["FeedResult", "html_to_text", "parse_feed"]

_BLOCK_TAGS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "tr"}
_SKIP_TAGS = {"script", "style", "noscript", "iframe", "svg"}


class _TextExtractor(html.parser.HTMLParser):
    """Text of an HTML fragment, paragraph breaks kept, scripts and styles dropped."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_TAGS:
            self._skipping += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: one paragraph a line."""
    extractor = _TextExtractor()
    try:
        extractor.feed(fragment)
        extractor.close()
    except Exception:  # a broken fragment: fall back to dropping anything tag-like
        return html.unescape(re.sub(r"<[^>]*>", " ", fragment)).strip()
    lines = (" ".join(line.split()) for line in "".join(extractor.parts).split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass
class FeedResult:
    """What one fetch of a feed gave: articles, and what was wrong."""

    title: str = ""
    articles: list[Article] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries without text or date, why
    error: str = ""  # the feed as a whole could not be read


def _entry_date(entry: feedparser.FeedParserDict, fallback: dt.date) -> dt.date:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            return dt.datetime.fromtimestamp(calendar.timegm(parsed), tz=dt.UTC).date()
    return fallback


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    bodies = [c.get("value", "") for c in contents if c.get("value")]
    raw = max(bodies, key=len) if bodies else entry.get("summary", "") or ""
    return html_to_text(raw)


def parse_feed(content: bytes, url: str, *, today: dt.date | None = None) -> FeedResult:
    """Entries of an RSS/Atom document as articles (id: the entry's link or id)."""
    today = today or dt.datetime.now(dt.UTC).date()
    parsed = feedparser.parse(content)
    if parsed.get("bozo") and not parsed.get("entries"):
        error = parsed.get("bozo_exception")
        return FeedResult(error=f"not a feed ({type(error).__name__ if error else 'unreadable'})")
    version = parsed.get("version", "")
    if not version and not parsed.get("entries"):
        return FeedResult(error="not a feed (no RSS or Atom elements)")
    result = FeedResult(title=html_to_text(parsed.feed.get("title", "")))
    declared = parsed.feed.get("language", "")  # RSS <language>, Atom xml:lang
    for number, entry in enumerate(parsed.entries, 1):
        title = html_to_text(entry.get("title", ""))
        text = _entry_text(entry) or title
        link = entry.get("link", "") or ""
        if not text.strip():
            result.skipped.append(f"entry {number}: no text")
            continue
        try:
            date = check_not_future(_entry_date(entry, today), today)
        except ValueError as exc:
            result.skipped.append(f"entry {number}: {exc}")
            continue
        result.articles.append(
            Article(
                title=title,
                date=date,
                text=text,
                url=link,
                id=link or str(entry.get("id", "")),
                source=source_of(link, fallback=source_of(url)),
                language=article_language(declared, title, text),
            )
        )
    return result
