"""Rendering: HTML escaping, safe links, Telegram's length limit, JSON shape."""

from __future__ import annotations

import datetime as dt
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.render import answer_json, render_answer_html, render_answer_text, split_message
from retrieval import Answer, AnswerSentence, Note, NoteKind

from .test_bot_questions import check_html


def _answer(texts: list[str], url: str = "https://example.com/a?b=1&c=<2>") -> Answer:
    return Answer(
        question="q <b>?",
        as_of=dt.date(2020, 1, 1),
        sentences=[
            AnswerSentence(
                text=t,
                date=dt.date(2019, 7, 1),
                title="T & <i>",
                url=url,
                source="example.com",
                score=1.0,
            )
            for t in texts
        ],
    )


def test_html_escapes_article_text_and_links() -> None:
    text = render_answer_html(_answer(['<script>alert("x")</script> & more']))
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert 'href="https://example.com/a?b=1&amp;c=&lt;2&gt;"' in text
    assert "2019-07-01" in check_html(text)


def test_unsafe_urls_are_not_linked() -> None:
    text = render_answer_html(_answer(["fine"], url="javascript:alert(1)"))
    assert "<a " not in text
    check_html(text)


def test_length_limit_with_huge_sentences() -> None:
    text = render_answer_html(_answer(["word " * 3000] * 10))
    assert len(text) <= 4096
    check_html(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=3000), min_size=1, max_size=8), st.text(max_size=300))
def test_any_text_renders_valid_html(texts: list[str], url: str) -> None:
    check_html(render_answer_html(_answer(texts, url=url)))


def test_json_shape() -> None:
    payload = json.loads(answer_json(_answer(["one"])))
    assert payload["question"] == "q <b>?"
    assert set(payload["sentences"][0]) >= {"text", "date", "title", "url", "score"}


def test_text_and_nothing_found() -> None:
    empty = Answer(question="q", as_of=dt.date(2020, 1, 1), note=Note(kind=NoteKind.NO_MATCH))
    nothing = "Nothing in the collection matches that question."
    assert render_answer_text(empty) == nothing
    assert nothing in render_answer_html(empty)


def test_split_message_keeps_blocks_whole() -> None:
    blocks = ["a" * 3000, "b" * 3000, "c" * 10]
    assert split_message(blocks, limit=4096) == ["a" * 3000, "b" * 3000 + "\n\n" + "c" * 10]


def test_the_add_report_counts_the_rejections_it_does_not_list_in_the_languages_plural() -> None:
    from bot.i18n import translator
    from bot.render import MAX_REJECTIONS_SHOWN, ingest_report
    from retrieval import IngestReport, Rejection

    def report(rejected: int) -> IngestReport:
        lines = [Rejection("batch.jsonl", n, "no title") for n in range(1, rejected + 1)]
        return IngestReport(added=1, rejections=lines)

    shown = ingest_report(report(MAX_REJECTIONS_SHOWN + 1))
    assert shown.count("• ") == MAX_REJECTIONS_SHOWN
    assert shown.endswith("… and 1 more rejection.")
    assert ingest_report(report(MAX_REJECTIONS_SHOWN + 3)).endswith("… and 3 more rejections.")
    russian = translator("ru")
    assert ingest_report(report(MAX_REJECTIONS_SHOWN + 1), russian).endswith("ещё 1 отказ.")
    assert ingest_report(report(MAX_REJECTIONS_SHOWN + 5), russian).endswith("ещё 5 отказов.")
