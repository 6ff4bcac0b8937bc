"""bot.store: the question behind each answer and button payloads, kept across restarts and
expired (so the tables stay bounded)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.store import Answered, ButtonPayload, Store, new_button_key

DAY = 24 * 3600
NOW = 1_700_000_000


def test_button_payloads_survive_a_reopen_and_expire(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    store = Store(path)
    payload = ButtonPayload("Who won the World Series?", dt.date(2023, 11, 3), 3)
    key = store.save_button(payload, NOW, 3 * DAY)
    assert len(key) <= 12 and len(f"more:{key}".encode()) <= 64
    store.close()
    reopened = Store(path)
    assert reopened.button(key, NOW + DAY, 3 * DAY) == payload
    assert reopened.button(key, NOW + 4 * DAY, 3 * DAY) is None  # expired
    assert reopened.button("nosuchid", NOW, 3 * DAY) is None
    # saving later deletes what expired: the table stays bounded
    reopened.save_button(payload, NOW + 4 * DAY, 3 * DAY)
    assert reopened.button(key, NOW, 3 * DAY) is None


def test_answered_questions_by_message_and_latest_in_a_window(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    store.record_answer(1, 10, "first", NOW, DAY)
    store.record_answer(1, 12, "second", NOW + 60, DAY)
    store.record_answer(2, 11, "other chat", NOW + 90, DAY)
    assert store.answered_by(1, 10) == Answered("first", NOW)
    assert store.answered_by(1, 11) is None
    assert store.last_answered(1, since=NOW) == Answered("second", NOW + 60)
    assert store.last_answered(1, since=NOW + 61) is None
    store.record_answer(1, 13, "much later", NOW + 2 * DAY, DAY)
    assert store.answered_by(1, 10) is None  # older than a day: gone


def test_an_answer_and_its_buttons_are_kept_together(tmp_path: Path) -> None:
    store = Store(tmp_path / "state.sqlite3")
    payload = ButtonPayload("q", dt.date(2023, 11, 3), 2)
    key = new_button_key()
    assert len(f"more:{key}".encode()) <= 64
    store.record_answer(5, 50, "q", NOW, DAY, button=(key, payload))
    assert store.answered_by(5, 50) == Answered("q", NOW)
    assert store.button(key, NOW + 60, DAY) == payload
    assert store.button(key, NOW + 2 * DAY, DAY) is None
