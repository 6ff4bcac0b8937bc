"""The command line's JSON (bot/render/json_output.py): one model per object, fixed fields."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from pydantic import JsonValue

from bot.render import StatsJson, answer_json, summary_json, to_json
from retrieval import Answer, AnswerSentence, IndexStats, Note, NoteKind, Summary

SENTENCE = AnswerSentence(
    text="Zürich « opens » a bridge.",
    date=dt.date(2024, 3, 1),
    title="Bridge",
    url="https://example.com/b",
    source="example.com",
    score=0.5,
)


def _answer(**fields: object) -> Answer:
    return Answer.model_validate(
        {"question": "q?", "as_of": dt.date(2024, 3, 2), "sentences": [SENTENCE], **fields}
    )


@pytest.mark.parametrize(
    ("answer", "keys"),
    [
        (_answer(), ["question", "answered", "confidence", "sentences", "language"]),
        (
            _answer(
                notice=Note.news_ends(dt.date(2024, 3, 1)),
                note=Note(kind=NoteKind.NO_DIRECT_ANSWER),
                language_missing=True,
            ),
            [
                "question",
                "answered",
                "confidence",
                "notice",
                "sentences",
                "language",
                "language_missing",
                "note",
            ],
        ),
        (
            _answer(sentences=[], note=Note(kind=NoteKind.NO_MATCH)),
            ["question", "answered", "confidence", "sentences", "language", "note"],
        ),
    ],
)
def test_answer_keys_in_order_and_only_when_set(answer: Answer, keys: list[str]) -> None:
    assert list(json.loads(answer_json(answer))) == keys


def test_answer_sentence_fields_and_text_kept_as_written() -> None:
    line = answer_json(_answer(answered=True, confidence=0.75))
    assert "Zürich « opens »" in line and "\\u" not in line and "\n" not in line
    payload = json.loads(line)
    assert payload["answered"] is True and payload["confidence"] == 0.75
    assert payload["sentences"] == [
        {
            "text": "Zürich « opens » a bridge.",
            "date": "2024-03-01",
            "title": "Bridge",
            "url": "https://example.com/b",
            "source": "example.com",
            "score": 0.5,
            "language": "",
        }
    ]


@pytest.mark.parametrize("batch_id", ["q1", 7, None, ["a", 1]])
def test_a_batch_answer_echoes_its_id_instead_of_the_question(batch_id: JsonValue) -> None:
    payload = json.loads(answer_json(_answer(), with_question=False, batch_id=batch_id))
    assert next(iter(payload)) == "id" and payload["id"] == batch_id and "question" not in payload


def test_stats_dates_are_iso_and_missing_ones_null() -> None:
    added = dt.datetime(2024, 3, 2, 10, 30, tzinfo=dt.UTC)
    stats = IndexStats(
        4, 9, dt.date(2019, 7, 1), dt.date(2024, 3, 1), added, languages={"en": 3, "de": 1}
    )
    payload = json.loads(to_json(StatsJson.of(stats, "/data")))
    assert payload == {
        "engine": "tantivy",
        "articles": 4,
        "passages": 9,
        "first_date": "2019-07-01",
        "last_date": "2024-03-01",
        "last_added": "2024-03-02T10:30:00+00:00",
        "languages": {"en": 3, "de": 1},
        "data_dir": "/data",
        "sources": [],
    }
    empty = json.loads(to_json(StatsJson.of(IndexStats(0, 0, None, None, None), "/d")))
    assert empty["first_date"] is None and empty["last_added"] is None


def test_a_summary_is_its_model_as_json_with_its_notes_in_words() -> None:
    summary = Summary(topic="bridge", sentences=[SENTENCE], articles=1)
    payload = json.loads(summary_json(summary))
    assert list(payload) == list(Summary.model_fields)
    assert payload["topic"] == "bridge" and payload["sentences"][0]["date"] == "2024-03-01"
    assert payload["note"] == payload["notice"] == ""
    assert Summary.model_validate({**payload, "note": None, "notice": None}) == summary
    stale = summary.model_copy(update={"notice": Note.news_ends(dt.date(2024, 3, 1))})
    assert json.loads(summary_json(stale))["notice"] == "My news ends on 1 Mar 2024."
    nothing = Summary(topic="bridge", note=Note(kind=NoteKind.NO_TOPIC_MATCH))
    assert json.loads(summary_json(nothing))["note"] == (
        "Nothing in the collection matches that topic."
    )
