"""Tokenization shared by the index and sentence ranking.

The passage index uses tantivy's ``en_stem`` analyzer (split on non-alphanumerics,
lowercase, Snowball English stemmer); ``tokenize`` reproduces it in Python with
PyStemmer's Snowball English, so query terms and sentence terms match index terms.

Every function takes a ``language`` (a code of ``retrieval.languages``; default English): its
stop words and Snowball stemmer. English keeps its own caches and code path, the hot path of
indexing and answering; other languages share one path with a cache per language.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import Stemmer

from . import languages

__all__ = [
    "INDEX_STEMMER",
    "STOP_WORDS",
    "content_words",
    "family_aliases",
    "index_terms",
    "stem",
    "tokenize",
    "words",
]

_WORD = re.compile(r"[^\W_]+")
_MAX_TOKEN_CHARS = 40  # tantivy's RemoveLongFilter default for en_stem
_stemmer = Stemmer.Stemmer("english")

STOP_WORDS = languages.LANGUAGES["en"].stop_words
EN = "en"
# The passage index and the stored sentence stems are made with the English analyzer for every
# article (tantivy's en_stem); until the index holds per-language tokens, a question's terms
# are its own language's words without its stop words, stemmed as the index stems them.
INDEX_STEMMER = EN


def words(text: str, language: str = EN) -> list[str]:
    """Lowercased alphanumeric runs, as tantivy's simple tokenizer and lowercaser give them."""
    if language != EN:
        return [w for w in _other_words(text, language) if len(w) < _MAX_TOKEN_CHARS]
    return [w for w in _WORD.findall(text.lower()) if len(w) < _MAX_TOKEN_CHARS]


def stem(word: str, language: str = EN) -> str:
    """Snowball stem of one lowercased word."""
    if language != EN:
        return _analyzer(language).stem(word) or word
    found = _STEMS.get(word)
    if found is None:
        found = _remember(word)
    return found or word


def tokenize(text: str, language: str = EN) -> list[str]:
    """All stemmed tokens of a text, stop words included (as the index holds them)."""
    return [stem(w, language) for w in words(text, language)]


def content_words(text: str, language: str = EN) -> list[str]:
    """Stemmed tokens without stop words: what a query or a sentence is about."""
    if language != EN:
        return _analyzer(language).content_words(text)
    found = _WORD.findall(text.lower())
    terms = list(map(_CONTENT.get, found))  # one C-level pass: indexing calls this per sentence
    if None in terms:
        for i, term in enumerate(terms):
            if term is None:
                _remember(found[i])
                terms[i] = _CONTENT[found[i]]
    return [term for term in terms if term]


def index_terms(text: str, language: str = EN) -> list[str]:
    """A question's content words as the index holds them: the question language's words and
    stop words, the index's stemmer."""
    if language == INDEX_STEMMER:
        return content_words(text, language)
    own = _analyzer(language)
    return [
        stem(word, INDEX_STEMMER)
        for word in _other_words(text, language)
        if word not in own.stop_words and len(word) < _MAX_TOKEN_CHARS
    ]


# Snowball leaves nouns in -y apart from their verbs: "delivered" -> deliv, "delivery" ->
# deliveri; "injured" -> injur, "injury" -> injuri; "discovered" / "discovery". Two stems are one
# family when the longer is the shorter plus at most _FAMILY_EXTRA letters ending in "i" (the
# stemmer's -y), and the shorter has at least _FAMILY_PREFIX letters ("part" / "parti" stay apart).
_FAMILY_PREFIX = 5
_FAMILY_EXTRA = 3


def family_aliases(unmatched: Iterable[str], vocabulary: Iterable[str]) -> dict[str, str]:
    """For question stems found nowhere in ``vocabulary`` (the words of the candidate
    passages), the vocabulary stems of the same family, each mapped to the question's stem."""
    wanted = [t for t in unmatched if len(t) >= _FAMILY_PREFIX]
    if not wanted:
        return {}
    aliases: dict[str, str] = {}
    for word in vocabulary:
        for term in wanted:
            short, long = (term, word) if len(term) <= len(word) else (word, term)
            if (
                len(short) >= _FAMILY_PREFIX
                and 0 < len(long) - len(short) <= _FAMILY_EXTRA
                and long.startswith(short)
                and long.endswith("i")
            ):
                aliases[word] = term
                break
    return aliases


# Word -> stem caches: news text repeats a small vocabulary, and a dict lookup is several times
# cheaper than a stemmer call. Bounded, since an archive of spam could otherwise grow them.
_STEMS: dict[str, str] = {}
_CONTENT: dict[str, str] = {}  # "" for stop words and over-long tokens
_CACHE_LIMIT = 500_000


def _remember(word: str) -> str:
    if len(_STEMS) > _CACHE_LIMIT:
        _STEMS.clear()
        _CONTENT.clear()
    stemmed = str(_stemmer.stemWord(word)) if len(word) < _MAX_TOKEN_CHARS else ""
    _STEMS[word] = stemmed
    _CONTENT[word] = "" if word in STOP_WORDS else stemmed
    return stemmed


# -- languages other than English -------------------------------------------------------------

# Arabic short vowels, shadda, sukun and the tatweel stretch are not letters (\W), so they would
# cut words apart; dropping them is also how Arabic search matches vowelled and plain spellings.
_ARABIC_MARKS = dict.fromkeys(
    [*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)], None
)
# Turkish dotted and dotless i: "İstanbul".lower() would leave a combining dot behind.
_TURKISH_UPPER = str.maketrans({"İ": "i", "I": "ı"})


def _other_words(text: str, language: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    if language == "ar":
        text = text.translate(_ARABIC_MARKS)
    elif language == "tr":
        text = text.translate(_TURKISH_UPPER)
    return _WORD.findall(text.lower())


class _Analyzer:
    """One language's stemmer and stop words, with a bounded word -> stem cache."""

    def __init__(self, language: str) -> None:
        table = languages.get(language)
        self.language = language
        self.stemmer = Stemmer.Stemmer(table.stemmer)
        self.stop_words = frozenset(_other_words(" ".join(table.stop_words), language))
        self.stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        found = self.stems.get(word)
        if found is None:
            if len(self.stems) > _CACHE_LIMIT:
                self.stems.clear()
            found = str(self.stemmer.stemWord(word)) if len(word) < _MAX_TOKEN_CHARS else ""
            self.stems[word] = found
        return found

    def content_words(self, text: str) -> list[str]:
        terms = []
        for word in _other_words(text, self.language):
            if word not in self.stop_words and len(word) < _MAX_TOKEN_CHARS:
                stemmed = self.stem(word)
                if stemmed:
                    terms.append(stemmed)
        return terms


_ANALYZERS: dict[str, _Analyzer] = {}


def _analyzer(language: str) -> _Analyzer:
    found = _ANALYZERS.get(language)
    if found is None:
        code = language if language in languages.LANGUAGES else EN
        found = _ANALYZERS[language] = _Analyzer(code)
    return found
