"""Names stay names: a name of several words in a query ("Damar Hamlin", "World Cup") is
searched as a phrase first, its words only when the phrase runs out.

A name is a run of two or more capitalised words of the query (in languages that capitalise
names: not German, whose nouns all are), or a run of lower-case words ("damar hamlin") that the
collection itself writes as a name: a passage holding the phrase writes each of its words with
a capital. Passages holding one of the query's names rank first, by their own scores; the
others follow, so an article that holds only one of a name's words ("Denny Hamlin", "Hamline
University") never ranks above one that holds the name.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Hashable, Sequence

from . import languages
from .backend import PassageHit, SearchBackend, SearchRequest
from .tokenize import content_words, tokenize

__all__ = ["name_phrases", "phrase_first"]

_WORD = re.compile(r"[^\W\d_][^\W_]*(?:[-'’][^\W_]+)*|[^\W_]+|[^\w\s]")
_MAX_WORDS = 4  # a longer run is a title or a shouting headline, not a name
_MAX_NAMES = 3
_CHECKED = 3  # lower-case runs looked up in the collection, at most
_SAMPLE = 3  # passages read to see how the collection writes a run
_COMMON_SHARE = 0.02  # a word in more of the passages than this is no part of a name alone
_CHEAP_PASSAGES = 2000  # ... though in a small collection every run is cheap to look up


def name_phrases(
    text: str, language: str, index: SearchBackend | None = None
) -> tuple[tuple[str, ...], ...]:
    """The query's names of several words, each as its terms in order (as the index holds
    them). With ``index``, runs the query does not capitalise (all of a lower-case query, or
    a German one's) count when the collection writes them as a name."""
    tokens = _WORD.findall(text[:500])
    table = languages.get(language)
    stops = table.stop_words
    names: list[tuple[str, ...]] = []
    capitalises = table.follow_up.capitalised_names and not text.islower()
    if capitalises:
        for run in _runs(tokens, stops, capitalised=True):
            names.append(tuple(tokenize(" ".join(run), language)))
    elif index is not None:
        capitalised = not text.islower()  # German: its capitalised runs are nouns or names
        for run in _runs(tokens, stops, capitalised=capitalised)[:_CHECKED]:
            terms = tuple(tokenize(" ".join(run), language))
            if len(terms) == len(run) and _written_as_name(index, run, terms, language):
                names.append(terms)
    found = [n for n in dict.fromkeys(names) if 1 < len(n) <= _MAX_WORDS]
    return tuple(found[:_MAX_NAMES])


def _runs(tokens: Sequence[str], stops: frozenset[str], *, capitalised: bool) -> list[list[str]]:
    """Runs of two or more words, each capitalised (or, for a lower-case query, any content
    word), without punctuation or stop words between them."""
    runs: list[list[str]] = []
    current: list[str] = []
    for token in [*tokens, "."]:
        word = token[:1].isalpha() and token.lower() not in stops
        if word and (token[:1].isupper() or not capitalised):
            current.append(token)
            continue
        if len(current) > 1:
            runs += _windows(current) if not capitalised else [current[:_MAX_WORDS]]
        current = []
    return runs


def _windows(run: list[str]) -> list[list[str]]:
    """A lower-case run's pairs, left to right: in "damar hamlin injury" only "damar hamlin"
    is a name, which the collection tells."""
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _written_as_name(
    index: SearchBackend, run: Sequence[str], terms: tuple[str, ...], language: str
) -> bool:
    """The collection writes ``run`` as a name: a passage holding it capitalises each word."""
    if any(not content_words(word, language) for word in run):
        return False
    # A run of common words only ("first ever") is rarely a name, and its phrase is costly
    # to look up: the rarer word's passages bound the work.
    rarest = min(index.doc_freq(term) for term in terms)
    if rarest > max(_COMMON_SHARE * index.passage_count, _CHEAP_PASSAGES):
        return False
    hits = index.search(SearchRequest(list(terms), limit=_SAMPLE, required=(terms,)))
    pattern = re.compile(r"\b" + r"[\s\-]+".join(map(re.escape, run)) + r"\b", re.IGNORECASE)
    for passage in index.fetch(hits):
        for text in (passage.title, passage.text):
            for found in pattern.finditer(text):
                if all(w[:1].isupper() for w in re.split(r"[\s\-]+", found.group(0))):
                    return True
    return False


def phrase_first(
    index: SearchBackend, request: SearchRequest, names: Sequence[Sequence[str]]
) -> tuple[list[PassageHit], int]:
    """The engine's best ``request.limit`` hits with the passages holding one of ``names``
    first (their own order), then the others: the first of a ranking where every name match
    comes before every other passage, so a deeper search begins with a shallower one's hits.
    Also how many of them hold a name."""
    if not names:
        return index.search(request), 0
    required = tuple(tuple(name) for name in names)
    held = index.search(dataclasses.replace(request, required=required))
    if len(held) >= request.limit:
        return held, len(held)
    seen: set[Hashable] = {hit.ref for hit in held}
    rest = [hit for hit in index.search(request) if hit.ref not in seen]
    return held + rest[: request.limit - len(held)], len(held)
