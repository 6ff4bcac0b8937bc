"""Extractive summaries: the news on a topic, what was added lately, or a conversation.

Sentences are chosen for relevance (the answer path's sentence model, for a topic) and
centrality (LexRank over TF-IDF vectors of their stems: a sentence that many others resemble
carries the shared story), without near-duplicates (maximal marginal relevance, and no two
sentences that state one claim: the same figures, or most of the same content words). A topic
summary opens with what happened: the most central sentence of the best-covered article; the
rest follow in date order. Page furniture never competes: it is not in the indexed text. No
language model: every sentence is a real one, with its date and source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from pydantic import BaseModel, Field

from .answer import AnswerSentence
from .backend import DateRange, Passage, RecentRequest, SearchBackend
from .features import FEATURES, is_link_line
from .passages import collection_query, own_language, rank_passages
from .ranker import SHIPPED
from .scoring import MIN_COVERAGE, date_prior, informative_tokens, query_idf
from .sentences import SentencePool
from .tokenize import content_words

__all__ = [
    "MIN_SENTENCES",
    "Summary",
    "facts_in",
    "lexrank",
    "pick_diverse",
    "same_claims",
    "summarize_recent",
    "summarize_texts",
    "summarize_topic",
]

SUMMARY_SENTENCES = 6
MIN_SENTENCES = 5  # fewer, and the summary says how few articles matched
TOPIC_PASSAGES = 40  # a summary draws on more articles than an answer
RECENT_ARTICLES = 60
_MIN_WORDS = 6
_RELEVANCE_SHARE = 0.6  # relevance against centrality, for topic summaries
_REDUNDANCY = 0.7  # MMR: how much resembling a chosen sentence costs
_DUPLICATE = 0.6  # cosine similarity above which a sentence repeats a chosen one
_ON_TOPIC = 0.8  # share of the best article's topic coverage an article needs
_SAME_CLAIM = 0.6  # share of the shorter sentence's content stems that makes one claim twice
_FIGURE = re.compile(r"\d[\d,.]*")
# A conversation is argued over its figures and names: each one a message states (up to
# _FACTS_COUNTED) raises its weight by _FACT_BOOST, so "52 to 48" beats "it was close".
_FACT_BOOST = 0.3
_FACTS_COUNTED = 4
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s+)([A-Z][\w'’-]*)")


class Summary(BaseModel):
    """An extractive summary: dated sentences in date order, and what they cover."""

    topic: str = ""
    sentences: list[AnswerSentence] = Field(default_factory=list)
    articles: int = 0  # distinct articles the sentences come from
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    note: str = ""
    matched_articles: int = 0  # articles about the topic in the collection (for a topic)

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


def _quotable(text: str) -> bool:
    return len(text.split()) >= _MIN_WORDS and not is_link_line(text)


# -- the pure parts: centrality and diverse choice ------------------------------------------


def _tfidf(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Unit-length TF-IDF rows over the texts' own vocabulary."""
    vocabulary: dict[str, int] = {}
    for tokens in token_lists:
        for token in tokens:
            vocabulary.setdefault(token, len(vocabulary))
    matrix = np.zeros((len(token_lists), max(len(vocabulary), 1)))
    for row, tokens in enumerate(token_lists):
        for token, count in Counter(tokens).items():
            matrix[row, vocabulary[token]] = count
    doc_freq = (matrix > 0).sum(axis=0)
    matrix *= np.log((1 + len(token_lists)) / (1 + doc_freq)) + 1
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return np.divide(matrix, norms, out=np.zeros_like(matrix), where=norms > 0)


def similarity(token_lists: Sequence[Sequence[str]]) -> np.ndarray:
    """Cosine similarity of every pair of texts (TF-IDF over their stems)."""
    vectors = _tfidf(token_lists)
    return np.asarray(vectors @ vectors.T)


def lexrank(sim: np.ndarray, damping: float = 0.85, steps: int = 50) -> np.ndarray:
    """Continuous LexRank: PageRank over the similarity graph; scaled so the best is 1."""
    n = len(sim)
    if n == 0:
        return np.zeros(0)
    graph = sim.copy()
    np.fill_diagonal(graph, 0.0)
    totals = graph.sum(axis=1, keepdims=True)
    graph = np.divide(graph, totals, out=np.full_like(graph, 1.0 / n), where=totals > 0)
    rank = np.full(n, 1.0 / n)
    for _ in range(steps):
        rank = (1 - damping) / n + damping * (graph.T @ rank)
    return np.asarray(rank / rank.max())


def same_claims(token_lists: Sequence[Sequence[str]], texts: Sequence[str]) -> np.ndarray:
    """Which pairs of sentences state one claim: the same figures (at least one), or most of
    the shorter one's content stems in the other ("killed 12 people" told by two outlets)."""
    n = len(texts)
    stems = [set(tokens) for tokens in token_lists]
    figures = [frozenset(_FIGURE.findall(text)) for text in texts]
    same = np.zeros((n, n), dtype=bool)
    for i in range(n):
        for j in range(i + 1, n):
            shorter = min(len(stems[i]), len(stems[j])) or 1
            overlap = len(stems[i] & stems[j]) / shorter
            repeat = overlap >= _SAME_CLAIM or (
                bool(figures[i]) and figures[i] == figures[j] and overlap >= _SAME_CLAIM / 2
            )
            same[i, j] = same[j, i] = repeat
    return same


def pick_diverse(
    scores: np.ndarray,
    sim: np.ndarray,
    k: int,
    same_claim: np.ndarray | None = None,
    first: int | None = None,
) -> list[int]:
    """Maximal marginal relevance: the best (or ``first``), then the best that least repeats
    what was chosen; near-duplicates (same wire story, or ``same_claim``) never."""
    chosen: list[int] = [first] if first is not None else []
    available = set(range(len(scores))) - set(chosen)
    while available and len(chosen) < k:

        def marginal(i: int) -> float:
            overlap = max((sim[i, j] for j in chosen), default=0.0)
            return float(scores[i]) - _REDUNDANCY * float(overlap)

        best = max(sorted(available), key=marginal)
        available.discard(best)
        if any(sim[best, j] >= _DUPLICATE for j in chosen):
            continue
        if same_claim is not None and any(same_claim[best, j] for j in chosen):
            continue
        chosen.append(best)
    return chosen


def summarize_texts(
    texts: Sequence[str],
    weights: Sequence[float] | None = None,
    k: int = 5,
    *,
    best_first: bool = False,
) -> list[int]:
    """Indices of the ``k`` texts that carry a conversation, in their original order (with
    ``best_first``, the best one first and the others in their order).

    Centrality among the texts, times a per-text weight (longer or replied-to messages weigh
    more, say), times a boost for the figures and names a text states; texts without content
    words never stand for the rest.
    """
    tokens = [content_words(t) for t in texts]
    keep = [i for i, t in enumerate(tokens) if t]
    if not keep:
        return []
    sim = similarity([tokens[i] for i in keep])
    facts = np.array([min(len(facts_in(texts[i])), _FACTS_COUNTED) for i in keep])
    scores = (
        lexrank(sim)
        * np.array([(weights[i] if weights else 1.0) for i in keep])
        * (1 + _FACT_BOOST * facts)
    )
    picked = pick_diverse(scores / (scores.max() or 1.0), sim, k)
    if best_first and picked:
        return [keep[picked[0]], *sorted(keep[i] for i in picked[1:])]
    return sorted(keep[i] for i in picked)


def facts_in(text: str) -> set[str]:
    """The figures and names a text states: numbers, and capitalised words that do not merely
    open a sentence."""
    openers = {m.group(1).lower() for m in _SENTENCE_START.finditer(text)}
    return {t for t in informative_tokens(text) if t not in openers or any(c.isdigit() for c in t)}


# -- summaries from the index ----------------------------------------------------------------


def _summary(
    topic: str,
    sentences: list[_Sentence],
    scores: np.ndarray,
    sim: np.ndarray,
    k: int,
    first: int | None = None,
) -> Summary:
    same = same_claims([s.tokens for s in sentences], [s.text for s in sentences])
    order = pick_diverse(scores, sim, k, same, first)
    picked = [sentences[i] for i in order]
    lead = picked[:1] if first is not None else []
    rest = sorted(
        picked[len(lead) :],
        key=lambda s: (s.passage.date, s.passage.key, s.passage.position, s.order),
    )
    picked = lead + rest
    if not picked:
        return Summary(topic=topic, note="Nothing in the collection matches that topic.")
    dates = [s.passage.date for s in picked]
    return Summary(
        topic=topic,
        sentences=[AnswerSentence.from_passage(s.text, s.passage, 0.0) for s in picked],
        articles=len({s.passage.key for s in picked}),
        first_date=min(dates),
        last_date=max(dates),
    )


def _central_event(
    sentences: list[_Sentence], topic_share: np.ndarray, centrality: np.ndarray, cover: np.ndarray
) -> int:
    """The sentence that says what happened: in the best-covered article (most of the topic,
    then most sentences about it), among the sentences holding as much of the topic as any of
    its sentences, the most central one (the story the other articles tell too); ties go to
    the earlier, since news states the event first and the background after."""
    counts: Counter[str] = Counter(s.passage.key for s in sentences)
    best = max(range(len(sentences)), key=lambda i: (cover[i], counts[sentences[i].passage.key]))
    key = sentences[best].passage.key
    mine = [i for i, s in enumerate(sentences) if s.passage.key == key]
    most = max(float(topic_share[i]) for i in mine)
    return max(
        (i for i in mine if float(topic_share[i]) >= most - 1e-9),
        key=lambda i: (
            round(float(centrality[i]), 3),
            -sentences[i].passage.position,
            -sentences[i].order,
        ),
    )


def summarize_topic(
    index: SearchBackend,
    topic: str,
    *,
    as_of: dt.date | None = None,
    k: int = SUMMARY_SENTENCES,
) -> Summary:
    """The news on a topic from several articles; the newest news when the topic is empty."""
    as_of = as_of or dt.date.today()
    query = collection_query(index, topic, as_of)
    if not query.terms:
        scope = query.scope
        return summarize_recent(
            index,
            k=k,
            start=scope.start if scope is not None else None,
            end=scope.end if scope is not None else None,
            topic=query.text,
        )
    pool = SentencePool(
        query,
        rank_passages(index, query, limit=TOPIC_PASSAGES, language=own_language(index, query)),
        query_idf(index, query.terms),
    )
    if pool.coverage() < MIN_COVERAGE:
        return Summary(topic=query.text, note="Nothing in the collection matches that topic.")
    rows = pool.features()
    relevance = SHIPPED.scores(rows)
    # Only articles about the whole topic: "s-400 turkey" is not about Thanksgiving turkeys.
    article_cover = rows[:, FEATURES.index("article_coverage")]
    sentences, keep = _on_topic(pool, article_cover, _ON_TOPIC)
    if not sentences:
        return Summary(topic=query.text, note="Nothing in the collection matches that topic.")
    sim = similarity([s.tokens for s in sentences])
    rel = relevance[keep]
    rel = (rel - rel.min()) / ((rel.max() - rel.min()) or 1.0)
    centrality = lexrank(sim)
    scores = _RELEVANCE_SHARE * rel + (1 - _RELEVANCE_SHARE) * centrality
    topic_share = rows[:, FEATURES.index("coverage")][keep]
    first = _central_event(sentences, topic_share, centrality, article_cover[keep])
    summary = _summary(query.text, sentences, scores, sim, k, first)
    summary.matched_articles = len({s.passage.key for s in sentences})
    return summary


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
    sentences = [
        _Sentence(text, p, order, content_words(text))
        for p in leads
        for order, text in enumerate(p.lead or p.sentences[:2])
        if _quotable(text)
    ]
    if not sentences:
        note = "No new articles." if added_since is not None else "The collection is empty."
        return Summary(topic=topic, note=note)
    sim = similarity([s.tokens for s in sentences])
    newest = max(p.date for p in leads)
    recency = date_prior([(s.passage.date - newest).days for s in sentences], half_life=7)
    first = np.array([1.0 if s.order == 0 else 0.6 for s in sentences])  # the lead says most
    scores = lexrank(sim) * (0.5 + 0.5 * recency) * first
    return _summary(topic, sentences, scores, sim, k)
