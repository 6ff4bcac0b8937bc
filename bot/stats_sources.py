"""Feeds' and channels' freshness for ``newsbot stats``: a line of text each, or JSON."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlsplit

from .render.json_output import SourceJson
from .state import SourceStatus

__all__ = ["source_json", "source_line"]


def _moment(value: float | None) -> dt.datetime | None:
    return dt.datetime.fromtimestamp(value, tz=dt.UTC) if value is not None else None


def source_json(source: SourceStatus) -> SourceJson:
    return SourceJson(
        kind=source.kind,
        name=source.name,
        title=source.title,
        articles=source.articles,
        newest=_moment(source.newest),
        last_success=_moment(source.last_success),
        full_text_share=source.full_text_share,
        kept_feed_text=source.kept,
        median_delay_seconds=source.median_delay,
        last_error=source.last_error,
    )


def _iso(value: float | None) -> str:
    moment = _moment(value)
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "never"


def source_line(source: SourceStatus) -> str:
    """``feed example.org (Title): 12 articles, newest ..., last success ..., full text 58%,
    median 3.2 min from publication to answerable``."""
    # A feed's URL may carry keys: its host only.
    name = (urlsplit(source.name).hostname or "feed") if source.kind == "feed" else source.name
    label = f"{source.kind} {name}" + (f" ({source.title})" if source.title else "")
    parts = [
        f"{source.articles} articles",
        f"newest {_iso(source.newest)}",
        f"last success {_iso(source.last_success)}",
    ]
    if source.kind == "feed":
        share = source.full_text_share
        parts.append(f"full text {share:.0%}" if share is not None else "full text -")
    delay = source.median_delay
    parts.append(f"median {delay / 60:.1f} min from publication to answerable" if delay else "")
    if source.kept:
        parts.append(
            "kept the feed's text: " + ", ".join(f"{k} {n}" for k, n in source.kept.items())
        )
    if source.last_error:
        parts.append(f"failing: {source.last_error}")
    return f"{label}: " + ", ".join(p for p in parts if p)
