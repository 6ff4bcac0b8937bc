"""The news-QA dev questions and the measures the benchmarks share: whether an answer hits,
latency percentiles, memory, and a corpus grown by copies.

``benchmarks/qa.py`` runs the stages and prints the table; ``fit_*``, ``unanswerable``, ``flood``
and ``writers`` score and time with these same functions, so their figures compare.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import gzip
import json
import resource
from collections.abc import Iterable, Iterator
from pathlib import Path

from retrieval import Article


@dataclasses.dataclass(frozen=True)
class Question:
    id: str
    question: str
    date: dt.date
    answers: list[str]


def load_questions(path: Path, limit: int | None = None) -> list[Question]:
    opener = gzip.open if path.suffix == ".gz" else open
    questions = []
    with opener(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            questions.append(
                Question(
                    id=str(record["id"]),
                    question=record["question"],
                    date=dt.date.fromisoformat(record["date"]),
                    answers=[str(a) for a in record["answer"]],
                )
            )
    return questions[:limit] if limit else questions


def hit(sentences: list[str], answers: list[str], k: int) -> bool:
    """True when an answer string occurs, case-insensitively, in one of the first k sentences."""
    window = " \n ".join(sentences[:k]).lower()
    return any(a.lower() in window for a in answers if a.strip())


def percentile(values: list[float], share: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_rss_mb(kind: str = "VmRSS") -> float:
    """Resident memory now: all of it (VmRSS), or the process's own heap (RssAnon) without the
    index pages tantivy maps from disk (RssFile), which the kernel can drop and share."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{kind}:"):
            return int(line.split()[1]) / 1024
    return 0.0


def copies_of(articles: Iterable[Article], copies: int) -> Iterator[Article]:
    """Each article, then ``copies - 1`` copies with new ids and dates a year apart."""
    for article in articles:
        yield article
        for k in range(1, copies):
            yield dataclasses.replace(
                article,
                id=f"{article.id or article.key}~{k}",
                date=article.date - dt.timedelta(days=366 * k),
            )
