"""Webhook mode: an aiohttp server takes Telegram's updates at the webhook URL's path.

Every POST must carry Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header with our secret
(NEWSBOT_WEBHOOK_SECRET): a wrong or missing one gets 403 and nothing is processed.
``GET /healthz`` answers 200 with a small JSON status while the index is open.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import signal
from urllib.parse import urlsplit

from aiohttp import web
from telegram import Update
from telegram.ext import Application

from retrieval import Library

__all__ = ["WebhookServer", "serve_webhook", "webhook_path"]

log = logging.getLogger("newsbot")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024


def webhook_path(url: str) -> str:
    """The path the server answers: the path of the public URL (``/`` when it has none)."""
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


class WebhookServer:
    """The HTTP side of webhook mode, around a running ``Application``."""

    def __init__(
        self,
        application: Application,  # type: ignore[type-arg]
        library: Library,
        *,
        url: str,
        secret: str,
        listen: str,
        port: int,
    ) -> None:
        self.application = application
        self.library = library
        self.url = url
        self.secret = secret
        self.listen = listen
        self.port = port
        self._runner: web.AppRunner | None = None

    def _web_app(self) -> web.Application:
        app = web.Application(client_max_size=MAX_UPDATE_BYTES)
        app.router.add_post(webhook_path(self.url), self.receive)
        app.router.add_get("/healthz", self.health)
        return app

    async def receive(self, request: web.Request) -> web.Response:
        """One update from Telegram: checked, queued, acknowledged."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            log.warning("webhook request refused: wrong or missing secret token")
            return web.Response(status=403, text="forbidden")
        try:
            payload = await request.json()
            update = Update.de_json(payload, self.application.bot)
        except (json.JSONDecodeError, ValueError, TypeError, KeyError) as exc:
            log.warning("webhook request refused: not an update (%s)", type(exc).__name__)
            return web.Response(status=400, text="not an update")
        await self.application.update_queue.put(update)
        return web.Response(status=200, text="ok")

    async def health(self, request: web.Request) -> web.Response:
        """200 and what the index holds, while it is open; 503 if it cannot be read."""
        try:
            stats = await asyncio.to_thread(self.library.stats)
        except Exception as exc:  # any failure to read the index means "not healthy"
            return web.json_response({"status": "error", "error": type(exc).__name__}, status=503)
        return web.json_response(
            {"status": "ok", "articles": stats.articles, "passages": stats.passages}
        )

    async def start(self) -> None:
        """Start the bot, tell Telegram where to send updates, and listen."""
        application = self.application
        await application.initialize()
        if application.post_init is not None:
            await application.post_init(application)
        await application.start()
        await application.bot.set_webhook(
            self.url, secret_token=self.secret, allowed_updates=Update.ALL_TYPES
        )
        self._runner = web.AppRunner(self._web_app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, self.listen, self.port).start()
        self.port = int(self._runner.addresses[0][1])  # port 0 asks for any free port
        log.info("webhook server listening on %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
        if self.application.running:
            await self.application.stop()
        await self.application.shutdown()


async def serve_webhook(server: WebhookServer) -> None:
    """Run until SIGINT or SIGTERM."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    await server.start()
    try:
        await stop.wait()
    finally:
        await server.stop()
