"""Page furniture in other languages than English: the words each language's outlets print on
their pages ("Leia também:", "Foto:", "Anzeige", "Слушать статью", "14:35 Uhr"), as data.

The kinds are the English ones (``furniture_rules.py``); only the words differ, so each
language is one small table and the patterns are built the same way for all. Every pattern is
anchored at the start of a sentence, and a bare word ("Publicidad", "Teilen") only counts as a
line of its own: a sentence of reporting that begins with it stays. English text never reaches
these rules (its verdicts are the English rules' alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from . import languages

__all__ = ["language_furniture_reason"]


@dataclass(frozen=True)
class _Words:
    """One language's furniture words, each field an alternation of phrases."""

    link: str  # "Read more", "See also": followed by ":" or "»", or a line of their own
    caption: str  # "Photo", "Video": followed by ":" or "|"
    advert: str  # "Advertisement": a line of its own
    subscribe: str  # "Subscribe to ...": at the start
    listen: str  # "Listen to this article": at the start
    updated: str  # "Updated", "Published": followed by a date or a time
    share: str  # "Share": a line of its own, or "Share on X"
    clock: str = ""  # words after a clock time: "Uhr", "мск"
    at: str = ""  # the word between a date and its time: "um", "à", "в"


_WORDS: dict[str, _Words] = {
    "ru": _Words(
        link=r"Читайте также|Читать также|Читать далее|Читайте подробнее|Подробнее|Смотрите также"
        r"|См\. также|Ещё по теме|Еще по теме|По теме|Материалы по теме|Новости по теме"
        r"|Популярное|Главное за день",
        caption=r"Фото|Фотография|Видео|Иллюстрация|Фотогалерея|Источник фото",
        advert=r"Реклама|Рекламный блок|Партнёрский материал|Партнерский материал",
        subscribe=r"Подписывайтесь на|Подпишитесь на|Подписаться на",
        listen=r"Слушать (?:статью|новость|материал)|Прослушать (?:статью|новость)"
        r"|Аудиоверсия",
        updated=r"Обновлено|Опубликовано|Дата публикации|Дата обновления",
        share=r"Поделиться",
        clock=r"мск|МСК|по московскому времени",
        at=r"в",
    ),
    "es": _Words(
        link=r"Lea también|Lee también|Leer más|Lea más|Ver también|Te puede interesar"
        r"|Le puede interesar|Más información|Noticias relacionadas|Relacionado|Relacionada"
        r"|Sigue leyendo|Seguir leyendo|Lo más leído",
        caption=r"Foto|Fotografía|Imagen|Vídeo|Video|Galería|Fotogalería",
        advert=r"Publicidad|Anuncio|Contenido patrocinado",
        subscribe=r"Suscríbete (?:a|al)|Suscríbase (?:a|al)|Regístrate (?:a|en)",
        listen=r"Escuchar (?:este )?(?:artículo|noticia)|Escucha (?:este )?(?:artículo|la noticia)",
        updated=r"Actualizado(?: el| a las)?|Publicado(?: el)?|Última actualización",
        share=r"Compartir(?: en \w+)?",
        at=r"a las|-",
    ),
    "pt": _Words(
        link=r"Leia também|Leia mais|Veja também|Saiba mais|Confira também|Mais lidas"
        r"|Notícias relacionadas|Relacionadas|Continua depois da publicidade|Continue lendo",
        caption=r"Foto|Fotografia|Imagem|Vídeo|Galeria",
        advert=r"Publicidade|Anúncio|Conteúdo patrocinado|Continua após a publicidade",
        subscribe=r"Assine (?:a|o|nossa|nosso)|Inscreva-se (?:na|no|em)|Cadastre-se",
        listen=r"Ouvir (?:este )?(?:artigo|texto|notícia)"
        r"|Ouça (?:este )?(?:artigo|texto|a notícia)",
        updated=r"Atualizado(?: em| há)?|Publicado(?: em)?|Atualização",
        share=r"Compartilhar(?: no \w+)?|Compartilhe",
        clock=r"h",
        at=r"às|-",
    ),
    "de": _Words(
        link=r"Lesen Sie auch|Lesen Sie mehr|Mehr zum Thema|Auch interessant|Weiterlesen"
        r"|Siehe auch|Mehr dazu|Das könnte Sie auch interessieren|Meistgelesen",
        caption=r"Foto|Bild|Video|Bildergalerie|Galerie|Fotostrecke",
        advert=r"Anzeige|Werbung|Sponsored",
        subscribe=r"Abonnieren Sie|Jetzt abonnieren|Newsletter abonnieren|Melden Sie sich",
        listen=r"Artikel (?:anhören|vorlesen lassen)|Audio: Artikel"
        r"|Hören Sie (?:den|diesen) Artikel",
        updated=r"Aktualisiert(?: am)?|Veröffentlicht(?: am)?|Stand:?|Zuletzt aktualisiert(?: am)?",
        share=r"Teilen(?: auf \w+)?|Artikel teilen",
        clock=r"Uhr",
        at=r"um|,",
    ),
    "fr": _Words(
        link=r"Lire aussi|À lire aussi|A lire aussi|Lire la suite|Voir aussi|En savoir plus"
        r"|Sur le même sujet|À voir aussi|Les plus lus|Découvrez aussi",
        caption=r"Photo|Crédit photo|Image|Vidéo|Galerie|Diaporama",
        advert=r"Publicité|Contenu sponsorisé|Article sponsorisé",
        subscribe=r"Abonnez-vous (?:à|au)|Inscrivez-vous (?:à|au)",
        listen=r"Écouter (?:cet|l')article|Ecouter (?:cet|l')article|Version audio",
        updated=r"Mis à jour(?: le)?|Publié(?: le)?|Modifié(?: le)?",
        share=r"Partager(?: sur \w+)?",
        clock=r"h",
        at=r"à",
    ),
    "tr": _Words(
        link=r"Ayrıca okuyun|Ayrıca bakınız|İlgili haber(?:ler)?|Haberin devamı|Devamını oku"
        r"|Devamı için tıklayın|Bunlar da ilginizi çekebilir|Çok okunanlar",
        caption=r"Fotoğraf|Foto|Video|Görsel|Galeri",
        advert=r"Reklam|Sponsorlu içerik|İlan",
        subscribe=r"Abone ol|Bültenimize abone olun",
        listen=r"Haberi dinle|Bu haberi dinle|Makaleyi dinle|Sesli dinle",
        updated=r"Güncelleme(?: tarihi)?|Güncellendi|Yayınlanma(?: tarihi)?|Yayın tarihi",
        share=r"Paylaş(?:ın)?",
    ),
    "ar": _Words(
        link=r"اقرأ أيضا|اقرأ أيضاً|إقرأ أيضا|إقرأ أيضاً|اقرأ المزيد|شاهد أيضا|شاهد أيضاً"
        r"|مواضيع ذات صلة|أخبار ذات صلة|الأكثر قراءة",
        caption=r"صورة|الصورة|صور|فيديو|مصدر الصورة|صورة أرشيفية",
        advert=r"إعلان|محتوى مدعوم",
        subscribe=r"اشترك في|اشتركوا في|سجل في",
        listen=r"استمع (?:إلى|الى) (?:المقال|الخبر)|استمع للمقال",
        updated=r"آخر تحديث|تم التحديث|تحديث|نشر في|تاريخ النشر",
        share=r"شارك|مشاركة",
        clock=r"بتوقيت \w+|ص|م",
    ),
}


@cache
def _rules(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A language's furniture patterns with the reason each names."""
    words = _WORDS.get(code)
    if words is None:
        return ()
    months = "|".join(sorted(map(re.escape, languages.get(code).months), key=len, reverse=True))
    # "14:35", "14.35 Uhr", "14h35", "14:35 мск"
    clock = (
        rf"\d{{1,2}}[:.h]\d{{2}}(?:\s*(?:{words.clock}))?" if words.clock else r"\d{1,2}[:.h]\d{2}"
    )
    # "12.06.2023", "12/06/2023", "12 июня 2023", "12 de junio de 2023", "12. Juni 2023"
    date = (
        rf"(?:\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}}"
        rf"|\d{{1,2}}\.?\s+(?:de\s+)?(?:{months})\.?(?:\s+(?:de\s+)?\d{{4}}(?:'?\w{{0,3}})?)?)"
    )
    at = rf"(?:\s*,?\s*(?:(?:{words.at})\s+)?)" if words.at else r"(?:\s*,?\s*)"
    # "Leia também: ...", "Mehr zum Thema Wahl:", or the phrase alone on its line.
    ends = r"(?:(?:\s+[^\s:.!?]+){0,3}\s*(?::|>>|»|›)|\s*(?:…|\.\.\.|:)?\s*$)"
    table = (
        (rf"^(?:{words.link}){ends}", "link line or teaser"),
        (rf"^(?:{words.caption})\s*(?::|\|)", "photo or video caption"),
        (rf"^(?:{words.advert})\s*[.:]?\s*$", "advertising label"),
        (rf"^(?:{words.subscribe})\b", "newsletter or subscription promo"),
        (rf"^(?:{words.listen})", "audio player text"),
        (rf"^(?:{words.updated})\s*:?\s*(?:{date}|{clock})", "update stamp"),
        (rf"^(?:{words.share})\s*$", "share widget"),
        (rf"^{clock}(?:{at}{date})?\s*[|—–-]?\s*$", "live-blog timestamp"),
        (rf"^{date}{at}{clock}\s*[|—–-]?\s*$", "live-blog timestamp"),
    )
    return tuple((re.compile(p, re.IGNORECASE), reason) for p, reason in table)


def language_furniture_reason(sentence: str, language: str) -> str | None:
    """Why a sentence in ``language`` is furniture by its language's words, or None (always
    None for English and unknown languages)."""
    for pattern, reason in _rules(language):
        if pattern.search(sentence):
            return reason
    return None
