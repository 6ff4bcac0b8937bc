"""The OpenSearch backend without a cluster: the request bodies we send, and recorded responses
replayed through opensearch-py's own transport."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any

import pytest
from opensearchpy import Connection, OpenSearch

from retrieval import Article, IndexError_, OpenSearchConfig
from retrieval.backend import DateRange, PassageHit, SearchRequest, day_number
from retrieval.documents import passage_documents
from retrieval.engines.opensearch import OpenSearchIndex
from retrieval.engines.opensearch_requests import (
    BM25_B,
    BM25_K1,
    bulk_actions,
    index_for,
    month_index,
    search_body,
    template_body,
)
from retrieval.tokenize import tokenize

JUNE = dt.date(2019, 6, 20)


def test_template_sets_bm25_whitespace_terms_and_the_alias() -> None:
    body = template_body("news", shards=3, replicas=2)
    assert body["index_patterns"] == ["news-*"]
    settings = body["template"]["settings"]
    assert settings["number_of_shards"] == 3 and settings["number_of_replicas"] == 2
    assert settings["similarity"]["newsbot_bm25"] == {"type": "BM25", "k1": BM25_K1, "b": BM25_B}
    assert settings["analysis"]["analyzer"]["newsbot_terms"]["tokenizer"] == "whitespace"
    mappings = body["template"]["mappings"]
    assert mappings["properties"]["body_terms"]["similarity"] == "newsbot_bm25"
    assert mappings["properties"]["body"]["index"] is False  # stored, searched via body_terms
    assert "body_terms" in mappings["_source"]["excludes"]
    assert body["template"]["aliases"] == {"news": {}}


def test_search_body_is_one_clause_per_term_phrase_boosted_dates_filtered() -> None:
    body = search_body(
        SearchRequest(
            ["s", "400", "turkey", "turkey"],
            dates=DateRange(JUNE, dt.date(2019, 7, 2)),
            limit=7,
            title_boost=1.5,
            phrases=[("s", "400")],
        )
    )
    query = body["query"]["bool"]
    assert body["size"] == 7 and body["_source"] == ["day"]
    assert query["minimum_should_match"] == 1  # a filter alone must not match everything
    assert query["should"][0] == {"match_phrase": {"body_terms": {"query": "s 400", "boost": 2.0}}}
    terms = [c["term"]["body_terms"] for c in query["should"] if "body_terms" in c.get("term", {})]
    assert terms == ["s", "400", "turkey"]
    titles = [
        c["term"]["title_terms"] for c in query["should"] if "title_terms" in c.get("term", {})
    ]
    assert titles[0] == {"value": "s", "boost": 1.5}
    day_range = {"gte": day_number(JUNE), "lte": day_number(dt.date(2019, 7, 2))}
    assert query["filter"] == [{"range": {"day": day_range}}]
    assert "filter" not in search_body(SearchRequest(["x"]))["query"]["bool"]


def test_bulk_puts_each_passage_in_its_month_with_stable_ids_and_our_tokens() -> None:
    article = Article(title="Erdoğan's S-400", date=JUNE, text="Running late.\n\nSecond one.")
    docs = passage_documents(article, added_at=1).documents
    actions = bulk_actions(docs, "news")
    assert [(a["_index"], a["_id"]) for a in actions] == [
        ("news-2019.06", f"{article.key}:0"),
        ("news-2019.06", f"{article.key}:1"),
    ]
    first = actions[0]["_source"]
    assert first["body_terms"] == " ".join(tokenize("Running late."))
    assert first["title_terms"] == "erdoğan s s 400"
    assert first["ids"] == [article.key] and actions[1]["_source"]["ids"] == []
    assert [a["_index"] for a in bulk_actions(docs, "news", "year")] == ["news-2019"] * 2


def test_indices_are_named_by_month_or_year() -> None:
    assert month_index("n", dt.date(2020, 1, 31)) == "n-2020.01"
    assert index_for("n", dt.date(2020, 1, 31), "year") == "n-2020"
    assert index_for("n", dt.date(2020, 1, 31), "month") == "n-2020.01"


# -- replayed responses through the client's transport -----------------------------------------


class Replay(Connection):
    """A connection that answers from recorded responses, by method and path, and keeps what
    it was asked."""

    def __init__(self, replies: dict[tuple[str, str], Any], log: list[Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.replies, self.log = replies, log

    def perform_request(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None = None,
        body: bytes | None = None,
        timeout: float | None = None,
        ignore: Any = (),
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        path = url.split("?")[0]
        text = body.decode() if isinstance(body, bytes) else body or ""
        lines = [json.loads(line) for line in text.splitlines() if line.strip()]
        sent = lines[0] if len(lines) == 1 else lines  # _bulk sends JSON lines
        self.log.append((method, path, dict(params or {}), sent))
        status, reply = self.replies.get((method, path), (404, {"error": "not recorded"}))
        raw = json.dumps(reply)
        if status >= 400 and status not in ignore:
            self._raise_error(status, raw)
        return status, {}, raw


MONTHS: dict[str, Any] = {"n-2019.06": {"aliases": {"n": {}}}, "n-2019.07": {"aliases": {"n": {}}}}
STORED = {
    "key": "k1",
    "title": "Turkey buys S-400",
    "body": "Turkey took delivery.\nIt is the first.",
    "stems": "turkey took deliveri\nfirst",
    "lead": "",
    "url": "https://example.org/a",
    "source": "example.org",
    "day": day_number(JUNE),
    "pos": 1,
    "added": 5,
}


def _replayed(replies: dict[tuple[str, str], Any]) -> tuple[OpenSearchIndex, list[Any]]:
    log: list[Any] = []
    base = {
        ("PUT", "/_index_template/n"): (200, {"acknowledged": True}),
        ("GET", "/_alias/n"): (200, MONTHS),
        ("POST", "/n/_count"): (200, {"count": 40}),
        ("GET", "/n/_count"): (200, {"count": 40}),
    }
    client = OpenSearch(
        hosts=["http://cluster.invalid:9200"],
        connection_class=Replay,
        replies={**base, **replies},
        log=log,
    )
    return OpenSearchIndex(
        OpenSearchConfig(url="http://u:p@cluster.invalid", prefix="n"), client=client
    ), log


def test_replayed_search_and_fetch_give_passages_with_scores_and_dates() -> None:
    hit = {"_index": "n-2019.06", "_id": "k1:1", "_score": 3.5, "_source": {"day": STORED["day"]}}
    found = {"_index": "n-2019.06", "_id": "k1:1", "found": True, "_source": STORED}
    index, log = _replayed(
        {
            ("POST", "/n/_search"): (200, {"hits": {"hits": [hit]}}),
            ("POST", "/_mget"): (200, {"docs": [found]}),
        }
    )
    assert index.passage_count == 40
    hits = index.search(
        SearchRequest(["turkey"], DateRange(dt.date(2019, 6, 1), dt.date(2019, 6, 30)))
    )
    assert hits == [PassageHit(3.5, day_number(JUNE), ("n-2019.06", "k1:1"))]
    _, path, params, body = log[-1]
    assert path == "/n/_search"  # the alias; the dates are a filter, never an index list
    assert params["search_type"] == "dfs_query_then_fetch"  # all indices' statistics
    assert body["query"]["bool"]["should"] == [{"term": {"body_terms": "turkey"}}]
    assert body["query"]["bool"]["filter"][0]["range"]["day"]["gte"] == day_number(
        dt.date(2019, 6, 1)
    )
    [passage] = index.fetch(hits)
    assert passage.date == JUNE and passage.score == 3.5 and passage.position == 1
    assert passage.stems == (("turkey", "took", "deliveri"), ("first",))
    assert passage.sentences == ["Turkey took delivery.", "It is the first."]
    assert log[-1][1] == "/_mget"
    assert log[-1][2]["_source_excludes"] == "furniture,ids,layout,text"  # export's only


def test_cluster_errors_become_one_line_without_credentials() -> None:
    index, _ = _replayed({("POST", "/n/_search"): (500, {"error": "boom"})})
    with pytest.raises(IndexError_) as caught:
        index.search(SearchRequest(["turkey"]))
    message = str(caught.value)
    assert "cluster.invalid" in message and "u:p" not in message and "\n" not in message


def test_replayed_ingest_skips_known_articles_and_reports_like_tantivy() -> None:
    known = Article(title="Old", date=JUNE, text="Already there.", id="x1")
    new = Article(title="New", date=dt.date(2019, 7, 3), text="Fresh news.\n\nMore.")
    index, log = _replayed(
        {
            ("POST", "/n/_search"): (200, {"hits": {"hits": [{"_source": {"ids": ["id:x1"]}}]}}),
            ("POST", "/_bulk"): (200, {"errors": False, "items": [{"index": {"status": 201}}] * 2}),
            ("POST", "/n/_refresh"): (200, {}),
        }
    )
    seen: list[tuple[str, bool]] = []
    report = index.add_articles(
        [known, new, new], on_article=lambda a, added: seen.append((a.title, added))
    )
    assert (report.added, report.duplicates, report.passages) == (1, 2, 2)
    assert report.added_keys == [new.key] and seen == [
        ("Old", False),
        ("New", True),
        ("New", False),
    ]
    lookup = next(entry for entry in log if entry[1] == "/n/_search")
    assert set(lookup[3]["query"]["terms"]["ids"]) == {known.key, "id:x1", new.key}
    bulk = next(entry for entry in log if entry[1] == "/_bulk")[3]  # action, source, ...
    assert [line["index"]["_index"] for line in bulk[::2]] == ["n-2019.07", "n-2019.07"]
    assert {line["key"] for line in bulk[1::2]} == {new.key}


def test_generation_moves_when_the_cluster_holds_other_passages() -> None:
    index, _ = _replayed({("POST", "/n/_refresh"): (200, {})})
    replies = index.client.transport.get_connection().replies
    generation = index.generation
    index.refresh()
    assert index.generation == generation  # same months and count: cached pages stay valid
    replies[("POST", "/n/_count")] = (200, {"count": 45})  # another process added passages
    index.refresh()
    assert index.generation == generation + 1
    index.publish()  # our own writes
    assert index.generation == generation + 2
