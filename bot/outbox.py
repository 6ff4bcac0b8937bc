"""Where sends wait: a lane per chat, keeping Telegram's limits, outside the update slots.

Telegram takes about one message a second in a chat, 20 a minute in a group and ~30 a second
from a bot overall; past them it answers 429 and the chat waits longer. Every send to a chat
(``send*``, ``edit*``, ``copy*``, ``forward*``) takes its turn in the chat's lane: first come,
first sent, one at a time, each when the chat's own limits allow, then when the overall limit
does. A chat's wait is its own: a 429 for a chat pauses that lane alone, and the update that
made a send has given its slot back before it waits (``bot.update_slots``), so a busy, slow or
refusing chat never delays another chat's answers.

Memory stays bounded: a lane holds at most ``per_chat`` sends (waiting or being sent) and all
lanes together ``total``. A send beyond either is dropped at once (``OutboxFull``) and counted
in a warning at most once a minute: the sends already waiting were promised first, and a chat
that far behind would get the new one minutes late. With the flood guard admitting no more
than a group's budget (``bot.limits``), only floods of cheap commands ever reach the cap.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from telegram.error import TelegramError

from .logs import CountedWarning
from .settings import GROUP_PER_MINUTE

__all__ = [
    "GROUP_PER_MINUTE",
    "Outbox",
    "OutboxFull",
    "Window",
    "posts_to_chat",
]

log = logging.getLogger("newsbot")

PER_CHAT_SECOND = 1  # Telegram: about one message a second in a chat
OVERALL_PER_SECOND = 30  # Telegram: about 30 messages a second from one bot
PER_CHAT = 30  # sends a lane holds: a group's budget and a half (90 s of its sends)
TOTAL = 2_000  # sends all lanes hold: about a minute of the overall limit
_PRUNE_AT = 512  # lanes kept before idle ones are dropped
_DROP_LOG_EVERY = 60.0


def posts_to_chat(endpoint: str) -> bool:
    """Whether a Bot API method puts (or changes) a message in a chat: what Telegram limits."""
    return endpoint.startswith(("send", "edit", "copyMessage", "forwardMessage"))


class OutboxFull(TelegramError):
    """A send dropped because its chat (or the whole outbox) already holds as many as it may."""

    def __init__(self) -> None:
        super().__init__("outbox full: send dropped")


class Window:
    """At most ``count`` events in any ``period`` seconds, given out in order (a sliding log
    of the last ``count`` times: exact, and a burst up to ``count`` goes at once)."""

    def __init__(self, count: int, period: float) -> None:
        self.count = count
        self.period = period
        self._times: deque[float] = deque(maxlen=count)

    def earliest(self, now: float) -> float:
        """The earliest time, not before ``now``, at which one more event keeps the limit."""
        if len(self._times) < self.count:
            return now
        return max(now, self._times[0] + self.period)

    def take(self, at: float) -> None:
        """Record an event at ``at`` (as given by ``earliest``: times only grow)."""
        self._times.append(at)

    def went(self, at: float) -> None:
        """The last event happened at ``at``, later than it was given out (it waited for the
        overall limit, or the event loop was busy): the next is counted from then."""
        if self._times and self._times[-1] < at:
            self._times[-1] = at

    def idle(self, now: float) -> bool:
        """True when no recorded event still counts."""
        return not self._times or self._times[-1] + self.period <= now


@dataclass
class Lane:
    """One chat's sends: taken in turn, paced, paused by a 429 for the chat."""

    pace: Window
    group: Window | None
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    holding: int = 0  # sends waiting or being sent
    paused_until: float = 0.0

    def idle(self, now: float) -> bool:
        group_idle = self.group is None or self.group.idle(now)
        return not self.holding and self.paused_until <= now and self.pace.idle(now) and group_idle


class Outbox:
    """The lanes of every chat, and the overall limit they share."""

    def __init__(
        self,
        *,
        per_chat: int = PER_CHAT,
        total: int = TOTAL,
        chat_rate: tuple[int, float] = (PER_CHAT_SECOND, 1.0),
        group_rate: tuple[int, float] = (GROUP_PER_MINUTE, 60.0),
        overall_rate: tuple[int, float] = (OVERALL_PER_SECOND, 1.0),
        clock: Callable[[], float] | None = None,
    ) -> None:
        self.per_chat = per_chat
        self.total = total
        self.chat_rate = chat_rate
        self.group_rate = group_rate
        self.overall = Window(*overall_rate)
        self._clock = clock
        self._lanes: dict[int | str, Lane] = {}
        self.holding = 0  # sends in all lanes
        self._drops = CountedWarning(_DROP_LOG_EVERY)

    def now(self) -> float:
        return self._clock() if self._clock is not None else asyncio.get_running_loop().time()

    def lane_of(self, chat_id: int | str) -> Lane:
        lane = self._lanes.get(chat_id)
        if lane is None:
            if len(self._lanes) >= _PRUNE_AT:
                now = self.now()
                for key in [key for key, old in self._lanes.items() if old.idle(now)]:
                    del self._lanes[key]
            group = _is_group(chat_id)
            lane = self._lanes[chat_id] = Lane(
                Window(*self.chat_rate), Window(*self.group_rate) if group else None
            )
        return lane

    def waiting(self, chat_id: int | str) -> int:
        """Sends the chat's lane holds now."""
        lane = self._lanes.get(chat_id)
        return lane.holding if lane is not None else 0

    @asynccontextmanager
    async def turn(self, chat_id: int | str) -> AsyncIterator[Lane]:
        """Join the chat's lane and wait for this send's turn (first come, first served);
        raises ``OutboxFull`` at once when the lane or the outbox holds as many as it may."""
        lane = self.lane_of(chat_id)
        if lane.holding >= self.per_chat or self.holding >= self.total:
            self._note_drop()
            raise OutboxFull()
        lane.holding += 1
        self.holding += 1
        try:
            async with lane.turn:
                yield lane
        finally:
            lane.holding -= 1
            self.holding -= 1

    def reserve(self, lane: Lane, *, retry: bool = False) -> float:
        """The time the lane's next send may go, by its chat's limits and pause, taken now (a
        ``retry`` of a refused attempt has its place already: only a pause holds it)."""
        now = self.now()
        at = max(now, lane.paused_until)
        if not retry:
            at = max(at, lane.pace.earliest(now))
            if lane.group is not None:
                at = max(at, lane.group.earliest(now))
            lane.pace.take(at)
            if lane.group is not None:
                lane.group.take(at)
        return at

    async def clear_to_send(self, lane: Lane, *, retry: bool = False) -> None:
        """Wait until the lane's chat may get one more message, then the bot may send one."""
        await _sleep_until(self, self.reserve(lane, retry=retry))
        now = self.now()
        at = self.overall.earliest(now)
        self.overall.take(at)
        await _sleep_until(self, at)
        if not retry:  # Telegram counts when a message arrives, not when it was scheduled
            went = self.now()
            lane.pace.went(went)
            if lane.group is not None:
                lane.group.went(went)

    def pause(self, lane: Lane, seconds: float) -> None:
        """Telegram said 429 for this chat: nothing goes to it for ``seconds``."""
        lane.paused_until = max(lane.paused_until, self.now() + seconds)

    @property
    def dropped(self) -> int:
        """Sends refused for a full lane or outbox, since start."""
        return self._drops.total

    def _note_drop(self) -> None:
        if (count := self._drops.note()) is not None:
            log.warning(
                "outbox: dropped %d send(s): their chat already had %d waiting (or all chats %d)",
                count,
                self.per_chat,
                self.total,
            )


async def _sleep_until(outbox: Outbox, at: float) -> None:
    delay = at - outbox.now()
    if delay > 0:
        await asyncio.sleep(delay)


def _is_group(chat_id: int | str) -> bool:
    """Groups, supergroups and channels have negative ids (or are named by @username)."""
    return isinstance(chat_id, str) or chat_id < 0
