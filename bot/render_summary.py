"""Rendering summaries and catch-ups as Telegram HTML, split to fit message limits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from retrieval import ArticleHit
from retrieval.summarize import Summary

from .render import (
    MESSAGE_LIMIT,
    escape,
    link,
    shorten,
    source_line,
    split_message,
    text_source_line,
)
from .store import ChatMessage

__all__ = ["few_articles_note", "render_catch_up", "render_summary", "render_summary_text"]

_SENTENCE_LIMIT = 700
_MESSAGE_TEXT_LIMIT = 300


def _span(first: dt.date | None, last: dt.date | None) -> str:
    if first is None or last is None:
        return ""
    return first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"


def few_articles_note(summary: Summary) -> str:
    """Why a summary is short: how few articles the collection has on the topic."""
    if not summary.few or not summary.matched_articles:
        return ""
    count = summary.matched_articles
    return f"Only {count} article{'s' if count != 1 else ''} in the collection match this topic."


def render_summary(summary: Summary, title: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """A summary as one or more HTML messages: a header, then dated sentences (what happened
    first, then in date order)."""
    if not summary.found:
        return [escape(summary.note or "Nothing to summarize.")]
    articles = f"{summary.articles} article{'s' if summary.articles != 1 else ''}"
    header = (
        f"<b>{escape(shorten(title, 200))}</b>\n"
        f"<i>{len(summary.sentences)} sentences from {articles}, "
        f"{escape(_span(summary.first_date, summary.last_date))}</i>"
    )
    if few := few_articles_note(summary):
        header += f"\n<i>{escape(few)}</i>"
    blocks = [header] + [
        f"• {escape(shorten(s.text, _SENTENCE_LIMIT))}\n{source_line(s)}" for s in summary.sentences
    ]
    return split_message(blocks, limit)


def render_summary_text(summary: Summary) -> str:
    """A summary as plain text for a terminal."""
    if not summary.found:
        return summary.note or "Nothing to summarize."
    span = _span(summary.first_date, summary.last_date)
    lines = [f"{len(summary.sentences)} sentences from {summary.articles} articles, {span}"]
    if few := few_articles_note(summary):
        lines.append(few)
    for s in summary.sentences:
        lines.append(f"- {s.text}")
        lines.append(f"  {text_source_line(s)}")
    return "\n".join(lines)


def _clock(unix: int, zone: ZoneInfo, today: dt.date) -> str:
    moment = dt.datetime.fromtimestamp(unix, tz=zone)
    return moment.strftime("%H:%M") if moment.date() == today else moment.strftime("%b %d %H:%M")


def render_catch_up(
    chosen: Sequence[ChatMessage],
    covered: int,
    related: Sequence[ArticleHit],
    zone: ZoneInfo,
    limit: int = MESSAGE_LIMIT,
) -> list[str]:
    """The messages that carry a conversation, with names and times, then related news."""
    if not chosen:
        return ["Nothing to catch up on: no stored messages in that span."]
    today = dt.datetime.now(zone).date()
    start, end = chosen[0].sent_at, chosen[-1].sent_at
    header = (
        f"<b>Catch-up</b>\n<i>{len(chosen)} of {covered} messages, "
        f"{escape(_clock(start, zone, today))}–{escape(_clock(end, zone, today))}</i>"
    )
    blocks = [header] + [
        f"• <b>{escape(shorten(m.first_name or 'Someone', 40))}</b> "
        f"<i>{escape(_clock(m.sent_at, zone, today))}</i>: "
        f"{escape(shorten(m.text, _MESSAGE_TEXT_LIMIT))}"
        for m in chosen
    ]
    if related:
        lines = [
            f"• {link(shorten(hit.title or hit.snippet, 150), hit.url)} "
            f"<i>{escape(hit.date.isoformat())} · {escape(hit.source or 'unknown source')}</i>"
            for hit in related
        ]
        blocks.append("<b>Related news</b>\n" + "\n".join(lines))
    return split_message(blocks, limit)
