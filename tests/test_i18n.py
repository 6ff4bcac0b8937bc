"""The catalogs: every phrase of the bot translated in every language, placeholders and HTML
markup intact, plural forms right, and the committed .mo files current."""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot.i18n import DEFAULT_LANGUAGE, DOMAIN, LANGUAGES, LOCALES, language_of, translator

ROOT = Path(__file__).resolve().parent.parent
TRANSLATED = sorted(set(LANGUAGES) - {DEFAULT_LANGUAGE})
_PLACEHOLDER = re.compile(r"\{(\w*)[^{}]*\}")
_TAG = re.compile(r"</?\w+[^>]*>")


def _source_phrases() -> set[str | tuple[str, str]]:
    """Every phrase the bot's code wraps, as pybabel extracts it (babel.cfg, scripts/i18n)."""
    with open(ROOT / "babel.cfg") as config:
        method_map, options_map = parse_mapping_cfg(config)
    keywords = {**DEFAULT_KEYWORDS, "t": None}
    phrases: set[str | tuple[str, str]] = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        ROOT, method_map, options_map, keywords=keywords
    ):
        phrases.add(message if isinstance(message, str) else (message[0], message[1]))
    return phrases


def _catalog(language: str) -> Catalog:
    with open(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as po:
        return read_po(po, locale=language)


def _strings(message: Message) -> list[str]:
    """A message's translation: one string, or one per plural form."""
    if isinstance(message.string, str):
        return [message.string]
    return list(message.string or ())


def _translations(catalog: Catalog) -> list[tuple[str, str]]:
    """(source, translation) pairs, each plural form against its source form."""
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            pairs.append((message.id, str(message.string)))
        else:
            forms = _strings(message)
            pairs.append((message.id[0], forms[0]))
            pairs += [(message.id[1], form) for form in forms[1:]]
    return pairs


def test_the_code_has_phrases_to_translate() -> None:
    phrases = _source_phrases()
    assert "Sorry, something went wrong with that message. Please try again." in phrases
    assert len(phrases) >= 15


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_catalog_covers_every_phrase(language: str) -> None:
    catalog = _catalog(language)
    ids = {m.id if isinstance(m.id, str) else (m.id[0], m.id[1]) for m in catalog if m.id}
    source = _source_phrases()
    assert not source - ids, f"{language}: run scripts/i18n and translate"
    assert not ids - source, f"{language}: phrases no longer in the code (run scripts/i18n)"
    for message in catalog:
        if not message.id:
            continue
        assert not message.fuzzy, f"{language}: fuzzy translation of {message.id!r}"
        strings = _strings(message)
        assert all(s.strip() for s in strings), f"{language}: {message.id!r} is not translated"
        if not isinstance(message.id, str):
            assert len(strings) == catalog.num_plurals, f"{language}: plural forms of {message.id}"


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_markup_survive_translation(language: str) -> None:
    for source, translation in _translations(_catalog(language)):
        assert sorted(_PLACEHOLDER.findall(translation)) == sorted(_PLACEHOLDER.findall(source)), (
            f"{language}: placeholders of {source!r}"
        )
        assert sorted(_TAG.findall(translation)) == sorted(_TAG.findall(source)), (
            f"{language}: HTML tags of {source!r}"
        )


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogs_match_their_sources(language: str) -> None:
    with open(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    for message in _catalog(language):
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "run scripts/i18n"
        else:
            assert compiled.ngettext(message.id[0], message.id[1], 1) == _strings(message)[0]


def test_telegram_language_codes_map_to_bot_languages() -> None:
    assert language_of("ru") == "ru"
    assert language_of("de-AT") == "de"
    assert language_of("es_MX") == "es"
    assert language_of("pt-br") == "en"  # not spoken (yet): English
    assert language_of("") == language_of(None) == "en"
    assert language_of("  RU ") == "ru"


_FURNITURE = (
    "Set aside {furniture} of {sentences} sentence as page furniture "
    "(captions, link lines, promos, stamps).",
    "Set aside {furniture} of {sentences} sentences as page furniture "
    "(captions, link lines, promos, stamps).",
)


def test_russian_plurals_have_three_forms() -> None:
    t = translator("ru")
    assert t("The latest news") == "Последние новости"
    one, few, many, twenty_one = (t.ngettext(*_FURNITURE, n) for n in (1, 3, 5, 21))
    assert "из {sentences} предложения " in one and one == twenty_one
    assert "из {sentences} предложений " in few and few == many
    german = translator("de")
    assert "Satz " in german.ngettext(*_FURNITURE, 1)
    assert "Sätzen " in german.ngettext(*_FURNITURE, 2)
    assert translator("xx")("The latest news") == "The latest news"
    english = translator("en")
    assert english.ngettext("{n} article", "{n} articles", 1) == "{n} article"
    assert english.ngettext("{n} article", "{n} articles", 2) == "{n} articles"
