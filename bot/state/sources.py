"""How each live source is doing, kept in ``sources.sqlite3`` in the data folder so that
``newsbot stats`` and ``newsbot index URL`` (other processes) and /stats after a restart see
it: per feed and per channel the articles it added, its newest one, its last success, the
share of entries whose page text was taken, the median time from publication to answerable,
and for feeds the validators of the last fetch (conditional GET) and why entries kept the
feed's text; and the pages refused for good, not fetched again for a while.

A database of its own (the command line opens it without the bot's state), opened as the
state is (``bot.state.database``) but without a sync per write: these are statistics, and a
poll's figures lost to a power cut cost nothing.
"""

from __future__ import annotations

import json
import statistics
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .database import StateDatabase, WriteHealth

__all__ = [
    "DELAYS_KEPT",
    "REFUSED_DAYS",
    "SOURCES_FILE",
    "SourceStatus",
    "SourceStatusStore",
    "SourceUpdate",
]

SOURCES_FILE = "sources.sqlite3"

DELAYS_KEPT = 500  # publication-to-answerable delays kept per source (the median's window)

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sources (
    kind TEXT NOT NULL,               -- 'feed' or 'channel'
    name TEXT NOT NULL,               -- the feed's URL, the channel's id
    title TEXT NOT NULL DEFAULT '',
    articles INTEGER NOT NULL DEFAULT 0,
    entries INTEGER NOT NULL DEFAULT 0,    -- new entries read
    extracted INTEGER NOT NULL DEFAULT 0,  -- ... whose page text was taken
    kept TEXT NOT NULL DEFAULT '{}',       -- ... that kept the feed's text, by why
    newest REAL,                      -- unix time of the newest article's publication
    last_success REAL,
    last_error TEXT NOT NULL DEFAULT '',
    etag TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (kind, name)
);
CREATE TABLE IF NOT EXISTS delays (
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    seconds REAL NOT NULL,
    at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS delays_by_source ON delays (kind, name, at);
CREATE TABLE IF NOT EXISTS refused_pages (
    url TEXT PRIMARY KEY,             -- the page's identity (canonical URL)
    reason TEXT NOT NULL,
    at REAL NOT NULL
);
"""

REFUSED_DAYS = 30  # a page that was no article (or refused us) is not fetched again for this long


@dataclass
class SourceUpdate:
    """What one poll of a feed (or one channel post) did."""

    title: str = ""
    added: int = 0
    entries: int = 0
    extracted: int = 0
    kept: Counter[str] = field(default_factory=Counter)
    published: list[float] = field(default_factory=list)  # of the articles added
    answerable_at: float = 0.0  # when they could be found (after the commit)
    etag: str = ""
    last_modified: str = ""


@dataclass(frozen=True)
class SourceStatus:
    kind: str
    name: str
    title: str
    articles: int
    entries: int
    extracted: int
    kept: dict[str, int]
    newest: float | None
    last_success: float | None
    last_error: str
    median_delay: float | None  # seconds from publication to answerable

    @property
    def full_text_share(self) -> float | None:
        return self.extracted / self.entries if self.entries else None


class SourceStatusStore:
    """The sources' status; every method is one short transaction or query."""

    def __init__(self, data_dir: Path, health: WriteHealth | None = None) -> None:
        self.db = StateDatabase(data_dir / SOURCES_FILE, _SCHEMA, health=health, durable=False)

    def validators(self, url: str) -> tuple[str, str]:
        """The ETag and Last-Modified of a feed's last fetch ('' when none)."""
        found = self.db.first(
            _pair,
            "SELECT etag, last_modified FROM sources WHERE kind = 'feed' AND name = ?",
            (url,),
        )
        return found or ("", "")

    def succeeded(
        self, kind: str, name: str, update: SourceUpdate, *, at: float | None = None
    ) -> None:
        """Record a successful poll (or post) and what it added."""
        now = time.time() if at is None else at
        newest = max(update.published, default=None)
        with self.db.transaction() as db:
            db.execute("INSERT OR IGNORE INTO sources (kind, name) VALUES (?, ?)", (kind, name))
            row = db.execute(
                "SELECT kept FROM sources WHERE kind = ? AND name = ?", (kind, name)
            ).fetchone()
            kept = Counter(json.loads(row[0] or "{}")) + update.kept
            db.execute(
                "UPDATE sources SET title = CASE WHEN ? != '' THEN ? ELSE title END, "
                "articles = articles + ?, entries = entries + ?, extracted = extracted + ?, "
                "kept = ?, newest = CASE WHEN newest IS NULL OR ? > newest THEN ? ELSE newest END, "
                "last_success = ?, last_error = '', "
                "etag = CASE WHEN ? != '' THEN ? ELSE etag END, "
                "last_modified = CASE WHEN ? != '' THEN ? ELSE last_modified END "
                "WHERE kind = ? AND name = ?",
                (
                    update.title,
                    update.title,
                    update.added,
                    update.entries,
                    update.extracted,
                    json.dumps(dict(kept)),
                    newest,
                    newest,
                    now,
                    update.etag,
                    update.etag,
                    update.last_modified,
                    update.last_modified,
                    kind,
                    name,
                ),
            )
            answerable = update.answerable_at or now
            db.executemany(
                "INSERT INTO delays (kind, name, seconds, at) VALUES (?, ?, ?, ?)",
                [(kind, name, max(0.0, answerable - p), now) for p in update.published],
            )
            db.execute(
                "DELETE FROM delays WHERE kind = ? AND name = ? AND rowid NOT IN (SELECT rowid "
                "FROM delays WHERE kind = ? AND name = ? ORDER BY at DESC, rowid DESC LIMIT ?)",
                (kind, name, kind, name, DELAYS_KEPT),
            )

    def failed(self, kind: str, name: str, error: str) -> None:
        with self.db.transaction() as db:
            db.execute("INSERT OR IGNORE INTO sources (kind, name) VALUES (?, ?)", (kind, name))
            db.execute(
                "UPDATE sources SET last_error = ? WHERE kind = ? AND name = ?",
                (error[:200], kind, name),
            )

    def statuses(self, kinds: Iterable[str] = ("feed", "channel")) -> list[SourceStatus]:
        """Every source of these kinds, feeds first, in the order first seen."""
        found: list[SourceStatus] = []
        for kind in kinds:
            for row in self.db.rows(
                _Row,
                "SELECT name, title, articles, entries, extracted, kept, newest, "
                "last_success, last_error FROM sources WHERE kind = ? ORDER BY rowid",
                (kind,),
            ):
                delays = self.db.rows(
                    float,
                    "SELECT seconds FROM delays WHERE kind = ? AND name = ?",
                    (kind, row.name),
                )
                found.append(
                    SourceStatus(
                        kind,
                        row.name,
                        row.title,
                        row.articles,
                        row.entries,
                        row.extracted,
                        json.loads(row.kept or "{}"),
                        row.newest,
                        row.last_success,
                        row.last_error,
                        statistics.median(delays) if delays else None,
                    )
                )
        return found

    def remember_refused(self, url_id: str, reason: str) -> None:
        """A page that is no article, or that robots.txt or the server refused for good: not
        fetched again for REFUSED_DAYS (a stored article needs no such note: it is stored)."""
        with self.db.transaction() as db:
            db.execute(
                "INSERT OR REPLACE INTO refused_pages (url, reason, at) VALUES (?, ?, ?)",
                (url_id, reason[:100], time.time()),
            )
            db.execute(
                "DELETE FROM refused_pages WHERE at < ?", (time.time() - REFUSED_DAYS * 86400,)
            )

    def refused(self, url_ids: Iterable[str]) -> dict[str, str]:
        """Which of these pages were refused within REFUSED_DAYS, and why."""
        wanted = list(url_ids)
        since = time.time() - REFUSED_DAYS * 86400
        found: dict[str, str] = {}
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found.update(
                self.db.rows(
                    _pair,
                    f"SELECT url, reason FROM refused_pages WHERE at >= ? AND url IN ({marks})",
                    (since, *chunk),
                )
            )
        return found

    def close(self) -> None:
        self.db.close()


def _pair(first: str, second: str) -> tuple[str, str]:
    return first, second


@dataclass(frozen=True)
class _Row:
    name: str
    title: str
    articles: int
    entries: int
    extracted: int
    kept: str
    newest: float | None
    last_success: float | None
    last_error: str
