"""The tantivy passage index: incremental adds, duplicates, date ranges, stats."""

from __future__ import annotations

import contextlib
import datetime as dt
import json
from pathlib import Path

import pytest

from retrieval import Article, DateRange, PassageIndex, SearchRequest
from retrieval.backend import IndexError_
from retrieval.tokenize import content_words, tokenize


def _article(title: str, day: str, text: str, **kw) -> Article:
    return Article(title=title, date=dt.date.fromisoformat(day), text=text, **kw)


def test_incremental_add_and_duplicates(tmp_path: Path) -> None:
    index = PassageIndex(tmp_path)
    first = [_article("A", "2020-01-01", "Alpha text.\n\nSecond paragraph.")]
    report = index.add_articles(first)
    assert (report.added, report.duplicates, report.passages) == (1, 0, 2)
    again = [
        _article("A", "2020-01-01", "Alpha   text.\n\nSecond paragraph."),  # same content
        _article("B", "2020-02-01", "Beta text.", id="b"),
        _article("B2", "2020-02-02", "Other text.", id="b"),  # same id
    ]
    report = index.add_articles(again)
    assert (report.added, report.duplicates) == (1, 2)
    reopened = PassageIndex(tmp_path)
    stats = reopened.stats()
    assert (stats.articles, stats.passages) == (2, 3)
    assert (stats.first_date, stats.last_date) == (dt.date(2020, 1, 1), dt.date(2020, 2, 1))


def test_search_with_date_range(tmp_path: Path) -> None:
    index = PassageIndex(tmp_path)
    index.add_articles(
        [_article(f"T{m}", f"2020-{m:02d}-15", f"Vaccine news in month {m}.") for m in range(1, 7)]
    )
    march_april = DateRange(dt.date(2020, 3, 1), dt.date(2020, 4, 30))
    hits = index.search(SearchRequest(content_words("vaccine news"), march_april))
    dates = sorted(p.date for p in index.fetch(hits))
    assert dates == [dt.date(2020, 3, 15), dt.date(2020, 4, 15)]


def test_the_index_holds_our_tokens_stop_words_included(tmp_path: Path) -> None:
    """The index is searched with exactly the tokens tokenize.py makes, whatever tantivy's own
    analyzers would make: "علماً" is "علما" to Python (its mark is not alphanumeric), and
    tantivy's en_stem kept it whole. Stop words are indexed, so phrases keep their order."""
    index = PassageIndex(tmp_path)
    index.add_articles(
        [
            _article("Union", "2020-01-01", "The union of the state called a vote."),
            _article("Speech", "2020-01-02", "The State of the Union speech was long."),
            _article("Word", "2020-01-03", "He said علماً twice."),
        ]
    )
    assert tokenize("علماً") == ["علما"] and index.doc_freq("علما") == 1
    assert index.doc_freq("the") == 2 and index.doc_freq("speech") == 1
    state_of = [tokenize("State of the Union")]
    hits = index.search(SearchRequest(content_words("state union"), phrases=state_of))
    assert [p.title for p in index.fetch(hits)] == ["Speech", "Union"]
    stored = index.fetch(index.search(SearchRequest(["word"], title_boost=1.0)))[0]
    assert (stored.title, stored.text) == ("Word", "He said علماً twice.")


@pytest.mark.parametrize("schema", [4, 7])  # 7: Snowball Russian and Arabic tokens
def test_an_index_of_another_schema_is_refused_with_what_to_do(tmp_path: Path, schema: int) -> None:
    (tmp_path / "newsbot-index.json").write_text(json.dumps({"schema": schema}))
    with pytest.raises(IndexError_) as refused:
        PassageIndex(tmp_path)
    assert "older newsbot" in str(refused.value) and "newsbot index" in str(refused.value)


def test_empty_index_stats(tmp_path: Path) -> None:
    stats = PassageIndex(tmp_path).stats()
    assert stats.articles == 0 and stats.first_date is None


def test_interrupted_ingest_keeps_last_commit(tmp_path: Path) -> None:
    index = PassageIndex(tmp_path)
    index.add_articles([_article("Kept", "2020-01-01", "Kept text.")])

    def exploding():
        yield _article("Lost", "2020-01-02", "Lost text.")
        raise KeyboardInterrupt

    with contextlib.suppress(KeyboardInterrupt):
        index.add_articles(exploding())
    reopened = PassageIndex(tmp_path)
    assert reopened.stats().articles == 1
    assert reopened.add_articles([_article("Lost", "2020-01-02", "Lost text.")]).added == 1


def test_two_writers_at_once_take_turns_and_lose_nothing(tmp_path: Path) -> None:
    """A feed poll and `newsbot index` at the same time: one writer at a time, both complete."""
    import threading

    index = PassageIndex(tmp_path)
    batches = [
        [_article(f"{name}{i}", "2021-03-01", f"Story {name} number {i}.") for i in range(300)]
        for name in ("feed", "cli")
    ]
    other = PassageIndex(tmp_path)  # a second handle, as another process would have
    reports = []

    def write(target: PassageIndex, batch: list) -> None:
        reports.append(target.add_articles(batch, commit_every=50))

    threads = [
        threading.Thread(target=write, args=(target, batch))
        for target, batch in zip((index, other), batches, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r.added for r in reports) == [300, 300]
    assert PassageIndex(tmp_path).stats().articles == 600
