"""The bot's own phrases (and dates) in the user's language: gettext catalogs, compiled by Babel.

Catalogs live in ``bot/locales/<lang>/LC_MESSAGES/newsbot.po``; their compiled ``.mo`` files are
committed beside them (so ``pip install .`` needs no build step, and nothing is compiled or
fetched at run time) and a test fails when a ``.mo`` lags its ``.po``. ``scripts/i18n`` extracts
the phrases (``babel.cfg``), updates the catalogs and compiles them.

In code, a phrase is written in English and wrapped where it is said::

    t = translator_for(update, context)        # or translator("de")
    t("Nothing to summarize.")
    t.ngettext("{count} article", "{count} articles", count).format(count=count)

Phrases kept as module constants are marked with ``N_`` (extraction only) and translated where
they are sent: ``t(APOLOGY)``. Placeholders are ``str.format`` names (``{count}``), never
positional, so a translation may reorder them; the catalog test checks they survive.

A ``Translator`` is immutable and shared: handlers render on read threads at the same time.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
from dataclasses import dataclass
from pathlib import Path

from babel.dates import format_date, format_skeleton

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "ENGLISH",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "Translator",
    "language_of",
    "translator",
]

DOMAIN = "newsbot"
LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
# The languages the bot speaks, each named in itself (the /settings buttons show these names).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "ru": "Русский",
}


def N_(message: str) -> str:
    """Mark a phrase for extraction without translating it (module constants)."""
    return message


def language_of(code: str | None) -> str:
    """The bot language for a Telegram ``language_code`` (IETF tag): ``pt-br`` is ``pt``,
    ``de_AT`` is ``de``; a language the bot does not speak (or none) is English."""
    if not code:
        return DEFAULT_LANGUAGE
    base = code.strip().replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """One language's phrases: ``t(message)``, ``t.ngettext(singular, plural, n)``."""

    language: str
    _catalog: gettext.NullTranslations

    def __call__(self, message: str) -> str:
        return self._catalog.gettext(message)

    def gettext(self, message: str) -> str:
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalog.ngettext(singular, plural, n)

    def date(self, day: dt.date) -> str:
        """A date as this language writes it (CLDR's medium form: "02.11.2023",
        "2 нояб. 2023 г."). English keeps ISO 8601: its readers' region is unknown, and
        2023-11-02 is read one way everywhere."""
        if self.language == DEFAULT_LANGUAGE:
            return day.isoformat()
        return _formatted(day, self.language, "medium")

    def day_month(self, day: dt.date) -> str:
        """A day of the current year, short: "Nov 2", "2. Nov.", "2 нояб."."""
        return _formatted(day, self.language, "MMMd")


@functools.lru_cache(maxsize=4096)  # a reply repeats its few dates; Babel takes ~10 us a date
def _formatted(day: dt.date, language: str, form: str) -> str:
    if form == "medium":
        return format_date(day, format="medium", locale=language)
    return format_skeleton(form, day, locale=language)


@functools.cache
def translator(language: str) -> Translator:
    """The translator for a bot language (see ``language_of``); English is the source text."""
    language = language_of(language)
    catalog: gettext.NullTranslations
    if language == DEFAULT_LANGUAGE:
        catalog = gettext.NullTranslations()
    else:
        # fallback=False: a language in LANGUAGES without its catalog is a packaging bug.
        catalog = gettext.translation(DOMAIN, LOCALES, languages=[language])
    return Translator(language, catalog)


ENGLISH = translator(DEFAULT_LANGUAGE)  # the default of render functions tests call directly
