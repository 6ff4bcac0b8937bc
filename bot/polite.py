"""The polite fetcher: every request newsbot makes to a news site goes through it.

- robots.txt, per origin, fetched once and kept ``ROBOTS_LIFETIME``; a disallowed URL is never
  fetched. A robots.txt that is missing (4xx) allows everything; one that cannot be read (5xx,
  429, a timeout) disallows everything until it is tried again (RFC 9309), after
  ``ROBOTS_RETRY``. Its ``Crawl-delay`` lengthens the delay, up to ``MAX_DELAY``.
- At most ``PER_HOST`` requests at a time to one host, and ``delay`` seconds at least between
  the starts of two of them.
- 429 and 503 pause the whole host for the ``Retry-After`` asked (else a doubling backoff),
  and the request is tried again, up to ``RETRIES`` times; a wait longer than
  ``MAX_RETRY_WAIT`` is given up at once (the host stays paused).
- A User-Agent naming newsbot and the operator's contact URL.
Each fetch itself is ``feed_fetch.fetch_document``: deadline, size bound, content types,
redirects only where allowed.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
import urllib.robotparser
from collections.abc import AsyncIterator, Callable, Mapping
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from .feed_fetch import USER_AGENT, FeedError, Fetched, feed_client, fetch_document

__all__ = [
    "MAX_RETRY_WAIT",
    "PER_HOST",
    "ROBOTS_LIFETIME",
    "PoliteFetcher",
    "RobotsRefused",
    "user_agent",
]

PER_HOST = 2  # requests at a time to one host
ROBOTS_LIFETIME = 24 * 3600.0  # seconds a robots.txt is kept (RFC 9309: at most a day)
ROBOTS_RETRY = 600.0  # seconds before an unreadable robots.txt is tried again
MAX_ROBOTS_BYTES = 500 * 1024  # RFC 9309: at least 500 KiB must be read
MAX_DELAY = 60.0  # seconds: the most a Crawl-delay may ask
RETRIES = 3  # further tries of a request answered 429 or 503
FIRST_BACKOFF = 2.0  # seconds before the first retry when no Retry-After is given
MAX_RETRY_WAIT = 300.0  # a longer Retry-After gives the request up (the host stays paused)
ROBOTS_AGENT = "newsbot"  # the product token robots.txt rules name


def user_agent(contact: str = "") -> str:
    """``newsbot/0.1 (+https://example.org/bot)``: who fetches, and where to reach its operator."""
    return f"{USER_AGENT} (+{contact})" if contact else USER_AGENT


class RobotsRefused(FeedError):
    """robots.txt disallows this URL (or could not be read)."""


@dataclass
class _Robots:
    rules: urllib.robotparser.RobotFileParser | None  # None: everything disallowed
    expires: float

    def allows(self, url: str) -> bool:
        return self.rules is not None and self.rules.can_fetch(ROBOTS_AGENT, url)


@dataclass
class _Host:
    slots: asyncio.Semaphore = field(default_factory=lambda: asyncio.Semaphore(PER_HOST))
    turn: asyncio.Lock = field(default_factory=asyncio.Lock)
    next_start: float = 0.0  # time.monotonic() before which no request starts
    crawl_delay: float = 0.0


class PoliteFetcher:
    """Fetches through one HTTP client, obeying robots.txt and per-host limits. Use it as an
    async context manager (it closes the client). ``clock``: monotonic seconds (tests)."""

    def __init__(
        self,
        *,
        delay: float = 1.0,
        contact: str = "",
        client: Callable[[str], httpx.AsyncClient] = feed_client,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.delay = delay
        self.agent = user_agent(contact)
        self._client = client(self.agent)
        self._clock = clock
        self._hosts: dict[str, _Host] = {}
        self._robots: dict[str, _Robots] = {}
        self._robots_loading: dict[str, asyncio.Lock] = {}
        self.requests = 0  # made, robots.txt included
        self.refused_by_robots = 0

    async def __aenter__(self) -> PoliteFetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        await self._client.aclose()

    # -- one request ------------------------------------------------------------------------

    async def fetch(
        self,
        url: str,
        *,
        max_bytes: int | None = None,
        content_types: tuple[str, ...] = (),
        headers: Mapping[str, str] | None = None,
    ) -> Fetched:
        """``url`` if robots.txt allows it (else RobotsRefused), within the host's limits,
        trying again after 429/503 as the server asks; FeedError when it fails."""
        if not await self.allowed(url):
            self.refused_by_robots += 1
            raise RobotsRefused("disallowed by robots.txt", reason="robots.txt")
        return await self._request(url, max_bytes, content_types, headers)

    async def _request(
        self,
        url: str,
        max_bytes: int | None,
        content_types: tuple[str, ...],
        headers: Mapping[str, str] | None,
        retries: int = RETRIES,
    ) -> Fetched:
        host = self._host(url)
        for attempt in range(retries + 1):
            async with self._turn(host):
                try:
                    return await fetch_document(
                        self._client,
                        url,
                        max_bytes=max_bytes,
                        content_types=content_types,
                        headers=headers,
                    )
                except FeedError as exc:
                    if exc.status not in (429, 503) or attempt == retries:
                        raise
                    wait = exc.retry_after
                    wait = FIRST_BACKOFF * 2**attempt if wait is None else wait
                    state = self._hosts[host]
                    state.next_start = max(state.next_start, self._clock() + wait)
                    if wait > MAX_RETRY_WAIT:
                        raise FeedError(
                            f"HTTP {exc.status}, asked to wait {wait:.0f} s",
                            reason=f"HTTP {exc.status}",
                            transient=True,
                            status=exc.status,
                        ) from None
        raise AssertionError("unreachable")  # the loop returns or raises

    @staticmethod
    def _host(url: str) -> str:
        return (urlsplit(url).hostname or "").lower()

    @contextlib.asynccontextmanager
    async def _turn(self, host: str) -> AsyncIterator[None]:
        """One of the host's ``PER_HOST`` slots, started ``delay`` after the previous start."""
        state = self._hosts.get(host)
        if state is None:
            if len(self._hosts) > 10_000:  # forget idle hosts: memory stays bounded
                for name in [n for n, h in self._hosts.items() if not h.turn.locked()][:5000]:
                    del self._hosts[name]
            state = self._hosts[host] = _Host()
        async with state.slots:
            async with state.turn:
                wait = state.next_start - self._clock()
                if wait > 0:
                    await asyncio.sleep(wait)
                state.next_start = self._clock() + max(self.delay, state.crawl_delay)
            self.requests += 1
            yield

    # -- robots.txt -------------------------------------------------------------------------

    async def allowed(self, url: str) -> bool:
        """Whether robots.txt lets newsbot fetch ``url`` (read once per origin and lifetime)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}".lower()
        robots = self._robots.get(origin)
        if robots is None or robots.expires <= self._clock():
            lock = self._robots_loading.setdefault(origin, asyncio.Lock())
            async with lock:  # pages of one site wait for one robots.txt fetch
                robots = self._robots.get(origin)
                if robots is None or robots.expires <= self._clock():
                    robots = await self._load_robots(origin)
                    self._robots[origin] = robots
        return robots.allows(url)

    async def _load_robots(self, origin: str) -> _Robots:
        now = self._clock()
        try:
            # Not tried again at once: an unreadable robots.txt disallows for ROBOTS_RETRY.
            fetched = await self._request(f"{origin}/robots.txt", MAX_ROBOTS_BYTES, (), None, 0)
        except FeedError as exc:
            if 400 <= exc.status < 500 and exc.status != 429:  # none: everything allowed
                rules = urllib.robotparser.RobotFileParser()
                rules.parse([])
                return _Robots(rules, now + ROBOTS_LIFETIME)
            return _Robots(None, now + ROBOTS_RETRY)  # unreadable: nothing, for a while
        rules = urllib.robotparser.RobotFileParser()
        rules.parse(fetched.body.decode("utf-8", errors="replace").splitlines())
        delay = rules.crawl_delay(ROBOTS_AGENT)
        if delay:
            host = self._hosts.get(self._host(origin))
            if host is not None:
                host.crawl_delay = min(MAX_DELAY, float(delay))
        return _Robots(rules, now + ROBOTS_LIFETIME)
