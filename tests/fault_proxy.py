"""A fault proxy for the OpenSearch tests: an HTTP proxy on 127.0.0.1 in front of osmem-server
that passes requests through, or fails them as a sick cluster would: stalls (never answers),
refuses connections (the port closed), answers 429 or 5xx, or answers a bulk request with every
document refused with 429. Faults apply to every request, or to the next ``n`` whose path
contains a given part. Optionally TLS (with a client certificate required). Every request is
recorded (method, path, headers) so tests can see retries, request lines and what was sent."""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import urlsplit

__all__ = ["Fault", "FaultProxy", "Seen"]

STALL_LIMIT = 60.0  # seconds a stalled request is held at most (the test ends before)


@dataclass
class Fault:
    """What to do with a request: ``kind`` is "pass", "stall", "status" (answer ``status``),
    "drop" (close the connection unanswered) or "bulk429" (every bulk item refused with 429)."""

    kind: str = "pass"
    status: int = 503
    path: str = ""  # only requests whose path contains this
    count: int | None = None  # only the next ``count`` of them (None: until cleared)


@dataclass(frozen=True)
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    at: float
    answered: str  # "pass", or the fault applied


@dataclass
class _State:
    faults: list[Fault] = field(default_factory=list)
    seen: list[Seen] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    released: threading.Event = field(default_factory=threading.Event)


class FaultProxy:
    """``FaultProxy(upstream).start()``; ``url`` is its address. ``down()`` closes the port
    (connections refused) and every open connection; ``up()`` opens it again on the same port."""

    def __init__(self, upstream: str, *, tls: ssl.SSLContext | None = None) -> None:
        parts = urlsplit(upstream)
        self.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
        self.tls = tls
        self.state = _State()
        self.port = 0
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._sockets: set[socket.socket] = set()

    @property
    def url(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    # -- faults ---------------------------------------------------------------------------

    def fail(
        self, kind: str, *, status: int = 503, path: str = "", count: int | None = None
    ) -> None:
        with self.state.lock:
            self.state.faults.append(Fault(kind, status, path, count))
            self.state.released.clear()

    def clear(self) -> None:
        """Pass everything again; stalled requests are let go (unanswered)."""
        with self.state.lock:
            self.state.faults.clear()
            self.state.released.set()

    def seen(self, path: str = "") -> list[Seen]:
        with self.state.lock:
            return [s for s in self.state.seen if path in s.path]

    def _fault_for(self, path: str) -> Fault:
        with self.state.lock:
            for fault in self.state.faults:
                if fault.path in path:
                    if fault.count is not None:
                        fault.count -= 1
                        if fault.count <= 0:
                            self.state.faults.remove(fault)
                    return fault
        return Fault()

    # -- serving --------------------------------------------------------------------------

    def start(self) -> FaultProxy:
        proxy = self

        class Handler(_Handler):
            owner = proxy

        server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler, bind_and_activate=False)
        server.allow_reuse_address = True
        server.daemon_threads = True
        server.socket.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.server_bind()
        server.server_activate()
        if self.tls is not None:
            server.socket = self.tls.wrap_socket(server.socket, server_side=True)
        self.port = server.server_address[1]
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def down(self) -> None:
        """Connections refused from now on; open ones are cut."""
        server, self._server = self._server, None
        if server is not None:
            server.shutdown()
            server.server_close()
        for sock in list(self._sockets):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        self.state.released.set()

    def up(self) -> None:
        if self._server is None:
            self.start()

    def stop(self) -> None:
        self.clear()
        self.down()


class _Handler(BaseHTTPRequestHandler):
    owner: FaultProxy
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def setup(self) -> None:
        super().setup()
        self.owner._sockets.add(self.connection)

    def finish(self) -> None:
        self.owner._sockets.discard(self.connection)
        with contextlib.suppress(OSError):
            super().finish()

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        fault = self.owner._fault_for(self.path)
        state = self.owner.state
        with state.lock:
            state.seen.append(
                Seen(
                    self.command,
                    self.path,
                    dict(self.headers.items()),
                    time.monotonic(),
                    fault.kind,
                )
            )
        if fault.kind == "stall":
            state.released.wait(STALL_LIMIT)
            self.close_connection = True
            return
        if fault.kind == "drop":
            self.close_connection = True
            return
        if fault.kind == "status":
            reply = {"error": {"type": "fault_proxy", "reason": f"injected {fault.status}"}}
            self._reply(fault.status, json.dumps(reply).encode())
            return
        if fault.kind == "bulk429" and "_bulk" in self.path:
            lines = [json.loads(line) for line in body.splitlines() if line.strip()]
            items = [
                {op: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": 429,
                      "error": {"type": "es_rejected_execution_exception", "reason": "busy"}}}
                for action in lines[::2]
                for op, meta in action.items()
            ]  # fmt: skip
            self._reply(200, json.dumps({"took": 1, "errors": True, "items": items}).encode())
            return
        upstream = http.client.HTTPConnection(*self.owner.upstream, timeout=STALL_LIMIT)
        try:
            headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
            upstream.request(self.command, self.path, body=body or None, headers=headers)
            response = upstream.getresponse()
            data = response.read()
            self._reply(response.status, data, response.getheader("Content-Type"))
        finally:
            upstream.close()

    def _reply(self, status: int, data: bytes, content_type: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type or "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = do_HEAD = _handle
