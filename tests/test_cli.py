"""The command line, run as a person would: a fresh data dir, real subprocesses."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

from .conftest import SMALL_CORPUS, write_jsonl
from .fake_telegram import TOKEN, FakeTelegram


def newsbot(data_dir: Path, *args: str, stdin: str | None = None, env: dict | None = None):
    environment = {**os.environ, "NEWSBOT_DATA_DIR": str(data_dir), **(env or {})}
    environment.pop("TELEGRAM_BOT_TOKEN", None) if env is None else None
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=environment,
        timeout=120,
        cwd=data_dir.parent if data_dir.parent.is_dir() else None,
    )


def test_ask_answers_from_seed_corpus_on_first_use(tmp_path: Path) -> None:
    result = newsbot(tmp_path / "d", "ask", "Will the US sanction Turkey over the S-400?")
    assert result.returncode == 0, result.stderr
    assert "2019-07-01" in result.stdout and "sanction" in result.stdout


def test_ask_json(tmp_path: Path) -> None:
    result = newsbot(tmp_path / "d", "ask", "--json", "--as-of", "2019-07-02", "S-400 sanctions")
    payload = json.loads(result.stdout)
    assert payload["question"] == "S-400 sanctions"
    assert payload["sentences"][0]["date"] == "2019-07-01"
    assert {"text", "date", "title", "url", "score"} <= set(payload["sentences"][0])
    assert payload["answered"] is True and 0.0 < payload["confidence"] <= 1.0


def test_index_reports_counts_and_rejections(tmp_path: Path) -> None:
    corpus = write_jsonl(tmp_path / "c.jsonl", SMALL_CORPUS)
    with corpus.open("a") as handle:
        handle.write('{"title": "bad", "date": "nope", "text": "x"}\n')
    result = newsbot(tmp_path / "d", "index", str(corpus))
    assert result.returncode == 0, result.stderr
    assert "added 3, duplicate 0, rejected 1" in result.stdout
    assert "set aside 0 of" in result.stdout and "sentences as page furniture" in result.stdout
    assert f"{corpus}:4: bad date" in result.stderr
    again = newsbot(tmp_path / "d", "index", str(corpus))
    assert "added 0, duplicate 3, rejected 1" in again.stdout
    stats = json.loads(newsbot(tmp_path / "d", "stats", "--json").stdout)
    assert stats["articles"] == 4 and stats["first_date"] == "2019-07-01"


def test_batch_answers_one_line_per_question(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "c.jsonl", SMALL_CORPUS)
    newsbot(tmp_path / "d", "index", str(tmp_path / "c.jsonl"))
    questions = [
        {"id": "q1", "question": "Who won the World Series?", "date": "2023-11-03"},
        {"id": "q2", "question": "How many monkeypox cases?"},
    ]
    batch = "".join(json.dumps(q) + "\n" for q in questions) + "not json\n"
    result = newsbot(tmp_path / "d", "ask", "--batch", "-", stdin=batch)
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["q1", "q2"]
    assert "Texas Rangers" in lines[0]["sentences"][0]["text"]
    assert all(isinstance(line["answered"], bool) for line in lines)
    assert lines[0]["answered"] and lines[0]["confidence"] > 0
    assert ":3: skipped" in result.stderr


def test_run_without_token_is_one_line(tmp_path: Path) -> None:
    result = newsbot(tmp_path / "d", "run", env={"TELEGRAM_BOT_TOKEN": ""})
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0 and "TELEGRAM_BOT_TOKEN" in result.stderr


def test_unwritable_data_dir_is_one_line(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = newsbot(blocker / "sub", "ask", "anything")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1


async def test_newsbot_run_answers_and_never_logs_token(tmp_path: Path) -> None:
    fake = FakeTelegram()
    await fake.start()
    env = {
        **os.environ,
        "NEWSBOT_DATA_DIR": str(tmp_path / "d"),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_URL": fake.url,
        "NEWSBOT_LOG_LEVEL": "DEBUG",
        "NEWSBOT_CHAT_RATE": "30",  # valid before Telegram's limit was enforced: still starts
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        env=env,
        stderr=asyncio.subprocess.PIPE,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        fake.message(1, "Will the US sanction Turkey over the S-400?")
        fake.message(-5, "/ask S-400 sanctions", kind="group")
        fake.message(-5, "just chatting about lunch", kind="group")
        sent = await fake.wait_sent(2, timeout=60)
        assert {int(s["chat_id"]) for s in sent} == {1, -5}
        assert all("2019-07-01" in s["text"] for s in sent)
        await fake.settle(0.5)
        assert len(fake.sent()) == 2
    finally:
        process.terminate()
        _, stderr = await asyncio.wait_for(process.communicate(), 30)
        await fake.stop()
    log = stderr.decode()
    assert "latency_ms" in log
    assert "NEWSBOT_CHAT_RATE=30 is above Telegram's limit" in log
    assert TOKEN not in log and TOKEN.split(":")[1] not in log
