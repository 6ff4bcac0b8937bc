"""What an update says beyond its text, for every feature: its forum topic, its button's
data, and whether its sender may change the chat's state (an administrator)."""

from __future__ import annotations

import logging

from telegram import CallbackQuery, Message, Update
from telegram.error import TelegramError

from .context import NewsContext
from .preferences import translator_for
from .replies import reply_html

__all__ = [
    "callback_text",
    "from_admin",
    "is_admin",
    "thread_of",
]

log = logging.getLogger("newsbot")


def callback_text(query: CallbackQuery) -> str | None:
    """A press's callback data when it is text Telegram could have sent (valid UTF-8; a forged
    one may carry a lone surrogate, which nothing downstream can encode), else None."""
    data = query.data
    if data is None:
        return None
    try:
        data.encode("utf-8")
    except UnicodeEncodeError:
        return None
    return data


def thread_of(message: Message) -> int:
    """The forum topic a message belongs to (0 outside topics)."""
    return message.message_thread_id or 0 if message.is_topic_message else 0


async def is_admin(update: Update, context: NewsContext) -> bool:
    """In a private chat the user; in a group, its administrators as Telegram says them."""
    chat, user, message = update.effective_chat, update.effective_user, update.effective_message
    if chat is None:
        return False
    if chat.type == "private":
        return True
    if message is not None and message.sender_chat is not None:
        return message.sender_chat.id == chat.id  # an anonymous administrator
    if user is None:
        return False
    try:
        member = await context.bot.get_chat_member(chat.id, user.id)
    except TelegramError as exc:
        log.warning("could not check administrator status: %s", exc)
        return False
    return member.status in ("administrator", "creator")


async def from_admin(update: Update, context: NewsContext, refusal: str) -> Message | None:
    """The update's message when its sender may change the chat's state (``is_admin``); else
    None, and the sender is told ``refusal`` (an ``N_`` phrase, said in the chat's language)."""
    message = update.effective_message
    if message is None:
        return None
    if not await is_admin(update, context):
        await reply_html(message, translator_for(update, context)(refusal))
        return None
    return message
