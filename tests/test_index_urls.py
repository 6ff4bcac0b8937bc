"""``newsbot index URL`` and ``newsbot export``, run as an operator would (subprocesses) over
the news site on 127.0.0.1 (tests/news_site.py)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from benchmarks.news_pages import PAYWALLED
from retrieval import Library

from .news_site import ELSEWHERE, ON_SITE, PRIVATE, NewsSite
from .test_cli import newsbot


@pytest.fixture
async def site() -> AsyncIterator[NewsSite]:
    server = NewsSite()
    await server.start()
    yield server
    await server.stop()


async def run(data: Path, *args: str) -> tuple[int, str, str]:
    """``newsbot`` in a subprocess, while this process's event loop serves the site."""
    env = {**os.environ, "NEWSBOT_DATA_DIR": str(data), "NEWSBOT_FETCH_DELAY": "0.05"}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )  # fmt: skip
    out, err = await asyncio.wait_for(process.communicate(), 120)
    return process.returncode or 0, out.decode(), err.decode()


def records(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines()]


async def test_sitemap_index_then_feed_then_page_each_page_read_once(
    tmp_path: Path, site: NewsSite
) -> None:
    data = tmp_path / "data"
    code, out, err = await run(data, "index", f"{site.url}/sitemap-index.xml")
    assert code == 0, err
    # 6 articles and the section page fetched; /private/ refused by robots.txt.
    assert out.splitlines()[0] == (
        "pages fetched 7, articles from pages 6, kept the feed's text 2 "
        "(not an article (no main text) 1, robots.txt 1), refused by robots.txt 1, failures 0"
    )
    assert out.splitlines()[1].startswith("added 6, duplicate 0 in ")
    assert site.count(f"/private/{PRIVATE.slug}") == 0

    # The feed links the same pages with utm_ parameters: none is fetched again, nor the
    # section page, which the sitemap's run found to be no article.
    code, out, err = await run(data, "index", f"{site.url}/feed.xml")
    assert code == 0, err
    assert all(site.count(f"/news/{a.slug}") == 1 for a in ON_SITE) and site.count("/news") == 1
    assert site.count(f"/news/{ELSEWHERE.slug}", "127.0.0.2") == 2  # 429, then the page
    assert out.splitlines()[0] == (  # the 429 host's page and the paywall; not the section
        "pages fetched 2, articles from pages 1, kept the feed's text 4 (HTTP 404 1, "
        "not an article (no main text) 1, paywall 1, robots.txt 1), refused by robots.txt 0, "
        "failures 1"  # robots.txt refused /private/ in the sitemap's run: not asked again
    )
    assert out.splitlines()[1].startswith("added 5, duplicate 0 in ")

    code, out, err = await run(data, "stats", "--json")
    (feed,) = json.loads(out)["sources"]
    assert (feed["kind"], feed["title"], feed["articles"]) == ("feed", "Eastgate Courier", 5)
    assert feed["full_text_share"] == 0.2 and feed["kept_feed_text"]["robots.txt"] == 1
    code, out, err = await run(data, "stats")
    assert "feed 127.0.0.1 (Eastgate Courier): 5 articles, newest 2026-11-09 18:00 UTC" in out

    # A page given by URL, stored already: not fetched.
    code, out, err = await run(data, "index", f"{site.url}/news/{ON_SITE[0].slug}#comments")
    assert code == 0 and "already stored 1" in out and site.count(f"/news/{ON_SITE[0].slug}") == 1

    # Not a feed, a sitemap or a page: one line, exit status 1.
    code, out, err = await run(data, "index", f"{site.url}/report.pdf")
    assert code == 1 and "not read: " in err and "report.pdf" in err

    # The collection: full texts from the pages, the feed's text where there was none.
    texts = {a.title: a.text for a in Library(data, seed=False).articles()}
    assert {a.title for a in (*ON_SITE, ELSEWHERE)} <= set(texts)
    assert all(texts[a.title] == a.body for a in (*ON_SITE, ELSEWHERE))
    assert texts[PAYWALLED.title] == PAYWALLED.teaser and texts[PRIVATE.title] == PRIVATE.teaser

    # Exported and indexed again into an empty folder: the same collection.
    code, exported, err = await run(data, "export")
    assert code == 0 and err.strip() == "exported 12 articles"  # 11 and the seed
    (tmp_path / "export.jsonl").write_text(exported, encoding="utf-8")
    code, out, err = await run(tmp_path / "again", "index", str(tmp_path / "export.jsonl"))
    assert out.startswith("added 11, duplicate 1"), err  # the seed was there already
    code, again, err = await run(tmp_path / "again", "export")
    assert again == exported
    first = records(exported)[-1]
    assert set(first) == {"id", "url", "title", "date", "source", "language", "text"}


def test_export_filters_and_round_trip_of_the_seed(tmp_path: Path) -> None:
    corpus = Path(__file__).parent / "lang"
    data = tmp_path / "data"
    assert newsbot(data, "index", str(corpus)).returncode == 0
    everything = newsbot(data, "export", "-o", str(tmp_path / "all.jsonl.gz"))
    assert everything.returncode == 0, everything.stderr
    russian = records(newsbot(data, "export", "--language", "ru").stdout)
    assert russian and {r["language"] for r in russian} == {"ru"}
    late = records(newsbot(data, "export", "--since", "2023-01-01").stdout)
    assert late and all(str(r["date"]) >= "2023-01-01" for r in late)
    seed = records(newsbot(tmp_path / "seed", "export").stdout)
    assert len(seed) == 1 and seed[0]["date"] == "2019-07-01"
    again = tmp_path / "again"
    assert newsbot(again, "index", str(tmp_path / "all.jsonl.gz")).returncode == 0
    a, b = Library(data).stats(), Library(again).stats()
    assert (a.articles, a.passages, a.languages) == (b.articles, b.passages, b.languages)
    assert newsbot(again, "export").stdout == newsbot(data, "export").stdout
