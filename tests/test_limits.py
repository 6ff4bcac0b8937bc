"""bot.limits.FloodGuard: token buckets per user and per group, driven by an explicit clock."""

from __future__ import annotations

import pytest

from bot.limits import FloodGuard


def test_burst_then_refusal_with_one_notice() -> None:
    guard = FloodGuard(user_per_minute=60, user_burst=3, chat_per_minute=600)
    assert [guard.admit(1, 1, now=0.0).allowed for _ in range(3)] == [True, True, True]
    first = guard.admit(1, 1, now=0.0)
    second = guard.admit(1, 1, now=0.0)
    assert (first.allowed, first.notify) == (False, True)
    assert (second.allowed, second.notify) == (False, False)  # one notice per flood
    assert first.retry_after == 1  # one token a second at 60 a minute


def test_refill_at_the_configured_rate() -> None:
    guard = FloodGuard(user_per_minute=30, user_burst=1, chat_per_minute=600)
    assert guard.admit(7, 7, now=0.0).allowed
    assert not guard.admit(7, 7, now=1.0).allowed  # half a token after a second
    assert guard.admit(7, 7, now=2.0).allowed
    assert guard.admit(7, 7, now=2.0).allowed is False


def test_notice_again_after_an_admitted_request() -> None:
    guard = FloodGuard(user_per_minute=60, user_burst=1, chat_per_minute=600)
    guard.admit(1, 1, now=0.0)
    assert guard.admit(1, 1, now=0.0).notify
    assert guard.admit(1, 1, now=1.0).allowed
    assert guard.admit(1, 1, now=1.0).notify


def test_users_are_independent() -> None:
    guard = FloodGuard(user_per_minute=60, user_burst=1, chat_per_minute=600)
    assert guard.admit(1, 1, now=0.0).allowed
    assert not guard.admit(1, 1, now=0.0).allowed
    assert guard.admit(2, 2, now=0.0).allowed


@pytest.mark.parametrize(("chat_id", "limited"), [(-100123, True), (5, False)])
def test_chat_bucket_only_for_groups(chat_id: int, limited: bool) -> None:
    # chat burst is half the per-minute rate: 2 here; users each have plenty
    guard = FloodGuard(user_per_minute=600, user_burst=100, chat_per_minute=4)
    verdicts = [guard.admit(user, chat_id, now=0.0).allowed for user in range(1, 5)]
    assert verdicts == ([True, True, False, False] if limited else [True] * 4)


def test_no_user_and_no_group_is_always_admitted() -> None:
    guard = FloodGuard(user_per_minute=1, user_burst=1, chat_per_minute=1)
    assert all(guard.admit(None, 5, now=0.0).allowed for _ in range(10))
