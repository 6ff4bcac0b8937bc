"""bot.network: one unreadable update is skipped, the rest pass untouched; flood control is
waited out until a deadline, server errors get bounded retries (the send is a plain coroutine
here; tests/test_faults.py shows the same through the bot)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from telegram.error import NetworkError, RetryAfter

from bot.network import FLOOD_MARGIN, RetryingRateLimiter, retry_after_seconds, sanitize_updates

GOOD = {
    "update_id": 1,
    "message": {
        "message_id": 1,
        "date": 1_700_000_000,
        "chat": {"id": 5, "type": "private"},
        "text": "hello",
    },
}


def test_good_answer_returned_byte_for_byte() -> None:
    payload = json.dumps({"ok": True, "result": [GOOD]}).encode()
    assert sanitize_updates(payload) is payload


def test_broken_update_becomes_its_bare_id() -> None:
    broken = {"update_id": 2, "message": {"message_id": "x", "chat": 7}}
    payload = json.dumps({"ok": True, "result": [GOOD, broken]}).encode()
    result = json.loads(sanitize_updates(payload))["result"]
    assert result == [GOOD, {"update_id": 2}]


def test_update_without_an_id_is_dropped() -> None:
    payload = json.dumps({"ok": True, "result": ["junk", GOOD]}).encode()
    assert json.loads(sanitize_updates(payload))["result"] == [GOOD]


@pytest.mark.parametrize(
    "payload", [b"not json", b"\xff\xfe", b"[]", b'{"ok": false}', b'{"result": 3}']
)
def test_anything_else_passes_through(payload: bytes) -> None:
    assert sanitize_updates(payload) == payload


def _flaky(faults: list[Exception]) -> tuple[Callable[[], Awaitable[dict[str, Any]]], list[float]]:
    """A send that raises ``faults`` in order, then succeeds; records when each attempt ran."""
    attempts: list[float] = []

    async def send() -> dict[str, Any]:
        attempts.append(time.monotonic())
        if faults:
            raise faults.pop(0)
        return {"message_id": 1}

    return send, attempts


async def _through(limiter: RetryingRateLimiter, send: Callable[..., Any]) -> Any:
    return await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": 1}, None)


def _flood(ms: int) -> RetryAfter:
    return RetryAfter(dt.timedelta(milliseconds=ms))


async def test_flood_control_is_waited_out_as_often_as_it_takes() -> None:
    send, attempts = _flaky([_flood(20) for _ in range(8)])
    assert await _through(RetryingRateLimiter(flood_deadline=5), send) == {"message_id": 1}
    assert len(attempts) == 9
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert min(gaps) >= 0.02 + FLOOD_MARGIN - 0.005  # retry_after, plus the margin


async def test_flood_control_past_the_deadline_raises_retry_after() -> None:
    send, attempts = _flaky([_flood(100) for _ in range(50)])
    started = time.monotonic()
    with pytest.raises(RetryAfter):
        await _through(RetryingRateLimiter(flood_deadline=0.5), send)
    assert 2 <= len(attempts) <= 3 and time.monotonic() - started < 1.0


async def test_429s_do_not_use_up_the_network_retries() -> None:
    faults: list[Exception] = [_flood(10), NetworkError("502"), _flood(10), _flood(10)]
    send, attempts = _flaky(faults)
    limiter = RetryingRateLimiter(network_retries=1, backoff=0.01, flood_deadline=5)
    assert await _through(limiter, send) == {"message_id": 1}
    assert len(attempts) == 5
    send, _ = _flaky([NetworkError("502"), _flood(10), NetworkError("502")])
    with pytest.raises(NetworkError):  # a second server error is one more than allowed
        await _through(limiter, send)


def test_retry_after_seconds_reads_ints_and_timedeltas() -> None:
    assert retry_after_seconds(RetryAfter(3)) == 3.0
    assert retry_after_seconds(_flood(250)) == 0.25
