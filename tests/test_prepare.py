"""Long ingests split and stem on worker processes: the same documents, in the same order, and
the same index as the single-process path."""

from __future__ import annotations

import datetime as dt
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from retrieval import Article, PassageIndex, SearchRequest
from retrieval import prepare as prepare_module
from retrieval.documents import passage_documents
from retrieval.prepare import prepared


def _articles(count: int) -> list[Article]:
    return [
        Article(
            title=f"Report {i}",
            date=dt.date(2023, 1, 1) + dt.timedelta(days=i % 40),
            text=f"Mr. Smith met {i} officials in Washington. They talked.\n\nMore on item {i}.",
            id=f"r{i}",
        )
        for i in range(count)
    ]


def test_workers_give_the_same_documents_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prepare_module, "POOL_AFTER", 5)
    monkeypatch.setattr(prepare_module, "CHUNK", 7)
    articles = _articles(60)
    pooled = list(prepared(iter(articles), 42, processes=2))
    assert list(prepared(iter(articles), 42, processes=1)) == pooled  # a pool of one
    assert [a for a, _ in pooled] == articles
    assert [docs for _, docs in pooled] == [passage_documents(a, 42) for a in articles]


def test_pooled_ingest_builds_the_same_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(prepare_module, "POOL_AFTER", 10)
    articles = _articles(80)
    single, pooled = PassageIndex(tmp_path / "one"), PassageIndex(tmp_path / "two")
    a = single.add_articles(articles + articles[:3], processes=0, commit_every=25)
    b = pooled.add_articles(articles + articles[:3], processes=2, commit_every=25)
    assert (
        (a.added, a.duplicates, a.passages) == (b.added, b.duplicates, b.passages) == (80, 3, 160)
    )
    assert a.added_keys == b.added_keys
    assert single.stats().articles == pooled.stats().articles == 80
    hits = pooled.search(SearchRequest(["offici"], limit=200))
    assert len(hits) == 80 and {p.key for p in pooled.fetch(hits)} == set(a.added_keys)


_FOREVER = """
import datetime as dt, itertools, multiprocessing, sys, time
from retrieval import Article, prepare
prepare.POOL_AFTER = 0
day = dt.date(2023, 1, 1)
endless = (Article(title="t", date=day, text=f"Story {i}.") for i in itertools.count())
for n, _ in enumerate(prepare.prepared(endless, 1, processes=2)):
    if n == 300:
        print(*(child.pid for child in multiprocessing.active_children()), flush=True)
    time.sleep(0.001)
"""


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except FileNotFoundError:
        return False
    return "State:\tZ" not in status  # a zombie has exited


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads /proc")
def test_workers_exit_when_the_indexing_process_is_killed() -> None:
    root = Path(__file__).resolve().parent.parent
    process = subprocess.Popen(
        [sys.executable, "-c", _FOREVER], cwd=root, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    pids = [int(pid) for pid in process.stdout.readline().split()]
    assert len(pids) >= 2 and all(_alive(pid) for pid in pids)
    process.send_signal(signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in pids)
