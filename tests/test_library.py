"""The Library's clock: what it stamps on ingested articles, and what "added since" then finds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from retrieval import Library

from .clock import FakeClock
from .conftest import SMALL_CORPUS, write_jsonl

START = 1_700_000_000.0  # 2023-11-14 22:13:20 UTC


def test_ingest_stamps_the_clock_and_added_since_reads_it(tmp_path: Path) -> None:
    clock = FakeClock(START)
    library = Library(tmp_path / "data", seed=False, clock=clock)
    library.ingest([write_jsonl(tmp_path / "old.jsonl", SMALL_CORPUS[:1])])
    clock.advance(1)
    library.ingest([write_jsonl(tmp_path / "new.jsonl", SMALL_CORPUS[1:2])])
    assert library.stats().last_added == dt.datetime.fromtimestamp(START + 1, tz=dt.UTC)
    assert library.summarize_added(int(START)).found  # the second ingest only
    titles = {s.title for s in library.summarize_added(int(START)).sentences}
    assert titles == {SMALL_CORPUS[1]["title"]}
    assert not library.summarize_added(int(START) + 1).found  # nothing after it


def test_the_default_clock_is_the_wall_clock(tmp_path: Path) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    library = Library(tmp_path / "data", seed=False)
    library.ingest([write_jsonl(tmp_path / "a.jsonl", SMALL_CORPUS[:1])])
    added = library.stats().last_added
    assert added is not None and before <= added <= dt.datetime.now(dt.UTC)
