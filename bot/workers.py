"""Threads for blocking work, in two pools: answers never queue behind ingestion.

Reads (answers, inline lookups, summaries, digests, /stats) run on their own pool; writers
(feed parsing and indexing, /add) on another. A writer waiting for the index writer lock
(another process may be running ``newsbot index``) holds a writer thread only, and for at
most ``WRITER_WAIT`` seconds before it gives up and is retried later.
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

__all__ = ["READ_THREADS", "WRITER_WAIT", "WRITE_THREADS", "in_read_thread", "in_write_thread"]

T = TypeVar("T")

READ_THREADS = 4  # searches are milliseconds each; 4 keeps both cores busy under load
WRITE_THREADS = 2  # one indexes (the writer lock allows one), one parses the next feed
WRITER_WAIT = 30.0  # seconds a bot writer waits for the index writer lock, then retries later

_readers = ThreadPoolExecutor(READ_THREADS, thread_name_prefix="newsbot-read")
_writers = ThreadPoolExecutor(WRITE_THREADS, thread_name_prefix="newsbot-write")


async def in_read_thread(function: Callable[[], T]) -> T:
    """Run a search off the event loop, on the read pool."""
    return await asyncio.get_running_loop().run_in_executor(_readers, function)


async def in_write_thread(function: Callable[[], T]) -> T:
    """Run parsing or indexing off the event loop, on the writer pool."""
    return await asyncio.get_running_loop().run_in_executor(_writers, functools.partial(function))
