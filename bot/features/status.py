"""/stats and /sources: what the collection holds, and how the feeds are doing."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import IndexStats, Library

from ..context import NewsApp, NewsContext
from ..feeds_service import FeedState
from ..render import escape, shorten
from ..replies import reply_html
from ..serving import serve_read


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def stats_text(stats: IndexStats, feeds: list[FeedState]) -> str:
    """The /stats message (plain function: tests read it without Telegram)."""
    span = (
        f"{stats.first_date.isoformat()} to {stats.last_date.isoformat()}"
        if stats.first_date and stats.last_date
        else "none"
    )
    lines = [
        "<b>Collection</b>",
        f"Articles: {stats.articles:,}",
        f"Passages: {stats.passages:,}",
        f"Dates: {escape(span)}",
        f"Last added: {escape(_when(stats.last_added))}",
        f"Search: {escape(stats.engine)}",
    ]
    if feeds:
        lines.append("\n<b>Feeds</b>")
        for feed in feeds:
            state = f"last success {_when(feed.last_success)}, {feed.added} added"
            if feed.last_error:
                state += f"; failing: {feed.last_error}"
            lines.append(f"• {escape(feed.host)}: {escape(state)}")
    return "\n".join(lines)


def sources_text(sources: list[tuple[str, int]]) -> str:
    if not sources:
        return "No articles yet."
    lines = [f"• {escape(shorten(name, 80))}: {count:,}" for name, count in sources]
    return "<b>Sources</b> (articles)\n" + "\n".join(lines)


async def stats_command(update: Update, context: NewsContext) -> None:
    """Articles, passages, dates covered, last ingestion, and each feed's health."""
    message = update.effective_message
    if message is None:
        return

    def work(library: Library, _as_of: dt.date) -> IndexStats:
        return library.stats()

    async def deliver(stats: IndexStats) -> int:
        await reply_html(message, stats_text(stats, context.bot_data.feeds.states))
        return 0

    await serve_read(update, context, work, deliver, kind="stats", costly=False)


async def sources_command(update: Update, context: NewsContext) -> None:
    """The outlets in the collection and their article counts."""
    message = update.effective_message
    if message is None:
        return

    def work(library: Library, _as_of: dt.date) -> list[tuple[str, int]]:
        return library.sources(limit=30)

    async def deliver(sources: list[tuple[str, int]]) -> int:
        await reply_html(message, sources_text(sources))
        return len(sources)

    await serve_read(update, context, work, deliver, kind="sources", costly=False)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("stats", stats_command))
    application.add_handler(CommandHandler("sources", sources_command))
