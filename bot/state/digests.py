"""Daily digest subscriptions (the ``digests`` table of ``state.sqlite3``): a chat's topic, its
local time and zone, and since when articles are new to it."""

from __future__ import annotations

from dataclasses import dataclass

from .database import StateDatabase

__all__ = ["SCHEMA", "Digest", "Digests"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS digests (
    chat_id INTEGER NOT NULL,
    thread_id INTEGER NOT NULL DEFAULT 0,
    at TEXT NOT NULL,            -- HH:MM
    tz TEXT NOT NULL,            -- IANA time zone
    since INTEGER NOT NULL,      -- unix time: articles added after it are new
    PRIMARY KEY (chat_id, thread_id)
);
"""
_COLUMNS = "chat_id, thread_id, at, tz, since"


@dataclass(frozen=True)
class Digest:
    """One subscription. A hand-edited database may hold anything: ``bot.digests`` checks a
    stored one before it schedules it."""

    chat_id: int
    thread_id: int
    at: str
    tz: str
    since: int


class Digests:
    """The ``digests`` table."""

    def __init__(self, db: StateDatabase) -> None:
        self.db = db

    def set(self, digest: Digest) -> None:
        with self.db.transaction() as db:
            db.execute(
                f"INSERT OR REPLACE INTO digests ({_COLUMNS}) VALUES (?, ?, ?, ?, ?)",
                (digest.chat_id, digest.thread_id, digest.at, digest.tz, digest.since),
            )

    def clear(self, chat_id: int, thread_id: int) -> bool:
        """Stop one subscription; False when there was none."""
        with self.db.transaction() as db:
            cursor = db.execute(
                "DELETE FROM digests WHERE chat_id = ? AND thread_id = ?", (chat_id, thread_id)
            )
            return cursor.rowcount > 0

    def clear_chat(self, chat_id: int, thread_id: int | None = None) -> list[Digest]:
        """Remove the chat's subscriptions (of one topic, or all); returns those removed."""
        removed = [d for d in self.all() if d.chat_id == chat_id]
        removed = [d for d in removed if thread_id is None or d.thread_id == thread_id]
        for digest in removed:
            self.clear(digest.chat_id, digest.thread_id)
        return removed

    def get(self, chat_id: int, thread_id: int) -> Digest | None:
        return self.db.first(
            Digest,
            f"SELECT {_COLUMNS} FROM digests WHERE chat_id = ? AND thread_id = ?",
            (chat_id, thread_id),
        )

    def all(self) -> list[Digest]:
        return self.db.rows(Digest, f"SELECT {_COLUMNS} FROM digests")

    def mark_sent(self, chat_id: int, thread_id: int, until: int) -> None:
        """A digest was posted: articles added after ``until`` are the next one's."""
        with self.db.transaction() as db:
            db.execute(
                "UPDATE digests SET since = ? WHERE chat_id = ? AND thread_id = ?",
                (until, chat_id, thread_id),
            )
