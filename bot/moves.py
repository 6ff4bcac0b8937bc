"""Chats that move or go: a group that became a supergroup keeps everything under its new id;
a deleted chat or forum topic (or one that removed or blocked the bot) loses its digests.

Telegram tells of an upgrade in two ways: service messages (``migrate_to_chat_id`` in the old
group, ``migrate_from_chat_id`` in the new one: ``bot.features.chat_moves``), and a send to the
old id refused with ``ChatMigrated`` (``bot.network`` then sends it to the new id and calls
``ChatMoves.moved``). Either way everything the bot keeps about the group moves, in one
transaction (``BotState.move_chat``): its digests (rescheduled), /tldr opt-in and stored
messages (and those still on their way), /settings, the answers behind its buttons and
follow-ups, and the reply log of edited questions. Moving twice is harmless: the second move
finds nothing.
"""

from __future__ import annotations

import logging

from .context import BotData
from .digest_jobs import schedule, unschedule
from .state import StoreError
from .telegram_errors import Refusal

__all__ = ["ChatMoves"]

log = logging.getLogger("newsbot")


class ChatMoves:
    """What the bot's state does when a chat moves or goes (``bot.network.ChatEvents``)."""

    def __init__(self, data: BotData) -> None:
        self.data = data  # filled by the factory: read at each event

    def moved(self, old: int, new: int) -> None:
        data = self.data
        if old == new:
            return
        try:
            digests = data.state.move_chat(old, new)
        except StoreError:
            return  # logged by the store; the service message or the next send tries again
        for digest in digests:
            unschedule(data.jobs, old, digest.thread_id)
            schedule(data.jobs, digest)
        log.info("a group became a supergroup: its state moved to the new id")

    def gone(self, chat_id: int, thread_id: int | None, refusal: Refusal) -> None:
        data = self.data
        try:
            removed = data.state.digests.clear_chat(chat_id, thread_id)
        except StoreError:
            return  # logged by the store; the next digest meets the same refusal and retries
        for digest in removed:
            unschedule(data.jobs, digest.chat_id, digest.thread_id)
        if removed:
            log.warning("%d digest subscription(s) removed: %s", len(removed), refusal)
