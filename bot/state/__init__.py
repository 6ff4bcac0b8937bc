"""The bot's state: everything it keeps between restarts, in the data folder, in SQLite.

One home, opened one way: ``BotState(data_dir)`` opens ``state.sqlite3`` (digest
subscriptions, /tldr's opted-in conversations, each answer's question and button payload,
the chats' /settings, the reply log of edited questions) and ``sources.sqlite3`` (how feeds
and channels are doing), each table owned by one class (``bot.state.digests``,
``conversations``, ``answers``, ``chat_settings``, ``replies``, ``sources``), every database
opened, written and read typed by ``bot.state.database``. /tldr's messages reach it in batches
off the event loop (``bot.state.pending``).

Nothing here imports python-telegram-bot: the command line opens the state without it.
"""

from .answers import (
    MAX_ANSWERS,
    MAX_QUESTION,
    Answered,
    AnswerLog,
    ButtonPayload,
    new_button_key,
    stored_question,
)
from .bot_state import STATE_FILE, BotState, Upkeep
from .chat_settings import MAX_SENTENCES, ChatPreferences, ChatSettings, ChatSettingsTable
from .conversations import MAX_CHAT_MESSAGES, TLDR_PAUSE_SECONDS, ChatMessage, Conversations
from .database import StateDatabase, StoreError, WriteHealth
from .digests import Digest, Digests
from .pending import MessageWriter
from .replies import ReplyLog
from .sources import SOURCES_FILE, SourceStatus, SourceStatusStore, SourceUpdate

__all__ = [
    "MAX_ANSWERS",
    "MAX_CHAT_MESSAGES",
    "MAX_QUESTION",
    "MAX_SENTENCES",
    "SOURCES_FILE",
    "STATE_FILE",
    "TLDR_PAUSE_SECONDS",
    "AnswerLog",
    "Answered",
    "BotState",
    "ButtonPayload",
    "ChatMessage",
    "ChatPreferences",
    "ChatSettings",
    "ChatSettingsTable",
    "Conversations",
    "Digest",
    "Digests",
    "MessageWriter",
    "ReplyLog",
    "SourceStatus",
    "SourceStatusStore",
    "SourceUpdate",
    "StateDatabase",
    "StoreError",
    "Upkeep",
    "WriteHealth",
    "new_button_key",
    "stored_question",
]
