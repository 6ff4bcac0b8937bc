"""retrieval.followup: when a message leans on the question before it, and how the two combine
(terms, time scope, answer type), checked through the query the answer path builds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.followups import load_pairs, score
from retrieval import (
    Answer,
    AnswerSentence,
    combine_follow_up,
    conversation_turn,
    leans_on_previous,
)
from retrieval.discourse import question_topic
from retrieval.followup import MAX_TOPIC_WORDS, answer_subject
from retrieval.question import build_query

TODAY = dt.date(2023, 11, 3)


@pytest.mark.parametrize(
    ("text", "leans"),
    [
        ("and who else?", True),
        ("what about Italy?", True),
        ("how about in 2021?", True),
        ("when?", True),
        ("who won?", True),
        ("why did they do it?", True),
        ("is she still in office?", True),
        ("But Germany?", True),
        ("Tesla", False),  # a short new topic stands alone
        ("Italy?", False),
        ("Which dog won best in show?", False),
        ("when was the final of the world cup played?", False),
        ("and " + "word " * 12, False),  # too long to lean on anything
        ("", False),
        ("🙂", False),
    ],
)
def test_which_messages_lean_on_the_previous_question(text: str, leans: bool) -> None:
    assert leans_on_previous(text, TODAY) is leans


@pytest.mark.parametrize(
    "text",
    [
        # the commonest news-bot phrasing: a topic of its own, whatever the time words
        "What happened in Gaza this week?",
        "what happened with ukraine this week?",  # typed in lower case: no capital to go by
        "Any news about Taylor Swift this week?",
        "What is new with Twitter this month?",
        "what happened this week?",  # all the news of a week
        "What is a recession?",  # something new, not something said before
        "Did Biden say when he will visit Kyiv?",  # "he" has its name in the message
        "Is there a storm warning for Florida?",  # "there" points nowhere
        "And who won the Ballon d'Or this year?",  # "and", then a question of its own
        "¿Qué pasó en Gaza esta semana?",
        "Что нового у Твиттера в этом месяце?",
        "Was ist diese Woche in Gaza passiert?",
        "Quoi de neuf chez Twitter ce mois-ci ?",
        "Que s'est-il passé à Gaza cette semaine ?",  # "il" is impersonal here
        "bu hafta gazze'de ne oldu?",
        "ماذا حدث في غزة هذا الأسبوع؟",
    ],
)
def test_a_message_naming_its_own_topic_stands_alone(text: str) -> None:
    assert not leans_on_previous(text, TODAY)


@pytest.mark.parametrize(
    ("text", "previous"),
    [
        ("when did it end?", ""),  # a pronoun, nothing else
        ("what did the mayor say about it?", ""),  # "it" is not the mayor
        ("what was the final score?", ""),  # what is asked, not about what
        ("how many were injured?", ""),
        ("with which song?", ""),  # one thing, named nowhere
        ("is that true?", ""),
        ("and last month?", ""),  # time words only
        ("y en Francia?", "¿Cuántos casos hay en España?"),  # short: the earlier's language
        ("¿por qué?", ""),
        ("а когда?", ""),
        ("Und warum?", ""),
        ("et pourquoi ?", ""),
        ("Peki neden?", ""),
        ("ولماذا؟", ""),
        ("¿A quién vencieron en la final?", ""),  # no pronoun: Spanish leaves it out
    ],
)
def test_a_message_leaning_on_the_last_answer_is_a_follow_up(text: str, previous: str) -> None:
    assert leans_on_previous(text, TODAY, previous=previous)


def test_the_labelled_pairs_keep_precision_and_recall_above_the_floor() -> None:
    """benchmarks/followups.py's figures (docs/quality.md), held-out half and all pairs."""
    pairs = load_pairs()
    assert len(pairs) >= 100 and sum(p.language != "en" for p in pairs) >= len(pairs) / 2
    for part in ([p for p in pairs if p.held], pairs):
        scores = score(part)
        assert scores.precision >= 0.9 and scores.recall >= 0.9, scores


@pytest.mark.parametrize(
    ("previous", "new", "terms", "scope", "wants"),
    [
        # terms: the new words first, then the previous topic; the wh-word comes from the new one
        ("Who won the World Series?", "and when?", ["won", "world", "seri"], None, "time"),
        ("Who won the World Series?", "and who else?", ["won", "world", "seri"], None, "person"),
        # no wh-word in the new message: the previous one's answer type holds
        (
            "How many monkeypox cases are there?",
            "what about Italy?",
            ["mani", "itali", "monkeypox", "case"],
            None,
            "number",
        ),
        # the time scope: the previous one's when the new message names none ...
        (
            "What did Turkey say about the S-400 in July 2019?",
            "and India?",
            ["india", "turkey", "400"],
            (dt.date(2019, 7, 1), dt.date(2019, 7, 31), True),
            "",
        ),
        # ... the new one's when it names one
        (
            "What did Turkey say about the S-400 in July 2019?",
            "what about in 2021?",
            ["turkey", "400"],
            (dt.date(2021, 1, 1), dt.date(2021, 12, 31), True),
            "",
        ),
        # a word of the previous question is not repeated; "else", "about" are not searched
        (
            "Tesla sales in China",
            "and Tesla in Europe?",
            ["tesla", "europ", "sale", "china"],
            None,
            "",
        ),
    ],
)
def test_a_follow_up_combines_terms_time_and_answer_type(
    previous: str,
    new: str,
    terms: list[str],
    scope: tuple[dt.date, dt.date, bool] | None,
    wants: str,
) -> None:
    combined = combine_follow_up(previous, new, TODAY)
    query = build_query(combined, TODAY)
    assert query.terms == terms, combined
    found = (query.scope.start, query.scope.end, query.scope.strict) if query.scope else None
    assert found == scope, combined
    assert query.wants == wants, combined


@pytest.mark.parametrize(
    ("previous", "new", "terms", "wants"),
    [
        (
            "¿Cuántos casos de viruela del mono hay en España?",
            "¿Y en Italia?",
            ["itali", "cas", "viruel", "mon", "españ"],
            "number",
        ),
        ("Кто выиграл чемпионат мира 2022 года?", "А когда?", None, "time"),
        ("Wer hat die WM 2022 gewonnen?", "Und gegen wen?", None, "person"),
    ],
)
def test_follow_ups_combine_in_their_own_language(
    previous: str, new: str, terms: list[str] | None, wants: str
) -> None:
    combined = combine_follow_up(previous, new, TODAY)
    query = build_query(combined, TODAY, collection_languages=["en", "es", "de", "ru"])
    assert query.language == build_query(previous, TODAY).language, combined
    assert query.wants == wants, combined
    if terms is not None:
        assert query.terms == terms, combined
    assert "2022" in combined or terms is not None  # the earlier topic comes along


def test_a_new_event_word_replaces_the_earlier_one() -> None:
    combined = combine_follow_up("Who won the 2022 World Cup?", "who did they beat?", TODAY)
    assert build_query(combined, TODAY).terms == ["beat", "2022", "world", "cup"]
    # without a word of its own for the event, the earlier one stays
    when = combine_follow_up("Who won the 2022 World Cup?", "and when?", TODAY)
    assert build_query(when, TODAY).terms == ["won", "2022", "world", "cup"]


def _answer(question: str, first: str, *, confidence: float = 0.8) -> Answer:
    sentence = AnswerSentence(text=first, date=TODAY, title="t")
    return Answer(
        question=question,
        as_of=TODAY,
        sentences=[sentence],
        confidence=confidence,
        answered=confidence > 0.1,
        language="en",
    )


def test_they_means_the_name_the_last_answer_gave() -> None:
    answer = _answer(
        "Who won the 2022 World Cup?",
        "Argentina won the 2022 World Cup, beating France on penalties in Lusail.",
    )
    assert answer_subject(answer) == "Argentina"
    turn = conversation_turn("Who won the 2022 World Cup?", answer)
    combined = combine_follow_up(turn, "who did they beat?", TODAY)
    assert build_query(combined, TODAY).terms == ["beat", "argentina", "2022", "world", "cup"]
    # "what about ...?" asks the same of something else: the answer's name stays out
    other = combine_follow_up(turn, "what about 2018?", TODAY)
    assert "argentina" not in other.lower()


@pytest.mark.parametrize(
    ("question", "first", "confidence"),
    [
        ("When did Queen Elizabeth die?", "The Queen died at Balmoral on 8 September.", 0.8),
        ("Who won the World Series?", "The Texas Rangers won the World Series.", 0.05),
        ("Who won the World Series?", "The Texas Rangers won the World Series.", 0.3),
        ("Who won the World Series?", "The World Series ended on Wednesday night.", 0.8),
    ],
)
def test_no_answer_name_when_it_would_not_be_what_they_means(
    question: str, first: str, confidence: float
) -> None:
    # asked for a time (the question names its subject), refused or unsure, no new name in it
    answer = _answer(question, first, confidence=confidence)
    assert answer_subject(answer) == ""
    assert conversation_turn(question, answer) == question


def test_a_compound_name_stays_a_phrase() -> None:
    combined = combine_follow_up("Will the US sanction Turkey over the S-400?", "and India?", TODAY)
    assert ("s", "400") in build_query(combined, TODAY).phrases


def test_a_relative_time_of_the_previous_question_is_kept() -> None:
    combined = combine_follow_up("Tesla news this week", "and Ford?", TODAY)
    query = build_query(combined, TODAY)
    assert query.scope is not None and not query.scope.strict
    assert query.terms[:2] == ["ford", "tesla"]


def test_a_chain_of_follow_ups_stays_bounded() -> None:
    question = "How many monkeypox cases are there in the United States?"
    for word in [f"place{i}" for i in range(100)]:
        question = combine_follow_up(question, f"and {word}?", TODAY)
    assert len(build_query(question, TODAY).terms) <= 2 + MAX_TOPIC_WORDS  # "many", own, topic
    assert len(question) < 400
    assert question.startswith("how many place99 place98")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.text(max_size=600))
def test_any_text_combines_into_a_bounded_question(previous: str, new: str) -> None:
    combined = combine_follow_up(previous, new, TODAY)
    assert combined.endswith("?")
    assert len(combined) <= 2 * (len(new) + len(previous)) + 10  # made of their words
    build_query(combined, TODAY)  # the answer path reads it
    leans_on_previous(new, TODAY)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("Which team won the Women's World Cup in 2023?", "Women's World Cup in 2023"),
        ("What happened with Ukraine this week?", "Ukraine this week"),
        ("What did the Bank of England decide?", "Bank of England decide"),
        ("Who is the new speaker of the House?", "speaker of the House"),
        (
            "How many monkeypox cases are there in the United States?",
            "monkeypox cases, United States",
        ),
        ("¿Quién ganó el Mundial de 2022?", "Mundial de 2022"),
        ("Кто выиграл чемпионат мира по футболу 2022 года?", "чемпионат мира по футболу 2022"),
        ("s-400 sanctions", "s-400 sanctions"),  # a topic already
        ("who won?", "who won"),  # nothing but the question: the question
    ],
)
def test_a_questions_topic_in_its_own_words(question: str, topic: str) -> None:
    assert question_topic(question) == topic
