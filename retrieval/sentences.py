"""Stage two: the sentences of the best passages, scored by the sentence model over their
features, and the best of them chosen.

rank-bm25 scores each candidate sentence against the question; the features (``features.py``,
``fact_features.py``) add what surrounds it: its passage's BM25 and date, how much of the
question its article covers, what it states beyond the question and whether that is of the kind
asked for, whether other articles agree. The ranker that weighs them (``ranker.py``) was fitted
once on half of the dev questions and checked on the other half (``benchmarks/fit_weights.py``,
``docs/quality.md``); it is never fitted per question.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .backend import Passage
from .fact_features import COVERS, accepted_kinds, new_to, question_words, restatements_lose
from .facts import Fact, tag_article_facts
from .features import FEATURES, Candidate, feature_matrix, weight_share
from .question import Query
from .ranker import SHIPPED, Ranker
from .scoring import jaccard
from .tokenize import content_words, family_aliases, words

__all__ = ["DIVERSITY", "ScoredSentence", "SentencePool", "select"]

DIVERSITY = 1.0  # what repeating the claims of the sentences above costs a sentence
_DUPLICATE_JACCARD = 0.7  # word overlap above which two sentences say the same thing
_MIN_WORDS = 3  # bylines, datelines and other fragments say nothing alone
_COLUMN = {name: i for i, name in enumerate(FEATURES)}
_TAGGED_ARTICLES = 512  # articles whose pooled passages' facts are kept
JOIN_WORD_FAMILIES = True  # off only to measure what joining them changes (benchmarks/qa.py)


@dataclass(frozen=True)
class ScoredSentence:
    text: str
    passage: Passage
    score: float


def passage_facts(passages: list[Passage]) -> tuple[list[list[list[Fact]]], list[list[Fact]]]:
    """What each passage's sentences state (``facts.tag_article_facts``: a list per sentence)
    and what its title states. Tagged here, for the pool only: the pooled passages of one
    article are read together with its title, so a kind one of them gives a name holds in the
    others (tagging every sentence at ingest, with the whole article as gazetteer, cost
    indexing 38% more CPU and answered no better: docs/quality.md)."""
    articles: dict[str, list[int]] = {}
    for number, passage in enumerate(passages):
        articles.setdefault(passage.key, []).append(number)
    stated: list[list[list[Fact]]] = [[] for _ in passages]
    titles: list[list[Fact]] = [[] for _ in passages]
    for numbers in articles.values():
        numbers.sort(key=lambda number: passages[number].position)
        title_facts, tagged = _article_facts(
            passages[numbers[0]].title, tuple(passages[number].text for number in numbers)
        )
        for number, found in zip(numbers, tagged, strict=True):
            stated[number] = found
            titles[number] = title_facts
    return stated, titles


@lru_cache(maxsize=_TAGGED_ARTICLES)
def _article_facts(title: str, texts: tuple[str, ...]) -> tuple[list[Fact], list[list[list[Fact]]]]:
    """``tag_article_facts`` of an article's pooled passages (their texts, a sentence a line),
    remembered: an answer that searches again (the closest dates) pools most of the same
    articles, and questions about the same news pool the same passages. Read, never changed."""
    return tag_article_facts(title, [text.split("\n") if text else [] for text in texts])


def gather_candidates(
    passages: list[Passage], facts: list[list[list[Fact]]] | None = None
) -> list[Candidate]:
    """Every sentence of the passages, in order; questions in articles are left out."""
    found: list[Candidate] = []
    for number, passage in enumerate(passages):
        previous: int | None = None
        sentences = passage.sentences
        stems = passage.stems if len(passage.stems) == len(sentences) else None
        stated = facts[number] if facts is not None else []
        for position, sentence in enumerate(sentences):
            if sentence.endswith("?"):  # a question in an article does not answer one
                previous = None
                continue
            tokens = list(stems[position]) if stems else content_words(sentence)
            said = list(stated[position]) if stated else []
            found.append(Candidate(sentence, number, tokens, previous, said))
            previous = len(found) - 1
    return found


class SentencePool:
    """The candidate sentences of ranked passages, their features, and the best of them."""

    def __init__(self, query: Query, passages: list[Passage], idf: dict[str, float]) -> None:
        self.query = query
        self.passages = passages
        self.idf = idf
        facts, self._title_facts = passage_facts(passages)
        self.candidates = gather_candidates(passages, facts)
        self._passage_words = [set[str]() for _ in passages]
        for cand in self.candidates:
            self._passage_words[cand.passage].update(cand.tokens)
        titles: dict[str, set[str]] = {}
        for p in passages:  # an article's title once, however many of its passages
            if p.key not in titles:
                titles[p.key] = set(content_words(p.title, p.language or "en"))
        self._title_words = [titles[p.key] for p in passages]
        self._join_word_families()
        self._rows: np.ndarray | None = None
        self._facts: list[set[str]] = []
        self._kinds: list[set[str]] | None = None
        self.scores = np.zeros(0)  # every candidate's score, after ``best``
        self.picked: list[int] = []  # the candidates ``best`` chose, best first

    def _join_word_families(self) -> None:
        """A question word found nowhere in the passages while its family is ("delivered" /
        "delivery") counts where the family stands, so it does not sink the question."""
        if not JOIN_WORD_FAMILIES:
            return
        vocabulary = set().union(*self._passage_words, *self._title_words)
        unmatched = [t for t in self.query.terms if t not in vocabulary]
        aliases = family_aliases(unmatched, vocabulary) if unmatched else {}
        if not aliases:
            return
        for cand in self.candidates:
            cand.tokens = [aliases.get(t, t) for t in cand.tokens]
        self._passage_words = [{aliases.get(t, t) for t in found} for found in self._passage_words]
        self._title_words = [{aliases.get(t, t) for t in found} for found in self._title_words]

    def coverage(self) -> float:
        """Share of the question's IDF weight found in the best-covering passage (0 to 1)."""
        total = sum(self.idf.values())
        return max(
            (
                weight_share(found | title, self.idf, total)
                for found, title in zip(self._passage_words, self._title_words, strict=True)
            ),
            default=0.0,
        )

    def features(self) -> np.ndarray:
        """One row per candidate, one column per name in ``features.FEATURES`` (computed once)."""
        if self._rows is None:
            self._rows, self._facts = feature_matrix(
                self.query,
                self.passages,
                self.candidates,
                self._passage_words,
                self._title_words,
                self.idf,
                self._title_facts,
            )
        return self._rows

    def fact_articles(self, i: int) -> int:
        """How many articles of the pool state candidate ``i``'s best-attested new name or
        number: an answer is usually reported by several."""
        self.features()
        articles: dict[str, set[str]] = {}
        for cand, found in zip(self.candidates, self._facts, strict=True):
            for token in found & self._facts[i]:
                articles.setdefault(token, set()).add(self.passages[cand.passage].key)
        return max((len(keys) for keys in articles.values()), default=0)

    def kind_articles(self, i: int) -> int:
        """How many articles of the pool state a new fact of the kind the question asks for
        that candidate ``i`` states (its best-attested one)."""
        wanted = self._kind_facts()
        articles: dict[str, set[str]] = {}
        for cand, found in zip(self.candidates, wanted, strict=True):
            for key in found & wanted[i]:
                articles.setdefault(key, set()).add(self.passages[cand.passage].key)
        return max((len(keys) for keys in articles.values()), default=0)

    def states_fact(self, chosen: list[int]) -> bool:
        """Whether one of the ``chosen`` candidates could be read as the answer: it covers the
        question (``fact_features.COVERS``) and states a new fact of the kind asked for."""
        wanted = self._kind_facts()
        coverage = self.features()[:, _COLUMN["coverage"]]
        return any(wanted[i] and coverage[i] >= COVERS for i in chosen)

    def _kind_facts(self) -> list[set[str]]:
        """Each candidate's new facts of the kinds the question accepts (computed once)."""
        if self._kinds is None:
            accepted = accepted_kinds(self.query)
            asked = question_words(self.query)
            self._kinds = [
                {key for kind, key in c.facts if kind in accepted and new_to((kind, key), asked)}
                for c in self.candidates
            ]
        return self._kinds

    def best(
        self, k: int, ranker: Ranker = SHIPPED, diversity: float = DIVERSITY
    ) -> list[ScoredSentence]:
        """The ``k`` best sentences by ``ranker``, best first."""
        if not self.candidates or not self.query.terms:
            return []
        rows = self.features()
        scores = restatements_lose(
            ranker.scores(rows), rows[:, _COLUMN["restates"]], rows[:, _COLUMN["kind_any"]]
        )
        picked = select(self.candidates, scores, self._facts, k, diversity)
        self.scores, self.picked = scores, picked
        return [
            ScoredSentence(
                self.candidates[i].text,
                self.passages[self.candidates[i].passage],
                round(float(scores[i]), 4),
            )
            for i in picked
        ]


def select(
    candidates: list[Candidate],
    scores: np.ndarray,
    facts: list[set[str]],
    k: int,
    diversity: float = DIVERSITY,
) -> list[int]:
    """Indices of up to ``k`` sentences, best first: fragments and near-duplicates left out.

    After the first, a sentence whose new names and numbers were all given already loses
    ``diversity``: if the first answer is wrong, the same claim again does not help.
    """
    chosen: list[int] = []
    chosen_words: list[set[str]] = []
    given: set[str] = set()
    remaining = [int(i) for i in np.argsort(-scores, kind="stable")]

    plain: list[float] = scores.tolist()

    def adjusted(i: int) -> float:
        repeat = len(facts[i] & given) / len(facts[i]) if facts[i] else 1.0
        return plain[i] - diversity * repeat

    def best() -> int:
        """``max(remaining, key=adjusted)``: ``remaining`` runs from the best score down and
        no sentence gains by repeating (``diversity`` > 0), so once a score is no better than
        the best adjusted one found, none after it can be."""
        found, top = remaining[0], adjusted(remaining[0])
        for i in remaining[1:]:
            if plain[i] <= top:
                break
            value = adjusted(i)
            if value > top:
                found, top = i, value
        return found

    steady = diversity > 0 and not np.isnan(scores).any()
    while remaining and len(chosen) < k:
        if not (diversity and chosen):
            i = remaining[0]
        else:
            i = best() if steady else max(remaining, key=adjusted)
        remaining.remove(i)
        tokens = set(words(candidates[i].text))
        if len(tokens) < _MIN_WORDS:
            continue
        if any(jaccard(tokens, other) >= _DUPLICATE_JACCARD for other in chosen_words):
            continue
        chosen.append(i)
        chosen_words.append(tokens)
        given |= facts[i]
    return chosen
