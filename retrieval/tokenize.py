"""Tokenization shared by the index and sentence ranking.

Analysis lives here only: split on non-alphanumerics, lowercase, Snowball English stems
(PyStemmer). The index holds exactly these tokens (the engines split them on white space), so
query terms, sentence terms and index terms are one analysis whatever the engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import Stemmer

__all__ = [
    "STOP_WORDS",
    "content_words",
    "family_aliases",
    "stem",
    "tokenize",
    "tokens_and_content",
    "words",
]

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
    return _STEMS[word] or word


def tokenize(text: str) -> list[str]:
    """All stemmed tokens of a text, stop words included (as the index holds them)."""
    return [stem(w) for w in words(text)]


def content_words(text: str) -> list[str]:
    """Stemmed tokens without stop words: what a query or a sentence is about."""
    return list(filter(None, map(_CONTENT.__getitem__, _WORD.findall(text.lower()))))


def tokens_and_content(text: str) -> tuple[list[str], list[str]]:
    """``tokenize(text)`` and ``content_words(text)`` in one pass: indexing needs both of
    every sentence (the first is indexed, the second stored for sentence choice)."""
    found = _WORD.findall(text.lower())
    # C-level passes (indexing calls this per sentence); "" marks over-long tokens (and, in
    # _CONTENT, stop words): both are left out.
    return list(filter(None, map(_STEMS.__getitem__, found))), list(
        filter(None, map(_CONTENT.__getitem__, found))
    )


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
class _WordCache(dict[str, str]):
    """A cache that stems the words it has not seen yet (looked up with ``[]``)."""

    def __missing__(self, word: str) -> str:
        _remember(word)
        return dict.__getitem__(self, word)


_STEMS = _WordCache()
_CONTENT = _WordCache()  # "" for stop words and over-long tokens
_CACHE_LIMIT = 500_000


def _remember(word: str) -> str:
    if len(_STEMS) > _CACHE_LIMIT:
        _STEMS.clear()
        _CONTENT.clear()
    stemmed = str(_stemmer.stemWord(word)) if len(word) < _MAX_TOKEN_CHARS else ""
    _STEMS[word] = stemmed
    _CONTENT[word] = "" if word in STOP_WORDS else stemmed
    return stemmed
