"""The bot on a cluster that stalls, then refuses, then comes back (the fault proxy in front of
osmem-server): questions, inline lookups, /summary, /stats and buttons hear "search is
unavailable" instead of the generic apology, at once while the breaker is open; /settings,
/help and /start never wait for the stalled searches; one log line per outage and no
traceback; answers again by themselves once the cluster answers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.app import build_application
from bot.features.errors import APOLOGY, SEARCH_UNAVAILABLE
from retrieval import Library, OpenSearchConfig
from retrieval.engines.opensearch import OpenSearchIndex

from .conftest import SMALL_CORPUS, make_settings, running, until, write_jsonl
from .fake_telegram import FakeTelegram
from .fault_proxy import FaultProxy
from .telegram_html import check_html


@pytest.fixture
def proxy(osmem_url: str) -> Iterator[FaultProxy]:
    served = FaultProxy(osmem_url).start()
    yield served
    served.stop()


def _texts(fake: FakeTelegram, chat_id: int) -> list[str]:
    return [check_html(sent["text"]) for sent in fake.sent(chat_id=chat_id)]


async def test_the_bot_says_search_is_unavailable_and_recovers(
    fake: FakeTelegram, tmp_path: Path, proxy: FaultProxy, caplog: pytest.LogCaptureFixture
) -> None:
    config = OpenSearchConfig(url=proxy.url, prefix="outage", replicas=0, timeout=3, retries=1)
    cluster = OpenSearchIndex(config)
    library = Library(tmp_path / "data", backend=cluster)
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    settings = make_settings(fake, tmp_path / "data", index_refresh=0)
    caplog.set_level(logging.INFO)
    breaker = cluster.breaker
    assert breaker is not None
    async with running(build_application(settings, library)):
        fake.message(1, "/help")
        await fake.wait_sent(chat_id=1)
        assert "4 articles" in _texts(fake, 1)[0]

        proxy.fail("stall")  # the cluster takes requests and never answers
        fake.message(2, "Who won the World Series?", user_id=2)
        await asyncio.sleep(0.2)  # the question is waiting on the stalled cluster ...
        fake.message(3, "/settings", user_id=3)  # ... these need no search: never behind it
        fake.message(4, "/start", user_id=4)
        await fake.wait_sent(chat_id=3)
        await fake.wait_sent(chat_id=4)
        assert not fake.sent(chat_id=2)  # both answered while the question still waits
        assert "4 articles" in _texts(fake, 4)[0]  # the last known intro stands in
        await asyncio.sleep(1.0)
        fake.message(9, "Which dog won best in show?", user_id=9)  # also stalls, 1.2 s later
        (reply,) = await fake.wait_sent(chat_id=2)
        unavailable = SEARCH_UNAVAILABLE
        assert reply["text"] == unavailable and breaker.open
        # The later question is told as soon as the first found the cluster stalled, not
        # after a timeout of its own (3 s, ending 1.2 s after the first's).
        await fake.wait_sent(chat_id=9)
        assert _texts(fake, 9) == [unavailable]
        told = {c.params["chat_id"]: c.at for c in fake.calls if c.method == "sendMessage"}
        assert told["9"] - told["2"] < 0.8

        # Open: every search-backed request is told at once, in its own form.
        fake.message(5, "Which dog won best in show?", user_id=5)
        fake.message(6, "/summary monkeypox", user_id=6)
        fake.message(7, "/stats", user_id=7)
        fake.inline_query("dog show", user_id=8)
        for chat in (5, 6, 7):
            await fake.wait_sent(chat_id=chat)
            assert _texts(fake, chat) == [unavailable], chat
        (inline,) = await fake.wait_sent(method="answerInlineQuery")
        assert inline["results"][0]["title"] == unavailable

        proxy.clear()
        proxy.down()  # now the node refuses connections
        assert breaker.open
        proxy.up()
        assert await until(lambda: not breaker.open, timeout=15)
        fake.message(2, "Who won the World Series?", user_id=2)
        replies = await fake.wait_sent(2, chat_id=2)
        assert "Texas Rangers" in check_html(replies[1]["text"])

    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    outage = [r.getMessage() for r in records if r.name == "newsbot.search"]
    assert len(outage) == 2, outage  # one line when it went, one when it came back
    assert outage[0].startswith("search unavailable") and outage[1].startswith("search is back")
    assert not any(r.exc_info for r in records), [r.getMessage() for r in records]
    assert not any(APOLOGY in text for chat in range(1, 8) for text in _texts(fake, chat))
