"""retrieval.timewords: time phrases as date scopes, pasted text, present words, notices."""

from __future__ import annotations

import datetime as dt

import pytest

from retrieval import Note
from retrieval.timewords import (
    NEWS_STALE_DAYS,
    QUESTION_CHARS,
    TimeScope,
    asks_present,
    extract_time_scope,
    news_end_notice,
    question_time_scope,
)

REF = dt.date(2024, 6, 15)  # a Saturday in a leap year


def _d(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _strict(start: str | None, end: str | None) -> TimeScope:
    return TimeScope(_d(start) if start else None, _d(end) if end else None, True)


def _around(before: int, after: int) -> TimeScope:
    """A preference window of ``before`` days before REF to ``after`` days after it."""
    return TimeScope(REF - dt.timedelta(days=before), REF + dt.timedelta(days=after), False)


# Explicit dates filter (strict); each row: text, the scope named.
ABSOLUTE = [
    ("between 2024-01-01 and 2024-02-10", _strict("2024-01-01", "2024-02-10")),
    ("since 2024-03-05", _strict("2024-03-05", None)),
    ("after 2024-3-5", _strict("2024-03-05", None)),
    ("from 2024-03-05", _strict("2024-03-05", None)),
    ("before 2024-03-05", _strict(None, "2024-03-05")),
    ("until 2024-03-05", _strict(None, "2024-03-05")),
    ("till 2024-03-05", _strict(None, "2024-03-05")),
    ("on 2024-03-05", _strict("2024-03-05", "2024-03-05")),
    ("2024-03-05", _strict("2024-03-05", "2024-03-05")),
    ("in June 2019", _strict("2019-06-01", "2019-06-30")),
    ("IN JUNE 2019", _strict("2019-06-01", "2019-06-30")),
    ("during Sept 2019", _strict("2019-09-01", "2019-09-30")),
    ("Dec. 2023", _strict("2023-12-01", "2023-12-31")),
    ("February, 2024", _strict("2024-02-01", "2024-02-29")),  # leap year
    ("Feb 2023", _strict("2023-02-01", "2023-02-28")),
    ("since Feb 2020", _strict("2020-02-01", None)),
    ("after March 2020", _strict("2020-03-01", None)),
    ("before March 2020", _strict(None, "2020-03-31")),
    ("until Nov 2020", _strict(None, "2020-11-30")),
    ("in 2023", _strict("2023-01-01", "2023-12-31")),
    ("during 2020", _strict("2020-01-01", "2020-12-31")),
    ("since 2022", _strict("2022-01-01", None)),
    ("before 2021", _strict(None, "2021-12-31")),
]

# Relative words prefer dates around the reference day, never filter.
RELATIVE = [
    ("today", _around(1, 1)),
    ("this morning", _around(1, 1)),
    ("tonight", _around(1, 1)),
    ("yesterday", _around(2, 0)),
    ("this week", _around(8, 2)),
    ("this weekend", _around(8, 2)),
    ("the past week", _around(8, 2)),
    ("the past few days", _around(8, 2)),
    ("last week", _around(15, 1)),
    ("last weekend", _around(15, 1)),
    ("this month", _around(31, 2)),
    ("last month", _around(62, 1)),
    ("this year", _around(366, 2)),
    ("last year", _around(731, 1)),
    ("recently", _around(31, 2)),
    ("lately", _around(31, 2)),
    ("the latest", _around(31, 2)),
    ("currently", _around(31, 2)),
    ("these days", _around(31, 2)),
    ("at the moment", _around(31, 2)),
    ("in the past 3 days", _around(3, 1)),
    ("the last 2 weeks", _around(14, 1)),
    ("the past 2 months", _around(62, 1)),
    ("the last 1 day", _around(1, 1)),
]


@pytest.mark.parametrize(("phrase", "scope"), ABSOLUTE + RELATIVE)
def test_time_phrase_alone(phrase: str, scope: TimeScope) -> None:
    assert extract_time_scope(phrase, REF) == ("", scope)


@pytest.mark.parametrize(("phrase", "scope"), ABSOLUTE + RELATIVE)
def test_time_phrase_is_taken_out_of_a_question(phrase: str, scope: TimeScope) -> None:
    rest, found = extract_time_scope(f"What did the  council decide {phrase} about parks?", REF)
    assert found == scope
    assert rest == "What did the council decide about parks?"


@pytest.mark.parametrize(
    "text",
    [
        "What did the council decide about parks?",
        "on 2024-02-30",  # no such day
        "between 2024-13-01 and 2024-14-01",  # no such months
        "the 2019 budget",  # a bare year names no period
        "in 1850",  # outside the years news is about
        "Junebug 2019",  # a month name inside a word
        "nowhere to go",
    ],
)
def test_no_time_words_leave_the_text_alone(text: str) -> None:
    assert extract_time_scope(text, REF) == (text, None)


def test_explicit_dates_win_over_relative_words() -> None:
    rest, scope = extract_time_scope("news since 2024-01-01 until today", REF)
    assert scope == _strict("2024-01-01", None)
    assert "today" in rest


def test_a_reversed_range_is_not_a_range() -> None:
    scope = extract_time_scope("between 2024-03-01 and 2024-01-01", REF)[1]
    assert scope is not None
    assert (scope.start, scope.end) != (_d("2024-03-01"), _d("2024-01-01"))


def test_relative_words_follow_the_reference_day() -> None:
    other = dt.date(2020, 3, 1)
    scope = extract_time_scope("yesterday", other)[1]
    assert scope == TimeScope(dt.date(2020, 2, 28), other, False)


def _pasted(body: str, question: str) -> str:
    text = (body + " ") * (QUESTION_CHARS // len(body) + 1) + question
    assert len(text) > QUESTION_CHARS
    return text


@pytest.mark.parametrize(
    ("text", "scope"),
    [
        # the article's dates do not filter; the asked sentence's do
        (_pasted("Floods hit the town in August 1992.", "What happened next?"), None),
        (
            _pasted("Floods hit the town in August 1992.", "What happened in June 2019?"),
            _strict("2019-06-01", "2019-06-30"),
        ),
        # only the last question counts
        (
            _pasted("Was it in 2010? Floods hit the town.", "Why did it flood?"),
            None,
        ),
        (_pasted("Floods hit the town in August 1992.", "Tell me more."), None),  # no question
        (_pasted("Floods hit the town today.", "What was the cost last year?"), _around(731, 1)),
    ],
)
def test_long_pasted_text_keeps_its_words_and_takes_only_the_question_dates(
    text: str, scope: TimeScope | None
) -> None:
    assert question_time_scope(text, REF) == (text, scope)


def test_the_pasted_text_rule_starts_after_question_chars() -> None:
    tail = " in June 2019"
    at_limit = "x" * (QUESTION_CHARS - len(tail)) + tail
    assert len(at_limit) == QUESTION_CHARS
    rest, scope = question_time_scope(at_limit, REF)
    assert scope == _strict("2019-06-01", "2019-06-30")
    assert rest == "x" * (QUESTION_CHARS - len(tail))
    over = "y" + at_limit  # one more character, no "?": pasted text, no scope
    assert question_time_scope(over, REF) == (over, None)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        ("What happened today?", True),
        ("news tonight", True),
        ("this morning's storm", True),
        ("events this weekend", True),
        ("this month", True),
        ("this year", True),
        ("the latest on the strike", True),
        ("newest phones", True),
        ("Who leads now?", True),
        ("Who is currently in charge?", True),
        ("recently", True),
        ("lately", True),
        ("these days", True),
        ("at the moment", True),
        ("so far", True),
        ("the past few days", True),
        ("the past week", True),
        ("TODAY", True),
        ("yesterday", False),
        ("last week", False),
        ("last year", False),
        ("in June 2019", False),
        ("nowhere", False),
        ("knowledge", False),
        ("latestversion", False),
        ("", False),
    ],
)
def test_asks_present(text: str, present: bool) -> None:
    assert asks_present(text) is present


LAST = dt.date(2024, 6, 1)
STALE = LAST + dt.timedelta(days=NEWS_STALE_DAYS + 1)
FRESH = LAST + dt.timedelta(days=NEWS_STALE_DAYS)


AFTER = Note.no_news_after(LAST)
ENDS = Note.news_ends(LAST)


@pytest.mark.parametrize(
    ("scope", "present", "as_of", "last", "notice"),
    [
        (None, True, STALE, None, None),  # no articles: nothing to say
        (_strict("2024-06-02", None), False, STALE, LAST, AFTER),
        (_strict("2024-07-01", "2024-07-31"), False, LAST, LAST, AFTER),
        (
            _strict("2024-06-01", None),
            False,
            STALE,
            LAST,
            None,
        ),  # the period starts on the last day
        (_strict(None, "2024-07-01"), False, STALE, LAST, None),  # "until": news before it exists
        (None, True, STALE, LAST, ENDS),
        (None, True, FRESH, LAST, None),  # within NEWS_STALE_DAYS: still current
        (None, False, STALE, LAST, None),  # not about now
        (TimeScope(LAST, STALE, False), False, STALE, LAST, ENDS),
        (TimeScope(LAST, FRESH, False), False, FRESH, LAST, None),
        (_strict("2024-05-01", "2024-05-31"), True, STALE, LAST, ENDS),
    ],
)
def test_news_end_notice(
    scope: TimeScope | None,
    present: bool,
    as_of: dt.date,
    last: dt.date | None,
    notice: Note | None,
) -> None:
    assert news_end_notice(scope, present, as_of, last) == notice


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("Who won the World Cup in 1924?", "Who won the World Cup 1924?"),
        ("their first title since 1996", "their first title 1996"),
        ("What happened before 2019?", "What happened 2019?"),
    ],
)
def test_a_year_of_history_is_a_word_not_a_filter(text: str, rest: str) -> None:
    # REF is in 2024: a year that ended more than HISTORY_YEARS before it is history
    assert extract_time_scope(text, REF) == (rest, None)


def test_a_month_of_a_past_year_still_filters() -> None:
    assert extract_time_scope("in June 2019", REF)[1] == _strict("2019-06-01", "2019-06-30")
