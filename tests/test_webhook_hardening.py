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
    monkeypatch.setattr(webhook, "HEADER_TIMEOUT", 1.0)
    monkeypatch.setattr(webhook, "BODY_TIMEOUT", 1.0)
    monkeypatch.setattr(webhook, "MAX_CONNECTIONS", 20)
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
