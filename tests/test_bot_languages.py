"""A mixed collection through the bot (real Application, fake Bot API server): the seed plus
the hand-written Russian, Spanish and Arabic articles of tests/lang. Each language's question
gets sentences of its own language; a question in a language the collection lacks gets the
honest message in that language (from its catalog: the bot speaks every collection language),
and what other languages hold, labelled."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

LANG = Path(__file__).parent / "lang"
PRIVATE = 1001
IN_COLLECTION = ("ru", "es", "ar", "en")


@pytest.fixture
def mixed_library(tmp_path: Path) -> Library:
    library = Library(tmp_path / "data")  # the seed goes in first
    library.ingest([LANG / f"{code}.articles.jsonl" for code in IN_COLLECTION])
    return library


@pytest.fixture
async def mixed_bot(
    fake: FakeTelegram, mixed_library: Library, tmp_path: Path
) -> AsyncIterator[Any]:
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, mixed_library)) as app:
        yield app


def _articles(code: str) -> int:
    return len((LANG / f"{code}.articles.jsonl").read_text(encoding="utf-8").splitlines())


async def ask(fake: FakeTelegram, question: str) -> str:
    fake.message(PRIVATE, question)
    sent = await fake.wait_sent(chat_id=PRIVATE)
    return check_html(sent[-1]["text"])


@pytest.mark.parametrize(
    ("question", "expected", "foreign"),
    [
        ("Сколько стоило строительство моста в Самаре?", "42 миллиарда", ("Sevilla", "Thames")),
        ("¿Quién cortó la cinta en la inauguración del puente?", "Sanz", ("Самар", "Thames")),
        ("كم بلغت تكلفة الجسر الجديد في القاهرة؟", "3 مليارات", ("Sevilla", "Самар")),
    ],
)
async def test_each_language_answered_from_its_own_articles(
    fake: FakeTelegram, mixed_bot: Any, question: str, expected: str, foreign: tuple[str, ...]
) -> None:
    visible = await ask(fake, question)
    assert expected in visible
    assert not any(word in visible for word in foreign)
    assert "[" not in visible  # no language labels: the answer is in the question's language


async def test_language_the_collection_lacks_gets_the_honest_message(
    fake: FakeTelegram, mixed_bot: Any
) -> None:
    visible = await ask(fake, "Was hat Sadiq Khan bei der Eröffnung der Brücke gemacht?")
    assert visible.startswith("Meine Sammlung enthält nichts in deiner Sprache")
    assert "Berichte in anderen Sprachen" in visible
    assert "[English] Mayor Sadiq Khan cut the ribbon" in visible


async def test_honest_message_in_the_question_language_whatever_the_users_app_speaks(
    fake: FakeTelegram, mixed_bot: Any
) -> None:
    visible = await ask(fake, "Quem cortou a fita na inauguração da ponte do rio Douro?")
    assert visible.startswith("Minha coleção não tem nada no seu idioma")


async def test_stats_counts_articles_per_language(fake: FakeTelegram, mixed_bot: Any) -> None:
    visible = await ask(fake, "/stats")
    written = {code: _articles(code) for code in IN_COLLECTION}
    assert f"English {written['en'] + 1}" in visible  # the seed and the written articles
    # Arabic's name is isolated (FSI ... PDI): the count stays beside it.
    for code, label in (("ru", "Русский"), ("es", "Español"), ("ar", "\u2068العربية\u2069")):
        assert f"{label} {written[code]}" in visible


def test_lookup_and_summaries_search_the_question_language(mixed_library: Library) -> None:
    """Inline lookup and /summary follow the rule of answers: the topic's language first."""
    as_of = dt.date(2023, 6, 12)
    found = mixed_library.lookup("puente Guadalquivir inaugurado", as_of=as_of)
    assert found and {hit.source for hit in found} == {"Diario de Sevilla"}
    summary = mixed_library.summarize("мост через Волгу", as_of=as_of)
    assert summary.sentences
    assert all(s.language == "ru" for s in summary.sentences)
