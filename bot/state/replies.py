"""Which message of the bot answered which question, for a while (the ``question_replies``
table of ``state.sqlite3``), so that an edited question edits its answer.

Kept for ``KEEP_SECONDS`` and at most ``MAX_ROWS`` rows, so memory and disk stay bounded
whatever arrives.
"""

from __future__ import annotations

import time

from .database import StateDatabase

__all__ = ["KEEP_SECONDS", "MAX_ROWS", "SCHEMA", "ReplyLog"]

KEEP_SECONDS = 2 * 24 * 3600  # people fix a question within minutes; two days is generous
MAX_ROWS = 100_000
_PRUNE_EVERY = 500  # inserts between two prunes

SCHEMA = """
CREATE TABLE IF NOT EXISTS question_replies (
    chat_id INTEGER NOT NULL,
    question_id INTEGER NOT NULL,
    reply_id INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (chat_id, question_id)
);
CREATE INDEX IF NOT EXISTS question_replies_by_time ON question_replies (at);
"""


class ReplyLog:
    """The ``question_replies`` table."""

    def __init__(self, db: StateDatabase) -> None:
        self.db = db
        self._inserts = 0

    def remember(
        self, chat_id: int, question_id: int, reply_id: int, now: float | None = None
    ) -> None:
        at = int(time.time() if now is None else now)
        with self.db.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO question_replies (chat_id, question_id, reply_id, at) "
                "VALUES (?, ?, ?, ?)",
                (chat_id, question_id, reply_id, at),
            )
            self._inserts += 1
            if self._inserts % _PRUNE_EVERY == 1:
                db.execute("DELETE FROM question_replies WHERE at < ?", (at - KEEP_SECONDS,))
                db.execute(
                    "DELETE FROM question_replies WHERE rowid NOT IN "
                    "(SELECT rowid FROM question_replies ORDER BY at DESC LIMIT ?)",
                    (MAX_ROWS,),
                )

    def reply_to(self, chat_id: int, question_id: int, now: float | None = None) -> int | None:
        """The bot's reply to that question, if it is recent enough to be edited."""
        oldest = int(time.time() if now is None else now) - KEEP_SECONDS
        return self.db.first(
            int,
            "SELECT reply_id FROM question_replies "
            "WHERE chat_id = ? AND question_id = ? AND at >= ?",
            (chat_id, question_id, oldest),
        )

    def count(self) -> int:
        return self.db.count("SELECT COUNT(*) FROM question_replies")
