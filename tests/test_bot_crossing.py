"""No dead ends across languages, through the bot (fake Bot API server): a German and a
Spanish question answered from English reports, labelled with their language; inline, a
German word finds the English articles (issue 26, item 2)."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running, write_jsonl
from .fake_telegram import FakeTelegram
from .telegram_html import check_html
from .test_bot_inline import _answer, _results

ASKED = dt.date(2023, 6, 20)


def _records() -> list[dict[str, str]]:
    english = [
        (
            "Argentina win the World Cup",
            "2022-12-18",
            "Argentina won the World Cup final against France on penalties in Lusail. "
            "Lionel Messi scored twice in a 3-3 draw before the shoot-out.",
        ),
        (
            "Bristol elects Jane Porter as mayor",
            "2023-05-06",
            "Jane Porter of Labour won the Bristol mayoral election with 41 percent of the vote. "
            "Turnout was 36 percent, the city council said.",
        ),
        (
            "Floods hit the city of Leeds",
            "2023-06-12",
            "Heavy rain flooded parts of Leeds on Friday after the River Aire burst its banks. "
            "About 300 homes were evacuated, the fire service said.",
        ),
    ]
    spanish = [
        (
            "Inauguran el nuevo puente de Sevilla",
            "2023-06-10",
            "El nuevo puente sobre el Guadalquivir en Sevilla fue inaugurado el sábado. La obra "
            "costó 95 millones de euros y mide 820 metros.",
        ),
        (
            "Terremoto en el sur de Chile",
            "2023-05-03",
            "Un terremoto de magnitud 6,8 sacudió el sur de Chile el miércoles por la mañana. "
            "No hubo víctimas, según las autoridades.",
        ),
    ]
    return [
        {
            "id": f"{language}{i}",
            "title": title,
            "date": day,
            "url": f"https://news.example.com/{language}/{i}",
            "language": language,
            "text": text,
        }
        for language, written in (("en", english), ("es", spanish))
        for i, (title, day, text) in enumerate(written)
    ]


@pytest.fixture
def library(tmp_path: Path) -> Library:
    built = Library(tmp_path / "data", seed=False)
    built.ingest([write_jsonl(tmp_path / "news.jsonl", _records())])
    return built


@pytest.fixture
async def bot(fake: FakeTelegram, library: Library, tmp_path: Path) -> AsyncIterator[Any]:
    async with running(build_application(make_settings(fake, tmp_path / "data"), library)) as app:
        yield app


async def _ask(fake: FakeTelegram, chat_id: int, text: str, language: str) -> str:
    before = len(fake.sent(chat_id=chat_id))
    noon = dt.datetime.combine(ASKED, dt.time(12), tzinfo=dt.UTC)
    fake.message(chat_id, text, user_id=chat_id, language=language, date=int(noon.timestamp()))
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    return check_html(sent[-1]["text"])


async def test_a_german_question_is_answered_from_english_reports(
    fake: FakeTelegram, bot: Any
) -> None:
    visible = await _ask(fake, 801, "Wer hat die Fußball-Weltmeisterschaft gewonnen?", "de")
    assert visible.startswith("Meine Sammlung enthält nichts in deiner Sprache")
    assert "[English] Argentina won the World Cup final" in visible
    assert "Frag auf Englisch, um diese Berichte direkt zu durchsuchen." in visible


async def test_a_spanish_question_is_answered_from_english_reports(
    fake: FakeTelegram, bot: Any
) -> None:
    visible = await _ask(fake, 802, "¿Quién ganó las elecciones a la alcaldía de Bristol?", "es")
    assert visible.startswith("Mi colección no tiene nada en tu idioma")
    assert "[English] Jane Porter of Labour won the Bristol mayoral election" in visible
    assert "Sevilla" not in visible  # its own language's closest article answers nothing


async def test_a_question_in_a_language_that_answers_stays_in_it(
    fake: FakeTelegram, bot: Any
) -> None:
    visible = await _ask(fake, 803, "¿Cuánto costó el nuevo puente de Sevilla?", "es")
    assert "95 millones" in visible and "[English]" not in visible


async def test_inline_a_german_word_finds_the_english_articles(
    fake: FakeTelegram, bot: Any
) -> None:
    results = _results(await _answer(fake, "Weltmeisterschaft"))
    assert results[0]["title"] == "Argentina win the World Cup"
    assert results[0]["description"].startswith("[English] ")  # found in another language
