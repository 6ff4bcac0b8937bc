"""Talking to Telegram when it misbehaves: retried sends and updates that cannot be read.

- ``RetryingRateLimiter``: python-telegram-bot's ``AIORateLimiter`` keeps sends under
  Telegram's limits; this class owns every retry. A 429 (flood control) is waiting, not
  failure: the send waits ``retry_after`` and tries again, as often as needed, until it is
  delivered or ``flood_deadline`` seconds have passed since its first attempt. Server errors
  (5xx), dropped connections and timeouts get bounded retries with exponential backoff. A 5xx
  means Telegram did not take the request, so the retry cannot duplicate it; after a timeout
  it may have, which is why those retries are bounded and logged.
- ``UpdatesRequest``: reads each update of a ``getUpdates`` answer on its own; one that the
  library cannot parse becomes an empty update (its id only), so it is skipped and polling
  goes on instead of stopping for good.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import random
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import NetworkError, RetryAfter
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

__all__ = [
    "FLOOD_MARGIN",
    "NON_ESSENTIAL",
    "RetryingRateLimiter",
    "UpdatesRequest",
    "retry_after_seconds",
    "sanitize_updates",
]

log = logging.getLogger("newsbot")

FLOOD_MARGIN = 0.1  # seconds added to retry_after, so the retry does not land a hair early
# Calls no answer depends on: "typing" (only worth anything now: after the answer it would
# mislead) and the bot's profile (menus, descriptions; set again at the next start). One try,
# never a retry, and past the rate limiter: they must never take a place an answer waits for.
NON_ESSENTIAL = frozenset(
    {"sendChatAction", "setMyCommands", "setMyDescription", "setMyShortDescription"}
)


def retry_after_seconds(exc: RetryAfter) -> float:
    """Telegram's retry_after in seconds. The public attribute is an int or a timedelta
    depending on an environment variable, with a deprecation warning; PTB's own rate limiter
    reads the stored timedelta, as this does."""
    return exc._retry_after.total_seconds()


class RetryingRateLimiter(AIORateLimiter):
    """Flood-limit aware sends that wait out flood control and survive passing server errors.

    The 429 logic lives here alone. ``AIORateLimiter`` can retry 429s too, but only a fixed
    number of times, and then raises ``RetryAfter``, which is not a ``NetworkError``: a loop
    around it would be a second, differently counted 429 policy. So the parent is built with
    ``max_retries=0`` (it only throttles and hands every ``RetryAfter`` straight up) and this
    loop retries against one deadline. Like the parent, a 429 pauses every send, not only the
    refused one: flood control is about the whole bot, and sends that hurry meet it again.
    """

    def __init__(
        self,
        *,
        flood_deadline: float = 60.0,
        network_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 10.0,
    ) -> None:
        super().__init__(max_retries=0)
        self.flood_deadline = flood_deadline
        self.network_retries = network_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self._paused_until = 0.0  # loop time before which no send goes out (after a 429)

    async def _wait_out_flood_control(self) -> None:
        loop = asyncio.get_running_loop()
        while (delay := self._paused_until - loop.time()) > 0:
            await asyncio.sleep(delay)  # re-checked: another 429 may extend the pause

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in NON_ESSENTIAL:
            # Neither throttled nor paused nor retried: whatever Telegram answers (an error, a
            # 429, nothing until the timeout), the caller alone waits for it, and only once.
            return await callback(*args, **kwargs)
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.flood_deadline
        failures = 0  # 5xx, network errors and timeouts; 429s do not count here
        refusals = 0
        while True:
            await self._wait_out_flood_control()
            try:
                # rate_limit_args would be the parent's 429 retry count: None keeps it at 0.
                return await super().process_request(callback, args, kwargs, endpoint, data, None)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) + FLOOD_MARGIN
                refusals += 1
                # Even a send given up on leaves the pause: the next ones would meet the same 429.
                self._paused_until = max(self._paused_until, loop.time() + wait)
                if loop.time() + wait > deadline:
                    log.error(
                        "%s refused by flood control %d times; retry_after %.0f s would pass "
                        "the %.0f s deadline, giving up",
                        endpoint,
                        refusals,
                        wait - FLOOD_MARGIN,
                        self.flood_deadline,
                    )
                    raise
                log.info("%s: flood control, retry %d in %.1f s", endpoint, refusals, wait)
            except NetworkError as exc:
                if failures >= self.network_retries:
                    log.error("%s failed after %d retries: %s", endpoint, failures, exc)
                    raise
                delay = min(self.max_backoff, self.backoff * 2**failures)
                delay *= 0.5 + random.random() / 2  # jitter: retries of many chats spread out
                failures += 1
                log.warning(
                    "%s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    exc,
                    failures,
                    self.network_retries,
                    delay,
                )
                await asyncio.sleep(delay)


def sanitize_updates(payload: bytes) -> bytes:
    """A getUpdates answer where every update parses; broken ones become their bare id."""
    try:
        body = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return payload
    if not isinstance(body, dict) or not isinstance(body.get("result"), list):
        return payload
    checked: list[Any] = []
    changed = False
    for update in body["result"]:
        try:
            Update.de_json(copy.deepcopy(update), None)  # parsing may consume its input
            checked.append(update)
            continue
        except Exception as exc:  # whatever the library chokes on, skip that update alone
            update_id = update.get("update_id") if isinstance(update, dict) else None
            log.warning("update %s could not be read (%s); skipped", update_id, type(exc).__name__)
        changed = True
        if isinstance(update_id, int):
            checked.append({"update_id": update_id})
    if not changed:
        return payload
    body["result"] = checked
    return json.dumps(body).encode()


class UpdatesRequest(HTTPXRequest):
    """The request object for getUpdates: answers are checked update by update."""

    async def do_request(
        self, url: str, method: str, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        code, payload = await super().do_request(url, method, *args, **kwargs)
        if code == 200 and url.endswith("/getUpdates"):
            payload = sanitize_updates(payload)
        return code, payload
