"""The passage index on a cluster: OpenSearch (or a compatible server) through opensearch-py.
Implements `backend.SearchBackend`; the only module that imports the client.

One index per month or year of article date (``<prefix>-YYYY.MM`` or ``<prefix>-YYYY``), all
made from one index template and searched through the alias ``<prefix>``, with the date range
as a filter: a request line never lists indices, however long the range. The client
(``opensearch_client``) takes several nodes, retries with back-off and has a circuit breaker;
a cluster that does not answer is ``SearchUnavailable``.

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
from opensearchpy.helpers import streaming_bulk

from ..articles import Article
from ..backend import (
    AddReport,
    DateRange,
    IndexError_,
    IndexStats,
    Passage,
    PassageHit,
    SearchUnavailable,
    from_day_number,
)
from ..documents import PassageDocument, stored_article, to_passage
from .ingest import BATCH, ingest
from .opensearch_client import Breaker, is_outage, make_client
from .opensearch_requests import (
    EXPORT_ONLY,
    bulk_actions,
    day_range,
    index_for,
    recent_body,
    search_body,
    template_body,
)

if TYPE_CHECKING:  # annotations only
    from ..backend import ArticleFilter, OpenSearchConfig, RecentRequest, SearchRequest

__all__ = ["OpenSearchIndex"]

BULK_BACKOFF = 0.5  # seconds before a document refused with 429 is sent again; doubled each time
BULK_PASSAGES = 2000  # passages per page read out (export)
_DOC_FREQ_CACHE = 50_000  # terms; cleared on refresh, so memory stays bounded


class OpenSearchIndex:
    """Passages in an OpenSearch cluster; the same answers as tantivy from the same passages."""

    engine = "opensearch"

    def __init__(self, config: OpenSearchConfig, *, client: OpenSearch | None = None) -> None:
        self.config = config
        self.alias = config.prefix
        self.client = client or make_client(config)
        self._indices: set[str] = set()
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
        """Client errors as one line that names the cluster's hosts, never its credentials; a
        cluster that does not answer (after the client's retries) is ``SearchUnavailable``."""
        try:
            yield
        except OpenSearchException as exc:
            reason = str(exc).split("\n")[0][:200]
            error = SearchUnavailable if is_outage(exc) else IndexError_
            message = f"cannot {doing} the OpenSearch index at {self.config.where}: {reason}"
            raise error(message) from exc

    # -- reading state ----------------------------------------------------------------------

    def refresh(self, max_age: float = 0.0) -> None:
        """Re-read the indices and counts (another process may have added articles)."""
        if time.monotonic() - self._refreshed < max_age:
            return
        with self._errors("read"):
            # 404 before the first article: no index, no alias (and no warning logged)
            aliases = self.client.indices.get_alias(name=self.alias, ignore=404)
            indices = {name for name in aliases if name.startswith(f"{self.alias}-")}
            passages = self._count({"match_all": {}}) if indices else 0
        # New articles add passages (none are deleted): the count and indices tell a change.
        if (indices, passages) != (self._indices, self._passages):
            self._generation += 1
        self._indices, self._passages = indices, passages
        self._doc_freq.clear()
        self._span: tuple[dt.date | None, dt.date | None] | None = None
        self._languages: dict[str, int] | None = None
        self._refreshed = time.monotonic()

    @property
    def generation(self) -> int:
        return self._generation

    @property
    def unavailable(self) -> bool:
        breaker = self.breaker
        return breaker is not None and breaker.open

    @property
    def breaker(self) -> Breaker | None:
        """The client's circuit breaker (None for a client made elsewhere)."""
        return getattr(self.client.transport, "breaker", None)

    def _count(self, query: dict[str, Any], index: str | None = None) -> int:
        result = self.client.count(index=index or self.alias, body={"query": query})
        return int(result["count"])

    @property
    def passage_count(self) -> int:
        return self._passages

    def doc_freq(self, term: str) -> int:
        if term not in self._doc_freq:
            if len(self._doc_freq) >= _DOC_FREQ_CACHE:
                self._doc_freq.clear()
            with self._errors("read"):
                found = self._count({"term": {"body_terms": term}}) if self._indices else 0
            self._doc_freq[term] = found
        return self._doc_freq[term]

    # -- searching --------------------------------------------------------------------------

    def _search(self, body: dict[str, Any], **params: Any) -> list[dict[str, Any]]:
        """Search the alias: every index, the request's dates a filter in ``body``."""
        with self._errors("search"):
            result = self.client.search(index=self.alias, body=body, params=params)
        return cast(list[dict[str, Any]], result["hits"]["hits"])

    def search(self, request: SearchRequest) -> list[PassageHit]:
        """Passages ranked by BM25 for the request's terms, within its dates and language."""
        if not request.terms or not self._indices:
            return []
        body = search_body(request)
        params = {"search_type": "dfs_query_then_fetch"} if self.config.dfs else {}
        return [
            PassageHit(
                float(hit["_score"]), int(hit["_source"]["day"]), (hit["_index"], hit["_id"])
            )
            for hit in self._search(body, **params)
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
        if not self._indices:
            return []
        return [to_passage(hit["_source"], 0.0) for hit in self._search(recent_body(request))]

    def stats(self) -> IndexStats:
        """What the cluster holds: counts and the date range covered."""
        if not self._indices:
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
        """Outlets and their article counts, most first ("" for articles naming none)."""
        if not self._indices:
            return []
        body = {
            "size": 0,
            "query": {"term": {"pos": 0}},
            "aggs": {"sources": {"terms": {"field": "source", "size": limit}}},
        }
        with self._errors("read"):
            result = self.client.search(index=self.alias, body=body)
        buckets = result["aggregations"]["sources"]["buckets"]
        return [(str(b["key"]), int(b["doc_count"])) for b in buckets]

    # -- writing ----------------------------------------------------------------------------

    def _known_ids(self, ids: list[str]) -> set[str]:
        """Which of these article ids (keys and "id:..." values) the cluster holds already."""
        if not ids or not self._indices:
            return set()
        body = {"size": len(ids), "_source": ["ids"], "query": {"terms": {"ids": ids}}}
        hits = self._search(body)
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
        if self._indices:
            body = {"size": 1, "_source": ["key"], "query": {"term": {"ids": f"id:{article.id}"}}}
            for hit in self._search(body):
                key = hit["_source"]["key"]
                passages = {"size": 10_000, "_source": False, "query": {"term": {"key": key}}}
                stale += [(p["_index"], p["_id"]) for p in self._search(passages)]
        if stale:
            with self._errors("write"):
                self.client.bulk(body=[{"delete": {"_index": i, "_id": d}} for i, d in stale])
            self.publish()
        return self.add_articles([article], added_at=added_at)

    def articles(self, request: ArticleFilter) -> Iterator[Article]:
        """The stored articles ``request`` selects, oldest day first, each rebuilt from its
        passages: one scan of them in article order, a page at a time."""
        if not self._indices:
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
                "_source": {"excludes": ["facts", "lead", "stems"]},  # not in an article
                "query": {"bool": {"filter": filters}},
                "sort": [{"day": "asc"}, {"added": "asc"}, {"key": "asc"}, {"pos": "asc"}],
            }
            if after is not None:
                body["search_after"] = after
            hits = self._search(body)
            yield from (hit["_source"] for hit in hits)
            if len(hits) < BULK_PASSAGES:
                return
            after = hits[-1]["sort"]

    def put_documents(self, documents: list[PassageDocument]) -> None:
        """Write passage documents as they are, in bulk requests of at most ``bulk_bytes``
        (opensearch-py's streaming bulk: documents refused with 429 are sent again after a
        back-off); the same passage twice is stored once."""
        if not documents:
            return
        config = self.config
        failed: list[dict[str, Any]] = []
        with self._errors("write"):
            for ok, item in streaming_bulk(
                self.client,
                bulk_actions(documents, self.alias, config.period),
                chunk_size=10_000,  # bytes decide
                max_chunk_bytes=config.bulk_bytes,
                max_retries=config.retries + 1,
                initial_backoff=BULK_BACKOFF,  # type: ignore[arg-type]  # a float works
                max_backoff=10,
                raise_on_error=False,
                yield_ok=False,
                request_timeout=config.bulk_timeout,
            ):
                if not ok:
                    failed.append(item)
        if failed:
            error = next(iter(failed[0].values())).get("error", failed[0])
            reason = error.get("reason", error) if isinstance(error, dict) else error
            raise IndexError_(
                f"the OpenSearch cluster refused {len(failed)} passages: {str(reason)[:200]}"
            )
        self._indices |= {
            index_for(self.alias, from_day_number(d["day"]), config.period) for d in documents
        }

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = BATCH,
        wait: float = 0.0,
        added_at: int | None = None,
    ) -> AddReport:
        """Index new articles through the shared ingest loop (``ingest.ingest``): duplicates
        (same key or id, in the cluster or this run) skipped; each batch is one lookup and bulk
        requests of at most ``bulk_bytes``; what the cluster acknowledged is kept. A cluster
        takes several writers at once: nothing to wait for (``wait`` is unused)."""
        self.refresh()  # indices another process made: their articles are duplicates too
        report = ingest(
            self,
            articles,
            added_at=added_at,
            commit_every=commit_every,
            on_article=on_article,
        )
        self.publish()
        return report

    # The ingest loop's sink: ``known`` (``_known_ids``), ``put`` and ``commit``.

    def known(self, ids: list[str]) -> set[str]:
        return self._known_ids(ids)

    def put(self, documents: list[PassageDocument]) -> None:
        self.put_documents(documents)

    def commit(self) -> None:
        """Nothing to do: each acknowledged bulk is durable; ``publish`` makes it searchable."""

    def publish(self) -> None:
        """Make what was written searchable now (the cluster would within a second) and see it."""
        with self._errors("refresh"):
            self.client.indices.refresh(index=self.alias, ignore_unavailable=True)
        self._generation += 1  # our own writes: searches see other passages now
        self.refresh()
