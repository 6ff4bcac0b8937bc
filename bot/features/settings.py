"""/settings: the chat's language, sentences per answer and buttons, chosen with buttons.

In a private chat the user chooses; in a group only its administrators (others are told so,
politely). Choices are kept by ``bot.state.chat_settings`` and survive restarts.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import BadRequest, TelegramError
from telegram.ext import CallbackQueryHandler, CommandHandler

from ..commands import Command, Scope
from ..context import NewsApp, NewsContext
from ..i18n import LANGUAGES, N_, Translator
from ..preferences import preferences_for
from ..render import settings_text
from ..state import MAX_SENTENCES, ChatPreferences, ChatSettings
from ..updates import callback_text, from_admin, is_admin

__all__ = ["CALLBACK_PREFIX", "COMMANDS", "HELP", "parse_choice", "register", "settings_keyboard"]

log = logging.getLogger("newsbot")

COMMANDS = (
    Command(
        "settings",
        N_("Language, answer length, buttons"),
        frozenset({Scope.PRIVATE, Scope.GROUP_ADMINS}),
        rank=50,
    ),
)
HELP = (
    N_(
        "<code>/settings</code> chooses my language, the sentences per answer and the buttons "
        "(in groups, its administrators do)."
    ),
)
CALLBACK_PREFIX = "settings:"
ADMINS_ONLY = N_("Sorry, only the group's administrators can change its settings.")
_CHOSEN = "✓ "  # marks the current choice on its button
_LANGUAGES_A_ROW = 4  # eight language names in one row would be cut to a few letters each


def settings_keyboard(preferences: ChatPreferences) -> InlineKeyboardMarkup:
    """Languages, 1-5 sentences, buttons on/off; the current choices marked."""
    t = preferences.t

    def button(label: str, chosen: bool, data: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(
            (_CHOSEN if chosen else "") + label, callback_data=CALLBACK_PREFIX + data
        )

    languages = [
        button(name, code == preferences.language, f"language:{code}")
        for code, name in LANGUAGES.items()
    ]
    sentences = [
        button(str(n), n == preferences.sentences, f"sentences:{n}")
        for n in range(1, MAX_SENTENCES + 1)
    ]
    buttons = [
        button(t("Buttons shown"), preferences.buttons, "buttons:1"),
        button(t("Buttons hidden"), not preferences.buttons, "buttons:0"),
    ]
    rows = [languages[i : i + _LANGUAGES_A_ROW] for i in range(0, len(languages), _LANGUAGES_A_ROW)]
    return InlineKeyboardMarkup([*rows, sentences, buttons])


def parse_choice(data: str) -> ChatSettings | None:
    """The one choice a button carries, or None for data this version does not know."""
    _, _, rest = data.partition(CALLBACK_PREFIX)
    name, _, value = rest.partition(":")
    if name == "language" and value in LANGUAGES:
        return ChatSettings(language=value)
    # ASCII digits only: "²" is a digit to str.isdigit, and int() refuses it.
    if (
        name == "sentences"
        and value.isascii()
        and value.isdigit()
        and 1 <= int(value) <= MAX_SENTENCES
    ):
        return ChatSettings(sentences=int(value))
    if name == "buttons" and value in ("0", "1"):
        return ChatSettings(buttons=value == "1")
    return None


async def _show(message: Message, preferences: ChatPreferences) -> None:
    in_group = message.chat.type != "private"
    await message.reply_text(
        settings_text(preferences, in_group=in_group),
        reply_markup=settings_keyboard(preferences),
        do_quote=in_group,
    )


async def settings_command(update: Update, context: NewsContext) -> None:
    """Show the chat's settings with buttons to change them (administrators in groups)."""
    message = await from_admin(update, context, ADMINS_ONLY)
    if message is None:
        return
    await _show(message, preferences_for(update, context))


async def settings_button(update: Update, context: NewsContext) -> None:
    """A press on the /settings panel: check who pressed, save, redraw the panel."""
    query = update.callback_query
    if query is None:
        return
    chat = update.effective_chat
    t: Translator = preferences_for(update, context).t
    choice = parse_choice(callback_text(query) or "")
    if choice is None or chat is None:  # unknown data, or a panel Telegram no longer shows
        with contextlib.suppress(TelegramError):
            await query.answer(t("This button does nothing any more."))
        return
    if not await is_admin(update, context):
        with contextlib.suppress(TelegramError):
            await query.answer(t(ADMINS_ONLY), show_alert=True)
        return
    context.bot_data.state.chat_settings.change(
        chat.id, language=choice.language, sentences=choice.sentences, buttons=choice.buttons
    )
    preferences = preferences_for(update, context)
    with contextlib.suppress(TelegramError):
        await query.answer(preferences.t("Saved."))
    message = query.message
    if isinstance(message, Message):
        try:
            await message.edit_text(
                settings_text(preferences, in_group=chat.type != "private"),
                reply_markup=settings_keyboard(preferences),
            )
        except BadRequest as exc:  # "message is not modified": the same button pressed twice
            log.debug("settings panel not redrawn: %s", exc)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("settings", settings_command))
    application.add_handler(CallbackQueryHandler(settings_button, pattern=f"^{CALLBACK_PREFIX}"))
