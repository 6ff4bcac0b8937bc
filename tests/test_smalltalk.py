"""Small talk is told apart from short questions, both ways, by the table in retrieval."""

from __future__ import annotations

import pytest

from retrieval import small_talk

SMALL_TALK = [
    ("hi", "greeting"),
    ("Hi!", "greeting"),
    ("hello there", "greeting"),
    ("hey bot", "greeting"),
    ("Good morning", "greeting"),
    ("How are you?", "greeting"),
    ("thanks!", "thanks"),
    ("Thank you so much", "thanks"),
    ("ok thanks", "thanks"),
    ("great", "thanks"),
    ("ok", "ack"),
    ("OK", "ack"),
    ("test", "ack"),
    ("testing 123", "ack"),
    ("what can you do?", "about"),
    ("Who are you?", "about"),
    ("how does this work", "about"),
    ("news", "topicless"),
    ("Any news?", "topicless"),
    ("👍", "emoji"),
    ("🚀🔥🎉", "emoji"),
    ("...", "emoji"),
]

QUESTIONS = [
    "who won?",
    "Tesla news",
    "hi-tech stocks",
    "Hi, who won the World Series?",
    "news about Tesla",
    "What is new in Ukraine?",
    "Ukraine",
    "thanks to whom did the bill pass?",
    "ok boomer meaning",
    "test match result",
    "who are you voting for, Texas?",
    "Good Morning America host",
]


@pytest.mark.parametrize(("text", "kind"), SMALL_TALK)
def test_small_talk_is_recognised(text: str, kind: str) -> None:
    assert small_talk(text) == kind


@pytest.mark.parametrize("text", QUESTIONS)
def test_short_questions_are_not_small_talk(text: str) -> None:
    assert small_talk(text) == ""


def test_long_messages_are_never_small_talk() -> None:
    assert small_talk("hi " * 40) == ""
