"""Edited questions: the answer to an edited question replaces the bot's earlier reply.

Each answer sent is remembered as (chat, question message) -> reply message in SQLite (the
``question_replies`` table of ``state.sqlite3``), for ``KEEP_SECONDS`` and at most
``MAX_ROWS`` rows, so memory and disk stay bounded whatever arrives. An edit of a question
with a remembered reply edits that reply; one without (too old, or never answered) gets a
new reply.
"""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

from telegram import InlineKeyboardMarkup, Message
from telegram.error import BadRequest

from ..context import NewsContext
from ..replies import reply_html
from ..state_db import StateTable, StoreError, WriteHealth

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


class ReplyLog(StateTable):
    """Which message of the bot answered which question, for a while."""

    def __init__(self, path: Path | str, health: WriteHealth | None = None) -> None:
        super().__init__(path, _SCHEMA, health)
        self._inserts = 0

    def remember(
        self, chat_id: int, question_id: int, reply_id: int, now: float | None = None
    ) -> None:
        at = int(time.time() if now is None else now)
        with self._transaction() as db:
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

    def move_chat(self, old: int, new: int) -> None:
        """A group became a supergroup: its questions' replies go with it."""
        with self._transaction() as db:
            db.execute(
                "UPDATE OR IGNORE question_replies SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            db.execute("DELETE FROM question_replies WHERE chat_id = ?", (old,))

    def reply_to(self, chat_id: int, question_id: int, now: float | None = None) -> int | None:
        """The bot's reply to that question, if it is recent enough to be edited."""
        oldest = int(time.time() if now is None else now) - KEEP_SECONDS
        rows = self._query(
            "SELECT reply_id FROM question_replies "
            "WHERE chat_id = ? AND question_id = ? AND at >= ?",
            (chat_id, question_id, oldest),
        )
        return int(rows[0][0]) if rows else None  # type: ignore[call-overload]

    def count(self) -> int:
        return int(self._query("SELECT COUNT(*) FROM question_replies")[0][0])  # type: ignore[call-overload]


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
            except BadRequest:
                edited = None  # deleted, or too old to edit: answer anew below
            if edited is True:
                return None  # "not modified" (bot.network): the same answer as before
            if isinstance(edited, Message):
                return edited
    sent = await reply_html(message, text, reply_markup=reply_markup)
    with contextlib.suppress(StoreError):  # delivered: a failed write is logged, no more
        log.remember(chat_id, message.message_id, sent.message_id)
    return sent
