"""What applies to a reply, and the one place handlers read it: ``preferences_for`` and
``translator_for`` (the language, sentences per answer and buttons of the chat's /settings,
else the user's Telegram language and the operator's defaults)."""

from __future__ import annotations

from telegram import Update

from .context import BotData, NewsContext
from .i18n import Translator, language_of
from .state import MAX_SENTENCES, ChatPreferences, ChatSettings

__all__ = ["chat_preferences", "preferences_for", "translator_for"]


def chat_preferences(
    data: BotData, chat_id: int | None, language_code: str | None = None
) -> ChatPreferences:
    """The preferences for a reply in ``chat_id`` to a user whose Telegram language is
    ``language_code``: the chat's /settings first (in groups, the group's), then the user's
    language and the operator's defaults. ``chat_id`` None (no chat): the defaults."""
    chosen = data.state.chat_settings.get(chat_id) if chat_id is not None else ChatSettings()
    default_sentences = min(data.settings.max_sentences, MAX_SENTENCES)
    return ChatPreferences(
        language=chosen.language or language_of(language_code),
        sentences=chosen.sentences or default_sentences,
        buttons=chosen.buttons if chosen.buttons is not None else True,
    )


def preferences_for(update: Update | None, context: NewsContext) -> ChatPreferences:
    """The preferences for replying to ``update``. An inline query has no chat: the sender's
    private-chat settings apply (a private chat's id is the user's id)."""
    if update is None:
        return chat_preferences(context.bot_data, None)
    user = update.effective_user
    chat = update.effective_chat
    chat_id = chat.id if chat is not None else (user.id if user is not None else None)
    language_code = user.language_code if user is not None else None
    return chat_preferences(context.bot_data, chat_id, language_code)


def translator_for(update: Update | None, context: NewsContext) -> Translator:
    """The translator for replying to ``update`` (see ``preferences_for``)."""
    return preferences_for(update, context).t
