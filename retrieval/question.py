"""A question prepared for search: its terms, its time words, and what form of answer it wants."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from functools import cache

from . import languages
from .facts import asks_past, form_kinds, question_kinds
from .timewords import QUESTION_CHARS, TimeScope, asks_present, question_time_scope
from .tokenize import content_words, tokenize

__all__ = ["MAX_QUERY_CHARS", "MAX_QUERY_TERMS", "Query", "build_query"]

MAX_QUERY_CHARS = 4096  # Telegram's message limit; anything longer is cut first
MAX_QUERY_TERMS = 32  # bounds the cost of a long question: its rarest terms are kept

_COMPOUND = re.compile(r"[^\W_]+(?:[-/.][^\W_]+)+")
_QUOTED = re.compile(r"[\"“”«»]([^\"“”«»]{3,80})[\"“”«»]")
_MAX_PHRASES = 4
_MAX_PHRASE_WORDS = 6
_FORMS = ("time", "number", "person", "place")  # tried in this order: "when" is a time


@cache
def _forms(language: str) -> dict[str, re.Pattern[str]]:
    """A language's question-form patterns (``languages``), compiled once."""
    table = languages.get(language)
    patterns = {"wh": table.wh, **{kind: getattr(table, kind) for kind in _FORMS}}
    return {kind: re.compile(p, re.IGNORECASE) for kind, p in patterns.items() if p}


@dataclass(frozen=True)
class Query:
    """A question prepared for search."""

    text: str
    terms: list[str]  # stemmed content words, without the time words
    ref_date: dt.date  # the "as of" day: news near it is preferred
    scope: TimeScope | None  # dates the question names
    wants_fact: bool  # wh- and quiz questions want a name or number the question lacks
    wants_number: bool  # "how many", "what percentage", "when": a figure or a date
    wants: str = ""  # "person", "place", "time", "number" or "" when the form does not say
    phrases: tuple[tuple[str, ...], ...] = ()  # "S-400", "COVID-19", "quoted words": in order
    present: bool = False  # asks about now ("today", "latest"): say if the news ends earlier
    language: str = "en"  # decides the analyzer, the forms and the time words
    language_sure: bool = True  # given or detected; False: too short to tell, the fallback
    # The kinds of answer it accepts, most likely first (keys of ``facts.ANSWER_KINDS``).
    kinds: tuple[str, ...] = ()
    past: bool = False  # asks what happened ("who won"), not what will ("who will win")
    # Names of several words ("Damar Hamlin"), as index terms: searched as phrases first
    # (``names``; set by ``passages.collection_query``, which can ask the collection).
    names: tuple[tuple[str, ...], ...] = ()


def build_query(
    question: str,
    as_of: dt.date,
    doc_freq: Callable[[str], int] | None = None,
    *,
    language: str = "",
    fallback_language: str = languages.DEFAULT,
    collection_languages: Collection[str] | None = None,
) -> Query:
    """Clean the question, take out its time words, keep its most telling terms.

    ``doc_freq`` ranks terms when there are too many: the rarest are kept, since they say
    most about what is asked (and a long paste then costs what a short question costs).
    ``language`` is the question's when known; otherwise it is detected, and a question too
    short to tell is taken to be in ``fallback_language``. ``collection_languages``: the
    languages the collection holds, when known (see ``languages.detect_question``).
    """
    text = " ".join(question[:MAX_QUERY_CHARS].split())
    language = languages.normalize(language) or languages.detect_question(
        text, "", collection_languages
    )
    language_sure = bool(language)
    language = language or languages.normalize(fallback_language) or languages.DEFAULT
    forms = _forms(language)
    remaining, scope = question_time_scope(text, as_of, language)
    terms = list(dict.fromkeys(content_words(remaining, language)))
    if len(terms) > MAX_QUERY_TERMS:
        if doc_freq is not None:
            terms = sorted(terms, key=doc_freq)
        terms = terms[:MAX_QUERY_TERMS]
    wants = _answer_type(text, forms)
    return Query(
        text=text,
        terms=terms,
        ref_date=as_of,
        scope=scope,
        wants_fact=bool(forms["wh"].search(text)) or text.endswith(":"),
        wants_number=bool(forms["number"].search(text)),
        wants=wants,
        phrases=_phrases(remaining, language),
        present=asks_present(text if len(text) <= QUESTION_CHARS else "", language),
        language=language,
        language_sure=language_sure,
        kinds=question_kinds(text, wants) if language == "en" else form_kinds(wants),
        past=language == "en" and asks_past(text),
    )


def _phrases(text: str, language: str) -> tuple[tuple[str, ...], ...]:
    """Word groups that must stand together: hyphenated names and quoted words."""
    found: dict[tuple[str, ...], None] = {}
    for match in itertools.chain(_COMPOUND.finditer(text), _QUOTED.finditer(text)):
        tokens = tuple(tokenize(match.group(match.lastindex or 0), language))
        if 1 < len(tokens) <= _MAX_PHRASE_WORDS:
            found[tokens] = None
        if len(found) == _MAX_PHRASES:
            break
    return tuple(found)


def _answer_type(text: str, forms: dict[str, re.Pattern[str]]) -> str:
    """What kind of thing a wh-question asks for, from its form."""
    for kind in _FORMS:
        if kind in forms and forms[kind].search(text):
            return kind
    return ""
