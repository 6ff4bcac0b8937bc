"""retrieval's notes (``retrieval.Note``: why there are no sentences, where the news ends) in
the reader's language: one phrase per kind, the newest article's day written as the language
writes dates. retrieval gives the facts; only here are they put into words."""

from __future__ import annotations

import datetime as dt

from retrieval import Note, NoteKind

from ..i18n import DEFAULT_LANGUAGE, ENGLISH, N_, Translator

__all__ = ["note_text"]

_PHRASES = {
    NoteKind.NOTHING_TO_SEARCH: N_("There is nothing to search for in that question."),
    NoteKind.NO_DIRECT_ANSWER: N_("The collection has no direct answer to that question."),
    NoteKind.NO_MATCH: N_("Nothing in the collection matches that question."),
    NoteKind.NO_TOPIC_MATCH: N_("Nothing in the collection matches that topic."),
    NoteKind.NO_NEW_ARTICLES: N_("No new articles."),
    NoteKind.EMPTY_COLLECTION: N_("The collection is empty."),
    NoteKind.NO_NEWS_AFTER: N_("I have no news after {date}."),
    NoteKind.NEWS_ENDS: N_("My news ends on {date}."),
}


def note_text(note: Note | None, t: Translator = ENGLISH) -> str:
    """The note in ``t``'s language ("" for none)."""
    if note is None:
        return ""
    phrase = t(_PHRASES[note.kind])
    return phrase.format(date=_day(note.day, t)) if note.day is not None else phrase


def _day(day: dt.date, t: Translator) -> str:
    """English says the day as it always did in these notes ("18 Dec 2023", read the same in
    every English-speaking region); other languages as they write dates."""
    if t.language == DEFAULT_LANGUAGE:
        return f"{day.day} {day:%b %Y}"
    return t.date(day)
