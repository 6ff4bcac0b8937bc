"""Time words in a question ("in June 2019", "since 2019-06-01", "last week") as date scopes."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from . import languages
from .notes import Note

__all__ = [
    "HISTORY_YEARS",
    "NEWS_STALE_DAYS",
    "QUESTION_CHARS",
    "TimeScope",
    "asks_present",
    "extract_time_scope",
    "history_years",
    "news_end_notice",
    "question_time_scope",
]

NEWS_STALE_DAYS = 3  # news older than this, asked about "today", gets a word on where it ends
QUESTION_CHARS = 280  # longer messages are pasted text: only their question's time words count
# A year named alone ("in 1924", "since 1996") more than this many years before the year asked
# in is history the question mentions, not the period its news comes from: searched as a word.
HISTORY_YEARS = 4
_QUESTION_SENTENCE = re.compile(r"[^.!?؟\n]*[?؟]")
_ISO = r"(\d{4})-(\d{1,2})-(\d{1,2})"
_YEAR = r"((?:19|20)\d{2})"


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


def _alternatives(phrases: Iterable[str]) -> str:
    """A regex alternation of phrases, longest first, spaces matching any white space."""
    ordered = sorted({" ".join(p.split()) for p in phrases}, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in ordered)


@cache
def _absolute_patterns(language: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The explicit-date patterns of a language, built from its tables, tried in order."""
    table = languages.get(language)
    months = _alternatives(table.months)
    preps = _alternatives((*table.since, *table.until, *table.during))
    suffix = table.year_suffix
    joiner = rf"(?:{table.month_year_joiner}\s+)?" if table.month_year_joiner else ""
    patterns: list[tuple[str, str]] = []
    first, second = table.between
    if first:
        patterns.append(
            (
                rf"\b{_alternatives([first])}\s+{_ISO}\s+{_alternatives([second])}\s+{_ISO}\b",
                "between",
            )
        )
    if table.since:
        patterns.append((rf"\b(?:{_alternatives(table.since)})\s+{_ISO}\b", "since"))
    if table.until:
        patterns.append((rf"\b(?:{_alternatives(table.until)})\s+{_ISO}\b", "until"))
    patterns.append((rf"\b(?:on\s+)?{_ISO}\b", "day"))
    if table.since_after or table.until_after:  # Turkish: "2019'dan beri", "Haziran 2019'dan önce"
        after = _alternatives((*table.since_after, *table.until_after))
        patterns.append((rf"\b(?:({months})\.?,?\s+)?{_YEAR}{suffix}\s+({after})\b", "after_words"))
    prefix = rf"(?:({preps})\s+)?" if preps else "()?"
    patterns.append((rf"\b{prefix}({months})\.?,?\s+{joiner}(\d{{4}}){suffix}\b", "month"))
    if preps:
        patterns.append((rf"\b({preps})\s+{_YEAR}{suffix}\b", "year"))
    return tuple((re.compile(p, re.IGNORECASE), kind) for p, kind in patterns)


def _absolute(
    text: str, language: str = "en", ref: dt.date | None = None
) -> tuple[TimeScope, re.Match[str]] | None:
    """Explicit dates: filters, since the person named them; a year of history is none."""
    for pattern, kind in _absolute_patterns(language):
        match = pattern.search(text)
        if not match:
            continue
        if kind == "year" and ref is not None and _history(match, ref):
            continue
        scope = _scope_for(kind, match, language)
        if scope is not None:
            return scope, match
    return None


def _history(match: re.Match[str], ref: dt.date) -> bool:
    """A "year" match ("in 1924") naming a year well before ``ref``."""
    return int(match.group(2)) < ref.year - HISTORY_YEARS


def history_years(text: str, ref: dt.date, language: str = "en") -> str:
    """The text with each year of history ("in 1924", "since 1996") as the bare year: a word
    to search for, where the year stands in the reports, never a date range."""
    for pattern, kind in _absolute_patterns(language):
        if kind == "year":
            return pattern.sub(lambda m: m.group(2) if _history(m, ref) else m.group(0), text)
    return text


def _scope_for(kind: str, match: re.Match[str], language: str = "en") -> TimeScope | None:
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
    table = languages.get(language)
    if kind == "month":
        word, year = match.group(1), int(match.group(3))
        first, last = _month_range(year, _month_number(table, match.group(2)))
        return _bounded(word, first, last, table)
    if kind == "year":
        year = int(match.group(2))
        return _bounded(match.group(1), dt.date(year, 1, 1), dt.date(year, 12, 31), table)
    if kind == "after_words":
        year = int(match.group(2))
        if match.group(1):
            first, last = _month_range(year, _month_number(table, match.group(1)))
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        word = _phrase(match.group(3))
        if word in table.until_after:
            return TimeScope(None, last, True)
        return TimeScope(first, None, True)
    return None


def _phrase(text: str) -> str:
    return " ".join(text.lower().split())


def _month_number(table: languages.Language, name: str) -> int:
    return table.months[_phrase(name)]


def _bounded(
    word: str | None, first: dt.date, last: dt.date, table: languages.Language
) -> TimeScope:
    word = _phrase(word or "")
    if word in table.since:
        return TimeScope(first, None, True)
    if word in table.until:
        return TimeScope(None, last, True)
    return TimeScope(first, last, True)


@cache
def _relative_patterns(language: str) -> tuple[tuple[re.Pattern[str], int, int], ...]:
    return tuple(
        (re.compile(words.pattern, re.IGNORECASE), words.before, words.after)
        for words in languages.get(language).relative
    )


@cache
def _last_n_pattern(language: str) -> re.Pattern[str] | None:
    pattern = languages.get(language).last_n
    return re.compile(pattern, re.IGNORECASE) if pattern else None


@cache
def _present_pattern(language: str) -> re.Pattern[str]:
    return re.compile(languages.get(language).present, re.IGNORECASE)


def _relative(
    text: str, ref: dt.date, language: str = "en"
) -> tuple[TimeScope, re.Match[str]] | None:
    """Relative time words: preferences around the reference date, never filters."""
    last_n = _last_n_pattern(language)
    past = last_n.search(text) if last_n is not None else None
    if past:
        unit = past.group("unit").lower()
        per = next(days for start, days in languages.get(language).units if unit.startswith(start))
        days = int(past.group("n")) * per
        return TimeScope(ref - dt.timedelta(days=days), ref + dt.timedelta(days=1), False), past
    for pattern, before, after in _relative_patterns(language):
        match = pattern.search(text)
        if match:
            scope = TimeScope(
                ref - dt.timedelta(days=before), ref + dt.timedelta(days=after), False
            )
            return scope, match
    return None


def extract_time_scope(
    text: str, ref: dt.date, language: str = "en"
) -> tuple[str, TimeScope | None]:
    """Find time words; return the text without them and the scope they name. A year of history
    ("in 1924", "since 1996") names no scope: it stays in the text as the bare year."""
    text = history_years(text, ref, language)
    found = _absolute(text, language, ref) or _relative(text, ref, language)
    if found is None:
        return text, None
    scope, match = found
    cleaned = (text[: match.start()] + " " + text[match.end() :]).strip()
    return " ".join(cleaned.split()), scope


def question_time_scope(
    text: str, ref: dt.date, language: str = "en"
) -> tuple[str, TimeScope | None]:
    """Time words of a question, as ``extract_time_scope``; in a long pasted text, only those of
    the sentence that asks (the last one ending in "?"), so that "August 1992" in a quoted
    article does not filter the search. The pasted text keeps all its words."""
    if len(text) <= QUESTION_CHARS:
        return extract_time_scope(text, ref, language)
    asked = _QUESTION_SENTENCE.findall(text)
    if not asked:
        return text, None
    return text, extract_time_scope(asked[-1], ref, language)[1]


def asks_present(text: str, language: str = "en") -> bool:
    """The question asks about now: "today", "this week", "latest", "currently", ..."""
    return bool(_present_pattern(language).search(text))


def news_end_notice(
    scope: TimeScope | None, present: bool, as_of: dt.date, last: dt.date | None
) -> Note | None:
    """What to say once about where the news ends, or None when it does not matter: a named
    period after the last article has no news; a question about now, asked days after the
    last article, hears when that was."""
    if last is None:
        return None
    if scope is not None and scope.strict and scope.start is not None and scope.start > last:
        return Note.no_news_after(last)
    if (present or (scope is not None and not scope.strict)) and (
        as_of - last
    ).days > NEWS_STALE_DAYS:
        return Note.news_ends(last)
    return None
