"""Tokenization shared by the index and sentence ranking.

The passage index uses tantivy's ``en_stem`` analyzer (split on non-alphanumerics,
lowercase, Snowball English stemmer); ``tokenize`` reproduces it in Python with
PyStemmer's Snowball English, so query terms and sentence terms match index terms.
"""

from __future__ import annotations

import re

import Stemmer

__all__ = ["STOP_WORDS", "content_words", "stem", "tokenize", "words"]

_WORD = re.compile(r"[^\W_]+")
_MAX_TOKEN_CHARS = 40  # tantivy's RemoveLongFilter default for en_stem
_stemmer = Stemmer.Stemmer("english")

STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are aren as at be because been
    before being below between both but by can cannot could couldn did didn do does doesn doing
    don down during each few for from further had hadn has hasn have haven having he her here
    hers herself him himself his how i if in into is isn it its itself just ll m me might more
    most mustn my myself no nor not now of off on once only or other ought our ours ourselves
    out over own re s same shan she should shouldn so some such t than that the their theirs
    them themselves then there these they this those through to too under until up ve very was
    wasn we were weren what when where which while who whom whose why will with would
    wouldn you your yours yourself yourselves d y o ain according said says say
    """.split()
)


def words(text: str) -> list[str]:
    """Lowercased alphanumeric runs, as tantivy's simple tokenizer and lowercaser give them."""
    return [w for w in _WORD.findall(text.lower()) if len(w) < _MAX_TOKEN_CHARS]


def stem(word: str) -> str:
    """Snowball English stem of one lowercased word."""
    found = _STEMS.get(word)
    if found is None:
        found = _remember(word)
    return found or word


def tokenize(text: str) -> list[str]:
    """All stemmed tokens of a text, stop words included (as the index holds them)."""
    return [stem(w) for w in words(text)]


def content_words(text: str) -> list[str]:
    """Stemmed tokens without stop words: what a query or a sentence is about."""
    found = _WORD.findall(text.lower())
    terms = list(map(_CONTENT.get, found))  # one C-level pass: indexing calls this per sentence
    if None in terms:
        for i, term in enumerate(terms):
            if term is None:
                _remember(found[i])
                terms[i] = _CONTENT[found[i]]
    return [term for term in terms if term]


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
