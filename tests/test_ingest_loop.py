"""The ingest loop both engines share (retrieval/engines/ingest.py), on an engine in memory."""

from __future__ import annotations

import datetime as dt

from retrieval import Article
from retrieval.documents import PassageDocument
from retrieval.engines import ingest as loop


class Memory:
    """A sink that keeps documents in a list and counts commits."""

    def __init__(self, stored: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        self.stored = set(stored)
        self.documents: list[PassageDocument] = []
        self.commits = 0
        self.lookups: list[list[str]] = []

    def known(self, ids: list[str]) -> set[str]:
        self.lookups.append(ids)
        return self.stored & set(ids)

    def put(self, documents: list[PassageDocument]) -> None:
        self.documents.extend(documents)
        self.stored |= {d["key"] for d in documents} | {i for d in documents for i in d["ids"]}

    def commit(self) -> None:
        self.commits += 1


def _article(n: int, ident: str = "") -> Article:
    return Article(
        title=f"Story {n}", date=dt.date(2023, 1, 1), text=f"Story number {n}.\n\nMore.", id=ident
    )


def test_duplicates_by_key_and_id_stored_or_in_this_run_are_skipped_and_counted() -> None:
    old = _article(1, "x1")
    sink = Memory({f"id:{old.id}"})
    renamed = Article(title="New title", date=old.date, text="Different text.", id="x1")
    articles = [old, _article(2), _article(2), renamed, _article(3, "y"), _article(4, "y")]
    heard: list[tuple[str, bool]] = []

    def hear(article: Article, added: bool) -> None:
        heard.append((article.title, added))

    report = loop.ingest(sink, articles, added_at=7, commit_every=2, on_article=hear, processes=0)
    assert (report.added, report.duplicates) == (2, 4)
    assert report.added_keys == [articles[1].key, articles[4].key]
    assert heard == [("Story 1", False), ("Story 2", True), ("Story 2", False),
                     ("New title", False), ("Story 3", True), ("Story 4", False)]  # fmt: skip
    assert report.passages == len(sink.documents) == 4 and {d["added"] for d in sink.documents} == {
        7
    }
    assert sink.commits == 1  # every 2 added articles, then the rest (none left)


def test_batches_ask_once_and_commit_every_n() -> None:
    sink = Memory()
    report = loop.ingest(
        sink, (_article(n) for n in range(1203)), added_at=1, commit_every=4000, processes=0
    )
    assert report.added == 1203 and sink.commits == 1
    assert [len(ids) for ids in sink.lookups] == [500, 500, 203]  # one lookup a batch
    small = Memory()
    loop.ingest(small, (_article(n) for n in range(10)), added_at=1, commit_every=3, processes=0)
    assert small.commits == 4  # 3, 6, 9, then the last one
