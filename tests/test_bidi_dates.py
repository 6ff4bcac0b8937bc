"""Dates in the user's locale, retrieval's notes worded in it, and right-to-left sentences
isolated inside our HTML."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from bot.i18n import translator
from bot.render.bidi import FSI, PDI, has_rtl, isolate
from bot.render.notes import note_text
from retrieval import Note, NoteKind
from retrieval.timewords import news_end_notice

ARABIC = "قالت الحكومة إن المحادثات ستستأنف في 3 يونيو."
HEBREW = "הממשלה אמרה כי השיחות יתחדשו."


def paragraph_direction(line: str) -> str:
    """Unicode bidi rules P2-P3: the first strong letter outside isolates sets the direction
    of the line ("L" when there is none)."""
    depth = 0
    for char in line:
        if char in "\u2066\u2067\u2068":
            depth += 1
        elif char == PDI:
            depth = max(depth - 1, 0)
        elif depth == 0 and (kind := unicodedata.bidirectional(char)) in ("L", "R", "AL"):
            return "L" if kind == "L" else "R"
    return "L"


def rtl_outside_isolates(text: str) -> str:
    """The right-to-left letters not inside an isolate."""
    depth, outside = 0, []
    for char in text:
        if char == FSI:
            depth += 1
        elif char == PDI:
            depth = max(depth - 1, 0)
        elif depth == 0 and has_rtl(char):
            outside.append(char)
    return "".join(outside)


def test_left_to_right_text_is_left_alone() -> None:
    assert isolate("The Texas Rangers won.") == "The Texas Rangers won."
    assert isolate("") == ""


def test_arabic_and_hebrew_are_isolated_and_keep_our_line_left_to_right() -> None:
    for sentence in (ARABIC, HEBREW, f"Talks with {HEBREW}"):
        line = f"• {isolate(sentence)} <i>2019-07-01 · <a href='https://bbc.com/x'>bbc.com</a></i>"
        assert paragraph_direction(line) == "L"
        assert not rtl_outside_isolates(line)
        # without isolation the same line starts right-to-left and drags the date along
        assert paragraph_direction(f"• {ARABIC} 2019-07-01") == "R"


def test_stray_isolate_marks_in_article_text_cannot_unbalance_ours() -> None:
    wrapped = isolate(f"{PDI}{ARABIC}{FSI}\u2067")
    assert wrapped.count(FSI) == 1 and wrapped.count(PDI) == 1
    assert wrapped.startswith(FSI) and wrapped.endswith(PDI)


@given(st.lists(st.sampled_from([ARABIC, HEBREW, "Rangers", "2019", " · ", FSI, PDI]), max_size=8))
def test_every_right_to_left_letter_ends_up_inside_an_isolate(pieces: list[str]) -> None:
    line = "• " + isolate("".join(pieces)) + " 2019-07-01"
    assert not rtl_outside_isolates(line)
    assert paragraph_direction(line) == "L"


def test_dates_follow_the_language() -> None:
    day = dt.date(2023, 11, 2)
    assert translator("en").date(day) == "2023-11-02"
    assert translator("de").date(day) == "02.11.2023"
    assert translator("ru").date(day).startswith("2 нояб. 2023")
    assert translator("es").date(day) == "2 nov 2023"


def test_retrieval_notes_are_worded_with_their_dates() -> None:
    last = dt.date(2023, 12, 18)
    ends = news_end_notice(None, True, dt.date(2024, 6, 1), last)
    assert ends == Note(kind=NoteKind.NEWS_ENDS, day=last)  # a fact, not a sentence
    assert note_text(ends, translator("en")) == "My news ends on 18 Dec 2023."
    assert note_text(ends, translator("de")) == "Meine Nachrichten reichen bis zum 18.12.2023."
    assert "18 дек. 2023" in note_text(ends, translator("ru"))
    nothing = Note(kind=NoteKind.NO_TOPIC_MATCH)
    assert note_text(nothing, translator("es")) == "Nada en la colección coincide con ese tema."
    assert note_text(None, translator("ru")) == ""


def test_every_kind_of_note_is_worded_in_every_language() -> None:
    for language in ("en", "de", "es", "ru", "pt", "fr", "tr", "ar"):
        t = translator(language)
        for kind in NoteKind:
            said = note_text(Note(kind=kind, day=dt.date(2023, 12, 18)), t)
            assert said and "{" not in said
            if language != "en":
                assert said != note_text(Note(kind=kind, day=dt.date(2023, 12, 18))), kind
