"""The collection as one object: a search backend (tantivy in a data folder by default; the
engine is chosen in ``engines.open_backend``), seeded on first use."""

from __future__ import annotations

import dataclasses
import datetime as dt
import importlib.resources
import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .answer import Answer, AnswerSentence, answer_question
from .articles import Article, LoadReport, Rejection, load_articles, read_document
from .backend import ArticleFilter, IndexStats, SearchBackend
from .engines import COMMIT_EVERY, WRITER_WAIT, open_backend
from .examples import ExampleCache
from .lookup import ArticleHit, LookupCache, lookup_articles, related_articles
from .summarize import Summary, summarize_recent, summarize_topic

__all__ = ["IngestReport", "Library", "seed_dir"]


def seed_dir() -> Path:
    """The bundled seed corpus: packaged as ``newsbot_seeds``, or ``seeds/`` in a checkout."""
    try:
        packaged = Path(str(importlib.resources.files("newsbot_seeds")))
        if packaged.is_dir():
            return packaged
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parent.parent / "seeds"


@dataclass
class IngestReport:
    """What one ingestion did: counts and each rejected record's file:line."""

    added: int = 0
    duplicates: int = 0
    rejections: list[Rejection] = field(default_factory=list)
    added_keys: list[str] = field(default_factory=list)
    sentences: int = 0  # sentences of the added articles
    furniture: int = 0  # ... set aside as page furniture (captions, link lines, promos)
    languages: Counter[str] = field(default_factory=Counter)  # added articles per language

    @property
    def rejected(self) -> int:
        return len(self.rejections)


class Library:
    """Articles indexed in ``backend`` (default: tantivy in ``data_dir/index``); the bundled
    seeds go in when it is first made. ``clock`` (unix seconds) stamps what is added: digests
    and "added since" summaries compare against it, so tests can pass one they move."""

    def __init__(
        self,
        data_dir: Path | str,
        *,
        seed: bool = True,
        backend: SearchBackend | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.clock = clock
        self.data_dir = Path(data_dir)
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.index: SearchBackend = backend or open_backend("tantivy", self.data_dir)
        # Inline pages of one query continue each other's reading (bounded; see LookupCache).
        self.lookup_cache = LookupCache()
        self.examples = ExampleCache()  # checked example questions, until the index changes
        if seed and not (self.data_dir / "seeded.json").exists():
            self._seed()

    def _seed(self) -> None:
        if self.index.passage_count == 0:
            self.ingest([seed_dir()])
        (self.data_dir / "seeded.json").write_text(json.dumps({"seeded": True}))

    def ingest(
        self,
        paths: Iterable[Path | str],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = COMMIT_EVERY,
    ) -> IngestReport:
        """Add article files or folders; bad records are reported, never fatal."""
        return self.ingest_articles(
            lambda report: load_articles(paths, report),
            on_article=on_article,
            commit_every=commit_every,
        )

    def ingest_articles(
        self,
        make_articles: Callable[[LoadReport], Iterable[Article]],
        *,
        on_article: Callable[[Article, bool], None] | None = None,
        commit_every: int = COMMIT_EVERY,
        wait: float = WRITER_WAIT,
    ) -> IngestReport:
        """Add articles made by ``make_articles`` (which reports bad records to its argument).

        Waits at most ``wait`` seconds for another writer; then raises ``IndexBusyError``."""
        load_report = LoadReport()
        languages: Counter[str] = Counter()

        def seen(article: Article, was_added: bool) -> None:
            if was_added:
                languages[article.language] += 1
            if on_article is not None:
                on_article(article, was_added)

        added = self.index.add_articles(
            make_articles(load_report),
            on_article=seen,
            commit_every=commit_every,
            wait=wait,
            added_at=int(self.clock()),
        )
        return IngestReport(
            added=added.added,
            duplicates=added.duplicates,
            rejections=load_report.rejections,
            added_keys=added.added_keys,
            sentences=added.sentences,
            furniture=added.furniture,
            languages=languages,
        )

    def ingest_document(
        self,
        name: str,
        data: bytes,
        *,
        max_unpacked: int,
        default_source: str = "",
        wait: float = WRITER_WAIT,
    ) -> IngestReport:
        """Add the articles of an uploaded file; ValueError (nothing added) if it is unusable,
        e.g. larger than ``max_unpacked`` bytes once decompressed.

        Articles that name no outlet (no ``source``, no url) are attributed to
        ``default_source``; the file's name never is an outlet.
        """
        load = LoadReport()
        # Reads it all before anything is added: a refused file adds nothing.
        articles = read_document(name, data, load, max_unpacked=max_unpacked)
        articles = [
            a if a.source else dataclasses.replace(a, source=default_source) for a in articles
        ]
        report = self.ingest_articles(lambda _: articles, wait=wait)
        report.rejections[:0] = load.rejections
        return report

    def replace_article(self, article: Article, *, wait: float = WRITER_WAIT) -> IngestReport:
        """Store ``article`` in place of the stored one with its id (an edited channel post);
        without one, add it."""
        added = self.index.replace_article(article, wait=wait, added_at=int(self.clock()))
        return IngestReport(
            added=added.added,
            duplicates=added.duplicates,
            added_keys=added.added_keys,
            sentences=added.sentences,
            furniture=added.furniture,
            languages=Counter({article.language: added.added}) if added.added else Counter(),
        )

    def stored_ids(self, ids: Iterable[str]) -> set[str]:
        """Which of these identities (``url:<canonical address>``, ``id:...``) are stored."""
        return self.index.stored_ids(ids)

    def articles(self, request: ArticleFilter | None = None) -> Iterator[Article]:
        """The stored articles (all, or those ``request`` selects) as indexed, oldest first."""
        return self.index.articles(request or ArticleFilter())

    def refresh(self, max_age: float = 1.0) -> None:
        """Pick up articles another process committed, at most every ``max_age`` seconds."""
        self.index.refresh(max_age)

    def answer(
        self,
        question: str,
        *,
        as_of: dt.date | None = None,
        max_sentences: int = 5,
        language: str = "",
    ) -> Answer:
        return answer_question(
            self.index, question, as_of=as_of, max_sentences=max_sentences, language=language
        )

    def example(
        self,
        template: str,
        *,
        language: str,
        as_of: dt.date,
        fits: Callable[[str], bool] = lambda _question: True,
    ) -> str | None:
        """A question made from the newest articles in ``language`` with ``template`` ("What
        happened to {topic}?") that asking answers surely, naming its topic (``examples``);
        None when none does. Kept until the index changes."""
        found = self.examples.example(
            self.index, template, language=language, as_of=as_of, fits=fits
        )
        return found.question if found is not None else None

    def lookup(
        self, text: str, *, as_of: dt.date | None = None, limit: int = 20, offset: int = 0
    ) -> list[ArticleHit]:
        """Articles matching ``text`` (inline lookup), one result per article; a deeper page
        continues the reading of the page before (kept in ``lookup_cache``)."""
        return lookup_articles(
            self.index, text, as_of=as_of, limit=limit, offset=offset, cache=self.lookup_cache
        )

    def related(self, texts: list[str], *, as_of: dt.date | None = None) -> list[ArticleHit]:
        """Up to three articles about what the texts (a conversation) keep mentioning."""
        return related_articles(self.index, texts, as_of=as_of)

    def summarize(
        self, topic: str, *, as_of: dt.date | None = None, lead: AnswerSentence | None = None
    ) -> Summary:
        """The news on a topic (the newest news for an empty topic): what happened first, then
        in date order. ``lead``: a sentence it must hold (an answer's first, for its topic)."""
        return summarize_topic(self.index, topic, as_of=as_of, lead=lead)

    def summarize_added(self, since: int, until: int | None = None) -> Summary:
        """A summary of the articles added after ``since`` (unix time), up to ``until``."""
        return summarize_recent(self.index, added_since=since, added_until=until)

    def stats(self) -> IndexStats:
        return self.index.stats()

    def sources(self, limit: int = 50) -> list[tuple[str, int]]:
        """The outlets with the most articles, and their counts (for /sources)."""
        return self.index.sources(limit=limit)
