"""Copy a local tantivy collection into an OpenSearch cluster (``newsbot migrate``).

Day by day, oldest first: each day's passages go over as stored (their ingestion times too) in
bulk requests, then the day is written to a checkpoint file. Passage ids on the cluster are
``key:position``, so a day copied twice (a crash between its bulk and its checkpoint) is stored
once; re-running continues after the last checkpointed day.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .backend import IndexStats, from_day_number
from .documents import PassageDocument
from .index import PassageIndex
from .opensearch_index import OpenSearchIndex

__all__ = ["MigrationReport", "migrate_to_opensearch"]

BULK_PASSAGES = 2000  # passages per bulk request: a few MB


@dataclass
class MigrationReport:
    articles: int  # copied in this run
    passages: int
    resumed_after: str | None  # the last day a previous run had finished, if any
    source: IndexStats
    target: IndexStats


def _articles(documents: list[PassageDocument]) -> int:
    return sum(1 for doc in documents if doc["pos"] == 0)


def migrate_to_opensearch(
    source: PassageIndex,
    target: OpenSearchIndex,
    checkpoint: Path,
    *,
    on_day: Callable[[int, int], None] | None = None,
) -> MigrationReport:
    """Copy every passage of ``source`` to ``target``; ``on_day(day, articles)`` after each day."""
    where = f"{target.config.where}/{target.alias}"
    state = json.loads(checkpoint.read_text()) if checkpoint.exists() else {}
    if state.get("target") != where:  # a checkpoint of another cluster or prefix: start over
        state = {}
    after = state.get("done_through_day")
    resumed = state.get("done_through_date")
    articles = passages = 0
    for day in source.days(after):
        documents = source.day_documents(day)
        for start in range(0, len(documents), BULK_PASSAGES):
            target.put_documents(documents[start : start + BULK_PASSAGES])
        articles += _articles(documents)
        passages += len(documents)
        done = {"done_through_day": day, "done_through_date": from_day_number(day).isoformat()}
        partial = checkpoint.with_suffix(".tmp")  # replaced whole: a crash leaves the old one
        partial.write_text(json.dumps({**done, "target": where}))
        partial.replace(checkpoint)
        if on_day is not None:
            on_day(day, _articles(documents))
    target.publish()
    return MigrationReport(articles, passages, resumed, source.stats(), target.stats())
