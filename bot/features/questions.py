"""Questions: any text in a private chat; /ask, mentions and replies to the bot in groups."""

from __future__ import annotations

import datetime as dt
import re
import time

from telegram import Message, MessageEntity, Update
from telegram.ext import Application, CommandHandler, ContextTypes, MessageHandler, filters

from retrieval import small_talk

from ..render import render_answer_html, render_small_talk
from .common import (
    admitted,
    answer_log,
    get_library,
    get_settings,
    in_thread,
    reply_html,
    show_typing,
)

ASK_USAGE = "Ask a question after the command, e.g. <code>/ask Who won the World Series?</code>"


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


async def answer_message(
    message: Message, question: str, context: ContextTypes.DEFAULT_TYPE, update: Update
) -> None:
    """Answer one question in the message's chat and topic."""
    started = time.perf_counter()
    if not await admitted(update, context, message):
        return
    kind = small_talk(question)
    if kind:  # greetings, thanks, "who are you?", emoji: how to ask, never news
        in_group = message.chat.type != "private"
        await reply_html(message, render_small_talk(kind, in_group=in_group))
        answer_log(update, started, 0)
        return
    await show_typing(message)
    library = get_library(context)
    settings = get_settings(context)
    as_of = (message.date or dt.datetime.now(dt.UTC)).date()

    def work() -> tuple[str, int]:
        library.refresh()
        answer = library.answer(question, as_of=as_of, max_sentences=settings.max_sentences)
        return render_answer_html(answer), len(answer.sentences)

    text, results = await in_thread(work)
    await reply_html(message, text)
    answer_log(update, started, results)


async def private_question(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Any text in a private chat is a question."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    await answer_message(message, message.text, context, update)


async def ask_command(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """/ask <question>, in any chat."""
    message = update.effective_message
    if message is None:
        return
    question = " ".join(context.args or [])
    if not question.strip():
        await reply_html(message, ASK_USAGE)
        return
    await answer_message(message, question, context, update)


async def group_message(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """In groups, answer only messages that mention the bot or reply to it."""
    message = update.effective_message
    if message is None or message.text is None:
        return
    username = context.bot.username or ""
    if not addressed_to_bot(message, context.bot.id, username):
        return
    await answer_message(message, strip_mention(message.text, username), context, update)


def register(application: Application) -> None:  # type: ignore[type-arg]
    new_messages = filters.UpdateType.MESSAGE
    application.add_handler(CommandHandler("ask", ask_command, filters=new_messages))
    application.add_handler(
        MessageHandler(
            new_messages & filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND,
            private_question,
        )
    )
    application.add_handler(
        MessageHandler(
            new_messages & filters.ChatType.GROUPS & filters.TEXT & ~filters.COMMAND,
            group_message,
        )
    )
