"""Questions carried into another language: the concept lexicon, names, numbers and cognates
the collection holds (retrieval/lexicon.py, retrieval/crossing.py)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from benchmarks.lexicon_check import shape
from retrieval.crossing import carried_words, cross_query, source_languages
from retrieval.lexicon import _read_rows, lexicon
from retrieval.question import build_query

AS_OF = dt.date(2023, 6, 30)
BOT_LANGUAGES = ("de", "es", "fr", "pt", "ru", "tr", "ar")


def _english(words: str, code: str) -> list[list[str]]:
    """Each run the lexicon knows, as its concepts' English words (each once)."""
    split = re.findall(r"[^\W_]+", words)
    lex = lexicon()
    return [
        list(dict.fromkeys(lex.expressions(c, "en")[0] for c in m.concepts))
        for m in lex.match(split, code)
    ]


def _everything(term: str) -> int:
    return 1  # a collection that holds every term


def test_every_bot_language_has_its_column_and_words_in_its_script() -> None:
    rows = _read_rows()
    assert len(rows) > 700
    for code in BOT_LANGUAGES:
        assert sum(1 for row in rows if code in row) > 0.9 * len(rows), code
    problems, _ = shape(rows)
    assert problems == []


@pytest.mark.parametrize(
    ("words", "code", "english"),
    [
        ("Weltmeisterschaft gewonnen", "de", [["world cup"], ["win"]]),
        ("ganó el Mundial", "es", [["win"], ["world cup"]]),
        ("la Coupe du monde", "fr", [["world cup"]]),
        ("Dünya Kupası kazandı", "tr", [["world cup"], ["win"]]),  # "kazan" + a past ending
        ("بكأس العالم", "ar", [["world cup"]]),  # the preposition glued to the noun
        ("выиграл чемпионат мира", "ru", [["win"], ["world cup"]]),  # a lemma, then a phrase
        ("más jóvenes", "es", [["young"]]),  # the plural the stemmer leaves apart
        ("Südkorea", "de", [["South Korea"]]),  # a country name from CLDR
    ],
)
def test_lexicon_reads_each_language(words: str, code: str, english: list[list[str]]) -> None:
    assert _english(words, code) == english


def test_a_german_compound_of_two_known_words() -> None:
    found = _english("Präsidentschaftswahl", "de")
    assert found and {"election", "presidency"} <= set(found[0])


def test_carried_words_keep_names_numbers_and_the_collection_s_cognates() -> None:
    known = {"inflat": 3, "biden": 5}.get

    def holds(term: str) -> int:
        return known(term) or 0

    words = ["Hat", "Biden", "die", "Inflación", "2022", "gesenkt", "Xylophonie"]
    carried = carried_words(words, "es", "en", holds)
    assert "Biden" in carried and "2022" in carried
    assert "inflacion" not in carried and any(w.startswith("inflation") for w in carried)
    assert not any("xylo" in w.lower() for w in carried)  # a guess the collection lacks


def test_a_russian_name_in_latin_letters_when_the_collection_holds_it() -> None:
    def holds(term: str) -> int:
        return int(term in {"zelenski", "biden"})

    query = build_query("Что сказали Зеленский и Байден?", AS_OF, language="ru")
    crossed = cross_query(query, "en", holds)
    assert crossed is not None
    assert set(crossed.terms) == {"zelenski", "biden"}


def test_a_crossed_query_keeps_the_dates_and_the_form_of_the_question() -> None:
    query = build_query("¿Quién ganó el Mundial en diciembre de 2022?", AS_OF, language="es")
    crossed = cross_query(query, "en", _everything)
    assert crossed is not None and crossed.language == "en"
    assert {"win", "world", "cup"} <= set(crossed.terms)
    assert ("world", "cup") in crossed.phrases
    assert crossed.scope == query.scope and crossed.scope is not None
    assert crossed.wants == query.wants and crossed.wants_fact


def test_nothing_carries_when_nothing_is_known() -> None:
    query = build_query("¿Qué pasa con los zarandajos?", AS_OF, language="es")
    assert cross_query(query, "en", lambda term: 0) is None


def test_a_word_too_short_to_tell_its_language_is_read_by_the_lexicon_that_knows_it() -> None:
    query = build_query("Weltmeisterschaft", AS_OF, fallback_language="en")
    assert not query.language_sure
    assert source_languages(query) == ["de"]
    assert source_languages(build_query("Tesla", AS_OF, fallback_language="en")) == []
