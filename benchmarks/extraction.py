"""Extraction quality and speed: what newsbot stores for a page, against the body as written.

    python benchmarks/extraction.py            # the fixture news site (benchmarks/news_pages.py)
    python benchmarks/extraction.py --dev 300  # also 300 dev articles' texts in those layouts

Quality is 4-word-shingle F1 against the body (the measure of the public article-extraction
benchmark): precision and recall of the extracted text's word 4-grams (lower case, counted with
their repeats) among the body's. Printed for the feed's teaser alone (what the bot stored before
it read pages), for newsbot's ``extract_page`` (trafilatura, precision settings, headline and
comments dropped) and for ``trafilatura.extract`` called directly with its defaults. Speed is
pages per second through ``bot.extraction.Extractor`` (worker processes) with 1 and 2 workers,
beside one process extracting in a loop; the machine's cores and load are printed with it.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import statistics
import time
from collections import Counter

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401

import trafilatura

from benchmarks.checkout import DEV
from benchmarks.news_pages import ARTICLES, NewsArticle, article_page
from bot.extraction import Extractor
from retrieval import extract_page

SHINGLE = 4


def shingles(text: str) -> Counter[tuple[str, ...]]:
    words = text.lower().split()
    return Counter(tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def f1(extracted: str, truth: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of ``extracted``'s shingles against ``truth``'s."""
    got, want = shingles(extracted), shingles(truth)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    return precision, recall, (2 * precision * recall / (precision + recall) if common else 0.0)


def dev_articles(count: int) -> list[NewsArticle]:
    """``count`` dev articles (every n-th) as bodies to render, paragraphs as they are."""
    with gzip.open(DEV / "articles.jsonl.gz", "rt", encoding="utf-8") as handle:
        records = [json.loads(line) for line in handle]
    step = max(1, len(records) // max(1, count))
    chosen: list[NewsArticle] = []
    for number, record in enumerate(records[::step][:count]):
        paragraphs = tuple(p.strip() for p in record["text"].split("\n") if p.strip())
        if len(" ".join(paragraphs).split()) < 80:
            continue
        first = paragraphs[0].split(". ")[0]
        title = (record.get("title") or first)[:150]
        chosen.append(
            NewsArticle(
                f"dev-{number}", title, f"{record['date']}T08:00:00+00:00", first, paragraphs
            )
        )
    return chosen


def quality(articles: list[NewsArticle]) -> dict[str, list[tuple[float, float, float]]]:
    scores: dict[str, list[tuple[float, float, float]]] = {
        "teaser": [],
        "newsbot": [],
        "direct": [],
    }
    for article in articles:
        url = f"https://courier.example/news/{article.slug}"
        page = article_page(article, canonical=url)
        scores["teaser"].append(f1(article.teaser, article.body))
        scores["newsbot"].append(f1(extract_page(page, url).text, article.body))
        scores["direct"].append(f1(trafilatura.extract(page, url=url) or "", article.body))
    return scores


async def extractor_rate(pages: list[tuple[bytes, str]], workers: int) -> float:
    extractor = Extractor(workers)
    try:
        await extractor.extract(*pages[0])  # start the workers (and their imports) first
        await asyncio.gather(*(extractor.extract(*pages[0]) for _ in range(workers)))
        started = time.perf_counter()
        results = await asyncio.gather(*(extractor.extract(p, u) for p, u in pages))
        elapsed = time.perf_counter() - started
    finally:
        extractor.close()
    assert all(not r.refused for r in results)
    return len(pages) / elapsed


def loop_rate(pages: list[tuple[bytes, str]]) -> float:
    extract_page(*pages[0])
    started = time.perf_counter()
    for page, url in pages:
        extract_page(page, url)
    return len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--dev", type=int, default=0, help="also N dev articles in the layouts")
    parser.add_argument("--pages", type=int, default=400, help="pages for the speed test")
    args = parser.parse_args()
    sets = {"fixture site": list(ARTICLES)}
    if args.dev:
        sets[f"dev texts ({args.dev} asked)"] = dev_articles(args.dev)
    print(f"{'pages':<24} {'n':>4}  {'teaser F1':>9}  {'newsbot P / R / F1':>20}  "
          f"{'trafilatura.extract P / R / F1':>30}")  # fmt: skip
    for name, articles in sets.items():
        scores = quality(articles)

        def mean(key: str, i: int, scores: dict = scores) -> float:
            return statistics.fmean(s[i] for s in scores[key])

        ours = f"{mean('newsbot', 0):.3f} / {mean('newsbot', 1):.3f} / {mean('newsbot', 2):.3f}"
        direct = f"{mean('direct', 0):.3f} / {mean('direct', 1):.3f} / {mean('direct', 2):.3f}"
        print(f"{name:<24} {len(articles):>4}  {mean('teaser', 2):>9.3f}  {ours:>20}  {direct:>30}")
    sample = list(ARTICLES) + (sets.get(f"dev texts ({args.dev} asked)") or [])
    pages = [
        (article_page(a, canonical=f"https://c.example/{a.slug}"), f"https://c.example/{a.slug}")
        for a in sample
    ]
    pages = (pages * (args.pages // len(pages) + 1))[: args.pages]
    size = statistics.fmean(len(p) for p, _ in pages) / 1024
    cores, load = len(os.sched_getaffinity(0)), os.getloadavg()[0]
    print(f"\nspeed on {cores} cores, load {load:.2f}, {len(pages)} pages of {size:.1f} kB:")
    print(f"  {'one process, in a loop':<28}{loop_rate(pages):7.1f} pages/s")
    for workers in (1, 2):
        rate = asyncio.run(extractor_rate(pages, workers))
        label = f"Extractor, {workers} worker{'s' if workers > 1 else ''}"
        print(f"  {label:<28}{rate:7.1f} pages/s")


if __name__ == "__main__":
    main()
