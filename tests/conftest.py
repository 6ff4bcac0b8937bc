"""Shared fixtures: a fake Bot API server, a seeded library, the real bot polling it."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import functools
import shutil
import time
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from httpx._transports import default as httpx_transports
from pydantic import SecretStr

from bot.app import build_application
from bot.settings import Settings
from retrieval import AnswerSentence, Library

from .bot_chat import ChatTelegram
from .fake_telegram import TOKEN, FakeTelegram
from .feed_server import FeedServer
from .telegram_html import check_html

SMALL_CORPUS = [
    {
        "id": "a1",
        "title": "Rangers win the World Series",
        "date": "2023-11-02",
        "url": "https://example.com/sports/rangers",
        "text": "The Texas Rangers won the World Series on Wednesday, beating the Arizona "
        "Diamondbacks in Game 5.\nIt is the first championship in the history of the franchise.",
    },
    {
        "id": "a2",
        "title": "Monkeypox cases pass 10,000",
        "date": "2022-08-10",
        "url": "https://news.example.org/health/monkeypox",
        "text": "There are more than 10,000 monkeypox cases in the United States, the CDC said.\n"
        "Vaccine demand remains high.",
    },
    {
        "id": "a3",
        "title": "Dog show crowns a winner",
        "date": "2023-05-10",
        "url": "https://example.com/life/dogs",
        "text": "A petit basset griffon Vendéen named Buddy Holly won best in show at the "
        "Westminster Dog Show in New York.",
    },
]


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    import json

    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def outlet_sentence(
    text: str, outlet: str, date: dt.date, title: str, score: float = 0.0
) -> AnswerSentence:
    """A sentence of ``outlet``'s story ``https://<outlet>/story``, for rendering tests."""
    return AnswerSentence(
        text=text, date=date, title=title, url=f"https://{outlet}/story", source=outlet, score=score
    )


@pytest.fixture(scope="session", autouse=True)
def _one_tls_context() -> Iterator[None]:
    """One TLS context for every httpx client of a test process. Each Application builds two
    clients and each client loads the CA bundle (50 ms of CPU an Application, hundreds of
    Applications a run); the tests speak plain HTTP to 127.0.0.1, so no test uses one."""
    cached = functools.cache(httpx_transports.create_ssl_context)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(httpx_transports, "create_ssl_context", cached)
        yield


@pytest.fixture(scope="session")
def library_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The ``library`` fixture's data folder, indexed once a session."""
    folder = tmp_path_factory.mktemp("library-template")
    Library(folder / "data").ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
    return folder / "data"


@pytest.fixture
def library(tmp_path: Path, library_template: Path) -> Library:
    """The seed corpus plus a small corpus written here: a copy of the session's index (the
    same articles, without indexing them again for every test)."""
    write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    shutil.copytree(library_template, tmp_path / "data")
    return Library(tmp_path / "data")


class _Server(Protocol):
    async def start(self) -> object: ...
    async def stop(self) -> None: ...


def _served(kind: type[_Server], name: str, doc: str) -> Any:
    """A fixture ``name``: a fresh ``kind`` serving on 127.0.0.1 (any free port) for one test."""

    async def serve() -> AsyncIterator[_Server]:
        server = kind()
        await server.start()
        yield server
        await server.stop()

    serve.__doc__ = doc
    return pytest.fixture(serve, name=name)


fake = _served(FakeTelegram, "fake", "The fake Bot API server.")
chat = _served(
    ChatTelegram,
    "chat",
    "The fake Bot API server, also keeping the bot's messages (to reply to, to press).",
)
feed_server = _served(
    FeedServer, "feed_server", "RSS feeds on 127.0.0.1 (see tests/feed_server.py)."
)


# Feeds whose entries link to made-up hosts (news.test): their pages are not read (a test never
# resolves a name), and the feeds, all on 127.0.0.1, are polled without a delay between them.
NO_PAGES: dict[str, Any] = {"full_text": False, "fetch_delay": 0}


def make_settings(fake: FakeTelegram, data_dir: Path, **extra: Any) -> Settings:
    return Settings(
        telegram_bot_token=SecretStr(TOKEN),
        telegram_api_url=fake.url,
        data_dir=data_dir,
        **extra,
    )


async def answer_latencies(fake: FakeTelegram, users: range) -> list[float]:
    """Each user asks the World Series question in turn: seconds until each (checked) answer."""
    latencies = []
    for user in users:
        started = time.monotonic()
        fake.message(user, "Who won the World Series?", user_id=user)
        (sent,) = await fake.wait_sent(chat_id=user, timeout=30)
        latencies.append(time.monotonic() - started)
        assert "Texas Rangers" in check_html(sent["text"])
    return latencies


@contextlib.asynccontextmanager
async def running(application: Any) -> AsyncIterator[Any]:
    """Run the real application polling the fake server; stop it cleanly after."""
    await application.initialize()
    if application.post_init:
        await application.post_init(application)
    await application.start()

    def on_polling_error(exc: Exception) -> None:  # as run_polling does
        application.create_task(application.process_error(error=exc, update=None))

    await application.updater.start_polling(
        poll_interval=0.0, timeout=1, error_callback=on_polling_error
    )
    try:
        yield application
    finally:
        await application.updater.stop()
        await application.stop()
        await application.shutdown()


async def until(condition: Callable[[], bool], timeout: float = 15.0) -> bool:
    """Wait for an event rather than for time: poll ``condition`` until it holds (True) or
    ``timeout`` seconds have passed (False; the caller's asserts then say what is missing)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.01)
    return True


async def handled(fake: FakeTelegram, application: Any, timeout: float = 15.0) -> None:
    """Wait until the bot has fetched every update pushed so far and finished handling each,
    so a test can assert what was (or was not) sent without guessing how long that takes."""
    started = time.monotonic()
    # An update leaves the fake's queue when the next poll acknowledges it, which python-
    # telegram-bot sends after putting it in its own queue; that queue counts it until handled.
    if not await until(lambda: not fake._updates, timeout):
        raise AssertionError(f"the bot did not fetch {len(fake._updates)} updates")
    remaining = timeout - (time.monotonic() - started)
    await asyncio.wait_for(application.update_queue.join(), remaining)
    # Handling a group message ends with it stored: /tldr's writes leave the loop in batches.
    await asyncio.wait_for(application.bot_data.tldr_messages.flush(), remaining)


@pytest.fixture
async def bot(fake: FakeTelegram, library: Library, tmp_path: Path) -> AsyncIterator[Any]:
    # The default "typing" policy (only for slow answers): tests/test_serving.py covers it.
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)) as app:
        yield app


@pytest.fixture
def tiny_corpus_dir(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_jsonl(folder / "small.jsonl", SMALL_CORPUS)
    yield folder
