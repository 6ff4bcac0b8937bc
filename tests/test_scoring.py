"""retrieval.scoring (and the query IDF) against small reference implementations written here."""

from __future__ import annotations

import math
from typing import cast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval.engines.tantivy import PassageIndex
from retrieval.scoring import (
    date_prior,
    informative_tokens,
    jaccard,
    normalise,
    novelty,
    query_idf,
)

FAST = settings(max_examples=60, deadline=None)


# Reference implementations: the formulas as the docstrings state them, one value at a time.


def ref_date_prior(days: float, half_life: float, future_penalty: float) -> float:
    """Halves every half_life days before the reference day, future_penalty times faster after."""
    distance = days * future_penalty if days > 0 else -days
    return 0.5 ** (distance / half_life)


def ref_normalise(values: list[float]) -> list[float]:
    top = max(values) if values else 0.0
    return [v / top for v in values] if top > 0 else [0.0] * len(values)


def ref_jaccard(a: set[str], b: set[str]) -> float:
    union = a | b
    return len(a & b) / len(union) if a and b else 0.0


def ref_novelty(sentence: list[str], question: set[str]) -> float:
    distinct = set(sentence)
    return sum(1 for w in distinct if w not in question) / len(distinct) if distinct else 0.0


def ref_idf(passages: int, doc_freq: int) -> float:
    return math.log(1 + max(passages, 1) / (1 + doc_freq))


@pytest.mark.parametrize(
    ("days", "half_life", "penalty", "weight"),
    [
        (0, 30, 2.0, 1.0),
        (-30, 30, 2.0, 0.5),  # a half life before
        (-60, 30, 2.0, 0.25),
        (15, 30, 2.0, 0.5),  # after: twice as fast
        (30, 30, 2.0, 0.25),
        (30, 30, 1.0, 0.5),  # no penalty: symmetric
        (-7, 7, 3.0, 0.5),
        (7, 7, 3.0, 0.125),
        (-365, 365, 2.0, 0.5),
    ],
)
def test_date_prior_known_values(
    days: float, half_life: float, penalty: float, weight: float
) -> None:
    assert float(date_prior(days, half_life=half_life, future_penalty=penalty)) == pytest.approx(
        weight
    )


def test_date_prior_default_penalty_is_two() -> None:
    assert float(date_prior(10, half_life=10)) == pytest.approx(0.25)


@FAST
@given(
    days=st.lists(st.floats(min_value=-5000, max_value=5000), min_size=1, max_size=20),
    half_life=st.floats(min_value=0.5, max_value=1000),
    penalty=st.floats(min_value=1.0, max_value=5.0),
)
def test_date_prior_matches_the_reference_elementwise(
    days: list[float], half_life: float, penalty: float
) -> None:
    weights = date_prior(np.array(days), half_life=half_life, future_penalty=penalty)
    assert weights.shape == (len(days),)
    expected = [ref_date_prior(d, half_life, penalty) for d in days]
    assert weights.tolist() == pytest.approx(expected, rel=1e-9, abs=1e-300)
    assert all(0.0 <= w <= 1.0 for w in weights.tolist())


@FAST
@given(
    days=st.floats(min_value=0.1, max_value=1000), half_life=st.floats(min_value=1, max_value=100)
)
def test_later_news_fades_faster_than_earlier_news(days: float, half_life: float) -> None:
    before, after = date_prior(np.array([-days, days]), half_life=half_life).tolist()
    assert after < before


@pytest.mark.parametrize(
    ("values", "scaled"),
    [
        ([], []),
        ([2.0, 4.0, 1.0], [0.5, 1.0, 0.25]),
        ([3.0], [1.0]),
        ([0.0, 0.0], [0.0, 0.0]),
        ([-1.0, -2.0], [0.0, 0.0]),  # no positive best: nothing stands out
        ([5.0, 0.0, -5.0], [1.0, 0.0, -1.0]),
    ],
)
def test_normalise_known_values(values: list[float], scaled: list[float]) -> None:
    assert normalise(values) == pytest.approx(scaled)


@FAST
@given(st.lists(st.floats(min_value=-1e6, max_value=1e6), max_size=30))
def test_normalise_matches_the_reference(values: list[float]) -> None:
    assert normalise(values) == pytest.approx(ref_normalise(values))


WORD = st.sampled_from(["rates", "bank", "rise", "fall", "market", "oil", "gold", "war"])


@pytest.mark.parametrize(
    ("a", "b", "value"),
    [
        ({"a", "b"}, {"b", "c"}, 1 / 3),
        ({"a"}, {"a"}, 1.0),
        ({"a"}, {"b"}, 0.0),
        (set(), {"a"}, 0.0),
        (set(), set(), 0.0),
    ],
)
def test_jaccard_known_values(a: set[str], b: set[str], value: float) -> None:
    assert jaccard(a, b) == pytest.approx(value)


@FAST
@given(st.sets(WORD), st.sets(WORD))
def test_jaccard_matches_the_reference_and_is_symmetric(a: set[str], b: set[str]) -> None:
    assert jaccard(a, b) == pytest.approx(ref_jaccard(a, b))
    assert jaccard(a, b) == jaccard(b, a)


@pytest.mark.parametrize(
    ("sentence", "question", "value"),
    [
        (["bank", "rates", "rise"], {"bank"}, 2 / 3),
        (["bank", "bank", "rates"], {"bank"}, 1 / 2),  # words count once
        (["bank"], {"bank"}, 0.0),
        (["bank"], set(), 1.0),
        ([], {"bank"}, 0.0),
    ],
)
def test_novelty_known_values(sentence: list[str], question: set[str], value: float) -> None:
    assert novelty(sentence, question) == pytest.approx(value)


@FAST
@given(st.lists(WORD, max_size=12), st.sets(WORD))
def test_novelty_matches_the_reference(sentence: list[str], question: set[str]) -> None:
    assert novelty(iter(sentence), question) == pytest.approx(ref_novelty(sentence, question))


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        # "$" follows a space, so no word boundary lets it in: the figure is kept bare
        ("Apple paid $3.5 billion in 2019, up 12%.", {"apple", "3.5", "2019", "12%"}),
        ("The bank said it would wait.", set()),  # "The" is a stop word
        ("Shares of Tesla rose 4.2% on Monday", {"shares", "tesla", "4.2%", "monday"}),
        ("O'Brien met Jean-Luc at 10:30.", {"o'brien", "jean-luc", "10:30"}),
        ("no names or numbers here", set()),
        ("", set()),
    ],
)
def test_informative_tokens(text: str, tokens: set[str]) -> None:
    assert informative_tokens(text) == tokens


class _Counts:
    """What query_idf reads of an index: the passage count and each term's document frequency."""

    def __init__(self, passages: int, frequencies: dict[str, int]) -> None:
        self.passage_count = passages
        self._frequencies = frequencies

    def doc_freq(self, term: str) -> int:
        return self._frequencies.get(term, 0)


@pytest.mark.parametrize(
    ("passages", "frequencies"),
    [
        (100, {"rare": 1, "common": 99, "absent": 0}),
        (1, {"only": 1}),
        (0, {"empty": 0}),  # an empty index: no division by zero
        (10_000, {"a": 5000, "b": 50, "c": 0}),
    ],
)
def test_query_idf_matches_the_reference(passages: int, frequencies: dict[str, int]) -> None:
    index = cast(PassageIndex, _Counts(passages, frequencies))
    idf = query_idf(index, list(frequencies))
    assert idf == pytest.approx({t: ref_idf(passages, df) for t, df in frequencies.items()})


def test_rarer_terms_weigh_more_and_every_weight_is_positive() -> None:
    index = cast(PassageIndex, _Counts(100, {"rare": 1, "mid": 10, "common": 100}))
    idf = query_idf(index, ["rare", "mid", "common"])
    assert idf["rare"] > idf["mid"] > idf["common"] > 0
