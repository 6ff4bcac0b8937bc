"""The compact answer layout, rendered without Telegram: best sentence first, one attribution
per article, the rest folded; refusals, "More" pages and source lists."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.i18n import translator
from bot.render import (
    by_article,
    render_answer_html,
    render_more_html,
    render_sources_html,
)
from retrieval import Answer, AnswerSentence, Note

from .conftest import outlet_sentence
from .telegram_html import check_html


def _sentence(text: str, article: str, day: int = 1) -> AnswerSentence:
    date = dt.date(2023, 11, day)
    return outlet_sentence(text, f"{article}.example.com", date, f"Title {article}", score=1.0)


ANSWER = Answer(
    question="Who won the World Series?",
    as_of=dt.date(2023, 11, 3),
    answered=True,
    confidence=0.9,
    sentences=[
        _sentence("The Rangers won.", "a"),
        _sentence("Fans celebrated.", "b", 2),
        _sentence("It was Game 5.", "a"),
        _sentence("Ratings rose.", "c", 3),
    ],
)


def test_sentences_are_grouped_by_article_in_first_seen_order() -> None:
    groups = by_article(ANSWER.sentences)
    assert [[s.text for s in g] for g in groups] == [
        ["The Rangers won.", "It was Game 5."],
        ["Fans celebrated."],
        ["Ratings rose."],
    ]


def test_the_best_sentence_comes_first_and_the_rest_folds() -> None:
    html = render_answer_html(ANSWER)
    assert html == (
        "<b>Title a</b>\n"  # the lead's article title: the answer is often its subject
        "The Rangers won. It was Game 5.\n"
        '<i>2023-11-01 · <a href="https://a.example.com/story">a.example.com</a></i>\n\n'
        "<blockquote expandable>Fans celebrated.\n"
        '<i>2023-11-02 · <a href="https://b.example.com/story">b.example.com</a></i>\n\n'
        "Ratings rose.\n"
        '<i>2023-11-03 · <a href="https://c.example.com/story">c.example.com</a></i>'
        "</blockquote>"
    )
    assert "World Series" not in check_html(html)  # the question is not echoed


def test_one_article_answers_have_no_fold_and_notices_come_first() -> None:
    single = ANSWER.model_copy(
        update={"sentences": ANSWER.sentences[:1], "notice": Note.news_ends(dt.date(2023, 11, 3))}
    )
    html = render_answer_html(single)
    assert "blockquote" not in html
    assert check_html(html).startswith("My news ends on 3 Nov 2023.\n\nTitle a\nThe Rangers won.")


def test_a_refusal_keeps_its_wording_and_at_most_two_reports() -> None:
    refused = ANSWER.model_copy(update={"answered": False, "confidence": 0.1})
    visible = check_html(render_answer_html(refused))
    assert visible.startswith("My collection has no direct answer to that.\n\nClosest reports:")
    assert visible.count("•") == 2 and "blockquote" not in render_answer_html(refused)


def test_a_refusal_whose_reports_state_a_fact_of_the_kind_asked_says_it_is_unsure() -> None:
    refused = ANSWER.model_copy(
        update={"answered": False, "confidence": 0.1, "closest_state_fact": True}
    )
    visible = check_html(render_answer_html(refused))
    assert visible.startswith("I'm not sure these reports answer it.\n\nClosest reports:")
    assert "no direct answer" not in visible


def test_more_pages_and_source_lists() -> None:
    more = check_html(render_more_html(ANSWER, 2))
    assert more.startswith("It was Game 5.") and "Ratings rose." in more
    assert "The Rangers won." not in more
    assert render_more_html(ANSWER, 4) == ""
    sources = render_sources_html(ANSWER)
    check_html(sources)
    assert re.findall(r'• <a href="([^"]+)">Title', sources) == [
        "https://a.example.com/story",
        "https://b.example.com/story",
        "https://c.example.com/story",
    ]


@pytest.mark.parametrize(
    ("language", "opening"),
    [
        ("pt", "Minha coleção não tem nada no seu idioma"),
        ("fr", "Ma collection n&#x27;a rien dans votre langue"),
        ("tr", "Koleksiyonumda bunu yanıtlayan"),
        ("ar", "لا يوجد في مجموعتي شيء بلغتك"),
        ("de", "Meine Sammlung enthält nichts in deiner Sprache"),
    ],
)
def test_nothing_in_your_language_said_in_the_question_language(
    language: str, opening: str
) -> None:
    """Every collection language has its catalog: the phrase comes from it (the caller
    passes the question language's translator)."""
    answer = Answer(
        question="q", as_of=dt.date(2024, 1, 1), language=language, language_missing=True
    )
    assert render_answer_html(answer, t=translator(language)).startswith(opening)
