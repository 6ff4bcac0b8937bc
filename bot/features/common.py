"""Helpers shared by the feature handlers: the library, replies, timing logs."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from telegram import Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import ContextTypes

from retrieval import Library

from ..settings import Settings

__all__ = [
    "answer_log",
    "get_library",
    "get_settings",
    "in_thread",
    "reply_html",
    "show_typing",
]

log = logging.getLogger("newsbot")
T = TypeVar("T")


def get_library(context: ContextTypes.DEFAULT_TYPE) -> Library:
    library: Library = context.application.bot_data["library"]
    return library


def get_settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    settings: Settings = context.application.bot_data["settings"]
    return settings


async def in_thread(function: Callable[[], T]) -> T:
    """Run retrieval work off the event loop so slow work never stalls other chats."""
    return await asyncio.to_thread(function)


async def show_typing(message: Message) -> None:
    """Send the "typing" action; a failure here must not stop the answer."""
    with contextlib.suppress(TelegramError):
        await message.get_bot().send_chat_action(
            message.chat_id,
            ChatAction.TYPING,
            message_thread_id=message.message_thread_id if message.is_topic_message else None,
        )


async def reply_html(message: Message, text: str) -> Message:
    """Reply in the chat (and forum topic) the message came from, as HTML without previews."""
    return await message.reply_text(
        text,
        parse_mode=ParseMode.HTML,
        disable_web_page_preview=True,
        do_quote=message.chat.type != "private",
    )


def answer_log(update: Update, started: float, results: int, kind: str = "answer") -> None:
    """One line per answered update: chat type, latency, result count; never message text."""
    chat_type = update.effective_chat.type if update.effective_chat else "none"
    log.info(
        "%s chat=%s latency_ms=%.1f results=%d",
        kind,
        chat_type,
        (time.perf_counter() - started) * 1000,
        results,
    )
