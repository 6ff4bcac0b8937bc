"""An aiohttp server that survives half-open and slow connections (the webhook's server).

- Connections beyond ``max_connections`` are closed at once, so slow clients cannot use up
  the process's file descriptors.
- A connection is half-open from the moment it opens (or answered its previous request) until
  its next request is wholly in, headers and body: it must get there within
  ``request_timeout`` seconds (one deadline for the whole request), or it is cut.
- One address may hold at most ``max_half_open_per_address`` half-open connections; more are
  closed at once. A client that keeps hundreds of half-sent requests open, reopening each as
  it is cut, holds that many and no more, and the rest of ``max_connections`` stays open to
  everyone else (Telegram's connections among them).
The handler reads the body within what is left of the deadline (``headers_received`` says how
long) and says when the request is in (``request_received``).
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

__all__ = ["GuardedServer", "headers_received", "request_received", "response_sent"]

log = logging.getLogger("newsbot")


class _GuardedConnection(RequestHandler):
    """aiohttp's connection protocol with a request deadline and per-address counts."""

    guard: GuardedServer
    address = ""
    _deadline: asyncio.TimerHandle | None = None
    _deadline_at = 0.0
    _half_open = False
    _counted = False

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        guard = self.guard
        peer = transport.get_extra_info("peername")
        self.address = str(peer[0]) if isinstance(peer, tuple) and peer else "?"
        guard.open += 1
        self._counted = True
        if guard.open > guard.max_connections:
            guard.note_refused("too many open connections")
            _abort(transport)
            return
        if guard.half_open[self.address] >= guard.max_half_open_per_address:
            guard.note_refused("too many half-open connections from one address")
            _abort(transport)
            return
        self.arm()

    def connection_lost(self, exc: BaseException | None) -> None:
        if self._counted:
            self.guard.open -= 1
            self._counted = False
        self.disarm()
        self.received()
        super().connection_lost(exc)

    def arm(self) -> None:
        """Start the clock: the next request must be wholly in within the timeout."""
        self.disarm()
        if not self._half_open:
            self._half_open = True
            self.guard.half_open[self.address] += 1
        loop = asyncio.get_running_loop()
        self._deadline_at = loop.time() + self.guard.request_timeout
        self._deadline = loop.call_at(self._deadline_at, self._too_slow)

    def disarm(self) -> float:
        """Stop the clock (the handler bounds the body itself); returns the seconds left."""
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None
        return max(0.0, self._deadline_at - asyncio.get_running_loop().time())

    def received(self) -> None:
        """The request is wholly in (or the connection is gone): no longer half-open."""
        if self._half_open:
            self._half_open = False
            counts = self.guard.half_open
            counts[self.address] -= 1
            if counts[self.address] <= 0:
                del counts[self.address]

    def _too_slow(self) -> None:
        self._deadline = None
        self.guard.slow += 1
        if self.transport is not None:
            self.transport.abort()


def _abort(transport: asyncio.BaseTransport) -> None:
    """Drop a connection at once, without a goodbye (a TCP transport; anything else closes)."""
    if isinstance(transport, asyncio.WriteTransport):
        transport.abort()
    else:
        transport.close()


class GuardedServer(web.Server):
    """``aiohttp.web.Server`` whose connections are counted, capped and timed."""

    def __init__(
        self,
        handler: Any,
        *,
        max_connections: int,
        max_half_open_per_address: int,
        request_timeout: float,
        **kwargs: Any,
    ) -> None:
        # aiohttp's own idle timeout only backs ours up (ours restarts after each response).
        super().__init__(handler, keepalive_timeout=2 * request_timeout, **kwargs)
        self.max_connections = max_connections
        self.max_half_open_per_address = max_half_open_per_address
        self.request_timeout = request_timeout
        self.open = 0
        self.half_open: Counter[str] = Counter()  # by address
        self.refused = 0  # connections closed at once for being over a cap
        self.slow = 0  # connections cut for not sending a whole request in time

    def note_refused(self, why: str) -> None:
        self.refused += 1
        if self.refused == 1 or self.refused % 1000 == 0:
            log.warning("webhook: %s; refused %d connections so far", why, self.refused)

    def __call__(self) -> RequestHandler:
        connection = _GuardedConnection(self, loop=self._loop, **self._kwargs)
        connection.guard = self
        return connection


def headers_received(request: web.BaseRequest) -> float:
    """A request's headers are in: the connection's clock stops, and the handler reads the body
    within the seconds this returns (what is left of the whole request's deadline)."""
    connection = request.protocol
    if isinstance(connection, _GuardedConnection):
        return connection.disarm()
    return 10.0  # not one of ours (a test's): the usual deadline


def request_received(request: web.BaseRequest) -> None:
    """The request's body is in too: the connection is no longer half-open."""
    connection = request.protocol
    if isinstance(connection, _GuardedConnection):
        connection.received()


def response_sent(request: web.BaseRequest) -> None:
    """The response is out: the clock starts for the connection's next request."""
    connection = request.protocol
    if isinstance(connection, _GuardedConnection):
        connection.arm()
