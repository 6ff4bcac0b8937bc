"""Bot state in SQLite in the data dir: digest subscriptions, opted-in conversations, the
questions behind the bot's answers (for follow-ups) and the payloads of answer buttons.

WAL journal with full syncs: a commit survives a killed process, and readers never block the
writer. Every method is one short transaction behind a lock (handlers run on one event loop,
jobs in threads).
"""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "Answered",
    "ButtonPayload",
    "ChatMessage",
    "Digest",
    "Store",
    "StoreError",
    "new_button_key",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    chat_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,            -- HH:MM
    tz TEXT NOT NULL,            -- IANA time zone
    since INTEGER NOT NULL,      -- unix time: articles added after it are new
    PRIMARY KEY (chat_id, thread_id)
);
CREATE TABLE IF NOT EXISTS tldr_chats (
    chat_id INTEGER PRIMARY KEY,
    enabled_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS messages (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,
    user_id INTEGER NOT NULL DEFAULT 0,
    first_name TEXT NOT NULL DEFAULT '',
    sent_at INTEGER NOT NULL,
    text TEXT NOT NULL,
    reply_to INTEGER,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS messages_by_time ON messages (chat_id, thread_id, sent_at);
CREATE TABLE IF NOT EXISTS answered (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL, -- the bot's answer
    question TEXT NOT NULL,      -- as answered (a follow-up: read with the one before)
    asked_at INTEGER NOT NULL,   -- unix time of the question
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS answered_by_time ON answered (chat_id, asked_at);
CREATE INDEX IF NOT EXISTS answered_age ON answered (asked_at);
CREATE TABLE IF NOT EXISTS buttons (
    id TEXT PRIMARY KEY,         -- short random id carried in callback data
    question TEXT NOT NULL,
    as_of TEXT NOT NULL,         -- YYYY-MM-DD: the day the question was asked
    shown INTEGER NOT NULL,      -- sentences shown so far: "More" starts after them
    created INTEGER NOT NULL     -- unix time
);
CREATE INDEX IF NOT EXISTS buttons_age ON buttons (created);
"""


class StoreError(RuntimeError):
    """The state database cannot be opened or written."""


@dataclass(frozen=True)
class Digest:
    chat_id: int
    thread_id: int
    at: str
    tz: str
    since: int


@dataclass(frozen=True)
class ChatMessage:
    chat_id: int
    message_id: int
    thread_id: int
    user_id: int
    first_name: str
    sent_at: int
    text: str
    reply_to: int | None = None


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


def open_state_database(path: Path, schema: str) -> sqlite3.Connection:
    """``path`` opened (made if missing) with ``schema`` applied, as every table of the state
    database wants it: autocommit, WAL, full sync, a 5 s wait for another writer's lock; a
    StoreError when it cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(schema)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot use the state database {path}: {exc}") from exc
    return db


class Store:
    """The bot's state database, ``state.sqlite3`` in the data dir."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = open_state_database(self.path, _SCHEMA)
        self._lock = threading.Lock()
        self._tldr_chats = {row[0] for row in self._query("SELECT chat_id FROM tldr_chats")}

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._db.execute(sql, params))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- digests ----------------------------------------------------------------------------

    def set_digest(self, digest: Digest) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO digests (chat_id, thread_id, at, tz, since) "
                "VALUES (?, ?, ?, ?, ?)",
                (digest.chat_id, digest.thread_id, digest.at, digest.tz, digest.since),
            )

    def clear_digest(self, chat_id: int, thread_id: int) -> bool:
        with self._transaction() as db:
            cursor = db.execute(
                "DELETE FROM digests WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
            )
            return cursor.rowcount > 0

    def digest(self, chat_id: int, thread_id: int) -> Digest | None:
        rows = self._query(
            "SELECT chat_id, thread_id, at, tz, since FROM digests "
            "WHERE chat_id = ? AND thread_id = ?",
            (chat_id, thread_id),
        )
        return Digest(*rows[0]) if rows else None  # type: ignore[arg-type]

    def digests(self) -> list[Digest]:
        rows = self._query("SELECT chat_id, thread_id, at, tz, since FROM digests")
        return [Digest(*row) for row in rows]  # type: ignore[arg-type]

    def mark_digest_sent(self, chat_id: int, thread_id: int, until: int) -> None:
        with self._transaction() as db:
            db.execute(
                "UPDATE digests SET since = ? WHERE chat_id = ? AND thread_id = ?",
                (until, chat_id, thread_id),
            )

    # -- conversations (only of groups that opted in) -----------------------------------------

    def tldr_enabled(self, chat_id: int) -> bool:
        return chat_id in self._tldr_chats

    def enable_tldr(self, chat_id: int, now: int) -> None:
        with self._transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO tldr_chats (chat_id, enabled_at) VALUES (?, ?)",
                (chat_id, now),
            )
        self._tldr_chats.add(chat_id)

    def disable_tldr(self, chat_id: int) -> int:
        """Stop storing the chat and delete what was stored; returns the messages deleted."""
        with self._transaction() as db:
            db.execute("DELETE FROM tldr_chats WHERE chat_id = ?", (chat_id,))
            deleted = db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,)).rowcount
        self._tldr_chats.discard(chat_id)
        return int(deleted)

    def record_message(self, message: ChatMessage) -> bool:
        """Store a message of an opted-in chat (an edit replaces the text); False otherwise."""
        if message.chat_id not in self._tldr_chats:
            return False
        with self._transaction() as db:
            db.execute(
                "INSERT INTO messages (chat_id, message_id, thread_id, user_id, first_name, "
                "sent_at, text, reply_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (chat_id, message_id) DO UPDATE SET text = excluded.text",
                (
                    message.chat_id,
                    message.message_id,
                    message.thread_id,
                    message.user_id,
                    message.first_name,
                    message.sent_at,
                    message.text,
                    message.reply_to,
                ),
            )
        return True

    def forget(self, chat_id: int) -> int:
        """Delete every stored message of the chat now; returns how many."""
        with self._transaction() as db:
            return int(db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,)).rowcount)

    def purge(self, older_than: int) -> int:
        """Delete messages sent before ``older_than`` (unix time): the retention limit."""
        with self._transaction() as db:
            cursor = db.execute("DELETE FROM messages WHERE sent_at < ?", (older_than,))
            return int(cursor.rowcount)

    def messages(
        self, chat_id: int, thread_id: int, *, since: int | None = None, limit: int = 200
    ) -> list[ChatMessage]:
        """The thread's latest messages (after ``since``), oldest first, at most ``limit``."""
        rows = self._query(
            "SELECT chat_id, message_id, thread_id, user_id, first_name, sent_at, text, reply_to "
            "FROM messages WHERE chat_id = ? AND thread_id = ? AND sent_at >= ? "
            "ORDER BY sent_at DESC, message_id DESC LIMIT ?",
            (chat_id, thread_id, since if since is not None else 0, limit),
        )
        return [ChatMessage(*row) for row in reversed(rows)]  # type: ignore[arg-type]

    def last_message_of(self, chat_id: int, thread_id: int, user_id: int) -> ChatMessage | None:
        rows = self._query(
            "SELECT chat_id, message_id, thread_id, user_id, first_name, sent_at, text, reply_to "
            "FROM messages WHERE chat_id = ? AND thread_id = ? AND user_id = ? "
            "ORDER BY sent_at DESC, message_id DESC LIMIT 1",
            (chat_id, thread_id, user_id),
        )
        return ChatMessage(*rows[0]) if rows else None  # type: ignore[arg-type]

    def count_messages(self, chat_id: int) -> int:
        rows = self._query("SELECT COUNT(*) FROM messages WHERE chat_id = ?", (chat_id,))
        return int(rows[0][0])  # type: ignore[call-overload]

    # -- answers: the question behind each answer, for follow-ups ------------------------------

    def record_answer(
        self,
        chat_id: int,
        message_id: int,
        question: str,
        asked_at: int,
        keep_seconds: int,
        *,
        button: tuple[str, ButtonPayload] | None = None,
    ) -> None:
        """Remember the question an answer message answered, and the payload of its buttons
        (kept under its key), in one transaction; rows older than ``keep_seconds`` are
        forgotten here, so both tables stay bounded."""
        with self._transaction() as db:
            db.execute("DELETE FROM answered WHERE asked_at < ?", (asked_at - keep_seconds,))
            db.execute(
                "INSERT OR REPLACE INTO answered (chat_id, message_id, question, asked_at) "
                "VALUES (?, ?, ?, ?)",
                (chat_id, message_id, question, asked_at),
            )
            if button is not None:
                self._insert_button(db, *button, now=asked_at, keep_seconds=keep_seconds)

    def answered_by(self, chat_id: int, message_id: int) -> Answered | None:
        """The question the bot's message ``message_id`` answered, if it was an answer."""
        rows = self._query(
            "SELECT question, asked_at FROM answered WHERE chat_id = ? AND message_id = ?",
            (chat_id, message_id),
        )
        return Answered(*rows[0]) if rows else None  # type: ignore[arg-type]

    def last_answered(self, chat_id: int, since: int, before: int | None = None) -> Answered | None:
        """The chat's latest answered question asked at ``since`` (unix time) or later (and
        before ``before``: an edited question must not lean on its own first version)."""
        rows = self._query(
            "SELECT question, asked_at FROM answered WHERE chat_id = ? AND asked_at >= ? "
            "AND asked_at < ? ORDER BY asked_at DESC, message_id DESC LIMIT 1",
            (chat_id, since, before if before is not None else 2**62),
        )
        return Answered(*rows[0]) if rows else None  # type: ignore[arg-type]

    # -- buttons -------------------------------------------------------------------------------

    @staticmethod
    def _insert_button(
        db: sqlite3.Connection, key: str, payload: ButtonPayload, *, now: int, keep_seconds: int
    ) -> None:
        db.execute("DELETE FROM buttons WHERE created < ?", (now - keep_seconds,))
        db.execute(
            "INSERT OR REPLACE INTO buttons (id, question, as_of, shown, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (key, payload.question, payload.as_of.isoformat(), payload.shown, now),
        )

    def save_button(self, payload: ButtonPayload, now: int, keep_seconds: int) -> str:
        """Keep a button's payload under a new key (``new_button_key``); returns the key."""
        key = new_button_key()
        with self._transaction() as db:
            self._insert_button(db, key, payload, now=now, keep_seconds=keep_seconds)
        return key

    def button(self, key: str, now: int, keep_seconds: int) -> ButtonPayload | None:
        """The payload kept under ``key``, or None when unknown or older than ``keep_seconds``."""
        rows = self._query(
            "SELECT question, as_of, shown FROM buttons WHERE id = ? AND created >= ?",
            (key, now - keep_seconds),
        )
        if not rows:
            return None
        question, as_of, shown = rows[0]
        return ButtonPayload(str(question), dt.date.fromisoformat(str(as_of)), int(shown))  # type: ignore[call-overload]
