"""Article extraction off the event loop: trafilatura is CPU work (milliseconds to a second a
page), so pages go to worker processes, a bounded number at a time (each page is at most
``MAX_PAGE_BYTES``, so memory stays bounded), each with a deadline. A worker stuck on a page
is ended with its pool and the page counted as failed; the next page starts a new pool."""

from __future__ import annotations

import asyncio
import multiprocessing
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from retrieval import PageText, extract_page

__all__ = ["EXTRACT_DEADLINE", "Extractor"]

EXTRACT_DEADLINE = 30.0  # seconds for one page's extraction
_IN_FLIGHT = 2  # pages queued per worker


def _start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle


class Extractor:
    """Extracts pages in ``workers`` processes (started on the first page)."""

    def __init__(self, workers: int = 1, *, deadline: float = EXTRACT_DEADLINE) -> None:
        self.workers = max(1, workers)
        self.deadline = deadline
        self._pool: ProcessPoolExecutor | None = None
        self._slots = asyncio.Semaphore(self.workers * _IN_FLIGHT)

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the bot runs threads, and a forked child can inherit a held lock.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, context, initializer=_start_worker)
        return self._pool

    async def extract(self, content: bytes, url: str) -> PageText:
        """The page's text and metadata, or a PageText saying why there is none."""
        async with self._slots:
            loop = asyncio.get_running_loop()
            try:
                future = loop.run_in_executor(self._executor(), extract_page, content, url)
                return await asyncio.wait_for(future, self.deadline)
            except TimeoutError:
                self._restart()
                return PageText(refused=f"extraction took over {self.deadline:g} s", retry=True)
            except BrokenProcessPool:
                self._restart()
                return PageText(refused="extraction failed (worker died)", retry=True)

    def _restart(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            for process in list(getattr(pool, "_processes", {}).values()):
                process.kill()  # a worker stuck in a page never returns
            pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
