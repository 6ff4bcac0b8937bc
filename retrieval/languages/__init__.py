"""Per-language data for analysis: stop words, stemmers, abbreviations, question forms, time words.

Each supported language is one data file of tables (``en.toml``, ``ru.toml``, ...; their shape is
``model.Language``); the code that uses them (tokenize, segment, question, timewords, furniture) is
the same for every language. ``detect`` names the language of a text: a stop-word vote and the
script decide most news text at no cost; py3langid (whose model ships inside its package) decides
the rest.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections import Counter
from collections.abc import Collection
from functools import cache
from typing import TYPE_CHECKING, Literal

from .model import Language, LightStemming, RelativeWords
from .tables import load

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

__all__ = [
    "DEFAULT",
    "LANGUAGES",
    "Language",
    "LightStemming",
    "RelativeWords",
    "detect",
    "detect_question",
    "get",
    "label",
    "normalize",
    "stop_word_language",
]

_log = logging.getLogger(__name__)
DEFAULT = "en"
# The languages in the order they came: a stop-word vote that ties goes to the earlier one
# (``_vote``). A new language's file is read after these, without being named here.
LANGUAGES: dict[str, Language] = load(first=("en", "ru", "es", "pt", "de", "fr", "tr", "ar"))

_SAMPLE_CHARS = 600  # enough text to name a language; detection runs per article at ingest
_VOTE_WORDS = 80
_WORD = re.compile(r"[^\W\d_]+")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
_ACCENTED = re.compile(r"[\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F]")  # é ñ ü ş ğ ı ã ç ...
_NON_LATIN = re.compile(r"[\u0400-\u04FF\u0600-\u06FF]")
_PUNCTUATION = ".,;:!?¿¡\"'()[]«»“”„‘’-–—…؟،"


def normalize(code: object) -> str:
    """A supported language code from a declared one ("en-US", "RU", "pt_BR"), else ""."""
    if not isinstance(code, str):
        return ""
    base = re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]
    return base if base in LANGUAGES else ""


def get(code: str) -> Language:
    """The tables of a language (English for an unknown code)."""
    return LANGUAGES.get(code) or LANGUAGES[DEFAULT]


def label(code: str) -> str:
    """The language's own name, to label sentences in another language than the question's."""
    return LANGUAGES[code].native if code in LANGUAGES else code


@cache
def _stop_word_owners() -> dict[str, tuple[str, ...]]:
    owners: dict[str, list[str]] = {}
    for lang in LANGUAGES.values():
        for word in lang.stop_words:
            owners.setdefault(word, []).append(lang.code)
    return {word: tuple(codes) for word, codes in owners.items()}


def _vote(text: str) -> tuple[str, int, int]:
    """The language whose stop words the text uses most, its count and the runner-up's."""
    owners = _stop_word_owners()
    votes: Counter[str] = Counter()
    # Split on spaces and trim punctuation: several times cheaper than a word regex, and stop
    # words are plain words.
    for word in text.lower().split()[:_VOTE_WORDS]:
        for code in owners.get(word.strip(_PUNCTUATION), ()):
            votes[code] += 1
    ranked = [*votes.most_common(2), ("", 0), ("", 0)]
    return ranked[0][0], ranked[0][1], ranked[1][1]


def _by_script(text: str) -> str:
    """Cyrillic or Arabic letters outnumbering Latin ones name the language outright."""
    if not _NON_LATIN.search(text):  # most text: one quick scan
        return ""
    latin = len(_LATIN.findall(text))
    if len(_CYRILLIC.findall(text)) > latin:
        return "ru"
    if len(_ARABIC.findall(text)) > latin:
        return "ar"
    return ""


@cache
def _identifier() -> LanguageIdentifier | None:
    """py3langid's classifier, loaded on first need (about a second: most articles and
    questions are decided before); None when it cannot be loaded (its model unpacks through a
    temporary file, which a full disk refuses): detection then makes do without it."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    try:
        identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    except (OSError, ValueError) as exc:
        _log.info("language detection without py3langid: its model did not load (%s)", exc)
        return None
    identifier.set_languages(sorted(LANGUAGES))
    # It keeps the whole model (97 languages, ~27 MB) to allow another set_languages; we never
    # call it again.
    with contextlib.suppress(AttributeError, TypeError):
        identifier._full_model = None
    return identifier


def _classify(text: str) -> tuple[str, float]:
    """py3langid's language and probability. Asked only about text the stop words left
    undecided: articles with accented Latin letters, questions in a collection of several
    languages. Its tables take about 50 MB once loaded, which an English collection and its
    questions never pay."""
    identifier = _identifier()
    if identifier is None:
        return "", 0.0
    code, probability = identifier.classify(text)
    return str(code), float(probability)


def detect(text: str, fallback: str = DEFAULT) -> str:
    """The language of an article's text (its first few hundred characters)."""
    return _detect(text[:_SAMPLE_CHARS], fallback, votes=4, words=1, sure=0.5)


def detect_question(
    text: str, fallback: str = DEFAULT, collection: Collection[str] | None = None
) -> str:
    """The language of a question; a question too short to tell gets ``fallback`` (the
    collection's main language, or the language the person's Telegram client names).

    ``collection``: the languages the collection holds, when known. With one language (or
    none) py3langid is never asked: whichever language it named, the question would search
    the same articles, so an undecided question takes ``fallback`` rather than load ~50 MB of
    tables into the serving process. Script and stop words still name a question in another
    language (for the honest "nothing in your language"). With several, py3langid decides
    every question the stop words leave undecided, accented or not: "Quanto custou a nova
    ponte do Porto?" shares "a" and "do" with English, and taken as English its stems match
    no Portuguese article."""
    classify: Literal["accented", "always", "never"] = "accented"  # collection unknown
    if collection is not None:
        classify = "always" if len(collection) > 1 else "never"
    return _detect(text, fallback, votes=2, words=3, sure=0.9, classify=classify)


def stop_word_language(text: str) -> str:
    """A short message's language at no cost: its script, else the language whose stop words
    it uses most (ahead of every other), else "" (follow-ups: "et l'an dernier ?")."""
    scripted = _by_script(text)
    if scripted:
        return scripted
    best, count, runner_up = _vote(text)
    return best if count > runner_up else ""


def _detect(
    text: str,
    fallback: str,
    *,
    votes: int,
    words: int,
    sure: float,
    classify: Literal["accented", "always", "never"] = "accented",
) -> str:
    """Script, then stop words (``votes`` of one language, twice the runner-up's), then
    py3langid for text of at least ``words`` words (``classify``: only text with accented
    letters, any, or none): its answer at probability ``sure``, or at 0.5 when the stop
    words lean the same way."""
    scripted = _by_script(text)
    if scripted:
        return scripted
    best, count, runner_up = _vote(text)
    if count >= votes and count >= 2 * runner_up:
        return best
    if classify == "never" or len(_WORD.findall(text)) < words:
        return fallback
    if classify == "accented" and not _ACCENTED.search(text):  # see _classify
        return fallback
    code, probability = _classify(text)
    agrees = code == best and count >= 2
    return code if probability >= sure or (agrees and probability >= 0.5) else fallback
