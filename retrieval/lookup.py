"""Article lookup (inline queries): BM25 over titles and passages, one result per article.

People type inline queries a character at a time and Telegram drops answers after about ten
seconds, so this path does little: an engine search, stored fields fetched only until the page's
articles are found, and a term-overlap choice of each article's best sentences (no sentence
model).

Paging: passages are ranked in fixed tiers (the best 100, then the next 300, ...), each tier
reordered by the date weight and placed after the tiers above it. A deeper page searches more
tiers, but the tiers it shares with a shallower page rank the same way, so every page of a query
continues the one before: no article twice, none skipped, until the matches run out.

A `LookupCache` keeps each recent query's reading (its `_Scroll`): the next page resumes it,
fetching only the passages past the page before, instead of searching and grouping again.

A name of several words ("damar hamlin") is searched as a phrase first (``names``): articles
holding only one of its words come after every article holding the name. When nothing in the
query's language matches in a collection of several languages (or the collection has none of
it, or the query is a word too short to tell its language), the query is carried into the
other languages (``crossing``) and the articles found there are marked ``other_language``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from collections import Counter, OrderedDict
from collections.abc import Hashable
from dataclasses import dataclass, field

from .backend import DateRange, Passage, PassageHit, RecentRequest, SearchBackend
from .centrality import facts_in
from .crossing import cross_query, holding, source_languages
from .names import name_phrases, phrase_first
from .passages import collection_query, order_by_date_weight, own_language, search_request
from .question import MAX_QUERY_TERMS, Query
from .scoring import query_idf
from .tokenize import content_words

__all__ = ["ArticleHit", "LookupCache", "lookup_articles", "related_articles"]

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
_RARE_SHARE = 0.005  # a word in at most this share of the passages is rare: part of a topic


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
    language: str = ""  # the article's
    # Found by carrying the query into another language than its own (nothing in its own
    # language matched): shown labelled with its language.
    other_language: bool = False

    @classmethod
    def of(
        cls, passage: Passage, sentences: list[str], score: float = 0.0, *, other: bool = False
    ) -> ArticleHit:
        """The article of ``passage``, shown by ``sentences``."""
        return cls(
            passage.key,
            passage.title,
            passage.date,
            passage.url,
            passage.source,
            sentences,
            score,
            passage.language,
            other,
        )

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
    cache: LookupCache | None = None,
    language: str = "",
) -> list[ArticleHit]:
    """Articles matching ``text``, best first, ``limit`` from ``offset``, within the first
    ``MAX_RESULTS``; the newest articles when ``text`` has no words to search for. Time words
    filter ("june 2019") or prefer. With a ``cache``, a deeper page continues the reading of
    the page before (same articles in the same order as without one). ``language``: the
    asker's, for a query too short to tell its own."""
    as_of = as_of or dt.date.today()
    offset = max(0, offset)
    limit = min(limit, MAX_RESULTS - offset)
    if limit <= 0:
        return []
    query = collection_query(index, text, as_of, asker=language)
    if not query.terms:
        return _recent(index, query, limit, offset)
    key = (text, as_of, language, index.generation)
    counts = index.language_counts()
    # Written in a language the collection lacks (or, too short to tell, in words only such a
    # language's lexicon knows: "copa del mundo"): carried across first.
    sources = source_languages(query, language)
    lacking = bool(counts) and bool(sources) and not set(sources) & set(counts)
    own = _Search(query, own_language(index, query), query.names)
    if not lacking:
        hits = _lookup(index, own, limit, offset, cache=cache, key=key)
        if hits or (len(counts) < 2 and query.language_sure):
            return hits
        if offset and _lookup(index, own, 1, 0, cache=cache, key=key):
            return []  # past the last page of its own language's articles
    crossed = _crossed(index, query, counts, language)
    if crossed is None:
        return _lookup(index, own, limit, offset, cache=cache, key=key) if lacking else []
    return _lookup(index, crossed, limit, offset, cache=cache, key=(*key[:-1], "x", key[-1]))


def _crossed(
    index: SearchBackend, query: Query, counts: dict[str, int], asker: str
) -> _Search | None:
    """The query carried into the collection's other languages, as one search over them all
    (each language's words match its own articles); None when nothing carries across."""
    carried: list[Query] = []
    for source in source_languages(query, asker):
        for target in counts:
            if target != source:
                crossed = cross_query(query, target, holding(index, target), source=source)
                if crossed is not None:
                    carried.append(crossed)
        if carried:
            break
    if not carried:
        return None
    terms = list(dict.fromkeys(t for q in carried for t in q.terms))[:MAX_QUERY_TERMS]
    phrases = tuple(dict.fromkeys(p for q in carried for p in q.phrases))
    first = carried[0]
    union = dataclasses.replace(first, terms=terms, phrases=phrases[:4])
    only = first.language if len({q.language for q in carried}) == 1 else None
    return _Search(union, only, name_phrases(first.text, first.language, index), other=True)


def related_articles(
    index: SearchBackend, texts: list[str], *, as_of: dt.date | None = None, limit: int = 3
) -> list[ArticleHit]:
    """Articles clearly about what a set of texts (a conversation) keeps mentioning.

    The conversation's terms weigh by how often they are said times how rare they are in the
    index (a word the index lacks is the rarest). Its topic is its names (words it writes
    capitalised inside a sentence) and its rare words (in at most ``_RARE_SHARE`` of the
    passages). An article is related only when it holds one of the conversation's two heaviest
    terms (its subject, known to the index or not), at least two of its topic terms among the
    ones looked up (its six heaviest known terms, and its names), one of them a name when the
    conversation names anything the index knows, and at least half of the looked-up weight: a
    chat about a cooking series shot in Texas shares "series" and "Texas" with a World Series
    report, a city council's stadium vote shares "council" and "vote" with a council race, yet
    neither is about it.
    """
    counts = Counter(t for text in texts for t in set(content_words(text)))
    idf = query_idf(index, list(counts))
    weight = {term: counts[term] * idf[term] for term in counts}
    heaviest = sorted(weight, key=lambda t: (-weight[t], t))
    subject = set(heaviest[:_SUBJECT_TERMS])
    known = [t for t in heaviest if index.doc_freq(t) > 0]
    names = {
        stem for text in texts for word in facts_in(text) for stem in content_words(word)
    } & set(known)
    terms = known[:_RELATED_TERMS]
    terms += [t for t in known if t in names and t not in terms][:_RELATED_TERMS]
    if len(terms) < 2:
        return []
    rare = max(1.0, _RARE_SHARE * index.passage_count)
    topic = names | {t for t in terms if index.doc_freq(t) <= rare}
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
    for hit in _lookup(index, _Search(query, own_language(index, query)), limit * 3, 0):
        words = {t for sentence in hit.sentences for t in content_words(sentence)}
        words |= set(content_words(hit.title))
        shared = words & set(terms)
        if (
            words & subject
            and len(shared & topic) >= 2
            and (not names or shared & names)
            and sum(weight[t] for t in shared) >= _RELATED_SHARE * total
        ):
            found.append(hit)
        if len(found) == limit:
            break
    return found


@dataclass(frozen=True)
class _Search:
    """What a lookup reads: the query, the language its articles must be in (None: any), the
    names it searches as phrases first, and whether it was carried into other languages."""

    query: Query
    language: str | None
    names: tuple[tuple[str, ...], ...] = ()
    other: bool = False


def _lookup(
    index: SearchBackend,
    search: _Search,
    limit: int,
    offset: int,
    *,
    cache: LookupCache | None = None,
    key: Hashable = None,
) -> list[ArticleHit]:
    scroll = cache.take(key) if cache is not None else None
    scroll = scroll or _Scroll()
    _read_until(index, search, scroll, offset + limit)
    articles = list(scroll.articles.values())[offset : offset + limit]
    if cache is not None:
        cache.keep(key, scroll)
    return [_hit(passages, search.query, other=search.other) for passages in articles]


@dataclass
class _Scroll:
    """How far one query's ranking has been read: the articles found so far (in tier order,
    each with its passages met on the way), the rest of the current tier not yet fetched, and
    the engine's ranking kept past it. A deeper page resumes here instead of starting over."""

    articles: dict[str, list[Passage]] = field(default_factory=dict)
    pending: list[PassageHit] = field(default_factory=list)  # the current tier, unfetched
    ranked: list[PassageHit] = field(default_factory=list)  # the engine's hits past the tier
    tiers: int = 0  # tiers taken so far
    searched: int = 0  # how deep the engine's ranking is known (its ``limit``)
    complete: bool = False  # every match is ranked: no deeper search finds more
    named: set[Hashable] = field(default_factory=set)  # hits that hold one of the names

    @property
    def weight(self) -> int:
        """What it holds, in passages: a passage with its text and stems outweighs about
        ten bare hits (a score, a day and a handle)."""
        passages = sum(len(p) for p in self.articles.values())
        return passages + (len(self.pending) + len(self.ranked)) // 10


def _read_until(index: SearchBackend, search: _Search, scroll: _Scroll, wanted: int) -> None:
    """Fetch ranked passages until ``wanted`` articles are found or the matches run out."""
    while len(scroll.articles) < wanted:
        if not scroll.pending and not _next_tier(index, search, scroll, wanted):
            return
        batch, scroll.pending = scroll.pending[:_FETCH_BATCH], scroll.pending[_FETCH_BATCH:]
        # The whole batch counts, whatever page asked: pages read in one go or resumed
        # group the same passages the same way.
        for passage in index.fetch(batch):
            scroll.articles.setdefault(passage.key, []).append(passage)


def _next_tier(index: SearchBackend, search: _Search, scroll: _Scroll, wanted: int) -> bool:
    """Move the next tier, reordered by the date weight (the name matches first), into
    ``pending``; False at the end."""
    bounds = [0, *_TIERS]
    while scroll.tiers < len(_TIERS):
        size = bounds[scroll.tiers + 1] - bounds[scroll.tiers]
        if len(scroll.ranked) >= size or scroll.complete:
            tier, scroll.ranked = scroll.ranked[:size], scroll.ranked[size:]
            scroll.tiers += 1
            if not tier:
                return False
            named = [hit for hit in tier if hit.ref in scroll.named]
            others = [hit for hit in tier if hit.ref not in scroll.named]
            scroll.pending = order_by_date_weight(named, search.query) + order_by_date_weight(
                others, search.query
            )
            return True
        # A deep page searches the tier that likely holds it at once: one search, not several.
        likely = wanted * _PASSAGES_PER_ARTICLE
        limit = next((t for t in _TIERS if t >= likely and t > scroll.searched), None)
        limit = limit or next(t for t in _TIERS if t > scroll.searched)
        hits, held = phrase_first(
            index,
            search_request(search.query, limit, LOOKUP_TITLE_BOOST, search.language),
            search.names,
        )
        scroll.named |= {hit.ref for hit in hits[:held]}
        # The engine's top ``limit`` begins with the hits of the tiers already taken.
        scroll.ranked = hits[bounds[scroll.tiers] :]
        scroll.searched = limit
        scroll.complete = len(hits) < limit or limit == _TIERS[-1]
    return False


class LookupCache:
    """Recent queries' scrolls, so that a deeper inline page continues where the page before
    stopped instead of searching and fetching everything again.

    Keyed by the query text, its as-of day and the index's generation: a commit changes the
    generation, so no page is served from before it (and older scrolls are dropped at once).
    Bounded by ``max_entries`` and by ``max_weight`` passages held in all (least recently
    used first out); one scroll holds at most about ``4 x MAX_RESULTS`` passages.
    """

    def __init__(self, max_entries: int = 64, max_weight: int = 6000) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._scrolls: OrderedDict[Hashable, tuple[_Scroll, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._scrolls)

    @property
    def weight(self) -> int:
        return self._weight

    def take(self, key: Hashable) -> _Scroll | None:
        """The scroll kept for ``key``, removed while a page reads it (threads never share one)."""
        with self._lock:
            kept = self._scrolls.pop(key, None)
            if kept is None:
                return None
            self._weight -= kept[1]
            return kept[0]

    def keep(self, key: Hashable, scroll: _Scroll) -> None:
        weight = scroll.weight
        with self._lock:
            old = self._scrolls.pop(key, None)
            if old is not None:
                self._weight -= old[1]
            generation = key[-1] if isinstance(key, tuple) and key else None
            for stale in [k for k in self._scrolls if _older(k, generation)]:
                self._weight -= self._scrolls.pop(stale)[1]
            if weight > self.max_weight:
                return
            self._scrolls[key] = (scroll, weight)
            self._weight += weight
            while len(self._scrolls) > self.max_entries or self._weight > self.max_weight:
                self._weight -= self._scrolls.popitem(last=False)[1][1]


def _older(key: Hashable, generation: object) -> bool:
    """A key made before the index's current generation (keys end with it)."""
    if not isinstance(generation, int) or not isinstance(key, tuple) or not key:
        return False
    mine = key[-1]
    return isinstance(mine, int) and mine < generation


def _recent(index: SearchBackend, query: Query, limit: int, offset: int) -> list[ArticleHit]:
    scope = query.scope
    dates = DateRange(scope.start, scope.end) if scope is not None else DateRange()
    leads = index.recent_articles(RecentRequest(limit, offset, dates))
    return [ArticleHit.of(p, p.sentences[:_SENTENCES]) for p in leads]


def _hit(passages: list[Passage], query: Query, *, other: bool = False) -> ArticleHit:
    """An article from its matching passages: the sentences sharing most of the query terms
    (``other``: found in another language than the query's)."""
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
    best = [sentence for _, _, sentence in scored[:_SENTENCES]]
    score = round(max(p.score for p in passages), 4)
    return ArticleHit.of(passages[0], best, score=score, other=other)
