"""Inline lookup: ``@bot query`` in any chat lists matching articles, 20 a page, one result per
article, with a next page while more articles match (up to the lookup's ``MAX_RESULTS``).
It has no command: /help says how to use it."""

from __future__ import annotations

import datetime as dt

from telegram import (
    InlineQueryResultArticle,
    InlineQueryResultsButton,
    InputTextMessageContent,
    Update,
)
from telegram.constants import InlineQueryLimit
from telegram.ext import InlineQueryHandler

from retrieval import ArticleHit, Library

from ..commands import Command
from ..context import NewsApp, NewsContext
from ..deeplinks import ask_payload
from ..i18n import DEFAULT_LANGUAGE, ENGLISH, N_, Translator
from ..preferences import translator_for
from ..render import (
    nothing_found_text,
    render_article_card,
    render_article_description,
    shorten,
)
from ..serving import serve_read

__all__ = ["COMMANDS", "HELP", "article_results", "nothing_found_result", "register"]

COMMANDS: tuple[Command, ...] = ()
HELP = (N_("Type <code>{mention} words</code> in any chat to look up articles."),)

PAGE = 20
CACHE_SECONDS = 30  # people type a character at a time; the same prefix is asked again
NOTHING_FOUND = N_("Nothing found")


def parse_offset(offset: str) -> int:
    """The page offset Telegram echoes back; anything odd starts from the top."""
    # isdigit() alone accepts "²" and other digits int() refuses: ASCII digits only.
    return int(offset) if offset.isascii() and offset.isdigit() and len(offset) < 6 else 0


def article_results(
    hits: list[ArticleHit], t: Translator = ENGLISH
) -> list[InlineQueryResultArticle]:
    """One result per article: title, date and outlet, the best sentence; sends a card."""
    return [
        InlineQueryResultArticle(
            id=hit.key[:64],
            title=shorten(hit.title or hit.snippet or t("Untitled"), 200),
            description=render_article_description(hit),
            url=None,
            input_message_content=InputTextMessageContent(render_article_card(hit, t=t)),
        )
        for hit in hits
    ]


def nothing_found_result(query: str, t: Translator = ENGLISH) -> InlineQueryResultArticle:
    """A single entry saying so, rather than an empty list that looks like a hang."""
    return InlineQueryResultArticle(
        id="nothing-found",
        title=t(NOTHING_FOUND),
        description=t("Try other words, a name or a place, or ask me in a private chat."),
        input_message_content=InputTextMessageContent(nothing_found_text(query, t)),
    )


async def inline_lookup(update: Update, context: NewsContext) -> None:
    """Answer an inline query with a page of matching articles."""
    inline = update.inline_query
    if inline is None:
        return
    text = inline.query[: InlineQueryLimit.MAX_QUERY_LENGTH]
    offset = parse_offset(inline.offset)
    t = translator_for(update, context)
    # Results carry the sender's language (cards' dates, "Nothing found"). Telegram may give a
    # non-personal answer to everyone who types the same query: only English ones are shared
    # (someone may then see an English page for a moment, never one in another's language).
    shared = t.language == DEFAULT_LANGUAGE

    def work(library: Library, as_of: dt.date) -> list[ArticleHit]:
        # One article beyond the page says whether there is a next one.
        return library.lookup(text, as_of=as_of, limit=PAGE + 1, offset=offset)

    async def deliver(hits: list[ArticleHit]) -> int:
        more = len(hits) > PAGE
        hits = hits[:PAGE]
        if hits:
            await inline.answer(
                article_results(hits, t),
                cache_time=CACHE_SECONDS,
                is_personal=not shared,
                next_offset=str(offset + PAGE) if more else "",
            )
        elif offset == 0:
            await inline.answer(
                [nothing_found_result(text, t)],
                cache_time=CACHE_SECONDS,
                is_personal=not shared,
                button=InlineQueryResultsButton(
                    t("Ask me in a private chat"), start_parameter=ask_payload(text)
                ),
            )
        else:  # past the last page: an empty page ends the scrolling
            await inline.answer([], cache_time=CACHE_SECONDS, is_personal=False, next_offset="")
        return len(hits)

    if not await serve_read(update, context, work, deliver, kind="inline"):
        await inline.answer([], cache_time=2, is_personal=True)  # typing fast: short-lived


def register(application: NewsApp) -> None:
    application.add_handler(InlineQueryHandler(inline_lookup))
