"""The unanswerable set: dev questions asked of the dev collection without their answers.

Method: for each question, every article whose title or text contains one of its answer strings
(case-insensitive, the same test as answer-hit) is excluded from the candidate passages of that
question: the passage search gets a must-not clause on those articles' keys, so the pool is
filled with the best passages that remain. One index serves every question; re-indexing a reduced
collection per question would cost minutes each. Term statistics (IDF) stay those of the whole
collection, a negligible difference for a few excluded articles among 11,600.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from pathlib import Path

import tantivy

from retrieval import Article, LoadReport, PassageIndex, load_articles

__all__ = ["ExcludingIndex", "answer_articles"]


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
        for answer in answers:
            needle = answer.strip().lower()
            if not needle:
                continue
            at = corpus.find(needle)
            while at != -1:
                number = bisect.bisect_right(starts, at) - 1
                hits.add(keys[number])
                # go on from the next article: one hit per article is enough
                next_start = starts[number + 1] if number + 1 < len(starts) else len(corpus)
                at = corpus.find(needle, next_start)
        found[qid] = frozenset(hits)
    return found


def load_answer_articles(
    articles_path: Path, answers_by_question: dict[str, list[str]]
) -> dict[str, frozenset[str]]:
    return answer_articles(load_articles([articles_path], LoadReport()), answers_by_question)


class ExcludingIndex(PassageIndex):
    """The index, with the articles in ``excluded`` left out of every passage search."""

    excluded: frozenset[str] = frozenset()

    def term_query(
        self,
        terms: Iterable[str],
        *,
        title_boost: float = 0.0,
        phrases: Sequence[Sequence[str]] = (),
        must: tantivy.Query | None = None,
    ) -> tantivy.Query:
        query = super().term_query(terms, title_boost=title_boost, phrases=phrases, must=must)
        if not self.excluded:
            return query
        clauses = [(tantivy.Occur.Must, query)]
        clauses += [
            (tantivy.Occur.MustNot, tantivy.Query.term_query(self.schema, "key", key))
            for key in sorted(self.excluded)
        ]
        return tantivy.Query.boolean_query(clauses)
