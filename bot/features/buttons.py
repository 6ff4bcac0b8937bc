"""Presses of the buttons under answers (made by ``bot.keyboards``): More (the next sentences
for the same question), Sources (the articles, linked) and Summary (the topic's summary).

A button's id is kept with the answer it sits under (``bot.state.answers``) for
``NEWSBOT_BUTTON_DAYS`` from the answer's sending (or last edit), so buttons work after a
restart. The id works only under that answer, in its chat. Any other press (an expired id, an
id from another message or chat, data of an older version, junk, text that is not valid UTF-8)
gets a polite answer and nothing else happens: clients show a spinner until a press is answered.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import CallbackQueryHandler

from retrieval import Answer, Library, question_topic

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..followups import remember_answer
from ..i18n import N_
from ..keyboards import MAX_SHOWN, answer_keyboard, parse_press
from ..preferences import preferences_for, translator_for
from ..render import (
    render_more_html,
    render_sources_html,
    render_summary,
    shown_sentences,
    summary_title,
)
from ..replies import reply_html
from ..serving import serve_read
from ..state import ButtonPayload

__all__ = ["BUTTON_EXPIRED", "COMMANDS", "EXPIRED", "HELP", "NOTHING_MORE", "register"]

COMMANDS: tuple[Command, ...] = ()
HELP: tuple[str, ...] = ()
EXPIRED = N_("This button does nothing any more.")
BUTTON_EXPIRED = N_("This button has expired. Please ask the question again.")
NOTHING_MORE = N_("That is all I have on this question.")
_DAY = 24 * 3600


async def _answer_press(query: CallbackQuery, text: str | None = None) -> None:
    # A press too old to answer is refused by Telegram; there is nothing more to do then.
    with contextlib.suppress(TelegramError):
        await query.answer(text)


async def _send(
    query: CallbackQuery,
    context: NewsContext,
    text: str,
    markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Reply under the message that carried the button (in its chat and topic)."""
    message = query.message
    if isinstance(message, Message):
        return await reply_html(message, text, reply_markup=markup)
    if message is not None:  # too old for Telegram to show us: a plain message in its chat
        return await context.bot.send_message(message.chat.id, text, reply_markup=markup)
    return None


async def on_button(update: Update, context: NewsContext) -> None:
    """Answer a button press: its action for a payload we still hold, else a polite notice."""
    query = update.callback_query
    if query is None:
        return
    t = translator_for(update, context)
    press = parse_press(query.data)
    if press is None:
        await _answer_press(query, t(EXPIRED))
        return
    action, key = press
    keep = context.bot_data.settings.button_days * _DAY
    under = query.message  # the answer the button is under: its id is bound to it
    payload = (
        context.bot_data.state.answers.button(
            key, under.chat.id, under.message_id, int(time.time()), keep
        )
        if under is not None
        else None
    )
    if payload is None:
        await _answer_press(query, t(BUTTON_EXPIRED))
        return
    if not await _ACTIONS[action](query, payload, update, context):
        await _answer_press(query)  # refused by flood control: stop the spinner


async def _more(
    query: CallbackQuery, payload: ButtonPayload, update: Update, context: NewsContext
) -> bool:
    page = preferences_for(update, context).sentences
    wanted = min(payload.shown + page, MAX_SHOWN)

    def work(library: Library, _today: dt.date) -> Answer:
        return library.answer(payload.question, as_of=payload.as_of, max_sentences=wanted)

    async def deliver(answer: Answer) -> int:
        t = translator_for(update, context)
        text = render_more_html(answer, payload.shown, t=t) if answer.answered else ""
        if not text:
            await _answer_press(query, t(NOTHING_MORE))
            return 0
        shown = len(answer.sentences)
        buttons = answer_keyboard(update, context, answer, shown=shown, more=shown >= wanted)
        sent = await _send(query, context, text, buttons.markup if buttons else None)
        await _answer_press(query)
        if sent is not None:
            remember_answer(context, sent, payload.question, int(time.time()), buttons)
        return shown - payload.shown

    return await serve_read(update, context, work, deliver, kind="button")


async def _sources(
    query: CallbackQuery, payload: ButtonPayload, update: Update, context: NewsContext
) -> bool:
    def work(library: Library, _today: dt.date) -> Answer:
        return library.answer(
            payload.question, as_of=payload.as_of, max_sentences=max(payload.shown, 1)
        )

    async def deliver(answer: Answer) -> int:
        t = translator_for(update, context)
        if not answer.found:
            await _answer_press(query, t(BUTTON_EXPIRED))
            return 0
        await _send(query, context, render_sources_html(answer, t=t))
        await _answer_press(query)
        return len(shown_sentences(answer))

    return await serve_read(update, context, work, deliver, kind="button")


async def _summary(
    query: CallbackQuery, payload: ButtonPayload, update: Update, context: NewsContext
) -> bool:
    t = translator_for(update, context)

    def work(library: Library, _today: dt.date) -> list[str]:
        # The question's topic, as /summary would give it, holding the sentence the answer led
        # with ("Which team won ...?": the winner).
        answer = library.answer(payload.question, as_of=payload.as_of, max_sentences=1)
        lead = answer.sentences[0] if answer.answered and answer.sentences else None
        topic = question_topic(payload.question, language=answer.language)
        summary = library.summarize(topic, as_of=payload.as_of, lead=lead)
        return render_summary(summary, summary_title(topic, t), t=t)

    async def deliver(parts: list[str]) -> int:
        for part in parts:
            await _send(query, context, part)
        await _answer_press(query)
        return len(parts)

    return await serve_read(update, context, work, deliver, kind="button")


_ACTIONS = {"more": _more, "src": _sources, "sum": _summary}


def register(application: NewsApp) -> None:
    application.add_handler(CallbackQueryHandler(on_button))
