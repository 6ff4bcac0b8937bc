"""The Answer model and the answer path: question in, dated sentences out."""

from __future__ import annotations

import datetime as dt
import math

from pydantic import BaseModel, Field

from .backend import Passage, SearchBackend
from .passages import rank_passages
from .question import build_query
from .sentences import SentencePool

__all__ = ["Answer", "AnswerSentence", "answer_question", "query_idf"]

MIN_COVERAGE = 0.3  # below this share of the question's weight, matches are noise


class AnswerSentence(BaseModel):
    """One sentence of an answer, with where and when it comes from."""

    text: str
    date: dt.date
    title: str
    url: str = ""
    source: str = ""
    score: float = 0.0

    @classmethod
    def from_passage(cls, text: str, passage: Passage, score: float) -> AnswerSentence:
        return cls(
            text=text,
            date=passage.date,
            title=passage.title,
            url=passage.url,
            source=passage.source,
            score=score,
        )


class Answer(BaseModel):
    """What the bot, the command line and the summaries all render."""

    question: str
    as_of: dt.date
    sentences: list[AnswerSentence] = Field(default_factory=list)
    scope_start: dt.date | None = None
    scope_end: dt.date | None = None
    note: str = ""

    @property
    def found(self) -> bool:
        return bool(self.sentences)


def query_idf(index: SearchBackend, terms: list[str]) -> dict[str, float]:
    """Inverse document frequency of each query term over passages."""
    total = max(index.passage_count, 1)
    return {t: math.log(1 + total / (1 + index.doc_freq(t))) for t in terms}


def answer_question(
    index: SearchBackend,
    question: str,
    *,
    as_of: dt.date | None = None,
    max_sentences: int = 5,
) -> Answer:
    """Answer a question from the index: the best sentences, best first, or an honest nothing."""
    as_of = as_of or dt.date.today()
    query = build_query(question, as_of, doc_freq=index.doc_freq)
    answer = Answer(question=query.text, as_of=as_of)
    if query.scope is not None and query.scope.strict:
        answer.scope_start, answer.scope_end = query.scope.start, query.scope.end
    if not query.terms:
        answer.note = "There is nothing to search for in that question."
        return answer
    pool = SentencePool(query, rank_passages(index, query), query_idf(index, query.terms))
    if pool.coverage() >= MIN_COVERAGE:
        chosen = pool.best(max_sentences)
        answer.sentences = [AnswerSentence.from_passage(s.text, s.passage, s.score) for s in chosen]
    if not answer.sentences:
        answer.note = "Nothing in the collection matches that question."
    return answer
