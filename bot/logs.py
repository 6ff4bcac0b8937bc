"""Logging set-up: one format, the bot token never written."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["CountedWarning", "QuietRetryLoop", "RedactingFilter", "setup_logging"]


class CountedWarning:
    """Events that may come by the thousand (refused requests, dropped sends) counted, and
    reported at most once every ``every`` seconds with how many came since the last report."""

    def __init__(self, every: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.every = every
        self.total = 0
        self._clock = clock
        self._unreported = 0
        self._reported_at: float | None = None

    def note(self) -> int | None:
        """Count one event; the number to report now, or None while it is too soon."""
        self.total += 1
        self._unreported += 1
        now = self._clock()
        if self._reported_at is not None and now - self._reported_at < self.every:
            return None
        count, self._unreported, self._reported_at = self._unreported, 0, now
        return count


class RedactingFilter(logging.Filter):
    """Replaces secrets in every record (message, arguments and traceback text)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self.secrets = [s for s in secrets if s]

    def _clean(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "[token]")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secrets:
            return True
        message = record.getMessage()
        if record.exc_info and record.exc_info[1] is not None and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        record.msg = self._clean(message)
        record.args = None
        if record.exc_text:
            record.exc_text = self._clean(record.exc_text)
        return True


class QuietRetryLoop(logging.Filter):
    """python-telegram-bot logs a full traceback each time its network retry loop gives up or
    retries; the message line says enough (our own handlers log what matters). Its rate
    limiter, built with ``max_retries=0`` because ``bot.network`` owns flood-control retries,
    would log every 429 as an error "after maximum of 0 retries": dropped, ours says it."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name == "telegram.ext.AIORateLimiter" and record.getMessage().startswith(
            "Rate limit hit after maximum"
        ):
            return False
        if record.name.startswith("telegram.ext") and "Network Retry Loop" in record.getMessage():
            record.exc_info = None
            record.exc_text = None
        return True


class _NewsbotHandler(logging.StreamHandler[TextIO]):
    """The handler ``setup_logging`` adds (and replaces when it is called again)."""

    _newsbot = True  # marks it for whoever looks for it among the root's handlers (tests)


def setup_logging(level: str = "INFO", secrets: list[str] | None = None) -> None:
    """Log to stderr; HTTP client request lines (which carry the token in URLs) are muted."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, _NewsbotHandler):
            root.removeHandler(handler)
    handler = _NewsbotHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(QuietRetryLoop())
    handler.addFilter(RedactingFilter(secrets or []))
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
