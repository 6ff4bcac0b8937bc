"""Export, replacing an article by id and looking identities up, on both engines: tantivy and
OpenSearch (osmem-server on 127.0.0.1, as in test_opensearch_cluster.py)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from retrieval import Article, ArticleFilter, Library, OpenSearchConfig, url_identity
from retrieval.backend import day_number
from retrieval.engines import opensearch
from retrieval.engines.opensearch import OpenSearchIndex
from retrieval.engines.tantivy import PassageIndex
from retrieval.segment import paragraphs

from .conftest import SMALL_CORPUS, write_jsonl
from .test_stored_text import GALLERY

POST = Article(
    title="Ferry timetable changes",
    date=dt.date(2023, 11, 3),
    text="The night ferry to the island will leave at 23:40 from Monday.",
    url="https://t.me/eastgate_news/42",
    id="telegram:-1001234/42",
    source="Eastgate News",
)


def _libraries(tmp_path: Path, osmem_url: str) -> list[Library]:
    cluster = OpenSearchIndex(OpenSearchConfig(url=osmem_url, prefix="newsbot", replicas=0))
    both = [Library(tmp_path / "local"), Library(tmp_path / "cluster", backend=cluster)]
    corpus = write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    for library in both:
        library.ingest([corpus])
    return both


def test_both_engines_export_the_same_articles_and_filter_alike(
    tmp_path: Path, osmem_url: str
) -> None:
    local, cluster = _libraries(tmp_path, osmem_url)
    exported = list(local.articles())
    assert len(exported) == 4 and exported == list(cluster.articles())
    by_id = {a.id: a for a in exported}
    assert by_id["a1"].text == SMALL_CORPUS[0]["text"] and by_id["a1"].source == "example.com"
    for request in (
        ArticleFilter(since=dt.date(2023, 1, 1)),
        ArticleFilter(source="example.com"),
        ArticleFilter(language="en", since=dt.date(2022, 8, 10)),
    ):
        assert list(local.articles(request)) == list(cluster.articles(request))
    assert [a.id for a in local.articles(ArticleFilter(source="example.com"))] == ["a3", "a1"]


@pytest.mark.parametrize("engine", ["tantivy", "opensearch"])
def test_an_article_is_replaced_by_id_on_either_engine(
    tmp_path: Path, osmem_url: str, engine: str
) -> None:
    library = _libraries(tmp_path, osmem_url)[engine == "opensearch"]
    before = library.stats().articles
    assert library.replace_article(POST).added == 1  # nothing to replace yet: added
    edited = dataclasses.replace(POST, text="The night ferry to the island is cancelled.")
    report = library.replace_article(edited)
    assert report.added == 1 and library.stats().articles == before + 1
    (stored,) = [a for a in library.articles() if a.id == POST.id]
    assert stored.text == edited.text
    answer = library.answer("night ferry island", as_of=dt.date(2023, 11, 4))
    assert [s.text for s in answer.sentences if "ferry" in s.text] == [edited.text]
    assert library.stored_ids([url_identity(POST.url + "?utm_source=x"), "id:nope"]) == {
        url_identity(POST.url)
    }


@pytest.mark.parametrize("engine", ["tantivy", "opensearch"])
def test_a_text_is_exported_as_given_from_passages_that_hold_no_copy(
    tmp_path: Path, osmem_url: str, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(opensearch, "BULK_PASSAGES", 3)  # articles across pages
    library = _libraries(tmp_path, osmem_url)[engine == "opensearch"]
    gallery = dataclasses.replace(POST, text=GALLERY, id="gallery")
    assert library.ingest_articles(lambda _: [gallery]).added == 1
    exported = {a.id: a for a in library.articles()}
    assert exported["gallery"].text == "\n".join(paragraphs(GALLERY))
    assert exported["a1"].text == SMALL_CORPUS[0]["text"]
    if isinstance(library.index, PassageIndex):  # what searches read: no text in any passage
        added = library.stats().last_added
        assert added is not None
        stored = library.index.batch_documents(int(added.timestamp()), day_number(POST.date))
        assert len(stored) == 6 and not any(doc["text"] for doc in stored)
