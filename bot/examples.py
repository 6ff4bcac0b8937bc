"""The example question /start offers and small talk suggests: one the bot has asked itself
and answered surely, naming its topic (``Library.example``), in the chat's language when the
collection has articles in it and one is sure there (else in its commonest other
language), short enough for a button that asks it. Found on the read threads at start-up and
whenever the index changes (a job looks every ``EVERY_SECONDS``), and kept until it changes
again, so /start never waits for it; None when no example answers surely (the texts then go
without one).
"""

from __future__ import annotations

import datetime as dt
import logging

from retrieval import Library, SearchUnavailable

from .context import NewsApp, NewsContext
from .i18n import LANGUAGES, N_, translator
from .keyboards import ask_button

__all__ = ["EVERY_SECONDS", "EXAMPLE_TEMPLATE", "checked_example", "schedule_examples"]

log = logging.getLogger("newsbot")

EVERY_SECONDS = 60  # how often the job looks whether the index changed (a no-op when not)
# The example's form, in the language of the articles it is made from: a name from one of
# the newest articles' titles goes in ("What happened to Damar Hamlin?"). Translations keep
# the name in its nominative, as titles write it.
EXAMPLE_TEMPLATE = N_("What happened to {topic}?")


def example_languages(library: Library, wanted: str) -> list[str]:
    """The languages an example for a chat that speaks ``wanted`` may be in, best first: it,
    when the collection has articles in it, then the collection's commonest other (two at
    most: each costs up to a dozen answers when the index changes)."""
    counts = library.stats().languages
    chosen = [wanted] if wanted in counts else []
    other = next((code for code in counts if code != wanted), None)
    return [*chosen, other] if other is not None else chosen


def checked_example(library: Library, wanted: str, as_of: dt.date) -> str | None:
    """The checked example question for a chat that speaks ``wanted``: in its language when
    one is sure there, else in the collection's commonest other language; None when neither
    has one (blocking: searches when the index changed since the last time; run it on a read
    thread)."""
    for language in example_languages(library, wanted):
        template = translator(language).plain(EXAMPLE_TEMPLATE)
        found = library.example(
            template,
            language=language,
            as_of=as_of,
            fits=lambda question: ask_button("", question) is not None,
        )
        if found is not None:
            return found
    return None


async def find_examples(context: NewsContext) -> None:
    """Job: find the example of each of the collection's languages the bot speaks (at once
    when nothing changed), off the event loop."""
    data = context.bot_data
    library = data.library

    def work() -> None:
        library.refresh(data.settings.index_refresh)
        today = dt.datetime.now(dt.UTC).date()
        for language in library.stats().languages:
            if language in LANGUAGES:
                checked_example(library, language, today)

    try:
        await data.workers.read(work)
    except SearchUnavailable:
        log.info("example questions: search is unavailable; trying again later")


def schedule_examples(application: NewsApp) -> None:
    if application.job_queue is not None:
        application.job_queue.run_repeating(
            find_examples, interval=EVERY_SECONDS, first=0, name="examples"
        )
