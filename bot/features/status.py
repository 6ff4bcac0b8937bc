"""/stats and /sources: what the collection holds, and how the feeds are doing (the texts are
``bot.render.status``')."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import IndexStats, Library

from ..commands import EVERYWHERE, Command
from ..context import NewsApp, NewsContext
from ..i18n import N_
from ..preferences import translator_for
from ..render import sources_text, stats_text
from ..replies import reply_html
from ..serving import serve_read
from ..state import SourceStatus

__all__ = ["COMMANDS", "HELP", "register"]

COMMANDS = (
    Command("stats", N_("What the collection holds"), EVERYWHERE, rank=60),
    Command("sources", N_("The outlets and their article counts"), EVERYWHERE, rank=70),
)
HELP = (N_("<code>/stats</code> and <code>/sources</code> show what the collection holds."),)


async def stats_command(update: Update, context: NewsContext) -> None:
    """Articles, passages, dates covered, last ingestion, and each feed's health."""
    message = update.effective_message
    if message is None:
        return

    data = context.bot_data

    def work(library: Library, _as_of: dt.date) -> tuple[IndexStats, list[SourceStatus]]:
        return library.stats(), data.state.sources.statuses()

    async def deliver(found: tuple[IndexStats, list[SourceStatus]]) -> int:
        t = translator_for(update, context)
        stats, sources = found
        feeds = {feed.url: feed.last_error for feed in data.feeds.states}
        await reply_html(message, stats_text(stats, feeds, t, sources))
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
        await reply_html(message, sources_text(sources, translator_for(update, context)))
        return len(sources)

    await serve_read(update, context, work, deliver, kind="sources", costly=False)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("stats", stats_command))
    application.add_handler(CommandHandler("sources", sources_command))
