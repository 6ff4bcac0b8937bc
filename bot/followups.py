"""Follow-ups: which earlier question a new message may lean on, and remembering the question
behind every answer the bot sends (by the answer's message id, in SQLite, so a reply to an
answer still finds its question after a restart).

The earlier question is the one a reply answers (in any chat), or in a private chat the last
one within ``NEWSBOT_FOLLOWUP_MINUTES``. Whether the message leans on it (a new question that
names its own topic does not) and how the two combine is ``retrieval``'s
(``leans_on_previous``, ``combine_follow_up``).
"""

from __future__ import annotations

import contextlib
import time

from telegram import Message

from retrieval import combine_follow_up, leans_on_previous

from .context import NewsContext
from .keyboards import AnswerButtons
from .state import Answered, StoreError

__all__ = ["asked_at", "question_in_context", "remember_answer"]

_DAY = 24 * 3600


def asked_at(message: Message) -> int:
    """The unix time a message was sent (Telegram's date)."""
    return int(message.date.timestamp())


def question_in_context(message: Message, text: str, context: NewsContext) -> str:
    """The question ``text`` asks, read together with the question it follows up, if any."""
    answers, settings = context.bot_data.state.answers, context.bot_data.settings
    as_of = message.date.date()
    asker = (message.from_user.language_code if message.from_user else None) or ""
    reply = message.reply_to_message
    window = int(settings.followup_minutes * 60)
    earlier: Answered | None = None
    if reply is not None and reply.from_user is not None and reply.from_user.id == context.bot.id:
        earlier = answers.answered_by(message.chat_id, reply.message_id)
    elif message.chat.type == "private" and window > 0:
        # An edit is the same question again: it leans on what came before its first version.
        before = asked_at(message) if message.edit_date is not None else None
        since = asked_at(message) - window
        earlier = answers.last_answered(message.chat_id, since=since, before=before)
    if earlier is None:
        return text
    if not leans_on_previous(text, as_of, previous=earlier.question, language=asker):
        return text
    return combine_follow_up(earlier.question, text, as_of, language=asker)


def remember_answer(
    context: NewsContext,
    sent: Message,
    question: str,
    at: int,
    buttons: AnswerButtons | None = None,
) -> None:
    """Keep the question ``sent`` answers and its buttons' payload, for as long as buttons
    work (from now: an edited old question's buttons are new), in one transaction. Written at
    once on the event loop (a few milliseconds): no update is handled between the answer
    arriving and this, so a quick reply to the answer always finds its question. The answer
    is delivered already: a write that fails (a full disk) is logged by the store, no more."""
    keep = context.bot_data.settings.button_days * _DAY
    button = (buttons.key, buttons.payload) if buttons is not None else None
    with contextlib.suppress(StoreError):
        context.bot_data.state.answers.record(
            sent.chat_id, sent.message_id, question, at, keep, button=button, now=int(time.time())
        )
