"""Flood control for costly requests: questions, summaries, catch-ups and lookups.

Token buckets per user and per group chat: a burst is allowed, then requests are admitted at
the configured rate. The first refusal in a row earns a short "slow down" notice; the rest are
dropped quietly, so a flood costs one cheap check per message and delays nobody else.

A group's bucket is its share of Telegram's 20 messages a minute (``bot.outbox``): it admits no
more than that, and a "slow down" notice posted in a group takes a token too (the bucket may go
one below empty: the notice is paid back before the next answer), so what is admitted can
always be sent and no backlog builds in the group's lane.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from .outbox import GROUP_PER_MINUTE

__all__ = ["FloodGuard", "Verdict"]

_MAX_TRACKED = 50_000  # buckets kept; idle full ones are dropped first


@dataclass
class _Bucket:
    tokens: float
    updated: float
    notified: bool = False


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    notify: bool = False  # tell the sender to slow down (once per flood)
    retry_after: int = 0  # seconds until a request would be admitted


class FloodGuard:
    """Admits requests within per-user and per-chat rates (per minute), after a burst."""

    def __init__(self, user_per_minute: int, user_burst: int, chat_per_minute: int) -> None:
        self.user_rate = user_per_minute / 60.0
        self.user_burst = float(max(1, user_burst))
        chat_per_minute = min(chat_per_minute, GROUP_PER_MINUTE)  # what Telegram lets a group get
        self.chat_rate = chat_per_minute / 60.0
        self.chat_burst = float(max(1, chat_per_minute // 2))
        self._buckets: dict[tuple[str, int], _Bucket] = {}
        self._lock = threading.Lock()

    def _bucket(self, key: tuple[str, int], burst: float, now: float) -> _Bucket:
        bucket = self._buckets.get(key)
        if bucket is None:
            if len(self._buckets) >= _MAX_TRACKED:
                self._buckets.clear()  # crude but bounded; a cleared bucket starts full
            bucket = self._buckets[key] = _Bucket(burst, now)
        return bucket

    @staticmethod
    def _refill(bucket: _Bucket, rate: float, burst: float, now: float) -> None:
        bucket.tokens = min(burst, bucket.tokens + (now - bucket.updated) * rate)
        bucket.updated = now

    def admit(self, user_id: int | None, chat_id: int | None, now: float | None = None) -> Verdict:
        """Take a token from the user's bucket and, in groups, the chat's; or refuse."""
        now = time.monotonic() if now is None else now
        checks: list[tuple[_Bucket, float, float]] = []
        chat: _Bucket | None = None
        with self._lock:
            if user_id is not None:
                user = self._bucket(("user", user_id), self.user_burst, now)
                checks.append((user, self.user_rate, self.user_burst))
            if chat_id is not None and chat_id < 0:  # groups and channels have negative ids
                chat = self._bucket(("chat", chat_id), self.chat_burst, now)
                checks.append((chat, self.chat_rate, self.chat_burst))
            for bucket, rate, burst in checks:
                self._refill(bucket, rate, burst, now)
            short = [(bucket, rate) for bucket, rate, _ in checks if bucket.tokens < 1.0]
            if not short:
                for bucket, _, _ in checks:
                    bucket.tokens -= 1.0
                    bucket.notified = False
                return Verdict(True)
            notify = not any(b.notified for b, _ in short)
            for bucket, _ in short:
                bucket.notified = True
            if notify and chat is not None:
                chat.tokens -= 1.0  # the notice is a message in the group: it counts too
            wait = max((1.0 - b.tokens) / r if r > 0 else 60.0 for b, r in short)
            return Verdict(False, notify=notify, retry_after=max(1, math.ceil(wait)))
