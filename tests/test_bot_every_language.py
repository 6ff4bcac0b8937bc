"""Every collection language spoken through the bot (real Application, fake Bot API server):
for a user whose Telegram speaks it, /start, a question answered from that language's
articles, a refusal and a plural, all in that language; Arabic laid out right to left."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from bot.app import build_application
from retrieval import Library

from .conftest import make_settings, running
from .fake_telegram import FakeTelegram
from .telegram_html import check_html

SETS = Path(__file__).parent / "lang" / "inflected"
FSI, PDI = "\u2068", "\u2069"
CODES = ("en", "de", "es", "fr", "pt", "tr", "ru", "ar")

# Per language: what /start says of the 66 articles, a question with the answer it must quote
# first, a question the collection cannot answer (refused: "no direct answer"), and the
# opening of that refusal.
SPOKEN = {
    "en": (
        "from 66 articles",
        ("How many homes did the rain flood in Somerset?", "140"),
        "Who won the Leeds marathon?",
        "My collection has no direct answer to that.",
    ),
    "de": (
        "aus 66 Artikeln",
        ("Wie viele Keller wurden im Saarland überflutet?", "700"),
        "Wer hat den Kieler Marathon gewonnen?",
        "Meine Sammlung hat darauf keine direkte Antwort.",
    ),
    "es": (
        "a partir de 66 artículos",
        ("¿A cuántas personas rescataron los bomberos en Murcia?", "42 personas"),
        "¿Quién ganó el maratón de Zaragoza?",
        "Mi colección no tiene una respuesta directa a eso.",
    ),
    "fr": (
        "à partir de 66 articles",
        ("Combien de foyers ont été privés d'électricité en Bretagne ?", "80 000"),
        "Qui a gagné le marathon de Brest ?",
        "Ma collection n&#x27;a pas de réponse directe à cela.",
    ),
    "pt": (
        "com base em 66 artigos",
        ("Quantas ocorrências registou a Proteção Civil?", "1.400"),
        "Quem ganhou a maratona do Porto?",
        "Minha coleção não tem uma resposta direta para isso.",
    ),
    "tr": (
        "66 makaleye dayanarak",
        ("Of ilçesinde selde kaç ev su altında kaldı?", "35 ev"),
        "Kocaeli maratonunu kim kazandı?",
        "Koleksiyonumda buna doğrudan bir yanıt yok.",
    ),
    "ru": (
        "по 66 статьям",
        ("Кто занял второе место на выборах в Приморье?", "Сёмина"),
        "Кто выиграл марафон в Новосибирске?",
        "В моей коллекции нет прямого ответа на этот вопрос.",
    ),
    "ar": (
        f"من {FSI}66{PDI} مقالة",
        ("كم مقعدا حصدت قائمة المستقبل في صفاقس؟", "18 مقعدا"),
        "من فاز بماراثون أسوان؟",
        "ليس في مجموعتي جواب مباشر عن ذلك.",
    ),
}
# /start on a collection of one article: the singular, never "from 1 articles".
ONE_ARTICLE = {
    "en": "from 1 article,",
    "de": "aus 1 Artikel und",
    "es": "a partir de 1 artículo y",
    "fr": "à partir de 1 article,",
    "pt": "com base em 1 artigo,",
    "tr": "1 makaleye dayanarak",
    "ru": "по 1 статье и",
    "ar": "من مقالة واحدة،",
}


@pytest.fixture(scope="module")
def every_language(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library(tmp_path_factory.mktemp("every") / "data", seed=False)
    library.ingest([SETS / f"{code}.articles.jsonl" for code in CODES])
    return library


@pytest.fixture
async def polyglot_bot(
    fake: FakeTelegram, every_language: Library, tmp_path: Path
) -> AsyncIterator[Any]:
    settings = make_settings(fake, tmp_path / "state")
    async with running(build_application(settings, every_language)) as app:
        yield app


async def _ask(fake: FakeTelegram, chat_id: int, text: str, language: str) -> dict[str, Any]:
    before = len(fake.sent(chat_id=chat_id))
    fake.message(chat_id, text, user_id=chat_id, language=language)
    sent = await fake.wait_sent(before + 1, chat_id=chat_id)
    check_html(sent[-1]["text"])
    return sent[-1]


pytestmark = pytest.mark.xdist_group("every_language")


@pytest.mark.parametrize("code", CODES)
async def test_each_language_speaks_through_the_bot(
    fake: FakeTelegram, polyglot_bot: Any, code: str
) -> None:
    chat = 5000 + CODES.index(code)
    plural, (question, answer), unanswerable, refusal = SPOKEN[code]

    start = await _ask(fake, chat, "/start", code)
    assert plural in start["text"]
    buttons = [b["text"] for row in start["reply_markup"]["inline_keyboard"] for b in row]
    if code != "en":
        assert "Search articles here" not in buttons  # the buttons speak it too

    answered = (await _ask(fake, chat, question, code))["text"]
    first = answered.split("\n")[1]  # under the lead article's title
    assert answer in first, answered

    refused = (await _ask(fake, chat, unanswerable, code))["text"]
    assert refused.startswith(refusal), refused


async def test_arabic_replies_keep_latin_names_dates_and_figures_in_place(
    fake: FakeTelegram, polyglot_bot: Any
) -> None:
    """Right to left: the message opens with an Arabic letter (the client lays it out right to
    left), and what comes from outside the phrase (the English example, commands, figures)
    is isolated so it keeps its own order inside the Arabic text."""
    start = (await _ask(fake, 6001, "/start", "ar"))["text"]
    assert start.startswith("<b>أجيب")
    assert f"{FSI}/help{PDI}" in start
    help_text = (await _ask(fake, 6001, "/help", "ar"))["text"]
    # The English example question (none of these few articles gets a sure answer in any
    # language, so /help shows its stand-in), isolated.
    example = help_text.split("<code>")[1].split("</code>")[0]
    assert example.startswith(FSI) and example.endswith(PDI) and "S-400" in example
    assert f"<code>{FSI}/digest 08:00{PDI}</code>" in help_text
    answered = (await _ask(fake, 6001, "كم طبيبا سيعمل في مستشفى الدار البيضاء؟", "ar"))["text"]
    # The quoted Arabic sentence is isolated, and its date is written the Arabic way, with
    # right-to-left marks between its figures.
    assert answered.startswith(f"<b>{FSI}")  # the lead article's title, isolated too
    assert answered.split("\n")[1].startswith(FSI)
    assert "12\u200f/05\u200f/2024" in answered
    menu = (await _ask(fake, 6001, "/settings", "ar"))["reply_markup"]["inline_keyboard"]
    assert len(menu[0]) == 4 and "✓ العربية" in [b["text"] for row in menu for b in row]


async def test_start_on_one_article_says_article_in_the_singular(
    fake: FakeTelegram, tmp_path: Path
) -> None:
    library = Library(tmp_path / "data", seed=False)
    first = (SETS / "en.articles.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "one.jsonl").write_text(first + "\n", encoding="utf-8")
    library.ingest([tmp_path / "one.jsonl"])
    settings = make_settings(fake, tmp_path / "data")
    async with running(build_application(settings, library)):
        for number, code in enumerate(CODES):
            said = (await _ask(fake, 7000 + number, "/start", code))["text"]
            assert ONE_ARTICLE[code] in said, said
