"""The catalogs: every phrase of the bot translated in every language, placeholders and HTML
markup intact, plural forms right, and the committed .mo files current; no phrase said
outside them."""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from bot.i18n import (
    DEFAULT_LANGUAGE,
    DOMAIN,
    LANGUAGES,
    LOCALES,
    RIGHT_TO_LEFT,
    language_of,
    translator,
)
from retrieval import languages as collection_languages

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


def _numbers_by_form(catalog: Catalog) -> dict[int, set[int]]:
    plural = gettext.c2py(catalog.plural_expr)
    chosen: dict[int, set[int]] = {}
    for n in [*range(1000), 1_000_000, 2_000_000]:
        chosen.setdefault(plural(n), set()).add(n)
    return chosen


def _a_number_for_each_form(catalog: Catalog) -> dict[int, int]:
    return {form: min(numbers) for form, numbers in _numbers_by_form(catalog).items()}


def _single_number_forms(catalog: Catalog) -> set[int]:
    """The plural forms a language uses for one number only (Arabic's zero, one and two): such
    a form may say the number in words ("مقالتان", two articles) instead of a placeholder."""
    return {form for form, numbers in _numbers_by_form(catalog).items() if len(numbers) == 1}


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_and_markup_survive_translation(language: str) -> None:
    catalog = _catalog(language)
    single = _single_number_forms(catalog)
    for message in catalog:
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = _strings(message)
        for form, translation in enumerate(strings):
            source = ids[min(form, 1)] if len(ids) > 1 else ids[0]
            wanted = sorted(_PLACEHOLDER.findall(source))
            found = sorted(_PLACEHOLDER.findall(translation))
            if len(ids) > 1 and form in single:  # at most the count itself said in words
                assert set(found) <= set(wanted) and len(wanted) - len(found) <= 1, (
                    f"{language}: placeholders of form {form} of {source!r}"
                )
            else:
                assert found == wanted, f"{language}: placeholders of {source!r}"
            assert sorted(_TAG.findall(translation)) == sorted(_TAG.findall(source)), (
                f"{language}: HTML tags of {source!r}"
            )


@pytest.mark.parametrize("language", TRANSLATED)
def test_compiled_catalogs_match_their_sources(language: str) -> None:
    with open(LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    catalog = _catalog(language)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, str):
            assert compiled.gettext(message.id) == message.string, "run scripts/i18n"
        else:
            for form, n in _a_number_for_each_form(catalog).items():
                said = compiled.ngettext(message.id[0], message.id[1], n)
                assert said == _strings(message)[form], "run scripts/i18n"


def test_telegram_language_codes_map_to_bot_languages() -> None:
    assert language_of("ru") == "ru"
    assert language_of("de-AT") == "de"
    assert language_of("es_MX") == "es"
    assert language_of("pt-br") == "pt"
    assert language_of("fr-CA") == "fr"
    assert language_of("ar") == "ar"
    assert language_of("tr") == "tr"
    assert language_of("uk") == "en"  # not spoken: English
    assert language_of("") == language_of(None) == "en"
    assert language_of("  RU ") == "ru"


def test_the_bot_speaks_every_language_a_collection_can_be_in() -> None:
    assert set(LANGUAGES) == set(collection_languages.LANGUAGES)
    assert (LOCALES / "ar" / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file()
    assert {"ar"} == RIGHT_TO_LEFT


def _said(node: ast.Call) -> list[str]:
    """The literal phrases a call says through the catalogs: t("..."), N_("..."),
    t.gettext("..."), t.ngettext("...", "...", n)."""
    func = node.func
    name = (
        func.id
        if isinstance(func, ast.Name)
        else func.attr
        if isinstance(func, ast.Attribute)
        else ""
    )
    count = {"t": 1, "N_": 1, "gettext": 1, "ngettext": 2}.get(name, 0)
    return [
        arg.value
        for arg in node.args[:count]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    ]


def test_every_phrase_the_code_says_is_extracted() -> None:
    """Babel cannot see inside an f-string (t('Catch-up') there was never translated): every
    phrase the code passes to a translator, wherever it stands, is one pybabel extracts."""
    extracted = _source_phrases()
    flat = {p for phrase in extracted for p in ([phrase] if isinstance(phrase, str) else phrase)}
    said = {
        phrase
        for path in (ROOT / "bot").rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Call)
        for phrase in _said(node)
    }
    assert said and not said - flat, "move these out of f-strings so pybabel sees them"


def test_no_phrase_is_written_outside_the_catalogs() -> None:
    """The code is English; other languages' words live in the catalogs (and in retrieval's
    language tables), never in a table of the bot's own: the only other-language strings in
    bot/ are the languages' names."""
    allowed = set(LANGUAGES.values())
    found = []
    for path in (ROOT / "bot").rglob("*.py"):
        if path.name == "bidi.py":  # a regular expression of right-to-left letters
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {
            id(node.body[0].value)
            for node in ast.walk(tree)
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
            and node.body
            and isinstance(node.body[0], ast.Expr)
        }
        found += [
            f"{path.name}:{node.lineno}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docstrings
            and node.value not in allowed
            and any(c.isalpha() and not c.isascii() for c in node.value)
        ]
    assert not found


_SENTENCES = ("{count} sentence", "{count} sentences")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", {1: "1 sentence", 2: "2 sentences", 0: "0 sentences"}),
        ("de", {1: "1 Satz", 2: "2 Sätze"}),
        ("es", {1: "1 frase", 2: "2 frases", 1_000_000: "1000000 de frases"}),
        ("pt", {0: "0 frase", 1: "1 frase", 2: "2 frases"}),
        ("fr", {0: "0 phrase", 1: "1 phrase", 2: "2 phrases"}),
        ("ru", {1: "1 предложение", 3: "3 предложения", 5: "5 предложений", 21: "21 предложение"}),
        ("tr", {1: "1 cümle", 7: "7 cümle"}),
        (
            "ar",
            {0: "0 جملة", 1: "جملة واحدة", 2: "جملتان", 3: "3 جمل", 11: "11 جملة", 100: "100 جملة"},
        ),
    ],
)
def test_a_count_takes_its_languages_plural_form(language: str, expected: dict[int, str]) -> None:
    t = translator(language)
    for n, said in expected.items():
        phrase = t.ngettext(*_SENTENCES, n).format(count=n)
        assert phrase.replace("\u2068", "").replace("\u2069", "") == said


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
