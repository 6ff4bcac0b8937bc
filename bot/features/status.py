"""/stats and /sources: what the collection holds, and how the feeds are doing."""

from __future__ import annotations

import datetime as dt

from telegram import Update
from telegram.ext import CommandHandler

from retrieval import IndexStats, Library, language_name

from ..chat_settings import translator_for
from ..context import NewsApp, NewsContext
from ..feeds_service import FeedState
from ..i18n import ENGLISH, Translator
from ..render import escape, shorten
from ..render.bidi import isolate
from ..replies import reply_html
from ..serving import serve_read


def _when(moment: dt.datetime | None, t: Translator) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else t("never")


def stats_text(stats: IndexStats, feeds: list[FeedState], t: Translator = ENGLISH) -> str:
    """The /stats message (plain function: tests read it without Telegram)."""
    span = (
        t("{first} to {last}").format(
            first=stats.first_date.isoformat(), last=stats.last_date.isoformat()
        )
        if stats.first_date and stats.last_date
        else t("none")
    )
    lines = [
        "<b>" + t("Collection") + "</b>",
        t("Articles: {count}").format(count=t.number(stats.articles)),
        t("Passages: {count}").format(count=t.number(stats.passages)),
        t("Dates: {span}").format(span=escape(span)),
        t("Last added: {when}").format(when=escape(_when(stats.last_added, t))),
        t("Search: {engine}").format(engine=escape(stats.engine)),
    ]
    if stats.languages:
        # Names in their own script: an Arabic one is isolated so its count stays beside it.
        counts = ", ".join(
            f"{isolate(language_name(code))} {t.number(n)}" for code, n in stats.languages.items()
        )
        lines.append(t("Languages: {counts}").format(counts=escape(counts)))
    if feeds:
        lines.append("\n<b>" + t("Feeds") + "</b>")
        for feed in feeds:
            values = {"when": _when(feed.last_success, t), "added": feed.added}
            state = t("last success {when}, {added} added").format(**values)
            if feed.last_error:
                state = t("last success {when}, {added} added; failing: {error}").format(
                    **values, error=feed.last_error
                )
            lines.append(f"• {escape(feed.host)}: {escape(state)}")
    return "\n".join(lines)


def sources_text(sources: list[tuple[str, int]], t: Translator = ENGLISH) -> str:
    if not sources:
        return t("No articles yet.")
    lines = [f"• {escape(shorten(name, 80))}: {t.number(count)}" for name, count in sources]
    return t("<b>Sources</b> (articles)") + "\n" + "\n".join(lines)


async def stats_command(update: Update, context: NewsContext) -> None:
    """Articles, passages, dates covered, last ingestion, and each feed's health."""
    message = update.effective_message
    if message is None:
        return

    def work(library: Library, _as_of: dt.date) -> IndexStats:
        return library.stats()

    async def deliver(stats: IndexStats) -> int:
        t = translator_for(update, context)
        await reply_html(message, stats_text(stats, context.bot_data.feeds.states, t))
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
