"""Answers that can be trusted: word families, confidence, and dates that say where news ends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.render import answer_json, render_answer_html, render_answer_text
from retrieval import Library, Note
from retrieval.question import build_query
from retrieval.timewords import (
    TimeScope,
    asks_present,
    news_end_notice,
    question_time_scope,
)
from retrieval.tokenize import family_aliases, stem

from .telegram_html import check_html

TODAY = dt.date(2026, 3, 10)
SEED_DAY = dt.date(2019, 7, 1)


# -- word families ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("asked", "written"),
    [("delivered", "delivery"), ("injured", "injuries"), ("discovered", "discovery")],
)
def test_a_verb_finds_its_noun_in_y(asked: str, written: str) -> None:
    assert family_aliases([stem(asked)], [stem(written)]) == {stem(written): stem(asked)}


@pytest.mark.parametrize(
    ("asked", "written"),
    [("new", "news"), ("part", "party"), ("invest", "investigation"), ("state", "statement")],
)
def test_words_that_only_look_alike_stay_apart(asked: str, written: str) -> None:
    assert family_aliases([stem(asked)], [stem(written)]) == {}


def test_s400_delivery_question_is_answered_from_the_seed(tmp_path: Path) -> None:
    seed_only = Library(tmp_path / "seed-only")
    for as_of in (SEED_DAY, TODAY):
        answer = seed_only.answer("when will the S-400 be delivered?", as_of=as_of)
        assert answer.found and answer.answered
        assert "first delivery" in answer.sentences[0].text


# -- confidence -------------------------------------------------------------------------------


def test_every_answer_carries_a_confidence(library: Library) -> None:
    answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 3))
    assert 0.0 < answer.confidence < 1.0
    assert answer.answered and "Texas Rangers" in answer.sentences[0].text
    payload = answer_json(answer)
    assert '"answered": true' in payload and f'"confidence": {answer.confidence}' in payload


def test_an_event_the_collection_lacks_is_not_answered(library: Library) -> None:
    answer = library.answer("Who won the 2022 World Cup final in Qatar?", as_of=TODAY)
    assert not answer.answered
    assert '"answered": false' in answer_json(answer)


def test_a_refusal_shows_only_the_closest_reports_labelled_as_such(library: Library) -> None:
    answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 3))
    refused = answer.model_copy(update={"answered": False, "confidence": 0.01})
    visible = check_html(render_answer_html(refused))
    assert visible.startswith("My collection has no direct answer to that.")
    assert "Closest reports:" in visible
    assert visible.count("•") <= 2
    text = render_answer_text(refused)
    assert "no direct answer" in text and "Closest reports:" in text


# -- dates ------------------------------------------------------------------------------------


def test_present_words() -> None:
    for text in ("Tesla news this week", "latest on Ukraine", "what is happening now?", "today"):
        assert asks_present(text), text
    for text in ("Tesla in June 2019", "who won the World Series?", "the nowcast model"):
        assert not asks_present(text), text


def test_news_end_notices() -> None:
    last = dt.date(2023, 12, 18)
    after = TimeScope(dt.date(2026, 3, 1), dt.date(2026, 3, 31), True)
    assert news_end_notice(after, False, TODAY, last) == Note.no_news_after(last)
    assert news_end_notice(None, True, TODAY, last) == Note.news_ends(last)
    assert news_end_notice(None, True, last + dt.timedelta(days=2), last) is None
    assert news_end_notice(None, False, TODAY, last) is None
    within = TimeScope(dt.date(2023, 6, 1), dt.date(2023, 6, 30), True)
    assert news_end_notice(within, False, TODAY, last) is None


def test_a_question_about_now_hears_where_the_news_ends(library: Library) -> None:
    answer = library.answer("What is the latest on the S-400 sanctions?", as_of=TODAY)
    assert answer.notice == Note.news_ends(dt.date(2023, 11, 2))
    assert answer.found
    assert check_html(render_answer_html(answer)).startswith("My news ends on 2 Nov 2023.")
    assert library.answer("S-400 sanctions", as_of=TODAY).notice is None


def test_a_period_after_the_news_gets_no_old_news(library: Library) -> None:
    answer = library.answer("What happened with the S-400 in March 2026?", as_of=TODAY)
    assert not answer.found
    assert answer.note == Note.no_news_after(dt.date(2023, 11, 2))


def test_dates_in_pasted_text_do_not_filter() -> None:
    pasted = "In August 1992 the company was founded in a garage. " * 75
    text, scope = question_time_scope(pasted + " What did the S-400 deal change?", TODAY)
    assert scope is None and "August 1992" in text
    query = build_query(pasted, TODAY)
    assert query.scope is None and "august" in query.terms
    # ... but the question inside a long text keeps its own time words
    asked = pasted + " What happened in June 2019?"
    scope = question_time_scope(asked, TODAY)[1]
    assert scope is not None and scope.start == dt.date(2019, 6, 1) and scope.strict
    # and a short question's dates filter as before
    assert build_query("What happened in August 1992?", TODAY).scope is not None


def test_pasted_text_with_a_date_still_finds_its_news(tmp_path: Path, library: Library) -> None:
    pasted = (
        "Recep Tayyip Erdogan said the first delivery of the S-400 would come soon. "
        "Back in August 1992 things were different. "
    ) * 30
    answer = library.answer(pasted[:4000], as_of=TODAY)
    assert answer.found
