"""Features of what a candidate sentence states beyond the question (``facts.py``'s tags).

A sentence that shares the question's words but states nothing of the kind asked for restates
the question; one that adds a name, a number or a date of that kind, reported by several
articles, is likely the answer. A question about something past prefers reports of the outcome
over previews of it; the answer is sometimes only in the title or in the sentence before
("the country", "he"). Each is a column the sentence model weighs (``features.FEATURES``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache

import numpy as np

from .facts import ANSWER_KINDS, NAMES, Fact, tag_sentence
from .question import Query
from .scoring import support

__all__ = [
    "COVERS",
    "FACT_FEATURES",
    "accepted_kinds",
    "fact_columns",
    "new_to",
    "question_words",
    "restatements_lose",
    "restates",
]

FACT_FEATURES = (
    "kind_fact",  # it states a new fact of the kind the question asks for first
    "kind_any",  # ... of any kind the question accepts ("who": a person, a team, a country)
    "kind_vote",  # how many of the best sentences' articles state its best such fact
    "adds",  # how many new facts of any kind it states (0 to 1: four or more)
    "restates",  # it covers the question but states no new fact of the kinds asked for
    "forecast",  # a question about the past, and the sentence previews or predicts
    "outcome",  # a question about the past, and the sentence reports a result
    "title_kind",  # its article's title states a new fact of the kind asked for
    "before_kind",  # the sentence before it does, and it goes on about it ("he", "the team")
)

# Words of previews and predictions, and of reported outcomes (looked up in a sentence's
# lower-cased words: a set lookup per word, where a regex of alternatives cost a fifth of the
# answer path).
_FORECAST = frozenset(
    """will could might may would shall expected expects expect predict predicts predicted
    prediction predictions forecast forecasts preview previews odds favorite favorites
    favourite favourites upcoming ahead hopes hoping aims poised likely plans scheduled
    preparing""".split()
)
_OUTCOME = frozenset(
    """won wins beat beats defeated defeats claimed clinched captured lifted secured elected
    named crowned finished triumphed victory victorious champion champions announced killed
    died approved signed sold bought acquired voted ruled sentenced convicted reported
    released launched became""".split()
)
_PUNCTUATION = str.maketrans({c: " " for c in ".,;:!?\"'“”‘’()[]—–"})
_GOES_ON = re.compile(
    r"^(?:he|she|they|it|his|her|their|its|the (?:country|team|company|club|city|state|"
    r"nation|group|side|firm|player|star|singer|actor|film|show|band|league|agency))\b",
    re.IGNORECASE,
)
COVERS = 0.5  # a sentence with this share of the question's weight "covers" it
_BELOW = 0.01  # how far below the best adding sentence a demoted restatement goes
_MANY_FACTS = 4


def question_words(query: Query) -> frozenset[str]:
    """The question's own words, lowercased: a fact made only of them is not new."""
    return _question_words(query.text)


@lru_cache(maxsize=64)
def _question_words(text: str) -> frozenset[str]:
    # Asked for several times per answer (each feature that tells new facts, each pool of an
    # answer that searches again): the question is tagged once.
    return frozenset(re.findall(r"[\w'’.-]+", text.lower())) | {
        w for _, key in tag_sentence(text) for w in key.split("_")
    }


def new_to(fact: Fact, asked: AbstractSet[str]) -> bool:
    """A fact the question does not state: a name with a word of its own, any other figure."""
    return not set(fact[1].split("_")) <= asked


def accepted_kinds(query: Query) -> frozenset[str]:
    """The fact kinds (``facts`` letters) that answer the question, of any of its kinds."""
    return frozenset().union(*(ANSWER_KINDS[k] for k in query.kinds))


def restates(coverage: float, has_new: bool) -> bool:
    return coverage >= COVERS and not has_new


def fact_columns(
    query: Query,
    facts: Sequence[Sequence[Fact]],
    previous: Sequence[int | None],
    title_facts: Sequence[Sequence[Fact]],
    keys: Sequence[str],
    relevance: np.ndarray,
    coverage: np.ndarray,
    texts: Sequence[str],
) -> np.ndarray:
    """One row per candidate, one column per name in ``FACT_FEATURES``. ``facts``: each
    candidate's; ``title_facts``: its article title's; ``keys``: its article's; ``relevance``:
    its BM25 times its date weight; ``coverage``: its share of the question's weight."""
    columns = np.zeros((len(facts), len(FACT_FEATURES)))
    if not facts:
        return columns
    asked = question_words(query)
    kinds = query.kinds
    first = ANSWER_KINDS[kinds[0]] if kinds else frozenset()
    accepted = accepted_kinds(query)
    novel: dict[Fact, bool] = {}  # a pool repeats its names: each one judged once
    for found in facts:
        for fact in found:
            if fact not in novel:
                novel[fact] = new_to(fact, asked)
    new = [[f for f in found if novel[f]] for found in facts]
    typed = [{key for kind, key in found if kind in accepted} for found in new]
    votes = support(typed, list(keys), relevance) if accepted else [0.0] * len(facts)
    past = query.past
    # A title's facts are one list shared by its article's candidates: read once per article.
    title_kind: dict[int, bool] = {}
    for found in title_facts:
        if id(found) not in title_kind:
            title_kind[id(found)] = any(
                kind in accepted for kind, key in found if new_to((kind, key), asked)
            )
    no_words: set[str] = set()
    rows: list[list[float]] = []  # built as lists and written at once: the same values
    for i, found in enumerate(new):
        has_typed = bool(typed[i])
        wanted = typed[i] if accepted else {k for kind, k in found if kind in NAMES} or found
        said = set(texts[i].lower().translate(_PUNCTUATION).split()) if past else no_words
        before = previous[i]
        goes_on = 0.0
        if before is not None and _GOES_ON.match(texts[i]):
            goes_on = (
                rows[before][1] if before < i else any(kind in accepted for kind, _ in new[before])
            )
        rows.append(
            [
                any(kind in first for kind, _ in found),
                has_typed,
                votes[i],
                min(len(found), _MANY_FACTS) / _MANY_FACTS,
                restates(float(coverage[i]), bool(wanted)),
                past and not said.isdisjoint(_FORECAST),
                past and not said.isdisjoint(_OUTCOME),
                title_kind[id(title_facts[i])],
                goes_on,
            ]
        )
    columns[:] = rows
    return columns


def restatements_lose(scores: np.ndarray, restating: np.ndarray, adding: np.ndarray) -> np.ndarray:
    """Scores where no sentence that only restates the question (``restating``) comes before
    the best one that adds a fact of the kind asked for (``adding``). Demoted sentences keep
    their order among themselves, just below that one."""
    restating, adding = restating > 0, adding > 0
    if not adding.any() or not restating.any():
        return scores
    ceiling = float(scores[adding].max())
    demoted = restating & (scores >= ceiling)
    if not demoted.any():
        return scores
    above = scores[demoted] - ceiling
    adjusted = scores.copy()
    adjusted[demoted] = ceiling - _BELOW + _BELOW * 0.5 * above / (float(above.max()) + 1e-9)
    return adjusted
