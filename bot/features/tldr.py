"""/tldr: catch up on a group's conversation (only in groups whose administrators opted in).

What is stored: the text (or caption) of messages in opted-in groups, with the sender's first
name, the time and the topic; nothing of other chats, no media. It is deleted after the
retention time (NEWSBOT_TLDR_RETENTION_HOURS, by ``bot.upkeep``), at once by /forget, and with
/tldr off. Messages are queued as they come and written in batches off the event loop
(``bot.state.pending``): a busy group never holds an answer; a catch-up, /forget and /tldr
off first wait for what is queued.

When the state database cannot be written (a full disk), storing pauses for the group (tried
again every ``bot.state.TLDR_PAUSE_SECONDS``) and its administrators are told once, in the
group, also when the group's last batch was written just before another write failed; the
members' messages are never answered with an apology.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import re
import time
from dataclasses import dataclass

from telegram import Message, Update
from telegram.ext import CommandHandler, MessageHandler, filters

from retrieval import Library, catch_up

from ..commands import ADMINS_OF_GROUPS, Command, Scope
from ..context import NewsApp, NewsContext
from ..i18n import N_, Translator
from ..preferences import chat_preferences, translator_for
from ..render import forgotten_text, render_catch_up, tldr_off_text, tldr_on_text
from ..replies import reply_html, reply_parts
from ..serving import serve_read
from ..state import ChatMessage
from ..updates import from_admin, thread_of

__all__ = ["COMMANDS", "HELP", "PAUSED", "TldrRequest", "parse_tldr_args", "register"]

log = logging.getLogger("newsbot")

COMMANDS = (
    Command("tldr", N_("Catch up on this conversation"), frozenset({Scope.GROUPS}), rank=30),
    Command("forget", N_("Delete the stored conversation"), ADMINS_OF_GROUPS, rank=100),
)
HELP = (
    N_(
        "In groups, <code>/tldr</code> catches up on the conversation (after an admin's "
        "<code>/tldr on</code>)."
    ),
)

USAGE = N_(
    "Usage: <code>/tldr</code> (since your last message), <code>/tldr</code> in reply to a "
    "message (since that message), <code>/tldr 3h</code>, <code>/tldr 100</code> (last "
    "messages); administrators: <code>/tldr on</code>, <code>/tldr off</code>, "
    "<code>/forget</code>."
)
ADMINS_ONLY = N_("Only the group's administrators can change what I store.")
PAUSED = N_(
    "Administrators: I cannot store this group's messages for <code>/tldr</code> right now "
    "(my storage is full or failing). I will keep trying by myself; catch-ups will miss what "
    "is said until then."
)
DEFAULT_MESSAGES = 200
MAX_MESSAGES = 1000
_SPAN = re.compile(r"^(\d{1,5})(h?)$", re.IGNORECASE)


@dataclass(frozen=True)
class TldrRequest:
    action: str  # "catch-up", "on", "off" or "bad"
    hours: int | None = None
    count: int | None = None


def parse_tldr_args(args: list[str], retention_hours: int) -> TldrRequest:
    """Read /tldr's arguments: nothing, on, off, Nh (within retention) or N (messages)."""
    if not args:
        return TldrRequest("catch-up")
    if len(args) > 1:
        return TldrRequest("bad")
    word = args[0].lower()
    if word in ("on", "off"):
        return TldrRequest(word)
    match = _SPAN.match(word)
    if not match:
        return TldrRequest("bad")
    number = int(match.group(1))
    if match.group(2):
        return (
            TldrRequest("catch-up", hours=number)
            if 1 <= number <= retention_hours
            else TldrRequest("bad")
        )
    return (
        TldrRequest("catch-up", count=number) if 1 <= number <= MAX_MESSAGES else TldrRequest("bad")
    )


def message_weights(messages: list[ChatMessage]) -> list[float]:
    """Long messages and messages others replied to carry more of a discussion."""
    replies: dict[int, int] = {}
    for m in messages:
        if m.reply_to is not None:
            replies[m.reply_to] = replies.get(m.reply_to, 0) + 1
    return [
        (1 + math.log1p(len(m.text.split())) / 3) * (1 + 0.5 * replies.get(m.message_id, 0))
        for m in messages
    ]


def catch_up_size(count: int) -> int:
    """How many messages stand for a conversation of ``count`` messages."""
    return 3 if count < 15 else 5 if count < 60 else 7


def to_chat_message(message: Message) -> ChatMessage | None:
    """The stored form of a group message, or None when there is no text to store."""
    text = message.text or message.caption
    if not text or text.startswith("/"):
        return None
    user = message.from_user
    reply = message.reply_to_message
    return ChatMessage(
        chat_id=message.chat_id,
        message_id=message.message_id,
        thread_id=thread_of(message),
        user_id=user.id if user else 0,
        first_name=(
            user.first_name if user else message.sender_chat.title if message.sender_chat else ""
        )
        or "",
        sent_at=int(message.date.timestamp()) if message.date else int(time.time()),
        text=text[:4096],
        reply_to=reply.message_id if reply is not None else None,
    )


def replied_to(message: Message) -> int | None:
    """When /tldr replies to a message, the unix time to catch up from (that message's);
    the start of a forum topic, which every message in it "replies" to, does not count."""
    reply = message.reply_to_message
    if reply is None or reply.date is None:
        return None
    if message.is_topic_message and reply.message_id == message.message_thread_id:
        return None
    return int(reply.date.timestamp())


async def record_message(update: Update, context: NewsContext) -> None:
    """Queue the text of a message in an opted-in group for storing (edits replace it)."""
    message = update.effective_message
    if message is None or not context.bot_data.state.conversations.enabled(message.chat_id):
        return
    stored = to_chat_message(message)
    if stored is not None:
        context.bot_data.tldr_messages.add(stored)


async def _tell_paused(application: NewsApp, chat_id: int) -> None:
    """Storing the group's messages paused (a full disk): its administrators are told, once
    an episode, in the group; nobody's message gets an apology."""
    t = chat_preferences(application.bot_data, chat_id).t
    await application.bot.send_message(chat_id, t(PAUSED))


async def tldr_command(update: Update, context: NewsContext) -> None:
    """Catch up on the conversation, or (administrators) turn storing on or off."""
    message = update.effective_message
    if message is None:
        return
    t = translator_for(update, context)
    if message.chat.type == "private":
        await reply_html(message, t("/tldr summarizes group conversations: use it in a group."))
        return
    settings, stored = context.bot_data.settings, context.bot_data.state.conversations
    request = parse_tldr_args(list(context.args or []), settings.tldr_retention_hours)
    if request.action == "bad":
        await reply_html(message, t(USAGE))
        return
    if request.action in ("on", "off"):
        if await from_admin(update, context, ADMINS_ONLY) is None:
            return
        if request.action == "on":
            stored.enable(message.chat_id, int(time.time()))
            await reply_html(message, tldr_on_text(settings.tldr_retention_hours, t))
        else:
            await context.bot_data.tldr_messages.flush()  # what is queued goes too
            deleted = stored.disable(message.chat_id)
            await reply_html(message, tldr_off_text(deleted, t))
        return
    if not stored.enabled(message.chat_id):
        await reply_html(
            message,
            t(
                "I do not store this group's messages, so there is nothing to catch up on. "
                "An administrator can turn it on with <code>/tldr on</code>."
            ),
        )
        return
    await _catch_up(update, context, message, request, t)


async def _catch_up(
    update: Update, context: NewsContext, message: Message, request: TldrRequest, t: Translator
) -> None:
    stored = context.bot_data.state.conversations
    await context.bot_data.tldr_messages.flush()  # every message said before /tldr
    chat_id, thread_id = message.chat_id, thread_of(message)
    since: int | None = None
    limit = request.count or DEFAULT_MESSAGES
    start = replied_to(message)
    since_yours = False
    if request.hours is not None:
        since, limit = int(time.time()) - request.hours * 3600, MAX_MESSAGES
    elif start is not None and request.count is None:
        since, limit = start, MAX_MESSAGES
    elif request.count is None and message.from_user is not None:
        mine = stored.last_message_of(chat_id, thread_id, message.from_user.id)
        since = mine.sent_at + 1 if mine is not None else None
        since_yours = mine is not None
    messages = stored.messages(chat_id, thread_id, since=since, limit=limit)
    zone = context.bot_data.settings.zone

    chat = message.chat

    def work(library: Library, as_of: dt.date) -> list[str]:
        texts = [m.text for m in messages]
        found = catch_up(texts, message_weights(messages), catch_up_size(len(messages)))
        said = [texts[i] for i in found.said]  # chit-chat says nothing of the topic
        related = library.related(said, as_of=as_of) if found.picked else []
        return render_catch_up(
            [messages[i] for i in found.lead],
            [messages[i] for i in found.rest],
            messages,
            related,
            zone,
            since_yours=since_yours,
            chat_type=chat.type,
            username=chat.username,
            t=t,
        )

    async def deliver(parts: list[str]) -> int:
        await reply_parts(message, parts)
        return len(messages)

    await serve_read(update, context, work, deliver, kind="tldr")


async def forget_command(update: Update, context: NewsContext) -> None:
    """Delete every stored message of this group now (administrators)."""
    message = await from_admin(update, context, ADMINS_ONLY)
    if message is None:
        return
    t = translator_for(update, context)
    await context.bot_data.tldr_messages.flush()  # what is queued goes too
    deleted = context.bot_data.state.conversations.forget(message.chat_id)
    await reply_html(message, forgotten_text(deleted, t))


def register(application: NewsApp) -> None:
    application.bot_data.tldr_messages.on_paused = lambda chat: _tell_paused(application, chat)
    text_messages = (filters.TEXT | filters.CAPTION) & filters.ChatType.GROUPS
    application.add_handler(
        MessageHandler(
            text_messages & (filters.UpdateType.MESSAGE | filters.UpdateType.EDITED_MESSAGE),
            record_message,
        ),
        group=-1,  # sees every group message before (and besides) the question handlers
    )
    application.add_handler(CommandHandler("tldr", tldr_command))
    application.add_handler(CommandHandler("forget", forget_command))
