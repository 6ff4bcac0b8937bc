"""The shape of one language's tables."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Language", "RelativeWords", "words"]


def words(table: str) -> frozenset[str]:
    """A table written as white-space separated words."""
    return frozenset(table.split())


@dataclass(frozen=True)
class RelativeWords:
    """Relative time words: a pattern, days before the reference date, days after it."""

    pattern: str
    before: int
    after: int


@dataclass(frozen=True)
class Language:
    """What analysis needs to know of one language. Patterns are regular expressions matched
    case-insensitively against the question's text."""

    code: str  # ISO 639-1
    native: str  # the language's own name, shown beside sentences in another language
    stemmer: str  # PyStemmer's Snowball algorithm
    stop_words: frozenset[str]
    abbreviations: frozenset[str] = frozenset()  # words a "." after does not end a sentence
    # Question forms: what kind of answer a question wants. ``wh`` asks for a fact at all;
    # ``number`` includes "when" words (a date is a figure too).
    wh: str = ""
    time: str = ""
    number: str = ""
    person: str = ""
    place: str = ""
    # Time words: month names (all their forms) -> month number, and the words that come
    # before a date (or, in Turkish, after it) to say "since", "until", "in", "between ... and".
    months: dict[str, int] = field(default_factory=dict)
    since: tuple[str, ...] = ()
    until: tuple[str, ...] = ()
    during: tuple[str, ...] = ()
    between: tuple[str, str] = ("", "")
    month_year_joiner: str = ""  # "junio de 2019": a word between month and year
    since_after: tuple[str, ...] = ()  # "2019'dan beri": words after the year meaning since
    until_after: tuple[str, ...] = ()
    year_suffix: str = ""  # "2019'da", "2019-го": an ending glued to the year
    relative: tuple[RelativeWords, ...] = ()
    # "the last 3 days": a pattern with groups ``n`` (a number) and ``unit``, and the unit
    # words' beginnings (lower case) -> days, tried in order.
    last_n: str = ""
    units: tuple[tuple[str, int], ...] = ()
    present: str = ""  # asks about now: "today", "latest", ...
