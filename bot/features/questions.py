"""Questions: any text in a private chat; /ask, mentions and replies to the bot in groups.
Replies to an answer, and short private follow-ups, are read with the question before."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from telegram import Message, MessageEntity, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from retrieval import Answer, Library, conversation_turn, small_talk

from ..chat_settings import preferences_for, translator_for
from ..context import NewsApp, NewsContext
from ..i18n import LANGUAGES, N_, translator
from ..render import render_answer_html, render_small_talk, shown_sentences
from ..replies import reply_html
from ..serving import serve_read
from .buttons import answer_keyboard
from .edits import reply_or_edit
from .followups import asked_at, question_in_context, remember_answer

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


@dataclass(frozen=True)
class _Reply:
    text: str
    answer: Answer | None = None  # None for small talk: no buttons, nothing to follow up


async def answer_message(message: Message, text: str, context: NewsContext, update: Update) -> None:
    """Answer one question in the message's chat and topic, with buttons under the answer; a
    follow-up is read together with the question it follows (``followups``)."""
    kind = small_talk(text)
    in_group = message.chat.type != "private"
    preferences = preferences_for(update, context)
    max_sentences, t = preferences.sentences, preferences.t
    question = text if kind else question_in_context(message, text, context)
    chosen = preferences.language  # the language the bot speaks here
    user = update.effective_user
    asker = (user.language_code if user is not None else None) or chosen  # short questions

    def work(library: Library, as_of: dt.date) -> _Reply:
        if kind:  # greetings, thanks, "who are you?", emoji: how to ask, never news
            return _Reply(render_small_talk(kind, in_group=in_group, t=t))
        answer = library.answer(question, as_of=as_of, max_sentences=max_sentences, language=asker)
        # "Nothing in your language" is said in the question's language when the bot speaks it;
        # everything else in the chat's language (its /settings choice, else the user's app's).
        missing = answer.language_missing and answer.language in LANGUAGES
        said = translator(answer.language) if missing else t
        return _Reply(render_answer_html(answer, t=said), answer)

    async def deliver(reply: _Reply) -> int:
        # An edited question edits the earlier reply (``edits``); otherwise a new reply.
        answer = reply.answer
        if answer is None:
            await reply_or_edit(message, reply.text, context)
            return 0
        shown = len(shown_sentences(answer))
        more = answer.answered and len(answer.sentences) >= max_sentences
        buttons = answer_keyboard(update, context, answer, shown=shown, more=more)
        sent = await reply_or_edit(
            message, reply.text, context, reply_markup=buttons.markup if buttons else None
        )
        if sent is not None:  # None: the edit changed nothing, what was kept still holds
            turn = conversation_turn(question, answer)  # what a later follow-up leans on
            remember_answer(context, sent, turn, asked_at(message), buttons)
        return len(answer.sentences)

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
    # New and edited messages: an edited question is answered again (bot.features.edits).
    messages = filters.UpdateType.MESSAGES
    application.add_handler(CommandHandler("ask", ask_command, filters=messages))
    application.add_handler(
        MessageHandler(messages & filters.ChatType.PRIVATE & QUESTION, private_question)
    )
    application.add_handler(
        MessageHandler(messages & filters.ChatType.GROUPS & QUESTION, group_message)
    )
