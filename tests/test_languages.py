"""The per-language tables (retrieval/languages) through the code that uses them: question
forms, time words, stop words and stems, sentence splitting, and language detection."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from retrieval import Library, languages, small_talk
from retrieval.articles import parse_jsonl_line, parse_seed_text
from retrieval.feeds import parse_feed
from retrieval.question import build_query
from retrieval.segment import split_sentences
from retrieval.timewords import TimeScope, extract_time_scope
from retrieval.tokenize import content_words, tokenize

REF = dt.date(2023, 6, 15)
JUNE_2019 = TimeScope(dt.date(2019, 6, 1), dt.date(2019, 6, 30), True)
SINCE_2019 = TimeScope(dt.date(2019, 1, 1), None, True)
LAST_WEEK = TimeScope(REF - dt.timedelta(days=15), REF + dt.timedelta(days=1), False)

FORMS = [
    ("ru", "Кто победил на выборах?", "person"),
    ("ru", "Сколько людей погибло при землетрясении?", "number"),
    ("ru", "Где прошёл саммит лидеров?", "place"),
    ("ru", "Когда откроется новый мост?", "time"),
    ("es", "¿Quién ganó las elecciones presidenciales?", "person"),
    ("es", "¿Cuántas personas murieron en el terremoto?", "number"),
    ("es", "¿Dónde se celebró la cumbre?", "place"),
    ("es", "¿Cuándo se inaugura el puente?", "time"),
    ("pt", "Quem venceu a eleição presidencial?", "person"),
    ("pt", "Quantas pessoas morreram no terremoto?", "number"),
    ("pt", "Onde aconteceu a cúpula?", "place"),
    ("pt", "Quando será inaugurada a ponte?", "time"),
    ("de", "Wer hat die Wahl gewonnen?", "person"),
    ("de", "Wie viele Menschen starben bei dem Erdbeben?", "number"),
    ("de", "Wo fand der Gipfel statt?", "place"),
    ("de", "Wann wird die neue Brücke eröffnet?", "time"),
    ("fr", "Qui a remporté l'élection présidentielle?", "person"),
    ("fr", "Combien de personnes sont mortes dans le séisme?", "number"),
    ("fr", "Où s'est tenu le sommet?", "place"),
    ("fr", "Quand le nouveau pont ouvrira-t-il?", "time"),
    ("tr", "Seçimi kim kazandı?", "person"),
    ("tr", "Depremde kaç kişi öldü?", "number"),
    ("tr", "Zirve nerede yapıldı?", "place"),
    ("tr", "Yeni köprü ne zaman açılacak?", "time"),
    ("ar", "من فاز في الانتخابات الرئاسية؟", "person"),
    ("ar", "كم شخصا قتلوا في الزلزال؟", "number"),
    ("ar", "أين عقدت القمة؟", "place"),
    ("ar", "متى سيفتتح الجسر الجديد؟", "time"),
    ("en", "Who won the presidential election?", "person"),
    ("en", "How many people died in the earthquake?", "number"),
]


@pytest.mark.parametrize(("language", "question", "wants"), FORMS)
def test_question_forms_per_language(language: str, question: str, wants: str) -> None:
    query = build_query(question, REF)
    assert query.language == language
    assert query.wants == wants
    assert query.wants_fact
    assert query.terms


TIME_WORDS = [
    ("ru", "Что случилось в июне 2019?", JUNE_2019),
    ("ru", "Что изменилось с 2019 года?", SINCE_2019),
    ("ru", "Что произошло на прошлой неделе?", LAST_WEEK),
    ("es", "¿Qué pasó en junio de 2019?", JUNE_2019),
    ("es", "¿Qué cambió desde 2019?", SINCE_2019),
    ("es", "¿Qué pasó la semana pasada?", LAST_WEEK),
    ("pt", "O que aconteceu em junho de 2019?", JUNE_2019),
    ("pt", "O que mudou desde 2019?", SINCE_2019),
    ("pt", "O que aconteceu na semana passada?", LAST_WEEK),
    ("de", "Was geschah im Juni 2019?", JUNE_2019),
    ("de", "Was hat sich seit 2019 geändert?", SINCE_2019),
    ("de", "Was passierte letzte Woche?", LAST_WEEK),
    ("fr", "Que s'est-il passé en juin 2019?", JUNE_2019),
    ("fr", "Qu'est-ce qui a changé depuis 2019?", SINCE_2019),
    ("fr", "Que s'est-il passé la semaine dernière?", LAST_WEEK),
    ("tr", "Haziran 2019'da ne oldu?", JUNE_2019),
    ("tr", "2019'dan beri ne değişti?", SINCE_2019),
    ("tr", "Geçen hafta ne oldu?", LAST_WEEK),
    ("ar", "ماذا حدث في يونيو 2019؟", JUNE_2019),
    ("ar", "ما الذي تغير منذ 2019؟", SINCE_2019),
    ("ar", "ماذا حدث الأسبوع الماضي؟", LAST_WEEK),
    ("en", "What happened in June 2019?", JUNE_2019),
    ("en", "What happened last week?", LAST_WEEK),
]


def _last(days: int) -> TimeScope:
    return TimeScope(REF - dt.timedelta(days=days), REF + dt.timedelta(days=1), False)


LAST_N = [
    ("en", "What happened in the past 3 days?", _last(3)),
    ("ru", "Что случилось за последние 3 дня?", _last(3)),
    ("ru", "Сколько ракет выпустили за последние 2 недели?", _last(14)),
    ("ru", "Как выросли цены за последние 5 месяцев?", _last(155)),
    ("es", "¿Qué pasó en los últimos 10 días?", _last(10)),
    ("es", "¿Cuánto subió el precio en las últimas 2 semanas?", _last(14)),
    ("pt", "O que aconteceu nos últimos 3 meses?", _last(93)),
    ("pt", "Quantos casos nas últimas 2 semanas?", _last(14)),
    ("de", "Was geschah in den letzten 5 Tagen?", _last(5)),
    ("de", "Wie viele Fälle gab es in den vergangenen 2 Wochen?", _last(14)),
    ("fr", "Que s'est-il passé ces 7 derniers jours ?", _last(7)),
    ("fr", "Combien de cas au cours des 3 derniers mois ?", _last(93)),
    ("tr", "Son 7 günde ne oldu?", _last(7)),
    ("tr", "Son 2 haftada kaç deprem oldu?", _last(14)),
    ("ar", "ماذا حدث خلال آخر 7 أيام؟", _last(7)),
    ("ar", "كم عدد الحالات خلال الـ 3 أشهر الماضية؟", _last(93)),
    ("ar", "ماذا حدث في آخر ٣ أسابيع؟", _last(21)),  # Arabic-Indic digits
]


@pytest.mark.parametrize(("language", "question", "scope"), LAST_N)
def test_last_n_days_per_language(language: str, question: str, scope: TimeScope) -> None:
    remaining, found = extract_time_scope(question, REF, language)
    assert found == scope
    assert not any(ch.isdigit() for ch in remaining)  # the time words are taken out


@pytest.mark.parametrize(("language", "question", "scope"), TIME_WORDS)
def test_time_words_per_language(language: str, question: str, scope: TimeScope) -> None:
    remaining, found = extract_time_scope(question, REF, language)
    assert found == scope
    assert len(remaining) < len(question)  # the time words are taken out of the search


def test_every_language_has_every_table() -> None:
    for code, table in languages.LANGUAGES.items():
        assert table.code == code
        assert table.stop_words and table.wh and table.number and table.person
        assert sorted(set(table.months.values())) == list(range(1, 13)), code
        assert table.relative and table.present


STEMS = [
    ("ru", "Президенты заявили о выборах", ["президент", "выборы"]),  # lemmas
    ("es", "Los presidentes y las elecciones", ["president", "eleccion"]),
    ("de", "Die Bundesregierungen haben beschlossen", ["bundesregier", "beschloss"]),
    ("ar", "ذَهَبَ الرئيسُ إلى القاهرةِ", ["ذهب", "رءيس", "قاهر"]),  # light10, hamza folded
    ("tr", "İSTANBUL belediye başkanı", ["istanbul", "beledi", "başka"]),
]


@pytest.mark.parametrize(("language", "text", "stems"), STEMS)
def test_stop_words_and_stems(language: str, text: str, stems: list[str]) -> None:
    assert content_words(text, language) == stems
    assert len(tokenize(text, language)) >= len(stems)  # stop words stay in tokens


def test_english_analysis_is_unchanged_by_default() -> None:
    assert content_words("The presidents said they were elected") == ["presid", "elect"]
    assert tokenize("Running") == ["run"]


SPLITS = [
    ("ru", "В 2019 г. Путин приехал. Т.е. он был там. В. Путин сказал «да».", 3),
    ("de", "Das ist z.B. gut. Dr. Müller kam. Nr. 5 ging.", 3),
    ("de", "Die Schau ist bis zum 4. Juni zu sehen. Gespräche gibt es am 20. November.", 2),
    ("de", "Der Preis stieg um 12. Danach fiel er.", 2),  # a number ends it, no month follows
    ("en", "He signed up for I’m a Celebrity… Get Me Out of Here! Critics were scathing.", 2),
    ("ru", "Это было давно… Потом всё изменилось.", 2),
    ("es", "¿Quién ganó? El Sr. Pérez ganó. EE.UU. felicitó al ganador.", 3),
    ("fr", "M. Macron est arrivé. Mme Dupont aussi.", 2),
    ("ar", "قال الرئيس إن الاتفاق مهم. هل سيوقع؟ نعم، قال الوزير.", 3),
]


@pytest.mark.parametrize(("language", "text", "count"), SPLITS)
def test_sentence_splitting_per_language(language: str, text: str, count: int) -> None:
    sentences = split_sentences(text, language)
    assert len(sentences) == count, sentences
    assert "".join(sentences).replace(" ", "") == text.replace(" ", "")  # nothing lost


DETECTION = [
    ("Правительство России объявило о новых мерах поддержки экономики.", "ru"),
    ("El gobierno anunció nuevas medidas para apoyar la economía del país.", "es"),
    ("O governo anunciou novas medidas para apoiar a economia do país.", "pt"),
    ("Die Regierung kündigte neue Maßnahmen zur Unterstützung der Wirtschaft an.", "de"),
    ("Le gouvernement a annoncé de nouvelles mesures pour soutenir l'économie.", "fr"),
    ("Hükümet ekonomiyi desteklemek için yeni önlemler açıkladı.", "tr"),
    ("أعلنت الحكومة عن إجراءات جديدة لدعم الاقتصاد.", "ar"),
    ("The government announced new measures to support the economy.", "en"),
]


@pytest.mark.parametrize(("text", "language"), DETECTION)
def test_detection(text: str, language: str) -> None:
    assert languages.detect(text) == language


def test_short_question_falls_back() -> None:
    assert languages.detect_question("Putin?", "de") == "de"
    assert build_query("Erdbeben", REF, fallback_language="de").language == "de"


def test_declared_language_wins_and_unknown_codes_are_detected() -> None:
    line = json.dumps(
        {"title": "T", "date": "2020-01-02", "text": "The government said so.", "language": "es-MX"}
    )
    assert parse_jsonl_line(line).language == "es"
    text = "Die Regierung hat es gesagt und die Welt hört zu."
    line = json.dumps({"title": "T", "date": "2020-01-02", "text": text})
    assert parse_jsonl_line(line).language == "de"
    seed = " date 2020-01-02 Titel\nsource: Zeitung\nlanguage: ru\n\nDer Text."
    article = parse_seed_text(seed)
    assert (article.language, article.source, article.text) == ("ru", "Zeitung", "Der Text.")
    seed = " date 2020-01-02 Заголовок\nlanguage: xx\n\nПравительство России объявило о мерах."
    assert parse_seed_text(seed).language == "ru"


def test_feed_declared_language() -> None:
    feed = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>
    <language>pt-BR</language><item><title>Ol\xc3\xa1</title><link>https://x.example/1</link>
    <description>The text is short.</description>
    <pubDate>Mon, 01 Jun 2020 10:00:00 GMT</pubDate></item></channel></rss>"""
    result = parse_feed(feed, "https://x.example/feed", today=dt.date(2020, 6, 2))
    assert [a.language for a in result.articles] == ["pt"]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Привет!", "greeting"),
        ("¡Muchas gracias!", "thanks"),
        ("Danke schön", "thanks"),
        ("Merhaba", "greeting"),
        ("شكرا", "thanks"),
        ("Bonjour", "greeting"),
        ("Últimas notícias", "topicless"),
        ("Wer bist du?", "about"),
        ("¿Quién ganó las elecciones?", ""),
        ("Кто победил на выборах?", ""),
    ],
)
def test_small_talk_in_other_languages(message: str, kind: str) -> None:
    assert small_talk(message) == kind


UNDECIDED = "François Hollande meets Angela Merkel in Brüssel"  # accented, stop words tied


def test_classifier_asked_only_when_the_collection_has_several_languages(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []

    def classify(text: str) -> tuple[str, float]:
        asked.append(text)
        return "de", 0.95

    monkeypatch.setattr(languages, "_classify", classify)
    assert languages.detect_question(UNDECIDED, "en", ("en",)) == "en"
    assert languages.detect_question(UNDECIDED, "en", ()) == "en"
    assert asked == []
    assert languages.detect_question(UNDECIDED, "en", ("en", "de")) == "de"
    assert languages.detect_question(UNDECIDED, "en") == "de"  # collection unknown
    assert len(asked) == 2
    # Script and stop words still name a question in a language the collection lacks.
    assert languages.detect_question("Wer hat die Wahl gewonnen?", "en", ("en",)) == "de"
    assert languages.detect_question("Кто победил на выборах?", "en", ("en",)) == "ru"


def test_english_collection_answers_without_loading_the_classifier(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def classify(text: str) -> tuple[str, float]:
        raise AssertionError(f"py3langid asked about {text!r}")

    monkeypatch.setattr(languages, "_classify", classify)
    library = Library(tmp_path / "data")  # the English seed only
    as_of = dt.date(2019, 7, 2)
    assert library.answer(UNDECIDED, as_of=as_of).language == "en"
    assert library.lookup(UNDECIDED, as_of=as_of) is not None
    assert library.summarize(UNDECIDED, as_of=as_of) is not None


@pytest.mark.parametrize(
    ("question", "language"),
    [
        ("Quanto custou a nova ponte do Porto?", "pt"),  # "a", "do" are English too
        ("Qual a porcentagem de votos de Carla Mendes?", "pt"),
        ("Galatasaray kupa finalinde kimi yendi?", "tr"),  # no stop word at all
        ("How much rain fell in Leeds in 24 hours?", "en"),  # "in" is German too
    ],
)
def test_unaccented_questions_the_stop_words_leave_undecided(question: str, language: str) -> None:
    mixed = tuple(languages.LANGUAGES)
    assert languages.detect_question(question, "", mixed) == language
    assert build_query(question, REF, collection_languages=mixed).language == language
