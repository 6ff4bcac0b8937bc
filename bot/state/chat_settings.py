"""Each chat's choices from /settings: language, sentences per answer, buttons (the
``chat_settings`` table of ``state.sqlite3``).

A chat that never chose keeps no row: the user's Telegram language and the operator's
defaults apply (``bot.preferences``), and they follow the operator's later changes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..i18n import Translator, language_of, translator
from .database import StateDatabase

__all__ = ["MAX_SENTENCES", "SCHEMA", "ChatPreferences", "ChatSettings", "ChatSettingsTable"]

MAX_SENTENCES = 5  # the /settings choices are 1..5 sentences per answer

SCHEMA = """
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
    """What applies to a reply: the chat's choices, else the user's language and the defaults
    (``bot.preferences`` makes it)."""

    language: str
    sentences: int
    buttons: bool

    @property
    def t(self) -> Translator:
        return translator(self.language)


def _chosen(language: object, sentences: object, buttons: object) -> ChatSettings:
    """A stored row, read defensively (a hand-edited value is as good as no choice)."""
    return ChatSettings(
        language if isinstance(language, str) else None,
        sentences if isinstance(sentences, int) else None,
        None if buttons is None else bool(buttons),
    )


class ChatSettingsTable:
    """The ``chat_settings`` table."""

    def __init__(self, db: StateDatabase) -> None:
        self.db = db

    def get(self, chat_id: int) -> ChatSettings:
        found = self.db.first(
            _chosen,
            "SELECT language, sentences, buttons FROM chat_settings WHERE chat_id = ?",
            (chat_id,),
        )
        return found or ChatSettings()

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
        with self.db.transaction() as db:
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
