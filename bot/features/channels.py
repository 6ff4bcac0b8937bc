"""Channel posts as articles: every post (text or caption) in a channel where the bot is an
administrator becomes an article (dated the post's day, its outlet the channel's title, its
link the post's ``t.me`` link), so answers quote and link it like any article; an edited post
replaces its text. NEWSBOT_CHANNELS: ``all`` (default), ``off``, or the channels allowed.
Group messages are never indexed (they are /tldr's, opt-in and short-lived)."""

from __future__ import annotations

import logging
import time

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import MessageHandler, filters

from retrieval import Article, IndexError_, IngestReport, Library

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..state import SourceUpdate
from ..workers import WRITER_WAIT

__all__ = ["COMMANDS", "HELP", "post_article", "register"]

COMMANDS: tuple[Command, ...] = ()
HELP: tuple[str, ...] = ()  # the operator's (NEWSBOT_CHANNELS), not the users'

log = logging.getLogger("newsbot")

TITLE_CHARS = 120  # a post's first line, cut at a word, is its article's title
RETRY_AFTER = 30.0  # seconds before a post the index could not take is tried again
RETRIES = 10


def _title(text: str) -> str:
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if len(first) <= TITLE_CHARS:
        return first
    cut = first.rfind(" ", 0, TITLE_CHARS)
    return first[: cut if cut > 0 else TITLE_CHARS].rstrip(" ,;:-") + "…"


def post_article(post: Message) -> Article | None:
    """The article a channel post makes (None for a post without text or caption)."""
    text = (post.text or post.caption or "").strip()
    if not any(c.isalnum() for c in text):
        return None
    chat = post.chat
    return Article(
        title=_title(text),
        date=post.date.date(),  # UTC, as feed entries are dated
        text=text,
        url=post.link or "",
        id=f"telegram:{chat.id}/{post.message_id}",
        source=" ".join((chat.title or chat.username or "").split())[:80] or "Telegram",
    )


def _store(library: Library, article: Article, edited: bool) -> IngestReport:
    if edited:  # the edited text replaces the post's passages, all at once
        return library.replace_article(article, wait=WRITER_WAIT)
    return library.ingest_articles(lambda _: [article], wait=WRITER_WAIT)


async def _index(context: NewsContext, post: Message, edited: bool, attempt: int = 0) -> None:
    data = context.bot_data
    article = post_article(post)
    if article is None:
        return
    chat = str(post.chat.id)
    try:
        report = await data.workers.write(lambda: _store(data.library, article, edited))
    except IndexError_ as exc:  # the writer is busy or the index failing: try again later
        if attempt < RETRIES:

            async def again(job_context: NewsContext) -> None:
                await _index(job_context, post, edited, attempt + 1)

            data.jobs.run_once(
                again, RETRY_AFTER, name=f"channel-post:{post.chat.id}/{post.message_id}"
            )
        log.warning("channel post not indexed (%s); attempt %d", exc, attempt + 1)
        error = str(exc)
        await data.workers.state(lambda: data.state.sources.failed("channel", chat, error))
        return
    added = 0 if edited else report.added  # an edit replaces its post: no new article
    update = SourceUpdate(title=post.chat.title or "", added=added)
    if added:
        update.published = [post.date.timestamp()]
    update.answerable_at = time.time()
    await data.workers.state(lambda: data.state.sources.succeeded("channel", chat, update))


async def channel_post(update: Update, context: NewsContext) -> None:
    """A new or edited post in a channel: stored as an article (where channels are on)."""
    post = update.channel_post or update.edited_channel_post
    if post is None or post.chat.type != ChatType.CHANNEL:
        return
    if not context.bot_data.settings.channel_allowed(post.chat.id, post.chat.username):
        return
    await _index(context, post, edited=update.edited_channel_post is not None)


def register(application: NewsApp) -> None:
    application.add_handler(MessageHandler(filters.UpdateType.CHANNEL_POSTS, channel_post))
