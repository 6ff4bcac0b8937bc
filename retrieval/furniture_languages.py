"""Page furniture in other languages than English: the words each language's outlets print on
their pages ("Leia também:", "Foto:", "Anzeige", "Слушать статью", "14:35 Uhr"), as data.

The kinds are the English ones (``furniture_rules.py``); only the words differ, so each
language's words are one table in its data file (``languages/<code>.toml``, ``[furniture]``) and
the patterns are built the same way for all. Every pattern is anchored at the start of a
sentence, and a bare word ("Publicidad", "Teilen") only counts as a line of its own: a sentence
of reporting that begins with it stays. English text never reaches these rules (its verdicts are
the English rules' alone).
"""

from __future__ import annotations

import re
from functools import cache

from . import languages

__all__ = ["language_furniture_reason"]


@cache
def _rules(code: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """A language's furniture patterns with the reason each names."""
    language = languages.get(code)  # English for an unknown code: no furniture words
    words = language.furniture
    if words is None:
        return ()
    months = "|".join(sorted(map(re.escape, language.months), key=len, reverse=True))
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
