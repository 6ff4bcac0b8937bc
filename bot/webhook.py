"""Webhook mode: an aiohttp server takes Telegram's updates at the webhook URL's path.

Every POST must carry Telegram's ``X-Telegram-Bot-Api-Secret-Token`` header with our secret
(NEWSBOT_WEBHOOK_SECRET): a wrong or missing one gets 403 and nothing is processed; refusals
are counted and logged at most once a minute, so nobody can flood the log. A body that is not
an update gets 400 and one warning line. ``GET /healthz`` answers 200 with a small JSON status
while the index is open. Connections are capped (in all, and half-open ones per address) and
a whole request must arrive within ``REQUEST_TIMEOUT`` (``bot.http_guard``).
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

from retrieval import Library

from .context import NewsApp
from .http_guard import GuardedServer, headers_received, request_received, response_sent
from .logs import CountedWarning

__all__ = ["WebhookServer", "serve_webhook", "webhook_path"]

log = logging.getLogger("newsbot")

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1024 * 1024
REQUEST_TIMEOUT = 10.0  # seconds to send a whole request (headers and body) once connected
MAX_CONNECTIONS = 200  # Telegram opens at most 100; the rest are probes or attacks
# Half-open connections (a request not wholly in, or idle) one address may hold: Telegram's
# most, so one client holding many leaves the other half of MAX_CONNECTIONS to everyone else.
MAX_HALF_OPEN_PER_ADDRESS = 100
REFUSAL_LOG_EVERY = 60.0  # seconds between log lines about wrong secrets


def webhook_path(url: str) -> str:
    """The path the server answers: the path of the public URL (``/`` when it has none)."""
    path = urlsplit(url).path
    return path if path.startswith("/") else "/" + path


class WebhookServer:
    """The HTTP side of webhook mode, around a running ``Application``."""

    def __init__(
        self,
        application: NewsApp,
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
        self.path = webhook_path(url)
        self._runner: web.ServerRunner | None = None
        self.server: GuardedServer | None = None
        self._refusals = CountedWarning(REFUSAL_LOG_EVERY)  # wrong or missing secrets

    async def dispatch(self, request: web.BaseRequest) -> web.StreamResponse:
        """The two routes: the webhook path (POST) and /healthz (GET)."""
        left = headers_received(request)
        try:
            if request.path == self.path:
                if request.method != "POST":
                    request_received(request)
                    return web.Response(status=405, text="method not allowed")
                return await self.receive(request, left)
            request_received(request)
            if request.path == "/healthz" and request.method in ("GET", "HEAD"):
                return await self.health(request)
            return web.Response(status=404, text="not found")
        finally:
            response_sent(request)

    @property
    def wrong_secrets(self) -> int:
        """Requests refused for a wrong or missing secret, since start."""
        return self._refusals.total

    def _refuse_secret(self) -> web.Response:
        if (count := self._refusals.note()) is not None:
            log.warning(
                "webhook: refused %d request(s) with a wrong or missing secret token", count
            )
        return web.Response(status=403, text="forbidden")

    async def receive(self, request: web.BaseRequest, left: float) -> web.Response:
        """One update from Telegram: checked, queued, acknowledged. ``left``: seconds of the
        request's deadline left for its body."""
        given = request.headers.get(SECRET_HEADER, "")
        # Header values are str with undecodable bytes escaped: compare them as bytes.
        if not hmac.compare_digest(given.encode("utf-8", "surrogateescape"), self.secret.encode()):
            request_received(request)  # the body is not read: the connection closes after
            return self._refuse_secret()
        try:
            body = await asyncio.wait_for(request.read(), left)
        except TimeoutError:
            return web.Response(status=408, text="body too slow")
        except web.HTTPRequestEntityTooLarge:
            return web.Response(status=413, text="too large")
        finally:
            request_received(request)
        update = self._update(body)
        if update is None:
            return web.Response(status=400, text="not an update")
        await self.application.update_queue.put(update)
        return web.Response(status=200, text="ok")

    def _update(self, body: bytes) -> Update | None:
        """The update in a request body, or None (with one warning line) for anything else."""
        try:
            payload = json.loads(body)
            if not isinstance(payload, dict) or type(payload.get("update_id")) is not int:
                raise ValueError("not an object with an update_id")
            return Update.de_json(payload, self.application.bot)
        except Exception as exc:  # whatever the body holds, it is not an update we can use
            log.warning("webhook request refused: not an update (%s)", type(exc).__name__)
            return None

    async def health(self, request: web.BaseRequest) -> web.Response:
        """200 and what the index holds, while it is open; 503 if it cannot be read."""
        try:
            stats = await self.application.bot_data.workers.read(self.library.stats)
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
        self.server = GuardedServer(
            self.dispatch,
            max_connections=MAX_CONNECTIONS,
            max_half_open_per_address=MAX_HALF_OPEN_PER_ADDRESS,
            request_timeout=REQUEST_TIMEOUT,
            access_log=None,
        )
        self._runner = web.ServerRunner(self.server)
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
        if self.application.post_shutdown is not None:  # as run_polling does
            await self.application.post_shutdown(self.application)


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
