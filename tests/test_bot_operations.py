"""Running it for real: feeds, /add, /stats, /sources, webhook mode, indexing beside the bot."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot import feed_fetch
from bot.app import build_application
from bot.webhook import SECRET_HEADER, WebhookServer
from retrieval import Library

from .conftest import NO_PAGES, handled, make_settings, running, write_jsonl
from .fake_telegram import TOKEN, FakeTelegram
from .feed_server import FeedServer, rss
from .telegram_html import check_html

ADMIN, STRANGER = 42, 77
ROOT = Path(__file__).resolve().parent.parent


async def _ask(fake: FakeTelegram, chat_id: int, text: str, **extra: Any) -> str:
    before = len(fake.sent(chat_id=chat_id))
    fake.message(chat_id, text, **extra)
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    return check_html(sent[-1]["text"])


@pytest.mark.slow
async def test_feed_items_become_answers_and_broken_feeds_are_survived(
    fake: FakeTelegram, feed_server: FeedServer, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setattr(feed_fetch, "FETCH_DEADLINE", 1.0)
    feed_server.statuses["error"] = 500
    feed_server.documents["garbage"] = b"<html><p>not a feed"
    urls = [f"{feed_server.url}/{name}" for name in ("good", "error", "garbage", "dribble")]
    settings = make_settings(
        fake, tmp_path / "data", feeds=",".join(urls), feed_interval=60, **NO_PAGES
    )
    library = Library(tmp_path / "data")
    application = build_application(settings, library)
    feed_server.documents["good"] = rss(
        [("Harbor bridge opens", "http://news.test/a", "The new harbor bridge opened to traffic.")]
    )
    async with running(application) as app:
        # Answers do not wait for the hanging feed.
        assert "Nothing" in await _ask(fake, 1, "Who won the harbor regatta on the lake?")
        states = {s.url.rsplit("/", 1)[-1]: s for s in app.bot_data.feeds.states}
        for _ in range(100):  # each feed's first poll: 0.5 s apart, the hanging one 1 s long
            if all(s.last_success or s.last_error for s in states.values()):
                break
            await asyncio.sleep(0.1)
        assert states["good"].added == 1 and states["good"].last_success is not None
        assert states["error"].failures == 1 and "500" in states["error"].last_error
        assert "not a feed" in states["garbage"].last_error
        assert "timed out" in states["dribble"].last_error
        assert "harbor bridge opened" in await _ask(fake, 1, "Which bridge opened to traffic?")

        feed_server.documents["good"] = rss(
            [
                ("Harbor bridge opens", "http://news.test/a", "The new harbor bridge opened."),
                ("Mayor resigns", "http://news.test/b", "Mayor Jane Roe resigned on Monday."),
            ]
        )
        await app.bot_data.feeds.poll(states["good"])  # its own next poll is a minute away
        assert states["good"].added == 2  # the first item was not added twice
        assert "Jane Roe" in await _ask(fake, 1, "Which mayor resigned?")
        stats = await _ask(fake, 1, "/stats")
        assert "127.0.0.1" in stats and "failing" in stats and "Articles: 3" in stats


async def test_add_by_admin_text_and_documents(fake: FakeTelegram, tmp_path: Path) -> None:
    settings = make_settings(fake, tmp_path / "data", admin_ids=str(ADMIN))
    application = build_application(settings, Library(tmp_path / "data"))
    async with running(application):
        article = "/add date 2024-05-01 Lake festival returns\n\nThe lake festival returns in June."
        refused = await _ask(fake, STRANGER, article, user_id=STRANGER)
        assert "Only the bot's administrators" in refused
        in_group = await _ask(fake, -5, article, kind="group")
        assert "private chat" in in_group
        assert "Added 1, duplicate 0, rejected 0" in await _ask(fake, ADMIN, article)
        assert "duplicate 1" in await _ask(fake, ADMIN, article)
        assert "Send /add followed by" in await _ask(fake, ADMIN, "/add")
        assert "rejected 1" in await _ask(fake, ADMIN, "/add no date line\n\ntext")

        records = [
            {"title": "Orchard harvest", "date": "2024-09-01", "text": "Apples were picked early."},
            {"title": "no date", "text": "x"},
        ]
        data = "".join(json.dumps(r) + "\n" for r in records).encode()

        async def upload(name: str, content: bytes, user_id: int = ADMIN) -> str:
            before = len(fake.sent(chat_id=user_id))
            fake.document(user_id, name, content, user_id=user_id)
            return check_html((await fake.wait_sent(before + 1, chat_id=user_id))[-1]["text"])

        report = await upload("batch.jsonl", data)
        assert "Added 1" in report and "rejected 1" in report and "line 2" in report
        assert "not a text file" in await upload("photo.jsonl", b"\x89PNG\x00\x00binary")
        assert "unknown format" in await upload("paper.pdf", b"%PDF-1.4")
        assert "larger than 5 MB" in await upload("big.jsonl", b"x" * (5 * 1024 * 1024 + 1))
        assert "Only the bot's administrators" in await upload("batch.jsonl", data, STRANGER)
        assert "Apples were picked" in await _ask(fake, ADMIN, "What was picked early?")
        sources = await _ask(fake, ADMIN, "/sources")
        # Articles that name no outlet are the bot's own; a file name is never an outlet.
        assert "added by admins: 2" in sources
        assert "batch.jsonl" not in sources and "message.txt" not in sources

        menus = await fake.wait_sent(3, method="setMyCommands")
        admin_menu = [m for m in menus if m["scope"]["type"] == "chat"]
        assert admin_menu and int(admin_menu[0]["scope"]["chat_id"]) == ADMIN
        assert "add" in {c["command"] for c in admin_menu[0]["commands"]}
        everyone = next(m for m in menus if m["scope"]["type"] == "all_private_chats")
        assert "add" not in {c["command"] for c in everyone["commands"]}


async def test_webhook_checks_the_secret_and_answers(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", webhook_secret="s3cret-token")
    application = build_application(settings, library)
    server = WebhookServer(
        application,
        library,
        url="https://bot.example.org/hook/path",
        secret=settings.secret(),
        listen="127.0.0.1",
        port=0,  # bound at start: a port picked before could be taken by a concurrent run
    )
    await server.start()
    try:
        (hook,) = await fake.wait_sent(method="setWebhook")
        assert hook["secret_token"] == "s3cret-token"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": fake.chat(9, "private"),
                "from": {"id": 9, "is_bot": False, "first_name": "W"},
                "text": "Who won the World Series?",
            },
        }
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession() as http:
            for headers in ({}, {SECRET_HEADER: "wrong"}):
                async with http.post(f"{base}/hook/path", json=update, headers=headers) as r:
                    assert r.status == 403
            async with http.post(
                f"{base}/hook/path", data=b"{not json", headers={SECRET_HEADER: "s3cret-token"}
            ) as r:
                assert r.status == 400
            await handled(fake, application)
            assert not fake.sent(chat_id=9)
            async with http.post(
                f"{base}/hook/path", json=update, headers={SECRET_HEADER: "s3cret-token"}
            ) as r:
                assert r.status == 200
            sent = await fake.wait_sent(chat_id=9)
            assert "Texas Rangers" in check_html(sent[0]["text"])
            async with http.get(f"{base}/healthz") as r:
                assert r.status == 200
                health = await r.json()
                assert health["status"] == "ok" and health["articles"] == 4
    finally:
        await server.stop()


async def test_articles_indexed_by_another_process_become_answerable(
    fake: FakeTelegram, library: Library, tmp_path: Path
) -> None:
    # index_refresh=0: every read looks for new commits (the default looks at most once a second)
    settings = make_settings(fake, tmp_path / "data", index_refresh=0)
    async with running(build_application(settings, library)):
        assert "Nothing" in await _ask(fake, 3, "Which comet was seen over Lisbon?")
        new = [
            {
                "title": "Comet over Lisbon",
                "date": "2023-11-06",
                "text": "Comet Nishimura was seen over Lisbon on Monday night by thousands.",
            }
        ]
        done = subprocess.run(
            [sys.executable, "-m", "bot", "--data-dir", str(tmp_path / "data"), "index",
             str(write_jsonl(tmp_path / "comet.jsonl", new))],
            capture_output=True, text=True, timeout=120, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "added 1" in done.stdout
        assert "Nishimura" in await _ask(fake, 3, "Which comet was seen over Lisbon?")


async def test_a_refused_token_is_one_line_and_never_printed(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    wrong = "999:WrongTokenNeverToBePrinted"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TELEGRAM_BOT_TOKEN": wrong,
           "TELEGRAM_API_URL": fake.url, "NEWSBOT_DATA_DIR": str(tmp_path / "d")}  # fmt: skip
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=ROOT,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode == 2
    assert err.decode().strip().splitlines()[-1].startswith("newsbot: Telegram refused the token")
    assert "Traceback" not in err.decode()
    assert wrong.encode() not in out + err and b"WrongTokenNever" not in out + err


def test_token_in_no_output_of_the_cli(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(tmp_path / "d"), "run",
         "--webhook", "http://insecure.example/hook"],
        capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "TELEGRAM_BOT_TOKEN": TOKEN, "HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 2
    assert "NEWSBOT_WEBHOOK_SECRET" in done.stderr
    assert TOKEN not in done.stdout + done.stderr
