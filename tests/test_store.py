"""The bot's state (bot.state): digests, opt-in, retention, forget, a paused /tldr, writes
held after a failure, a moved group, and surviving a reopen."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from dataclasses import replace
from pathlib import Path

import pytest

from bot.state import BotState, ChatMessage, Digest, MessageWriter, StoreError
from bot.state import answers as answers_module
from bot.state import conversations as conversations_module
from bot.state.database import HOLD_SECONDS


def _message(message_id: int, sent_at: int, text: str = "hello", **extra: object) -> ChatMessage:
    fields = {"thread_id": 0, "user_id": 7, "first_name": "Ann", "reply_to": None, **extra}
    return ChatMessage(-100, message_id, sent_at=sent_at, text=text, **fields)  # type: ignore[arg-type]


def test_digests_are_stored_and_survive_a_reopen(tmp_path: Path) -> None:
    state = BotState(tmp_path)
    state.digests.set(Digest(-100, 0, "08:00", "UTC", 1000))
    state.digests.set(Digest(-100, 5, "09:30", "Europe/Berlin", 1000))
    state.digests.mark_sent(-100, 0, 2000)
    state.close()
    again = BotState(tmp_path).digests
    assert again.get(-100, 0) == Digest(-100, 0, "08:00", "UTC", 2000)
    assert len(again.all()) == 2
    assert again.clear(-100, 5) and not again.clear(-100, 5)
    assert again.get(-100, 5) is None


def test_nothing_is_stored_before_opt_in(tmp_path: Path) -> None:
    stored = BotState(tmp_path).conversations
    stored.record([_message(1, 100)], now=100)
    assert stored.count(-100) == 0
    stored.enable(-100, 50)
    stored.record([_message(1, 100)], now=100)
    assert stored.count(-100) == 1


def test_edit_replaces_text_and_messages_come_oldest_first(tmp_path: Path) -> None:
    stored = BotState(tmp_path).conversations
    stored.enable(-100, 0)
    stored.record([_message(i, 100 + i, f"message {i}") for i in range(5)], now=105)
    stored.record([_message(2, 102, "edited")], now=106)
    texts = [m.text for m in stored.messages(-100, 0)]
    assert texts == ["message 0", "message 1", "edited", "message 3", "message 4"]
    assert [m.text for m in stored.messages(-100, 0, limit=2)] == ["message 3", "message 4"]
    assert [m.message_id for m in stored.messages(-100, 0, since=103)] == [3, 4]
    assert stored.messages(-100, 9) == []  # another topic
    last = stored.last_message_of(-100, 0, 7)
    assert last is not None and last.message_id == 4


def test_retention_forget_and_off(tmp_path: Path) -> None:
    state = BotState(tmp_path)
    stored = state.conversations
    stored.enable(-100, 0)
    stored.record([_message(i, 100 * i) for i in range(4)], now=400)
    assert state.upkeep(now=1150, keep_seconds=10**6, retention_seconds=1000).messages == 2
    assert stored.count(-100) == 2
    assert stored.forget(-100) == 2 and stored.count(-100) == 0
    stored.record([_message(9, 999)], now=999)
    assert stored.disable(-100) == 1
    assert not stored.enabled(-100)
    assert not BotState(tmp_path).conversations.enabled(-100)


def test_wal_mode_and_committed_writes_are_visible_to_another_connection(tmp_path: Path) -> None:
    stored = BotState(tmp_path).conversations
    stored.enable(-100, 0)
    stored.record([_message(1, 1)], now=1)
    other = sqlite3.connect(tmp_path / "state.sqlite3")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1


def test_unusable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot use the state database"):
        BotState(blocker)


def test_upkeep_expires_caps_and_gives_the_space_back(tmp_path: Path) -> None:
    state = BotState(tmp_path)
    state.conversations.enable(-100, 0)
    question = "a long pasted question about the series " * 100
    for i in range(300):
        state.answers.record(1, i, question, 1_000 + i, 10**6)
        state.conversations.record([_message(i, 1_000 + i, "text " * 800)], now=1_000 + i)
    grown = state.path.stat().st_size
    done = state.upkeep(now=10**6 + 5_000, keep_seconds=3_000, retention_seconds=3_000)
    assert done.answers == 300 and done.messages == 300 and done.freed > grown // 2
    assert state.path.stat().st_size < grown // 4 and state.answers.count() == 0
    assert state.upkeep(now=10**6 + 5_000, keep_seconds=3_000, retention_seconds=3_000).freed == 0


def _full(*args: object) -> None:
    raise sqlite3.OperationalError("database or disk is full")


def test_a_failed_tldr_write_pauses_the_chat_and_names_it_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = BotState(tmp_path)
    clock = [0.0]
    state.health.clock = lambda: clock[0]
    stored = state.conversations
    stored.enable(-100, 0)
    monkeypatch.setattr(stored, "_insert", _full)
    assert stored.record([_message(1, 100)], now=100) == [-100]  # the group is told
    assert stored.paused(-100)
    assert stored.record([_message(2, 101)], now=101) == []  # paused: not even tried
    pause = conversations_module.TLDR_PAUSE_SECONDS
    clock[0] += pause
    assert stored.record([_message(3, 800)], now=100 + pause) == []  # tried, failing, not told
    monkeypatch.undo()
    clock[0] += pause
    assert stored.record([_message(4, 1500)], now=100 + 2 * pause) == []  # room again
    assert not stored.paused(-100) and stored.count(-100) == 1
    assert state.health.episodes == 1 and not state.health.failing


def test_after_a_failed_write_none_is_tried_for_a_while_and_it_is_logged_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A nearly full disk takes a small write now and then: held, they neither end the
    episode nor begin another, nor are they tried on the failing disk."""
    caplog.set_level(logging.WARNING, logger="newsbot")
    state = BotState(tmp_path)
    clock = [0.0]
    state.health.clock = lambda: clock[0]
    for chat in (-100, -300):
        state.conversations.enable(chat, 0)
    tried: list[object] = []

    def full(*args: object) -> None:
        tried.append(args)
        _full()

    monkeypatch.setattr(state.conversations, "_insert", full)
    assert state.conversations.record([_message(1, 100)], now=100) == [-100]
    monkeypatch.undo()
    for number in range(3):  # each would fit: held, not tried
        with pytest.raises(StoreError, match="held"):
            state.replies.remember(-100, number, number + 1)
        clock[0] += HOLD_SECONDS / 4
    another = replace(_message(1, 100), chat_id=-300)  # a group talking now: paused, named
    assert state.conversations.record([another], now=100) == [-300]
    assert len(tried) == 1 and state.replies.reply_to(-100, 0) is None
    failures = [r for r in caplog.records if "cannot write the bot's state" in r.message]
    assert len(failures) == 1 and state.health.failing and state.health.failed_writes == 5
    clock[0] += HOLD_SECONDS / 4  # the hold is over: tried, and it fits
    state.replies.remember(-100, 7, 8)
    assert state.replies.reply_to(-100, 7) == 8 and not state.health.failing
    assert "can be written again (5 writes failed)" in caplog.records[-1].message


def test_when_another_write_fails_the_groups_stored_lately_are_paused_once(
    tmp_path: Path,
) -> None:
    """The last batch of a group may fit just before a larger write fails: the group is
    paused and named all the same (once), a group quiet for longer is not."""
    state = BotState(tmp_path)
    stored = state.conversations
    pause = conversations_module.TLDR_PAUSE_SECONDS
    for chat in (-100, -300, -400):
        stored.enable(chat, 0)
    stored.record([_message(1, 100)], now=100)
    stored.record([replace(_message(1, 100), chat_id=-300)], now=100 + pause // 2)
    stored.record([replace(_message(1, 100), chat_id=-400)], now=100 + pause // 2)
    stored.disable(-400)
    assert stored.pause_talking(now=100 + pause) == [-300]  # -100 has been quiet 10 minutes
    assert stored.paused(-300) and not stored.paused(-100)
    assert stored.pause_talking(now=100 + pause) == []  # named once
    assert stored.record([replace(_message(2, 200), chat_id=-300)], now=101 + pause) == []
    assert stored.count(-300) == 1  # paused: not kept


async def test_the_writer_tells_a_group_stored_just_before_the_state_failed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = BotState(tmp_path)
    state.conversations.enable(-100, 0)
    writer = MessageWriter(state.conversations, asyncio.to_thread)
    told: list[int] = []

    async def tell(chat: int) -> None:
        told.append(chat)

    writer.on_paused = tell
    writer.add(_message(1, int(time.time())))
    await writer.flush()
    assert state.conversations.count(-100) == 1 and told == []
    monkeypatch.setattr(answers_module, "stored_question", _full)  # a write that does not fit
    with pytest.raises(StoreError):  # on another thread: the writer hears of it on the loop
        await asyncio.to_thread(state.answers.record, 1, 2, "a question", 100, 10**6)
    await asyncio.sleep(0)
    await writer.flush()
    assert told == [-100] and state.conversations.paused(-100)
    writer.add(_message(2, int(time.time())))  # held, and paused: not tried, not told again
    await writer.flush()
    assert told == [-100] and state.conversations.count(-100) == 1


def test_a_group_that_became_a_supergroup_moves_its_state(tmp_path: Path) -> None:
    state = BotState(tmp_path)
    state.digests.set(Digest(-100, 0, "08:00", "UTC", 5))
    state.digests.set(Digest(-100, 4, "09:00", "UTC", 5))
    state.digests.set(Digest(-200, 4, "10:00", "UTC", 5))  # the new id has its own already
    state.conversations.enable(-100, 0)
    state.conversations.record([_message(1, 100)], now=100)
    state.answers.record(-100, 7, "q", 100, 10**6)
    state.chat_settings.change(-100, language="de")
    state.replies.remember(-100, 7, 8)
    moved = state.move_chat(-100, -200)
    assert moved == [Digest(-200, 0, "08:00", "UTC", 5)]
    assert {(d.chat_id, d.thread_id, d.at) for d in state.digests.all()} == {
        (-200, 0, "08:00"), (-200, 4, "10:00")
    }  # fmt: skip
    assert state.conversations.enabled(-200) and not state.conversations.enabled(-100)
    assert state.conversations.count(-200) == 1 and state.answers.answered_by(-200, 7) is not None
    assert state.chat_settings.get(-200).language == "de" and state.replies.reply_to(-200, 7) == 8
    # A message of the old id still on its way when the group moved is stored under the new.
    state.conversations.record([_message(2, 101)], now=101)
    assert state.conversations.count(-200) == 2 and state.conversations.count(-100) == 0
    assert state.move_chat(-100, -200) == []  # twice is harmless
