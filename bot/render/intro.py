"""/start and /help: the two-line greeting and the full guide (the paragraphs the features
declare, ``bot.commands``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..i18n import ENGLISH, Translator
from .html import escape

__all__ = ["FALLBACK_EXAMPLE", "Intro", "help_text", "start_text"]

# /help's paragraphs show how to ask with an example; while none is checked (an empty
# collection, or none of the newest articles' names gets a sure answer) they use this one.
FALLBACK_EXAMPLE = "Will the US sanction Turkey over the S-400?"


@dataclass(frozen=True)
class Intro:
    """What /start and /help show that depends on the collection."""

    articles: int | None  # None: not known (search unavailable since the start)
    example: str | None  # a question the bot has asked and answered surely; None: none is


def start_text(intro: Intro, *, in_group: bool, t: Translator = ENGLISH) -> str:
    """The short /start message (two lines)."""
    what = t.ngettext(
        "<b>I answer questions about the news</b> from {articles} article, quoting the "
        "sentences that answer best with their dates and outlets.",
        "<b>I answer questions about the news</b> from {articles} articles, quoting the "
        "sentences that answer best with their dates and outlets.",
        _plural(intro),
    )
    if intro.example is None:
        if in_group:
            how = t(
                "Ask with <code>/ask</code> and your question, or mention me. /help tells "
                "everything I can do."
            )
        else:
            how = t("Just send me a question about the news. /help tells everything I can do.")
    elif in_group:
        how = t(
            "Ask with <code>/ask {example}</code> or mention me. /help tells everything I can do."
        )
    else:
        how = t(
            "Just send me a question, for example: <i>{example}</i>. /help tells everything I "
            "can do."
        )
    example = escape(intro.example or "")
    return what.format(articles=_count(intro, t)) + "\n" + how.format(example=example)


def help_text(
    intro: Intro, username: str, paragraphs: Sequence[str], t: Translator = ENGLISH
) -> str:
    """The full guide: what the bot does, then each feature's paragraphs (``N_`` phrases with
    ``{example}`` and ``{mention}``), in the order the features were registered."""
    values = {
        "articles": _count(intro, t),
        "example": escape(intro.example or FALLBACK_EXAMPLE),
        "mention": escape(f"@{username}" if username else "@thisbot"),
    }
    what = t.ngettext(
        "<b>I answer questions about the news</b> from a collection of {articles} article, "
        "quoting the sentences that answer best, each with its date and source.",
        "<b>I answer questions about the news</b> from a collection of {articles} articles, "
        "quoting the sentences that answer best, each with its date and source.",
        _plural(intro),
    )
    said = [what, *(t(paragraph) for paragraph in paragraphs)]
    return "\n\n".join(paragraph.format(**values) for paragraph in said)


def _count(intro: Intro, t: Translator) -> str:
    return t.number(intro.articles) if intro.articles is not None else "…"


def _plural(intro: Intro) -> int:
    return intro.articles if intro.articles is not None else 2  # not known: "… articles"
