"""/start and /help: what the bot does, with an example."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import Library

from ..context import NewsApp, NewsContext
from ..render import escape
from ..replies import reply_html
from ..serving import serve_read

EXAMPLE = "Will the US sanction Turkey over the S-400?"


def help_text(articles: int, username: str) -> str:
    """The help message; plain function so tests can read it without Telegram."""
    mention = f"@{username}" if username else "@thisbot"
    return (
        "<b>I answer questions about the news</b> from a collection of "
        f"{articles:,} articles, quoting the sentences that answer best, each with its date "
        "and source.\n\n"
        f"<b>In a private chat</b>, just ask:\n<code>{escape(EXAMPLE)}</code>\n\n"
        f"<b>In a group</b>, use <code>/ask {escape(EXAMPLE)}</code>, mention me "
        f"({escape(mention)} …) or reply to one of my messages.\n\n"
        "Time words narrow the search: <i>in June 2019</i>, <i>since 2019-06-01</i>, "
        "<i>last week</i>.\n\n"
        "<b>More</b>: <code>/summary topic</code> summarizes the news on a topic; "
        f"<code>{escape(mention)} words</code> in any chat looks up articles; "
        "<code>/digest 08:00</code> posts a daily digest of new articles; in groups, "
        "<code>/tldr</code> catches up on the conversation (after an admin's "
        "<code>/tldr on</code>)."
    )


async def start(update: Update, context: NewsContext) -> None:
    """Greet and explain use, with an example question."""
    message = update.effective_message
    if message is None:
        return

    def work(library: Library, _as_of: dt.date) -> int:
        return library.stats().articles

    async def deliver(articles: int) -> int:
        await reply_html(message, help_text(articles, context.bot.username or ""))
        return 0

    await serve_read(update, context, work, deliver, kind="help", costly=False)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler(["start", "help"], start))
