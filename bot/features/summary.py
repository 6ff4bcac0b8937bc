"""/summary [topic]: the news on a topic from several articles, in date order."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import Library

from ..commands import EVERYWHERE, Command
from ..context import NewsApp, NewsContext
from ..i18n import N_
from ..preferences import translator_for
from ..render import render_summary, summary_title
from ..replies import reply_parts
from ..serving import serve_read

__all__ = ["COMMANDS", "HELP", "register"]

COMMANDS = (Command("summary", N_("Summary of the news on a topic"), EVERYWHERE, rank=20),)
HELP = (N_("<code>/summary topic</code> summarizes the news on a topic."),)


async def summary_command(update: Update, context: NewsContext) -> None:
    """Summarize the news on the topic after the command (the latest news without one)."""
    message = update.effective_message
    if message is None:
        return
    topic = " ".join(context.args or []).strip()
    t = translator_for(update, context)

    def work(library: Library, as_of: dt.date) -> list[str]:
        return render_summary(library.summarize(topic, as_of=as_of), summary_title(topic, t), t=t)

    async def deliver(parts: list[str]) -> int:
        await reply_parts(message, parts)
        return len(parts)

    await serve_read(update, context, work, deliver, kind="summary")


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("summary", summary_command))
