"""The error handler: log the failure, apologise briefly (not for flood control), keep going."""

from __future__ import annotations

import contextlib
import logging

from telegram import Update
from telegram.error import Conflict, NetworkError, RetryAfter

from ..chat_settings import translator_for
from ..context import NewsApp, NewsContext
from ..i18n import N_

log = logging.getLogger("newsbot")

APOLOGY = N_("Sorry, something went wrong with that message. Please try again.")


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
    log.error("update failed: %s: %s", type(error).__name__, error, exc_info=error)
    if not isinstance(update, Update) or update.effective_message is None:
        return
    with contextlib.suppress(Exception):
        await update.effective_message.reply_text(translator_for(update, context)(APOLOGY))


def register(application: NewsApp) -> None:
    application.add_error_handler(on_error)
