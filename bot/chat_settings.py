"""Each chat's choices from /settings (language, sentences per answer, buttons), in SQLite,
and the one place handlers read them: ``preferences_for`` / ``translator_for``.

The table lives in the state database (``state.sqlite3``) on a connection of its own, so this
module owns its schema. A chat that never chose keeps no row: the user's Telegram language and
the operator's defaults apply, and they follow the operator's later changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from telegram import Update

from .i18n import Translator, language_of, translator
from .state_db import StateTable, WriteHealth

if TYPE_CHECKING:
    from .context import NewsContext

__all__ = [
    "MAX_SENTENCES",
    "ChatPreferences",
    "ChatSettings",
    "ChatSettingsStore",
    "chat_preferences",
    "preferences_for",
    "translator_for",
]

MAX_SENTENCES = 5  # the /settings choices are 1..5 sentences per answer

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_settings (
    chat_id INTEGER PRIMARY KEY,
    language TEXT,          -- a bot language code; NULL: the user's Telegram language
    sentences INTEGER,      -- 1..5; NULL: NEWSBOT_MAX_SENTENCES
    buttons INTEGER         -- 0/1; NULL: shown
);
"""


@dataclass(frozen=True)
class ChatSettings:
    """What a chat chose; None where it chose nothing."""

    language: str | None = None
    sentences: int | None = None
    buttons: bool | None = None


@dataclass(frozen=True)
class ChatPreferences:
    """What applies to a reply: the chat's choices, else the user's language and the defaults."""

    language: str
    sentences: int
    buttons: bool

    @property
    def t(self) -> Translator:
        return translator(self.language)


class ChatSettingsStore(StateTable):
    """The ``chat_settings`` table: one short statement per call, behind a lock."""

    def __init__(self, path: Path | str, health: WriteHealth | None = None) -> None:
        super().__init__(path, _SCHEMA, health)

    def get(self, chat_id: int) -> ChatSettings:
        rows = self._query(
            "SELECT language, sentences, buttons FROM chat_settings WHERE chat_id = ?", (chat_id,)
        )
        if not rows:
            return ChatSettings()
        language, sentences, buttons = rows[0]
        return ChatSettings(
            language if isinstance(language, str) else None,
            sentences if isinstance(sentences, int) else None,
            None if buttons is None else bool(buttons),
        )

    def change(
        self,
        chat_id: int,
        *,
        language: str | None = None,
        sentences: int | None = None,
        buttons: bool | None = None,
    ) -> ChatSettings:
        """Set the given choices (the others stay); returns what the chat has now."""
        if language is not None and language_of(language) != language:
            raise ValueError(f"not a bot language: {language!r}")
        if sentences is not None and not 1 <= sentences <= MAX_SENTENCES:
            raise ValueError(f"sentences must be 1..{MAX_SENTENCES}: {sentences}")
        current = self.get(chat_id)
        new = replace(
            current,
            language=language if language is not None else current.language,
            sentences=sentences if sentences is not None else current.sentences,
            buttons=buttons if buttons is not None else current.buttons,
        )
        with self._transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO chat_settings (chat_id, language, sentences, buttons) "
                "VALUES (?, ?, ?, ?)",
                (
                    chat_id,
                    new.language,
                    new.sentences,
                    None if new.buttons is None else int(new.buttons),
                ),
            )
        return new

    def move_chat(self, old: int, new: int) -> None:
        """A group became a supergroup: its choices go with it (the new id's own ones win)."""
        with self._transaction() as db:
            db.execute(
                "UPDATE OR IGNORE chat_settings SET chat_id = ? WHERE chat_id = ?", (new, old)
            )
            db.execute("DELETE FROM chat_settings WHERE chat_id = ?", (old,))


def chat_preferences(
    context: NewsContext, chat_id: int | None, language_code: str | None = None
) -> ChatPreferences:
    """The preferences for a reply in ``chat_id`` to a user whose Telegram language is
    ``language_code``: the chat's /settings first (in groups, the group's), then the user's
    language and the operator's defaults. ``chat_id`` None (no chat): the defaults."""
    chosen = context.bot_data.chat_settings.get(chat_id) if chat_id is not None else ChatSettings()
    default_sentences = min(context.bot_data.settings.max_sentences, MAX_SENTENCES)
    return ChatPreferences(
        language=chosen.language or language_of(language_code),
        sentences=chosen.sentences or default_sentences,
        buttons=chosen.buttons if chosen.buttons is not None else True,
    )


def preferences_for(update: Update | None, context: NewsContext) -> ChatPreferences:
    """The preferences for replying to ``update``. An inline query has no chat: the sender's
    private-chat settings apply (a private chat's id is the user's id)."""
    if update is None:
        return chat_preferences(context, None)
    user = update.effective_user
    chat = update.effective_chat
    chat_id = chat.id if chat is not None else (user.id if user is not None else None)
    return chat_preferences(context, chat_id, user.language_code if user is not None else None)


def translator_for(update: Update | None, context: NewsContext) -> Translator:
    """The translator for replying to ``update`` (see ``preferences_for``)."""
    return preferences_for(update, context).t
