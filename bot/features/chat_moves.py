"""A group's upgrade to a supergroup, told by its service messages: everything the bot keeps
about the group moves to the new id (``bot.moves``; a send refused with ``ChatMigrated`` moves
it too, by way of ``bot.network``)."""

from __future__ import annotations

from telegram import Update
from telegram.ext import MessageHandler, filters

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..moves import ChatMoves

__all__ = ["COMMANDS", "HELP", "register"]

COMMANDS: tuple[Command, ...] = ()
HELP: tuple[str, ...] = ()


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
