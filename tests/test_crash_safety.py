"""Crashes lose nothing committed: killed indexing, killed state writes, full and bad disks."""

from __future__ import annotations

import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = 4000


def _corpus(path: Path, count: int = ARTICLES) -> Path:
    rng = random.Random(7)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(6)) for _ in range(3000)
    ]
    with path.open("w") as handle:
        for i in range(count):
            first = " ".join(rng.choice(words) for _ in range(40))
            second = " ".join(rng.choice(words) for _ in range(25))
            record = {"id": f"a{i}", "title": f"Story {i}", "date": "2023-05-01",
                      "text": f"{first}.\n{second}."}  # fmt: skip
            handle.write(json.dumps(record) + "\n")
    return path


def _newsbot(*args: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT, **kwargs,
    )  # fmt: skip


def _stats(data: Path) -> dict[str, Any]:
    done = _newsbot("--data-dir", str(data), "stats", "--json")
    assert done.returncode == 0, done.stderr
    stats: dict[str, Any] = json.loads(done.stdout)
    return stats


@pytest.mark.slow
def test_index_killed_at_random_moments_keeps_its_commits_and_completes(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl")
    data = tmp_path / "data"
    _stats(data)  # seeds the index: 1 article, 12 passages
    rng = random.Random(11)

    def command(folder: Path) -> list[str]:
        return [sys.executable, "-m", "bot", "--data-dir", str(folder), "index", str(corpus),
                "--commit-every", "100"]  # fmt: skip

    started = time.monotonic()
    subprocess.run(command(tmp_path / "timing"), cwd=ROOT, capture_output=True, check=True)
    full = time.monotonic() - started  # kill moments spread over a whole run
    midway = 0
    meta = data / "index" / "meta.json"
    for attempt in range(4):
        committed = meta.stat().st_mtime_ns
        process = subprocess.Popen(
            command(data), cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        if attempt == 3 and not midway:
            # On a loaded machine random moments can all miss the run: kill this one just
            # after its first commit, which is between commits whatever the machine's speed.
            deadline = time.monotonic() + 4 * full
            while meta.stat().st_mtime_ns == committed and time.monotonic() < deadline:
                time.sleep(0.005)
        else:
            time.sleep(rng.uniform(0.15, 0.8) * full)
        process.send_signal(signal.SIGKILL)
        process.wait()
        stats = _stats(data)  # the index opens
        stories = stats["articles"] - 1
        # Whole articles only: each story has exactly two passages, the seed twelve.
        assert stats["passages"] == 12 + 2 * stories
        assert 0 <= stories <= ARTICLES
        midway += 0 < stories < ARTICLES
    assert midway  # at least one kill landed between commits of a running ingest
    done = _newsbot("--data-dir", str(data), "index", str(corpus))
    assert done.returncode == 0, done.stderr
    final = _stats(data)
    assert final["articles"] == ARTICLES + 1  # everything, nothing twice
    assert final["passages"] == 12 + 2 * ARTICLES
    again = _newsbot("--data-dir", str(data), "index", str(corpus))
    assert f"added 0, duplicate {ARTICLES}" in again.stdout
    # An article is never indexed without its text: each one, whichever run added it, is
    # exported as given (its text is kept by its own passages, committed with them).
    exported = _newsbot("--data-dir", str(data), "export")
    texts = {r["id"]: r["text"] for r in map(json.loads, exported.stdout.splitlines())}
    given = [json.loads(line) for line in corpus.read_text().splitlines()]
    assert all(texts[r["id"]] == r["text"] for r in given)


@pytest.mark.slow
def test_full_disk_is_one_line_and_keeps_the_last_commit(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path / "corpus.jsonl", 1200)
    data = tmp_path / "data"
    _stats(data)

    def small_files() -> None:  # like a full disk: writes past 200 kB fail
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))

    done = _newsbot("--data-dir", str(data), "index", str(corpus), preexec_fn=small_files)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("newsbot: cannot write the index")
    assert "Traceback" not in done.stderr
    stats = _stats(data)
    assert stats["passages"] == 12 + 2 * (stats["articles"] - 1)
    assert _newsbot("--data-dir", str(data), "index", str(corpus)).returncode == 0
    assert _stats(data)["articles"] == 1201


@pytest.mark.slow
def test_unusable_data_dir_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    for args in (["ask", "anything"], ["index", str(tmp_path)], ["stats"]):
        done = _newsbot("--data-dir", str(blocker / "data"), *args)
        assert done.returncode == 2, args
        assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
        assert done.stderr.startswith("newsbot: cannot")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "1:x", "NEWSBOT_DATA_DIR": str(blocker / "d")}
    done = _newsbot("run", env=env)
    assert done.returncode == 2 and "Traceback" not in done.stderr


_WRITER = """
import sys
from pathlib import Path
from bot.state import BotState, ChatMessage
stored = BotState(Path(sys.argv[1])).conversations
stored.enable(-1, 0)
i = 0
while True:
    i += 1
    stored.record([ChatMessage(-1, i, 0, 1, "A", i, "text " * 20)], now=i)
    print(i, flush=True)
"""


def test_state_writes_killed_midway_lose_nothing_committed(tmp_path: Path) -> None:
    from bot.state import BotState

    process = subprocess.Popen(
        [sys.executable, "-c", _WRITER, str(tmp_path)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    last = 0
    for line in process.stdout:
        last = int(line)
        if last >= 300:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored = BotState(tmp_path).conversations
    assert stored.count(-1) >= last  # every acknowledged write is there
