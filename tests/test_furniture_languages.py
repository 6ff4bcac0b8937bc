"""Page furniture in other languages (retrieval/furniture_languages.py), both ways: each
language's furniture lines are set aside, its reporting that starts with the same words stays,
and English verdicts do not change."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval import Library
from retrieval.furniture import furniture_flags, furniture_reason

FURNITURE = [
    ("ru", "Читайте также: Центробанк повысил ключевую ставку"),
    ("ru", "Подробнее"),
    ("ru", "Фото: ТАСС"),
    ("ru", "Реклама"),
    ("ru", "Слушать статью"),
    ("ru", "Обновлено 12 июня 2023, 14:35"),
    ("ru", "14:35 мск"),
    ("ru", "12 июня 2023 в 14:35"),
    ("ru", "Поделиться"),
    ("es", "Lea también: El Gobierno aprueba el presupuesto"),
    ("es", "Foto: EFE"),
    ("es", "Publicidad"),
    ("es", "Escuchar este artículo"),
    ("es", "Actualizado el 12 de junio de 2023 a las 14:35"),
    ("es", "Suscríbete a nuestro boletín y recibe las noticias"),
    ("es", "Compartir en Twitter"),
    ("pt", "Leia também: Governo anuncia novo programa"),
    ("pt", "Foto: Agência Brasil"),
    ("pt", "Publicidade"),
    ("pt", "Continua após a publicidade"),
    ("pt", "Ouça este artigo"),
    ("pt", "Atualizado em 12/06/2023 às 14h35"),
    ("pt", "14h35"),
    ("de", "Mehr zum Thema: Bundestag beschließt Haushalt"),
    ("de", "Foto: dpa"),
    ("de", "Anzeige"),
    ("de", "Artikel anhören"),
    ("de", "Aktualisiert am 12.06.2023, 14:35 Uhr"),
    ("de", "14:35 Uhr"),
    ("de", "12. Juni 2023, 14:35 Uhr"),
    ("de", "Teilen"),
    ("fr", "Lire aussi : Le gouvernement présente son budget"),
    ("fr", "Photo : AFP"),
    ("fr", "Publicité"),
    ("fr", "Écouter cet article"),
    ("fr", "Mis à jour le 12 juin 2023 à 14h35"),
    ("fr", "14h35"),
    ("fr", "Partager sur Facebook"),
    ("tr", "İlgili haber: Merkez Bankası faizi artırdı"),
    ("tr", "Fotoğraf: AA"),
    ("tr", "Reklam"),
    ("tr", "Bu haberi dinle"),
    ("tr", "Güncelleme: 12.06.2023 14:35"),
    ("tr", "12 Haziran 2023, 14:35"),
    ("ar", "اقرأ أيضا: الحكومة تعلن الميزانية"),
    ("ar", "صورة: رويترز"),
    ("ar", "إعلان"),
    ("ar", "استمع إلى المقال"),
    ("ar", "آخر تحديث 12 يونيو 2023"),
    ("ar", "14:35 بتوقيت القاهرة"),
]

REPORTING = [
    ("ru", "Подробнее о реформе рассказал министр финансов."),
    ("ru", "Фотограф снимал митинг с крыши здания."),
    ("ru", "Реклама на телевидении подорожала на 20 процентов."),
    ("ru", "Популярное кафе в центре Москвы закрылось."),
    ("ru", "Обновлено расписание поездов на летний сезон."),
    ("ru", "В 14:35 поезд прибыл на вокзал."),
    ("es", "Publicidad engañosa: la multa llegó a 2 millones de euros."),
    ("es", "Foto de familia de los líderes en la cumbre de Madrid."),
    ("es", "Lea también el informe completo, pidió el ministro."),
    ("es", "Actualizado el censo, el país tiene 48 millones de habitantes."),
    ("pt", "Publicidade infantil será proibida a partir de 2024."),
    ("pt", "Leia mais sobre o caso no relatório do tribunal."),
    ("pt", "Atualizado o valor, o salário mínimo passa a 1.320 reais."),
    ("de", "Anzeige gegen den Bürgermeister wurde erstattet."),
    ("de", "Teilen sich die beiden Parteien die Macht, droht Streit."),
    ("de", "Aktualisiert wurden 12 Regeln der Verordnung."),
    ("de", "Um 14:35 Uhr landete das Flugzeug in Frankfurt."),
    ("fr", "Publicité mensongère : l'entreprise condamnée à une amende."),
    ("fr", "Photo prise par un passant, la vidéo a circulé en ligne."),
    ("fr", "Partager les richesses reste la priorité du syndicat."),
    ("tr", "Reklam sektörü geçen yıl yüzde 40 büyüdü."),
    ("tr", "Fotoğrafçı yarışmada birinci oldu."),
    ("ar", "إعلان الحكومة جاء بعد اجتماع طويل."),
    ("ar", "شارك آلاف المتظاهرين في المسيرة."),
]


@pytest.mark.parametrize(("language", "text"), FURNITURE)
def test_furniture_in_each_language_is_set_aside(language: str, text: str) -> None:
    assert furniture_reason(text, language) is not None
    assert furniture_flags([text], language) == [True]


@pytest.mark.parametrize(("language", "text"), REPORTING)
def test_reporting_in_each_language_stays(language: str, text: str) -> None:
    assert furniture_reason(text, language) is None
    assert furniture_flags([text], language) == [False]


def test_furniture_never_reaches_answers_in_other_languages(tmp_path: Path) -> None:
    text = "\n\n".join(
        [
            "A nova ponte sobre o rio Tejo custou 80 milhões de euros.",
            "Leia também: Lisboa anuncia obras no metro da ponte",
            "Foto: Lusa ponte Tejo",
            "A ponte tem 900 metros de comprimento, disse o engenheiro.",
        ]
    )
    corpus = tmp_path / "pt.jsonl"
    article = {"title": "Ponte", "date": "2023-06-01", "text": text, "language": "pt"}
    corpus.write_text(json.dumps(article) + "\n", encoding="utf-8")
    library = Library(tmp_path / "data", seed=False)
    library.ingest([corpus])
    answer = library.answer("Quanto custou a ponte sobre o Tejo?")
    said = " ".join(s.text for s in answer.sentences)
    assert "80 milhões" in said
    assert "Leia também" not in said and "Lusa" not in said
