"""Catch-ups: what each message does in a conversation (in its language), the outcome and next
step first, chit-chat never; related news only on the conversation's names and rare words."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from retrieval import Article, PassageIndex, catch_up, related_articles
from retrieval.catchup import message_kind


@pytest.mark.parametrize(
    ("text", "language", "kind"),
    [
        ("brb", "en", "chatter"),
        ("lol", "en", "chatter"),
        ("ok gotta run", "en", "chatter"),
        ("👍", "en", "chatter"),
        ("thanks!", "en", "chatter"),
        ("did the vote happen yet?", "en", "question"),
        ("It passed 7 to 2, Ortiz and Kim voted no", "en", "outcome"),
        ("The board approved the budget on Monday", "en", "outcome"),
        ("The Senate passed the budget 52-48", "en", "outcome"),
        ("if it passes, work starts in the spring", "en", ""),  # a maybe is no outcome
        ("the stadium would open in 2027 if the bonds sell", "en", ""),  # nor a next step
        ("800 jobs for $150M is about 190k per job", "en", "calculation"),
        ("42 speakers x 3 minutes = 126 minutes", "en", "calculation"),
        ("The hearing is next Tuesday at 6pm at City Hall", "en", "next"),
        ("we meet at 18:30 on March 5", "en", "next"),
        ("the meeting starts at 14:00", "en", "next"),  # a clock time is no vote of 14 to 0
        ("they're debating the stadium deal right now", "en", ""),
        ("jajaja", "es", "chatter"),
        ("El pleno aprobó el estadio por 15 a 10", "es", "outcome"),
        ("La audiencia es el próximo martes a las 18:00", "es", "next"),
        ("Der Rat hat das Stadion einstimmig beschlossen", "de", "outcome"),
        ("Die Anhörung ist am nächsten Dienstag um 18 Uhr", "de", "next"),
        ("Совет одобрил стадион: 7 против 2", "ru", "outcome"),
        ("Слушания в следующий вторник в 18:00", "ru", "next"),
        ("Le conseil a adopté le projet à l'unanimité", "fr", "outcome"),
        ("Meclis projeyi oybirliğiyle kabul etti", "tr", "outcome"),
        ("O conselho aprovou o estádio por 7 a 2", "pt", "outcome"),
        ("وافق المجلس على الملعب بالإجماع", "ar", "outcome"),
    ],
)
def test_what_a_message_does_in_a_conversation(text: str, language: str, kind: str) -> None:
    assert message_kind(text, language) == kind


BUDGET = [
    "did the budget vote happen yet?",
    "lol",
    "the budget vote was really close in the end, closer than anyone expected",
    "a 2% raise for 40,000 staff is about 800 dollars per person per year",
    "The Senate passed the budget 52 to 48 after a long night",
    "brb",
    "the house votes on the budget next Thursday",
    "what happens to the budget now?",
]


def test_the_outcome_then_the_next_step_lead_and_chatter_never_counts() -> None:
    found = catch_up(BUDGET, None, k=3)
    assert found.lead == (4, 6)  # what was decided, then what comes next
    assert 1 not in found.picked and 5 not in found.picked
    assert 1 not in found.said and 5 not in found.said and len(found.said) == 6
    assert 3 not in found.lead  # the side calculation states figures, yet never leads
    # without an outcome or a next step, the most central message leads alone
    talk = catch_up(BUDGET[:4], None, k=3)
    assert len(talk.lead) == 1 and talk.lead[0] in (0, 2)


def test_a_conversation_of_nothing_but_chatter_has_no_catch_up() -> None:
    found = catch_up(["brb", "lol", "ok", "🚀"], None, k=3)
    assert found.picked == [] and found.said == ()


def _index(tmp_path: Path, articles: list[Article]) -> PassageIndex:
    index = PassageIndex(tmp_path / "index")
    index.add_articles(articles)
    return index


def _council_news(day: int, text: str) -> Article:
    return Article(
        f"Council news {day}", dt.date(2024, 3, day), text, url=f"https://c{day}.example"
    )


COUNCIL = [
    _council_news(1, "The city council will vote on the new library budget next month."),
    _council_news(2, "A council vote on bus fares was delayed after a long debate."),
    _council_news(3, "The council approved new bike lanes in a late vote on Monday."),
    _council_news(4, "Voters will pick four council members in the city election in May."),
]
STADIUM_CHAT = [
    "the council vote on the stadium is tonight",
    "is the council really going to vote for the stadium?",
    "I think the council vote will be close",
    "the council vote passed, the stadium bonds go ahead",
    "Harbor Point finally gets its stadium after the council vote",
]


def test_related_news_needs_the_conversations_names_or_rare_words(tmp_path: Path) -> None:
    index = _index(tmp_path, COUNCIL)
    # "council" and "vote" are said most, and every council story holds them: not the topic
    assert related_articles(index, STADIUM_CHAT, as_of=dt.date(2024, 3, 10)) == []
    index.add_articles(
        [
            Article(
                "Harbor Point stadium vote",
                dt.date(2024, 3, 5),
                "The Harbor Point stadium plan goes to a council vote with 410 million dollars "
                "in bonds.",
                url="https://h.example",
            )
        ]
    )
    found = related_articles(index, STADIUM_CHAT, as_of=dt.date(2024, 3, 10))
    assert [hit.title for hit in found] == ["Harbor Point stadium vote"]
