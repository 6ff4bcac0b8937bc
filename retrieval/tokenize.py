"""Tokenization shared by the index and sentence ranking.

Analysis lives here only: split on non-alphanumerics, lowercase, Snowball English stems
(PyStemmer). The index holds exactly these tokens (the engines split them on white space), so
query terms, sentence terms and index terms are one analysis whatever the engine.

Every function takes a ``language`` (a code of ``retrieval.languages``; default English): its
stop words and its analysis. Most languages are stemmed by Snowball; Russian words are their
dictionary lemma where pymorphy3 knows them (``retrieval.lemmas``; Snowball for the rest), and
Arabic is light-stemmed by its table's rules (``retrieval.light_stemming``). English keeps its
own caches and code path, the hot path of indexing and answering; other languages share one
path with a cache per language. An article is indexed with its language's analysis, a question
searched with its own.

Answers tokenize on several read threads and indexing on others at once. PyStemmer does not
promise that one stemmer may serve two threads, so each thread has its own stemmers
(``threading.local``); the word caches are shared dicts whose every step is one atomic dict
operation (a word analysed twice at once gets the same terms twice; a cache cleared under a
lookup only costs that word its analysis again), and the analysers are made under a lock.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

import Stemmer

from . import languages
from .languages.tables import LIGHT
from .lemmas import Lemmatizer, lemmatizer
from .light_stemming import LightStemmer

__all__ = [
    "STOP_WORDS",
    "content_words",
    "family_aliases",
    "passage_terms",
    "stem",
    "tokenize",
    "tokens_and_content",
    "words",
]

_WORD = re.compile(r"[^\W_]+")
_BREAK = "\n"  # between sentences: never inside a word, so one pass sees the same words
_WORD_OR_BREAK = re.compile(r"[^\W_]+|\n")
_SPACED_BREAK = f" {_BREAK} "  # the regex finds the same words and breaks as with _BREAK
_ASCII_BREAK = "."
# Non-ASCII characters that are no part of a word (so the regex would skip them) and common
# in English news: with them spaced out, most passages are ASCII.
_COMMON_PUNCTUATION = re.compile(
    "[\u2018\u2019\u201c\u201d\u2014\u2013\u2026\u00a0\u2022\u25ba\u200b]"
)
# Every ASCII character that is not a letter or digit to a space; the break to _ASCII_BREAK.
_ASCII_WORDS = str.maketrans(
    {c: " " for c in map(chr, range(128)) if not c.isalnum()} | {_BREAK: _ASCII_BREAK}
)
_MAX_TOKEN_CHARS = 40  # tantivy's RemoveLongFilter default for en_stem
_THREAD = threading.local()  # this thread's stemmers, by algorithm

STOP_WORDS = languages.LANGUAGES["en"].stop_words
EN = "en"


def words(text: str, language: str = EN) -> list[str]:
    """Lowercased alphanumeric runs, as tantivy's simple tokenizer and lowercaser give them."""
    if language != EN:
        return [w for w in _other_words(text, language) if len(w) < _MAX_TOKEN_CHARS]
    return [w for w in _WORD.findall(text.lower()) if len(w) < _MAX_TOKEN_CHARS]


def stem(word: str, language: str = EN) -> str:
    """The term of one lowercased word: its Snowball stem (or lemma, or light stem: the
    language's analysis)."""
    if language != EN:
        return _analyzer(language).stem(word) or word
    return _STEMS[word] or word


def tokenize(text: str, language: str = EN) -> list[str]:
    """All stemmed tokens of a text, stop words included (as the index holds them)."""
    return [stem(w, language) for w in words(text, language)]


def content_words(text: str, language: str = EN) -> list[str]:
    """Stemmed tokens without stop words: what a query or a sentence is about."""
    if language != EN:
        return _analyzer(language).tokens_and_content(text)[1]
    return list(filter(None, map(_CONTENT.__getitem__, _WORD.findall(text.lower()))))


def tokens_and_content(text: str, language: str = EN) -> tuple[list[str], list[str]]:
    """``tokenize(text)`` and ``content_words(text)`` in one pass: indexing needs both of
    every sentence (the first is indexed, the second stored for sentence choice)."""
    if language != EN:
        return _analyzer(language).tokens_and_content(text)
    found = _WORD.findall(text.lower())
    # C-level passes (indexing calls this per sentence); "" marks over-long tokens (and, in
    # _CONTENT, stop words): both are left out.
    return list(filter(None, map(_STEMS.__getitem__, found))), list(
        filter(None, map(_CONTENT.__getitem__, found))
    )


def passage_terms(sentences: list[str], language: str = EN) -> tuple[str, str]:
    """A passage's tokens (space-separated) and each sentence's content words (space-separated,
    a line each): exactly ``tokens_and_content`` of every sentence, joined.

    English, the hot path of indexing, lowercases and scans the passage once, sentence breaks
    included, instead of once per sentence (fewer calls; the words looked up are the same)."""
    if language != EN:
        analysed = [tokens_and_content(sentence, language) for sentence in sentences]
        return " ".join(" ".join(tokens) for tokens, _ in analysed if tokens), "\n".join(
            " ".join(content) for _, content in analysed
        )
    lowered = _SPACED_BREAK.join(sentences).lower()
    if not lowered.isascii():  # mostly curly quotes and dashes: never part of a word
        lowered = _COMMON_PUNCTUATION.sub(" ", lowered)
    if lowered.isascii() and lowered.count(_BREAK) == len(sentences) - 1:
        # ASCII letters and digits are the words: a character table and a split find them
        # several times faster than the regex. Breaks become "." tokens (no word is one).
        found = lowered.translate(_ASCII_WORDS).split()
    else:
        found = _WORD_OR_BREAK.findall(lowered)
    # A break maps to "" in _STEMS (dropped) and to itself in _CONTENT; the spaces the join
    # puts around breaks go (no token holds a space or a break).
    joined = " ".join(filter(None, map(_CONTENT.__getitem__, found)))
    stems = joined.replace(" \n", "\n").replace("\n ", "\n")
    return " ".join(filter(None, map(_STEMS.__getitem__, found))), stems


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
    # A family shares at least its shorter stem's first _FAMILY_PREFIX letters: other words
    # are passed over without trying every term on them.
    beginnings = {term[:_FAMILY_PREFIX] for term in wanted}
    for word in vocabulary:
        if word[:_FAMILY_PREFIX] not in beginnings:
            continue
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


def _snowball(algorithm: str) -> Stemmer.Stemmer:
    """This thread's Snowball stemmer of ``algorithm`` (made on its first word)."""
    stemmers: dict[str, Stemmer.Stemmer] | None = getattr(_THREAD, "stemmers", None)
    if stemmers is None:
        stemmers = _THREAD.stemmers = {}
    found = stemmers.get(algorithm)
    if found is None:
        found = stemmers[algorithm] = Stemmer.Stemmer(algorithm)
    return found


# Word -> stem caches: news text repeats a small vocabulary, and a dict lookup is several times
# cheaper than a stemmer call. Bounded, since an archive of spam could otherwise grow them.
class _WordCache(dict[str, str]):
    """A cache that analyses the words it has not seen yet (looked up with ``[]``): a word's
    stem, or (``content``) its stem unless it is a stop word. The terms a miss makes are
    returned as made, never read back: another thread may clear the cache in between."""

    def __init__(self, content: bool) -> None:
        super().__init__()
        self.content = content

    def __missing__(self, word: str) -> str:
        stemmed, content = _remember(word)
        return content if self.content else stemmed


_STEMS = _WordCache(content=False)
_CONTENT = _WordCache(content=True)  # "" for stop words and over-long tokens
_CACHE_LIMIT = 500_000


def _remember(word: str) -> tuple[str, str]:
    """A word's stem and content term, kept in both caches."""
    if len(_STEMS) > _CACHE_LIMIT:
        _STEMS.clear()
        _CONTENT.clear()
    if word in (_BREAK, _ASCII_BREAK):  # passage_terms' sentence break: a line of content
        terms = ("", _BREAK)
    else:
        stemmed = _snowball("english").stemWord(word) if len(word) < _MAX_TOKEN_CHARS else ""
        terms = (str(stemmed), "" if word in STOP_WORDS else str(stemmed))
    _STEMS[word], _CONTENT[word] = terms
    return terms


# -- languages other than English -------------------------------------------------------------

# Arabic short vowels, shadda, sukun and the tatweel stretch are not letters (\W), so they would
# cut words apart; dropping them is also how Arabic search matches vowelled and plain spellings.
_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640, *range(0x06D6, 0x06EE)])
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
    """One language's analysis and stop words, with a bounded word -> term cache (read and
    written by several threads: a dict's get and set are atomic, and a word analysed twice at
    once gets the same term twice; the Snowball stemmer is each thread's own)."""

    def __init__(self, language: str) -> None:
        table = languages.get(language)
        self.language = language
        self.light: LightStemmer | None = None
        self.algorithm = ""  # Snowball's, when the language is not light-stemmed
        if table.stemmer == LIGHT and table.light_stemming is not None:
            self.light = LightStemmer.of(table.light_stemming)
        else:
            self.algorithm = table.stemmer
        self.lemma: Lemmatizer | None = lemmatizer(table.lemmatizer) if table.lemmatizer else None
        self.stop_words = frozenset(_other_words(" ".join(table.stop_words), language))
        # With lemmas, a form of a listed stop word is one too ("кем" is "кто", "какую" is
        # "какой"): the list need not spell out every case of every pronoun.
        self.stop_lemmas = self.stop_words if self.lemma is not None else frozenset()
        self.stems: dict[str, str] = {}

    def stem(self, word: str) -> str:
        found = self.stems.get(word)
        if found is None:
            if len(self.stems) > _CACHE_LIMIT:
                self.stems.clear()
            found = self._analyse(word) if len(word) < _MAX_TOKEN_CHARS else ""
            self.stems[word] = found
        return found

    def _analyse(self, word: str) -> str:
        if self.light is not None:
            return self.light(word)
        if self.lemma is not None:
            lemma = self.lemma(word)
            if lemma is not None:
                return lemma
        return str(_snowball(self.algorithm).stemWord(word))

    def tokens_and_content(self, text: str) -> tuple[list[str], list[str]]:
        tokens: list[str] = []
        content: list[str] = []
        for word in _other_words(text, self.language):
            stemmed = self.stem(word)
            if stemmed:
                tokens.append(stemmed)
                if word not in self.stop_words and stemmed not in self.stop_lemmas:
                    content.append(stemmed)
        return tokens, content


_ANALYZERS: dict[str, _Analyzer] = {}
_MAKING = threading.Lock()


def _analyzer(language: str) -> _Analyzer:
    found = _ANALYZERS.get(language)
    if found is None:
        with _MAKING:  # one analyser a language, whichever thread meets it first
            found = _ANALYZERS.get(language)
            if found is None:
                code = language if language in languages.LANGUAGES else EN
                found = _ANALYZERS[language] = _Analyzer(code)
    return found
