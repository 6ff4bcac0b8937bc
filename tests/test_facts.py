"""What sentences state (tagged for the answer's pool), what questions ask for, and the features
made of it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pytest

from retrieval import Library
from retrieval.backend import Passage
from retrieval.fact_features import new_to, restatements_lose
from retrieval.facts import (
    asks_past,
    decode,
    encode,
    question_kinds,
    tag_article,
    tag_article_facts,
    tag_sentence,
)
from retrieval.passages import rank_passages
from retrieval.question import build_query
from retrieval.ranker import SHIPPED, LinearRanker, fit_linear
from retrieval.sentences import SentencePool, passage_facts

from .conftest import write_jsonl


@pytest.mark.parametrize(
    ("sentence", "facts"),
    [
        (
            "Argentina defeated France on Sunday to win its first World Cup since 1986.",
            [("L", "argentina"), ("L", "france"), ("N", "world_cup"), ("D", "1986")],
        ),
        (
            "The Riverside stadium will cost $410 million, up from 300 million dollars.",
            [("L", "riverside"), ("$", "$410_million"), ("$", "300_million_dollars")],
        ),
        (
            "Officials said 31 people died and prices rose 3.5% in June 2023.",
            [("Q", "31_people"), ("%", "3.5%"), ("D", "june_2023")],
        ),
        (
            "President Joe Biden met the Detroit-based Ford Motor Company and Apple Inc.",
            [("P", "joe_biden"), ("L", "detroit"), ("O", "ford_motor_company"), ("O", "apple_inc")],
        ),
        (
            'On Monday the dictionary chose "goblin mode", as fans of the New York Yankees\' do.',
            [("W", "goblin_mode"), ("N", "new_york_yankees")],
        ),
    ],
)
def test_a_sentence_states_names_with_kinds_and_figures(sentence: str, facts: list) -> None:
    assert tag_sentence(sentence) == facts


def test_the_article_is_its_own_gazetteer() -> None:
    # "Matthews" alone takes the kind its full name was given elsewhere in the article
    title, passages = tag_article(
        "Auston Matthews wins the Hart Trophy",
        [["Toronto center Auston Matthews said he was thrilled."], ["Matthews scored 60 goals."]],
    )
    assert ("P", "auston_matthews") in decode(title)
    assert decode(passages[1]) == [("P", "matthews"), ("Q", "60_goals")]
    # a capitalised first word the article never uses as a name is not one
    assert tag_sentence("Officials said the vote failed.") == []


def test_facts_survive_their_line_form() -> None:
    facts = tag_sentence("Spain beat England 1-0 in Sydney on Aug. 20, 2023.")
    assert decode(encode(facts)) == facts


def test_facts_as_lists_are_the_lines_read_back() -> None:
    # The answer path takes the facts without writing their lines: the same facts, even where
    # a quote holds a space a line splits at (a no-break space) or nothing but dots.
    title = "Auston Matthews wins the Hart Trophy"
    passages = [
        ["Toronto center Auston Matthews said he was thrilled.", "He said “goblin\xa0mode” twice."],
        ['Matthews scored 60 goals, ". ." they wrote.', "Nothing here."],
    ]
    title_line, lines = tag_article(title, passages)
    title_facts, stated = tag_article_facts(title, passages)
    assert title_facts == decode(title_line)
    assert stated == [[decode(line) for line in block.split("\n")] for block in lines]
    assert ("W", "goblin") in stated[0][1]  # split as its line is


@pytest.mark.parametrize(
    ("question", "form", "kinds"),
    [
        ("Which team won the Women's World Cup?", "", ("organisation", "name")),
        ("Which US state elected its first female governor?", "", ("place", "name")),
        ("Which film star is on trial in Utah?", "", ("person", "name")),
        ("How much will the Riverside stadium cost?", "number", ("money", "number")),
        ("How many people were hurt?", "number", ("number",)),
        ("Who won the 2022 World Cup?", "person", ("person", "organisation", "name")),
        ("What is the nickname of Morocco's team?", "", ()),
    ],
)
def test_what_a_question_asks_for(question: str, form: str, kinds: tuple) -> None:
    assert question_kinds(question, form) == kinds


def test_past_questions() -> None:
    assert asks_past("Who won the 2022 World Cup?")
    assert asks_past("Which country was named the happiest?")
    assert not asks_past("Who will win the 2026 World Cup?")
    query = build_query("Who won the World Series?", dt.date(2023, 11, 3))
    assert query.past and query.kinds[0] == "person"


def test_a_fact_of_the_question_s_own_words_is_not_new() -> None:
    asked = {"who", "won", "the", "world", "cup"}
    assert not new_to(("N", "world_cup"), asked)
    assert new_to(("L", "argentina"), asked)


def test_a_restatement_never_leads_while_a_sentence_adds_the_fact() -> None:
    scores = np.array([3.0, 2.5, 1.0, 0.5])
    restating = np.array([1.0, 1.0, 0.0, 0.0])
    adding = np.array([0.0, 0.0, 1.0, 0.0])
    adjusted = restatements_lose(scores, restating, adding)
    assert int(np.argmax(adjusted)) == 2
    assert adjusted[0] > adjusted[1] > adjusted[3]  # the demoted keep their order
    # nothing adds the fact: the order stands
    assert restatements_lose(scores, restating, np.zeros(4)).tolist() == scores.tolist()


def test_the_linear_ranker_prints_what_its_module_keeps() -> None:
    text = SHIPPED.describe()
    assert text.startswith("WEIGHTS = {") and '"kind_fact"' in text
    namespace: dict = {}
    exec(text, namespace)
    assert LinearRanker(namespace["WEIGHTS"]).weights == SHIPPED.weights  # type: ignore[attr-defined]
    with pytest.raises(ValueError, match="unknown"):
        LinearRanker({"no_such_feature": 1.0})


def test_fitting_prefers_the_feature_that_marks_answers() -> None:
    rng = np.random.default_rng(0)
    groups = []
    for _ in range(30):
        rows = rng.random((6, len(SHIPPED.weights)))  # type: ignore[attr-defined]
        y = np.zeros(6)
        y[int(np.argmax(rows[:, 0]))] = 1.0  # the first feature marks the answer
        groups.append((rows, y))
    model = fit_linear(groups, steps=200)
    assert max(model.weights, key=lambda name: model.weights[name]) == "bm25"


def test_the_pool_is_tagged_when_a_question_is_answered(tmp_path: Path) -> None:
    library = Library(tmp_path / "data", seed=False)
    article = {
        "id": "s1",
        "title": "Riverside stadium plan approved",
        "date": "2024-05-02",
        "text": "The council approved the stadium.\nIt will cost $410 million, officials said.",
    }
    library.ingest([write_jsonl(tmp_path / "a.jsonl", [article])])
    answer = library.answer("How much will the Riverside stadium cost?", as_of=dt.date(2024, 5, 3))
    assert "$410 million" in answer.sentences[0].text
    query = build_query("stadium cost", dt.date(2024, 5, 3))
    pool = SentencePool(query, rank_passages(library.index, query), {"stadium": 1.0})
    stated = {c.text: c.facts for c in pool.candidates}
    assert stated["It will cost $410 million, officials said."] == [("$", "$410_million")]


def test_an_article_s_pooled_passages_share_what_they_say_of_a_name() -> None:
    def passage(text: str, position: int, key: str = "a") -> Passage:
        title = "Matthews wins the Hart Trophy"
        return Passage(key, title, dt.date(2024, 6, 1), "", "", text, position)

    pooled = [
        passage("Matthews scored 60 goals.", 3),
        passage("Toronto center Auston Matthews said he was thrilled.", 1),
        passage("Then Matthews scored twice.", 0, key="b"),  # another article: nothing says who
    ]
    stated, titles = passage_facts(pooled)
    assert stated[0][0] == [("P", "matthews"), ("Q", "60_goals")]
    assert titles[0] == [("P", "matthews"), ("N", "hart_trophy")]
    assert stated[2][0] == [("N", "matthews")]
