"""``/start`` payloads (deep links ``https://t.me/<bot>?start=<payload>``) that carry a query.

Telegram allows 1-64 characters from ``A-Za-z0-9_-`` in a payload, so a query travels as
``q-`` and its UTF-8 bytes in URL-safe base64 (no padding): up to 46 bytes of query, cut at a
word when longer. Anything else (an old ``inline`` payload, a hand-made link) is no query.
"""

from __future__ import annotations

import base64
import binascii

__all__ = ["ask_payload", "query_of_payload"]

_PREFIX = "q-"
_MAX_BYTES = 46  # 62 base64 characters + the prefix = 64, Telegram's limit


def ask_payload(query: str) -> str:
    """A /start payload that asks ``query`` (shortened to fit)."""
    data = " ".join(query.split()).encode()
    if len(data) > _MAX_BYTES:
        cut = data[:_MAX_BYTES].decode(errors="ignore")  # never half a character
        data = (cut.rsplit(" ", 1)[0] if " " in cut else cut).encode()
    return _PREFIX + base64.urlsafe_b64encode(data).decode().rstrip("=")


def query_of_payload(payload: str) -> str | None:
    """The query a payload carries, or None."""
    if not payload.startswith(_PREFIX) or len(payload) > 64:
        return None
    encoded = payload[len(_PREFIX) :]
    try:
        text = base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    text = " ".join(text.split())
    return text or None
