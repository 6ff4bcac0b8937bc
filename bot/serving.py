"""One path for every read that costs: flood check, "typing" when slow, the as-of date, a
fresh index, the work on the read threads, the reply, one timing log line.

Handlers (questions, /summary, /tldr, inline, the digest job, /help, /stats, /sources) say
what to compute and how to send it; ``serve_read`` does the rest, so none can skip a step.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Message, Update
from telegram.constants import ChatAction
from telegram.error import TelegramError

from retrieval import Library, SearchUnavailable

from .context import NewsContext
from .i18n import N_
from .preferences import translator_for
from .replies import reply_html

__all__ = ["SLOW_DOWN", "STAND_IN_AFTER", "serve_read"]

log = logging.getLogger("newsbot")
T = TypeVar("T")

STAND_IN_AFTER = 1.0  # seconds a read with a stand-in waits for the search before using it
UNAVAILABLE_CHECK = 0.05  # seconds between looks, while a read waits, at whether search is down

SLOW_DOWN = N_(
    "Slow down, please: you are asking faster than I can answer. Try again in {seconds} s."
)


async def serve_read(
    update: Update | None,
    context: NewsContext,
    work: Callable[[Library, dt.date], T],
    deliver: Callable[[T], Awaitable[int]],
    *,
    kind: str,
    costly: bool = True,
    stand_in: Callable[[], T] | None = None,
) -> bool:
    """Compute ``work(library, as_of)`` on a read thread after refreshing the index, then
    ``deliver`` it (it returns the number of results, for the log line).

    ``costly`` reads pass the sender's and the chat's flood control first: over the rate, the
    sender hears so once per flood (when there is a message to reply to) and False is
    returned, nothing computed. ``update`` is None for jobs (no flood control, no typing).

    A read with a ``stand_in`` (/start and /help: the collection's size and an example) never
    waits for a stalled or unavailable search: after ``STAND_IN_AFTER`` seconds, or at once
    when search is unavailable, it delivers ``stand_in()`` instead.
    """
    started = time.perf_counter()
    message = update.effective_message if update is not None else None
    if costly and update is not None and not await _admitted(update, context, message):
        return False
    library = context.bot_data.library
    as_of = (message.date if message and message.date else dt.datetime.now(dt.UTC)).date()

    def fresh_work() -> T:
        library.refresh(context.bot_data.settings.index_refresh)
        return work(library, as_of)

    task = asyncio.ensure_future(context.bot_data.workers.read(fresh_work))
    typing: asyncio.Task[None] | None = None
    if message is not None:
        # "typing" only when the answer is slow: once, beside the work, never awaited by it
        # (bot.network sends it past the rate limiter, with one try), and dropped the moment
        # the answer is ready.
        done, _ = await asyncio.wait({task}, timeout=context.bot_data.settings.typing_after)
        if not done:
            typing = asyncio.create_task(_show_typing(message))
    try:
        if stand_in is None:
            value = await _unless_unavailable(task, library)
        else:
            waited = time.perf_counter() - started  # "typing" may have waited already
            value = await _or_stand_in(task, stand_in, STAND_IN_AFTER - waited)
    finally:
        if typing is not None and not typing.done():
            typing.cancel()  # the answer is ready: a late "typing" would only mislead
    results = await deliver(value)
    _log_served(update, started, results, kind)
    return True


async def _unless_unavailable(task: asyncio.Future[T], library: Library) -> T:
    """The work's result; SearchUnavailable as soon as the engine is known not to answer
    (another read found the cluster stalled): no chat waits out its own timeout then."""
    while True:
        done, _ = await asyncio.wait({task}, timeout=UNAVAILABLE_CHECK)
        if done:
            return task.result()
        if library.index.unavailable:
            task.add_done_callback(_retrieve)
            raise SearchUnavailable("search is unavailable (the cluster is not answering)")


async def _or_stand_in(task: asyncio.Future[T], stand_in: Callable[[], T], wait: float) -> T:
    done, _ = await asyncio.wait({task}, timeout=max(wait, 0.0))
    if not done or isinstance(task.exception(), SearchUnavailable):
        task.add_done_callback(_retrieve)  # finished later: its error is not "never retrieved"
        return stand_in()
    return task.result()


def _retrieve(task: asyncio.Future[Any]) -> None:
    if not task.cancelled():
        task.exception()


async def _admitted(update: Update, context: NewsContext, message: Message | None) -> bool:
    user, chat = update.effective_user, update.effective_chat
    verdict = context.bot_data.flood.admit(user.id if user else None, chat.id if chat else None)
    if not verdict.allowed and verdict.notify and message is not None:
        t = translator_for(update, context)
        await reply_html(message, t(SLOW_DOWN).format(seconds=t.number(verdict.retry_after)))
    return verdict.allowed


async def _show_typing(message: Message) -> None:
    """Send the "typing" action; a failure here must not stop the answer."""
    with contextlib.suppress(TelegramError):
        await message.get_bot().send_chat_action(
            message.chat_id,
            ChatAction.TYPING,
            message_thread_id=message.message_thread_id if message.is_topic_message else None,
        )


def _log_served(update: Update | None, started: float, results: int, kind: str) -> None:
    """One line per served read: chat type, latency, result count; never message text."""
    chat = update.effective_chat if update is not None else None
    log.info(
        "%s chat=%s latency_ms=%.1f results=%d",
        kind,
        chat.type if chat else "none",
        (time.perf_counter() - started) * 1000,
        results,
    )
