"""Where indexing's CPU goes, stage by stage, and the best rate any split of that work over this
machine's cores could reach: this tree, in one process.

    python benchmarks/indexing_stages.py                   # the dev collection
    python benchmarks/indexing_stages.py --articles FILE --json

Stages, in the order an ingest runs them:
- reading: files to articles (gzip, JSON, language detection);
- preparation (``passage_documents``): timed once as it runs, then again with each step it
  calls wrapped in a timer; the wrappers add a little, and "assembly" is what the steps leave;
- transfer: pickling each chunk of documents as the worker pool does (a worker's share), and
  unpickling it (the feeding process's);
- tantivy documents, then tantivy's writer (its threads included; committing as ingest does);
- the writer again on documents that keep only their exact values (key, day, pos, added): what
  any passage costs tantivy to add, whatever its text.

Every figure is CPU seconds (other sessions on the machine change them little). The floor
divides the whole by the cores this process may use: no split of the work between processes can
beat it, since each stage's CPU is spent whoever does it.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gc
import json
import pickle
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

if not __package__:  # run as a script: this checkout first on sys.path (benchmarks/checkout.py)
    import checkout  # noqa: F401
import tantivy

import retrieval.documents
from benchmarks.checkout import DEV
from retrieval import LoadReport, load_articles
from retrieval.articles import Article
from retrieval.documents import ArticleDocuments, PassageDocument, passage_documents
from retrieval.engines.tantivy_writer import (
    COMMIT_EVERY,
    WRITER_HEAP,
    WRITER_THREADS,
    build_schema,
    tantivy_document,
)
from retrieval.prepare import CHUNK, usable_cores

# The steps of passage_documents, by the names it calls them in retrieval.documents.
PREPARATION_STEPS = (
    ("language detection", "detect"),
    ("paragraphs", "paragraphs"),
    ("article hash", "article_key"),
    ("passages", "split_passages"),
    ("sentences", "split_sentences"),
    ("furniture verdicts", "furniture_flags"),
    ("leads", "lead_sentences"),
    ("title tokens", "tokenize"),
    ("passage tokens and stems", "passage_terms"),
    ("text layout", "text_layout"),
    ("text layout check", "rebuild_text"),
)
_TARGET_RATE = 1000  # articles/s, issue 13's goal


def cpu_seconds(run: Callable[[], Any]) -> tuple[float, Any]:
    """CPU time of ``run()`` (this process, all its threads) and what it returned."""
    started = time.process_time()
    result = run()
    return time.process_time() - started, result


@contextlib.contextmanager
def timed_steps(spent: dict[str, float]) -> Iterator[None]:
    """Each preparation step wrapped in a timer while inside; ``spent`` sums their CPU."""
    originals = {name: getattr(retrieval.documents, name) for _, name in PREPARATION_STEPS}

    def timer(name: str, step: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(step)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return step(*args, **kwargs)
            finally:
                spent[name] = spent.get(name, 0.0) + time.process_time() - started

        return timed

    try:
        for name, step in originals.items():
            setattr(retrieval.documents, name, timer(name, step))
        yield
    finally:
        for name, step in originals.items():
            setattr(retrieval.documents, name, step)


def prepare_all(articles: list[Article]) -> list[ArticleDocuments]:
    return [passage_documents(article, 1) for article in articles]


def write_all(documents: list[tantivy.Document], per_article: list[int], folder: Path) -> None:
    """Add the documents to a fresh index, committing every ``COMMIT_EVERY`` articles."""
    index = tantivy.Index(build_schema(), str(folder))
    writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
    position = 0
    for number, count in enumerate(per_article, start=1):
        for document in documents[position : position + count]:
            writer.add_document(document)
        position += count
        if number % COMMIT_EVERY == 0:
            writer.commit()
    writer.commit()
    writer.wait_merging_threads()


def exact_values_only(doc: PassageDocument) -> tantivy.Document:
    """A passage's document without its text: the least any passage costs the writer."""
    out = tantivy.Document()
    out.add_text("key", doc["key"])
    out.add_integer("day", doc["day"])
    out.add_integer("pos", doc["pos"])
    out.add_integer("added", doc["added"])
    return out


def measure(path: Path) -> dict[str, Any]:
    """The CPU seconds of each stage of indexing the articles in ``path``."""
    figures: dict[str, Any] = {}
    figures["reading"], articles = cpu_seconds(lambda: list(load_articles([path], LoadReport())))
    gc.collect()
    gc.freeze()  # what is loaded stays: collections need not walk it again and again
    try:
        _measure_loaded(articles, figures)
    finally:
        gc.unfreeze()
    return figures


def _measure_loaded(articles: list[Article], figures: dict[str, Any]) -> None:
    figures["preparation"], prepared = cpu_seconds(lambda: prepare_all(articles))
    steps: dict[str, float] = {}
    with timed_steps(steps):
        wrapped, again = cpu_seconds(lambda: prepare_all(articles))
    again.clear()  # a second copy of every document: freed before the next stage
    figures["steps"] = {label: steps.get(name, 0.0) for label, name in PREPARATION_STEPS}
    figures["steps"]["assembly"] = wrapped - sum(steps.values())
    chunks = [prepared[i : i + CHUNK] for i in range(0, len(prepared), CHUNK)]
    figures["pickling"], blobs = cpu_seconds(lambda: [pickle.dumps(c) for c in chunks])
    figures["unpickling"], unpickled = cpu_seconds(lambda: [pickle.loads(b) for b in blobs])
    unpickled.clear()
    figures["transfer_mb"] = sum(map(len, blobs)) / 1e6
    blobs.clear()  # 275 MB on the dev collection: not held through the writer
    passages = [doc for built in prepared for doc in built.documents]
    per_article = [len(built.documents) for built in prepared]
    figures["tantivy_documents"], documents = cpu_seconds(
        lambda: [tantivy_document(doc) for doc in passages]
    )
    bare = [exact_values_only(doc) for doc in passages]
    with tempfile.TemporaryDirectory(prefix="newsbot-stages-") as work:
        (Path(work) / "full").mkdir()
        (Path(work) / "bare").mkdir()
        figures["writer"], _ = cpu_seconds(
            lambda: write_all(documents, per_article, Path(work) / "full")
        )
        figures["writer_bare"], _ = cpu_seconds(
            lambda: write_all(bare, per_article, Path(work) / "bare")
        )
    figures["articles"] = len(articles)
    figures["passages"] = len(passages)
    figures["sentences"] = sum(built.sentences for built in prepared)
    figures["tokens"] = sum(doc["body_terms"].count(" ") + 1 for doc in passages)


def report(figures: dict[str, Any], cores: int) -> list[str]:
    """The figures as lines: stages, their shares, and the floor on ``cores`` cores."""
    feeding = ("reading", "unpickling", "tantivy_documents", "writer")
    preparing = ("preparation", "pickling")
    total = sum(figures[name] for name in feeding + preparing)
    articles, passages = figures["articles"], figures["passages"]
    lines = [
        f"{articles:,} articles, {passages:,} passages, {figures['sentences']:,} sentences, "
        f"{figures['tokens']:,} indexed body tokens; {figures['transfer_mb']:.0f} MB pickled",
        f"{'stage':<34} {'CPU s':>7} {'share':>6}",
    ]

    def row(label: str, seconds: float, indent: str = "") -> None:
        lines.append(f"{indent + label:<34} {seconds:>7.2f} {seconds / total:>6.1%}")

    row("reading", figures["reading"])
    row("preparation", figures["preparation"])
    for label, seconds in figures["steps"].items():
        row(label, seconds, "  ")
    row("pickling (workers)", figures["pickling"])
    row("unpickling (feeding process)", figures["unpickling"])
    row("tantivy documents", figures["tantivy_documents"])
    row("tantivy's writer", figures["writer"])
    row("text-less documents", figures["writer_bare"], "  of which ")
    row("total", total)
    best = articles / (total / cores)
    needed = articles / _TARGET_RATE * cores
    lines += [
        f"Steps are timed with wrappers ({sum(figures['steps'].values()):.2f} s in all).",
        f"tantivy adds a passage with no text in {figures['writer_bare'] / passages * 1e6:.1f} "
        f"µs of CPU; preparation takes {figures['preparation'] / articles * 1e3:.2f} ms an "
        "article.",
        f"Floor on {cores} core(s): the whole spread evenly, {best:,.0f} articles/s at best; "
        f"{_TARGET_RATE:,}/s needs at most {needed:.1f} CPU s ({needed / total:.0%} of today's).",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=Path, default=DEV / "articles.jsonl.gz")
    parser.add_argument("--cores", type=int, default=usable_cores(), help="cores for the floor")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args()
    figures = measure(args.articles)
    print("\n".join(report(figures, args.cores)))
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
