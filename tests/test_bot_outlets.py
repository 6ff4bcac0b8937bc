"""Through the bot: outlets (never file names) in /sources, furniture counts in /add replies,
and the summary that opens with what happened and says when few articles matched."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

ADMIN = 42


async def _ask(fake: FakeTelegram, chat_id: int, text: str) -> str:
    before = len(fake.sent(chat_id=chat_id))
    fake.message(chat_id, text)
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    return check_html(sent[-1]["text"])


@pytest.fixture
async def admin_bot(fake: FakeTelegram, tmp_path: Path) -> AsyncIterator[Any]:
    """The real application on an empty collection, with ADMIN as its administrator."""
    settings = make_settings(fake, tmp_path / "data", admin_ids=str(ADMIN))
    async with running(build_application(settings, Library(tmp_path / "data", seed=False))) as app:
        yield app


async def _upload(fake: FakeTelegram, name: str, content: bytes) -> str:
    before = len(fake.sent(chat_id=ADMIN))
    fake.document(ADMIN, name, content, user_id=ADMIN)
    return check_html((await fake.wait_sent(before + 1, chat_id=ADMIN))[-1]["text"])


async def test_sources_lists_outlets_and_add_attributes_to_admins(
    fake: FakeTelegram, admin_bot: Any
) -> None:
    with_source = (
        "/add date 2024-05-01 Lake festival returns\nsource: Lakeside Gazette\n\n"
        "The lake festival returns in June, the organisers said."
    )
    assert "Added 1" in await _ask(fake, ADMIN, with_source)
    plain = (
        "/add date 2024-05-02 Harbour reopens\n\nThe harbour reopened on Thursday.\n\n"
        "Read more: Harbour works finish early\n\nSign up for our newsletter here."
    )
    reply = await _ask(fake, ADMIN, plain)
    assert "Added 1" in reply and "Set aside 2 of 3 sentences as page furniture" in reply
    records = [
        {
            "title": "Mayor elected",
            "date": "2024-05-03",
            "text": "A new mayor was elected on Friday.",
            "url": "https://www.cnn.com/2024/05/03/mayor",
        },
        {
            "title": "Bridge closed",
            "date": "2024-05-04",
            "text": "The old bridge closed for repairs.",
            "url": "https://example.org/bridge",
            "source": "Reuters",
        },
    ]
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    assert "Added 2" in await _upload(fake, "000_9b9d03d02bcfdd47.jsonl", data)

    sources = await _ask(fake, ADMIN, "/sources")
    for outlet in ("Lakeside Gazette: 1", "added by admins: 1", "cnn.com: 1", "Reuters: 1"):
        assert outlet in sources
    assert "000_9b9d" not in sources and "message.txt" not in sources
    assert "www.cnn.com" not in sources

    answer = await _ask(fake, ADMIN, "When did the harbour reopen?")
    assert "reopened on Thursday" in answer and "added by admins" in answer
    assert "Read more" not in answer and "newsletter" not in answer


async def test_summary_opens_with_the_event_and_says_how_few_articles_matched(
    fake: FakeTelegram, admin_bot: Any
) -> None:
    article = (
        "/add date 2024-06-01 Dam breaks near Riverton\nsource: Valley Post\n\n"
        "For the latest on the Riverton dam, visit our live updates here.\n\n"
        "The Riverton dam broke on Saturday morning, flooding hundreds of homes downstream.\n\n"
        "Officials at the Riverton dam had warned of cracks in the wall since March."
    )
    assert "Added 1" in await _ask(fake, ADMIN, article)
    summary = await _ask(fake, ADMIN, "/summary riverton dam")
    assert "live updates" not in summary
    blocks = summary.split("\n\n")  # the header, then what happened (the compact layout)
    assert len(blocks) > 1 and blocks[1].startswith("The Riverton dam broke on Saturday")
    assert "Only 1 article in the collection match" in summary
