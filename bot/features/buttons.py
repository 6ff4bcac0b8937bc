"""Callback queries: no button of this bot carries an action, so any press is answered
(clients show a spinner until a callback query is answered) and nothing else happens."""

from __future__ import annotations

import contextlib

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from ..context import NewsApp, NewsContext

EXPIRED = "This button does nothing any more."


async def stale_button(update: Update, context: NewsContext) -> None:
    """Answer a button press whose data means nothing to this bot."""
    query = update.callback_query
    if query is None:
        return
    # A press too old to answer is refused by Telegram; there is nothing more to do then.
    with contextlib.suppress(TelegramError):
        await query.answer(EXPIRED)


def register(application: NewsApp) -> None:
    application.add_handler(CallbackQueryHandler(stale_button))
