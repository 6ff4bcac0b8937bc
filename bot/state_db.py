"""The state database (``state.sqlite3`` in the data folder): how every table of it is opened,
written and kept small.

Each table's owner (``bot.store.Store``, ``bot.chat_settings.ChatSettingsStore``,
``bot.features.edits.ReplyLog``) is a ``StateTable``: its own connection (WAL journal, full
syncs, a 5 s wait for another writer's lock), one short transaction per call behind a lock.
Handlers run on one event loop and jobs in threads.

A write that fails (a full disk, a file-size limit, an I/O error) raises ``StoreError`` and is
logged once per episode by the ``WriteHealth`` all tables of one database share, not once per
write: bookkeeping after an answer (the question behind it, its buttons, the reply log) is
best effort, and answering goes on. The next write that succeeds ends the episode.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

__all__ = [
    "StateTable",
    "StoreError",
    "WriteHealth",
    "open_state_database",
    "shrink_if_sparse",
]

log = logging.getLogger("newsbot")

# VACUUM when at least this share of the file is free pages, and at least this many bytes.
SPARSE_SHARE = 0.25
SPARSE_BYTES = 1 << 20


class StoreError(RuntimeError):
    """The state database cannot be opened or written."""


class WriteHealth:
    """Whether the state database takes writes: a failure is logged once, until one succeeds."""

    def __init__(self) -> None:
        self.failing = False
        self.failed_writes = 0  # in the current episode
        self.episodes = 0  # since start

    def failed(self, exc: BaseException) -> None:
        self.failed_writes += 1
        if not self.failing:
            self.failing = True
            self.episodes += 1
            log.error(
                "cannot write the bot's state (%s): answering goes on; what is not kept "
                "meanwhile (follow-ups, buttons, /tldr messages) is lost",
                exc,
            )

    def succeeded(self) -> None:
        if self.failing:
            log.warning(
                "the bot's state can be written again (%d writes failed)", self.failed_writes
            )
            self.failing = False
            self.failed_writes = 0


def open_state_database(path: Path, schema: str) -> sqlite3.Connection:
    """``path`` opened (made if missing) with ``schema`` applied, as every table of the state
    database wants it: autocommit, WAL, full sync, a 5 s wait for another writer's lock; a
    StoreError when it cannot be used."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=FULL")
        db.execute("PRAGMA busy_timeout=5000")
        db.executescript(schema)
    except (sqlite3.Error, OSError) as exc:
        raise StoreError(f"cannot use the state database {path}: {exc}") from exc
    return db


class StateTable:
    """One owner's connection to the state database: transactions behind a lock, failures
    told to the shared ``WriteHealth`` and raised as ``StoreError``."""

    def __init__(self, path: Path | str, schema: str, health: WriteHealth | None = None) -> None:
        self.path = Path(path)
        self.health = health or WriteHealth()
        self._db = open_state_database(self.path, schema)
        self._lock = threading.Lock()

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._db.execute("BEGIN IMMEDIATE")
                yield self._db
                self._db.execute("COMMIT")
            except (sqlite3.Error, OSError) as exc:
                self._rollback()
                self.health.failed(exc)
                raise StoreError(f"cannot write the state database: {exc}") from exc
            except BaseException:
                self._rollback()
                raise
        self.health.succeeded()

    def _rollback(self) -> None:
        if self._db.in_transaction:
            # A failed commit may have rolled back already.
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")

    def _query(self, sql: str, params: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
        with self._lock:
            return list(self._db.execute(sql, params))

    def close(self) -> None:
        with self._lock:
            self._db.close()


def shrink_if_sparse(db: sqlite3.Connection) -> int:
    """VACUUM when at least a quarter of the file (and a megabyte) is free pages, then empty the
    WAL; returns the bytes given back to the file system (0 when nothing was done). Needs as
    much free disk as the live data, so a failure (a full disk) is the caller's to log."""
    page_size = db.execute("PRAGMA page_size").fetchone()[0]
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    free = db.execute("PRAGMA freelist_count").fetchone()[0]
    if free * page_size < SPARSE_BYTES or free < SPARSE_SHARE * pages:
        return 0
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    after = db.execute("PRAGMA page_count").fetchone()[0]
    return max(0, (pages - after) * page_size)
