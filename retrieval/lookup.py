"""Article lookup (inline queries): BM25 over titles and passages, one result per article.

People type inline queries a character at a time and Telegram drops answers after about ten
seconds, so this path does little: an engine search, stored fields fetched only until the page's
articles are found, and a term-overlap choice of each article's best sentences (no sentence
model).

Paging: passages are ranked in fixed tiers (the best 100, then the next 300, ...), each tier
reordered by the date weight and placed after the tiers above it. A deeper page searches more
tiers, but the tiers it shares with a shallower page rank the same way, so every page of a query
continues the one before: no article twice, none skipped, until the matches run out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from .backend import Passage, PassageHit, SearchBackend
from .passages import collection_query, order_by_date_weight, own_language
from .question import Query
from .scoring import query_idf
from .tokenize import content_words

__all__ = ["ArticleHit", "lookup_articles", "related_articles"]

LOOKUP_TITLE_BOOST = 1.0  # a lookup names what an article is about: titles count fully
MAX_RESULTS = 200  # deeper pages are never read by people; bounds the cost of a page
# Passages ranked tier by tier (each reordered by the date weight): the first tier serves a
# typical first page; deeper pages add tiers until enough articles are found.
_TIERS = (100, 400, 1600, 6400)
_FETCH_BATCH = 32  # passages fetched at a time while looking for the page's articles
_PASSAGES_PER_ARTICLE = 4  # about how many matching passages an article has among the best
_SENTENCES = 3
_RELATED_TERMS = 6  # a conversation's heaviest terms known to the index, looked up
_SUBJECT_TERMS = 2  # its heaviest terms of all: a related article holds one of them
_RELATED_SHARE = 0.5  # and at least this share of the looked-up terms' weight


@dataclass(frozen=True)
class ArticleHit:
    """One article found by a lookup, with its best-matching sentences."""

    key: str
    title: str
    date: dt.date
    url: str
    source: str
    sentences: list[str] = field(default_factory=list)  # best-matching first
    score: float = 0.0

    @property
    def snippet(self) -> str:
        return self.sentences[0] if self.sentences else ""


def lookup_articles(
    index: SearchBackend,
    text: str,
    *,
    as_of: dt.date | None = None,
    limit: int = 20,
    offset: int = 0,
) -> list[ArticleHit]:
    """Articles matching ``text``, best first, ``limit`` from ``offset``, within the first
    ``MAX_RESULTS``; the newest articles when ``text`` has no words to search for. Time words
    filter ("june 2019") or prefer."""
    as_of = as_of or dt.date.today()
    offset = max(0, offset)
    limit = min(limit, MAX_RESULTS - offset)
    if limit <= 0:
        return []
    query = collection_query(index, text, as_of)
    if not query.terms:
        return _recent(index, query, limit, offset)
    return _lookup(index, query, limit, offset)


def related_articles(
    index: SearchBackend, texts: list[str], *, as_of: dt.date | None = None, limit: int = 3
) -> list[ArticleHit]:
    """Articles clearly about what a set of texts (a conversation) keeps mentioning.

    The conversation's terms weigh by how often they are said times how rare they are in the
    index (a word the index lacks is the rarest). An article is related only when it holds
    one of the conversation's two heaviest terms (its subject, known to the index or not),
    at least two of its six heaviest known terms, and at least half of their weight: a chat
    about a cooking series shot in Texas shares "series" and "Texas" with a World Series
    report, yet is not about it.
    """
    counts = Counter(t for text in texts for t in set(content_words(text)))
    idf = query_idf(index, list(counts))
    weight = {term: counts[term] * idf[term] for term in counts}
    heaviest = sorted(weight, key=lambda t: (-weight[t], t))
    subject = set(heaviest[:_SUBJECT_TERMS])
    terms = [t for t in heaviest if index.doc_freq(t) > 0][:_RELATED_TERMS]
    if len(terms) < 2:
        return []
    query = Query(
        text=" ".join(terms),
        terms=terms,
        ref_date=as_of or dt.date.today(),
        scope=None,
        wants_fact=False,
        wants_number=False,
    )
    total = sum(weight[t] for t in terms)
    found = []
    for hit in _lookup(index, query, limit * 3, 0):
        words = {t for sentence in hit.sentences for t in content_words(sentence)}
        words |= set(content_words(hit.title))
        shared = words & set(terms)
        if (
            words & subject
            and len(shared) >= 2
            and sum(weight[t] for t in shared) >= _RELATED_SHARE * total
        ):
            found.append(hit)
        if len(found) == limit:
            break
    return found


def _lookup(index: SearchBackend, query: Query, limit: int, offset: int) -> list[ArticleHit]:
    articles = _ranked_articles(index, query, offset + limit)
    return [_hit(passages, query) for passages in articles[offset : offset + limit]]


def _ranked_articles(index: SearchBackend, query: Query, wanted: int) -> list[list[Passage]]:
    """The first ``wanted`` articles in tier order, each with its passages met on the way."""
    grouped: dict[str, list[Passage]] = {}
    for hits in _tiers(index, query, wanted):
        for start in range(0, len(hits), _FETCH_BATCH):
            for passage in index.fetch(hits[start : start + _FETCH_BATCH]):
                if passage.key in grouped or len(grouped) < wanted:
                    grouped.setdefault(passage.key, []).append(passage)
            if len(grouped) >= wanted:
                return list(grouped.values())
    return list(grouped.values())


def _tiers(index: SearchBackend, query: Query, wanted: int) -> Iterator[list[PassageHit]]:
    """Each tier's hits, reordered by the date weight, best tier first, until no more match."""
    strict = query.scope if query.scope is not None and query.scope.strict else None
    # A deep page starts by searching the tier that likely holds it: one search, not several.
    likely = wanted * _PASSAGES_PER_ARTICLE
    searched = [t for t in _TIERS if t >= likely] or [_TIERS[-1]]
    bounds = [0, *_TIERS]
    done = 0  # tiers already yielded
    for limit in searched:
        hits = index.search(
            query.terms,
            start=strict.start if strict else None,
            end=strict.end if strict else None,
            limit=limit,
            title_boost=LOOKUP_TITLE_BOOST,
            phrases=query.phrases,
            language=own_language(index, query),
        )
        # The engine's top ``limit`` begins with the hits of the tiers already yielded.
        while done < len(_TIERS) and bounds[done + 1] <= limit:
            yield order_by_date_weight(hits[bounds[done] : bounds[done + 1]], query)
            done += 1
        if len(hits) < limit:  # every match is ranked
            return


def _recent(index: SearchBackend, query: Query, limit: int, offset: int) -> list[ArticleHit]:
    scope = query.scope
    leads = index.recent_articles(
        limit=limit,
        offset=offset,
        start=scope.start if scope is not None else None,
        end=scope.end if scope is not None else None,
    )
    return [
        ArticleHit(p.key, p.title, p.date, p.url, p.source, p.sentences[:_SENTENCES]) for p in leads
    ]


def _hit(passages: list[Passage], query: Query) -> ArticleHit:
    """An article from its matching passages: the sentences sharing most of the query terms."""
    terms = set(query.terms)
    scored: list[tuple[float, int, str]] = []
    for passage in passages:
        stems = passage.stems if len(passage.stems) == len(passage.sentences) else None
        for i, sentence in enumerate(passage.sentences):
            tokens = set(stems[i]) if stems else set(content_words(sentence))
            overlap = len(terms & tokens)
            # Ties go to the earlier sentence: leads and first mentions explain best.
            scored.append((overlap, -len(scored), sentence))
    scored.sort(reverse=True)
    first = passages[0]
    return ArticleHit(
        key=first.key,
        title=first.title,
        date=first.date,
        url=first.url,
        source=first.source,
        sentences=[sentence for _, _, sentence in scored[:_SENTENCES]],
        score=round(max(p.score for p in passages), 4),
    )
