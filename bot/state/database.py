"""How every database of the bot's state is opened, written, read and kept small.

A ``StateDatabase`` is one SQLite file on one connection: WAL journal, a 5 s wait for another
process's write lock, full syncs (or normal ones for figures that may lose their last second,
``durable=False``), autocommit with one short ``BEGIN IMMEDIATE`` transaction per write,
behind a lock: handlers run on the event loop and jobs and batched writes on threads.

A write that fails (a full disk, a file-size limit, an I/O error) raises ``StoreError`` and is
logged once per episode by the ``WriteHealth`` the bot's databases share, not once per write:
bookkeeping after an answer (the question behind it, its buttons, the reply log) is best
effort, and answering goes on. After a failure no write is tried for ``HOLD_SECONDS`` (each
raises ``StoreError`` at once): a nearly full disk still takes a small write now and then (the
WAL has room a larger one left), and trying every write would end the episode and begin it
again with each of those, log it each time, and hold the event loop on a failing disk's syncs.
The first write tried after the hold that succeeds ends the episode.

Rows come back typed: ``rows(make, sql)`` builds each row with ``make`` (a dataclass, or a
function that converts the columns first), so no caller unpacks an untyped tuple.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

__all__ = [
    "HOLD_SECONDS",
    "SPARSE_BYTES",
    "SPARSE_SHARE",
    "StateDatabase",
    "StoreError",
    "WriteHealth",
]

log = logging.getLogger("newsbot")

R = TypeVar("R")

# VACUUM when at least this share of the file is free pages, and at least this many bytes.
SPARSE_SHARE = 0.25
SPARSE_BYTES = 1 << 20
HOLD_SECONDS = 60.0  # after a failed write, none is tried for this long


class StoreError(RuntimeError):
    """The state database cannot be opened or written."""


class WriteHealth:
    """Whether the state takes writes: a failure is logged once, until a write succeeds, and
    holds every write for ``HOLD_SECONDS``; ``on_failing`` hears when an episode begins."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.failing = False
        self.failed_writes = 0  # in the current episode, tried or held
        self.episodes = 0  # since start
        # Called when an episode begins, on the thread whose write failed and under its
        # database's lock: a listener only takes note (or schedules), it never writes.
        self.on_failing: list[Callable[[], None]] = []
        self._held_until = 0.0
        self._lock = threading.Lock()

    def held(self) -> bool:
        """Whether a write now is held (not tried) after a failure; a held write counts as
        failed."""
        with self._lock:
            held = self.failing and self.clock() < self._held_until
            if held:
                self.failed_writes += 1
            return held

    def failed(self, exc: BaseException) -> None:
        with self._lock:
            self.failed_writes += 1
            self._held_until = self.clock() + HOLD_SECONDS
            began, self.failing = not self.failing, True
            if began:
                self.episodes += 1
        if not began:
            return
        log.error(
            "cannot write the bot's state (%s): answering goes on; what is not kept "
            "meanwhile (follow-ups, buttons, /tldr messages) is lost",
            exc,
        )
        for listener in self.on_failing:
            listener()

    def succeeded(self) -> None:
        with self._lock:
            ended, self.failing = self.failing, False
            failed, self.failed_writes = self.failed_writes, 0
        if ended:
            log.warning("the bot's state can be written again (%d writes failed)", failed)


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
        raised as StoreError (as is a write while the health record holds writes)."""
        with self._lock:
            if self.health.held():
                raise StoreError("cannot write the state database: held after a failed write")
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
