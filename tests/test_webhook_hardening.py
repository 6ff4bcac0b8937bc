"""The webhook server against slow, half-open and malformed requests."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import webhook
from bot.app import build_application
from bot.cli import _parser
from bot.webhook import SECRET_HEADER, WebhookServer
from retrieval import Library

from .conftest import handled, make_settings, until
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

SECRET = "s3cret-token"
PATH = "/hook"


@pytest.fixture
async def server(
    fake: FakeTelegram, library: Library, tmp_path: Path, monkeypatch
) -> AsyncIterator[WebhookServer]:
    monkeypatch.setattr(webhook, "REQUEST_TIMEOUT", 1.0)
    monkeypatch.setattr(webhook, "MAX_CONNECTIONS", 20)
    monkeypatch.setattr(webhook, "MAX_HALF_OPEN_PER_ADDRESS", 20)
    settings = make_settings(fake, tmp_path / "data", webhook_secret=SECRET)
    server = WebhookServer(
        build_application(settings, library),
        library,
        url=f"https://bot.example.org{PATH}",
        secret=SECRET,
        listen="127.0.0.1",
        port=0,  # any free port (server.port says which): no race between test workers
    )
    await server.start()
    yield server
    await server.stop()


def _update(chat_id: int, text: str, **message: Any) -> dict[str, Any]:
    return {
        "update_id": chat_id,
        "message": {
            "message_id": 1,
            "date": 0,
            "chat": {"id": chat_id, "type": "private", "first_name": "W"},
            "from": {"id": chat_id, "is_bot": False, "first_name": "W"},
            "text": text,
            **message,
        },
    }


async def _closed_within(reader: asyncio.StreamReader, seconds: float) -> bool:
    try:
        return await asyncio.wait_for(reader.read(1024), seconds) == b""
    except (TimeoutError, ConnectionError):
        return False


async def test_slow_and_excess_connections_are_cut_and_updates_still_arrive(
    fake: FakeTelegram, server: WebhookServer
) -> None:
    opened = []
    for _ in range(30):  # half-open: a request line and one header, then silence
        reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
        writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
        opened.append((reader, writer))
    assert server.server is not None
    await until(lambda: server.server is not None and server.server.refused >= 10, 5)
    assert server.server.refused == 10  # over the cap of 20
    started = time.monotonic()
    closed = await asyncio.gather(*(_closed_within(r, 5.0) for r, _ in opened))
    assert all(closed) and time.monotonic() - started < 3.0  # the header timeout is 1 s
    for _, writer in opened:
        writer.close()
    await until(lambda: server.server is not None and server.server.open == 0, 5)
    assert server.server.open == 0 and server.server.slow == 20

    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession() as http:
        update = _update(9, "Who won the World Series?")
        async with http.post(base + PATH, json=update, headers={SECRET_HEADER: SECRET}) as r:
            assert r.status == 200
    (sent,) = await fake.wait_sent(chat_id=9)
    assert "Texas Rangers" in check_html(sent["text"])


async def test_a_body_sent_too_slowly_gets_408(server: WebhookServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\n{SECRET_HEADER}: {SECRET}\r\n"
        "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{".encode()
    )
    status = await asyncio.wait_for(reader.readline(), 5.0)
    assert status.startswith(b"HTTP/1.1 408")
    writer.close()


async def test_one_request_gets_one_deadline_for_headers_and_body(server: WebhookServer) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    body = json.dumps(_update(3, "hi")).encode()
    writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
    await asyncio.sleep(0.6)  # headers in time for a header deadline, body in time for a body one
    writer.write(
        f"{SECRET_HEADER}: {SECRET}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    await asyncio.sleep(0.6)  # but the whole request took 1.2 s of a 1 s deadline
    writer.write(body)
    status = await asyncio.wait_for(reader.readline(), 5.0)
    assert status.startswith(b"HTTP/1.1 408") or status == b""  # refused, or cut
    writer.close()


async def test_one_address_reopening_half_open_requests_cannot_lock_telegram_out(
    fake: FakeTelegram, server: WebhookServer
) -> None:
    guard = server.server
    assert guard is not None
    guard.max_connections, guard.max_half_open_per_address = 40, 10
    stop = asyncio.Event()

    async def slow_client() -> None:  # a half-sent request from 127.0.0.2, reopened when cut
        while not stop.is_set():
            try:
                reader, writer = await asyncio.open_connection(
                    "127.0.0.1", server.port, local_addr=("127.0.0.2", 0)
                )
            except OSError:
                await asyncio.sleep(0.01)
                continue
            writer.write(f"POST {PATH} HTTP/1.1\r\nHost: x\r\n".encode())
            await reader.read()  # until the server cuts it
            writer.close()

    clients = [asyncio.create_task(slow_client()) for _ in range(30)]
    try:
        assert await until(lambda: guard.half_open.get("127.0.0.2", 0) >= 10, 5)
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as http:
            for number in range(20):
                update = {**_update(700 + number, "Who won the World Series?"),
                          "update_id": 700 + number}  # fmt: skip
                headers = {SECRET_HEADER: SECRET}
                async with http.post(base + PATH, json=update, headers=headers) as r:
                    assert r.status == 200
                assert guard.half_open.get("127.0.0.2", 0) <= 10
    finally:
        stop.set()
        for client in clients:
            client.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
    assert guard.refused > 0  # the slow client's extra connections were closed at once
    for number in range(20):
        (sent,) = await fake.wait_sent(chat_id=700 + number)
        assert "Texas Rangers" in check_html(sent["text"])


async def test_bodies_that_are_not_updates_get_400_without_traceback(
    fake: FakeTelegram, server: WebhookServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    huge_date = json.dumps(_update(5, "hi", date=10**20))
    bodies = ["null", "[]", '"x"', "12", "{}", '{"update_id": "1"}', "{not json", "\ud800",
              huge_date, json.dumps(_update(6, "hi", chat=[]))]  # fmt: skip
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession() as http:
        for body in bodies:
            data = body.encode("utf-8", "surrogatepass")
            async with http.post(base + PATH, data=data, headers={SECRET_HEADER: SECRET}) as r:
                assert r.status == 400, body
    await handled(fake, server.application)
    assert not fake.sent()
    assert not [r for r in caplog.records if r.exc_info or "Traceback" in r.getMessage()]
    refusals = [r for r in caplog.records if "not an update" in r.getMessage()]
    assert len(refusals) == len(bodies)


async def test_wrong_secrets_are_counted_and_logged_once_a_minute(
    server: WebhookServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    base = f"http://127.0.0.1:{server.port}"
    async with aiohttp.ClientSession() as http:
        for number in range(50):
            headers = {SECRET_HEADER: f"wrong-{number}"} if number % 2 else {}
            async with http.post(base + PATH, json=_update(1, "x"), headers=headers) as r:
                assert r.status == 403
    # A header that is not UTF-8 at all: refused the same way, no traceback.
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    writer.write(
        f"POST {PATH} HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n".encode()
        + SECRET_HEADER.encode() + b": \xff\xfe\x80\r\n\r\n{}"
    )  # fmt: skip
    assert (await asyncio.wait_for(reader.readline(), 5.0)).startswith(b"HTTP/1.1 403")
    writer.close()
    assert server.wrong_secrets == 51
    lines = [r.getMessage() for r in caplog.records if "wrong or missing secret" in r.getMessage()]
    assert lines == ["webhook: refused 1 request(s) with a wrong or missing secret token"]
    assert not [r for r in caplog.records if r.exc_info]


def test_listen_defaults_to_loopback() -> None:
    assert _parser().parse_args(["run"]).listen == "127.0.0.1"
