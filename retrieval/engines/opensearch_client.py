"""The OpenSearch client as operators run clusters: several nodes (any may be down), retries
with back-off, TLS with a private CA or a client certificate, basic auth, and a circuit
breaker that answers "unavailable" at once while no node answers.

Retries live in the transport (`BackoffTransport`), so every request gets them: searches,
counts, fetches, and each request of opensearch-py's streaming bulk helper (whose own
``max_retries`` covers 429s of single documents). A try that times out, is refused, or gets
429 or 502-504 marks its node dead for a while (opensearch-py's connection pool) and the next
try, after a back-off, goes to another node. When the last try fails too, the breaker opens:
requests then fail at once with ``CircuitOpen`` (one log line for the outage) while a thread
probes every node; the first answer closes it (one more line).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Collection, Mapping
from typing import Any

from opensearchpy import OpenSearch, Transport
from opensearchpy.exceptions import ConnectionError as ClientConnectionError
from opensearchpy.exceptions import ConnectionTimeout, TransportError

from ..backend import OpenSearchConfig

__all__ = ["RETRY_STATUS", "BackoffTransport", "Breaker", "CircuitOpen", "is_outage", "make_client"]

log = logging.getLogger("newsbot.search")
log.addHandler(logging.NullHandler())  # the bot's handlers show it; a bare CLI says it its way

RETRY_STATUS = (429, 502, 503, 504)  # overloaded, or a proxy in front of a lost node
BACKOFF = 0.2  # seconds before the first retry; doubled each time (with jitter) ...
MAX_BACKOFF = 3.0  # ... up to this
POOL_SIZE = 8  # open connections kept per node: the bot's read and write threads, the probe
PROBE_EVERY = 1.0  # seconds between probes of an open breaker at first; doubled ...
PROBE_EVERY_MAX = 5.0  # ... up to this: recovery is noticed within seconds


class CircuitOpen(ClientConnectionError):
    """Refused at once: the cluster did not answer the last request and is being probed."""


def is_outage(error: BaseException) -> bool:
    """True for failures that say the cluster is not answering (rather than a bad request)."""
    if isinstance(error, ClientConnectionError | ConnectionTimeout):
        return True
    return isinstance(error, TransportError) and error.status_code in (*RETRY_STATUS, 500)


class Breaker:
    """Closed while the cluster answers. ``trip`` opens it (logged once) and starts a thread
    that calls ``probe`` until it returns without raising; then it closes (logged once)."""

    def __init__(self, where: str, probe: Any, *, every: float = PROBE_EVERY) -> None:
        self.where = where
        self._probe = probe
        self._every = every
        self._lock = threading.Lock()
        self._opened: float | None = None  # monotonic time it opened
        self._reason = ""
        self.refused = 0  # requests refused during the current outage
        self.outages = 0

    @property
    def open(self) -> bool:
        return self._opened is not None

    def check(self) -> None:
        """Raise ``CircuitOpen`` while the breaker is open."""
        if self._opened is not None:
            self.refused += 1
            raise CircuitOpen("N/A", f"the cluster is not answering ({self._reason})", None)

    def trip(self, error: BaseException) -> None:
        with self._lock:
            if self._opened is not None:
                return
            self._opened = time.monotonic()
            self._reason = _reason(error)
            self.refused = 0
            self.outages += 1
        log.warning(
            "search unavailable: the OpenSearch cluster at %s is not answering (%s); "
            "answering 'search is unavailable' and probing it",
            self.where,
            self._reason,
        )
        threading.Thread(target=self._probe_until_back, name="newsbot-probe", daemon=True).start()

    def _probe_until_back(self) -> None:
        wait = self._every
        while True:
            time.sleep(wait)
            try:
                self._probe()
            except Exception:  # still down (whatever the client raised): probe again later
                wait = min(PROBE_EVERY_MAX, wait * 2)
                continue
            break
        with self._lock:
            opened, self._opened = self._opened, None
        down = time.monotonic() - opened if opened is not None else 0.0
        log.warning(
            "search is back: the OpenSearch cluster at %s answers again after %.0f s "
            "(%d requests answered 'unavailable' meanwhile)",
            self.where,
            down,
            self.refused,
        )


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionTimeout):
        return "timed out"
    if isinstance(error, ClientConnectionError):
        return "connection failed"
    if isinstance(error, TransportError) and isinstance(error.status_code, int):
        return f"HTTP {error.status_code}"
    return type(error).__name__


class BackoffTransport(Transport):
    """opensearch-py's transport with retries spaced by exponential back-off (with jitter)
    instead of back to back, and a circuit breaker in front."""

    def __init__(
        self,
        hosts: Any,
        *,
        retries: int = 2,
        backoff: float = BACKOFF,
        where: str = "",
        probe_timeout: float = 3.0,
        **kwargs: Any,
    ) -> None:
        # One try per call of the parent: it marks a failed node dead; we retry and space.
        kwargs.update(max_retries=0, retry_on_timeout=True, retry_on_status=RETRY_STATUS)
        super().__init__(hosts, **kwargs)
        self.retries = retries
        self.backoff = backoff
        self.probe_timeout = probe_timeout
        self.breaker = Breaker(where, self._probe)

    def perform_request(
        self,
        method: str,
        url: str,
        params: Mapping[str, Any] | None = None,
        body: Any = None,
        timeout: int | float | None = None,
        ignore: Collection[int] = (),
        headers: Mapping[str, str] | None = None,
    ) -> Any:
        self.breaker.check()
        timed_out = False
        for attempt in range(self.retries + 1):
            try:
                # a copy each try: the parent pops request_timeout and ignore out of params
                return super().perform_request(
                    method, url, dict(params) if params else None, body, timeout, ignore, headers
                )
            except TransportError as exc:
                if not is_outage(exc) or isinstance(exc, CircuitOpen):
                    raise
                # A stalled node costs a whole timeout: try one other live node at most, never
                # the same one again (a stalled cluster costs one or two timeouts, not more).
                stalled = isinstance(exc, ConnectionTimeout)
                if attempt == self.retries or (stalled and (timed_out or not self._live())):
                    self.breaker.trip(exc)
                    raise
                timed_out = timed_out or stalled
                pause = min(MAX_BACKOFF, self.backoff * 2**attempt)
                time.sleep(pause * random.uniform(0.5, 1.0))
        raise AssertionError("unreachable")  # the loop returns or raises

    def _live(self) -> bool:
        """Whether a node not marked dead is left (the failed one was just marked)."""
        pool = self.connection_pool
        return hasattr(pool, "dead") and bool(pool.connections)

    def _probe(self) -> None:
        """Ask every node for its health until one answers (then it is live again)."""
        pool = self.connection_pool
        nodes = getattr(pool, "orig_connections", None) or pool.connections
        failure: Exception | None = None
        for node in nodes:
            try:
                node.perform_request("GET", "/_cluster/health", timeout=self.probe_timeout)
            except Exception as exc:
                failure = exc
                continue
            if hasattr(pool, "mark_live"):
                pool.mark_live(node)
            return
        raise failure or ClientConnectionError("N/A", "no node", None)


def make_client(config: OpenSearchConfig, *, sniff_now: bool = True) -> OpenSearch:
    """A client for the configured nodes, with back-off, breaker, TLS and auth as configured
    (``sniff_now``: with sniffing on, ask the nodes for the cluster's others at once)."""
    # opensearch-py logs every failed try as a warning with its traceback: the breaker says
    # it once per outage instead.
    logging.getLogger("opensearch").setLevel(logging.ERROR)
    tls: dict[str, Any] = {"verify_certs": config.verify_tls, "ssl_show_warn": config.verify_tls}
    if config.ca_bundle:
        tls["ca_certs"] = config.ca_bundle
    if config.client_cert:
        tls["client_cert"] = config.client_cert
        tls["client_key"] = config.client_key or None
    sniffing: dict[str, Any] = {}
    if config.sniff:
        sniffing = {
            "sniff_on_start": sniff_now,
            "sniff_on_connection_fail": True,
            "sniffer_timeout": 60,
            "sniff_timeout": config.timeout,
        }
    return OpenSearch(
        hosts=config.nodes,
        http_auth=(config.user, config.password) if config.user else None,
        timeout=config.timeout,
        pool_maxsize=POOL_SIZE,
        transport_class=BackoffTransport,
        retries=config.retries,
        where=config.where,
        probe_timeout=config.timeout,
        **tls,
        **sniffing,
    )
