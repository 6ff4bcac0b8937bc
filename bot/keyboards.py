"""The buttons the bot puts under its messages, made in one place for every feature that
shows them: the answer buttons (More, Sources, Summary: ``answer_keyboard``; their presses are
``bot.features.buttons``'), and buttons that run a command as if it had been typed
(``run_button``: the /start example, a typo's correction; run by ``bot.features.fallback``).

An answer button carries ``action:id``; the id names the question, its as-of day and how many
sentences were shown, kept with the answer it sits under (``bot.state.answers``), so buttons
work after a restart. Callback data is at most 64 bytes: a button that would not fit is not
made.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update

from retrieval import Answer

from .context import NewsContext
from .i18n import N_
from .preferences import preferences_for
from .state import ButtonPayload, new_button_key

__all__ = [
    "MAX_SHOWN",
    "RUN_PREFIX",
    "RUN_UPDATE_ID",
    "AnswerButtons",
    "answer_keyboard",
    "ask_button",
    "buttons_shown",
    "parse_press",
    "pressed",
    "run_button",
]

RUN_PREFIX = "run:"  # callback data of a button that runs a command: "run:/summary ukraine"
# The update a pressed run button becomes, as if its command had been typed, has this id
# (Telegram's are positive): what it answers is then shown above the answer (``pressed``).
RUN_UPDATE_ID = 0
MAX_CALLBACK_DATA = 64  # bytes of callback data Telegram keeps
MAX_SHOWN = 15  # "More" pages stop here: past it sentences no longer answer the question
MORE = N_("More")
SOURCES = N_("Sources")
SUMMARY = N_("Summary")
_PRESS = re.compile(r"(more|src|sum):([A-Za-z0-9_-]{1,16})", re.ASCII)  # new_button_key's ids


def run_button(label: str, command_line: str) -> InlineKeyboardButton | None:
    """A button that runs ``command_line`` when pressed; None when it does not fit."""
    data = RUN_PREFIX + command_line
    if len(data.encode()) > MAX_CALLBACK_DATA:
        return None
    return InlineKeyboardButton(label, callback_data=data)


def ask_button(label: str, question: str) -> InlineKeyboardButton | None:
    """A button that asks ``question`` (as ``/ask`` would); None when it does not fit."""
    return run_button(label, f"/ask {question}")


def pressed(update: Update) -> bool:
    """Whether ``update`` was made by pressing a run button, not typed."""
    return update.update_id == RUN_UPDATE_ID


@dataclass(frozen=True)
class AnswerButtons:
    """The buttons under an answer and what their key stands for (kept once it is sent:
    ``bot.followups.remember_answer``)."""

    markup: InlineKeyboardMarkup
    key: str
    payload: ButtonPayload


def parse_press(data: str | None) -> tuple[str, str] | None:
    """``(action, id)`` of an answer button's data, or None for anything else (ASCII only, so
    no digit of another script and no lone surrogate ever reaches the store)."""
    match = _PRESS.fullmatch(data or "")
    return (match.group(1), match.group(2)) if match else None


def buttons_shown(update: Update, context: NewsContext) -> bool:
    """Whether answers in this chat carry buttons: the one place that decides (the chat's
    /settings choice, shown by default)."""
    return preferences_for(update, context).buttons


def answer_keyboard(
    update: Update, context: NewsContext, answer: Answer, *, shown: int, more: bool
) -> AnswerButtons | None:
    """The buttons under an answer that showed ``shown`` sentences (More only when ``more``),
    or None when the chat does not want buttons or nothing was found. Their payload is kept
    with the answer, once it is sent (``remember_answer``)."""
    preferences = preferences_for(update, context)
    if not answer.found or not preferences.buttons:
        return None
    t = preferences.t
    key = new_button_key()
    row = [
        InlineKeyboardButton(t(SOURCES), callback_data=f"src:{key}"),
        InlineKeyboardButton(t(SUMMARY), callback_data=f"sum:{key}"),
    ]
    if more and shown < MAX_SHOWN:
        row.insert(0, InlineKeyboardButton(t(MORE), callback_data=f"more:{key}"))
    payload = ButtonPayload(answer.question, answer.as_of, shown)
    return AnswerButtons(InlineKeyboardMarkup([row]), key, payload)
