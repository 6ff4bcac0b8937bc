"""Chats that move or go: a group that became a supergroup keeps everything under its new id;
a deleted chat or forum topic (or one that removed or blocked the bot) loses its digests.

Telegram tells of an upgrade in two ways: service messages (``migrate_to_chat_id`` in the old
group, ``migrate_from_chat_id`` in the new one), and a send to the old id refused with
``ChatMigrated`` (``bot.network`` then sends it to the new id and calls ``ChatMoves.moved``).
Either way everything the bot keeps about the group moves: its digests (rescheduled), /tldr
opt-in and stored messages, /settings, the answers behind its buttons and follow-ups, and the
reply log of edited questions. Moving twice is harmless: the second move finds nothing.
"""

from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import MessageHandler, filters

from ..context import BotData, NewsApp, NewsContext
from ..store import StoreError
from ..telegram_errors import Refusal
from .digest import schedule, unschedule

__all__ = ["ChatMoves", "register"]

log = logging.getLogger("newsbot")


class ChatMoves:
    """What the bot's state does when a chat moves or goes (``bot.network.ChatEvents``)."""

    def __init__(self, data: BotData) -> None:
        self.data = data  # filled by the factory after this is made: read at each event

    def moved(self, old: int, new: int) -> None:
        data = self.data
        if old == new:
            return
        try:
            digests = data.store.move_chat(old, new)
            data.chat_settings.move_chat(old, new)
            data.replies.move_chat(old, new)
        except StoreError:
            return  # logged by the store; the service message or the next send tries again
        for digest in digests:
            unschedule(data.jobs, old, digest.thread_id)
            schedule(data.jobs, digest)
        log.info("a group became a supergroup: its state moved to the new id")

    def gone(self, chat_id: int, thread_id: int | None, refusal: Refusal) -> None:
        data = self.data
        try:
            removed = data.store.clear_digests(chat_id, thread_id)
        except StoreError:
            return  # logged by the store; the next digest meets the same refusal and retries
        for digest in removed:
            unschedule(data.jobs, digest.chat_id, digest.thread_id)
        if removed:
            log.warning("%d digest subscription(s) removed: %s", len(removed), refusal)


async def on_migration(update: Update, context: NewsContext) -> None:
    """The service message of a group's upgrade: move its state to the supergroup's id."""
    message = update.effective_message
    if message is None:
        return
    moves = ChatMoves(context.bot_data)
    if message.migrate_to_chat_id:
        moves.moved(message.chat_id, message.migrate_to_chat_id)
    elif message.migrate_from_chat_id:
        moves.moved(message.migrate_from_chat_id, message.chat_id)


def register(application: NewsApp) -> None:
    application.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, on_migration))
    limiter = application.bot.rate_limiter
    if limiter is not None and hasattr(limiter, "events"):
        limiter.events = ChatMoves(application.bot_data)
