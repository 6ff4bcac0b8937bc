"""Telegram's refusals, injected chat by chat by the fake Bot API server: never retried, never
apologised for, each with its handling (a restricted group, a question deleted before its
answer, an edit that changes nothing, a chat or topic that is gone, a group that became a
supergroup); the errors that are worth another try keep theirs."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import Any

import pytest
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, RetryAfter, TimedOut

from bot import answering, digest_jobs
from bot.app import build_application
from bot.features.errors import APOLOGY
from bot.network import RetryingRateLimiter
from bot.state import Digest
from bot.telegram_errors import Refusal, refusal_of
from retrieval import Library

from .conftest import handled, make_settings, running
from .fake_refusals import (
    BLOCKED,
    CHAT_NOT_FOUND,
    KICKED,
    NO_RIGHTS,
    NOT_MODIFIED,
    REPLY_NOT_FOUND,
    THREAD_NOT_FOUND,
)
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

GROUP = -3003
SUPERGROUP = -1003003
PRIVATE = 31


@pytest.mark.parametrize(
    ("error", "refusal"),
    [
        (BadRequest(NO_RIGHTS.description), Refusal.NO_RIGHTS),
        (BadRequest(CHAT_NOT_FOUND.description), Refusal.CHAT_GONE),
        (BadRequest(THREAD_NOT_FOUND.description), Refusal.TOPIC_GONE),
        (BadRequest(REPLY_NOT_FOUND.description), Refusal.REPLY_GONE),
        (BadRequest(NOT_MODIFIED.description), Refusal.NOT_MODIFIED),
        (BadRequest("Bad Request: can't parse entities: unclosed tag"), Refusal.REFUSED),
        (Forbidden(KICKED.description), Refusal.CHAT_GONE),
        (Forbidden(BLOCKED.description), Refusal.CHAT_GONE),
        (Forbidden("Forbidden: CHAT_WRITE_FORBIDDEN"), Refusal.NO_RIGHTS),
        (ChatMigrated(SUPERGROUP), Refusal.MIGRATED),
        (NetworkError("Bad Gateway"), None),
        (TimedOut(), None),
        (RetryAfter(dt.timedelta(seconds=3)), None),
    ],
)
def test_each_error_is_classified(error: Exception, refusal: Refusal | None) -> None:
    assert refusal_of(error) is refusal


@pytest.mark.parametrize(
    "error",
    [BadRequest(NO_RIGHTS.description), Forbidden(KICKED.description), BadRequest("junk")],
)
async def test_a_refusal_is_tried_once(error: Exception) -> None:
    attempts = []

    async def send() -> dict[str, Any]:
        attempts.append(1)
        raise error

    limiter = RetryingRateLimiter(network_retries=5, backoff=0.01)
    with pytest.raises(type(error)):
        await limiter.process_request(send, (), {}, "sendMessage", {"chat_id": GROUP}, None)
    assert len(attempts) == 1


async def test_an_edit_that_changes_nothing_is_done() -> None:
    async def edit() -> dict[str, Any]:
        raise BadRequest(NOT_MODIFIED.description)

    limiter = RetryingRateLimiter()
    data = {"chat_id": 5, "message_id": 9}
    assert await limiter.process_request(edit, (), {}, "editMessageText", data, None) is True


async def test_a_restricted_group_costs_one_refused_send_an_answer_and_no_apology(
    fake: FakeTelegram, bot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="newsbot")
    fake.refusals.chats[GROUP] = NO_RIGHTS
    for member in range(20):  # 20 members ask at once: the group's budget admits 10
        fake.message(GROUP, "/ask Who won the World Series?", kind="group", user_id=100 + member)
    fake.message(PRIVATE, "Which dog won best in show?", user_id=PRIVATE)
    (private,) = await fake.wait_sent(chat_id=PRIVATE)
    assert "Buddy Holly" in check_html(private["text"])
    await handled(fake, bot)
    refused = [c.params for c in fake.calls if c.method == "!sendMessage"]
    assert all(int(p["chat_id"]) == GROUP for p in refused)
    # Ten answers and one "slow down" notice, each tried once: no retry, no apology.
    assert len(refused) == 11
    assert sum(p["text"].startswith("Slow down") for p in refused) == 1
    assert not [p for p in refused if APOLOGY in p["text"]]
    assert not [r for r in caplog.records if r.exc_info], "no traceback per refused send"


async def test_a_deleted_question_is_answered_without_quoting_it(
    fake: FakeTelegram, bot: Any
) -> None:
    question = fake.message(GROUP, "/ask Who won the World Series?", kind="group")
    fake.refusals.deleted.add((GROUP, question["message_id"]))  # a clean-up bot was quicker
    (answer,) = await fake.wait_sent(chat_id=GROUP)
    assert "Texas Rangers" in check_html(answer["text"])
    assert answer["reply_parameters"]["allow_sending_without_reply"] is True
    assert not [c for c in fake.calls if c.method.startswith("!")]


async def test_a_server_that_refuses_the_reply_anyway_gets_one_try(
    fake: FakeTelegram, bot: Any
) -> None:
    fake.faults["sendMessage"] = [_fault(REPLY_NOT_FOUND)]
    fake.message(GROUP, "/ask Who won the World Series?", kind="group")
    await handled(fake, bot)
    assert [c.method for c in fake.calls if c.method.endswith("sendMessage")] == ["!sendMessage"]


async def test_an_edited_question_with_the_same_answer_changes_nothing(
    fake: FakeTelegram, bot: Any
) -> None:
    question = fake.message(PRIVATE, "hi")  # small talk: a reply without buttons
    await fake.wait_sent(chat_id=PRIVATE)
    fake.message(PRIVATE, "hi", update_type="edited_message", message_id=question["message_id"])
    await fake.wait_sent(method="!editMessageText", chat_id=PRIVATE)
    await handled(fake, bot)
    assert len(fake.sent(chat_id=PRIVATE)) == 1  # no second answer, no apology


async def test_a_gone_chat_or_topic_loses_its_digest_once(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    app = build_application(make_settings(fake, tmp_path / "data"), library)
    store = app.bot_data.state.digests
    for chat, thread in ((GROUP, 0), (GROUP, 7), (GROUP, 8), (PRIVATE, 0)):
        store.set(Digest(chat, thread, "08:00", "UTC", 0))
    fake.refusals.threads[(GROUP, 7)] = THREAD_NOT_FOUND  # a deleted forum topic
    fake.refusals.chats[PRIVATE] = BLOCKED
    async with running(app):
        for chat, thread in ((GROUP, 7), (PRIVATE, 0)):
            (job,) = app.bot_data.jobs.get_jobs_by_name(digest_jobs.job_name(chat, thread))
            await job.run(app)
        assert {(d.chat_id, d.thread_id) for d in store.all()} == {(GROUP, 0), (GROUP, 8)}
        assert not app.bot_data.jobs.get_jobs_by_name(digest_jobs.job_name(GROUP, 7))
        fake.refusals.chats[GROUP] = KICKED  # the bot removed from the group: all of it goes
        (job,) = app.bot_data.jobs.get_jobs_by_name(digest_jobs.job_name(GROUP, 0))
        await job.run(app)
        assert store.all() == []
    refused = [c for c in fake.calls if c.method == "!sendMessage"]
    assert len(refused) == 3  # one try each, then nothing more: no daily retry forever


async def test_a_group_that_became_a_supergroup_keeps_its_state(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    app = build_application(make_settings(fake, tmp_path / "data"), library)
    data = app.bot_data
    data.state.digests.set(Digest(GROUP, 0, "08:00", "Europe/Berlin", 0))
    data.state.conversations.enable(GROUP, 0)
    data.state.chat_settings.change(GROUP, language="de", sentences=2)
    fake.chat_members[(GROUP, 5)] = "administrator"
    async with running(app):
        fake.message(GROUP, "Did you see the game?", kind="group", user_id=6)
        fake.message(GROUP, "/ask Who won the World Series?", kind="group", user_id=5)
        await fake.wait_sent(chat_id=GROUP)
        await handled(fake, app)
        fake.refusals.migrated[GROUP] = SUPERGROUP  # upgraded: the old id refuses every send
        fake.message(GROUP, "/ask Which dog won best in show?", kind="group", user_id=5)
        (moved,) = await fake.wait_sent(chat_id=SUPERGROUP)
        assert "Buddy Holly" in check_html(moved["text"])
        await handled(fake, app)
        assert (
            data.state.digests.get(SUPERGROUP, 0) is not None
            and data.state.digests.all()[0].chat_id == SUPERGROUP
        )
        assert app.bot_data.jobs.get_jobs_by_name(digest_jobs.job_name(SUPERGROUP, 0))
        assert not app.bot_data.jobs.get_jobs_by_name(digest_jobs.job_name(GROUP, 0))
        assert data.state.conversations.enabled(
            SUPERGROUP
        ) and not data.state.conversations.enabled(GROUP)
        assert data.state.conversations.count(SUPERGROUP) == 1
        assert data.state.chat_settings.get(SUPERGROUP).language == "de"
        fake.message(SUPERGROUP, "/digest", kind="supergroup", user_id=5)
        shown = await fake.wait_sent(2, chat_id=SUPERGROUP)
    assert "08:00" in check_html(shown[1]["text"]) and "Europe/Berlin" in shown[1]["text"]
    assert not [c for c in fake.sent() if APOLOGY in c["text"]]


async def test_the_upgrade_service_message_moves_the_state_too(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    app = build_application(make_settings(fake, tmp_path / "data"), library)
    data = app.bot_data
    data.state.conversations.enable(GROUP, 0)
    data.state.chat_settings.change(GROUP, buttons=False)
    async with running(app):
        fake.message(GROUP, None, kind="group", migrate_to_chat_id=SUPERGROUP)
        fake.message(SUPERGROUP, None, kind="supergroup", migrate_from_chat_id=GROUP)
        await handled(fake, app)
    assert (
        data.state.conversations.enabled(SUPERGROUP)
        and data.state.chat_settings.get(SUPERGROUP).buttons is False
    )
    assert not fake.sent()


def _fault(refused: Any) -> Any:
    from .fake_telegram import Fault

    return Fault(refused.status, refused.description)


async def test_a_failure_after_the_answer_was_delivered_gets_no_apology(
    fake: FakeTelegram, bot: Any, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("the bookkeeping after the answer failed")

    monkeypatch.setattr(answering, "remember_answer", broken)
    fake.message(PRIVATE, "Who won the World Series?")
    (answer,) = await fake.wait_sent(chat_id=PRIVATE)
    await handled(fake, bot)
    assert "Texas Rangers" in check_html(answer["text"]) and len(fake.sent(chat_id=PRIVATE)) == 1
    assert [r for r in caplog.records if r.exc_info]  # logged, with its traceback: a bug
