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
positional, so a translation may reorder them; the catalog test checks they survive. A phrase
with a count is always ``ngettext`` (never "{count} articles" for every count): each language
has its own plural forms (Russian three, Arabic six).

Right-to-left languages (Arabic): what goes into a phrase from outside (placeholders: names,
dates, figures, commands, English examples), its ``<code>`` spans, and its commands and
@names are wrapped in Unicode isolates when the phrase is looked up, so a Latin name or a
"/digest 08:00" keeps its order inside Arabic text instead of being pulled apart by it.

A ``Translator`` is immutable and shared: handlers render on read threads at the same time.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import re
from dataclasses import dataclass, field
from pathlib import Path

from babel.dates import format_date, format_skeleton
from babel.numbers import format_decimal, format_percent

__all__ = [
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "ENGLISH",
    "LANGUAGES",
    "LOCALES",
    "N_",
    "RIGHT_TO_LEFT",
    "Translator",
    "language_of",
    "translator",
]

DOMAIN = "newsbot"
LOCALES = Path(__file__).parent / "locales"
DEFAULT_LANGUAGE = "en"
# The languages the bot speaks, each named in itself (the /settings buttons show these names):
# every language a collection can be in (retrieval's language tables). scripts/i18n makes and
# compiles a catalog for each of them but English, the source text.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "es": "Español",
    "ru": "Русский",
    "pt": "Português",
    "fr": "Français",
    "tr": "Türkçe",
    "ar": "العربية",
}
RIGHT_TO_LEFT = frozenset({"ar"})
_FSI, _PDI = "\u2068", "\u2069"  # FIRST STRONG ISOLATE ... POP DIRECTIONAL ISOLATE
# Left-to-right islands of a right-to-left phrase: placeholders, <code> spans, /commands and
# @names (a placeholder inside a code span is isolated twice, which is harmless).
_ISLAND = re.compile(r"<code>.*?</code>|\{\w+\}|(?<![\w/<])[/@][A-Za-z][\w@/]*", re.DOTALL)


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


def isolate_islands(phrase: str) -> str:
    """A right-to-left phrase with its left-to-right islands in isolates (FSI ... PDI)."""

    def wrap(match: re.Match[str]) -> str:
        island = match.group(0)
        if island.startswith("<code>"):
            return "<code>" + _FSI + island[6:-7] + _PDI + "</code>"
        return _FSI + island + _PDI

    return _ISLAND.sub(wrap, phrase)


@dataclass(frozen=True)
class Translator:
    """One language's phrases: ``t(message)``, ``t.ngettext(singular, plural, n)``."""

    language: str
    _catalog: gettext.NullTranslations
    # Right-to-left phrases with their islands isolated, made once per phrase (a dict's get
    # and set are atomic: two threads making one phrase at once make the same text).
    _isolated: dict[str, str] = field(default_factory=dict, compare=False, repr=False)

    def __call__(self, message: str) -> str:
        return self._bidi(self._catalog.gettext(message))

    def gettext(self, message: str) -> str:
        return self._bidi(self._catalog.gettext(message))

    def plain(self, message: str) -> str:
        """The translation as the catalog has it, without isolates: for text the bot asks
        with rather than shows (an example question's form)."""
        return self._catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._bidi(self._catalog.ngettext(singular, plural, n))

    def _bidi(self, phrase: str) -> str:
        if self.language not in RIGHT_TO_LEFT:
            return phrase
        found = self._isolated.get(phrase)
        if found is None:
            found = self._isolated[phrase] = isolate_islands(phrase)
        return found

    def number(self, n: int) -> str:
        """A count as this language groups its digits: "12,345", "12.345", "12 345"."""
        if self.language == DEFAULT_LANGUAGE:
            return f"{n:,}"
        return format_decimal(n, locale=self.language)

    def percent(self, share: float) -> str:
        """A share as this language writes it: "45%", "45 %", "%45"."""
        return format_percent(share, locale=self.language)

    def date(self, day: dt.date) -> str:
        """A date as this language writes it (CLDR's medium form: "02.11.2023",
        "2 нояб. 2023 г.", "02/11/2023" in Arabic with right-to-left marks). English keeps ISO
        8601: its readers' region is unknown, and 2023-11-02 is read one way everywhere."""
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
