"""Threads for blocking work, in three pools, so that answers never queue behind the rest.

Reads (answers, inline lookups, summaries, digests, /stats) run on their own pool; writers
(feed parsing and indexing, /add, channel posts) on another; the state databases' writes that
leave the event loop (/tldr's batches, upkeep, the sources' status) on one thread of their
own, so a stalled disk holds none of the others. A writer waiting for the index writer lock
(another process may be running ``newsbot index``) holds a writer thread only, and for at most
``WRITER_WAIT`` seconds before it gives up and is retried later.

A ``Workers`` is made by whoever runs the work (the application, ``bot.app``; the crawl of
``newsbot index URL``) and shut down with it: nothing is started at import, and each pool is
made when first used (again after a shutdown, for an application started a second time).
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["READ_THREADS", "WRITER_WAIT", "WRITE_THREADS", "Workers"]

T = TypeVar("T")

READ_THREADS = 4  # searches are milliseconds each; 4 keeps both cores busy under load
WRITE_THREADS = 2  # one indexes (the writer lock allows one), one parses the next feed
STATE_THREADS = 1  # the state's writes are one at a time anyway (one connection, one lock)
WRITER_WAIT = 30.0  # seconds a bot writer waits for the index writer lock, then retries later


class Workers:
    """The read, write and state thread pools of one application."""

    def __init__(self, read_threads: int = READ_THREADS, write_threads: int = WRITE_THREADS):
        self._sizes = {"read": read_threads, "write": write_threads, "state": STATE_THREADS}
        self._pools: dict[str, ThreadPoolExecutor] = {}
        self._lock = threading.Lock()

    def _pool(self, kind: str) -> ThreadPoolExecutor:
        with self._lock:
            pool = self._pools.get(kind)
            if pool is None:
                pool = self._pools[kind] = ThreadPoolExecutor(
                    self._sizes[kind], thread_name_prefix=f"newsbot-{kind}"
                )
            return pool

    async def _run(self, kind: str, function: Callable[[], T]) -> T:
        return await asyncio.get_running_loop().run_in_executor(self._pool(kind), function)

    async def read(self, function: Callable[[], T]) -> T:
        """Run a search off the event loop, on the read pool."""
        return await self._run("read", function)

    async def write(self, function: Callable[[], T]) -> T:
        """Run parsing or indexing off the event loop, on the writer pool."""
        return await self._run("write", function)

    async def state(self, function: Callable[[], T]) -> T:
        """Run a state database's write (or a read beside writes) off the event loop."""
        return await self._run("state", function)

    def shutdown(self) -> None:
        """Stop every pool: work not started is dropped, work running finishes on its own
        (a search stalled on a cluster must not hold the application's shutdown)."""
        with self._lock:
            pools, self._pools = list(self._pools.values()), {}
        for pool in pools:
            pool.shutdown(wait=False, cancel_futures=True)
