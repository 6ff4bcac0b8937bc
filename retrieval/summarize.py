"""Extractive summaries: the news on a topic, or what was added lately.

Sentences are chosen for relevance (the answer path's sentence model, for a topic) and
centrality, without near-duplicates nor two that state one claim (``centrality``). A summary
opens with what happened: for a topic, the most central sentence of the best-covered article
that holds most of the topic; for the newest news, the most central lead. That sentence must
stand on its own: none that needs the one before it ("He predicted ...", "However, ..."), holds
half a quote, opens with one or with what may be ("If ..."); sentences that need the one before
them weigh half elsewhere. The rest follow in date
order. Page furniture never competes: it is not in the indexed text. No
language model: every sentence is a real one, with its date and source.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from pydantic import BaseModel, Field

from .answer import AnswerSentence
from .backend import DateRange, Passage, RecentRequest, SearchBackend
from .centrality import lexrank, pick_diverse, same_claims, similarity, stated
from .discourse import needs_the_sentence_before, opens_with_a_maybe
from .features import FEATURES, is_link_line
from .notes import Note, NoteKind
from .passages import collection_query, own_language, rank_passages
from .ranker import SHIPPED
from .scoring import MIN_COVERAGE, date_prior, query_idf
from .sentences import SentencePool
from .timewords import news_end_notice
from .tokenize import content_words

__all__ = ["MIN_SENTENCES", "Summary", "summarize_recent", "summarize_topic"]

SUMMARY_SENTENCES = 6
MIN_SENTENCES = 5  # fewer, and the summary says how few articles matched
TOPIC_PASSAGES = 40  # a summary draws on more articles than an answer
RECENT_ARTICLES = 60
RECENT_DAYS = 14  # the newest news: the two weeks before the newest article
_MAX_RECENT_DAYS = 400
_MIN_WORDS = 6
_RELEVANCE_SHARE = 0.6  # relevance against centrality, for topic summaries
_ON_TOPIC = 0.8  # share of the best article's topic coverage an article needs
_LEANING = 0.5  # a sentence that needs the one before it keeps this share of its score
_QUOTE_MARKS = "\"“”«»„‘’'"


class Summary(BaseModel):
    """An extractive summary: dated sentences in date order, and what they cover."""

    topic: str = ""
    sentences: list[AnswerSentence] = Field(default_factory=list)
    articles: int = 0  # distinct articles the sentences come from
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    note: Note | None = None  # why there are no sentences
    matched_articles: int = 0  # articles about the topic in the collection (for a topic)
    notice: Note | None = None  # said first: where the news ends, when the summary is about now

    @property
    def few(self) -> bool:
        """Fewer sentences than a summary should have: the topic matched few articles."""
        return 0 < len(self.sentences) < MIN_SENTENCES

    @property
    def found(self) -> bool:
        return bool(self.sentences)


@dataclass
class _Sentence:
    text: str
    passage: Passage
    order: int  # position within its passage
    tokens: list[str]

    @cached_property
    def leans(self) -> bool:
        """It needs the sentence before it (``followup.needs_the_sentence_before``)."""
        return needs_the_sentence_before(self.text, self.passage.language or "en")

    @property
    def opens(self) -> bool:
        """It can open a summary: it stands on its own, is no quote and states what is, not
        what may be."""
        if self.text.startswith(tuple(_QUOTE_MARKS)) or self.leans:
            return False
        return not opens_with_a_maybe(self.text, self.passage.language or "en")


def _leaning_weights(sentences: Sequence[_Sentence]) -> np.ndarray:
    return np.array([_LEANING if s.leans else 1.0 for s in sentences])


def _quotable(text: str) -> bool:
    return len(text.split()) >= _MIN_WORDS and not is_link_line(text)


# -- summaries from the index ----------------------------------------------------------------


def _summary(
    topic: str,
    sentences: list[_Sentence],
    scores: np.ndarray,
    sim: np.ndarray,
    k: int,
    first: int | None = None,
    keep: Sequence[int] = (),
) -> Summary:
    same = same_claims([s.tokens for s in sentences], [s.text for s in sentences])
    order = pick_diverse(scores, sim, k, same, first, keep)
    picked = [sentences[i] for i in order]
    lead = picked[:1] if first is not None else []
    rest = sorted(
        picked[len(lead) :],
        key=lambda s: (s.passage.date, s.passage.key, s.passage.position, s.order),
    )
    picked = lead + rest
    if not picked:
        return Summary(topic=topic, note=Note(kind=NoteKind.NO_TOPIC_MATCH))
    dates = [s.passage.date for s in picked]
    return Summary(
        topic=topic,
        sentences=[AnswerSentence.from_passage(s.text, s.passage, 0.0) for s in picked],
        articles=len({s.passage.key for s in picked}),
        first_date=min(dates),
        last_date=max(dates),
    )


def _central_event(
    sentences: list[_Sentence],
    topic_share: np.ndarray,
    centrality: np.ndarray,
    cover: np.ndarray,
    scores: np.ndarray,
) -> int:
    """The sentence that says what happened: in the best-covered article (most of the topic,
    then most sentences about it, then its best sentence's score), among the sentences holding
    as much of the topic as any of its sentences, the most central one (the story the other
    articles tell too), weighed up by the figures and names it states (the event, not its
    background: "inflation rose to 9.1% in June" over "inflation was driven by prices"); ties
    go to the earlier, since news states the event first and the background after. It must
    stand on its own (``_Sentence.opens``): when none of those does, the next best-covered
    article's, and only when no article has one, the best article's best, as it is."""
    counts: Counter[str] = Counter(s.passage.key for s in sentences)
    rank: dict[str, tuple[float, int, float]] = {}
    for i, s in enumerate(sentences):
        key = s.passage.key
        mine = (float(cover[i]), counts[key], float(scores[i]))
        rank[key] = max(rank.get(key, mine), mine)
    best_first = sorted(rank, key=lambda key: rank[key], reverse=True)

    def most_central(candidates: list[int]) -> int:
        return max(
            candidates,
            key=lambda i: (
                round(float(centrality[i]) * stated(sentences[i].text), 3),
                -sentences[i].passage.position,
                -sentences[i].order,
            ),
        )

    def event_sentences(key: str) -> list[int]:
        mine = [i for i, s in enumerate(sentences) if s.passage.key == key]
        most = max(float(topic_share[i]) for i in mine)
        return [i for i in mine if float(topic_share[i]) >= most - 1e-9]

    for key in best_first:
        standing = [i for i in event_sentences(key) if sentences[i].opens]
        if standing:
            return most_central(standing)
    return most_central(event_sentences(best_first[0]))


def summarize_topic(
    index: SearchBackend,
    topic: str,
    *,
    as_of: dt.date | None = None,
    k: int = SUMMARY_SENTENCES,
    lead: AnswerSentence | None = None,
) -> Summary:
    """The news on a topic from several articles; the newest news when the topic is empty.
    ``lead``: a sentence the summary must hold (the one an answer to the topic led with), first
    when it can open it."""
    as_of = as_of or dt.date.today()
    query = collection_query(index, topic, as_of)
    last = index.date_span()[1]
    if not query.terms:
        notice = news_end_notice(query.scope, True, as_of, last)
        scope = query.scope
        if notice is not None and notice.kind is NoteKind.NO_NEWS_AFTER:
            return Summary(topic=query.text, note=notice)  # a period after all the news
        summary = summarize_recent(
            index,
            k=k,
            start=scope.start if scope is not None else None,
            end=scope.end if scope is not None else None,
            topic=query.text,
        )
        summary.notice = notice if summary.found else None
        return summary
    notice = news_end_notice(query.scope, query.present, as_of, last)
    pool = SentencePool(
        query,
        rank_passages(index, query, limit=TOPIC_PASSAGES, language=own_language(index, query)),
        query_idf(index, query.terms),
    )
    if pool.coverage() < MIN_COVERAGE:
        return Summary(topic=query.text, note=Note(kind=NoteKind.NO_TOPIC_MATCH))
    rows = pool.features()
    relevance = SHIPPED.scores(rows)
    # Only articles about the whole topic: "s-400 turkey" is not about Thanksgiving turkeys.
    article_cover = rows[:, FEATURES.index("article_coverage")]
    sentences, keep = _on_topic(pool, article_cover, _ON_TOPIC)
    lead_at = _place_lead(lead, pool, sentences, keep)
    if not sentences:
        return Summary(topic=query.text, note=Note(kind=NoteKind.NO_TOPIC_MATCH))
    sim = similarity([s.tokens for s in sentences])
    rel = relevance[keep]
    rel = (rel - rel.min()) / ((rel.max() - rel.min()) or 1.0)
    centrality = lexrank(sim)
    scores = (_RELEVANCE_SHARE * rel + (1 - _RELEVANCE_SHARE) * centrality) * _leaning_weights(
        sentences
    )
    topic_share = rows[:, FEATURES.index("coverage")][keep]
    first = _central_event(sentences, topic_share, centrality, article_cover[keep], scores)
    kept: list[int] = []
    if lead_at is not None:
        first, kept = (lead_at, []) if sentences[lead_at].opens else (first, [lead_at])
    summary = _summary(query.text, sentences, scores, sim, k, first, kept)
    summary.matched_articles = len({s.passage.key for s in sentences})
    summary.notice = notice
    return summary


def _place_lead(
    lead: AnswerSentence | None, pool: SentencePool, sentences: list[_Sentence], keep: list[int]
) -> int | None:
    """Where ``lead`` is among the summary's candidate ``sentences`` (added to them, with its
    pool row in ``keep``, when the topic filter left it out); None without a lead, or when the
    pool does not hold it."""
    if lead is None:
        return None
    for at, s in enumerate(sentences):
        if s.text == lead.text and s.passage.date == lead.date:
            return at
    order_in_passage: Counter[int] = Counter()
    for i, cand in enumerate(pool.candidates):
        order_in_passage[cand.passage] += 1
        passage = pool.passages[cand.passage]
        if cand.text == lead.text and passage.date == lead.date:
            sentences.append(
                _Sentence(cand.text, passage, order_in_passage[cand.passage], cand.tokens)
            )
            keep.append(i)
            return len(sentences) - 1
    return None


def _on_topic(
    pool: SentencePool, article_cover: np.ndarray, share: float
) -> tuple[list[_Sentence], list[int]]:
    """The quotable candidates of articles covering at least ``share`` of the best coverage."""
    enough = share * article_cover.max()
    sentences, keep = [], []
    order_in_passage: Counter[int] = Counter()
    for i, cand in enumerate(pool.candidates):
        order_in_passage[cand.passage] += 1
        if not _quotable(cand.text) or article_cover[i] < enough:
            continue
        passage = pool.passages[cand.passage]
        sentences.append(_Sentence(cand.text, passage, order_in_passage[cand.passage], cand.tokens))
        keep.append(i)
    return sentences, keep


def _newest_period(leads: list[Passage]) -> list[Passage]:
    """The newest news is the news of the ``RECENT_DAYS`` before the newest article (an
    archive's 2019 seed is not part of it), or of twice, four times ... as many days when
    that is too little for a summary."""
    if not leads:
        return leads
    newest = max(p.date for p in leads)
    days = RECENT_DAYS
    while days <= _MAX_RECENT_DAYS:
        recent = [p for p in leads if (newest - p.date).days <= days]
        if sum(len(p.lead or p.sentences[:2]) for p in recent) >= MIN_SENTENCES:
            return recent
        days *= 2
    return leads


def summarize_recent(
    index: SearchBackend,
    *,
    k: int = SUMMARY_SENTENCES,
    added_since: int | None = None,
    added_until: int | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    topic: str = "",
) -> Summary:
    """The newest articles (or those added after a unix time) summarized by their leads."""
    dates = DateRange(start, end)
    leads = index.recent_articles(
        RecentRequest(RECENT_ARTICLES, 0, dates, added_since, added_until)
    )
    if added_since is None and start is None and end is None:
        leads = _newest_period(leads)
    sentences = [
        _Sentence(text, p, order, content_words(text))
        for p in leads
        for order, text in enumerate(p.lead or p.sentences[:2])
        if _quotable(text)
    ]
    if not sentences:
        empty = NoteKind.NO_NEW_ARTICLES if added_since is not None else NoteKind.EMPTY_COLLECTION
        return Summary(topic=topic, note=Note(kind=empty))
    sim = similarity([s.tokens for s in sentences])
    newest = max(p.date for p in leads)
    recency = date_prior([(s.passage.date - newest).days for s in sentences], half_life=7)
    leading = np.array([1.0 if s.order == 0 else 0.6 for s in sentences])  # the lead says most
    scores = lexrank(sim) * (0.5 + 0.5 * recency) * leading * _leaning_weights(sentences)
    standing = [i for i, s in enumerate(sentences) if s.opens]
    first = max(standing, key=lambda i: float(scores[i])) if standing else None
    return _summary(topic, sentences, scores, sim, k, first)
