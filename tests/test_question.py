"""retrieval.question: question forms and answer types, terms, phrases and limits of a query."""

from __future__ import annotations

import datetime as dt

import pytest

from retrieval.question import MAX_QUERY_CHARS, MAX_QUERY_TERMS, build_query
from retrieval.timewords import QUESTION_CHARS, TimeScope
from retrieval.tokenize import content_words, tokenize

AS_OF = dt.date(2024, 6, 15)


def _terms(text: str) -> list[str]:
    """The stemmed content words of ``text``, each once, in order."""
    return list(dict.fromkeys(content_words(text)))


# question, wants, wants_fact, wants_number
FORMS = [
    ("Who won the election?", "person", True, False),
    ("Whom did the court fine?", "person", True, False),
    ("Whose plan passed?", "person", True, False),
    ("Where did the storm land?", "place", True, False),
    ("Which country hosted the summit?", "place", True, False),
    ("What European city banned cars?", "place", True, False),
    ("Which island was evacuated?", "place", True, False),
    ("When did the bridge open?", "time", True, True),
    ("What year did the war end?", "time", True, True),
    ("What date is the vote?", "time", True, True),
    ("How long did the strike last?", "time", True, True),
    ("How many people were hurt?", "number", True, True),
    ("How much did it cost?", "number", True, True),
    ("How old is the senator?", "number", True, True),
    ("What percentage voted yes?", "number", True, True),
    ("What price did the shares reach?", "number", True, True),
    ("What did the minister say?", "", True, False),
    ("How did the team win?", "", True, False),
    ("Name the new prime minister:", "", True, False),  # a quiz prompt
    ("Why did the bank fail?", "", False, False),
    ("Did the bank fail?", "", False, False),
    ("bank failure", "", False, False),
    ("WHO WON THE ELECTION?", "person", True, False),
    ("Somewhere a whole town flooded", "", False, False),  # "where", "who" inside words
]


@pytest.mark.parametrize(("question", "wants", "wants_fact", "wants_number"), FORMS)
def test_question_forms(question: str, wants: str, wants_fact: bool, wants_number: bool) -> None:
    query = build_query(question, AS_OF)
    assert (query.wants, query.wants_fact, query.wants_number) == (wants, wants_fact, wants_number)


def test_a_query_keeps_the_text_and_date_and_takes_out_time_words() -> None:
    query = build_query("  Who won   the floods award in June 2019? ", AS_OF)
    assert query.text == "Who won the floods award in June 2019?"
    assert query.ref_date == AS_OF
    assert query.scope == TimeScope(dt.date(2019, 6, 1), dt.date(2019, 6, 30), True)
    assert query.terms == _terms("won the floods award")
    assert "2019" not in query.terms


def test_terms_are_content_words_once_each_in_order() -> None:
    query = build_query("floods and more floods in the valley, flooding the valley", AS_OF)
    assert query.terms == _terms("floods valley flooding")
    assert len(query.terms) == len(set(query.terms))
    assert "the" not in query.terms and "and" not in query.terms


@pytest.mark.parametrize(
    ("question", "present"),
    [
        ("What is the latest on the strike?", True),
        ("Who leads today?", True),
        ("Who led in 2019?", False),
        ("Who led yesterday?", False),
    ],
)
def test_present(question: str, present: bool) -> None:
    assert build_query(question, AS_OF).present is present


def test_a_long_paste_is_not_about_now_and_keeps_its_words() -> None:
    pasted = ("The latest floods today hit the valley in August 1992. " * 8).strip()
    assert len(pasted) > QUESTION_CHARS
    query = build_query(pasted + " What happened?", AS_OF)
    assert query.present is False
    assert query.scope is None  # the article's dates do not filter
    assert set(_terms("floods valley august")) <= set(query.terms)


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("What did S-400 and COVID-19 do?", (("s", "400"), ("covid", "19"))),
        ('Tell me about "climate change deal"', (tuple(tokenize("climate change deal")),)),
        ("the Dow/Nasdaq close", (("dow", "nasdaq"),)),
        ('a single "word" quoted', ()),  # one word is no phrase
        ('"one two three four five six seven" is too long', ()),
        ("a-b c-d e-f g-h i-j k-l", (("a", "b"), ("c", "d"), ("e", "f"), ("g", "h"))),  # at most 4
        ("COVID-19 then COVID-19 again", (("covid", "19"),)),  # once each
        ("no phrases here", ()),
    ],
)
def test_phrases(question: str, phrases: tuple[tuple[str, ...], ...]) -> None:
    assert build_query(question, AS_OF).phrases == phrases


def test_phrases_skip_time_words() -> None:
    query = build_query("rates since 2024-01-05 for state-owned banks", AS_OF)
    assert query.phrases == (tuple(tokenize("state-owned")),)
    assert all("2024" not in phrase for phrase in query.phrases)


WORDS = [f"zork{chr(ord('a') + i // 26)}{chr(ord('a') + i % 26)}x" for i in range(40)]


def test_long_questions_keep_max_query_terms_in_order_without_frequencies() -> None:
    assert len(_terms(" ".join(WORDS))) == 40  # every made-up word is a term of its own
    query = build_query(" ".join(WORDS), AS_OF)
    assert query.terms == _terms(" ".join(WORDS))[:MAX_QUERY_TERMS]


def test_long_questions_keep_their_rarest_terms() -> None:
    stems = _terms(" ".join(WORDS))
    frequency = {term: 1000 - i for i, term in enumerate(stems)}  # later words are rarer
    query = build_query(" ".join(WORDS), AS_OF, doc_freq=frequency.__getitem__)
    assert query.terms == sorted(stems, key=frequency.__getitem__)[:MAX_QUERY_TERMS]
    assert stems[-1] in query.terms and stems[0] not in query.terms


def test_short_questions_are_not_reordered_by_frequency() -> None:
    stems = _terms("floods hit the valley")
    query = build_query("floods hit the valley", AS_OF, doc_freq=lambda term: -len(term))
    assert query.terms == stems


def test_the_text_is_cut_at_max_query_chars_before_anything_else() -> None:
    question = "word " * MAX_QUERY_CHARS + "zebra"
    query = build_query(question, AS_OF)
    assert len(query.text) <= MAX_QUERY_CHARS
    assert "zebra" not in query.text
    assert not any("zebra" in term for term in query.terms)
