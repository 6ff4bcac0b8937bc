"""What retrieval says about an answer or a summary beyond its sentences, as data: why there
are none (or none that answer), and where the news ends. Facts, not sentences: the bot words
them in its reader's language (``bot.render.notes``), and nothing reads a sentence back.
"""

from __future__ import annotations

import datetime as dt
import enum

from pydantic import BaseModel, ConfigDict

__all__ = ["Note", "NoteKind", "Period"]


class NoteKind(enum.StrEnum):
    """Why an answer or a summary says something besides its sentences."""

    NOTHING_TO_SEARCH = "nothing_to_search"  # the question has no word to search for
    NO_DIRECT_ANSWER = "no_direct_answer"  # sentences found, none answers: the closest
    NO_MATCH = "no_match"  # nothing matches the question
    NO_TOPIC_MATCH = "no_topic_match"  # nothing matches a summary's topic
    NO_NEW_ARTICLES = "no_new_articles"  # none added since the last digest
    EMPTY_COLLECTION = "empty_collection"
    NO_NEWS_AFTER = "no_news_after"  # the period asked about is after the newest article
    NEWS_ENDS = "news_ends"  # asked about now, days after the newest article


class Period(enum.StrEnum):
    """What a period a question names is called, by its length ("this week": a week): an
    answer from beyond it says which period held nothing (``Answer.outside_period``)."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    PERIOD = "period"  # open-ended, or longer than a year


class Note(BaseModel):
    """One note; ``day`` is the newest article's day for the two that say where news ends."""

    model_config = ConfigDict(frozen=True)

    kind: NoteKind
    day: dt.date | None = None

    @classmethod
    def news_ends(cls, day: dt.date) -> Note:
        return cls(kind=NoteKind.NEWS_ENDS, day=day)

    @classmethod
    def no_news_after(cls, day: dt.date) -> Note:
        return cls(kind=NoteKind.NO_NEWS_AFTER, day=day)
