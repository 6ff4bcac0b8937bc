"""Long ingests split and stem on worker processes: the same documents, in the same order, and
the same index as the single-process path."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval import Article, PassageIndex
from retrieval import prepare as prepare_module
from retrieval.documents import passage_documents
from retrieval.prepare import prepared


def _articles(count: int) -> list[Article]:
    return [
        Article(
            title=f"Report {i}",
            date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 40),
            text=f"Mr. Smith met {i} officials in Washington. They talked.\n\nMore on item {i}.",
            id=f"r{i}",
        )
        for i in range(count)
    ]


def test_workers_give_the_same_documents_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare_module, "POOL_AFTER", 5)
    monkeypatch.setattr(prepare_module, "CHUNK", 7)
    articles = _articles(60)
    pooled = list(prepared(iter(articles), 42, processes=2))
    assert [a for a, _ in pooled] == articles
    assert [docs for _, docs in pooled] == [passage_documents(a, 42) for a in articles]


def test_pooled_ingest_builds_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare_module, "POOL_AFTER", 10)
    articles = _articles(80)
    single, pooled = PassageIndex(tmp_path / "one"), PassageIndex(tmp_path / "two")
    a = single.add_articles(articles + articles[:3], processes=1, commit_every=25)
    b = pooled.add_articles(articles + articles[:3], processes=2, commit_every=25)
    assert (
        (a.added, a.duplicates, a.passages) == (b.added, b.duplicates, b.passages) == (80, 3, 160)
    )
    assert a.added_keys == b.added_keys
    assert single.stats().articles == pooled.stats().articles == 80
    hits = pooled.search(["offici"], limit=200)
    assert len(hits) == 80 and {p.key for p in pooled.fetch(hits)} == set(a.added_keys)
