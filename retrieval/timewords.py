"""Time words in a question ("in June 2019", "since 2019-06-01", "last week") as date scopes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

__all__ = ["TimeScope", "extract_time_scope"]

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

    def contains(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


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
