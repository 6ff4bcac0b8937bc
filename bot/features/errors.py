"""The error handler: log the failure, apologise briefly where an apology can help, keep going.

Nothing is said when an apology would meet the same trouble or when nothing was lost
(``unanswerable``):
- Telegram refused the chat itself (``bot.telegram_errors``: no rights, chat or topic gone,
  question deleted): an apology to that chat gets the same refusal;
- Telegram stayed unreachable through the retries (5xx, network, timeouts), or flood control
  outlasted NEWSBOT_FLOOD_DEADLINE: an apology would wait in the same outage (and nothing broke);
- the chat's outbox was full (``bot.outbox``): one more send is what it cannot take;
- the answer was delivered already (``bot.update_slots.Turn``): what failed after it (a state
  write on a full disk) cost the user nothing.
A search engine that is not answering (``SearchUnavailable``: the cluster is down, stalled or
erroring) is said as such, at once, in every place a search was asked from, and never logged
here: the client's circuit breaker logs each outage once.
Anything else (our own bugs, a request Telegram refuses for what it holds) is logged with its
traceback and apologised for; a state database that cannot be written is logged once by the
store (``bot.state.database``), not once per update.
"""

from __future__ import annotations

import contextlib
import logging

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.error import Conflict, NetworkError, RetryAfter

from retrieval import SearchUnavailable

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..i18n import N_
from ..outbox import OutboxFull
from ..preferences import translator_for
from ..state import StoreError
from ..telegram_errors import CHAT_REFUSALS, refusal_of
from ..update_slots import current_turn

__all__ = ["APOLOGY", "COMMANDS", "HELP", "SEARCH_UNAVAILABLE", "register", "unanswerable"]

log = logging.getLogger("newsbot")

COMMANDS: tuple[Command, ...] = ()
HELP: tuple[str, ...] = ()
APOLOGY = N_("Sorry, something went wrong with that message. Please try again.")
SEARCH_UNAVAILABLE = N_("Search is unavailable right now. Please try again shortly.")


def unanswerable(error: BaseException | None) -> str | None:
    """Why an apology for ``error`` would not help (the send path logged it already), or None
    when one is owed."""
    if isinstance(error, OutboxFull):
        return "the chat's outbox is full"
    if isinstance(error, RetryAfter):
        return "flood control outlasted the deadline"
    refusal = refusal_of(error) if error is not None else None
    if refusal in CHAT_REFUSALS:
        return f"Telegram refused the chat: {refusal}"
    if isinstance(error, NetworkError) and refusal is None:
        return "Telegram unreachable through the retries"
    return None


async def on_error(update: object, context: NewsContext) -> None:
    """Log an update's failure and answer it with a short apology where that helps."""
    error = context.error
    if update is None and isinstance(error, NetworkError):
        # Fetching updates failed: Telegram is unreachable for now; polling retries by itself.
        log.warning("cannot reach Telegram (%s); retrying", error)
        return
    if update is None and isinstance(error, Conflict):
        return  # another instance polls: bot.polling_guard said so once, polling backs off
    if unanswerable(error) is not None:
        return
    if isinstance(error, SearchUnavailable):
        await tell_search_unavailable(update, context)
        return
    if not isinstance(error, StoreError):  # the store logs its failures, once an episode
        log.error("update failed: %s: %s", type(error).__name__, error, exc_info=error)
    turn = current_turn()
    if turn is not None and turn.delivered:
        return  # the answer reached the chat: what failed after it is ours to log, not to say
    if not isinstance(update, Update) or update.effective_message is None:
        return
    with contextlib.suppress(Exception):
        await update.effective_message.reply_text(translator_for(update, context)(APOLOGY))


async def tell_search_unavailable(update: object, context: NewsContext) -> None:
    """Say that search is unavailable where the search was asked: a reply, an inline result,
    a button's notice (nothing for a job: its next run tries again)."""
    if not isinstance(update, Update):
        return
    text = translator_for(update, context)(SEARCH_UNAVAILABLE)
    with contextlib.suppress(Exception):  # a failure to say it must not become a traceback
        if update.inline_query is not None:
            result = InlineQueryResultArticle(
                id="unavailable", title=text, input_message_content=InputTextMessageContent(text)
            )
            await update.inline_query.answer([result], cache_time=0, is_personal=True)
        elif update.callback_query is not None:
            await update.callback_query.answer(text)
        elif update.effective_message is not None:
            await update.effective_message.reply_text(text)


def register(application: NewsApp) -> None:
    application.add_error_handler(on_error)
