"""Edited questions: the answer to an edited question replaces the bot's earlier reply.

Each answer sent is remembered as (chat, question message) -> reply message in SQLite (the
``question_replies`` table of ``state.sqlite3``), for ``KEEP_SECONDS`` and at most
``MAX_ROWS`` rows, so memory and disk stay bounded whatever arrives. An edit of a question
with a remembered reply edits that reply; one without (too old, or never answered) gets a
new reply.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from ..context import NewsContext
from ..replies import reply_html

__all__ = ["ReplyLog", "reply_or_edit"]

KEEP_SECONDS = 2 * 24 * 3600  # people fix a question within minutes; two days is generous
MAX_ROWS = 100_000
_PRUNE_EVERY = 500  # inserts between two prunes

_SCHEMA = """
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
    """Which message of the bot answered which question, for a while."""

    def __init__(self, path: Path | str) -> None:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(_SCHEMA)
        self._lock = threading.Lock()
        self._inserts = 0

    def remember(
        self, chat_id: int, question_id: int, reply_id: int, now: float | None = None
    ) -> None:
        at = int(time.time() if now is None else now)
        with self._lock:
            self._db.execute(
                "INSERT OR REPLACE INTO question_replies (chat_id, question_id, reply_id, at) "
                "VALUES (?, ?, ?, ?)",
                (chat_id, question_id, reply_id, at),
            )
            self._inserts += 1
            if self._inserts % _PRUNE_EVERY == 1:
                self._prune(at)

    def _prune(self, now: int) -> None:
        self._db.execute("DELETE FROM question_replies WHERE at < ?", (now - KEEP_SECONDS,))
        self._db.execute(
            "DELETE FROM question_replies WHERE rowid NOT IN "
            "(SELECT rowid FROM question_replies ORDER BY at DESC LIMIT ?)",
            (MAX_ROWS,),
        )

    def reply_to(self, chat_id: int, question_id: int, now: float | None = None) -> int | None:
        """The bot's reply to that question, if it is recent enough to be edited."""
        oldest = int(time.time() if now is None else now) - KEEP_SECONDS
        with self._lock:
            row = self._db.execute(
                "SELECT reply_id FROM question_replies "
                "WHERE chat_id = ? AND question_id = ? AND at >= ?",
                (chat_id, question_id, oldest),
            ).fetchone()
        return int(row[0]) if row else None

    def count(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT COUNT(*) FROM question_replies").fetchone()[0])

    def close(self) -> None:
        with self._lock:
            self._db.close()


async def reply_or_edit(
    message: Message,
    text: str,
    context: NewsContext,
    *,
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Answer ``message``: for an edited question, by editing the earlier reply when there is
    one; otherwise with a new reply, remembered for the question's next edit. Returns the
    bot's message, or None when the edit would change nothing."""
    log = context.bot_data.replies
    chat_id = message.chat_id
    if message.edit_date is not None:
        earlier = log.reply_to(chat_id, message.message_id)
        if earlier is not None:
            try:
                edited = await context.bot.edit_message_text(
                    text, chat_id=chat_id, message_id=earlier, reply_markup=reply_markup
                )
            except BadRequest as exc:
                if "not modified" not in str(exc).lower():
                    edited = None  # deleted, or too old to edit: answer anew below
                else:
                    return None  # the same answer as before: nothing to change
            if isinstance(edited, Message):
                return edited
    sent = await reply_html(message, text, reply_markup=reply_markup)
    log.remember(chat_id, message.message_id, sent.message_id)
    return sent
