"""The tokenizer on many threads at once gives exactly what it gives on one: answers analyse
questions and sentences on four read threads while indexing analyses articles on others."""

from __future__ import annotations

import json
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from retrieval import tokenize
from retrieval.segment import split_sentences

LANG = Path(__file__).resolve().parent / "lang"
THREADS = 8

Analysis = tuple[list[str], list[str], tuple[list[str], list[str]], tuple[str, str]]


def _texts() -> list[tuple[str, str]]:
    """(language, text): the multilingual test articles and their titles, every language."""
    found = []
    for path in sorted(LANG.glob("*.articles.jsonl")):
        language = path.name.split(".")[0]
        for line in path.read_text(encoding="utf-8").splitlines():
            article = json.loads(line)
            found += [(language, article["title"]), (language, article["text"])]
    return found


def _analysis(language: str, text: str) -> Analysis:
    return (
        tokenize.tokenize(text, language),
        tokenize.content_words(text, language),
        tokenize.tokens_and_content(text, language),
        tokenize.passage_terms(split_sentences(text), language),
    )


def _fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    """Empty caches and no analyser yet, so the threads make them all at once."""
    tokenize._STEMS.clear()
    tokenize._CONTENT.clear()
    monkeypatch.setattr(tokenize, "_ANALYZERS", {})


def test_many_threads_analyse_exactly_as_one(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _texts()
    assert {language for language, _ in texts} >= {"en", "de", "ru", "ar", "tr"}
    _fresh(monkeypatch)
    expected = [_analysis(language, text) for language, text in texts]
    # Small caches, cleared again and again under the other threads' lookups, and a thread
    # switch every microsecond: whatever two threads can do to each other, they do here.
    monkeypatch.setattr(tokenize, "_CACHE_LIMIT", 64)
    _fresh(monkeypatch)
    start = threading.Barrier(THREADS)

    def hammer(shift: int) -> list[Analysis]:
        order = list(range(shift, len(texts))) + list(range(shift))  # each its own order
        start.wait()
        done = {i: _analysis(*texts[i]) for _ in range(3) for i in order}
        return [done[i] for i in range(len(texts))]

    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(THREADS) as pool:
            results = list(pool.map(hammer, range(0, len(texts), len(texts) // THREADS + 1)))
    finally:
        sys.setswitchinterval(switching)
    assert len(results) == THREADS
    for result in results:
        assert result == expected
    assert len(tokenize._ANALYZERS) == len({language for language, _ in texts} - {"en"})


def test_each_thread_has_its_own_stemmer() -> None:
    here = tokenize._snowball("english")
    assert tokenize._snowball("english") is here
    with ThreadPoolExecutor(1) as pool:
        there = pool.submit(tokenize._snowball, "english").result()
    assert there is not here and there.stemWord("running") == here.stemWord("running")


def test_a_cache_cleared_under_a_lookup_costs_the_word_its_analysis_not_an_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The caches are bounded: another thread may clear them in the middle of this one's
    lookup (here, as the stop words are asked); the word's terms are what was made, never read
    back from a cache that may have been emptied."""

    class ClearedWhileAsked(frozenset[str]):
        def __contains__(self, word: object) -> bool:
            tokenize._STEMS.clear()
            tokenize._CONTENT.clear()
            return super().__contains__(word)

    expected = tokenize.content_words("The Rangers celebrated their title")
    monkeypatch.setattr(tokenize, "STOP_WORDS", ClearedWhileAsked(tokenize.STOP_WORDS))
    tokenize._STEMS.clear()
    tokenize._CONTENT.clear()
    assert tokenize.content_words("The Rangers celebrated their title") == expected
    assert tokenize.tokenize("Rangers celebrated") == ["ranger", "celebr"]
