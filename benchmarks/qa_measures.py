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
import re
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


_QUOTES = re.compile(r"[\"'“”‘’«»]")
_ABBREVIATED = re.compile(r"^(.*?)\s*\(([^()]+)\)$")


def _plain(text: str) -> str:
    return " ".join(_QUOTES.sub("", text.lower()).split())


def answer_forms(answer: str) -> set[str]:
    """The ways a lenient hit accepts an answer: without quotes, without a leading "the",
    without a plural s, and either half of "Name (ABBR)"."""
    forms = {_plain(answer)}
    match = _ABBREVIATED.match(_plain(answer))
    if match:
        forms |= {match.group(1), match.group(2)}
    forms |= {f[4:] for f in forms if f.startswith("the ")}
    forms |= {f[:-1] for f in forms if f.endswith("s") and len(f) > 3}
    return {f for f in forms if f}


def lenient_hit(sentences: list[str], answers: list[str], k: int) -> bool:
    """``hit``, forgiving the ways an answer string and a sentence name one thing apart:
    quotes, a leading "the", a plural s, a parenthesised abbreviation. A lenient figure only:
    the strict one (``hit``) is the one to trust."""
    window = _plain(" \n ".join(sentences[:k]))
    return any(form in window for a in answers if a.strip() for form in answer_forms(a))


def calibration_table(pairs: list[tuple[float, bool]], bins: int = 10) -> list[list[float]]:
    """Rows of (bin start, questions, mean confidence, share whose first sentence answers)."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [(p, h) for p, h in pairs if low <= p < high or (b == bins - 1 and p == 1.0)]
        if inside:
            mean = sum(p for p, _ in inside) / len(inside)
            rows.append([low, len(inside), mean, sum(h for _, h in inside) / len(inside)])
    return rows


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


RESTATES = 0.5  # share of the question's content words a restating lead holds


def restates(question: str, lead: str, as_of: dt.date, language: str = "en") -> bool:
    """The check for a lead that restates the question: it holds at least half of the
    question's content words and states no fact the question lacks of the kind it asks for
    (any name, figure or date when its form says no kind), as ``retrieval.facts`` tags them."""
    from retrieval.fact_features import accepted_kinds, new_to, question_words
    from retrieval.facts import tag_sentence
    from retrieval.question import build_query
    from retrieval.tokenize import content_words

    query = build_query(question, as_of, language=language)  # given: no detection model loads
    asked = set(query.terms)
    if not asked or len(asked & set(content_words(lead))) < RESTATES * len(asked):
        return False
    accepted = accepted_kinds(query)
    words = question_words(query)
    return not any(
        new_to(fact, words) and (not accepted or fact[0] in accepted) for fact in tag_sentence(lead)
    )
