"""Inline pages resumed from the lookup cache: same pages as without it, fresh after a commit,
bounded memory."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from retrieval import Library, lookup_articles
from retrieval.engines.tantivy import PassageIndex
from retrieval.lookup import LookupCache

from .conftest import write_jsonl
from .test_bot_inline import _glacier_articles

AS_OF = dt.date(2023, 6, 1)
PAGE = 20


def _scroll(library: Library, cache: LookupCache | None, text: str = "glacier survey") -> list[str]:
    """Every page as the bot asks them (one more than a page), the article keys shown."""
    keys: list[str] = []
    offset = 0
    while True:
        hits = lookup_articles(
            library.index, text, as_of=AS_OF, limit=PAGE + 1, offset=offset, cache=cache
        )
        keys += [hit.key for hit in hits[:PAGE]]
        if len(hits) <= PAGE:
            return keys
        offset += PAGE


@pytest.fixture
def glaciers(tmp_path: Path) -> Library:
    library = Library(tmp_path / "data", seed=False)
    library.ingest([write_jsonl(tmp_path / "glaciers.jsonl", _glacier_articles(47))])
    return library


def _count_calls(monkeypatch: pytest.MonkeyPatch, index: Any) -> dict[str, int]:
    calls = {"search": 0, "fetched": 0}
    search, fetch = index.search, index.fetch

    def counting_search(*args: Any, **kwargs: Any) -> Any:
        calls["search"] += 1
        return search(*args, **kwargs)

    def counting_fetch(hits: Any) -> Any:
        hits = list(hits)
        calls["fetched"] += len(hits)
        return fetch(hits)

    monkeypatch.setattr(index, "search", counting_search)
    monkeypatch.setattr(index, "fetch", counting_fetch)
    return calls


def test_pages_continue_each_other_with_and_without_the_cache(glaciers: Library) -> None:
    cached = _scroll(glaciers, LookupCache())
    plain = _scroll(glaciers, None)
    assert cached == plain
    assert len(cached) == len(set(cached)) == 47
    # One read of everything ranks the articles as the pages did.
    whole = lookup_articles(glaciers.index, "glacier survey", as_of=AS_OF, limit=100)
    assert [hit.key for hit in whole] == cached


def test_a_deeper_page_resumes_instead_of_searching_again(
    glaciers: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = _count_calls(monkeypatch, glaciers.index)
    _scroll(glaciers, None)
    plain = dict(calls)
    calls.update(search=0, fetched=0)
    _scroll(glaciers, LookupCache())
    # Uncached, each page searches and fetches from the top; cached, every passage is fetched
    # at most once and no tier is searched twice.
    assert calls["search"] < plain["search"] and calls["fetched"] < plain["fetched"]
    assert calls["fetched"] <= glaciers.index.passage_count


def test_a_commit_between_pages_is_seen_not_served_stale(glaciers: Library, tmp_path: Path) -> None:
    cache = LookupCache()
    lookup_articles(glaciers.index, "glacier survey", as_of=AS_OF, limit=21, cache=cache)
    before = glaciers.index.generation
    newest = {
        "id": "g-new",
        "title": "Glacier survey finds the fastest retreat",
        "date": "2023-05-31",
        "text": "The glacier survey of the institute found the fastest retreat yet.",
    }
    glaciers.ingest([write_jsonl(tmp_path / "new.jsonl", [newest])])
    assert glaciers.index.generation > before
    keys = _scroll(glaciers, cache)
    assert len(keys) == len(set(keys)) == 48  # the new article is there, none twice
    assert len(cache) == 1  # the scroll made before the commit is dropped


def test_another_process_commit_moves_the_generation(glaciers: Library, tmp_path: Path) -> None:
    index = glaciers.index
    generation = index.generation
    index.refresh()
    assert index.generation == generation  # nothing committed: pages keep their reading
    other = PassageIndex(glaciers.data_dir / "index")
    other_library = Library(glaciers.data_dir, seed=False, backend=other)
    other_library.ingest([write_jsonl(tmp_path / "more.jsonl", _glacier_articles(49)[47:])])
    index.refresh()
    assert index.generation > generation
    assert len(_scroll(glaciers, glaciers.lookup_cache)) == 49


def test_the_cache_is_bounded_by_queries_and_passages(glaciers: Library) -> None:
    few = LookupCache(max_entries=3)
    for word in ("glacier", "survey", "ice", "valley", "institute", "models", "decades"):
        lookup_articles(glaciers.index, word, as_of=AS_OF, limit=21, cache=few)
    assert len(few) == 3
    light = LookupCache(max_weight=50)
    for word in ("glacier", "survey", "ice"):
        lookup_articles(glaciers.index, word, as_of=AS_OF, limit=21, cache=light)
        assert light.weight <= 50
    # A scroll heavier than the whole budget is not kept, and pages are still right.
    assert _scroll(glaciers, light) == _scroll(glaciers, None)
    assert len(light) == 0
