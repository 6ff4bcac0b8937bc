"""retrieval.followup: when a message leans on the question before it, and how the two combine
(terms, time scope, answer type), checked through the query the answer path builds."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import combine_follow_up, leans_on_previous
from retrieval.followup import MAX_TOPIC_WORDS
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
        ("and " + "word " * 10, False),  # too long to lean on anything
        ("", False),
        ("🙂", False),
    ],
)
def test_which_messages_lean_on_the_previous_question(text: str, leans: bool) -> None:
    assert leans_on_previous(text, TODAY) is leans


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
    assert len(question.split()) <= 2 + 1 + MAX_TOPIC_WORDS + 1  # wh, own word, topic, "?"
    assert question.startswith("how many place99 place98")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600), st.text(max_size=600))
def test_any_text_combines_into_a_bounded_question(previous: str, new: str) -> None:
    combined = combine_follow_up(previous, new, TODAY)
    assert combined.endswith("?")
    assert len(combined) <= 2 * (len(new) + len(previous)) + 10  # made of their words
    build_query(combined, TODAY)  # the answer path reads it
    leans_on_previous(new, TODAY)
