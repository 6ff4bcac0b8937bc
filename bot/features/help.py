"""/start and /help: a short greeting with buttons, and the full guide.

``/start`` says what the bot does in two lines and offers buttons: an example question (one
the bot has asked itself and answered surely, ``bot.examples``), inline search in the chat,
and, in a private chat, "add to a group". ``/start <payload>`` from a deep link asks the query
it carries (``bot.deeplinks``; the inline "Ask me in a private chat" button makes those), its
answer headed by the question. ``/help`` says what every registered feature declared
(``bot.commands``: ``HELP``), in their order.
"""

from __future__ import annotations

import datetime as dt
import weakref

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import CommandHandler

from retrieval import Library

from ..answering import answer_message
from ..commands import EVERYWHERE, Command
from ..context import NewsApp, NewsContext
from ..deeplinks import query_of_payload
from ..examples import checked_example
from ..i18n import ENGLISH, N_, Translator
from ..keyboards import ask_button
from ..preferences import translator_for
from ..render import Intro, help_text, start_text
from ..replies import reply_html
from ..serving import serve_read

__all__ = ["COMMANDS", "HELP", "pick_example", "register", "start_keyboard"]

COMMANDS = (
    Command("help", N_("Everything it can do"), EVERYWHERE, rank=80),
    Command("start", N_("What this bot does, with an example"), EVERYWHERE, rank=90),
)
HELP: tuple[str, ...] = ()  # /help's own opening says what the bot is

ASK_EXAMPLE = N_("Ask: {example}")
SEARCH_BUTTON = N_("Search articles here")
ADD_TO_GROUP = N_("Add me to a group")

# The last intro each library gave, per language: /start and /help show it while search is
# unavailable or stalled (``serve_read``'s stand-in), so they never wait for the cluster.
_last_intro: weakref.WeakKeyDictionary[Library, dict[str, Intro]] = weakref.WeakKeyDictionary()


def known_intro(library: Library, language: str) -> Intro:
    return _last_intro.get(library, {}).get(language, Intro(None, None))


def pick_example(library: Library, language: str, as_of: dt.date) -> Intro:
    """The collection's size and its checked example for a chat speaking ``language``."""
    intro = Intro(library.stats().articles, checked_example(library, language, as_of))
    _last_intro.setdefault(library, {})[language] = intro
    return intro


def start_keyboard(
    intro: Intro, username: str, t: Translator = ENGLISH, *, in_group: bool = False
) -> InlineKeyboardMarkup:
    """Ask the example; search inline in this chat; in a private chat, add the bot to a
    group (a group has it already)."""
    rows: list[list[InlineKeyboardButton]] = []
    if intro.example is not None:
        ask = ask_button(t(ASK_EXAMPLE).format(example=intro.example), intro.example)
        if ask is not None:
            rows.append([ask])
    row = [InlineKeyboardButton(t(SEARCH_BUTTON), switch_inline_query_current_chat="")]
    if username and not in_group:
        link = f"https://t.me/{username}?startgroup=start"
        row.append(InlineKeyboardButton(t(ADD_TO_GROUP), url=link))
    rows.append(row)
    return InlineKeyboardMarkup(rows)


async def _introduce(update: Update, context: NewsContext, *, full: bool) -> None:
    message = update.effective_message
    if message is None:
        return
    username = context.bot.username or ""
    in_group = message.chat.type != "private"
    t = translator_for(update, context)
    paragraphs = context.bot_data.help

    async def deliver(intro: Intro) -> int:
        if full:
            await reply_html(message, help_text(intro, username, paragraphs, t))
        else:
            text = start_text(intro, in_group=in_group, t=t)
            keyboard = start_keyboard(intro, username, t, in_group=in_group)
            await reply_html(message, text, reply_markup=keyboard)
        return 0

    library = context.bot_data.library
    await serve_read(
        update,
        context,
        lambda library, as_of: pick_example(library, t.language, as_of),
        deliver,
        kind="help",
        costly=False,
        stand_in=lambda: known_intro(library, t.language),
    )


async def start(update: Update, context: NewsContext) -> None:
    """/start: the short greeting; /start <payload>: ask the query the link carries."""
    message = update.effective_message
    query = query_of_payload(context.args[0]) if context.args else None
    if message is not None and query is not None:
        await answer_message(message, query, context, update, show_question=True)
        return
    await _introduce(update, context, full=False)


async def help_command(update: Update, context: NewsContext) -> None:
    """/help: everything the bot can do."""
    await _introduce(update, context, full=True)


def register(application: NewsApp) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CommandHandler("help", help_command))
