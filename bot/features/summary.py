"""/summary [topic]: the news on a topic from several articles, in date order."""

from __future__ import annotations

import datetime as dt
import time

from telegram import Update
from telegram.ext import Application, CommandHandler

from ..context import NewsContext
from ..render_summary import render_summary
from .common import admitted, answer_log, in_thread, reply_parts, show_typing


def summary_title(topic: str) -> str:
    return f"Summary: {topic}" if topic else "The latest news"


async def summary_command(update: Update, context: NewsContext) -> None:
    """Summarize the news on the topic after the command (the latest news without one)."""
    message = update.effective_message
    if message is None:
        return
    started = time.perf_counter()
    if not await admitted(update, context, message):
        return
    topic = " ".join(context.args or []).strip()
    await show_typing(message)
    library = context.bot_data.library
    as_of = (message.date or dt.datetime.now(dt.UTC)).date()

    def work() -> list[str]:
        library.refresh()
        summary = library.summarize(topic, as_of=as_of)
        return render_summary(summary, summary_title(topic))

    parts = await in_thread(work)
    await reply_parts(message, parts)
    answer_log(update, started, len(parts), kind="summary")


def register(application: Application) -> None:
    application.add_handler(CommandHandler("summary", summary_command))
