"""What is known about each candidate sentence, as a row of numbers for the sentence model.

Each feature is a small function of the question, the sentence, its passage or its article;
``feature_matrix`` puts them together. The weights that combine them live in ``sentences.py``.
"""

from __future__ import annotations

import functools
import itertools
import math
import operator
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .backend import Passage, day_number
from .fact_features import FACT_FEATURES, fact_columns
from .facts import Fact
from .passages import date_weights, reference_window
from .question import Query
from .scoring import CAPITAL, informative_tokens, normalise, novelty, support
from .tokenize import content_words, words

__all__ = [
    "BASE_FEATURES",
    "FEATURES",
    "Candidate",
    "feature_matrix",
    "is_link_line",
    "new_facts",
    "weight_share",
    "weight_shares",
]

BASE_FEATURES = (
    "bm25",  # the sentence's BM25 among the candidates, relative to the best
    "passage_bm25",  # its passage's engine BM25, relative to the best
    "passage_rank",  # 1 / (1 + rank) of the passage after the date prior
    "date",  # the date weight of its article
    "context",  # BM25 of the sentence before it: the fact often follows the match
    "coverage",  # share of the question's IDF weight in the sentence
    "passage_coverage",  # ... in its passage and title
    "title_coverage",  # ... in its article's title
    "phrase",  # share of the question's word pairs found in the sentence
    "novelty",  # share of its words the question does not have
    "new_fact",  # a wh-question, and the sentence names someone or something new
    "new_number",  # a how-many question, and the sentence has a new figure
    "agreement",  # other articles repeat its new names and numbers
    "lead",  # from the first paragraph of its article
    "short",  # fewer than six words: bylines, captions, fragments
    "typed_fact",  # adds what the question's form asks for: a person, place, time or figure
    "vote",  # its new names and numbers recur in the best-matching, best-dated sentences
    "date_near",  # its article is within a week of the reference day
    "first",  # the first sentence of its passage
    "focus",  # share of the IDF weight of the question's last clause (what is asked) it has
    "link_line",  # looks like a cross-link or teaser ("Related: ...", "►More: ...")
    "article_coverage",  # share of the question's IDF weight in its article's pooled passages
)
FEATURES = BASE_FEATURES + FACT_FEATURES  # and what it states beyond the question (fact_features)

_NUMBER = re.compile(r"\d")
_NAME = re.compile(rf"\b{CAPITAL}[\w'’.-]*(?:\s+{CAPITAL}[\w'’.-]*)+")
_TIME = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d|"
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|\b(?:1[89]|20)\d\d\b"
)
# A sentence may open with a quotation mark of any language («Мы…», „Wir…“, ¿Qué…?).
_LINK_LINE = re.compile(
    r"^[^\w\"“‘'(«»„‚‹›¿¡]|^[\w' ]{1,40}:\S|^(?:read|watch|more|related|see)\b.{0,40}:",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_CLAUSES = re.compile(r"(?<=[.!?:;])\s+")
_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may "
    "june july august september october november december jan feb mar apr jun jul aug sep sept "
    "oct nov dec".split()
)
_NEAR_DAYS = 7


@dataclass
class Candidate:
    """A sentence of a ranked passage."""

    text: str
    passage: int  # index into the ranked passages
    tokens: list[str]  # stemmed content words
    previous: int | None  # the candidate before it in the same passage
    facts: list[Fact] = field(default_factory=list)  # what it states (``facts.py``)


# -- small pure formulas --------------------------------------------------------------------


def weight_share(found: set[str], idf: dict[str, float], total: float) -> float:
    """Share of the question's IDF weight whose terms are in ``found``."""
    return sum(w for t, w in idf.items() if t in found) / total if total else 0.0


def weight_shares(found: Sequence[set[str]], idf: dict[str, float], total: float) -> np.ndarray:
    """``weight_share`` of each set at once: the weights added term by term in the same
    order, so each share is the same number."""
    if not total:
        return np.zeros(len(found))
    shares = np.zeros(len(found))
    for term, weight in idf.items():
        shares += np.fromiter((term in words for words in found), bool, len(found)) * weight
    return shares / total


def sentence_bm25(
    documents: Sequence[Sequence[str]],
    terms: Sequence[str],
    k1: float = 1.5,
    b: float = 0.75,
    epsilon: float = 0.25,
) -> np.ndarray:
    """rank-bm25's ``BM25Okapi(documents).get_scores(terms)``: the same formula, idf and floor
    (a term in more than half the documents weighs ``epsilon`` times the average idf), without
    building its index of every word (a tenth of the answer path's CPU)."""
    # Document frequencies, words in the order rank-bm25 meets them (each document's words in
    # order, once each), so that its average idf is added up in the same order.
    df = Counter(itertools.chain.from_iterable(map(dict.fromkeys, documents)))
    n = len(documents)
    # A word's idf depends only on its document frequency: each frequency's logarithms once.
    by_frequency = {f: math.log(n - f + 0.5) - math.log(f + 0.5) for f in set(df.values())}
    # Added in order, one by one, as rank-bm25 does: the same average.
    idf_sum = functools.reduce(operator.add, map(by_frequency.__getitem__, df.values()), 0.0)
    floor = epsilon * idf_sum / len(df) if df else 0.0
    lengths = np.array([len(document) for document in documents])
    norm = k1 * (1 - b + b * lengths / (sum(map(len, documents)) / n))
    scores = np.zeros(n)
    for term in terms:
        weight = by_frequency[df[term]] if term in df else 0.0
        weight = floor if weight < 0 else weight
        tf = np.array([document.count(term) for document in documents])
        scores += weight * (tf * (k1 + 1) / (tf + norm))
    return scores


def pair_share(tokens: Sequence[str], question_pairs: set[tuple[str, str]]) -> float:
    """Share of the question's adjacent word pairs that the sentence has too."""
    if not question_pairs:
        return 0.0
    return len(question_pairs & set(itertools.pairwise(tokens))) / len(question_pairs)


def new_facts(text: str, question_names: set[str], wants: str) -> set[str]:
    """Names and numbers in the sentence that the question does not have."""
    found = informative_tokens(text) - question_names
    if wants != "time":  # weekdays and months are in every news story
        found -= _CALENDAR
    return found


def typed_fact(wants: str, text: str, facts: set[str], question_words: set[str]) -> bool:
    """Whether a sentence adds the kind of thing the question asks for."""
    if not wants or not facts:
        return False
    if wants == "number":
        return any(_NUMBER.search(f) for f in facts)
    if wants == "time":
        return any(m.group(0).lower() not in question_words for m in _TIME.finditer(text))
    if wants == "person":
        return any(
            not set(m.group(0).lower().split()) <= question_words for m in _NAME.finditer(text)
        )
    return any(not t[0].isdigit() for t in facts)  # a place: a new capitalised name


def is_link_line(text: str) -> bool:
    """Cross-links, teasers and headlines pasted into article text: not sentences to quote."""
    return bool(_LINK_LINE.search(text)) or not _SENTENCE_END.search(text)


def focus_terms(question: str, language: str = "en") -> set[str]:
    """The content words of the question's last clause: what is actually asked."""
    return set(content_words(_CLAUSES.split(question.rstrip(" ?.!:؟"))[-1], language))


# -- the matrix -----------------------------------------------------------------------------


def _passage_columns(
    query: Query,
    passages: list[Passage],
    passage_words: list[set[str]],
    title_words: list[set[str]],
    idf: dict[str, float],
) -> np.ndarray:
    """Per passage: BM25, date weight, coverage (passage, title, article), lead, near."""
    total = sum(idf.values())
    centre = reference_window(query)[0]
    article_words: dict[str, set[str]] = {}
    for passage, found, title in zip(passages, passage_words, title_words, strict=True):
        words = article_words.get(passage.key)
        if words is None:  # an article's title words copied once, not once per passage
            words = article_words[passage.key] = set(title)
        words.update(found)
    covers = weight_shares(list(article_words.values()), idf, total).tolist()
    article_cover = dict(zip(article_words, covers, strict=True))
    days = [day_number(passage.date) for passage in passages]
    columns = np.zeros((len(passages), 7))
    columns[:, 0] = normalise([p.score for p in passages])
    columns[:, 1] = date_weights(np.array(days, dtype=np.float64), query)
    columns[:, 2] = weight_shares(
        [found | title for found, title in zip(passage_words, title_words, strict=True)],
        idf,
        total,
    )
    columns[:, 3] = weight_shares(title_words, idf, total)
    columns[:, 4] = [article_cover[passage.key] for passage in passages]
    columns[:, 5] = [passage.position == 0 for passage in passages]
    columns[:, 6] = [abs(day - centre) <= _NEAR_DAYS for day in days]
    return columns


def feature_matrix(
    query: Query,
    passages: list[Passage],
    candidates: list[Candidate],
    passage_words: list[set[str]],
    title_words: list[set[str]],
    idf: dict[str, float],
    title_facts: list[list[Fact]] | None = None,
) -> tuple[np.ndarray, list[set[str]]]:
    """One row per candidate (columns as ``FEATURES``), and each candidate's new facts."""
    rows = np.zeros((len(candidates), len(FEATURES)))
    if not candidates or not query.terms:
        return rows, [set() for _ in candidates]
    bm25 = sentence_bm25([c.tokens or ["\x00"] for c in candidates], query.terms)
    sentence = np.array(normalise(list(bm25)))
    per_passage = _passage_columns(query, passages, passage_words, title_words, idf)
    p_index = np.array([c.passage for c in candidates])
    p_cols = per_passage[p_index]

    question_names = informative_tokens(query.text) | set(words(query.text, query.language))
    facts = [new_facts(c.text, question_names, query.wants) for c in candidates]
    keys = [passages[c.passage].key for c in candidates]
    relevance = sentence * p_cols[:, 1]
    total = sum(idf.values())
    focus = focus_terms(query.text, query.language)
    focus_idf = {t: w for t, w in idf.items() if t in focus}
    focus_total = sum(focus_idf.values())
    question_words = set(query.terms)
    question_pairs = set(itertools.pairwise(content_words(query.text, query.language)))

    column = {name: i for i, name in enumerate(FEATURES)}
    rows[:, column["bm25"]] = sentence
    rows[:, column["passage_bm25"]] = p_cols[:, 0]
    rows[:, column["passage_rank"]] = 1.0 / (1.0 + p_index)
    rows[:, column["date"]] = p_cols[:, 1]
    rows[:, column["passage_coverage"]] = p_cols[:, 2]
    rows[:, column["title_coverage"]] = p_cols[:, 3]
    rows[:, column["article_coverage"]] = p_cols[:, 4]
    rows[:, column["lead"]] = p_cols[:, 5]
    rows[:, column["date_near"]] = p_cols[:, 6]
    rows[:, column["agreement"]] = support(facts, keys, p_cols[:, 0])
    rows[:, column["vote"]] = support(facts, keys, relevance)
    # Each column made as a list and written at once: the same values, without a numpy
    # item write per feature and candidate.
    previous = [c.previous for c in candidates]
    sentence_scores = sentence.tolist()
    rows[:, column["context"]] = [sentence_scores[j] if j is not None else 0.0 for j in previous]
    rows[:, column["first"]] = [j is None for j in previous]
    token_sets = [set(c.tokens) for c in candidates]
    rows[:, column["coverage"]] = weight_shares(token_sets, idf, total)
    rows[:, column["focus"]] = weight_shares(token_sets, focus_idf, focus_total)
    rows[:, column["phrase"]] = [pair_share(c.tokens, question_pairs) for c in candidates]
    rows[:, column["novelty"]] = [novelty(found, question_words) for found in token_sets]
    rows[:, column["new_fact"]] = [query.wants_fact and bool(found) for found in facts]
    rows[:, column["new_number"]] = [
        query.wants_number and any(_NUMBER.search(f) for f in found) for found in facts
    ]
    rows[:, column["typed_fact"]] = [
        typed_fact(query.wants, c.text, found, question_names)
        for c, found in zip(candidates, facts, strict=True)
    ]
    rows[:, column["short"]] = [len(c.text.split()) < 6 for c in candidates]
    rows[:, column["link_line"]] = [bool(_LINK_LINE.search(c.text)) for c in candidates]
    titles = title_facts or [[] for _ in passages]
    rows[:, len(BASE_FEATURES) :] = fact_columns(
        query,
        [c.facts for c in candidates],
        [c.previous for c in candidates],
        [titles[c.passage] for c in candidates],
        keys,
        relevance,
        rows[:, column["coverage"]],
        [c.text for c in candidates],
    )
    return rows, facts
