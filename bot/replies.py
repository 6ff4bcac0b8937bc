"""Replies in the chat and forum topic a message came from (HTML without link previews: the
application's ``Defaults``), and the answer to an edited question, which edits the earlier
reply (the reply log of ``bot.state.replies``)."""

from __future__ import annotations

import contextlib

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from .context import NewsContext
from .state import StoreError

__all__ = ["reply_html", "reply_or_edit", "reply_parts"]


async def reply_html(
    message: Message, text: str, *, reply_markup: InlineKeyboardMarkup | None = None
) -> Message:
    """Reply in the chat (and forum topic) the message came from (HTML without previews: the
    application's defaults), with buttons under it when given."""
    return await message.reply_text(
        text, do_quote=message.chat.type != "private", reply_markup=reply_markup
    )


async def reply_parts(message: Message, parts: list[str]) -> None:
    """Send a long reply as several messages, in order."""
    for part in parts:
        await reply_html(message, part)


async def reply_or_edit(
    message: Message,
    text: str,
    context: NewsContext,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer ``message``: for an edited question, by editing the earlier reply when there is
    one; otherwise with a new reply, remembered for the question's next edit. Returns the
    bot's message, or None when the edit would change nothing."""
    log = context.bot_data.state.replies
    chat_id = message.chat_id
    if message.edit_date is not None:
        earlier = log.reply_to(chat_id, message.message_id)
        if earlier is not None:
            try:
                edited = await context.bot.edit_message_text(
                    text, chat_id=chat_id, message_id=earlier, reply_markup=reply_markup
                )
            except BadRequest:
                edited = None  # deleted, or too old to edit: answer anew below
            if edited is True:
                return None  # "not modified" (bot.network): the same answer as before
            if isinstance(edited, Message):
                return edited
    sent = await reply_html(message, text, reply_markup=reply_markup)
    with contextlib.suppress(StoreError):  # delivered: a failed write is logged, no more
        log.remember(chat_id, message.message_id, sent.message_id)
    return sent
