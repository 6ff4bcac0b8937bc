"""The answer to a question message, wherever it comes from (a private message, /ask, a
mention in a group, a reply to an answer, a /start link): small talk or an answer from the
library, rendered in the chat's language, with buttons under it, sent (or edited in place of
the earlier answer to an edited question), and remembered for follow-ups and buttons. A
question the asker did not type in the chat (a /start link's, a pressed button's) heads its
answer, quoted."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from telegram import Message, Update

from retrieval import Answer, Library, conversation_turn, small_talk

from .context import NewsContext
from .examples import checked_example
from .followups import asked_at, question_in_context, remember_answer
from .i18n import LANGUAGES, translator
from .keyboards import answer_keyboard, pressed
from .preferences import preferences_for
from .render import (
    MESSAGE_LIMIT,
    asked_line,
    render_answer_html,
    render_small_talk,
    shown_sentences,
)
from .replies import reply_or_edit
from .serving import serve_read

__all__ = ["answer_message"]


@dataclass(frozen=True)
class _Reply:
    text: str
    answer: Answer | None = None  # None for small talk: no buttons, nothing to follow up


async def answer_message(
    message: Message,
    text: str,
    context: NewsContext,
    update: Update,
    *,
    show_question: bool = False,
) -> None:
    """Answer one question in the message's chat and topic, with buttons under the answer; a
    follow-up is read together with the question it follows (``bot.followups``). The question
    heads the answer when ``show_question`` (a /start link's) or when a button asked it."""
    kind = small_talk(text)
    in_group = message.chat.type != "private"
    preferences = preferences_for(update, context)
    max_sentences, t = preferences.sentences, preferences.t
    question = text if kind else question_in_context(message, text, context)
    chosen = preferences.language  # the language the bot speaks here
    user = update.effective_user
    asker = (user.language_code if user is not None else None) or chosen  # short questions

    heading = asked_line(text) if show_question or pressed(update) else ""

    def work(library: Library, as_of: dt.date) -> _Reply:
        if kind:  # greetings, thanks, "who are you?", emoji: how to ask, never news
            example = checked_example(library, chosen, as_of)  # /start's, found already
            return _Reply(render_small_talk(kind, example, in_group=in_group, t=t))
        answer = library.answer(question, as_of=as_of, max_sentences=max_sentences, language=asker)
        # "Nothing in your language" is said in the question's language when the bot speaks it;
        # everything else in the chat's language (its /settings choice, else the user's app's).
        missing = answer.language_missing and answer.language in LANGUAGES
        said = translator(answer.language) if missing else t
        body = render_answer_html(answer, MESSAGE_LIMIT - len(heading), t=said)
        return _Reply(heading + body, answer)

    async def deliver(reply: _Reply) -> int:
        # An edited question edits the earlier reply (``reply_or_edit``); otherwise a new one.
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
