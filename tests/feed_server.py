"""Feeds on 127.0.0.1 for tests: named documents, counted fetches, dribbling and redirects."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import defaultdict

from aiohttp import web


def rss(items: list[tuple[str, str, str]], *, date: str = "Mon, 06 Nov 2023 10:00:00 GMT") -> bytes:
    """An RSS 2.0 document with (title, link, description) items."""
    body = "".join(
        f"<item><title>{t}</title><link>{link}</link><description>{d}</description>"
        f"<pubDate>{date}</pubDate></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title>'
        f"<link>http://news.test/</link><description>d</description>{body}</channel></rss>"
    ).encode()


class FeedServer:
    """Serves ``documents[name]`` at ``/name`` (with ``headers[name]``); ``statuses[name]``
    answers that error status, ``redirects[name]`` 302 to that location; ``/dribble`` sends a
    byte every 0.3 s. Records when each path was fetched."""

    def __init__(self) -> None:
        self.documents: dict[str, bytes] = {}
        self.redirects: dict[str, str] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.statuses: dict[str, int] = {}  # name: an error status to answer with
        self.fetched: dict[str, list[float]] = defaultdict(list)
        self.url = ""
        self._runner: web.AppRunner | None = None
        self._stopping = asyncio.Event()

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/dribble", self._dribble)
        app.router.add_get("/{name}", self._serve)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.url = f"http://127.0.0.1:{site._server.sockets[0].getsockname()[1]}"  # type: ignore[union-attr]

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        self.fetched[name].append(time.monotonic())
        if name in self.statuses:
            return web.Response(status=self.statuses[name], headers=self.headers.get(name, {}))
        if name in self.redirects:
            return web.Response(status=302, headers={"Location": self.redirects[name]})
        if name not in self.documents:
            return web.Response(status=404)
        return web.Response(
            body=self.documents[name],
            content_type="application/rss+xml",
            headers=self.headers.get(name, {}),
        )

    async def _dribble(self, request: web.Request) -> web.StreamResponse:
        self.fetched["dribble"].append(time.monotonic())
        response = web.StreamResponse()
        await response.prepare(request)
        with contextlib.suppress(ConnectionError, asyncio.CancelledError):
            for _ in range(200):
                if self._stopping.is_set():
                    break
                await response.write(b" ")
                await asyncio.sleep(0.3)
        return response

    async def stop(self) -> None:
        self._stopping.set()
        if self._runner is not None:
            await self._runner.cleanup()
