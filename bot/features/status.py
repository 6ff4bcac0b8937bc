"""/stats and /sources: what the collection holds, and how the feeds are doing."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import Application, CommandHandler, ContextTypes

from retrieval import IndexStats

from ..render import escape, shorten
from .common import get_library, in_thread, reply_html
from .feeds import FeedState, feed_states


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


async def stats_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Articles, passages, dates covered, last ingestion, and each feed's health."""
    message = update.effective_message
    if message is None:
        return
    library = get_library(context)

    def work() -> IndexStats:
        library.refresh()
        return library.stats()

    stats = await in_thread(work)
    await reply_html(message, stats_text(stats, feed_states(context.application)))


async def sources_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The outlets in the collection and their article counts."""
    message = update.effective_message
    if message is None:
        return
    library = get_library(context)
    sources = await in_thread(lambda: library.index.sources(limit=30))
    await reply_html(message, sources_text(sources))


def register(application: Application) -> None:  # type: ignore[type-arg]
    application.add_handler(CommandHandler("stats", stats_command))
    application.add_handler(CommandHandler("sources", sources_command))
