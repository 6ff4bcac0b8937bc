"""/tldr's group messages on their way to the state database.

A busy group sends a message a second or more, and each write with a full sync costs
milliseconds of disk: written one by one on the event loop, they would hold every answer
behind them. Here a message is queued on the event loop (nothing waits there) and the queue is
written in batches, one transaction each, on the state thread (``bot.workers``): while one
batch is written the next gathers, so a burst costs a few syncs, not one a message.

Whoever reads or deletes stored messages (a catch-up, /forget, /tldr off, shutdown) first
awaits ``flush``: everything queued before is written by then. A batch that fails (a full
disk) pauses its groups (``Conversations.record``) and ``on_paused`` tells each group once.
So does any other write of the state that fails (the state then holds every write for a
while): the groups stored lately are paused and told too (``Conversations.pause_talking``),
since a batch may fit in what a full disk has left just before a larger write does not.
"""

from __future__ import annotations

import asyncio
import contextlib
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
        self._loop: asyncio.AbstractEventLoop | None = None  # the loop messages are added on
        self._pause_talking = False  # the state stopped taking writes: pause who talks
        conversations.db.health.on_failing.append(self._state_failing)

    @property
    def queued(self) -> int:
        return len(self._queue)

    def add(self, message: ChatMessage) -> None:
        """Queue a message of an opted-in group (others are not kept); call on the loop."""
        if not self.conversations.enabled(message.chat_id):
            return
        self._loop = asyncio.get_running_loop()
        self._queue.append(message)
        self._start_writing()

    async def flush(self) -> None:
        """Wait until every message queued so far is written (or left out by a pause), and
        the groups paused meanwhile are told."""
        while self._writing is not None and not self._writing.done():
            await asyncio.shield(self._writing)

    def _start_writing(self) -> None:  # on the loop
        if self._loop is not None and (self._writing is None or self._writing.done()):
            self._writing = self._loop.create_task(self._write_queued())

    def _state_failing(self) -> None:
        """A write of the state failed (on any thread, under its database's lock): the
        groups stored lately are paused and told, on the loop, beside the batches."""
        if self._loop is None:  # no message was ever queued: no group to tell
            return
        with contextlib.suppress(RuntimeError):  # the loop is closed: the bot has stopped
            self._loop.call_soon_threadsafe(self._pause_talking_groups)

    def _pause_talking_groups(self) -> None:
        self._pause_talking = True
        self._start_writing()

    async def _write_queued(self) -> None:
        while self._queue or self._pause_talking:
            if self._pause_talking:
                self._pause_talking = False
                write = functools.partial(self.conversations.pause_talking, time.time())
                what = "pause the groups stored lately"
            else:
                batch, self._queue = self._queue[:BATCH], self._queue[BATCH:]
                write = functools.partial(self.conversations.record, batch, time.time())
                what = f"store {len(batch)} group messages"
            try:
                paused = await self._run(write)
            except Exception:  # a bug, or the threads shut down: these messages are lost
                log.exception("could not %s for /tldr", what)
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
