"""Time words in a question ("in June 2019", "since 2019-06-01", "last week") as date scopes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = [
    "NEWS_STALE_DAYS",
    "QUESTION_CHARS",
    "TimeScope",
    "asks_present",
    "extract_time_scope",
    "format_day",
    "news_end_notice",
    "question_time_scope",
]

NEWS_STALE_DAYS = 3  # news older than this, asked about "today", gets a word on where it ends
QUESTION_CHARS = 280  # longer messages are pasted text: only their question's time words count
_PRESENT = re.compile(
    r"\b(?:today|tonight|this (?:morning|week(?:end)?|month|year)|latest|newest|now|currently|"
    r"recently|lately|these days|at the moment|so far|the past (?:few )?(?:days|week))\b",
    re.IGNORECASE,
)
_QUESTION_SENTENCE = re.compile(r"[^.!?\n]*\?")

_MONTHS = {
    name.lower(): i
    for i in range(1, 13)
    for name in (calendar.month_name[i], calendar.month_abbr[i])
}
_MONTHS["sept"] = 9
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"


@dataclass(frozen=True)
class TimeScope:
    """A date range named by the question. ``strict`` ranges filter; others are preferences."""

    start: dt.date | None
    end: dt.date | None
    strict: bool


def _month_range(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])


def _iso(match: re.Match[str], first: int) -> dt.date | None:
    try:
        return dt.date(*(int(match.group(first + i)) for i in range(3)))
    except ValueError:
        return None


def _absolute(text: str) -> tuple[TimeScope, re.Match[str]] | None:
    """Explicit dates: filters, since the person named them."""
    patterns: list[tuple[str, str]] = [
        (rf"\bbetween\s+{_ISO}\s+and\s+{_ISO}\b", "between"),
        (rf"\b(?:since|after|from)\s+{_ISO}\b", "since"),
        (rf"\b(?:before|until|till)\s+{_ISO}\b", "until"),
        (rf"\b(?:on\s+)?{_ISO}\b", "day"),
        (
            rf"\b(?:(since|after|from|before|until|in|during)\s+)?({_MONTH_RE})\.?,?\s+(\d{{4}})\b",
            "month",
        ),
        (r"\b(since|after|from|before|until|in|during)\s+((?:19|20)\d{2})\b", "year"),
    ]
    for pattern, kind in patterns:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if not match:
            continue
        scope = _scope_for(kind, match)
        if scope is not None:
            return scope, match
    return None


def _scope_for(kind: str, match: re.Match[str]) -> TimeScope | None:
    if kind == "between":
        start, end = _iso(match, 1), _iso(match, 4)
        return TimeScope(start, end, True) if start and end and start <= end else None
    if kind in ("since", "until", "day"):
        day = _iso(match, 1)
        if day is None:
            return None
        if kind == "since":
            return TimeScope(day, None, True)
        if kind == "until":
            return TimeScope(None, day, True)
        return TimeScope(day, day, True)
    if kind == "month":
        word, month, year = match.group(1), _MONTHS[match.group(2).lower()], int(match.group(3))
        first, last = _month_range(year, month)
        return _bounded(word, first, last)
    if kind == "year":
        year = int(match.group(2))
        return _bounded(match.group(1), dt.date(year, 1, 1), dt.date(year, 12, 31))
    return None


def _bounded(word: str | None, first: dt.date, last: dt.date) -> TimeScope:
    word = (word or "in").lower()
    if word in ("since", "after", "from"):
        return TimeScope(first, None, True)
    if word in ("before", "until"):
        return TimeScope(None, last, True)
    return TimeScope(first, last, True)


_RELATIVE: list[tuple[str, int, int]] = [
    # pattern, days before the reference date, days after it
    (r"\btoday\b|\bthis morning\b|\btonight\b", 1, 1),
    (r"\byesterday\b", 2, 0),
    (r"\bthis week(?:end)?\b|\bthe past week\b|\bthe last week\b|\bthe past few days\b", 8, 2),
    (r"\blast week(?:end)?\b", 15, 1),
    (r"\bthis month\b|\bthe past month\b", 31, 2),
    (r"\blast month\b", 62, 1),
    (r"\bthis year\b|\bthe past year\b", 366, 2),
    (r"\blast year\b", 731, 1),
    (r"\brecently\b|\blately\b", 31, 2),
    (r"\b(?:the )?(?:latest|newest)\b|\bcurrently\b|\bthese days\b|\bat the moment\b", 31, 2),
]


def _relative(text: str, ref: dt.date) -> tuple[TimeScope, re.Match[str]] | None:
    """Relative time words: preferences around the reference date, never filters."""
    past = re.search(
        r"\b(?:in\s+)?the\s+(?:past|last)\s+(\d{1,3})\s+(day|week|month)s?\b",
        text,
        flags=re.IGNORECASE,
    )
    if past:
        unit = {"day": 1, "week": 7, "month": 31}[past.group(2).lower()]
        days = int(past.group(1)) * unit
        return TimeScope(ref - dt.timedelta(days=days), ref + dt.timedelta(days=1), False), past
    for pattern, before, after in _RELATIVE:
        match = re.search(pattern, text, flags=re.IGNORECASE)
        if match:
            scope = TimeScope(
                ref - dt.timedelta(days=before), ref + dt.timedelta(days=after), False
            )
            return scope, match
    return None


def extract_time_scope(text: str, ref: dt.date) -> tuple[str, TimeScope | None]:
    """Find time words; return the text without them and the scope they name."""
    found = _absolute(text) or _relative(text, ref)
    if found is None:
        return text, None
    scope, match = found
    cleaned = (text[: match.start()] + " " + text[match.end() :]).strip()
    return " ".join(cleaned.split()), scope


def question_time_scope(text: str, ref: dt.date) -> tuple[str, TimeScope | None]:
    """Time words of a question, as ``extract_time_scope``; in a long pasted text, only those of
    the sentence that asks (the last one ending in "?"), so that "August 1992" in a quoted
    article does not filter the search. The pasted text keeps all its words."""
    if len(text) <= QUESTION_CHARS:
        return extract_time_scope(text, ref)
    asked = _QUESTION_SENTENCE.findall(text)
    if not asked:
        return text, None
    return text, extract_time_scope(asked[-1], ref)[1]


def asks_present(text: str) -> bool:
    """The question asks about now: "today", "this week", "latest", "currently", ..."""
    return bool(_PRESENT.search(text))


def format_day(day: dt.date) -> str:
    """18 Dec 2023."""
    return f"{day.day} {day:%b %Y}"


def news_end_notice(
    scope: TimeScope | None, present: bool, as_of: dt.date, last: dt.date | None
) -> str:
    """What to say once about where the news ends, or "" when it does not matter: a named
    period after the last article has no news; a question about now, asked days after the
    last article, hears when that was."""
    if last is None:
        return ""
    if scope is not None and scope.strict and scope.start is not None and scope.start > last:
        return f"I have no news after {format_day(last)}."
    if (present or (scope is not None and not scope.strict)) and (
        as_of - last
    ).days > NEWS_STALE_DAYS:
        return f"My news ends on {format_day(last)}."
    return ""
