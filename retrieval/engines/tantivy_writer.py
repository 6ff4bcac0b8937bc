"""Writing the tantivy passage index: its schema, passages in tantivy's form, the lock that
keeps one writer per index across processes, and batched ingest with commits. Reading and
searching are `index.PassageIndex`'s."""

from __future__ import annotations

import contextlib
import fcntl
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import tantivy

from ..articles import Article
from ..backend import AddReport, IndexBusyError, IndexError_
from ..documents import PassageDocument
from . import COMMIT_EVERY, WRITER_WAIT
from .ingest import ingest

__all__ = [
    "BYTES_FIELDS",
    "COMMIT_EVERY",
    "WRITER_HEAP",
    "WRITER_THREADS",
    "WRITER_WAIT",
    "build_schema",
    "tantivy_document",
    "write_articles",
    "writer_lock",
]

WRITER_HEAP = 256_000_000
# Articles per lookup and write: small, so the writer's threads index while the next articles
# are read and prepared (batches of 500 let them idle in turns: 0.69x the rate).
WRITE_BATCH = 16
WRITER_THREADS = 2


def build_schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("ids", stored=True, tokenizer_name="raw", index_option="basic")
    # Our own tokens (tokenize.py), split on spaces: tantivy analyses nothing itself.
    builder.add_text_field("title_terms", stored=False, tokenizer_name="whitespace")
    builder.add_text_field("body_terms", stored=False, tokenizer_name="whitespace")
    builder.add_bytes_field("title", stored=True, indexed=False)
    builder.add_bytes_field("body", stored=True, indexed=False)
    builder.add_bytes_field("stems", stored=True, indexed=False)
    builder.add_bytes_field("lead", stored=True, indexed=False)
    builder.add_bytes_field("furniture", stored=True, indexed=False)
    builder.add_bytes_field("text", stored=True, indexed=False)
    builder.add_bytes_field("facts", stored=True, indexed=False)
    builder.add_text_field("url", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("source", stored=True, fast=True, tokenizer_name="raw")
    builder.add_text_field("language", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    builder.add_integer_field("pos", stored=True, indexed=True, fast=True)
    builder.add_integer_field("added", stored=True, indexed=True, fast=True)
    return builder.build()


# Stored, never searched: bytes are the cheapest to keep.
BYTES_FIELDS = frozenset(("title", "body", "stems", "lead", "furniture", "text", "facts"))


def tantivy_document(doc: PassageDocument) -> tantivy.Document:
    """A passage document in tantivy's form (field by field: a quarter faster than a loop)."""
    out = tantivy.Document()
    out.add_text("key", doc["key"])
    for ident in doc["ids"]:
        out.add_text("ids", ident)
    out.add_text("title_terms", doc["title_terms"])
    out.add_text("body_terms", doc["body_terms"])
    out.add_bytes("title", doc["title"].encode())
    out.add_bytes("body", doc["body"].encode())
    out.add_bytes("stems", doc["stems"].encode())
    if doc["lead"]:
        out.add_bytes("lead", doc["lead"].encode())
    if doc["furniture"]:
        out.add_bytes("furniture", doc["furniture"].encode())
    if doc["text"]:
        out.add_bytes("text", doc["text"].encode())
    if doc["facts"]:
        out.add_bytes("facts", doc["facts"].encode())
    out.add_text("url", doc["url"])
    out.add_text("source", doc["source"])
    out.add_text("language", doc["language"])
    out.add_integer("day", doc["day"])
    out.add_integer("pos", doc["pos"])
    out.add_integer("added", doc["added"])
    return out


@contextlib.contextmanager
def writer_lock(path: Path, wait: float) -> Iterator[None]:
    """The index's writer lock (a file lock: across processes); IndexBusyError after ``wait``."""
    with open(path / "newsbot-writer.lock", "a+") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise IndexBusyError(
                        f"another process is writing to the index in {path}"
                    ) from None
                time.sleep(0.1)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def _write_errors(path: Path) -> Iterator[None]:
    """tantivy reports I/O failures (a full disk, a read-only folder) as ValueError."""
    try:
        yield
    except ValueError as exc:
        reason = str(exc).split("\n")[0][:200]
        raise IndexError_(
            f"cannot write the index in {path} (disk full or not writable?): {reason}; "
            "everything up to the last commit is kept"
        ) from exc


def write_articles(
    index: tantivy.Index,
    path: Path,
    articles: Iterable[Article],
    *,
    known: Callable[[str], bool],
    on_article: Callable[[Article, bool], None] | None = None,
    commit_every: int = COMMIT_EVERY,
    processes: int | None = None,
    added_at: int | None = None,
    replacing: Iterable[str] = (),
) -> AddReport:
    """Add the articles none of whose identities is ``known`` to ``index`` through the shared
    ingest loop (``ingest.ingest``), stamped ``added_at`` (unix time; default now), committing
    every ``commit_every``; on any failure the uncommitted rest is rolled back. ``replacing``:
    keys of articles whose passages are deleted in the same commit as the first added ones.
    The caller holds the writer lock."""
    with _write_errors(path):
        writer = index.writer(heap_size=WRITER_HEAP, num_threads=WRITER_THREADS)
        deleted = [writer.delete_documents_by_term("key", key) for key in replacing]
    sink = _TantivySink(writer, path, known)
    try:
        report = ingest(
            sink,
            articles,
            added_at=added_at,
            commit_every=commit_every,
            on_article=on_article,
            processes=processes,
            batch=WRITE_BATCH,
        )
        if deleted and not report.added:  # a deletion alone is committed too
            sink.commit()
        with _write_errors(path):
            writer.wait_merging_threads()
    except BaseException:
        with contextlib.suppress(Exception):
            writer.rollback()
        raise
    return report


class _TantivySink:
    """The ingest loop's writes into a tantivy writer."""

    def __init__(
        self, writer: tantivy.IndexWriter, path: Path, known: Callable[[str], bool]
    ) -> None:
        self.writer, self.path, self._known = writer, path, known

    def known(self, ids: list[str]) -> set[str]:
        return {ident for ident in ids if self._known(ident)}

    def put(self, documents: list[PassageDocument]) -> None:
        with _write_errors(self.path):
            for doc in documents:
                self.writer.add_document(tantivy_document(doc))

    def commit(self) -> None:
        with _write_errors(self.path):
            self.writer.commit()
