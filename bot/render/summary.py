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

from ..i18n import ENGLISH, N_, Translator
from ..state import ChatMessage
from . import html
from .answer import text_source_line
from .bidi import isolate
from .html import MESSAGE_LIMIT, split_message
from .notes import note_text

__all__ = [
    "few_articles_note",
    "message_link",
    "period_title",
    "render_catch_up",
    "render_summary",
    "render_summary_text",
]

NOTHING_TO_SUMMARIZE = N_("Nothing to summarize.")
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
    ).format(count=t.number(count))


def period_title(summary: Summary, t: Translator = ENGLISH) -> str:
    """The header of a summary of the newest news: the period its sentences cover."""
    first, last = summary.first_date, summary.last_date
    if first is None or last is None:
        return t("The latest news")
    if first == last:
        return t("The news of {day}").format(day=t.date(first))
    return t("The news from {first} to {last}").format(first=t.date(first), last=t.date(last))


def _sentences_from_articles(
    summary: Summary, t: Translator = ENGLISH, *, span: bool = True
) -> str:
    """ "5 sentences from 3 articles, 2 Nov 2023 to 4 Nov 2023" (without the dates when a
    period header already gives them): two counts, so the sentences' own plural is made first
    and goes into the articles' phrase whole."""
    n = len(summary.sentences)
    sentences = t.ngettext("{count} sentence", "{count} sentences", n).format(count=t.number(n))
    count = t.number(summary.articles)
    if not span:
        return t.ngettext(
            "{sentences} from {count} article",
            "{sentences} from {count} articles",
            summary.articles,
        ).format(sentences=sentences, count=count)
    return t.ngettext(
        "{sentences} from {count} article, {span}",
        "{sentences} from {count} articles, {span}",
        summary.articles,
    ).format(
        sentences=sentences,
        count=count,
        span=_span(summary.first_date, summary.last_date, t),
    )


def render_summary(
    summary: Summary, title: str, limit: int = MESSAGE_LIMIT, *, t: Translator = ENGLISH
) -> list[str]:
    """A summary as one or more HTML messages: where the news ends (when that matters), a
    header (``title``; "" for the newest news, headed by the period it covers), what happened
    (with the rest of its article's sentences) in the open, then the other articles' sentences
    in date order in an expandable blockquote, one attribution per article. Our words in
    ``t``'s language."""
    if not summary.found:
        return [html.escape(note_text(summary.note, t) or t(NOTHING_TO_SUMMARIZE))]
    if title:
        articles = _sentences_from_articles(summary, t)
    else:  # the newest news: headed by the period it covers
        title = period_title(summary, t)
        articles = _sentences_from_articles(summary, t, span=False)
    header = (
        f"<b>{html.escape(isolate(html.shorten(title, 200)))}</b>\n<i>{html.escape(articles)}</i>"
    )
    if summary.notice:  # where the news ends, said first
        header = f"<i>{html.escape(note_text(summary.notice, t))}</i>\n\n{header}"
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
        return note_text(summary.note) or NOTHING_TO_SUMMARIZE
    lines = [note_text(summary.notice)] if summary.notice else []
    lines.append(_sentences_from_articles(summary))
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
    lead: Sequence[ChatMessage],
    rest: Sequence[ChatMessage],
    covered: Sequence[ChatMessage],
    related: Sequence[ArticleHit],
    zone: ZoneInfo,
    limit: int = MESSAGE_LIMIT,
    *,
    since_yours: bool = False,
    chat_type: str = "group",
    username: str | None = None,
    t: Translator = ENGLISH,
) -> list[str]:
    """The messages that carry a conversation: ``lead`` first, in the open (what was decided,
    then the next step), the ``rest`` in time order in an expandable blockquote, each with its
    sender's name and a time linking to it; then related news, one line per article. The
    header counts the ``covered`` messages and gives their span (``since_yours``: since the
    asker's last message)."""
    if not covered:
        return [t("Nothing to catch up on: no stored messages in that span.")]
    if not lead:
        return [
            t.ngettext(
                "Nothing to catch up on: {count} message, all small talk.",
                "Nothing to catch up on: {count} messages, all small talk.",
                len(covered),
            ).format(count=t.number(len(covered)))
        ]
    today = dt.datetime.now(zone).date()
    start = _clock(min(m.sent_at for m in covered), zone, today, t)
    end = _clock(max(m.sent_at for m in covered), zone, today, t)
    chosen = len(lead) + len(rest)
    if since_yours:
        span = t.ngettext(
            "{chosen} of {covered} message since your last one, {start}–{end}",
            "{chosen} of {covered} messages since your last one, {start}–{end}",
            len(covered),
        )
    else:
        span = t.ngettext(
            "{chosen} of {covered} message, {start}–{end}",
            "{chosen} of {covered} messages, {start}–{end}",
            len(covered),
        )
    span = span.format(
        chosen=t.number(chosen), covered=t.number(len(covered)), start=start, end=end
    )
    heading = t("Catch-up")
    header = f"<b>{html.escape(heading)}</b>\n<i>{html.escape(span)}</i>"

    def quoted(m: ChatMessage) -> str:
        url = message_link(m.chat_id, chat_type, username, m.message_id)
        return _quoted_message(m, zone, today, url, t)

    blocks = [header, "\n".join(quoted(m) for m in lead)]
    if rest:
        blocks += _expandable(["\n".join(quoted(m) for m in rest)], limit)
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
