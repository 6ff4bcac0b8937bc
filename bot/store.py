"""Bot state in SQLite in the data dir: digest subscriptions, opted-in conversations, and
the bot's answers (``bot.answer_log``: the question behind each, for follow-ups, and the
payload of its buttons).

Opened and written as every table of the state database is (``bot.state_db``). Bounded by
size as well as by time: besides the answers' caps, a group keeps at most
``MAX_CHAT_MESSAGES`` messages for /tldr, and ``upkeep`` gives the space back (VACUUM) once a
quarter of the file is free.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .answer_log import (
    ANSWERS_SCHEMA,
    MAX_ANSWERS,
    MAX_QUESTION,
    Answered,
    Answers,
    ButtonPayload,
    evict_answers,
    new_button_key,
    stored_question,
)
from .state_db import StoreError, WriteHealth, open_state_database, shrink_if_sparse

__all__ = [
    "MAX_ANSWERS",
    "MAX_QUESTION",
    "Answered",
    "ButtonPayload",
    "ChatMessage",
    "Digest",
    "Store",
    "StoreError",
    "Upkeep",
    "new_button_key",
    "open_state_database",
    "stored_question",
]

MAX_CHAT_MESSAGES = 5_000  # messages kept for /tldr per group (a catch-up reads at most 1,000)
TLDR_PAUSE_SECONDS = 600  # after a failed /tldr write, the group's messages are not stored
_EVICT_EVERY = 100  # a group's messages recorded between two checks of its cap

_SCHEMA = (
    """
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
"""
    + ANSWERS_SCHEMA
)


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
class Upkeep:
    """What one ``Store.upkeep`` did."""

    answers: int  # expired or evicted
    messages: int  # past /tldr retention
    freed: int  # bytes given back by VACUUM


class Store(Answers):
    """The bot's state database, ``state.sqlite3`` in the data dir."""

    def __init__(self, path: Path | str, health: WriteHealth | None = None) -> None:
        super().__init__(path, _SCHEMA, health)
        self._upgrade_answers()
        self._tldr_chats = {row[0] for row in self._query("SELECT chat_id FROM tldr_chats")}
        # Groups whose /tldr writes failed: chat -> unix time before which none is tried again.
        self._tldr_paused: dict[int, float] = {}
        self._recorded = 0

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

    def clear_digests(self, chat_id: int, thread_id: int | None = None) -> list[Digest]:
        """Remove the chat's subscriptions (of one topic, or all); returns those removed."""
        removed = [d for d in self.digests() if d.chat_id == chat_id]
        removed = [d for d in removed if thread_id is None or d.thread_id == thread_id]
        for digest in removed:
            self.clear_digest(digest.chat_id, digest.thread_id)
        return removed

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

    # -- a group that became a supergroup ---------------------------------------------------

    def move_chat(self, old: int, new: int) -> list[Digest]:
        """Everything kept under chat ``old`` now belongs to ``new`` (what ``new`` has already
        wins); returns the digests that moved, as they are now."""
        moving = [d for d in self.digests() if d.chat_id == old]
        with self._transaction() as db:
            for table in ("digests", "tldr_chats", "messages", "answers"):
                db.execute(
                    f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new, old)
                )
                db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (old,))
        if old in self._tldr_chats:
            self._tldr_chats.discard(old)
            self._tldr_chats.add(new)
        return [d for d in self.digests() if d.chat_id == new and d in _moved(moving, new)]

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
        self._tldr_paused.pop(chat_id, None)

    def disable_tldr(self, chat_id: int) -> int:
        """Stop storing the chat and delete what was stored; returns the messages deleted."""
        with self._transaction() as db:
            db.execute("DELETE FROM tldr_chats WHERE chat_id = ?", (chat_id,))
            deleted = db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,)).rowcount
        self._tldr_chats.discard(chat_id)
        self._tldr_paused.pop(chat_id, None)
        return int(deleted)

    def record_message(self, message: ChatMessage, now: float | None = None) -> bool:
        """Store a message of an opted-in chat (an edit replaces the text); False otherwise.

        A write that fails pauses the chat's storing for ``TLDR_PAUSE_SECONDS`` (messages
        meanwhile are not kept, and cost nothing); the first failure of an episode raises
        ``StoreError`` (the caller tells the group once), the later ones return False, and the
        next write that succeeds ends the episode."""
        chat_id = message.chat_id
        if chat_id not in self._tldr_chats:
            return False
        at = message.sent_at if now is None else now
        paused = self._tldr_paused.get(chat_id)
        if paused is not None and at < paused:
            return False
        try:
            with self._transaction() as db:
                self._insert_message(db, message)
        except StoreError:
            self._tldr_paused[chat_id] = at + TLDR_PAUSE_SECONDS
            if paused is None:
                raise
            return False
        self._tldr_paused.pop(chat_id, None)
        return True

    def tldr_paused(self, chat_id: int) -> bool:
        """Whether storing the chat's messages is paused after a failed write."""
        return chat_id in self._tldr_paused

    def _insert_message(self, db: sqlite3.Connection, message: ChatMessage) -> None:
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
        self._recorded += 1
        if self._recorded % _EVICT_EVERY == 0:
            db.execute(
                "DELETE FROM messages WHERE chat_id = ? AND rowid IN (SELECT rowid FROM messages "
                "WHERE chat_id = ? ORDER BY sent_at DESC, message_id DESC LIMIT -1 OFFSET ?)",
                (message.chat_id, message.chat_id, MAX_CHAT_MESSAGES),
            )

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

    # -- upkeep: expiry, caps, the file's size ---------------------------------------------------

    def upkeep(self, now: int, keep_seconds: int, retention_seconds: int) -> Upkeep:
        """Forget answers past ``keep_seconds`` and beyond the cap, messages past retention,
        then give the space back when a quarter of the file is free (``shrink_if_sparse``)."""
        with self._transaction() as db:
            answers = db.execute("DELETE FROM answers WHERE sent_at < ?", (now - keep_seconds,))
            expired = answers.rowcount + evict_answers(db)
            old = db.execute("DELETE FROM messages WHERE sent_at < ?", (now - retention_seconds,))
            messages = old.rowcount
        with self._lock:
            try:
                freed = shrink_if_sparse(self._db)
            except sqlite3.Error as exc:
                self.health.failed(exc)
                raise StoreError(f"cannot shrink the state database: {exc}") from exc
        return Upkeep(int(expired), int(messages), freed)


def _moved(moving: list[Digest], new: int) -> list[Digest]:
    return [Digest(new, d.thread_id, d.at, d.tz, d.since) for d in moving]
