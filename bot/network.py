"""Talking to Telegram when it misbehaves: retried sends and updates that cannot be read.

- ``RetryingRateLimiter``: python-telegram-bot's ``AIORateLimiter`` (Telegram's flood limits;
  a 429 waits ``retry_after`` and retries) plus bounded retries with exponential backoff for
  server errors (5xx), dropped connections and timeouts. A 5xx means Telegram did not take
  the request, so the retry cannot duplicate it; after a timeout it may have, which is why
  retries are bounded and logged.
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
from telegram.error import NetworkError
from telegram.ext import AIORateLimiter
from telegram.request import HTTPXRequest

__all__ = ["RetryingRateLimiter", "UpdatesRequest", "sanitize_updates"]

log = logging.getLogger("newsbot")


class RetryingRateLimiter(AIORateLimiter):
    """Flood-limit aware sends that also survive passing server and network errors."""

    def __init__(
        self,
        *,
        max_retries: int = 3,
        network_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 10.0,
    ) -> None:
        super().__init__(max_retries=max_retries)
        self.network_retries = network_retries
        self.backoff = backoff
        self.max_backoff = max_backoff

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        attempt = 0
        while True:
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except NetworkError as exc:
                if attempt >= self.network_retries:
                    log.error("%s failed after %d retries: %s", endpoint, attempt, exc)
                    raise
                delay = min(self.max_backoff, self.backoff * 2**attempt)
                delay *= 0.5 + random.random() / 2  # jitter: retries of many chats spread out
                attempt += 1
                log.warning(
                    "%s failed (%s); retry %d of %d in %.1f s",
                    endpoint,
                    exc,
                    attempt,
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
