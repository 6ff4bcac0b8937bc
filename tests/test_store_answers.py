"""bot.state.answers: the question behind each answer and its buttons' payload, one row an
answer, kept across restarts, bound to their message, expired and capped (so the table stays
bounded)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from bot.state import (
    MAX_QUESTION,
    Answered,
    BotState,
    ButtonPayload,
    new_button_key,
    stored_question,
)
from bot.state import answers as answer_log

DAY = 24 * 3600
NOW = 1_700_000_000
PAYLOAD = ButtonPayload("Who won the World Series?", dt.date(2023, 11, 3), 3)


def test_button_payloads_survive_a_reopen_and_expire(tmp_path: Path) -> None:
    state = BotState(tmp_path)
    store = state.answers
    key = new_button_key()
    assert len(key) <= 12 and len(f"more:{key}".encode()) <= 64
    store.record(1, 10, PAYLOAD.question, NOW, 3 * DAY, button=(key, PAYLOAD))
    state.close()
    reopened = BotState(tmp_path).answers
    assert reopened.button(key, 1, 10, NOW + DAY, 3 * DAY) == PAYLOAD
    assert reopened.button(key, 1, 10, NOW + 4 * DAY, 3 * DAY) is None  # expired
    assert reopened.button("nosuchid", 1, 10, NOW, 3 * DAY) is None
    # recording later deletes what expired: the table stays bounded
    reopened.record(1, 11, "later", NOW + 4 * DAY, 3 * DAY)
    assert reopened.button(key, 1, 10, NOW, 3 * DAY) is None


def test_a_button_id_works_only_under_its_answer_in_its_chat(tmp_path: Path) -> None:
    store = BotState(tmp_path).answers
    key = new_button_key()
    store.record(1, 10, PAYLOAD.question, NOW, DAY, button=(key, PAYLOAD))
    assert store.button(key, 1, 10, NOW, DAY) == PAYLOAD
    assert store.button(key, 2, 10, NOW, DAY) is None  # another chat that got hold of the id
    assert store.button(key, 1, 11, NOW, DAY) is None  # under another message


def test_answered_questions_by_message_and_latest_in_a_window(tmp_path: Path) -> None:
    store = BotState(tmp_path).answers
    store.record(1, 10, "first", NOW, DAY)
    store.record(1, 12, "second", NOW + 60, DAY)
    store.record(2, 11, "other chat", NOW + 90, DAY)
    assert store.answered_by(1, 10) == Answered("first", NOW)
    assert store.answered_by(1, 11) is None
    assert store.last_answered(1, since=NOW) == Answered("second", NOW + 60)
    assert store.last_answered(1, since=NOW + 61) is None
    store.record(1, 13, "much later", NOW + 2 * DAY, DAY)
    assert store.answered_by(1, 10) is None  # older than a day: gone


def test_an_edited_answer_is_one_row_and_its_buttons_live_from_the_edit(tmp_path: Path) -> None:
    store = BotState(tmp_path).answers
    first, edited = new_button_key(), new_button_key()
    store.record(1, 10, "q", NOW, DAY, button=(first, PAYLOAD), now=NOW)
    later = NOW + 3 * DAY  # an edit of a three-day-old question
    store.record(1, 10, "q2", NOW, DAY, button=(edited, PAYLOAD), now=later)
    assert store.count() == 1
    assert store.button(first, 1, 10, later, DAY) is None  # the edit replaced the buttons
    assert store.button(edited, 1, 10, later + DAY - 60, DAY) == PAYLOAD  # stamped at the edit
    assert store.answered_by(1, 10) == Answered(PAYLOAD.question, NOW)


def test_the_question_is_stored_once_and_capped(tmp_path: Path) -> None:
    store = BotState(tmp_path).answers
    pasted = ("A long pasted article paragraph about the series. " * 80) + "Who won it?"
    payload = ButtonPayload(pasted, PAYLOAD.as_of, 3)
    store.record(1, 10, pasted, NOW, DAY, button=(new_button_key(), payload))
    (kept,) = sqlite3.connect(tmp_path / "state.sqlite3").execute(
        "SELECT group_concat(question) FROM answers"
    )
    assert len(kept[0]) <= MAX_QUESTION
    assert kept[0].startswith("A long pasted") and kept[0].endswith("Who won it?")
    assert stored_question("short question?") == "short question?"


def test_beyond_the_cap_the_oldest_answers_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(answer_log, "MAX_ANSWERS", 50)
    monkeypatch.setattr(answer_log, "EVICT_EVERY", 10)
    store = BotState(tmp_path).answers
    for i in range(200):
        store.record(1, i, f"question {i}", NOW + i, 30 * DAY)
    assert 50 <= store.count() < 60
    assert store.answered_by(1, 199) is not None and store.answered_by(1, 100) is None


def test_an_older_database_moves_its_questions_over(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite3"
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE TABLE answered (chat_id INTEGER, message_id INTEGER, question TEXT,"
        " asked_at INTEGER, PRIMARY KEY (chat_id, message_id));"
        "CREATE TABLE buttons (id TEXT PRIMARY KEY, question TEXT, as_of TEXT, shown INTEGER,"
        " created INTEGER);"
    )
    db.execute("INSERT INTO answered VALUES (1, 10, 'old question', ?)", (NOW,))
    db.execute("INSERT INTO buttons VALUES ('k', 'old question', '2023-11-03', 3, ?)", (NOW,))
    db.commit()
    db.close()
    store = BotState(tmp_path).answers
    assert store.answered_by(1, 10) == Answered("old question", NOW)
    assert store.button("k", 1, 10, NOW, DAY) is None  # unbound: expired with the upgrade
    tables = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    assert "answered" not in tables and "buttons" not in tables
    BotState(tmp_path)  # and opens again
