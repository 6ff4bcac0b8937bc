"""The summarizer on small corpora written here: choice, duplicates, date order."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import numpy as np
import pytest

from retrieval import (
    AnswerSentence,
    Article,
    Note,
    NoteKind,
    PassageIndex,
    catch_up,
    summarize_recent,
    summarize_topic,
)
from retrieval.centrality import (
    facts_in,
    lexrank,
    pick_diverse,
    same_claims,
    similarity,
)
from retrieval.discourse import needs_the_sentence_before, opens_with_a_maybe
from retrieval.tokenize import content_words

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
    assert dates[1:] == sorted(dates[1:])  # what happened first, then in date order
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
    index.add_articles(CORPUS[4:], added_at=since + 1)  # stamps have one-second resolution
    summary = summarize_recent(index, added_since=since)
    assert [s.title for s in summary.sentences] == ["Football final"]
    assert not summarize_recent(index, added_since=since + 5).found


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


def test_conversation_catch_up_keeps_central_weighted_messages_in_order() -> None:
    texts = [
        "Is the bridge over the river opening next week?",
        "lol",
        "The bridge opens Monday, the council confirmed the river crossing date.",
        "I heard the bridge opening was delayed because of the river flooding.",
        "Anyone want pizza?",
        "🚀",
    ]
    found = catch_up(texts, [1, 1, 2, 1, 1, 1], k=2)
    assert 2 in found.picked and list(found.rest) == sorted(found.rest)
    assert 1 not in found.picked and 5 not in found.picked
    assert catch_up(["🚀", "!!"], None, 3).picked == []


def test_same_claim_by_figures_or_by_most_content_words() -> None:
    texts = [
        "The storm killed 12 people and left 40,000 homes without power, officials said.",
        "At least 12 people died and 40,000 homes lost power in the storm, the governor said.",
        "Schools across the county will stay closed until Monday.",
        "The storm killed twelve people and left many homes without power.",
    ]
    same = same_claims([content_words(t) for t in texts], texts)
    assert same[0, 1] and same[1, 0]  # the same figures, told twice
    assert same[0, 3]  # most of the same words
    assert not same[0, 2] and not same[1, 2]


def _storm_corpus() -> list[Article]:
    facts = [
        "The Riverton dam broke on Saturday morning, flooding 300 homes downstream.",
        "Rescue crews evacuated 2,000 residents from the valley by boat and helicopter.",
        "The governor declared a state of emergency for Riverton county on Sunday.",
        "Engineers had warned in March that cracks were spreading in the Riverton dam wall.",
        "Drinking water in the valley is unsafe until further notice, health officials said.",
        "The Riverton dam was built in 1931 and last inspected four years ago.",
        "Insurers expect claims from the dam flood to pass 50 million dollars.",
    ]
    articles = []
    for number, fact in enumerate(facts):
        # Every outlet repeats the event in its own words, then adds one fact of its own.
        event = [
            "Floodwater from the broken Riverton dam covered 300 homes on Saturday.",
            "On Saturday the Riverton dam failed and 300 homes were flooded.",
        ][number % 2]
        articles.append(
            Article(
                f"Riverton dam {number}",
                dt.date(2024, 6, 1 + number),
                f"{event}\n{fact}",
                url=f"https://outlet{number}.example/dam",
            )
        )
    return articles


def test_topic_summary_gives_five_to_eight_sentences_without_repeated_claims(
    tmp_path: Path,
) -> None:
    summary = summarize_topic(
        _index(tmp_path, _storm_corpus()), "Riverton dam", as_of=dt.date(2024, 6, 10)
    )
    texts = [s.text for s in summary.sentences]
    assert 5 <= len(texts) <= 8 and not summary.few
    three_hundred = [t for t in texts if "300 homes" in t]
    assert len(three_hundred) == 1  # the event once, however many outlets tell it
    assert "300 homes" in texts[0]  # and it comes first


def test_figures_and_names_count_only_when_they_do_not_just_open_a_sentence() -> None:
    assert facts_in("The Senate passed it 52 to 48. Manchin voted no.") == {
        "senate",
        "52",
        "48",
    }
    assert facts_in("Well I think it was close. Maybe.") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He predicted US inflation would rise.", "en"),  # who is he?
        ("Americans want solutions for inflation, crime, and the border.”", "en"),  # half a quote
        ("“We will keep rates high until the job is done", "en"),  # a quote that goes on
        ("However, the Fed kept rates where they were.", "en"),
        ("I think a lot of it has to do with inflation.", "en"),  # a quote without its marks
        ("in Atlanta today, officials said.", "en"),  # a fragment
        ("Sin embargo, el BCE mantuvo los tipos.", "es"),
        ("Он заявил, что инфляция вырастет.", "ru"),
        ("Er sagte, die Inflation werde steigen.", "de"),
    ],
)
def test_sentences_that_need_the_one_before_them(text: str, language: str) -> None:
    assert needs_the_sentence_before(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("US inflation rose to 9.1% in June, the highest rate in 40 years.", "en"),
        ("There are more than 10,000 monkeypox cases in the United States.", "en"),
        ("This week, President Joe Biden signed the bill into law.", "en"),  # time words
        ("“Prices are falling,” the Fed chair said on Wednesday.", "en"),  # a whole quote
        ("Daco predicts annual inflation will fall to 2.3% by the end of the year.", "en"),
        ("El BCE mantuvo los tipos de interés en el 4%.", "es"),
        ("„Die Preise fallen“, sagte die Notenbank.", "de"),
    ],
)
def test_sentences_that_stand_on_their_own(text: str, language: str) -> None:
    assert not needs_the_sentence_before(text, language)


def test_a_summary_never_opens_with_a_sentence_that_needs_the_one_before(
    tmp_path: Path,
) -> None:
    articles = [
        Article(
            "Dam report",
            dt.date(2024, 6, 2),
            "He said the Riverton dam had been failing for years, engineers and residents agreed."
            "\nThe Riverton dam broke on Saturday, flooding 300 homes in the valley below it.",
            url="https://a.example/dam",
        ),
        *_storm_corpus()[1:4],
    ]
    summary = summarize_topic(_index(tmp_path, articles), "Riverton dam", as_of=dt.date(2024, 6, 9))
    first = summary.sentences[0].text
    assert not first.startswith("He ") and "Riverton dam" in first and "300 homes" in first


@pytest.mark.parametrize(
    ("text", "language", "maybe"),
    [
        ("If the inflation rate drops, prices still rise.", "en", True),
        ("Perhaps the Fed will wait until June.", "en", True),
        ("Si la inflación baja, los precios seguirán subiendo.", "es", True),
        ("Inflation rose to 9.1% in June.", "en", False),
        ("Ifo said German business morale rose.", "en", False),  # a name, not "if"
    ],
)
def test_what_may_be_never_opens_a_summary(text: str, language: str, maybe: bool) -> None:
    assert opens_with_a_maybe(text, language) is maybe


def test_a_lead_given_opens_the_summary_or_joins_it(tmp_path: Path) -> None:
    index = _index(tmp_path, _storm_corpus())
    as_of = dt.date(2024, 6, 10)
    background = "The Riverton dam was built in 1931 and last inspected four years ago."
    plain = summarize_topic(index, "Riverton dam", as_of=as_of, k=3)
    assert plain.sentences[0].text != background
    lead = AnswerSentence(text=background, date=dt.date(2024, 6, 6), title="t")
    led = summarize_topic(index, "Riverton dam", as_of=as_of, k=3, lead=lead)
    assert led.sentences[0].text == background
    # a sentence that cannot open a summary is held, after what happened
    index.add_articles(
        [
            Article(
                "Dam history",
                dt.date(2024, 6, 8),
                "It was the first failure of the Riverton dam in its 93 years of service.",
                url="https://h.example/dam",
            )
        ]
    )
    leaning = AnswerSentence(
        text="It was the first failure of the Riverton dam in its 93 years of service.",
        date=dt.date(2024, 6, 8),
        title="Dam history",
    )
    held = summarize_topic(index, "Riverton dam", as_of=as_of, k=3, lead=leaning)
    texts = [s.text for s in held.sentences]
    assert leaning.text in texts[1:] and not texts[0].startswith("It ")


def test_the_newest_news_is_the_last_weeks_and_says_when_it_is_old(tmp_path: Path) -> None:
    old = Article(
        "An old story", dt.date(2019, 7, 1), "Officials opened a new museum of maps in the port."
    )
    recent = [
        Article(
            f"Story {i}",
            dt.date(2024, 3, 20 + i),
            f"The council approved plan number {i} for the river district on Monday.\n"
            f"Work on plan number {i} starts in the spring, the council said.",
            url=f"https://n{i}.example/story",
        )
        for i in range(3)
    ]
    index = _index(tmp_path, [old, *recent])
    fresh = summarize_topic(index, "", as_of=dt.date(2024, 3, 23))
    assert fresh.first_date is not None and fresh.first_date >= dt.date(2024, 3, 20)
    assert not fresh.notice
    assert all("museum" not in s.text for s in fresh.sentences)  # years older: not the news
    stale = summarize_topic(index, "", as_of=dt.date(2024, 5, 1))
    assert stale.notice == Note.news_ends(dt.date(2024, 3, 22))
    after = summarize_topic(index, "in June 2030", as_of=dt.date(2030, 7, 1)).note
    assert after is not None and after.kind is NoteKind.NO_NEWS_AFTER
