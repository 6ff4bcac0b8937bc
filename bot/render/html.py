"""The pieces every Telegram message is built of: escaping, shortening, links, the attribution
line ("date · source · title"), sentences grouped by article under one attribution each, and
splitting to Telegram's message limit."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar
from urllib.parse import urlsplit

from retrieval import pack

from ..i18n import ENGLISH, Translator
from .bidi import isolate

__all__ = [
    "MESSAGE_LIMIT",
    "Quoted",
    "article_attribution",
    "article_block",
    "attribution",
    "by_article",
    "escape",
    "link",
    "safe_url",
    "shorten",
    "split_message",
    "take_fitting",
]

MESSAGE_LIMIT = 4096  # Telegram's limit for one message's text


def escape(text: str) -> str:
    """Escape text for Telegram's HTML parse mode (&, <, > and quotes)."""
    return html.escape(text, quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut plain text to ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit - 1)
    return text[: cut if cut > limit // 2 else limit - 1].rstrip() + "…"


def safe_url(url: str) -> str:
    """The url when it is an http(s) link Telegram can open, else ''."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else ""


def link(text: str, url: str) -> str:
    """An HTML link when the url is safe, else the escaped text alone."""
    target = safe_url(url)
    if not target:
        return escape(text)
    return f'<a href="{escape(target)}">{escape(text)}</a>'


def attribution(
    date: dt.date,
    source: str,
    *,
    title: str = "",
    url: str = "",
    html: bool = True,
    t: Translator = ENGLISH,
) -> str:
    """Where a text comes from: "date · source · title", parts it lacks left out.

    In HTML the line is italic, the date written as ``t``'s language writes it, and the outlet
    links to the article (when the url is safe); a right-to-left outlet or title is isolated
    so the line keeps its order. In plain text (a terminal) the url itself stands for the
    outlet, so it can be opened.
    """
    if not html:
        return " · ".join(part for part in (date.isoformat(), url or source, title) if part)
    parts = [
        escape(t.date(date)),
        link(isolate(source), url) if source else "",
        escape(isolate(title)),
    ]
    return "<i>" + " · ".join(part for part in parts if part) + "</i>"


class Quoted(Protocol):
    """A sentence quoted from an article (an answer's or a summary's sentence)."""

    @property
    def text(self) -> str: ...
    @property
    def date(self) -> dt.date: ...
    @property
    def title(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def source(self) -> str: ...


Q = TypeVar("Q", bound=Quoted)


def article_attribution(sentence: Quoted, t: Translator = ENGLISH) -> str:
    """The one line that says where an article's quoted sentences come from: its date and its
    outlet linked to the article (answers, summaries and /tldr's related news share it)."""
    source = sentence.source or t("unknown source")
    return attribution(sentence.date, source, url=sentence.url, t=t)


def by_article(sentences: Iterable[Q]) -> list[list[Q]]:
    """Sentences grouped by the article they come from, groups in the order their first
    sentence comes, sentences kept in their order within a group."""
    groups: dict[tuple[object, ...], list[Q]] = {}
    for sentence in sentences:
        key: tuple[object, ...] = (
            (sentence.url,) if sentence.url else (sentence.title, sentence.date, sentence.source)
        )
        groups.setdefault(key, []).append(sentence)
    return list(groups.values())


def article_block(
    sentences: Sequence[Quoted],
    *,
    sentence_limit: int,
    bullet: str = "",
    t: Translator = ENGLISH,
) -> str:
    """One article's sentences, then its attribution line once (its date in ``t``'s
    language). Sentences run on as one paragraph, or stand one a line when they are listed
    with a ``bullet``; each is isolated, so a right-to-left one keeps the line's order."""
    texts = [f"{bullet}{escape(isolate(shorten(s.text, sentence_limit)))}" for s in sentences]
    body = "\n".join(texts) if bullet else " ".join(texts)
    return f"{body}\n{article_attribution(sentences[0], t)}"


def take_fitting(blocks: Iterable[str], room: int, *, separator: int) -> list[str]:
    """The leading blocks whose lengths, each with its separator, stay within ``room``."""
    taken: list[str] = []
    used = 0
    for block in blocks:
        if used + separator + len(block) > room:
            break
        taken.append(block)
        used += separator + len(block)
    return taken


def split_message(blocks: Iterable[str], limit: int = MESSAGE_LIMIT) -> list[str]:
    """Join HTML blocks into as few messages as fit ``limit``; a block is never cut."""
    return pack(blocks, limit, "\n\n")
