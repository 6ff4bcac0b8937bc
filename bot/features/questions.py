"""Questions: any text in a private chat; /ask, mentions and replies to the bot in groups."""

from __future__ import annotations

import datetime as dt
import re

from telegram import Message, MessageEntity, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from retrieval import Library, small_talk

from ..context import NewsApp, NewsContext
from ..render import render_answer_html, render_small_talk
from ..replies import reply_html
from ..serving import serve_read
from .edits import reply_or_edit

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
    message: Message, question: str, context: NewsContext, update: Update
) -> None:
    """Answer one question in the message's chat and topic."""
    kind = small_talk(question)
    in_group = message.chat.type != "private"
    max_sentences = context.bot_data.settings.max_sentences

    def work(library: Library, as_of: dt.date) -> tuple[str, int]:
        if kind:  # greetings, thanks, "who are you?", emoji: how to ask, never news
            return render_small_talk(kind, in_group=in_group), 0
        answer = library.answer(question, as_of=as_of, max_sentences=max_sentences)
        return render_answer_html(answer), len(answer.sentences)

    async def deliver(reply: tuple[str, int]) -> int:
        await reply_or_edit(message, reply[0], context)  # an edited question: edits the reply
        return reply[1]

    await serve_read(update, context, work, deliver, kind="answer")


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
        await reply_html(message, ASK_USAGE)
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
    # New and edited messages: an edited question is answered again (bot.features.edits).
    messages = filters.UpdateType.MESSAGES
    application.add_handler(CommandHandler("ask", ask_command, filters=messages))
    application.add_handler(
        MessageHandler(messages & filters.ChatType.PRIVATE & QUESTION, private_question)
    )
    application.add_handler(
        MessageHandler(messages & filters.ChatType.GROUPS & QUESTION, group_message)
    )
