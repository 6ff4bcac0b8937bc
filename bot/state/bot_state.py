"""``BotState``: everything the bot keeps, opened one way from the data folder.

``state.sqlite3`` holds the tables of the bot's own state, each owned by one class on the one
connection of the database: digests (``digests``), /tldr's conversations (``conversations``),
the answers with their buttons' payload (``answers``), the chats' /settings
(``chat_settings``) and the reply log of edited questions (``replies``). ``sources.sqlite3``
holds the feeds' and channels' status (``sources``). Both share one record of failing writes
(``health``: logged once an episode, whichever table failed).

Whatever concerns every table is here: a group that became a supergroup (``move_chat``, one
transaction) and keeping the file small (``upkeep``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import answers, chat_settings, conversations, digests, replies
from .answers import AnswerLog, evict_answers
from .chat_settings import ChatSettingsTable
from .conversations import Conversations
from .database import StateDatabase, WriteHealth
from .digests import Digest, Digests
from .replies import ReplyLog
from .sources import SourceStatusStore

__all__ = ["STATE_FILE", "BotState", "Upkeep"]

STATE_FILE = "state.sqlite3"
_SCHEMA = "".join(
    module.SCHEMA for module in (digests, conversations, answers, chat_settings, replies)
)
# Every table keyed by chat: what moves when a group becomes a supergroup.
_BY_CHAT = ("digests", "tldr_chats", "messages", "answers", "chat_settings", "question_replies")


@dataclass(frozen=True)
class Upkeep:
    """What one ``BotState.upkeep`` did."""

    answers: int  # expired or evicted
    messages: int  # past /tldr retention
    freed: int  # bytes given back by VACUUM


class BotState:
    """The bot's state in ``data_dir``; StoreError when it cannot be opened."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.health = WriteHealth()
        self.db = StateDatabase(data_dir / STATE_FILE, _SCHEMA, health=self.health)
        self.digests = Digests(self.db)
        self.conversations = Conversations(self.db)
        self.answers = AnswerLog(self.db)
        self.chat_settings = ChatSettingsTable(self.db)
        self.replies = ReplyLog(self.db)
        self.sources = SourceStatusStore(data_dir, self.health)

    @property
    def path(self) -> Path:
        return self.db.path

    def move_chat(self, old: int, new: int) -> list[Digest]:
        """Everything kept under chat ``old`` now belongs to ``new`` (what ``new`` has already
        wins), in one transaction; returns the digests that moved, as they are now."""
        moving = [d for d in self.digests.all() if d.chat_id == old]
        with self.db.transaction() as db:
            for table in _BY_CHAT:
                db.execute(
                    f"UPDATE OR IGNORE {table} SET chat_id = ? WHERE chat_id = ?", (new, old)
                )
                db.execute(f"DELETE FROM {table} WHERE chat_id = ?", (old,))
        self.conversations.moved(old, new)
        moved = {Digest(new, d.thread_id, d.at, d.tz, d.since) for d in moving}
        return [d for d in self.digests.all() if d in moved]

    def upkeep(self, now: int, keep_seconds: int, retention_seconds: int) -> Upkeep:
        """Forget answers past ``keep_seconds`` and beyond the cap, /tldr messages past
        retention, then give the space back when a quarter of the file is free."""
        with self.db.transaction() as db:
            answered = db.execute("DELETE FROM answers WHERE sent_at < ?", (now - keep_seconds,))
            expired = answered.rowcount + evict_answers(db)
            old = db.execute("DELETE FROM messages WHERE sent_at < ?", (now - retention_seconds,))
            messages = old.rowcount
        return Upkeep(int(expired), int(messages), self.db.shrink_if_sparse())

    def close(self) -> None:
        self.db.close()
        self.sources.close()
