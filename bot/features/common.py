"""Helpers shared by the feature handlers: the library, replies, timing logs."""

from __future__ import annotations

import contextlib
import logging
import time
from collections.abc import Callable
from typing import TypeVar

from telegram import Message, Update
from telegram.constants import ChatAction, ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ContextTypes

from retrieval import Library

from ..limits import FloodGuard, Verdict
from ..polling_guard import PollingGuard
from ..settings import Settings
from ..store import Store
from ..workers import in_read_thread

__all__ = [
    "admitted",
    "answer_log",
    "flood_verdict",
    "get_library",
    "get_settings",
    "get_store",
    "in_thread",
    "is_admin",
    "jobs_allowed",
    "reply_html",
    "reply_parts",
    "show_typing",
    "thread_of",
]

log = logging.getLogger("newsbot")
T = TypeVar("T")


def get_library(context: ContextTypes.DEFAULT_TYPE) -> Library:
    library: Library = context.application.bot_data["library"]
    return library


def get_store(context: ContextTypes.DEFAULT_TYPE) -> Store:
    store: Store = context.application.bot_data["store"]
    return store


def thread_of(message: Message) -> int:
    """The forum topic a message belongs to (0 outside topics)."""
    return message.message_thread_id or 0 if message.is_topic_message else 0


async def is_admin(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
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


def jobs_allowed(application: Application) -> bool:  # type: ignore[type-arg]
    """False while another instance polls with this token: its jobs run, not ours."""
    guard: PollingGuard | None = application.bot_data.get("polling")
    return guard is None or guard.jobs_allowed


def get_settings(context: ContextTypes.DEFAULT_TYPE) -> Settings:
    settings: Settings = context.application.bot_data["settings"]
    return settings


async def in_thread(function: Callable[[], T]) -> T:
    """Run read work (searches) off the event loop, on the read pool: never behind writers."""
    return await in_read_thread(function)


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


SLOW_DOWN = "Slow down, please: you are asking faster than I can answer. Try again in {} s."


def flood_verdict(update: Update, context: ContextTypes.DEFAULT_TYPE) -> Verdict:
    """Whether this costly request fits the sender's and the chat's rate."""
    guard: FloodGuard = context.application.bot_data["flood"]
    user, chat = update.effective_user, update.effective_chat
    return guard.admit(user.id if user else None, chat.id if chat else None)


async def admitted(update: Update, context: ContextTypes.DEFAULT_TYPE, message: Message) -> bool:
    """Flood control for a message: False (with one notice per flood) when over the rate."""
    verdict = flood_verdict(update, context)
    if not verdict.allowed and verdict.notify:
        await reply_html(message, SLOW_DOWN.format(verdict.retry_after))
    return verdict.allowed


async def reply_parts(message: Message, parts: list[str]) -> None:
    """Send a long reply as several messages, in order."""
    for part in parts:
        await reply_html(message, part)


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
