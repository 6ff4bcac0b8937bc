"""One bot per token: notice when another instance is polling (Telegram answers 409 Conflict).

Only one ``getUpdates`` caller is served at a time; the other gets 409 on every try.
python-telegram-bot already retries with a growing pause (up to 30 s); this module makes the
situation one clear log line instead of a traceback per retry, and stops this instance's jobs
(digests, feed polls) while it cannot poll, so the chats never get two digests.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from .network import UpdatesRequest

__all__ = ["GuardedUpdatesRequest", "PollingGuard"]

log = logging.getLogger("newsbot")


class PollingGuard:
    """Whether this instance is the one receiving updates (webhook mode: always)."""

    def __init__(self) -> None:
        self.conflict = False
        self.conflicts = 0  # 409 answers seen, since start

    @property
    def jobs_allowed(self) -> bool:
        return not self.conflict

    def observe(self, status: int) -> None:
        """Record the HTTP status of one getUpdates call."""
        if status == HTTPStatus.CONFLICT:
            self.conflicts += 1
            if not self.conflict:
                self.conflict = True
                log.error(
                    "another instance is polling with this token: this one waits (retrying "
                    "with backoff) and runs no digests or feed polls until it can poll"
                )
        elif status == HTTPStatus.OK and self.conflict:
            self.conflict = False
            log.warning("polling again: the other instance has stopped")


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
