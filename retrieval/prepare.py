"""Articles into passage documents on every core: sentence splitting and stemming are most of the
cost of indexing, and pure Python, so a long ingest hands them to worker processes while this
process feeds the engine's writer. Order is kept, so commits, reports and progress are as before.
"""

from __future__ import annotations

import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from .articles import Article
from .documents import ArticleDocuments, passage_documents

__all__ = ["POOL_AFTER", "prepared", "usable_cores", "workers"]

POOL_AFTER = 500  # articles done here before workers start: /add and feeds never pay for them
CHUNK = 100  # articles per task: large enough that pickling costs little
_IN_FLIGHT = 3  # tasks queued per worker: keeps workers busy, memory bounded


def _start_worker() -> None:
    """Ctrl-C is the parent's to handle (it stops after its last commit); and a worker whose
    parent is gone (SIGKILL) exits, rather than wait forever on a queue nobody closes."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _documents(chunk: list[Article], added_at: int) -> list[ArticleDocuments]:
    return [passage_documents(article, added_at) for article in chunk]


def usable_cores() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def workers() -> int:
    """Worker processes for a long ingest: one per core this process may use, less the one it
    keeps (its thread and tantivy's writer threads fill about a core), up to 4."""
    return max(0, min(4, usable_cores() - 1))


def prepared(
    articles: Iterable[Article], added_at: int, *, processes: int | None = None
) -> Iterator[tuple[Article, ArticleDocuments]]:
    """Each article with its passage documents, in order; past ``POOL_AFTER`` articles, made by
    ``processes`` worker processes (default: ``workers()``; 0: here)."""
    stream = iter(articles)
    for article in itertools.islice(stream, POOL_AFTER):
        yield article, passage_documents(article, added_at)
    processes = workers() if processes is None else processes
    if processes < 1:
        for article in stream:
            yield article, passage_documents(article, added_at)
        return
    # spawn, not fork: the bot runs threads, and a forked child can inherit a held lock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, context, initializer=_start_worker) as pool:
        pending: deque[tuple[list[Article], Future[list[ArticleDocuments]]]] = deque()
        queued = processes * _IN_FLIGHT
        chunks = iter(lambda: list(itertools.islice(stream, CHUNK)), [])
        try:
            for chunk in chunks:
                # This process prepares a chunk itself whenever the workers have enough queued,
                # rather than wait for them: the share that balances feeding the writer and
                # preparing depends on the machine's load, so it is found as the run goes (a
                # fixed one in three left either side idle for part of the run).
                if sum(not future.done() for _, future in pending) >= queued:
                    pending.append((chunk, _done_here(chunk, added_at)))
                else:
                    pending.append((chunk, pool.submit(_documents, chunk, added_at)))
                while pending and (len(pending) > 2 * queued or pending[0][1].done()):
                    yield from _ready(pending.popleft())
            while pending:
                yield from _ready(pending.popleft())
        finally:
            for _, future in pending:  # stopped early (an error, Ctrl-C): drop queued work
                future.cancel()


def _done_here(chunk: list[Article], added_at: int) -> Future[list[ArticleDocuments]]:
    """A chunk prepared in this process, queued like the workers' so that order is kept."""
    done: Future[list[ArticleDocuments]] = Future()
    done.set_result(_documents(chunk, added_at))
    return done


def _ready(
    task: tuple[list[Article], Future[list[ArticleDocuments]]],
) -> Iterator[tuple[Article, ArticleDocuments]]:
    chunk, future = task
    yield from zip(chunk, future.result(), strict=True)
