"""The passage index on a cluster: OpenSearch (or a compatible server) through opensearch-py.
Implements `backend.SearchBackend`; the only module that imports the client.

One index per month of article date (``<prefix>-YYYY.MM``), all made from one index template
and searched through the alias ``<prefix>``; a date range searches only the months it covers.

Analysis: we index our own tokens (``tokenize.tokenize``: lowercased alphanumeric runs, Snowball
English stems, stop words kept for phrases) into ``*_terms`` fields with a whitespace analyzer,
rather than rebuild the chain from OpenSearch's filters: the engine's standard tokenizer splits
"S-400", apostrophes and long tokens differently, so its stems would drift from the query terms
and the sentence stems the answer path uses. Pre-stemmed tokens make both engines see exactly the
same terms. BM25 ``k1``/``b`` are set to tantivy's (1.2 / 0.75).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from opensearchpy import OpenSearch
from opensearchpy.exceptions import OpenSearchException

from .articles import Article
from .backend import (
    AddReport,
    DateRange,
    IndexError_,
    IndexStats,
    Passage,
    PassageHit,
    from_day_number,
)
from .documents import (
    PassageDocument,
    duplicate_ids,
    passage_documents,
    stored_article,
    to_passage,
)
from .opensearch_requests import (
    EXPORT_ONLY,
    bulk_actions,
    day_range,
    month_index,
    recent_body,
    search_body,
    template_body,
)

if TYPE_CHECKING:  # annotations only
    from .backend import ArticleFilter, OpenSearchConfig, RecentRequest, SearchRequest

__all__ = ["OpenSearchIndex"]

BULK_ARTICLES = 500  # articles per duplicate lookup and bulk request
BULK_PASSAGES = 2000  # passages per page read out (export)
_DOC_FREQ_CACHE = 50_000  # terms; cleared on refresh, so memory stays bounded


class OpenSearchIndex:
    """Passages in an OpenSearch cluster; the same answers as tantivy from the same passages."""

    engine = "opensearch"

    def __init__(self, config: OpenSearchConfig, *, client: OpenSearch | None = None) -> None:
        self.config = config
        self.alias = config.prefix
        self.client = client or OpenSearch(
            hosts=[config.url],
            http_auth=(config.user, config.password) if config.user else None,
            verify_certs=config.verify_tls,
            ssl_show_warn=config.verify_tls,
            timeout=config.timeout,
        )
        self._months: set[str] = set()
        self._passages = 0
        self._doc_freq: dict[str, int] = {}
        self._refreshed = 0.0
        self._generation = 0
        with self._errors("set up"):
            self.client.indices.put_index_template(
                name=config.prefix,
                body=template_body(config.prefix, shards=config.shards, replicas=config.replicas),
            )
        self.refresh()

    @contextlib.contextmanager
    def _errors(self, doing: str) -> Iterator[None]:
        """Client errors as one line that names the cluster's host, never its credentials."""
        try:
            yield
        except OpenSearchException as exc:
            host = self.config.url.split("@")[-1]
            reason = str(exc).split("\n")[0][:200]
            raise IndexError_(f"cannot {doing} the OpenSearch index at {host}: {reason}") from exc

    # -- reading state ----------------------------------------------------------------------

    def refresh(self, max_age: float = 0.0) -> None:
        """Re-read the month indices and counts (another process may have added articles)."""
        if time.monotonic() - self._refreshed < max_age:
            return
        with self._errors("read"):
            # 404 before the first article: no month index, no alias (and no warning logged)
            aliases = self.client.indices.get_alias(name=self.alias, ignore=404)
            months = {name for name in aliases if name.startswith(f"{self.alias}-")}
            passages = self._count({"match_all": {}}) if months else 0
        # New articles add passages (none are deleted): the count and months tell a change.
        if (months, passages) != (self._months, self._passages):
            self._generation += 1
        self._months, self._passages = months, passages
        self._doc_freq.clear()
        self._span: tuple[dt.date | None, dt.date | None] | None = None
        self._languages: dict[str, int] | None = None
        self._refreshed = time.monotonic()

    @property
    def generation(self) -> int:
        return self._generation

    def _count(self, query: dict[str, Any], index: str | None = None) -> int:
        result = self.client.count(index=index or self.alias, body={"query": query})
        return int(result["count"])

    def _indices(self, dates: DateRange) -> str | None:
        """The indices a date range needs: the alias when open, else the months it covers that
        exist (None: no month of the range has articles)."""
        if dates.open:
            return self.alias if self._months else None
        if not self._months:
            return None
        known = sorted(self._months)
        first = _month_start(known[0], self.alias)
        last = _month_start(known[-1], self.alias)
        wanted = [month_index(self.alias, dt.date(y, m, 1)) for y, m in dates.months(first, last)]
        names = [name for name in wanted if name in self._months]
        return ",".join(names) or None

    @property
    def passage_count(self) -> int:
        return self._passages

    def doc_freq(self, term: str) -> int:
        if term not in self._doc_freq:
            if len(self._doc_freq) >= _DOC_FREQ_CACHE:
                self._doc_freq.clear()
            with self._errors("read"):
                found = self._count({"term": {"body_terms": term}}) if self._months else 0
            self._doc_freq[term] = found
        return self._doc_freq[term]

    # -- searching --------------------------------------------------------------------------

    def _search(self, index: str, body: dict[str, Any], **params: Any) -> list[dict[str, Any]]:
        with self._errors("search"):
            result = self.client.search(
                index=index, body=body, params={"ignore_unavailable": "true", **params}
            )
        return cast(list[dict[str, Any]], result["hits"]["hits"])

    def search(self, request: SearchRequest) -> list[PassageHit]:
        """Passages ranked by BM25 for the request's terms, within its dates and language."""
        index = self._indices(request.dates)
        if not request.terms or index is None:
            return []
        body = search_body(request)
        params = {"search_type": "dfs_query_then_fetch"} if self.config.dfs else {}
        return [
            PassageHit(
                float(hit["_score"]), int(hit["_source"]["day"]), (hit["_index"], hit["_id"])
            )
            for hit in self._search(index, body, **params)
        ]

    def fetch(self, hits: Iterable[PassageHit]) -> list[Passage]:
        """Load the stored text and metadata of ranked passages."""
        hits = list(hits)
        if not hits:
            return []
        refs = [cast(tuple[str, str], hit.ref) for hit in hits]
        with self._errors("read"):
            result = self.client.mget(
                body={"docs": [{"_index": i, "_id": d} for i, d in refs]},
                params={"_source_excludes": ",".join(EXPORT_ONLY)},
            )
        return [
            to_passage(doc["_source"], hit.score)
            for doc, hit in zip(result["docs"], hits, strict=True)
            if doc.get("found")
        ]

    def recent_articles(self, request: RecentRequest) -> list[Passage]:
        """Lead passages of the newest articles, by date, as ``request`` asks."""
        index = self._indices(request.dates)
        if index is None:
            return []
        return [
            to_passage(hit["_source"], 0.0) for hit in self._search(index, recent_body(request))
        ]

    def stats(self) -> IndexStats:
        """What the cluster holds: counts and the date range covered."""
        if not self._months:
            return IndexStats(0, 0, None, None, None, engine=self.engine)
        body = {
            "size": 0,
            "track_total_hits": True,
            "query": {"term": {"pos": 0}},
            "aggs": {
                "first": {"min": {"field": "day"}},
                "last": {"max": {"field": "day"}},
                "added": {"max": {"field": "added"}},
                "languages": {"terms": {"field": "language", "size": 50}},
            },
        }
        with self._errors("read"):
            result = self.client.search(index=self.alias, body=body)
            passages = self._count({"match_all": {}})
        articles = int(result["hits"]["total"]["value"])
        if not articles:
            return IndexStats(0, passages, None, None, None, engine=self.engine)
        aggs = result["aggregations"]
        return IndexStats(
            articles=articles,
            passages=passages,
            first_date=from_day_number(int(aggs["first"]["value"])),
            last_date=from_day_number(int(aggs["last"]["value"])),
            last_added=dt.datetime.fromtimestamp(int(aggs["added"]["value"]), tz=dt.UTC),
            engine=self.engine,
            languages={str(b["key"]): int(b["doc_count"]) for b in aggs["languages"]["buckets"]},
        )

    def date_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last article days, read once per refresh."""
        if self._span is None:
            self._read_span()
        return cast(tuple[dt.date | None, dt.date | None], self._span)

    def language_counts(self) -> dict[str, int]:
        """Articles per language, most first, read once per refresh."""
        if self._languages is None:
            self._read_span()
        return self._languages or {}

    def _read_span(self) -> None:
        stats = self.stats()
        self._span = (stats.first_date, stats.last_date)
        self._languages = stats.languages

    def sources(self, limit: int = 50) -> list[tuple[str, int]]:
        """Outlets and their article counts, most first."""
        if not self._months:
            return []
        body = {
            "size": 0,
            "query": {"term": {"pos": 0}},
            "aggs": {"sources": {"terms": {"field": "source", "size": limit}}},
        }
        with self._errors("read"):
            result = self.client.search(index=self.alias, body=body)
        buckets = result["aggregations"]["sources"]["buckets"]
        return [(str(b["key"]) or "unknown", int(b["doc_count"])) for b in buckets]

    # -- writing ----------------------------------------------------------------------------

    def _known_ids(self, ids: list[str]) -> set[str]:
        """Which of these article ids (keys and "id:..." values) the cluster holds already."""
        if not ids or not self._months:
            return set()
        body = {"size": len(ids), "_source": ["ids"], "query": {"terms": {"ids": ids}}}
        hits = self._search(self.alias, body)
        return {ident for hit in hits for ident in hit["_source"].get("ids", [])} & set(ids)

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these identities are stored."""
        return self._known_ids(list(dict.fromkeys(ids)))

    def replace_article(
        self, article: Article, *, wait: float = 0.0, added_at: int | None = None
    ) -> AddReport:
        """Store ``article`` in place of the one stored with its id: the old passages are
        deleted, the new ones written, then both made searchable together."""
        if not article.id:
            raise ValueError("only an article with an id can replace another")
        self.refresh()
        stale: list[tuple[str, str]] = []
        if self._months:
            body = {"size": 1, "_source": ["key"], "query": {"term": {"ids": f"id:{article.id}"}}}
            for hit in self._search(self.alias, body):
                key = hit["_source"]["key"]
                passages = {"size": 10_000, "_source": False, "query": {"term": {"key": key}}}
                stale += [(p["_index"], p["_id"]) for p in self._search(self.alias, passages)]
        if stale:
            with self._errors("write"):
                self.client.bulk(body=[{"delete": {"_index": i, "_id": d}} for i, d in stale])
            self.publish()
        return self.add_articles([article], added_at=added_at)

    def articles(self, request: ArticleFilter) -> Iterator[Article]:
        """The stored articles ``request`` selects, oldest day first, each rebuilt from its
        passages: one scan of them in article order, a page at a time."""
        if not self._months:
            return
        filters: list[dict[str, Any]] = []  # every passage holds its article's values
        if request.since is not None:
            filters.append(day_range(DateRange(request.since, None)))
        for name, value in (("source", request.source), ("language", request.language)):
            if value is not None:
                filters.append({"term": {name: value}})
        passages: list[dict[str, Any]] = []
        for hit in self._scan(filters):
            if passages and hit["key"] != passages[0]["key"]:
                yield stored_article(passages)
                passages = []
            passages.append(hit)
        if passages:
            yield stored_article(passages)

    def _scan(self, filters: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        """Every passage the filters select, an article's together, oldest day first."""
        after: list[Any] | None = None
        while True:
            body: dict[str, Any] = {
                "size": BULK_PASSAGES,
                "_source": {"excludes": ["lead", "stems"]},  # what an article is made of
                "query": {"bool": {"filter": filters}},
                "sort": [{"day": "asc"}, {"added": "asc"}, {"key": "asc"}, {"pos": "asc"}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._search(self.alias, body)
            yield from (hit["_source"] for hit in hits)
            if len(hits) < BULK_PASSAGES:
                return
            after = hits[-1]["sort"]

    def put_documents(self, documents: list[PassageDocument]) -> None:
        """Write passage documents as they are (bulk); the same passage twice is stored once."""
        if not documents:
            return
        with self._errors("write"):
            result = self.client.bulk(body=bulk_actions(documents, self.alias))
        failed = [item for item in result["items"] if item["index"].get("error")]
        if failed:
            error = failed[0]["index"]["error"]
            reason = error.get("reason", error) if isinstance(error, dict) else error
            raise IndexError_(
                f"the OpenSearch cluster refused {len(failed)} passages: {str(reason)[:200]}"
            )
        self._months |= {month_index(self.alias, from_day_number(d["day"])) for d in documents}

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = BULK_ARTICLES,
        wait: float = 0.0,
        added_at: int | None = None,
    ) -> AddReport:
        """Index new articles; duplicates (same key or id, in the cluster or this run) skipped.
        Each batch is one lookup and one bulk request; what the cluster acknowledged is kept.
        A cluster takes several writers at once: nothing to wait for (``wait`` is unused)."""
        self.refresh()  # months another process made: their articles are duplicates too
        report = AddReport()
        added_at = int(time.time()) if added_at is None else added_at
        seen: set[str] = set()
        batch: list[Article] = []
        size = max(1, min(commit_every, BULK_ARTICLES))

        def flush() -> None:
            ids = [ident for article in batch for ident in _article_ids(article)]
            known = self._known_ids(ids)
            documents: list[PassageDocument] = []
            fresh: list[tuple[Article, bool]] = []
            seen.update(known)
            for article in batch:
                article_ids = set(_article_ids(article))
                duplicate = bool(article_ids & seen)
                if not duplicate:
                    seen.update(article_ids)
                    built = passage_documents(article, added_at)
                    documents.extend(built.documents)
                    report.added += 1
                    report.passages += len(built.documents)
                    report.sentences += built.sentences
                    report.furniture += built.furniture
                    report.added_keys.append(article.key)
                else:
                    report.duplicates += 1
                fresh.append((article, not duplicate))
            self.put_documents(documents)
            if on_article is not None:
                for article, added in fresh:
                    on_article(article, added)
            batch.clear()

        for article in articles:
            batch.append(article)
            if len(batch) >= size:
                flush()
        if batch:
            flush()
        self.publish()
        return report

    def publish(self) -> None:
        """Make what was written searchable now (the cluster would within a second) and see it."""
        with self._errors("refresh"):
            self.client.indices.refresh(index=self.alias, ignore_unavailable=True)
        self._generation += 1  # our own writes: searches see other passages now
        self.refresh()


def _article_ids(article: Article) -> list[str]:
    return duplicate_ids(article, article.key)


def _month_start(index: str, prefix: str) -> dt.date:
    year, month = index[len(prefix) + 1 :].split(".")
    return dt.date(int(year), int(month), 1)
