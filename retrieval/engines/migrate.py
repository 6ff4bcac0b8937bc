"""Copy a local tantivy collection into an OpenSearch cluster (``newsbot migrate``).

In order of ingestion time, then article day: each (time added, day) batch of passages goes
over as stored (their ingestion times too) in bulk requests, then the batch is written to a
checkpoint file. Passage ids on the cluster are ``key:position``, so a batch copied twice (a
crash between its bulk and its checkpoint) is stored once; running it again continues after
the last checkpointed batch, which takes everything added since the last run, whatever its
articles' dates (the bot may have kept ingesting into the local index meanwhile).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..backend import IndexStats, SearchBackend
from ..documents import PassageDocument
from .opensearch import OpenSearchIndex
from .tantivy import PassageIndex

__all__ = ["MigrationReport", "migrate_to_opensearch"]

BULK_PASSAGES = 2000  # passages handed to one put_documents (cut in bulks of bulk_bytes)


@dataclass
class MigrationReport:
    articles: int  # copied in this run
    passages: int
    resumed_after: dt.datetime | None  # the ingestion time a previous run had copied through
    first_added: dt.datetime | None  # ingestion times of what this run copied
    last_added: dt.datetime | None
    source: IndexStats
    target: IndexStats


def _articles(documents: list[PassageDocument]) -> int:
    return sum(1 for doc in documents if doc["pos"] == 0)


def _time(stamp: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(stamp, tz=dt.UTC)


def migrate_to_opensearch(
    source: SearchBackend,
    target: SearchBackend,
    checkpoint: Path,
    *,
    on_day: Callable[[int, int], None] | None = None,
) -> MigrationReport:
    """Copy every passage of ``source`` (tantivy) not copied by an earlier run to ``target``
    (OpenSearch); ``on_day(day, articles)`` after each batch."""
    if not isinstance(source, PassageIndex) or not isinstance(target, OpenSearchIndex):
        raise TypeError("migrate copies a tantivy index into an OpenSearch cluster")
    where = f"{target.config.where}/{target.alias}"
    state = json.loads(checkpoint.read_text()) if checkpoint.exists() else {}
    if state.get("target") != where or "done_through" not in state:
        state = {}  # another cluster or prefix, or an older checkpoint: all again (idempotent)
    after = tuple(state["done_through"]) if state else None
    articles = passages = 0
    copied: list[int] = []
    for added, day in source.batches(after):
        documents = source.batch_documents(added, day)
        for start in range(0, len(documents), BULK_PASSAGES):
            target.put_documents(documents[start : start + BULK_PASSAGES])
        articles += _articles(documents)
        passages += len(documents)
        copied.append(added)
        done = {"done_through": [added, day], "done_through_added": _time(added).isoformat()}
        partial = checkpoint.with_suffix(".tmp")  # replaced whole: a crash leaves the old one
        partial.write_text(json.dumps({**done, "target": where}))
        partial.replace(checkpoint)
        if on_day is not None:
            on_day(day, _articles(documents))
    target.publish()
    return MigrationReport(
        articles,
        passages,
        _time(after[0]) if after else None,
        _time(min(copied)) if copied else None,
        _time(max(copied)) if copied else None,
        source.stats(),
        target.stats(),
    )
