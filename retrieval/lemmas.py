"""Dictionary lemmas for a language whose inflection a stemmer leaves apart (Russian).

Snowball cuts endings by rule, so forms whose stem changes stay apart: "люди" / "человек",
"лет" / "год", "шёл" / "идти", "коек" / "койка", "перерезал" / "перерезана". A morphological
analyser knows each word's paradigm and names its lemma, so every form of a word it knows is
one term, in the index and in questions alike. Words it does not know (most names, new words,
numbers, Latin letters) get ``None``: the language's Snowball stemmer takes them.

pymorphy3 with its Russian dictionary package (pymorphy3-dicts-ru: the dictionary ships in the
package, nothing is downloaded) is loaded on the first Russian word, never before (about 0.1 s
and 25 MB): a collection without Russian never pays for it. Its construction is not safe to
run twice at once, and answers tokenize on several read threads, so loading and parsing run
under one lock; the callers cache each word's result (``tokenize``), so a word is parsed once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

__all__ = ["LEMMATIZERS", "Lemmatizer", "lemmatizer"]

Lemmatizer = Callable[[str], str | None]


class _Pymorphy3:
    """The lemma of a lowercased Russian word pymorphy3's dictionary knows, else None.

    The most probable parse's normal form, with "ё" written "е" (as Snowball and most news
    text write it): "эвакуированных" -> "эвакуировать", "лет" -> "год", "детей" -> "ребенок".
    """

    def __init__(self, language: str) -> None:
        self.language = language
        self._lock = threading.Lock()
        self._analyzer: Any = None

    def __call__(self, word: str) -> str | None:
        with self._lock:
            if self._analyzer is None:
                import pymorphy3  # ~25 MB: only once a text of this language comes

                self._analyzer = pymorphy3.MorphAnalyzer(lang=self.language)
            best = self._analyzer.parse(word)[0]
        if not best.is_known:  # a guess from the word's shape: Snowball guesses as well
            return None
        return str(best.normal_form).replace("ё", "е")


_FACTORIES: dict[str, Callable[[], Lemmatizer]] = {"pymorphy3": lambda: _Pymorphy3("ru")}
LEMMATIZERS = tuple(_FACTORIES)  # the names a language table may give as its ``lemmatizer``
_MADE: dict[str, Lemmatizer] = {}
_MAKING = threading.Lock()


def lemmatizer(name: str) -> Lemmatizer:
    """The lemmatizer of that name, one per process (shared by every thread)."""
    with _MAKING:
        found = _MADE.get(name)
        if found is None:
            found = _MADE[name] = _FACTORIES[name]()
        return found
