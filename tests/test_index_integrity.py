"""A lost or broken index/meta.json: the index refuses to open (one line), health checks
fail, and the segment files stay for recovery, instead of an empty index whose next write
deletes them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import SMALL_CORPUS, write_jsonl

ROOT = Path(__file__).resolve().parent.parent


def _newsbot(data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--data-dir", str(data), *args],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
        env={**os.environ, "TELEGRAM_BOT_TOKEN": ""},
    )  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["delete", "garbage", "empty", "no-segments"])
def test_a_damaged_meta_json_is_refused_and_nothing_is_deleted(tmp_path: Path, damage: str) -> None:
    data = tmp_path / "data"
    corpus = write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    assert _newsbot(data, "index", str(corpus)).returncode == 0
    meta = data / "index" / "meta.json"
    if damage == "delete":
        meta.unlink()
    elif damage == "garbage":
        meta.write_bytes(b"\x00\xff not json")
    elif damage == "empty":
        meta.write_text("")
    else:
        meta.write_text(json.dumps({"index_settings": {}}))
    segments = sorted(p.name for p in (data / "index").iterdir() if p.suffix != ".json")

    stats = _newsbot(data, "stats", "--json")
    assert stats.returncode != 0 and stats.stdout == ""
    (line,) = stats.stderr.strip().splitlines()
    assert "meta.json" in line and "Traceback" not in stats.stderr

    for args in (("index", str(corpus)), ("ask", "Who won the World Series?")):
        done = _newsbot(data, *args)
        assert done.returncode != 0 and "meta.json" in done.stderr
    assert sorted(p.name for p in (data / "index").iterdir() if p.suffix != ".json") == segments


def test_a_healthy_index_passes_the_health_check(tmp_path: Path) -> None:
    done = _newsbot(tmp_path / "data", "stats", "--json")
    assert done.returncode == 0 and json.loads(done.stdout)["articles"] == 1
