"""Replies in the chat and forum topic a message came from (HTML without link previews: the
application's ``Defaults``)."""

from __future__ import annotations

from telegram import InlineKeyboardMarkup, Message

__all__ = ["reply_html", "reply_parts"]


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
