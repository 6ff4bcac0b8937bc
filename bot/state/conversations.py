"""Conversations of the groups that opted in to /tldr (the ``tldr_chats`` and ``messages``
tables of ``state.sqlite3``).

Only groups whose administrators turned /tldr on are stored, each message's text with its
sender's first name, time and topic. Bounded by time (``BotState.upkeep`` deletes what is past
NEWSBOT_TLDR_RETENTION_HOURS) and by size: a group keeps at most ``MAX_CHAT_MESSAGES``.

Messages arrive in batches (``bot.state.pending``, off the event loop). A batch that cannot be
written (a full disk) pauses storing for its groups for ``TLDR_PAUSE_SECONDS`` (messages
meanwhile are not kept, and cost nothing); ``record`` names the groups whose pause began an
episode, so each is told once. When the state stops taking writes after another write failed,
``pause_talking`` pauses the groups stored lately too: their last batch may have fitted just
before, and what they say next will not.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace

from .database import StateDatabase, StoreError

__all__ = ["MAX_CHAT_MESSAGES", "SCHEMA", "TLDR_PAUSE_SECONDS", "ChatMessage", "Conversations"]

MAX_CHAT_MESSAGES = 5_000  # messages kept for /tldr per group (a catch-up reads at most 1,000)
TLDR_PAUSE_SECONDS = 600  # after a failed /tldr write, the group's messages are not stored
_EVICT_EVERY = 100  # messages recorded between two checks of the groups' caps

SCHEMA = """
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
_COLUMNS = "chat_id, message_id, thread_id, user_id, first_name, sent_at, text, reply_to"


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


class Conversations:
    """The opted-in groups and their stored messages."""

    def __init__(self, db: StateDatabase) -> None:
        self.db = db
        self._enabled = set(self.db.rows(int, "SELECT chat_id FROM tldr_chats"))
        # Groups whose writes failed: chat -> unix time before which none is tried again.
        self._paused: dict[int, float] = {}
        # Groups that became supergroups: messages still on their way go to the new id.
        self._moved: dict[int, int] = {}
        # Groups stored lately: chat -> unix time of its last batch written (one per group).
        self._stored: dict[int, float] = {}
        self._recorded = 0

    def enabled(self, chat_id: int) -> bool:
        return chat_id in self._enabled

    def enable(self, chat_id: int, now: int) -> None:
        with self.db.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO tldr_chats (chat_id, enabled_at) VALUES (?, ?)",
                (chat_id, now),
            )
        self._enabled.add(chat_id)
        self._paused.pop(chat_id, None)

    def disable(self, chat_id: int) -> int:
        """Stop storing the chat and delete what was stored; returns the messages deleted."""
        with self.db.transaction() as db:
            db.execute("DELETE FROM tldr_chats WHERE chat_id = ?", (chat_id,))
            deleted = db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,)).rowcount
        self._enabled.discard(chat_id)
        self._paused.pop(chat_id, None)
        self._stored.pop(chat_id, None)
        return int(deleted)

    def record(self, messages: Sequence[ChatMessage], now: float) -> list[int]:
        """Store the messages of opted-in groups (an edit replaces the text) in one
        transaction, but for groups paused after a failed write. Returns the groups this
        write paused for the first time in an episode (empty when it succeeded): each is told
        once. The next write that succeeds ends a group's episode."""
        moved = [replace(m, chat_id=self._moved.get(m.chat_id, m.chat_id)) for m in messages]
        wanted = [m for m in moved if m.chat_id in self._enabled and not self._waits(m, now)]
        chats = {m.chat_id for m in wanted}
        if not wanted:
            return []
        try:
            with self.db.transaction() as db:
                for message in wanted:
                    self._insert(db, message)
        except StoreError:
            first = sorted(chat for chat in chats if chat not in self._paused)
            for chat in chats:
                self._paused[chat] = now + TLDR_PAUSE_SECONDS
            return first
        for chat in chats:
            self._paused.pop(chat, None)
            self._stored[chat] = now
        return []

    def pause_talking(self, now: float) -> list[int]:
        """Pause the opted-in groups stored within ``TLDR_PAUSE_SECONDS`` (the state stopped
        taking writes); returns those not paused already, each to be told once."""
        recent = {c for c, at in self._stored.items() if now - at < TLDR_PAUSE_SECONDS}
        self._stored = {chat: self._stored[chat] for chat in recent}
        first = sorted(c for c in recent if c in self._enabled and c not in self._paused)
        for chat in first:
            self._paused[chat] = now + TLDR_PAUSE_SECONDS
        return first

    def _waits(self, message: ChatMessage, now: float) -> bool:
        until = self._paused.get(message.chat_id)
        return until is not None and now < until

    def paused(self, chat_id: int) -> bool:
        """Whether storing the chat's messages is paused after a failed write."""
        return chat_id in self._paused

    def _insert(self, db: sqlite3.Connection, message: ChatMessage) -> None:
        db.execute(
            f"INSERT INTO messages ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
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

    def moved(self, old: int, new: int) -> None:
        """The group ``old`` is ``new`` now (its rows are moved by ``BotState.move_chat``)."""
        self._moved[old] = new
        self._stored.pop(old, None)
        if old in self._enabled:
            self._enabled.discard(old)
            self._enabled.add(new)

    def forget(self, chat_id: int) -> int:
        """Delete every stored message of the chat now; returns how many."""
        with self.db.transaction() as db:
            return int(db.execute("DELETE FROM messages WHERE chat_id = ?", (chat_id,)).rowcount)

    def messages(
        self, chat_id: int, thread_id: int, *, since: int | None = None, limit: int = 200
    ) -> list[ChatMessage]:
        """The thread's latest messages (after ``since``), oldest first, at most ``limit``."""
        latest = self.db.rows(
            ChatMessage,
            f"SELECT {_COLUMNS} FROM messages WHERE chat_id = ? AND thread_id = ? "
            "AND sent_at >= ? ORDER BY sent_at DESC, message_id DESC LIMIT ?",
            (chat_id, thread_id, since if since is not None else 0, limit),
        )
        return latest[::-1]

    def last_message_of(self, chat_id: int, thread_id: int, user_id: int) -> ChatMessage | None:
        return self.db.first(
            ChatMessage,
            f"SELECT {_COLUMNS} FROM messages WHERE chat_id = ? AND thread_id = ? "
            "AND user_id = ? ORDER BY sent_at DESC, message_id DESC LIMIT 1",
            (chat_id, thread_id, user_id),
        )

    def count(self, chat_id: int) -> int:
        return self.db.count("SELECT COUNT(*) FROM messages WHERE chat_id = ?", (chat_id,))
