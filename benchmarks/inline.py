"""Inline lookup paging on the news-QA dev set: latency and reach, beside the single-pool lookup.

    python benchmarks/inline.py --data-dir DIR   # DIR: a data folder with the dev articles indexed
    python benchmarks/inline.py                  # indexes the dev articles into a temporary folder

Three paths in one run, on the same index and queries:
- ours: ``Library.lookup`` (passages ranked in fixed tiers, fetched until the page is found; a
  deeper page resumes the page before's reading, kept in the library's ``LookupCache``);
- uncached: the same lookup without the cache (each page searches and groups from the top);
- baseline: the lookup before paging was fixed: one pool of 4 passages per wanted article, all of
  it fetched, a next page only when a page came back full.

Figures: first-page latency p50/p99 of questions cut as people type them (12, 30 and 256
characters), latency of every deeper page, and reach: of the articles whose passages match a
question (every match grouped by article, up to the 200-result cap), the share that paging
shows. It prints figures; it is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
from benchmarks.checkout import DEV
from benchmarks.qa import Question, load_questions, percentile
from retrieval import ArticleHit, Library, SearchBackend
from retrieval.lookup import (
    LOOKUP_TITLE_BOOST,
    MAX_RESULTS,
    _hit,
    lookup_articles,
)
from retrieval.passages import order_by_date_weight, search_request
from retrieval.question import build_query

PAGE = 20  # the bot's inline page
Lookup = Callable[[str, dt.date, int, int], list[ArticleHit]]


def single_pool_lookup(index: SearchBackend) -> Lookup:
    """The lookup before tiers: ``4 x (offset + limit)`` passages, all fetched, then grouped."""

    def lookup(text: str, as_of: dt.date, limit: int, offset: int) -> list[ArticleHit]:
        query = build_query(text, as_of, doc_freq=index.doc_freq)
        if not query.terms:
            return []
        wanted = offset + limit
        hits = index.search(search_request(query, wanted * 4, LOOKUP_TITLE_BOOST))
        grouped: dict[str, list] = {}
        for passage in index.fetch(order_by_date_weight(hits, query)):
            if passage.key in grouped or len(grouped) < wanted:
                grouped.setdefault(passage.key, []).append(passage)
        return [_hit(p, query) for p in list(grouped.values())[offset:wanted]]

    return lookup


def matching_articles(index: SearchBackend, text: str, as_of: dt.date) -> int:
    """Distinct articles with a passage matching the query (capped at the results cap)."""
    query = build_query(text, as_of, doc_freq=index.doc_freq)
    if not query.terms:
        return 0
    hits = index.search(search_request(query, 100_000, LOOKUP_TITLE_BOOST))
    return min(MAX_RESULTS, len({p.key for p in index.fetch(hits)}))


def first_pages(lookups: list[Lookup], questions: list[Question]) -> list[list[float]]:
    """First-page ms of each lookup; the lookups take turns on each query (no warm-up favours
    the one that runs last)."""
    latencies: list[list[float]] = [[] for _ in lookups]
    for q in questions:
        for cut in (12, 30, 256):
            for lookup, times in zip(lookups, latencies, strict=True):
                started = time.perf_counter()
                lookup(q.question[:cut], q.date, PAGE + 1, 0)
                times.append((time.perf_counter() - started) * 1000)
    return latencies


def all_pages(lookup: Lookup, q: Question, *, ask_one_more: bool) -> tuple[list[str], list[float]]:
    """Scroll as Telegram does until no next page: the article keys shown, each page's ms."""
    keys: list[str] = []
    latencies = []
    offset = 0
    while True:
        started = time.perf_counter()
        hits = lookup(q.question, q.date, PAGE + 1 if ask_one_more else PAGE, offset)
        latencies.append((time.perf_counter() - started) * 1000)
        keys += [h.key for h in hits[:PAGE]]
        more = len(hits) > PAGE if ask_one_more else len(hits) == PAGE
        if not more or offset + PAGE >= MAX_RESULTS:
            return keys, latencies
        offset += PAGE


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, help="a data folder with the dev articles")
    parser.add_argument("--questions", type=int, default=300, help="questions scrolled to the end")
    parser.add_argument("--typed", type=int, default=1083, help="questions typed (first pages)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        data_dir = args.data_dir or Path(scratch) / "data"
        library = Library(data_dir)
        if library.stats().articles < 1000:
            print("indexing the dev articles ...", flush=True)
            library.ingest([DEV / "articles.jsonl.gz"])
        questions = load_questions(DEV / "questions.jsonl.gz")
        index = library.index
        ours: Lookup = lambda t, d, n, o: library.lookup(t, as_of=d, limit=n, offset=o)  # noqa: E731
        uncached: Lookup = lambda t, d, n, o: lookup_articles(  # noqa: E731
            index, t, as_of=d, limit=n, offset=o
        )
        base = single_pool_lookup(index)
        sample = random.Random(7).sample(questions, min(args.questions, len(questions)))
        typed = questions[: args.typed]
        first_ours, first_uncached, first_base = first_pages([ours, uncached, base], typed)
        reach_ours = reach_base = matched = 0
        deep_ours: list[float] = []
        deep_uncached: list[float] = []
        deep_base: list[float] = []
        repeated = differ = 0
        for q in sample:
            keys, ms = all_pages(ours, q, ask_one_more=True)
            repeated += len(keys) - len(set(keys))
            reach_ours += len(set(keys))
            deep_ours += ms[1:]
            plain, ms = all_pages(uncached, q, ask_one_more=True)
            differ += plain != keys
            deep_uncached += ms[1:]
            keys, ms = all_pages(base, q, ask_one_more=False)
            reach_base += len(set(keys))
            deep_base += ms[1:]
            matched += matching_articles(index, q.question, q.date)
    print(f"{library.stats().articles} articles; {len(typed)} questions x 3 cuts (first page)")
    print(f"{'':24}{'ours':>10}{'uncached':>10}{'single pool':>12}{'ours/uncached':>15}")

    def row(name: str, ours: list[float], plain: list[float], base: list[float], q: float) -> None:
        a, b, c = (percentile(xs, q) for xs in (ours, plain, base))
        ratio = f"{a / b:.2f}" if b else "-"
        print(f"{name:24}{a:>10.1f}{b:>10.1f}{c:>12.1f}{ratio:>15}")

    row("first page p50 ms", first_ours, first_uncached, first_base, 0.5)
    row("first page p99 ms", first_ours, first_uncached, first_base, 0.99)
    row("deeper pages p50 ms", deep_ours, deep_uncached, deep_base, 0.5)
    row("deeper pages p99 ms", deep_ours, deep_uncached, deep_base, 0.99)
    print(
        f"deeper pages served: ours {len(deep_ours)}, uncached {len(deep_uncached)}, "
        f"single pool {len(deep_base)}; questions whose pages differ ours/uncached: {differ}"
    )
    cache = library.lookup_cache
    print(f"lookup cache after the run: {len(cache)} queries, {cache.weight} passages' weight")
    print(
        f"reach ({len(sample)} questions scrolled to the end): {matched} matching articles "
        f"(<= {MAX_RESULTS} each); ours shows {reach_ours} ({reach_ours / max(matched, 1):.1%}), "
        f"single pool {reach_base} ({reach_base / max(matched, 1):.1%}); "
        f"articles shown twice (ours): {repeated}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
