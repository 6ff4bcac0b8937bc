"""How every database of the bot's state is opened, written, read and kept small.

A ``StateDatabase`` is one SQLite file on one connection: WAL journal, a 5 s wait for another
process's write lock, full syncs (or normal ones for figures that may lose their last second,
``durable=False``), autocommit with one short ``BEGIN IMMEDIATE`` transaction per write,
behind a lock: handlers run on the event loop and jobs and batched writes on threads.

A write that fails (a full disk, a file-size limit, an I/O error) raises ``StoreError`` and is
logged once per episode by the ``WriteHealth`` the bot's databases share, not once per write:
bookkeeping after an answer (the question behind it, its buttons, the reply log) is best
effort, and answering goes on. The next write that succeeds ends the episode.

Rows come back typed: ``rows(make, sql)`` builds each row with ``make`` (a dataclass, or a
function that converts the columns first), so no caller unpacks an untyped tuple.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

__all__ = ["SPARSE_BYTES", "SPARSE_SHARE", "StateDatabase", "StoreError", "WriteHealth"]

log = logging.getLogger("newsbot")

R = TypeVar("R")

# VACUUM when at least this share of the file is free pages, and at least this many bytes.
SPARSE_SHARE = 0.25
SPARSE_BYTES = 1 << 20


class StoreError(RuntimeError):
    """The state database cannot be opened or written."""


class WriteHealth:
    """Whether the state takes writes: a failure is logged once, until one succeeds."""

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


class StateDatabase:
    """One SQLite file of the bot's state with its schema applied (made if missing)."""

    def __init__(
        self,
        path: Path,
        schema: str,
        *,
        health: WriteHealth | None = None,
        durable: bool = True,
    ) -> None:
        self.path = path
        self.health = health or WriteHealth()
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
            self._db.execute("PRAGMA busy_timeout=5000")
            self._db.executescript(schema)
        except (sqlite3.Error, OSError) as exc:
            raise StoreError(f"cannot use the state database {path}: {exc}") from exc

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction; a failure is rolled back, told to the health record and
        raised as StoreError."""
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

    def rows(self, make: Callable[..., R], sql: str, params: Sequence[object] = ()) -> list[R]:
        """The rows of a query, each made by ``make(*columns)``."""
        with self._lock:
            cursor = self._db.cursor()
            cursor.row_factory = lambda _cursor, row: make(*row)
            found: list[R] = cursor.execute(sql, params).fetchall()
            return found

    def first(self, make: Callable[..., R], sql: str, params: Sequence[object] = ()) -> R | None:
        """The first row of a query made by ``make``, or None."""
        found = self.rows(make, sql, params)
        return found[0] if found else None

    def count(self, sql: str, params: Sequence[object] = ()) -> int:
        """A query's single number (``SELECT COUNT(*) ...``)."""
        return self.first(int, sql, params) or 0

    def shrink_if_sparse(self) -> int:
        """VACUUM when at least a quarter of the file (and a megabyte) is free pages, then
        empty the WAL; returns the bytes given back to the file system (0 when nothing was
        done). Needs as much free disk as the live data, so a failure (a full disk) is told
        to the health record and raised as StoreError."""
        with self._lock:
            try:
                return _shrink(self._db)
            except sqlite3.Error as exc:
                self.health.failed(exc)
                raise StoreError(f"cannot shrink the state database: {exc}") from exc

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _shrink(db: sqlite3.Connection) -> int:
    def pragma(name: str) -> int:
        return int(db.execute(f"PRAGMA {name}").fetchone()[0])

    page_size, pages, free = pragma("page_size"), pragma("page_count"), pragma("freelist_count")
    if free * page_size < SPARSE_BYTES or free < SPARSE_SHARE * pages:
        return 0
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return max(0, (pages - pragma("page_count")) * page_size)
