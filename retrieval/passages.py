"""Stage one: the search engine ranks passages by BM25; the reference date reorders the pool."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field

import numpy as np

from . import languages
from .backend import DateRange, Passage, PassageHit, SearchBackend, SearchRequest, day_number
from .names import name_phrases, phrase_first
from .question import Query, build_query
from .scoring import date_prior

__all__ = [
    "Recall",
    "collection_query",
    "date_weight",
    "date_weights",
    "order_by_date_weight",
    "rank_passages",
    "reference_window",
    "search_request",
]

POOL = 100  # passages scored by the engine before the date prior reorders them
PASSAGES = 20  # passages whose sentences compete
TITLE_BOOST = 0.0  # title matches: no better answers in the benchmark, 15% slower
HALF_LIFE_DAYS = 30.0  # the reference date as a soft prior
SCOPED_HALF_LIFE_DAYS = 6.0  # "this week", "last month": a stronger preference
PRIOR_WEIGHT = 0.8  # share of a passage's score that depends on its date
FUTURE_PENALTY = 2.0  # news follows events: later articles fade twice as fast as earlier ones


def reference_window(query: Query) -> tuple[int, float]:
    """The day news is expected near (as a day number), and how fast interest fades."""
    scope = query.scope
    if scope is not None and not scope.strict and scope.start and scope.end:
        middle = (day_number(scope.start) + day_number(scope.end)) // 2
        return middle, max(SCOPED_HALF_LIFE_DAYS, (scope.end - scope.start).days / 2)
    return day_number(query.ref_date), HALF_LIFE_DAYS


def date_weights(days: np.ndarray, query: Query) -> np.ndarray:
    """How much passages dated ``days`` (day numbers) keep of their scores: 1 near the
    reference day."""
    centre, half_life = reference_window(query)
    prior = date_prior(days - centre, half_life=half_life, future_penalty=FUTURE_PENALTY)
    return (1 - PRIOR_WEIGHT) + PRIOR_WEIGHT * prior


def date_weight(day: int, query: Query) -> float:
    """The date weight of one passage dated ``day``."""
    return float(date_weights(np.array([day], dtype=np.float64), query)[0])


def collection_query(index: SearchBackend, text: str, as_of: dt.date, *, asker: str = "") -> Query:
    """``text`` prepared for search in this collection: a question too short to tell its
    language takes the asker's (when the collection has it) or the collection's main one,
    and detection knows which languages the collection holds; its names of several words are
    those it capitalises, or (written in lower case) those the collection writes as names."""
    counts = index.language_counts()
    main = next(iter(counts), "") or languages.DEFAULT
    asker = languages.normalize(asker)
    query = build_query(
        text,
        as_of,
        doc_freq=index.doc_freq,
        fallback_language=asker if asker in counts else main,
        collection_languages=counts,
    )
    if len(query.terms) < 2:
        return query
    return dataclasses.replace(query, names=name_phrases(query.text, query.language, index))


def own_language(index: SearchBackend, query: Query) -> str | None:
    """The language filter for a question: its own language in a collection of several that
    holds it; None (no filter) in a one-language collection, one without the question's, or
    when the question is too short to tell its language ("S-400", "Guadalquivir")."""
    if not query.language_sure:
        return None
    counts = index.language_counts()
    return query.language if len(counts) > 1 and query.language in counts else None


def search_request(
    query: Query,
    limit: int,
    title_boost: float,
    language: str | None = None,
    dates: DateRange | None = None,
) -> SearchRequest:
    """The engine search for a query's terms and phrases, dated within ``dates``: by default
    the dates its time words filter by ("in June 2019"; "last week" only prefers, so none)."""
    if dates is None:
        scope = query.scope
        strict = scope is not None and scope.strict
        dates = DateRange(scope.start, scope.end) if scope is not None and strict else DateRange()
    return SearchRequest(query.terms, dates, limit, title_boost, query.phrases, language)


@dataclass
class Recall:
    """What one answer has searched for and read: when it searches again (the closest dates
    search the question without its period, which asks the engine for the same passages as
    the search with it did), the same search is not run again, nor a passage read again."""

    hits: dict[Hashable, tuple[list[PassageHit], int]] = field(default_factory=dict)
    passages: dict[tuple[Hashable, float], Passage] = field(default_factory=dict)


def rank_passages(
    index: SearchBackend,
    query: Query,
    limit: int = PASSAGES,
    language: str | None = None,
    recall: Recall | None = None,
) -> list[Passage]:
    """BM25 passages for the query, reordered by closeness to the reference date.

    Explicit dates ("in June 2019") filter; relative ones ("last week") and the reference date
    only prefer, since articles are often dated after the events they report. ``language``:
    only articles in that language. Passages holding one of the query's names come first.
    """
    if not query.terms:
        return []
    hits, held = _phrase_first(
        index, search_request(query, POOL, TITLE_BOOST, language), query.names, recall
    )
    named, others = hits[:held], hits[held:]
    scope = query.scope
    if scope is not None and not scope.strict:
        # The pool is global; make sure the best passages of the named period compete too.
        period = DateRange(scope.start, scope.end)
        request = search_request(query, POOL // 4, TITLE_BOOST, language, period)
        more, held = _phrase_first(index, request, query.names, recall)
        named, others = named + more[:held], others + more[held:]
    if not named:
        return _fetch(index, order_by_date_weight(others, query)[:limit], recall)
    return _articles_with_names_first(index, query, named, others, limit, recall)


def _phrase_first(
    index: SearchBackend,
    request: SearchRequest,
    names: Sequence[Sequence[str]],
    recall: Recall | None,
) -> tuple[list[PassageHit], int]:
    """``names.phrase_first``, once per answer for the same request."""
    if recall is None:
        return phrase_first(index, request, names)
    key = (
        tuple(request.terms),
        request.dates,
        request.limit,
        request.title_boost,
        tuple(map(tuple, request.phrases)),
        request.language,
        tuple(map(tuple, request.required)),
        tuple(map(tuple, names)),
    )
    found = recall.hits.get(key)
    if found is None:
        found = recall.hits[key] = phrase_first(index, request, names)
    return list(found[0]), found[1]


def _fetch(index: SearchBackend, hits: list[PassageHit], recall: Recall | None) -> list[Passage]:
    """``index.fetch(hits)``, each passage read once per answer."""
    if recall is None:
        return index.fetch(hits)
    known = recall.passages
    missing = [hit for hit in hits if (hit.ref, hit.score) not in known]
    if missing:
        fetched = index.fetch(missing)
        if len(fetched) != len(missing):  # a passage gone since the search: read them all
            return index.fetch(hits)
        for hit, passage in zip(missing, fetched, strict=True):
            known[hit.ref, hit.score] = passage
    return [known[hit.ref, hit.score] for hit in hits]


def _articles_with_names_first(
    index: SearchBackend,
    query: Query,
    named: list[PassageHit],
    others: list[PassageHit],
    limit: int,
    recall: Recall | None = None,
) -> list[Passage]:
    """The best ``limit`` passages, those of articles holding one of the query's names first
    ("Damar Hamlin" before "Denny Hamlin"), each part by BM25 and date. A name counts for its
    whole article: after "Elon Musk" its passages say "Musk". Read: the best passages holding
    a name and the best of all, so twice ``limit`` passages at most."""
    plain = order_by_date_weight(named + others, query)
    best = [*order_by_date_weight(named, query)[:limit], *plain[:limit]]
    wanted = list({hit.ref: hit for hit in best}.values())
    passages = _fetch(index, wanted, recall)
    if len(passages) != len(wanted):  # a passage gone since the search (a cluster's delete)
        return passages[:limit]
    found = {hit.ref: passage for hit, passage in zip(wanted, passages, strict=True)}
    holding = {hit.ref for hit in named}
    keys = {passage.key for ref, passage in found.items() if ref in holding}
    ranked = [found[hit.ref] for hit in plain if hit.ref in found]
    first = [p for p in ranked if p.key in keys]
    return (first + [p for p in ranked if p.key not in keys])[:limit]


def order_by_date_weight(hits: list[PassageHit], query: Query) -> list[PassageHit]:
    """Hits ordered by BM25 times the date weight; each passage once. Scores stay raw BM25."""
    if not hits:
        return []
    days = np.array([hit.day for hit in hits], dtype=np.float64)
    weighted = np.array([hit.score for hit in hits]) * date_weights(days, query)
    seen: set[Hashable] = set()
    ordered = []
    for i in np.argsort(-weighted, kind="stable"):
        hit = hits[i]
        if hit.ref not in seen:  # the scoped search can find a passage the global one found
            seen.add(hit.ref)
            ordered.append(hit)
    return ordered
