"""An article's text as given, kept without a copy (schema 8): its passages store its sentences,
the first passage a layout of what they lack, and export rebuilds the text exactly from them."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from retrieval import Article
from retrieval.documents import PassageDocument, passage_documents, stored_article
from retrieval.segment import MAX_PASSAGE_CHARS, paragraphs
from retrieval.text_layout import rebuild_text

DAY = dt.date(2024, 3, 4)
LONG = " ".join(f"The bridge's pier number {n} was inspected and found sound." for n in range(40))
GALLERY = (
    "CNN —\n"
    "Sign up for our newsletter. The council approved the new bridge on Monday.\n"
    "The vote was close. 4. It passed 7 to 2 in favour of the plan.\n"
    "Work starts in spring, the mayor said. Read more: Bridge plans stall again\n"
    "\n"
    "Hide Caption 4 of 9\n"
    f"{LONG}\n"
    "UP NEXT"
)


def _documents(text: str) -> list[PassageDocument]:
    return passage_documents(Article(title="Bridge", date=DAY, text=text), 1).documents


def test_the_first_passage_keeps_a_layout_of_a_few_bytes_not_a_copy() -> None:
    documents = _documents(GALLERY)
    first = documents[0]
    assert first["text"] == ""
    assert len(LONG) > MAX_PASSAGE_CHARS  # cut in two passages: the second continues it
    assert first["layout"].split("\n") == [
        "1:fk",  # the newsletter line, then the news: not the usual order (furniture last)
        "2:kfk",  # "4." between two sentences
        "4=Hide Caption 4 of 9",  # nothing but furniture: no document of its own
        "6+",
        "7=UP NEXT",
    ]
    given_text = "\n".join(paragraphs(GALLERY))
    assert rebuild_text(documents[::-1]) == given_text  # any order
    assert stored_article(documents).text == given_text
    assert all(doc["text"] == "" and doc["layout"] == "" for doc in documents[1:])


def test_a_text_the_passages_cannot_give_back_is_kept_whole() -> None:
    # A paragraph without spaces (as Chinese or Japanese text may be) is cut where no space
    # was: joining its passages with one would not give it back.
    text = "字" * (MAX_PASSAGE_CHARS * 2) + "\nThe second paragraph says more."
    documents = _documents(text)
    assert documents[0]["text"] == text and documents[0]["layout"] == ""
    assert rebuild_text(documents) == text


SENTENCES = [
    "The council approved the new bridge on Monday.",
    "It passed 7 to 2.",
    "Mr. Smith, the U.S. envoy, arrived at 5 p.m. on Jan. 3.",
    "«Wir sind bereit», sagte sie am 20. November.",
    "Hide Caption 3 of 9",
    "Sign up for our newsletter.",
    "4.",
    "(AP Photo/John Smith)",
    "Read more: Bridge plans stall again",
    "UP NEXT",
    "“Why now?” he asked…",
]
_SPACE = st.sampled_from([" ", "  ", "\t", " \u00a0"])
_SENTENCE = st.one_of(st.sampled_from(SENTENCES), st.text(min_size=1, max_size=40))
_PARAGRAPH = st.builds(
    lambda pieces, space: space.join(pieces),
    st.lists(_SENTENCE, min_size=1, max_size=60),
    _SPACE,
)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(_PARAGRAPH, min_size=1, max_size=8),
    st.sampled_from(["\n", "\n\n", " \n \n"]),
    st.sampled_from(["en", "de", "fr", ""]),
)
def test_any_text_is_given_back_exactly(texts: list[str], newline: str, language: str) -> None:
    text = newline.join(texts)
    article = Article(title="T", date=DAY, text=text, language=language)
    documents = passage_documents(article, 1).documents
    if not documents:  # nothing but white space: no article
        assert not paragraphs(text)
        return
    assert rebuild_text(documents) == "\n".join(paragraphs(text))
