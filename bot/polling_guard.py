"""One bot per token: notice when another instance is polling (Telegram answers 409 Conflict).

Only one ``getUpdates`` caller is served at a time; the other gets 409 on every try.
python-telegram-bot already retries with a growing pause (up to 30 s); this module makes the
situation one clear log line instead of a traceback per retry, and stops this instance's jobs
(digests, feed polls) while it cannot poll, so the chats never get two digests.

Two instances take turns: each polls while the other waits out its pause, so 409s and
successes alternate for as long as both run. One episode is all of it, until no 409 has come
for ``EPISODE_QUIET`` seconds: one ERROR line when it starts, one line when it ends, and the
turns in between only at DEBUG (they were ~480 ERROR lines an hour).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any

from .network import UpdatesRequest

__all__ = ["EPISODE_QUIET", "GuardedUpdatesRequest", "PollingGuard"]

log = logging.getLogger("newsbot")

EPISODE_QUIET = 300.0  # seconds without a 409 that end an episode (pauses reach 30 s)


class PollingGuard:
    """Whether this instance is the one receiving updates (webhook mode: always)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.conflict = False  # the last getUpdates was refused: no jobs until one succeeds
        self.conflicts = 0  # 409 answers seen, since start
        self.episodes = 0  # stretches of 409s (an ERROR line each), since start
        self._clock = clock
        self._last_conflict: float | None = None  # while an episode lasts

    @property
    def jobs_allowed(self) -> bool:
        return not self.conflict

    def observe(self, status: int) -> None:
        """Record the HTTP status of one getUpdates call."""
        now = self._clock()
        if status == HTTPStatus.CONFLICT:
            self.conflicts += 1
            self.conflict = True
            if self._last_conflict is None:
                self.episodes += 1
                log.error(
                    "another instance is polling with this token: this one waits (retrying "
                    "with backoff) and runs no digests or feed polls until it can poll"
                )
            else:
                log.debug("getUpdates: 409 Conflict again (%d so far)", self.conflicts)
            self._last_conflict = now
        elif status == HTTPStatus.OK:
            self.conflict = False
            if self._last_conflict is not None and now - self._last_conflict >= EPISODE_QUIET:
                self._last_conflict = None
                log.warning(
                    "polling alone again: no 409 Conflict for %.0f s (%d in all)",
                    EPISODE_QUIET,
                    self.conflicts,
                )


class GuardedUpdatesRequest(UpdatesRequest):
    """The getUpdates request object, reporting each answer's status to the guard."""

    def __init__(self, guard: PollingGuard, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.guard = guard

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if url.endswith("/getUpdates"):
            self.guard.observe(code)
        return code, payload
