"""Never silent: unknown commands get a hint, typos the nearest command as a button, and a
message the bot cannot read (a sticker, a voice note, a photo without a caption) in a
private chat gets a line on how to ask.

Typos are offered, not run: a one-letter slip can land on another real command (``/digest
off``, ``/forget``), so the bot shows what it understood and one tap runs it. The button
runs the command exactly as if it had been typed (``run_command``): same handler, same flood
control, nothing kept on the server, so it works after a restart.

Commands addressed to another bot (``/cmd@otherbot``) are not ours and get nothing. In groups,
where several bots share the commands, only commands addressed to this bot (``/cmd@thisbot``)
or replies to its messages get a hint.
"""

from __future__ import annotations

import datetime as dt

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, MessageEntity, Update
from telegram.ext import CallbackQueryHandler, MessageHandler, filters

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..i18n import ENGLISH, N_, Translator
from ..keyboards import RUN_PREFIX, RUN_UPDATE_ID, run_button
from ..preferences import translator_for
from ..profile import known_commands
from ..render import unknown_command_text
from ..replies import reply_html
from ..updates import callback_text

__all__ = ["COMMANDS", "HELP", "nearest_command", "register", "unknown_command_reply"]

COMMANDS: tuple[Command, ...] = ()
HELP: tuple[str, ...] = ()
NOT_READABLE = N_(
    "I can only read text. Send me your question as a message, or as the caption of a photo "
    "or file."
)
BUTTON_GONE = N_("This button no longer works: please type the command.")


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance with adjacent swaps ("summray"), for short command names."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        current = [i]
        for j, y in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous2[j - 2] + 1)
            current.append(cost)
        previous2, previous = previous, current
    return previous[-1]


def nearest_command(typed: str, commands: frozenset[str]) -> str | None:
    """The one command ``typed`` most likely meant: close in spelling (one slip in up to four
    letters, two beyond) or the only command it begins; None when none or several tie."""
    typed = typed.lower()
    if not typed:
        return None
    allowed = 1 if len(typed) <= 4 else 2
    scored = sorted((edit_distance(typed, c), c) for c in commands)
    close = [c for d, c in scored if d <= allowed and d == scored[0][0]]
    if len(close) == 1:
        return close[0]
    starts = [c for c in commands if c.startswith(typed) and len(typed) >= 2]
    return starts[0] if len(starts) == 1 else None


def unknown_command_reply(
    typed: str, args: str, commands: frozenset[str], t: Translator = ENGLISH
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The hint for an unknown ``/typed args``: text and, for a likely typo, the button."""
    suggestion = nearest_command(typed, commands)
    if suggestion is None:
        return unknown_command_text(typed, None, None, t), None
    corrected = f"/{suggestion} {args}".strip()
    button = run_button(corrected, corrected)
    if button is None:  # too long for a button: the corrected command, to copy
        return unknown_command_text(typed, suggestion, corrected, t), None
    return unknown_command_text(typed, suggestion, None, t), InlineKeyboardMarkup([[button]])


def _split_command(text: str) -> tuple[str, str, str]:
    """ "/Cmd@bot rest" -> ("cmd", "bot", "rest")."""
    head, _, rest = text.partition(" ")
    name, _, target = head[1:].partition("@")
    return name.lower(), target.lower(), rest.strip()


async def unknown_command(update: Update, context: NewsContext) -> None:
    """A command no handler serves: a hint, with the nearest command for a typo."""
    message = update.effective_message
    if message is None or not message.text:
        return
    name, target, args = _split_command(message.text)
    username = (context.bot.username or "").lower()
    if target and target != username:
        return  # for another bot
    commands = known_commands(context.application)
    if name in commands:
        return  # served by its handler (this one runs in a later group, beside it)
    if message.chat.type != "private" and not target:
        reply = message.reply_to_message
        if reply is None or reply.from_user is None or reply.from_user.id != context.bot.id:
            return  # a group's bare /cmd may be another bot's
    t = translator_for(update, context)
    text, markup = unknown_command_reply(name, args, commands, t)
    await reply_html(message, text, reply_markup=markup)


async def unreadable_message(update: Update, context: NewsContext) -> None:
    """A private message with nothing to read (sticker, voice, photo without caption)."""
    message = update.effective_message
    if message is not None:
        await reply_html(message, translator_for(update, context)(NOT_READABLE))


def _as_typed(query: CallbackQuery, shown: Message, command_line: str) -> Update:
    """The command as if the presser had typed it where the button is (replies go there)."""
    command = command_line.split()[0]
    typed = Message(
        message_id=shown.message_id,
        date=dt.datetime.now(dt.UTC),
        chat=shown.chat,
        from_user=query.from_user,
        text=command_line,
        entities=(MessageEntity(MessageEntity.BOT_COMMAND, 0, len(command)),),
        message_thread_id=shown.message_thread_id,
        is_topic_message=shown.is_topic_message,
    )
    typed.set_bot(query.get_bot())
    return Update(update_id=RUN_UPDATE_ID, message=typed)


async def run_command(update: Update, context: NewsContext) -> None:
    """A button that runs a command: handled by the command's own handler."""
    query = update.callback_query
    if query is None:
        return
    command_line = (callback_text(query) or "").removeprefix(RUN_PREFIX)
    name = command_line.split()[0].removeprefix("/") if command_line.split() else ""
    shown = query.message
    if not isinstance(shown, Message) or name not in known_commands(context.application):
        await query.answer(translator_for(update, context)(BUTTON_GONE))
        return
    await query.answer()
    await context.application.process_update(_as_typed(query, shown, command_line))


def register(application: NewsApp) -> None:
    # Group 1: runs beside group 0's handlers, so it never shadows a command registered after
    # it; it answers only commands that no handler serves.
    new_commands = filters.UpdateType.MESSAGE & filters.COMMAND
    application.add_handler(MessageHandler(new_commands, unknown_command), group=1)
    application.add_handler(CallbackQueryHandler(run_command, pattern=f"^{RUN_PREFIX}"))
    # Last of group 0: only messages no other handler took, and none that carries text.
    readable = filters.TEXT | filters.CAPTION | filters.COMMAND | filters.StatusUpdate.ALL
    private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
    application.add_handler(MessageHandler(private & ~readable, unreadable_message))
