"""What the ranking code sees of a search engine: engine-neutral types and the `SearchBackend`
protocol. The engines in `engines/` implement it (`engines.tantivy.PassageIndex`, one machine;
`engines.opensearch.OpenSearchIndex`, a cluster), chosen by name in `engines.open_backend`;
nothing outside that package knows which engine runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from .articles import Article

__all__ = [
    "AddReport",
    "ArticleFilter",
    "DateRange",
    "IndexBusyError",
    "IndexError_",
    "IndexStats",
    "OpenSearchConfig",
    "Passage",
    "PassageHit",
    "RecentRequest",
    "SearchBackend",
    "SearchRequest",
    "SearchUnavailable",
    "day_number",
    "from_day_number",
]

_EPOCH = dt.date(1970, 1, 1)


def day_number(day: dt.date) -> int:
    """Days since 1970-01-01: the article date as an integer field."""
    return (day - _EPOCH).days


def from_day_number(number: int) -> dt.date:
    return _EPOCH + dt.timedelta(days=number)


class IndexError_(RuntimeError):
    """The index cannot be opened or written (bad folder, full disk, old schema, no cluster)."""


class IndexBusyError(IndexError_):
    """Another process holds the index writer for too long."""


class SearchUnavailable(IndexError_):
    """The search engine does not answer for now (no node reachable, timeouts, overload, 5xx
    after retries; or its circuit breaker is open while it is probed). Passing: ask again
    shortly. The message names the cluster's hosts, never its credentials."""


@dataclass(frozen=True)
class Passage:
    """One indexed paragraph with its article's metadata."""

    key: str
    title: str
    date: dt.date
    url: str
    source: str
    text: str  # sentences separated by newlines
    position: int
    score: float = 0.0
    stems: tuple[tuple[str, ...], ...] = ()  # each sentence's stemmed content words
    lead: tuple[str, ...] = ()  # the article's first real sentences (first passage only)
    language: str = ""  # the article's language (a code of ``retrieval.languages``)

    @property
    def sentences(self) -> list[str]:
        return self.text.split("\n") if self.text else []


@dataclass(frozen=True)
class PassageHit:
    """A ranked passage before its text is fetched. ``ref`` is the engine's own handle on the
    passage: equal refs are the same passage; only the engine that made it can fetch it.

    ``score`` is BM25 on one scale for every engine, Lucene's (k1 1.2, b 0.75, no (k1 + 1)
    factor; date and language filters add nothing), so the sentence model and the confidence,
    which read it, give the same answers whichever engine holds the collection."""

    score: float
    day: int
    ref: Hashable


@dataclass(frozen=True)
class DateRange:
    """Article dates from ``start`` to ``end``, both included; None is open."""

    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def open(self) -> bool:
        return self.start is None and self.end is None

    def months(self, first: dt.date, last: dt.date) -> Iterator[tuple[int, int]]:
        """(year, month) of every calendar month the range covers within ``first``..``last``."""
        low = max(first, self.start) if self.start else first
        high = min(last, self.end) if self.end else last
        year, month = low.year, low.month
        while (year, month) <= (high.year, high.month):
            yield year, month
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)


@dataclass(frozen=True)
class SearchRequest:
    """One passage search, as both engines take it: BM25 for stemmed ``terms`` (``phrases``
    add where their words stand together, ``title_boost`` weighs title matches), articles dated
    within ``dates`` and, when it is given, in ``language``; the best ``limit``. ``required``:
    only passages holding one of these phrases (a name's stemmed words, in order)."""

    terms: Sequence[str]
    dates: DateRange = DateRange()
    limit: int = 50
    title_boost: float = 0.0
    phrases: Sequence[Sequence[str]] = ()
    language: str | None = None
    required: Sequence[Sequence[str]] = ()


@dataclass(frozen=True)
class RecentRequest:
    """The newest articles' lead passages by date: ``limit`` of them after the first
    ``offset``, dated within ``dates``; ``added_since`` (exclusive) and ``added_until``
    (inclusive) are unix times of ingestion."""

    limit: int = 20
    offset: int = 0
    dates: DateRange = DateRange()
    added_since: int | None = None
    added_until: int | None = None


@dataclass(frozen=True)
class ArticleFilter:
    """Which stored articles to read out (``newsbot export``): dated ``since`` or later, of
    ``source`` (an outlet name as stored), in ``language`` (a code); None: any."""

    since: dt.date | None = None
    source: str | None = None
    language: str | None = None


@dataclass
class AddReport:
    added: int = 0
    duplicates: int = 0
    passages: int = 0
    sentences: int = 0
    furniture: int = 0  # sentences set aside as page furniture
    added_keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IndexStats:
    articles: int
    passages: int
    first_date: dt.date | None
    last_date: dt.date | None
    last_added: dt.datetime | None
    engine: str = "tantivy"
    languages: dict[str, int] = field(default_factory=dict)  # articles per language, most first


@dataclass(frozen=True)
class OpenSearchConfig:
    """Where the cluster is and how to use it (read by `engines.opensearch`)."""

    url: str  # one node's URL, or several comma-separated: any of them may be down
    user: str = ""
    password: str = ""
    verify_tls: bool = True
    ca_bundle: str = ""  # PEM file of the CA that signed the nodes' certificates
    client_cert: str = ""  # PEM client certificate (and its key) when the cluster asks for one
    client_key: str = ""
    sniff: bool = False  # learn the other nodes from the cluster itself (at start, on failure)
    prefix: str = "newsbot"
    # One index per calendar month or year of article date ("month" for busy collections,
    # "year" for archives: fewer, larger shards); searched through the alias either way.
    period: str = "month"
    # dfs_query_then_fetch: term statistics of all indices, as tantivy has them (one more round
    # trip); without it each index scores with its own, and small ones rank oddly.
    dfs: bool = True
    shards: int = 1  # per index
    replicas: int = 1
    timeout: float = 2.0  # seconds a search or read may take, per try
    retries: int = 2  # more tries, with back-off, after a timeout, 429, 502-504 or a lost node
    bulk_bytes: int = 5_000_000  # largest bulk request
    bulk_timeout: float = 60.0  # seconds a bulk request may take, per try

    @property
    def nodes(self) -> list[str]:
        return [node.strip() for node in self.url.split(",") if node.strip()]

    @property
    def where(self) -> str:
        """The nodes' hosts for messages and logs: never a user or password."""
        return ",".join(node.split("//")[-1].split("@")[-1] for node in self.nodes)


class SearchBackend(Protocol):
    """Exactly what the ranking code, the library and the bot use of a passage index."""

    @property
    def engine(self) -> str:
        """A name for people: "tantivy" or "opensearch"."""
        ...

    @property
    def passage_count(self) -> int: ...

    @property
    def unavailable(self) -> bool:
        """True while the engine is known not to answer (a cluster's open circuit breaker):
        searches raise ``SearchUnavailable`` at once, and waiting for one in flight is moot."""
        ...

    @property
    def generation(self) -> int:
        """A counter that grows whenever searches may see other passages (a commit seen by
        ``refresh`` or made by ``add_articles``); equal values search the same passages."""
        ...

    def add_articles(
        self,
        articles: Iterable[Article],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = ...,
        wait: float = ...,
        added_at: int | None = ...,
    ) -> AddReport:
        """Index new articles; an article already there (same key or id) is a duplicate.
        ``wait``: seconds to wait for another process's writer at most (IndexBusyError).
        ``added_at``: the unix time stamped on them (None: now)."""
        ...

    def replace_article(
        self, article: Article, *, wait: float = ..., added_at: int | None = ...
    ) -> AddReport:
        """Store ``article`` in place of the one stored with its ``id`` (an edited channel
        post), all its passages at once; without one, add it."""
        ...

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these identities are stored (``url:<address>``: a page already fetched)."""
        ...

    def articles(self, request: ArticleFilter) -> Iterator[Article]:
        """The stored articles ``request`` selects, as they were indexed, oldest day first."""
        ...

    def search(self, request: SearchRequest) -> list[PassageHit]:
        """Passages ranked by BM25 as ``request`` asks (nothing for no terms)."""
        ...

    def fetch(self, hits: Iterable[PassageHit]) -> list[Passage]:
        """The stored passages of hits from this backend's ``search``, in the same order."""
        ...

    def recent_articles(self, request: RecentRequest) -> list[Passage]:
        """Lead passages of the newest articles by date, as ``request`` asks."""
        ...

    def doc_freq(self, term: str) -> int:
        """Passages whose body holds the stemmed ``term``."""
        ...

    def stats(self) -> IndexStats: ...

    def date_span(self) -> tuple[dt.date | None, dt.date | None]:
        """The first and last article days; cheap (kept until new articles are seen)."""
        ...

    def language_counts(self) -> dict[str, int]:
        """Articles per language, most first; cheap (kept until new articles are seen)."""
        ...

    def sources(self, limit: int = 50) -> list[tuple[str, int]]:
        """Outlets and their article counts, most first ("" for articles naming none)."""
        ...

    def refresh(self, max_age: float = 0.0) -> None:
        """See what other processes added, at most every ``max_age`` seconds."""
        ...
