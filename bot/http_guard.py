"""An aiohttp server that survives half-open and slow connections (the webhook's server).

- Connections beyond ``max_connections`` are closed at once, so slow clients cannot use up
  the process's file descriptors.
- A connection must deliver a request's headers within ``header_timeout`` seconds of opening
  (or of its previous request): slowloris clients are cut off.
Body reads are bounded by the handler (``asyncio.wait_for`` on ``request.read()``).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web
from aiohttp.web_protocol import RequestHandler

__all__ = ["GuardedServer", "headers_received"]

log = logging.getLogger("newsbot")


class _GuardedConnection(RequestHandler):  # type: ignore[misc]
    """aiohttp's connection protocol with a deadline for headers and a connection count."""

    guard: GuardedServer
    _deadline: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        guard = self.guard
        guard.open += 1
        if guard.open > guard.max_connections:
            guard.note_refused()
            transport.abort()  # type: ignore[attr-defined]  # a TCP transport
            return
        self.arm()

    def connection_lost(self, exc: BaseException | None) -> None:
        self.guard.open -= 1
        self.disarm()
        super().connection_lost(exc)

    def arm(self) -> None:
        """Start the clock: the next request's headers must come within the timeout."""
        self.disarm()
        loop = asyncio.get_running_loop()
        self._deadline = loop.call_later(self.guard.header_timeout, self._too_slow)

    def disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _too_slow(self) -> None:
        self._deadline = None
        self.guard.slow += 1
        if self.transport is not None:
            self.transport.abort()


class GuardedServer(web.Server):  # type: ignore[misc]
    """``aiohttp.web.Server`` whose connections are counted, capped and timed."""

    def __init__(
        self, handler: Any, *, max_connections: int, header_timeout: float, **kwargs: Any
    ) -> None:
        # aiohttp's own idle timeout only backs ours up (ours restarts after each response).
        super().__init__(handler, keepalive_timeout=2 * header_timeout, **kwargs)
        self.max_connections = max_connections
        self.header_timeout = header_timeout
        self.open = 0
        self.refused = 0  # connections closed for being over the cap
        self.slow = 0  # connections cut for sending headers too slowly

    def note_refused(self) -> None:
        self.refused += 1
        if self.refused == 1 or self.refused % 1000 == 0:
            log.warning("webhook: too many open connections; refused %d so far", self.refused)

    def __call__(self) -> RequestHandler:
        connection = _GuardedConnection(self, loop=self._loop, **self._kwargs)
        connection.guard = self
        return connection


def headers_received(request: web.BaseRequest) -> None:
    """A request's headers are in: stop the connection's header clock; the handler then
    bounds its body read itself. The clock restarts when the response is sent."""
    connection = request.protocol
    if isinstance(connection, _GuardedConnection):
        connection.disarm()


def response_sent(request: web.BaseRequest) -> None:
    connection = request.protocol
    if isinstance(connection, _GuardedConnection):
        connection.arm()
