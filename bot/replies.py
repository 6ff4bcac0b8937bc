"""Replies in the chat and forum topic a message came from (HTML without link previews: the
application's ``Defaults``)."""

from __future__ import annotations

from typing import Any

from telegram import Message

__all__ = ["reply_html", "reply_parts"]


async def reply_html(message: Message, text: str, **kwargs: Any) -> Message:
    """Reply in the chat (and forum topic) the message came from (HTML without previews: the
    application's defaults); ``kwargs`` go to ``reply_text`` (e.g. ``reply_markup``)."""
    return await message.reply_text(text, do_quote=message.chat.type != "private", **kwargs)


async def reply_parts(message: Message, parts: list[str]) -> None:
    """Send a long reply as several messages, in order."""
    for part in parts:
        await reply_html(message, part)
