"""Article pages as text: trafilatura finds the main text (no navigation, related links,
comments or cookie notices), its title, date and canonical address; this module decides
whether that is an article, and whether it should replace a feed entry's own text.

Pure CPU work on bytes already fetched (``bot.extraction`` runs it in worker processes)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from .articles import Article, article_language, check_not_future, source_of
from .languages import normalize
from .urls import url_identity

__all__ = [
    "MIN_ARTICLE_WORDS",
    "PageText",
    "entry_with_page",
    "extract_page",
    "page_article",
]

MIN_ARTICLE_WORDS = 40  # fewer words of main text: a list, a gallery, an error page
MAX_TEXT_CHARS = 200_000  # longer main text is cut (a page is not a book)
_HTML_LANG = re.compile(rb"<html[^>]*?\slang\s*=\s*[\"']?([A-Za-z]{2,3})", re.IGNORECASE)
_NOT_FREE = re.compile(rb"[\"']isAccessibleForFree[\"']\s*:\s*[\"']?false", re.IGNORECASE)
_ARTICLE_TYPES = {"", "article", "newsarticle", "blogposting", "reportagenewsarticle"}


@dataclass(frozen=True)
class PageText:
    """What one page holds: its main text (a paragraph a line) or why it is not an article."""

    text: str = ""
    title: str = ""
    published: float | None = None  # the page's own date (unix time, midnight UTC)
    language: str = ""  # as the page declares it (<html lang>)
    canonical: str = ""  # its canonical address (<link rel=canonical>, og:url)
    refused: str = ""  # why it is no article ("" when it is one)
    retry: bool = False  # refused for now only (a timeout, a busy machine): tried again later
    paywalled: bool = False  # marked isAccessibleForFree: false

    @property
    def words(self) -> int:
        return len(self.text.split())


def extract_page(content: bytes, url: str) -> PageText:
    """The main text and metadata of an HTML page (trafilatura), or why it is not an article."""
    import trafilatura  # imported by the worker that needs it: 0.3 s, never by the bot's loop

    try:
        found = trafilatura.bare_extraction(
            content,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception as exc:  # the extractor's own failure on a broken page: one reason
        return PageText(refused=f"extraction failed ({type(exc).__name__})", retry=True)
    if found is None:
        return PageText(refused="not an article (no main text)")
    document = found if isinstance(found, dict) else found.as_dict()
    title = " ".join(str(document.get("title") or "").split())
    lines = [" ".join(line.split()) for line in str(document.get("text") or "").splitlines()]
    lines = [line for line in lines if line]
    if lines and title and lines[0].casefold() == title.casefold():
        lines = lines[1:]  # the headline, already the title
    text = "\n".join(lines)[:MAX_TEXT_CHARS]
    declared = _HTML_LANG.search(content[:65536])
    page = PageText(
        text=text,
        title=title,
        published=_day_time(document.get("date")),
        language=normalize(declared.group(1).decode().lower()) if declared else "",
        canonical=str(document.get("url") or ""),
        paywalled=bool(_NOT_FREE.search(content)),
    )
    kind = str(document.get("pagetype") or "").lower()
    if kind not in _ARTICLE_TYPES:
        return dataclasses.replace(page, refused=f"not an article (a {kind[:20]} page)")
    if page.words < MIN_ARTICLE_WORDS and not page.paywalled:
        return dataclasses.replace(page, refused="not an article (too little text)")
    return page


def _day_time(value: object) -> float | None:
    if not isinstance(value, str):
        return None
    try:
        day = dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp()


def _identities(article: Article, page: PageText) -> tuple[str, ...]:
    extra = url_identity(page.canonical)
    known = article.also_ids
    return (*known, extra) if extra and extra not in known else known


def entry_with_page(entry: Article, page: PageText) -> tuple[Article, str]:
    """The feed entry with the page's text, and '' ; or the entry as it is, and why the page's
    text was not taken (not an article, a paywall teaser, shorter than the feed's text)."""
    if page.refused:
        return entry, page.refused
    if page.words <= len(entry.text.split()):
        reason = "paywall" if page.paywalled else "page text shorter than the feed's"
        return entry, reason
    language = entry.language if entry.language and not page.language else ""
    text = page.text
    return (
        dataclasses.replace(
            entry,
            title=entry.title or page.title,
            text=text,
            language=language or article_language(page.language, entry.title, text),
            also_ids=_identities(entry, page),
        ),
        "",
    )


def page_article(url: str, page: PageText, *, today: dt.date | None = None) -> Article:
    """An article from a page alone (``newsbot index PAGE_URL``, a sitemap's page); the page
    must not be refused. ValueError when its date is in the future."""
    today = today or dt.datetime.now(dt.UTC).date()
    date = (
        dt.datetime.fromtimestamp(page.published, tz=dt.UTC).date()
        if page.published is not None
        else today
    )
    check_not_future(date, today)
    address = url_identity(url)
    article = Article(
        title=page.title,
        date=date,
        text=page.text,
        url=url,
        id=url,
        source=source_of(url),
        language=article_language(page.language, page.title, page.text),
        also_ids=(address,) if address else (),
    )
    return dataclasses.replace(article, also_ids=_identities(article, page))
