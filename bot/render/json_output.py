"""The command line's JSON, made in one way: a pydantic model, dumped by ``to_json``.

Answers and index statistics have output models here (the fields scripts read, in a fixed
order); a summary is printed as the ``Summary`` model itself.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

from pydantic import BaseModel, JsonValue, field_serializer

from retrieval import Answer, AnswerSentence, IndexStats, Summary

from .notes import note_text

__all__ = ["AnswerJson", "SourceJson", "StatsJson", "answer_json", "summary_json", "to_json"]


def to_json(model: BaseModel, *, leave_out: set[str] | None = None) -> str:
    """One line of JSON without the top-level fields ``leave_out``; text stays as written."""
    return json.dumps(model.model_dump(mode="json", exclude=leave_out), ensure_ascii=False)


class AnswerJson(BaseModel):
    """An answer as scripts read it; ``id``, ``question``, ``notice`` and ``note`` only when set."""

    id: JsonValue = None  # a batch question's own id, echoed back
    question: str = ""
    answered: bool
    confidence: float
    notice: str = ""
    sentences: list[AnswerSentence]
    language: str  # the question's
    language_missing: bool = False  # set only when nothing in that language answers
    # Nothing from the period the question names answered: its kind ("week"); the sentences
    # come from the closest dates.
    outside_period: str = ""
    note: str = ""


def answer_json(
    answer: Answer, *, with_question: bool = True, batch_id: JsonValue | None = None
) -> str:
    """{"question", "answered", "confidence", "sentences": [{"text", "date", "title", "url",
    "source", "score", "language"}...], "language"}, with "notice", "language_missing",
    "outside_period" and "note" when there is one; a batch answer has the question's "id"
    instead of the question."""
    fields: dict[str, object] = {
        "answered": answer.answered,
        "confidence": answer.confidence,
        "sentences": answer.sentences,
        "language": answer.language,
    }
    if with_question:
        fields["question"] = answer.question
    else:
        fields["id"] = batch_id
    if answer.notice:
        fields["notice"] = note_text(answer.notice)
    if answer.language_missing:
        fields["language_missing"] = True
    if answer.outside_period:
        fields["outside_period"] = str(answer.outside_period)
    if answer.note:
        fields["note"] = note_text(answer.note)
    model = AnswerJson.model_validate(fields)
    return to_json(model, leave_out=set(AnswerJson.model_fields) - model.model_fields_set)


def summary_json(summary: Summary) -> str:
    """The ``Summary`` model, its notes in words (English) as scripts have always read them."""
    fields = summary.model_dump(mode="json")
    fields["note"], fields["notice"] = note_text(summary.note), note_text(summary.notice)
    return json.dumps(fields, ensure_ascii=False)


class SourceJson(BaseModel):
    """One feed's or channel's freshness, as ``newsbot stats --json`` lists it."""

    kind: str  # "feed" or "channel"
    name: str  # the feed's URL, the channel's id
    title: str
    articles: int
    newest: dt.datetime | None  # the newest article's publication
    last_success: dt.datetime | None
    full_text_share: float | None  # entries whose page text was taken / new entries
    kept_feed_text: dict[str, int]  # entries that kept the feed's text, by why
    median_delay_seconds: float | None  # publication to answerable
    last_error: str


class StatsJson(BaseModel):
    """What ``newsbot stats`` reports (as JSON, or one ``key: value`` line each)."""

    engine: str
    articles: int
    passages: int
    first_date: dt.date | None
    last_date: dt.date | None
    last_added: dt.datetime | None
    languages: dict[str, int]  # articles per language, most first
    data_dir: str
    sources: list[SourceJson] = []  # feeds and channels (sources.sqlite3)

    @field_serializer("last_added")
    def _iso(self, value: dt.datetime | None) -> str | None:
        return value.isoformat() if value else None  # "+00:00", as it always was, not "Z"

    @classmethod
    def of(cls, stats: IndexStats, data_dir: str) -> StatsJson:
        return cls(**dataclasses.asdict(stats), data_dir=data_dir)
