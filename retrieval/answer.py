"""The Answer model and the answer path: question in, dated sentences out."""

from __future__ import annotations

import datetime as dt
from typing import TypedDict, Unpack

import numpy as np
from pydantic import BaseModel, Field

from .backend import Passage, SearchBackend
from .confidence import THRESHOLD, evidence, probability
from .notes import Note, NoteKind
from .passages import collection_query, own_language, rank_passages
from .question import Query
from .scoring import MIN_COVERAGE, query_idf
from .sentences import SentencePool
from .timewords import news_end_notice

__all__ = ["Answer", "AnswerSentence", "answer_question", "answer_with_evidence"]

NEAR_DAYS = 7  # articles this close to the reference day are news of that day
CLOSEST = 2  # a refused answer's sentences a reply shows ("Closest reports")
OTHER_LANGUAGE_SENTENCES = 3  # offered when nothing in the question's language answers


class AnswerSentence(BaseModel):
    """One sentence of an answer, with where and when it comes from."""

    text: str
    date: dt.date
    title: str
    url: str = ""
    source: str = ""
    score: float = 0.0
    language: str = ""  # its article's language

    @classmethod
    def from_passage(cls, text: str, passage: Passage, score: float) -> AnswerSentence:
        return cls(
            text=text,
            date=passage.date,
            title=passage.title,
            url=passage.url,
            source=passage.source,
            score=score,
            language=passage.language,
        )


class Answer(BaseModel):
    """What the bot, the command line and the summaries all render."""

    question: str
    as_of: dt.date
    sentences: list[AnswerSentence] = Field(default_factory=list)
    scope_start: dt.date | None = None
    scope_end: dt.date | None = None
    note: Note | None = None  # why there are no sentences, or none that answers
    # The probability that the first sentence answers the question (``confidence.py``); below
    # the fitted threshold the sentences are only the closest reports, not an answer.
    confidence: float = 0.0
    answered: bool = False
    notice: Note | None = None  # said before the answer: where the news ends, when it matters
    language: str = ""  # the question's language
    # Nothing in the question's language answers (or the collection has none of it): the
    # sentences, if any, are reports in other languages, each labelled with its language.
    language_missing: bool = False
    # Refused, but one of the closest reports covers the question and states a fact of the kind
    # it asks for (a name, a figure): a reply must not say the collection has no answer.
    closest_state_fact: bool = False

    @property
    def found(self) -> bool:
        return bool(self.sentences)


class Asking(TypedDict, total=False):
    """How a question is asked (``answer_with_evidence``'s keywords, and its defaults)."""

    as_of: dt.date | None
    max_sentences: int
    language: str


def answer_question(index: SearchBackend, question: str, **asking: Unpack[Asking]) -> Answer:
    """Answer a question from the index: the best sentences, best first, or an honest nothing."""
    return answer_with_evidence(index, question, **asking)[0]


def answer_with_evidence(
    index: SearchBackend,
    question: str,
    *,
    as_of: dt.date | None = None,
    max_sentences: int = 5,
    language: str = "",
) -> tuple[Answer, np.ndarray | None]:
    """The answer, and the confidence model's inputs for it (None when nothing was found).
    ``language``: the asker's language (Telegram's language_code), for questions too short
    to tell their own.

    In a collection of several languages the question searches its own language; when that
    finds nothing (or the collection has none of it), ``language_missing`` is set and the
    best few sentences of the other languages are offered, not as an answer."""
    as_of = as_of or dt.date.today()
    counts = index.language_counts()
    query = collection_query(index, question, as_of, asker=language)
    answer = Answer(question=query.text, as_of=as_of, language=query.language)
    if query.scope is not None and query.scope.strict:
        answer.scope_start, answer.scope_end = query.scope.start, query.scope.end
    last = index.date_span()[1]
    answer.notice = news_end_notice(query.scope, query.present, as_of, last)
    if answer.notice is not None and answer.notice.kind is NoteKind.NO_NEWS_AFTER:
        answer.note, answer.notice = answer.notice, None  # the period is after all the news
        return answer, None
    if not query.terms:
        answer.note = Note(kind=NoteKind.NOTHING_TO_SEARCH)
        return answer, None
    others = [code for code in counts if code != query.language]
    if counts and query.language not in counts:
        return _other_languages(index, query, answer, others), None
    only = own_language(index, query)
    pool = SentencePool(
        query, rank_passages(index, query, language=only), query_idf(index, query.terms)
    )
    coverage = pool.coverage()
    if coverage >= MIN_COVERAGE:
        chosen = pool.best(max_sentences)
        answer.sentences = [AnswerSentence.from_passage(s.text, s.passage, s.score) for s in chosen]
    inputs = None
    if answer.sentences:
        first = pool.candidates[pool.picked[0]]
        passage = pool.passages[first.passage]
        reference = min(as_of, last) if last else as_of
        inputs = evidence(
            pool.features(),
            pool.scores,
            pool.picked[0],
            pool_coverage=coverage,
            terms=len(query.terms),
            match=passage.score / max(sum(pool.idf.values()), 1e-9),
            date_gap=(passage.date - reference).days,
            near_articles=len(
                {p.key for p in pool.passages if abs((p.date - reference).days) <= NEAR_DAYS}
            ),
            fact_articles=pool.fact_articles(pool.picked[0]),
            kind_articles=pool.kind_articles(pool.picked[0]),
        )
        answer.confidence = round(probability(inputs), 3)
        answer.answered = answer.confidence >= THRESHOLD
        if not answer.answered:
            answer.note = Note(kind=NoteKind.NO_DIRECT_ANSWER)
            answer.closest_state_fact = pool.states_fact(pool.picked[:CLOSEST])
    elif only is not None:  # searched its own language only: offer the others
        return _other_languages(index, query, answer, others), None
    else:
        answer.note = Note(kind=NoteKind.NO_MATCH)
    return answer, inputs


def _other_languages(
    index: SearchBackend, query: Query, answer: Answer, others: list[str]
) -> Answer:
    """Nothing in the question's language: the best sentences of the other languages (most
    articles first), a few, each labelled with its language; never an answer."""
    answer.language_missing = True
    offered: list[AnswerSentence] = []
    for code in others:
        pool = SentencePool(
            query, rank_passages(index, query, language=code), query_idf(index, query.terms)
        )
        if pool.candidates and pool.coverage() >= MIN_COVERAGE:
            offered += [
                AnswerSentence.from_passage(s.text, s.passage, s.score)
                for s in pool.best(OTHER_LANGUAGE_SENTENCES)
            ]
    offered.sort(key=lambda s: -s.score)
    answer.sentences = offered[:OTHER_LANGUAGE_SENTENCES]
    answer.note = Note(kind=NoteKind.NO_DIRECT_ANSWER if answer.sentences else NoteKind.NO_MATCH)
    return answer
