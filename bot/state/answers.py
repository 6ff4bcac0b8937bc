"""The bot's answers: the question behind each answer (for follow-ups) and the payload of
its buttons, in one row an answer (the ``answers`` table of ``state.sqlite3``).

Bounded by size as well as by time: a stored question keeps at most ``MAX_QUESTION``
characters (``stored_question``), an answer is one row (its question, its buttons, and its
edits: an edit replaces the row and stamps it with its own time), rows older than the buttons'
life are forgotten (here and by ``BotState.upkeep``), and beyond ``MAX_ANSWERS`` the oldest go
first.
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from dataclasses import dataclass

from .database import StateDatabase

__all__ = [
    "MAX_ANSWERS",
    "MAX_QUESTION",
    "SCHEMA",
    "AnswerLog",
    "Answered",
    "ButtonPayload",
    "new_button_key",
    "stored_question",
]

MAX_QUESTION = 1000  # characters of a question kept: its head and the sentence that asks
MAX_ANSWERS = 50_000  # answers kept (about 85 MB at the longest questions): oldest out first
EVICT_EVERY = 100  # answers recorded between two checks of the cap

SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL, -- the bot's answer
    question TEXT NOT NULL,      -- as answered (a follow-up: read with the one before), capped
    asked_at INTEGER NOT NULL,   -- unix time of the question
    sent_at INTEGER NOT NULL,    -- unix time the answer was sent or last edited: its buttons' age
    button TEXT,                 -- the short random id its buttons carry (NULL: none)
    as_of TEXT,                  -- YYYY-MM-DD: the day the question was asked
    shown INTEGER,               -- sentences shown: "More" starts after them
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS answers_by_time ON answers (chat_id, asked_at);
CREATE INDEX IF NOT EXISTS answers_age ON answers (sent_at);
CREATE UNIQUE INDEX IF NOT EXISTS answers_button ON answers (button);
"""

# Before answers and buttons shared a row (the question stored twice, a button row per edit):
# the answers' questions move over; the old buttons cannot be bound to a chat and expire.
_OLD_TABLES = """
INSERT OR IGNORE INTO answers (chat_id, message_id, question, asked_at, sent_at)
    SELECT chat_id, message_id, substr(question, 1, {cap}), asked_at, asked_at FROM answered;
DROP TABLE answered;
DROP TABLE IF EXISTS buttons;
"""


@dataclass(frozen=True)
class Answered:
    """A question the bot answered, and when it was asked."""

    question: str
    asked_at: int


@dataclass(frozen=True)
class ButtonPayload:
    """What a button under an answer stands for."""

    question: str
    as_of: dt.date
    shown: int


def new_button_key() -> str:
    """A short random id for a button payload: 11 characters (64 random bits, so two payloads
    never meet in practice) leave room in the 64 bytes of callback data."""
    return secrets.token_urlsafe(8)


def stored_question(question: str, cap: int = MAX_QUESTION) -> str:
    """``question`` as it is kept: whole up to ``cap`` characters; a longer (pasted) text keeps
    its head and its end (where the sentence that asks is), cut at spaces, joined by " … "."""
    if len(question) <= cap:
        return question
    half = (cap - 3) // 2
    head = question[:half]
    tail = question[-half:]
    head = head.rsplit(None, 1)[0] if " " in head.strip() else head
    tail = tail.split(None, 1)[-1] if " " in tail.strip() else tail
    return f"{head} … {tail}"


def _payload(question: str, as_of: str, shown: int) -> ButtonPayload:
    return ButtonPayload(question, dt.date.fromisoformat(as_of), shown)


class AnswerLog:
    """The ``answers`` table."""

    def __init__(self, db: StateDatabase) -> None:
        self.db = db
        self._recorded = 0
        self._upgrade()

    def _upgrade(self) -> None:
        """Move an older database's ``answered`` rows over (their buttons expire)."""
        old = self.db.rows(
            str, "SELECT name FROM sqlite_master WHERE type='table' AND name='answered'"
        )
        if not old:
            return
        with self.db.transaction() as db:
            for statement in _OLD_TABLES.format(cap=MAX_QUESTION).split(";"):
                if statement.strip():
                    db.execute(statement)

    def record(
        self,
        chat_id: int,
        message_id: int,
        question: str,
        asked_at: int,
        keep_seconds: int,
        *,
        button: tuple[str, ButtonPayload] | None = None,
        now: int | None = None,
    ) -> None:
        """Remember the question an answer message answered and the payload of its buttons
        (kept under its key), in one row: an edited answer replaces it, stamped ``now`` (the
        time it is sent, by default ``asked_at``), so its buttons live from the edit on. Rows
        sent more than ``keep_seconds`` before ``now`` are forgotten here, and beyond
        ``MAX_ANSWERS`` the oldest, so the table stays bounded."""
        sent_at = asked_at if now is None else now
        key, payload = button if button is not None else (None, None)
        with self.db.transaction() as db:
            db.execute("DELETE FROM answers WHERE sent_at < ?", (sent_at - keep_seconds,))
            db.execute(
                "INSERT OR REPLACE INTO answers (chat_id, message_id, question, asked_at, "
                "sent_at, button, as_of, shown) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    chat_id,
                    message_id,
                    stored_question(payload.question if payload else question),
                    asked_at,
                    sent_at,
                    key,
                    payload.as_of.isoformat() if payload else None,
                    payload.shown if payload else None,
                ),
            )
            self._recorded += 1
            if self._recorded % EVICT_EVERY == 0:
                evict_answers(db)

    def answered_by(self, chat_id: int, message_id: int) -> Answered | None:
        """The question the bot's message ``message_id`` answered, if it was an answer."""
        return self.db.first(
            Answered,
            "SELECT question, asked_at FROM answers WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )

    def last_answered(self, chat_id: int, since: int, before: int | None = None) -> Answered | None:
        """The chat's latest answered question asked at ``since`` (unix time) or later (and
        before ``before``: an edited question must not lean on its own first version)."""
        return self.db.first(
            Answered,
            "SELECT question, asked_at FROM answers WHERE chat_id = ? AND asked_at >= ? "
            "AND asked_at < ? ORDER BY asked_at DESC, message_id DESC LIMIT 1",
            (chat_id, since, before if before is not None else 2**62),
        )

    def button(
        self, key: str, chat_id: int, message_id: int, now: int, keep_seconds: int
    ) -> ButtonPayload | None:
        """The payload of the buttons ``key`` under the bot's message ``message_id`` in
        ``chat_id``; None when unknown, under another message or chat, or older than
        ``keep_seconds``."""
        return self.db.first(
            _payload,
            "SELECT question, as_of, shown FROM answers WHERE button = ? AND chat_id = ? "
            "AND message_id = ? AND sent_at >= ?",
            (key, chat_id, message_id, now - keep_seconds),
        )

    def count(self) -> int:
        return self.db.count("SELECT COUNT(*) FROM answers")


def evict_answers(db: sqlite3.Connection) -> int:
    """Delete the oldest answers beyond ``MAX_ANSWERS``; returns how many."""
    cursor = db.execute(
        "DELETE FROM answers WHERE rowid IN "
        "(SELECT rowid FROM answers ORDER BY sent_at DESC LIMIT -1 OFFSET ?)",
        (MAX_ANSWERS,),
    )
    return int(cursor.rowcount)
