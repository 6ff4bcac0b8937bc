"""Hostile article files: decompression bombs, overlong lines, deeply nested JSON, far-future
dates. Each is refused whole (bombs) or rejected as one record with its file:line (the rest
goes in), with memory bounded."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from telegram import File

from benchmarks.hostile_memory import BOMB_RECORD as RECORD
from benchmarks.hostile_memory import gzip_bomb, measure
from bot.app import build_application
from bot.downloads import TooLarge, download_bounded
from retrieval import Library
from retrieval.articles import MAX_LINE_BYTES

from .conftest import SMALL_CORPUS, make_settings, running, write_jsonl
from .fake_telegram import TOKEN, FakeTelegram
from .telegram_html import check_html

ADMIN = 42
ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_gzip_bomb_is_refused_whole_with_memory_bounded(tmp_path: Path) -> None:
    assert len(gzip_bomb(1000)) < 5 * 2**20  # 1 GB of JSON Lines in about 3 MB
    base_verdict, base_peak = measure("small-upload", tmp_path)
    verdict, peak = measure("bomb-upload", tmp_path)
    print(f"\npeak RSS: small upload {base_peak} MB, 1 GB bomb {peak} MB "
          f"(x{peak / base_peak:.2f})")  # fmt: skip
    assert base_verdict == "added 3"
    assert verdict == "refused: the file is larger than 50 MB once decompressed"
    assert peak < base_peak + 400  # the 50 MB read before refusing, never the gigabyte


async def test_upload_bomb_and_nested_json_through_the_bot(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    settings = make_settings(fake, tmp_path / "data", admin_ids=str(ADMIN), max_unpacked_mb=5)
    library = Library(tmp_path / "data")
    async with running(build_application(settings, library)):
        fake.document(ADMIN, "news.jsonl.gz", gzip_bomb(100))
        (reply,) = await fake.wait_sent(chat_id=ADMIN, timeout=60)
        assert check_html(reply["text"]) == (
            "Nothing added: the file is larger than 5 MB once decompressed."
        )
        lines = [json.dumps(SMALL_CORPUS[0]), "[" * 100_000, json.dumps(SMALL_CORPUS[1])]
        fake.document(ADMIN, "nested.jsonl", "\n".join(lines).encode())
        _, report = await fake.wait_sent(2, chat_id=ADMIN, timeout=60)
        text = check_html(report["text"])
        assert "Added 2, duplicate 0, rejected 1" in text
        assert "line 2: broken JSON (nested too deeply)" in text
    assert library.stats().articles == 1 + 2  # the seed and the two good records


def _newsbot(data: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, input=stdin,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": ""},
    )  # fmt: skip


def test_index_rejects_bad_lines_one_by_one_and_keeps_the_rest(tmp_path: Path) -> None:
    good = [dict(r, id=f"g{i}") for i, r in enumerate(SMALL_CORPUS)]
    future = [dict(RECORD, id="f1", date="9999-12-31"), dict(RECORD, id="f2", date="2099-01-01")]
    path = tmp_path / "mixed.jsonl"
    with path.open("w") as handle:
        handle.write(json.dumps(good[0]) + "\n")
        handle.write("[" * 5000 + "\n")  # line 2: too deep for the decoder
        handle.write(json.dumps(dict(RECORD, text="x" * (MAX_LINE_BYTES + 10))) + "\n")  # 3
        handle.write(json.dumps(good[1]) + "\n")
        handle.write("".join(json.dumps(r) + "\n" for r in future))  # lines 5 and 6
        handle.write(json.dumps(good[2]) + "\n")
    done = _newsbot(tmp_path / "data", "index", str(path))
    assert done.returncode == 0, done.stderr
    assert "added 3, duplicate 0, rejected 4" in done.stdout
    rejected = done.stderr.splitlines()
    assert f"rejected {path}:2: broken JSON (nested too deeply)" in rejected
    assert f"rejected {path}:3: line longer than 1 MB" in rejected
    assert f"rejected {path}:5: date 9999-12-31 is in the future" in rejected
    assert f"rejected {path}:6: date 2099-01-01 is in the future" in rejected


def test_ask_batch_skips_a_nested_line_and_answers_the_rest(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert (
        _newsbot(data, "index", str(write_jsonl(tmp_path / "s.jsonl", SMALL_CORPUS))).returncode
        == 0
    )
    questions = [json.dumps({"id": 1, "question": "Who won the World Series?"}), "[" * 100_000,
                 json.dumps({"id": 3, "question": "Which dog won best in show?"})]  # fmt: skip
    done = _newsbot(data, "ask", "--batch", "-", "--json", stdin="\n".join(questions) + "\n")
    assert done.returncode == 1  # one line skipped
    assert [json.loads(line)["id"] for line in done.stdout.splitlines()] == [1, 3]
    assert "-:2: skipped" in done.stderr and "Traceback" not in done.stderr


async def test_uploads_are_bounded_while_downloading(fake: FakeTelegram, tmp_path: Path) -> None:
    big = b'{"title": "x"}\n' * (6 * 2**20 // 15 + 1)  # just over 6 MB
    settings = make_settings(fake, tmp_path / "data", admin_ids=str(ADMIN))
    async with running(build_application(settings, Library(tmp_path / "data"))):
        message = fake.document(ADMIN, "big.jsonl", big)
        message["document"]["file_size"] = 1000  # the message may say less than the file is
        (reply,) = await fake.wait_sent(chat_id=ADMIN, timeout=60)
        assert check_html(reply["text"]) == "Nothing added: the file is larger than 5 MB."
        # Where nobody says the size, the download itself stops past the limit.
        file_id = message["document"]["file_id"]
        unknown = File(
            file_id, file_id, file_path=f"{fake.url}/file/bot{TOKEN}/documents/{file_id}"
        )
        with pytest.raises(TooLarge):
            await download_bounded(unknown, 5 * 2**20, timeout=10)
        assert await download_bounded(unknown, 7 * 2**20, timeout=10) == big
