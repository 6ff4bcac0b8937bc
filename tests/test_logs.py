"""bot.logs: the token never reaches a log line; PTB's retry-loop tracebacks are shortened."""

from __future__ import annotations

import logging
import sys

from bot.logs import QuietRetryLoop, RedactingFilter

TOKEN = "123456:SECRET-token-value"


def _record(msg: str, *args: object, name: str = "newsbot", exc: bool = False) -> logging.LogRecord:
    exc_info = None
    if exc:
        try:
            raise RuntimeError(f"failed calling /bot{TOKEN}/getMe")
        except RuntimeError:
            exc_info = sys.exc_info()
    return logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)


def test_token_redacted_in_message_arguments_and_traceback() -> None:
    record = _record("url %s", f"https://api.telegram.org/bot{TOKEN}/x", exc=True)
    assert RedactingFilter([TOKEN]).filter(record)
    formatted = logging.Formatter().format(record)
    assert TOKEN not in formatted
    assert "[token]" in formatted
    assert "RuntimeError" in formatted


def test_no_secrets_leaves_record_alone() -> None:
    record = _record("plain %s", "text")
    assert RedactingFilter(["", ""]).filter(record)
    assert record.getMessage() == "plain text"


def test_retry_loop_traceback_dropped_only_for_ptb() -> None:
    ptb = _record(
        "Network Retry Loop (Polling Updates): failed", name="telegram.ext.Updater", exc=True
    )
    ours = _record("Network Retry Loop", name="newsbot", exc=True)
    assert QuietRetryLoop().filter(ptb) and QuietRetryLoop().filter(ours)
    assert ptb.exc_info is None
    assert ours.exc_info is not None


def test_rate_limiter_give_up_line_dropped_only_for_ptb() -> None:
    # bot.network builds PTB's limiter with max_retries=0 and logs flood control itself.
    ptb = _record("Rate limit hit after maximum of 0 retries", name="telegram.ext.AIORateLimiter")
    ours = _record("Rate limit hit after maximum of 0 retries", name="newsbot")
    assert not QuietRetryLoop().filter(ptb)
    assert QuietRetryLoop().filter(ours)
