"""Downloading a file a user sent, streamed and bounded: never more than the limit in memory.

python-telegram-bot's own download reads the whole answer before anyone can check its size,
and Telegram's ``file_size`` is only what the message says.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

import httpx
from telegram import File

__all__ = ["DownloadError", "TooLarge", "download_bounded"]


class DownloadError(Exception):
    """The file could not be fetched; the message names the failure, never the URL (it holds
    the token)."""


class TooLarge(DownloadError):
    """The file is larger than the limit."""


async def download_bounded(file: File, limit: int, *, timeout: float) -> bytes:
    """The file's bytes; TooLarge as soon as more than ``limit`` bytes arrive."""
    path = file.file_path or ""
    if file.file_size is not None and file.file_size > limit:
        raise TooLarge()
    if path and not path.startswith(("http://", "https://")):  # a local-mode Bot API server
        try:
            if Path(path).stat().st_size > limit:
                raise TooLarge()
            return Path(path).read_bytes()
        except OSError as exc:
            raise DownloadError(exc.strerror or "unreadable") from None
    parts = urlsplit(path)
    url = urlunsplit(parts._replace(path=quote(parts.path)))
    chunks, size = [], 0
    try:
        async with (
            httpx.AsyncClient(timeout=timeout, trust_env=False) as client,
            client.stream("GET", url, headers={"Accept-Encoding": "identity"}) as response,
        ):
            if response.status_code >= 400:
                raise DownloadError(f"HTTP {response.status_code}")
            async for chunk in response.aiter_raw():
                size += len(chunk)
                if size > limit:
                    raise TooLarge()
                chunks.append(chunk)
    except httpx.HTTPError as exc:
        raise DownloadError(type(exc).__name__) from None
    return b"".join(chunks)
