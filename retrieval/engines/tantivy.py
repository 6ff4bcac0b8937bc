"""The passage index on one machine: tantivy on disk, BM25 over passages, the article day as
a fast field. Implements `backend.SearchBackend`; with `tantivy_writer` (its schema and
writer), the only code that imports tantivy."""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import tantivy

from ..articles import Article
from ..backend import (
    AddReport,
    IndexError_,
    IndexStats,
    Passage,
    PassageHit,
    day_number,
    from_day_number,
)
from ..documents import (
    SCHEMA_VERSION,
    PassageDocument,
    duplicate_ids,
    stored_article,
    stored_document,
    to_passage,
)
from ..languages import LANGUAGES
from .tantivy_writer import (
    BYTES_FIELDS,
    COMMIT_EVERY,
    WRITER_WAIT,
    build_schema,
    write_articles,
    writer_lock,
)

if TYPE_CHECKING:  # annotations only
    from ..backend import ArticleFilter, DateRange, RecentRequest, SearchRequest

__all__ = ["COMMIT_EVERY", "WRITER_WAIT", "PassageIndex", "build_schema"]

PHRASE_BOOST = 2.0  # an exact "S-400" or "New York" counts more than its words apart
# Scores are reported on Lucene's BM25 scale, the one every engine shares (``backend.py``):
# tantivy's BM25 keeps the (k1 + 1) factor Lucene dropped, with tantivy's fixed k1 of 1.2.
TANTIVY_K1 = 1.2
LUCENE_SCALE = 1.0 / (1.0 + TANTIVY_K1)


def _fields(stored: dict[str, list[Any]]) -> dict[str, Any]:
    """tantivy's stored document (a list per field) as single values, bytes as text; ``ids``
    stays a list."""
    flat: dict[str, Any] = {"ids": [str(ident) for ident in stored.get("ids", [])]}
    for name, values in stored.items():
        if values and name != "ids":
            value = values[0]
            flat[name] = bytes(value).decode() if name in BYTES_FIELDS else value
    return flat


def _every(
    searcher: tantivy.Searcher, clauses: list[tuple[tantivy.Occur, tantivy.Query]]
) -> list[tantivy.DocAddress]:
    """The addresses of every passage the clauses (all must hold) select."""
    query = tantivy.Query.boolean_query(clauses)
    total = int(getattr(searcher.search(query, 1, count=True), "count", 0) or 0)
    if not total:
        return []
    return [address for _, address in searcher.search(query, total, count=False).hits]


class PassageIndex:
    """A tantivy index of passages in ``path``; one writer at a time across processes."""

    engine = "tantivy"
    unavailable = False  # on this machine: it answers whenever the process runs
    _span: tuple[object, tuple[dt.date | None, dt.date | None]] | None = None  # searcher, days
    _languages: tuple[object, dict[str, int]] | None = None  # searcher, articles per language

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            self._check_meta()
            self._check_version()
            self.schema = build_schema()
            self._index = tantivy.Index(self.schema, path=str(self.path))
        except OSError as exc:
            raise IndexError_(f"cannot open the index in {self.path}: {exc.strerror}") from exc
        except ValueError as exc:
            raise IndexError_(f"cannot open the index in {self.path}: {exc}") from exc
        self._searcher = self._index.searcher()
        self._reloaded = time.monotonic()
        self._lock = threading.Lock()
        self._opstamp = self._read_opstamp()
        self._generation = 0

    # -- opening and refreshing -------------------------------------------------------------

    def _check_meta(self) -> None:
        """Segment files without a readable meta.json: refuse, never open an empty index
        (its first write would delete the segments for good)."""
        if not any(self.path.glob("*.idx")):
            return
        meta = self.path / "meta.json"
        try:
            segments = json.loads(meta.read_text(encoding="utf-8")).get("segments")
        except (OSError, ValueError, AttributeError) as exc:
            reason = "missing" if isinstance(exc, FileNotFoundError) else "unreadable"
            raise IndexError_(
                f"the index in {self.path} has segment files but its meta.json is {reason}: "
                "refusing to open it (a write would delete them); restore meta.json from a "
                "backup, or move the folder aside and index the articles again"
            ) from None
        if not isinstance(segments, list):
            raise IndexError_(f"the index in {self.path} has a meta.json without segments")

    def _check_version(self) -> None:
        marker = self.path / "newsbot-index.json"
        if marker.exists():
            version = json.loads(marker.read_text()).get("schema")
            if version != SCHEMA_VERSION:
                raise IndexError_(
                    f"the index in {self.path} was built by an older newsbot (schema {version}, "
                    f"this one needs {SCHEMA_VERSION}) and is not read: delete that folder and "
                    "index your articles again with `newsbot index PATH...`"
                )
        else:
            marker.write_text(json.dumps({"schema": SCHEMA_VERSION}))

    def refresh(self, max_age: float = 0.0) -> None:
        """See the latest commit (another process may have added articles)."""
        if time.monotonic() - self._reloaded < max_age:
            return
        with self._lock:
            # Read before the reload: a commit landing in between leaves the searcher newer
            # than the stamp, and the next refresh moves the generation again.
            opstamp = self._read_opstamp()
            self._index.reload()
            self._searcher = self._index.searcher()
            self._reloaded = time.monotonic()
            if opstamp is None or opstamp != self._opstamp:
                self._opstamp = opstamp
                self._generation += 1

    def _read_opstamp(self) -> int | None:
        """The last commit's stamp in meta.json (None without one, or unreadable: then every
        reload counts as a change)."""
        try:
            stamp = json.loads((self.path / "meta.json").read_text(encoding="utf-8"))["opstamp"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        return int(stamp) if isinstance(stamp, int) else None

    @property
    def generation(self) -> int:
        return self._generation

    # -- writing ----------------------------------------------------------------------------

    def contains(self, article: Article) -> bool:
        """True when the article (by content hash, given id or loader's ids) is indexed."""
        return self._has_ids(duplicate_ids(article, article.key))

    def _has_ids(self, ids: Iterable[str]) -> bool:
        return any(self._has_id(ident) for ident in ids)

    def _has_id(self, value: str) -> bool:
        return self._first_with(value) is not None

    def _first_with(self, ident: str) -> tantivy.DocAddress | None:
        """The first passage of the article stored with this identity, if any."""
        query = tantivy.Query.term_query(self.schema, "ids", ident)
        hits = self._searcher.search(query, 1, count=False).hits
        return hits[0][1] if hits else None

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these identities (``url:...``, ``id:...``, keys) are stored."""
        return {ident for ident in ids if self._has_id(ident)}

    def replace_article(
        self, article: Article, *, wait: float = WRITER_WAIT, added_at: int | None = None
    ) -> AddReport:
        """Store ``article`` in place of the one stored with its id (an edited post), in one
        commit; without a stored one, add it. Its other identities must not be stored."""
        if not article.id:
            raise ValueError("only an article with an id can replace another")
        with writer_lock(self.path, wait):
            self.refresh()
            old = self._first_with(f"id:{article.id}")
            replaced = [str(self._searcher.doc(old).to_dict()["key"][0])] if old else []
            stale = set(replaced) | {f"id:{article.id}"}
            report = write_articles(
                self._index,
                self.path,
                [article],
                known=lambda ident: ident not in stale and self._has_id(ident),
                processes=0,
                added_at=added_at,
                replacing=replaced,
            )
        self.refresh()
        return report

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = COMMIT_EVERY,
        wait: float = WRITER_WAIT,
        processes: int | None = None,
        added_at: int | None = None,
    ) -> AddReport:
        """Index new articles; duplicates are skipped. Commits in batches; safe to re-run.
        ``processes``: workers splitting and stemming a long ingest (default: prepare.workers()).
        ``added_at``: the unix time stamped on them (default: now)."""
        with writer_lock(self.path, wait):
            self.refresh()
            report = write_articles(
                self._index,
                self.path,
                articles,
                known=self._has_id,
                on_article=on_article,
                commit_every=commit_every,
                processes=processes,
                added_at=added_at,
            )
        self.refresh()
        return report

    # -- searching --------------------------------------------------------------------------

    def _date_filter(self, dates: DateRange) -> tantivy.Query | None:
        if dates.open:
            return None
        return tantivy.Query.range_query(
            self.schema,
            "day",
            tantivy.FieldType.Integer,
            day_number(dates.start) if dates.start else None,
            day_number(dates.end) if dates.end else None,
        )

    def term_query(
        self,
        terms: Iterable[str],
        *,
        title_boost: float = 0.0,
        phrases: Sequence[Sequence[str]] = (),
        must: tantivy.Query | None = None,
    ) -> tantivy.Query:
        """A BM25 disjunction of stemmed terms over passage bodies (and titles, boosted);
        ``phrases`` (stemmed words in order) add to the score where they stand together."""
        clauses: list[tuple[tantivy.Occur, tantivy.Query]] = []
        for phrase in phrases:
            exact = tantivy.Query.phrase_query(self.schema, "body_terms", list(phrase))
            clauses.append((tantivy.Occur.Should, tantivy.Query.boost_query(exact, PHRASE_BOOST)))
        for term in dict.fromkeys(terms):
            clauses.append(
                (tantivy.Occur.Should, tantivy.Query.term_query(self.schema, "body_terms", term))
            )
            if title_boost > 0:
                title = tantivy.Query.term_query(self.schema, "title_terms", term)
                clauses.append(
                    (tantivy.Occur.Should, tantivy.Query.boost_query(title, title_boost))
                )
        query = tantivy.Query.boolean_query(clauses)
        if must is not None:  # a filter: it selects, it adds nothing to the score
            query = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Must, query),
                    (tantivy.Occur.Must, tantivy.Query.const_score_query(must, 0.0)),
                ]
            )
        return query

    def search(self, request: SearchRequest) -> list[PassageHit]:
        """Passages ranked by BM25 for the request's terms, within its dates and language."""
        if not request.terms:
            return []
        must = self._date_filter(request.dates)
        if request.language is not None:  # only articles in that language
            only = tantivy.Query.term_query(self.schema, "language", request.language)
            must = (
                only
                if must is None
                else tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, must), (tantivy.Occur.Must, only)]
                )
            )
        if request.required:  # one of the phrases must stand in the passage
            held = tantivy.Query.boolean_query(
                [
                    (
                        tantivy.Occur.Should,
                        tantivy.Query.phrase_query(self.schema, "body_terms", list(phrase)),
                    )
                    for phrase in request.required
                ]
            )
            must = (
                held
                if must is None
                else tantivy.Query.boolean_query(
                    [(tantivy.Occur.Must, must), (tantivy.Occur.Must, held)]
                )
            )
        query = self.term_query(
            request.terms, title_boost=request.title_boost, phrases=request.phrases, must=must
        )
        searcher = self._searcher
        hits = searcher.search(query, request.limit, count=False).hits
        if not hits:
            return []
        days = searcher.fast_field_values("day", [address for _, address in hits])
        return [
            PassageHit(score * LUCENE_SCALE, int(day or 0), (address.segment_ord, address.doc))
            for (score, address), day in zip(hits, days, strict=True)
        ]

    def _passage(self, address: tantivy.DocAddress, score: float) -> Passage:
        return to_passage(_fields(self._searcher.doc(address).to_dict()), score)

    def fetch(self, hits: Iterable[PassageHit]) -> list[Passage]:
        """Load the stored text and metadata of ranked passages."""
        refs = [cast(tuple[int, int], hit.ref) for hit in hits]
        return [
            self._passage(tantivy.DocAddress(*ref), hit.score)
            for ref, hit in zip(refs, hits, strict=True)
        ]

    def recent_articles(self, request: RecentRequest) -> list[Passage]:
        """Lead passages of the newest articles, by date, as ``request`` asks."""
        clauses = [(tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "pos", 0))]
        date_filter = self._date_filter(request.dates)
        if date_filter is not None:
            clauses.append((tantivy.Occur.Must, date_filter))
        since, until = request.added_since, request.added_until
        if since is not None or until is not None:
            added = tantivy.Query.range_query(
                self.schema,
                "added",
                tantivy.FieldType.Integer,
                since,
                until,
                include_lower=since is None,
                include_upper=True,
            )
            clauses.append((tantivy.Occur.Must, added))
        query = tantivy.Query.boolean_query(clauses)
        hits = self._searcher.search(
            query, request.limit, count=False, order_by_field="day", offset=request.offset
        ).hits
        return [self._passage(a, 0.0) for _, a in hits]

    def doc_freq(self, term: str) -> int:
        return int(self._searcher.doc_freq("body_terms", term))

    @property
    def passage_count(self) -> int:
        return int(self._searcher.num_docs)

    def stats(self) -> IndexStats:
        """What the index holds: counts and the date range covered."""
        searcher = self._searcher
        leads = tantivy.Query.term_query(self.schema, "pos", 0)
        articles = int(getattr(searcher.search(leads, 1, count=True), "count", 0) or 0)
        if not articles:
            return IndexStats(0, int(searcher.num_docs), None, None, None)

        def extreme(field_name: str, order: tantivy.Order) -> int:
            hit = searcher.search(leads, 1, order_by_field=field_name, order=order).hits[0]
            return int(searcher.doc(hit[1]).to_dict()[field_name][0])

        return IndexStats(
            articles=articles,
            passages=int(searcher.num_docs),
            first_date=from_day_number(extreme("day", tantivy.Order.Asc)),
            last_date=from_day_number(extreme("day", tantivy.Order.Desc)),
            last_added=dt.datetime.fromtimestamp(extreme("added", tantivy.Order.Desc), tz=dt.UTC),
            languages=self.language_counts(),
        )

    def language_counts(self) -> dict[str, int]:
        """Articles per language, most first: a count per supported language (microseconds
        each), computed once per reload."""
        searcher = self._searcher
        if self._languages is None or self._languages[0] is not searcher:
            leads = tantivy.Query.term_query(self.schema, "pos", 0)
            counts: dict[str, int] = {}
            for code in LANGUAGES:
                query = tantivy.Query.boolean_query(
                    [
                        (tantivy.Occur.Must, leads),
                        (
                            tantivy.Occur.Must,
                            tantivy.Query.term_query(self.schema, "language", code),
                        ),
                    ]
                )
                found = int(getattr(searcher.search(query, 1, count=True), "count", 0) or 0)
                if found:
                    counts[code] = found
            ranked = dict(sorted(counts.items(), key=lambda item: -item[1]))
            self._languages = (searcher, ranked)
        return self._languages[1]

    def date_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last article days, computed once per reload (a millisecond)."""
        searcher = self._searcher
        if self._span is None or self._span[0] is not searcher:
            stats = self.stats()
            self._span = (searcher, (stats.first_date, stats.last_date))
        return self._span[1]

    def sources(self, limit: int = 50) -> list[tuple[str, int]]:
        """Outlets and their article counts, most first ("" for articles naming none)."""
        leads = tantivy.Query.term_query(self.schema, "pos", 0)
        agg = {"sources": {"terms": {"field": "source", "size": limit}}}
        result = self._searcher.aggregate(leads, agg)
        buckets = result.get("sources", {}).get("buckets", [])
        return [(str(b["key"]), int(b["doc_count"])) for b in buckets]

    # -- copying out (newsbot migrate) ------------------------------------------------------

    def batches(self, after: tuple[int, int] | None = None) -> Iterator[tuple[int, int]]:
        """Each (ingestion time, article day) that has articles, in that order, after
        ``after``: `migrate` copies one at a time, so a later run continues with what was
        added since (by time added, whatever the articles' dates)."""
        added, day = after if after is not None else (-(10**12), -(10**9))  # tantivy wants bounds
        while True:
            same_time = tantivy.Query.term_query(self.schema, "added", added)
            next_day = self._first_lead("day", same_time, self._after("day", day))
            if next_day is not None:
                day = next_day
                yield added, day
                continue
            next_added = self._first_lead("added", self._after("added", added))
            if next_added is None:
                return
            added, day = next_added, -(10**9)

    def days(self, after: int | None = None) -> Iterator[int]:
        """Each day (day number) that has articles, in order, after ``after``."""
        day = -(10**9) if after is None else after  # tantivy wants a bound
        while True:
            found = self._first_lead("day", self._after("day", day))
            if found is None:
                return
            day = found
            yield day

    def articles(self, request: ArticleFilter) -> Iterator[Article]:
        """The stored articles ``request`` selects, day by day, oldest first (export), each
        rebuilt from its passages."""
        since = day_number(request.since) - 1 if request.since else None
        for day in self.days(since):
            clauses = [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "pos", 0)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "day", day)),
            ]
            for name, value in (("source", request.source), ("language", request.language)):
                if value is not None:
                    clauses.append(
                        (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, name, value))
                    )
            searcher = self._searcher  # one searcher: addresses are its own
            firsts = [_fields(searcher.doc(a).to_dict()) for a in _every(searcher, clauses)]
            for first in sorted(firsts, key=lambda f: (int(f.get("added", 0)), f["key"])):
                key = tantivy.Query.term_query(self.schema, "key", first["key"])
                passages = _every(searcher, [(tantivy.Occur.Must, key)])
                yield stored_article([_fields(searcher.doc(a).to_dict()) for a in passages])

    def _after(self, field_name: str, value: int) -> tantivy.Query:
        return tantivy.Query.range_query(
            self.schema, field_name, tantivy.FieldType.Integer, value, None, include_lower=False
        )

    def _first_lead(self, field_name: str, *clauses: tantivy.Query) -> int | None:
        """The smallest ``field_name`` among the articles (lead passages) matching all."""
        leads = tantivy.Query.term_query(self.schema, "pos", 0)
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, clause) for clause in (leads, *clauses)]
        )
        hits = self._searcher.search(
            query, 1, order_by_field=field_name, order=tantivy.Order.Asc
        ).hits
        if not hits:
            return None
        return int(self._searcher.doc(hits[0][1]).to_dict()[field_name][0])

    def batch_documents(self, added: int, day: int) -> list[PassageDocument]:
        """Every stored passage of the articles added at ``added`` and dated ``day``, as
        written."""
        query = tantivy.Query.boolean_query(
            [
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "added", added)),
                (tantivy.Occur.Must, tantivy.Query.term_query(self.schema, "day", day)),
            ]
        )
        total = int(getattr(self._searcher.search(query, 1, count=True), "count", 0) or 0)
        hits = self._searcher.search(query, max(total, 1), count=False).hits
        return [stored_document(_fields(self._searcher.doc(a).to_dict())) for _, a in hits]
