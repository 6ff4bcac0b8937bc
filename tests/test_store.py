"""The SQLite state store: digests, opt-in, retention, forget, and surviving a reopen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.store import ChatMessage, Digest, Store, StoreError


def _message(message_id: int, sent_at: int, text: str = "hello", **extra: object) -> ChatMessage:
    fields = {"thread_id": 0, "user_id": 7, "first_name": "Ann", "reply_to": None, **extra}
    return ChatMessage(-100, message_id, sent_at=sent_at, text=text, **fields)  # type: ignore[arg-type]


def test_digests_are_stored_and_survive_a_reopen(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.set_digest(Digest(-100, 0, "08:00", "UTC", 1000))
    store.set_digest(Digest(-100, 5, "09:30", "Europe/Berlin", 1000))
    store.mark_digest_sent(-100, 0, 2000)
    store.close()
    again = Store(tmp_path / "state.sqlite3")
    assert again.digest(-100, 0) == Digest(-100, 0, "08:00", "UTC", 2000)
    assert len(again.digests()) == 2
    assert again.clear_digest(-100, 5) and not again.clear_digest(-100, 5)
    assert again.digest(-100, 5) is None


def test_nothing_is_stored_before_opt_in(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    assert not store.record_message(_message(1, 100))
    assert store.count_messages(-100) == 0
    store.enable_tldr(-100, 50)
    assert store.record_message(_message(1, 100))
    assert store.count_messages(-100) == 1


def test_edit_replaces_text_and_messages_come_oldest_first(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.enable_tldr(-100, 0)
    for i in range(5):
        store.record_message(_message(i, 100 + i, f"message {i}"))
    store.record_message(_message(2, 102, "edited"))
    texts = [m.text for m in store.messages(-100, 0)]
    assert texts == ["message 0", "message 1", "edited", "message 3", "message 4"]
    assert [m.text for m in store.messages(-100, 0, limit=2)] == ["message 3", "message 4"]
    assert [m.message_id for m in store.messages(-100, 0, since=103)] == [3, 4]
    assert store.messages(-100, 9) == []  # another topic
    last = store.last_message_of(-100, 0, 7)
    assert last is not None and last.message_id == 4


def test_retention_forget_and_off(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.enable_tldr(-100, 0)
    for i in range(4):
        store.record_message(_message(i, 100 * i))
    assert store.purge(older_than=150) == 2
    assert store.count_messages(-100) == 2
    assert store.forget(-100) == 2 and store.count_messages(-100) == 0
    store.record_message(_message(9, 999))
    assert store.disable_tldr(-100) == 1
    assert not store.tldr_enabled(-100)
    assert not Store(tmp_path / "state.sqlite3").tldr_enabled(-100)


def test_wal_mode_and_committed_writes_are_visible_to_another_connection(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.enable_tldr(-100, 0)
    store.record_message(_message(1, 1))
    other = sqlite3.connect(tmp_path / "state.sqlite3")
    assert other.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert other.execute("SELECT COUNT(*) FROM messages").fetchone()[0] == 1


def test_unusable_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="cannot use the state database"):
        Store(blocker / "state.sqlite3")


def test_upkeep_expires_caps_and_gives_the_space_back(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = Store(path)
    store.enable_tldr(-100, 0)
    question = "a long pasted question about the series " * 100
    for i in range(300):
        store.record_answer(1, i, question, 1_000 + i, 10**6)
        store.record_message(_message(i, 1_000 + i, "text " * 800))
    grown = path.stat().st_size
    done = store.upkeep(now=10**6 + 5_000, keep_seconds=3_000, retention_seconds=3_000)
    assert done.answers == 300 and done.messages == 300 and done.freed > grown // 2
    assert path.stat().st_size < grown // 4 and store.count_answers() == 0
    assert store.upkeep(now=10**6 + 5_000, keep_seconds=3_000, retention_seconds=3_000).freed == 0


def test_a_failed_tldr_write_pauses_the_chat_and_raises_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.enable_tldr(-100, 0)

    def full(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr(store, "_insert_message", full)
    with pytest.raises(StoreError):
        store.record_message(_message(1, 100), now=100)
    assert store.tldr_paused(-100)
    assert not store.record_message(_message(2, 101), now=101)  # paused: not even tried
    assert not store.record_message(_message(3, 800), now=800)  # tried again, still failing
    monkeypatch.undo()
    assert store.record_message(_message(4, 1500), now=1500)  # the disk has room again
    assert not store.tldr_paused(-100) and store.count_messages(-100) == 1
    assert store.health.episodes == 1 and not store.health.failing


def test_a_group_that_became_a_supergroup_moves_its_state(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.set_digest(Digest(-100, 0, "08:00", "UTC", 5))
    store.set_digest(Digest(-100, 4, "09:00", "UTC", 5))
    store.set_digest(Digest(-200, 4, "10:00", "UTC", 5))  # the new id has its own already
    store.enable_tldr(-100, 0)
    store.record_message(_message(1, 100))
    store.record_answer(-100, 7, "q", 100, 10**6)
    moved = store.move_chat(-100, -200)
    assert moved == [Digest(-200, 0, "08:00", "UTC", 5)]
    assert {(d.chat_id, d.thread_id, d.at) for d in store.digests()} == {
        (-200, 0, "08:00"), (-200, 4, "10:00")
    }  # fmt: skip
    assert store.tldr_enabled(-200) and not store.tldr_enabled(-100)
    assert store.count_messages(-200) == 1 and store.answered_by(-200, 7) is not None
    assert store.move_chat(-100, -200) == []  # twice is harmless
