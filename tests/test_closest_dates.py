"""Time words prefer, they never empty an answer (issue 26, item 7): when nothing from the
asked week or month answers, the closest dates do, and the answer says which period held
nothing; "nothing matches" only when nothing at all does."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import pytest

from retrieval import Library, Note, NoteKind
from retrieval.answer import period_kind
from retrieval.backend import Passage, PassageHit, SearchRequest
from retrieval.passages import Recall, collection_query, rank_passages
from retrieval.timewords import TimeScope

from .conftest import write_jsonl

ASKED = dt.date(2024, 6, 30)


def _records() -> list[dict[str, str]]:
    library = {
        "id": "elm",
        "title": "Council votes to close the Elm Street library",
        "date": "2024-01-10",
        "url": "https://news.example.com/elm-library",
        "text": "The city council voted 6-3 on Tuesday to close the Elm Street library in "
        "March.\nThe library's books will move to the new central library on Oak Avenue.\n"
        "Residents said the Elm Street library had served the neighbourhood for 80 years.",
    }
    week = [
        {
            "id": f"week{i}",
            "title": title,
            "date": (ASKED - dt.timedelta(days=i)).isoformat(),
            "text": text,
        }
        for i, (title, text) in enumerate(
            [
                ("Heat wave this week", "Temperatures reached 35 degrees in the city this week."),
                ("Summer festival opens", "The summer festival opened with a parade downtown."),
                ("Road works on Main Street", "Main Street is closed for repairs until July."),
            ]
        )
    ]
    return [library, *week]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    built = Library(tmp_path / "data", seed=False)
    built.ingest([write_jsonl(tmp_path / "news.jsonl", _records())])
    return built


def test_this_week_with_nothing_from_the_week_answers_from_the_closest_dates(
    library: Library,
) -> None:
    answer = library.answer(
        "What did the council decide about the Elm Street library this week?", as_of=ASKED
    )
    assert answer.found and answer.outside_period == "week"
    assert answer.sentences[0].date == dt.date(2024, 1, 10)
    assert "Elm Street library" in answer.sentences[0].text
    assert answer.note != Note(kind=NoteKind.NO_MATCH)


def test_a_named_month_without_reports_answers_from_the_closest_dates(library: Library) -> None:
    answer = library.answer("Elm Street library council vote in March 2024", as_of=ASKED)
    assert answer.found and answer.outside_period == "month"
    assert answer.scope_start is None  # the reports come from beyond the month
    assert answer.sentences[0].date == dt.date(2024, 1, 10)


def test_a_named_month_with_reports_keeps_them(library: Library) -> None:
    answer = library.answer("summer festival parade in June 2024", as_of=ASKED)
    assert answer.found and not answer.outside_period
    assert all(s.date.month == 6 for s in answer.sentences)


def test_news_from_the_period_needs_no_word(library: Library) -> None:
    answer = library.answer("Which street is closed for repairs this week?", as_of=ASKED)
    assert answer.found and answer.outside_period is None
    assert "Main Street" in answer.sentences[0].text


def test_nothing_matches_only_when_nothing_at_all_does(library: Library) -> None:
    answer = library.answer("quantum chromodynamics lattice this week", as_of=ASKED)
    assert not answer.found and not answer.outside_period
    assert answer.note == Note(kind=NoteKind.NO_MATCH)


@pytest.mark.parametrize(
    ("days", "kind"),
    [(1, "day"), (3, "day"), (11, "week"), (17, "week"), (31, "month"), (365, "year")],
)
def test_period_kinds(days: int, kind: str) -> None:
    start = dt.date(2024, 1, 1)
    assert period_kind(TimeScope(start, start + dt.timedelta(days=days - 1), False)) == kind
    assert period_kind(TimeScope(start, None, True)) == "period"


def test_an_answer_that_searches_again_asks_the_engine_once(
    library: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The closest dates search the question without its period, whose search of the whole
    # collection the search with it made already: one answer asks the engine once for it and
    # reads each passage once, and ranks the same passages.
    index = library.index
    searched: list[SearchRequest] = []
    read: list[PassageHit] = []
    search, fetch = index.search, index.fetch

    def counting_search(request: SearchRequest) -> list[PassageHit]:
        searched.append(request)
        return search(request)

    def counting_fetch(hits: Iterable[PassageHit]) -> list[Passage]:
        hits = list(hits)
        read.extend(hits)
        return fetch(hits)

    monkeypatch.setattr(index, "search", counting_search)
    monkeypatch.setattr(index, "fetch", counting_fetch)
    query = collection_query(index, "Who runs the Elm Street library this week?", ASKED)
    alone = rank_passages(index, query)
    asked, fetched = len(searched), len(read)
    assert asked and fetched
    recall = Recall()
    assert rank_passages(index, query, recall=recall) == alone
    assert rank_passages(index, query, recall=recall) == alone
    assert len(searched) == 2 * asked and len(read) == 2 * fetched  # the second: none
