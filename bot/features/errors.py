"""The error handler: log the failure, apologise briefly (not for flood control), keep going.
A search engine that is not answering (``SearchUnavailable``: the cluster is down, stalled or
erroring) is said as such, at once, in every place a search was asked from, and never logged
here: the client's circuit breaker logs each outage once."""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.error import Conflict, NetworkError, RetryAfter

from retrieval import SearchUnavailable

from ..chat_settings import translator_for
from ..context import NewsApp, NewsContext
from ..i18n import N_

log = logging.getLogger("newsbot")

APOLOGY = N_("Sorry, something went wrong with that message. Please try again.")
SEARCH_UNAVAILABLE = N_("Search is unavailable right now. Please try again shortly.")


async def on_error(update: object, context: NewsContext) -> None:
    """Log an update's failure and answer it with a short apology."""
    error = context.error
    if update is None and isinstance(error, NetworkError):
        # Fetching updates failed: Telegram is unreachable for now; polling retries by itself.
        log.warning("cannot reach Telegram (%s); retrying", error)
        return
    if update is None and isinstance(error, Conflict):
        return  # another instance polls: bot.polling_guard said so once, polling backs off
    if isinstance(error, RetryAfter):
        # Flood control outlasted NEWSBOT_FLOOD_DEADLINE (bot.network logged it). An apology
        # would be one more send into the same flood control, and wrong: nothing broke.
        return
    if isinstance(error, SearchUnavailable):
        await tell_search_unavailable(update, context)
        return
    log.error("update failed: %s: %s", type(error).__name__, error, exc_info=error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    with contextlib.suppress(Exception):
        await update.effective_message.reply_text(translator_for(update, context)(APOLOGY))


async def tell_search_unavailable(update: object, context: NewsContext) -> None:
    """Say that search is unavailable where the search was asked: a reply, an inline result,
    a button's notice (nothing for a job: its next run tries again)."""
    if not isinstance(update, Update):
        return
    text = translator_for(update, context)(SEARCH_UNAVAILABLE)
    with contextlib.suppress(Exception):  # a failure to say it must not become a traceback
        if update.inline_query is not None:
            result = InlineQueryResultArticle(
                id="unavailable", title=text, input_message_content=InputTextMessageContent(text)
            )
            await update.inline_query.answer([result], cache_time=0, is_personal=True)
        elif update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)


def register(application: NewsApp) -> None:
    application.add_error_handler(on_error)
