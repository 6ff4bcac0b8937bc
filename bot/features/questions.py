"""Questions: any text in a private chat; /ask, mentions and replies to the bot in groups.
Replies to an answer, and short private follow-ups, are read with the question before
(the answer path is ``bot.answering``)."""

from __future__ import annotations

import re

from telegram import Message, MessageEntity, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from ..answering import answer_message
from ..commands import EVERYWHERE, Command
from ..context import NewsApp, NewsContext
from ..i18n import N_
from ..preferences import translator_for
from ..replies import reply_html

__all__ = ["COMMANDS", "HELP", "addressed_to_bot", "register", "strip_mention"]

COMMANDS = (Command("ask", N_("Ask a question about the news"), EVERYWHERE, rank=10),)
HELP = (
    N_(
        "<b>In a private chat</b>, just ask:\n<code>{example}</code>\n"
        "A photo, video or file with your question as its caption works too, and editing your "
        "question updates my answer."
    ),
    N_(
        "<b>In a group</b>, use <code>/ask {example}</code>, mention me ({mention} …) or reply "
        "to one of my messages."
    ),
    N_(
        "Time words narrow the search: <i>in June 2019</i>, <i>since 2019-06-01</i>, "
        "<i>last week</i>."
    ),
)
ASK_USAGE = N_("Ask a question after the command, e.g. <code>/ask Who won the World Series?</code>")


def addressed_to_bot(message: Message, bot_id: int, username: str) -> bool:
    """True when a group message mentions the bot or replies to one of its messages."""
    reply = message.reply_to_message
    if reply is not None and reply.from_user is not None and reply.from_user.id == bot_id:
        return True
    text = message.text or message.caption or ""
    if username and f"@{username.lower()}" in text.lower():
        return True
    for entity in message.entities or ():
        if entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id:
            return True
    return False


def strip_mention(text: str, username: str) -> str:
    """The question without the bot's @name."""
    if username:
        text = re.sub(rf"@{re.escape(username)}\b", " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())


async def private_question(update: Update, context: NewsContext) -> None:
    """Any text in a private chat is a question, and so is a photo's, video's or file's caption."""
    message = update.effective_message
    text = message.text or message.caption if message is not None else None
    if message is None or not text:
        return
    await answer_message(message, text, context, update)


async def ask_command(update: Update, context: NewsContext) -> None:
    """/ask <question>, in any chat."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await reply_html(message, translator_for(update, context)(ASK_USAGE))
        return
    await answer_message(message, question, context, update)


async def group_message(update: Update, context: NewsContext) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    text = message.text or message.caption if message is not None else None
    if message is None or not text:
        return
    username = context.bot.username or ""
    if not addressed_to_bot(message, context.bot.id, username):
        return
    await answer_message(message, strip_mention(text, username), context, update)


# Text, or a caption that is not a command (a file captioned "/add" is for bot.features.add).
QUESTION = filters.TEXT & ~filters.COMMAND | filters.CAPTION & ~filters.CaptionRegex(r"^/")


def register(application: NewsApp) -> None:
    # New and edited messages: an edited question is answered again (bot.replies.reply_or_edit).
    messages = filters.UpdateType.MESSAGES
    application.add_handler(CommandHandler("ask", ask_command, filters=messages))
    application.add_handler(
        MessageHandler(messages & filters.ChatType.PRIVATE & QUESTION, private_question)
    )
    application.add_handler(
        MessageHandler(messages & filters.ChatType.GROUPS & QUESTION, group_message)
    )
