"""RSS, Atom and JSON Feed documents as articles: feedparser reads RSS and Atom, JSON Feed is
read here; entries become dated articles, each known also by its page's address and by the
fingerprint of its text without the lines that change at every poll."""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import html
import html.parser
import json
import re
from dataclasses import dataclass, field
from typing import Any

import feedparser

from .articles import Article, article_language, check_not_future, source_of
from .urls import url_identity

__all__ = ["FeedEntry", "FeedResult", "html_to_text", "parse_feed", "text_fingerprint"]

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


# What changes in an entry from one poll to the next while its story does not: "Updated 5
# minutes ago", "Last updated 10:42 GMT", "vor 3 Minuten". Lines that are only that are
# dropped from the fingerprint, and such phrases from the lines that remain.
_VOLATILE_LINE = re.compile(
    r"^\W*(updated|last updated|published|posted|modified|edited|обновлено|опубликовано|"
    r"aktualisiert|actualizado|atualizado|mis à jour|mise à jour|güncellendi|تم التحديث)\b.{0,80}$",
    re.IGNORECASE,
)
_VOLATILE = re.compile(
    r"\b\d+\s*(seconds?|secs?|minutes?|mins?|hours?|hrs?|h|m|days?)\s+ago\b|\bjust now\b|"
    r"\b(vor|hace|il y a|há)\s+\d+\s*\w+|\b\d+\s*(минут\w*|час\w*|секунд\w*)\s+назад|"
    r"\b\d{1,2}:\d{2}(:\d{2})?\s*([ap]\.?m\.?)?(\s*(utc|gmt|[a-z]{1,2}[sd]?t|msk|cet|cest))?\b",
    re.IGNORECASE,
)


def text_fingerprint(title: str, text: str, day: dt.date) -> str:
    """The identity of an entry's words on its day, without the lines and phrases that change
    at every poll (times, "Updated ..."): an entry republished with a new stamp (and a new
    link) is the same article; a daily item with the same words ("Today's weather") is not."""
    kept = [day.isoformat()]
    for line in f"{title}\n{text}".split("\n"):
        if _VOLATILE_LINE.match(line.strip()):
            continue
        words = _VOLATILE.sub(" ", line).lower().split()
        if words:
            kept.append(" ".join(words))
    digest = hashlib.blake2b("\n".join(kept).encode(), digest_size=12).hexdigest()
    return f"text:{digest}"


@dataclass(frozen=True)
class FeedEntry:
    """One entry: the article it makes (the feed's own text), and when it was published
    (unix time; None when the feed does not say)."""

    article: Article
    published: float | None = None


@dataclass
class FeedResult:
    """What one fetch of a feed gave: its entries, and what was wrong."""

    title: str = ""
    entries: list[FeedEntry] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # entries without text or date, why
    error: str = ""  # the feed as a whole could not be read

    @property
    def articles(self) -> list[Article]:
        return [entry.article for entry in self.entries]


def _entry_time(entry: feedparser.FeedParserDict) -> float | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(name)
        if parsed:
            return float(calendar.timegm(parsed))
    return None


def _day(moment: float | None, fallback: dt.date) -> dt.date:
    if moment is None:
        return fallback
    return dt.datetime.fromtimestamp(moment, tz=dt.UTC).date()


def _entry_text(entry: feedparser.FeedParserDict) -> str:
    contents = entry.get("content") or []
    bodies = [c.get("value", "") for c in contents if c.get("value")]
    raw = max(bodies, key=len) if bodies else entry.get("summary", "") or ""
    return html_to_text(raw)


def _entry(
    result: FeedResult,
    number: int,
    *,
    title: str,
    text: str,
    link: str,
    ident: str,
    published: float | None,
    feed_url: str,
    declared: object,
    today: dt.date,
) -> None:
    """Add one entry to ``result`` (or say why it is skipped)."""
    text = text or title
    if not text.strip():
        result.skipped.append(f"entry {number}: no text")
        return
    try:
        date = check_not_future(_day(published, today), today)
    except ValueError as exc:
        result.skipped.append(f"entry {number}: {exc}")
        return
    address = url_identity(link)
    article = Article(
        title=title,
        date=date,
        text=text,
        url=link,
        id=link or ident,
        source=source_of(link, fallback=source_of(feed_url)),
        language=article_language(declared, title, text),
        also_ids=tuple(i for i in (address, text_fingerprint(title, text, date)) if i),
    )
    result.entries.append(FeedEntry(article, published))


def _json_time(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        moment = dt.datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).timestamp()


def _parse_json_feed(document: dict[str, Any], url: str, today: dt.date) -> FeedResult:
    """A JSON Feed (jsonfeed.org, versions 1 and 1.1)."""
    result = FeedResult(title=html_to_text(str(document.get("title") or "")))
    items = document.get("items")
    if not isinstance(items, list):
        return FeedResult(error="not a feed (a JSON Feed without items)")
    declared = document.get("language", "")
    for number, item in enumerate(items, 1):
        if not isinstance(item, dict):
            result.skipped.append(f"entry {number}: not an object")
            continue
        body = item.get("content_html") or item.get("summary") or ""
        text = html_to_text(body) if isinstance(body, str) else ""
        plain = item.get("content_text")
        if isinstance(plain, str) and len(plain) > len(text):
            text = "\n".join(line.strip() for line in plain.splitlines() if line.strip())
        link = item.get("url") if isinstance(item.get("url"), str) else ""
        _entry(
            result,
            number,
            title=html_to_text(str(item.get("title") or "")),
            text=text,
            link=str(link or ""),
            ident=str(item.get("id") or ""),
            published=_json_time(item.get("date_published") or item.get("date_modified")),
            feed_url=url,
            declared=item.get("language") or declared,
            today=today,
        )
    return result


def parse_feed(content: bytes, url: str, *, today: dt.date | None = None) -> FeedResult:
    """Entries of an RSS, Atom or JSON Feed document as articles (id: the entry's link or
    id)."""
    today = today or dt.datetime.now(dt.UTC).date()
    if content.lstrip()[:1] == b"{":
        try:
            document = json.loads(content)
        except (ValueError, RecursionError):
            return FeedResult(error="not a feed (broken JSON)")
        version = document.get("version") if isinstance(document, dict) else None
        if not isinstance(version, str) or "jsonfeed.org" not in version:
            return FeedResult(error="not a feed (JSON, but not a JSON Feed)")
        return _parse_json_feed(document, url, today)
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
        _entry(
            result,
            number,
            title=html_to_text(entry.get("title", "")),
            text=_entry_text(entry),
            link=entry.get("link", "") or "",
            ident=str(entry.get("id", "")),
            published=_entry_time(entry),
            feed_url=url,
            declared=declared,
            today=today,
        )
    return result
