"""The summarizer on small corpora written here: choice, duplicates, date order."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np

from retrieval import Article, PassageIndex, summarize_recent, summarize_topic
from retrieval.summarize import lexrank, pick_diverse, similarity, summarize_texts

WIRE = "Officials said the new bridge over the Example River will open to traffic next spring."
CORPUS = [
    Article(
        "Bridge plan approved",
        dt.date(2024, 3, 1),
        "The city council approved a plan for a new bridge over the Example River on Monday.\n"
        "The bridge will cost 40 million dollars and carry four lanes of traffic.",
        url="https://a.example/bridge",
    ),
    Article(
        "Bridge construction starts",
        dt.date(2024, 3, 20),
        "Construction of the new bridge over the Example River started on Tuesday.\n" + WIRE,
        url="https://b.example/bridge",
    ),
    Article(
        "Bridge news",
        dt.date(2024, 3, 21),
        "Work on the Example River bridge continued despite heavy rain this week.\n" + WIRE,
        url="https://c.example/bridge",
    ),
    Article(
        "Bridge critics",
        dt.date(2024, 3, 10),
        "Critics of the bridge plan said the river crossing would bring more traffic downtown.",
        url="https://d.example/bridge",
    ),
    Article(
        "Football final",
        dt.date(2024, 3, 22),
        "The local football team won the regional final on Saturday after extra time.",
        url="https://e.example/football",
    ),
]


def _index(tmp_path: Path, articles: list[Article] = CORPUS) -> PassageIndex:
    index = PassageIndex(tmp_path / "index")
    index.add_articles(articles)
    return index


def test_topic_summary_is_relevant_multi_source_and_in_date_order(tmp_path: Path) -> None:
    summary = summarize_topic(_index(tmp_path), "Example River bridge", as_of=dt.date(2024, 3, 25))
    assert summary.found and 3 <= len(summary.sentences) <= 6
    texts = [s.text for s in summary.sentences]
    assert all("football" not in t for t in texts)
    assert texts.count(WIRE) == 1  # the wire sentence from two outlets appears once
    dates = [s.date for s in summary.sentences]
    assert dates == sorted(dates)
    assert summary.articles >= 3
    assert summary.first_date == min(dates) and summary.last_date == max(dates)


def test_topic_with_no_match_says_so(tmp_path: Path) -> None:
    summary = summarize_topic(
        _index(tmp_path), "quantum chromodynamics", as_of=dt.date(2024, 3, 25)
    )
    assert not summary.found and summary.note


def test_empty_topic_summarizes_the_newest_news(tmp_path: Path) -> None:
    summary = summarize_topic(_index(tmp_path), "", as_of=dt.date(2024, 3, 25))
    assert summary.found
    assert any("football" in s.text for s in summary.sentences)  # the newest article


def test_recent_summary_covers_only_articles_added_since(tmp_path: Path) -> None:
    index = _index(tmp_path, CORPUS[:2])
    since = int(time.time())
    time.sleep(1.1)  # the added time has one-second resolution
    index.add_articles(CORPUS[4:])
    summary = summarize_recent(index, added_since=since)
    assert [s.title for s in summary.sentences] == ["Football final"]
    assert not summarize_recent(index, added_since=int(time.time()) + 5).found


def test_summaries_of_an_empty_index_are_empty(tmp_path: Path) -> None:
    index = PassageIndex(tmp_path / "empty")
    assert not summarize_topic(index, "", as_of=dt.date(2024, 1, 1)).found
    assert not summarize_topic(index, "bridge", as_of=dt.date(2024, 1, 1)).found


def test_lexrank_favours_the_sentence_others_resemble() -> None:
    tokens = [["bridg", "river", "open"], ["bridg", "river", "cost"], ["bridg", "river"], ["cat"]]
    ranks = lexrank(similarity(tokens))
    assert ranks.argmax() == 2 and ranks[3] < ranks[2]
    assert lexrank(np.zeros((0, 0))).size == 0


def test_pick_diverse_skips_near_duplicates() -> None:
    sim = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.1], [0.1, 0.1, 1.0]])
    assert pick_diverse(np.array([1.0, 0.95, 0.5]), sim, 3) == [0, 2]


def test_conversation_summary_keeps_central_weighted_messages_in_order() -> None:
    texts = [
        "Is the bridge over the river opening next week?",
        "lol",
        "The bridge opens Monday, the council confirmed the river crossing date.",
        "I heard the bridge opening was delayed because of the river flooding.",
        "Anyone want pizza?",
        "🚀",
    ]
    picked = summarize_texts(texts, [1, 1, 2, 1, 1, 1], k=2)
    assert picked == sorted(picked) and 2 in picked
    assert 1 not in picked and 5 not in picked
    assert summarize_texts(["🚀", "!!"], None, 3) == []
