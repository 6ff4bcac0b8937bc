"""/tldr's group messages on their way to the state database.

A busy group sends a message a second or more, and each write with a full sync costs
milliseconds of disk: written one by one on the event loop, they would hold every answer
behind them. Here a message is queued on the event loop (nothing waits there) and the queue is
written in batches, one transaction each, on the state thread (``bot.workers``): while one
batch is written the next gathers, so a burst costs a few syncs, not one a message.

Whoever reads or deletes stored messages (a catch-up, /forget, /tldr off, shutdown) first
awaits ``flush``: everything queued before is written by then. A batch that fails (a full
disk) pauses its groups (``Conversations.record``) and ``on_paused`` tells each group once.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import time
from collections.abc import Awaitable, Callable

from .conversations import ChatMessage, Conversations

__all__ = ["BATCH", "MessageWriter"]

log = logging.getLogger("newsbot")

BATCH = 500  # messages written in one transaction at most

RunInThread = Callable[[Callable[[], list[int]]], Awaitable[list[int]]]


class MessageWriter:
    """The queue of group messages to store, written in batches by ``run_in_thread``."""

    def __init__(self, conversations: Conversations, run_in_thread: RunInThread) -> None:
        self.conversations = conversations
        self._run = run_in_thread
        # Set by the /tldr feature: tells a group that its messages are not being stored.
        self.on_paused: Callable[[int], Awaitable[None]] | None = None
        self._queue: list[ChatMessage] = []
        self._writing: asyncio.Task[None] | None = None

    @property
    def queued(self) -> int:
        return len(self._queue)

    def add(self, message: ChatMessage) -> None:
        """Queue a message of an opted-in group (others are not kept); call on the loop."""
        if not self.conversations.enabled(message.chat_id):
            return
        self._queue.append(message)
        if self._writing is None or self._writing.done():
            self._writing = asyncio.get_running_loop().create_task(self._write_queued())

    async def flush(self) -> None:
        """Wait until every message queued so far is written (or left out by a pause)."""
        while self._writing is not None and not self._writing.done():
            await asyncio.shield(self._writing)

    async def _write_queued(self) -> None:
        while self._queue:
            batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
            try:
                paused = await self._run(
                    functools.partial(self.conversations.record, batch, time.time())
                )
            except Exception:  # a bug, or the threads shut down: these messages are lost
                log.exception("could not store %d group messages for /tldr", len(batch))
                continue
            for chat in paused:
                await self._tell(chat)

    async def _tell(self, chat: int) -> None:
        if self.on_paused is None:
            return
        try:
            await self.on_paused(chat)
        except Exception as exc:  # told or not, the group's storing stays paused
            log.warning("could not tell a group that /tldr storing paused: %s", exc)
