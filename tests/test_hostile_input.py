"""Property-based: any text through rendering and through the real handlers.

Rendering is checked on many examples (cheap); the handlers on batches of generated updates,
each batch through the real Application and the fake Bot API server.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.app import build_application
from bot.render import (
    render_answer_html,
    render_article_card,
    render_article_description,
    render_catch_up,
    render_summary,
)
from bot.state import ChatMessage
from retrieval import Answer, AnswerSentence, ArticleHit, Library, Note, NoteKind, Summary

from .conftest import SMALL_CORPUS, handled, make_settings, running, write_jsonl
from .fake_telegram import PHOTO, STICKER, FakeTelegram
from .telegram_html import check_html

# Text as people paste it: every plane, control characters, RTL marks, zero-width joiners,
# combining marks, astral emoji, HTML-like text.
NASTY = st.sampled_from(
    ["\u202e", "\u200d", "\u200b", "\u0301", "\x00", "\x1b[31m", "<b>", "</a>", "&amp;",
     "<script>alert(1)</script>", "👨‍👩‍👧", "🏳️‍🌈", "𝕏", "\ufeff", "\r\n", "'\"", "S-400"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=12).map("".join)
URL = st.one_of(
    st.just(""),
    st.just("javascript:alert(1)"),
    st.just('https://example.com/a?b=<c>&d="e"'),
    st.text(max_size=30),
)
DAY = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))


def _sentence(text: str, title: str, url: str, day: dt.date) -> AnswerSentence:
    return AnswerSentence(text=text, date=day, title=title, url=url, source=title[:20])


SENTENCES = st.lists(st.builds(_sentence, TEXT, TEXT, URL, DAY), max_size=8)


@settings(max_examples=300, deadline=None)
@given(
    question=TEXT,
    sentences=SENTENCES,
    note=st.builds(Note, kind=st.sampled_from(list(NoteKind)), day=DAY) | st.none(),
)
def test_answers_render_as_valid_telegram_html(
    question: str, sentences: list[AnswerSentence], note: Note | None
) -> None:
    answer = Answer(question=question, as_of=dt.date(2024, 1, 1), sentences=sentences, note=note)
    check_html(render_answer_html(answer))


@settings(max_examples=200, deadline=None)
@given(title=TEXT, url=URL, sentences=st.lists(TEXT, max_size=4), day=DAY)
def test_article_cards_render_as_valid_html(
    title: str, url: str, sentences: list[str], day: dt.date
) -> None:
    hit = ArticleHit("k", title, day, url, title[:10], sentences)
    check_html(render_article_card(hit))
    assert len(render_article_description(hit)) <= 200


@settings(max_examples=150, deadline=None)
@given(sentences=SENTENCES, topic=TEXT, names=st.lists(TEXT, min_size=1, max_size=6))
def test_summaries_and_catch_ups_render_within_limits(
    sentences: list[AnswerSentence], topic: str, names: list[str]
) -> None:
    days = [s.date for s in sentences]
    summary = Summary(
        topic=topic,
        sentences=sentences,
        articles=len(sentences),
        first_date=min(days, default=None),
        last_date=max(days, default=None),
    )
    for part in render_summary(summary, f"Summary: {topic}"):
        check_html(part)
    messages = [
        ChatMessage(-1, i, 0, i, name, 1_700_000_000 + i, name * 50) for i, name in enumerate(names)
    ]
    related = [ArticleHit("k", s.title, s.date, s.url, s.source, [s.text]) for s in sentences[:3]]
    from zoneinfo import ZoneInfo

    for part in render_catch_up(messages[:1], messages[1:], messages, related, ZoneInfo("UTC")):
        check_html(part)


# -- through the real handlers --------------------------------------------------------------

ENTITY = st.fixed_dictionaries(
    {
        "type": st.sampled_from(["mention", "bold", "text_mention", "bot_command", "url"]),
        "offset": st.integers(-5, 5000),
        "length": st.integers(0, 5000),
    }
).map(lambda e: {**e, "user": {"id": 777000, "is_bot": True, "first_name": "B"}}
      if e["type"] == "text_mention" else e)  # fmt: skip

MESSAGE = st.fixed_dictionaries(
    {
        "text": st.one_of(
            TEXT,
            st.just(None),
            # As long as Telegram allows: a short piece repeated up to 4,096 characters.
            st.builds(lambda piece: ((piece or "x") * 4096)[:4096], st.text(max_size=8)),
        ),
        "kind": st.sampled_from(["private", "private", "group", "supergroup"]),
        "entities": st.lists(ENTITY, max_size=3),
        "extra": st.sampled_from(
            [
                {},
                {"sticker": STICKER},
                {"photo": PHOTO},
                {"photo": PHOTO, "caption": "What about S-400 sanctions?"},
                {"forward_origin": {"type": "hidden_user", "date": 0, "sender_user_name": "X"}},
                {"update_type": "edited_message"},
                {"update_type": "channel_post"},
            ]
        ),
    }
)


@pytest.fixture(scope="module")
def shared_library(tmp_path_factory: pytest.TempPathFactory) -> tuple[Library, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    library = Library(folder / "data")
    library.ingest([write_jsonl(folder / "small.jsonl", SMALL_CORPUS)])
    return library, folder


def _expects_one_reply(spec: dict[str, Any]) -> bool:
    """Private, new, text messages are questions (or commands): each gets one reply."""
    return (
        spec["kind"] == "private"
        and bool(spec["text"])  # Telegram never sends an empty text
        and spec["extra"].get("update_type") is None
        and "sticker" not in spec["extra"]
        and "photo" not in spec["extra"]
    )


async def _run_batch(
    library: Library,
    data_dir: Path,
    specs: list[dict[str, Any]],
    queries: list[str],
    presses: list[str],
) -> None:
    fake = FakeTelegram()
    await fake.start()
    settings_ = make_settings(fake, data_dir, user_rate=10_000, user_burst=1000, chat_rate=20)
    try:
        async with running(build_application(settings_, library)) as app:
            expected: dict[int, int] = {}
            for n, spec in enumerate(specs):
                chat_id = 5000 + n if spec["kind"] == "private" else -5000 - n
                extra = dict(spec["extra"])
                update_type = extra.pop("update_type", "message")
                fake.message(
                    chat_id,
                    spec["text"],
                    kind="channel" if update_type == "channel_post" else spec["kind"],
                    entities=spec["entities"],
                    update_type=update_type,
                    **extra,
                )
                if _expects_one_reply(spec):
                    expected[chat_id] = 1
            for query in queries:
                fake.inline_query(query)
            for data in presses:
                fake.push(
                    {
                        "callback_query": {
                            "id": f"cb{len(data)}",
                            "from": {"id": 1, "is_bot": False, "first_name": "A"},
                            "chat_instance": "ci",
                            "data": data,
                        }
                    }
                )
            await fake.wait_sent(sum(expected.values()), timeout=30)
            await fake.wait_sent(len(queries), method="answerInlineQuery", timeout=30)
            await fake.wait_sent(len(presses), method="answerCallbackQuery", timeout=30)
            await handled(fake, app)
    finally:
        await fake.stop()
    replies: dict[int, int] = {}
    for call in fake.sent():
        check_html(call["text"])
        assert not call["text"].startswith("Sorry"), call["text"]  # no handler failed
        replies[int(call["chat_id"])] = replies.get(int(call["chat_id"]), 0) + 1
    for chat_id, count in expected.items():
        assert replies.get(chat_id) == count, (chat_id, replies.get(chat_id))
    for call in fake.sent("answerInlineQuery"):
        for result in call["results"]:
            check_html(result["input_message_content"]["message_text"])
    assert len(fake.sent("answerInlineQuery")) == len(queries)
    assert len(fake.sent("answerCallbackQuery")) == len(presses)


@pytest.mark.slow
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(
    specs=st.lists(MESSAGE, min_size=5, max_size=15),
    queries=st.lists(st.text(max_size=256), max_size=5),
    presses=st.lists(st.text(max_size=64), max_size=3),
)
def test_any_updates_get_sensible_replies_and_never_an_error(
    shared_library: tuple[Library, Path],
    specs: list[dict[str, Any]],
    queries: list[str],
    presses: list[str],
) -> None:
    library, folder = shared_library
    asyncio.run(_run_batch(library, folder / "data", specs, queries, presses))
