"""Two-stage ranking: tantivy ranks passages, rank-bm25 ranks sentences inside the best ones."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import math
import re
from dataclasses import dataclass

from rank_bm25 import BM25Okapi

from .index import Passage, PassageHit, PassageIndex, day_number
from .scoring import date_prior, informative_tokens, jaccard, normalise, novelty
from .segment import split_sentences
from .timewords import TimeScope, extract_time_scope
from .tokenize import content_words, words

__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_QUERY_TERMS",
    "Query",
    "ScoredSentence",
    "build_query",
    "choose_sentences",
    "coverage",
    "rank_passages",
]

MAX_QUERY_CHARS = 4096
MAX_QUERY_TERMS = 24  # bounds the cost of a long question: its rarest terms are kept
_POOL = 200  # passages scored by tantivy before the date prior reorders them
_PASSAGES = 12  # passages whose sentences compete
_TITLE_BOOST = 0.3
_HALF_LIFE_DAYS = 20.0  # the reference date as a soft prior
_SCOPED_HALF_LIFE_DAYS = 6.0  # "this week", "last month": a stronger preference
_PRIOR_WEIGHT = 0.8
RERANK = 40
W_COVER = 0.5
W_PHRASE = 0.3
W_SENTENCE = 0.55
W_PASSAGE = 0.35
W_CONTEXT = 0.1
W_NOVELTY = 0.3
W_AGREE = 0.3
NUMBER_PENALTY = 0.8
FACT_PENALTY = 0.8
_WH = re.compile(r"\b(which|what|who|whom|whose|where|when|how)\b", re.IGNORECASE)
_WANTS_NUMBER = re.compile(
    r"\bhow (?:many|much|old|long|far|tall|high|big|large|fast)\b|\bwhat (?:percent|percentage|"
    r"share|age|year|number|amount|price|cost|rate|date|day|time)\b|\bwhen\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\d")


@dataclass(frozen=True)
class Query:
    """A question prepared for search."""

    text: str
    terms: list[str]
    ref_date: dt.date
    scope: TimeScope | None
    wants_fact: bool  # wh- and quiz questions want a name or number the question lacks
    wants_number: bool  # "how many", "what percentage", "when": a figure or a date


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: Passage
    score: float


def build_query(question: str, as_of: dt.date, idf: dict[str, float] | None = None) -> Query:
    """Clean the question, take out its time words, keep its most telling terms."""
    text = " ".join(question[:MAX_QUERY_CHARS].split())
    remaining, scope = extract_time_scope(text, as_of)
    terms = list(dict.fromkeys(content_words(remaining)))
    if len(terms) > MAX_QUERY_TERMS:
        weights = idf or {}
        terms = sorted(terms, key=lambda t: -weights.get(t, 0.0))[:MAX_QUERY_TERMS]
    wants_fact = bool(_WH.search(text)) or text.endswith(":")
    wants_number = bool(_WANTS_NUMBER.search(text))
    return Query(
        text=text,
        terms=terms,
        ref_date=as_of,
        scope=scope,
        wants_fact=wants_fact,
        wants_number=wants_number,
    )


def rank_passages(index: PassageIndex, query: Query, limit: int | None = None) -> list[Passage]:
    """BM25 passages for the query, reordered by closeness to the reference date."""
    limit = limit or _PASSAGES
    if not query.terms:
        return []
    scope = query.scope
    strict = scope if scope is not None and scope.strict else None
    hits = index.search(
        query.terms,
        start=strict.start if strict else None,
        end=strict.end if strict else None,
        limit=_POOL,
        title_boost=_TITLE_BOOST,
    )
    if scope is not None and not scope.strict:
        # The pool is global; make sure the best passages of the named period compete too.
        hits += index.search(
            query.terms,
            start=scope.start,
            end=scope.end,
            limit=_POOL // 4,
            title_boost=_TITLE_BOOST,
        )
    ranked = _apply_date_prior(hits, query)
    if RERANK <= 0:
        return index.fetch(ranked[:limit])
    passages = index.fetch(ranked[:RERANK])
    return _rerank(passages, query, query_idf(index, query))[:limit]


def query_idf(index: PassageIndex, query: Query) -> dict[str, float]:
    """Inverse document frequency of each query term over passages."""
    total = max(index.passage_count, 1)
    return {t: math.log(1 + total / (1 + index.doc_freq(t))) for t in query.terms}


def _bigrams(tokens: list[str]) -> set[tuple[str, str]]:
    return set(itertools.pairwise(tokens))


def _rerank(passages: list[Passage], query: Query, idf: dict[str, float]) -> list[Passage]:
    """Reorder passages by BM25 plus how much of the question they cover, and its phrases."""
    total_idf = sum(idf.values()) or 1.0
    question_pairs = _bigrams(content_words(query.text))
    base = normalise([p.score for p in passages])
    rescored: list[Passage] = []
    for passage, b in zip(passages, base, strict=True):
        tokens = content_words(passage.text)
        present = set(tokens) | set(content_words(passage.title))
        cover = sum(w for t, w in idf.items() if t in present) / total_idf
        pairs = (
            len(question_pairs & _bigrams(tokens)) / len(question_pairs) if question_pairs else 0
        )
        score = b + W_COVER * cover + W_PHRASE * pairs
        rescored.append(dataclasses.replace(passage, score=score))
    return sorted(rescored, key=lambda p: -p.score)


def _apply_date_prior(hits: list[PassageHit], query: Query) -> list[PassageHit]:
    ref = day_number(query.ref_date)
    scope = query.scope
    half_life = _HALF_LIFE_DAYS
    if scope is not None and not scope.strict and scope.start and scope.end:
        ref = (day_number(scope.start) + day_number(scope.end)) // 2
        half_life = max(_SCOPED_HALF_LIFE_DAYS, (scope.end - scope.start).days / 2)
    best: dict[int, PassageHit] = {}
    for hit in hits:
        weight = (1 - _PRIOR_WEIGHT) + _PRIOR_WEIGHT * date_prior(
            hit.day - ref, half_life=half_life
        )
        adjusted = PassageHit(hit.score * weight, hit.day, hit.address)
        ident = hash((hit.address.segment_ord, hit.address.doc))
        if ident not in best or best[ident].score < adjusted.score:
            best[ident] = adjusted
    return sorted(best.values(), key=lambda h: -h.score)


def coverage(index: PassageIndex, query: Query, passages: list[Passage]) -> float:
    """Share of the query's IDF weight that the best passages contain (0 to 1)."""
    if not query.terms or not passages:
        return 0.0
    idf = query_idf(index, query)
    total = sum(idf.values())
    if not total:
        return 0.0
    best = 0.0
    for passage in passages:
        found = set(content_words(passage.text)) | set(content_words(passage.title))
        best = max(best, sum(w for t, w in idf.items() if t in found) / total)
    return best


@dataclass
class _Candidate:
    text: str
    passage: Passage
    passage_score: float
    tokens: list[str]
    previous: int | None  # index of the sentence before it in the same passage


def _candidates(passages: list[Passage]) -> list[_Candidate]:
    scores = normalise([p.score for p in passages])
    found: list[_Candidate] = []
    for passage, score in zip(passages, scores, strict=True):
        previous: int | None = None
        for sentence in split_sentences(passage.text):
            if sentence.endswith("?"):  # a question in an article does not answer one
                previous = None
                continue
            found.append(_Candidate(sentence, passage, score, content_words(sentence), previous))
            previous = len(found) - 1
    return found


def choose_sentences(query: Query, passages: list[Passage], k: int = 5) -> list[ScoredSentence]:
    """Rank the sentences of the best passages; near-duplicates are kept once."""
    candidates = _candidates(passages)
    if not candidates or not query.terms:
        return []
    bm25 = BM25Okapi([c.tokens or ["\x00"] for c in candidates])
    sentence_scores = normalise(list(bm25.get_scores(query.terms)))
    question_words = set(query.terms)
    question_names = informative_tokens(query.text) | set(words(query.text))
    facts = [informative_tokens(c.text) - question_names for c in candidates]
    agreement = _agreement(candidates, facts)
    scored: list[tuple[float, _Candidate]] = []
    for i, cand in enumerate(candidates):
        context = sentence_scores[cand.previous] if cand.previous is not None else 0.0
        score = (
            W_SENTENCE * sentence_scores[i]
            + W_PASSAGE * cand.passage_score
            + W_CONTEXT * context
            + W_AGREE * agreement[i]
        )
        if query.wants_fact:
            score *= 1.0 if facts[i] else FACT_PENALTY
        if query.wants_number:
            score *= 1.0 if any(_NUMBER.search(f) for f in facts[i]) else NUMBER_PENALTY
        score *= (1 - W_NOVELTY) + W_NOVELTY * novelty(cand.tokens, question_words)
        scored.append((score, cand))
    scored.sort(key=lambda pair: -pair[0])
    return _without_near_duplicates(scored, k)


def _agreement(candidates: list[_Candidate], facts: list[set[str]]) -> list[float]:
    """How strongly other articles among the best passages repeat a sentence's new names and
    numbers: facts several sources agree on are more likely the answer."""
    support: dict[str, dict[str, float]] = {}
    for cand, found in zip(candidates, facts, strict=True):
        for token in found:
            per_article = support.setdefault(token, {})
            key = cand.passage.key
            per_article[key] = max(per_article.get(key, 0.0), cand.passage_score)
    totals = {token: sum(per_article.values()) for token, per_article in support.items()}
    top = max(totals.values(), default=0.0) or 1.0
    return [max((totals[t] for t in found), default=0.0) / top for found in facts]


def _without_near_duplicates(
    scored: list[tuple[float, _Candidate]], k: int, threshold: float = 0.7
) -> list[ScoredSentence]:
    chosen: list[ScoredSentence] = []
    chosen_tokens: list[set[str]] = []
    for score, cand in scored:
        tokens = set(words(cand.text))
        if len(tokens) < 3:  # bylines, datelines and other fragments say nothing alone
            continue
        if any(jaccard(tokens, other) >= threshold for other in chosen_tokens):
            continue
        chosen.append(ScoredSentence(cand.text, cand.passage, round(score, 4)))
        chosen_tokens.append(tokens)
        if len(chosen) == k:
            break
    return chosen
