"""Running the bot: logging set up, then long polling (or a webhook server)."""

from __future__ import annotations

import asyncio
import logging

from telegram import Update

from retrieval import Library

from .app import build_application
from .logs import setup_logging
from .settings import Settings
from .state import BotState
from .webhook import WebhookServer, serve_webhook

__all__ = ["run_bot"]

log = logging.getLogger("newsbot")


def run_bot(
    settings: Settings,
    library: Library,
    state: BotState | None = None,
    *,
    webhook: str | None = None,
    listen: str = "127.0.0.1",
    port: int = 8443,
) -> None:
    """Run until interrupted (polling, or a webhook server); the token is never logged."""
    setup_logging(settings.log_level, secrets=[settings.token()])
    for adjustment in settings.adjustments:
        log.warning("%s", adjustment)
    application = build_application(settings, library, state)
    stats = library.stats()
    log.info("index holds %d articles, %d passages", stats.articles, stats.passages)
    if webhook:
        server = WebhookServer(
            application, library, url=webhook, secret=settings.secret(), listen=listen, port=port
        )
        asyncio.run(serve_webhook(server))
        return
    log.info("polling %s for updates", settings.telegram_api_url)
    # bootstrap_retries=-1: if Telegram cannot be reached at start, keep trying (with backoff)
    # rather than exit; a refused token still stops at once.
    application.run_polling(
        allowed_updates=Update.ALL_TYPES, drop_pending_updates=False, bootstrap_retries=-1
    )
