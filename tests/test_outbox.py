"""bot.outbox and bot.update_slots: sends wait in their chat's lane, at Telegram's limits, never
in an update slot; a busy, slow or paused chat delays no other chat; memory stays bounded."""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from typing import Any

import pytest

from bot import outbox as outbox_module
from bot.app import build_application
from bot.limits import FloodGuard
from bot.outbox import Outbox, OutboxFull, Window
from bot.settings import Settings
from bot.update_slots import UpdateSlots, leave_slot
from retrieval import Library

from .conftest import handled, make_settings, running
from .fake_refusals import Refused
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

GROUP = -5005
PRIVATE = 51


def test_a_window_allows_count_events_in_any_period() -> None:
    window = Window(3, 10.0)
    times = []
    now = 0.0
    for _ in range(7):
        at = window.earliest(now)
        window.take(at)
        times.append(at)
    assert times == [0.0, 0.0, 0.0, 10.0, 10.0, 10.0, 20.0]
    assert not window.idle(25.0) and window.idle(30.0)


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_group_lane_keeps_twenty_a_minute_and_one_a_second() -> None:
    clock = _Clock()
    box = Outbox(clock=clock)
    lane = box.lane_of(GROUP)
    planned = [box.reserve(lane) - 1000.0 for _ in range(25)]
    assert planned[:20] == [float(n) for n in range(20)]  # one a second
    assert planned[20:] == [60.0, 61.0, 62.0, 63.0, 64.0]  # then the minute's budget waits
    private = box.lane_of(PRIVATE)
    assert private.group is None and box.reserve(private) == 1000.0  # its own lane, no wait
    box.pause(private, 30.0)  # a 429 for the private chat: its lane alone waits
    assert box.reserve(private, retry=True) == 1030.0 and box.reserve(lane) == 1065.0


async def test_a_full_lane_drops_the_newest_send_and_logs_once(
    caplog: pytest.LogCaptureFixture,
) -> None:
    box = Outbox(per_chat=3, total=5)
    entered = asyncio.Event()
    release = asyncio.Event()

    async def hold(chat: int) -> None:
        async with box.turn(chat):
            entered.set()
            await release.wait()

    tasks = [asyncio.create_task(hold(GROUP)) for _ in range(3)]
    await entered.wait()
    with pytest.raises(OutboxFull):
        async with box.turn(GROUP):
            pass
    tasks += [asyncio.create_task(hold(PRIVATE)) for _ in range(2)]
    await asyncio.sleep(0)
    with pytest.raises(OutboxFull):  # all lanes together are full too
        async with box.turn(PRIVATE + 1):
            pass
    release.set()
    await asyncio.gather(*tasks)
    assert box.holding == 0 and box.dropped == 2
    assert len([r for r in caplog.records if "outbox: dropped" in r.getMessage()]) == 1


def test_the_flood_guard_admits_a_groups_budget_and_its_notices_count() -> None:
    guard = FloodGuard(user_per_minute=1000, user_burst=1000, chat_per_minute=20)
    assert guard.chat_rate * 60 == outbox_module.GROUP_PER_MINUTE
    verdicts = [guard.admit(user, GROUP, now=0.0) for user in range(30)]
    admitted = sum(v.allowed for v in verdicts)
    notices = sum(v.notify for v in verdicts)
    assert admitted == 10 and notices == 1
    # The notice was paid from the group's budget: a token's time (3 s) later, still none.
    assert not guard.admit(99, GROUP, now=3.5).allowed
    assert guard.admit(99, GROUP, now=6.5).allowed
    # A rate above Telegram's (valid before) starts, lowered to it with a warning.
    lowered = Settings(chat_rate=40, _env_file=None)  # type: ignore[call-arg]
    assert lowered.chat_rate == outbox_module.GROUP_PER_MINUTE and lowered.adjustments


async def test_slow_chats_wait_in_their_lanes_while_others_are_answered(
    fake: FakeTelegram, bot: Any
) -> None:
    groups = [GROUP, GROUP - 1, GROUP - 2]  # 24 answers on their way: more than the 16 slots
    for group in groups:
        fake.refusals.slow[group] = 30.0  # Telegram takes 30 s (past the timeout) for each post
        for member in range(8):
            fake.message(group, "/ask Who won the World Series?", kind="group",
                         user_id=200 + member)  # fmt: skip
    await asyncio.sleep(0.5)
    for user in range(PRIVATE, PRIVATE + 5):
        fake.message(user, "Which dog won best in show?", user_id=user)
    for user in range(PRIVATE, PRIVATE + 5):
        (answer,) = await fake.wait_sent(chat_id=user)
        assert "Buddy Holly" in check_html(answer["text"])
    lanes = bot.bot.rate_limiter.outbox
    for group in groups:
        assert not fake.sent(chat_id=group)  # each group's first answer is still on its way
        assert lanes.waiting(group) == 8  # one being sent, seven waiting their turn
        fake.refusals.chats[group] = Refused(400, "Bad Request: chat not found")  # end quickly
    assert bot.update_processor.busy == 0  # and none of them holds an update slot
    fake._stopping.set()  # the posts in flight return now


async def test_a_busy_group_beside_a_private_chat(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", user_burst=20, user_rate=60)
    async with running(build_application(settings, library)) as app:
        for member in range(12):  # a busy group: twelve members asking at once
            for number in range(3):
                fake.message(GROUP, f"/ask Who won the World Series? {number}", kind="group",
                             user_id=300 + member)  # fmt: skip
        await fake.wait_sent(chat_id=GROUP)
        fake.message(PRIVATE, "Which dog won best in show?", user_id=PRIVATE)
        (answer,) = await fake.wait_sent(chat_id=PRIVATE)
        lanes = app.bot.rate_limiter.outbox
        assert lanes.waiting(GROUP) > 0  # the group's answers still wait, in their own lane
        assert "Buddy Holly" in check_html(answer["text"])
        group = await fake.wait_sent(11, chat_id=GROUP, timeout=30)
        await handled(fake, app)
    # The flood guard admitted the group's budget (10 answers and one notice), no more.
    assert len(group) == len(fake.sent(chat_id=GROUP)) == 11
    at = [
        c.at for c in fake.calls if c.method == "sendMessage" and int(c.params["chat_id"]) == GROUP
    ]
    # One a second, as the server receives them: sends start 1 s apart at least, and the
    # way to the server on a loaded machine may differ by a few tens of milliseconds.
    assert all(b - a >= 0.9 for a, b in itertools.pairwise(at))


async def test_a_429_for_one_chat_pauses_that_chat_alone(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", flood_deadline=10)
    fake.refusals.chats[GROUP] = Refused(
        429, "Too Many Requests: retry after 60", {"retry_after": 60}
    )
    async with running(build_application(settings, library)) as app:
        fake.message(GROUP, "/ask Who won the World Series?", kind="group")
        await handled(fake, app)  # refused once; 60 s is past the deadline: given up, paused
        lane = app.bot.rate_limiter.outbox.lane_of(GROUP)
        assert lane.paused_until > app.bot.rate_limiter.outbox.now() + 50
        fake.message(PRIVATE, "Which dog won best in show?", user_id=PRIVATE)
        (answer,) = await fake.wait_sent(chat_id=PRIVATE)  # not after the group's minute
    assert "Buddy Holly" in check_html(answer["text"]) and not fake.sent(chat_id=GROUP)


async def test_an_update_that_starts_sending_gives_its_slot_to_the_next() -> None:
    slots = UpdateSlots(1)
    order: list[str] = []
    sent = asyncio.Event()

    async def sending() -> None:
        order.append("first worked")
        leave_slot()  # what bot.network does at the first send
        leave_slot()  # once is all: a second call gives nothing more back
        await sent.wait()
        order.append("first sent")

    async def next_one() -> None:
        order.append("second worked")

    first = asyncio.create_task(slots.process_update(object(), sending()))
    await asyncio.wait_for(slots.process_update(object(), next_one()), 5)
    assert order == ["first worked", "second worked"] and slots.busy == 0
    sent.set()
    await first
    assert order[-1] == "first sent" and slots.busy == 0
