"""Update slots: how many updates are worked on at once, and when an update gives its slot back.

python-telegram-bot runs up to N updates at once and holds each one's place until its handler
returns. A handler that waits to send (its chat's limits, a 429 for the chat, a slow or refusing
Telegram) would hold its place all that time, and a busy or broken chat would fill every place.
Here an update gives its slot back as soon as it starts sending (``leave_slot``, called by the
send path in ``bot.network``): what is left to do waits in its chat's lane (``bot.outbox``),
beside every other chat's updates, never in front of them.

Each update also gets a ``Turn``, which the send path marks once something reached its chat: the
error handler never follows a delivered answer with an apology.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from telegram.ext import BaseUpdateProcessor

__all__ = ["MAX_IN_PROGRESS", "Turn", "UpdateSlots", "current_turn", "leave_slot", "mark_delivered"]

# Updates begun and not yet finished (worked on, or waiting to send): beyond this many, the next
# update waits to begin. A bound on memory, far above what the outbox lets wait (bot.outbox).
MAX_IN_PROGRESS = 10_000


@dataclass
class Turn:
    """One update's passage: its slot (until it is given back) and whether it delivered."""

    _release: Callable[[], None] | None
    delivered: bool = False

    def leave(self) -> None:
        """Give the slot back (once; later calls do nothing)."""
        release, self._release = self._release, None
        if release is not None:
            release()


_turn: ContextVar[Turn | None] = ContextVar("newsbot_update_turn", default=None)


def current_turn() -> Turn | None:
    """The turn of the update being handled in this task (None in jobs)."""
    return _turn.get()


def leave_slot() -> None:
    """The current update is sending: its slot goes to the next update."""
    turn = _turn.get()
    if turn is not None:
        turn.leave()


def mark_delivered() -> None:
    """Something the current update sent reached its chat."""
    turn = _turn.get()
    if turn is not None:
        turn.delivered = True


class UpdateSlots(BaseUpdateProcessor):
    """At most ``slots`` updates worked on at once; one that starts sending leaves its slot."""

    def __init__(self, slots: int) -> None:
        super().__init__(MAX_IN_PROGRESS)
        self.slots = slots
        self.busy = 0  # slots taken now
        self._free = asyncio.Semaphore(slots)

    def _give_back(self) -> None:
        self.busy -= 1
        self._free.release()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        await self._free.acquire()
        self.busy += 1
        turn = Turn(self._give_back)
        token = _turn.set(turn)
        try:
            await coroutine
        finally:
            turn.leave()
            _turn.reset(token)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""
