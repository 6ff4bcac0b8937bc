"""The OpenSearch backend over real HTTP: against osmem-server (a single in-memory binary that
speaks the OpenSearch REST API, started on 127.0.0.1 on a free port by its pytest plugin and
stopped after the session; each test gets its own empty clone), and against a real cluster when
NEWSBOT_OPENSEARCH_URL names one. osmem's scoring is not Lucene's BM25: its tests check ids,
counts, dates and indices, never scores or ranking."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import (
    DateRange,
    Library,
    OpenSearchConfig,
    RecentRequest,
    SearchRequest,
    open_backend,
)
from retrieval.engines.opensearch import OpenSearchIndex
from retrieval.passages import rank_passages
from retrieval.question import build_query

from .conftest import SMALL_CORPUS, make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

ROOT = Path(__file__).resolve().parent.parent


def _cluster(url: str, prefix: str = "newsbot", **extra: Any) -> OpenSearchIndex:
    return OpenSearchIndex(OpenSearchConfig(url=url, prefix=prefix, replicas=0, **extra))


def _library(tmp_path: Path, url: str) -> Library:
    library = Library(tmp_path / "data", backend=_cluster(url))  # seeds: the S-400 article
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    return library


def test_ingest_makes_month_indices_behind_the_alias_and_counts_like_tantivy(
    tmp_path: Path, osmem_url: str
) -> None:
    library = _library(tmp_path, osmem_url)
    local = Library(tmp_path / "local")
    local.ingest([tmp_path / "small.jsonl"])
    stats, expected = library.stats(), local.stats()
    assert stats.engine == "opensearch" and expected.engine == "tantivy"
    assert (stats.articles, stats.passages) == (expected.articles, expected.passages) == (4, 17)
    assert (stats.first_date, stats.last_date) == (dt.date(2019, 7, 1), dt.date(2023, 11, 2))
    client = library.index.client  # type: ignore[attr-defined]
    months = set(client.indices.get_alias(name="newsbot"))
    assert months == {"newsbot-2019.07", "newsbot-2022.08", "newsbot-2023.05", "newsbot-2023.11"}
    rangers = next(a for a in SMALL_CORPUS if a["id"] == "a1")
    key = next(
        p.key for p in library.index.recent_articles(RecentRequest()) if p.title == rangers["title"]
    )
    assert client.get(index="newsbot-2023.11", id=f"{key}:1")["_source"]["pos"] == 1
    assert sorted(library.index.sources()) == sorted(local.index.sources())

    again = library.ingest([tmp_path / "small.jsonl"])  # same articles: all duplicates
    renamed = [{**a, "title": a["title"] + "!"} if a["id"] == "a2" else a for a in SMALL_CORPUS]
    by_id = library.ingest([write_jsonl(tmp_path / "renamed.jsonl", renamed)])
    assert (again.added, again.duplicates) == (0, 3) and (by_id.added, by_id.duplicates) == (0, 3)
    assert library.stats().articles == 4


def test_date_ranges_search_only_their_months(tmp_path: Path, osmem_url: str) -> None:
    library = _library(tmp_path, osmem_url)
    index = library.index
    everywhere = {h.ref for h in index.search(SearchRequest(["the"], limit=100))}
    assert {ref[0] for ref in everywhere} == {  # type: ignore[index]
        "newsbot-2019.07",
        "newsbot-2022.08",
        "newsbot-2023.05",
        "newsbot-2023.11",
    }
    in_2023 = index.search(
        SearchRequest(["the"], DateRange(dt.date(2023, 1, 1), dt.date(2023, 12, 31)))
    )
    assert in_2023 and {h.ref[0] for h in in_2023} <= {"newsbot-2023.05", "newsbot-2023.11"}  # type: ignore[index]
    assert index.search(SearchRequest(["the"], DateRange(dt.date(2024, 1, 1)))) == []
    assert index.search(SearchRequest(["the"], DateRange(end=dt.date(2019, 6, 30)))) == []
    newest = [p.date for p in index.recent_articles(RecentRequest(limit=10))]
    assert newest == sorted(newest, reverse=True) and len(newest) == 4
    assert [
        p.date for p in index.recent_articles(RecentRequest(dates=DateRange(dt.date(2023, 1, 1))))
    ] == [
        dt.date(2023, 11, 2),
        dt.date(2023, 5, 10),
    ]
    assert index.doc_freq("monkeypox") == 1 and index.doc_freq("zzzz") == 0


def test_answers_come_from_the_passages_the_cluster_returns(tmp_path: Path, osmem_url: str) -> None:
    library = _library(tmp_path, osmem_url)
    answer = library.answer("Who won the World Series?", as_of=dt.date(2023, 11, 5))
    assert answer.found and "Texas Rangers" in answer.sentences[0].text
    assert answer.sentences[0].date == dt.date(2023, 11, 2)
    summary = library.summarize("monkeypox cases")
    assert summary.found and summary.sentences[0].date == dt.date(2022, 8, 10)
    assert library.lookup("dog show")[0].title == "Dog show crowns a winner"


def _newsbot(
    data: Path, url: str, *args: str, prefix: str = "newsbot"
) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "NEWSBOT_SEARCH": "opensearch",
        "NEWSBOT_OPENSEARCH_URL": url,
        "NEWSBOT_OPENSEARCH_REPLICAS": "0",
        "NEWSBOT_OPENSEARCH_PREFIX": prefix,
    }
    command = [sys.executable, "-m", "bot", "--data-dir", str(data), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


@pytest.mark.slow
def test_command_line_indexes_asks_and_migrates(tmp_path: Path, osmem_url: str) -> None:
    corpus = write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    data = tmp_path / "d"
    indexed = _newsbot(data, osmem_url, "index", str(corpus))
    assert "added 3, duplicate 0" in indexed.stdout, indexed.stderr
    asked = _newsbot(data, osmem_url, "ask", "--as-of", "2022-08-12", "monkeypox cases?")
    assert "2022-08-10" in asked.stdout and "10,000" in asked.stdout
    stats = json.loads(_newsbot(data, osmem_url, "stats", "--json").stdout)
    assert stats["engine"] == "opensearch" and stats["articles"] == 4

    local = tmp_path / "local"
    Library(local).ingest([corpus])
    moved = _newsbot(local, osmem_url, "migrate", "--to", "opensearch", prefix="moved")
    assert moved.returncode == 0, moved.stderr
    assert "copied 4 articles (17 passages) added " in moved.stdout
    assert moved.stdout.rstrip().endswith("; local 4 articles, cluster 4")
    checkpoint = json.loads((local / "migrate-moved.json").read_text())
    assert checkpoint["done_through"][1] == 19663  # 2023-11-02: the last day of the last time
    resumed = _newsbot(local, osmem_url, "migrate", "--to", "opensearch", prefix="moved")
    assert "resumed after articles added by " in resumed.stdout
    assert "copied 0 articles (0 passages); local 4 articles, cluster 4" in resumed.stdout
    moved_library = Library(local, backend=_cluster(osmem_url, "moved"))
    answer = moved_library.answer("Who won the World Series?")
    assert "Texas Rangers" in answer.sentences[0].text
    # The texts and identities moved too: the cluster exports what the local index does.
    assert list(moved_library.articles()) == list(Library(local).articles())


def test_migration_continues_after_the_last_batch_and_catches_up_by_time_added(
    tmp_path: Path, osmem_url: str
) -> None:
    from retrieval.engines.migrate import migrate_to_opensearch
    from retrieval.engines.tantivy import PassageIndex

    now = [1_000_000_000.0]  # the seed goes in at this time, the corpus 1000 s later
    local = Library(tmp_path / "local", clock=lambda: now[0])
    now[0] += 1000
    local.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    source, target = local.index, _cluster(osmem_url, "part")
    assert isinstance(source, PassageIndex)
    checkpoint = tmp_path / "checkpoint.json"
    days: list[int] = []

    def stop_after_two(day: int, articles: int) -> None:
        days.append(day)
        if len(days) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        migrate_to_opensearch(source, target, checkpoint, on_day=stop_after_two)
    report = migrate_to_opensearch(source, target, checkpoint)
    assert report.resumed_after == dt.datetime.fromtimestamp(now[0], tz=dt.UTC)
    assert report.articles == 2  # the seed and the 2022 article were done
    assert report.target.articles == report.source.articles == 4

    # The bot kept ingesting locally: 20 late articles, all dated before anything copied.
    now[0] += 1000
    late = [
        {"title": f"Late report {n}", "date": f"2018-0{1 + n % 9}-1{n % 10}",
         "text": f"A late report number {n} arrived after the move."}
        for n in range(20)
    ]  # fmt: skip
    local.ingest([write_jsonl(tmp_path / "late.jsonl", late)])
    again = migrate_to_opensearch(source, target, checkpoint)
    assert (again.articles, again.first_added) == (20, again.last_added)
    assert again.first_added == dt.datetime.fromtimestamp(now[0], tz=dt.UTC)
    assert again.target.articles == again.source.articles == 24
    assert migrate_to_opensearch(source, target, checkpoint).articles == 0


async def test_the_bot_answers_from_the_cluster(
    fake: FakeTelegram, tmp_path: Path, osmem_url: str
) -> None:
    settings = make_settings(
        fake,
        tmp_path / "data",
        search="opensearch",
        opensearch_url=osmem_url,
        opensearch_replicas=0,
    )
    library = Library(
        settings.data_dir,
        backend=open_backend("opensearch", settings.data_dir, settings.opensearch),
    )
    library.ingest([write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)])
    async with running(build_application(settings, library)):
        fake.message(1001, "Who won the World Series?")
        sent = await fake.wait_sent(chat_id=1001)
        fake.message(1001, "/stats")
        status = await fake.wait_sent(2, chat_id=1001)
    visible = check_html(sent[0]["text"])
    assert "Texas Rangers" in visible and "2023-11-02" in visible
    shown = check_html(status[1]["text"])
    assert "Articles: 4" in shown and "Search engine: OpenSearch" in shown


REAL_CLUSTER = os.environ.get("NEWSBOT_OPENSEARCH_URL", "")
DEV = ROOT.parent / "shared" / "data" / "news-qa-dev"
REAL_ARTICLES = 300  # the first articles of the dev collection (at least 200)


def _dev_sample() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The first REAL_ARTICLES dev articles and the dev questions whose urls name one."""
    with gzip.open(DEV / "articles.jsonl.gz", "rt", encoding="utf-8") as lines:
        articles = [json.loads(line) for _, line in zip(range(REAL_ARTICLES), lines, strict=False)]
    urls = {a["url"] for a in articles}
    with gzip.open(DEV / "questions.jsonl.gz", "rt", encoding="utf-8") as lines:
        questions = [q for q in map(json.loads, lines) if urls & set(q["urls"])]
    return articles, questions


@pytest.mark.slow
@pytest.mark.skipif(not REAL_CLUSTER, reason="NEWSBOT_OPENSEARCH_URL names no real cluster")
@pytest.mark.skipif(not DEV.exists(), reason="no dev collection beside the checkout")
def test_a_real_cluster_ranks_and_answers_as_tantivy(tmp_path: Path) -> None:
    """Lucene's BM25 with our k1/b and terms, exact statistics (dfs, one shard): the same
    passages, scores (on one scale) and answers as tantivy, on 300 dev articles. The prefix
    has no "-" (the bot's cannot either), so its template ``<prefix>-*`` overlaps no bot's,
    and a pid and random part keep two runs apart."""
    prefix = f"newsbot_test_{os.getpid()}_{secrets.token_hex(3)}"
    cluster = OpenSearchIndex(
        OpenSearchConfig(
            url=REAL_CLUSTER,
            user=os.environ.get("NEWSBOT_OPENSEARCH_USER", ""),
            password=os.environ.get("NEWSBOT_OPENSEARCH_PASSWORD", ""),
            verify_tls=os.environ.get("NEWSBOT_OPENSEARCH_VERIFY_TLS", "true") != "false",
            ca_bundle=os.environ.get("NEWSBOT_OPENSEARCH_CA_BUNDLE", ""),
            prefix=prefix,
            period="year",
            dfs=True,
            replicas=0,
            timeout=30,
        )
    )
    try:
        articles, questions = _dev_sample()
        corpus = write_jsonl(tmp_path / "dev.jsonl", articles)
        remote = Library(tmp_path / "remote", backend=cluster, seed=False)
        local = Library(tmp_path / "local", seed=False)
        assert remote.ingest([corpus]).added == local.ingest([corpus]).added >= 200
        assert len(questions) >= 20
        same_first = 0
        for record in questions:
            as_of = dt.date.fromisoformat(record["date"])
            query = build_query(record["question"], as_of)
            ours = rank_passages(local.index, query)
            theirs = rank_passages(cluster, query)
            assert [(p.key, p.position) for p in theirs[:5]] == [
                (p.key, p.position) for p in ours[:5]
            ], record["id"]
            for mine, its in zip(ours[:5], theirs[:5], strict=True):
                assert its.score == pytest.approx(mine.score, rel=1e-3), record["id"]
            here = local.answer(record["question"], as_of=as_of).sentences[:1]
            there = remote.answer(record["question"], as_of=as_of).sentences[:1]
            same_first += [s.text for s in here] == [s.text for s in there]
        assert same_first >= 0.95 * len(questions)
    finally:
        cluster.client.indices.delete(index=f"{prefix}-*")
        cluster.client.indices.delete_index_template(name=prefix)


def test_a_missing_or_unreachable_cluster_is_one_line_without_the_password(
    tmp_path: Path,
) -> None:
    unset = _newsbot(tmp_path / "d", "", "stats")
    assert unset.returncode == 2 and "NEWSBOT_OPENSEARCH_URL is not set" in unset.stderr
    down = _newsbot(tmp_path / "d", "http://admin:sekrit@127.0.0.1:9", "stats")
    assert down.returncode == 2 and "Traceback" not in down.stderr
    assert down.stderr.startswith("newsbot: cannot set up the OpenSearch index at 127.0.0.1:9")
    assert "sekrit" not in down.stderr and len(down.stderr.splitlines()) == 1
