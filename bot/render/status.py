"""/stats and /sources: what the collection holds, and how each feed and channel is doing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from urllib.parse import urlsplit

from babel.dates import format_timedelta

from retrieval import IndexStats, language_name

from ..i18n import ENGLISH, N_, Translator
from ..state import SourceStatus
from .bidi import isolate
from .html import escape, shorten

__all__ = ["sources_lines", "sources_text", "stats_text"]

# The search engines by what they are to a reader: the one in the box, or the cluster's.
BUILT_IN = N_("built-in")
_ENGINE_NAMES = {"opensearch": "OpenSearch"}


def _when(moment: dt.datetime | None, t: Translator) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else t("never")


def _at(moment: float | None, t: Translator) -> str:
    return _when(dt.datetime.fromtimestamp(moment, tz=dt.UTC) if moment else None, t)


def _delay(seconds: float | None, t: Translator) -> str:
    if seconds is None:
        return "—"
    return format_timedelta(dt.timedelta(seconds=seconds), format="short", locale=t.language)


def _feed_line(feed: SourceStatus, t: Translator) -> str:
    share = feed.full_text_share
    line = t.ngettext(
        "{count} article, newest {newest}, last success {when}, full text {share}, "
        "answerable {delay} after publication (median)",
        "{count} articles, newest {newest}, last success {when}, full text {share}, "
        "answerable {delay} after publication (median)",
        feed.articles,
    ).format(
        count=t.number(feed.articles),
        newest=_at(feed.newest, t),
        when=_at(feed.last_success, t),
        share=t.percent(share) if share is not None else "—",
        delay=_delay(feed.median_delay, t),
    )
    if feed.kept:
        kept = ", ".join(f"{why} {n}" for why, n in sorted(feed.kept.items(), key=lambda i: -i[1]))
        line += "; " + t("kept the feed's text: {reasons}").format(reasons=kept)
    return line


def _channel_line(channel: SourceStatus, t: Translator) -> str:
    return t.ngettext(
        "{count} article, newest {newest}, last post stored {when}, answerable {delay} after "
        "posting (median)",
        "{count} articles, newest {newest}, last post stored {when}, answerable {delay} after "
        "posting (median)",
        channel.articles,
    ).format(
        count=t.number(channel.articles),
        newest=_at(channel.newest, t),
        when=_at(channel.last_success, t),
        delay=_delay(channel.median_delay, t),
    )


def sources_lines(
    sources: list[SourceStatus], feeds: Mapping[str, str], t: Translator = ENGLISH
) -> list[str]:
    """Each feed's and each channel's freshness: ``sources`` as stored, ``feeds`` the polled
    feeds' URLs with their last error ("" while they work), in order."""
    polled = {s.name: s for s in sources if s.kind == "feed"}
    never = [SourceStatus("feed", url, "", 0, 0, 0, {}, None, None, "", None) for url in feeds]
    lines: list[str] = []
    every = list(polled.values()) + [s for s in never if s.name not in polled]
    if every:
        lines.append("\n<b>" + t("Feeds") + "</b>")
    for feed in every:
        host = urlsplit(feed.name).hostname or "feed"  # URLs may carry keys: the host only
        name = f"{host} ({shorten(feed.title, 40)})" if feed.title else host
        line = _feed_line(feed, t)
        error = feeds.get(feed.name) or feed.last_error
        if error:
            line += "; " + t("failing: {error}").format(error=error)
        lines.append(f"• {escape(name)}: {escape(line)}")
    channels = [s for s in sources if s.kind == "channel"]
    if channels:
        lines.append("\n<b>" + t("Channels") + "</b>")
    for channel in channels:
        name = shorten(channel.title or channel.name, 60)
        lines.append(f"• {escape(name)}: {escape(_channel_line(channel, t))}")
    return lines


def stats_text(
    stats: IndexStats,
    feeds: Mapping[str, str],
    t: Translator = ENGLISH,
    sources: list[SourceStatus] | None = None,
) -> str:
    """The /stats message: the collection in plain words (its articles, the dates they
    cover, when the last came in, the search engine), then its feeds and channels
    (``sources_lines``). Numbers and dates as ``t``'s language writes them."""
    span = (
        t("{first} to {last}").format(first=t.date(stats.first_date), last=t.date(stats.last_date))
        if stats.first_date and stats.last_date
        else t("none")
    )
    engine = t(BUILT_IN) if stats.engine == "tantivy" else _ENGINE_NAMES.get(stats.engine, "")
    lines = [
        "<b>" + t("Collection") + "</b>",
        t("Articles: {count}").format(count=t.number(stats.articles)),
        t("Dates: {span}").format(span=escape(span)),
        t("Last added: {when}").format(when=escape(_when(stats.last_added, t))),
        t("Search engine: {engine}").format(engine=escape(engine)),
    ]
    if stats.languages:
        # Names in their own script: an Arabic one is isolated so its count stays beside it.
        counts = ", ".join(
            f"{isolate(language_name(code))} {t.number(n)}" for code, n in stats.languages.items()
        )
        lines.append(t("Languages: {counts}").format(counts=escape(counts)))
    lines += sources_lines(sources or [], feeds, t)
    return "\n".join(lines)


def sources_text(sources: list[tuple[str, int]], t: Translator = ENGLISH) -> str:
    """The /sources message: the outlets and their article counts."""
    if not sources:
        return t("No articles yet.")
    unknown = t("unknown source")  # articles that name no outlet
    lines = [
        f"• {escape(shorten(name or unknown, 80))}: {t.number(count)}" for name, count in sources
    ]
    return t("<b>Sources</b> (articles)") + "\n" + "\n".join(lines)
