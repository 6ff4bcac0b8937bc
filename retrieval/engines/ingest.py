"""The ingest loop every engine shares: prepare, de-duplicate, count, write, commit, report.

Articles become passage documents (``prepare.prepared``: on worker processes for a long
ingest), in batches. Each batch asks the engine once which of its articles' ids (the content
key, ``id:<id>`` when the article has one, its loader's others: ``documents.duplicate_ids``)
it holds already; an article is a duplicate when any of its ids is stored or came earlier in
this run. The rest are written, counted and
committed every ``commit_every`` articles; ``on_article`` hears about each article once its
batch is written. An engine supplies only the three operations of ``Sink``.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterable
from typing import Protocol

from ..articles import Article
from ..backend import AddReport
from ..documents import PassageDocument, duplicate_ids
from ..prepare import prepared

__all__ = ["BATCH", "Sink", "article_ids", "ingest"]

BATCH = 500  # articles per duplicate lookup (and write), by default


class Sink(Protocol):
    """What an engine does for the ingest loop."""

    def known(self, ids: list[str]) -> set[str]:
        """Which of these article ids the engine holds already."""
        ...

    def put(self, documents: list[PassageDocument]) -> None:
        """Write passage documents (durable once ``commit`` returns)."""
        ...

    def commit(self) -> None: ...


def article_ids(article: Article, key: str) -> tuple[str, ...]:
    """The ids that make another article this one's duplicate when its documents name none
    (``documents.duplicate_ids``: the content key, its own id, its loader's others)."""
    return tuple(duplicate_ids(article, key))


def ingest(
    sink: Sink,
    articles: Iterable[Article],
    *,
    added_at: int | None,
    commit_every: int,
    on_article: Callable[[Article, bool], None] | None = None,
    processes: int | None = None,
    batch: int = BATCH,
) -> AddReport:
    """Add the articles ``sink`` does not hold yet, stamped ``added_at`` (unix time; None:
    now); see the module. ``batch``: articles per lookup and write (a cluster wants few
    requests; a local writer wants a steady stream)."""
    added_at = int(time.time()) if added_at is None else added_at
    report = AddReport()
    seen: set[str] = set()
    pending = 0  # articles written since the last commit
    size = max(1, min(commit_every, batch))
    stream = prepared(articles, added_at, processes=processes)
    batches = iter(lambda: list(itertools.islice(stream, size)), [])
    for chunk in batches:
        ids = [built.ids or article_ids(article, built.key) for article, built in chunk]
        stored = sink.known([i for ident in ids for i in ident if i not in seen])
        documents: list[PassageDocument] = []
        added: list[bool] = []
        for (_, built), idents in zip(chunk, ids, strict=True):
            duplicate = any(i in seen or i in stored for i in idents)
            added.append(not duplicate)
            if duplicate:
                report.duplicates += 1
                continue
            seen.update(idents)
            documents.extend(built.documents)
            report.added += 1
            report.added_keys.append(built.key)
            report.passages += len(built.documents)
            report.sentences += built.sentences
            report.furniture += built.furniture
        sink.put(documents)
        pending += sum(added)
        if pending >= commit_every:
            sink.commit()
            pending = 0
        if on_article is not None:
            for (article, _), was_added in zip(chunk, added, strict=True):
                on_article(article, was_added)
    if pending:
        sink.commit()
    return report
