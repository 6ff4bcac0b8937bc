"""The Answer model and the answer path: question in, dated sentences out."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TypedDict, Unpack

import numpy as np
from pydantic import BaseModel, Field

from .backend import Passage, SearchBackend
from .confidence import THRESHOLD, evidence, probability
from .crossing import cross_query, holding, source_languages
from .notes import Note, NoteKind, Period
from .passages import Recall, collection_query, own_language, rank_passages
from .question import Query, build_query
from .scoring import MIN_COVERAGE, query_idf
from .sentences import SentencePool
from .timewords import TimeScope, news_end_notice

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
    # Nothing from the period the question names ("this week") answered: the sentences come
    # from the closest dates; which kind of period held nothing (None: the answer is from it).
    outside_period: Period | None = None

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

    In a collection of several languages the question searches its own language; when nothing
    in it answers (or the collection has none of it), ``language_missing`` is set and the
    question is carried into the other languages (``crossing``): the best few sentences of
    the language that answers it best are offered, labelled, not as an answer.

    Time words prefer, they never empty an answer: when nothing from the period a question
    names answers ("this week", "in June 2019"), the closest dates answer, and
    ``outside_period`` says which period held nothing."""
    as_of = as_of or dt.date.today()
    counts = index.language_counts()
    query = collection_query(index, question, as_of, asker=language)
    if not query.language_sure:  # in words only another language's lexicon knows?
        sources = source_languages(query, language)
        if counts and sources and not set(sources) & set(counts):
            query = build_query(question, as_of, index.doc_freq, language=sources[0])
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
        return _other_languages(index, query, answer, others, last), None
    only = own_language(index, query)
    recall = Recall()
    inputs = _choose(index, query, answer, only, max_sentences, last, recall)
    if not answer.answered and query.scope is not None:
        wider = _closest_dates(index, query, answer, only, max_sentences, last, recall)
        inputs = wider if wider is not None else inputs
    if not answer.answered and only is not None and others:
        # Another language answers what this one only comes close to: offered, labelled.
        crossed = _other_languages(index, query, answer.model_copy(), others, last)
        confident = crossed.confidence >= THRESHOLD and crossed.confidence > answer.confidence
        if crossed.found and (not answer.found or confident):
            return crossed, None
    if not answer.found:
        answer.note = Note(kind=NoteKind.NO_MATCH)
    elif query.scope is not None and not within(answer.sentences[0].date, query.scope):
        answer.outside_period = period_kind(query.scope)  # the period held nothing better
        answer.scope_start = answer.scope_end = None
    return answer, inputs


def _choose(
    index: SearchBackend,
    query: Query,
    answer: Answer,
    language: str | None,
    max_sentences: int,
    last: dt.date | None,
    recall: Recall | None = None,
) -> np.ndarray | None:
    """Fill ``answer`` with the best sentences for ``query`` (articles in ``language`` only,
    when given) and their confidence; the confidence model's inputs, None when nothing was
    found. ``recall``: what this answer has searched for and read already."""
    passages = rank_passages(index, query, language=language, recall=recall)
    pool = SentencePool(query, passages, query_idf(index, query.terms))
    coverage = pool.coverage()
    answer.sentences = []
    if coverage >= MIN_COVERAGE:
        chosen = pool.best(max_sentences)
        answer.sentences = [AnswerSentence.from_passage(s.text, s.passage, s.score) for s in chosen]
    if not answer.sentences:
        return None
    first = pool.candidates[pool.picked[0]]
    passage = pool.passages[first.passage]
    reference = min(query.ref_date, last) if last else query.ref_date
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
    answer.note, answer.closest_state_fact = None, False
    if not answer.answered:
        answer.note = Note(kind=NoteKind.NO_DIRECT_ANSWER)
        answer.closest_state_fact = pool.states_fact(pool.picked[:CLOSEST])
    return inputs


def _closest_dates(
    index: SearchBackend,
    query: Query,
    answer: Answer,
    language: str | None,
    max_sentences: int,
    last: dt.date | None,
    recall: Recall,
) -> np.ndarray | None:
    """Nothing from the period the question names answers ("this week": none of its reports
    answers; "in June 2019": it has no report at all): the question without its period (news
    near the day it is asked still counts most), when that answers it or finds anything at
    all (``answer_with_evidence`` then says which period held nothing). None: ``answer``
    stays."""
    scope = query.scope
    assert scope is not None
    if scope.strict and answer.found:
        return None  # the period the question names has reports: they are what it asked for
    wider = Answer(question=answer.question, as_of=answer.as_of, language=answer.language)
    inputs = _choose(
        index, dataclasses.replace(query, scope=None), wider, language, max_sentences, last, recall
    )
    if not wider.found or (answer.found and not wider.answered):
        return None
    for field in ("sentences", "confidence", "answered", "note", "closest_state_fact"):
        setattr(answer, field, getattr(wider, field))
    return inputs


def _other_languages(
    index: SearchBackend, query: Query, answer: Answer, others: list[str], last: dt.date | None
) -> Answer:
    """Nothing in the question's language answers: the question carried into each other
    language (``crossing``: the lexicon's words, names, numbers, cognates; its own terms when
    nothing carries), and the best few sentences of the language that answers it best, each
    labelled with its language; never an answer."""
    answer.language_missing = True
    best: Answer | None = None
    for code in others:
        crossed = cross_query(query, code, holding(index, code)) or query
        offered = Answer(question=answer.question, as_of=answer.as_of, language=answer.language)
        _choose(index, crossed, offered, code, OTHER_LANGUAGE_SENTENCES, last)
        if offered.found and (best is None or offered.confidence > best.confidence):
            best = offered
    answer.sentences = best.sentences[:OTHER_LANGUAGE_SENTENCES] if best else []
    answer.confidence = best.confidence if best else 0.0
    answer.answered = answer.closest_state_fact = False
    answer.note = Note(kind=NoteKind.NO_DIRECT_ANSWER if answer.sentences else NoteKind.NO_MATCH)
    return answer


def within(day: dt.date, scope: TimeScope) -> bool:
    """``day`` lies in the period (open ends count as open)."""
    return (scope.start is None or day >= scope.start) and (scope.end is None or day <= scope.end)


def period_kind(scope: TimeScope) -> Period:
    """What a period is called in "Nothing from that ...": its length says."""
    if scope.start is None or scope.end is None:
        return Period.PERIOD
    days = (scope.end - scope.start).days + 1
    # "yesterday" spans 3 days, "this week" 11, "last week" 17, "last month" 64 ("last year"
    # 733): a reference day's slack on either side of the period.
    for kind, most in ((Period.DAY, 3), (Period.WEEK, 17), (Period.MONTH, 65), (Period.YEAR, 740)):
        if days <= most:
            return kind
    return Period.PERIOD
