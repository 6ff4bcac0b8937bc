"""Talking to Telegram when it misbehaves: sends that wait their chat's turn, retries of what is
worth retrying, and updates that cannot be read.

- ``RetryingRateLimiter``: every Bot API call passes here. A send to a chat takes its turn in the
  chat's lane (``bot.outbox``: Telegram's limits per chat, per group and overall), after the
  update that made it has given its slot back (``bot.update_slots``). This class owns every
  retry. A 429 (flood control) is waiting, not failure: the chat's lane pauses ``retry_after``
  and the send tries again, as often as needed, until it is delivered or ``flood_deadline``
  seconds have passed since its first attempt. Server errors (5xx), dropped connections and
  timeouts get bounded retries with exponential backoff. A 5xx means Telegram did not take the
  request, so the retry cannot duplicate it; after a timeout it may have, which is why those
  retries are bounded and logged. Telegram's refusals (``bot.telegram_errors``: every 400, 403,
  a migrated chat) are never retried: an edit that would change nothing is done, a group that
  became a supergroup gets the send at its new id (and its state moves there, ``ChatEvents``),
  a deleted chat or topic loses its subscriptions, and the rest is raised at once.
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
from typing import Any, Protocol

from telegram import Update
from telegram.error import ChatMigrated, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest

from .outbox import Lane, Outbox, posts_to_chat
from .telegram_errors import Refusal, refusal_of
from .update_slots import leave_slot, mark_delivered

__all__ = [
    "FLOOD_MARGIN",
    "NON_ESSENTIAL",
    "ChatEvents",
    "RetryingRateLimiter",
    "UpdatesRequest",
    "retry_after_seconds",
    "sanitize_updates",
]

log = logging.getLogger("newsbot")

FLOOD_MARGIN = 0.1  # seconds added to retry_after, so the retry does not land a hair early
# Calls no answer depends on: "typing" (only worth anything now: after the answer it would
# mislead) and the bot's profile (menus, descriptions; set again at the next start). One try,
# never a retry, and past the lanes: they must never take a place an answer waits for.
NON_ESSENTIAL = frozenset(
    {"sendChatAction", "setMyCommands", "setMyDescription", "setMyShortDescription"}
)

_Callback = Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]]


def retry_after_seconds(exc: RetryAfter) -> float:
    """Telegram's retry_after in seconds. The public attribute is an int or a timedelta
    depending on an environment variable, with a deprecation warning; PTB's own rate limiter
    reads the stored timedelta, as this does."""
    return exc._retry_after.total_seconds()


class ChatEvents(Protocol):
    """What the bot does with its state when Telegram says a chat moved or is gone."""

    def moved(self, old: int, new: int) -> None: ...

    def gone(self, chat_id: int, thread_id: int | None, refusal: Refusal) -> None: ...


class _NoEvents:
    def moved(self, old: int, new: int) -> None:
        return None

    def gone(self, chat_id: int, thread_id: int | None, refusal: Refusal) -> None:
        return None


class RetryingRateLimiter(BaseRateLimiter[int]):
    """Sends in their chat's lane, flood control waited out, passing server errors survived,
    Telegram's refusals never retried.

    Unlike python-telegram-bot's ``AIORateLimiter`` (one pause for every chat after any 429, a
    slot held while waiting), a 429 pauses the refused chat's lane alone: Telegram's limits are
    per chat and per group, and the overall one is kept by the outbox before Telegram sees it.
    Calls that name no chat (inline answers, button answers) are not limited; a 429 for one of
    them pauses those calls alone.
    """

    def __init__(
        self,
        *,
        flood_deadline: float = 60.0,
        network_retries: int = 5,
        backoff: float = 0.5,
        max_backoff: float = 10.0,
        outbox: Outbox | None = None,
    ) -> None:
        self.flood_deadline = flood_deadline
        self.network_retries = network_retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.outbox = outbox or Outbox()
        self.events: ChatEvents = _NoEvents()
        self._paused_until = 0.0  # loop time before which no chat-less call goes (after a 429)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to free."""

    async def process_request(
        self,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        if endpoint in NON_ESSENTIAL:
            # Neither paced nor paused nor retried: whatever Telegram answers (an error, a 429,
            # nothing until the timeout), the caller alone waits for it, and only once.
            return await callback(*args, **kwargs)
        chat_id = _chat_key(data.get("chat_id"))
        if chat_id is None or not posts_to_chat(endpoint):
            return await self._attempts(None, callback, args, kwargs, endpoint, data)
        leave_slot()  # from here on this update only waits to send: others go first
        async with self.outbox.turn(chat_id) as lane:
            result = await self._attempts(lane, callback, args, kwargs, endpoint, data)
        mark_delivered()
        return result

    async def _clear(self, lane: Lane | None, retry: bool) -> None:
        if lane is not None:
            await self.outbox.clear_to_send(lane, retry=retry)
            return
        loop = asyncio.get_running_loop()
        while (delay := self._paused_until - loop.time()) > 0:
            await asyncio.sleep(delay)  # re-checked: another 429 may extend the pause

    def _pause(self, lane: Lane | None, seconds: float) -> None:
        if lane is not None:
            self.outbox.pause(lane, seconds)
        else:
            loop = asyncio.get_running_loop()
            self._paused_until = max(self._paused_until, loop.time() + seconds)

    async def _attempts(
        self,
        lane: Lane | None,
        callback: _Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.flood_deadline
        failures = 0  # 5xx, network errors and timeouts; 429s do not count here
        refusals = 0
        moved = False
        attempts = 0
        while True:
            await self._clear(lane, retry=attempts > 0)
            attempts += 1
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                wait = retry_after_seconds(exc) + FLOOD_MARGIN
                refusals += 1
                # Even a send given up on leaves the pause: the next ones would meet the same 429.
                self._pause(lane, wait)
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
            except ChatMigrated as exc:
                if moved:
                    raise
                moved = True
                old, new = int(data["chat_id"]), int(exc.new_chat_id)
                log.info("%s: the group became a supergroup; sent to its new id", endpoint)
                self._tell(self.events.moved, old, new)
                data["chat_id"] = new  # the request's own data: the retry goes to the new id
            except NetworkError as exc:
                if refusal_of(exc) is not None:  # a BadRequest: a NetworkError to the library
                    return self._refused(exc, endpoint, data)
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
            except TelegramError as exc:
                if refusal_of(exc) is None:
                    raise
                return self._refused(exc, endpoint, data)

    def _refused(self, exc: TelegramError, endpoint: str, data: dict[str, Any]) -> bool:
        """Handle a refusal that no retry would change: "not modified" is done (True, as an
        edit of an inline message answers); anything else is raised after its consequences."""
        refusal = refusal_of(exc)
        if refusal is Refusal.NOT_MODIFIED:
            return True
        chat_id = _chat_key(data.get("chat_id"))
        if refusal in (Refusal.CHAT_GONE, Refusal.TOPIC_GONE) and isinstance(chat_id, int):
            thread = data.get("message_thread_id")
            thread_id = int(thread) if refusal is Refusal.TOPIC_GONE and thread else None
            self._tell(self.events.gone, chat_id, thread_id, refusal)
        log.info("%s refused by Telegram (%s): %s", endpoint, refusal, exc)
        raise exc

    @staticmethod
    def _tell(event: Callable[..., None], *args: Any) -> None:
        """Tell the bot about a moved or gone chat; its failure must not stop the send path."""
        try:
            event(*args)
        except Exception as exc:  # the bot's state may fail to change (a full disk): go on
            log.error("could not update the state of a moved or gone chat: %s", exc)


def _chat_key(chat_id: Any) -> int | str | None:
    """A chat id as the lanes key it: an int, or an @username as given."""
    if chat_id is None:
        return None
    try:
        return int(chat_id)
    except (TypeError, ValueError):
        return str(chat_id)


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
