"""The unanswerable set: dev questions asked of the dev collection without their answers.

Method: for each question, every article whose title or text contains one of its answer strings
(case-insensitive, the same test as answer-hit) or one of the names in them is excluded from the
candidate passages of that question. Names count because answers are written several ways:
"JetBlue Airways" is "JetBlue" in most articles, "Lt. Nyota Uhura" is "Lieutenant Uhura"; with
the whole strings alone, about a third of this set still held its answer in other words.

The passage search gets a must-not clause on the excluded articles' keys, so the pool is filled
with the best passages that remain. One index serves every question; re-indexing a reduced
collection per question would cost minutes each. Term statistics (IDF) stay those of the whole
collection.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tantivy

from benchmarks.qa_measures import Question
from retrieval import Article, LoadReport, PassageIndex, load_articles

__all__ = ["ExcludingIndex", "answer_articles", "answer_needles", "cached_answer_articles"]


_NAME = re.compile(r"\b(?:[A-Z][\w'’-]{3,}|\d{4,})")


def answer_needles(answers: list[str]) -> set[str]:
    """What marks an article as holding the answer: each whole answer string, and each name
    (a capitalised word of four letters or more) or long number in it."""
    needles = {a.strip().lower() for a in answers if a.strip()}
    for answer in answers:
        names = [m for m in _NAME.finditer(answer)]
        rest = answer.split()[1:]
        if names and names[0].start() == 0 and rest and all(w[:1].islower() for w in rest):
            names = names[1:]  # "Next week", "A bicycle accident": a capital only to begin
        needles |= {m.group(0).lower() for m in names}
    return needles


def answer_articles(
    articles: Iterable[Article], answers_by_question: dict[str, list[str]]
) -> dict[str, frozenset[str]]:
    """For each question id, the keys of the articles that contain one of its answers."""
    keys: list[str] = []
    starts: list[int] = []
    texts: list[str] = []
    offset = 0
    for article in articles:
        text = f"{article.title}\n{article.text}".lower() + "\x00"
        keys.append(article.key)
        starts.append(offset)
        texts.append(text)
        offset += len(text)
    corpus = "".join(texts)
    found: dict[str, frozenset[str]] = {}
    for qid, answers in answers_by_question.items():
        hits: set[str] = set()
        for needle in answer_needles(answers):
            at = corpus.find(needle)
            while at != -1:
                number = bisect.bisect_right(starts, at) - 1
                hits.add(keys[number])
                # go on from the next article: one hit per article is enough
                next_start = starts[number + 1] if number + 1 < len(starts) else len(corpus)
                at = corpus.find(needle, next_start)
        found[qid] = frozenset(hits)
    return found


def cached_answer_articles(
    data_dir: Path, articles: Path, questions: list[Question]
) -> dict[str, frozenset[str]]:
    """Which articles hold each question's answer (two minutes to find; kept beside the index)."""
    cache = data_dir / "answer-articles-v2.json"
    if cache.exists():
        return {k: frozenset(v) for k, v in json.loads(cache.read_text()).items()}
    found = answer_articles(
        load_articles([articles], LoadReport()), {q.id: q.answers for q in questions}
    )
    cache.write_text(json.dumps({k: sorted(v) for k, v in found.items()}))
    return found


class ExcludingIndex(PassageIndex):
    """The index, with the articles in ``excluded`` left out of every passage search."""

    excluded: frozenset[str] = frozenset()

    def term_query(self, *args: Any, **kwargs: Any) -> tantivy.Query:
        query = super().term_query(*args, **kwargs)
        if not self.excluded:
            return query
        excluded = tantivy.Query.term_set_query(self.schema, "key", sorted(self.excluded))
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.MustNot, excluded)]
        )
