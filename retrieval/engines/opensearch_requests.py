"""The requests the OpenSearch backend sends, as plain data: the index template, the BM25 query,
bulk lines. Kept apart from the client so that they read (and are tested) as what goes over the
wire."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from ..backend import DateRange, RecentRequest, SearchRequest, day_number, from_day_number
from ..documents import PassageDocument

__all__ = [
    "BM25_B",
    "BM25_K1",
    "EXPORT_ONLY",
    "bulk_actions",
    "day_range",
    "index_for",
    "month_index",
    "recent_body",
    "search_body",
    "template_body",
]

BM25_K1 = 1.2  # tantivy's values, so both engines rank alike
BM25_B = 0.75
PHRASE_BOOST = 2.0  # as in the tantivy index
# Stored fields that only export and migration read: left out of what searches fetch.
EXPORT_ONLY = ["furniture", "ids", "layout", "text"]


PERIODS = ("month", "year")


def month_index(prefix: str, day: dt.date) -> str:
    return f"{prefix}-{day.year:04d}.{day.month:02d}"


def index_for(prefix: str, day: dt.date, period: str = "month") -> str:
    """The index a passage of ``day`` goes to: ``<prefix>-YYYY.MM`` by month, ``<prefix>-YYYY``
    by year. Searches never name it: they go through the alias with a date filter."""
    if period == "year":
        return f"{prefix}-{day.year:04d}"
    return month_index(prefix, day)


def template_body(prefix: str, *, shards: int = 1, replicas: int = 1) -> dict[str, Any]:
    """The index template every month index is made from (settings, mappings, alias)."""
    terms = {"type": "text", "analyzer": "newsbot_terms", "similarity": "newsbot_bm25"}
    stored: dict[str, Any] = {"type": "text", "index": False}
    return {
        "index_patterns": [f"{prefix}-*"],
        "priority": 100,
        "template": {
            "settings": {
                "number_of_shards": shards,
                "number_of_replicas": replicas,
                "analysis": {
                    "analyzer": {"newsbot_terms": {"type": "custom", "tokenizer": "whitespace"}}
                },
                "similarity": {"newsbot_bm25": {"type": "BM25", "k1": BM25_K1, "b": BM25_B}},
            },
            "mappings": {
                "dynamic": "strict",
                "_source": {"excludes": ["body_terms", "title_terms"]},
                "properties": {
                    "key": {"type": "keyword"},
                    "ids": {"type": "keyword"},
                    "title": stored,
                    "title_terms": terms,
                    "body": stored,
                    "body_terms": terms,
                    "stems": stored,
                    "lead": stored,
                    "furniture": stored,
                    "layout": stored,
                    "text": stored,
                    "facts": stored,
                    "url": {"type": "keyword", "index": False},
                    "source": {"type": "keyword"},
                    "language": {"type": "keyword"},
                    "day": {"type": "integer"},
                    "pos": {"type": "integer"},
                    "added": {"type": "long"},
                },
            },
            "aliases": {prefix: {}},
        },
    }


def day_range(dates: DateRange) -> dict[str, Any]:
    bounds: dict[str, int] = {}
    if dates.start is not None:
        bounds["gte"] = day_number(dates.start)
    if dates.end is not None:
        bounds["lte"] = day_number(dates.end)
    return {"range": {"day": bounds}}


def search_body(request: SearchRequest) -> dict[str, Any]:
    """The BM25 query: one clause per stemmed term (and per phrase, boosted), as tantivy's;
    only articles in the request's language when it names one."""
    should: list[dict[str, Any]] = [
        {"match_phrase": {"body_terms": {"query": " ".join(phrase), "boost": PHRASE_BOOST}}}
        for phrase in request.phrases
    ]
    boost = request.title_boost
    for term in dict.fromkeys(request.terms):
        should.append({"term": {"body_terms": term}})
        if boost > 0:
            should.append({"term": {"title_terms": {"value": term, "boost": boost}}})
    query: dict[str, Any] = {"should": should, "minimum_should_match": 1}
    filters: list[dict[str, Any]] = []
    if not request.dates.open:
        filters.append(day_range(request.dates))
    if request.language is not None:
        filters.append({"term": {"language": request.language}})
    if request.required:  # one of the phrases must stand in the passage
        held = [{"match_phrase": {"body_terms": " ".join(phrase)}} for phrase in request.required]
        filters.append({"bool": {"should": held, "minimum_should_match": 1}})
    if filters:
        query["filter"] = filters
    size = request.limit
    return {"size": size, "_source": ["day"], "track_total_hits": False, "query": {"bool": query}}


def recent_body(request: RecentRequest) -> dict[str, Any]:
    """Lead passages (position 0) newest first, within the request's dates and ingestion times."""
    filters: list[dict[str, Any]] = [{"term": {"pos": 0}}]
    if not request.dates.open:
        filters.append(day_range(request.dates))
    if request.added_since is not None or request.added_until is not None:
        added: dict[str, int] = {}
        if request.added_since is not None:
            added["gt"] = request.added_since
        if request.added_until is not None:
            added["lte"] = request.added_until
        filters.append({"range": {"added": added}})
    return {
        "from": request.offset,
        "size": request.limit,
        "_source": {"excludes": EXPORT_ONLY},
        "query": {"bool": {"filter": filters}},
        "sort": [{"day": "desc"}],
    }


def bulk_actions(
    documents: Iterable[PassageDocument], prefix: str, period: str = "month"
) -> list[dict[str, Any]]:
    """Bulk actions (as opensearch-py's bulk helpers take them): each passage in its period's
    index, under an id made of its article key and position, so writing it again (a re-run,
    a resumed migration) replaces, never doubles."""
    return [
        {
            "_index": index_for(prefix, from_day_number(doc["day"]), period),
            "_id": f"{doc['key']}:{doc['pos']}",
            "_source": doc,
        }
        for doc in documents
    ]
