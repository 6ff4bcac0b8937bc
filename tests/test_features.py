"""The question's form, the sentence features and the selection of sentences."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from rank_bm25 import BM25Okapi

from retrieval.backend import Passage
from retrieval.features import (
    FEATURES,
    Candidate,
    feature_matrix,
    focus_terms,
    new_facts,
    pair_share,
    sentence_bm25,
    typed_fact,
    weight_share,
    weight_shares,
)
from retrieval.question import MAX_QUERY_TERMS, build_query
from retrieval.ranker import SHIPPED
from retrieval.scoring import jaccard, support
from retrieval.sentences import SentencePool, select
from retrieval.tokenize import content_words, words

DAY = dt.date(2023, 11, 3)


@pytest.mark.parametrize(
    ("question", "wants"),
    [
        ("Who won the World Series?", "person"),
        ("Where did the debate take place?", "place"),
        ("Which country hosted the summit?", "place"),
        ("How many cases were reported?", "number"),
        ("What percentage of voters turned out?", "number"),
        ("When did she win her first Grammy?", "time"),
        ("In what year did the strike end?", "time"),
        ("Which team won?", ""),
    ],
)
def test_question_form_says_what_answer_it_wants(question: str, wants: str) -> None:
    assert build_query(question, DAY).wants == wants


def test_long_question_keeps_its_rarest_terms() -> None:
    common = " ".join(f"common{i}" for i in range(100))
    query = build_query(common + " zanzibar", DAY, doc_freq=lambda t: 1 if t == "zanzibar" else 50)
    assert len(query.terms) == MAX_QUERY_TERMS and query.terms[0] == "zanzibar"


def test_new_facts_are_names_and_numbers_the_question_lacks() -> None:
    names = {"texas", "rangers", "who", "won"}
    facts = new_facts("The Texas Rangers beat Arizona 5-0 on Wednesday.", names, "person")
    assert facts == {"arizona", "5", "0"}
    assert "wednesday" in new_facts("It happened on Wednesday in Paris.", set(), "time")


def test_typed_fact_matches_the_asked_kind() -> None:
    assert typed_fact("number", "", {"10,000"}, set())
    assert not typed_fact("number", "", {"paris"}, set())
    assert typed_fact("person", "Coach Jeff Saturday was named.", {"jeff"}, {"coach"})
    assert not typed_fact("person", "He was named coach.", set(), set())
    assert typed_fact("time", "She won in 2001 with the group.", {"2001"}, set())
    assert not typed_fact("", "anything", {"x"}, set())


def test_support_counts_each_article_once() -> None:
    facts = [{"idaho"}, {"idaho"}, {"texas"}, set()]
    votes = support(facts, ["a", "a", "b", "c"], [1.0, 1.0, 0.5, 1.0])
    assert votes == [1.0, 1.0, 0.5, 0.0]
    votes = support(facts, ["a", "b", "c", "d"], [1.0, 1.0, 0.5, 1.0])
    assert votes[0] == 1.0 and votes[2] == 0.25


def test_pair_share_and_focus() -> None:
    pairs = {("world", "seri"), ("seri", "win")}
    assert pair_share(["the", "world", "seri", "win"], pairs) == 1.0
    assert pair_share(["world"], pairs) == 0.0
    assert focus_terms("The Rangers beat Arizona. Which team won?") == {"team", "won"}


def _passage(text: str, key: str, day: dt.date, score: float, position: int = 0) -> Passage:
    return Passage(key, f"Title {key}", day, "", "", text, position, score)


def test_feature_matrix_has_a_column_per_feature() -> None:
    query = build_query("Who won the World Series?", DAY)
    passages = [
        _passage("The Texas Rangers won the World Series.\nFans cheered.", "a", DAY, 9.0),
        _passage("The World Series ended.", "b", dt.date(2010, 1, 1), 4.0),
    ]
    pool = SentencePool(query, passages, {t: 1.0 for t in query.terms})
    rows = pool.features()
    assert rows.shape == (3, len(FEATURES))
    assert SHIPPED.scores(rows).shape == (3,)
    col = {name: i for i, name in enumerate(FEATURES)}
    assert rows[0, col["typed_fact"]] == 1.0 and rows[2, col["typed_fact"]] == 0.0
    assert rows[1, col["context"]] == 1.0  # the sentence after the best match
    assert rows[2, col["date"]] < rows[0, col["date"]]  # far from the reference day
    assert pool.best(1)[0].text == "The Texas Rangers won the World Series."


def test_feature_matrix_of_nothing_is_empty() -> None:
    query = build_query("Who won?", DAY)
    rows, facts = feature_matrix(query, [], [], [], [], {})
    assert rows.shape == (0, len(FEATURES)) and facts == []


def test_select_skips_fragments_and_near_duplicates() -> None:
    texts = [
        "Hurricane Ida made landfall in Louisiana on Sunday.",
        "Hurricane Ida made landfall in Louisiana on Sunday!",
        "By AP",
        "Power was lost in a million homes.",
    ]
    candidates = [Candidate(t, 0, content_words(t), None) for t in texts]
    facts = [{"ida", "louisiana"}, {"ida", "louisiana"}, set(), {"a million"}]
    chosen = select(candidates, np.array([4.0, 3.0, 2.0, 1.0]), facts, k=3)
    assert chosen == [0, 3]


def test_select_prefers_a_new_claim_after_the_first() -> None:
    texts = [
        "The Rangers won the title in Texas.",
        "Rangers fans in Texas celebrated late into the night.",
        "Arizona lost the final game at home.",
    ]
    candidates = [Candidate(t, 0, content_words(t), None) for t in texts]
    facts = [{"rangers", "texas"}, {"rangers", "texas"}, {"arizona"}]
    scores = np.array([3.0, 2.9, 2.5])
    assert select(candidates, scores, facts, k=2) == [0, 2]
    assert select(candidates, scores, facts, k=2, diversity=0.0) == [0, 1]


_WORDS = st.sampled_from("elect vote senat court rule game win cup final team".split())


@given(st.lists(st.lists(_WORDS, min_size=1, max_size=12), min_size=1, max_size=30),
       st.lists(_WORDS, min_size=1, max_size=6))  # fmt: skip
def test_the_sentence_bm25_is_rank_bm25s_bit_for_bit(
    documents: list[list[str]], terms: list[str]
) -> None:
    expected = BM25Okapi(documents).get_scores(terms)
    assert np.array_equal(sentence_bm25(documents, terms), expected)


@given(st.lists(st.sets(_WORDS), max_size=30),
       st.dictionaries(_WORDS, st.floats(0.01, 20.0), max_size=8))  # fmt: skip
def test_weight_shares_are_each_sets_weight_share(
    found: list[set[str]], idf: dict[str, float]
) -> None:
    total = sum(idf.values())
    expected = [weight_share(words, idf, total) for words in found]
    assert weight_shares(found, idf, total).tolist() == expected


def _select_by_max(
    candidates: list[Candidate], scores: np.ndarray, facts: list[set[str]], k: int
) -> list[int]:
    """``select`` as it was written first: every remaining sentence weighed at each pick."""
    chosen: list[int] = []
    chosen_words: list[set[str]] = []
    given: set[str] = set()
    remaining = [int(i) for i in np.argsort(-scores, kind="stable")]

    def adjusted(i: int) -> float:
        repeat = len(facts[i] & given) / len(facts[i]) if facts[i] else 1.0
        return float(scores[i]) - repeat

    while remaining and len(chosen) < k:
        i = max(remaining, key=adjusted) if chosen else remaining[0]
        remaining.remove(i)
        tokens = set(words(candidates[i].text))
        if len(tokens) < 3 or any(jaccard(tokens, o) >= 0.7 for o in chosen_words):
            continue
        chosen.append(i)
        chosen_words.append(tokens)
        given |= facts[i]
    return chosen


@given(st.lists(st.tuples(st.sampled_from([0.5, 1.0, 1.5, 2.0, 2.25, 3.0]),
                          st.sets(st.sampled_from("abcdef"), max_size=3),
                          st.sampled_from(["one two three", "four five six", "seven eight nine",
                                           "one two ten", "ten"])), max_size=25),
       st.integers(1, 6))  # fmt: skip
def test_select_picks_what_weighing_every_sentence_picks(
    pool: list[tuple[float, set[str], str]], k: int
) -> None:
    candidates = [Candidate(text, 0, text.split(), None) for _, _, text in pool]
    scores = np.array([score for score, _, _ in pool])
    facts = [found for _, found, _ in pool]
    assert select(candidates, scores, facts, k) == _select_by_max(candidates, scores, facts, k)
