"""Rendering summaries and catch-ups as Telegram HTML, split to fit message limits.

The compact layout: the best sentence (or message) first, in the open; the rest in an
expandable blockquote, grouped by article with one attribution per article (date, outlet as a
link), from ``html.py``'s ``by_article`` and ``article_block``, as answers have them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

from retrieval import AnswerSentence, ArticleHit, Summary

from ..i18n import ENGLISH, Translator
from ..store import ChatMessage
from . import html
from .answer import text_source_line
from .bidi import isolate
from .html import MESSAGE_LIMIT, split_message
from .notes import translate_note

__all__ = [
    "few_articles_note",
    "message_link",
    "render_catch_up",
    "render_summary",
    "render_summary_text",
]

_SENTENCE_LIMIT = 700
_MESSAGE_TEXT_LIMIT = 300


def _span(first: dt.date | None, last: dt.date | None, t: Translator = ENGLISH) -> str:
    if first is None or last is None:
        return ""
    if first == last:
        return t.date(first)
    return t("{first} to {last}").format(first=t.date(first), last=t.date(last))


def few_articles_note(summary: Summary, t: Translator = ENGLISH) -> str:
    """Why a summary is short: how few articles the collection has on the topic."""
    if not summary.few or not summary.matched_articles:
        return ""
    count = summary.matched_articles
    return t.ngettext(
        "Only {count} article in the collection matches this topic.",
        "Only {count} articles in the collection match this topic.",
        count,
    ).format(count=count)


def _sentences_from_articles(summary: Summary, t: Translator = ENGLISH) -> str:
    """ "5 sentences from 3 articles, 2 Nov 2023 to 4 Nov 2023": two counts, so the sentences'
    own plural is made first and goes into the articles' phrase whole."""
    n = len(summary.sentences)
    sentences = t.ngettext("{count} sentence", "{count} sentences", n).format(count=t.number(n))
    return t.ngettext(
        "{sentences} from {count} article, {span}",
        "{sentences} from {count} articles, {span}",
        summary.articles,
    ).format(
        sentences=sentences,
        count=t.number(summary.articles),
        span=_span(summary.first_date, summary.last_date, t),
    )


def render_summary(
    summary: Summary, title: str, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> list[str]:
    """A summary as one or more HTML messages: a header, what happened (with the rest of its
    article's sentences) in the open, then the other articles' sentences in date order in an
    expandable blockquote, one attribution per article. Our words in ``t``'s language."""
    if not summary.found:
        return [html.escape(translate_note(summary.note, t) or t("Nothing to summarize."))]
    articles = _sentences_from_articles(summary, t)
    header = (
        f"<b>{html.escape(isolate(html.shorten(title, 200)))}</b>\n<i>{html.escape(articles)}</i>"
    )
    if few := few_articles_note(summary, t):
        header += f"\n<i>{html.escape(few)}</i>"
    groups = html.by_article(summary.sentences)
    lead, rest = groups[0], groups[1:]
    quoted = _expandable([_article_block(group, t) for group in rest], limit)
    return split_message([header, _article_block(lead, t), *quoted], limit)


def _article_block(group: Sequence[AnswerSentence], t: Translator) -> str:
    return html.article_block(group, sentence_limit=_SENTENCE_LIMIT, t=t)


def _expandable(blocks: Sequence[str], limit: int) -> list[str]:
    """Blocks in expandable blockquotes, as few as fit ``limit`` each (a block is never cut)."""
    opening, closing = "<blockquote expandable>", "</blockquote>"
    room = limit - len(opening) - len(closing)
    return [f"{opening}{part}{closing}" for part in split_message(blocks, room)]


def render_summary_text(summary: Summary) -> str:
    """A summary as plain text for a terminal."""
    if not summary.found:
        return summary.note or "Nothing to summarize."
    lines = [_sentences_from_articles(summary)]
    if few := few_articles_note(summary):
        lines.append(few)
    for s in summary.sentences:
        lines.append(f"- {s.text}")
        lines.append(f"  {text_source_line(s)}")
    return "\n".join(lines)


def _clock(unix: int, zone: ZoneInfo, today: dt.date, t: Translator = ENGLISH) -> str:
    moment = dt.datetime.fromtimestamp(unix, tz=zone)
    clock = moment.strftime("%H:%M")
    return clock if moment.date() == today else f"{t.day_month(moment.date())} {clock}"


def message_link(chat_id: int, chat_type: str, username: str | None, message_id: int) -> str:
    """A link that opens a group message: by the group's username when it is public, by its
    internal id in a private supergroup; '' in a basic group, whose messages have no links."""
    if username:
        return f"https://t.me/{username}/{message_id}"
    text = str(chat_id)
    if chat_type == "supergroup" and text.startswith("-100"):
        return f"https://t.me/c/{text[4:]}/{message_id}"
    return ""


def _quoted_message(
    m: ChatMessage, zone: ZoneInfo, today: dt.date, url: str, t: Translator = ENGLISH
) -> str:
    """Who said it, when (linked to the message when it can be), and what (shortened; a
    right-to-left name or message isolated so the line keeps its order)."""
    when = _clock(m.sent_at, zone, today, t)
    name = isolate(html.shorten(m.first_name or t("Someone"), 40))
    text = isolate(html.shorten(m.text, _MESSAGE_TEXT_LIMIT))
    return f"<b>{html.escape(name)}</b> <i>{html.link(when, url)}</i>: {html.escape(text)}"


def render_catch_up(
    chosen: Sequence[ChatMessage],
    covered: int,
    related: Sequence[ArticleHit],
    zone: ZoneInfo,
    limit: int = MESSAGE_LIMIT,
    *,
    best: int = 0,
    chat_type: str = "group",
    username: str | None = None,
    t: Translator = ENGLISH,
) -> list[str]:
    """The messages that carry a conversation: the best one (``chosen[best]``) first, the
    others in time order in an expandable blockquote, each with its sender's name and a time
    linking to it; then related news, one line per article."""
    if not chosen:
        return [t("Nothing to catch up on: no stored messages in that span.")]
    today = dt.datetime.now(zone).date()
    start, end = chosen[0].sent_at, chosen[-1].sent_at
    span = t.ngettext(
        "{chosen} of {covered} message, {start}–{end}",
        "{chosen} of {covered} messages, {start}–{end}",
        covered,
    ).format(
        chosen=len(chosen),
        covered=covered,
        start=_clock(start, zone, today, t),
        end=_clock(end, zone, today, t),
    )
    heading = t("Catch-up")
    header = f"<b>{html.escape(heading)}</b>\n<i>{html.escape(span)}</i>"
    quoted = [
        _quoted_message(
            m, zone, today, message_link(m.chat_id, chat_type, username, m.message_id), t
        )
        for m in chosen
    ]
    blocks = [header, quoted[best]]
    others = [q for i, q in enumerate(quoted) if i != best]
    if others:
        blocks += _expandable(["\n".join(others)], limit)
    if related:
        unknown = t("unknown source")
        lines = [
            f"• {html.escape(isolate(html.shorten(hit.title or hit.snippet, 150)))} "
            f"{html.attribution(hit.date, hit.source or unknown, url=hit.url, t=t)}"
            for hit in related
        ]
        related_heading = t("Related news")
        blocks.append(f"<b>{html.escape(related_heading)}</b>\n" + "\n".join(lines))
    return split_message(blocks, limit)
