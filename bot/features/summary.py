"""/summary [topic]: the news on a topic from several articles, in date order."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import Library

from ..chat_settings import translator_for
from ..context import NewsApp, NewsContext
from ..i18n import ENGLISH, Translator
from ..render import render_summary
from ..replies import reply_parts
from ..serving import serve_read


def summary_title(topic: str, t: Translator = ENGLISH) -> str:
    """A topic summary's header; "" without a topic (the newest news: the renderer heads it
    with the period it covers)."""
    return t("Summary: {topic}").format(topic=topic) if topic else ""


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
