"""Fetching one document (a feed, a sitemap, a page, a robots.txt), safely: a deadline for the
whole fetch, a size bound, the content types wanted, and redirects only where the URL asked for
may lead. ``bot.polite`` adds robots.txt and per-host limits on top.

- The deadline covers connecting, every redirect and the whole body, so a server that sends a
  byte every few seconds cannot hold a fetch open (a per-read timeout would never fire).
- Redirects are followed by hand: only to http/https, and only to the same host or to hosts
  whose addresses are all public; loopback, private and link-local addresses are refused
  unless the configured feed itself is on such an address (a feed served on the local net).
"""

from __future__ import annotations

import asyncio
import contextlib
import email.utils
import ipaddress
import socket
import time
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = [
    "FETCH_DEADLINE",
    "MAX_FEED_BYTES",
    "MAX_REDIRECTS",
    "FeedError",
    "Fetched",
    "check_redirect",
    "fetch_document",
    "fetch_feed",
    "host_addresses",
    "retry_after",
]

FETCH_DEADLINE = 20.0  # seconds for the whole fetch: connect, redirects, body
READ_TIMEOUT = 10.0  # seconds of silence within a fetch
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "newsbot/0.1"  # with the operator's contact URL: bot.polite.user_agent


class FeedError(Exception):
    """One fetch failed; the message says how, in a few words. As data: ``reason``, the short
    label failures are counted by ("HTTP 404", "timed out", "not HTML"; the message's first
    words by default), ``transient`` when the same fetch may work later (a timeout, a 5xx, a
    429), ``status`` the HTTP status of a refusal (0 otherwise), ``retry_after`` the seconds
    the server asked to wait, if any."""

    def __init__(
        self,
        message: str,
        *,
        reason: str = "",
        transient: bool = False,
        status: int = 0,
        retry_after: float | None = None,
    ) -> None:
        super().__init__(message)
        self.reason = reason or message[:40]
        self.transient = transient
        self.status = status
        self.retry_after = retry_after


@dataclass(frozen=True)
class Fetched:
    """A document fetched: ``status`` 200, or 304 (not modified since the validators sent:
    ``body`` is empty); the validators to send next time."""

    url: str  # after redirects
    status: int
    body: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (a number, or an HTTP date); None if absent
    or unreadable."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, moment.timestamp() - (time.time() if now is None else now))


async def host_addresses(host: str) -> list[str]:
    """The IP addresses a host name resolves to (tests replace this)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, None, type=socket.SOCK_STREAM)
    return [str(info[4][0]) for info in infos]


async def _is_local(host: str) -> bool:
    """True when any address of the host is not a public one (loopback, private, ...)."""
    try:
        addresses = [ipaddress.ip_address(host)]
    except ValueError:
        try:
            addresses = [ipaddress.ip_address(a.split("%")[0]) for a in await host_addresses(host)]
        except OSError:
            raise FeedError(
                f"cannot resolve {host}", reason="cannot resolve", transient=True
            ) from None
    return not addresses or any(not address.is_global for address in addresses)


async def check_redirect(configured: str, target: str) -> None:
    """Allow a redirect from the feed at ``configured`` to ``target``, or raise FeedError."""
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise FeedError("redirect to a non-http(s) URL refused")
    origin = (urlsplit(configured).hostname or "").lower()
    if parts.hostname.lower() == origin:
        return
    with_local_origin = False
    with contextlib.suppress(FeedError):
        with_local_origin = await _is_local(origin)
    if not with_local_origin and await _is_local(parts.hostname):
        raise FeedError("redirect to a local or private address refused")


async def fetch_feed(client: httpx.AsyncClient, url: str) -> bytes:
    """The feed document; FeedError on HTTP errors, timeouts, refused redirects, oversize."""
    return (await fetch_document(client, url)).body


async def fetch_document(
    client: httpx.AsyncClient,
    url: str,
    *,
    max_bytes: int | None = None,
    content_types: tuple[str, ...] = (),
    headers: Mapping[str, str] | None = None,
    deadline: float | None = None,
) -> Fetched:
    """One document; FeedError on HTTP errors, timeouts, refused redirects, more than
    ``max_bytes`` (default ``MAX_FEED_BYTES``), or a media type not among ``content_types``
    (when given; checked before the body is read). ``headers``: extra request headers
    (If-None-Match, ...)."""
    deadline = FETCH_DEADLINE if deadline is None else deadline
    max_bytes = MAX_FEED_BYTES if max_bytes is None else max_bytes
    try:
        async with asyncio.timeout(deadline):
            return await _follow(client, url, max_bytes, content_types, headers or {})
    except TimeoutError:
        raise FeedError(
            f"timed out (over {deadline:g} s)", reason="timed out", transient=True
        ) from None
    except httpx.TimeoutException:
        raise FeedError("timed out", transient=True) from None
    except httpx.HTTPError as exc:  # a dropped or refused connection: it may work next time
        raise FeedError(type(exc).__name__, transient=True) from None


async def _follow(
    client: httpx.AsyncClient,
    url: str,
    max_bytes: int,
    content_types: tuple[str, ...],
    headers: Mapping[str, str],
) -> Fetched:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        request = client.stream("GET", current, follow_redirects=False, headers=dict(headers))
        async with request as response:
            media = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if response.status_code == 304:
                return Fetched(current, 304, b"", media)
            if response.is_redirect:
                target = urljoin(current, response.headers.get("location", ""))
                await check_redirect(url, target)
                current = target
                continue
            if response.status_code >= 400:
                raise FeedError(
                    f"HTTP {response.status_code}",
                    transient=response.status_code >= 500 or response.status_code == 429,
                    status=response.status_code,
                    retry_after=retry_after(response.headers.get("retry-after")),
                )
            if content_types and media not in content_types:
                wanted = content_types[0]
                raise FeedError(
                    f"not {wanted} ({media[:40] or 'no type'})",
                    reason="not HTML" if wanted == "text/html" else f"not {wanted}",
                )
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_large(max_bytes)
            return Fetched(
                current,
                response.status_code,
                await _bounded_body(response, max_bytes),
                media,
                response.headers.get("etag", ""),
                response.headers.get("last-modified", ""),
            )
    raise FeedError(f"more than {MAX_REDIRECTS} redirects")


def _too_large(max_bytes: int) -> FeedError:
    size = f"{max_bytes // 2**20} MB" if max_bytes >= 2**20 else f"{max_bytes // 1024} kB"
    return FeedError(f"larger than {size}", reason="too large")


async def _bounded_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The body, decompressed here in bounded steps (httpx would inflate a whole compressed
    chunk at once: 64 kB of gzip can be 64 MB), refused past ``max_bytes``."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FeedError(f"unsupported content encoding {encoding[:20]!r}")
    chunks, size = [], 0
    too_large = _too_large(max_bytes)
    try:
        async for raw in response.aiter_raw():
            chunk = raw
            if decoder is not None:
                chunk = decoder.decompress(raw, max_bytes - size + 1)
                if decoder.unconsumed_tail:  # more output than the room left
                    raise too_large
            size += len(chunk)
            if size > max_bytes:
                raise too_large
            chunks.append(chunk)
    except zlib.error:
        raise FeedError("undecodable compressed body") from None
    return b"".join(chunks)


def feed_client(user_agent: str = USER_AGENT) -> httpx.AsyncClient:
    """The HTTP client for feeds and pages: no automatic redirects (``_follow`` checks each)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(READ_TIMEOUT),
        follow_redirects=False,
        headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
    )
