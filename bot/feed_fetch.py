"""Fetching one feed document, safely: a deadline for the whole fetch, a size bound, and
redirects only where the configured feed may lead.

- The deadline covers connecting, every redirect and the whole body, so a server that sends a
  byte every few seconds cannot hold a fetch open (a per-read timeout would never fire).
- Redirects are followed by hand: only to http/https, and only to the same host or to hosts
  whose addresses are all public; loopback, private and link-local addresses are refused
  unless the configured feed itself is on such an address (a feed served on the local net).
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import zlib
from urllib.parse import urljoin, urlsplit

import httpx

__all__ = [
    "FETCH_DEADLINE",
    "MAX_FEED_BYTES",
    "MAX_REDIRECTS",
    "FeedError",
    "check_redirect",
    "fetch_feed",
    "host_addresses",
]

FETCH_DEADLINE = 20.0  # seconds for the whole fetch: connect, redirects, body
READ_TIMEOUT = 10.0  # seconds of silence within a fetch
MAX_FEED_BYTES = 10 * 1024 * 1024
MAX_REDIRECTS = 5
USER_AGENT = "newsbot/0.1 (+https://github.com/)"


class FeedError(Exception):
    """One fetch of a feed failed; the message says how, in a few words."""


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
            raise FeedError(f"cannot resolve {host}") from None
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
    deadline = FETCH_DEADLINE
    try:
        async with asyncio.timeout(deadline):
            return await _follow(client, url)
    except TimeoutError:
        raise FeedError(f"timed out (over {deadline:g} s)") from None
    except httpx.TimeoutException:
        raise FeedError("timed out") from None
    except httpx.HTTPError as exc:
        raise FeedError(type(exc).__name__) from None


async def _follow(client: httpx.AsyncClient, url: str) -> bytes:
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        async with client.stream("GET", current, follow_redirects=False) as response:
            if response.is_redirect:
                target = urljoin(current, response.headers.get("location", ""))
                await check_redirect(url, target)
                current = target
                continue
            if response.status_code >= 400:
                raise FeedError(f"HTTP {response.status_code}")
            return await _bounded_body(response)
    raise FeedError(f"more than {MAX_REDIRECTS} redirects")


async def _bounded_body(response: httpx.Response) -> bytes:
    """The body, decompressed here in bounded steps (httpx would inflate a whole compressed
    chunk at once: 64 kB of gzip can be 64 MB), refused past MAX_FEED_BYTES."""
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        decoder = zlib.decompressobj(32 + zlib.MAX_WBITS)  # gzip or zlib header
    elif encoding in ("", "identity"):
        decoder = None
    else:
        raise FeedError(f"unsupported content encoding {encoding[:20]!r}")
    chunks, size = [], 0
    too_large = FeedError(f"larger than {MAX_FEED_BYTES // 2**20} MB")
    try:
        async for raw in response.aiter_raw():
            chunk = raw
            if decoder is not None:
                chunk = decoder.decompress(raw, MAX_FEED_BYTES - size + 1)
                if decoder.unconsumed_tail:  # more output than the room left
                    raise too_large
            size += len(chunk)
            if size > MAX_FEED_BYTES:
                raise too_large
            chunks.append(chunk)
    except zlib.error:
        raise FeedError("undecodable compressed body") from None
    return b"".join(chunks)


def feed_client() -> httpx.AsyncClient:
    """The HTTP client for feeds: no automatic redirects (``_follow`` checks each one)."""
    return httpx.AsyncClient(
        timeout=httpx.Timeout(READ_TIMEOUT),
        follow_redirects=False,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate"},
        trust_env=False,
    )
